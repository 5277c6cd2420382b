//! `Store` on PostgreSQL: every read a use case or front end makes, and `write`.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::{Result, bail};
use postgres::GenericClient;

use super::claims;
use super::rows::{
    self, ARTICLE_COLUMNS, CLAIM_COLUMN_COUNT, CLAIM_COLUMNS, CLAIMS, REVIEW_COLUMNS,
};
pub use super::sentences::{index_sentences, websearch};
use super::{PgStore, PgTx, WRITE_LOCK};
use crate::error::Error;
use crate::model::{
    Anchor, Article, ArticleId, Claim, ClaimId, ClaimKind, ConflictKey, FindingId, KeyFn, Stance,
};
use crate::store::ids::{resolve_with, shortest_prefix};
use crate::store::{
    ArticleFilter, ArticleMeta, ArticleText, ClaimFilter, ClaimSpan, CountBy, Evidence,
    HistoryEntry, IdTable, KnownReview, Ratings, Store, StoreTx,
};

/// Claims of articles that a later version replaced are left out of the report.
const CURRENT_VERSION: &str = "c.article_number NOT IN (SELECT p.number FROM articles p \
     WHERE p.id IN (SELECT previous_id FROM articles WHERE previous_id IS NOT NULL))";

/// Must match the WHERE of the `claims_date_checks` partial index.
const DATE_CHECKS: &str =
    "c.kind = 'date' AND (c.weekday IS NOT NULL OR c.relative IS NOT NULL OR c.date_valid = false)";

fn table_name(table: IdTable) -> &'static str {
    match table {
        IdTable::Articles => "articles",
        IdTable::Claims => "claims",
    }
}

/// The full id of the row a user's id, unique prefix or number names.
pub fn resolve(c: &mut impl GenericClient, table: IdTable, prefix: &str) -> Result<String> {
    let t = table_name(table);
    let c = std::cell::RefCell::new(c);
    resolve_with(
        table,
        prefix,
        |n| {
            let sql = format!("SELECT id FROM {t} WHERE number = $1");
            Ok(c.borrow_mut().query_opt(&sql, &[&n])?.map(|r| r.get(0)))
        },
        |low, high| {
            let sql = format!("SELECT id FROM {t} WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 11");
            Ok(c.borrow_mut()
                .query(&sql, &[&low, &high])?
                .iter()
                .map(|r| r.get(0))
                .collect())
        },
    )
}

fn ids_param<T: AsRef<str>>(ids: &[T]) -> Vec<String> {
    ids.iter().map(|i| i.as_ref().to_string()).collect()
}

impl PgStore {
    fn c(&self) -> std::cell::RefMut<'_, postgres::Client> {
        self.client.borrow_mut()
    }

    fn claims_where(
        &self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Vec<Claim>> {
        Ok(self
            .c()
            .query(sql, params)?
            .iter()
            .map(rows::claim)
            .collect())
    }

    fn articles_where(
        &self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Vec<Article>> {
        Ok(self
            .c()
            .query(sql, params)?
            .iter()
            .map(rows::article)
            .collect())
    }
}

fn meta(r: &postgres::Row) -> ArticleMeta {
    ArticleMeta {
        id: r.get::<_, String>(0).into(),
        story: r.get(1),
        published: r.get(2),
    }
}

impl Store for PgStore {
    fn location(&self) -> String {
        self.location.clone()
    }

    fn key_fn(&self) -> KeyFn {
        self.keys
    }

    fn write_dyn(&mut self, f: &mut dyn FnMut(&dyn StoreTx) -> Result<()>) -> Result<()> {
        let keys = self.keys;
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
        let ptx = PgTx::new(tx, keys);
        f(&ptx)?;
        ptx.tx.into_inner().commit()?;
        Ok(())
    }

    fn resolve(&self, table: IdTable, prefix: &str) -> Result<String> {
        resolve(&mut *self.c(), table, prefix)
    }

    fn short_id(&self, table: IdTable, id: &str) -> Result<String> {
        let t = table_name(table);
        let mut neighbours = Vec::new();
        for sql in [
            format!("SELECT id FROM {t} WHERE id < $1 ORDER BY id DESC LIMIT 1"),
            format!("SELECT id FROM {t} WHERE id > $1 ORDER BY id LIMIT 1"),
        ] {
            neighbours.extend(
                self.c()
                    .query_opt(&sql, &[&id])?
                    .map(|r| r.get::<_, String>(0)),
            );
        }
        Ok(shortest_prefix(id, &neighbours))
    }

    fn article(&self, id: &ArticleId) -> Result<Article> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = $1");
        self.articles_where(&sql, &[&id.as_str()])?
            .pop()
            .ok_or_else(|| {
                Error::NotFound {
                    what: "article",
                    id: id.to_string(),
                }
                .into()
            })
    }

    fn article_text(&self, id: &ArticleId) -> Result<ArticleText> {
        let Some(r) = self.c().query_opt(
            "SELECT id, title, url, published, story, body FROM articles WHERE id = $1",
            &[&id.as_str()],
        )?
        else {
            bail!(Error::NotFound {
                what: "article",
                id: id.to_string()
            });
        };
        Ok(ArticleText {
            id: r.get::<_, String>(0).into(),
            title: r.get(1),
            url: r.get(2),
            published: r.get(3),
            story: r.get(4),
            body: r.get(5),
        })
    }

    fn articles_by_ids(&self, ids: &[ArticleId]) -> Result<Vec<Article>> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM unnest($1::text[]) WITH ORDINALITY AS w(id, k)
             JOIN articles a ON a.id = w.id ORDER BY w.k"
        );
        self.articles_where(&sql, &[&ids_param(ids)])
    }

    fn articles(&self, filter: &ArticleFilter) -> Result<Vec<Article>> {
        match &filter.story {
            Some(s) => self.articles_where(
                &format!(
                    "SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.story = $1 ORDER BY a.number"
                ),
                &[s],
            ),
            None => self.articles_where(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles a ORDER BY a.number"),
                &[],
            ),
        }
    }

    fn stored_urls(&self, urls: &[String]) -> Result<HashSet<String>> {
        Ok(self
            .c()
            .query(
                "SELECT u FROM unnest($1::text[]) AS w(u)
                 WHERE u IN (SELECT url FROM articles WHERE url IS NOT NULL)
                    OR u IN (SELECT fetched_url FROM articles WHERE fetched_url IS NOT NULL)",
                &[&urls],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    fn claim(&self, id: &ClaimId) -> Result<Claim> {
        claims::get(&mut *self.c(), id)
    }

    fn claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        claims::list(&mut *self.c(), filter)
    }

    fn claims_of_articles(&self, article_ids: &[ArticleId]) -> Result<Vec<Claim>> {
        let sql = format!(
            "SELECT {CLAIM_COLUMNS} FROM unnest($1::text[]) WITH ORDINALITY AS w(id, k)
             JOIN articles ca ON ca.id = w.id JOIN claims c ON c.article_number = ca.number
             ORDER BY w.k, c.start_char, c.end_char, c.kind"
        );
        claims::read(&mut *self.c(), &sql, &[&ids_param(article_ids)])
    }

    fn sentences_of(&self, claim_ids: &[ClaimId]) -> Result<HashMap<ClaimId, String>> {
        let sql = format!("SELECT {CLAIM_COLUMNS} FROM {CLAIMS} WHERE c.id = ANY($1)");
        let claims = claims::read(&mut *self.c(), &sql, &[&ids_param(claim_ids)])?;
        Ok(claims
            .into_iter()
            .filter_map(|c| Some((c.id?, c.sentence.to_string())))
            .collect())
    }

    fn claim_numbers(&self, claim_ids: &[ClaimId]) -> Result<HashMap<ClaimId, i64>> {
        Ok(self
            .c()
            .query(
                "SELECT id, number FROM claims WHERE id = ANY($1)",
                &[&ids_param(claim_ids)],
            )?
            .iter()
            .map(|r| (r.get::<_, String>(0).into(), r.get(1)))
            .collect())
    }

    fn claim_counts(&self, by: CountBy, story: Option<&str>) -> Result<Vec<(Option<String>, i64)>> {
        let col = by.column();
        let filter = if story.is_some() {
            "WHERE a.story = $1"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {col}, count(*) FROM claims c JOIN articles a ON a.number = c.article_number {filter} \
             GROUP BY {col} ORDER BY count(*) DESC, {col} NULLS FIRST"
        );
        let rows = match story {
            Some(s) => self.c().query(&sql, &[&s])?,
            None => self.c().query(&sql, &[])?,
        };
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn status_counts(&self) -> Result<Vec<(String, i64)>> {
        Ok(self
            .c()
            .query(
                "SELECT status, claims FROM status_counts ORDER BY position",
                &[],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    fn history(&self, claim_id: &ClaimId) -> Result<Vec<HistoryEntry>> {
        Ok(self
            .c()
            .query(
                "SELECT claim_id, at, actor, action, from_value, to_value, note, evidence_url
                 FROM claim_history WHERE claim_id = $1 ORDER BY id",
                &[&claim_id.as_str()],
            )?
            .iter()
            .map(|r| HistoryEntry {
                claim_id: r.get::<_, String>(0).into(),
                at: r.get(1),
                actor: r.get(2),
                action: r.get(3),
                from: r.get(4),
                to: r.get(5),
                note: r.get(6),
                evidence_url: r.get(7),
            })
            .collect())
    }

    fn evidence(&self, claim_id: &ClaimId) -> Result<Vec<Evidence>> {
        Ok(self
            .c()
            .query(
                "SELECT claim_id, url, note, stance, added_by, added_at FROM evidence
                 WHERE claim_id = $1 ORDER BY id",
                &[&claim_id.as_str()],
            )?
            .iter()
            .map(|r| Evidence {
                claim_id: r.get::<_, String>(0).into(),
                url: r.get(1),
                note: r.get(2),
                stance: Stance::parse(&r.get::<_, String>(3)),
                added_by: r.get(4),
                added_at: r.get(5),
            })
            .collect())
    }

    fn dismissed_findings(&self) -> Result<HashSet<FindingId>> {
        Ok(self
            .c()
            .query("SELECT finding_id FROM finding_dismissals", &[])?
            .iter()
            .map(|r| r.get::<_, String>(0).into())
            .collect())
    }

    fn date_claims_for_checks(&self, story: Option<&str>) -> Result<Vec<Claim>> {
        match story {
            Some(s) => self.claims_where(
                &format!(
                    "SELECT {CLAIM_COLUMNS} FROM {CLAIMS} WHERE {DATE_CHECKS} AND ca.story = $1 \
                     AND {CURRENT_VERSION} ORDER BY c.article_number, c.start_char"
                ),
                &[&s],
            ),
            None => self.claims_where(
                &format!(
                    "SELECT {CLAIM_COLUMNS} FROM {CLAIMS} WHERE {DATE_CHECKS} AND {CURRENT_VERSION} \
                     ORDER BY c.article_number, c.start_char"
                ),
                &[],
            ),
        }
    }

    fn date_claims_of_articles(&self, ids: &[ArticleId]) -> Result<Vec<Claim>> {
        self.claims_where(
            &format!(
                "SELECT {CLAIM_COLUMNS} FROM {CLAIMS} WHERE ca.id = ANY($1) AND {DATE_CHECKS} \
                 AND {CURRENT_VERSION} ORDER BY c.article_number, c.start_char"
            ),
            &[&ids_param(ids)],
        )
    }

    fn conflicting_groups(&self, scope: Option<&str>) -> Result<Vec<ConflictKey>> {
        let mut sql = format!(
            "SELECT c.scope, c.kind, c.subject_key, c.event, coalesce(c.currency, c.quantity) FROM claims c \
             WHERE c.subject_key IS NOT NULL AND {CURRENT_VERSION}"
        );
        if scope.is_some() {
            sql.push_str(" AND c.scope = $1");
        }
        sql.push_str(
            " GROUP BY c.scope, c.kind, c.subject_key, c.event, coalesce(c.currency, c.quantity) \
             HAVING count(*) > 1 AND max(coalesce(c.si_low, c.value_low)) > min(coalesce(c.si_high, c.value_high)) \
             ORDER BY 1, 2, 3, 4 NULLS FIRST, 5 NULLS FIRST",
        );
        let rows = match scope {
            Some(s) => self.c().query(&sql, &[&s])?,
            None => self.c().query(&sql, &[])?,
        };
        Ok(rows
            .iter()
            .map(|r| ConflictKey {
                scope: r.get(0),
                kind: r.get::<_, String>(1).parse().unwrap_or(ClaimKind::Other),
                subject: r.get(2),
                event: r.get(3),
                currency: r.get(4),
            })
            .collect())
    }

    fn group_claims(&self, key: &ConflictKey) -> Result<(Vec<Claim>, Vec<Anchor>)> {
        let sql = format!(
            "SELECT {CLAIM_COLUMNS}, c.anchor FROM {CLAIMS} WHERE c.subject_key IS NOT NULL AND c.scope = $1 \
             AND c.kind = $2 AND c.subject_key = $3 AND c.event IS NOT DISTINCT FROM $4 \
             AND coalesce(c.currency, c.quantity) IS NOT DISTINCT FROM $5 AND {CURRENT_VERSION} \
             ORDER BY c.article_number, c.start_char"
        );
        let rows = self.c().query(
            &sql,
            &[
                &key.scope,
                &key.kind.as_str(),
                &key.subject,
                &key.event,
                &key.currency,
            ],
        )?;
        Ok(rows
            .iter()
            .map(|r| {
                let anchor: Option<String> = r.get(CLAIM_COLUMN_COUNT);
                (
                    rows::claim(r),
                    Anchor::decode(anchor.as_deref().unwrap_or("")),
                )
            })
            .unzip())
    }

    fn scopes_of(&self, article_ids: &[ArticleId]) -> Result<Vec<String>> {
        let mut out: Vec<String> = self
            .c()
            .query(
                "SELECT coalesce('story:' || story, 'article:' || id) FROM articles WHERE id = ANY($1)",
                &[&ids_param(article_ids)],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        out.sort();
        out.dedup();
        Ok(out)
    }

    fn article_meta_of(&self, ids: &[ArticleId]) -> Result<Vec<ArticleMeta>> {
        Ok(self
            .c()
            .query(
                "SELECT id, story, published FROM articles WHERE id = ANY($1) ORDER BY story NULLS FIRST, id",
                &[&ids_param(ids)],
            )?
            .iter()
            .map(meta)
            .collect())
    }

    fn article_meta(&self, story: Option<&str>) -> Result<Vec<ArticleMeta>> {
        let rows = match story {
            Some(s) => self.c().query(
                "SELECT id, story, published FROM articles WHERE story = $1 ORDER BY number",
                &[&s],
            )?,
            None => self.c().query(
                "SELECT id, story, published FROM articles ORDER BY story NULLS FIRST, number",
                &[],
            )?,
        };
        Ok(rows.iter().map(meta).collect())
    }

    fn ratings(&self) -> Result<Ratings> {
        Ok(self
            .c()
            .query("SELECT label, value FROM ratings ORDER BY position", &[])?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    fn rated_at(&self, ids: &[ClaimId]) -> Result<HashMap<ClaimId, String>> {
        Ok(self
            .c()
            .query(
                "SELECT claim_id, max(at) FROM claim_history
                 WHERE claim_id = ANY($1) AND action = 'rated' GROUP BY claim_id",
                &[&ids_param(ids)],
            )?
            .iter()
            .map(|r| (r.get::<_, String>(0).into(), r.get(1)))
            .collect())
    }

    fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .c()
            .query_opt("SELECT value FROM settings WHERE key = $1", &[&key])?
            .map(|r| r.get(0)))
    }

    fn token_owner(&self, sha256: &str) -> Result<Option<String>> {
        Ok(self
            .c()
            .query_opt("SELECT name FROM api_tokens WHERE sha256 = $1", &[&sha256])?
            .map(|r| r.get(0)))
    }

    fn token_names(&self) -> Result<Vec<(String, String)>> {
        Ok(self
            .c()
            .query("SELECT name, created_at FROM api_tokens ORDER BY name", &[])?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    fn known_reviews(&self) -> Result<Vec<KnownReview>> {
        Ok(self
            .c()
            .query(
                &format!("SELECT {REVIEW_COLUMNS} FROM known_reviews r ORDER BY r.id"),
                &[],
            )?
            .iter()
            .map(rows::review)
            .collect())
    }

    fn known_for_claim(&self, claim_id: &ClaimId) -> Result<Vec<(KnownReview, f64)>> {
        Ok(self
            .c()
            .query(
                &format!(
                    "SELECT {REVIEW_COLUMNS}, m.score FROM claim_matches m JOIN known_reviews r ON r.id = m.review_id
                     WHERE m.claim_id = $1 ORDER BY m.score DESC, r.id"
                ),
                &[&claim_id.as_str()],
            )?
            .iter()
            .map(|r| (rows::review(r), r.get(14)))
            .collect())
    }

    fn best_known_for(
        &self,
        claim_ids: &[ClaimId],
    ) -> Result<HashMap<ClaimId, (KnownReview, f64)>> {
        let rows = self.c().query(
            &format!(
                "SELECT {REVIEW_COLUMNS}, m.score, m.claim_id FROM claim_matches m
                 JOIN known_reviews r ON r.id = m.review_id WHERE m.claim_id = ANY($1)
                 ORDER BY m.claim_id, m.score DESC, r.id"
            ),
            &[&ids_param(claim_ids)],
        )?;
        let mut out = HashMap::new();
        for r in &rows {
            out.entry(r.get::<_, String>(15).into())
                .or_insert((rows::review(r), r.get(14)));
        }
        Ok(out)
    }

    fn backup(&self, to: &Path) -> Result<()> {
        bail!(Error::Usage(format!(
            "{} is a PostgreSQL database: back it up with pg_dump (for example `pg_dump --format=custom \
             --file {} DATABASE`), which is consistent while others write; or use `claimdesk export all`",
            self.location,
            to.display()
        )))
    }

    fn problems(&self) -> Result<Vec<String>> {
        super::dump::problems(&mut self.c())
    }

    fn each_article_claims(&self, f: &mut dyn FnMut(&str, &str, &[ClaimSpan])) -> Result<()> {
        let numbers: Vec<i64> = self
            .c()
            .query("SELECT number FROM articles ORDER BY id", &[])?
            .iter()
            .map(|r| r.get(0))
            .collect();
        for n in numbers {
            let mut c = self.c();
            let a = c.query_one("SELECT id, body FROM articles WHERE number = $1", &[&n])?;
            let found: Vec<ClaimSpan> = c
                .query(
                    "SELECT id, text, start_char, end_char FROM claims WHERE article_number = $1 ORDER BY start_char",
                    &[&n],
                )?
                .iter()
                .map(|r| (r.get::<_, String>(0).into(), r.get(1), r.get(2), r.get(3)))
                .collect();
            drop(c);
            f(&a.get::<_, String>(0), &a.get::<_, String>(1), &found);
        }
        Ok(())
    }

    fn export_all(&self, out: &mut dyn Write) -> Result<usize> {
        super::dump::export_all(&mut self.c(), out)
    }

    fn import_all(&mut self, input: &mut dyn BufRead, name: &str) -> Result<usize> {
        let location = self.location.clone();
        super::dump::import_all(&mut self.client.borrow_mut(), input, name, &location)
    }
}
