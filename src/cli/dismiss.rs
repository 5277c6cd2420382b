//! `claimdesk dismiss FINDING --note`: a finding that is wrong for a reason the checker
//! cannot see. Recorded in the history of its claims.

use anyhow::Result;
use clap::Args;

use super::{Actor, output};
use crate::app;
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct DismissArgs {
    /// Finding id or unique prefix (as `report` shows it).
    pub finding: String,
    /// Why the finding is wrong: required, it is kept in the history.
    #[arg(long)]
    pub note: String,
    #[command(flatten)]
    pub actor: Actor,
}

pub fn run(ws: &mut Workspace, args: &DismissArgs) -> Result<()> {
    let f = app::dismiss(ws, &args.finding, &args.note, &args.actor.name())?;
    output::print(&format!("dismissed {} ({}): {}", &f.id, f.rule, args.note))
}
