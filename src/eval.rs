//! Extraction accuracy against hand labels: precision and recall per kind (a claim is found
//! when kind and character offsets match exactly), and value accuracy (every labelled value
//! field equal) over the found ones.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use serde_json::Value as Json;

use crate::extract::claims_in;
use crate::model::ClaimKind;

#[derive(Debug, Clone, Copy, Default)]
pub struct KindScore {
    pub labelled: usize,
    pub extracted: usize,
    pub found: usize,
    pub value_ok: usize,
}

impl KindScore {
    pub fn precision(&self) -> f64 {
        ratio(self.found, self.extracted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.labelled)
    }
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_ok, self.found)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[derive(Debug, Default)]
pub struct Evaluation {
    pub per_kind: BTreeMap<ClaimKind, KindScore>,
    /// Human-readable lines: what was missed, extracted in excess, or valued wrong.
    pub problems: Vec<String>,
    pub articles: usize,
}

impl Evaluation {
    pub fn total(&self) -> KindScore {
        self.per_kind
            .values()
            .fold(KindScore::default(), |t, k| KindScore {
                labelled: t.labelled + k.labelled,
                extracted: t.extracted + k.extracted,
                found: t.found + k.found,
                value_ok: t.value_ok + k.value_ok,
            })
    }

    /// A Markdown table: kind, labelled, extracted, precision, recall, value accuracy.
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| kind | labelled | extracted | precision | recall | value accuracy |\n|---|---|---|---|---|---|\n",
        );
        let row = |name: &str, k: &KindScore| {
            format!(
                "| {name} | {} | {} | {:.3} | {:.3} | {:.3} |\n",
                k.labelled,
                k.extracted,
                k.precision(),
                k.recall(),
                k.value_accuracy()
            )
        };
        for (kind, k) in &self.per_kind {
            out.push_str(&row(kind.as_str(), k));
        }
        out.push_str(&row("all", &self.total()));
        out
    }
}

fn same(label: &Json, got: &Json) -> bool {
    match (label.as_f64(), got.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * a.abs().max(1.0),
        _ => label == got,
    }
}

/// Scores one article's extraction against its labels.
pub fn score_article(name: &str, body: &str, labels: &Json, eval: &mut Evaluation) {
    let published = labels["published"]
        .as_str()
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
    let claims = claims_in(body, published);
    let labelled = labels["claims"].as_array().cloned().unwrap_or_default();
    for c in &claims {
        eval.per_kind.entry(c.kind()).or_default().extracted += 1;
    }
    let mut matched = vec![false; claims.len()];
    for l in &labelled {
        let Some(kind) = l["kind"].as_str().and_then(|k| k.parse::<ClaimKind>().ok()) else {
            continue;
        };
        let score = eval.per_kind.entry(kind).or_default();
        score.labelled += 1;
        let hit = claims.iter().position(|c| {
            c.kind() == kind
                && Some(c.start as u64) == l["start"].as_u64()
                && Some(c.end as u64) == l["end"].as_u64()
        });
        let Some(i) = hit else {
            eval.problems
                .push(format!("{name}: missed {kind} {}", l["text"]));
            continue;
        };
        matched[i] = true;
        score.found += 1;
        let got = claims[i].value.to_json();
        let wrong: Vec<String> = l["value"]
            .as_object()
            .map(|m| {
                m.iter()
                    .filter(|(k, v)| !same(v, &got[k.as_str()]))
                    .map(|(k, v)| format!("{k}: want {v}, got {}", got[k.as_str()]))
                    .collect()
            })
            .unwrap_or_default();
        if wrong.is_empty() {
            score.value_ok += 1;
        } else {
            eval.problems.push(format!(
                "{name}: value of {}: {}",
                l["text"],
                wrong.join("; ")
            ));
        }
    }
    for (c, m) in claims.iter().zip(&matched) {
        if !m {
            eval.problems.push(format!(
                "{name}: extra {} \"{}\" at {}",
                c.kind(),
                c.text,
                c.start
            ));
        }
    }
    eval.articles += 1;
}

/// Scores every label file in `labels_dir` (each names its article relative to `root`).
pub fn evaluate_dir(root: &Path, labels_dir: &Path, eval: &mut Evaluation) -> Result<()> {
    let mut files: Vec<_> = std::fs::read_dir(labels_dir)
        .with_context(|| format!("{}: cannot read", labels_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for f in files {
        let labels: Json = serde_json::from_str(&std::fs::read_to_string(&f)?)
            .with_context(|| format!("{}: not JSON", f.display()))?;
        let Some(file) = labels["file"].as_str() else {
            continue;
        };
        let body = std::fs::read_to_string(root.join(file))
            .with_context(|| format!("{file}: cannot read"))?;
        score_article(file, &body, &labels, eval);
    }
    Ok(())
}
