//! A write transaction on PostgreSQL: `StoreTx`, the writes a use case makes and the reads
//! its writes depend on, all on one transaction that holds the writer lock.

use std::cell::{Cell, OnceCell, RefCell};

use anyhow::{Result, bail};
use postgres::types::ToSql;
use postgres::{Statement, Transaction};

use std::io::Write;

use super::claims::{self, Datum, Param, SUBJECT_KEY_AT, VALUE_COLUMNS, value_cells, value_params};
use super::{articles, reads, settings};
use crate::error::Error;
use crate::model::{
    Anchor, ArticleId, Claim, ClaimId, ClaimKind, ConflictKey, FindingId, HistoryAction, KeyFn,
    Rule, Value,
};
use crate::store::{
    ArticleField, ClaimUpdate, Evidence, IdTable, KnownReview, NewArticle, StoreTx, new_id, now,
    value_differences,
};

pub struct PgTx<'a> {
    pub(super) tx: RefCell<Transaction<'a>>,
    pub(super) keys: KeyFn,
    /// The next article and claim numbers (highest plus one), read once: writers hold the
    /// lock, so nobody else takes one meanwhile.
    next_numbers: Cell<Option<(i64, i64)>>,
    /// The last article a claim was stored against: (id, number, ingested_at).
    last_article: RefCell<Option<(String, i64, String)>>,
    /// Claims queued by `stage_claim` as lines of COPY text, written by `flush_staged`.
    staged: RefCell<String>,
    at: OnceCell<String>,
    /// Statements prepared in this transaction, by their text: bulk ingest runs the same
    /// few per article, and an unprepared one costs a second round trip each time.
    prepared: RefCell<std::collections::HashMap<&'static str, Statement>>,
}

/// A new claim: its number, id, article, place, value, origin, time and scope. ON CONFLICT:
/// a claim already stored at the same place with the same kind is left alone.
const INSERT_CLAIM: &str = "INSERT INTO claims (number, id, article_number, kind, text, start_char, end_char, \
     sentence_start, sentence_end, value_low, value_high, qualifier, subject, predicate, unit, currency, \
     date, weekday, relative, year_inferred, date_valid, subject_key, event, anchor, quantity, si_low, si_high, \
     status, origin, created_at, scope) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, \
     $21, $22, $23, $24, $25, $26, $27, 'unchecked', $28, $29, \
     CASE WHEN $22::text IS NULL THEN NULL ELSE \
       (SELECT coalesce('story:' || story, 'article:' || id) FROM articles WHERE number = $3) END) \
     ON CONFLICT (article_number, start_char, end_char, kind) DO NOTHING";

const _: () = assert!(9 + SUBJECT_KEY_AT + 1 == 22);

/// The columns a staged claim is copied with, in `new_claim`'s order.
const STAGED_COLUMNS: &str = "number, id, article_number, kind, text, start_char, end_char, \
     sentence_start, sentence_end, value_low, value_high, qualifier, subject, predicate, unit, currency, \
     date, weekday, relative, year_inferred, date_valid, subject_key, event, anchor, quantity, si_low, si_high, \
     origin, created_at";

impl<'a> PgTx<'a> {
    pub fn new(tx: Transaction<'a>, keys: KeyFn) -> PgTx<'a> {
        PgTx {
            tx: RefCell::new(tx),
            keys,
            next_numbers: Cell::new(None),
            last_article: RefCell::new(None),
            staged: RefCell::new(String::new()),
            at: OnceCell::new(),
            prepared: RefCell::new(std::collections::HashMap::new()),
        }
    }

    /// `sql` prepared once per transaction.
    fn prepared(&self, sql: &'static str) -> Result<Statement> {
        if let Some(s) = self.prepared.borrow().get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.borrow_mut().prepare(sql)?;
        self.prepared.borrow_mut().insert(sql, s.clone());
        Ok(s)
    }

    fn now(&self) -> String {
        self.at.get_or_init(now).clone()
    }

    fn take_number(&self, article: bool) -> Result<i64> {
        let (a, c) = match self.next_numbers.get() {
            Some(n) => n,
            None => {
                let r = self.tx.borrow_mut().query_one(
                    "SELECT (SELECT coalesce(max(number), 0) + 1 FROM articles),
                            (SELECT coalesce(max(number), 0) + 1 FROM claims)",
                    &[],
                )?;
                (r.get(0), r.get(1))
            }
        };
        let (taken, next) = if article {
            (a, (a + 1, c))
        } else {
            (c, (a, c + 1))
        };
        self.next_numbers.set(Some(next));
        Ok(taken)
    }

    fn article_key(&self, id: &str) -> Result<(i64, String)> {
        if let Some((last, n, at)) = &*self.last_article.borrow()
            && last == id
        {
            return Ok((*n, at.clone()));
        }
        let stmt = self.prepared("SELECT number, ingested_at FROM articles WHERE id = $1")?;
        let Some(r) = self.tx.borrow_mut().query_opt(&stmt, &[&id])? else {
            bail!(Error::NotFound {
                what: "article",
                id: id.to_string()
            });
        };
        let (n, at): (i64, String) = (r.get(0), r.get(1));
        *self.last_article.borrow_mut() = Some((id.to_string(), n, at.clone()));
        Ok((n, at))
    }

    /// The values of INSERT_CLAIM (and of STAGED_COLUMNS) for a new claim, and its id.
    fn new_claim(
        &self,
        article_id: &str,
        c: &Claim,
        key: Option<(ConflictKey, Anchor)>,
    ) -> Result<(String, Vec<Datum>)> {
        let id = new_id();
        let (article, ingested_at) = self.article_key(article_id)?;
        let at = self.now();
        let created_at = (at != ingested_at).then_some(at);
        let (ss, se) = c.sentence_span.unwrap_or((c.start, c.end));
        let mut p = vec![
            Datum::Int(Some(self.take_number(false)?)),
            Datum::Text(Some(id.clone())),
            Datum::Int(Some(article)),
            Datum::Text(Some(c.kind().as_str().into())),
            Datum::Text(Some(c.text.to_string())),
            Datum::Int(Some(c.start as i64)),
            Datum::Int(Some(c.end as i64)),
            Datum::Int(Some(ss as i64)),
            Datum::Int(Some(se as i64)),
        ];
        p.extend(value_cells(c, key));
        p.push(Datum::Text(Some(c.origin.as_str().into())));
        p.push(Datum::Text(created_at));
        Ok((id, p))
    }

    /// Adds `n` new (unchecked) claims to the status counts.
    fn count_new(&self, n: u64) -> Result<()> {
        if n > 0 {
            self.tx.borrow_mut().execute(
                "UPDATE status_counts SET claims = claims + $1 WHERE status = 'unchecked'",
                &[&(n as i64)],
            )?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn append(
        &self,
        claim_id: &str,
        at: &str,
        actor: &str,
        action: HistoryAction,
        from_to: (Option<&str>, Option<&str>),
        note: Option<&str>,
        evidence_url: Option<&str>,
    ) -> Result<()> {
        self.tx.borrow_mut().execute(
            "INSERT INTO claim_history (claim_id, at, actor, action, from_value, to_value, note, evidence_url)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[&claim_id, &at, &actor, &action.as_str(), &from_to.0, &from_to.1, &note, &evidence_url],
        )?;
        Ok(())
    }
}

fn refs(params: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p.as_ref()).collect()
}

impl StoreTx for PgTx<'_> {
    fn key_of(&self, c: &Claim) -> Option<(ConflictKey, Anchor)> {
        (self.keys)(c)
    }

    fn resolve(&self, table: IdTable, prefix: &str) -> Result<String> {
        reads::resolve(&mut *self.tx.borrow_mut(), table, prefix)
    }

    fn find_article_by_hash(&self, sha: &str) -> Result<Option<ArticleId>> {
        let stmt = self.prepared("SELECT id FROM articles WHERE body_sha256 = $1")?;
        Ok(self
            .tx
            .borrow_mut()
            .query_opt(&stmt, &[&sha])?
            .map(|r| r.get::<_, String>(0).into()))
    }

    fn latest_at_url(&self, url: &str) -> Result<Option<(ArticleId, Option<String>)>> {
        let stmt = self.prepared(
            "SELECT a.id, a.story FROM articles a
             WHERE a.url = $1 AND NOT EXISTS (SELECT 1 FROM articles n WHERE n.previous_id = a.id)
             ORDER BY a.number DESC LIMIT 1",
        )?;
        Ok(self
            .tx
            .borrow_mut()
            .query_opt(&stmt, &[&url])?
            .map(|r| (r.get::<_, String>(0).into(), r.get(1))))
    }

    fn insert_article(&self, a: &NewArticle) -> Result<ArticleId> {
        let id = new_id();
        let number = self.take_number(true)?;
        let previous = a.previous_id.as_deref();
        let stmt = self.prepared(
            "INSERT INTO articles (number, id, url, title, outlet, author, published, published_from,
                 story, language, format, source_path, fetched_url, fetched_at, raw_sha256,
                 previous_id, ingested_at, body_sha256, body)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
        )?;
        self.tx.borrow_mut().execute(
            &stmt,
            &[
                &number,
                &id,
                &a.url,
                &a.title,
                &a.outlet,
                &a.author,
                &a.published,
                &a.published_from,
                &a.story,
                &a.language,
                &a.format,
                &a.source_path,
                &a.fetched_url,
                &a.fetched_at,
                &a.raw_sha256,
                &previous,
                &self.now(),
                &a.body_sha256,
                &a.body,
            ],
        )?;
        Ok(ArticleId::new(id))
    }

    fn set_article_field(
        &self,
        id: &ArticleId,
        field: ArticleField,
        value: Option<&str>,
        actor: &str,
        note: Option<&str>,
    ) -> Result<bool> {
        articles::set_article_field(&mut *self.tx.borrow_mut(), id, field, value, actor, note)
    }

    fn set_article_language(&self, id: &ArticleId, language: Option<&str>) -> Result<()> {
        articles::set_article_language(&mut *self.tx.borrow_mut(), id, language)
    }

    fn carry_over(&self, old: &ArticleId, new: &ArticleId) -> Result<usize> {
        articles::carry_over(&mut *self.tx.borrow_mut(), old, new)
    }

    fn get_claim(&self, id: &ClaimId) -> Result<Claim> {
        claims::get(&mut *self.tx.borrow_mut(), id)
    }

    fn claims_of_article(&self, article_id: &ArticleId) -> Result<Vec<Claim>> {
        claims::of_article(&mut *self.tx.borrow_mut(), article_id)
    }

    fn claim_at(
        &self,
        article_id: &ArticleId,
        start: usize,
        end: usize,
        kind: ClaimKind,
    ) -> Result<Option<ClaimId>> {
        claims::existing_at(&mut *self.tx.borrow_mut(), article_id, start, end, kind)
    }

    fn is_reviewed(&self, c: &Claim) -> Result<bool> {
        claims::is_reviewed(&mut *self.tx.borrow_mut(), c)
    }

    fn insert_claim(&self, article_id: &ArticleId, c: &Claim) -> Result<Option<ClaimId>> {
        let (id, cells) = self.new_claim(article_id, c, self.key_of(c))?;
        let params: Vec<Param> = cells.iter().map(Datum::param).collect();
        let n = self.tx.borrow_mut().execute(INSERT_CLAIM, &refs(&params))?;
        self.count_new(n)?;
        Ok((n == 1).then_some(ClaimId::new(id)))
    }

    fn stage_claim(
        &self,
        article_id: &ArticleId,
        c: &Claim,
        key: Option<(ConflictKey, Anchor)>,
    ) -> Result<()> {
        let (_, cells) = self.new_claim(article_id, c, key)?;
        let mut line = self.staged.borrow_mut();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                line.push('\t');
            }
            cell.copy_text(&mut line);
        }
        line.push('\n');
        Ok(())
    }

    /// Bulk ingest's claims go to a temporary table with COPY, then into `claims` in one
    /// statement (ON CONFLICT needs an INSERT): a statement per claim ran at a third of that.
    fn flush_staged(&self) -> Result<()> {
        let staged = std::mem::take(&mut *self.staged.borrow_mut());
        if staged.is_empty() {
            return Ok(());
        }
        let mut t = self.tx.borrow_mut();
        t.batch_execute(
            "CREATE TEMP TABLE IF NOT EXISTS staged_claims (LIKE claims INCLUDING DEFAULTS)
                 ON COMMIT DELETE ROWS",
        )?;
        let mut copy = t.copy_in(&format!("COPY staged_claims ({STAGED_COLUMNS}) FROM STDIN"))?;
        copy.write_all(staged.as_bytes())?;
        copy.finish()?;
        let n = t.execute(
            &format!(
                "INSERT INTO claims ({STAGED_COLUMNS}, status, scope)
                 SELECT {}, 'unchecked', CASE WHEN s.subject_key IS NULL THEN NULL
                        ELSE coalesce('story:' || a.story, 'article:' || a.id) END
                 FROM staged_claims s JOIN articles a ON a.number = s.article_number
                 ORDER BY s.number
                 ON CONFLICT (article_number, start_char, end_char, kind) DO NOTHING",
                STAGED_COLUMNS
                    .split(", ")
                    .map(|c| format!("s.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            &[],
        )?;
        t.execute("DELETE FROM staged_claims", &[])?;
        drop(t);
        self.count_new(n)
    }

    fn last_rowid(&self) -> Result<i64> {
        Ok(self
            .tx
            .borrow_mut()
            .query_one("SELECT coalesce(max(number), 0) FROM claims", &[])?
            .get(0))
    }

    fn index_new_claims(&self, since: i64) -> Result<()> {
        reads::index_sentences(&mut *self.tx.borrow_mut(), since)
    }

    fn sentences_after(&self, since: i64) -> Result<Vec<(ClaimId, String)>> {
        let sql = format!(
            "SELECT {} FROM {} WHERE c.number > $1",
            super::rows::CLAIM_COLUMNS,
            super::rows::CLAIMS
        );
        let claims = claims::read(&mut *self.tx.borrow_mut(), &sql, &[&since])?;
        Ok(claims
            .into_iter()
            .filter_map(|c| Some((c.id?, c.sentence.to_string())))
            .collect())
    }

    fn update_claim(
        &self,
        id: &ClaimId,
        update: &ClaimUpdate,
        actor: &str,
        note: Option<&str>,
        evidence_url: Option<&str>,
    ) -> Result<bool> {
        let before = self.get_claim(id)?;
        let at = now();
        let (action, from, to) = update.change(&before);
        let changed = from != to;
        let id: &str = id;
        if changed {
            let sql = match update {
                ClaimUpdate::Status(_) => {
                    "UPDATE claims SET status = $2, updated_at = $3 WHERE id = $1"
                }
                ClaimUpdate::Assignee(_) => {
                    "UPDATE claims SET assignee = $2, updated_at = $3 WHERE id = $1"
                }
            };
            self.tx.borrow_mut().execute(sql, &[&id, &to, &at])?;
        }
        if changed || note.is_some() || evidence_url.is_some() {
            self.append(
                id,
                &at,
                actor,
                action,
                (from.as_deref(), to.as_deref()),
                note,
                evidence_url,
            )?;
        }
        Ok(changed)
    }

    fn edit_claim(
        &self,
        id: &ClaimId,
        value: &Value,
        actor: &str,
        note: Option<&str>,
    ) -> Result<Vec<String>> {
        self.replace_value(id, value, actor, HistoryAction::Edit, note)
    }

    fn replace_value(
        &self,
        id: &ClaimId,
        value: &Value,
        actor: &str,
        action: HistoryAction,
        note: Option<&str>,
    ) -> Result<Vec<String>> {
        let before = self.get_claim(id)?;
        let mut after = before.clone();
        after.value = value.clone();
        let changed = value_differences(&before, &after);
        if changed.is_empty() {
            return Ok(Vec::new());
        }
        let at = now();
        let mut params: Vec<Param> = vec![Box::new(value.kind().as_str())];
        params.extend(value_params(&after, self.key_of(&after)));
        params.push(Box::new(at.clone()));
        params.push(Box::new(id.to_string()));
        let placeholders: Vec<String> = (2..=19).map(|i| format!("${i}")).collect();
        let sql = format!(
            "UPDATE claims SET (kind, {VALUE_COLUMNS}, updated_at) = ($1, {}, $20) WHERE id = $21",
            placeholders.join(", ")
        );
        {
            let mut t = self.tx.borrow_mut();
            t.execute(&sql, &refs(&params))?;
            claims::rescope(&mut *t, id)?;
        }
        for (field, from, to) in &changed {
            let from = from.as_ref().map(|v| format!("{field}={v}"));
            let to = to.as_ref().map(|v| format!("{field}={v}"));
            self.append(
                id,
                &at,
                actor,
                action,
                (from.as_deref(), to.as_deref()),
                note,
                None,
            )?;
        }
        Ok(changed.into_iter().map(|c| c.0).collect())
    }

    fn refresh_key(&self, c: &Claim) -> Result<()> {
        let key = self.key_of(c);
        let id = c.id.as_deref().unwrap_or("");
        let mut t = self.tx.borrow_mut();
        t.execute(
            "UPDATE claims SET subject_key = $2, event = $3, anchor = $4 WHERE id = $1",
            &[
                &id,
                &key.as_ref().map(|k| k.0.subject.clone()),
                &key.as_ref().and_then(|k| k.0.event.clone()),
                &key.as_ref().map(|k| k.1.encode()),
            ],
        )?;
        claims::rescope(&mut *t, id)
    }

    fn append_history(
        &self,
        claim_id: &ClaimId,
        at: &str,
        actor: &str,
        action: HistoryAction,
        from: Option<&str>,
        to: Option<&str>,
        note: Option<&str>,
        evidence_url: Option<&str>,
    ) -> Result<()> {
        self.append(claim_id, at, actor, action, (from, to), note, evidence_url)
    }

    fn add_evidence(&self, e: &Evidence) -> Result<()> {
        let claim: &str = &e.claim_id;
        self.tx.borrow_mut().execute(
            "INSERT INTO evidence (claim_id, url, note, stance, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6)",
            &[&claim, &e.url, &e.note, &e.stance.as_str(), &e.added_by, &e.added_at],
        )?;
        Ok(())
    }

    fn dismiss_finding(
        &self,
        finding_id: &FindingId,
        rule: Rule,
        claim_ids: &[ClaimId],
        note: &str,
        actor: &str,
    ) -> Result<()> {
        let at = now();
        let finding: &str = finding_id;
        self.tx.borrow_mut().execute(
            "INSERT INTO finding_dismissals (finding_id, rule, note, dismissed_by, dismissed_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (finding_id) DO UPDATE SET rule = excluded.rule, note = excluded.note,
                 dismissed_by = excluded.dismissed_by, dismissed_at = excluded.dismissed_at",
            &[&finding, &rule.as_str(), &note, &actor, &at],
        )?;
        let to = format!("{rule} {finding_id}");
        for id in claim_ids {
            self.append(
                id,
                &at,
                actor,
                HistoryAction::Dismiss,
                (None, Some(&to)),
                Some(note),
                None,
            )?;
        }
        Ok(())
    }

    fn add_rating(&self, label: &str, value: Option<i64>) -> Result<()> {
        settings::add_rating(&mut *self.tx.borrow_mut(), label, value)
    }

    fn remove_rating(&self, label: &str) -> Result<()> {
        settings::remove_rating(&mut *self.tx.borrow_mut(), label)
    }

    fn rate(
        &self,
        id: &ClaimId,
        rating: &str,
        explanation: Option<&str>,
        actor: &str,
    ) -> Result<bool> {
        let id: &str = id;
        let before = self.tx.borrow_mut().query_opt(
            "SELECT rating, explanation FROM claims WHERE id = $1",
            &[&id],
        )?;
        let Some(before) = before else {
            bail!(Error::NotFound {
                what: "claim",
                id: id.to_string()
            });
        };
        let (old, old_expl): (Option<String>, Option<String>) = (before.get(0), before.get(1));
        let explanation = explanation.map(str::to_string).or(old_expl);
        if old.as_deref() == Some(rating) && explanation.is_none() {
            return Ok(false);
        }
        let at = now();
        self.tx.borrow_mut().execute(
            "UPDATE claims SET rating = $2, explanation = $3, updated_at = $4 WHERE id = $1",
            &[&id, &rating, &explanation, &at],
        )?;
        self.append(
            id,
            &at,
            actor,
            HistoryAction::Rated,
            (old.as_deref(), Some(rating)),
            explanation.as_deref(),
            None,
        )?;
        Ok(true)
    }

    fn set_setting(&self, key: &str, value: Option<&str>) -> Result<()> {
        settings::set_setting(&mut *self.tx.borrow_mut(), key, value)
    }

    fn set_token(&self, name: &str, sha256: &str) -> Result<()> {
        settings::set_token(&mut *self.tx.borrow_mut(), name, sha256)
    }

    fn remove_token(&self, name: &str) -> Result<bool> {
        settings::remove_token(&mut *self.tx.borrow_mut(), name)
    }

    fn insert_review(&self, r: &KnownReview, source: Option<&str>) -> Result<Option<i64>> {
        settings::insert_review(&mut *self.tx.borrow_mut(), r, source)
    }

    fn known_review_count(&self) -> Result<i64> {
        settings::known_review_count(&mut *self.tx.borrow_mut())
    }

    fn review_candidates(&self, query: &str, limit: usize) -> Result<Vec<(i64, String)>> {
        settings::review_candidates(&mut *self.tx.borrow_mut(), query, limit)
    }

    fn claim_candidates(&self, query: &str, limit: usize) -> Result<Vec<(ClaimId, String)>> {
        settings::claim_candidates(&mut *self.tx.borrow_mut(), query, limit)
    }

    fn insert_match(&self, claim_id: &ClaimId, review_id: i64, score: f64) -> Result<()> {
        settings::insert_match(&mut *self.tx.borrow_mut(), claim_id, review_id, score)
    }
}
