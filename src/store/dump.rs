//! The whole workspace as JSON lines and back: every row of every table, the tables found
//! in the schema itself, so a table added by a later migration is carried without a change
//! here. Derived data (the full-text indexes, the status counts) is left out and rebuilt on
//! import.

use std::io::{BufRead, Write};

use anyhow::{Context, Result, bail};
use rusqlite::types::ValueRef;
use serde_json::{Map, Value as Json, json};

use super::{LATEST_VERSION, Workspace};
use crate::error::Error;

/// Tables in the order their foreign keys need; tables not named here follow by name.
pub(crate) const ORDER: &[&str] = &[
    "ratings",
    "articles",
    "article_history",
    "claims",
    "claim_history",
    "evidence",
    "finding_dismissals",
    "settings",
    "known_reviews",
    "claim_matches",
];

/// Tables a migration fills with defaults, replaced by the file's rows on import.
pub(crate) const SEEDED: &[&str] = &["ratings"];

/// `names` in the order their foreign keys need (ORDER, then by name).
pub(crate) fn in_key_order(names: &mut [String]) {
    names.sort_by_key(|n| {
        (
            ORDER.iter().position(|o| o == n).unwrap_or(ORDER.len()),
            n.clone(),
        )
    });
}

/// The export's first line, as every backend writes it.
pub(crate) fn header() -> String {
    json!({"claimdesk": "workspace", "schema_version": LATEST_VERSION}).to_string()
}

/// One row line of an export (line `i` after the header): its table and row, each column
/// one the target's table has (`has` answers whether `table.column` exists, None for an
/// unknown table).
pub(crate) fn read_row(
    line: std::io::Result<String>,
    i: usize,
    name: &str,
    has: impl Fn(&str, &str) -> Option<bool>,
) -> Result<(String, Map<String, Json>)> {
    let line = line.with_context(|| format!("{name}: cannot read"))?;
    let at = || format!("{name}: line {}", i + 2);
    let mut rec: Json =
        serde_json::from_str(&line).with_context(|| format!("{}: not JSON", at()))?;
    let table = rec["table"].as_str().unwrap_or_default().to_string();
    if has(&table, "").is_none() {
        bail!(Error::Invalid(format!(
            "{}: no table '{table}' in this workspace",
            at()
        )));
    }
    let Some(Json::Object(row)) = rec.get_mut("row").map(Json::take) else {
        bail!(Error::Invalid(format!("{}: no row", at())));
    };
    if let Some(k) = row.keys().find(|k| has(&table, k) != Some(true)) {
        bail!(Error::Invalid(format!(
            "{}: no column '{k}' in {table}",
            at()
        )));
    }
    Ok((table, row))
}

/// Checks an export's first line: a claimdesk workspace at this schema version.
pub(crate) fn check_header(line: Option<std::io::Result<String>>, name: &str) -> Result<()> {
    let header: Json = serde_json::from_str(&line.context("empty file")?.context("cannot read")?)
        .with_context(|| format!("{name}: line 1 is not JSON"))?;
    if header["claimdesk"] != "workspace" {
        bail!(Error::Invalid(format!(
            "{name}: not a claimdesk workspace export"
        )));
    }
    if header["schema_version"] != json!(LATEST_VERSION) {
        bail!(Error::Invalid(format!(
            "{name}: exported at schema version {}, this claimdesk writes {LATEST_VERSION}",
            header["schema_version"]
        )));
    }
    Ok(())
}

/// The id a claim derives (schema 0018), in a query on `claims` alone.
const DERIVED_ID: &str = concat!(
    "(SELECT ",
    super::claims::derived_id_sql!("d", "da"),
    " FROM claims d JOIN articles da ON da.number = d.article_number WHERE d.number = claims.number)"
);

/// After an import, keeps no id that a claim can derive and no row points at (schema 0018):
/// the copy is as lean as a workspace that made those claims itself.
fn forget_derivable_ids(tx: &rusqlite::Connection) -> Result<()> {
    // Every table whose rows point at a claim's id, found in the schema itself.
    let pointers: Vec<(String, String)> = tx
        .prepare(
            "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f \
             WHERE m.type = 'table' AND f.\"table\" = 'claims' AND f.\"to\" = 'id' ORDER BY m.name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let unreferenced: String = pointers
        .iter()
        .map(|(t, c)| {
            format!(" AND NOT EXISTS (SELECT 1 FROM \"{t}\" p WHERE p.\"{c}\" = claims.id)")
        })
        .collect();
    tx.execute(
        &format!(
            "UPDATE claims SET id = NULL WHERE id IS NOT NULL AND id = {DERIVED_ID}{unreferenced}"
        ),
        [],
    )?;
    Ok(())
}

impl Workspace {
    /// The tables that hold data: every table but SQLite's own and the full-text index's.
    fn data_tables(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT LIKE 'sentences_fts%' AND name NOT LIKE 'known_reviews_fts%' \
             AND name <> 'status_counts' ORDER BY name",
        )?;
        let mut names: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        in_key_order(&mut names);
        Ok(names)
    }

    fn columns(&self, table: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
        let cols = stmt
            .query_map([table], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(cols)
    }

    /// Writes a header line, then one line per row: `{"table": ..., "row": {column: value}}`.
    /// Returns the number of rows written.
    pub fn export_all(&self, out: &mut dyn Write) -> Result<usize> {
        writeln!(out, "{}", header())?;
        let mut rows = 0;
        for table in self.data_tables()? {
            let cols = self.columns(&table)?;
            // Names come from the schema itself, quoted: never from input. A claim's id is
            // written whether stored or derived, as every backend writes it.
            let sql = format!(
                "SELECT {} FROM \"{table}\" ORDER BY rowid",
                cols.iter()
                    .map(|c| match (table.as_str(), c.as_str()) {
                        ("claims", "id") => format!("coalesce(id, {DERIVED_ID})"),
                        _ => format!("\"{c}\""),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                let mut row = Map::new();
                for (i, c) in cols.iter().enumerate() {
                    let v = match r.get_ref(i)? {
                        ValueRef::Null => Json::Null,
                        ValueRef::Integer(n) => json!(n),
                        ValueRef::Real(x) => json!(x),
                        ValueRef::Text(t) => json!(String::from_utf8_lossy(t)),
                        ValueRef::Blob(_) => bail!("{table}.{c}: blobs are not exported"),
                    };
                    row.insert(c.clone(), v);
                }
                writeln!(out, "{}", json!({"table": table, "row": row}))?;
                rows += 1;
            }
        }
        out.flush()?;
        Ok(rows)
    }

    /// Reads what `export_all` wrote into this workspace, which must hold no articles yet,
    /// in one transaction; rebuilds the full-text index. Returns the number of rows read.
    pub fn import_all(&mut self, input: impl BufRead, name: &str) -> Result<usize> {
        let tables = self.data_tables()?;
        let mut columns = std::collections::HashMap::new();
        for t in &tables {
            columns.insert(t.clone(), self.columns(t)?);
        }
        let occupied: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |r| r.get(0))?;
        if occupied {
            return Err(Error::Conflict(format!(
                "{} already holds articles: import into a new workspace",
                self.path.display()
            ))
            .into());
        }
        self.write(|tx| {
            let mut lines = input.lines();
            check_header(lines.next(), name)?;
            // Settings a new workspace is seeded with (the rating scale) come from the file.
            for seeded in SEEDED {
                if columns.contains_key(*seeded) {
                    tx.execute(&format!("DELETE FROM \"{seeded}\""), [])?;
                }
            }
            let mut rows = 0;
            for (i, line) in lines.enumerate() {
                let at = || format!("{name}: line {}", i + 2);
                let (table, row) = read_row(line, i, name, |t, c| {
                    columns
                        .get(t)
                        .map(|cols: &Vec<String>| c.is_empty() || cols.iter().any(|n| n == c))
                })?;
                let names: Vec<&String> = row.keys().collect();
                let sql = format!(
                    "INSERT INTO \"{table}\" ({}) VALUES ({})",
                    names
                        .iter()
                        .map(|c| format!("\"{c}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    (1..=names.len())
                        .map(|n| format!("?{n}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                let values: Vec<rusqlite::types::Value> = names
                    .iter()
                    .map(|c| match &row[*c] {
                        Json::Null => rusqlite::types::Value::Null,
                        Json::Bool(b) => rusqlite::types::Value::Integer(*b as i64),
                        Json::Number(n) => match n.as_i64() {
                            Some(i) => rusqlite::types::Value::Integer(i),
                            None => rusqlite::types::Value::Real(n.as_f64().unwrap_or(0.0)),
                        },
                        Json::String(s) => rusqlite::types::Value::Text(s.clone()),
                        other => rusqlite::types::Value::Text(other.to_string()),
                    })
                    .collect();
                tx.prepare_cached(&sql)?
                    .execute(rusqlite::params_from_iter(values))
                    .with_context(at)?;
                rows += 1;
            }
            forget_derivable_ids(tx)?;
            super::sentences::reindex_all(tx)?;
            tx.execute(
                "INSERT INTO known_reviews_fts (known_reviews_fts) VALUES ('rebuild')",
                [],
            )?;
            super::recount_statuses(tx)?;
            Ok(rows)
        })
    }
}
