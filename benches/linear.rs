//! Time and peak memory per MB must stay flat as one document grows: `extract` plus the
//! single-article checks (as `claimdesk extract --format json` runs them, JSON included) on
//! the seed article repeated into one document of 1, 4, 16 and 40 MB, and on 1 and 4 MB of
//! "N percent of ..." sentences. Each size runs in a child process of its own, so that its
//! peak memory (VmHWM) is its alone.
//! Run: `cargo bench --bench linear` (CLAIMDESK_BENCH_SIZES=1,4 for a quick look).

use std::time::Instant;

fn seed() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/articles/khalilzad.txt"
    );
    std::fs::read_to_string(path).expect("seed fixture")
}

fn percent_text(mb: usize) -> String {
    let mut out = String::new();
    let mut i = 0;
    while out.len() < mb << 20 {
        out.push_str(&format!(
            "About {} percent of the voters in district {i} backed the plan, officials said. ",
            10 + i % 80
        ));
        i += 1;
    }
    out
}

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// In the child: build the text, then time extraction, checks and JSON.
fn child(kind: &str, mb: usize) {
    let text = match kind {
        "seed" => {
            let one = seed();
            one.repeat((mb << 20) / one.len() + 1)
        }
        _ => percent_text(mb),
    };
    let before = peak_kib();
    let published = chrono::NaiveDate::from_ymd_opt(2021, 5, 4);
    let t = Instant::now();
    let (ex, findings) = claimdesk::app::extract_and_check(&text, published);
    // As `extract --format json` writes it: each claim serialized as it goes.
    let claims: Vec<_> = ex.claims.iter().map(|c| c.json()).collect();
    let json = serde_json::to_vec(&(claims, findings.len())).expect("json");
    let secs = t.elapsed().as_secs_f64();
    let mbs = text.len() as f64 / 1e6;
    println!(
        "{kind:>7} {:>5.1} MB: {:>6.2} s = {:>6.1} MB/s, {:>8} claims, peak {:>6.0} MB ({:.1}x the input; text alone {:.0} MB), json {:.0} MB",
        mbs,
        secs,
        mbs / secs,
        ex.claims.len(),
        peak_kib() as f64 / 1024.0,
        peak_kib() as f64 * 1024.0 / text.len() as f64,
        before as f64 / 1024.0,
        json.len() as f64 / 1e6,
    );
}

fn main() {
    if let (Ok(kind), Ok(mb)) = (
        std::env::var("CLAIMDESK_LINEAR_KIND"),
        std::env::var("CLAIMDESK_LINEAR_MB"),
    ) {
        child(&kind, mb.parse().expect("MB"));
        return;
    }
    let sizes: Vec<usize> = std::env::var("CLAIMDESK_BENCH_SIZES")
        .unwrap_or_else(|_| "1,4,16,40".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let me = std::env::current_exe().expect("bench binary");
    let runs = sizes.iter().map(|&mb| ("seed", mb)).chain(
        sizes
            .iter()
            .filter(|&&mb| mb <= 4)
            .map(|&mb| ("percent", mb)),
    );
    for (kind, mb) in runs {
        let out = std::process::Command::new(&me)
            .env("CLAIMDESK_LINEAR_KIND", kind)
            .env("CLAIMDESK_LINEAR_MB", mb.to_string())
            .output()
            .expect("child run");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        if !out.status.success() {
            eprintln!("{}", String::from_utf8_lossy(&out.stderr));
        }
    }
}
