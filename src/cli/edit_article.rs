//! `claimdesk edit-article ARTICLE --published ...`: correct an article's metadata.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;

use super::{Actor, ids, output};
use crate::app;
use crate::store::{ArticleField, Workspace};

#[derive(Debug, Args)]
pub struct EditArticleArgs {
    /// Article id or unique prefix.
    pub article: String,
    /// Publication date, YYYY-MM-DD, or "none"; its relative dates are read again against it.
    #[arg(long, value_parser = parse_published)]
    pub published: Option<Published>,
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

/// A publication date, or none.
#[derive(Debug, Clone, Copy)]
pub struct Published(Option<NaiveDate>);

fn parse_published(s: &str) -> Result<Published, String> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(Published(None));
    }
    super::parse_date(s).map(|d| Published(Some(d)))
}

/// "" clears a text field.
fn text(v: &Option<String>) -> Option<Option<String>> {
    v.as_ref()
        .map(|s| Some(s.trim().to_string()).filter(|s| !s.is_empty()))
}

pub fn run(ws: &mut Workspace, args: &EditArticleArgs) -> Result<()> {
    let mut changes = Vec::new();
    if let Some(p) = args.published {
        changes.push((ArticleField::Published, p.0.map(|d| d.to_string())));
    }
    if let Some(url) = text(&args.url) {
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
        if let Some(v) = text(value) {
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
