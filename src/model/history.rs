//! What a history row records and how evidence bears on a claim: closed sets, each with
//! the one string it is stored and shown as (the schema's CHECKs list the same strings).

use std::fmt;

/// The action of a claim history row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryAction {
    Created,
    Status,
    Assign,
    Unassign,
    Edit,
    Evidence,
    Dismiss,
    /// A change made by `reextract`: the extractor's, never a person's.
    Reextract,
    /// A verdict given: rating and explanation.
    Rated,
}

impl HistoryAction {
    pub const ALL: [HistoryAction; 9] = [
        HistoryAction::Created,
        HistoryAction::Status,
        HistoryAction::Assign,
        HistoryAction::Unassign,
        HistoryAction::Edit,
        HistoryAction::Evidence,
        HistoryAction::Dismiss,
        HistoryAction::Reextract,
        HistoryAction::Rated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HistoryAction::Created => "created",
            HistoryAction::Status => "status",
            HistoryAction::Assign => "assign",
            HistoryAction::Unassign => "unassign",
            HistoryAction::Edit => "edit",
            HistoryAction::Evidence => "evidence",
            HistoryAction::Dismiss => "dismiss",
            HistoryAction::Reextract => "reextract",
            HistoryAction::Rated => "rated",
        }
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for HistoryAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a piece of evidence bears on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Supports,
    Refutes,
    Context,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Refutes => "refutes",
            Stance::Context => "context",
        }
    }

    /// The stance stored as text; anything else reads as context.
    pub fn parse(s: &str) -> Stance {
        match s {
            "supports" => Stance::Supports,
            "refutes" => Stance::Refutes,
            _ => Stance::Context,
        }
    }

    /// The stance of evidence given with a status: verified supports, disputed refutes.
    pub fn of_status(status: super::Status) -> Stance {
        match status {
            super::Status::Verified => Stance::Supports,
            super::Status::Disputed => Stance::Refutes,
            _ => Stance::Context,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_one_the_schema_admits() {
        let check = include_str!("../../schema/0010_verdicts.sql");
        for a in HistoryAction::ALL {
            assert!(check.contains(&format!("'{}'", a.as_str())), "{a}");
        }
    }
}
