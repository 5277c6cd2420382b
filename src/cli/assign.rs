//! `claimdesk assign CLAIM... ASSIGNEE` and `claimdesk unassign CLAIM...`.

use anyhow::Result;
use clap::Args;

use super::{Actor, output};
use crate::app;
use crate::error::{Error, kind_of};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Claim ids (or unique prefixes); without --to, the last word is the assignee.
    #[arg(required = true, num_args = 1.., value_name = "CLAIM")]
    pub args: Vec<String>,
    /// Who reviews the claims (then every word before is a claim; - reads claims from stdin).
    #[arg(long)]
    pub to: Option<String>,
    /// Print what would change, change nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub actor: Actor,
}

#[derive(Debug, Args)]
pub struct UnassignArgs {
    /// Claims (numbers, ids or unique prefixes; - reads them from stdin).
    #[arg(required = true)]
    pub claims: Vec<String>,
    /// Print what would change, change nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub actor: Actor,
}

fn apply(
    ws: &mut dyn Store,
    claims: &[String],
    who: Option<&str>,
    actor: &Actor,
    dry_run: bool,
) -> Result<()> {
    let claims = super::with_stdin_ids(claims)?;
    let ids = if dry_run {
        if who.is_some_and(|w| w.trim().is_empty()) {
            return Err(Error::Usage("the assignee is empty".into()).into());
        }
        claims
            .iter()
            .map(|c| ws.resolve_claim(c))
            .collect::<Result<Vec<_>>>()?
    } else {
        app::assign(ws, &claims, who, &actor.name())?
    };
    let tail = if dry_run {
        "  (dry run: nothing changed)"
    } else {
        ""
    };
    for id in &ids {
        let shown = super::mark::number_or_id(ws, id)?;
        match who {
            Some(w) => output::print(&format!("{shown}  assigned to {w}{tail}"))?,
            None => output::print(&format!("{shown}  unassigned{tail}"))?,
        }
    }
    Ok(())
}

pub fn run_assign(ws: &mut dyn Store, args: &AssignArgs) -> Result<()> {
    if let Some(who) = &args.to {
        return apply(
            ws,
            &args.args,
            Some(who.as_str()),
            &args.actor,
            args.dry_run,
        );
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
    let names_a_claim = match ws.resolve_claim(who) {
        Ok(_) => true,
        Err(e) => matches!(kind_of(&e), Some(Error::Ambiguous { .. })),
    };
    if names_a_claim {
        return Err(Error::Usage(format!(
            "'{who}' is a claim id, not a person: give the assignee with --to NAME"
        ))
        .into());
    }
    apply(ws, claims, Some(who.as_str()), &args.actor, args.dry_run)
}

pub fn run_unassign(ws: &mut dyn Store, args: &UnassignArgs) -> Result<()> {
    apply(ws, &args.claims, None, &args.actor, args.dry_run)
}
