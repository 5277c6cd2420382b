use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::Claim;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingClaim {
    pub id: Option<String>,
    pub article_id: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(skip)]
    pub sentence: String,
}

impl FindingClaim {
    pub fn of(c: &Claim) -> FindingClaim {
        FindingClaim {
            id: c.id.clone(),
            article_id: c.article_id.clone(),
            text: c.text.clone(),
            start: c.start,
            end: c.end,
            sentence: c.sentence.clone(),
        }
    }
}

/// An inconsistency, pointing at the exact words. `text`/`start`/`end` are the whole span
/// the finding is about in the first claim's article (for a relative date, "yesterday
/// (Monday, May 4)"); `claims` are the claims involved, the first being where it is.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub id: String,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub suggestion: Option<String>,
    pub article_id: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub claims: Vec<FindingClaim>,
}

impl Finding {
    /// Builds a finding whose id is stable for the same rule on the same claims as they are
    /// now: a claim whose text, place or value changes makes a new finding.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        message: String,
        suggestion: Option<String>,
        claims: &[&Claim],
        span: Option<(String, usize, usize)>,
    ) -> Finding {
        let mut h = Sha256::new();
        h.update(rule.as_bytes());
        for c in claims {
            h.update(b"\x00");
            h.update(c.id.as_deref().unwrap_or("").as_bytes());
            h.update(
                format!(
                    "\x00{}\x00{}\x00{}\x00{:?}",
                    c.text, c.start, c.end, c.value
                )
                .as_bytes(),
            );
        }
        let id: String = h
            .finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        let first = claims[0];
        let (text, start, end) =
            span.unwrap_or_else(|| (first.text.clone(), first.start, first.end));
        Finding {
            id,
            rule,
            severity,
            message,
            suggestion,
            article_id: first.article_id.clone(),
            text,
            start,
            end,
            claims: claims.iter().map(|c| FindingClaim::of(c)).collect(),
        }
    }
}
