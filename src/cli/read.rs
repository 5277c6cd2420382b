//! `claimdesk read ARTICLE`: the article with its claims marked in place and its findings.

use anyhow::Result;
use clap::Args;
use serde_json::json;

use super::output::{self, Format, colour, opt};
use super::{FormatArg, ids};
use crate::app;
use crate::extract::CharCursor;
use crate::model::Status;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Article id or unique prefix.
    pub article: String,
    #[command(flatten)]
    pub format: FormatArg,
}

/// The terminal colour of a status, when colour is on.
fn paint(status: Status, text: &str) -> String {
    if !colour() {
        return text.to_string();
    }
    let code = match status {
        Status::Verified => "32",
        Status::Disputed => "31",
        Status::InReview => "33",
        Status::Unverifiable => "90",
        Status::Unchecked => "36",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

pub fn run(ws: &dyn Store, args: &ReadArgs) -> Result<()> {
    let r = app::read_article(ws, &args.article)?;
    if args.format.format == Format::Json {
        let mut article = serde_json::to_value(&r.article)?;
        article["body"] = json!(r.body);
        return output::print_json(&json!({
            "article": article,
            "claims": r.claims.iter().map(|c| c.to_json()).collect::<Vec<_>>(),
            "findings": super::findings_view::findings_json(&r.findings),
        }));
    }
    let a = &r.article;
    let mut out = format!("{}\n", a.title);
    for (k, v) in [
        ("outlet", &a.outlet),
        ("published", &a.published),
        ("story", &a.story),
        ("url", &a.url),
    ] {
        out.push_str(&format!("{k:<10} {}\n", opt(v)));
    }
    out.push('\n');
    // The text with each claim bracketed and numbered in reading order; a claim a finding
    // is about is flagged with "!". Claims inside an earlier claim are listed, not marked.
    let flagged = |id: &Option<crate::model::ClaimId>| {
        r.findings
            .iter()
            .any(|f| f.claims.iter().any(|c| c.id.is_some() && c.id == *id))
    };
    let mut cursor = CharCursor::new(&r.body);
    let mut at = 0;
    for (n, c) in r.claims.iter().enumerate() {
        let (Some(s), Some(e)) = (cursor.byte_of(c.start), cursor.byte_of(c.end)) else {
            continue;
        };
        if s < at {
            continue;
        }
        out.push_str(&r.body[at..s]);
        let mark = format!(
            "[{}]{}{}",
            &r.body[s..e],
            c.number.unwrap_or(n as i64 + 1),
            if flagged(&c.id) { "!" } else { "" }
        );
        out.push_str(&paint(c.status, &mark));
        at = e;
    }
    out.push_str(&r.body[at..]);
    out.push_str(&format!("\n\nclaims ({})\n", r.claims.len()));
    let ids: Vec<crate::model::ClaimId> = r.claims.iter().filter_map(|c| c.id.clone()).collect();
    let known = ws.best_known_for(&ids)?;
    for (n, c) in r.claims.iter().enumerate() {
        let Some(id) = c.id.as_ref() else {
            continue;
        };
        out.push_str(&format!(
            "  {:>3}  {}  {:<12} {:<8} \"{}\"  {}\n",
            c.number.unwrap_or(n as i64 + 1),
            ids::short_claim(ws, id)?,
            c.status.as_str(),
            c.kind().as_str(),
            c.text,
            c.value.summary()
        ));
        // A fact-check published elsewhere about the same claim, best first.
        if let Some((k, score)) = known.get(id) {
            out.push_str(&format!(
                "         already fact-checked: {} rated \"{}\" {} (similarity {score:.2})\n",
                k.org.as_deref().unwrap_or("?"),
                k.claim_reviewed,
                k.rating.as_deref().unwrap_or("without a rating"),
            ));
        }
    }
    out.push_str(&format!("\nfindings ({})\n", r.findings.len()));
    for f in &r.findings {
        out.push_str(&format!(
            "  {} {} \"{}\": {}{}\n",
            &f.id[..8.min(f.id.len())],
            f.rule,
            f.text,
            f.message,
            f.suggestion
                .as_deref()
                .map(|s| format!("  suggestion: {s}"))
                .unwrap_or_default()
        ));
    }
    output::print(&out)
}
