//! Number conflicts of claims that arrive one at a time, in text order, and are not kept
//! by the caller: each group keeps the ends of its figures, the few claims a later one may
//! be found to contradict, and each finding but for its suggestion, small, until the
//! group is complete.

use foldhash::HashMap;

use super::chunked::Chunked;
use super::number_conflict::{GroupScan, PendingConflict, Support, SupportEnds};
use super::{Anchor, ConflictKey, Finding, conflict_key};
use crate::model::Claim;

/// The conflicts of the claims pushed so far, as `check::conflicts` finds them.
#[derive(Default)]
pub struct ConflictTracker {
    groups: HashMap<ConflictKey, Tracked>,
}

#[derive(Default)]
struct Tracked {
    scan: GroupScan,
    ends: SupportEnds,
    /// The claims a later one may be found to contradict (records of their prefix), with
    /// their places in the group, in order.
    kept: Chunked<(usize, Claim)>,
    /// The findings, in the group's order.
    pending: Chunked<PendingConflict>,
}

/// The claim kept with place `j` in a group (which must have been kept).
fn kept(kept: &Chunked<(usize, Claim)>, j: usize) -> &Claim {
    let at = kept.partition_point(|(i, _)| *i < j);
    &kept.get(at).expect("the earlier claim was kept").1
}

impl ConflictTracker {
    /// Looks at the next claim within `scope` (claims not compared are passed over).
    pub fn push(&mut self, scope: &str, c: &Claim) {
        if let Some((key, anchor)) = conflict_key(c, scope) {
            self.push_keyed(key, &anchor, c);
        }
    }

    /// `push` of a claim whose key and anchor are known.
    pub fn push_keyed(&mut self, key: ConflictKey, anchor: &Anchor, c: &Claim) {
        let g = self.groups.entry(key).or_default();
        let j = g.ends.len();
        let (earlier, record) = g.scan.push(j, anchor, c);
        g.ends.push(c);
        if let Some(i) = earlier {
            g.pending.push(PendingConflict::new(c, kept(&g.kept, i), i));
        }
        if record {
            g.kept.push((j, c.clone()));
        }
    }

    /// The findings, ordered by where they are (start, end) as the report orders them,
    /// made one at a time.
    pub fn findings(self) -> TrackedConflicts {
        let groups: Vec<Finished> = self
            .groups
            .into_iter()
            .filter(|(_, g)| !g.pending.is_empty())
            .map(|(key, g)| Finished {
                key,
                support: g.ends.finish(),
                kept: g.kept,
                pending: g.pending.map(Some),
            })
            .collect();
        let mut order: Vec<(usize, usize, usize, usize)> = groups
            .iter()
            .enumerate()
            .flat_map(|(gi, g)| {
                g.pending.iter().flatten().enumerate().map(move |(pi, p)| {
                    let (start, end) = p.place();
                    (start, end, gi, pi)
                })
            })
            .collect();
        order.sort_unstable();
        TrackedConflicts {
            groups,
            order: order.into_iter(),
        }
    }
}

struct Finished {
    key: ConflictKey,
    support: Support,
    kept: Chunked<(usize, Claim)>,
    /// Taken as each finding is made.
    pending: Chunked<Option<PendingConflict>>,
}

/// `ConflictTracker::findings`.
pub struct TrackedConflicts {
    groups: Vec<Finished>,
    /// (start, end, group, finding), in order.
    order: std::vec::IntoIter<(usize, usize, usize, usize)>,
}

impl Iterator for TrackedConflicts {
    type Item = Finding;

    fn next(&mut self) -> Option<Finding> {
        let (_, _, gi, pi) = self.order.next()?;
        let g = &mut self.groups[gi];
        let p = g.pending.get_mut(pi)?.take()?;
        let earlier = kept(&g.kept, p.earlier);
        Some(p.finding(&g.key, &g.support, earlier))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.order.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::claims_in;

    #[test]
    fn tracked_one_claim_at_a_time_the_conflicts_are_those_of_the_whole_group() {
        let body = "About 40 percent of voters backed the plan. Some 55 percent of voters backed \
                    it, officials said. About 41 percent of voters backed the plan. In 2019, \
                    12 soldiers were killed. 15 soldiers were killed. 12 soldiers were killed \
                    in 2019. Exactly 300 homes were destroyed. 450 homes were destroyed. \
                    About 40 percent of voters backed the plan. 310 homes were destroyed.";
        let claims = claims_in(&body.repeat(3), None);
        let mut whole = super::super::conflicts(claims.iter().map(|c| ("", c)));
        whole.sort_by_key(|f| (f.start, f.end));
        assert!(whole.len() >= 6, "{}", whole.len());
        let mut tracker = ConflictTracker::default();
        for c in &claims {
            tracker.push("", c);
        }
        let tracked: Vec<Finding> = tracker.findings().collect();
        let show = |f: &[Finding]| -> Vec<String> {
            f.iter()
                .map(|f| format!("{} {} {:?} {}", f.id, f.message, f.suggestion, f.start))
                .collect()
        };
        assert_eq!(show(&tracked), show(&whole));
    }
}
