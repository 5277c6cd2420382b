//! Ingest: find files, folders, stdin or URLs; read and extract them on every core while
//! the previous batch is stored.

use anyhow::Result;

use crate::ingest::{self, Ingested, Input, Metadata, Progress, ReadError, ReadOptions};
use crate::store::Store;

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
    ws: &mut dyn Store,
    paths: &[String],
    meta: &Metadata,
    opts: &ReadOptions,
    progress: &Progress<'_>,
    on_read: impl FnOnce(usize),
) -> Result<Ingest> {
    if let Some(url) = &meta.url {
        super::check_url(url)?;
    }
    let found = ingest::find_inputs(paths, opts);
    on_read(found.inputs.len());
    let stored = ingest::ingest_inputs(ws, found.inputs, meta, opts.max_bytes, progress)?;
    Ok(Ingest {
        done: stored.done,
        summary: ingest::format_summary(stored.formats),
        failed: stored.failed,
        skipped: found.skipped,
    })
}

/// What `ingest --feed` did: as `Ingest`, plus the items left alone because their link is
/// already stored (they are not fetched again).
pub struct FeedIngest {
    pub ingest: Ingest,
    /// Items in the feed.
    pub items: usize,
    /// Items whose link was already stored.
    pub known: usize,
}

/// Ingests a feed's new items: each item's page (or its full content when the feed carries
/// it) with the item's date, title and author. An item whose link is already stored is not
/// fetched again, so a re-run reads only what is new.
pub fn ingest_feed(
    ws: &mut dyn Store,
    feed: &str,
    meta: &Metadata,
    opts: &ReadOptions,
    progress: &Progress<'_>,
) -> Result<FeedIngest> {
    let items = ingest::feed::read(feed, opts)?;
    let links: Vec<String> = items.iter().filter_map(|i| i.link.clone()).collect();
    let known = ws.stored_urls(&links)?;
    let mut sources = Vec::new();
    let mut failed = Vec::new();
    let mut skipped = 0;
    for item in &items {
        if item.link.as_ref().is_some_and(|l| known.contains(l)) {
            skipped += 1;
            continue;
        }
        match ingest::feed::item_source(item, opts) {
            Ok(s) => sources.push(s),
            Err(e) => failed.push(ReadError {
                input: item.link.clone().unwrap_or_else(|| feed.to_string()),
                message: format!("{e:#}"),
            }),
        }
    }
    let inputs = sources
        .into_iter()
        .map(|s| Input::Read(Box::new(Ok(s))))
        .collect();
    let stored = ingest::ingest_inputs(ws, inputs, meta, opts.max_bytes, progress)?;
    failed.extend(stored.failed);
    Ok(FeedIngest {
        ingest: Ingest {
            done: stored.done,
            failed,
            skipped: Vec::new(),
            summary: String::new(),
        },
        items: items.len(),
        known: skipped,
    })
}
