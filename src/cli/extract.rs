//! `claimdesk extract FILE`: the claims of one article, no workspace needed.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use super::output::{self, Format};
use crate::app;
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
    findings: Later<'scope, Vec<crate::check::Finding>>,
}

/// A value another thread is still computing, serialized when the writer reaches it: the
/// checks run while the claims before them are written (on two cores, a long article's
/// `extract --format json` takes the longer of the two, not their sum).
struct Later<'scope, T>(std::cell::RefCell<Option<std::thread::ScopedJoinHandle<'scope, T>>>);

impl<T: serde::Serialize> serde::Serialize for Later<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let handle = self.0.borrow_mut().take();
        match handle.map(|h| h.join()) {
            Some(Ok(value)) => value.serialize(s),
            _ => Err(serde::ser::Error::custom("the checks did not finish")),
        }
    }
}

pub fn run(args: &ExtractArgs) -> Result<()> {
    let read = read_sources(
        std::slice::from_ref(&args.file),
        &args.limits.read_options(false),
    );
    if let Some(f) = read.failed.first() {
        anyhow::bail!("{}", f.message);
    }
    let Some(src) = read.sources.first() else {
        anyhow::bail!("{}: nothing to read", args.file)
    };
    // The same date and title as ingest would store.
    let ex = crate::ingest::extract_source(src, args.published);
    if let Some(l) = ex.unsupported_language() {
        output::warn(&format!(
            "warning: {}: written in {} ({}): claims are read from English only, so none were extracted",
            args.file, l.name, l.code
        ));
    }
    let written = match args.format {
        // Written as it serializes: a long article's claims never become one JSON tree.
        Format::Json => std::thread::scope(|scope| {
            let checks = scope.spawn(|| app::check_extraction(&src.body, &ex));
            output::write_json(&ExtractJson {
                article: json!({
                    "title": ex.title,
                    "published": ex.published.map(|d| d.to_string()),
                    "published_from": ex.published_from.map(|p| p.as_str()),
                    "language": ex.language.as_ref().map(|l| l.code.clone()),
                }),
                claims: ex.claims.iter().map(Claim::json).collect(),
                findings: Later(std::cell::RefCell::new(Some(checks))),
            })
        }),
        format => super::claims::print_claims(None, &ex.claims, format),
    };
    // The command ends here: freeing a long article's claims one by one would only cost
    // time; the process gives the memory back at once.
    std::mem::forget(ex);
    std::mem::forget(read);
    written
}
