//! `claimdesk add ARTICLE --quote TEXT`: a claim the extractor missed, added by hand.

use anyhow::Result;
use clap::Args;

use super::{Actor, ids, output};
use crate::app;
use crate::model::ClaimKind;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Article id or unique prefix.
    pub article: String,
    /// The exact words of the claim, as they occur in the article.
    #[arg(long)]
    pub quote: String,
    /// date, count, duration, percent, money, measure or other [default: what the extractor makes of the quote, else other].
    #[arg(long, value_parser = super::parse_kind)]
    pub kind: Option<ClaimKind>,
    /// Which occurrence of the quote, counting from 1.
    #[arg(long, default_value_t = 1)]
    pub occurrence: usize,
    #[command(flatten)]
    pub actor: Actor,
}

pub fn run(ws: &mut dyn Store, args: &AddArgs) -> Result<()> {
    let claim = app::add_claim(
        ws,
        &app::AddClaim {
            article: &args.article,
            quote: &args.quote,
            occurrence: args.occurrence,
            kind: args.kind,
        },
        &args.actor.name(),
    )?;
    output::print(&format!(
        "{}  added {} claim \"{}\" at {}–{}",
        ids::short_claim(ws, claim.id.as_deref().unwrap_or_default())?,
        claim.kind(),
        claim.text,
        claim.start,
        claim.end
    ))
}
