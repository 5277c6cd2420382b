//! Correcting an article: its publication date, story, URL, outlet, author or title.

use anyhow::{Result, bail};

use super::reextract::{Outcome, reextract_in};
use crate::error::Error;
use crate::model::ArticleId;
use crate::store::{ArticleField, Store};

/// Sets the given fields of an article (None clears one), each change in the article's
/// history, in one transaction. A new publication date re-reads the article's dates against
/// it, as `reextract` does (reviewed claims kept), so the report follows at once. Returns
/// the article id, the fields that changed, and what the re-reading did.
pub fn edit_article(
    ws: &mut dyn Store,
    article: &str,
    changes: &[(ArticleField, Option<String>)],
    note: Option<&str>,
    actor: &str,
) -> Result<(ArticleId, Vec<&'static str>, Option<Outcome>)> {
    let empty_title = changes.iter().any(|(f, v)| {
        *f == ArticleField::Title && v.as_deref().is_none_or(|t| t.trim().is_empty())
    });
    if empty_title {
        bail!(Error::Usage("an article's title cannot be empty".into()));
    }
    let id = ws.resolve_article(article)?;
    let text = ws.article_text(&id)?;
    ws.write(|tx| {
        let mut changed = Vec::new();
        for (field, value) in changes {
            if tx.set_article_field(&id, *field, value.as_deref(), actor, note)? {
                changed.push(field.as_str());
            }
        }
        let reread = if changed.contains(&"published") {
            let mut t = text.clone();
            t.published = changes
                .iter()
                .find(|(f, _)| *f == ArticleField::Published)
                .and_then(|(_, v)| v.clone());
            Some(reextract_in(tx, &[t], actor)?)
        } else {
            None
        };
        Ok((id.clone(), changed, reread))
    })
}
