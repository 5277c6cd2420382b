//! `claimdesk mark CLAIM... STATUS`: the review step. All claims change, or none.

use anyhow::Result;
use clap::Args;

use super::{Actor, ids, output};
use crate::app;
use crate::error::Error;
use crate::model::Status;
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct MarkArgs {
    /// Claim ids (or unique prefixes), then the new status.
    #[arg(required = true, num_args = 2.., value_names = ["CLAIM", "STATUS"])]
    pub args: Vec<String>,
    /// Why: kept in the history.
    #[arg(long)]
    pub note: Option<String>,
    /// A link to the evidence (http or https).
    #[arg(long)]
    pub evidence: Option<String>,
    #[command(flatten)]
    pub actor: Actor,
}

pub fn run(ws: &mut Workspace, args: &MarkArgs) -> Result<()> {
    let (status, claims) = args.args.split_last().expect("clap requires two values");
    let status: Status = status.parse().map_err(Error::Usage)?;
    let changes = app::mark(
        ws,
        claims,
        status,
        args.note.as_deref(),
        args.evidence.as_deref(),
        &args.actor.name(),
    )?;
    for m in changes {
        output::print(&format!(
            "{}  {} -> {status}",
            ids::short_claim(ws, &m.id)?,
            m.before
        ))?;
    }
    Ok(())
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
