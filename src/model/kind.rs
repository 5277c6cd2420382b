use std::fmt;
use std::str::FromStr;

/// What a claim is about; decides which value fields it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimKind {
    Date,
    Count,
    Duration,
    Percent,
    Money,
    Measure,
    Other,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 7] = [
        ClaimKind::Date,
        ClaimKind::Count,
        ClaimKind::Duration,
        ClaimKind::Percent,
        ClaimKind::Money,
        ClaimKind::Measure,
        ClaimKind::Other,
    ];

    /// Where the kind stands in `ALL`: an index for tables made once per kind.
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|&k| k == self).unwrap_or(0)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Date => "date",
            ClaimKind::Count => "count",
            ClaimKind::Duration => "duration",
            ClaimKind::Percent => "percent",
            ClaimKind::Money => "money",
            ClaimKind::Measure => "measure",
            ClaimKind::Other => "other",
        }
    }

    /// The value fields a claim of this kind carries, as its JSON names them: the one
    /// list `Value::to_json` writes and `edit` accepts.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            ClaimKind::Date => &["date", "weekday", "relative", "year_inferred", "valid"],
            ClaimKind::Count | ClaimKind::Percent => {
                &["low", "high", "qualifier", "subject", "predicate"]
            }
            ClaimKind::Money => &[
                "low",
                "high",
                "qualifier",
                "currency",
                "subject",
                "predicate",
            ],
            ClaimKind::Duration => &["low", "high", "qualifier", "unit"],
            ClaimKind::Measure => &[
                "low",
                "high",
                "qualifier",
                "unit",
                "quantity",
                "si_low",
                "si_high",
                "subject",
                "predicate",
            ],
            ClaimKind::Other => &[],
        }
    }

    /// Kinds whose value is a number range that can be compared.
    pub fn is_quantity(self) -> bool {
        matches!(
            self,
            ClaimKind::Count
                | ClaimKind::Percent
                | ClaimKind::Money
                | ClaimKind::Duration
                | ClaimKind::Measure
        )
    }
}

impl fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClaimKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        super::parse_named(s, &Self::ALL, Self::as_str, "kind")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_what_the_json_of_each_kind_shows() {
        for k in ClaimKind::ALL {
            let json = crate::model::Value::empty(k).to_json();
            let mut shown: Vec<&str> = json
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let mut listed = k.fields().to_vec();
            shown.sort();
            listed.sort();
            assert_eq!(shown, listed, "{k}");
        }
    }

    #[test]
    fn kinds_round_trip() {
        for k in ClaimKind::ALL {
            assert_eq!(k.as_str().parse::<ClaimKind>(), Ok(k));
        }
        assert!(
            "weight"
                .parse::<ClaimKind>()
                .unwrap_err()
                .contains("date, count")
        );
    }
}
