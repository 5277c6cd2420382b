//! The nouns of claimdesk: articles, claims, their kinds, statuses and values, findings.

mod article;
mod claim;
mod conflict;
mod history;
mod ids;
pub mod json_bytes;
mod kind;

/// One of a fixed set of named values, by its name; the error lists the valid names.
pub(crate) fn parse_named<T: Copy>(
    s: &str,
    all: &[T],
    name: fn(T) -> &'static str,
    noun: &str,
) -> Result<T, String> {
    all.iter().copied().find(|v| name(*v) == s).ok_or_else(|| {
        let valid: Vec<&str> = all.iter().map(|v| name(*v)).collect();
        format!("unknown {noun} '{s}' (valid: {})", valid.join(", "))
    })
}

/// Character offsets: the model's unit for every position in a text, used by extraction
/// and by the store alike.
pub mod offsets;
mod rule;
mod shared_text;
mod status;
pub mod value;
mod web;

pub use article::Article;
pub use claim::{Claim, ClaimJson, JsonField, Origin, Review};
pub use conflict::{Anchor, ConflictKey, KeyFn};
pub use history::{HistoryAction, Stance};
pub use ids::{ArticleId, ClaimId, FindingId, derived_claim_id, derived_number};
pub use kind::ClaimKind;
pub use rule::Rule;
pub use shared_text::{Body, SharedText, shared_body};
pub use status::Status;
pub use value::{DateValue, Fields, Figure, Measure, Money, Scalar, Span, Value};
pub use web::is_web_address;
