//! `claimdesk extract FILE`: the claims of one article, no workspace needed.

use std::io::Write;
use std::sync::mpsc::Receiver;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde_json::{Value as Json, json};

use super::output::{self, Format};
use super::pretty;
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

/// Findings made ahead of the writer.
const FINDINGS_AHEAD: usize = 4096;

/// `extract --format json`, byte for byte as serde_json's pretty printer would write the
/// tree {article, claims, findings}, without the tree: the claims are made JSON on two
/// threads, the findings written as another thread makes them.
fn write_json(article: &Json, claims: &[Claim], findings: &Receiver<Finding>) -> Result<()> {
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
    out.write_all(b"{\n  \"article\": ")?;
    pretty::write_at(&mut out, 1, article)?;
    out.write_all(b",\n  \"claims\": ")?;
    pretty::write_array_at(&mut out, 1, claims, |w, depth, c| {
        pretty::write_at(w, depth, &c.json())
    })?;
    out.write_all(b",\n  \"findings\": ")?;
    let mut ser = serde_json::Serializer::with_formatter(&mut out, pretty::PrettyAt::new(1));
    serde::Serializer::collect_seq(&mut ser, findings.iter()).map_err(std::io::Error::from)?;
    out.write_all(b"\n}\n")?;
    out.flush()?;
    Ok(())
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
                let groups = app::extraction_groups(claims);
                let conflicts = app::ConflictsInOrder::new(&groups);
                for f in app::FindingsInOrder::new(text, claims, conflicts) {
                    if tx.send(f).is_err() {
                        break; // the writer stopped (a closed pipe)
                    }
                }
            });
            let article = json!({
                "title": ex.title,
                "published": ex.published.map(|d| d.to_string()),
                "published_from": ex.published_from.map(|p| p.as_str()),
                "language": ex.language.as_ref().map(|l| l.code.clone()),
            });
            let written = write_json(&article, &ex.claims, &found);
            // A closed pipe stops the checks too.
            drop(found);
            // A check that panicked ends the findings early: not a finished answer.
            let finished = checks.join().is_ok();
            written?;
            anyhow::ensure!(finished, "the checks did not finish");
            Ok(())
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
