//! `claimdesk report`: the consistency findings of the workspace.

use anyhow::{Result, bail};
use clap::Args;

use super::findings_view::{FindingsOutput, print_findings};
use super::ids;
use crate::check::{Finding, RULES};
use crate::report::{Scope, findings};
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only this article (id or unique prefix).
    #[arg(long)]
    pub article: Option<String>,
    /// Only the articles of this story.
    #[arg(long)]
    pub story: Option<String>,
    /// Only this rule: weekday-mismatch, relative-date-mismatch, invalid-date, number-conflict.
    #[arg(long)]
    pub rule: Option<String>,
    #[command(flatten)]
    pub output: FindingsOutput,
    /// Include dismissed findings.
    #[arg(long)]
    pub all: bool,
}

/// Findings in scope, without dismissed ones unless `all`, filtered by rule.
pub fn visible(
    ws: &Workspace,
    scope: &Scope,
    rule: Option<&str>,
    all: bool,
) -> Result<Vec<Finding>> {
    if let Some(r) = rule
        && !RULES.contains(&r)
    {
        bail!("unknown rule '{r}' (valid: {})", RULES.join(", "));
    }
    let dismissed = if all {
        Default::default()
    } else {
        ws.dismissed_findings()?
    };
    let mut list = findings(ws, scope)?;
    list.retain(|f| !f.is_dismissed(&dismissed) && rule.is_none_or(|r| f.rule == r));
    Ok(list)
}

pub fn titles(ws: &Workspace) -> impl Fn(&str) -> String + '_ {
    |id: &str| ws.article(id).map(|a| a.title).unwrap_or_default()
}

pub fn run(ws: &Workspace, args: &ReportArgs) -> Result<()> {
    let article = args
        .article
        .as_deref()
        .map(|a| ids::article_id(ws, a))
        .transpose()?;
    let scope = Scope {
        story: args.story.clone(),
        articles: article.map(|a| vec![a]),
    };
    let list = visible(ws, &scope, args.rule.as_deref(), args.all)?;
    print_findings(&list, args.output.format, &titles(ws))?;
    args.output.verdict(&list)
}
