//! `claimdesk claims`: claims filtered by status, kind, article, story or assignee.

use anyhow::Result;
use clap::Args;

use super::output::{self, Format, clip, opt};
use super::{FormatArg, ids};
use crate::model::{ArticleId, Claim, ClaimKind, Status};
use crate::store::{ClaimFilter, Store};

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// unchecked, in-review, verified, disputed or unverifiable.
    #[arg(long, value_parser = super::parse_status)]
    pub status: Option<Status>,
    /// date, count, duration, percent, money, measure or other.
    #[arg(long, value_parser = super::parse_kind)]
    pub kind: Option<ClaimKind>,
    /// Article id or unique prefix.
    #[arg(long)]
    pub article: Option<String>,
    #[arg(long)]
    pub story: Option<String>,
    #[arg(long)]
    pub assignee: Option<String>,
    /// Words that must all occur in the claim's sentence (which holds its quote), or all in
    /// its subject (full-text).
    #[arg(long)]
    pub search: Option<String>,
    /// Only claims that closely match a known fact-check (`import claimreview`).
    #[arg(long)]
    pub known: bool,
    #[arg(long)]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// The CSV columns before and after the value's: ids, quote, place, review state.
const CSV_HEAD: &[&str] = &[
    "id",
    "article_id",
    "kind",
    "text",
    "start",
    "end",
    "sentence",
    "status",
    "assignee",
    "origin",
];
const CSV_TAIL: &[&str] = &["created_at", "updated_at", "number"];

/// The CSV header: the value's columns are its fields, the range ends named as stored.
fn csv_headers() -> Vec<&'static str> {
    let value = CSV_VALUE_FIELDS.iter().map(|f| match *f {
        "low" => "value_low",
        "high" => "value_high",
        other => other,
    });
    CSV_HEAD
        .iter()
        .copied()
        .chain(value)
        .chain(CSV_TAIL.iter().copied())
        .collect()
}

/// The CSV columns of the value, by the JSON field each shows: a field the claim's kind
/// does not carry is left empty (`ClaimKind::fields`, the one list).
const CSV_VALUE_FIELDS: &[&str] = &[
    "low",
    "high",
    "qualifier",
    "subject",
    "predicate",
    "unit",
    "currency",
    "date",
    "weekday",
    "relative",
    "year_inferred",
    "valid",
    "quantity",
    "si_low",
    "si_high",
];

fn csv_row(c: &Claim) -> Vec<String> {
    let value = |f: &str| {
        if !c.kind().fields().contains(&f) {
            return String::new();
        }
        match c.value.get(f) {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        }
    };
    let mut row = vec![
        opt(&c.id),
        opt(&c.review().article_id),
        c.kind().to_string(),
        c.text.to_string(),
        c.start.to_string(),
        c.end.to_string(),
        c.sentence.to_string(),
        c.status.to_string(),
        opt(&c.review().assignee),
        c.origin.as_str().into(),
    ];
    row.extend(CSV_VALUE_FIELDS.iter().map(|f| value(f)));
    row.push(c.review().created_at.clone().unwrap_or_default());
    row.push(c.review().updated_at.clone().unwrap_or_default());
    row.push(c.number.map(|n| n.to_string()).unwrap_or_default());
    row
}

/// Claims as CSV rows, written as they come.
pub fn write_claims_csv<C: std::borrow::Borrow<Claim>>(
    claims: impl Iterator<Item = C>,
) -> Result<()> {
    output::write_csv(&csv_headers(), claims.map(|c| csv_row(c.borrow())))
}

/// Prints claims in the chosen format; `ws` gives short ids, absent for `extract`.
pub fn print_claims(ws: Option<&dyn Store>, list: &[Claim], format: Format) -> Result<()> {
    match format {
        Format::Json => output::write_json(&list.iter().map(Claim::json).collect::<Vec<_>>()),
        Format::Csv => write_claims_csv(list.iter()),
        Format::Table => {
            let mut headers = vec!["kind", "text", "value", "chars"];
            if ws.is_some() {
                headers.splice(0..0, ["#", "art"]);
                headers.extend(["status", "assignee"]);
            }
            // Article numbers of the claims shown, in one query.
            let article_numbers: std::collections::HashMap<ArticleId, i64> = match ws {
                Some(ws) => {
                    let mut ids: Vec<ArticleId> = list
                        .iter()
                        .filter_map(|c| c.review().article_id.clone())
                        .collect();
                    ids.sort();
                    ids.dedup();
                    ws.articles_by_ids(&ids)?
                        .into_iter()
                        .filter_map(|a| a.number.map(|n| (a.id, n)))
                        .collect()
                }
                None => Default::default(),
            };
            let mut t = output::table(&headers);
            for c in list {
                let mut row = vec![
                    output::plain(c.kind().as_str()),
                    output::plain(&clip(&c.text, 40)),
                    output::plain(&c.value.summary()),
                    output::plain(&format!("{}–{}", c.start, c.end)),
                ];
                if ws.is_some() {
                    // The number people type; the UUID is in JSON and CSV.
                    let n = c.number.map(|n| n.to_string()).unwrap_or_default();
                    let art = c
                        .review()
                        .article_id
                        .as_ref()
                        .and_then(|a| article_numbers.get(a))
                        .map(|n| n.to_string())
                        .unwrap_or_default();
                    row.insert(0, output::plain(&art));
                    row.insert(0, output::plain(&n));
                    row.push(output::status_cell(c.status.as_str()));
                    row.push(output::plain(&opt(&c.review().assignee)));
                }
                t.add_row(row);
            }
            output::print(&t.to_string())
        }
    }
}

pub fn run(ws: &dyn Store, args: &ClaimsArgs) -> Result<()> {
    let filter = ClaimFilter {
        status: args.status,
        kind: args.kind,
        article: args
            .article
            .as_deref()
            .map(|a| ids::article_id(ws, a))
            .transpose()?,
        story: args.story.clone(),
        assignee: args.assignee.clone(),
        search: args.search.clone(),
        known: args.known,
        limit: args.limit,
        offset: None,
    };
    let list = ws.claims(&filter)?;
    print_claims(Some(ws), &list, args.format.format)
}
