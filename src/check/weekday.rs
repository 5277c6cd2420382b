//! `weekday-mismatch`: a weekday written with a date that falls on another day.

use chrono::{Datelike, Duration};

use super::{ArticleView, Finding, Rule, Severity, relative_date};
use crate::extract::{parse_weekday, weekday_name};
use crate::model::ClaimKind;

pub fn check(view: &ArticleView) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, c) in view.claims.iter().enumerate() {
        if c.kind() != ClaimKind::Date || c.value.relative().is_some() {
            continue;
        }
        let (Some(date), Some(written)) = (c.value.date(), c.value.weekday()) else {
            continue;
        };
        let Some(wd) = parse_weekday(written) else {
            continue;
        };
        if date.weekday() == wd {
            continue;
        }
        let actual = weekday_name(date.weekday());
        let month_day = super::month_day(date);
        let year_note = if c.value.date_value().is_some_and(|d| d.year_inferred) {
            " (year from the publication date)"
        } else {
            ""
        };
        // Triangulate with a relative date just before ("yesterday (Monday, May 4)"): when it
        // agrees with the weekday, the written day of the month is the odd one out.
        let anchored = relative_date::anchor_before(view, i).filter(|d| d.weekday() == wd);
        let suggestion = match anchored {
            Some(d) => super::text(format_args!(
                "{}, {}",
                weekday_name(wd),
                super::month_day(d)
            )),
            None => {
                // Otherwise the nearer date with the written weekday, or the right weekday.
                let shift = (wd.num_days_from_monday() as i64
                    - date.weekday().num_days_from_monday() as i64
                    + 7)
                    % 7;
                let near = if shift <= 3 {
                    date + Duration::days(shift)
                } else {
                    date - Duration::days(7 - shift)
                };
                if (near - date).num_days().abs() == 1 {
                    super::text(format_args!(
                        "{actual}, {month_day} (or {}, {})",
                        weekday_name(wd),
                        super::month_day(near)
                    ))
                } else {
                    super::text(format_args!("{actual}, {month_day}"))
                }
            }
        };
        let message = super::text(format_args!(
            "{month_day}, {}{year_note} was a {actual}, not a {}",
            date.year(),
            weekday_name(wd)
        ));
        out.push(Finding::new(
            Rule::WeekdayMismatch,
            Severity::Error,
            message,
            Some(suggestion),
            &[c],
            None,
        ));
    }
    out
}
