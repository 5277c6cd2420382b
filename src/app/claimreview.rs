//! Publishing verdicts as ClaimReview, reading others' fact-checks, and the workspace
//! settings that name our organization.

use std::collections::HashMap;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use serde_json::Value as Json;

use crate::claimreview::jsonld::{self, Org, Review};
use crate::claimreview::matching;
use crate::error::Error;
use crate::model::{ArticleId, Claim, ClaimId, Status};
use crate::store::{ClaimFilter, SETTINGS, Store};

/// Sets (or with `None` clears) one workspace setting.
pub fn set_setting(ws: &mut dyn Store, key: &str, value: Option<&str>) -> Result<()> {
    if !SETTINGS.iter().any(|(k, _)| *k == key) {
        let keys: Vec<&str> = SETTINGS.iter().map(|(k, _)| *k).collect();
        bail!(Error::Usage(format!(
            "no setting '{key}' (settings: {})",
            keys.join(", ")
        )));
    }
    if let Some(v) = value {
        if key != "org.name" && !crate::model::is_web_address(v) {
            bail!(Error::Usage(format!(
                "{key} must be an http(s) address, not '{v}'"
            )));
        }
        if v.trim().is_empty() {
            bail!(Error::Usage(format!("{key} cannot be empty")));
        }
    }
    ws.write(|tx| tx.set_setting(key, value))
}

/// What to export, and as whom.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    pub story: Option<String>,
    pub article: Option<String>,
    pub status: Option<Status>,
    /// Verdicts given on or after this day.
    pub since: Option<NaiveDate>,
    /// Override the workspace's `org.name` / `org.url`.
    pub org_name: Option<String>,
    pub org_url: Option<String>,
    /// Override `review.url_template`.
    pub url_template: Option<String>,
    /// Leave out what would be invalid, listed, instead of refusing.
    pub skip_invalid: bool,
}

/// The exported ClaimReviews with their claims, and what was left out and why.
pub struct Export {
    pub org: Org,
    pub reviews: Vec<(Claim, Json)>,
    pub skipped: Vec<String>,
}

fn fill_template(template: &str, claim: &Claim, article_number: Option<i64>) -> String {
    template
        .replace("{claim}", claim.id.as_deref().unwrap_or(""))
        .replace(
            "{number}",
            &claim.number.map(|n| n.to_string()).unwrap_or_default(),
        )
        .replace(
            "{article}",
            &article_number.map(|n| n.to_string()).unwrap_or_default(),
        )
}

/// One ClaimReview per reviewed claim (a status other than unchecked, or a rating) in the
/// selection. A claim without a rating, an article without a URL, or a workspace without an
/// organization would be invalid ClaimReview: refused, one line per claim, unless
/// `skip_invalid`.
pub fn export_claimreview(ws: &dyn Store, opts: &ExportOptions) -> Result<Export> {
    let org_name = match &opts.org_name {
        Some(n) => Some(n.clone()),
        None => ws.setting("org.name")?,
    };
    let org_url = match &opts.org_url {
        Some(u) => Some(u.clone()),
        None => ws.setting("org.url")?,
    };
    let template = match &opts.url_template {
        Some(t) => Some(t.clone()),
        None => ws.setting("review.url_template")?,
    };
    let article = opts
        .article
        .as_deref()
        .map(|a| ws.resolve_article(a))
        .transpose()?;
    let claims: Vec<Claim> = ws
        .claims(&ClaimFilter {
            story: opts.story.clone(),
            article,
            status: opts.status,
            ..ClaimFilter::default()
        })?
        .into_iter()
        .filter(|c| c.review().rating.is_some() || c.status != Status::Unchecked)
        .collect();
    let ids: Vec<ClaimId> = claims.iter().filter_map(|c| c.id.clone()).collect();
    let rated_at = ws.rated_at(&ids)?;
    let article_ids: Vec<ArticleId> = claims
        .iter()
        .filter_map(|c| c.review().article_id.clone())
        .collect();
    let articles: HashMap<ArticleId, crate::model::Article> = ws
        .articles_by_ids(&article_ids)?
        .into_iter()
        .map(|a| (a.id.clone(), a))
        .collect();
    let scale = ws.ratings()?;
    let values: Vec<i64> = scale.iter().filter_map(|(_, v)| *v).collect();
    let (best, worst) = (values.iter().max().copied(), values.iter().min().copied());
    let org = Org {
        name: org_name.clone().unwrap_or_default(),
        url: org_url,
    };
    let mut reviews = Vec::new();
    let mut problems = Vec::new();
    for c in &claims {
        let Some(id) = c.id.clone() else {
            continue;
        };
        let rated = rated_at.get(&id).map(|at| &at[..at.len().min(10)]);
        if let (Some(since), Some(on)) = (opts.since, rated) {
            if on < since.to_string().as_str() {
                continue;
            }
        } else if opts.since.is_some() {
            continue;
        }
        let Some(a) = c
            .review()
            .article_id
            .as_ref()
            .and_then(|id| articles.get(id))
        else {
            continue;
        };
        let name = format!("claim {} \"{}\"", c.number.unwrap_or_default(), c.text);
        let mut why = Vec::new();
        if c.review().rating.is_none() {
            why.push("no rating (give one: mark CLAIM STATUS --rating LABEL)".to_string());
        }
        if a.url.is_none() {
            why.push(format!(
                "its article {} has no URL (edit-article {} --url URL)",
                a.number.unwrap_or_default(),
                a.number.unwrap_or_default()
            ));
        }
        if org_name.is_none() {
            why.push("no fact-checking organization (config org.name NAME, or --org)".into());
        }
        if !why.is_empty() {
            problems.push(format!("{name}: {}", why.join("; ")));
            continue;
        }
        let rating = c.review().rating.as_deref().unwrap_or_default();
        let value = scale
            .iter()
            .find(|(l, _)| l == rating)
            .and_then(|(_, v)| *v);
        let review = Review {
            sentence: &c.sentence,
            quote: &c.text,
            rating,
            rating_value: value,
            best,
            worst,
            explanation: c.review().explanation.as_deref(),
            rated_on: rated.unwrap_or(""),
            article_url: a.url.as_deref().unwrap_or_default(),
            article_title: &a.title,
            outlet: a.outlet.as_deref(),
            article_date: a.published.as_deref(),
            review_url: template.as_deref().map(|t| fill_template(t, c, a.number)),
        };
        reviews.push((c.clone(), jsonld::claim_review(&review, &org, true)));
    }
    if !problems.is_empty() && !opts.skip_invalid {
        bail!(Error::Invalid(format!(
            "{} claims would be invalid ClaimReview (give --skip-invalid to export the rest):\n{}",
            problems.len(),
            problems.join("\n")
        )));
    }
    Ok(Export {
        org,
        reviews,
        skipped: problems,
    })
}

/// What one import did.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// ClaimReview objects found in the input.
    pub found: usize,
    pub new: usize,
    /// ClaimReviews without a `claimReviewed`, which cannot be matched.
    pub unusable: usize,
    /// Claims of the workspace that closely match one of the new fact-checks.
    pub matches: usize,
}

/// The JSON-LD values of `text`: the text itself when it is JSON, else the JSON-LD blocks
/// of a web page.
fn json_ld_values(name: &str, text: &str) -> Result<Vec<Json>> {
    if let Ok(j) = serde_json::from_str::<Json>(text) {
        return Ok(vec![j]);
    }
    let doc = dom_query::Document::from(text);
    let blocks: Vec<Json> = doc
        .select("script[type='application/ld+json']")
        .iter()
        .filter_map(|s| serde_json::from_str(s.text().trim()).ok())
        .collect();
    if blocks.is_empty() {
        bail!(Error::Invalid(format!(
            "{name}: neither JSON nor a page with JSON-LD"
        )));
    }
    Ok(blocks)
}

/// Stores the ClaimReviews in `text` as known fact-checks, in one transaction; those already
/// known (same review URL and claim) are left as they are. New ones are matched against the
/// workspace's claims at once.
pub fn import_claimreview(ws: &mut dyn Store, name: &str, text: &str) -> Result<Imported> {
    let values = json_ld_values(name, text)?;
    let mut objects = Vec::new();
    for v in &values {
        jsonld::find_reviews(v, &mut objects);
    }
    if objects.is_empty() {
        bail!(Error::Invalid(format!("{name}: no ClaimReview found")));
    }
    let reviews: Vec<_> = objects
        .iter()
        .filter_map(|o| jsonld::known_review(o))
        .collect();
    let mut out = Imported {
        found: objects.len(),
        unusable: objects.len() - reviews.len(),
        ..Imported::default()
    };
    let (new, matches) = ws.write(|tx| {
        let mut added = Vec::new();
        for r in &reviews {
            if let Some(id) = tx.insert_review(r, Some(name))? {
                added.push((id, r.claim_reviewed.clone()));
            }
        }
        let matches = matching::match_new_reviews(tx, &added)?;
        Ok((added.len(), matches))
    })?;
    out.new = new;
    out.matches = matches;
    Ok(out)
}
