//! Reading articles from files, folders or stdin, validating them, extracting their claims
//! and storing them: each article with its claims, idempotent on the body's hash.

mod charset;
pub mod feed;
mod fetch;
pub mod html;
mod markdown;
pub mod page;
mod source;

use anyhow::Result;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

pub use source::{
    DEFAULT_MAX_BYTES, Fetched, Format, Input, Inputs, ReadError, ReadOptions, Source, Sources,
    find_inputs, format_summary, read_limited, read_sources,
};

use crate::extract::{self, PublishedFrom};
use crate::model::{Anchor, Claim, ConflictKey, KeyFn};
use crate::store::{NewArticle, Store};

/// Called with the number of articles just done (extracted, then stored), for progress bars.
pub type Progress<'a> = dyn Fn(u64) + Sync + 'a;

/// Metadata given on the command line; applies to every article of one command.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub story: Option<String>,
}

/// An article read and extracted, ready to store.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub article: NewArticle,
    pub published_from: Option<PublishedFrom>,
    /// Set when the article is in a language claims are not yet read from.
    pub unsupported_language: Option<extract::Language>,
    pub claims: Vec<Claim>,
    pub format: Format,
    /// The claims' conflict keys, one per claim, computed off the writer's thread.
    pub keys: Vec<Option<(ConflictKey, Anchor)>>,
}

/// What happened to one article.
#[derive(Debug, Clone)]
pub struct Ingested {
    pub id: crate::model::ArticleId,
    pub new: bool,
    pub unsupported_language: Option<extract::Language>,
    pub published_from: Option<PublishedFrom>,
    pub source: String,
    /// The stored article this one is a new version of (same URL, changed text).
    pub previous: Option<crate::model::ArticleId>,
    /// Claims whose review work was carried over from the previous version.
    pub carried: usize,
}

pub fn sha256_hex(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Extracts the claims of one source's text, its date and title resolved as ingest stores
/// them: the `--published` flag, else the page's own date, else the dateline; the page's
/// headline, else the first line.
pub fn extract_source(src: &Source, published: Option<NaiveDate>) -> extract::Extraction {
    extract_body(&src.body, &src.meta, published)
}

/// `extract_source` of a body already shared (its claims' sentences point into it) and
/// what its page said of itself.
pub fn extract_body(
    body: &crate::model::Body,
    meta: &page::PageMeta,
    published: Option<NaiveDate>,
) -> extract::Extraction {
    let mut ex = extract_body_header(body, meta, published);
    ex.read_claims(body);
    ex
}

/// `extract_body` without the claims (left empty), for a caller that reads them part by
/// part (`extract::claims_in_parts`).
pub fn extract_body_header(
    body: &str,
    meta: &page::PageMeta,
    published: Option<NaiveDate>,
) -> extract::Extraction {
    let given = published
        .map(|d| (d, PublishedFrom::Flag))
        .or(meta.published);
    let mut ex = extract::extract_header(body, given.map(|(d, _)| d));
    if let Some((_, from)) = given {
        ex.published_from = Some(from);
    }
    if let Some(t) = &meta.title {
        ex.title = t.clone();
    }
    ex
}

/// Extracts the claims of one source's text and resolves its metadata: flags on the command
/// line first, then what the page says of itself, then the text's first line and dateline.
pub fn prepare(src: &Source, meta: &Metadata) -> Prepared {
    let page = &src.meta;
    let ex = extract_source(src, meta.published);
    let unsupported_language = ex.unsupported_language().cloned();
    let fetched = src.fetched.as_ref();
    Prepared {
        article: NewArticle {
            title: meta.title.clone().unwrap_or(ex.title),
            url: meta
                .url
                .clone()
                .or(page.url.clone())
                .or(fetched.map(|f| f.final_url.clone())),
            outlet: meta.outlet.clone().or(page.outlet.clone()),
            author: meta.author.clone().or(page.author.clone()),
            published: ex.published.map(|d| d.to_string()),
            story: meta.story.clone(),
            body_sha256: sha256_hex(&src.body),
            body: src.body.to_string(),
            source_path: src.path.clone(),
            language: ex.language.as_ref().map(|l| l.code.clone()),
            published_from: ex.published_from.map(|p| p.as_str().to_string()),
            format: src.format.as_str().to_string(),
            fetched_url: fetched.map(|f| f.url.clone()),
            fetched_at: fetched.map(|f| f.at.clone()),
            raw_sha256: src.raw_sha256.clone(),
            previous_id: None,
        },
        unsupported_language,
        published_from: ex.published_from,
        claims: ex.claims,
        format: src.format,
        keys: Vec::new(),
    }
}

/// Articles per write transaction in bulk ingest: large enough to amortize the commit,
/// small enough that a crash loses little work.
pub const BATCH: usize = 500;

/// Batches extracted ahead of the writer: extraction runs while the previous batch is
/// written, and memory holds at most this many batches beyond the one being written.
const BATCHES_AHEAD: usize = 2;

/// What `ingest_inputs` did: the articles stored or found, the inputs that could not be
/// read, and how many of each format were read.
pub struct Stored {
    pub done: Vec<Ingested>,
    pub failed: Vec<ReadError>,
    pub formats: Vec<Format>,
}

/// Reads, extracts and stores the inputs in transactions of `BATCH` articles: files are read
/// and extracted (on every core) a batch ahead of the writer, through a bounded channel, so
/// neither a folder's text nor its claims are ever in memory whole. An article whose body is
/// already stored is left as it is and reported as not new.
pub fn ingest_inputs(
    ws: &mut dyn Store,
    inputs: Vec<Input>,
    meta: &Metadata,
    max_bytes: u64,
    progress: &Progress<'_>,
) -> Result<Stored> {
    let keys = ws.key_fn();
    let total = inputs.len();
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Read>>(BATCHES_AHEAD);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut inputs = inputs.into_iter();
            loop {
                let chunk: Vec<Input> = inputs.by_ref().take(BATCH).collect();
                if chunk.is_empty() {
                    break;
                }
                let batch = prepare_all(chunk, meta, keys, max_bytes, progress);
                // The writer stopped (it failed): stop reading.
                if send.send(batch).is_err() {
                    break;
                }
            }
        });
        let mut out = Stored {
            done: Vec::with_capacity(total),
            failed: Vec::new(),
            formats: Vec::with_capacity(total),
        };
        for batch in receive {
            let mut prepared = Vec::with_capacity(batch.len());
            for read in batch {
                match read {
                    Ok(p) => prepared.push(p),
                    Err(e) => out.failed.push(e),
                }
            }
            out.formats.extend(prepared.iter().map(|p| p.format));
            out.done.extend(store_batch(ws, &prepared, progress)?);
        }
        Ok(out)
    })
}

/// One input read and prepared, or why it could not be read.
type Read = std::result::Result<Prepared, ReadError>;

/// Stores prepared articles in one transaction.
fn store_batch(
    ws: &mut dyn Store,
    chunk: &[Prepared],
    progress: &Progress<'_>,
) -> Result<Vec<Ingested>> {
    progress(chunk.len() as u64);
    ws.write(|tx| {
        let since = tx.last_rowid()?;
        let mut done = Vec::with_capacity(chunk.len());
        for p in chunk {
            let source = p.article.source_path.clone().unwrap_or_else(|| "-".into());
            if let Some(id) = tx.find_article_by_hash(&p.article.body_sha256)? {
                done.push(Ingested {
                    id,
                    new: false,
                    unsupported_language: p.unsupported_language.clone(),
                    published_from: p.published_from,
                    source,
                    previous: None,
                    carried: 0,
                });
                continue;
            }
            // Changed text at a stored article's address is a new version of it.
            let previous = match &p.article.url {
                Some(url) => tx.latest_at_url(url)?,
                None => None,
            };
            let id = match &previous {
                Some((prev, story)) => {
                    let mut a = p.article.clone();
                    a.previous_id = Some(prev.clone());
                    if a.story.is_none() {
                        a.story = story.clone();
                    }
                    tx.insert_article(&a)?
                }
                None => tx.insert_article(&p.article)?,
            };
            for (c, key) in p.claims.iter().zip(&p.keys) {
                tx.stage_claim(&id, c, key.clone())?;
            }
            let carried = match &previous {
                Some((prev, _)) => {
                    tx.flush_staged()?;
                    tx.carry_over(prev, &id)?
                }
                None => 0,
            };
            done.push(Ingested {
                id,
                new: true,
                unsupported_language: p.unsupported_language.clone(),
                published_from: p.published_from,
                source,
                previous: previous.map(|(p, _)| p),
                carried,
            });
        }
        tx.flush_staged()?;
        tx.index_new_claims(since)?;
        // Claims that others have fact-checked already are found as they arrive.
        crate::claimreview::matching::match_new_claims(tx, since)?;
        Ok(done)
    })
}

/// Reads and prepares every input with its claims' conflict keys, spread over the
/// machine's cores; order is kept.
fn prepare_all(
    inputs: Vec<Input>,
    meta: &Metadata,
    keys: KeyFn,
    max_bytes: u64,
    progress: &Progress<'_>,
) -> Vec<Read> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let one = |input: Input| {
        let read = input.read(max_bytes).map(|s| {
            let mut p = prepare(&s, meta);
            p.keys = p.claims.iter().map(keys).collect();
            p
        });
        progress(1);
        read
    };
    if threads == 1 || inputs.len() < 8 {
        return inputs.into_iter().map(one).collect();
    }
    let per = inputs.len().div_ceil(threads);
    let mut rest = inputs.into_iter();
    let parts: Vec<Vec<Input>> = std::iter::from_fn(|| {
        let part: Vec<Input> = rest.by_ref().take(per).collect();
        (!part.is_empty()).then_some(part)
    })
    .collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| {
                let one = &one;
                scope.spawn(move || part.into_iter().map(one).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("extraction thread panicked"))
            .collect()
    })
}
