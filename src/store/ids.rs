//! Git-like ids: any unique prefix of a UUID names its row.

use anyhow::Result;

use super::claims::claim_id_sql;
use crate::error::Error;
use rusqlite::{Connection, OptionalExtension};

/// Tables whose rows are named by UUID. The SQL is fixed per table; only values are bound.
#[derive(Debug, Clone, Copy)]
pub enum IdTable {
    Articles,
    Claims,
}

impl IdTable {
    pub(crate) fn noun(self) -> &'static str {
        match self {
            IdTable::Articles => "article",
            IdTable::Claims => "claim",
        }
    }

    /// Ids in [?1, ?2), in order, at most 11. For claims, also the derived ids of claims
    /// numbered in [?3, ?4) (schema 0018: a derived id begins with its number).
    fn range_sql(self) -> &'static str {
        match self {
            IdTable::Articles => {
                "SELECT id FROM articles WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 11"
            }
            IdTable::Claims => concat!(
                "SELECT id FROM claims WHERE id >= ?1 AND id < ?2 \
                 UNION ALL SELECT * FROM (SELECT ",
                claim_id_sql!("c", "ca"),
                " AS derived FROM claims c JOIN articles ca ON ca.number = c.article_number \
                 WHERE c.number >= ?3 AND c.number < ?4 AND +c.id IS NULL \
                 AND derived >= ?1 AND derived < ?2 ORDER BY c.number LIMIT 11) \
                 ORDER BY 1 LIMIT 11"
            ),
        }
    }

    fn neighbours_sql(self) -> [&'static str; 2] {
        match self {
            IdTable::Articles => [
                "SELECT id FROM articles WHERE id < ?1 ORDER BY id DESC LIMIT 1",
                "SELECT id FROM articles WHERE id > ?1 ORDER BY id LIMIT 1",
            ],
            IdTable::Claims => [
                "SELECT id FROM claims WHERE id < ?1 ORDER BY id DESC LIMIT 1",
                "SELECT id FROM claims WHERE id > ?1 ORDER BY id LIMIT 1",
            ],
        }
    }
}

/// The claim numbers a derived id starting with `prefix` can have: [low, high), empty
/// when its first eight characters are not all digits.
fn derived_numbers(prefix: &str) -> (i64, i64) {
    let digits: String = prefix.chars().take(8).collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return (0, 0);
    }
    let n: i64 = digits.parse().unwrap_or(0);
    let scale = 10i64.pow(8 - digits.len() as u32);
    (n * scale, (n + 1) * scale)
}

/// The row with this short number.
fn by_number(conn: &Connection, table: IdTable, n: i64) -> Result<Option<String>> {
    let sql = match table {
        IdTable::Articles => "SELECT id FROM articles WHERE number = ?1",
        IdTable::Claims => concat!(
            "SELECT ",
            claim_id_sql!("c", "ca"),
            " FROM claims c JOIN articles ca ON ca.number = c.article_number WHERE c.number = ?1"
        ),
    };
    Ok(conn
        .prepare_cached(sql)?
        .query_row([n], |r| r.get(0))
        .optional()?)
}

/// A UUID prefix with its hyphens where a UUID has them, typed with or without them.
fn hyphenated(p: &str) -> String {
    let hex: String = p.chars().filter(|c| *c != '-').collect();
    let mut out = String::with_capacity(hex.len() + 4);
    for (i, c) in hex.chars().enumerate() {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        out.push(c);
    }
    out
}

/// Resolves what a user typed to the full id: a number (digits without a leading zero; ids
/// are UUIDv7, which begin with 0), or an id or unique prefix, with or without hyphens.
/// Unknown or ambiguous ones are errors that list the candidates.
pub fn resolve(conn: &Connection, table: IdTable, prefix: &str) -> Result<String> {
    resolve_with(
        table,
        prefix,
        |n| by_number(conn, table, n),
        |low, high| {
            let mut stmt = conn.prepare_cached(table.range_sql())?;
            let (from, to) = derived_numbers(low);
            let mut args: Vec<&dyn rusqlite::ToSql> = vec![&low, &high];
            if let IdTable::Claims = table {
                args.extend([&from as &dyn rusqlite::ToSql, &to]);
            }
            let found = stmt
                .query_map(args.as_slice(), |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(found)
        },
    )
}

/// `resolve` for any backend: `by_number` finds the row with a number, `in_range` the ids
/// in [low, high) in order (at most 11).
pub fn resolve_with(
    table: IdTable,
    prefix: &str,
    by_number: impl FnOnce(i64) -> Result<Option<String>>,
    in_range: impl FnOnce(&str, &str) -> Result<Vec<String>>,
) -> Result<String> {
    let typed = prefix.trim();
    if !typed.is_empty() && !typed.starts_with('0') && typed.bytes().all(|b| b.is_ascii_digit()) {
        let found = match typed.parse::<i64>() {
            Ok(n) => by_number(n)?,
            Err(_) => None,
        };
        return found.ok_or_else(|| {
            Error::NotFound {
                what: table.noun(),
                id: typed.to_string(),
            }
            .into()
        });
    }
    let p = hyphenated(&typed.to_ascii_lowercase());
    if p.is_empty() || !p.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(Error::Invalid(format!(
            "'{prefix}' is not a {} id (expected hex digits)",
            table.noun()
        ))
        .into());
    }
    // Every UUID character sorts below '~', so [p, p~) holds exactly the ids starting with p.
    let upper = format!("{p}~");
    let found = in_range(&p, &upper)?;
    match found.len() {
        0 => Err(Error::NotFound {
            what: table.noun(),
            id: prefix.to_string(),
        }
        .into()),
        1 => Ok(found.into_iter().next().unwrap()),
        n => {
            let mut candidates: Vec<String> = found.into_iter().take(10).collect();
            if n > 10 {
                candidates.push("...".into());
            }
            Err(Error::Ambiguous {
                what: table.noun(),
                prefix: prefix.to_string(),
                candidates,
            }
            .into())
        }
    }
}

/// The shortest prefix of `id`, at least 8 characters, that no other row shares.
/// UUIDv7 ids made in the same minute share their first 8 characters, so a fixed
/// width would not name anything.
pub fn short_id(conn: &Connection, table: IdTable, id: &str) -> Result<String> {
    let mut neighbours = Vec::new();
    for sql in table.neighbours_sql() {
        let mut stmt = conn.prepare_cached(sql)?;
        neighbours.extend(stmt.query_row([id], |r| r.get::<_, String>(0)).optional()?);
    }
    // Derived claim ids differ within their first eight characters (their numbers); a
    // stored id can share them with the one derived id that begins the same way.
    if let (IdTable::Claims, Some(n)) = (table, crate::model::derived_number(id)) {
        neighbours.extend(by_number(conn, table, n)?.filter(|other| other != id));
    }
    Ok(shortest_prefix(id, &neighbours))
}

/// The shortest prefix of `id` (at least 8 characters) that its sorted neighbours lack.
pub fn shortest_prefix(id: &str, neighbours: &[String]) -> String {
    let mut shared = 0;
    for other in neighbours {
        let common = id
            .bytes()
            .zip(other.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        shared = shared.max(common);
    }
    let mut len = (shared + 1).clamp(8, id.len());
    // Never end a prefix on the dash: it reads as a typo.
    if id.as_bytes().get(len - 1) == Some(&b'-') {
        len = (len + 1).min(id.len());
    }
    id[..len].to_string()
}

/// Typed ids bind and read as the text they are.
macro_rules! sql_id {
    ($($t:ty),*) => {$(
        impl rusqlite::types::ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $t {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                String::column_result(v).map(<$t>::new)
            }
        }
    )*};
}

sql_id!(
    crate::model::ArticleId,
    crate::model::ClaimId,
    crate::model::FindingId
);
