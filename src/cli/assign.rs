//! `claimdesk assign CLAIM... ASSIGNEE` and `claimdesk unassign CLAIM...`.

use anyhow::Result;
use clap::Args;

use super::{Actor, ids, output};
use crate::app;
use crate::error::{Error, kind_of};
use crate::store::{IdTable, Workspace};

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Claim ids (or unique prefixes); without --to, the last word is the assignee.
    #[arg(required = true, num_args = 1.., value_name = "CLAIM")]
    pub args: Vec<String>,
    /// Who reviews the claims (then every word before is a claim).
    #[arg(long)]
    pub to: Option<String>,
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
    if let Some(who) = &args.to {
        return apply(ws, &args.args, Some(who.as_str()), &args.actor);
    }
    let (who, claims) = match args.args.split_last() {
        Some((who, claims)) if !claims.is_empty() => (who, claims),
        _ => {
            return Err(
                Error::Usage("give the claims and then the assignee, or --to NAME".into()).into(),
            );
        }
    };
    // `assign A B` where B is a claim would make a claim id somebody's name.
    let names_a_claim = match ws.resolve(IdTable::Claims, who) {
        Ok(_) => true,
        Err(e) => matches!(kind_of(&e), Some(Error::Ambiguous { .. })),
    };
    if names_a_claim {
        return Err(Error::Usage(format!(
            "'{who}' is a claim id, not a person: give the assignee with --to NAME"
        ))
        .into());
    }
    apply(ws, claims, Some(who.as_str()), &args.actor)
}

pub fn run_unassign(ws: &mut Workspace, args: &UnassignArgs) -> Result<()> {
    apply(ws, &args.claims, None, &args.actor)
}
