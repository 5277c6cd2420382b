//! What can go wrong, by kind: front ends decide from the kind what to show and how to
//! exit, never from the words. Carried inside `anyhow::Error` through the layers and found
//! again with `kind_of`.

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum Error {
    /// A malformed argument or value: the command was not run (exit 2).
    #[error("{0}")]
    Usage(String),
    /// No row has this id or prefix.
    #[error("no {what} with id '{id}'")]
    NotFound { what: &'static str, id: String },
    /// A prefix names more than one row.
    #[error("{what} id '{prefix}' is ambiguous: {}", candidates.join(", "))]
    Ambiguous {
        what: &'static str,
        prefix: String,
        candidates: Vec<String>,
    },
    /// Well-formed input the workspace cannot take ("the quote does not occur").
    #[error("{0}")]
    Invalid(String),
    /// The change collides with what is stored ("that claim is already stored").
    #[error("{0}")]
    Conflict(String),
    /// The file is not a workspace this version can open.
    #[error("{0}")]
    Refused(String),
    /// The workspace file or its folder cannot be written by this process.
    #[error("{0}")]
    Unwritable(String),
    /// SQLite found the file damaged: nothing more is written to it.
    #[error(
        "{0} is damaged ({1}): nothing more was written to it; run `claimdesk doctor` to see what is wrong, and restore a copy made with `claimdesk backup`"
    )]
    Damaged(String, String),
}

/// Whether SQLite reported the database file itself damaged (corrupt, or not a database).
pub fn is_damage(e: &anyhow::Error) -> Option<String> {
    e.chain()
        .find_map(|c| match c.downcast_ref::<rusqlite::Error>() {
            Some(rusqlite::Error::SqliteFailure(f, msg))
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
                ) =>
            {
                Some(msg.clone().unwrap_or_else(|| f.to_string()))
            }
            _ => None,
        })
}

impl Error {
    /// The process exit code: 2 for usage errors, 1 for every run that failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

/// The typed error inside an `anyhow::Error` chain, if there is one.
pub fn kind_of(e: &anyhow::Error) -> Option<&Error> {
    e.chain().find_map(|c| c.downcast_ref::<Error>())
}

/// The exit code for any error: its kind's, else 1.
pub fn exit_code(e: &anyhow::Error) -> u8 {
    kind_of(e).map_or(1, Error::exit_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_is_2_and_everything_else_1_through_anyhow_context() {
        let e = anyhow::Error::new(Error::Usage("bad --status 'done'".into())).context("mark");
        assert_eq!(exit_code(&e), 2);
        let e = anyhow::Error::new(Error::NotFound {
            what: "claim",
            id: "ffff".into(),
        });
        assert_eq!(exit_code(&e), 1);
        assert_eq!(e.to_string(), "no claim with id 'ffff'");
        assert_eq!(exit_code(&anyhow::anyhow!("disk full")), 1);
        let e = Error::Ambiguous {
            what: "claim",
            prefix: "01".into(),
            candidates: vec!["01a".into(), "01b".into()],
        };
        assert_eq!(e.to_string(), "claim id '01' is ambiguous: 01a, 01b");
    }
}
