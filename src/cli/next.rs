//! `claimdesk next`: the next claim to review, shown as `show` shows it.

use anyhow::Result;
use clap::Args;

use super::{Actor, FormatArg, output};
use crate::app;
use crate::model::ClaimKind;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct NextArgs {
    /// Whose queue [default: the actor, as for `mark`: --by, $CLAIMDESK_USER, $USER].
    #[arg(long)]
    pub assignee: Option<String>,
    /// Only claims of this story.
    #[arg(long)]
    pub story: Option<String>,
    /// Only claims of this kind.
    #[arg(long, value_parser = super::parse_kind)]
    pub kind: Option<ClaimKind>,
    #[command(flatten)]
    pub actor: Actor,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(ws: &dyn Store, args: &NextArgs) -> Result<()> {
    let who = args.assignee.clone().unwrap_or_else(|| args.actor.name());
    match app::next_claim(ws, &who, args.story.as_deref(), args.kind)? {
        Some(c) => match &c.id {
            Some(id) => super::show::render(ws, id, args.format.format),
            None => output::print("nothing left to review"),
        },
        None => output::print("nothing left to review"),
    }
}
