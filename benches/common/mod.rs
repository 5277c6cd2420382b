//! A generated workspace shared by the benchmarks: 20 claims per article, 1,000 stories.

use claimdesk::model::{Claim, ClaimKind, Fields, Origin, Value};
use claimdesk::store::StoreTx;
use claimdesk::store::{NewArticle, Workspace};

pub const CLAIMS_PER_ARTICLE: usize = 20;
pub const STORIES: usize = 1_000;

pub fn claim(i: usize, j: usize) -> Claim {
    let subjects = [
        "civilians",
        "soldiers",
        "homes",
        "schools",
        "police officers",
        "protesters",
        "refugees",
        "villages",
    ];
    let kind = if j.is_multiple_of(4) {
        ClaimKind::Date
    } else {
        ClaimKind::Count
    };
    // Figures about one subject in one story mostly agree, as in real coverage; about one
    // claim in ten thousand contradicts them, so the report has findings to render.
    let s_idx = (i + j) % subjects.len();
    let base = ((i % STORIES) * 7 + s_idx * 13) % 500 + 10;
    let n = if (i * 7 + j).is_multiple_of(10_000) {
        base * 3
    } else {
        base
    } as f64;
    let mut value = Fields::default();
    let text;
    if kind == ClaimKind::Date {
        value.date = chrono::NaiveDate::from_ymd_opt(2021, 5, 1 + (j % 28) as u32);
        text = format!("May {}", 1 + j % 28);
    } else {
        let s = subjects[s_idx];
        value.low = Some(n);
        value.high = Some(n);
        value.subject = Some(format!("{s} killed"));
        value.predicate = Some("killed".into());
        text = format!("{n} {s}");
    }
    let (start, end) = (j * 40, j * 40 + text.chars().count());
    Claim::unstored(
        text.into(),
        start,
        end,
        "A generated sentence.".into(),
        Origin::Extracted,
        Value::new(kind, value),
    )
}

/// Adds articles until the workspace holds `claims` claims.
pub fn grow(ws: &mut Workspace, from_articles: usize, claims: usize) {
    let articles = claims / CLAIMS_PER_ARTICLE;
    for chunk_start in (from_articles..articles).step_by(5_000) {
        let chunk_end = (chunk_start + 5_000).min(articles);
        ws.write(|tx| {
            let since = tx.last_rowid()?;
            for i in chunk_start..chunk_end {
                let body = format!("Generated article {i}\n\n{}", "x".repeat(800));
                let id = tx.insert_article(&NewArticle {
                    title: format!("Generated article {i}"),
                    url: Some(format!("https://example.org/{i}")),
                    outlet: None,
                    author: None,
                    published: Some("2021-05-04".into()),
                    story: Some(format!("story-{}", i % STORIES)),
                    body_sha256: claimdesk::ingest::sha256_hex(&body),
                    body,
                    source_path: None,
                    language: Some("en".into()),
                    ..NewArticle::default()
                })?;
                for j in 0..CLAIMS_PER_ARTICLE {
                    tx.insert_claim(&id, &claim(i, j))?;
                }
            }
            tx.index_new_claims(since)?;
            Ok(())
        })
        .expect("bulk insert");
    }
}
