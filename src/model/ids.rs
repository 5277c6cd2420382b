//! Typed ids: an article id, a claim id and a finding id are different types, so one is
//! never passed where another is meant. Each is the stored text (a UUIDv7 for articles
//! and claims, a 16-hex-digit hash for findings) and reads as `&str` where SQL or output
//! needs the text.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_string())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

id_type!(
    /// A stored article's id.
    ArticleId
);
id_type!(
    /// A stored claim's id.
    ClaimId
);
id_type!(
    /// A finding's id: a hash of its rule and claims (`check::finding`).
    FindingId
);

/// Numbers a derived claim id can hold: eight digits.
const DERIVED_NUMBERS: i64 = 100_000_000;

/// The id of claim `number` of article `article_id` when none is stored (schema 0018): the
/// number in eight digits, then the article's UUID from its ninth character on, with version
/// digit 8 ("custom"). #5002 of 0190c0de-1a79-775d-aae7-746ccd25e9c9 is
/// 00005002-1a79-875d-aae7-746ccd25e9c9: eight characters name it, and the rest is random
/// enough to be unique beyond this workspace. None past 99,999,999 claims or for an article
/// id that is not a UUID: such a claim's id is stored.
pub fn derived_claim_id(article_id: &str, number: i64) -> Option<String> {
    let uuid = article_id.len() == 36 && article_id.is_ascii();
    ((0..DERIVED_NUMBERS).contains(&number) && uuid)
        .then(|| format!("{number:08}{}8{}", &article_id[8..14], &article_id[15..]))
}

/// The number a derived claim id begins with (None for an id that cannot be one).
pub fn derived_number(id: &str) -> Option<i64> {
    let digits = id.get(..8)?;
    (id.len() == 36 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_claim_id_is_its_number_then_its_article() {
        let article = "0190c0de-1a79-775d-aae7-746ccd25e9c9";
        let id = derived_claim_id(article, 5002).unwrap();
        assert_eq!(id, "00005002-1a79-875d-aae7-746ccd25e9c9");
        assert_eq!(uuid::Uuid::parse_str(&id).unwrap().get_version_num(), 8);
        assert_eq!(derived_number(&id), Some(5002));
        assert_eq!(derived_claim_id(article, 99_999_999).unwrap().len(), 36);
        assert_eq!(derived_claim_id(article, 100_000_000), None);
        assert_eq!(derived_claim_id("not-a-uuid", 1), None);
        // A UUIDv7 begins with its time in hex: not a number unless all eight are digits.
        assert_eq!(derived_number("0190c0de-1a79-775d-aae7-746ccd25e9c9"), None);
        assert_eq!(derived_number("00005002"), None);
    }

    #[test]
    fn ids_serialize_as_their_text() {
        let id = ClaimId::new("0190c0de-0000-7000-8000-000000000001");
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"0190c0de-0000-7000-8000-000000000001\"");
        assert_eq!(serde_json::from_str::<ClaimId>(&json).unwrap(), id);
        assert_eq!(id.to_string(), id.as_str());
    }
}
