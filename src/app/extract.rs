//! Extraction without a workspace: one article's claims and the findings the checks make
//! of them alone.

use std::cell::RefCell;

use chrono::NaiveDate;

use crate::check::{self, ArticleView, Finding};
use crate::extract::{CharCursor, Extraction, extract};

/// The claims of `body` and their findings, in text order.
pub fn extract_and_check(body: &str, published: Option<NaiveDate>) -> (Extraction, Vec<Finding>) {
    let ex = extract(body, published);
    let findings = check_extraction(body, &ex);
    (ex, findings)
}

/// The findings the checks make of one extraction alone, in text order.
pub fn check_extraction(body: &str, ex: &Extraction) -> Vec<Finding> {
    FindingsInOrder::new(body, ex, extraction_conflicts(ex)).collect()
}

/// The number conflicts among one extraction's claims, in text order: the one check that
/// reads the whole article at once.
pub fn extraction_conflicts(ex: &Extraction) -> Vec<Finding> {
    let mut found = check::conflicts(ex.claims.iter().map(|c| ("", c)));
    found.sort_by_key(order);
    found
}

/// Text order: where a finding starts, then ends, then its rule.
fn order(f: &Finding) -> (usize, usize, check::Rule) {
    (f.start, f.end, f.rule)
}

/// An extraction's findings in text order, made a window of claims at a time as they are
/// asked for, the number conflicts (`extraction_conflicts`) merged in: a long article's
/// findings are never all held at once.
pub struct FindingsInOrder<'a> {
    body: &'a str,
    ex: &'a Extraction,
    cursor: RefCell<CharCursor<'a>>,
    conflicts: std::iter::Peekable<std::vec::IntoIter<Finding>>,
    /// The first claim of the next window.
    next: usize,
    /// The current window's findings, last first.
    ready: Vec<Finding>,
}

impl<'a> FindingsInOrder<'a> {
    pub fn new(body: &'a str, ex: &'a Extraction, conflicts: Vec<Finding>) -> Self {
        FindingsInOrder {
            body,
            ex,
            cursor: RefCell::new(CharCursor::new(body)),
            conflicts: conflicts.into_iter().peekable(),
            next: 0,
            ready: Vec::new(),
        }
    }
}

impl Iterator for FindingsInOrder<'_> {
    type Item = Finding;

    fn next(&mut self) -> Option<Finding> {
        let claims = &self.ex.claims;
        while self.ready.is_empty() && self.next < claims.len() {
            let end = check::window_end(claims, self.next);
            let view = ArticleView {
                article_id: None,
                published: self.ex.published,
                body: Some(self.body),
                claims,
                cursor: Some(&self.cursor),
            };
            let mut found = check::check_article_window(&view, self.next..end);
            let to = claims.get(end).map(|c| c.start);
            while let Some(c) = self.conflicts.next_if(|f| to.is_none_or(|e| f.start < e)) {
                found.push(c);
            }
            found.sort_by_key(order);
            found.reverse();
            self.ready = found;
            self.next = end;
        }
        // Past the last window only conflicts are left (an article without claims has none).
        self.ready.pop().or_else(|| self.conflicts.next())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(found: &[Finding]) -> Vec<String> {
        found
            .iter()
            .map(|f| format!("{} {} {}", f.start, f.rule.as_str(), f.id))
            .collect()
    }

    #[test]
    fn findings_window_by_window_are_the_findings_of_the_whole_article() {
        let unit = "Yesterday (Monday, May 4) the envoy arrived. Officials said 12 soldiers \
                    died. On Sunday, May 9, talks began. Officials said 15 soldiers died. \
                    April 31 was quiet. ";
        // Every shift of the units against the window ends: some "yesterday (Monday, May
        // 4)" falls across each.
        for lead in 0..6 {
            let body = format!(
                "Tuesday May 4th, 2021\n\n{}{}",
                "9 homes burned. ".repeat(lead),
                unit.repeat(400)
            );
            let ex = extract(&body, None);
            assert!(ex.claims.len() > 2 * check::WINDOW, "{}", ex.claims.len());
            let mut whole = check::check_article(&ArticleView {
                article_id: None,
                published: ex.published,
                body: Some(&body),
                claims: &ex.claims,
                cursor: None,
            });
            whole.extend(check::conflicts(ex.claims.iter().map(|c| ("", c))));
            whole.sort_by_key(order);
            let windowed: Vec<Finding> =
                FindingsInOrder::new(&body, &ex, extraction_conflicts(&ex)).collect();
            let (w, o) = (ids(&windowed), ids(&whole));
            let differ = w.iter().zip(&o).position(|(a, b)| a != b);
            assert!(
                differ.is_none() && w.len() == o.len(),
                "lead {lead}: {} vs {} findings, first difference at {differ:?}",
                w.len(),
                o.len()
            );
            for rule in [
                "relative-date-mismatch",
                "weekday-mismatch",
                "invalid-date",
                "number-conflict",
            ] {
                let n = windowed.iter().filter(|f| f.rule.as_str() == rule).count();
                assert!(n >= 400, "{rule}: {n}");
            }
        }
    }
}
