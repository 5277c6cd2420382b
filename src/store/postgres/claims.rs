//! Claims on PostgreSQL: reading them (with sentences cut from the bodies), storing new
//! ones, and the changes a review makes. Functions take any client, so the same code runs
//! inside a write transaction and outside one.

use std::collections::HashMap;

use anyhow::Result;
use postgres::GenericClient;
use postgres::types::ToSql;

use super::rows::{self, CLAIM_COLUMNS, CLAIMS};
use crate::error::Error;
use crate::model::offsets::CharCursor;
use crate::model::{Anchor, Claim, ClaimId, ClaimKind, ConflictKey, SharedText};
use crate::store::ClaimFilter;
use crate::store::claims::like_pattern;

/// A bound parameter, owned.
pub type Param = Box<dyn ToSql + Sync>;

/// The claims `sql` (selecting CLAIM_COLUMNS) gives, with their sentences.
pub fn read(
    c: &mut impl GenericClient,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<Claim>> {
    let mut claims: Vec<Claim> = c.query(sql, params)?.iter().map(rows::claim).collect();
    fill(c, &mut claims)?;
    Ok(claims)
}

/// Cuts each claim's sentence from its article's body: one body read per article.
pub fn fill(c: &mut impl GenericClient, claims: &mut [Claim]) -> Result<()> {
    let mut by_article: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, claim) in claims.iter().enumerate() {
        if let (Some(a), Some(_)) = (claim.review().article_id.as_deref(), claim.sentence_span) {
            by_article.entry(a.to_string()).or_default().push(i);
        }
    }
    for (article, mut at) in by_article {
        let Some(row) = c.query_opt("SELECT body FROM articles WHERE id = $1", &[&article])? else {
            continue;
        };
        // One copy of the body, which its claims' sentences point into.
        let body = crate::model::shared_body(row.get::<_, String>(0));
        at.sort_by_key(|&i| claims[i].sentence_span);
        let mut cursor = CharCursor::new(&body);
        for i in at {
            let (s, e) = claims[i].sentence_span.unwrap_or_default();
            if let (Some(bs), Some(be)) = (cursor.byte_of(s), cursor.byte_of(e))
                && bs <= be
            {
                claims[i].sentence = SharedText::slice(&body, bs..be);
            }
        }
    }
    Ok(())
}

pub fn get(c: &mut impl GenericClient, id: &str) -> Result<Claim> {
    let sql = format!("SELECT {CLAIM_COLUMNS} FROM {CLAIMS} WHERE c.id = $1");
    read(c, &sql, &[&id])?.pop().ok_or_else(|| {
        Error::NotFound {
            what: "claim",
            id: id.to_string(),
        }
        .into()
    })
}

pub fn of_article(c: &mut impl GenericClient, article_id: &str) -> Result<Vec<Claim>> {
    let sql = format!(
        "SELECT {CLAIM_COLUMNS} FROM {CLAIMS} WHERE ca.id = $1 ORDER BY c.start_char, c.end_char, c.kind"
    );
    read(c, &sql, &[&article_id])
}

/// The user's words as a web-search query meaning "all these words", each quoted so that
/// operators in the input are plain words.
pub fn all_words(words: &str) -> Option<String> {
    let terms: Vec<String> = words
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', " ")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Claims matching `filter`, in article order then position (as on SQLite).
pub fn list(c: &mut impl GenericClient, filter: &ClaimFilter) -> Result<Vec<Claim>> {
    let mut conds: Vec<String> = Vec::new();
    let mut params: Vec<Param> = Vec::new();
    let next = |params: &mut Vec<Param>, p: Param| -> String {
        params.push(p);
        format!("${}", params.len())
    };
    if let Some(s) = filter.status {
        conds.push(format!(
            "c.status = {}",
            next(&mut params, Box::new(s.as_str()))
        ));
    }
    if let Some(k) = filter.kind {
        conds.push(format!(
            "c.kind = {}",
            next(&mut params, Box::new(k.as_str()))
        ));
    }
    if let Some(a) = &filter.article {
        conds.push(format!(
            "ca.id = {}",
            next(&mut params, Box::new(a.to_string()))
        ));
    }
    if let Some(s) = &filter.story {
        conds.push(format!(
            "ca.story = {}",
            next(&mut params, Box::new(s.clone()))
        ));
    }
    if let Some(a) = &filter.assignee {
        conds.push(format!(
            "c.assignee = {}",
            next(&mut params, Box::new(a.clone()))
        ));
    }
    if filter.known {
        conds.push("c.id IN (SELECT claim_id FROM claim_matches)".into());
    }
    if let Some(q) = filter.search.as_deref().and_then(all_words) {
        let q = next(&mut params, Box::new(q));
        let subject: Vec<String> = filter
            .search
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .map(|w| {
                let p = next(&mut params, Box::new(like_pattern(w)));
                format!("s.subject ILIKE {p} ESCAPE '\\'")
            })
            .collect();
        conds.push(format!(
            "c.number IN (SELECT m.number FROM sentences f JOIN claims m \
               ON m.article_number = (f.key >> 24) AND m.sentence_start = (f.key & 16777215) \
               WHERE f.words @@ websearch_to_tsquery('simple', {q}) \
             UNION SELECT s.number FROM claims s WHERE s.subject IS NOT NULL AND {})",
            subject.join(" AND ")
        ));
    }
    let mut sql = format!("SELECT {CLAIM_COLUMNS} FROM {CLAIMS}");
    if !conds.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&conds.join(" AND "));
    }
    sql.push_str(" ORDER BY c.article_number, c.start_char, c.end_char, c.kind");
    if let Some(l) = filter.limit {
        let l = next(&mut params, Box::new(l as i64));
        sql.push_str(&format!(" LIMIT {l}"));
        if let Some(o) = filter.offset {
            let o = next(&mut params, Box::new(o as i64));
            sql.push_str(&format!(" OFFSET {o}"));
        }
    }
    let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p.as_ref()).collect();
    read(c, &sql, &refs)
}

/// The id of the claim at this place with this kind, if one is stored.
pub fn existing_at(
    c: &mut impl GenericClient,
    article_id: &str,
    start: usize,
    end: usize,
    kind: ClaimKind,
) -> Result<Option<ClaimId>> {
    Ok(c.query_opt(
        "SELECT c.id FROM claims c JOIN articles a ON a.number = c.article_number \
         WHERE a.id = $1 AND c.start_char = $2 AND c.end_char = $3 AND c.kind = $4",
        &[&article_id, &(start as i64), &(end as i64), &kind.as_str()],
    )?
    .map(|r| r.get::<_, String>(0).into()))
}

/// The columns of a claim's value and conflict key, in `value_params` order.
pub const VALUE_COLUMNS: &str = "value_low, value_high, qualifier, subject, predicate, unit, currency, \
     date, weekday, relative, year_inferred, date_valid, subject_key, event, anchor, quantity, si_low, si_high";
/// Where `subject_key` is among them (0-based).
pub const SUBJECT_KEY_AT: usize = 12;

/// One column's value, typed even when NULL (a parameter must match its column's type):
/// bound as a parameter, or written as a line of `COPY ... FROM STDIN`.
#[derive(Debug, Clone)]
pub enum Datum {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
    Bool(Option<bool>),
}

impl Datum {
    pub fn param(&self) -> Param {
        match self {
            Datum::Int(v) => Box::new(*v),
            Datum::Real(v) => Box::new(*v),
            Datum::Text(v) => Box::new(v.clone()),
            Datum::Bool(v) => Box::new(*v),
        }
    }

    /// The value in COPY's text format: \N for NULL, backslash escapes in text.
    pub fn copy_text(&self, out: &mut String) {
        use std::fmt::Write;
        match self {
            Datum::Int(None) | Datum::Real(None) | Datum::Text(None) | Datum::Bool(None) => {
                out.push_str("\\N")
            }
            Datum::Int(Some(n)) => {
                let _ = write!(out, "{n}");
            }
            // Rust writes the shortest text that reads back as the same double.
            Datum::Real(Some(x)) => {
                let _ = write!(out, "{x:?}");
            }
            Datum::Bool(Some(b)) => out.push(if *b { 't' } else { 'f' }),
            Datum::Text(Some(t)) => {
                for ch in t.chars() {
                    match ch {
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        c => out.push(c),
                    }
                }
            }
        }
    }
}

/// A claim's value as VALUE_COLUMNS hold it. The date flags are NULL for other kinds.
pub fn value_cells(c: &Claim, key: Option<(ConflictKey, Anchor)>) -> Vec<Datum> {
    let v = c.value.fields();
    let (subject_key, event, anchor) = match key {
        Some((k, a)) => (Some(k.subject), k.event, Some(a.encode())),
        None => (None, None, None),
    };
    let is_date = c.kind() == ClaimKind::Date;
    let flag = |b: bool| Datum::Bool(is_date.then_some(b));
    vec![
        Datum::Real(v.low),
        Datum::Real(v.high),
        Datum::Text(v.qualifier),
        Datum::Text(v.subject),
        Datum::Text(v.predicate),
        Datum::Text(v.unit),
        Datum::Text(v.currency),
        Datum::Text(v.date.map(|d| d.to_string())),
        Datum::Text(v.weekday),
        Datum::Text(v.relative),
        flag(v.year_inferred),
        flag(v.valid),
        Datum::Text(subject_key),
        Datum::Text(event),
        Datum::Text(anchor),
        Datum::Text(v.quantity),
        Datum::Real(v.si_low),
        Datum::Real(v.si_high),
    ]
}

/// `value_cells` as parameters.
pub fn value_params(c: &Claim, key: Option<(ConflictKey, Anchor)>) -> Vec<Param> {
    value_cells(c, key).iter().map(Datum::param).collect()
}

/// Recomputes a claim's stored scope after its conflict key changed: its article's story
/// (or the article), only while it has a key.
pub fn rescope(c: &mut impl GenericClient, id: &str) -> Result<()> {
    c.execute(
        "UPDATE claims SET scope = CASE WHEN subject_key IS NULL THEN NULL ELSE \
           (SELECT coalesce('story:' || a.story, 'article:' || a.id) FROM articles a \
            WHERE a.number = claims.article_number) END \
         WHERE id = $1",
        &[&id],
    )?;
    Ok(())
}

/// Whether a person has touched the claim (as on SQLite: `claims::is_reviewed`).
pub fn is_reviewed(c: &mut impl GenericClient, claim: &Claim) -> Result<bool> {
    if claim.origin == crate::model::Origin::Manual
        || claim.status != crate::model::Status::Unchecked
        || claim.review().assignee.is_some()
    {
        return Ok(true);
    }
    let id = claim.id.as_deref().unwrap_or("");
    Ok(c.query_one(
        "SELECT EXISTS (SELECT 1 FROM claim_history WHERE claim_id = $1 AND action <> 'reextract')
             OR EXISTS (SELECT 1 FROM evidence WHERE claim_id = $1)",
        &[&id],
    )?
    .get(0))
}
