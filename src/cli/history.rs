//! `claimdesk history CLAIM`: every change to one claim, oldest first.

use anyhow::Result;
use clap::Args;

use super::output::{self, Format, opt};
use super::{FormatArg, ids};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Claim id or unique prefix.
    pub claim: String,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(ws: &dyn Store, args: &HistoryArgs) -> Result<()> {
    let id = ids::claim_id(ws, &args.claim)?;
    let rows = ws.history(&id)?;
    match args.format.format {
        Format::Json => output::print_json(&serde_json::to_value(&rows)?),
        Format::Csv => output::print_csv(
            &[
                "claim_id",
                "at",
                "actor",
                "action",
                "from",
                "to",
                "note",
                "evidence_url",
            ],
            &rows
                .iter()
                .map(|h| {
                    vec![
                        h.claim_id.to_string(),
                        h.at.clone(),
                        h.actor.clone(),
                        h.action.clone(),
                        opt(&h.from),
                        opt(&h.to),
                        opt(&h.note),
                        opt(&h.evidence_url),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
        Format::Table => {
            let mut t = output::table(&["at", "who", "action", "from", "to", "note", "evidence"]);
            for h in &rows {
                t.add_row(vec![
                    h.at.clone(),
                    h.actor.clone(),
                    h.action.clone(),
                    opt(&h.from),
                    opt(&h.to),
                    opt(&h.note),
                    opt(&h.evidence_url),
                ]);
            }
            output::print(&t.to_string())
        }
    }
}
