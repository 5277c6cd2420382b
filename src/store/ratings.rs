//! The workspace's rating scale and the verdicts given with it.

use anyhow::Result;
use rusqlite::{OptionalExtension, params};

use super::{Tx, Workspace, history, now};
use crate::error::Error;
use crate::model::{ClaimId, HistoryAction};

impl Workspace {
    /// The scale, in its order: (label, value; None for a rating outside it).
    pub fn ratings(&self) -> Result<Vec<(String, Option<i64>)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT label, value FROM ratings ORDER BY position")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Workspace {
    /// When each of the given claims was last given a verdict (the history's `at`).
    pub fn rated_at(&self, ids: &[ClaimId]) -> Result<std::collections::HashMap<ClaimId, String>> {
        let list = serde_json::to_string(ids)?;
        let mut stmt = self.conn.prepare(
            "SELECT h.claim_id, max(h.at) FROM json_each(?1) w JOIN claim_history h
             ON h.claim_id = w.value AND h.action = 'rated' GROUP BY h.claim_id",
        )?;
        let rows = stmt.query_map([list], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Adds a rating at the end of the scale.
pub fn add_rating(tx: &Tx, label: &str, value: Option<i64>) -> Result<()> {
    let exists: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM ratings WHERE label = ?1)")?
        .query_row([label], |r| r.get(0))?;
    if exists {
        return Err(Error::Conflict(format!("the scale already has '{label}'")).into());
    }
    tx.prepare_cached(
        "INSERT INTO ratings (label, value, position) VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM ratings))",
    )?
    .execute(params![label, value])?;
    Ok(())
}

/// Removes a rating no claim carries.
pub fn remove_rating(tx: &Tx, label: &str) -> Result<()> {
    let used: i64 = tx
        .prepare_cached("SELECT count(*) FROM claims WHERE rating = ?1")?
        .query_row([label], |r| r.get(0))?;
    if used > 0 {
        return Err(Error::Conflict(format!("{used} claim(s) are rated '{label}'")).into());
    }
    if tx
        .prepare_cached("DELETE FROM ratings WHERE label = ?1")?
        .execute([label])?
        == 0
    {
        return Err(Error::NotFound {
            what: "rating",
            id: label.to_string(),
        }
        .into());
    }
    Ok(())
}

/// Gives claim `id` a verdict; one history row ("rated") when it changes.
pub fn rate(
    tx: &Tx,
    id: &str,
    rating: &str,
    explanation: Option<&str>,
    actor: &str,
) -> Result<bool> {
    let number = super::claims::number_of(tx, id)?;
    let before: Option<(Option<String>, Option<String>)> = tx
        .prepare_cached("SELECT rating, explanation FROM claims WHERE number = ?1")?
        .query_row([number], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((old, old_expl)) = before else {
        return Err(Error::NotFound {
            what: "claim",
            id: id.to_string(),
        }
        .into());
    };
    let explanation = explanation.map(str::to_string).or(old_expl);
    if old.as_deref() == Some(rating) && explanation.is_none() {
        return Ok(false);
    }
    let at = now();
    tx.prepare_cached(
        "UPDATE claims SET rating = ?2, explanation = ?3, updated_at = ?4 WHERE number = ?1",
    )?
    .execute(params![number, rating, explanation, at])?;
    history::append(
        tx,
        id,
        &at,
        actor,
        HistoryAction::Rated,
        old.as_deref(),
        Some(rating),
        explanation.as_deref(),
        None,
    )?;
    Ok(true)
}
