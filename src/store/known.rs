//! Fact-checks published by others (imported ClaimReview), and the claims they match; the
//! workspace settings that name our own organization.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::claims::{CLAIM_COLUMNS, id_and_sentence, read_claims};
use super::{Tx, Workspace, now};
use crate::model::ClaimId;

/// One imported fact-check of one claim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KnownReview {
    pub id: Option<i64>,
    pub review_url: String,
    pub claim_reviewed: String,
    pub rating: Option<String>,
    pub rating_value: Option<f64>,
    pub best_rating: Option<f64>,
    pub worst_rating: Option<f64>,
    pub org: Option<String>,
    pub org_url: Option<String>,
    pub date_published: Option<String>,
    pub review_body: Option<String>,
    pub appearance_url: Option<String>,
    pub claim_author: Option<String>,
    pub claim_date: Option<String>,
}

const REVIEW_COLUMNS: &str = "r.id, r.review_url, r.claim_reviewed, r.rating, r.rating_value, \
     r.best_rating, r.worst_rating, r.org, r.org_url, r.date_published, r.review_body, \
     r.appearance_url, r.claim_author, r.claim_date";

fn review_from_row(r: &Row) -> rusqlite::Result<KnownReview> {
    Ok(KnownReview {
        id: r.get(0)?,
        review_url: r.get(1)?,
        claim_reviewed: r.get(2)?,
        rating: r.get(3)?,
        rating_value: r.get(4)?,
        best_rating: r.get(5)?,
        worst_rating: r.get(6)?,
        org: r.get(7)?,
        org_url: r.get(8)?,
        date_published: r.get(9)?,
        review_body: r.get(10)?,
        appearance_url: r.get(11)?,
        claim_author: r.get(12)?,
        claim_date: r.get(13)?,
    })
}

/// Stores a fact-check unless the same (review URL, claim) is there; returns its new id.
pub fn insert_review(tx: &Tx, r: &KnownReview, source: Option<&str>) -> Result<Option<i64>> {
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO known_reviews (review_url, claim_reviewed, rating, rating_value,
                best_rating, worst_rating, org, org_url, date_published, review_body,
                appearance_url, claim_author, claim_date, source, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            r.review_url,
            r.claim_reviewed,
            r.rating,
            r.rating_value,
            r.best_rating,
            r.worst_rating,
            r.org,
            r.org_url,
            r.date_published,
            r.review_body,
            r.appearance_url,
            r.claim_author,
            r.claim_date,
            source,
            now(),
        ])?;
    Ok((n == 1).then(|| tx.last_insert_rowid()))
}

/// Known fact-checks whose words meet the FTS5 query, best first: (id, claim reviewed).
pub fn review_candidates(
    conn: &Connection,
    query: &str,
    limit: usize,
) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.claim_reviewed FROM known_reviews_fts f JOIN known_reviews r ON r.id = f.rowid
         WHERE known_reviews_fts MATCH ?1 ORDER BY f.rank LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![query, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Claims whose sentence meets the FTS5 query, best first: (claim id, sentence).
pub fn claim_candidates(
    conn: &Connection,
    query: &str,
    limit: usize,
) -> Result<Vec<(ClaimId, String)>> {
    // The best sentences, then every claim in them.
    let sql = format!(
        "SELECT {CLAIM_COLUMNS} FROM (SELECT rowid, rank FROM sentences_fts WHERE sentences_fts MATCH ?1
                                      ORDER BY rank LIMIT ?2) f
         JOIN claims c ON c.article_number = (f.rowid >> 24) AND c.sentence_start = (f.rowid & 16777215)
         JOIN articles ca ON ca.number = c.article_number
         ORDER BY f.rank, c.start_char"
    );
    let claims = read_claims(conn, &sql, params![query, limit as i64])?;
    Ok(id_and_sentence(claims))
}

pub fn insert_match(tx: &Tx, claim_id: &str, review_id: i64, score: f64) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO claim_matches (claim_id, review_id, score) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![claim_id, review_id, score])?;
    Ok(())
}

pub fn known_review_count(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM known_reviews")?
        .query_row([], |r| r.get(0))?)
}

/// The settings a workspace may hold: the fact-checking organization and where its
/// fact-checks are published.
pub const SETTINGS: &[(&str, &str)] = &[
    (
        "org.name",
        "the fact-checking organization's name (ClaimReview author)",
    ),
    ("org.url", "its home page"),
    (
        "review.url_template",
        "where a fact-check is published; {claim} is the claim's id, {number} its number, {article} the article's number",
    ),
];

/// Stores a person's token by its sha256, replacing their earlier one.
pub fn set_token(tx: &Tx, name: &str, sha256: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO api_tokens (name, sha256, created_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![name, sha256, now()])?;
    Ok(())
}

pub fn remove_token(tx: &Tx, name: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached("DELETE FROM api_tokens WHERE name = ?1")?
        .execute([name])?
        == 1)
}

pub fn set_setting(tx: &Tx, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => tx
            .prepare_cached("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)")?
            .execute(params![key, v])?,
        None => tx
            .prepare_cached("DELETE FROM settings WHERE key = ?1")?
            .execute([key])?,
    };
    Ok(())
}

impl Workspace {
    /// Claims per status, read from the counts the triggers keep (not counted).
    pub fn status_counts(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT status, claims FROM status_counts ORDER BY rowid")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The person a token belongs to, by the token's sha256.
    pub fn token_owner(&self, sha256: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT name FROM api_tokens WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get(0))
            .optional()?)
    }

    pub fn token_names(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, created_at FROM api_tokens ORDER BY name")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// The known fact-checks a claim matches, best first, with their scores.
    pub fn known_for_claim(&self, claim_id: &str) -> Result<Vec<(KnownReview, f64)>> {
        let sql = format!(
            "SELECT {REVIEW_COLUMNS}, m.score FROM claim_matches m JOIN known_reviews r ON r.id = m.review_id
             WHERE m.claim_id = ?1 ORDER BY m.score DESC, r.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([claim_id], |r| Ok((review_from_row(r)?, r.get(14)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The best-matching known fact-check of each of the given claims that has one, in one
    /// query whatever their number: claim id to (review, score).
    pub fn best_known_for(
        &self,
        claim_ids: &[ClaimId],
    ) -> Result<std::collections::HashMap<ClaimId, (KnownReview, f64)>> {
        let sql = format!(
            "SELECT {REVIEW_COLUMNS}, m.score, m.claim_id FROM json_each(?1) w
             JOIN claim_matches m ON m.claim_id = w.value JOIN known_reviews r ON r.id = m.review_id
             ORDER BY m.claim_id, m.score DESC, r.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut out = std::collections::HashMap::new();
        let rows = stmt.query_map([serde_json::to_string(claim_ids)?], |r| {
            Ok((
                r.get::<_, ClaimId>(15)?,
                review_from_row(r)?,
                r.get::<_, f64>(14)?,
            ))
        })?;
        for row in rows {
            let (claim, review, score) = row?;
            out.entry(claim).or_insert((review, score));
        }
        Ok(out)
    }

    /// Every known fact-check, in import order.
    pub fn known_reviews(&self) -> Result<Vec<KnownReview>> {
        let sql = format!("SELECT {REVIEW_COLUMNS} FROM known_reviews r ORDER BY r.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map([], review_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
