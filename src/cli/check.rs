//! `claimdesk check PATH...`: the main job. Ingest (idempotent), then the claims summary and
//! the findings for just those articles.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use super::findings_view::{FindingsOutput, ReportFormat, findings_json, print_findings};
use super::ingest::ingest_paths;
use super::output::{self, clip};
use crate::app;
use crate::ingest::Metadata;
use crate::model::{ArticleId, ClaimKind};
use crate::report::Scope;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files (.txt, .md, .html), folders (walked into subfolders), http(s) URLs or - for stdin.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Read only the files directly in a folder, not its subfolders.
    #[arg(long)]
    pub no_recurse: bool,
    /// Publication date, YYYY-MM-DD [default: each article's dateline].
    #[arg(long, value_parser = super::parse_date)]
    pub published: Option<NaiveDate>,
    /// Story the articles belong to.
    #[arg(long)]
    pub story: Option<String>,
    #[command(flatten)]
    pub limits: super::Limits,
    #[command(flatten)]
    pub output: FindingsOutput,
}

pub fn run(ws: &mut dyn Store, args: &CheckArgs) -> Result<()> {
    let meta = Metadata {
        published: args.published,
        story: args.story.clone(),
        ..Metadata::default()
    };
    let (done, failed) = ingest_paths(
        ws,
        &args.paths,
        &meta,
        &args.limits.read_options(!args.no_recurse),
    )?;
    let ids: Vec<ArticleId> = done.iter().map(|d| d.id.clone()).collect();
    // Just these articles, by id: never a listing of the whole workspace.
    let articles = ws.articles_by_ids(&ids)?;
    let claims = ws.claims_of_articles(&ids)?;
    let list = app::visible_findings(
        ws,
        &Scope {
            story: None,
            articles: Some(ids),
        },
        None,
        false,
    )?;
    if args.output.format == ReportFormat::Json {
        #[derive(serde::Serialize)]
        struct CheckJson<'a> {
            articles: serde_json::Value,
            claims: Vec<crate::model::ClaimJson<'a>>,
            findings: serde_json::Value,
        }
        output::write_json(&CheckJson {
            articles: json!(articles),
            claims: claims.iter().map(|c| c.json()).collect(),
            findings: findings_json(&list),
        })?;
    } else {
        let kinds = [
            ClaimKind::Date,
            ClaimKind::Count,
            ClaimKind::Money,
            ClaimKind::Percent,
            ClaimKind::Duration,
            ClaimKind::Measure,
        ];
        let mut t = output::table(&[
            "article",
            "published",
            "date",
            "count",
            "money",
            "percent",
            "duration",
            "measure",
            "findings",
        ]);
        for a in &articles {
            let mut row = vec![clip(&a.title, 50), a.published.clone().unwrap_or_default()];
            for k in kinds {
                row.push(
                    claims
                        .iter()
                        .filter(|c| c.kind() == k && c.review().article_id.as_ref() == Some(&a.id))
                        .count()
                        .to_string(),
                );
            }
            row.push(
                list.iter()
                    .filter(|f| f.article_id.as_ref() == Some(&a.id))
                    .count()
                    .to_string(),
            );
            t.add_row(row);
        }
        if args.output.format == ReportFormat::Table {
            output::print(&t.to_string())?;
        }
        print_findings(
            &list,
            args.output.format,
            &super::findings_view::Labels::of(ws, &list, args.output.format)?,
        )?;
    }
    if failed > 0 {
        bail!("{failed} inputs could not be ingested (see above)");
    }
    args.output.verdict(&list)
}
