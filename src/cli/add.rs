//! `claimdesk add ARTICLE --quote TEXT`: a claim the extractor missed, added by hand.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;

use super::{Actor, ids, output};
use crate::extract::{CharCursor, claims_in, sentence_around, sentence_spans};
use crate::model::{Claim, ClaimKind, Origin, Value};
use crate::store::{self, Workspace, now};

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Article id or unique prefix.
    pub article: String,
    /// The exact words of the claim, as they occur in the article.
    #[arg(long)]
    pub quote: String,
    /// date, count, duration, percent, money or other [default: what the extractor makes of the quote, else other].
    #[arg(long)]
    pub kind: Option<String>,
    /// Which occurrence of the quote, counting from 1.
    #[arg(long, default_value_t = 1)]
    pub occurrence: usize,
    #[command(flatten)]
    pub actor: Actor,
}

pub fn run(ws: &mut Workspace, args: &AddArgs) -> Result<()> {
    let article_id = ids::article_id(ws, &args.article)?;
    let kind: Option<ClaimKind> = args
        .kind
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    if args.quote.trim().is_empty() {
        bail!("the quote is empty");
    }
    if args.occurrence == 0 {
        bail!("--occurrence counts from 1");
    }
    let article = ws.article_text(&article_id)?;
    let body = &article.body;
    let found: Vec<usize> = body
        .match_indices(args.quote.as_str())
        .map(|(i, _)| i)
        .collect();
    let Some(&byte_start) = found.get(args.occurrence - 1) else {
        if found.is_empty() {
            bail!(
                "the quote \"{}\" does not occur in article {}",
                args.quote,
                article.title
            );
        }
        bail!(
            "the quote occurs {} time(s) in the article, not {}",
            found.len(),
            args.occurrence
        );
    };
    let byte_end = byte_start + args.quote.len();
    let mut index = CharCursor::new(body);
    let (start, end) = (index.chars_before(byte_start), index.chars_before(byte_end));
    // The extractor's reading of the same words gives the value, when it has one.
    let published = article
        .published
        .as_deref()
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
    let extracted = claims_in(body, published)
        .into_iter()
        .find(|c| c.start == start && c.end == end && kind.is_none_or(|k| k == c.kind));
    let kind = kind
        .or(extracted.as_ref().map(|c| c.kind))
        .unwrap_or(ClaimKind::Other);
    let sentence = sentence_around(body, &sentence_spans(body), byte_start, byte_end);
    let value = extracted.map(|c| c.value).unwrap_or(Value {
        valid: true,
        ..Value::default()
    });
    let claim = Claim::unstored(
        kind,
        args.quote.clone(),
        start,
        end,
        sentence.to_string(),
        Origin::Manual,
        value,
    );
    let actor = args.actor.name();
    let id = ws.write(|tx| {
        if let Some(existing) = store::claim_at(tx, &article_id, start, end, kind)? {
            bail!("that claim is already stored as {existing}");
        }
        let since = store::last_rowid(tx)?;
        let id = store::insert_claim(tx, &article_id, &claim)?.expect("checked above");
        store::index_new_claims(tx, since)?;
        store::append_history(
            tx,
            &id,
            &now(),
            &actor,
            "created",
            None,
            Some(kind.as_str()),
            None,
            None,
        )?;
        Ok(id)
    })?;
    output::print(&format!(
        "{}  added {kind} claim \"{}\" at {start}–{end}",
        ids::short_claim(ws, &id)?,
        args.quote
    ))
}
