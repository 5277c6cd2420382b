//! Compiles the scanner's pattern (`src/extract/patterns.rs`) into a dense DFA, forward
//! and reverse, written to OUT_DIR for `src/extract/scan.rs` to embed. Built at run time,
//! the same pattern cost every `extract` 1.3 ms before its first claim, and the lazy DFA
//! that searched with it built its states again in every process. The patterns read for
//! their groups are compiled to NFAs here too, and written as tables
//! (`src/extract/nfa_table.rs`).

use std::path::Path;

use regex_automata::dfa::{dense, regex::Regex};

#[path = "src/extract/patterns.rs"]
#[allow(dead_code)]
mod patterns;

#[path = "src/extract/nfa_table.rs"]
#[allow(dead_code)]
mod nfa_table;

fn main() {
    println!("cargo::rerun-if-changed=src/extract/patterns.rs");
    println!("cargo::rerun-if-changed=src/extract/nfa_table.rs");
    println!("cargo::rerun-if-changed=build.rs");
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    // The patterns read for their groups, as NFA tables (`src/extract/groups.rs`).
    for (name, pattern) in patterns::group_patterns() {
        let nfa = nfa_table::compile(&pattern);
        let table = nfa_table::to_bytes(&nfa_table::encode(&nfa));
        std::fs::write(Path::new(&out).join(format!("{name}.nfa")), table)
            .expect("write a group pattern's NFA");
    }
    let scanner = Regex::builder()
        // Unminimized: minimizing took seconds here for 10% fewer states.
        .dense(dense::Config::new().minimize(false))
        .build(&patterns::scanner_pattern())
        .expect("the scanner's pattern compiles to a DFA");
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("big");
    for (name, dfa) in [("fwd", scanner.forward()), ("rev", scanner.reverse())] {
        let (bytes, pad) = if big_endian {
            dfa.to_bytes_big_endian()
        } else {
            dfa.to_bytes_little_endian()
        };
        std::fs::write(
            Path::new(&out).join(format!("scanner_{name}.dfa")),
            &bytes[pad..],
        )
        .expect("write the scanner's DFA");
    }
}
