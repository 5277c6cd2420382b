//! schema.org ClaimReview as JSON-LD: written from a reviewed claim, read from what other
//! fact-checkers publish (single objects, arrays, `@graph`, `DataFeed`, or the JSON-LD
//! blocks of a web page).

use serde_json::{Map, Value as Json, json};

use crate::store::KnownReview;

/// Our organization, the author of the fact-checks we publish.
#[derive(Debug, Clone)]
pub struct Org {
    pub name: String,
    pub url: Option<String>,
}

/// Everything one ClaimReview is made of, gathered from the workspace.
#[derive(Debug, Clone)]
pub struct Review<'a> {
    pub sentence: &'a str,
    pub quote: &'a str,
    pub rating: &'a str,
    /// The rating's value on the scale, and the scale's best and worst; `None` for a rating
    /// outside the scale ("unproven").
    pub rating_value: Option<i64>,
    pub best: Option<i64>,
    pub worst: Option<i64>,
    pub explanation: Option<&'a str>,
    /// When the verdict was given (YYYY-MM-DD).
    pub rated_on: &'a str,
    pub article_url: &'a str,
    pub article_title: &'a str,
    pub outlet: Option<&'a str>,
    pub article_date: Option<&'a str>,
    pub review_url: Option<String>,
}

fn org_json(name: &str, url: Option<&str>) -> Json {
    let mut o = json!({"@type": "Organization", "name": name});
    if let Some(u) = url {
        o["url"] = json!(u);
    }
    o
}

/// One ClaimReview document. The claim's appearance is the article, then the link that opens
/// it at the exact words (`#:~:text=`).
pub fn claim_review(r: &Review, org: &Org, with_context: bool) -> Json {
    let mut rating = json!({"@type": "Rating", "alternateName": r.rating});
    if let (Some(v), Some(best), Some(worst)) = (r.rating_value, r.best, r.worst) {
        rating["ratingValue"] = json!(v);
        rating["bestRating"] = json!(best);
        rating["worstRating"] = json!(worst);
    }
    let mut article = json!({
        "@type": "CreativeWork",
        "url": r.article_url,
        "headline": r.article_title,
    });
    let mut exact = json!({
        "@type": "CreativeWork",
        "url": crate::report::text_fragment_link(r.article_url, r.quote),
    });
    let mut item = json!({"@type": "Claim", "appearance": []});
    if let Some(outlet) = r.outlet {
        article["author"] = org_json(outlet, None);
        exact["author"] = org_json(outlet, None);
        item["author"] = org_json(outlet, None);
    }
    if let Some(d) = r.article_date {
        article["datePublished"] = json!(d);
        item["datePublished"] = json!(d);
    }
    item["appearance"] = json!([article, exact]);
    let mut doc = Map::new();
    if with_context {
        doc.insert("@context".into(), json!("https://schema.org"));
    }
    doc.insert("@type".into(), json!("ClaimReview"));
    doc.insert("claimReviewed".into(), json!(r.sentence));
    doc.insert("reviewRating".into(), rating);
    doc.insert("itemReviewed".into(), item);
    doc.insert("author".into(), org_json(&org.name, org.url.as_deref()));
    doc.insert("datePublished".into(), json!(r.rated_on));
    if let Some(u) = &r.review_url {
        doc.insert("url".into(), json!(u));
    }
    if let Some(e) = r.explanation {
        doc.insert("reviewBody".into(), json!(e));
    }
    Json::Object(doc)
}

/// ClaimReviews in a schema.org `DataFeed`, as fact-check data feeds publish them.
pub fn data_feed(reviews: Vec<Json>, org: &Org, modified: &str) -> Json {
    json!({
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": format!("Fact-checks by {}", org.name),
        "author": org_json(&org.name, org.url.as_deref()),
        "dateModified": modified,
        "dataFeedElement": reviews
            .into_iter()
            .map(|mut r| {
                // The feed's context covers its items.
                if let Some(o) = r.as_object_mut() {
                    o.remove("@context");
                }
                json!({"@type": "DataFeedItem", "item": r})
            })
            .collect::<Vec<_>>(),
    })
}

fn is_type(j: &Json, t: &str) -> bool {
    match j.get("@type") {
        Some(Json::String(s)) => s == t || s.ends_with(&format!("/{t}")),
        Some(Json::Array(ts)) => ts.iter().any(|x| x.as_str() == Some(t)),
        _ => false,
    }
}

/// Every ClaimReview object inside `j`: itself, array items, `@graph`, a DataFeed's
/// `dataFeedElement` and a DataFeedItem's `item`.
pub fn find_reviews<'a>(j: &'a Json, out: &mut Vec<&'a Json>) {
    match j {
        Json::Array(items) => items.iter().for_each(|i| find_reviews(i, out)),
        Json::Object(o) => {
            if is_type(j, "ClaimReview") {
                out.push(j);
                return;
            }
            for key in ["@graph", "dataFeedElement", "item", "mainEntity"] {
                if let Some(inner) = o.get(key) {
                    find_reviews(inner, out);
                }
            }
        }
        _ => {}
    }
}

fn text(j: Option<&Json>) -> Option<String> {
    match j? {
        Json::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn number(j: Option<&Json>) -> Option<f64> {
    match j? {
        Json::Number(n) => n.as_f64(),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The first element of a list, or the value itself.
fn first(j: Option<&Json>) -> Option<&Json> {
    match j? {
        Json::Array(a) => a.first(),
        other => Some(other),
    }
}

/// A name: a string, or an object's `name`.
fn name_of(j: Option<&Json>) -> Option<String> {
    let j = first(j)?;
    text(Some(j)).or_else(|| text(j.get("name")))
}

/// An address: a string, or an object's `url`.
fn url_of(j: Option<&Json>) -> Option<String> {
    let j = first(j)?;
    text(Some(j)).or_else(|| text(j.get("url")))
}

/// One ClaimReview as a known fact-check; `None` without a `claimReviewed`.
pub fn known_review(j: &Json) -> Option<KnownReview> {
    let claim_reviewed = text(j.get("claimReviewed"))?;
    let rating = first(j.get("reviewRating"));
    let item = first(j.get("itemReviewed"));
    let author = first(j.get("author"));
    Some(KnownReview {
        id: None,
        review_url: text(j.get("url")).unwrap_or_default(),
        claim_reviewed,
        rating: rating.and_then(|r| text(r.get("alternateName")).or_else(|| text(r.get("name")))),
        rating_value: rating.and_then(|r| number(r.get("ratingValue"))),
        best_rating: rating.and_then(|r| number(r.get("bestRating"))),
        worst_rating: rating.and_then(|r| number(r.get("worstRating"))),
        org: name_of(author),
        org_url: author.and_then(|a| text(a.get("url"))),
        date_published: text(j.get("datePublished")),
        review_body: text(j.get("reviewBody")),
        appearance_url: item
            .and_then(|i| url_of(i.get("appearance")).or_else(|| url_of(i.get("firstAppearance")))),
        claim_author: item.and_then(|i| name_of(i.get("author"))),
        claim_date: item.and_then(|i| text(i.get("datePublished"))),
    })
}
