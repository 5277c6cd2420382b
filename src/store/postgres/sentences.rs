//! Search on PostgreSQL: each claim sentence once as a `tsvector`, and the FTS5 queries the
//! matching code writes read as web-search queries.

use anyhow::Result;
use postgres::GenericClient;

/// An FTS5 query (bare or quoted words, AND, OR, NOT; what `any_word_query` and the
/// matching code write) as a web-search query with the same meaning.
pub fn websearch(fts5: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut negate = false;
    let mut chars = fts5.chars().peekable();
    while let Some(&ch) = chars.peek() {
        if ch.is_whitespace() {
            chars.next();
            continue;
        }
        let mut word = String::new();
        let quoted = ch == '"';
        if quoted {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '"' {
                    // A doubled quote is a quote inside the phrase.
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        word.push(' ');
                        continue;
                    }
                    break;
                }
                word.push(c);
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                word.push(c);
                chars.next();
            }
        }
        match (quoted, word.as_str()) {
            (false, "OR") => out.push("or".into()),
            (false, "AND") => {}
            (false, "NOT") => negate = true,
            _ => {
                let sign = if std::mem::take(&mut negate) { "-" } else { "" };
                out.push(format!("{sign}\"{}\"", word.replace('"', " ")));
            }
        }
    }
    out.join(" ")
}

/// Indexes the sentences of the claims stored after claim number `since`, each once.
pub fn index_sentences(c: &mut impl GenericClient, since: i64) -> Result<()> {
    let rows: Vec<(i64, i64, usize, usize)> = c
        .query(
            "SELECT DISTINCT article_number * 16777216 + sentence_start, article_number,
                    sentence_start, sentence_end
             FROM claims WHERE number > $1 AND sentence_end > sentence_start
             ORDER BY article_number, sentence_start",
            &[&since],
        )?
        .iter()
        .map(|r| {
            (
                r.get(0),
                r.get(1),
                r.get::<_, i64>(2).max(0) as usize,
                r.get::<_, i64>(3).max(0) as usize,
            )
        })
        .collect();
    let numbers: Vec<i64> = rows.iter().map(|r| r.1).collect();
    let mut bodies: std::collections::HashMap<i64, String> = c
        .query(
            "SELECT number, body FROM articles WHERE number = ANY($1)",
            &[&numbers],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let (mut keys, mut sentences): (Vec<i64>, Vec<String>) = (Vec::new(), Vec::new());
    for group in rows.chunk_by(|a, b| a.1 == b.1) {
        let Some(body) = bodies.remove(&group[0].1) else {
            continue;
        };
        for (key, sentence) in crate::store::sentences::cut_sentences(&body, group) {
            keys.push(key);
            sentences.push(sentence.to_string());
        }
    }
    // One statement for all of them: a round trip per sentence was most of bulk ingest.
    c.execute(
        "INSERT INTO sentences (key, words)
         SELECT k, to_tsvector('simple', s) FROM unnest($1::bigint[], $2::text[]) AS u(k, s)
         ON CONFLICT (key) DO UPDATE SET words = excluded.words",
        &[&keys, &sentences],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::websearch;

    #[test]
    fn fts5_queries_read_the_same_as_web_searches() {
        assert_eq!(websearch("soldiers killed"), r#""soldiers" "killed""#);
        assert_eq!(websearch(r#""a" OR "b""c""#), r#""a" or "b c""#);
        assert_eq!(websearch("x NOT y AND -z"), r#""x" -"y" "-z""#);
        assert_eq!(websearch(""), "");
    }
}
