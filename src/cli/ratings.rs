//! `claimdesk ratings`: the workspace's rating scale, shown and edited.

use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::json;

use super::FormatArg;
use super::output::{self, Format};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct RatingsArgs {
    #[command(subcommand)]
    pub change: Option<RatingsChange>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Subcommand)]
pub enum RatingsChange {
    /// Add a rating at the end of the scale.
    Add {
        label: String,
        /// Its value on the scale (best highest); none for a rating outside it.
        #[arg(long)]
        value: Option<i64>,
    },
    /// Remove a rating no claim carries.
    Remove { label: String },
}

pub fn run(ws: &mut dyn Store, args: &RatingsArgs) -> Result<()> {
    match &args.change {
        Some(RatingsChange::Add { label, value }) => crate::app::add_rating(ws, label, *value)?,
        Some(RatingsChange::Remove { label }) => crate::app::remove_rating(ws, label)?,
        None => {}
    }
    let scale = ws.ratings()?;
    match args.format.format {
        Format::Json => output::print_json(&json!(
            scale
                .iter()
                .map(|(l, v)| json!({"label": l, "value": v}))
                .collect::<Vec<_>>()
        )),
        Format::Csv => output::print_csv(
            &["label", "value"],
            &scale
                .iter()
                .map(|(l, v)| vec![l.clone(), v.map(|v| v.to_string()).unwrap_or_default()])
                .collect::<Vec<_>>(),
        ),
        Format::Table => {
            let mut t = output::table(&["rating", "value"]);
            for (l, v) in &scale {
                t.add_row(vec![
                    l.clone(),
                    v.map(|v| v.to_string()).unwrap_or_default(),
                ]);
            }
            output::print(&t.to_string())
        }
    }
}
