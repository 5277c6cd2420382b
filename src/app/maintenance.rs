//! Keeping a workspace safe: `backup` and `doctor`.

use std::path::Path;

use anyhow::Result;

use crate::error::Error;
use crate::extract::CharCursor;
use crate::store::Workspace;

/// Copies the workspace to `to`, a file that must not exist yet, while others may write.
pub fn backup(ws: &Workspace, to: &Path) -> Result<()> {
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
pub fn doctor(ws: &Workspace) -> Result<Vec<String>> {
    let mut out = ws.problems()?;
    ws.each_article_claims(|article, body, claims| {
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
