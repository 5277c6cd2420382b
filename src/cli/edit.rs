//! `claimdesk edit CLAIM --value 120 ...`: a reviewer corrects a claim's kind or value.
//! Every changed field is one history row; the findings follow at once.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;

use super::{Actor, ids, output};
use crate::model::ClaimKind;
use crate::store::{self, Workspace};

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Claim id or unique prefix.
    pub claim: String,
    /// date, count, duration, percent, money or other.
    #[arg(long)]
    pub kind: Option<String>,
    /// An exact number: sets both low and high.
    #[arg(long, conflicts_with_all = ["low", "high"])]
    pub value: Option<f64>,
    /// Lower end of the range, or "none" for open.
    #[arg(long)]
    pub low: Option<String>,
    /// Upper end of the range, or "none" for open.
    #[arg(long)]
    pub high: Option<String>,
    /// "more than", "about", ...; "" clears it.
    #[arg(long)]
    pub qualifier: Option<String>,
    /// What is counted ("civilians killed"); "" clears it.
    #[arg(long)]
    pub subject: Option<String>,
    /// The event ("killed"); "" clears it.
    #[arg(long)]
    pub predicate: Option<String>,
    /// Duration unit ("years"); "" clears it.
    #[arg(long)]
    pub unit: Option<String>,
    /// ISO currency code ("USD"); "" clears it.
    #[arg(long)]
    pub currency: Option<String>,
    /// YYYY-MM-DD, or "none".
    #[arg(long)]
    pub date: Option<String>,
    /// The weekday as written; "" clears it.
    #[arg(long)]
    pub weekday: Option<String>,
    /// Why: kept in the history.
    #[arg(long)]
    pub note: Option<String>,
    #[command(flatten)]
    pub actor: Actor,
}

fn number(flag: &str, s: &str) -> Result<Option<f64>> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    match s.replace(',', "").parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(Some(n)),
        _ => bail!("--{flag} '{s}' is not a number (or \"none\")"),
    }
}

fn text(s: &Option<String>, old: &Option<String>) -> Option<String> {
    match s {
        Some(v) if v.trim().is_empty() => None,
        Some(v) => Some(v.trim().to_string()),
        None => old.clone(),
    }
}

pub fn run(ws: &mut Workspace, args: &EditArgs) -> Result<()> {
    let id = ids::claim_id(ws, &args.claim)?;
    let claim = ws.claim(&id)?;
    let kind: ClaimKind = match &args.kind {
        Some(k) => k.parse().map_err(anyhow::Error::msg)?,
        None => claim.kind,
    };
    let mut v = claim.value.clone();
    if let Some(n) = args.value {
        v.low = Some(n);
        v.high = Some(n);
    }
    if let Some(l) = &args.low {
        v.low = number("low", l)?;
    }
    if let Some(h) = &args.high {
        v.high = number("high", h)?;
    }
    if let (Some(l), Some(h)) = (v.low, v.high)
        && l > h
    {
        bail!("low ({l}) is above high ({h})");
    }
    v.qualifier = text(&args.qualifier, &v.qualifier);
    v.subject = text(&args.subject, &v.subject);
    v.predicate = text(&args.predicate, &v.predicate);
    v.unit = text(&args.unit, &v.unit);
    v.currency = text(&args.currency, &v.currency).map(|c| c.to_ascii_uppercase());
    v.weekday = text(&args.weekday, &v.weekday);
    if let Some(d) = &args.date {
        if d.eq_ignore_ascii_case("none") {
            v.date = None;
        } else {
            v.date = Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                anyhow::anyhow!("--date '{d}' is not a date in the form YYYY-MM-DD")
            })?);
            v.valid = true;
            v.year_inferred = false;
        }
    }
    let actor = args.actor.name();
    let changed =
        ws.write(|tx| store::edit_claim(tx, &id, kind, &v, &actor, args.note.as_deref()))?;
    let short = ids::short_claim(ws, &id)?;
    if changed.is_empty() {
        output::print(&format!("{short}  unchanged"))
    } else {
        output::print(&format!("{short}  edited: {}", changed.join(", ")))
    }
}
