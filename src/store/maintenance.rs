//! Keeping a workspace safe: an online backup, and the checks `doctor` runs.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::Connection;

use super::Workspace;

/// The triggers that make the claim history append-only: a workspace without them can lose
/// its record silently.
const HISTORY_TRIGGERS: &[&str] = &[
    "claim_history_no_update",
    "claim_history_no_delete",
    "article_history_no_update",
    "article_history_no_delete",
];

impl Workspace {
    /// Copies the workspace to `to` with SQLite's online backup, page batch by page batch,
    /// so that other processes can keep writing; the copy is a consistent snapshot.
    pub fn backup(&self, to: &Path) -> Result<()> {
        let mut dst = Connection::open(to)
            .with_context(|| format!("cannot create the backup {}", to.display()))?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
        backup
            .run_to_completion(256, Duration::from_millis(5), None)
            .with_context(|| format!("backup to {} failed", to.display()))?;
        Ok(())
    }

    /// Every problem the workspace has, as one line each; empty when it is sound. Reads the
    /// whole file: a check for `doctor`, never for the hot path.
    pub fn problems(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = row?;
            if line != "ok" {
                out.push(format!("integrity: {line}"));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (table, rowid) = row?;
            out.push(format!(
                "foreign key: row {rowid} of {table} points at nothing"
            ));
        }
        // rank = 1 also compares the index with the table it is built from; the sentence
        // index has no table, so only its own structure is checked.
        for (index, check, repair) in [
            (
                "sentences_fts",
                "INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')",
                "claimdesk export all, then import all into a new workspace, indexes every sentence again",
            ),
            (
                "known_reviews_fts",
                "INSERT INTO known_reviews_fts (known_reviews_fts, rank) VALUES ('integrity-check', 1)",
                "it can be rebuilt from the known fact-checks: INSERT INTO known_reviews_fts (known_reviews_fts) VALUES ('rebuild')",
            ),
        ] {
            if let Err(e) = self.conn.execute(check, []) {
                out.push(format!("full-text index {index}: {e} ({repair})"));
            }
        }
        let wrong: Vec<(String, i64, i64)> = self
            .conn
            .prepare(
                "SELECT s.status, s.claims, (SELECT count(*) FROM claims c WHERE c.status = s.status)
                 FROM status_counts s",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (status, kept, real) in wrong.into_iter().filter(|(_, k, r)| k != r) {
            out.push(format!(
                "status counts: {kept} claims counted {status}, {real} stored (fix: UPDATE status_counts SET claims = (SELECT count(*) FROM claims c WHERE c.status = status_counts.status))"
            ));
        }
        // A claim's quote lies in its sentence (the quote's own offsets are checked against
        // the body by the caller, so this keeps the sentence in the body too).
        let outside: Vec<String> = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM claims c JOIN articles ca ON ca.number = c.article_number
                 WHERE c.sentence_end > c.sentence_start
                   AND (c.sentence_start > c.start_char OR c.sentence_end < c.end_char) ORDER BY c.number",
                super::claims::CLAIM_ID
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in outside {
            out.push(format!(
                "claim {id}: its quote is not inside its sentence (sentence_start, sentence_end)"
            ));
        }
        for t in HISTORY_TRIGGERS {
            let present: bool = self
                .conn
                .prepare("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1)")?
                .query_row([t], |r| r.get(0))?;
            if !present {
                out.push(format!(
                    "history: trigger {t} is missing, so the history is not append-only"
                ));
            }
        }
        Ok(out)
    }

    /// Calls `f` with every article's id and body and its claims (id, quote, start, end in
    /// characters), article by article: one article's claims in memory at a time.
    pub fn each_article_claims(
        &self,
        mut f: impl FnMut(&str, &str, &[super::ClaimSpan]),
    ) -> Result<()> {
        let mut articles = self
            .conn
            .prepare("SELECT id, body FROM articles ORDER BY id")?;
        let mut claims = self.conn.prepare_cached(&format!(
            "SELECT {}, c.text, c.start_char, c.end_char FROM claims c \
             JOIN articles ca ON ca.number = c.article_number WHERE ca.id = ?1 ORDER BY c.start_char",
            super::claims::CLAIM_ID
        ))?;
        let rows =
            articles.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (article, body) = row?;
            let found = claims
                .query_map([&article], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            f(&article, &body, &found);
        }
        Ok(())
    }
}
