//! Writes and transaction reads beside the claims: the rating scale, settings, API tokens,
//! known fact-checks and their matches.

use anyhow::{Result, bail};
use postgres::GenericClient;

use super::{claims, reads};
use crate::error::Error;
use crate::model::ClaimId;
use crate::store::{KnownReview, now};

pub fn add_rating(c: &mut impl GenericClient, label: &str, value: Option<i64>) -> Result<()> {
    let exists: bool = c
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM ratings WHERE label = $1)",
            &[&label],
        )?
        .get(0);
    if exists {
        bail!(Error::Conflict(format!("the scale already has '{label}'")));
    }
    c.execute(
        "INSERT INTO ratings (label, value, position)
         VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM ratings))",
        &[&label, &value],
    )?;
    Ok(())
}

pub fn remove_rating(c: &mut impl GenericClient, label: &str) -> Result<()> {
    let used: i64 = c
        .query_one("SELECT count(*) FROM claims WHERE rating = $1", &[&label])?
        .get(0);
    if used > 0 {
        bail!(Error::Conflict(format!(
            "{used} claim(s) are rated '{label}'"
        )));
    }
    if c.execute("DELETE FROM ratings WHERE label = $1", &[&label])? == 0 {
        bail!(Error::NotFound {
            what: "rating",
            id: label.to_string()
        });
    }
    Ok(())
}

pub fn set_setting(c: &mut impl GenericClient, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => c.execute(
            "INSERT INTO settings (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&key, &v],
        )?,
        None => c.execute("DELETE FROM settings WHERE key = $1", &[&key])?,
    };
    Ok(())
}

pub fn set_token(c: &mut impl GenericClient, name: &str, sha256: &str) -> Result<()> {
    // Replaces the person's earlier token (and frees this hash if another row had it).
    c.execute(
        "DELETE FROM api_tokens WHERE name = $1 OR sha256 = $2",
        &[&name, &sha256],
    )?;
    c.execute(
        "INSERT INTO api_tokens (name, sha256, created_at) VALUES ($1, $2, $3)",
        &[&name, &sha256, &now()],
    )?;
    Ok(())
}

pub fn remove_token(c: &mut impl GenericClient, name: &str) -> Result<bool> {
    Ok(c.execute("DELETE FROM api_tokens WHERE name = $1", &[&name])? == 1)
}

pub fn insert_review(
    c: &mut impl GenericClient,
    r: &KnownReview,
    source: Option<&str>,
) -> Result<Option<i64>> {
    Ok(c.query_opt(
        "INSERT INTO known_reviews (review_url, claim_reviewed, rating, rating_value,
                best_rating, worst_rating, org, org_url, date_published, review_body,
                appearance_url, claim_author, claim_date, source, imported_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
             ON CONFLICT (review_url, claim_reviewed) DO NOTHING RETURNING id",
        &[
            &r.review_url,
            &r.claim_reviewed,
            &r.rating,
            &r.rating_value,
            &r.best_rating,
            &r.worst_rating,
            &r.org,
            &r.org_url,
            &r.date_published,
            &r.review_body,
            &r.appearance_url,
            &r.claim_author,
            &r.claim_date,
            &source,
            &now(),
        ],
    )?
    .map(|row| row.get(0)))
}

pub fn known_review_count(c: &mut impl GenericClient) -> Result<i64> {
    Ok(c.query_one("SELECT count(*) FROM known_reviews", &[])?
        .get(0))
}

pub fn review_candidates(
    c: &mut impl GenericClient,
    query: &str,
    limit: usize,
) -> Result<Vec<(i64, String)>> {
    let q = reads::websearch(query);
    Ok(c.query(
        "SELECT r.id, r.claim_reviewed FROM known_reviews r,
                    websearch_to_tsquery('simple', $1) q
             WHERE r.words @@ q ORDER BY ts_rank(r.words, q) DESC, r.id LIMIT $2",
        &[&q, &(limit as i64)],
    )?
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect())
}

pub fn claim_candidates(
    c: &mut impl GenericClient,
    query: &str,
    limit: usize,
) -> Result<Vec<(ClaimId, String)>> {
    let q = reads::websearch(query);
    let sql = format!(
        "SELECT {} FROM (SELECT s.key, ts_rank(s.words, q) AS rank
                         FROM sentences s, websearch_to_tsquery('simple', $1) q
                         WHERE s.words @@ q ORDER BY rank DESC, s.key LIMIT $2) f
         JOIN claims c ON c.article_number = (f.key >> 24) AND c.sentence_start = (f.key & 16777215)
         JOIN articles ca ON ca.number = c.article_number
         ORDER BY f.rank DESC, f.key, c.start_char",
        super::rows::CLAIM_COLUMNS
    );
    let claims = claims::read(c, &sql, &[&q, &(limit as i64)])?;
    Ok(claims
        .into_iter()
        .filter_map(|c| Some((c.id?, c.sentence.to_string())))
        .collect())
}

pub fn insert_match(
    c: &mut impl GenericClient,
    claim_id: &ClaimId,
    review_id: i64,
    score: f64,
) -> Result<()> {
    let claim: &str = claim_id;
    c.execute(
        "INSERT INTO claim_matches (claim_id, review_id, score) VALUES ($1, $2, $3)
         ON CONFLICT (claim_id, review_id) DO UPDATE SET score = excluded.score",
        &[&claim, &review_id, &score],
    )?;
    Ok(())
}
