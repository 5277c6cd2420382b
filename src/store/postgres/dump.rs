//! The whole workspace as JSON lines and back, in the format the SQLite backend writes (so
//! a file moves between backends), and the checks `doctor` runs on PostgreSQL.

use std::io::{BufRead, Write};

use anyhow::{Context, Result, bail};
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use postgres::{Client, GenericClient};
use serde_json::{Map, Value as Json, json};

use super::claims::Datum;
use crate::error::Error;
use crate::store::dump::{SEEDED, check_header, header, in_key_order, read_row};

/// Derived or bookkeeping tables: rebuilt on import, never exported.
const DERIVED: &[&str] = &["sentences", "status_counts", "claimdesk_schema"];

/// Tables whose `id` is a sequence, moved past the imported rows.
const SERIAL: &[&str] = &[
    "claim_history",
    "evidence",
    "article_history",
    "known_reviews",
];

/// The data tables of the current schema, in foreign-key order.
fn data_tables(c: &mut impl GenericClient) -> Result<Vec<String>> {
    let mut names: Vec<String> = c
        .query(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            &[],
        )?
        .iter()
        .map(|r| r.get(0))
        .filter(|n: &String| !DERIVED.contains(&n.as_str()))
        .collect();
    in_key_order(&mut names);
    Ok(names)
}

/// (column, type) of a table, in order, without generated columns.
fn columns(c: &mut impl GenericClient, table: &str) -> Result<Vec<(String, String)>> {
    Ok(c.query(
        "SELECT column_name::text, data_type::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
         ORDER BY ordinal_position",
        &[&table],
    )?
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .collect())
}

/// Writes a header line, then `{"table": ..., "row": {column: value}}` per row.
pub fn export_all(c: &mut Client, out: &mut dyn Write) -> Result<usize> {
    writeln!(out, "{}", header())?;
    // One snapshot for every table: rows written meanwhile are not half in the file.
    let mut tx = c
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    let mut rows = 0;
    for table in data_tables(&mut tx)? {
        let cols = columns(&mut tx, &table)?;
        // Names come from the catalog, quoted: never from input. Rows in key order.
        let list: Vec<String> = cols.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        let sql = format!("SELECT {} FROM \"{table}\" ORDER BY 1", list.join(", "));
        // Streamed: a table is never held in memory whole.
        let mut found = tx.query_raw(&sql, std::iter::empty::<&(dyn ToSql + Sync)>())?;
        while let Some(r) = found.next()? {
            let mut row = Map::new();
            for (i, (name, ty)) in cols.iter().enumerate() {
                let v = match ty.as_str() {
                    "bigint" => json!(r.get::<_, Option<i64>>(i)),
                    "integer" => json!(r.get::<_, Option<i32>>(i)),
                    "double precision" => json!(r.get::<_, Option<f64>>(i)),
                    // SQLite keeps flags as 0 and 1: the file does too.
                    "boolean" => json!(r.get::<_, Option<bool>>(i).map(i64::from)),
                    _ => json!(r.get::<_, Option<String>>(i)),
                };
                row.insert(name.clone(), v);
            }
            writeln!(out, "{}", json!({"table": table, "row": row}))?;
            rows += 1;
        }
    }
    tx.commit()?;
    out.flush()?;
    Ok(rows)
}

/// A JSON value as a value of a column of type `ty`.
fn datum(v: &Json, ty: &str) -> Datum {
    match ty {
        "bigint" | "integer" => Datum::Int(v.as_i64()),
        "double precision" => Datum::Real(v.as_f64()),
        "boolean" => Datum::Bool(v.as_bool().or(v.as_i64().map(|n| n != 0))),
        _ => Datum::Text(match v {
            Json::Null => None,
            Json::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }),
    }
}

/// Rows of one table with the same columns, as COPY text, sent when the table or the
/// columns change or the text grows large: COPY is many times faster than an INSERT a row.
struct CopyRun {
    table: String,
    columns: Vec<String>,
    text: String,
    first_line: usize,
}

impl CopyRun {
    fn send(&mut self, tx: &mut postgres::Transaction, name: &str) -> Result<()> {
        if self.text.is_empty() {
            return Ok(());
        }
        let cols: Vec<String> = self.columns.iter().map(|c| format!("\"{c}\"")).collect();
        let sql = format!("COPY \"{}\" ({}) FROM STDIN", self.table, cols.join(", "));
        let mut w = tx.copy_in(&sql)?;
        w.write_all(self.text.as_bytes())?;
        w.finish().with_context(|| {
            format!(
                "{name}: the rows of {} from line {}",
                self.table, self.first_line
            )
        })?;
        self.text.clear();
        Ok(())
    }
}

/// Reads what `export_all` wrote into this database, which must hold no articles yet, in
/// one transaction; rebuilds the search index and the status counts.
pub fn import_all(
    c: &mut Client,
    input: &mut dyn BufRead,
    name: &str,
    location: &str,
) -> Result<usize> {
    let mut tx = c.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&super::WRITE_LOCK])?;
    let occupied: bool = tx
        .query_one("SELECT EXISTS (SELECT 1 FROM articles)", &[])?
        .get(0);
    if occupied {
        bail!(Error::Conflict(format!(
            "{location} already holds articles: import into a new workspace"
        )));
    }
    let mut columns_of = std::collections::HashMap::new();
    for t in data_tables(&mut tx)? {
        let cols = columns(&mut tx, &t)?;
        columns_of.insert(t, cols);
    }
    let mut lines = input.lines();
    check_header(lines.next(), name)?;
    for seeded in SEEDED {
        // Claims may point at the seeded rows only once the file's claims arrive.
        tx.execute(&format!("DELETE FROM \"{seeded}\""), &[])?;
    }
    let mut rows = 0;
    let mut run = CopyRun {
        table: String::new(),
        columns: Vec::new(),
        text: String::new(),
        first_line: 0,
    };
    for (i, line) in lines.enumerate() {
        let (table, row) = read_row(line, i, name, |t, c| {
            columns_of
                .get(t)
                .map(|cols| c.is_empty() || cols.iter().any(|(n, _)| n == c))
        })?;
        if run.table != table
            || run.columns.len() != row.len()
            || !run.columns.iter().zip(row.keys()).all(|(a, b)| a == b)
            || run.text.len() > 8 << 20
        {
            run.send(&mut tx, name)?;
            run.table = table.clone();
            run.columns = row.keys().cloned().collect();
            run.first_line = i + 2;
        }
        let cols = &columns_of[&table];
        for (j, (k, v)) in row.iter().enumerate() {
            let ty = cols
                .iter()
                .find(|(n, _)| n == k)
                .map_or("text", |c| c.1.as_str());
            if j > 0 {
                run.text.push('\t');
            }
            datum(v, ty).copy_text(&mut run.text);
        }
        run.text.push('\n');
        rows += 1;
    }
    run.send(&mut tx, name)?;
    for t in SERIAL {
        tx.execute(
            &format!(
                "SELECT setval(pg_get_serial_sequence('{t}', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM \"{t}\""
            ),
            &[],
        )?;
    }
    tx.execute("DELETE FROM sentences", &[])?;
    super::reads::index_sentences(&mut tx, 0)?;
    tx.execute(
        "UPDATE status_counts SET claims = (SELECT count(*) FROM claims c WHERE c.status = status_counts.status)",
        &[],
    )?;
    tx.commit()?;
    Ok(rows)
}

/// The triggers that keep both histories append-only.
const HISTORY_TRIGGERS: &[&str] = &[
    "claim_history_no_update",
    "claim_history_no_delete",
    "article_history_no_update",
    "article_history_no_delete",
];

/// Every problem found, one line each; PostgreSQL keeps pages and foreign keys sound itself.
pub fn problems(c: &mut Client) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for r in c.query(
        "SELECT s.status, s.claims, (SELECT count(*) FROM claims c WHERE c.status = s.status)
         FROM status_counts s ORDER BY s.position",
        &[],
    )? {
        let (status, kept, real): (String, i64, i64) = (r.get(0), r.get(1), r.get(2));
        if kept != real {
            out.push(format!(
                "status counts: {kept} claims counted {status}, {real} stored (fix: UPDATE status_counts SET claims = (SELECT count(*) FROM claims c WHERE c.status = status_counts.status))"
            ));
        }
    }
    for r in c.query(
        "SELECT id FROM claims WHERE sentence_end > sentence_start
           AND (sentence_start > start_char OR sentence_end < end_char) ORDER BY id",
        &[],
    )? {
        let id: String = r.get(0);
        out.push(format!(
            "claim {id}: its quote is not inside its sentence (sentence_start, sentence_end)"
        ));
    }
    let missing: i64 = c
        .query_one(
            "SELECT count(DISTINCT article_number * 16777216 + sentence_start) FROM claims c
             WHERE sentence_end > sentence_start AND NOT EXISTS
               (SELECT 1 FROM sentences s WHERE s.key = c.article_number * 16777216 + c.sentence_start)",
            &[],
        )?
        .get(0);
    if missing > 0 {
        out.push(format!(
            "full-text index sentences: {missing} sentences of claims are not indexed (claimdesk export all, then import all into a new database, indexes every sentence again)"
        ));
    }
    for t in HISTORY_TRIGGERS {
        let present: bool = c
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = $1)",
                &[t],
            )?
            .get(0);
        if !present {
            out.push(format!(
                "history: trigger {t} is missing, so the history is not append-only"
            ));
        }
    }
    Ok(out)
}
