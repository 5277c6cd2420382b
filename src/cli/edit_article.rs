//! `claimdesk edit-article ARTICLE --published ...`: correct an article's metadata.

use anyhow::Result;
use clap::Args;

use super::{Actor, ids, output};
use crate::app;
use crate::store::{ArticleField, Store};

#[derive(Debug, Args)]
pub struct EditArticleArgs {
    /// Article id or unique prefix.
    pub article: String,
    /// Publication date, YYYY-MM-DD, or "none"; its relative dates are read again against it.
    #[arg(long, value_parser = super::parse_date_or_none)]
    pub published: Option<super::DateOrNone>,
    /// Story ("" for none); number conflicts are compared within a story.
    #[arg(long)]
    pub story: Option<String>,
    /// Where the article was published (http or https; "" for none).
    #[arg(long)]
    pub url: Option<String>,
    /// "" for none.
    #[arg(long)]
    pub outlet: Option<String>,
    /// "" for none.
    #[arg(long)]
    pub author: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    /// Why: kept in the article's history.
    #[arg(long)]
    pub note: Option<String>,
    #[command(flatten)]
    pub actor: Actor,
}

pub fn run(ws: &mut dyn Store, args: &EditArticleArgs) -> Result<()> {
    let mut changes = Vec::new();
    if let Some(p) = args.published {
        changes.push((ArticleField::Published, p.0.map(|d| d.to_string())));
    }
    if let Some(url) = super::text_edit(&args.url) {
        if let Some(u) = &url {
            app::check_url(u)?;
        }
        changes.push((ArticleField::Url, url));
    }
    for (field, value) in [
        (ArticleField::Story, &args.story),
        (ArticleField::Outlet, &args.outlet),
        (ArticleField::Author, &args.author),
        (ArticleField::Title, &args.title),
    ] {
        if let Some(v) = super::text_edit(value) {
            changes.push((field, v));
        }
    }
    let (id, changed, reread) = app::edit_article(
        ws,
        &args.article,
        &changes,
        args.note.as_deref(),
        &args.actor.name(),
    )?;
    let short = ids::short_article(ws, &id)?;
    if changed.is_empty() {
        return output::print(&format!("{short}  unchanged"));
    }
    output::print(&format!("{short}  edited: {}", changed.join(", ")))?;
    if let Some(r) = reread {
        output::print(&format!(
            "dates read again against the new publication date: {} claims added, {} updated, {} reviewed claims kept",
            r.added.len(),
            r.updated.len(),
            r.kept_reviewed.len()
        ))?;
    }
    Ok(())
}
