use std::io::Write;

use serde::Serialize;
use sha2::{Digest, Sha256};

pub use crate::model::Rule;
use crate::model::{ArticleId, Claim, ClaimId, FindingId};

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

/// Fields in alphabetical order, here and in `Finding`: a report is written as it
/// serializes, and its keys keep the order a JSON tree prints them in.
#[derive(Debug, Clone, Serialize)]
pub struct FindingClaim {
    pub article_id: Option<ArticleId>,
    pub end: usize,
    pub id: Option<ClaimId>,
    #[serde(skip)]
    pub sentence: crate::model::SharedText,
    pub start: usize,
    pub text: crate::model::SharedText,
}

impl FindingClaim {
    pub fn of(c: &Claim) -> FindingClaim {
        FindingClaim {
            id: c.id.clone(),
            article_id: c.review().article_id.clone(),
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
    pub article_id: Option<ArticleId>,
    pub claims: Vec<FindingClaim>,
    pub end: usize,
    pub id: FindingId,
    /// The id this finding had before version 5 of the workspace, so that a dismissal
    /// recorded then still holds. Not shown.
    #[serde(skip)]
    pub legacy_id: String,
    pub message: String,
    pub rule: Rule,
    pub severity: Severity,
    pub start: usize,
    pub suggestion: Option<String>,
    pub text: String,
}

/// The first 8 bytes of a SHA-256.
fn short_hash(h: Sha256) -> [u8; 8] {
    let mut out = [0; 8];
    out.copy_from_slice(&h.finalize()[..8]);
    out
}

fn hex(bytes: [u8; 8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(16);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// The value as the id hashes it: its JSON, whose fields are named and sorted, so adding a
/// field to the value type or reordering it changes no id.
fn canonical_value(c: &Claim, h: &mut Sha256) {
    // Written whole, then hashed: a claim-dense article makes tens of thousands of
    // findings, and a serializer writing into the hash fed it a few bytes at a time. Into
    // one buffer per thread, not one per finding.
    thread_local! {
        static JSON: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    JSON.with_borrow_mut(|json| {
        json.clear();
        c.value.json().push_compact(json);
        h.update(&json[..]);
    });
}

/// Bytes written go into the hash.
struct Hashing<'a>(&'a mut Sha256);

impl std::io::Write for Hashing<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The value as `{:?}` printed it up to version 4 (the derived Debug of the value type
/// then), written out field by field so that it stays the same when the type changes.
fn legacy_value_debug(c: &Claim, h: &mut Sha256) {
    let v = c.value.fields();
    let _ = write!(
        Hashing(h),
        "Value {{ low: {:?}, high: {:?}, qualifier: {:?}, subject: {:?}, predicate: {:?}, unit: {:?}, currency: {:?}, date: {:?}, weekday: {:?}, relative: {:?}, year_inferred: {:?}, valid: {:?} }}",
        v.low,
        v.high,
        v.qualifier,
        v.subject,
        v.predicate,
        v.unit,
        v.currency,
        v.date,
        v.weekday,
        v.relative,
        v.year_inferred,
        v.valid
    );
}

/// Hashes the rule and, per claim, its id, quote, offsets and value as `value` writes it.
fn finding_hash(rule: &str, claims: &[&Claim], value: fn(&Claim, &mut Sha256)) -> [u8; 8] {
    let mut h = Sha256::new();
    h.update(rule.as_bytes());
    for c in claims {
        h.update(b"\x00");
        h.update(c.id.as_deref().unwrap_or("").as_bytes());
        h.update(b"\x00");
        h.update(c.text.as_bytes());
        let _ = write!(Hashing(&mut h), "\x00{}\x00{}\x00", c.start, c.end);
        value(c, &mut h);
    }
    short_hash(h)
}

/// A finding's id and its id before version 5, as `Finding::new` makes them, kept as
/// bytes: a finding waiting to be made (a number conflict waits for its whole group) holds
/// 16 bytes of them rather than two strings.
pub struct FindingIds {
    id: [u8; 8],
    /// None unless a claim is stored: only stored claims can have been dismissed then.
    legacy: Option<[u8; 8]>,
}

impl FindingIds {
    pub fn of(rule: Rule, claims: &[&Claim]) -> FindingIds {
        FindingIds {
            id: finding_hash(rule.as_str(), claims, canonical_value),
            legacy: claims
                .iter()
                .any(|c| c.id.is_some())
                .then(|| finding_hash(rule.as_str(), claims, legacy_value_debug)),
        }
    }

    pub fn id(&self) -> FindingId {
        FindingId::new(hex(self.id))
    }

    pub fn legacy_id(&self) -> String {
        self.legacy.map(hex).unwrap_or_default()
    }
}

impl Finding {
    /// Builds a finding whose id is stable for the same rule on the same claims as they are
    /// now: a claim whose text, place or value changes makes a new finding.
    pub fn new(
        rule: Rule,
        severity: Severity,
        message: String,
        suggestion: Option<String>,
        claims: &[&Claim],
        span: Option<(String, usize, usize)>,
    ) -> Finding {
        let ids = FindingIds::of(rule, claims);
        let first = claims[0];
        let (text, start, end) =
            span.unwrap_or_else(|| (first.text.to_string(), first.start, first.end));
        Finding {
            id: ids.id(),
            rule,
            severity,
            message,
            suggestion,
            article_id: first.review().article_id.clone(),
            text,
            start,
            end,
            claims: claims.iter().map(|c| FindingClaim::of(c)).collect(),
            legacy_id: ids.legacy_id(),
        }
    }

    /// Whether a reviewer dismissed this finding, by its id or its id before version 5.
    pub fn is_dismissed(&self, dismissed: &std::collections::HashSet<FindingId>) -> bool {
        dismissed.contains(&self.id)
            || (!self.legacy_id.is_empty() && dismissed.contains(self.legacy_id.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimKind, Fields, Origin, Value};

    /// The id of the finding in `ids_depend_on_the_value_not_on_how_the_type_prints`.
    const PINNED_WEEKDAY_ID: &str = "d7b2535fcd06f3dc";
    /// Its id before version 5, under which a dismissal may have been recorded.
    const PINNED_LEGACY_ID: &str = "d425d65189ef5ee7";

    fn claim(value: Value) -> Claim {
        let mut c = Claim::unstored(
            "Monday, May 4".into(),
            10,
            23,
            "".into(),
            Origin::Extracted,
            value,
        );
        c.id = Some("0190c0de-0000-7000-8000-000000000001".into());
        c
    }

    #[test]
    fn a_finding_serializes_with_the_keys_a_json_tree_prints() {
        let c = claim(Value::empty(ClaimKind::Date));
        let f = Finding::new(
            Rule::WeekdayMismatch,
            Severity::Error,
            "m".into(),
            Some("s".into()),
            &[&c, &c],
            None,
        );
        let streamed = serde_json::to_string(&f).unwrap();
        let tree = serde_json::to_value(&f).unwrap().to_string();
        assert_eq!(streamed, tree);
        assert!(streamed.starts_with("{\"article_id\":null,\"claims\":[{\"article_id\""));
    }

    #[test]
    fn ids_depend_on_the_value_not_on_how_the_type_prints() {
        let v = Fields {
            date: chrono::NaiveDate::from_ymd_opt(2021, 5, 4),
            weekday: Some("Monday".into()),
            ..Fields::default()
        };
        let a = claim(Value::new(ClaimKind::Date, v.clone()));
        let f = Finding::new(
            Rule::WeekdayMismatch,
            Severity::Error,
            "m".into(),
            None,
            &[&a],
            None,
        );
        // The encoding is pinned: the JSON of the kind's fields, hashed with the rule and
        // the claim's id and offsets. A new field elsewhere in the value types, or a new
        // kind, must leave this id as it is, or every dismissal would come back.
        assert_eq!(f.id, PINNED_WEEKDAY_ID, "pinned");
        assert_eq!(f.legacy_id, PINNED_LEGACY_ID, "pinned");
        // Fields of other kinds never reach a date's value, so they change nothing.
        let b = claim(Value::new(
            ClaimKind::Date,
            Fields {
                currency: Some("USD".into()),
                low: Some(3.0),
                ..v.clone()
            },
        ));
        let g = Finding::new(
            Rule::WeekdayMismatch,
            Severity::Error,
            "m".into(),
            None,
            &[&b],
            None,
        );
        assert_eq!(f.id, g.id);
        // A different date is a different finding.
        let c = claim(Value::new(
            ClaimKind::Date,
            Fields {
                date: chrono::NaiveDate::from_ymd_opt(2021, 5, 3),
                ..v
            },
        ));
        let h = Finding::new(
            Rule::WeekdayMismatch,
            Severity::Error,
            "m".into(),
            None,
            &[&c],
            None,
        );
        assert_ne!(f.id, h.id);
        let dismissed = [FindingId::new(f.legacy_id.clone())].into_iter().collect();
        assert!(f.is_dismissed(&dismissed) && !h.is_dismissed(&dismissed));
    }
}
