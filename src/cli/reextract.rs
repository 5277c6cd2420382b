//! `claimdesk reextract [ARTICLE...]`: read stored articles again with the current
//! extractor. Reviewed claims are never changed; every change is in the history.

use anyhow::Result;
use clap::Args;
use serde_json::{Value as Json, json};

use super::output::{self, Format, opt};
use super::{Actor, FormatArg, ids};
use crate::app::{self, Change};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct ReextractArgs {
    /// Articles (id or unique prefix) [default: every article].
    pub articles: Vec<String>,
    #[command(flatten)]
    pub actor: Actor,
    #[command(flatten)]
    pub format: FormatArg,
}

fn fields_text(c: &Change, now: bool) -> String {
    c.fields
        .iter()
        .map(|(f, old, new)| {
            let v = if now { new } else { old };
            format!("{f}={}", v.as_deref().unwrap_or("-"))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn change_json(c: &Change, what: &str) -> Json {
    json!({
        "result": what,
        "claim_id": c.claim_id,
        "article_id": c.article_id,
        "text": c.text,
        "start": c.start,
        "fields": c.fields.iter().map(|(f, old, new)| json!({"field": f, "stored": old, "read": new})).collect::<Vec<_>>(),
    })
}

pub fn run(ws: &mut dyn Store, args: &ReextractArgs) -> Result<()> {
    let out = app::reextract(ws, &args.articles, &args.actor.name())?;
    let groups: [(&str, &Vec<Change>); 4] = [
        ("added", &out.added),
        ("updated", &out.updated),
        ("kept (reviewed)", &out.kept_reviewed),
        ("no longer read", &out.no_longer_read),
    ];
    match args.format.format {
        Format::Json => output::print_json(&json!({
            "articles": out.articles,
            "changes": groups
                .iter()
                .flat_map(|(what, list)| list.iter().map(|c| change_json(c, what)))
                .collect::<Vec<_>>(),
        })),
        Format::Csv => {
            let rows: Vec<Vec<String>> = groups
                .iter()
                .flat_map(|(what, list)| {
                    list.iter().map(|c| {
                        vec![
                            what.to_string(),
                            opt(&c.claim_id),
                            c.article_id.to_string(),
                            c.text.clone(),
                            fields_text(c, false),
                            fields_text(c, true),
                        ]
                    })
                })
                .collect();
            output::print_csv(
                &["result", "claim_id", "article_id", "text", "stored", "read"],
                &rows,
            )
        }
        Format::Table => {
            let mut t = output::table(&["result", "claim", "text", "stored", "read now"]);
            for (what, list) in &groups {
                for c in list.iter() {
                    t.add_row(vec![
                        what.to_string(),
                        ids::short_claim(ws, &opt(&c.claim_id))?,
                        c.text.clone(),
                        fields_text(c, false),
                        fields_text(c, true),
                    ]);
                }
            }
            if groups.iter().any(|(_, l)| !l.is_empty()) {
                output::print(&t.to_string())?;
            }
            output::print(&format!(
                "{} articles read again: {} claims added, {} updated, {} reviewed claims kept as they are, {} no longer read",
                out.articles,
                out.added.len(),
                out.updated.len(),
                out.kept_reviewed.len(),
                out.no_longer_read.len()
            ))
        }
    }
}
