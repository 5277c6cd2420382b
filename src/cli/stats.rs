//! `claimdesk stats`: the morning meeting's numbers.

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde_json::json;

use super::FormatArg;
use super::output::{self, Format};
use crate::app;
use crate::store::{CountBy, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    Status,
    Kind,
    Assignee,
    Story,
    Outlet,
}

impl By {
    fn count_by(self) -> CountBy {
        match self {
            By::Status => CountBy::Status,
            By::Kind => CountBy::Kind,
            By::Assignee => CountBy::Assignee,
            By::Story => CountBy::Story,
            By::Outlet => CountBy::Outlet,
        }
    }
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Only the claims of this story.
    #[arg(long)]
    pub story: Option<String>,
    /// What to count the claims by.
    #[arg(long, value_enum, default_value_t = By::Status)]
    pub by: By,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(ws: &dyn Store, args: &StatsArgs) -> Result<()> {
    let s = app::stats(ws, args.by.count_by(), args.story.as_deref())?;
    let by = s.by.as_str();
    match args.format.format {
        Format::Json => output::print_json(&json!({
            "by": by,
            "rows": s.rows.iter().map(|(k, n)| json!({"key": k, "claims": n})).collect::<Vec<_>>(),
            "open_findings": s.open_findings,
        })),
        Format::Csv => {
            let rows: Vec<Vec<String>> = s
                .rows
                .iter()
                .map(|(k, n)| vec![k.clone().unwrap_or_default(), n.to_string()])
                .collect();
            output::print_csv(&[by, "claims"], &rows)
        }
        Format::Table => {
            let mut t = output::table(&[by, "claims"]);
            for (k, n) in &s.rows {
                t.add_row(vec![
                    k.clone().unwrap_or_else(|| "(none)".into()),
                    n.to_string(),
                ]);
            }
            let total: i64 = s.rows.iter().map(|r| r.1).sum();
            output::print(&t.to_string())?;
            output::print(&format!(
                "{total} claims; {} open finding(s)",
                s.open_findings
            ))
        }
    }
}
