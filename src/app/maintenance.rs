//! Keeping a workspace safe: `backup` and `doctor`.

use std::path::Path;

use anyhow::Result;

use crate::error::Error;
use crate::extract::CharCursor;
use crate::store::Store;

/// Copies the workspace to `to`, a file that must not exist yet, while others may write.
pub fn backup(ws: &dyn Store, to: &Path) -> Result<()> {
    if to.exists() {
        return Err(Error::Conflict(format!(
            "{} exists: a backup never overwrites a file",
            to.display()
        ))
        .into());
    }
    ws.backup(to)
}

/// Every problem of the workspace, one line each (empty when sound): SQLite's integrity and
/// foreign keys, the full-text index, the append-only history triggers, and every claim's
/// quote against the article body at its offsets.
pub fn doctor(ws: &dyn Store) -> Result<Vec<String>> {
    let mut out = ws.problems()?;
    ws.each_article_claims(&mut |article, body, claims| {
        let mut cursor = CharCursor::new(body);
        for (id, text, start, end) in claims {
            let at = (|| {
                let s = cursor.byte_of(usize::try_from(*start).ok()?)?;
                let e = cursor.byte_of(usize::try_from(*end).ok()?)?;
                body.get(s..e)
            })();
            if at != Some(text.as_str()) {
                out.push(format!(
                    "offsets: claim {id} of article {article} says \"{text}\" at {start}–{end}, but the body has {}",
                    at.map_or("no such place".to_string(), |t| format!("\"{t}\""))
                ));
            }
        }
    })?;
    Ok(out)
}

/// Writes every row of the workspace as JSON lines to `to` (a new file), or to stdout for
/// "-". Returns the number of rows.
pub fn export_all(ws: &dyn Store, to: &Path) -> Result<usize> {
    if to == Path::new("-") {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        return ws.export_all(&mut out);
    }
    if to.exists() {
        return Err(Error::Conflict(format!(
            "{} exists: an export never overwrites a file",
            to.display()
        ))
        .into());
    }
    let file = std::fs::File::create(to)?;
    ws.export_all(&mut std::io::BufWriter::new(file))
}

/// Reads an `export_all` file into a workspace that holds no articles yet, in one
/// transaction. Returns the number of rows.
pub fn import_all(ws: &mut dyn Store, from: &Path) -> Result<usize> {
    let name = from.display().to_string();
    let file = std::fs::File::open(from)
        .map_err(|e| Error::Invalid(format!("{name}: cannot read ({e})")))?;
    ws.import_all(&mut std::io::BufReader::new(file), &name)
}
