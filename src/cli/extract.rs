//! `claimdesk extract FILE`: the claims of one article, no workspace needed.

use std::cell::RefCell;
use std::sync::mpsc::Receiver;
use std::thread::ScopedJoinHandle;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use super::output::{self, Format};
use crate::app;
use crate::check::Finding;
use crate::ingest::read_sources;
use crate::model::Claim;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The article's text file, or - for stdin.
    pub file: String,
    /// Publication date, YYYY-MM-DD [default: the dateline near the top].
    #[arg(long, value_parser = super::parse_date)]
    pub published: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub limits: super::Limits,
}

/// `extract --format json`, keys in the order a JSON tree sorts them.
#[derive(serde::Serialize)]
struct ExtractJson<'a, 'scope> {
    article: serde_json::Value,
    claims: Vec<crate::model::ClaimJson<'a>>,
    findings: FindingsJson<'scope>,
}

/// The findings in text order, as another thread makes them (`app::FindingsInOrder`): it
/// looks for number conflicts while the claims are written, then checks window after
/// window of claims a few windows ahead of the writer, so neither waits long and the
/// findings are never all held at once.
struct FindingsJson<'scope> {
    found: RefCell<Option<(Receiver<Finding>, ScopedJoinHandle<'scope, ()>)>>,
}

/// Findings made ahead of the writer.
const FINDINGS_AHEAD: usize = 4096;

impl serde::Serialize for FindingsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Some((found, checks)) = self.found.borrow_mut().take() else {
            return Err(serde::ser::Error::custom(
                "the findings were written already",
            ));
        };
        let written = s.collect_seq(found.iter())?;
        // A check that panicked ends the findings early: not a finished answer.
        match checks.join() {
            Ok(()) => Ok(written),
            Err(_) => Err(serde::ser::Error::custom("the checks did not finish")),
        }
    }
}

pub fn run(args: &ExtractArgs) -> Result<()> {
    let mut read = read_sources(
        std::slice::from_ref(&args.file),
        &args.limits.read_options(false),
    );
    if let Some(f) = read.failed.first() {
        anyhow::bail!("{}", f.message);
    }
    let Some(src) = read.sources.first_mut() else {
        anyhow::bail!("{}: nothing to read", args.file)
    };
    // One copy of the body, which the claims' sentences point into.
    let body: std::sync::Arc<str> = std::mem::take(&mut src.body).into();
    // The same date and title as ingest would store.
    let ex = crate::ingest::extract_body(&body, &src.meta, args.published);
    if let Some(l) = ex.unsupported_language() {
        output::warn(&format!(
            "warning: {}: written in {} ({}): claims are read from English only, so none were extracted",
            args.file, l.name, l.code
        ));
    }
    let written = match args.format {
        // Written as it serializes: a long article's claims never become one JSON tree.
        Format::Json => std::thread::scope(|scope| {
            let (tx, found) = std::sync::mpsc::sync_channel(FINDINGS_AHEAD);
            let (text, claims) = (&body, &ex);
            let checks = scope.spawn(move || {
                let conflicts = app::extraction_conflicts(claims);
                for f in app::FindingsInOrder::new(text, claims, conflicts) {
                    if tx.send(f).is_err() {
                        break; // the writer stopped (a closed pipe)
                    }
                }
            });
            output::write_json(&ExtractJson {
                article: json!({
                    "title": ex.title,
                    "published": ex.published.map(|d| d.to_string()),
                    "published_from": ex.published_from.map(|p| p.as_str()),
                    "language": ex.language.as_ref().map(|l| l.code.clone()),
                }),
                claims: ex.claims.iter().map(Claim::json).collect(),
                findings: FindingsJson {
                    found: RefCell::new(Some((found, checks))),
                },
            })
        }),
        format => super::claims::print_claims(None, &ex.claims, format),
    };
    // The command ends here: freeing a long article's claims one by one would only cost
    // time; the process gives the memory back at once.
    std::mem::forget(ex);
    std::mem::forget(read);
    std::mem::forget(body);
    written
}
