//! `claimdesk mark CLAIM... STATUS`: the review step. All claims change, or none.

use anyhow::{Result, bail};
use clap::Args;

use super::{Actor, ids, output};
use crate::model::Status;
use crate::store::{self, ClaimUpdate, Evidence, Workspace, now};

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

/// Evidence links must be web addresses a colleague can open.
pub fn check_url(url: &str) -> Result<()> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host)
            if !host.is_empty() && !host.starts_with('/') && !url.contains(char::is_whitespace) =>
        {
            Ok(())
        }
        _ => bail!("'{url}' is not an http or https URL"),
    }
}

/// How evidence relates to a claim, from the status it was given with.
fn stance(status: Status) -> &'static str {
    match status {
        Status::Verified => "supports",
        Status::Disputed => "refutes",
        _ => "context",
    }
}

pub fn run(ws: &mut Workspace, args: &MarkArgs) -> Result<()> {
    let (status, claims) = args.args.split_last().expect("clap requires two values");
    let status: Status = status.parse().map_err(anyhow::Error::msg)?;
    if let Some(url) = &args.evidence {
        check_url(url)?;
    }
    // Resolve every id before touching anything: one bad id changes nothing.
    let ids: Vec<String> = claims
        .iter()
        .map(|c| ids::claim_id(ws, c))
        .collect::<Result<_>>()?;
    let actor = args.actor.name();
    let changes = ws.write(|tx| {
        let mut changes = Vec::new();
        for id in &ids {
            let before = store::get_claim(tx, id)?.status;
            store::update_claim(
                tx,
                id,
                &ClaimUpdate::Status(status),
                &actor,
                args.note.as_deref(),
                args.evidence.as_deref(),
            )?;
            if let Some(url) = &args.evidence {
                store::add_evidence(
                    tx,
                    &Evidence {
                        claim_id: id.clone(),
                        url: url.clone(),
                        note: args.note.clone(),
                        stance: stance(status).into(),
                        added_by: actor.clone(),
                        added_at: now(),
                    },
                )?;
            }
            changes.push((id.clone(), before));
        }
        Ok(changes)
    })?;
    for (id, before) in changes {
        output::print(&format!(
            "{}  {before} -> {status}",
            ids::short_claim(ws, &id)?
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_url;

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
