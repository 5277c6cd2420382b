//! `claimdesk backup FILE` and `claimdesk doctor`.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;

use super::output;
use crate::app;
use crate::store::Store;

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
    /// Reviewed claims as schema.org ClaimReview JSON-LD (or CSV), to publish.
    Claimreview(super::claimreview::ExportClaimReviewArgs),
}

/// What `import` reads.
#[derive(Debug, clap::Subcommand)]
pub enum ImportWhat {
    /// A file written by `export all`, into a workspace with no articles yet.
    All {
        /// The JSON-lines file.
        file: PathBuf,
    },
    /// Fact-checks published by others (ClaimReview JSON-LD: objects, lists, @graph,
    /// DataFeed, or a page carrying them), as known fact-checks claims are matched against.
    Claimreview {
        /// The file, or - for stdin.
        file: String,
        #[command(flatten)]
        limits: super::Limits,
    },
}

pub fn export(ws: &dyn Store, what: &ExportWhat) -> Result<()> {
    let to = match what {
        ExportWhat::All { output } => output,
        ExportWhat::Claimreview(args) => return super::claimreview::export(ws, args),
    };
    let rows = app::export_all(ws, to)?;
    if to.as_os_str() != "-" {
        output::print(&format!("exported {rows} rows to {}", to.display()))?;
    }
    Ok(())
}

pub fn import(ws: &mut dyn Store, what: &ImportWhat) -> Result<()> {
    let file = match what {
        ImportWhat::All { file } => file,
        ImportWhat::Claimreview { file, limits } => {
            return super::claimreview::import(ws, file, limits.max_bytes);
        }
    };
    let rows = app::import_all(ws, file)?;
    output::print(&format!("imported {rows} rows into {}", ws.location()))
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (a new file).
    pub file: PathBuf,
}

pub fn backup(ws: &dyn Store, args: &BackupArgs) -> Result<()> {
    app::backup(ws, &args.file)?;
    output::print(&format!(
        "backed up {} to {}",
        ws.location(),
        args.file.display()
    ))
}

pub fn doctor(ws: &dyn Store) -> Result<()> {
    let problems = app::doctor(ws)?;
    if problems.is_empty() {
        return output::print(&format!("{}: no problems found", ws.location()));
    }
    for p in &problems {
        output::print(p)?;
    }
    bail!(
        "{}: {} problem(s) found; restore from a backup or export what is sound",
        ws.location(),
        problems.len()
    )
}

#[derive(Debug, Args)]
pub struct MigrateToArgs {
    /// The database to copy into: postgres://USER@HOST/DB (empty, or holding exactly this
    /// workspace already), or the path of a new SQLite file.
    pub target: String,
}

pub fn migrate_to(ws: &dyn Store, args: &MigrateToArgs) -> Result<()> {
    match app::migrate_to(ws, &args.target)? {
        app::Migrated::AlreadyThere(rows) => output::print(&format!(
            "{} already holds these {rows} rows: nothing to do",
            args.target
        )),
        app::Migrated::Copied(tables) => {
            let mut t = output::table(&["table", "rows"]);
            for (table, rows) in &tables {
                t.add_row(vec![output::plain(table), output::plain(&rows.to_string())]);
            }
            output::print(&t.to_string())?;
            let total: usize = tables.values().sum();
            output::print(&format!(
                "copied {total} rows from {} and checked them in the copy",
                ws.location()
            ))
        }
    }
}
