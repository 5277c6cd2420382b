//! Tests of quantities: formats, qualifiers, subjects, and what is not a claim.
use super::*;

fn one(text: &str) -> QuantityMatch {
    let found = find_quantities(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.into_iter().next().unwrap()
}

#[test]
fn counts_with_qualifiers_and_subjects() {
    let q = one("More than 100 civilians have reportedly been killed.");
    assert_eq!(
        &"More than 100 civilians have reportedly been killed."[q.start..q.end],
        "More than 100 civilians"
    );
    assert_eq!((q.value.low, q.value.high), (Some(100.0), None));
    assert_eq!(q.value.subject.as_deref(), Some("civilians killed"));
    assert_eq!(q.value.predicate.as_deref(), Some("killed"));
    let q = one("the Afghan security and defense forces, numbering more than 350,000, the");
    assert_eq!(
        q.value.subject.as_deref(),
        Some("Afghan security and defense forces")
    );
    assert_eq!(q.value.low, Some(350000.0));
}

#[test]
fn spelled_out_and_vague_counts() {
    assert_eq!(one("twenty-five soldiers died").value.low, Some(25.0));
    assert_eq!(
        one("half a million refugees fled").value.low,
        Some(500000.0)
    );
    assert_eq!(one("a dozen houses burned").value.low, Some(12.0));
    let q = one("dozens of protesters were arrested");
    assert_eq!((q.value.low, q.value.high), (Some(24.0), Some(99.0)));
    assert_eq!(one("1.2 million people voted").value.low, Some(1_200_000.0));
}

#[test]
fn money_percent_duration() {
    let q = one("a grant of $2.5 million for schools");
    assert_eq!(
        (q.kind, q.value.low, q.value.currency.as_deref()),
        (ClaimKind::Money, Some(2_500_000.0), Some("USD"))
    );
    assert_eq!(one("cost £3bn last").value.low, Some(3e9));
    assert_eq!(
        one("paid 500 million afghanis").value.currency.as_deref(),
        Some("AFN")
    );
    assert_eq!(one("rose 30 per cent").kind, ClaimKind::Percent);
    assert_eq!(one("about 30% of voters").value.low, Some(27.0));
    let q = one("nearly 200 years of rule");
    assert_eq!(
        (q.kind, q.value.unit.as_deref(), q.value.low, q.value.high),
        (ClaimKind::Duration, Some("years"), Some(180.0), Some(200.0))
    );
    assert_eq!(
        one("after a decade of war").value.unit.as_deref(),
        Some("decades")
    );
}

#[test]
fn identifiers_and_furniture_are_not_claims() {
    for text in [
        "0 Views",
        "1,204 reads",
        "5 comments",
        "COVID-19 cases",
        "the G7 summit",
        "a Boeing 737 jet",
        "on Route 9 today",
        "under Article 5 rules",
        "F-16 jets",
        "at 10:30 local",
        "call +93 20 210 1234",
        "the 2010 floods",
        "on page 4 of",
        "voters in district 12 backed the plan",
        "triggered under article 50 of the treaty",
        "passengers on flight 17 were",
    ] {
        assert!(
            find_quantities(text).is_empty(),
            "{text}: {:?}",
            find_quantities(text)
        );
    }
}

#[test]
fn a_lowercase_name_word_after_a_determiner_is_not_a_name() {
    let found = find_quantities("across the district 300 homes were destroyed");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].value.low, Some(300.0));
}

fn value_of(text: &str, quote: &str) -> (ClaimKind, Option<f64>, Option<f64>, Fields) {
    let q = find_quantities(text)
        .into_iter()
        .find(|q| &text[q.start..q.end] == quote)
        .unwrap_or_else(|| {
            panic!(
                "{text}: no claim \"{quote}\" in {:?}",
                find_quantities(text)
            )
        });
    (q.kind, q.value.low, q.value.high, q.value)
}

#[test]
fn thousands_separators_other_than_commas() {
    for (text, quote) in [
        ("Officials said 350 000 people fled.", "350 000 people"),
        (
            "Officials said 350\u{A0}000 people fled.",
            "350\u{A0}000 people",
        ),
        (
            "Officials said 350\u{202F}000 people fled.",
            "350\u{202F}000 people",
        ),
    ] {
        assert_eq!(value_of(text, quote).1, Some(350_000.0), "{text}");
    }
    assert_eq!(
        value_of("about 1,00,000 people fled", "about 1,00,000 people").1,
        Some(90_000.0)
    );
    assert_eq!(
        value_of("a crowd of 12,50,000 people", "12,50,000 people").1,
        Some(1_250_000.0)
    );
}

#[test]
fn lakh_and_crore() {
    let (k, low, _, v) = value_of("The scheme cost Rs 5 lakh in all.", "Rs 5 lakh");
    assert_eq!(
        (k, low, v.currency.as_deref()),
        (ClaimKind::Money, Some(500_000.0), Some("INR"))
    );
    let (k, low, _, v) = value_of("a budget of ₹2 crore for roads", "₹2 crore");
    assert_eq!(
        (k, low, v.currency.as_deref()),
        (ClaimKind::Money, Some(20_000_000.0), Some("INR"))
    );
    let (k, low, _, v) = value_of("paid 3 crore rupees to farmers", "3 crore rupees");
    assert_eq!(
        (k, low, v.currency.as_deref()),
        (ClaimKind::Money, Some(30_000_000.0), Some("INR"))
    );
    assert_eq!(
        value_of(
            "nearly 2 lakh people were displaced",
            "nearly 2 lakh people"
        )
        .2,
        Some(200_000.0)
    );
}

#[test]
fn fractions_and_short_scales() {
    assert_eq!(
        value_of(
            "A quarter of a million people marched.",
            "A quarter of a million people"
        )
        .1,
        Some(250_000.0)
    );
    assert_eq!(
        value_of("Half a million people marched.", "Half a million people").1,
        Some(500_000.0)
    );
    let (k, low, _, v) = value_of("The war displaced 3m people.", "3m people");
    assert_eq!(
        (k, low, v.predicate.as_deref()),
        (ClaimKind::Count, Some(3e6), Some("displaced"))
    );
    // "1.5m" alone may be metres: no claim rather than a wrong one.
    assert!(find_quantities("The wall is 1.5m high.").is_empty());
    assert_eq!(value_of("It cost £1.5m.", "£1.5m").1, Some(1.5e6));
}

#[test]
fn strong_and_hyphen_ranges() {
    let (k, low, _, v) = value_of("A 5,000-strong force was deployed.", "5,000-strong force");
    assert_eq!(
        (k, low, v.predicate.as_deref()),
        (ClaimKind::Count, Some(5000.0), Some("deployed"))
    );
    let (_, low, high, _) = value_of("Police said 20-25 people were injured.", "20-25 people");
    assert_eq!((low, high), (Some(20.0), Some(25.0)));
    let (_, low, high, v) = value_of("and 20 to 25 were arrested.", "20 to 25");
    assert_eq!(
        (low, high, v.subject.as_deref()),
        (Some(20.0), Some(25.0), Some("people arrested"))
    );
    let text = "Intro line.\n\nBetween 20 and 25 people were injured.";
    let (_, low, high, _) = value_of(text, "Between 20 and 25 people");
    assert_eq!((low, high), (Some(20.0), Some(25.0)));
    // Scores and model numbers stay out.
    assert!(find_quantities("The Boeing 737-800 jets landed after a 3-2 win.").is_empty());
}

#[test]
fn elided_nouns_take_the_earlier_noun_or_people() {
    let (_, low, _, v) = value_of(
        "Police said more than 2,000 were killed.",
        "more than 2,000",
    );
    assert_eq!(
        (low, v.subject.as_deref()),
        (Some(2000.0), Some("people killed"))
    );
    let (_, low, _, v) = value_of("Five soldiers were killed and 12 injured.", "12");
    assert_eq!(
        (low, v.subject.as_deref()),
        (Some(12.0), Some("soldiers injured"))
    );
    assert!(find_quantities("The company employs more than 2,000.").is_empty());
}

#[test]
fn cents_and_pence_are_money() {
    let text = "Shares rose 75 cents to $12.40 while the dividend was 5 pence.";
    let (k, low, _, v) = value_of(text, "75 cents");
    assert_eq!(
        (k, low, v.currency.as_deref()),
        (ClaimKind::Money, Some(0.75), Some("USD"))
    );
    let (k, low, _, v) = value_of(text, "5 pence");
    assert_eq!(
        (k, low, v.currency.as_deref()),
        (ClaimKind::Money, Some(0.05), Some("GBP"))
    );
    let (k, _, _, v) = value_of("It paid a dividend of 34 cents.", "34 cents");
    assert_eq!((k, v.currency.as_deref()), (ClaimKind::Money, None));
    let (_, low, _, v) = value_of("a payout of 55 euro cents", "55 euro cents");
    assert_eq!((low, v.currency.as_deref()), (Some(0.55), Some("EUR")));
}

#[test]
fn an_event_is_not_borrowed_from_the_next_sentence_or_conjunct() {
    let text = "Police said 12 people were arrested. Thousands of people marched.";
    let (_, _, _, v) = value_of(text, "Thousands of people");
    assert_eq!(v.predicate, None);
    let text = "Authorities shut 700 websites and arrested 224 people.";
    let (_, _, _, v) = value_of(text, "700 websites");
    assert_eq!(v.predicate, None);
}

#[test]
fn numbers_that_name_a_model_or_a_thing_are_not_counts() {
    assert!(find_quantities("The company sold the 80486 chip.").is_empty());
    assert!(find_quantities("They flew a 737 jet.").is_empty());
    // A plural after the article is still counted: "the 1,200 homes".
    assert_eq!(
        value_of("Floods hit the 1,200 homes.", "1,200 homes").1,
        Some(1200.0)
    );
}

#[test]
fn nights_are_a_duration_and_the_verb_before_belongs_to_the_word_before() {
    let (k, low, _, v) = value_of(
        "they were killed in three nights of strikes",
        "three nights",
    );
    assert_eq!(
        (k, low, v.unit.as_deref()),
        (ClaimKind::Duration, Some(3.0), Some("nights"))
    );
    let (_, _, _, v) = value_of("the blast killed 27 people", "27 people");
    assert_eq!(v.predicate.as_deref(), Some("killed"));
}

#[test]
fn a_decimal_point_does_not_end_the_sentence_a_cent_looks_in() {
    let text = "Shares rose to $12.40, and the dividend was raised to 34 cents a share.";
    let (_, low, _, v) = value_of(text, "34 cents");
    assert_eq!((low, v.currency.as_deref()), (Some(0.34), Some("USD")));
}

#[test]
fn race_distances_and_resolutions_are_not_millions_or_thousands() {
    for text in [
        "She won the 60m hurdles.",
        "The 800m runners lined up.",
        "He holds three 200m titles.",
        "They sold 2k projectors.",
    ] {
        assert!(
            find_quantities(text)
                .iter()
                .all(|q| q.value.low.is_none_or(|n| n < 1e5)),
            "{text}: {:?}",
            find_quantities(text)
        );
    }
    assert_eq!(
        value_of("It shipped 1m barrels.", "1m barrels").1,
        Some(1e6)
    );
}

#[test]
fn a_plural_head_noun_after_adjectives_is_still_counted() {
    let text = "He bought the four big public banks and the six unedited reel-to-reel tapes.";
    assert_eq!(value_of(text, "four big public banks").1, Some(4.0));
    assert_eq!(
        value_of(text, "six unedited reel-to-reel tapes").1,
        Some(6.0)
    );
}

#[test]
fn names_with_numbers_are_not_counts() {
    assert!(find_quantities("Work stopped at the Three Gorges Dam.").is_empty());
    assert!(find_quantities("The index passed the 25,000 mark.").is_empty());
    let text = "Analysts expect the two companies develop refineries.";
    assert_eq!(find_quantities(text).len(), 1);
}

#[test]
fn a_capitalized_cent_is_a_name() {
    assert!(
        find_quantities("Jay-Z and 50 Cent used the studio.")
            .iter()
            .all(|q| q.kind != ClaimKind::Money)
    );
}

#[test]
fn an_elided_noun_is_never_a_year_s_name() {
    let text = "It blamed fans for the 1989 Hillsborough disaster, in which 96 died.";
    let (_, _, _, v) = value_of(text, "96");
    assert_eq!(v.subject.as_deref(), Some("people died"));
}

#[test]
fn digits_parse_as_with_their_separators_removed() {
    let plain =
        |s: &str| -> Option<f64> { s.replace([',', ' ', '\u{A0}', '\u{202F}'], "").parse().ok() };
    let long = "1".repeat(60);
    for s in [
        "10,000",
        "350 000",
        "1\u{A0}200\u{202F}300",
        "2.5",
        "1,234.56",
        "",
        ",",
        "12a",
        "١٢",
        long.as_str(),
        "0.000000000000000000000000000000000000001",
    ] {
        assert_eq!(parse_digits(s), plain(s), "{s:?}");
    }
}

#[test]
fn scale_words_are_read_in_any_case_and_nothing_else_scales() {
    for (word, scale) in [
        ("million", 1e6),
        (" Million ", 1e6),
        ("BN", 1e9),
        ("trillion", 1e12),
        ("Thousand", 1e3),
        ("crores", 1e7),
        ("", 1.0),
        ("millions", 1.0),
        ("trillions", 1.0),
        ("milliön", 1.0),
    ] {
        assert_eq!(scale_value(word), scale, "{word:?}");
    }
}

#[test]
fn a_percentage_of_something_after_a_line_break_has_its_subject() {
    for text in [
        "Nearly 40 percent of\nvoters stayed home.",
        "Nearly 40 percent of the voters stayed home.",
        "Nearly 40 percent of  voters stayed home.",
    ] {
        let claims = crate::extract::claims_in(text, None);
        let subject = claims.iter().find_map(|c| c.value.subject());
        assert_eq!(subject, Some("voters"), "{text:?}");
    }
}
