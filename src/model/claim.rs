use serde_json::Value as Json;

use super::{ArticleId, ClaimId, ClaimKind, SharedText, Status, Value};

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
/// `id`, `number` and the review fields are empty when the claim is not stored (`extract`).
#[derive(Debug, Clone)]
pub struct Claim {
    pub id: Option<ClaimId>,
    /// The quote: for an extracted claim, a piece of the body its sentence is a piece of.
    pub text: SharedText,
    pub start: usize,
    pub end: usize,
    /// A piece of the one copy of the article's body that all its extracted claims share
    /// (a long article's claims would otherwise copy most of it again).
    pub sentence: SharedText,
    /// Where `sentence` lies in the article body, in characters [start, end): stored in
    /// place of the sentence itself. None for claims made without the body at hand.
    pub sentence_span: Option<(usize, usize)>,
    pub status: Status,
    pub origin: Origin,
    pub value: Value,
    /// The short number people type, unique in the workspace (None until stored).
    pub number: Option<i64>,
    /// The review's own fields, apart: empty for every claim `extract` makes, so a long
    /// article's claims do not each carry them (a claim is 144 bytes smaller).
    pub review: Option<Box<Review>>,
}

/// Who reviews a claim, their verdict, and when it was stored and changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Review {
    pub article_id: Option<ArticleId>,
    pub assignee: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    /// The verdict, apart from the workflow status: a rating of the workspace's scale.
    pub rating: Option<String>,
    pub explanation: Option<String>,
}

static NO_REVIEW: Review = Review {
    article_id: None,
    assignee: None,
    created_at: None,
    updated_at: None,
    rating: None,
    explanation: None,
};

impl Claim {
    /// A claim not yet stored: no id, unchecked, unassigned.
    pub fn unstored(
        text: SharedText,
        start: usize,
        end: usize,
        sentence: SharedText,
        origin: Origin,
        value: Value,
    ) -> Claim {
        Claim {
            id: None,
            text,
            start,
            end,
            sentence,
            sentence_span: None,
            status: Status::Unchecked,
            origin,
            value,
            number: None,
            review: None,
        }
    }

    /// The review fields (all empty for a claim not stored or never reviewed).
    pub fn review(&self) -> &Review {
        self.review.as_deref().unwrap_or(&NO_REVIEW)
    }

    pub fn review_mut(&mut self) -> &mut Review {
        self.review.get_or_insert_with(Default::default)
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
        let mut m = s.serialize_map(Some(16))?;
        self.0
            .json_fields(|key, value| m.serialize_entry(key, &value))?;
        m.end()
    }
}

/// One field of a claim's JSON.
pub enum JsonField<'a> {
    Text(Option<&'a str>),
    Offset(usize),
    Number(Option<i64>),
    Value(super::value::ValueJson<'a>),
}

impl JsonField<'_> {
    /// Whether the field is written as null.
    pub fn is_null(&self) -> bool {
        matches!(self, JsonField::Text(None) | JsonField::Number(None))
    }
}

impl serde::Serialize for JsonField<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            JsonField::Text(t) => t.serialize(s),
            JsonField::Offset(n) => n.serialize(s),
            JsonField::Number(n) => n.serialize(s),
            JsonField::Value(v) => v.serialize(s),
        }
    }
}

impl Claim {
    /// The fields of the claim's JSON in key order, each handed to `field`: the one list
    /// every writer of a claim's JSON follows.
    pub fn json_fields<E>(
        &self,
        mut field: impl FnMut(&'static str, JsonField<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        use JsonField::{Number, Offset, Text};
        let r = self.review();
        field("article_id", Text(r.article_id.as_deref()))?;
        field("assignee", Text(r.assignee.as_deref()))?;
        field("created_at", Text(r.created_at.as_deref()))?;
        field("end", Offset(self.end))?;
        field("explanation", Text(r.explanation.as_deref()))?;
        field("id", Text(self.id.as_deref()))?;
        field("kind", Text(Some(self.kind().as_str())))?;
        field("number", Number(self.number))?;
        field("origin", Text(Some(self.origin.as_str())))?;
        field("rating", Text(r.rating.as_deref()))?;
        field("sentence", Text(Some(&self.sentence)))?;
        field("start", Offset(self.start))?;
        field("status", Text(Some(self.status.as_str())))?;
        field("text", Text(Some(&self.text)))?;
        field("updated_at", Text(r.updated_at.as_deref()))?;
        field("value", JsonField::Value(self.value.json()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `extract` holds every claim of an article at once: this size is its memory per claim.
    #[test]
    fn an_extracted_claim_is_lean_and_carries_no_review() {
        let size = std::mem::size_of::<Claim>();
        assert!(size <= 272, "a claim grew to {size} bytes");
        let body: crate::model::Body =
            crate::model::shared_body("On May 4, 2021, 300 troops arrived. Then 40 soldiers left.");
        let claims = crate::extract::claims_in_shared(&body, None);
        assert_eq!(claims.len(), 3, "{claims:?}");
        assert!(claims.iter().all(|c| c.review.is_none()));
        // Their quotes and sentences are pieces of the body, not copies of it.
        assert_eq!(std::sync::Arc::strong_count(&body), 7);
        assert_eq!(claims[1].text, "300 troops");
        assert!(claims[0].sentence.same(&claims[1].sentence));
        assert_eq!(&*claims[2].sentence, "Then 40 soldiers left.");
        // The JSON keeps every review field, empty.
        let json = claims[0].to_json();
        for key in [
            "article_id",
            "assignee",
            "created_at",
            "updated_at",
            "rating",
            "explanation",
        ] {
            assert_eq!(json.get(key), Some(&Json::Null), "{key}");
        }
    }
}
