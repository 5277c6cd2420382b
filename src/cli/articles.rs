//! `claimdesk articles`: the articles in the workspace.

use anyhow::Result;
use clap::Args;
use serde_json::Value as Json;

use super::FormatArg;
use super::output::{self, Format, clip, opt};
use crate::model::Article;
use crate::store::{ArticleFilter, Store};

#[derive(Debug, Args)]
pub struct ArticlesArgs {
    /// Only the articles of this story.
    #[arg(long)]
    pub story: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn print_articles(list: &[Article], format: Format) -> Result<()> {
    match format {
        Format::Json => output::print_json(&serde_json::to_value(list).unwrap_or(Json::Null)),
        Format::Csv => {
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|a| {
                    vec![
                        a.id.to_string(),
                        a.title.clone(),
                        opt(&a.url),
                        opt(&a.outlet),
                        opt(&a.author),
                        opt(&a.published),
                        opt(&a.story),
                        opt(&a.source_path),
                        opt(&a.language),
                        a.claims.to_string(),
                        a.ingested_at.clone(),
                        a.number.map(|n| n.to_string()).unwrap_or_default(),
                    ]
                })
                .collect();
            output::print_csv(
                &[
                    "id",
                    "title",
                    "url",
                    "outlet",
                    "author",
                    "published",
                    "story",
                    "source_path",
                    "language",
                    "claims",
                    "ingested_at",
                    "number",
                ],
                &rows,
            )
        }
        Format::Table => {
            let mut t = output::table(&["#", "title", "outlet", "published", "story", "claims"]);
            for a in list {
                t.add_row(vec![
                    a.number.map(|n| n.to_string()).unwrap_or_default(),
                    clip(&a.title, 60),
                    opt(&a.outlet),
                    opt(&a.published),
                    opt(&a.story),
                    a.claims.to_string(),
                ]);
            }
            output::print(&t.to_string())
        }
    }
}

pub fn run(ws: &dyn Store, args: &ArticlesArgs) -> Result<()> {
    let list = ws.articles(&ArticleFilter {
        story: args.story.clone(),
    })?;
    print_articles(&list, args.format.format)
}
