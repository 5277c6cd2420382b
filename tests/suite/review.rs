//! The review workflow: mark, assign, add, show, history; all or nothing.

use super::common::*;

#[test]
fn mark_records_status_note_evidence_and_history() {
    let t = Test::new();
    let claims = t.with_fixture();
    let id = id_of(&claims, "more than 350,000");
    // A prefix of 20 or more characters that no other claim shares: claims stored in one
    // millisecond share 14 characters of time, and now and then 20.
    let unique = (20..id.len())
        .find(|&n| {
            claims
                .iter()
                .filter(|c| c["id"].as_str().unwrap().starts_with(&id[..n]))
                .count()
                == 1
        })
        .unwrap_or(id.len());
    t.ok(&["mark", &id[..unique], "in-review", "--by", "desk-editor"]);
    t.ok(&[
        "mark",
        &id,
        "verified",
        "--note",
        "MoD figure, April 2021",
        "--evidence",
        "https://example.org/mod",
        "--by",
        "desk-editor",
    ]);
    let show = t.ok(&["show", &id, "--format", "json"]).json();
    assert_eq!(show["claim"]["status"], "verified");
    assert_eq!(show["evidence"][0]["url"], "https://example.org/mod");
    assert_eq!(show["evidence"][0]["stance"], "supports");
    assert_eq!(
        show["link"],
        "https://example.org/k#:~:text=more%20than%20350%2C000"
    );
    let h = t.ok(&["history", &id, "--format", "json"]).json();
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(
        (
            h[0]["from"].as_str(),
            h[0]["to"].as_str(),
            h[0]["actor"].as_str()
        ),
        (Some("unchecked"), Some("in-review"), Some("desk-editor"))
    );
    assert_eq!(h[1]["note"], "MoD figure, April 2021");
    assert_eq!(h[1]["evidence_url"], "https://example.org/mod");
    let text = t.ok(&["show", &id]).stdout();
    assert!(
        text.contains("verified") && text.contains("#:~:text=") && text.contains("MoD figure"),
        "{text}"
    );
}

#[test]
fn actor_falls_back_to_environment_then_unknown() {
    let t = Test::new();
    let claims = t.with_fixture();
    let id = id_of(&claims, "yesterday");
    t.cmd()
        .args(["mark", &id, "in-review"])
        .env("USER", "sam")
        .assert()
        .success();
    t.cmd()
        .args(["mark", &id, "verified"])
        .env("USER", "sam")
        .env("CLAIMDESK_USER", "ana")
        .assert()
        .success();
    t.ok(&["mark", &id, "disputed", "--note", "UN count is lower"]);
    let h = t.ok(&["history", &id, "--format", "json"]).json();
    let actors: Vec<_> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["actor"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(actors, ["sam", "ana", "unknown"]);
}

#[test]
fn failed_mark_of_three_claims_changes_none() {
    let t = Test::new();
    let claims = t.with_fixture();
    let a = id_of(&claims, "yesterday");
    let b = id_of(&claims, "Monday, May 4");
    let r = t.run(&["mark", &a, &b, "ffffffff", "verified"]).failure();
    assert!(r.stderr().contains("ffffffff"), "{}", r.stderr());
    assert_eq!(
        t.sql::<i64>("SELECT count(*) FROM claims WHERE status != 'unchecked'"),
        0
    );
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM claim_history"), 0);
}

#[test]
fn unknown_status_and_bad_evidence_are_errors() {
    let t = Test::new();
    let claims = t.with_fixture();
    let a = id_of(&claims, "yesterday");
    let r = t.run(&["mark", &a, "done"]).usage();
    assert!(
        r.stderr()
            .contains("unchecked, in-review, verified, disputed, unverifiable"),
        "{}",
        r.stderr()
    );
    let r = t
        .run(&["mark", &a, "verified", "--evidence", "ftp://example.org/x"])
        .failure();
    assert!(r.stderr().contains("ftp://example.org/x"), "{}", r.stderr());
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM claim_history"), 0);
}

#[test]
fn prefixes_resolve_like_git() {
    let t = Test::new();
    let claims = t.with_fixture();
    let r = t.run(&["show", "0"]).failure();
    assert!(
        r.stderr().contains("ambiguous") && r.stderr().contains(claims[0]["id"].as_str().unwrap()),
        "{}",
        r.stderr()
    );
    let r = t.run(&["show", "ffff0000"]).failure();
    assert!(
        r.stderr().contains("no claim with id 'ffff0000'"),
        "{}",
        r.stderr()
    );
    let r = t.run(&["show", "not-hex!"]).failure();
    assert!(r.stderr().contains("not-hex!"), "{}", r.stderr());
    // Every number resolves to its own claim, and the table's first column is the number.
    let table = t.ok(&["claims"]).stdout();
    for c in &claims {
        let n = c["number"].as_i64().expect("a number in JSON").to_string();
        assert!(
            table
                .lines()
                .any(|l| l.split_whitespace().nth(1) == Some(n.as_str())),
            "{n} not first in a row of\n{table}"
        );
        assert_eq!(
            t.ok(&["show", &n, "--format", "json"]).json()["claim"]["id"],
            c["id"]
        );
        // A UUID prefix works with or without its hyphens.
        let full = c["id"].as_str().unwrap();
        let bare: String = full.chars().filter(|ch| *ch != '-').collect();
        assert_eq!(
            t.ok(&["show", &bare[..20], "--format", "json"]).json()["claim"]["id"],
            full
        );
    }
    // Numbers are consecutive from 1, in reading order of the first article.
    let numbers: Vec<i64> = claims
        .iter()
        .map(|c| c["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, (1..=claims.len() as i64).collect::<Vec<_>>());
    let r = t.run(&["show", "999"]).failure();
    assert!(
        r.stderr().contains("no claim with id '999'"),
        "{}",
        r.stderr()
    );
    // An article by number too.
    let a = t.ok(&["articles", "--format", "json"]).json();
    assert_eq!(a[0]["number"], 1);
    t.ok(&["read", "1"]);
}

#[test]
fn assign_unassign_and_filters() {
    let t = Test::new();
    let claims = t.with_fixture();
    let a = id_of(&claims, "yesterday");
    let b = id_of(&claims, "more than 20 provinces");
    t.ok(&["assign", &a, &b, "desk-editor"]);
    assert_eq!(t.claims(&["--assignee", "desk-editor"]).len(), 2);
    t.ok(&["unassign", &a]);
    assert_eq!(t.claims(&["--assignee", "desk-editor"]).len(), 1);
    t.ok(&["mark", &b, "verified"]);
    assert_eq!(t.claims(&["--status", "unchecked"]).len(), 7);
    assert_eq!(
        t.claims(&["--status", "verified", "--kind", "count"]).len(),
        1
    );
    assert_eq!(t.claims(&["--kind", "date"]).len(), 4);
    assert_eq!(t.claims(&["--story", "afghan", "--limit", "3"]).len(), 3);
    assert_eq!(t.claims(&["--story", "other"]).len(), 0);
    let article = claims[0]["article_id"].as_str().unwrap();
    assert_eq!(t.claims(&["--article", &article[..13]]).len(), 8);
    let h = t.ok(&["history", &a, "--format", "json"]).json();
    let actions: Vec<_> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(actions, ["assign", "unassign"]);
    let r = t.run(&["claims", "--status", "nope"]).usage();
    assert!(r.stderr().contains("valid:"));
}

#[test]
fn add_takes_offsets_from_the_body() {
    let t = Test::new();
    let claims = t.with_fixture();
    let article = claims[0]["article_id"].as_str().unwrap();
    let body = read(fixture("articles/khalilzad.txt"));
    let out = t.ok(&["add", article, "--quote", "party leaders", "--by", "ana"]);
    assert!(
        out.stdout().contains("added other claim"),
        "{}",
        out.stdout()
    );
    let added = t.claims(&["--kind", "other"]);
    assert_eq!(added.len(), 1);
    let c = &added[0];
    assert_eq!(c["origin"], "manual");
    assert_eq!(
        chars(
            &body,
            c["start"].as_u64().unwrap(),
            c["end"].as_u64().unwrap()
        ),
        "party leaders"
    );
    // The second occurrence, and a quote the extractor also reads gets its value.
    t.ok(&["add", article, "--quote", "Kabul", "--occurrence", "2"]);
    let kabul = t
        .claims(&["--kind", "other"])
        .into_iter()
        .find(|c| c["text"] == "Kabul")
        .unwrap();
    assert_eq!(
        kabul["start"].as_u64().unwrap() as usize,
        body.match_indices("Kabul")
            .nth(1)
            .map(|(i, _)| body[..i].chars().count())
            .unwrap()
    );
    let r = t.run(&["add", article, "--quote", "500 tanks"]).failure();
    assert!(r.stderr().contains("500 tanks"), "{}", r.stderr());
    let r = t
        .run(&["add", article, "--quote", "party leaders"])
        .failure();
    assert!(r.stderr().contains("already stored"), "{}", r.stderr());
    let h = t
        .ok(&["history", c["id"].as_str().unwrap(), "--format", "json"])
        .json();
    assert_eq!(h[0]["action"], "created");
    assert_eq!(h[0]["actor"], "ana");
}

#[test]
fn edit_corrects_a_value_and_the_findings_follow_at_once() {
    let t = Test::new();
    let claims = t.with_fixture();
    assert_eq!(
        t.ok(&["report", "--format", "json"]).json()["findings"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let id = id_of(&claims, "Monday, May 4");
    let out = t.ok(&[
        "edit",
        &id,
        "--date",
        "2021-05-03",
        "--note",
        "the envoy arrived on May 3",
        "--by",
        "ana",
    ]);
    assert!(out.stdout().contains("edited: date"), "{}", out.stdout());
    // May 3, 2021 was a Monday and the day before publication: both findings are gone.
    assert_eq!(
        t.ok(&["report", "--format", "json"]).json()["findings"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let h = t.ok(&["history", &id, "--format", "json"]).json();
    assert_eq!(h[0]["action"], "edit");
    assert_eq!(h[0]["from"], "date=2021-05-04");
    assert_eq!(h[0]["to"], "date=2021-05-03");
    assert_eq!(h[0]["actor"], "ana");

    let n = id_of(&claims, "more than 20 provinces");
    t.ok(&["edit", &n, "--value", "34", "--qualifier", ""]);
    let c = t.ok(&["show", &n, "--format", "json"]).json()["claim"].clone();
    assert_eq!(
        (
            c["value"]["low"].as_f64(),
            c["value"]["high"].as_f64(),
            c["value"]["qualifier"].clone()
        ),
        (Some(34.0), Some(34.0), serde_json::Value::Null)
    );
    assert!(
        t.ok(&["edit", &n, "--value", "34"])
            .stdout()
            .contains("unchanged")
    );
    assert_eq!(
        t.ok(&["history", &n, "--format", "json"])
            .json()
            .as_array()
            .unwrap()
            .len(),
        3,
        "low, high, qualifier"
    );
    let r = t.run(&["edit", &n, "--low", "abc"]).usage();
    assert!(r.stderr().contains("abc"));
    let r = t
        .run(&["edit", &n, "--low", "50", "--high", "10"])
        .failure();
    assert!(r.stderr().contains("above"));
    let r = t.run(&["edit", &n, "--date", "May 3"]).usage();
    assert!(r.stderr().contains("May 3"));
    // A field the claim's kind does not carry is refused, and nothing changes.
    let before: i64 = t.sql("SELECT count(*) FROM claim_history");
    let r = t.run(&["edit", &n, "--currency", "USD"]).failure();
    assert!(
        r.stderr().contains("a count claim has no currency"),
        "{}",
        r.stderr()
    );
    let r = t.run(&["edit", &n, "--date", "2021-05-03"]).failure();
    assert!(r.stderr().contains("no date"), "{}", r.stderr());
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM claim_history"), before);
    // With the kind changed too, the new kind's fields are accepted.
    t.ok(&["edit", &n, "--kind", "money", "--currency", "usd"]);
    let c = t.ok(&["show", &n, "--format", "json"]).json();
    assert_eq!(c["claim"]["value"]["currency"], "USD");
}

#[test]
fn concurrent_edits_of_different_fields_both_survive() {
    edits_at_once(&Test::new());
}

/// Two processes edit different fields of one claim at once, 12 times: both edits survive
/// and the history blames each editor only for their own field.
pub fn edits_at_once(t: &Test) {
    let claims = t.with_fixture();
    let n = id_of(&claims, "more than 20 provinces");
    for round in 0..12 {
        let subject = format!("provinces {round}");
        let qualifier = format!("about {round}");
        let edit = |field: &str, value: &str, by: &str| {
            let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimdesk"));
            c.arg("--db").arg(t.db()).env_remove("CLAIMDESK_DB");
            c.args(["edit", &n, field, value, "--by", by]);
            c
        };
        let mut a = edit("--subject", &subject, "ana");
        let mut b = edit("--qualifier", &qualifier, "ben");
        let (ca, cb) = (a.spawn().unwrap(), b.spawn().unwrap());
        let (oa, ob) = (
            ca.wait_with_output().unwrap(),
            cb.wait_with_output().unwrap(),
        );
        assert!(oa.status.success() && ob.status.success());
        let c = t.ok(&["show", &n, "--format", "json"]).json();
        assert_eq!(
            (
                c["claim"]["value"]["subject"].as_str(),
                c["claim"]["value"]["qualifier"].as_str()
            ),
            (Some(subject.as_str()), Some(qualifier.as_str())),
            "round {round}: one edit was lost"
        );
    }
    // Nobody is blamed for a field they did not touch.
    let h = t.ok(&["history", &n, "--format", "json"]).json();
    for row in h.as_array().unwrap() {
        let field = row["to"]
            .as_str()
            .unwrap_or("")
            .split('=')
            .next()
            .unwrap_or("");
        match row["actor"].as_str() {
            Some("ana") => assert_eq!(field, "subject", "{row}"),
            Some("ben") => assert_eq!(field, "qualifier", "{row}"),
            _ => {}
        }
    }
}

#[test]
fn hostile_text_is_shown_escaped_and_csv_formulas_are_text() {
    let t = Test::new();
    let claims = t.with_fixture();
    let a = id_of(&claims, "yesterday");
    // A note that would clear the screen, and a formula.
    t.ok(&[
        "mark",
        &a,
        "disputed",
        "--note",
        "=HYPERLINK(\"http://x\") \u{1b}[2J",
        "--by",
        "ed\u{1b}]8;;http://evil\u{7}itor",
    ]);
    let table = t.ok(&["history", &a]).stdout();
    assert!(
        !table.contains('\u{1b}') && !table.contains('\u{7}'),
        "{table}"
    );
    assert!(table.contains("\\x1b[2J"), "{table}");
    // JSON keeps the text exact: it is data.
    let json = t.ok(&["history", &a, "--format", "json"]).json();
    assert!(json[0]["note"].as_str().unwrap().contains('\u{1b}'));
    // CSV: the formula is text unless --raw-csv asks for the bytes.
    let csv = t.ok(&["history", &a, "--format", "csv"]).stdout();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    let raw = t
        .ok(&["history", &a, "--format", "csv", "--raw-csv"])
        .stdout();
    assert!(
        !raw.contains("'=HYPERLINK") && raw.contains("=HYPERLINK"),
        "{raw}"
    );
    // A URL with a control character is refused.
    let r = t
        .run(&[
            "mark",
            &a,
            "verified",
            "--evidence",
            "https://example.org/\u{1b}x",
        ])
        .failure();
    assert!(
        r.stderr().contains("not an http or https URL"),
        "{}",
        r.stderr()
    );
    assert!(!r.stderr().contains('\u{1b}'));
}

#[test]
fn stats_count_claims_and_open_findings() {
    let t = Test::new();
    let claims = t.with_fixture();
    let y = id_of(&claims, "yesterday");
    t.ok(&["mark", &y, "disputed"]);
    t.ok(&["assign", &y, "rahim"]);
    let s = t.ok(&["stats", "--format", "json"]).json();
    assert_eq!(s["by"], "status");
    assert_eq!(s["open_findings"], 2);
    let rows = s["rows"].as_array().unwrap();
    let count = |key: &str| {
        rows.iter()
            .find(|r| r["key"] == key)
            .map(|r| r["claims"].as_i64().unwrap())
    };
    assert_eq!(count("disputed"), Some(1));
    assert_eq!(count("unchecked"), Some(claims.len() as i64 - 1));
    let by = t
        .ok(&["stats", "--by", "assignee", "--format", "json"])
        .json();
    let rows = by["rows"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["key"] == "rahim" && r["claims"] == 1));
    assert!(rows.iter().any(|r| r["key"].is_null()));
    // Within a story; another story has nothing.
    let other = t
        .ok(&["stats", "--story", "nope", "--format", "json"])
        .json();
    assert_eq!(
        (
            other["rows"].as_array().unwrap().len(),
            other["open_findings"].as_i64()
        ),
        (0, Some(0))
    );
    let table = t.ok(&["stats", "--by", "kind"]).stdout();
    assert!(
        table.contains("open finding(s)") && table.contains("date"),
        "{table}"
    );
    t.run(&["stats", "--by", "colour"]).usage();
}

#[test]
fn show_lists_the_claims_open_findings_and_the_publication_date() {
    let t = Test::new();
    let claims = t.with_fixture();
    let y = id_of(&claims, "yesterday");
    let j = t.ok(&["show", &y, "--format", "json"]).json();
    let rules: Vec<&str> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["relative-date-mismatch"]);
    assert_eq!(j["article"]["published"], "2021-05-04");
    let text = t.ok(&["show", &y]).stdout();
    assert!(text.contains("published  2021-05-04"), "{text}");
    assert!(
        text.contains("findings (1)") && text.contains("suggestion: Monday, May 3"),
        "{text}"
    );
    // A dismissed finding is no longer listed.
    let id = j["findings"][0]["id"].as_str().unwrap().to_string();
    t.ok(&["dismiss", &id, "--note", "checked"]);
    let j = t.ok(&["show", &y, "--format", "json"]).json();
    assert_eq!(j["findings"].as_array().unwrap().len(), 0);
    // A claim with no finding lists none.
    let n = id_of(&claims, "more than 20 provinces");
    assert!(t.ok(&["show", &n]).stdout().contains("findings (0)"));
}

#[test]
fn edit_article_sets_the_date_and_the_report_follows_at_once() {
    let t = Test::new();
    // The seed text without its dateline: no publication date, so no date finding.
    let seed = read(fixture("articles/khalilzad.txt"));
    let undated = seed.replace("Tuesday May 4th, 2021", "");
    let f = t.write("undated.txt", &undated);
    let a = t.ok(&["ingest", &f, "--format", "json"]).json()[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let rules = |t: &Test| -> Vec<String> {
        let mut r: Vec<String> = t.ok(&["report", "--format", "json"]).json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        r.sort();
        r
    };
    assert!(rules(&t).is_empty());
    let out = t
        .ok(&[
            "edit-article",
            &a,
            "--published",
            "2021-05-04",
            "--story",
            "afghan",
            "--by",
            "desk",
        ])
        .stdout();
    assert!(out.contains("edited: published, story"), "{out}");
    assert_eq!(rules(&t), ["relative-date-mismatch", "weekday-mismatch"]);
    let j = t.ok(&["articles", "--format", "json"]).json();
    assert_eq!(
        (j[0]["published"].as_str(), j[0]["story"].as_str()),
        (Some("2021-05-04"), Some("afghan"))
    );
    // Each change is in the article's history, append-only.
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM article_history"), 2);
    assert_eq!(
        t.sql::<String>("SELECT actor || ':' || field || ':' || coalesce(from_value, '-') || '->' || to_value FROM article_history ORDER BY id LIMIT 1"),
        "desk:published:-->2021-05-04"
    );
    // Bad values are usage errors or refused, and nothing changes.
    t.run(&["edit-article", &a, "--published", "2021-13-01"])
        .usage();
    t.run(&["edit-article", &a, "--url", "ftp://x"]).failure();
    // An empty title is refused, even beside a valid change, which is not made either.
    let r = t
        .run(&["edit-article", &a, "--title", "  ", "--outlet", "Wire"])
        .usage();
    assert!(
        r.stderr().contains("title cannot be empty"),
        "{}",
        r.stderr()
    );
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM article_history"), 2);
    // Setting the same value again changes nothing.
    assert!(
        t.ok(&["edit-article", &a, "--story", "afghan"])
            .stdout()
            .contains("unchanged")
    );
    t.ok(&["doctor"]);
}

#[test]
fn next_gives_your_claims_first_then_the_oldest_unchecked() {
    let t = Test::new();
    let claims = t.with_fixture();
    let first = claims[0]["id"].as_str().unwrap().to_string();
    let later = id_of(&claims, "More than 100 civilians");
    let next = |who: &str| {
        t.ok(&["next", "--by", who, "--format", "json"]).json()["claim"]["id"]
            .as_str()
            .map(str::to_string)
    };
    assert_eq!(next("ana"), Some(first.clone()));
    t.ok(&["assign", &later, "--to", "ana"]);
    assert_eq!(next("ana"), Some(later.clone()));
    // Someone else's claim is not offered; when nothing is left, it says so.
    assert_eq!(next("ben").as_deref(), Some(first.as_str()));
    let all: Vec<String> = claims
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    let mut args = vec!["mark"];
    args.extend(all.iter().map(String::as_str));
    args.push("verified");
    t.ok(&args);
    assert!(
        t.ok(&["next", "--by", "ana"])
            .stdout()
            .contains("nothing left to review")
    );
    t.run(&["next", "--kind", "weight"]).usage();
}

#[test]
fn assign_never_takes_a_claim_for_a_person() {
    let t = Test::new();
    let claims = t.with_fixture();
    let a = id_of(&claims, "yesterday");
    let b = id_of(&claims, "More than 100 civilians");
    let r = t.run(&["assign", &a, &b]).usage();
    assert!(
        r.stderr().contains("is a claim id, not a person"),
        "{}",
        r.stderr()
    );
    assert_eq!(
        t.sql::<i64>("SELECT count(*) FROM claims WHERE assignee IS NOT NULL"),
        0
    );
    t.ok(&["assign", &a, &b, "--to", "rahim"]);
    assert_eq!(
        t.sql::<i64>("SELECT count(*) FROM claims WHERE assignee = 'rahim'"),
        2
    );
    t.run(&["assign", &a]).usage();
    t.run(&["assign", &a, "--to", ""]).usage();
}

#[test]
fn read_marks_claims_in_place_and_lists_findings() {
    let t = Test::new();
    let claims = t.with_fixture();
    let article = claims[0]["article_id"].as_str().unwrap().to_string();
    let text = t.ok(&["read", &article]).stdout();
    assert!(text.contains("published  2021-05-04"), "{text}");
    // Claims bracketed and numbered in reading order; those a finding is about flagged.
    assert!(text.contains("[Tuesday May 4th, 2021]1 0 Views"), "{text}");
    assert!(text.contains("[yesterday]3! ([Monday, May 4]4!)"), "{text}");
    assert!(
        text.contains("claims (8)") && text.contains("findings (2)"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour in a pipe");
    let j = t.ok(&["read", &article, "--format", "json"]).json();
    let body = j["article"]["body"].as_str().unwrap();
    let c = &j["claims"][2];
    assert_eq!(
        chars(
            body,
            c["start"].as_u64().unwrap(),
            c["end"].as_u64().unwrap()
        ),
        c["text"].as_str().unwrap()
    );
    assert_eq!(j["findings"].as_array().unwrap().len(), 2);
    t.run(&["read", "ffffffff"]).failure();
}

#[test]
fn mark_and_assign_read_claims_from_stdin_and_dry_runs_change_nothing() {
    let t = Test::new();
    let claims = t.with_fixture();
    let numbers: Vec<String> = claims[..3]
        .iter()
        .map(|c| c["number"].as_i64().unwrap().to_string())
        .collect();
    let stdin = format!("# the morning's list\n{}\n\n{}\n", numbers[0], numbers[1]);
    // A dry run says what would change and changes nothing.
    let r = t
        .run_stdin(&["mark", "-", "verified", "--dry-run"], &stdin)
        .success();
    assert!(
        r.stdout().contains("unchecked -> verified  (dry run"),
        "{}",
        r.stdout()
    );
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM claim_history"), 0);
    // For real: the ids on stdin and one on the command line, in one transaction.
    let r = t
        .run_stdin(
            &["mark", "-", &numbers[2], "in-review", "--by", "desk"],
            &stdin,
        )
        .success();
    assert_eq!(r.stdout().lines().count(), 3, "{}", r.stdout());
    assert_eq!(
        t.sql::<i64>("SELECT count(*) FROM claims WHERE status = 'in-review'"),
        3
    );
    // One bad id on stdin: nothing changes.
    let r = t
        .run_stdin(&["mark", "-", "verified"], "1\n999\n")
        .failure();
    assert!(r.stderr().contains("999"), "{}", r.stderr());
    assert_eq!(
        t.sql::<i64>("SELECT count(*) FROM claims WHERE status = 'verified'"),
        0
    );
    // assign and unassign take stdin and --dry-run too.
    let r = t
        .run_stdin(&["assign", "-", "--to", "rahim", "--dry-run"], &stdin)
        .success();
    assert!(
        r.stdout().contains("assigned to rahim  (dry run"),
        "{}",
        r.stdout()
    );
    assert_eq!(
        t.sql::<i64>("SELECT count(*) FROM claims WHERE assignee IS NOT NULL"),
        0
    );
    t.run_stdin(&["assign", "-", "--to", "rahim"], &stdin)
        .success();
    assert_eq!(
        t.sql::<i64>("SELECT count(*) FROM claims WHERE assignee = 'rahim'"),
        2
    );
    t.run_stdin(&["mark", "-", "verified"], "# nothing\n")
        .usage();
}

#[test]
fn tables_fit_columns_and_never_split_a_number_or_a_status() {
    let t = Test::new();
    t.with_fixture();
    let widest = |cols: &str, args: &[&str]| -> (usize, String) {
        let out = t.cmd().env("COLUMNS", cols).args(args).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        (
            text.lines().map(|l| l.chars().count()).max().unwrap_or(0),
            text,
        )
    };
    for args in [&["claims"][..], &["report"], &["articles"]] {
        let (w, text) = widest("80", args);
        assert!(w <= 80, "{args:?} at 80 columns is {w} wide:\n{text}");
        let (w, _) = widest("200", args);
        assert!(w <= 200, "{args:?} at 200 columns is {w} wide");
    }
    // Statuses and numbers stay whole at 80 columns.
    let (_, text) = widest("80", &["claims"]);
    assert_eq!(text.matches("unchecked").count(), 8, "{text}");
    // Piped without COLUMNS, a table is not wrapped.
    let piped = t.ok(&["claims"]).stdout();
    assert!(piped.lines().any(|l| l.chars().count() > 80));
}

#[test]
fn verdicts_come_from_the_scale_and_never_contradict_the_status() {
    let t = Test::new();
    let claims = t.with_fixture();
    let c = id_of(&claims, "More than 100 civilians");
    t.ok(&[
        "mark",
        &c,
        "disputed",
        "--rating",
        "false",
        "--explanation",
        "UNAMA counted 31",
        "--by",
        "ana",
    ]);
    let j = t.ok(&["show", &c, "--format", "json"]).json();
    assert_eq!(
        (
            j["claim"]["rating"].as_str(),
            j["claim"]["explanation"].as_str()
        ),
        (Some("false"), Some("UNAMA counted 31"))
    );
    let last = j["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["action"].as_str(), last["to"].as_str()),
        (Some("rated"), Some("false"))
    );
    assert!(t.ok(&["show", &c]).stdout().contains("rating     false"));
    // A rating off the scale is a usage error naming the scale; a contradiction is refused.
    let r = t
        .run(&["mark", &c, "disputed", "--rating", "pants-on-fire"])
        .usage();
    assert!(
        r.stderr()
            .contains("true, mostly-true, misleading, mostly-false, false, unproven"),
        "{}",
        r.stderr()
    );
    let r = t
        .run(&["mark", &c, "verified", "--rating", "false"])
        .failure();
    assert!(r.stderr().contains("contradict"), "{}", r.stderr());
    assert_eq!(
        t.sql::<String>(&format!("SELECT status FROM claims WHERE number = (SELECT number FROM claim_ids WHERE id = '{c}')")),
        "disputed"
    );
    // The scale is the workspace's own.
    t.ok(&["ratings", "add", "pants-on-fire", "--value", "0"]);
    t.ok(&["mark", &c, "disputed", "--rating", "pants-on-fire"]);
    let r = t.run(&["ratings", "remove", "pants-on-fire"]).failure();
    assert!(
        r.stderr().contains("1 claim(s) are rated"),
        "{}",
        r.stderr()
    );
    let scale = t.ok(&["ratings", "--format", "json"]).json();
    assert_eq!(scale.as_array().unwrap().len(), 7);
    let all = t.ok(&["claims", "--format", "json"]).json();
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .any(|c| c["rating"] == "pants-on-fire")
    );
}
