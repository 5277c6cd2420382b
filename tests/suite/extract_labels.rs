//! Extraction meets the hand labels: kinds, exact offsets, values, and no not-claims.

use serde_json::Value;

use super::common::*;

fn same(label: &Value, got: &Value) -> bool {
    match (label.as_f64(), got.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        _ => label == got,
    }
}

/// Checks `article` against its labels; with `exact`, no claim beyond the labelled ones.
fn check(article: &str, labels: &str, exact: bool) {
    let labels: Value = serde_json::from_str(&read(labels)).unwrap();
    let t = Test::new();
    let published = labels["published"].as_str().unwrap();
    let out = t
        .ok(&[
            "extract",
            article,
            "--published",
            published,
            "--format",
            "json",
        ])
        .json();
    let body = read(article);
    let claims = out["claims"].as_array().unwrap();
    for c in claims {
        let text = chars(
            &body,
            c["start"].as_u64().unwrap(),
            c["end"].as_u64().unwrap(),
        );
        assert_eq!(
            c["text"],
            text.as_str(),
            "text must equal the body at its offsets"
        );
    }
    for l in labels["claims"].as_array().unwrap() {
        let got = claims
            .iter()
            .find(|c| c["start"] == l["start"] && c["end"] == l["end"] && c["kind"] == l["kind"])
            .unwrap_or_else(|| panic!("{article}: missing {l}\ngot: {claims:#?}"));
        assert_eq!(got["text"], l["text"]);
        for (k, v) in l["value"].as_object().unwrap() {
            assert!(
                same(v, &got["value"][k]),
                "{article}: {} value.{k}: want {v}, got {}",
                l["text"],
                got["value"][k]
            );
        }
    }
    for n in labels["not_claims"].as_array().unwrap() {
        let (s, e) = (n["start"].as_u64().unwrap(), n["end"].as_u64().unwrap());
        let hit = claims
            .iter()
            .find(|c| c["start"].as_u64().unwrap() < e && s < c["end"].as_u64().unwrap());
        assert!(hit.is_none(), "{article}: not a claim: {n}, got {hit:?}");
    }
    if exact {
        assert_eq!(
            claims.len(),
            labels["claims"].as_array().unwrap().len(),
            "{claims:#?}"
        );
    }
}

#[test]
fn seed_article_meets_its_labels_exactly() {
    let Some(shared) = shared() else { return };
    check(
        &shared
            .join("articles/khalilzad-2021-05-04.txt")
            .display()
            .to_string(),
        &shared
            .join("labels/khalilzad-2021-05-04.json")
            .display()
            .to_string(),
        true,
    );
}

#[test]
fn our_seed_model_fixture_meets_its_labels_exactly() {
    check(
        &fixture("articles/khalilzad.txt"),
        &fixture("labels/khalilzad.json"),
        true,
    );
}

#[test]
fn extract_reads_stdin_and_reports_where_the_date_came_from() {
    let t = Test::new();
    let body = read(fixture("articles/khalilzad.txt"));
    let out = t
        .run_stdin(&["extract", "-", "--format", "json"], &body)
        .success()
        .json();
    assert_eq!(out["article"]["published"], "2021-05-04");
    assert_eq!(out["article"]["published_from"], "dateline");
    assert_eq!(out["claims"][0]["id"], Value::Null);
    let out = t
        .run_stdin(
            &[
                "extract",
                "-",
                "--published",
                "2021-05-05",
                "--format",
                "json",
            ],
            &body,
        )
        .success()
        .json();
    assert_eq!(out["article"]["published_from"], "flag");
    let y = out["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == "yesterday")
        .unwrap();
    assert_eq!(y["value"]["date"], "2021-05-04");
}
