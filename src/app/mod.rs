//! The use cases, one function each, under every front end: the CLI today, an HTTP API
//! next. Each owns its transaction, its history rows and its index upkeep; front ends
//! parse, call one of these, and render. No use case calls a front end.

mod articles;
mod claimreview;
mod diff;
mod extract;
mod ingest;
mod maintenance;
mod migrate_to;
mod reextract;
mod report;
mod review;
mod settings;
mod stats;

pub use articles::edit_article;
pub use claimreview::{
    Export, ExportOptions, Imported, export_claimreview, import_claimreview, set_setting,
};
pub use diff::{ArticleDiff, FigureChange, SentenceChange, WordChange, diff_article};
pub use extract::{
    InOrder, Order, StreamChecks, check_extraction, extract_and_check, keys_of, order, window_first,
};
pub use ingest::{FeedIngest, Ingest, ingest_feed, ingest_paths};
pub use maintenance::{backup, doctor, export_all, import_all};
pub use migrate_to::{Fingerprint, Migrated, fingerprint, migrate_to};

use std::path::Path;

use crate::store::postgres::{self, PgStore};
use crate::store::{OpenMode, Store, Workspace};

/// A workspace as front ends hold it: any backend behind the `Store` seam.
pub type Opened = Box<dyn Store + Send>;

/// Opens the workspace at `path` with the check's model of conflict keys: every front end
/// opens it here, and only here is the backend chosen: PostgreSQL for a `postgres://` URL,
/// SQLite for a path.
pub fn open(path: &Path, mode: OpenMode) -> anyhow::Result<Opened> {
    if let Some(url) = path.to_str().filter(|p| postgres::is_url(p)) {
        return Ok(Box::new(PgStore::open(
            url,
            mode,
            crate::check::stored_key,
        )?));
    }
    Ok(Box::new(open_sqlite(path, mode)?))
}

/// The SQLite workspace itself, for what only SQLite offers (benchmarks that build one).
pub fn open_sqlite(path: &Path, mode: OpenMode) -> anyhow::Result<Workspace> {
    Workspace::open(path, mode, crate::check::stored_key)
}
pub use reextract::{Change, Outcome as ReextractOutcome, reextract};
pub use report::{
    ArticleReading, article_of, claim_findings, claim_view, read_article, resolve_rule,
    visible_findings,
};
pub use review::{
    AddClaim, EditClaim, FieldEdit, Marked, Verdict, add_claim, assign, check_mark, check_url,
    dismiss, dismiss_all, edit_claim, mark, mark_with_verdict, next_claim,
};
pub use settings::{add_rating, add_token, remove_rating, remove_token, token_hash};
pub use stats::{Stats, stats};

#[cfg(test)]
mod tests;
