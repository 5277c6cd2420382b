//! The consistency rules a finding can come from.

use serde::Serialize;

/// What a finding says is wrong. The ids are fixed: scripts and dismissals depend on them.
/// Declared in the alphabetical order of their ids, so that sorting by rule sorts as the
/// ids do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    InvalidDate,
    NumberConflict,
    RelativeDateMismatch,
    WeekdayMismatch,
}

impl Rule {
    /// Every rule, in the order they are documented and listed.
    pub const ALL: [Rule; 4] = [
        Rule::WeekdayMismatch,
        Rule::RelativeDateMismatch,
        Rule::InvalidDate,
        Rule::NumberConflict,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::WeekdayMismatch => "weekday-mismatch",
            Rule::RelativeDateMismatch => "relative-date-mismatch",
            Rule::InvalidDate => "invalid-date",
            Rule::NumberConflict => "number-conflict",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Rule {
    type Err = String;
    fn from_str(s: &str) -> Result<Rule, String> {
        super::parse_named(s, &Rule::ALL, Rule::as_str, "rule")
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
