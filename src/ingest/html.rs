//! Web pages: the article's main text (by dom_smoothie, a port of Firefox's Readability) and
//! its metadata, read in order of trust: schema.org JSON-LD, then OpenGraph and `<meta>`,
//! then the canonical link and `<title>`.

use dom_query::Document;
use serde_json::Value as Json;

use super::page::{PageMeta, published_date, strip_site_name};
use crate::extract::PublishedFrom;

/// The stored text and metadata of one page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The headline on its own line, a blank line, then the article's paragraphs.
    pub text: String,
    pub meta: PageMeta,
}

/// Elements that are never article text, removed before the main text is looked for. A
/// `<header>` inside the article may hold its headline and dateline, so only the page's
/// own header goes.
const FURNITURE: &str = "script, style, noscript, template, nav, footer, aside, form, \
     iframe, svg, button, body > header, [role=navigation], [role=banner], \
     [role=contentinfo], [role=complementary], [aria-hidden=true], [hidden]";

/// Reads a page. `None` when it holds no readable text.
pub fn read(html: &str) -> Option<Page> {
    let doc = Document::from(html);
    let mut meta = json_ld(&doc).unwrap_or_default();
    meta_tags(&doc, &mut meta);
    let body = main_text(doc, html)?;
    let headline = meta.title.clone();
    let text = with_headline(headline.as_deref(), &body);
    if text.trim().is_empty() {
        return None;
    }
    Some(Page { text, meta })
}

/// The article's paragraphs, one per line-separated block: Readability's choice of the main
/// content, else the body without its furniture.
fn main_text(doc: Document, html: &str) -> Option<String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        disable_json_ld: true,
        // Short pages (a brief, a correction) are articles too.
        char_threshold: 200,
        ..Default::default()
    };
    doc.select(FURNITURE).remove();
    let readable = dom_smoothie::Readability::with_document(doc, None, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|a| paragraphs(&a.text_content))
        .filter(|t| !t.is_empty());
    readable.or_else(|| {
        // Readability changed the document it was given: read the page again.
        let doc = Document::from(html);
        doc.select(FURNITURE).remove();
        let t = paragraphs(&doc.select("body").formatted_text());
        (!t.is_empty()).then_some(t)
    })
}

/// Text as claimdesk stores it: each paragraph on one line, its spaces collapsed,
/// paragraphs separated by one blank line.
pub fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    out
}

/// The text with the headline as its first line, unless the text already starts with it.
pub fn with_headline(headline: Option<&str>, body: &str) -> String {
    match headline.map(str::trim).filter(|h| !h.is_empty()) {
        Some(h) if !body.starts_with(h) => format!("{h}\n\n{body}\n"),
        _ => format!("{body}\n"),
    }
}

/// The first schema.org article object among the page's JSON-LD blocks.
fn json_ld(doc: &Document) -> Option<PageMeta> {
    doc.select("script[type='application/ld+json']")
        .iter()
        .filter_map(|s| serde_json::from_str::<Json>(s.text().trim()).ok())
        .find_map(|j| find_article(&j).map(from_json_ld))
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
];

/// Searches arrays and `@graph` for an object whose `@type` (a string or a list) is an
/// article type.
fn find_article(j: &Json) -> Option<&Json> {
    match j {
        Json::Array(items) => items.iter().find_map(find_article),
        Json::Object(o) => {
            let typed = match o.get("@type") {
                Some(Json::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Json::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if typed {
                Some(j)
            } else {
                o.get("@graph").and_then(find_article)
            }
        }
        _ => None,
    }
}

/// A name from a string, an object with `name`, or a list of either (joined with ", ").
fn names(j: Option<&Json>) -> Option<String> {
    let one = |j: &Json| match j {
        Json::String(s) => Some(s.trim().to_string()),
        Json::Object(o) => o
            .get("name")
            .and_then(Json::as_str)
            .map(|s| s.trim().to_string()),
        _ => None,
    };
    let all: Vec<String> = match j? {
        Json::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    let all: Vec<String> = all.into_iter().filter(|s| !s.is_empty()).collect();
    (!all.is_empty()).then(|| all.join(", "))
}

fn text_of(j: Option<&Json>) -> Option<String> {
    j.and_then(Json::as_str)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn from_json_ld(a: &Json) -> PageMeta {
    let published = text_of(a.get("datePublished"))
        .and_then(|d| published_date(&d))
        .map(|d| (d, PublishedFrom::JsonLd));
    PageMeta {
        title: text_of(a.get("headline")).or_else(|| text_of(a.get("name"))),
        published,
        author: names(a.get("author")),
        outlet: names(a.get("publisher")),
        url: text_of(a.get("url"))
            .or_else(|| text_of(a.get("mainEntityOfPage").and_then(|m| m.get("@id"))))
            // A page's word for its own address is trusted only as a web address.
            .filter(|u| u.starts_with("http://") || u.starts_with("https://")),
    }
}

/// The `content` of the first `<meta>` matching one of the selectors.
fn meta_content(doc: &Document, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|sel| {
        doc.select(sel)
            .iter()
            .filter_map(|m| m.attr("content"))
            .map(|c| c.trim().to_string())
            .find(|c| !c.is_empty())
    })
}

/// The publication time marked up in the page: an element marked `datePublished`, a
/// `<time pubdate>`, the first `<time>` of the `<article>`, or the page's only `<time>`.
/// Any other `<time>` may date a comment or a related story.
fn time_element(doc: &Document) -> Option<String> {
    let attr = |sel: &str| {
        doc.select(sel).iter().find_map(|t| {
            t.attr("datetime")
                .or_else(|| t.attr("content"))
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty())
        })
    };
    attr("[itemprop='datePublished']")
        .or_else(|| attr("time[pubdate]"))
        .or_else(|| attr("article time[datetime]"))
        .or_else(|| {
            let all = doc.select("time[datetime]");
            (all.length() == 1)
                .then(|| attr("time[datetime]"))
                .flatten()
        })
}

/// Fills what JSON-LD left empty from OpenGraph, `<meta>`, the canonical link and `<title>`.
fn meta_tags(doc: &Document, meta: &mut PageMeta) {
    if meta.published.is_none() {
        meta.published = meta_content(
            doc,
            &[
                "meta[property='article:published_time']",
                "meta[name='article:published_time']",
                "meta[itemprop='datePublished']",
                "meta[name='date']",
                "meta[name='dc.date']",
                "meta[name='DC.date.issued']",
            ],
        )
        .or_else(|| time_element(doc))
        .and_then(|d| published_date(&d))
        .map(|d| (d, PublishedFrom::Meta));
    }
    if meta.author.is_none() {
        meta.author = meta_content(
            doc,
            &["meta[name='author']", "meta[property='article:author']"],
        )
        .filter(|a| !a.starts_with("http"));
    }
    if meta.outlet.is_none() {
        meta.outlet = meta_content(doc, &["meta[property='og:site_name']"]);
    }
    if meta.title.is_none() {
        meta.title = meta_content(
            doc,
            &["meta[property='og:title']", "meta[name='twitter:title']"],
        )
        .or_else(|| {
            let t = doc.select("title").text();
            let t = strip_site_name(t.trim(), meta.outlet.as_deref());
            (!t.is_empty()).then_some(t)
        });
    }
    if meta.url.is_none() {
        meta.url = doc
            .select("link[rel='canonical']")
            .attr("href")
            .map(|h| h.trim().to_string())
            .filter(|h| crate::model::is_web_address(h))
            .or_else(|| meta_content(doc, &["meta[property='og:url']"]));
    }
    if let Some(t) = &meta.title {
        meta.title = Some(t.split_whitespace().collect::<Vec<_>>().join(" "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn json_ld_is_found_in_a_graph_and_beats_the_meta_tags() {
        let html = r#"<html><head>
<meta property="article:published_time" content="2020-01-01T00:00:00Z">
<meta name="author" content="Meta Person">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Site"},
 {"@type":["NewsArticle"],"headline":"Floods close 40 schools","datePublished":"2024-02-01T23:30:00-08:00",
  "author":[{"@type":"Person","name":"A. One"},{"@type":"Person","name":"B. Two"}],
  "publisher":{"@type":"Organization","name":"Valley Times"},
  "mainEntityOfPage":{"@id":"https://valley.example/floods"}}]}</script>
</head><body><article><h1>Floods close 40 schools</h1><p>Forty schools closed on Thursday after the river rose by two metres overnight, the county said, and 300 pupils were sent home early.</p></article></body></html>"#;
        let page = read(html).unwrap();
        let m = &page.meta;
        assert_eq!(m.title.as_deref(), Some("Floods close 40 schools"));
        assert_eq!(
            m.published,
            Some((
                NaiveDate::from_ymd_opt(2024, 2, 1).unwrap(),
                PublishedFrom::JsonLd
            ))
        );
        assert_eq!(m.author.as_deref(), Some("A. One, B. Two"));
        assert_eq!(m.outlet.as_deref(), Some("Valley Times"));
        assert_eq!(m.url.as_deref(), Some("https://valley.example/floods"));
        assert!(
            page.text
                .starts_with("Floods close 40 schools\n\nForty schools"),
            "{}",
            page.text
        );
    }

    #[test]
    fn a_title_tag_loses_the_site_name_and_meta_dates_are_used() {
        let html = r#"<html><head><title>Pier reopens - Bay News</title>
<meta property="og:site_name" content="Bay News">
<meta itemprop="datePublished" content="2023-07-09"></head>
<body><p>The pier reopened on Sunday after 18 months of repairs costing $9m, the harbour board said in a statement to residents.</p></body></html>"#;
        let page = read(html).unwrap();
        assert_eq!(page.meta.title.as_deref(), Some("Pier reopens"));
        assert_eq!(page.meta.published.map(|p| p.1), Some(PublishedFrom::Meta));
        assert!(
            page.text.starts_with("Pier reopens\n\nThe pier reopened"),
            "{}",
            page.text
        );
    }
}
