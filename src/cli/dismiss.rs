//! `claimdesk dismiss FINDING --note`: a finding that is wrong for a reason the checker
//! cannot see. Recorded in the history of its claims.

use anyhow::Result;
use clap::Args;

use super::{Actor, output};
use crate::app;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct DismissArgs {
    /// Finding ids or unique prefixes (as `report` shows them); - reads them from stdin.
    #[arg(required = true)]
    pub findings: Vec<String>,
    /// Why the finding is wrong: required, it is kept in the history.
    #[arg(long)]
    pub note: String,
    /// Print what would be dismissed, change nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub actor: Actor,
}

pub fn run(ws: &mut dyn Store, args: &DismissArgs) -> Result<()> {
    let findings = super::with_stdin_ids(&args.findings)?;
    let done = app::dismiss_all(ws, &findings, &args.note, &args.actor.name(), args.dry_run)?;
    let tail = if args.dry_run {
        "  (dry run: nothing changed)"
    } else {
        ""
    };
    for f in done {
        output::print(&format!(
            "dismissed {} ({}): {}{tail}",
            &f.id, f.rule, args.note
        ))?;
    }
    Ok(())
}
