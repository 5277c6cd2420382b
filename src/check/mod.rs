//! Consistency checks over an article's claims: pure functions, one file per rule.

mod anchor;
mod chunked;
mod conflict_stream;
mod finding;
mod invalid_date;
mod number_conflict;
mod quantity;
mod relative_date;
mod weekday;

use std::cell::RefCell;

use chrono::NaiveDate;

pub use conflict_stream::{ConflictTracker, TrackedConflicts};
pub use finding::{Finding, FindingClaim, Rule, Severity};
pub use number_conflict::{
    ConflictKey, NumberConflicts, conflict_key, number_conflicts, stored_key,
};
pub use quantity::{Anchor, anchor_of, terms};
pub use relative_date::is_anchor;

use crate::extract::CharCursor;
use crate::model::Claim;

/// One article as the checks see it.
pub struct ArticleView<'a, 'c> {
    pub article_id: Option<&'a str>,
    pub published: Option<NaiveDate>,
    /// The body, needed only to read what stands between adjacent claims.
    pub body: Option<&'a str>,
    pub claims: &'c [Claim],
    /// A cursor over `body` to reuse, so that checking a long article a window of claims
    /// at a time walks its text once (None: each check makes its own).
    pub cursor: Option<&'c RefCell<CharCursor<'a>>>,
}

/// Whether the single-article rules will need the body of an article with these claims:
/// only when a relative date stands right before another date.
pub fn needs_body(claims: &[Claim]) -> bool {
    relative_date::adjacent_pairs(claims).next().is_some()
}

/// The findings of the rules that look at one article: weekday, relative date, invalid
/// date, and number conflicts inside the article.
pub fn check_article(view: &ArticleView) -> Vec<Finding> {
    // The first rule's list grown with the others', not copied into a new one.
    let mut out = weekday::check(view);
    out.extend(relative_date::check(view));
    out.extend(invalid_date::check(view));
    out
}

/// How many claims `check_article_window` is given at a time by callers that check a long
/// article piece by piece.
pub const WINDOW: usize = 1024;

/// The findings of `check_article` that start from claim `owned.start` (at its offset) up
/// to claim `owned.end` (before its offset), reading only the claims around them: checked
/// window after window, with window ends where two claims do not start at the same offset,
/// an article gives the same findings as checked whole, in the same order.
pub fn check_article_window(view: &ArticleView, owned: std::ops::Range<usize>) -> Vec<Finding> {
    let claims = view.claims;
    // A rule reads a claim's neighbours on either side ("yesterday (Monday, May 4)").
    let near = owned.start.saturating_sub(1)..(owned.end + 1).min(claims.len());
    let from = (owned.start > 0).then(|| claims[owned.start].start);
    let to = claims.get(owned.end).map(|c| c.start);
    let mut found = check_article(&ArticleView {
        claims: &claims[near],
        ..*view
    });
    found.retain(|f| from.is_none_or(|s| f.start >= s) && to.is_none_or(|e| f.start < e));
    found
}

/// The end of the window of about `WINDOW` claims from claim `start`: never between two
/// claims that start at the same offset.
pub fn window_end(claims: &[Claim], start: usize) -> usize {
    let mut end = (start + WINDOW).min(claims.len());
    while end < claims.len() && claims[end].start == claims[end - 1].start {
        end += 1;
    }
    end
}

/// Number conflicts among claims given with their scope ("story:x" or "article:id": only
/// claims about the same thing are ever compared), group after group, every group held at
/// once: the plain definition the streamed `ConflictTracker` is tested against.
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
        .flat_map(|(key, (claims, anchors))| number_conflicts(key, claims, anchors))
        .collect()
}

/// A month's English name (1 is January).
pub(crate) fn month_name(m: u32) -> &'static str {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][(m as usize).saturating_sub(1).min(11)]
}

/// `format!` for a finding's message or suggestion, written in one buffer per thread and
/// copied out at its length: grown from nothing, a string is copied three or four times on
/// the way, and room made ahead is mostly empty (a claim-dense article keeps thousands of
/// findings until its claims are written).
pub(crate) fn text(args: std::fmt::Arguments) -> String {
    use std::fmt::Write;
    thread_local! {
        static TEXT: RefCell<String> = const { RefCell::new(String::new()) };
    }
    TEXT.with(|buffer| match buffer.try_borrow_mut() {
        Ok(mut s) => {
            s.clear();
            let _ = s.write_fmt(args);
            s.as_str().to_owned()
        }
        // Asked again while formatting (an argument that makes a finding's text itself).
        Err(_) => std::fmt::format(args),
    })
}

/// "May 4": `date.format("%B %-d")`, without parsing a format string for every finding.
pub(crate) fn month_day(date: NaiveDate) -> String {
    use chrono::Datelike;
    let mut s = String::with_capacity(12);
    s.push_str(month_name(date.month()));
    s.push(' ');
    s.push_str(itoa::Buffer::new().format(date.day()));
    s
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_day_is_chronos_month_and_day() {
        let mut d = NaiveDate::from_ymd_opt(2023, 12, 25).unwrap();
        for _ in 0..800 {
            assert_eq!(month_day(d), d.format("%B %-d").to_string());
            d = d.succ_opt().unwrap();
        }
    }
}
