//! Any UTF-8 input extracts without panicking, with every offset on a character boundary
//! and `text` equal to the body at its offsets.

use chrono::NaiveDate;
use claimdesk::extract::extract;
use proptest::prelude::*;

/// Text built from pieces that exercise the extractor: numbers, dates, qualifiers, mixed
/// scripts, combining characters, CRLF and stray punctuation.
fn articleish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("More than 100 civilians were killed. ".to_string()),
        Just("yesterday (Monday, May 4)".to_string()),
        Just("Tue., Aug. 17, 2021".to_string()),
        Just("the 31st of August".to_string()),
        Just("$2.5 million".to_string()),
        Just("£3bn".to_string()),
        Just("30 per cent".to_string()),
        Just("twenty-five".to_string()),
        Just("half a million".to_string()),
        Just("عمران فروبلی".to_string()),
        Just("e\u{301}\u{308}".to_string()),
        Just("\r\n".to_string()),
        Just("“".to_string()),
        Just(" ".to_string()),
        Just(".".to_string()),
        "[0-9,.:%$€£ -]{0,12}",
        "\\PC{0,12}",
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn check(body: &str) {
    let published = NaiveDate::from_ymd_opt(2021, 5, 4);
    for p in [published, None] {
        let ex = extract(body, p);
        let chars: Vec<char> = body.chars().collect();
        for c in &ex.claims {
            assert!(c.start < c.end && c.end <= chars.len(), "{c:?}");
            let text: String = chars[c.start..c.end].iter().collect();
            assert_eq!(text, c.text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]
    #[test]
    fn extraction_offsets_always_match_the_text(body in articleish()) {
        check(&body);
    }
}

#[test]
fn pathological_inputs() {
    check(&"7".repeat(200_000));
    check(&"a".repeat(1_000_000));
    check(&"1,000 ".repeat(20_000));
    check(&"May 4, ".repeat(20_000));
    // A long text without a full stop: every claim's sentence is cut to its neighbourhood.
    let run_on = "12 soldiers died and ".repeat(50_000);
    let ex = extract(&run_on, None);
    assert_eq!(ex.claims.len(), 50_000);
    assert!(
        ex.claims
            .iter()
            .all(|c| c.sentence.len() <= claimdesk::extract::MAX_SENTENCE
                && c.sentence.contains(c.text.as_str()))
    );
    // The checks stay linear on it too (quadratic rules would take minutes here): 25,000
    // wrong weekdays and 25,001 figures about the same soldiers, the last one contradicting.
    let body = format!(
        "{}15 soldiers died.",
        "12 soldiers died on Monday, May 4 and ".repeat(25_000)
    );
    let ex = extract(&body, NaiveDate::from_ymd_opt(2021, 5, 5));
    let view = claimdesk::check::ArticleView {
        article_id: None,
        published: ex.published,
        body: Some(&body),
        claims: &ex.claims,
        cursor: None,
    };
    let findings = claimdesk::check::check_article(&view);
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.rule.as_str() == "weekday-mismatch")
            .count(),
        25_000
    );
    let conflicts = claimdesk::check::conflicts(ex.claims.iter().map(|c| ("", c)));
    assert_eq!(
        conflicts.len(),
        1,
        "only the last figure contradicts the others"
    );
    assert_eq!(conflicts[0].claims[0].text, "15 soldiers");
    check("");
    check("\u{FEFF}\u{200D}\u{0301}");
}
