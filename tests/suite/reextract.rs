//! `reextract`: stored articles read again; reviewed claims are never changed.

use super::common::*;

#[test]
fn reextract_adds_updates_unreviewed_keeps_reviewed_and_records_history() {
    let t = Test::sqlite();
    let claims = t.with_fixture();
    let provinces = id_of(&claims, "more than 20 provinces");
    let civilians = id_of(&claims, "More than 100 civilians");
    // An older extractor: one claim misread and one never found, and a reviewer verified
    // another claim that an older extractor read differently.
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    conn.execute(
        "UPDATE claims SET value_low = 2 WHERE number = (SELECT number FROM claim_ids WHERE id = ?1)",
        [&provinces],
    )
    .unwrap();
    conn.execute("DELETE FROM claims WHERE text = 'more than 40 years'", [])
        .unwrap();
    drop(conn);
    t.ok(&["mark", &civilians, "verified", "--by", "desk"]);
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    conn.execute(
        "UPDATE claims SET value_low = 90 WHERE number = (SELECT number FROM claim_ids WHERE id = ?1)",
        [&civilians],
    )
    .unwrap();
    drop(conn);

    let r = t.ok(&["reextract", "--by", "robot", "--format", "json"]);
    let changes = r.json()["changes"].as_array().unwrap().clone();
    let result_of = |text: &str| -> Vec<String> {
        changes
            .iter()
            .filter(|c| c["text"] == text)
            .map(|c| c["result"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(result_of("more than 40 years"), ["added"]);
    assert_eq!(result_of("more than 20 provinces"), ["updated"]);
    assert_eq!(result_of("More than 100 civilians"), ["kept (reviewed)"]);
    assert_eq!(r.json()["articles"], 1);

    // The unreviewed claim follows the new reading; the reviewed one keeps its value.
    let low = |id: &str| {
        t.sql::<f64>(&format!("SELECT value_low FROM claims WHERE number = (SELECT number FROM claim_ids WHERE id = '{id}')"))
    };
    assert_eq!(low(&provinces), 20.0);
    assert_eq!(low(&civilians), 90.0);
    // Every change is in the history, by the actor given.
    let h = t.ok(&["history", &provinces, "--format", "json"]).json();
    let last = h.as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["action"].as_str(), last["actor"].as_str()),
        (Some("reextract"), Some("robot"))
    );
    assert_eq!(
        (last["from"].as_str(), last["to"].as_str()),
        (Some("low=2"), Some("low=20"))
    );
    let h = t.ok(&["history", &civilians, "--format", "json"]).json();
    let last = h.as_array().unwrap().last().unwrap().clone();
    assert!(last["note"].as_str().unwrap().contains("low=100"), "{last}");
    assert_eq!(
        t.sql::<String>(&format!(
            "SELECT status FROM claims WHERE number = (SELECT number FROM claim_ids WHERE id = '{civilians}')"
        )),
        "verified"
    );

    // Read again: nothing left to change.
    let again = t.ok(&["reextract", "--format", "json"]).json();
    let results: Vec<&str> = again["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["result"].as_str().unwrap())
        .collect();
    assert_eq!(results, ["kept (reviewed)"]);
}

#[test]
fn reextract_of_an_unknown_article_is_an_error_that_changes_nothing() {
    let t = Test::new();
    t.with_fixture();
    let before: i64 = t.sql("SELECT count(*) FROM claim_history");
    let r = t.run(&["reextract", "ffffffff"]);
    assert_ne!(r.code(), 0);
    assert!(r.stderr().contains("ffffffff"), "{}", r.stderr());
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM claim_history"), before);
}
