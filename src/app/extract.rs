//! Extraction without a workspace: one article's claims and the findings the checks make
//! of them alone.

use std::cell::RefCell;

use chrono::NaiveDate;

use crate::check::{
    self, Anchor, ArticleView, ConflictKey, ConflictTracker, Finding, TrackedConflicts,
};
use crate::extract::{CharCursor, Extraction, extract};
use crate::model::Claim;

/// The claims of `body` and their findings, in text order.
pub fn extract_and_check(body: &str, published: Option<NaiveDate>) -> (Extraction, Vec<Finding>) {
    let ex = extract(body, published);
    let findings = check_extraction(body, &ex);
    (ex, findings)
}

/// The findings the checks make of one extraction alone, in text order.
pub fn check_extraction(body: &str, ex: &Extraction) -> Vec<Finding> {
    let mut checks = StreamChecks::new(body, ex.published);
    checks.push(ex.claims.clone());
    checks.finish().collect()
}

/// Where a finding comes in text order: where it starts, then ends, then its rule.
pub type Order = (usize, usize, check::Rule);

/// The conflict keys of claims, as `StreamChecks::push_keyed` takes them.
pub fn keys_of(claims: &[Claim]) -> Vec<Option<(ConflictKey, Anchor)>> {
    claims.iter().map(check::stored_key).collect()
}

/// Whether the next window finding (at `window`) comes before the next number conflict (at
/// `conflict`) in text order: on a tie, the window's finding first.
pub fn window_first(window: Option<Order>, conflict: Option<Order>) -> bool {
    match (window, conflict) {
        (Some(w), Some(c)) => w <= c,
        (w, _) => w.is_some(),
    }
}

/// Text order: where a finding starts, then ends, then its rule.
pub fn order(f: &Finding) -> Order {
    (f.start, f.end, f.rule)
}

/// The findings of one article whose claims arrive part by part in text order and are
/// dropped once looked at: the rules that read a claim and its neighbours run a window of
/// claims at a time as the claims come, and the number conflicts keep only the claims
/// their findings name. A long article's claims are never all held.
pub struct StreamChecks<'a> {
    body: &'a str,
    published: Option<NaiveDate>,
    cursor: RefCell<CharCursor<'a>>,
    /// The claims not yet checked, after the one before them (a rule reads a claim's
    /// neighbours on either side).
    pending: Vec<Claim>,
    /// Where the next window starts in `pending`.
    next: usize,
    /// The windows' findings so far, in text order, a window's at a time: one growing list
    /// of a claim-dense article's findings was copied whole each time it outgrew its
    /// allocation, holding both copies at once.
    found: Vec<Vec<Finding>>,
    conflicts: ConflictTracker,
}

impl<'a> StreamChecks<'a> {
    pub fn new(body: &'a str, published: Option<NaiveDate>) -> Self {
        StreamChecks {
            body,
            published,
            cursor: RefCell::new(CharCursor::new(body)),
            pending: Vec::new(),
            next: 0,
            found: Vec::new(),
            conflicts: ConflictTracker::default(),
        }
    }

    /// The next claims of the article, in text order.
    pub fn push(&mut self, part: Vec<Claim>) {
        let keys = keys_of(&part);
        self.push_keyed(part, keys);
    }

    /// `push` of claims whose conflict keys are known (`check::stored_key`, made on another
    /// thread: the key is most of the cost of looking at a claim).
    pub fn push_keyed(&mut self, part: Vec<Claim>, keys: Vec<Option<(ConflictKey, Anchor)>>) {
        for (c, key) in part.iter().zip(keys) {
            if let Some((key, anchor)) = key {
                self.conflicts.push_keyed(key, &anchor, c);
            }
        }
        self.pending.extend(part);
        self.check_windows(false);
    }

    /// Checks the windows whose claims, and the claim after them, have come (all of them
    /// once the text has ended).
    fn check_windows(&mut self, ended: bool) {
        while self.next < self.pending.len() {
            let end = check::window_end(&self.pending, self.next);
            // A window never ends between claims at one offset, and reads the claim after
            // it: both are known only once a later claim has come.
            if end == self.pending.len() && !ended {
                break;
            }
            let view = ArticleView {
                article_id: None,
                published: self.published,
                body: Some(self.body),
                claims: &self.pending,
                cursor: Some(&self.cursor),
            };
            let mut found = check::check_article_window(&view, self.next..end);
            found.sort_by_key(order);
            if !found.is_empty() {
                self.found.push(found);
            }
            self.next = end;
        }
        if self.next > 1 {
            self.pending.drain(..self.next - 1);
            self.next = 1;
        }
    }

    /// The windows' findings made so far, in text order, taken: for a caller that writes
    /// them as they come. `finish` then merges only the rest with the number conflicts:
    /// every finding it yields from a window comes after those taken.
    pub fn take_found(&mut self) -> impl Iterator<Item = Finding> + '_ {
        self.found.drain(..).flatten()
    }

    /// All the findings (but those taken), in text order.
    pub fn finish(mut self) -> InOrder {
        self.check_windows(true);
        InOrder {
            windows: self.found.into_iter().flatten().peekable(),
            conflicts: self.conflicts.findings().peekable(),
        }
    }
}

/// The windows' findings and the number conflicts merged in text order (on a tie, the
/// window's finding first).
pub struct InOrder {
    windows: std::iter::Peekable<std::iter::Flatten<std::vec::IntoIter<Vec<Finding>>>>,
    conflicts: std::iter::Peekable<TrackedConflicts>,
}

impl Iterator for InOrder {
    type Item = Finding;

    fn next(&mut self) -> Option<Finding> {
        if window_first(
            self.windows.peek().map(order),
            self.conflicts.peek().map(order),
        ) {
            self.windows.next()
        } else {
            self.conflicts.next()
        }
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
    fn findings_streamed_part_by_part_are_the_findings_of_the_whole_article() {
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
            // In parts of every size around the window's, so that windows end everywhere.
            let part = check::WINDOW - 3 + lead * 7;
            let mut checks = StreamChecks::new(&body, ex.published);
            for p in ex.claims.chunks(part) {
                checks.push(p.to_vec());
            }
            let windowed: Vec<Finding> = checks.finish().collect();
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
