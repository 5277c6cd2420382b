//! Workspace benchmark: builds a workspace of N claims (20 per article, 1,000 stories) and
//! times whole `claimdesk` processes against it: the review queue listing, a mark, and the
//! consistency report. Run: `cargo bench --bench workspace` (sizes: CLAIMDESK_BENCH_SIZES,
//! default "100000,1000000").

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use claimdesk::store::OpenMode;

mod common;
use common::{CLAIMS_PER_ARTICLE, grow};

fn median_run(db: &Path, args: &[&str], runs: usize) -> Duration {
    let bin = env!("CARGO_BIN_EXE_claimdesk");
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let out = Command::new(bin)
                .arg("--db")
                .arg(db)
                .args(args)
                .output()
                .expect("run claimdesk");
            let took = t.elapsed();
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            took
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let sizes: Vec<usize> = std::env::var("CLAIMDESK_BENCH_SIZES")
        .unwrap_or_else(|_| "100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    // CLAIMDESK_BENCH_DB keeps the generated workspace for profiling.
    let db = std::env::var_os("CLAIMDESK_BENCH_DB")
        .map_or_else(|| dir.path().join("bench.db"), std::path::PathBuf::from);
    let mut ws = claimdesk::app::open_sqlite(&db, OpenMode::Create).expect("workspace");
    let mut have = 0;
    println!(
        "| claims | articles | build | claims --status unchecked --limit 50 | mark <id> verified | report --format json | findings |"
    );
    println!("|---|---|---|---|---|---|---|");
    for size in sizes {
        let t = Instant::now();
        grow(&mut ws, have / CLAIMS_PER_ARTICLE, size);
        let build = t.elapsed();
        have = size;
        // Raw SQL on its own connection: the workspace keeps its connection to itself.
        let raw = rusqlite::Connection::open(&db).expect("open the bench workspace");
        raw.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
            .expect("checkpoint");
        let list = median_run(
            &db,
            &[
                "claims",
                "--status",
                "unchecked",
                "--limit",
                "50",
                "--format",
                "json",
            ],
            11,
        );
        let id: String = raw
            .query_row(
                "SELECT id FROM claims ORDER BY id LIMIT 1 OFFSET 12345",
                [],
                |r| r.get(0),
            )
            .expect("an id");
        let mut marks = Vec::new();
        for status in ["verified", "in-review"].iter().cycle().take(10) {
            marks.push(median_run(&db, &["mark", &id, status, "--by", "bench"], 1));
        }
        marks.sort();
        let report = median_run(&db, &["report", "--format", "json"], 3);
        let findings = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .arg("--db")
            .arg(&db)
            .args(["report", "--format", "json"])
            .output()
            .expect("report");
        let findings = String::from_utf8_lossy(&findings.stdout)
            .matches("\"rule\"")
            .count();
        println!(
            "| {size} | {} | {:.1} s | {:.1} ms | {:.1} ms | {:.2} s | {findings} |",
            size / CLAIMS_PER_ARTICLE,
            build.as_secs_f64(),
            list.as_secs_f64() * 1e3,
            marks[5].as_secs_f64() * 1e3,
            report.as_secs_f64(),
        );
    }
}
