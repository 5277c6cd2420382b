//! Patterns read for their groups at a place the scanner already found: the date and
//! number-word patterns. Only their NFA is built (a third of what a full `Regex` builds
//! before its first use, which a short article waits for), and they are searched anchored
//! at the match's start with a bounded backtracker, its scratch space kept per thread.

use std::cell::RefCell;
use std::ops::Index;

use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{self, NFA};
use regex_automata::util::primitives::{NonMaxUsize, PatternID};
use regex_automata::{Anchored, Input};

/// Slots for the groups of the patterns read here (two per group; the most has 11 groups).
const MAX_SLOTS: usize = 32;

/// The patterns read here, each with its scratch space in `SCRATCH`.
#[derive(Clone, Copy)]
pub(super) enum Which {
    Absolute,
    Relative,
    Words,
}

/// A pattern read for its groups, anchored at a start.
pub(super) struct GroupPattern {
    which: Which,
    nfa: NFA,
    backtracker: BoundedBacktracker,
    /// For a match longer than the backtracker can take ("May" and a page of spaces).
    pikevm: PikeVM,
}

/// A search's scratch space for one pattern.
struct Scratch {
    backtracker: backtrack::Cache,
    pikevm: pikevm::Cache,
}

thread_local! {
    static SCRATCH: RefCell<[Option<Scratch>; 3]> = const { RefCell::new([None, None, None]) };
}

impl GroupPattern {
    pub(super) fn new(which: Which, pattern: &str) -> GroupPattern {
        let nfa = NFA::compiler()
            .configure(thompson::Config::new().shrink(false))
            .build(pattern)
            .expect("group pattern");
        assert!(
            nfa.group_info().slot_len() <= MAX_SLOTS,
            "too many groups in {pattern}"
        );
        GroupPattern {
            which,
            backtracker: BoundedBacktracker::new_from_nfa(nfa.clone()).expect("backtracker"),
            pikevm: PikeVM::new_from_nfa(nfa.clone()).expect("pikevm"),
            nfa,
        }
    }

    /// The number of the group named `name`.
    pub(super) fn group(&self, name: &str) -> usize {
        self.nfa
            .group_info()
            .to_index(PatternID::ZERO, name)
            .unwrap_or_else(|| panic!("no group {name}"))
    }

    /// The groups of the pattern's match that starts at `start` of `haystack`, if one does
    /// (the match a leftmost-first search from `start` finds, when it starts there).
    pub(super) fn at<'h>(&self, haystack: &'h str, start: usize) -> Option<Groups<'h>> {
        let input = Input::new(haystack).range(start..).anchored(Anchored::Yes);
        let mut slots = [None; MAX_SLOTS];
        let used = &mut slots[..self.nfa.group_info().slot_len()];
        let found = SCRATCH.with_borrow_mut(|scratch| {
            let s = scratch[self.which as usize].get_or_insert_with(|| Scratch {
                backtracker: self.backtracker.create_cache(),
                pikevm: self.pikevm.create_cache(),
            });
            if input.get_span().len() <= self.backtracker.max_haystack_len() {
                self.backtracker
                    .try_search_slots(&mut s.backtracker, &input, used)
                    .expect("within the backtracker's length")
            } else {
                self.pikevm.search_slots(&mut s.pikevm, &input, used)
            }
        });
        found.map(|_| Groups { haystack, slots })
    }
}

/// The groups of one match.
pub(super) struct Groups<'h> {
    haystack: &'h str,
    slots: [Option<NonMaxUsize>; MAX_SLOTS],
}

/// One group's match.
#[derive(Clone, Copy, Debug)]
pub(super) struct Group<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Group<'h> {
    pub(super) fn start(&self) -> usize {
        self.start
    }

    pub(super) fn end(&self) -> usize {
        self.end
    }

    pub(super) fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

impl<'h> Groups<'h> {
    /// Group `i` (0: the whole match), if it took part in the match.
    pub(super) fn get(&self, i: usize) -> Option<Group<'h>> {
        let start = self.slots.get(2 * i).copied().flatten()?.get();
        let end = self.slots.get(2 * i + 1).copied().flatten()?.get();
        Some(Group {
            haystack: self.haystack,
            start,
            end,
        })
    }
}

impl Index<usize> for Groups<'_> {
    type Output = str;

    /// Group `i`'s text; panics when it took no part, as `regex::Captures` does.
    fn index(&self, i: usize) -> &str {
        self.get(i)
            .map(|g| g.as_str())
            .unwrap_or_else(|| panic!("no group {i} in this match"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Anchored reading agrees with the full regex's leftmost-first match from the same
    /// start, group by group, where that match starts there.
    #[test]
    fn groups_agree_with_the_regex_crate() {
        let pattern = r"(?P<n>[0-9]+)(?:[ \t]+(?P<unit>days?|weeks?))?|(?P<w>[a-z]+)";
        let ours = GroupPattern::new(Which::Words, pattern);
        let theirs = regex::Regex::new(pattern).unwrap();
        let text = "in 3 days, 12 weeks or so; x 7";
        for start in 0..text.len() {
            let a = ours.at(text, start);
            let b = theirs
                .captures_at(text, start)
                .filter(|c| c.get(0).unwrap().start() == start);
            assert_eq!(a.is_some(), b.is_some(), "at {start}");
            if let (Some(a), Some(b)) = (a, b) {
                for i in 0..4 {
                    assert_eq!(
                        a.get(i).map(|g| (g.start(), g.end())),
                        b.get(i).map(|m| (m.start(), m.end())),
                        "group {i} at {start}"
                    );
                }
            }
        }
        assert_eq!(ours.group("unit"), 2);
    }

    /// A match longer than the backtracker takes is read by the slower engine, the same.
    #[test]
    fn a_very_long_match_is_still_read() {
        let ours = GroupPattern::new(Which::Relative, r"May[ \t]+(?P<d>[0-9]+)");
        let text = format!("May{}4 and more", " ".repeat(200_000));
        let g = ours.at(&text, 0).expect("a match");
        assert_eq!(&g[1], "4");
        assert!(ours.at(&text, 1).is_none());
    }
}
