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
use crate::check::{self, Anchor, ConflictKey};
use crate::extract;
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

/// Claims handed from the reading thread to the writer at a time, and how many such parts
/// may wait: what is held of a long article's claims at once. A part of 256 claims (70 KB)
/// stays below the allocator's oversize threshold and in cache between the threads: parts of
/// 1,024 ran 15% slower, mostly in page faults.
const PART: usize = 256;
const PARTS_AHEAD: usize = 16;

/// A part's claims and what was made of them ahead of the writer: their conflict keys
/// (by the reader, when it had time to spare), their JSON (`pretty::push_item_at` in the
/// claims array; by the reader, once the text has ended). Shared: the reader keeps the
/// last parts it sent, to help with them when it is done (`help_with_the_last`).
struct PartState {
    claims: Vec<Claim>,
    keys: Option<Keys>,
    json: Option<Vec<u8>>,
}

type Part = std::sync::Arc<std::sync::Mutex<PartState>>;

fn lock(part: &Part) -> std::sync::MutexGuard<'_, PartState> {
    // A thread that panicked with a part held left it whole or taken: either reads.
    part.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

type Keys = Vec<Option<(ConflictKey, Anchor)>>;

/// The parts waiting for the writer, counted: the two threads share the conflict keys
/// (a fifth of the work) by it. The reader makes a part's keys when the writer is behind
/// (it has time to spare), and leaves them to the writer when the writer is waiting: the
/// threads keep both cores busy whatever the text's mix of claims, with no third thread
/// for the cores to take turns at (with a third, keying thread, 16.8 MB of claim-dense
/// text took 0.41 s instead of 0.35).
struct Queue {
    waiting: std::sync::atomic::AtomicUsize,
}

/// Parts waiting at which the reader makes the keys itself (1 to 8 ran alike).
const BEHIND: usize = 4;

impl Queue {
    fn writer_behind(&self) -> bool {
        self.waiting.load(std::sync::atomic::Ordering::Relaxed) >= BEHIND
    }

    fn sent(&self) {
        self.waiting
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    fn taken(&self) {
        self.waiting
            .fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// The text has ended and the writer still has parts waiting: the reader, idle now, makes
/// their JSON and keys, the last first, until it meets the writer. At 1 MB of claim-dense
/// text the writer had a millisecond of parts left when the reader ended.
fn help_with_the_last(sent: &std::collections::VecDeque<Part>) {
    for part in sent.iter().rev() {
        // Held: the writer is at this part, and has taken those before it.
        let Ok(mut st) = part.try_lock() else {
            return;
        };
        if st.claims.is_empty() {
            return;
        }
        let st = &mut *st;
        if st.json.is_none() {
            st.json = Some(json_of(&st.claims));
        }
        if st.keys.is_none() {
            st.keys = Some(app::keys_of(&st.claims));
        }
    }
}

/// A part's claims as elements of `write_json`'s claims array, made apart from it
/// (`pretty::push_item_at`; `ArrayAt::items_made` writes them).
fn push_json_of(out: &mut Vec<u8>, part: &[Claim]) {
    for c in part {
        pretty::push_item_at(out, 1, |w, depth| pretty::push_claim_at(w, depth, c));
    }
}

fn json_of(part: &[Claim]) -> Vec<u8> {
    let mut made = Vec::with_capacity(part.len() << 10);
    push_json_of(&mut made, part);
    made
}

/// `extract --format json`, byte for byte as serde_json's pretty printer would write the
/// tree {article, claims, findings}, without the tree: each part of the claims is written
/// and checked as it comes from the reading thread, then dropped; the findings follow.
fn write_json(
    article: &Json,
    body: &str,
    published: Option<NaiveDate>,
    parts: &Receiver<Part>,
    queue: &Queue,
) -> Result<()> {
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
    out.write_all(b"{\n  \"article\": ")?;
    pretty::write_at(&mut out, 1, article)?;
    out.write_all(b",\n  \"claims\": ")?;
    let mut claims = pretty::ArrayAt::open(&mut out, 1)?;
    let mut checks = app::StreamChecks::new(body, published);
    // A part's claims are written to memory, then out at once.
    let mut claims_written = Vec::with_capacity(PART << 10);
    let mut windows = WindowFindings::new(1 << 20);
    for part in parts {
        queue.taken();
        let mut st = lock(&part);
        let st = &mut *st;
        if let Some(made) = st.json.take() {
            claims.items_made(&mut out, &made, st.claims.len())?;
        } else {
            push_json_of(&mut claims_written, &st.claims);
            claims.items_made(&mut out, &claims_written, st.claims.len())?;
            claims_written.clear();
        }
        let keys = st.keys.take().unwrap_or_else(|| app::keys_of(&st.claims));
        checks.push_keyed(std::mem::take(&mut st.claims), keys);
        for f in checks.take_found() {
            windows.push(&f);
        }
    }
    claims.close(&mut out)?;
    out.write_all(b",\n  \"findings\": ")?;
    write_findings(&mut out, &windows, checks.finish())?;
    out.write_all(b"\n}\n")?;
    out.flush()?;
    // The command ends here: its buffers are left to the process exit.
    std::mem::forget(windows);
    std::mem::forget(out.into_parts().1);
    Ok(())
}

/// The findings array: the windows' findings held as JSON merged in text order with the
/// rest (the number conflicts, and the last windows' findings), made here.
fn write_findings(
    out: &mut impl Write,
    windows: &WindowFindings,
    rest: app::InOrder,
) -> std::io::Result<()> {
    let mut findings = pretty::ArrayAt::open(out, 1)?;
    let windows_json = &windows.chunks;
    let mut windows = windows.in_order().peekable();
    let mut rest = rest.peekable();
    let mut written = Vec::with_capacity(1 << 12);
    // Window findings that follow each other in a chunk are written at once.
    let mut run: Option<Run> = None;
    loop {
        // As `app::InOrder` merges them.
        let window_first =
            app::window_first(windows.peek().map(|w| w.0), rest.peek().map(app::order));
        if window_first && let Some((_, made)) = windows.next() {
            if let Some(r) = run
                .as_mut()
                .filter(|r| (r.made.chunk, r.made.end) == (made.chunk, made.start))
            {
                r.made.end = made.end;
                r.n += 1;
            } else if let Some(r) = run.replace(Run { made, n: 1 }) {
                r.write(&mut findings, out, windows_json)?;
            }
            continue;
        }
        if let Some(r) = run.take() {
            r.write(&mut findings, out, windows_json)?;
        }
        if let Some(f) = rest.next() {
            // The number conflicts, and the last windows' findings, are made here one at a
            // time: each is freed, or they would all be held at once (4.2 MB of "N percent
            // of" sentences then peaked at 60 MB instead of 30).
            written.clear();
            pretty::push_item_at(&mut written, 1, |w, depth| {
                pretty::push_finding_at(w, depth, &f)
            });
            findings.items_made(out, &written, 1)?;
        } else {
            break;
        }
    }
    findings.close(out)
}

/// The windows' findings, written as they are made (`pretty::push_item_at`, for the
/// findings array) and held as JSON until the claims are written: the JSON is made while
/// the reader still reads, not on one core after it (at 1 MB of claim-dense text, 4,559
/// findings took a millisecond there). A weekday finding's JSON (530 bytes) holds about as
/// much memory as the finding did.
struct WindowFindings {
    /// The JSON, in chunks of `chunk` bytes or so: one growing piece would be copied whole
    /// each time it outgrew its room.
    chunks: Vec<Vec<u8>>,
    chunk: usize,
    /// Each finding's place in text order and the length of its JSON, in order.
    made: Vec<(app::Order, usize)>,
}

impl WindowFindings {
    fn new(chunk: usize) -> Self {
        WindowFindings {
            chunks: Vec::new(),
            chunk,
            made: Vec::new(),
        }
    }

    fn push(&mut self, f: &check::Finding) {
        // A finding's JSON is never split between chunks: a chunk with an eighth of its
        // room left is left (a finding longer than that grows it). The room left is never
        // touched, so it takes no memory.
        if self
            .chunks
            .last()
            .is_none_or(|c| c.capacity() - c.len() < self.chunk / 8)
        {
            self.chunks.push(Vec::with_capacity(self.chunk));
        }
        let chunk = self.chunks.last_mut().expect("a chunk was just made");
        let from = chunk.len();
        pretty::push_item_at(chunk, 1, |w, depth| pretty::push_finding_at(w, depth, f));
        self.made.push((app::order(f), chunk.len() - from));
    }

    /// Each finding's place in text order and where its JSON is, in order.
    fn in_order(&self) -> impl Iterator<Item = (app::Order, Made)> {
        let mut chunk = 0;
        let mut at = 0;
        self.made.iter().map(move |&(order, len)| {
            if at == self.chunks[chunk].len() {
                chunk += 1;
                at = 0;
            }
            let made = Made {
                chunk,
                start: at,
                end: at + len,
            };
            at += len;
            (order, made)
        })
    }
}

/// Where a finding's JSON is in `WindowFindings::chunks`.
#[derive(Clone, Copy)]
struct Made {
    chunk: usize,
    start: usize,
    end: usize,
}

/// Window findings one after the other in a chunk, written at once.
struct Run {
    made: Made,
    n: usize,
}

impl Run {
    fn write(
        self,
        findings: &mut pretty::ArrayAt,
        out: &mut impl Write,
        chunks: &[Vec<u8>],
    ) -> std::io::Result<()> {
        let Made { chunk, start, end } = self.made;
        findings.items_made(out, &chunks[chunk][start..end], self.n)
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
    // The one copy of the body, which the claims' sentences point into.
    let body = src.body.clone();
    let queue = Queue {
        waiting: std::sync::atomic::AtomicUsize::new(0),
    };
    std::thread::scope(|scope| {
        let warn_language = |header: &extract::Extraction| {
            if let Some(l) = header.unsupported_language() {
                output::warn(&format!(
                    "warning: {}: written in {} ({}): claims are read from English only, so none were extracted",
                    args.file, l.name, l.code
                ));
            }
        };
        // The same date and title as ingest would store.
        let header_of =
            |body: &str| crate::ingest::extract_body_header(body, &src.meta, args.published);
        if args.format == Format::Table {
            // A table needs every row to size its columns.
            let mut header = header_of(&body);
            warn_language(&header);
            header.read_claims(&body);
            let printed = super::claims::print_claims(None, &header.claims, args.format);
            // The command ends here: freeing a long article's claims one by one would only
            // cost time; the process gives the memory back at once.
            std::mem::forget(header);
            return printed;
        }
        // Written as it is read: a long article's claims are never all held. Two threads,
        // one per core: reading the claims (and the header before them, with the date
        // patterns the claims need next), and writing and checking them; their conflict
        // keys made by whichever has time (`Queue`).
        let (header_tx, header_rx) = std::sync::mpsc::sync_channel(1);
        let (tx, parts) = std::sync::mpsc::sync_channel::<Part>(PARTS_AHEAD);
        let (text, queue) = (&body, &queue);
        // CSV needs no keys.
        let keyed = args.format != Format::Csv;
        let reading = scope.spawn(move || {
            let header = header_of(text);
            let (published, reads) = (header.published, header.reads_claims());
            if header_tx.send(header).is_ok() && reads {
                // The parts that may still wait for the writer (CSV: none are helped with).
                let mut sent = std::collections::VecDeque::with_capacity(PARTS_AHEAD + 2);
                extract::claims_in_parts(text, published, PART, |p| {
                    // Counted only where the writer counts the parts it takes (the CSV
                    // writer makes no keys and counts none).
                    let keys = (keyed && queue.writer_behind()).then(|| app::keys_of(&p));
                    let part = Part::new(std::sync::Mutex::new(PartState {
                        claims: p,
                        keys,
                        json: None,
                    }));
                    if keyed {
                        queue.sent();
                        if sent.len() > PARTS_AHEAD {
                            sent.pop_front();
                        }
                        sent.push_back(part.clone());
                    }
                    // A writer that stopped (a closed pipe) drops the parts it is sent.
                    drop(tx.send(part));
                });
                help_with_the_last(&sent);
            }
        });
        let header = header_rx
            .recv()
            .map_err(|_| anyhow::anyhow!("reading the claims did not finish"));
        if args.format == Format::Csv {
            // A row for each claim as it comes: nothing else is needed of it.
            let written = header.and_then(|header| {
                warn_language(&header);
                super::claims::write_claims_csv(
                    parts
                        .iter()
                        .flat_map(|p| std::mem::take(&mut lock(&p).claims)),
                )
            });
            drop(parts);
            let finished = reading.join().is_ok();
            written?;
            anyhow::ensure!(finished, "reading the claims did not finish");
            return Ok(());
        }
        let written = header.and_then(|header| {
            warn_language(&header);
            let article = json!({
                "title": header.title,
                "published": header.published.map(|d| d.to_string()),
                "published_from": header.published_from.map(|p| p.as_str()),
                "language": header.language.as_ref().map(|l| l.code.clone()),
            });
            write_json(&article, &body, header.published, &parts, queue)
        });
        drop(parts);
        // A reading that panicked ends the claims early: not a finished answer.
        let finished = reading.join().is_ok();
        written?;
        anyhow::ensure!(finished, "reading the claims did not finish");
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_findings_held_as_json_are_each_findings_json_in_order() {
        let unit = "On Monday, May 4, 2021 talks began. Yesterday (Friday, May 6) it rained. ";
        let body = format!("Tuesday May 4th, 2021\n\n{}", unit.repeat(12));
        let (_, found) = app::extract_and_check(&body, None);
        assert!(found.len() >= 12, "{}", found.len());
        // Chunks of a few findings each, and of less than one, which the finding grows.
        for chunk in [2048, 300, 1 << 20] {
            let mut windows = WindowFindings::new(chunk);
            for f in &found {
                windows.push(f);
            }
            if chunk != 300 {
                assert_eq!(windows.chunks.len() > 1, chunk < 4096, "chunk {chunk}");
            }
            let held: Vec<(app::Order, &[u8])> = windows
                .in_order()
                .map(|(order, m)| (order, &windows.chunks[m.chunk][m.start..m.end]))
                .collect();
            assert_eq!(held.len(), found.len());
            for ((order, json), f) in held.iter().zip(&found) {
                let mut alone = Vec::new();
                pretty::push_item_at(&mut alone, 1, |w, depth| {
                    pretty::push_finding_at(w, depth, f)
                });
                assert_eq!(*order, app::order(f));
                assert_eq!(
                    String::from_utf8_lossy(json),
                    String::from_utf8_lossy(&alone)
                );
            }
        }
    }
}
