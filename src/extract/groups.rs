//! Patterns read for their groups at a place the scanner already found: the date and
//! number-word patterns, and a range's upper end. Only their NFA is needed, and it is built
//! from the table the build script wrote (`nfa_table.rs`), not compiled from the pattern's
//! text in every run. They are searched anchored at the match's start with a bounded
//! backtracker, its scratch space kept per thread.

use std::cell::RefCell;
use std::ops::Index;

use regex_automata::nfa::thompson::NFA;
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::util::primitives::{NonMaxUsize, PatternID};
use regex_automata::{Anchored, Input};

use super::nfa_table;

/// Slots for the groups of the patterns read here (two per group; the most has 11 groups).
const MAX_SLOTS: usize = 32;

/// The patterns read here, each with its scratch space in `SCRATCH`.
#[derive(Clone, Copy)]
pub(super) enum Which {
    Absolute,
    Relative,
    Words,
    Upper,
}

impl Which {
    /// The NFA table the build script wrote for the pattern.
    fn table(self) -> &'static [u8] {
        match self {
            Which::Absolute => include_bytes!(concat!(env!("OUT_DIR"), "/absolute.nfa")),
            Which::Relative => include_bytes!(concat!(env!("OUT_DIR"), "/relative.nfa")),
            Which::Words => include_bytes!(concat!(env!("OUT_DIR"), "/words.nfa")),
            Which::Upper => include_bytes!(concat!(env!("OUT_DIR"), "/upper.nfa")),
        }
    }

    /// The pattern's text, as the build script compiled it.
    #[cfg(any(test, debug_assertions))]
    fn pattern(self) -> String {
        let name = match self {
            Which::Absolute => "absolute",
            Which::Relative => "relative",
            Which::Words => "words",
            Which::Upper => "upper",
        };
        let patterns = super::patterns::group_patterns();
        let found = patterns.into_iter().find(|(n, _)| *n == name);
        found.expect("every table has its pattern").1
    }
}

/// Whether two NFAs are the same: states, starts, byte classes, groups and properties.
#[cfg(any(test, debug_assertions))]
fn same(a: &NFA, b: &NFA) -> bool {
    let names = |n: &NFA| -> Vec<Option<String>> {
        n.group_info()
            .pattern_names(PatternID::ZERO)
            .map(|name| name.map(str::to_string))
            .collect()
    };
    a.states() == b.states()
        && format!("{a:?}") == format!("{b:?}")
        && names(a) == names(b)
        && (a.is_utf8(), a.is_reverse(), a.has_capture(), a.has_empty())
            == (b.is_utf8(), b.is_reverse(), b.has_capture(), b.has_empty())
        && (a.look_set_any(), a.look_set_prefix_any())
            == (b.look_set_any(), b.look_set_prefix_any())
        && a.is_always_start_anchored() == b.is_always_start_anchored()
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
    /// Made on first need, which is rare: it holds a slot table for every state (100-150
    /// KB for each date pattern, in pages every run would touch first).
    pikevm: Option<pikevm::Cache>,
}

thread_local! {
    static SCRATCH: RefCell<[Option<Scratch>; 4]> = const { RefCell::new([None, None, None, None]) };
}

impl GroupPattern {
    /// The pattern, its NFA built from the build script's table.
    pub(super) fn embedded(which: Which) -> GroupPattern {
        let nfa = nfa_table::decode(which.table());
        // Debug builds, and so every test run, check the table against the pattern's text.
        #[cfg(debug_assertions)]
        assert!(
            same(&nfa, &nfa_table::compile(&which.pattern())),
            "the NFA table is the pattern's"
        );
        GroupPattern::of(which, nfa)
    }

    /// A pattern compiled from its text here.
    #[cfg(test)]
    fn new(which: Which, pattern: &str) -> GroupPattern {
        GroupPattern::of(which, nfa_table::compile(pattern))
    }

    fn of(which: Which, nfa: NFA) -> GroupPattern {
        assert!(
            nfa.group_info().slot_len() <= MAX_SLOTS,
            "too many groups in a group pattern"
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
                pikevm: None,
            });
            if input.get_span().len() <= self.backtracker.max_haystack_len() {
                self.backtracker
                    .try_search_slots(&mut s.backtracker, &input, used)
                    .expect("within the backtracker's length")
            } else {
                let cache = s.pikevm.get_or_insert_with(|| self.pikevm.create_cache());
                self.pikevm.search_slots(cache, &input, used)
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

    /// Every table builds the NFA its pattern compiles to, and would tell another apart.
    #[test]
    fn each_table_builds_its_patterns_nfa() {
        for which in [Which::Absolute, Which::Relative, Which::Words, Which::Upper] {
            let compiled = nfa_table::compile(&which.pattern());
            let built = nfa_table::decode(which.table());
            assert!(same(&built, &compiled));
            assert!(built.states().len() > 10);
            let again = nfa_table::to_bytes(&nfa_table::encode(&compiled));
            assert_eq!(again, which.table(), "the table is the one written now");
        }
        let (a, r) = (Which::Absolute.table(), Which::Relative.table());
        assert!(!same(&nfa_table::decode(a), &nfa_table::decode(r)));
        // A group's name is kept: the readers ask for groups by name.
        assert!(
            nfa_table::decode(a)
                .group_info()
                .to_index(PatternID::ZERO, "wd")
                .is_some()
        );
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
