//! `claimdesk backup FILE` and `claimdesk doctor`.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;

use super::output;
use crate::app;
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (a new file).
    pub file: PathBuf,
}

pub fn backup(ws: &Workspace, args: &BackupArgs) -> Result<()> {
    app::backup(ws, &args.file)?;
    output::print(&format!(
        "backed up {} to {}",
        ws.path().display(),
        args.file.display()
    ))
}

pub fn doctor(ws: &Workspace) -> Result<()> {
    let problems = app::doctor(ws)?;
    if problems.is_empty() {
        return output::print(&format!("{}: no problems found", ws.path().display()));
    }
    for p in &problems {
        output::print(p)?;
    }
    bail!(
        "{}: {} problem(s) found; restore from a backup or export what is sound",
        ws.path().display(),
        problems.len()
    )
}
