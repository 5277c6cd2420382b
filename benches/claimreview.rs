//! Known fact-checks: how well the similarity threshold tells the hand-written pairs apart,
//! and how long matching takes against 100,000 imported ClaimReviews (the target: one new
//! claim matched in under 50 ms; `claims --known` as fast as any listing).
//! Run: `cargo bench --bench claimreview` (CLAIMDESK_BENCH_REVIEWS to change the count).

use std::time::Instant;

use claimdesk::claimreview::matching;
use claimdesk::claimreview::similarity::{MATCH_THRESHOLD, score, words};
use claimdesk::store::StoreTx;
use claimdesk::store::{self, ClaimFilter, KnownReview};

fn curve() {
    let pairs: Vec<(bool, f64)> = include_str!("../fixtures/claimreview/pairs.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0] == "1", score(&words(f[1]), &words(f[2])))
        })
        .collect();
    println!(
        "threshold  precision  recall  F1   ({} hand-written pairs)",
        pairs.len()
    );
    for t in (20..=70).step_by(5) {
        let t = t as f64 / 100.0;
        let tp = pairs.iter().filter(|(y, s)| *y && *s >= t).count() as f64;
        let fp = pairs.iter().filter(|(y, s)| !*y && *s >= t).count() as f64;
        let fn_ = pairs.iter().filter(|(y, s)| *y && *s < t).count() as f64;
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let r = tp / (tp + fn_);
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        let mark = if (t - MATCH_THRESHOLD).abs() < 1e-9 {
            "  <- used"
        } else {
            ""
        };
        println!("  {t:.2}       {p:.2}      {r:.2}   {f1:.2}{mark}");
    }
}

/// A review in the shape fact-checkers write them, from a small vocabulary so that the
/// common words are common, as they are in real feeds.
fn review(i: usize) -> KnownReview {
    const WHO: &[&str] = &[
        "The minister",
        "The council",
        "Police",
        "The army",
        "A senator",
        "The mayor",
        "The company",
        "The union",
    ];
    const WHAT: &[&str] = &[
        "people were killed",
        "jobs were lost",
        "homes were built",
        "troops were sent",
        "schools closed",
        "patients waited",
        "votes were cast",
        "families were displaced",
    ];
    const WHERE: &[&str] = &[
        "in Kabul",
        "in the capital",
        "across the region",
        "in Lagos",
        "in the north",
        "in Texas",
        "in Punjab",
        "on the border",
    ];
    KnownReview {
        review_url: format!("https://checks.example/{i}"),
        claim_reviewed: format!(
            "{} said {} {} {} in {}",
            WHO[i % WHO.len()],
            (i * 7919) % 100_000,
            WHAT[(i / 8) % WHAT.len()],
            WHERE[(i / 64) % WHERE.len()],
            2000 + i % 25
        ),
        rating: Some("False".into()),
        ..KnownReview::default()
    }
}

fn main() {
    curve();
    let n: usize = std::env::var("CLAIMDESK_BENCH_REVIEWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ws = claimdesk::app::open_sqlite(&dir.path().join("ws.db"), store::OpenMode::Create)
        .expect("open");
    let t = Instant::now();
    ws.write(|tx| {
        for i in 0..n {
            tx.insert_review(&review(i), None)?;
        }
        Ok(())
    })
    .expect("reviews");
    println!(
        "stored {n} known reviews in {:.2} s",
        t.elapsed().as_secs_f64()
    );

    // One article arrives: its claims are matched as they are stored.
    let article = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/articles/khalilzad.txt"
    );
    let t = Instant::now();
    let out = claimdesk::app::ingest_paths(
        &mut ws,
        &[article.to_string()],
        &claimdesk::ingest::Metadata::default(),
        &claimdesk::ingest::ReadOptions::default(),
        &|_| {},
        |_| {},
    )
    .expect("ingest");
    let with = t.elapsed().as_secs_f64();
    let claims = ws.claims(&ClaimFilter::default()).expect("claims").len();
    assert_eq!(out.done.len(), 1);
    // The matching alone, per claim, measured by running it again over the same claims.
    let reps = 20;
    let t = Instant::now();
    for _ in 0..reps {
        ws.write(|tx| matching::match_new_claims(tx, 0))
            .expect("match");
    }
    let per_claim = t.elapsed().as_secs_f64() / reps as f64 / claims as f64;
    println!(
        "ingest of one article ({claims} claims) with {n} known reviews: {:.1} ms; matching: {:.2} ms per claim",
        with * 1e3,
        per_claim * 1e3
    );
    let t = Instant::now();
    let reps = 200;
    for _ in 0..reps {
        ws.claims(&ClaimFilter {
            known: true,
            ..ClaimFilter::default()
        })
        .expect("known");
    }
    let known = t.elapsed().as_secs_f64() / reps as f64;
    let t = Instant::now();
    for _ in 0..reps {
        ws.claims(&ClaimFilter::default()).expect("all");
    }
    let all = t.elapsed().as_secs_f64() / reps as f64;
    println!(
        "claims --known: {:.3} ms; claims: {:.3} ms (same run)",
        known * 1e3,
        all * 1e3
    );
}
