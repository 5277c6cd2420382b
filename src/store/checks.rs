//! The reads behind the consistency report: only the claims a rule can flag, found through
//! partial indexes, never a scan of every claim.

use anyhow::Result;
use rusqlite::params;

use super::claims::{CLAIM_COLUMN_COUNT, CLAIM_COLUMNS, CLAIMS, claim_from_row};
use super::{CURRENT_VERSION, Workspace, query_opt};
use crate::model::{Anchor, ArticleId, Claim, ClaimKind, ConflictKey};

/// scope, kind, subject_key, event, currency of one conflicting group.
type GroupRow = (String, String, String, Option<String>, Option<String>);

/// Must match the WHERE of the `claims_date_checks` partial index for SQLite to use it.
const DATE_CHECKS: &str =
    "c.kind = 'date' AND (c.weekday IS NOT NULL OR c.relative IS NOT NULL OR c.date_valid = 0)";

impl Workspace {
    /// Dates with a weekday, a relative word or no valid day, in article then position order,
    /// without sentences (the findings fetch theirs).
    pub fn date_claims_for_checks(&self, story: Option<&str>) -> Result<Vec<Claim>> {
        let cols = CLAIM_COLUMNS;
        let (sql, arg) = match story {
            Some(s) => (
                format!(
                    "SELECT {cols} FROM {CLAIMS} WHERE {DATE_CHECKS} AND ca.story = ?1 \
                     AND {CURRENT_VERSION} ORDER BY c.article_number, c.start_char"
                ),
                Some(s),
            ),
            None => (
                format!(
                    "SELECT {cols} FROM {CLAIMS} WHERE {DATE_CHECKS} AND {CURRENT_VERSION} ORDER BY c.article_number, c.start_char"
                ),
                None,
            ),
        };
        query_opt(&self.conn, &sql, arg, claim_from_row)
    }

    /// As `date_claims_for_checks`, for the given articles only: a reading view of one article
    /// reads its own dates, not the workspace's.
    pub fn date_claims_of_articles(&self, ids: &[ArticleId]) -> Result<Vec<Claim>> {
        let cols = CLAIM_COLUMNS;
        let sql = format!(
            // CROSS JOIN: the given articles drive the loop; SQLite would otherwise walk
            // every date of the workspace through the partial index.
            "SELECT {cols} FROM json_each(?1) AS w CROSS JOIN articles ca ON ca.id = w.value \
             CROSS JOIN claims c ON c.article_number = ca.number \
             WHERE {DATE_CHECKS} AND {CURRENT_VERSION} ORDER BY c.article_number, c.start_char"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([serde_json::to_string(ids)?], claim_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The (scope, kind, subject, event, currency) groups whose ranges cannot all hold:
    /// some claim's low is above another's high. One pass over the `claims_conflicts` index.
    pub fn conflicting_groups(&self, scope: Option<&str>) -> Result<Vec<ConflictKey>> {
        let mut sql = format!(
            "SELECT c.scope, c.kind, c.subject_key, c.event, coalesce(c.currency, c.quantity) FROM claims c \
             WHERE c.subject_key IS NOT NULL AND {CURRENT_VERSION}"
        );
        if scope.is_some() {
            sql.push_str(" AND c.scope = ?1");
        }
        sql.push_str(
            // Measures compare in SI units, in groups of one quantity.
            " GROUP BY c.scope, c.kind, c.subject_key, c.event, coalesce(c.currency, c.quantity) \
             HAVING count(*) > 1 AND max(coalesce(c.si_low, c.value_low)) > min(coalesce(c.si_high, c.value_high))",
        );
        let rows: Vec<GroupRow> = query_opt(&self.conn, &sql, scope, |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
        Ok(rows
            .into_iter()
            .map(|(scope, kind, subject, event, currency)| ConflictKey {
                scope,
                kind: kind.parse().unwrap_or(ClaimKind::Other),
                subject,
                event,
                currency,
            })
            .collect())
    }

    /// The claims of one group with their anchors, in ingest then position order (which
    /// claims pair up depends on it), without sentences.
    pub fn group_claims(&self, key: &ConflictKey) -> Result<(Vec<Claim>, Vec<Anchor>)> {
        let cols = CLAIM_COLUMNS;
        let sql = format!(
            "SELECT {cols}, c.anchor FROM {CLAIMS} WHERE c.subject_key IS NOT NULL AND c.scope = ?1 AND c.kind = ?2 AND c.subject_key = ?3 \
             AND c.event IS ?4 AND coalesce(c.currency, c.quantity) IS ?5 AND {CURRENT_VERSION} \
             ORDER BY c.article_number, c.start_char"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                key.scope,
                key.kind.as_str(),
                key.subject,
                key.event,
                key.currency
            ],
            |r| {
                let anchor: Option<String> = r.get(CLAIM_COLUMN_COUNT)?;
                Ok((
                    claim_from_row(r)?,
                    Anchor::decode(anchor.as_deref().unwrap_or("")),
                ))
            },
        )?;
        Ok(rows
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .unzip())
    }

    /// Scope keys of the given articles ("story:NAME" or "article:ID").
    pub fn scopes_of(&self, article_ids: &[ArticleId]) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce('story:' || story, 'article:' || id) FROM articles WHERE id = ?1",
        )?;
        let mut out = Vec::new();
        for id in article_ids {
            out.push(stmt.query_row([id], |r| r.get(0))?);
        }
        out.sort();
        out.dedup();
        Ok(out)
    }
}

/// What the report needs of an article: its id, story and publication date.
#[derive(Debug, Clone)]
pub struct ArticleMeta {
    pub id: ArticleId,
    pub story: Option<String>,
    pub published: Option<String>,
}

impl Workspace {
    /// The given articles' report fields, in ingest order.
    pub fn article_meta_of(&self, ids: &[ArticleId]) -> Result<Vec<ArticleMeta>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.story, a.published FROM json_each(?1) AS w JOIN articles a ON a.id = w.value ORDER BY a.story, a.id",
        )?;
        let rows = stmt.query_map([serde_json::to_string(ids)?], |r| {
            Ok(ArticleMeta {
                id: r.get(0)?,
                story: r.get(1)?,
                published: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Articles in reading order: story, then ingest order.
    pub fn article_meta(&self, story: Option<&str>) -> Result<Vec<ArticleMeta>> {
        let map = |r: &rusqlite::Row| {
            Ok(ArticleMeta {
                id: r.get(0)?,
                story: r.get(1)?,
                published: r.get(2)?,
            })
        };
        let sql = match story {
            // Ingest order is the article number: ids made in one millisecond are in random
            // order, which made two ingests of one folder pair conflicts differently.
            Some(_) => "SELECT id, story, published FROM articles WHERE story = ?1 ORDER BY number",
            None => "SELECT id, story, published FROM articles ORDER BY story, number",
        };
        query_opt(&self.conn, sql, story, map)
    }
}
