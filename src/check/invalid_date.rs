//! `invalid-date`: a day that does not exist ("April 31", "February 29" in a non-leap year).

use super::{ArticleView, Finding, Severity};
use crate::model::ClaimKind;

pub fn check(view: &ArticleView) -> Vec<Finding> {
    view.claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Date && !c.value.valid)
        .map(|c| {
            Finding::new(
                "invalid-date",
                Severity::Error,
                format!(
                    "\"{}\" does not exist in the calendar{}",
                    c.text,
                    year_hint(view, c)
                ),
                Some("check the day and month against the source".into()),
                &[c],
                None,
            )
        })
        .collect()
}

fn year_hint(view: &ArticleView, c: &crate::model::Claim) -> String {
    match (c.value.year_inferred, view.published) {
        (true, Some(p)) => format!(
            " (year {} from the publication date)",
            chrono::Datelike::year(&p)
        ),
        _ => String::new(),
    }
}
