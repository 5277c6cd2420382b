//! Bulk ingest: a folder of 10,000 generated articles (the fixtures' texts, each made unique)
//! ingested by one `claimdesk ingest` process into a fresh workspace, end to end.
//! Run: `cargo bench --bench ingest` (CLAIMDESK_BENCH_ARTICLES to change the count).

use std::process::Command;
use std::time::Instant;

fn main() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut templates = Vec::new();
    for sub in ["articles", "corpus", "checks"] {
        let mut files: Vec<_> = std::fs::read_dir(format!("{fixtures}/{sub}"))
            .expect("fixtures")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        templates.extend(
            files
                .iter()
                .map(|p| std::fs::read_to_string(p).expect("fixture")),
        );
    }
    let n: usize = std::env::var("CLAIMDESK_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("articles");
    std::fs::create_dir(&folder).expect("folder");
    let mut bytes = 0;
    for i in 0..n {
        let body = format!(
            "{}\nFiled as story number {i}.\n",
            templates[i % templates.len()]
        );
        bytes += body.len();
        std::fs::write(folder.join(format!("{i:06}.txt")), body).expect("write");
    }
    let db = dir.path().join("ingest.db");
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .arg("--db")
        .arg(&db)
        .args(["ingest", "--story", "bench", "--format", "csv"])
        .arg(&folder)
        .output()
        .expect("run claimdesk");
    let secs = t.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conn = rusqlite::Connection::open(&db).expect("open");
    let claims: i64 = conn
        .query_row("SELECT count(*) FROM claims", [], |r| r.get(0))
        .expect("count");
    println!(
        "ingest: {n} articles ({:.1} MB) in {secs:.2} s = {:.0} articles/s, {claims} claims stored ({:.0} claims/s)",
        bytes as f64 / 1e6,
        n as f64 / secs,
        claims as f64 / secs
    );
}
