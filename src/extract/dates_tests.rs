//! Tests of dates: written forms, years and weeks left out, relative phrases, holidays.
use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn one(text: &str, published: &str) -> DateMatch {
    let found = find_dates(text, Some(d(published)));
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.into_iter().next().unwrap()
}

#[test]
fn written_forms_of_one_date() {
    for text in [
        "May 4, 2021",
        "May 4th, 2021",
        "4 May 2021",
        "on Tuesday, May 4",
        "Tue., May 4, 2021",
        "Tuesday the 4th of May",
        "2021-05-04",
    ] {
        let m = one(text, "2021-05-10");
        assert_eq!(m.value.date, Some(d("2021-05-04")), "{text}");
    }
}

#[test]
fn year_is_inferred_across_a_year_boundary() {
    let m = one("on Friday, December 31", "2022-01-02");
    assert_eq!(m.value.date, Some(d("2021-12-31")));
    assert!(m.value.year_inferred);
    assert_eq!(m.value.weekday.as_deref(), Some("Friday"));
}

#[test]
fn impossible_dates_are_kept_as_invalid() {
    let m = one("on April 31", "2021-05-04");
    assert!(!m.value.valid);
    assert_eq!(m.value.date, None);
    assert!(!one("February 29", "2022-03-01").value.valid);
    assert!(one("February 29", "2024-03-01").value.valid);
    assert!(find_dates("May 45", Some(d("2021-05-04"))).is_empty());
}

#[test]
fn relative_dates_resolve_against_publication() {
    let p = "2021-05-04"; // a Tuesday
    assert_eq!(one("yesterday", p).value.date, Some(d("2021-05-03")));
    assert_eq!(one("Tomorrow", p).value.date, Some(d("2021-05-05")));
    assert_eq!(one("last Friday", p).value.date, Some(d("2021-04-30")));
    assert_eq!(one("next Monday", p).value.date, Some(d("2021-05-10")));
    assert_eq!(one("two days ago", p).value.date, Some(d("2021-05-02")));
    assert_eq!(one("met on Thursday", p).value.date, Some(d("2021-04-29")));
    assert_eq!(
        one("will meet on Thursday", p).value.date,
        Some(d("2021-05-06"))
    );
}

#[test]
fn a_full_date_wins_over_the_relative_words_before_it() {
    let text = "he left last Monday, May 3 and came back";
    let m = one(text, "2021-05-04");
    assert_eq!(&text[m.start..m.end], "Monday, May 3");
    assert_eq!(m.value.date, Some(d("2021-05-03")));
    assert_eq!(m.value.relative, None);
}

#[test]
fn names_are_not_dates() {
    assert!(find_dates("read USA Today daily", Some(d("2021-05-04"))).is_empty());
    assert!(find_dates("on Good Friday", Some(d("2021-05-04"))).is_empty());
    assert!(find_dates("Mayor 5 said", Some(d("2021-05-04"))).is_empty());
}

fn date_in(text: &str, quote: &str, published: &str) -> Option<NaiveDate> {
    let found = find_dates(text, Some(d(published)));
    found
        .iter()
        .find(|m| &text[m.start..m.end] == quote)
        .unwrap_or_else(|| panic!("{text}: no date \"{quote}\" in {found:?}"))
        .value
        .date
}

#[test]
fn a_year_left_out_follows_the_tense_when_the_date_is_far() {
    let p = "1999-05-06";
    // Past tense: the latest Oct. 23 on or before publication, though 1999's is nearer.
    assert_eq!(
        date_in("The ceasefire was signed on Oct. 23.", "Oct. 23", p),
        Some(d("1998-10-23"))
    );
    // Future tense, and deadlines or infinitives: the earliest on or after it.
    assert_eq!(
        date_in("The talks will resume on March 1.", "March 1", p),
        Some(d("2000-03-01"))
    );
    assert_eq!(
        date_in(
            "The offer had been set to expire Nov. 6.",
            "Nov. 6",
            "1989-11-02"
        ),
        Some(d("1989-11-06"))
    );
    // Near publication the nearest reading stands whatever the verb.
    assert_eq!(
        date_in("Shares fell on Dec. 28.", "Dec. 28", "2022-01-02"),
        Some(d("2021-12-28"))
    );
}

#[test]
fn a_bare_weekday_follows_the_tense_of_its_clause() {
    let p = "2000-01-07"; // a Friday
    assert_eq!(
        date_in("Protesters planned a march on Saturday.", "Saturday", p),
        Some(d("2000-01-08"))
    );
    assert_eq!(
        date_in("Castro attended a rally Thursday.", "Thursday", p),
        Some(d("2000-01-06"))
    );
    // Another sentence's "will" does not make this one future.
    assert_eq!(
        date_in(
            "He will speak. The quake struck before dawn on Monday.",
            "Monday",
            p
        ),
        Some(d("2000-01-03"))
    );
    assert_eq!(
        date_in("They vowed to fight Wednesday's ruling.", "Wednesday", p),
        Some(d("2000-01-05"))
    );
    assert_eq!(
        date_in("Talks are due to end before Sunday.", "Sunday", p),
        Some(d("2000-01-09"))
    );
    // "this" as a reader takes it: the coming one in a plan, the past one in a report.
    assert_eq!(
        date_in("They will meet this Tuesday.", "this Tuesday", p),
        Some(d("2000-01-11"))
    );
    assert_eq!(
        date_in("They met this Tuesday.", "this Tuesday", p),
        Some(d("2000-01-04"))
    );
    // "last Friday" excludes the publication day itself.
    assert_eq!(
        date_in("It happened last Friday.", "last Friday", p),
        Some(d("1999-12-31"))
    );
}

#[test]
fn phrases_that_are_not_yesterday_or_not_a_day() {
    let p = "2021-05-04";
    let m = one("He arrived the day before yesterday.", p);
    assert_eq!(
        m.value.relative.as_deref(),
        Some("the day before yesterday")
    );
    assert_eq!(m.value.date, Some(d("2021-05-02")));
    assert_eq!(
        one("It ends the day after tomorrow.", p).value.date,
        Some(d("2021-05-06"))
    );
    for (text, rel) in [
        ("Prices were higher a year ago.", "a year ago"),
        ("Sales were lower a year earlier.", "a year earlier"),
        ("It rained last week.", "last week"),
        ("Talks resume next week.", "next week"),
    ] {
        let m = one(text, p);
        assert_eq!(m.value.relative.as_deref(), Some(rel), "{text}");
        assert_eq!(m.value.date, None, "{text}: not one day");
    }
}

#[test]
fn fixed_date_holidays() {
    assert_eq!(
        date_in(
            "Shops closed on Christmas Day.",
            "Christmas Day",
            "2021-01-03"
        ),
        Some(d("2020-12-25"))
    );
    assert_eq!(
        date_in(
            "Fireworks will mark New Year\u{2019}s Eve.",
            "New Year\u{2019}s Eve",
            "2021-12-20"
        ),
        Some(d("2021-12-31"))
    );
    assert_eq!(
        date_in("Parties were held on Halloween.", "Halloween", "2021-11-02"),
        Some(d("2021-10-31"))
    );
}

#[test]
fn weekday_names_are_read_by_their_first_three_letters_in_any_case() {
    use chrono::Weekday;
    for (name, day) in [
        ("Monday", Some(Weekday::Mon)),
        ("TUES", Some(Weekday::Tue)),
        ("wed", Some(Weekday::Wed)),
        ("Sunday,", Some(Weekday::Sun)),
        ("Mo", None),
        ("", None),
        ("Mö", None),
        ("May", None),
    ] {
        assert_eq!(parse_weekday(name), day, "{name:?}");
    }
}
