//! Consistency checks over an article's claims: pure functions, one file per rule.

mod anchor;
mod finding;
mod invalid_date;
mod number_conflict;
mod quantity;
mod relative_date;
mod weekday;

use chrono::NaiveDate;

pub use finding::{Finding, FindingClaim, Rule, Severity};
pub use number_conflict::{ConflictKey, conflict_key, number_conflicts, stored_key};
pub use quantity::{Anchor, anchor_of, terms};
pub use relative_date::is_anchor;

use crate::model::Claim;

/// One article as the checks see it.
pub struct ArticleView<'a> {
    pub article_id: Option<&'a str>,
    pub published: Option<NaiveDate>,
    /// The body, needed only to read what stands between adjacent claims.
    pub body: Option<&'a str>,
    pub claims: &'a [Claim],
}

/// Whether the single-article rules will need the body of an article with these claims:
/// only when a relative date stands right before another date.
pub fn needs_body(claims: &[Claim]) -> bool {
    relative_date::adjacent_pairs(claims).next().is_some()
}

/// The findings of the rules that look at one article: weekday, relative date, invalid
/// date, and number conflicts inside the article.
pub fn check_article(view: &ArticleView) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(weekday::check(view));
    out.extend(relative_date::check(view));
    out.extend(invalid_date::check(view));
    out
}

/// Number conflicts among claims given with their scope ("story:x" or "article:id"):
/// grouped by key, so only claims about the same thing are ever compared.
pub fn conflicts<'a>(claims: impl IntoIterator<Item = (&'a str, &'a Claim)>) -> Vec<Finding> {
    type Group<'a> = (Vec<&'a Claim>, Vec<Anchor>);
    let mut groups: std::collections::HashMap<ConflictKey, Group<'a>> = Default::default();
    for (scope, c) in claims {
        if let Some((k, anchor)) = conflict_key(c, scope) {
            let g = groups.entry(k).or_default();
            g.0.push(c);
            g.1.push(anchor);
        }
    }
    groups
        .iter()
        .filter(|(_, g)| g.0.len() > 1)
        .flat_map(|(k, g)| number_conflicts(k, &g.0, &g.1))
        .collect()
}

/// The text between two character offsets of the body `cursor` walks. The cursor moves on
/// from where it last stood, so asking in text order costs the text once, not once per
/// finding (a 42 MB article took 142 s when each call walked from the start).
pub(crate) fn between<'a>(
    cursor: &mut crate::extract::CharCursor<'a>,
    body: &'a str,
    from_char: usize,
    to_char: usize,
) -> Option<&'a str> {
    if to_char < from_char {
        return None;
    }
    let from = cursor.byte_of(from_char)?;
    let to = cursor.byte_of(to_char)?;
    Some(&body[from..to])
}
