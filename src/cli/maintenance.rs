//! `claimdesk backup FILE` and `claimdesk doctor`.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;

use super::output;
use crate::app;
use crate::store::Workspace;

/// What `export` writes.
#[derive(Debug, clap::Subcommand)]
pub enum ExportWhat {
    /// Every row of every table, as JSON lines: the workspace in a form any tool can read,
    /// and `import all` can load into a new workspace.
    All {
        /// Where to write (a new file), or - for stdout.
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// What `import` reads.
#[derive(Debug, clap::Subcommand)]
pub enum ImportWhat {
    /// A file written by `export all`, into a workspace with no articles yet.
    All {
        /// The JSON-lines file.
        file: PathBuf,
    },
}

pub fn export(ws: &Workspace, what: &ExportWhat) -> Result<()> {
    let ExportWhat::All { output: to } = what;
    let rows = app::export_all(ws, to)?;
    if to.as_os_str() != "-" {
        output::print(&format!("exported {rows} rows to {}", to.display()))?;
    }
    Ok(())
}

pub fn import(ws: &mut Workspace, what: &ImportWhat) -> Result<()> {
    let ImportWhat::All { file } = what;
    let rows = app::import_all(ws, file)?;
    output::print(&format!(
        "imported {rows} rows into {}",
        ws.path().display()
    ))
}

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
