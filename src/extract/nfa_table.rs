//! A one-pattern Thompson NFA written as a table of numbers, and built again from it: the
//! build script compiles the group patterns (`patterns.rs`) and writes their tables, and a
//! run builds each NFA from its table. Compiled from its text in every run, the date
//! patterns held the dateline, and so the first claim, back by a millisecond or more:
//! parsing, Unicode case folding and the UTF-8 compiler's 320 KB map, in fresh pages.
//!
//! The table is the NFA's states in order, as `thompson::Builder` takes them back: a state
//! kept by `Builder::build` as it is given, so the NFA built from the table has the same
//! states under the same ids. Plain `regex-automata`: `build.rs` includes this file too, and
//! only it (and the tests) write tables.

use std::sync::Arc;

use regex_automata::nfa::thompson::{Builder, NFA, State, Transition};
use regex_automata::util::look::{Look, LookMatcher};
use regex_automata::util::primitives::{PatternID, StateID};

/// Changes whenever the layout does.
const FORMAT: u32 = 1;
/// A group without a name.
const UNNAMED: u32 = u32::MAX;

const BYTE_RANGE: u32 = 0;
const SPARSE: u32 = 1;
const LOOK: u32 = 2;
const UNION: u32 = 3;
const CAPTURE_START: u32 = 4;
const CAPTURE_END: u32 = 5;
const FAIL: u32 = 6;
const MATCH: u32 = 7;

#[cfg_attr(not(test), allow(dead_code))]
fn id(sid: StateID) -> u32 {
    sid.as_u32()
}

#[cfg_attr(not(test), allow(dead_code))]
fn push_transition(out: &mut Vec<u32>, t: &Transition) {
    out.extend([u32::from(t.start), u32::from(t.end), id(t.next)]);
}

/// The NFA of a group pattern's text, as the tables are made of it (the build script) and
/// checked against it (debug builds and tests).
#[cfg_attr(not(any(test, debug_assertions)), allow(dead_code))]
pub fn compile(pattern: &str) -> NFA {
    NFA::compiler()
        .configure(regex_automata::nfa::thompson::Config::new().shrink(false))
        .build(pattern)
        .expect("a group pattern compiles")
}

/// The table of `nfa`, which must have one pattern, '\n' lines and no dense states (the
/// compiler makes none).
#[cfg_attr(not(test), allow(dead_code))]
pub fn encode(nfa: &NFA) -> Vec<u32> {
    assert_eq!(nfa.pattern_len(), 1, "one pattern");
    assert_eq!(nfa.look_matcher().get_line_terminator(), b'\n');
    let pid = PatternID::ZERO;
    let mut out = vec![
        FORMAT,
        id(nfa.start_anchored()),
        id(nfa.start_unanchored()),
        id(nfa.start_pattern(pid).expect("the pattern's start")),
        u32::from(nfa.is_utf8()),
        u32::from(nfa.is_reverse()),
    ];
    let names: Vec<Option<&str>> = nfa.group_info().pattern_names(pid).collect();
    out.push(u32::try_from(names.len()).expect("groups"));
    for name in names {
        match name {
            None => out.push(UNNAMED),
            Some(n) => {
                out.push(u32::try_from(n.len()).expect("name"));
                out.extend(n.bytes().map(u32::from));
            }
        }
    }
    out.push(u32::try_from(nfa.states().len()).expect("states"));
    let info = nfa.group_info();
    for state in nfa.states() {
        match state {
            State::ByteRange { trans } => {
                out.push(BYTE_RANGE);
                push_transition(&mut out, trans);
            }
            State::Sparse(sparse) => {
                out.extend([SPARSE, u32::try_from(sparse.transitions.len()).expect("n")]);
                for t in sparse.transitions.iter() {
                    push_transition(&mut out, t);
                }
            }
            State::Dense(_) => panic!("the compiler makes no dense states"),
            State::Look { look, next } => out.extend([LOOK, look.as_repr(), id(*next)]),
            State::Union { alternates } => {
                out.extend([UNION, u32::try_from(alternates.len()).expect("n")]);
                out.extend(alternates.iter().map(|&a| id(a)));
            }
            State::BinaryUnion { alt1, alt2 } => out.extend([UNION, 2, id(*alt1), id(*alt2)]),
            State::Capture {
                next,
                pattern_id,
                group_index,
                slot,
            } => {
                let starts =
                    info.slot(*pattern_id, group_index.as_usize()) == Some(slot.as_usize());
                let tag = if starts { CAPTURE_START } else { CAPTURE_END };
                out.extend([tag, id(*next), group_index.as_u32()]);
            }
            State::Fail => out.push(FAIL),
            State::Match { .. } => out.push(MATCH),
        }
    }
    out
}

/// The table as little-endian bytes, as the build script writes it.
#[cfg_attr(not(test), allow(dead_code))]
pub fn to_bytes(table: &[u32]) -> Vec<u8> {
    table.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// Reads a table's words in order.
struct Words<'a>(std::slice::ChunksExact<'a, u8>);

impl Words<'_> {
    fn next(&mut self) -> u32 {
        let w = self.0.next().expect("the table is whole");
        u32::from_le_bytes([w[0], w[1], w[2], w[3]])
    }

    fn state(&mut self) -> StateID {
        StateID::new(self.next() as usize).expect("a state id")
    }

    fn byte(&mut self) -> u8 {
        u8::try_from(self.next()).expect("a byte")
    }

    fn transition(&mut self) -> Transition {
        let (start, end) = (self.byte(), self.byte());
        Transition {
            start,
            end,
            next: self.state(),
        }
    }
}

/// The NFA whose table (`encode`, as `to_bytes` writes it) is `bytes`.
pub fn decode(bytes: &[u8]) -> NFA {
    let mut w = Words(bytes.chunks_exact(4));
    assert_eq!(w.next(), FORMAT, "the NFA table's format");
    let (start_anchored, start_unanchored, start_pattern) = (w.state(), w.state(), w.state());
    let mut b = Builder::new();
    b.set_utf8(w.next() == 1);
    b.set_reverse(w.next() == 1);
    b.set_look_matcher(LookMatcher::new());
    let groups = w.next() as usize;
    let names: Vec<Option<Arc<str>>> = (0..groups)
        .map(|_| match w.next() {
            UNNAMED => None,
            len => {
                let name: Vec<u8> = (0..len).map(|_| w.byte()).collect();
                Some(Arc::from(String::from_utf8(name).expect("a UTF-8 name")))
            }
        })
        .collect();
    b.start_pattern().expect("one pattern");
    let states = w.next() as usize;
    let mut named = vec![false; groups];
    for _ in 0..states {
        let added = match w.next() {
            BYTE_RANGE => b.add_range(w.transition()),
            SPARSE => {
                let n = w.next() as usize;
                b.add_sparse((0..n).map(|_| w.transition()).collect())
            }
            LOOK => {
                let look = Look::from_repr(w.next()).expect("a look-around");
                b.add_look(w.state(), look)
            }
            UNION => {
                let n = w.next() as usize;
                b.add_union((0..n).map(|_| w.state()).collect())
            }
            CAPTURE_START => {
                let (next, group) = (w.state(), w.next());
                // A group's name is given with its first start (a repeated group has more).
                let g = group as usize;
                let name = (!std::mem::replace(&mut named[g], true))
                    .then(|| names[g].clone())
                    .flatten();
                b.add_capture_start(next, group, name)
            }
            CAPTURE_END => {
                let next = w.state();
                b.add_capture_end(next, w.next())
            }
            FAIL => b.add_fail(),
            MATCH => b.add_match(),
            tag => panic!("no NFA state {tag}"),
        };
        added.expect("the table's state");
    }
    b.finish_pattern(start_pattern).expect("one pattern");
    b.build(start_anchored, start_unanchored)
        .expect("the table's NFA")
}
