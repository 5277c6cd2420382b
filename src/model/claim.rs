use serde_json::Value as Json;

use super::{ArticleId, ClaimId, ClaimKind, Status, Value};

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
    pub id: Option<ClaimId>,
    pub article_id: Option<ArticleId>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Shared by the claims of one sentence: a long article's claims hold one copy each.
    pub sentence: std::sync::Arc<str>,
    /// Where `sentence` lies in the article body, in characters [start, end): stored in
    /// place of the sentence itself. None for claims made without the body at hand.
    pub sentence_span: Option<(usize, usize)>,
    pub status: Status,
    pub assignee: Option<String>,
    pub origin: Origin,
    pub value: Value,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    /// The short number people type, unique in the workspace (None until stored).
    pub number: Option<i64>,
    /// The verdict, apart from the workflow status: a rating of the workspace's scale.
    pub rating: Option<String>,
    pub explanation: Option<String>,
}

impl Claim {
    /// A claim not yet stored: no id, unchecked, unassigned.
    pub fn unstored(
        text: String,
        start: usize,
        end: usize,
        sentence: std::sync::Arc<str>,
        origin: Origin,
        value: Value,
    ) -> Claim {
        Claim {
            id: None,
            article_id: None,
            text,
            start,
            end,
            sentence,
            sentence_span: None,
            status: Status::Unchecked,
            assignee: None,
            origin,
            value,
            created_at: None,
            updated_at: None,
            number: None,
            rating: None,
            explanation: None,
        }
    }

    /// What the claim is about: its value's kind.
    pub fn kind(&self) -> ClaimKind {
        self.value.kind()
    }

    /// The stable JSON shape documented in README, as a tree.
    pub fn to_json(&self) -> Json {
        serde_json::to_value(self.json()).unwrap_or(Json::Null)
    }

    /// The same JSON, written as it is serialized: a million claims never become a tree.
    pub fn json(&self) -> ClaimJson<'_> {
        ClaimJson(self)
    }
}

/// A claim's JSON: keys in sorted order, as a JSON object tree would print them.
pub struct ClaimJson<'a>(&'a Claim);

impl serde::Serialize for ClaimJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let c = self.0;
        let mut m = s.serialize_map(Some(16))?;
        m.serialize_entry("article_id", &c.article_id)?;
        m.serialize_entry("assignee", &c.assignee)?;
        m.serialize_entry("created_at", &c.created_at)?;
        m.serialize_entry("end", &c.end)?;
        m.serialize_entry("explanation", &c.explanation)?;
        m.serialize_entry("id", &c.id)?;
        m.serialize_entry("kind", c.kind().as_str())?;
        m.serialize_entry("number", &c.number)?;
        m.serialize_entry("origin", c.origin.as_str())?;
        m.serialize_entry("rating", &c.rating)?;
        m.serialize_entry("sentence", &*c.sentence)?;
        m.serialize_entry("start", &c.start)?;
        m.serialize_entry("status", c.status.as_str())?;
        m.serialize_entry("text", &c.text)?;
        m.serialize_entry("updated_at", &c.updated_at)?;
        m.serialize_entry("value", &c.value.json())?;
        m.end()
    }
}
