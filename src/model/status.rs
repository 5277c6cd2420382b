use std::fmt;
use std::str::FromStr;

/// Where a claim stands in review. The strings are stored in the database and shown to users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Unchecked,
    InReview,
    Verified,
    Disputed,
    Unverifiable,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Unchecked,
        Status::InReview,
        Status::Verified,
        Status::Disputed,
        Status::Unverifiable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchecked => "unchecked",
            Status::InReview => "in-review",
            Status::Verified => "verified",
            Status::Disputed => "disputed",
            Status::Unverifiable => "unverifiable",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        super::parse_named(s, &Self::ALL, Self::as_str, "status")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_round_trips_through_its_string() {
        for st in Status::ALL {
            assert_eq!(st.as_str().parse::<Status>(), Ok(st));
        }
    }

    #[test]
    fn unknown_status_lists_the_valid_ones() {
        let err = "done".parse::<Status>().unwrap_err();
        assert!(err.contains("'done'"));
        assert!(err.contains("unchecked, in-review, verified, disputed, unverifiable"));
    }
}
