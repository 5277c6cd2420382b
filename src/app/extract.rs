//! Extraction without a workspace: one article's claims and the findings the checks make
//! of them alone.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::NaiveDate;

use crate::check::{self, ArticleView, ConflictGroup, Finding, NumberConflicts};
use crate::extract::{CharCursor, Extraction, extract};

/// The claims of `body` and their findings, in text order.
pub fn extract_and_check(body: &str, published: Option<NaiveDate>) -> (Extraction, Vec<Finding>) {
    let ex = extract(body, published);
    let findings = check_extraction(body, &ex);
    (ex, findings)
}

/// The findings the checks make of one extraction alone, in text order.
pub fn check_extraction(body: &str, ex: &Extraction) -> Vec<Finding> {
    let groups = extraction_groups(ex);
    FindingsInOrder::new(body, ex, ConflictsInOrder::new(&groups)).collect()
}

/// The claims of one extraction that number-conflict compares, grouped: the one check
/// that reads the whole article at once.
pub fn extraction_groups(ex: &Extraction) -> Vec<ConflictGroup<'_>> {
    check::conflict_groups(ex.claims.iter().map(|c| ("", c)))
}

/// Where a finding stands: its start, then its end, then its rule.
type Place = (usize, usize, check::Rule);

/// Text order: where a finding starts, then ends, then its rule.
fn order(f: &Finding) -> Place {
    (f.start, f.end, f.rule)
}

/// The number conflicts of groups of one article's claims in text order, each group's
/// made one at a time as the merge reaches them (a group's findings come in its claims'
/// order, which is the text's): thousands of contradicting figures are never all held.
pub struct ConflictsInOrder<'g, 'c> {
    groups: Vec<NumberConflicts<'g, 'c>>,
    /// Each group's next finding, waiting its turn.
    pending: Vec<Option<Finding>>,
    /// (place, group) of the pending findings, smallest first; ties go to the earlier group.
    turns: BinaryHeap<Reverse<(Place, usize)>>,
}

impl<'g, 'c> ConflictsInOrder<'g, 'c> {
    pub fn new(groups: &'g [ConflictGroup<'c>]) -> Self {
        let groups: Vec<NumberConflicts> = groups.iter().map(ConflictGroup::findings).collect();
        let mut merge = ConflictsInOrder {
            pending: vec![None; groups.len()],
            groups,
            turns: BinaryHeap::new(),
        };
        for i in 0..merge.groups.len() {
            merge.advance(i);
        }
        merge
    }

    /// Makes group `i`'s next finding and queues it.
    fn advance(&mut self, i: usize) {
        if let Some(f) = self.groups[i].next() {
            self.turns.push(Reverse((order(&f), i)));
            self.pending[i] = Some(f);
        }
    }
}

impl Iterator for ConflictsInOrder<'_, '_> {
    type Item = Finding;

    fn next(&mut self) -> Option<Finding> {
        let Reverse((_, i)) = self.turns.pop()?;
        let found = self.pending[i].take();
        self.advance(i);
        found
    }
}

/// An extraction's findings in text order, made a window of claims at a time as they are
/// asked for, the number conflicts (in text order, as `ConflictsInOrder` gives them)
/// merged in: a long article's findings are never all held at once.
pub struct FindingsInOrder<'a, C: Iterator<Item = Finding>> {
    body: &'a str,
    ex: &'a Extraction,
    cursor: RefCell<CharCursor<'a>>,
    conflicts: std::iter::Peekable<C>,
    /// The first claim of the next window.
    next: usize,
    /// The current window's findings, last first.
    ready: Vec<Finding>,
}

impl<'a, C: Iterator<Item = Finding>> FindingsInOrder<'a, C> {
    pub fn new(body: &'a str, ex: &'a Extraction, conflicts: C) -> Self {
        FindingsInOrder {
            body,
            ex,
            cursor: RefCell::new(CharCursor::new(body)),
            conflicts: conflicts.peekable(),
            next: 0,
            ready: Vec::new(),
        }
    }
}

impl<C: Iterator<Item = Finding>> Iterator for FindingsInOrder<'_, C> {
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
        // Two groups of contradicting figures, interleaved: their findings merge in order.
        let unit = "Yesterday (Monday, May 4) the envoy arrived. Officials said 12 soldiers \
                    died. Officials said 30 homes were destroyed. On Sunday, May 9, talks \
                    began. Officials said 15 soldiers died. Officials said 50 homes were \
                    destroyed. April 31 was quiet. ";
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
            let groups = extraction_groups(&ex);
            let windowed: Vec<Finding> =
                FindingsInOrder::new(&body, &ex, ConflictsInOrder::new(&groups)).collect();
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
                let each = if rule == "number-conflict" { 800 } else { 400 };
                assert!(n >= each, "{rule}: {n}");
            }
        }
    }
}
