//! `claimdesk dismiss FINDING --note`: a finding that is wrong for a reason the checker
//! cannot see. Recorded in the history of its claims.

use anyhow::{Result, bail};
use clap::Args;

use super::{Actor, output};
use crate::report::{Scope, findings};
use crate::store::{Workspace, dismiss_finding};

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
    if args.note.trim().is_empty() {
        bail!("--note must say why the finding is dismissed");
    }
    let prefix = args.finding.trim().to_ascii_lowercase();
    let all = findings(ws, &Scope::default())?;
    let hits: Vec<_> = all
        .iter()
        .filter(|f| !prefix.is_empty() && f.id.starts_with(&prefix))
        .collect();
    let f = match hits.as_slice() {
        [one] => *one,
        [] => bail!("no current finding with id '{}'", args.finding),
        many => bail!(
            "finding id '{}' is ambiguous: {}",
            args.finding,
            many.iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let claim_ids: Vec<String> = f.claims.iter().filter_map(|c| c.id.clone()).collect();
    let actor = args.actor.name();
    ws.write(|tx| dismiss_finding(tx, &f.id, f.rule, &claim_ids, &args.note, &actor))?;
    output::print(&format!("dismissed {} ({}): {}", &f.id, f.rule, args.note))
}
