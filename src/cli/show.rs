//! `claimdesk show CLAIM`: the claim, where it stands, and how it got there.

use anyhow::Result;
use clap::Args;

use super::output::{self, Format, opt};
use super::{FormatArg, ids};
use crate::app;
use crate::model::ClaimId;
use crate::report::text_fragment_link;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Claim id or unique prefix.
    pub claim: String,
    #[command(flatten)]
    pub format: FormatArg,
}

pub fn run(ws: &dyn Store, args: &ShowArgs) -> Result<()> {
    let id = ids::claim_id(ws, &args.claim)?;
    render(ws, &id, args.format.format)
}

/// Everything about claim `id`, as `show` prints it (also `next`).
pub fn render(ws: &dyn Store, id: &ClaimId, format: Format) -> Result<()> {
    if format == Format::Json {
        return output::print_json(&app::claim_view(ws, id)?);
    }
    let claim = ws.claim(id)?;
    let article = ws.article(app::article_of(&claim)?)?;
    let link = article
        .url
        .as_deref()
        .map(|u| text_fragment_link(u, &claim.text));
    let evidence = ws.evidence(id)?;
    let history = ws.history(id)?;
    let findings = app::claim_findings(ws, id, &article.id)?;
    let known = ws.known_for_claim(id)?;
    let mut out = String::new();
    let line = |out: &mut String, k: &str, v: &str| out.push_str(&format!("{k:<10} {v}\n"));
    line(
        &mut out,
        "claim",
        &format!(
            "{}  ({id})",
            claim.number.map(|n| format!("#{n}")).unwrap_or_default()
        ),
    );
    line(&mut out, "kind", claim.kind().as_str());
    line(
        &mut out,
        "text",
        &format!("\"{}\"  (chars {}–{})", claim.text, claim.start, claim.end),
    );
    line(&mut out, "value", &claim.value.summary());
    line(&mut out, "sentence", &claim.sentence);
    line(&mut out, "status", claim.status.as_str());
    if let Some(r) = &claim.review().rating {
        line(&mut out, "rating", r);
        line(&mut out, "why", &opt(&claim.review().explanation));
    }
    line(&mut out, "assignee", &opt(&claim.review().assignee));
    line(&mut out, "origin", claim.origin.as_str());
    line(
        &mut out,
        "article",
        &format!(
            "{} ({})",
            article.title,
            ids::short_article(ws, &article.id)?
        ),
    );
    line(&mut out, "published", &opt(&article.published));
    line(&mut out, "url", &opt(&article.url));
    if let Some(l) = &link {
        line(&mut out, "link", l);
    }
    out.push_str(&format!("\nfindings ({})\n", findings.len()));
    for f in &findings {
        out.push_str(&format!(
            "  {} {} [{}] {}{}\n",
            &f.id[..8.min(f.id.len())],
            f.rule,
            f.severity.as_str(),
            f.message,
            f.suggestion
                .as_deref()
                .map(|s| format!("  suggestion: {s}"))
                .unwrap_or_default()
        ));
    }
    if !known.is_empty() {
        out.push_str(&format!(
            "\nalready fact-checked elsewhere ({})\n",
            known.len()
        ));
        for (r, score) in &known {
            out.push_str(&format!(
                "  {} — {}: \"{}\" ({}, similarity {score:.2}) {}\n",
                r.org.as_deref().unwrap_or("?"),
                r.rating.as_deref().unwrap_or("no rating"),
                r.claim_reviewed,
                r.date_published.as_deref().unwrap_or("undated"),
                r.review_url
            ));
        }
    }
    out.push_str(&format!("\nevidence ({})\n", evidence.len()));
    for e in &evidence {
        out.push_str(&format!(
            "  {} [{}] {} — {}, {}\n",
            e.url,
            e.stance,
            opt(&e.note),
            e.added_by,
            e.added_at
        ));
    }
    out.push_str(&format!("\nhistory ({})\n", history.len()));
    for h in &history {
        out.push_str(&format!(
            "  {} {} {}: {} -> {}{}\n",
            h.at,
            h.actor,
            h.action,
            h.from.as_deref().unwrap_or("-"),
            h.to.as_deref().unwrap_or("-"),
            h.note
                .as_deref()
                .map(|n| format!("  \"{n}\""))
                .unwrap_or_default()
        ));
    }
    output::print(&out)
}
