use serde::Serialize;

use super::ArticleId;

/// An ingested article as listings and JSON show it (the body is left out).
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub id: ArticleId,
    /// The short number people type, unique in the workspace.
    pub number: Option<i64>,
    pub title: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub story: Option<String>,
    pub source_path: Option<String>,
    /// ISO 639-1 code of the detected language, or null when detection was not reliable.
    pub language: Option<String>,
    pub claims: i64,
    pub ingested_at: String,
    /// Where the publication date came from: "flag", "json-ld", "meta", "dateline", "feed"
    /// or "edit"; null when undated or stored before this was recorded.
    pub published_from: Option<String>,
    /// What the body was read from: "text", "markdown" or "html".
    pub format: String,
    /// The address the page was fetched from, and when.
    pub fetched_url: Option<String>,
    pub fetched_at: Option<String>,
    /// sha256 of the raw page or Markdown the body was made from.
    pub raw_sha256: Option<String>,
    /// The earlier version of this article, and the later one, when its outlet changed it.
    pub previous_id: Option<ArticleId>,
    pub next_id: Option<ArticleId>,
}
