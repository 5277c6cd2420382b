//! `invalid-date`: a day that does not exist ("April 31", "February 29" in a non-leap year).

use chrono::{Datelike, NaiveDate};

use super::month_name;
use super::{ArticleView, Finding, Rule, Severity};
use crate::extract::{last_day_of_month, month_number, nearest_year};
use crate::model::{Claim, ClaimKind};

pub fn check(view: &ArticleView) -> Vec<Finding> {
    view.claims
        .iter()
        .filter(|c| c.kind() == ClaimKind::Date && !c.value.valid())
        .map(|c| {
            let (message, suggestion) = match written_parts(c, view.published) {
                Some((year, month, day)) => {
                    let last = last_day_of_month(year, month);
                    let name = month_name(month);
                    let inferred = if c.value.date_value().is_some_and(|d| d.year_inferred) {
                        " (year from the publication date)"
                    } else {
                        ""
                    };
                    let next =
                        NaiveDate::from_ymd_opt(year, month, last).and_then(|d| d.succ_opt());
                    (
                        format!(
                            "{name} {year}{inferred} has {last} days, so there is no {name} {day}"
                        ),
                        Some(match next {
                            Some(n) => {
                                format!("{name} {last} or {} {}?", month_name(n.month()), n.day())
                            }
                            None => format!("{name} {last}?"),
                        }),
                    )
                }
                None => (
                    format!("\"{}\" does not exist in the calendar", c.text),
                    Some("check the day and month against the source".into()),
                ),
            };
            Finding::new(
                Rule::InvalidDate,
                Severity::Error,
                message,
                suggestion,
                &[c],
                None,
            )
        })
        .collect()
}

/// The year, month and day as written (the year inferred when the text has none).
fn written_parts(c: &Claim, published: Option<NaiveDate>) -> Option<(i32, u32, u32)> {
    let words: Vec<&str> = c
        .text
        .split(|ch: char| !ch.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if let [y, m, d] = words.as_slice()
        && y.len() == 4
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse())
    {
        return Some((y, m, d)); // ISO form
    }
    let month = words.iter().find_map(|w| {
        let w = w.trim_end_matches('.');
        (w.len() >= 3 && w.starts_with(|c: char| c.is_ascii_uppercase()))
            .then(|| month_number(w))
            .flatten()
    })?;
    let numbers: Vec<u32> = words
        .iter()
        .filter_map(|w| {
            w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .ok()
        })
        .collect();
    let day = *numbers.iter().find(|&&n| (1..=31).contains(&n))?;
    let year = match numbers.iter().find(|&&n| n > 31) {
        Some(&y) => y as i32,
        None => nearest_year(month, day, published?),
    };
    Some((year, month, day))
}
