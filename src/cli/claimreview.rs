//! `export claimreview`, `import claimreview` and `config`: publishing verdicts as
//! schema.org ClaimReview and reading others'.

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Args;
use serde_json::{Value as Json, json};

use super::output;
use crate::app;
use crate::model::Status;
use crate::store::{SETTINGS, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewFormat {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportClaimReviewArgs {
    #[arg(long)]
    pub story: Option<String>,
    /// Article number, id or unique prefix.
    #[arg(long)]
    pub article: Option<String>,
    /// Only claims with this status.
    #[arg(long, value_parser = super::parse_status)]
    pub status: Option<Status>,
    /// Only verdicts given on or after this day, YYYY-MM-DD.
    #[arg(long, value_parser = super::parse_date)]
    pub since: Option<NaiveDate>,
    /// The fact-checking organization [default: the workspace's `org.name`].
    #[arg(long = "org", value_name = "NAME")]
    pub org: Option<String>,
    /// Its home page [default: the workspace's `org.url`].
    #[arg(long, value_name = "URL")]
    pub org_url: Option<String>,
    /// Where each fact-check is published: {claim}, {number} and {article} are filled in
    /// [default: the workspace's `review.url_template`].
    #[arg(long, value_name = "TEMPLATE")]
    pub url_template: Option<String>,
    /// One schema.org DataFeed holding the ClaimReviews, instead of a list of them.
    #[arg(long)]
    pub datafeed: bool,
    /// Leave out, and list, claims that would be invalid ClaimReview instead of refusing.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Write to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ReviewFormat::Json)]
    pub format: ReviewFormat,
}

const CSV_HEADERS: &[&str] = &[
    "claim_number",
    "claim_id",
    "claim_reviewed",
    "rating",
    "rating_value",
    "best_rating",
    "worst_rating",
    "review_body",
    "date_published",
    "review_url",
    "org",
    "org_url",
    "article_url",
    "appearance_url",
    "claim_author",
    "claim_date",
];

fn s(j: &Json) -> String {
    match j {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn csv_row(claim: &crate::model::Claim, doc: &Json) -> Vec<String> {
    let rating = &doc["reviewRating"];
    let item = &doc["itemReviewed"];
    vec![
        claim.number.map(|n| n.to_string()).unwrap_or_default(),
        super::output::opt(&claim.id),
        s(&doc["claimReviewed"]),
        s(&rating["alternateName"]),
        s(&rating["ratingValue"]),
        s(&rating["bestRating"]),
        s(&rating["worstRating"]),
        s(&doc["reviewBody"]),
        s(&doc["datePublished"]),
        s(&doc["url"]),
        s(&doc["author"]["name"]),
        s(&doc["author"]["url"]),
        s(&item["appearance"][0]["url"]),
        s(&item["appearance"][1]["url"]),
        s(&item["author"]["name"]),
        s(&item["datePublished"]),
    ]
}

pub fn export(ws: &dyn Store, args: &ExportClaimReviewArgs) -> Result<()> {
    let out = app::export_claimreview(
        ws,
        &app::ExportOptions {
            story: args.story.clone(),
            article: args.article.clone(),
            status: args.status,
            since: args.since,
            org_name: args.org.clone(),
            org_url: args.org_url.clone(),
            url_template: args.url_template.clone(),
            skip_invalid: args.skip_invalid,
        },
    )?;
    for line in &out.skipped {
        output::warn(&format!("skipped: {line}"));
    }
    let text = match args.format {
        ReviewFormat::Json => {
            let docs: Vec<Json> = out.reviews.iter().map(|(_, d)| d.clone()).collect();
            let value = if args.datafeed {
                crate::claimreview::jsonld::data_feed(docs, &out.org, &crate::store::now())
            } else {
                json!(docs)
            };
            serde_json::to_string_pretty(&value)? + "\n"
        }
        ReviewFormat::Csv => {
            let rows: Vec<Vec<String>> = out.reviews.iter().map(|(c, d)| csv_row(c, d)).collect();
            output::csv_string(CSV_HEADERS, &rows)?
        }
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, text)
                .with_context(|| format!("{}: cannot write", path.display()))?;
            output::warn(&format!(
                "exported {} ClaimReviews to {}",
                out.reviews.len(),
                path.display()
            ));
            Ok(())
        }
        None => output::print_raw(&text),
    }
}

/// `import claimreview FILE|-`.
pub fn import(ws: &mut dyn Store, file: &str, max_bytes: u64) -> Result<()> {
    let text = if file == "-" {
        crate::ingest::read_limited("stdin", std::io::stdin().lock(), max_bytes)?
    } else {
        let f = std::fs::File::open(file).with_context(|| format!("{file}: cannot read"))?;
        crate::ingest::read_limited(file, f, max_bytes)?
    };
    let r = app::import_claimreview(ws, file, &text)?;
    output::print(&format!(
        "{file}: {} ClaimReviews: {} new, {} already known{}; {} claims of the workspace match them",
        r.found,
        r.new,
        r.found - r.new - r.unusable,
        if r.unusable > 0 {
            format!(", {} without claimReviewed", r.unusable)
        } else {
            String::new()
        },
        r.matches
    ))
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// org.name, org.url or review.url_template; none lists them all.
    pub key: Option<String>,
    /// The new value; none shows the current one.
    pub value: Option<String>,
    /// Clear the setting.
    #[arg(long, conflicts_with = "value")]
    pub unset: bool,
}

pub fn config(ws: &mut dyn Store, args: &ConfigArgs) -> Result<()> {
    match (&args.key, &args.value, args.unset) {
        (None, _, _) => {
            let mut t = output::table(&["setting", "value", "meaning"]);
            for (k, meaning) in SETTINGS {
                t.add_row(vec![
                    k.to_string(),
                    ws.setting(k)?.unwrap_or_default(),
                    meaning.to_string(),
                ]);
            }
            output::print(&t.to_string())
        }
        (Some(k), None, true) => app::set_setting(ws, k, None),
        (Some(k), Some(v), _) => app::set_setting(ws, k, Some(v)),
        (Some(k), None, false) => {
            if !SETTINGS.iter().any(|(key, _)| key == k) {
                return app::set_setting(ws, k, None);
            }
            output::print(&ws.setting(k)?.unwrap_or_default())
        }
    }
}

#[derive(Debug, Args)]
pub struct KnownArgs {
    #[command(flatten)]
    pub format: super::FormatArg,
}

/// `known`: the fact-checks imported from others.
pub fn known(ws: &dyn Store, args: &KnownArgs) -> Result<()> {
    let list = ws.known_reviews()?;
    match args.format.format {
        output::Format::Json => output::print_json(&serde_json::to_value(&list)?),
        output::Format::Csv => {
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|r| {
                    let v = serde_json::to_value(r).unwrap_or(Json::Null);
                    KNOWN_FIELDS.iter().map(|f| s(&v[*f])).collect()
                })
                .collect();
            output::print_csv(KNOWN_FIELDS, &rows)
        }
        output::Format::Table => {
            let mut t = output::table(&[
                "id",
                "organization",
                "rating",
                "claim reviewed",
                "date",
                "url",
            ]);
            for r in &list {
                t.add_row(vec![
                    r.id.map(|i| i.to_string()).unwrap_or_default(),
                    r.org.clone().unwrap_or_default(),
                    r.rating.clone().unwrap_or_default(),
                    output::clip(&r.claim_reviewed, 60),
                    r.date_published.clone().unwrap_or_default(),
                    r.review_url.clone(),
                ]);
            }
            output::print(&t.to_string())
        }
    }
}

const KNOWN_FIELDS: &[&str] = &[
    "id",
    "review_url",
    "claim_reviewed",
    "rating",
    "rating_value",
    "best_rating",
    "worst_rating",
    "org",
    "org_url",
    "date_published",
    "review_body",
    "appearance_url",
    "claim_author",
    "claim_date",
];
