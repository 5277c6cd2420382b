//! The consistency report: planted inconsistencies found, traps left alone, the seed's
//! findings exactly, dismissal, --fail-on, and the `check` main job.

use serde_json::Value;

use super::common::*;

fn load_check_fixtures(t: &Test) -> Value {
    let expected: Value = serde_json::from_str(&read(fixture("checks/expected.json"))).unwrap();
    for a in expected["articles"].as_array().unwrap() {
        let path = fixture(&format!("checks/{}", a["file"].as_str().unwrap()));
        let mut args = vec!["ingest", path.as_str()];
        if let Some(s) = a["story"].as_str() {
            args.extend(["--story", s]);
        }
        t.ok(&args);
    }
    expected
}

fn file_of(t: &Test, article_id: &str) -> String {
    let out = t.ok(&["articles", "--format", "json"]).json();
    let a = out
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == article_id)
        .unwrap()
        .clone();
    a["source_path"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn every_planted_inconsistency_is_found_and_no_trap_is_flagged() {
    let t = Test::new();
    let expected = load_check_fixtures(&t);
    let report = t.ok(&["report", "--format", "json"]).json();
    let found: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                file_of(&t, f["claims"][0]["article_id"].as_str().unwrap()),
                f["rule"].as_str().unwrap().to_string(),
                f["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let planted: Vec<(String, String, String)> = expected["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(planted.len() >= 15 && expected["traps"].as_array().unwrap().len() >= 20);
    for p in &planted {
        assert!(found.contains(p), "missed {p:?}\nfound: {found:#?}");
    }
    for f in &found {
        assert!(planted.contains(f), "flagged something not planted: {f:?}");
    }
    for trap in expected["traps"].as_array().unwrap() {
        let text = trap["text"].as_str().unwrap();
        assert!(
            !found
                .iter()
                .any(|f| f.0 == trap["file"] && f.2.contains(text)),
            "trap flagged: {trap}"
        );
    }
}

#[test]
fn findings_have_the_documented_shape_severity_and_order() {
    let t = Test::new();
    load_check_fixtures(&t);
    let report = t.ok(&["report", "--format", "json"]).json();
    let findings = report["findings"].as_array().unwrap();
    for f in findings {
        for key in ["id", "rule", "severity", "message", "suggestion", "claims"] {
            assert!(f.get(key).is_some(), "finding lacks {key}");
        }
        let want = if f["rule"] == "number-conflict" {
            "warning"
        } else {
            "error"
        };
        assert_eq!(f["severity"], want);
        for c in f["claims"].as_array().unwrap() {
            for key in ["id", "article_id", "text", "start", "end"] {
                assert!(c.get(key).is_some(), "finding claim lacks {key}");
            }
        }
    }
    // Same rule on the same claims: the same id on every run.
    let again = t.ok(&["report", "--format", "json"]).json();
    assert_eq!(report, again);
    let only = t
        .ok(&[
            "report",
            "--format",
            "json",
            "--rule",
            "invalid-date",
            "--story",
            "council",
        ])
        .json();
    assert_eq!(only["findings"].as_array().unwrap().len(), 3);
    let april = only["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["text"] == "April 31")
        .unwrap();
    assert_eq!(april["suggestion"], "April 30 or May 1?");
    assert!(
        april["message"]
            .as_str()
            .unwrap()
            .contains("April 2024 (year from the publication date) has 30 days")
    );
    let r = t.run(&["report", "--rule", "bogus"]).usage();
    assert!(r.stderr().contains("number-conflict"));
}

/// (rule, text, start, end) of each finding, sorted.
fn spans(findings: &Value) -> Vec<(String, String, u64, u64)> {
    let mut out: Vec<_> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().into(),
                f["text"].as_str().unwrap().into(),
                f["start"].as_u64().unwrap(),
                f["end"].as_u64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn seed_gives_exactly_its_labelled_findings() {
    let Some(shared) = shared() else { return };
    let labels: Value =
        serde_json::from_str(&read(shared.join("labels/khalilzad-2021-05-04.json"))).unwrap();
    let t = Test::new();
    let article = shared
        .join("articles/khalilzad-2021-05-04.txt")
        .display()
        .to_string();
    for out in [
        t.ok(&["extract", &article, "--format", "json"]).json(),
        t.ok(&["check", &article, "--format", "json"]).json(),
    ] {
        let got = spans(&out["findings"]);
        let want = spans(&labels["findings"]);
        assert_eq!(got, want);
        for f in out["findings"].as_array().unwrap() {
            assert_eq!(f["suggestion"], "Monday, May 3", "triangulated suggestion");
        }
    }
}

#[test]
fn dismissed_findings_hide_until_their_claims_change() {
    let t = Test::new();
    let out = t
        .ok(&[
            "check",
            &fixture("articles/khalilzad.txt"),
            "--format",
            "json",
        ])
        .json();
    let findings = out["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    let id = findings[1]["id"].as_str().unwrap();
    let r = t.run(&["dismiss", &id[..6], "--note", ""]).usage();
    assert!(r.stderr().contains("--note"));
    t.ok(&[
        "dismiss",
        &id[..6],
        "--note",
        "the source's own correction says May 4",
        "--by",
        "ana",
    ]);
    let after = t.ok(&["report", "--format", "json"]).json();
    assert_eq!(after["findings"].as_array().unwrap().len(), 1);
    let all = t.ok(&["report", "--format", "json", "--all"]).json();
    assert_eq!(all["findings"].as_array().unwrap().len(), 2);
    let claim = findings[1]["claims"][0]["id"].as_str().unwrap();
    let h = t.ok(&["history", claim, "--format", "json"]).json();
    assert_eq!(h[0]["action"], "dismiss");
    assert_eq!(h[0]["actor"], "ana");
    assert_eq!(h[0]["note"], "the source's own correction says May 4");
}

#[test]
fn fail_on_and_markdown() {
    let t = Test::new();
    let r = t
        .run(&[
            "check",
            &fixture("articles/khalilzad.txt"),
            "--fail-on",
            "error",
        ])
        .failure();
    assert!(r.stdout().contains("weekday-mismatch"));
    assert!(
        r.stderr().contains("2 findings at or above error severity"),
        "{}",
        r.stderr()
    );
    t.ok(&[
        "report",
        "--rule",
        "number-conflict",
        "--fail-on",
        "warning",
    ]);
    let md = t.ok(&["report", "--format", "markdown"]).stdout();
    assert!(
        md.contains("**yesterday (Monday, May 4)**") && md.contains("Suggestion: Monday, May 3"),
        "{md}"
    );
    let table = t.ok(&["report"]).stdout();
    assert!(
        table.contains("»Monday, May 4«") && table.contains("2 findings: 2 errors"),
        "{table}"
    );
}

#[test]
fn check_reingests_idempotently_and_reports_only_its_articles() {
    let t = Test::new();
    t.ok(&[
        "ingest",
        &fixture("checks/c-leap.txt"),
        "--story",
        "council",
    ]);
    let out = t
        .ok(&[
            "check",
            &fixture("articles/khalilzad.txt"),
            "--format",
            "json",
        ])
        .json();
    assert_eq!(out["articles"].as_array().unwrap().len(), 1);
    assert_eq!(out["claims"].as_array().unwrap().len(), 8);
    assert_eq!(out["findings"].as_array().unwrap().len(), 2);
    t.ok(&["check", &fixture("articles/khalilzad.txt")]);
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM articles"), 2);
}

#[test]
fn report_rows_name_their_claims_and_dismiss_takes_several_from_stdin() {
    let t = Test::new();
    t.with_fixture();
    let table = t.ok(&["report"]).stdout();
    assert!(table.contains("#3 #4") && table.contains("#4"), "{table}");
    // The article's number stands beside the finding id.
    assert!(
        table
            .lines()
            .any(|l| l.split_whitespace().nth(3) == Some("1")),
        "{table}"
    );
    let claims = t.ok(&["claims"]).stdout();
    assert!(
        claims
            .lines()
            .any(|l| l.split_whitespace().nth(3) == Some("1")),
        "article number column:\n{claims}"
    );
    let ids: Vec<String> = t.ok(&["report", "--format", "json"]).json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap()[..8].to_string())
        .collect();
    let stdin = ids.join("\n");
    let r = t
        .run_stdin(&["dismiss", "-", "--note", "checked", "--dry-run"], &stdin)
        .success();
    assert_eq!(r.stdout().matches("dry run").count(), 2, "{}", r.stdout());
    assert_eq!(
        t.ok(&["report", "--format", "json"]).json()["findings"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    t.run_stdin(&["dismiss", "-", "--note", "checked"], &stdin)
        .success();
    assert_eq!(
        t.ok(&["report", "--format", "json"]).json()["findings"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn measures_of_the_same_thing_conflict_across_units_only_when_they_cannot_both_hold() {
    let t = Test::new();
    let conflict = t.write(
        "fire.txt",
        "Fire front grows\n\nTuesday March 12th, 2024\n\nFirefighters were battling a 25-kilometre fire front near the town on Tuesday, officials said.\n\nPolice said crews were battling a 40-mile fire front near the town on Tuesday.\n",
    );
    let agree = t.write(
        "fire2.txt",
        "Second fire\n\nTuesday March 12th, 2024\n\nCrews fought a 16-kilometre fire front in the hills on Tuesday, officials said.\n\nPolice described a 10-mile fire front in the hills on Tuesday.\n",
    );
    let out = t
        .ok(&["check", &conflict, &agree, "--format", "json"])
        .json();
    let findings: Vec<&serde_json::Value> = out["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "number-conflict")
        .collect();
    assert_eq!(findings.len(), 1, "{out}");
    let msg = findings[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("\"40-mile\" (40 mi)") && msg.contains("\"25-kilometre\" (25 km)"),
        "{msg}"
    );
}

#[test]
fn correcting_a_measure_keeps_its_si_range_in_step() {
    let t = Test::new();
    let f = t.write(
        "boat.txt",
        "Boat seized\n\nTuesday March 12th, 2024\n\nOfficers seized 40kg of cocaine from a nine-metre yacht, police said.\n",
    );
    t.ok(&["ingest", &f]);
    let claims = t
        .ok(&["claims", "--kind", "measure", "--format", "json"])
        .json();
    let kg = claims
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == "40kg")
        .unwrap();
    assert_eq!(kg["value"]["si_low"], 40);
    let n = kg["number"].to_string();
    t.ok(&["edit", &n, "--value", "400", "--unit", "tonnes"]);
    let shown = t.ok(&["show", &n, "--format", "json"]).json();
    assert_eq!(shown["claim"]["value"]["si_low"], 400000);
    assert_eq!(shown["claim"]["value"]["quantity"], "mass");
    let run = t.run(&["edit", &n, "--unit", "furlongs"]).failure();
    assert!(
        run.stderr().contains("'furlongs' is not a unit"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_long_article_extracted_streaming_has_the_findings_a_workspace_check_gives() {
    // Thousands of claims, so that extract's parts and windows end all through the text,
    // with contradicting figures far apart.
    let unit = "Yesterday (Monday, May 4) the envoy arrived. Officials said 12 soldiers \
                died in the attack. On Sunday, May 9, talks began. About 40 percent of \
                voters backed the plan. April 31 was quiet. ";
    let odd = "Officials said 15 soldiers died in the attack. Some 70 percent of voters \
               backed the plan. ";
    let mut body = String::from("Tuesday May 4th, 2021\n\n");
    for i in 0..700 {
        body.push_str(unit);
        if i % 97 == 50 {
            body.push_str(odd);
        }
    }
    let t = Test::new();
    let f = t.write("long.txt", &body);
    let extracted = t.ok(&["extract", &f, "--format", "json"]).json();
    let checked = t.ok(&["check", &f, "--format", "json"]).json();
    assert!(extracted["claims"].as_array().unwrap().len() > 3000);
    let (got, want) = (spans(&extracted["findings"]), spans(&checked["findings"]));
    for rule in [
        "relative-date-mismatch",
        "weekday-mismatch",
        "invalid-date",
        "number-conflict",
    ] {
        assert!(got.iter().any(|f| f.0 == rule), "no {rule}");
    }
    assert_eq!(got.len(), want.len());
    assert_eq!(got, want);
    // CSV streams the same claims, a row each, in text order.
    let csv = t.ok(&["extract", &f, "--format", "csv"]).stdout();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let text_at = headers
        .iter()
        .position(|h| h == "text")
        .expect("a text column");
    let start_at = headers
        .iter()
        .position(|h| h == "start")
        .expect("a start column");
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[text_at].to_string(), r[start_at].to_string())
        })
        .collect();
    let claims: Vec<(String, String)> = extracted["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["text"].as_str().unwrap().to_string(),
                c["start"].to_string(),
            )
        })
        .collect();
    assert_eq!(rows, claims);
}
