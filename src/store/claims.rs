//! Claims: insert, filter, change status and assignee (with history, in the caller's transaction).

use std::collections::HashMap;

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row, ToSql, params, params_from_iter};

use super::{Tx, Workspace, history, now};
use crate::model::{
    Anchor, ArticleId, Claim, ClaimId, ClaimKind, ConflictKey, Fields, HistoryAction, KeyFn,
    Origin, Review, Status, Value, derived_number,
};

#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub status: Option<Status>,
    pub kind: Option<ClaimKind>,
    pub article: Option<ArticleId>,
    pub story: Option<String>,
    pub assignee: Option<String>,
    /// Words that must all occur in the claim's sentence (it holds the quote), or all in
    /// its subject.
    pub search: Option<String>,
    /// Only claims that match a known fact-check.
    pub known: bool,
    pub limit: Option<usize>,
    /// Rows skipped before the first one returned (with `limit`, for paging).
    pub offset: Option<usize>,
}

/// The user's words as an FTS5 query that means "all these words": each word becomes a
/// quoted phrase, so FTS5 operators and stray quotes in the input are plain text.
pub fn fts_query(words: &str) -> Option<String> {
    let terms: Vec<String> = words
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The id claim `c` of article `a` derives from its number and its article's id (schema
/// 0018; `model::derived_claim_id` is the same rule in Rust).
macro_rules! derived_id_sql {
    ($c:literal, $a:literal) => {
        concat!(
            "printf('%08d', ",
            $c,
            ".number) || substr(",
            $a,
            ".id, 9, 6) || '8' || substr(",
            $a,
            ".id, 16)"
        )
    };
}
pub(super) use derived_id_sql;

/// A claim's id (`c`, of article `ca`): stored, or derived.
macro_rules! claim_id_sql {
    ($c:literal, $a:literal) => {
        concat!(
            "coalesce(",
            $c,
            ".id, ",
            $crate::store::claims::derived_id_sql!($c, $a),
            ")"
        )
    };
}
pub(super) use claim_id_sql;
pub(super) const CLAIM_ID: &str = claim_id_sql!("c", "ca");

/// The number of the claim whose id is ?1 (?2: the number a derived id starts with, see
/// `model::derived_number`), stored or derived.
pub(super) const NUMBER_OF_ID: &str = concat!(
    "SELECT number FROM claims WHERE id = ?1 UNION ALL \
     SELECT d.number FROM claims d JOIN articles da ON da.number = d.article_number \
     WHERE d.number = ?2 AND +d.id IS NULL AND ",
    claim_id_sql!("d", "da"),
    " = ?1 LIMIT 1"
);

pub(super) const CLAIM_COLUMNS: &str = concat!(
    claim_id_sql!("c", "ca"),
    ", ca.id, c.kind, c.text, c.start_char, c.end_char, c.sentence_start, \
     c.status, c.assignee, c.origin, c.value_low, c.value_high, c.qualifier, c.subject, c.predicate, \
     c.unit, c.currency, c.date, c.weekday, c.relative, c.year_inferred, c.date_valid, \
     coalesce(c.created_at, ca.ingested_at), coalesce(c.updated_at, c.created_at, ca.ingested_at), c.number, c.rating, c.explanation, c.quantity, c.si_low, c.si_high, \
     c.sentence_end"
);
/// What CLAIM_COLUMNS reads from: a claim (`c`) and its article (`ca`), whose id and
/// ingest time it shows (schema 0016 keeps only the article's number in the claim).
pub(super) const CLAIMS: &str = "claims c JOIN articles ca ON ca.number = c.article_number";
/// How many columns CLAIM_COLUMNS selects: a query may add its own after them.
pub(super) const CLAIM_COLUMN_COUNT: usize = 31;

/// A claim as CLAIM_COLUMNS reads it; its `sentence` is left empty for `sentences::fill`.
pub(super) fn claim_from_row(r: &Row) -> rusqlite::Result<Claim> {
    let kind: String = r.get(2)?;
    let status: String = r.get(7)?;
    let origin: String = r.get(9)?;
    let date: Option<String> = r.get(17)?;
    let fields = Fields {
        low: r.get(10)?,
        high: r.get(11)?,
        qualifier: r.get(12)?,
        subject: r.get(13)?,
        predicate: r.get(14)?,
        unit: r.get(15)?,
        currency: r.get(16)?,
        date: date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        weekday: r.get(18)?,
        relative: r.get(19)?,
        year_inferred: r.get::<_, Option<bool>>(20)?.unwrap_or(false),
        valid: r.get::<_, Option<bool>>(21)?.unwrap_or(true),
        quantity: r.get(27)?,
        si_low: r.get(28)?,
        si_high: r.get(29)?,
    };
    Ok(Claim {
        id: r.get(0)?,
        text: r.get::<_, String>(3)?.into(),
        start: r.get::<_, i64>(4)? as usize,
        end: r.get::<_, i64>(5)? as usize,
        sentence: "".into(),
        sentence_span: Some((r.get::<_, i64>(6)? as usize, r.get::<_, i64>(30)? as usize)),
        status: status.parse().unwrap_or(Status::Unchecked),
        origin: Origin::parse(&origin),
        // The schema's CHECK constraints keep the kind valid.
        value: Value::new(kind.parse().unwrap_or(ClaimKind::Other), fields),
        number: r.get(24)?,
        review: Some(Box::new(Review {
            article_id: r.get(1)?,
            assignee: r.get(8)?,
            created_at: r.get(22)?,
            updated_at: r.get(23)?,
            rating: r.get(25)?,
            explanation: r.get(26)?,
        })),
    })
}

/// The claims `sql` (selecting CLAIM_COLUMNS) gives for `params`, their sentences cut from
/// the bodies: every read that shows sentences goes through here.
pub(super) fn read_claims(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Claim>> {
    let mut claims: Vec<Claim> = conn
        .prepare_cached(sql)?
        .query_map(params, claim_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    super::sentences::fill(conn, &mut claims)?;
    Ok(claims)
}

/// (claim id, sentence) of stored claims.
pub(super) fn id_and_sentence(claims: Vec<Claim>) -> Vec<(ClaimId, String)> {
    claims
        .into_iter()
        .filter_map(|c| Some((c.id?, c.sentence.to_string())))
        .collect()
}

/// The columns that hold a claim's value, and the conflict key derived from it, in the
/// order `value_row` gives them: insert and edit write the same columns the same way.
const VALUE_COLUMNS: &str = "value_low, value_high, qualifier, subject, predicate, unit, currency, \
     date, weekday, relative, year_inferred, date_valid, subject_key, event, anchor, quantity, si_low, si_high";
const VALUE_PLACEHOLDERS: &str = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

/// A claim's value as stored in `VALUE_COLUMNS`. The date flags are NULL for other kinds.
pub(super) fn value_row(c: &Claim, key: Option<(ConflictKey, Anchor)>) -> [SqlValue; 18] {
    let v = c.value.fields();
    let (subject_key, event, anchor) = match key {
        Some((k, a)) => (Some(k.subject), k.event, Some(a.encode())),
        None => (None, None, None),
    };
    let is_date = c.kind() == ClaimKind::Date;
    let text = |s: Option<String>| s.map_or(SqlValue::Null, SqlValue::Text);
    let real = |x: Option<f64>| x.map_or(SqlValue::Null, SqlValue::Real);
    let flag = |b: bool| {
        if is_date {
            SqlValue::Integer(b as i64)
        } else {
            SqlValue::Null
        }
    };
    [
        real(v.low),
        real(v.high),
        text(v.qualifier),
        text(v.subject),
        text(v.predicate),
        text(v.unit),
        text(v.currency),
        text(v.date.map(|d| d.to_string())),
        text(v.weekday),
        text(v.relative),
        flag(v.year_inferred),
        flag(v.valid),
        text(subject_key),
        text(event),
        text(anchor),
        text(v.quantity),
        real(v.si_low),
        real(v.si_high),
    ]
}

/// One field change to apply to a claim, recorded in its history.
#[derive(Debug, Clone)]
pub enum ClaimUpdate {
    Status(Status),
    Assignee(Option<String>),
}

impl ClaimUpdate {
    /// The history row this update makes of `before`: action, from, to (equal when
    /// nothing changes).
    pub fn change(&self, before: &Claim) -> (HistoryAction, Option<String>, Option<String>) {
        match self {
            ClaimUpdate::Status(st) => (
                HistoryAction::Status,
                Some(before.status.as_str().to_string()),
                Some(st.as_str().to_string()),
            ),
            ClaimUpdate::Assignee(Some(who)) => (
                HistoryAction::Assign,
                before.review().assignee.clone(),
                Some(who.clone()),
            ),
            ClaimUpdate::Assignee(None) => (
                HistoryAction::Unassign,
                before.review().assignee.clone(),
                None,
            ),
        }
    }
}

pub fn get(conn: &Connection, id: &str) -> Result<Claim> {
    let sql = format!("SELECT {CLAIM_COLUMNS} FROM {CLAIMS} WHERE c.number = ({NUMBER_OF_ID})");
    let mut claim = [conn
        .prepare_cached(&sql)?
        .query_row(params![id, derived_number(id)], claim_from_row)?];
    super::sentences::fill(conn, &mut claim)?;
    let [claim] = claim;
    Ok(claim)
}

/// The number of the claim with this id, stored or derived.
pub(super) fn number_of(conn: &Connection, id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(NUMBER_OF_ID)?
        .query_row(params![id, derived_number(id)], |r| r.get(0))
        .optional()?)
}

/// Applies `update` to claim `id` and appends the history row. Returns false when
/// nothing changed (same status or assignee), in which case no history is written.
pub fn update(
    conn: &Connection,
    id: &str,
    update: &ClaimUpdate,
    actor: &str,
    note: Option<&str>,
    evidence_url: Option<&str>,
) -> Result<bool> {
    let before = get(conn, id)?;
    let at = now();
    let (action, from, to) = update.change(&before);
    let changed = from != to;
    if changed {
        let sql = match update {
            ClaimUpdate::Status(_) => {
                "UPDATE claims SET status = ?2, updated_at = ?3 WHERE number = ?1"
            }
            ClaimUpdate::Assignee(_) => {
                "UPDATE claims SET assignee = ?2, updated_at = ?3 WHERE number = ?1"
            }
        };
        conn.prepare_cached(sql)?
            .execute(params![before.number, to, at])?;
    }
    // A note or evidence on an unchanged status is still worth keeping.
    if changed || note.is_some() || evidence_url.is_some() {
        history::append(
            conn,
            id,
            &at,
            actor,
            action,
            from.as_deref(),
            to.as_deref(),
            note,
            evidence_url,
        )?;
    }
    Ok(changed)
}

/// The WHERE of the partial index `claims_status`, which holds reviewed claims only.
pub(crate) const REVIEWED_ONLY: &str = "c.status <> 'unchecked'";

impl Workspace {
    pub fn claim(&self, id: &str) -> Result<Claim> {
        get(&self.conn, id)
    }

    /// Claims matching `filter`, in article order then position in the article.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        let mut sql = format!("SELECT {CLAIM_COLUMNS} FROM {CLAIMS}");
        let mut conds: Vec<&str> = Vec::new();
        let mut args: Vec<&dyn ToSql> = Vec::new();
        let status = filter.status.map(|s| s.as_str());
        let kind = filter.kind.map(|k| k.as_str());
        if let Some(s) = &status {
            conds.push("c.status = ?");
            args.push(s);
            // `claims_status` holds only reviewed claims (schema 17): saying so lets SQLite
            // use it. Unchecked ones are found walking claims in reading order.
            if *s != Status::Unchecked.as_str() {
                conds.push(REVIEWED_ONLY);
            }
        }
        if let Some(k) = &kind {
            conds.push("c.kind = ?");
            args.push(k);
        }
        if let Some(a) = &filter.article {
            conds.push("c.article_number = (SELECT number FROM articles WHERE id = ?)");
            args.push(a);
        }
        if let Some(s) = &filter.story {
            conds.push("c.article_number IN (SELECT number FROM articles WHERE story = ?)");
            args.push(s);
        }
        if let Some(a) = &filter.assignee {
            conds.push("c.assignee = ?");
            args.push(a);
        }
        if filter.known {
            conds.push("c.id IN (SELECT claim_id FROM claim_matches)");
        }
        let search = filter.search.as_deref().and_then(fts_query);
        // Words in the claim's sentence (its quote is inside), or all in its subject.
        let subject_words: Vec<String> = filter
            .search
            .as_deref()
            .map(|w| w.split_whitespace().map(like_pattern).collect())
            .unwrap_or_default();
        let subject_cond = vec!["s.subject LIKE ? ESCAPE '\\'"; subject_words.len()].join(" AND ");
        let search_cond;
        if let Some(q) = &search {
            // Both halves give rowids, so the claims are then fetched by rowid; the subjects
            // are scanned in their index, a tenth of the table.
            search_cond = format!(
                "c.rowid IN (SELECT m.rowid FROM sentences_fts f \
                   JOIN claims m ON m.article_number = (f.rowid >> 24) AND m.sentence_start = (f.rowid & 16777215) \
                   WHERE sentences_fts MATCH ? \
                 UNION SELECT s.rowid FROM claims s INDEXED BY claims_subject \
                   WHERE s.subject IS NOT NULL AND {subject_cond})"
            );
            conds.push(&search_cond);
            args.push(q);
            for w in &subject_words {
                args.push(w);
            }
        }
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        sql.push_str(" ORDER BY c.article_number, c.start_char, c.end_char, c.kind");
        let limit = filter.limit.map(|l| l as i64);
        let offset = filter.offset.map(|o| o as i64);
        if let Some(l) = &limit {
            sql.push_str(" LIMIT ?");
            args.push(l);
            if let Some(o) = &offset {
                sql.push_str(" OFFSET ?");
                args.push(o);
            }
        }
        read_claims(&self.conn, &sql, args.as_slice())
    }

    /// The sentences of the given claims, in one query whatever their number (and one
    /// per article they are in).
    pub fn sentences_of(&self, claim_ids: &[ClaimId]) -> Result<HashMap<ClaimId, String>> {
        let numbers: Vec<i64> = self.claim_numbers(claim_ids)?.into_values().collect();
        let sql = format!(
            "SELECT {CLAIM_COLUMNS} FROM {CLAIMS} WHERE c.number IN (SELECT value FROM json_each(?1))"
        );
        let claims = read_claims(&self.conn, &sql, [serde_json::to_string(&numbers)?])?;
        Ok(id_and_sentence(claims).into_iter().collect())
    }

    /// The numbers of the given claims, in one query.
    pub fn claim_numbers(&self, claim_ids: &[ClaimId]) -> Result<HashMap<ClaimId, i64>> {
        // Stored ids by their index; derived ones by the number they begin with, each id
        // looked up in turn (CROSS JOIN keeps that order; `id IS NULL` holds most claims).
        let sql = format!(
            "SELECT w.value, c.number FROM json_each(?1) w JOIN claims c ON c.id = w.value \
             UNION ALL \
             SELECT w.value, c.number FROM json_each(?1) w \
             CROSS JOIN claims c ON c.number = CAST(substr(w.value, 1, 8) AS INTEGER) \
             CROSS JOIN articles ca ON ca.number = c.article_number \
             WHERE +c.id IS NULL AND {CLAIM_ID} = w.value"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([serde_json::to_string(claim_ids)?], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every claim of the given articles, grouped by article in the order given, each in
    /// position order: one query whatever the number of articles.
    pub fn claims_of_articles(&self, article_ids: &[ArticleId]) -> Result<Vec<Claim>> {
        let sql = format!(
            "SELECT {CLAIM_COLUMNS} FROM json_each(?1) AS wanted JOIN articles ca ON ca.id = wanted.value \
             JOIN claims c ON c.article_number = ca.number \
             ORDER BY wanted.key, c.start_char, c.end_char, c.kind"
        );
        read_claims(&self.conn, &sql, [serde_json::to_string(article_ids)?])
    }
}

/// A word as a LIKE pattern that finds it anywhere: `%`, `_` and `\` in it are literal.
pub(crate) fn like_pattern(word: &str) -> String {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Refuses a second manual claim at the same place; the caller reports the existing id.
pub fn existing_at(
    conn: &Connection,
    article_id: &str,
    start: usize,
    end: usize,
    kind: ClaimKind,
) -> Result<Option<ClaimId>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached(concat!(
            "SELECT ",
            claim_id_sql!("c", "ca"),
            " FROM claims c JOIN articles ca ON ca.number = c.article_number \
                 WHERE ca.id = ?1 AND c.start_char = ?2 AND c.end_char = ?3 AND c.kind = ?4"
        ))?
        .query_row(
            params![article_id, start as i64, end as i64, kind.as_str()],
            |r| r.get(0),
        )
        .optional()?)
}

/// Fills `scope`, `subject_key`, `event` and `anchor` of the stored claims with the current
/// model of "the same quantity" (versions 3 and 5).
pub fn backfill_conflict_keys(conn: &Connection, keys: KeyFn) -> Result<()> {
    conn.execute(
        "UPDATE claims SET scope = (SELECT coalesce('story:' || story, 'article:' || id) FROM articles WHERE articles.id = claims.article_id)",
        [],
    )?;
    let has_anchor = conn
        .prepare("SELECT 1 FROM pragma_table_info('claims') WHERE name = 'anchor'")?
        .exists([])?;
    // Runs inside migrations, before later ones add columns such as `number` (and before
    // version 16 points claims at their article by number).
    let cols = CLAIM_COLUMNS
        .replace(CLAIM_ID, "c.id")
        .replace("ca.id", "c.article_id")
        .replace("ca.ingested_at", "NULL")
        .replace("c.sentence_start", "0")
        .replace("c.sentence_end", "0, c.sentence")
        .replace("c.number", "NULL")
        .replace("c.rating", "NULL")
        .replace("c.explanation", "NULL")
        .replace("c.quantity", "NULL")
        .replace("c.si_low", "NULL")
        .replace("c.si_high", "NULL");
    let sql = format!("SELECT {cols} FROM claims c WHERE c.subject IS NOT NULL");
    // The sentence is still a column of its own when these versions run.
    let claims: Vec<Claim> = conn
        .prepare(&sql)?
        .query_map([], |r| {
            let mut c = claim_from_row(r)?;
            c.sentence = r.get::<_, String>(CLAIM_COLUMN_COUNT)?.into();
            Ok(c)
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut update =
        conn.prepare("UPDATE claims SET subject_key = ?2, event = ?3 WHERE id = ?1")?;
    let mut update_anchor = has_anchor
        .then(|| conn.prepare("UPDATE claims SET anchor = ?2 WHERE id = ?1"))
        .transpose()?;
    for c in &claims {
        let key = keys(c);
        update.execute(params![
            c.id,
            key.as_ref().map(|k| &k.0.subject),
            key.as_ref().and_then(|k| k.0.event.as_ref())
        ])?;
        if let Some(u) = update_anchor.as_mut() {
            u.execute(params![c.id, key.as_ref().map(|k| k.1.encode())])?;
        }
    }
    Ok(())
}

/// Replaces a claim's kind and value (a reviewer's correction), keeping its conflict key in
/// step, and appends one history row per changed field. Returns the changed fields.
pub fn edit(
    conn: &Tx,
    id: &str,
    value: &Value,
    actor: &str,
    note: Option<&str>,
) -> Result<Vec<String>> {
    replace_value(conn, id, value, actor, HistoryAction::Edit, note)
}

/// `edit` with the history action named: "edit" by a reviewer, "reextract" by the extractor.
pub fn replace_value(
    conn: &Tx,
    id: &str,
    value: &Value,
    actor: &str,
    action: HistoryAction,
    note: Option<&str>,
) -> Result<Vec<String>> {
    let before = get(conn, id)?;
    let mut after = before.clone();
    after.value = value.clone();
    let old = field_strings(&before);
    let new = field_strings(&after);
    let changed: Vec<(&str, Option<String>, Option<String>)> = old
        .into_iter()
        .zip(new)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, b)| (a.0, a.1, b.1))
        .collect();
    if changed.is_empty() {
        return Ok(Vec::new());
    }
    let at = now();
    let sql = format!(
        "UPDATE claims SET (kind, {VALUE_COLUMNS}, updated_at) = (?, {VALUE_PLACEHOLDERS}, ?) WHERE number = ?"
    );
    let kind_col: SqlValue = value.kind().as_str().to_string().into();
    let tail: [SqlValue; 2] = [at.clone().into(), before.number.into()];
    conn.prepare_cached(&sql)?.execute(params_from_iter(
        std::iter::once(kind_col)
            .chain(value_row(&after, conn.key_of(&after)))
            .chain(tail),
    ))?;
    rescope(conn, before.number)?;
    for (field, from, to) in &changed {
        let from = from.as_ref().map(|v| format!("{field}={v}"));
        let to = to.as_ref().map(|v| format!("{field}={v}"));
        history::append(
            conn,
            id,
            &at,
            actor,
            action,
            from.as_deref(),
            to.as_deref(),
            note,
            None,
        )?;
    }
    Ok(changed.into_iter().map(|c| c.0.to_string()).collect())
}

/// The claims of one article in text order, inside a transaction.
pub fn of_article(conn: &Connection, article_id: &str) -> Result<Vec<Claim>> {
    let sql = format!(
        "SELECT {CLAIM_COLUMNS} FROM {CLAIMS} WHERE ca.id = ?1 \
         ORDER BY c.start_char, c.end_char, c.kind"
    );
    read_claims(conn, &sql, [article_id])
}

/// Whether a person has touched the claim: added it by hand, marked, assigned, edited,
/// dismissed a finding on it, or attached evidence. The extractor changes only the others.
pub fn is_reviewed(conn: &Connection, c: &Claim) -> Result<bool> {
    if c.origin == crate::model::Origin::Manual
        || c.status != crate::model::Status::Unchecked
        || c.review().assignee.is_some()
    {
        return Ok(true);
    }
    let touched: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM claim_history WHERE claim_id = ?1 AND action <> 'reextract')
                 OR EXISTS (SELECT 1 FROM evidence WHERE claim_id = ?1)",
        )?
        .query_row([c.id.as_deref().unwrap_or("")], |r| r.get(0))?;
    Ok(touched)
}

/// Recomputes a claim's conflict key and anchors with the current model.
pub fn refresh_key(conn: &Tx, c: &Claim) -> Result<()> {
    let key = conn.key_of(c);
    conn.prepare_cached(
        "UPDATE claims SET subject_key = ?2, event = ?3, anchor = ?4 WHERE number = ?1",
    )?
    .execute(params![
        c.number,
        key.as_ref().map(|k| &k.0.subject),
        key.as_ref().and_then(|k| k.0.event.as_ref()),
        key.as_ref().map(|k| k.1.encode())
    ])?;
    rescope(conn, c.number)
}

/// A claim's scope as stored: its article's story (or the article itself), only while it
/// has a conflict key (schema 0016). Run after `subject_key` changes.
fn rescope(conn: &Connection, number: Option<i64>) -> Result<()> {
    conn.prepare_cached(
        "UPDATE claims SET scope = CASE WHEN subject_key IS NULL THEN NULL ELSE \
           (SELECT coalesce('story:' || a.story, 'article:' || a.id) FROM articles a WHERE a.number = claims.article_number) END \
         WHERE number = ?1",
    )?
    .execute([number])?;
    Ok(())
}

/// The fields of a claim's value that differ between two readings, as "field=value".
pub fn value_differences(
    old: &Claim,
    new: &Claim,
) -> Vec<(String, Option<String>, Option<String>)> {
    field_strings(old)
        .into_iter()
        .zip(field_strings(new))
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, b)| (a.0.to_string(), a.1, b.1))
        .collect()
}

/// (field, value as text) for every field a reviewer can edit.
fn field_strings(c: &Claim) -> Vec<(&'static str, Option<String>)> {
    let v = &c.value;
    let num = |x: Option<f64>| x.map(|n| crate::model::value::number_json(Some(n)).to_string());
    vec![
        ("kind", Some(c.kind().as_str().to_string())),
        ("low", num(v.low())),
        ("high", num(v.high())),
        ("qualifier", v.qualifier().map(str::to_string)),
        ("subject", v.subject().map(str::to_string)),
        ("predicate", v.predicate().map(str::to_string)),
        ("unit", v.unit().map(str::to_string)),
        ("currency", v.currency().map(str::to_string)),
        ("date", v.date().map(|d| d.to_string())),
        ("weekday", v.weekday().map(str::to_string)),
        ("relative", v.relative().map(str::to_string)),
    ]
}
