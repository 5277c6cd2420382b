//! New claims: one at a time (a claim added by hand, re-extraction), or staged in bulk and
//! moved in one statement (ingest); their status count and search index kept in step.

use anyhow::Result;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, params_from_iter};

use super::claims::value_row;
use super::{Tx, new_id};
use crate::model::{Anchor, Claim, ClaimId, ConflictKey, derived_claim_id};

/// Stores a claim for `article_id`; returns its id, or None when the same
/// (article, start, end, kind) is already stored.
pub fn insert(conn: &Tx, article_id: &str, c: &Claim) -> Result<Option<ClaimId>> {
    let (id, n) = insert_into(conn, INSERT_CLAIM, article_id, c, conn.key_of(c))?;
    count_new(conn, n)?;
    Ok((n == 1).then_some(ClaimId::new(id)))
}

/// Queues a claim for `flush_staged`: bulk ingest writes claims to a bare in-memory table
/// first, then moves them in one statement. Row by row, every insert journaled each page
/// of claims' indexes it touched again (a statement journal per row, for its triggers) and
/// ran at a quarter of SQLite's speed.
/// `key` is the claim's conflict key (`Workspace::key_fn`).
pub fn stage(
    conn: &Tx,
    article_id: &str,
    c: &Claim,
    key: Option<(ConflictKey, Anchor)>,
) -> Result<()> {
    if !conn.staging.get() {
        conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS staged_claims AS SELECT * FROM main.claims WHERE 0",
        )?;
        conn.staging.set(true);
    }
    insert_into(conn, STAGE_CLAIM, article_id, c, key)?;
    Ok(())
}

/// Moves the staged claims into `claims` (a claim already stored at the same place and
/// kind is left alone, as `insert` does).
pub fn flush_staged(conn: &Tx) -> Result<()> {
    if conn.staging.get() {
        let n = conn
            .prepare_cached(
                "INSERT OR IGNORE INTO main.claims SELECT * FROM temp.staged_claims ORDER BY rowid",
            )?
            .execute([])?;
        count_new(conn, n)?;
        conn.prepare_cached("DELETE FROM temp.staged_claims")?
            .execute([])?;
    }
    Ok(())
}

/// Adds `n` new claims (all unchecked) to `status_counts` (schema 0015).
fn count_new(conn: &Connection, n: usize) -> Result<()> {
    if n > 0 {
        conn.prepare_cached(
            "UPDATE status_counts SET claims = claims + ?1 WHERE status = 'unchecked'",
        )?
        .execute([n as i64])?;
    }
    Ok(())
}

/// The columns a new claim is written with, and its values: one statement text per target.
/// The scope is kept only with a conflict key (?21 is `subject_key`, see `value_row`).
macro_rules! insert_claim_sql {
    ($verb:literal, $table:literal) => {
        concat!(
            $verb,
            " INTO ",
            $table,
            " (id, article_number, kind, text, start_char, end_char, sentence_start, sentence_end, \
             value_low, value_high, qualifier, subject, predicate, unit, currency, \
             date, weekday, relative, year_inferred, date_valid, subject_key, event, anchor, quantity, si_low, si_high, \
             status, assignee, origin, created_at, updated_at, scope, number) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, \
             ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, 'unchecked', NULL, ?27, ?28, NULL, \
             CASE WHEN ?21 IS NULL THEN NULL ELSE \
               (SELECT coalesce('story:' || story, 'article:' || id) FROM main.articles WHERE number = ?2) END, \
             ?29)"
        )
    };
}
const INSERT_CLAIM: &str = insert_claim_sql!("INSERT OR IGNORE", "main.claims");
const STAGE_CLAIM: &str = insert_claim_sql!("INSERT", "temp.staged_claims");

/// Writes a new claim with `sql` (one of the two above); returns its id and the rows written.
/// A claim stored with its article (same transaction, same time) keeps no time of its own.
fn insert_into(
    conn: &Tx,
    sql: &str,
    article_id: &str,
    c: &Claim,
    key: Option<(ConflictKey, Anchor)>,
) -> Result<(String, usize)> {
    // Its id is derived from its number and article, stored only when it cannot be.
    let number = conn.take_number(false)?;
    let (id, stored_id): (String, SqlValue) = match derived_claim_id(article_id, number) {
        Some(derived) => (derived, SqlValue::Null),
        None => {
            let id = new_id();
            (id.clone(), id.into())
        }
    };
    let (article, ingested_at) = conn.article_key(article_id)?;
    let at = conn.now();
    let created_at: SqlValue = if at == ingested_at {
        SqlValue::Null
    } else {
        at.into()
    };
    // A claim made without its body at hand has its quote for a sentence.
    let (ss, se) = c.sentence_span.unwrap_or((c.start, c.end));
    let head: [SqlValue; 8] = [
        stored_id,
        article.into(),
        c.kind().as_str().to_string().into(),
        c.text.to_string().into(),
        (c.start as i64).into(),
        (c.end as i64).into(),
        (ss as i64).into(),
        (se as i64).into(),
    ];
    let tail: [SqlValue; 3] = [
        c.origin.as_str().to_string().into(),
        created_at,
        number.into(),
    ];
    let n = conn.prepare_cached(sql)?.execute(params_from_iter(
        head.into_iter().chain(value_row(c, key)).chain(tail),
    ))?;
    Ok((id, n))
}

/// The largest claim rowid now: claims inserted after this are "new" for `index_new_claims`.
pub fn last_rowid(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(rowid), 0) FROM claims", [], |r| {
            r.get(0)
        })?,
    )
}

/// Adds the sentences of the claims inserted since `since` (a `last_rowid`) to the
/// full-text index: every write path that inserts claims calls this before it commits.
pub fn index_new_claims(conn: &Connection, since: i64) -> Result<()> {
    super::sentences::index_new(conn, since)
}
