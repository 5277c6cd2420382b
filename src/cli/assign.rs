//! `claimdesk assign CLAIM... ASSIGNEE` and `claimdesk unassign CLAIM...`.

use anyhow::Result;
use clap::Args;

use super::{Actor, ids, output};
use crate::app;
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Claim ids (or unique prefixes), then the assignee.
    #[arg(required = true, num_args = 2.., value_names = ["CLAIM", "ASSIGNEE"])]
    pub args: Vec<String>,
    #[command(flatten)]
    pub actor: Actor,
}

#[derive(Debug, Args)]
pub struct UnassignArgs {
    /// Claim ids (or unique prefixes).
    #[arg(required = true)]
    pub claims: Vec<String>,
    #[command(flatten)]
    pub actor: Actor,
}

fn apply(ws: &mut Workspace, claims: &[String], who: Option<&str>, actor: &Actor) -> Result<()> {
    for id in app::assign(ws, claims, who, &actor.name())? {
        let short = ids::short_claim(ws, &id)?;
        match who {
            Some(w) => output::print(&format!("{short}  assigned to {w}"))?,
            None => output::print(&format!("{short}  unassigned"))?,
        }
    }
    Ok(())
}

pub fn run_assign(ws: &mut Workspace, args: &AssignArgs) -> Result<()> {
    let (who, claims) = args.args.split_last().expect("clap requires two values");
    apply(ws, claims, Some(who.as_str()), &args.actor)
}

pub fn run_unassign(ws: &mut Workspace, args: &UnassignArgs) -> Result<()> {
    apply(ws, &args.claims, None, &args.actor)
}
