//! Sentences: stored as character offsets into the article body (not copied into every
//! claim), cut out in code when claims are read, and indexed once each for search.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

use super::claims::{CLAIM_COLUMNS, CLAIMS, id_and_sentence, read_claims};
use crate::model::offsets::CharCursor;
use crate::model::{Claim, ClaimId, SharedText};

/// A sentence's rowid in `sentences_fts`: its article's number and where it starts
/// (schema 0015). The SQL below computes the same.
const KEY_SQL: &str = "c.article_number * 16777216 + c.sentence_start";

/// A character offset column (never negative: the schema checks it).
fn offset(r: &rusqlite::Row, i: usize) -> rusqlite::Result<usize> {
    Ok(r.get::<_, i64>(i)?.max(0) as usize)
}

/// The body of one article, or None when there is no such article.
fn body_of(conn: &Connection, article_id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT body FROM articles WHERE id = ?1")?
        .query_row([article_id], |r| r.get(0))
        .optional()?)
}

/// The body of article number `number` (schema 0016), or None.
fn body_of_number(conn: &Connection, number: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT body FROM articles WHERE number = ?1")?
        .query_row([number], |r| r.get(0))
        .optional()?)
}

/// Fills the `sentence` of claims read with their `sentence_span`: each article's body is
/// read once and walked once, so a page of claims costs a query per article on it and an
/// export costs the text once.
pub fn fill(conn: &Connection, claims: &mut [Claim]) -> Result<()> {
    let mut by_article: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        if let (Some(a), Some(_)) = (c.review().article_id.as_deref(), c.sentence_span) {
            by_article.entry(a).or_default().push(i);
        }
    }
    let mut cut: Vec<(usize, SharedText)> = Vec::new();
    for (article, mut rows) in by_article {
        let Some(body) = body_of(conn, article)? else {
            continue;
        };
        // One copy of the body, which its claims' sentences point into.
        let body = crate::model::shared_body(body);
        rows.sort_by_key(|&i| claims[i].sentence_span);
        let mut cursor = CharCursor::new(&body);
        for i in rows {
            let (s, e) = claims[i].sentence_span.unwrap_or_default();
            let (Some(bs), Some(be)) = (cursor.byte_of(s), cursor.byte_of(e)) else {
                continue;
            };
            if bs <= be {
                cut.push((i, SharedText::slice(&body, bs..be)));
            }
        }
    }
    for (i, s) in cut {
        claims[i].sentence = s;
    }
    Ok(())
}

/// (claim id, sentence) of the claims inserted after `since` (a `last_rowid`).
pub fn after(conn: &Connection, since: i64) -> Result<Vec<(ClaimId, String)>> {
    let sql = format!("SELECT {CLAIM_COLUMNS} FROM {CLAIMS} WHERE c.rowid > ?1");
    Ok(id_and_sentence(read_claims(conn, &sql, [since])?))
}

/// Indexes the sentences of the claims inserted after `since` (a `last_rowid`), each
/// once: a sentence indexed already is replaced by the same words. The index holds only
/// sentences that have claims (a trigger drops the rest), so an article with no older
/// claims has none there, and its sentences are simply added: REPLACE looks each up first,
/// a seventh of bulk ingest's time.
pub fn index_new(conn: &Connection, since: i64) -> Result<()> {
    let sql = format!(
        "SELECT DISTINCT {KEY_SQL}, c.article_number, c.sentence_start, c.sentence_end
         FROM claims c
         WHERE c.rowid > ?1 AND c.sentence_end > c.sentence_start
         ORDER BY c.article_number, c.sentence_start"
    );
    let rows: Vec<(i64, i64, usize, usize)> = conn
        .prepare_cached(&sql)?
        .query_map([since], |r| {
            Ok((r.get(0)?, r.get(1)?, offset(r, 2)?, offset(r, 3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut replace = conn
        .prepare_cached("INSERT OR REPLACE INTO sentences_fts (rowid, sentence) VALUES (?1, ?2)")?;
    let mut insert =
        conn.prepare_cached("INSERT INTO sentences_fts (rowid, sentence) VALUES (?1, ?2)")?;
    let mut older = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM claims WHERE article_number = ?1 AND rowid <= ?2)",
    )?;
    for group in rows.chunk_by(|a, b| a.1 == b.1) {
        let Some(body) = body_of_number(conn, group[0].1)? else {
            continue;
        };
        let known: bool = older.query_row(params![group[0].1, since], |r| r.get(0))?;
        let write = if known { &mut replace } else { &mut insert };
        for (key, sentence) in cut_sentences(&body, group) {
            write.execute(params![key, sentence])?;
        }
    }
    Ok(())
}

/// The sentences of one article's rows (key, article, start, end), in start order, each
/// key once: two claims of one sentence cut to different lengths give the first. One walk
/// over the body finds them all.
pub(crate) fn cut_sentences<'b>(
    body: &'b str,
    rows: &[(i64, i64, usize, usize)],
) -> Vec<(i64, &'b str)> {
    let mut cursor = CharCursor::new(body);
    let mut last_key = None;
    let mut out = Vec::new();
    for (key, _, start, end) in rows {
        if last_key == Some(*key) {
            continue;
        }
        last_key = Some(*key);
        if let (Some(bs), Some(be)) = (cursor.byte_of(*start), cursor.byte_of(*end)) {
            out.push((*key, &body[bs..be]));
        }
    }
    out
}

/// Empties the sentence index and indexes every stored sentence again (after `import all`).
pub fn reindex_all(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT INTO sentences_fts (sentences_fts) VALUES ('delete-all')",
        [],
    )?;
    index_new(conn, 0)
}

/// Schema 0015: finds each stored claim's sentence in its article's body and keeps its
/// offsets. The sentence contains the quote, so it starts between (quote end − its length)
/// and the quote's start; a sentence not found there becomes the quote itself.
pub fn locate_stored(conn: &Connection) -> Result<()> {
    let articles: Vec<String> = conn
        .prepare("SELECT id FROM articles")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut claims = conn.prepare(
        "SELECT rowid, start_char, end_char, sentence FROM claims WHERE article_id = ?1 ORDER BY start_char",
    )?;
    let mut update =
        conn.prepare("UPDATE claims SET sentence_start = ?2, sentence_end = ?3 WHERE rowid = ?1")?;
    for id in articles {
        let Some(body) = body_of(conn, &id)? else {
            continue;
        };
        let rows: Vec<(i64, usize, usize, String)> = claims
            .query_map([&id], |r| {
                Ok((r.get(0)?, offset(r, 1)?, offset(r, 2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut bytes = CharCursor::new(&body);
        let mut chars = CharCursor::new(&body);
        for (rowid, start, end, sentence) in rows {
            let (Some(bs), Some(be)) = (bytes.byte_of(start), bytes.byte_of(end)) else {
                update.execute(params![rowid, start as i64, start as i64])?;
                continue;
            };
            let span = locate(&body, &sentence, bs, be)
                .map(|(s, e)| (chars.chars_before(s), chars.chars_before(e)))
                .unwrap_or((start, end));
            update.execute(params![rowid, span.0 as i64, span.1 as i64])?;
        }
    }
    // Version 16 indexes the sentences, once claims point at their article by number.
    Ok(())
}

/// The byte range of `sentence` in `body` that holds the bytes [start, end).
fn locate(body: &str, sentence: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if sentence.is_empty() {
        return None;
    }
    let mut lo = end.saturating_sub(sentence.len());
    while !body.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (start + sentence.len()).min(body.len());
    while !body.is_char_boundary(hi) {
        hi += 1;
    }
    let at = lo + body[lo..hi].find(sentence)?;
    (at <= start && at + sentence.len() >= end).then_some((at, at + sentence.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_sentence_is_found_where_its_quote_is() {
        let body = "He said 5 died. He said 5 died.";
        let second = body.rfind("5 died").unwrap();
        assert_eq!(
            locate(body, "He said 5 died.", second, second + 6),
            Some((16, 31))
        );
        assert_eq!(locate(body, "He said 5 died.", 8, 14), Some((0, 15)));
        assert_eq!(locate(body, "Not there.", 8, 14), None);
        assert_eq!(locate(body, "", 8, 14), None);
    }

    #[test]
    fn a_sentence_in_persian_script_is_found_by_bytes() {
        let body = "«سلام» 12 people died. Then 3 more.";
        let q = body.find("12 people").unwrap();
        let s = body.find("«").unwrap();
        let e = body.find(" Then").unwrap();
        assert_eq!(
            locate(body, &body[s..e], q, q + "12 people".len()),
            Some((s, e))
        );
    }
}
