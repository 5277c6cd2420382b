//! Versions of one article: an outlet changed a published page, and the new text is stored
//! beside the old, linked to it. Review work on claims that did not change follows them.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

use crate::model::ArticleId;

/// Claims of articles that a later version replaced are left out of the report: this is
/// the condition, on a claims table aliased `c`.
pub const CURRENT_VERSION: &str = "c.article_number NOT IN (SELECT p.number FROM articles p \
     WHERE p.id IN (SELECT previous_id FROM articles WHERE previous_id IS NOT NULL))";

/// The newest stored version of the article at `url` (the one no later version replaces),
/// with its story.
pub fn latest_at_url(conn: &Connection, url: &str) -> Result<Option<(ArticleId, Option<String>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT a.id, a.story FROM articles a
             WHERE a.url = ?1 AND NOT EXISTS (SELECT 1 FROM articles n WHERE n.previous_id = a.id)
             ORDER BY a.number DESC LIMIT 1",
        )?
        .query_row([url], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// What a claim is, for carrying review work over: the same kind, quote and value.
const SAME_CLAIM: &str = "o.kind = n.kind AND o.text = n.text AND o.value_low IS n.value_low \
     AND o.value_high IS n.value_high AND o.qualifier IS n.qualifier AND o.subject IS n.subject \
     AND o.unit IS n.unit AND o.currency IS n.currency AND o.date IS n.date \
     AND o.weekday IS n.weekday AND o.relative IS n.relative";

/// (new claim, old claim) pairs from every candidate pairing, in order: each claim pairs
/// once, so equal quotes pair in the order they stand.
pub(crate) fn pair_in_order<T: Clone + Eq + std::hash::Hash>(
    candidates: Vec<(T, T)>,
) -> Vec<(T, T)> {
    let mut used_old = std::collections::HashSet::new();
    let mut done_new = std::collections::HashSet::new();
    let mut pairs = Vec::new();
    for (n, o) in candidates {
        if done_new.contains(&n) || used_old.contains(&o) {
            continue;
        }
        done_new.insert(n.clone());
        used_old.insert(o.clone());
        pairs.push((n, o));
    }
    pairs
}

/// Gives each claim of `new` whose quote and value are unchanged in `old` the old claim's
/// status, assignee, verdict, evidence and history. Equal quotes pair in the order they
/// stand. Returns how many claims were carried over.
pub fn carry_over(conn: &Connection, old: &str, new: &str) -> Result<usize> {
    // Numbers pair the claims; ids name them where history and evidence are copied.
    let sql = format!(
        "SELECT n.number, o.number FROM claims n JOIN claims o ON {SAME_CLAIM}
         WHERE n.article_number = (SELECT number FROM articles WHERE id = ?2)
           AND o.article_number = (SELECT number FROM articles WHERE id = ?1)
         ORDER BY n.start_char, o.start_char"
    );
    let candidates: Vec<(i64, i64)> = conn
        .prepare(&sql)?
        .query_map(params![old, new], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let pairs = pair_in_order(candidates);
    let mut state = conn.prepare_cached(
        "UPDATE claims SET (status, assignee, rating, explanation, updated_at) =
             (SELECT o.status, o.assignee, o.rating, o.explanation,
                     coalesce(o.updated_at, o.created_at, a.ingested_at)
              FROM claims o JOIN articles a ON a.number = o.article_number WHERE o.number = ?2)
         WHERE number = ?1",
    )?;
    // History and evidence point at a stored id: a claim whose id is derived has none.
    // Copying rows to the new claim stores its id (schema 0018's triggers).
    let mut ids = conn.prepare_cached(&format!(
        "SELECT (SELECT id FROM claims WHERE number = ?2),
                (SELECT {CLAIM_ID} FROM claims c JOIN articles ca ON ca.number = c.article_number
                 WHERE c.number = ?1)",
        CLAIM_ID = super::claims::CLAIM_ID
    ))?;
    let mut evidence = conn.prepare_cached(
        "INSERT INTO evidence (claim_id, url, note, stance, added_by, added_at)
         SELECT ?1, url, note, stance, added_by, added_at FROM evidence WHERE claim_id = ?2 ORDER BY id",
    )?;
    let mut history = conn.prepare_cached(
        "INSERT INTO claim_history (claim_id, at, actor, action, from_value, to_value, note, evidence_url)
         SELECT ?1, at, actor, action, from_value, to_value, note, evidence_url
         FROM claim_history WHERE claim_id = ?2 ORDER BY id",
    )?;
    for (n, o) in &pairs {
        state.execute(params![n, o])?;
        let (old_id, new_id): (Option<String>, Option<String>) =
            ids.query_row(params![n, o], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if let (Some(o), Some(n)) = (old_id, new_id) {
            evidence.execute(params![n, o])?;
            history.execute(params![n, o])?;
        }
    }
    Ok(pairs.len())
}
