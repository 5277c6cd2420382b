//! Extraction throughput on one core: the fixtures' text repeated to about 100 MB, in
//! article-sized pieces, through `extract` as ingest calls it (language, dateline, claims).
//! Run: `cargo bench --bench extract` (CLAIMDESK_BENCH_MB to change size;
//! CLAIMDESK_BENCH_TEXT=FILE for one article; CLAIMDESK_BENCH_DIR=DIR for every .txt under
//! DIR, such as the real-news corpus).

use std::time::Instant;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut articles = Vec::new();
    for sub in ["articles", "checks"] {
        let mut files: Vec<_> = std::fs::read_dir(format!("{dir}/{sub}"))
            .expect("fixtures")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        articles.extend(
            files
                .iter()
                .map(|p| std::fs::read_to_string(p).expect("fixture")),
        );
    }
    // CLAIMDESK_BENCH_TEXT: measure on one article instead (e.g. the seed, at news density).
    if let Ok(path) = std::env::var("CLAIMDESK_BENCH_TEXT") {
        articles = vec![std::fs::read_to_string(path).expect("CLAIMDESK_BENCH_TEXT")];
    }
    if let Ok(dir) = std::env::var("CLAIMDESK_BENCH_DIR") {
        articles = texts_under(std::path::Path::new(&dir));
        assert!(!articles.is_empty(), "no .txt under {dir}");
    }
    let mb: usize = std::env::var("CLAIMDESK_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let one_round: usize = articles.iter().map(String::len).sum();
    let rounds = (mb << 20) / one_round + 1;
    let published = chrono::NaiveDate::from_ymd_opt(2021, 5, 4);
    let t = Instant::now();
    let mut claims = 0;
    let mut bytes = 0;
    for _ in 0..rounds {
        for a in &articles {
            claims += claimdesk::extract::extract(a, published).claims.len();
            bytes += a.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "extract: {:.0} MB in {secs:.2} s = {:.1} MB/s on one core, {claims} claims, {:.0} articles/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        (rounds * articles.len()) as f64 / secs
    );
}

fn texts_under(dir: &std::path::Path) -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            out.extend(texts_under(&p));
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.extend(std::fs::read_to_string(&p).ok());
        }
    }
    out
}
