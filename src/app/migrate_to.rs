//! `migrate-to`: copies a workspace into another backend (a SQLite file into PostgreSQL),
//! every table through the export format, and checks that the copy holds the same rows.

use std::collections::BTreeMap;
use std::io::{BufReader, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::store::{OpenMode, Store};

/// Rows per table, and an order-free fingerprint of them: the sum of each row's hash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    pub tables: BTreeMap<String, (usize, u128)>,
    header: String,
    partial: Vec<u8>,
}

impl Fingerprint {
    fn line(&mut self, line: &[u8]) {
        let text = String::from_utf8_lossy(line);
        // Rows are {"row":{...},"table":"NAME"} (keys sorted): the table comes last.
        let Some(at) = text.rfind("\"table\":\"") else {
            self.header = text.into_owned();
            return;
        };
        let table = text[at + 9..].trim_end_matches(['}', '"']).to_string();
        let hash = Sha256::digest(line);
        let mut low = [0u8; 16];
        low.copy_from_slice(&hash[..16]);
        let entry = self.tables.entry(table).or_default();
        entry.0 += 1;
        entry.1 = entry.1.wrapping_add(u128::from_le_bytes(low));
    }

    /// Rows in tables other than `seeded` ones (a new workspace's rating scale).
    fn rows_beyond_seeds(&self) -> usize {
        self.tables
            .iter()
            .filter(|(t, _)| t.as_str() != "ratings")
            .map(|(_, (n, _))| n)
            .sum()
    }

    fn same_rows(&self, other: &Fingerprint) -> bool {
        self.tables == other.tables && self.header == other.header
    }
}

impl Write for Fingerprint {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.partial.extend_from_slice(buf);
        while let Some(nl) = self.partial.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=nl).collect();
            self.line(&line[..line.len() - 1]);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes to the pipe and fingerprints what went through.
struct Tee {
    pipe: std::io::PipeWriter,
    print: Fingerprint,
}

impl Write for Tee {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.pipe.write(buf)?;
        self.print.write_all(&buf[..n])?;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.pipe.flush()
    }
}

/// The fingerprint of a whole workspace.
pub fn fingerprint(ws: &dyn Store) -> Result<Fingerprint> {
    let mut f = Fingerprint::default();
    ws.export_all(&mut f)?;
    Ok(f)
}

/// What `migrate_to` did.
#[derive(Debug)]
pub enum Migrated {
    /// The rows were copied: rows per table.
    Copied(BTreeMap<String, usize>),
    /// The target held the same rows already.
    AlreadyThere(usize),
}

/// Copies `source` into the (empty) workspace at `target`, then compares the two row by row.
/// A target that already holds exactly these rows is left alone; one holding anything else
/// is refused.
pub fn migrate_to(source: &dyn Store, target: &str) -> Result<Migrated> {
    let mut dest = super::open(Path::new(target), OpenMode::Create)?;
    if dest.location() == source.location() {
        bail!(Error::Usage("the target is the workspace itself".into()));
    }
    let theirs = fingerprint(&*dest)?;
    if theirs.rows_beyond_seeds() > 0 {
        let mine = fingerprint(source)?;
        if theirs.same_rows(&mine) {
            return Ok(Migrated::AlreadyThere(
                mine.tables.values().map(|(n, _)| n).sum(),
            ));
        }
        bail!(Error::Conflict(format!(
            "{} already holds other data ({} rows): migrate into an empty database",
            dest.location(),
            theirs.rows_beyond_seeds()
        )));
    }
    // The export streams into the import through a pipe (the workspace is never in memory)
    // and is fingerprinted on its way, so the source is read once.
    let (reader, pipe) = std::io::pipe()?;
    let location = source.location();
    let mine = std::thread::scope(|s| -> Result<Fingerprint> {
        let import = s.spawn(move || dest.import_all(&mut BufReader::new(reader), &location));
        let mut tee = Tee {
            pipe,
            print: Fingerprint::default(),
        };
        let exported = source.export_all(&mut std::io::BufWriter::with_capacity(1 << 16, &mut tee));
        let Tee { pipe, print } = tee;
        drop(pipe);
        let imported = import
            .join()
            .map_err(|_| anyhow::anyhow!("the import stopped unexpectedly"))?;
        imported.context("copying into the target failed; it was left as it was")?;
        exported?;
        Ok(print)
    })?;
    let dest = super::open(Path::new(target), OpenMode::ReadOnly)?;
    let copied = fingerprint(&*dest)?;
    if !copied.same_rows(&mine) {
        let differ: Vec<String> = mine
            .tables
            .iter()
            .filter(|(t, v)| copied.tables.get(*t) != Some(v))
            .map(|(t, (n, _))| {
                let got = copied.tables.get(t).map_or(0, |v| v.0);
                format!("{t} ({n} rows, copy has {got})")
            })
            .collect();
        bail!(
            "the copy in {} differs from the workspace: {}",
            dest.location(),
            differ.join(", ")
        );
    }
    Ok(Migrated::Copied(
        mine.tables.into_iter().map(|(t, (n, _))| (t, n)).collect(),
    ))
}
