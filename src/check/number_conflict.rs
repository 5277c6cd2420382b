//! `number-conflict`: two count, money or percent claims about the same thing whose ranges
//! cannot both be true. "The same thing" is the same subject (singular and plural are one)
//! and the same kind of event (killed and died are one), within one story, or within one
//! article when it has no story.

use crate::extract::{event_class, singular};
use crate::model::value::number_json;
use crate::model::{Claim, ClaimKind};

use super::{Finding, Severity};

/// Claims with equal keys are about the same thing and are compared.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConflictKey {
    pub scope: String,
    pub kind: ClaimKind,
    pub subject: String,
    pub event: Option<&'static str>,
    pub currency: Option<String>,
}

/// The key of a claim within `scope` (a story, or an article id), or None when the claim
/// is not a comparable quantity or says nothing of what it counts.
pub fn conflict_key(c: &Claim, scope: &str) -> Option<ConflictKey> {
    if !matches!(
        c.kind,
        ClaimKind::Count | ClaimKind::Money | ClaimKind::Percent
    ) {
        return None;
    }
    let subject = c.value.subject.as_deref()?;
    let noun = match c.value.predicate.as_deref() {
        Some(p) => subject.strip_suffix(p).unwrap_or(subject).trim_end(),
        None => subject,
    };
    let noun: Vec<String> = noun.split_whitespace().map(singular).collect();
    if noun.is_empty() {
        return None;
    }
    Some(ConflictKey {
        scope: scope.to_string(),
        kind: c.kind,
        subject: noun.join(" "),
        event: c.value.predicate.as_deref().and_then(event_class),
        currency: c.value.currency.clone(),
    })
}

fn disjoint(a: &Claim, b: &Claim) -> bool {
    let above =
        |x: &Claim, y: &Claim| matches!((x.value.low, y.value.high), (Some(l), Some(h)) if l > h);
    above(a, b) || above(b, a)
}

/// Which figure to check: the one fewer of the group's other figures agree with, when the
/// group says; otherwise both.
fn suggestion(group: &[&Claim], later: &Claim, earlier: &Claim) -> String {
    let support = |c: &Claim| {
        group
            .iter()
            .filter(|o| !std::ptr::eq(**o, c) && !disjoint(c, o))
            .count()
    };
    let (l, e) = (support(later), support(earlier));
    let agree = |n: usize| {
        if n == 1 {
            "1 other figure agrees".to_string()
        } else {
            format!("{n} other figures agree")
        }
    };
    match l.cmp(&e) {
        std::cmp::Ordering::Less => format!(
            "check \"{}\": {} with \"{}\"",
            later.text,
            agree(e),
            earlier.text
        ),
        std::cmp::Ordering::Greater => format!(
            "check \"{}\": {} with \"{}\"",
            earlier.text,
            agree(l),
            later.text
        ),
        std::cmp::Ordering::Equal => format!(
            "check which figure is right, or say why they differ (\"{}\" vs \"{}\")",
            earlier.text, later.text
        ),
    }
}

fn range_text(c: &Claim) -> String {
    let n = |x| number_json(x).to_string();
    match (c.value.low, c.value.high) {
        (Some(l), Some(h)) if l == h => n(Some(l)),
        (Some(l), Some(h)) => format!("{}–{}", n(Some(l)), n(Some(h))),
        (Some(l), None) => format!("{} or more", n(Some(l))),
        (None, Some(h)) => format!("up to {}", n(Some(h))),
        (None, None) => "?".into(),
    }
}

/// Findings for one group of claims with the same key, in reading order (story, article,
/// position). A claim that cannot be true with an earlier one is one finding, paired with
/// the first such earlier claim: at most one finding per claim, so one wrong figure among
/// many agreeing ones does not flood the report with every pair.
pub fn number_conflicts(key: &ConflictKey, group: &[&Claim]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (j, later) in group.iter().enumerate() {
        if let Some(earlier) = group[..j].iter().find(|e| disjoint(later, e)) {
            let across = later.article_id != earlier.article_id;
            let about = match key.event {
                Some(e) => format!("{} {e}", key.subject),
                None => key.subject.clone(),
            };
            out.push(Finding::new(
                "number-conflict",
                Severity::Warning,
                format!(
                    "\"{}\" ({}) cannot be true with \"{}\" ({}){}, both about {about}",
                    later.text,
                    range_text(later),
                    earlier.text,
                    range_text(earlier),
                    if across {
                        " in another article of the story"
                    } else {
                        ""
                    },
                ),
                Some(suggestion(group, later, earlier)),
                &[later, earlier],
                None,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, Value};

    fn count(text: &str, low: f64, high: Option<f64>) -> Claim {
        let value = Value {
            low: Some(low),
            high,
            subject: Some("homes destroyed".into()),
            predicate: Some("destroyed".into()),
            valid: true,
            ..Value::default()
        };
        let mut c = Claim::unstored(
            ClaimKind::Count,
            text.into(),
            0,
            text.len(),
            String::new(),
            Origin::Extracted,
            value,
        );
        c.id = Some(text.into());
        c.article_id = Some("a".into());
        c
    }

    #[test]
    fn one_finding_per_claim_that_contradicts_an_earlier_one() {
        let claims = [
            count("1,200 homes", 1200.0, Some(1200.0)),
            count("around 800 homes", 720.0, Some(880.0)),
            count("some 1,250 homes", 1125.0, Some(1375.0)),
        ];
        let refs: Vec<&Claim> = claims.iter().collect();
        let key = conflict_key(&claims[0], "story:x").unwrap();
        let found = number_conflicts(&key, &refs);
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (f.claims[0].text.as_str(), f.claims[1].text.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("around 800 homes", "1,200 homes"),
                ("some 1,250 homes", "around 800 homes")
            ]
        );
        // 1,200 and 1,250 agree with each other; 800 agrees with neither.
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("check \"around 800 homes\": 1 other figure agrees with \"1,200 homes\"")
        );
        assert_eq!(
            found[1].suggestion.as_deref(),
            Some("check \"around 800 homes\": 1 other figure agrees with \"some 1,250 homes\"")
        );
    }

    #[test]
    fn compatible_qualified_figures_do_not_conflict() {
        let claims = [
            count("more than 100", 100.0, None),
            count("120", 120.0, Some(120.0)),
            count("at least 27", 27.0, None),
        ];
        let refs: Vec<&Claim> = claims.iter().collect();
        let key = conflict_key(&claims[0], "story:x").unwrap();
        assert!(number_conflicts(&key, &refs).is_empty());
        assert_eq!(key.subject, "home");
        assert_eq!(key.event, Some("destroyed"));
    }
}
