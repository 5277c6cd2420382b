//! Qualifiers ("more than", "about", "dozens of") and the number ranges they mean.
//! This is the one place the rules live; README documents the same table.

/// Phrases written before a number, longest first so "no more than" wins over "more than".
pub const QUALIFIERS: &[&str] = &[
    "an estimated",
    "approximately",
    "no more than",
    "no fewer than",
    "no less than",
    "as many as",
    "as few as",
    "more than",
    "fewer than",
    "less than",
    "at least",
    "at most",
    "close to",
    "just over",
    "just under",
    "upwards of",
    "in excess of",
    "roughly",
    "around",
    "nearly",
    "almost",
    "about",
    "above",
    "below",
    "under",
    "over",
    "up to",
    "some",
    "exactly",
];

/// The relative half-width of "about N": [N * 0.9, N * 1.1].
pub const ABOUT_BAND: f64 = 0.10;

/// A closed or half-open range of values: `None` is an open end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// The range a qualifier gives to the number `n`.
///
/// | qualifier | range |
/// |---|---|
/// | none, "exactly" | [N, N] |
/// | "more than", "over", "above", "at least", "upwards of", "in excess of", "just over", "no fewer/less than" | [N, open) |
/// | "up to", "as many as", "at most", "no more than" | (open, N] |
/// | "fewer than", "less than", "under", "below", "just under" | (open, N] |
/// | "about", "around", "approximately", "roughly", "some", "an estimated", "close to" | [0.9 N, 1.1 N] |
/// | "nearly", "almost" | [0.9 N, N] |
/// | "as few as" | [N, N] |
pub fn qualified_range(qualifier: Option<&str>, n: f64) -> Range {
    let exact = Range {
        low: Some(n),
        high: Some(n),
    };
    let Some(q) = qualifier else { return exact };
    match q {
        "more than" | "over" | "above" | "at least" | "upwards of" | "in excess of"
        | "just over" | "no fewer than" | "no less than" => Range {
            low: Some(n),
            high: None,
        },
        "up to" | "as many as" | "at most" | "no more than" | "fewer than" | "less than"
        | "under" | "below" | "just under" => Range {
            low: None,
            high: Some(n),
        },
        "about" | "around" | "approximately" | "roughly" | "some" | "an estimated" | "close to" => {
            Range {
                low: Some(round(n * (1.0 - ABOUT_BAND))),
                high: Some(round(n * (1.0 + ABOUT_BAND))),
            }
        }
        "nearly" | "almost" => Range {
            low: Some(round(n * (1.0 - ABOUT_BAND))),
            high: Some(n),
        },
        _ => exact,
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Vague amounts: "dozens of" is 24 to 99, "hundreds of" 200 to 999, and so on.
pub fn vague_range(phrase: &str) -> Option<Range> {
    let r = |low: f64, high: f64| {
        Some(Range {
            low: Some(low),
            high: Some(high),
        })
    };
    match phrase {
        "dozens" => r(24.0, 99.0),
        "scores" => r(40.0, 99.0),
        "hundreds" => r(200.0, 999.0),
        "thousands" => r(2_000.0, 9_999.0),
        "tens of thousands" => r(20_000.0, 99_999.0),
        "hundreds of thousands" => r(200_000.0, 999_999.0),
        "millions" => r(2_000_000.0, 999_999_999.0),
        _ => None,
    }
}

/// The qualifier written just before byte `at`, if any: (canonical phrase, its byte start).
pub fn qualifier_before(text: &str, at: usize) -> Option<(&'static str, usize)> {
    let head = text[..at].trim_end_matches([' ', '\t']);
    // The last 20 bytes, lowercased on the stack: every figure asks.
    let tail = super::tail(head, 20).as_bytes();
    let mut buf = [0u8; 20];
    let lower = &mut buf[..tail.len()];
    lower.copy_from_slice(tail);
    lower.make_ascii_lowercase();
    // Most figures have no qualifier: the last letter rules out most of the list before a
    // comparison of the whole.
    let last = lower.last().copied();
    for q in QUALIFIERS {
        if q.as_bytes().last().copied() == last && lower.ends_with(q.as_bytes()) {
            let start = head.len() - q.len();
            let boundary_ok = start == 0 || !head.as_bytes()[start - 1].is_ascii_alphanumeric();
            if boundary_ok {
                return Some((q, start));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifier_rules() {
        let r = |q, n| qualified_range(q, n);
        assert_eq!(
            r(None, 120.0),
            Range {
                low: Some(120.0),
                high: Some(120.0)
            }
        );
        assert_eq!(
            r(Some("more than"), 100.0),
            Range {
                low: Some(100.0),
                high: None
            }
        );
        assert_eq!(
            r(Some("up to"), 50.0),
            Range {
                low: None,
                high: Some(50.0)
            }
        );
        assert_eq!(
            r(Some("around"), 800.0),
            Range {
                low: Some(720.0),
                high: Some(880.0)
            }
        );
        assert_eq!(
            r(Some("nearly"), 200.0),
            Range {
                low: Some(180.0),
                high: Some(200.0)
            }
        );
    }

    #[test]
    fn qualifier_is_found_before_a_number_on_a_word_boundary() {
        let t = "More than 100 and moreover 5 and some 40";
        assert_eq!(qualifier_before(t, 10), Some(("more than", 0)));
        assert_eq!(qualifier_before(t, t.find("5").unwrap()), None);
        assert_eq!(
            qualifier_before(t, t.find("40").unwrap()).map(|q| q.0),
            Some("some")
        );
    }
}
