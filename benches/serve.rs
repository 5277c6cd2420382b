//! The review page under load: a workspace of 1M claims (50,000 articles, 1,000 stories),
//! `claimdesk serve` on loopback, 8 concurrent clients for a few seconds per page; prints
//! requests per second and latency percentiles. Goals: p99 under 50 ms for the unfiltered
//! queue and the reading view, under 200 ms for filtered queues.
//! Run: `cargo bench --bench serve` (CLAIMDESK_BENCH_CLAIMS, CLAIMDESK_BENCH_SECONDS).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use claimdesk::store::OpenMode;

mod common;
use common::{CLAIMS_PER_ARTICLE, grow};

const CLIENTS: usize = 8;

fn load(base: &str, paths: &[String], seconds: f64) -> (f64, Duration, Duration, Duration) {
    let until = Instant::now() + Duration::from_secs_f64(seconds);
    let handles: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let base = base.to_string();
            let paths = paths.to_vec();
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
                let mut lat = Vec::new();
                let mut i = c;
                while Instant::now() < until {
                    let t = Instant::now();
                    let mut resp = agent
                        .get(&format!("{base}{}", paths[i % paths.len()]))
                        .call()
                        .expect("request");
                    let _ = resp.body_mut().read_to_vec().expect("body");
                    lat.push(t.elapsed());
                    i += CLIENTS;
                }
                lat
            })
        })
        .collect();
    let mut all: Vec<Duration> = handles
        .into_iter()
        .flat_map(|h| h.join().expect("client"))
        .collect();
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    (
        all.len() as f64 / seconds,
        pct(0.5),
        pct(0.99),
        *all.last().unwrap(),
    )
}

fn main() {
    let claims: usize = std::env::var("CLAIMDESK_BENCH_CLAIMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let seconds: f64 = std::env::var("CLAIMDESK_BENCH_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5.0);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("serve.db");
    let t = Instant::now();
    {
        let mut ws = claimdesk::app::open_sqlite(&db, OpenMode::Create).expect("workspace");
        grow(&mut ws, 0, claims);
    }
    println!(
        "workspace of {claims} claims built in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .arg("--db")
        .arg(&db)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("address");
    let base = line.trim().trim_end_matches('/').to_string();
    let articles = claims / CLAIMS_PER_ARTICLE;
    let reading: Vec<String> = (0..200)
        .map(|k| format!("/articles/{}", 1 + (k * 7919) % articles))
        .collect();
    let cases: Vec<(&str, Vec<String>)> = vec![
        ("queue, unfiltered", vec!["/".into()]),
        ("reading view", reading),
        (
            "queue, status=disputed (none)",
            vec!["/?status=disputed".into()],
        ),
        ("queue, kind=date", vec!["/?kind=date".into()]),
        (
            "queue, story=story-N",
            (0..50).map(|s| format!("/?story=story-{s}")).collect(),
        ),
        ("api/stats", vec!["/api/stats".into()]),
    ];
    println!("{CLIENTS} clients, {seconds} s each, loopback:");
    for (name, paths) in &cases {
        let (rps, p50, p99, max) = load(&base, paths, seconds);
        println!(
            "  {name:<32} {rps:>7.0} req/s   p50 {:>6.1} ms   p99 {:>6.1} ms   max {:>6.1} ms",
            p50.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3,
            max.as_secs_f64() * 1e3
        );
    }
    let _ = child.kill();
    let _ = child.wait();
}
