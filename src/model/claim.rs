use serde_json::{Value as Json, json};

use super::{ClaimKind, Status, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Extracted,
    Manual,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Extracted => "extracted",
            Origin::Manual => "manual",
        }
    }

    pub fn parse(s: &str) -> Origin {
        if s == "manual" {
            Origin::Manual
        } else {
            Origin::Extracted
        }
    }
}

/// A check-worthy statement: a quote at exact character offsets and its normalized value.
/// `id`, `article_id` and the timestamps are empty when the claim is not stored (`extract`).
#[derive(Debug, Clone)]
pub struct Claim {
    pub id: Option<String>,
    pub article_id: Option<String>,
    pub kind: ClaimKind,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: String,
    pub status: Status,
    pub assignee: Option<String>,
    pub origin: Origin,
    pub value: Value,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

impl Claim {
    /// A claim not yet stored: no id, unchecked, unassigned.
    pub fn unstored(
        kind: ClaimKind,
        text: String,
        start: usize,
        end: usize,
        sentence: String,
        origin: Origin,
        value: Value,
    ) -> Claim {
        Claim {
            id: None,
            article_id: None,
            kind,
            text,
            start,
            end,
            sentence,
            status: Status::Unchecked,
            assignee: None,
            origin,
            value,
            created_at: None,
            updated_at: None,
        }
    }

    /// The stable JSON shape documented in README.
    pub fn to_json(&self) -> Json {
        json!({
            "id": self.id,
            "article_id": self.article_id,
            "kind": self.kind.as_str(),
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "status": self.status.as_str(),
            "assignee": self.assignee,
            "origin": self.origin.as_str(),
            "value": self.value.to_json(self.kind),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        })
    }
}
