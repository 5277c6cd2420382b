//! Ingest: read files, folders or stdin, extract on every core, store in batches.

use anyhow::Result;

use crate::ingest::{self, Ingested, Metadata, Progress, ReadError, read_sources};
use crate::store::Workspace;

/// What one ingest did: the articles stored or found, and the inputs that could not be read.
pub struct Ingest {
    pub done: Vec<Ingested>,
    pub failed: Vec<ReadError>,
}

/// Ingests the paths, each at most `max_bytes`: every readable input is stored (or found
/// already there); those that cannot be read are returned, and the rest still go in.
pub fn ingest_paths(
    ws: &mut Workspace,
    paths: &[String],
    meta: &Metadata,
    max_bytes: u64,
    progress: &Progress<'_>,
    on_read: impl FnOnce(usize),
) -> Result<Ingest> {
    if let Some(url) = &meta.url {
        super::check_url(url)?;
    }
    let (sources, failed) = read_sources(paths, max_bytes);
    on_read(sources.len());
    let prepared = ingest::prepare_all(&sources, meta, progress);
    let done = ingest::store_all(ws, &prepared, progress)?;
    Ok(Ingest { done, failed })
}
