//! `relative-date-mismatch`: "today", "yesterday" or "tomorrow" next to a weekday or date
//! that is not the publication date, the day before, or the day after.

use chrono::{Datelike, NaiveDate};

use super::{ArticleView, Finding, Rule, Severity, between};
use crate::extract::{parse_weekday, weekday_name};
use crate::model::{Claim, ClaimKind};

const ANCHORS: &[&str] = &[
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "the day before yesterday",
    "the day after tomorrow",
];

/// A relative day word: today, yesterday, tomorrow, tonight.
pub fn is_anchor(c: &Claim) -> bool {
    c.kind() == ClaimKind::Date && c.value.relative().is_some_and(|r| ANCHORS.contains(&r))
}

/// Most characters between "yesterday" and its date: " (" or ", " or " on ".
const MAX_GAP: usize = 4;

/// Whether `a` is a relative day word directly followed by the date `b`.
fn stand_together(a: &Claim, b: &Claim) -> bool {
    let close = b.start >= a.end && b.start - a.end <= MAX_GAP;
    is_anchor(a) && b.kind() == ClaimKind::Date && !is_anchor(b) && close
}

/// (anchor, date) index pairs: a relative day word directly followed by another date.
pub fn adjacent_pairs(claims: &[Claim]) -> impl Iterator<Item = (usize, usize)> + '_ {
    claims
        .windows(2)
        .enumerate()
        .filter_map(|(i, w)| stand_together(&w[0], &w[1]).then_some((i, i + 1)))
}

/// The gap must be punctuation and spaces only ("yesterday (Monday, May 4)").
fn gap_ok(gap: &str) -> bool {
    let g = gap.trim();
    matches!(g, "" | "(" | "," | "on" | "—" | "-" | "–")
}

/// The date of a relative day word right before claim `i`, when the two stand together.
pub fn anchor_before(view: &ArticleView, i: usize) -> Option<NaiveDate> {
    let before = view.claims.get(i.checked_sub(1)?)?;
    if stand_together(before, &view.claims[i]) {
        before.value.date()
    } else {
        None
    }
}

pub fn check(view: &ArticleView) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut own = None;
    let mut shared = view.cursor.map(|c| c.borrow_mut());
    for (i, j) in adjacent_pairs(view.claims) {
        // Made only when a pair needs the text between its claims: rare, and a long text.
        let mut cursor = match shared.as_deref_mut() {
            Some(c) => Some(c),
            None => view
                .body
                .map(|b| &mut *own.get_or_insert_with(|| crate::extract::CharCursor::new(b))),
        };
        let (a, b) = (&view.claims[i], &view.claims[j]);
        let gap = view
            .body
            .zip(cursor.as_mut())
            .and_then(|(body, c)| between(c, body, a.end, b.start))
            .map(str::to_string);
        if gap.as_deref().is_some_and(|g| !gap_ok(g)) {
            continue;
        }
        let (Some(expected), Some(published)) = (a.value.date(), view.published) else {
            continue;
        };
        let written_wd = b.value.weekday().and_then(parse_weekday);
        let wrong = match (
            b.value
                .relative()
                .is_none()
                .then_some(b.value.date())
                .flatten(),
            written_wd,
        ) {
            (Some(d), _) => d != expected,
            (None, Some(w)) => w != expected.weekday(),
            (None, None) => false,
        };
        if !wrong {
            continue;
        }
        let word = a.value.relative().unwrap_or("today");
        let mut end = b.end;
        let mut text = format!(
            "{}{}{}",
            a.text,
            gap.clone().unwrap_or_else(|| " ".into()),
            b.text
        );
        if gap.as_deref().is_some_and(|g| g.contains('('))
            && view
                .body
                .zip(cursor.as_mut())
                .and_then(|(body, c)| between(c, body, b.end, b.end + 1))
                == Some(")")
        {
            end += 1;
            text.push(')');
        }
        let expected_words = format!(
            "{}, {}",
            weekday_name(expected.weekday()),
            super::month_day(expected)
        );
        // Triangulate: if the written weekday agrees with the relative word, the day of the
        // month is what is wrong; the suggestion keeps the weekday and fixes the date.
        let suggestion = if b.value.relative().is_none() && b.value.date().is_some() {
            expected_words.clone()
        } else {
            weekday_name(expected.weekday()).to_string()
        };
        out.push(Finding::new(
            Rule::RelativeDateMismatch,
            Severity::Error,
            format!(
                "published {}, {}: \"{word}\" was {expected_words}, but the text says \"{}\"",
                weekday_name(published.weekday()),
                published.format("%B %-d, %Y"),
                b.text
            ),
            Some(suggestion),
            &[a, b],
            Some((text, a.start, end)),
        ));
    }
    out
}
