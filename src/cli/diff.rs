//! `claimdesk diff ARTICLE`: what changed between two versions of an article.

use anyhow::Result;
use clap::Args;

use super::FormatArg;
use super::output::{self, Format, colour};
use crate::app::{self, ArticleDiff, SentenceChange};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Article id, number or unique prefix: compared with its previous version (or its next,
    /// when it is the first).
    pub article: String,
    /// Compare with this article instead (the older of the two is the old version).
    #[arg(long, value_name = "ARTICLE")]
    pub against: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// A changed sentence with removed words as [-…-] and added ones as {+…+} (red and green on
/// a colour terminal).
fn marked(change: &SentenceChange) -> String {
    let paint = colour();
    let mut out = String::new();
    for w in &change.words {
        let text = &w.text;
        match (w.op, paint) {
            ("removed", true) => out.push_str(&format!("\x1b[31;9m{text}\x1b[0m")),
            ("added", true) => out.push_str(&format!("\x1b[32;1m{text}\x1b[0m")),
            ("removed", false) => out.push_str(&format!("[-{text}-]")),
            ("added", false) => out.push_str(&format!("{{+{text}+}}")),
            _ => out.push_str(text),
        }
    }
    out
}

fn number(a: &crate::model::Article) -> String {
    a.number.map(|n| n.to_string()).unwrap_or_default()
}

fn print_table(d: &ArticleDiff) -> Result<()> {
    let mut out = format!(
        "article {} ({}) -> article {} ({}): {} sentences changed\n",
        number(&d.old),
        d.old.ingested_at.get(..10).unwrap_or(""),
        number(&d.new),
        d.new.ingested_at.get(..10).unwrap_or(""),
        d.changes.len()
    );
    for c in &d.changes {
        let line = match c.op {
            "changed" => format!("~ {}", marked(c)),
            "added" => format!("+ {}", c.new.as_deref().unwrap_or("")),
            _ => format!("- {}", c.old.as_deref().unwrap_or("")),
        };
        out.push_str(&format!("\n{line}\n"));
        for f in &c.figures {
            let side = |t: &Option<String>, v: &Option<String>| match (t, v) {
                (Some(t), Some(v)) => format!("\"{t}\" ({v})"),
                _ => "(none)".to_string(),
            };
            out.push_str(&format!(
                "    {}: {} -> {}\n",
                f.kind,
                side(&f.old, &f.old_value),
                side(&f.new, &f.new_value)
            ));
        }
    }
    // Printed escaped: the text is the outlet's, and may hold control characters.
    output::print(out.trim_end())
}

pub fn run(ws: &dyn Store, args: &DiffArgs) -> Result<()> {
    let d = app::diff_article(ws, &args.article, args.against.as_deref())?;
    match args.format.format {
        Format::Json => output::print_json(&serde_json::to_value(&d)?),
        Format::Csv => {
            let rows: Vec<Vec<String>> = d
                .changes
                .iter()
                .flat_map(|c| {
                    let base = vec![
                        c.op.to_string(),
                        c.old.clone().unwrap_or_default(),
                        c.new.clone().unwrap_or_default(),
                    ];
                    if c.figures.is_empty() {
                        return vec![[base, vec![String::new(); 3]].concat()];
                    }
                    c.figures
                        .iter()
                        .map(|f| {
                            [
                                base.clone(),
                                vec![
                                    f.kind.clone(),
                                    f.old.clone().unwrap_or_default(),
                                    f.new.clone().unwrap_or_default(),
                                ],
                            ]
                            .concat()
                        })
                        .collect()
                })
                .collect();
            output::print_csv(
                &[
                    "op",
                    "old_sentence",
                    "new_sentence",
                    "kind",
                    "old_figure",
                    "new_figure",
                ],
                &rows,
            )
        }
        Format::Table => print_table(&d),
    }
}
