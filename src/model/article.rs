use serde::Serialize;

/// An ingested article as listings and JSON show it (the body is left out).
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub id: String,
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
}
