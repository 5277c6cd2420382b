//! Rendering findings: a table, JSON, or Markdown ready to paste into an editor's note.

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde_json::json;

use super::output::{self, clip};
use crate::check::{Finding, Severity};
use crate::model::{ArticleId, ClaimId};
use crate::report::mark_quote;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

impl FailOn {
    fn floor(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
        }
    }
}

/// How findings are printed, and whether they fail the command: shared by `report` and `check`.
#[derive(Debug, Args)]
pub struct FindingsOutput {
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Exit 1 when a finding at or above this severity remains.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
}

impl FindingsOutput {
    /// An error when `--fail-on` is given and a finding at or above it remains.
    pub fn verdict(&self, findings: &[Finding]) -> Result<()> {
        let Some(level) = self.fail_on else {
            return Ok(());
        };
        let floor = level.floor();
        let n = findings.iter().filter(|f| f.severity >= floor).count();
        if n > 0 {
            anyhow::bail!(
                "{n} findings at or above {} severity (--fail-on)",
                floor.as_str()
            );
        }
        Ok(())
    }
}

/// The sentence around the finding with its words marked, shortened around the mark.
fn in_context(f: &Finding, open: &str, close: &str) -> String {
    let sentence = f.claims.first().map_or("", |c| &*c.sentence);
    let marked = mark_quote(sentence, &f.text, open, close);
    let at = marked.find(open).unwrap_or(0);
    let before = marked[..at].chars().count();
    let skip = before.saturating_sub(40);
    let cut: String = marked.chars().skip(skip).collect();
    let cut = if skip > 0 { format!("…{cut}") } else { cut };
    clip(&cut, 120)
}

pub fn findings_json(findings: &[Finding]) -> serde_json::Value {
    json!(findings)
}

/// What a printed finding names besides itself: article titles and claim numbers.
#[derive(Default)]
pub struct Labels {
    pub titles: std::collections::HashMap<ArticleId, String>,
    pub article_numbers: std::collections::HashMap<ArticleId, i64>,
    pub numbers: std::collections::HashMap<ClaimId, i64>,
}

impl Labels {
    /// The titles and claim numbers of `findings` printed as `format`, read in two queries
    /// (none for JSON, which names claims by id): each article and claim asked for once.
    pub fn of(
        ws: &dyn crate::store::Store,
        findings: &[Finding],
        format: ReportFormat,
    ) -> Result<Labels> {
        if format == ReportFormat::Json {
            return Ok(Labels::default());
        }
        let articles: Vec<ArticleId> = findings
            .iter()
            .filter_map(|f| f.article_id.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let claims: Vec<ClaimId> = findings
            .iter()
            .flat_map(|f| f.claims.iter().filter_map(|c| c.id.clone()))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let found = ws.articles_by_ids(&articles)?;
        Ok(Labels {
            article_numbers: found
                .iter()
                .filter_map(|a| a.number.map(|n| (a.id.clone(), n)))
                .collect(),
            titles: found.into_iter().map(|a| (a.id, a.title)).collect(),
            numbers: ws.claim_numbers(&claims)?,
        })
    }

    fn title(&self, id: &str) -> String {
        self.titles.get(id).cloned().unwrap_or_default()
    }

    /// "#3 #4": the numbers of a finding's claims.
    fn claims(&self, f: &Finding) -> String {
        f.claims
            .iter()
            .filter_map(|c| c.id.as_ref().and_then(|id| self.numbers.get(id)))
            .map(|n| format!("#{n}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub fn print_findings(findings: &[Finding], format: ReportFormat, labels: &Labels) -> Result<()> {
    match format {
        ReportFormat::Json => {
            // Written as it serializes: a report of 250,000 findings built as a JSON tree and
            // then a string took 2 GB.
            #[derive(serde::Serialize)]
            struct Report<'a> {
                findings: &'a [Finding],
            }
            output::write_json(&Report { findings })
        }
        ReportFormat::Markdown => {
            let mut out = String::from("## Consistency findings\n\n");
            if findings.is_empty() {
                out.push_str("No inconsistencies found.\n");
            }
            for f in findings {
                let title = f
                    .article_id
                    .as_deref()
                    .map(|a| labels.title(a))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "- **{}** `{}` in *{}*: {}\n",
                    f.severity.as_str(),
                    f.rule,
                    title,
                    f.message
                ));
                out.push_str(&format!("  > {}\n", in_context(f, "**", "**")));
                if let Some(s) = &f.suggestion {
                    out.push_str(&format!("  Suggestion: {s}\n"));
                }
            }
            output::print(&out)
        }
        ReportFormat::Table => {
            if findings.is_empty() {
                return output::print("no findings");
            }
            let mut t = output::table(&[
                "finding",
                "art",
                "claims",
                "rule",
                "severity",
                "where",
                "message",
                "suggestion",
            ]);
            for f in findings {
                t.add_row(vec![
                    f.id[..8].to_string(),
                    f.article_id
                        .as_ref()
                        .and_then(|a| labels.article_numbers.get(a))
                        .map(|n| n.to_string())
                        .unwrap_or_default(),
                    labels.claims(f),
                    f.rule.to_string(),
                    f.severity.as_str().to_string(),
                    in_context(f, "»", "«"),
                    f.message.clone(),
                    f.suggestion.clone().unwrap_or_default(),
                ]);
            }
            output::print(&t.to_string())?;
            let errors = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            output::print(&format!(
                "{} findings: {errors} errors, {} warnings",
                findings.len(),
                findings.len() - errors
            ))
        }
    }
}
