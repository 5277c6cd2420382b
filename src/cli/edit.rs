//! `claimdesk edit CLAIM --value 120 ...`: a reviewer corrects a claim's kind or value.
//! Every changed field is one history row; the findings follow at once.

use anyhow::Result;
use clap::Args;

use super::{Actor, ids, output};
use crate::app::{self, FieldEdit};
use crate::model::ClaimKind;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Claim id or unique prefix.
    pub claim: String,
    /// date, count, duration, percent, money, measure or other.
    #[arg(long, value_parser = super::parse_kind)]
    pub kind: Option<ClaimKind>,
    /// An exact number: sets both low and high.
    #[arg(long, conflicts_with_all = ["low", "high"])]
    pub value: Option<f64>,
    /// Lower end of the range, or "none" for open.
    #[arg(long, value_parser = parse_bound)]
    pub low: Option<Bound>,
    /// Upper end of the range, or "none" for open.
    #[arg(long, value_parser = parse_bound)]
    pub high: Option<Bound>,
    /// "more than", "about", ...; "" clears it.
    #[arg(long)]
    pub qualifier: Option<String>,
    /// What is counted ("civilians killed"); "" clears it.
    #[arg(long)]
    pub subject: Option<String>,
    /// The event ("killed"); "" clears it.
    #[arg(long)]
    pub predicate: Option<String>,
    /// A duration's unit ("years") or a measure's ("km", "hectares"); "" clears it.
    #[arg(long)]
    pub unit: Option<String>,
    /// ISO currency code ("USD"); "" clears it.
    #[arg(long)]
    pub currency: Option<String>,
    /// YYYY-MM-DD, or "none".
    #[arg(long, value_parser = super::parse_date_or_none)]
    pub date: Option<super::DateOrNone>,
    /// The weekday as written; "" clears it.
    #[arg(long)]
    pub weekday: Option<String>,
    /// Why: kept in the history.
    #[arg(long)]
    pub note: Option<String>,
    #[command(flatten)]
    pub actor: Actor,
}

/// A range end: a number, or open ("none").
#[derive(Debug, Clone, Copy)]
pub struct Bound(Option<f64>);

fn parse_bound(s: &str) -> Result<Bound, String> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(Bound(None));
    }
    match s.replace(',', "").parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(Bound(Some(n))),
        _ => Err(format!("'{s}' is not a number (or \"none\")")),
    }
}

/// The fields the flags set, in a fixed order.
fn field_edits(args: &EditArgs) -> Vec<FieldEdit> {
    let mut out = Vec::new();
    if let Some(n) = args.value {
        out.push(FieldEdit::Low(Some(n)));
        out.push(FieldEdit::High(Some(n)));
    }
    out.extend(args.low.map(|b| FieldEdit::Low(b.0)));
    out.extend(args.high.map(|b| FieldEdit::High(b.0)));
    out.extend(super::text_edit(&args.qualifier).map(FieldEdit::Qualifier));
    out.extend(super::text_edit(&args.subject).map(FieldEdit::Subject));
    out.extend(super::text_edit(&args.predicate).map(FieldEdit::Predicate));
    out.extend(super::text_edit(&args.unit).map(FieldEdit::Unit));
    out.extend(super::text_edit(&args.currency).map(FieldEdit::Currency));
    out.extend(args.date.map(|d| FieldEdit::Date(d.0)));
    out.extend(super::text_edit(&args.weekday).map(FieldEdit::Weekday));
    out
}

pub fn run(ws: &mut dyn Store, args: &EditArgs) -> Result<()> {
    let (id, changed) = app::edit_claim(
        ws,
        &app::EditClaim {
            claim: &args.claim,
            kind: args.kind,
            fields: field_edits(args),
            note: args.note.as_deref(),
        },
        &args.actor.name(),
    )?;
    let short = ids::short_claim(ws, &id)?;
    if changed.is_empty() {
        output::print(&format!("{short}  unchanged"))
    } else {
        output::print(&format!("{short}  edited: {}", changed.join(", ")))
    }
}
