//! Ingest: read files, folders or stdin, extract on every core, store in batches.

use anyhow::Result;

use crate::ingest::{self, Ingested, Metadata, Progress, ReadError, ReadOptions, read_sources};
use crate::store::Workspace;

/// What one ingest did: the articles stored or found, and the inputs that could not be read.
pub struct Ingest {
    pub done: Vec<Ingested>,
    pub failed: Vec<ReadError>,
    /// Files a folder walk left out, each with its reason.
    pub skipped: Vec<String>,
    /// How many sources of each format were read ("3 text, 1 html").
    pub summary: String,
}

/// Ingests the paths (files, folders, URLs, `-`), read as `opts` says: every readable input is stored (or found
/// already there); those that cannot be read are returned, and the rest still go in.
pub fn ingest_paths(
    ws: &mut Workspace,
    paths: &[String],
    meta: &Metadata,
    opts: &ReadOptions,
    progress: &Progress<'_>,
    on_read: impl FnOnce(usize),
) -> Result<Ingest> {
    if let Some(url) = &meta.url {
        super::check_url(url)?;
    }
    let read = read_sources(paths, opts);
    on_read(read.sources.len());
    let prepared = ingest::prepare_all(&read.sources, meta, progress);
    let done = ingest::store_all(ws, &prepared, progress)?;
    Ok(Ingest {
        done,
        summary: read.summary(),
        failed: read.failed,
        skipped: read.skipped,
    })
}
