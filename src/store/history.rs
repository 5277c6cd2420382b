//! The append-only claim history and the evidence links.

use anyhow::Result;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::Workspace;
use crate::model::{ClaimId, FindingId, HistoryAction, Rule, Stance};

#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub claim_id: ClaimId,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub note: Option<String>,
    pub evidence_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub claim_id: ClaimId,
    pub url: String,
    pub note: Option<String>,
    pub stance: Stance,
    pub added_by: String,
    pub added_at: String,
}

#[allow(clippy::too_many_arguments)]
pub fn append(
    conn: &Connection,
    claim_id: &str,
    at: &str,
    actor: &str,
    action: HistoryAction,
    from: Option<&str>,
    to: Option<&str>,
    note: Option<&str>,
    evidence_url: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO claim_history (claim_id, at, actor, action, from_value, to_value, note, evidence_url)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![claim_id, at, actor, action.as_str(), from, to, note, evidence_url])?;
    Ok(())
}

pub fn add_evidence(conn: &Connection, e: &Evidence) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO evidence (claim_id, url, note, stance, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![e.claim_id, e.url, e.note, e.stance.as_str(), e.added_by, e.added_at])?;
    Ok(())
}

impl Workspace {
    pub fn history(&self, claim_id: &str) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT claim_id, at, actor, action, from_value, to_value, note, evidence_url
             FROM claim_history WHERE claim_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([claim_id], |r| {
            Ok(HistoryEntry {
                claim_id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                from: r.get(4)?,
                to: r.get(5)?,
                note: r.get(6)?,
                evidence_url: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn evidence(&self, claim_id: &str) -> Result<Vec<Evidence>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT claim_id, url, note, stance, added_by, added_at FROM evidence WHERE claim_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([claim_id], |r| {
            Ok(Evidence {
                claim_id: r.get(0)?,
                url: r.get(1)?,
                note: r.get(2)?,
                stance: Stance::parse(&r.get::<_, String>(3)?),
                added_by: r.get(4)?,
                added_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Records that a reviewer dismissed a finding: one row for the finding, one history row
/// per claim it involves.
pub fn dismiss_finding(
    conn: &Connection,
    finding_id: &str,
    rule: Rule,
    claim_ids: &[ClaimId],
    note: &str,
    actor: &str,
) -> Result<()> {
    let at = super::now();
    conn.prepare_cached(
        "INSERT OR REPLACE INTO finding_dismissals (finding_id, rule, note, dismissed_by, dismissed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![finding_id, rule.as_str(), note, actor, at])?;
    for id in claim_ids {
        append(
            conn,
            id,
            &at,
            actor,
            HistoryAction::Dismiss,
            None,
            Some(&format!("{rule} {finding_id}")),
            Some(note),
            None,
        )?;
    }
    Ok(())
}

impl Workspace {
    pub fn dismissed_findings(&self) -> Result<std::collections::HashSet<FindingId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT finding_id FROM finding_dismissals")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
