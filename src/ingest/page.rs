//! What a source says about itself (a page's metadata, a feed item's), and how it is merged
//! with the command line's flags and the text's own dateline.

use chrono::{DateTime, NaiveDate};

use crate::extract::PublishedFrom;

/// Metadata a source carries; every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub published: Option<(NaiveDate, PublishedFrom)>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    /// The page's own address (JSON-LD `url`, else the canonical link).
    pub url: Option<String>,
}

/// The calendar date of a published time, in its own offset: "2021-05-04T02:30+04:30" is
/// May 4, not May 3 as in UTC, since relative dates are read against the local date of
/// publication. Reads RFC 3339, RFC 2822 (feeds) and a bare leading `YYYY-MM-DD`.
pub fn published_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.date_naive());
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t.date_naive());
    }
    // "2021-05-04", "2021-05-04T02:30" (no offset), "2021-05-04 02:30:00": the written date.
    s.get(..10)
        .filter(|_| s.len() == 10 || !s.as_bytes()[10].is_ascii_digit())
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// A page title without the outlet's name that sites append ("Headline | Outlet").
pub fn strip_site_name(title: &str, outlet: Option<&str>) -> String {
    let Some(outlet) = outlet.map(str::trim).filter(|o| !o.is_empty()) else {
        return title.to_string();
    };
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(head) = title.strip_suffix(&format!("{sep}{outlet}")) {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn a_published_time_gives_the_date_in_its_own_offset() {
        assert_eq!(published_date("2021-05-04T02:30:00+04:30"), d("2021-05-04"));
        assert_eq!(published_date("2021-05-03T23:30:00-05:00"), d("2021-05-03"));
        assert_eq!(published_date("2021-05-04T02:30:00Z"), d("2021-05-04"));
        assert_eq!(
            published_date("Tue, 04 May 2021 02:30:00 +0430"),
            d("2021-05-04")
        );
        assert_eq!(published_date("2021-05-04"), d("2021-05-04"));
        assert_eq!(published_date("2021-05-04T02:30"), d("2021-05-04"));
        assert_eq!(published_date("2021-05-04 02:30:00"), d("2021-05-04"));
        assert_eq!(published_date("2021-02-30"), None);
        assert_eq!(published_date("20210504"), None);
        assert_eq!(published_date("yesterday"), None);
    }

    #[test]
    fn the_outlet_suffix_leaves_the_title() {
        assert_eq!(
            strip_site_name("Budget cut | The Ledger", Some("The Ledger")),
            "Budget cut"
        );
        assert_eq!(
            strip_site_name("Budget cut - The Ledger", Some("The Ledger")),
            "Budget cut"
        );
        assert_eq!(
            strip_site_name("Budget | cut", Some("The Ledger")),
            "Budget | cut"
        );
        assert_eq!(
            strip_site_name("Budget cut | The Ledger", None),
            "Budget cut | The Ledger"
        );
    }
}
