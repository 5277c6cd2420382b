//! `claimdesk mark CLAIM... STATUS`: the review step. All claims change, or none.

use anyhow::Result;
use clap::Args;

use super::{Actor, ids, output};
use crate::app;
use crate::error::Error;
use crate::model::Status;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct MarkArgs {
    /// Claims (numbers, ids or unique prefixes; - reads them from stdin, one per line), then
    /// the new status.
    #[arg(required = true, num_args = 2.., value_names = ["CLAIM", "STATUS"])]
    pub args: Vec<String>,
    /// Why: kept in the history.
    #[arg(long)]
    pub note: Option<String>,
    /// A link to the evidence (http or https).
    #[arg(long)]
    pub evidence: Option<String>,
    /// A verdict from the workspace's rating scale (`claimdesk ratings`), kept apart from
    /// the status.
    #[arg(long)]
    pub rating: Option<String>,
    /// Why the rating: what a published fact-check says.
    #[arg(long, requires = "rating")]
    pub explanation: Option<String>,
    /// Print what would change, change nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub actor: Actor,
}

pub fn run(ws: &mut dyn Store, args: &MarkArgs) -> Result<()> {
    let (status, claims) = args.args.split_last().expect("clap requires two values");
    let status: Status = status.parse().map_err(Error::Usage)?;
    let claims = super::with_stdin_ids(claims)?;
    let changes = if args.dry_run {
        app::check_mark(ws, &claims, args.evidence.as_deref())?
    } else {
        let verdict = args.rating.as_deref().map(|rating| app::Verdict {
            rating,
            explanation: args.explanation.as_deref(),
        });
        app::mark_with_verdict(
            ws,
            &claims,
            status,
            args.note.as_deref(),
            args.evidence.as_deref(),
            verdict.as_ref(),
            &args.actor.name(),
        )?
    };
    let tail = if args.dry_run {
        "  (dry run: nothing changed)"
    } else {
        ""
    };
    for m in changes {
        output::print(&format!(
            "{}  {} -> {status}{tail}",
            number_or_id(ws, &m.id)?,
            m.before
        ))?;
    }
    Ok(())
}

/// A claim as people type it: its number, else its short id.
pub fn number_or_id(ws: &dyn Store, id: &crate::model::ClaimId) -> Result<String> {
    match ws.claim(id)?.number {
        Some(n) => Ok(format!("#{n}")),
        None => ids::short_claim(ws, id),
    }
}

#[cfg(test)]
mod tests {
    use crate::app::check_url;

    #[test]
    fn only_http_urls_are_evidence() {
        assert!(check_url("https://example.org/mod").is_ok());
        assert!(check_url("http://example.org").is_ok());
        for bad in [
            "ftp://x.org",
            "example.org",
            "javascript:alert(1)",
            "https://",
            "https://a b",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
