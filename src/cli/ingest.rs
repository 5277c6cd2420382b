//! `claimdesk ingest`: store articles and their extracted claims.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;
use serde_json::Value as Json;

use super::FormatArg;
use super::output::{self, Format, clip, opt};
use crate::app;
use crate::ingest::{self, Metadata};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files (.txt, .md, .html), folders (walked into subfolders), http(s) URLs or - for stdin.
    #[arg(required_unless_present = "feed", conflicts_with = "feed")]
    pub paths: Vec<String>,
    /// An RSS 2.0 or Atom feed (URL, file or -): each new item's page, or its full text
    /// when the feed carries it, with the item's date, title and author. Items whose link
    /// is already stored are not fetched again.
    #[arg(long, value_name = "URL|FILE")]
    pub feed: Option<String>,
    /// Read only the files directly in a folder, not its subfolders.
    #[arg(long)]
    pub no_recurse: bool,
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long)]
    pub outlet: Option<String>,
    #[arg(long)]
    pub author: Option<String>,
    /// Title [default: the page's headline, else the first non-empty line].
    #[arg(long)]
    pub title: Option<String>,
    /// Publication date, YYYY-MM-DD [default: the page's, else the dateline near the top].
    #[arg(long, value_parser = super::parse_date)]
    pub published: Option<NaiveDate>,
    /// Story the article belongs to; number conflicts are compared within a story.
    #[arg(long)]
    pub story: Option<String>,
    #[command(flatten)]
    pub limits: super::Limits,
    #[command(flatten)]
    pub format: FormatArg,
}

impl IngestArgs {
    pub fn metadata(&self) -> Metadata {
        Metadata {
            url: self.url.clone(),
            outlet: self.outlet.clone(),
            author: self.author.clone(),
            title: self.title.clone(),
            published: self.published,
            story: self.story.clone(),
        }
    }
}

/// Ingests the paths and returns the stored or found articles; read errors are reported on
/// stderr and counted. Shared by `ingest` and `check`, the front end of `app::ingest_paths`.
pub fn ingest_paths(
    ws: &mut dyn Store,
    paths: &[String],
    meta: &Metadata,
    opts: &ingest::ReadOptions,
) -> Result<(Vec<ingest::Ingested>, usize)> {
    // The bar is made once the inputs are read and counted.
    let bar = std::sync::OnceLock::new();
    let tick = |n: u64| {
        if let Some(b) = bar.get() {
            let b: &indicatif::ProgressBar = b;
            b.inc(n);
        }
    };
    let out = app::ingest_paths(ws, paths, meta, opts, &tick, |n| {
        let _ = bar.set(progress_bar(n as u64 * 2));
    })?;
    if let Some(b) = bar.get() {
        b.finish_and_clear();
    }
    warn_outcome(&out);
    Ok((out.done, out.failed.len()))
}

/// The warnings and error lines of one ingest, on stderr.
fn warn_outcome(out: &app::Ingest) {
    for s in &out.skipped {
        output::warn(&format!("warning: {s}"));
    }
    for f in &out.failed {
        output::warn(&format!("error: {}", f.message));
    }
    if !out.summary.is_empty() && (out.done.len() > 1 || !out.skipped.is_empty()) {
        output::warn(&format!(
            "read {}; skipped {}; failed {}",
            out.summary,
            out.skipped.len(),
            out.failed.len()
        ));
    }
    warn_undated(&out.done);
    warn_language(&out.done);
}

/// `ingest --feed`: the feed's new items; those already stored are counted, not fetched.
fn ingest_feed(
    ws: &mut dyn Store,
    feed: &str,
    meta: &Metadata,
    opts: &ingest::ReadOptions,
) -> Result<(Vec<ingest::Ingested>, usize)> {
    let out = app::ingest_feed(ws, feed, meta, opts, &|_| {})?;
    warn_outcome(&out.ingest);
    output::warn(&format!(
        "{feed}: {} items: {} read, {} already stored, {} failed",
        out.items,
        out.ingest.done.len(),
        out.known,
        out.ingest.failed.len()
    ));
    Ok((out.ingest.done, out.ingest.failed.len()))
}

/// Inputs above which a long ingest shows a progress bar.
const PROGRESS_FROM: u64 = 200;

/// A bar on stderr for long runs; hidden when stderr is not a terminal or the run is short.
fn progress_bar(steps: u64) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if steps < PROGRESS_FROM * 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(steps);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} steps (extract, then store) {elapsed}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// One line per article stored without claims because of its language.
fn warn_language(done: &[ingest::Ingested]) {
    for d in done.iter().filter(|d| d.new) {
        if let Some(l) = &d.unsupported_language {
            output::warn(&format!(
                "warning: {}: written in {} ({}): stored, but claims are read from English only, so none were extracted",
                d.source, l.name, l.code
            ));
        }
    }
}

/// Undated articles shown by name, a few at most: a folder of thousands gets a count.
const UNDATED_SHOWN: usize = 3;

fn warn_undated(done: &[ingest::Ingested]) {
    let undated: Vec<&str> = done
        .iter()
        .filter(|d| d.published_from.is_none())
        .map(|d| d.source.as_str())
        .collect();
    for source in undated.iter().take(UNDATED_SHOWN) {
        output::warn(&format!(
            "warning: {source}: no publication date (give --published or a dateline): relative dates cannot be resolved"
        ));
    }
    if undated.len() > UNDATED_SHOWN {
        output::warn(&format!(
            "warning: {} more articles have no publication date",
            undated.len() - UNDATED_SHOWN
        ));
    }
}

/// What happened to one input, in a word or three.
fn result(d: &ingest::Ingested) -> &'static str {
    match (d.new, &d.previous) {
        (false, _) => "already there",
        (true, Some(_)) => "new version",
        (true, None) => "stored",
    }
}

/// One line per new version: which article it follows, and how much review work followed.
fn note_versions(ws: &dyn Store, done: &[ingest::Ingested]) -> Result<()> {
    let versions: Vec<&ingest::Ingested> = done.iter().filter(|d| d.previous.is_some()).collect();
    if versions.is_empty() {
        return Ok(());
    }
    let ids: Vec<crate::model::ArticleId> = versions
        .iter()
        .flat_map(|d| std::iter::once(d.id.clone()).chain(d.previous.clone()))
        .collect();
    let articles = ws.articles_by_ids(&ids)?;
    for (d, pair) in versions.iter().zip(articles.chunks(2)) {
        let n = |a: &crate::model::Article| a.number.map(|n| n.to_string()).unwrap_or_default();
        output::warn(&format!(
            "{}: the text at {} changed: stored as article {}, a new version of article {} ({} unchanged claims keep their status, verdict, evidence and history; see `claimdesk diff {}`)",
            d.source,
            pair[0].url.as_deref().unwrap_or("its address"),
            n(&pair[0]),
            n(&pair[1]),
            d.carried,
            n(&pair[0]),
        ));
    }
    Ok(())
}

pub fn run(ws: &mut dyn Store, args: &IngestArgs) -> Result<()> {
    let opts = args.limits.read_options(!args.no_recurse);
    let (done, failed) = match &args.feed {
        Some(feed) => ingest_feed(ws, feed, &args.metadata(), &opts)?,
        None => ingest_paths(ws, &args.paths, &args.metadata(), &opts)?,
    };
    note_versions(ws, &done)?;
    // Every article shown, read in one query.
    let ids: Vec<crate::model::ArticleId> = done.iter().map(|d| d.id.clone()).collect();
    let articles = ws.articles_by_ids(&ids)?;
    match args.format.format {
        Format::Json => {
            let list: Vec<Json> = articles
                .iter()
                .map(|a| serde_json::to_value(a).unwrap_or(Json::Null))
                .collect();
            output::print_json(&Json::Array(list))?;
        }
        Format::Csv => {
            let rows: Vec<Vec<String>> = done
                .iter()
                .zip(articles)
                .map(|(d, a)| {
                    vec![
                        a.id.into_string(),
                        result(d).into(),
                        a.title,
                        a.claims.to_string(),
                        d.source.clone(),
                    ]
                })
                .collect();
            output::print_csv(&["id", "result", "title", "claims", "source"], &rows)?;
        }
        Format::Table => {
            let mut t = output::table(&["#", "result", "title", "published", "claims", "source"]);
            for (d, a) in done.iter().zip(&articles) {
                t.add_row(vec![
                    a.number.map(|n| n.to_string()).unwrap_or_default(),
                    result(d).into(),
                    clip(&a.title, 50),
                    opt(&a.published),
                    a.claims.to_string(),
                    d.source.clone(),
                ]);
            }
            if !done.is_empty() {
                output::print(&t.to_string())?;
            }
            let new = done.iter().filter(|d| d.new).count();
            output::print(&format!(
                "{new} stored, {} already there, {failed} failed",
                done.len() - new
            ))?;
        }
    }
    if failed > 0 {
        bail!(
            "{failed} of {} inputs could not be ingested (see above)",
            failed + done.len()
        );
    }
    Ok(())
}
