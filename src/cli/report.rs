//! `claimdesk report`: the consistency findings of the workspace.

use anyhow::Result;
use clap::Args;

use super::findings_view::{FindingsOutput, Labels, print_findings};
use super::ids;
use crate::app;
use crate::report::Scope;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only this article (id or unique prefix).
    #[arg(long)]
    pub article: Option<String>,
    /// Only the articles of this story.
    #[arg(long)]
    pub story: Option<String>,
    /// Only this rule: weekday-mismatch, relative-date-mismatch, invalid-date, number-conflict.
    #[arg(long, value_parser = |s: &str| app::resolve_rule(s).map_err(|e| e.to_string()))]
    pub rule: Option<crate::model::Rule>,
    #[command(flatten)]
    pub output: FindingsOutput,
    /// Include dismissed findings.
    #[arg(long)]
    pub all: bool,
}

pub fn run(ws: &dyn Store, args: &ReportArgs) -> Result<()> {
    let article = args
        .article
        .as_deref()
        .map(|a| ids::article_id(ws, a))
        .transpose()?;
    let scope = Scope {
        story: args.story.clone(),
        articles: article.map(|a| vec![a]),
    };
    let list = app::visible_findings(ws, &scope, args.rule.map(|r| r.as_str()), args.all)?;
    let labels = Labels::of(ws, &list, args.output.format)?;
    print_findings(&list, args.output.format, &labels)?;
    args.output.verdict(&list)
}
