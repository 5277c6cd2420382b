//! Ingest: files, folders, stdin; idempotence; bad input stores nothing of itself.

use super::common::*;

#[test]
fn first_ingest_creates_the_workspace_and_reingest_changes_nothing() {
    let t = Test::new();
    let f = fixture("articles/khalilzad.txt");
    let out = t
        .ok(&[
            "ingest",
            &f,
            "--url",
            "https://example.org/k",
            "--outlet",
            "Example News",
            "--story",
            "afghan",
            "--format",
            "json",
        ])
        .json();
    let a = &out[0];
    assert_eq!(
        a["title"],
        "US envoy Khalilzad tells Kabul the world stands against a Taliban takeover"
    );
    assert_eq!(a["published"], "2021-05-04");
    assert_eq!(a["story"], "afghan");
    assert_eq!(a["outlet"], "Example News");
    assert_eq!(a["claims"], 8);
    for key in [
        "id",
        "title",
        "url",
        "outlet",
        "author",
        "published",
        "story",
        "source_path",
        "claims",
        "ingested_at",
    ] {
        assert!(a.get(key).is_some(), "article JSON lacks {key}");
    }
    let again = t.ok(&["ingest", &f]);
    assert!(
        again.stdout().contains("already there"),
        "{}",
        again.stdout()
    );
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM articles"), 1);
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM claims"), 8);
}

#[test]
fn claims_json_text_is_the_body_at_its_character_offsets() {
    let t = Test::new();
    let claims = t.with_fixture();
    let body = read(fixture("articles/khalilzad.txt"));
    assert_eq!(claims.len(), 8);
    for c in &claims {
        for key in [
            "id",
            "article_id",
            "kind",
            "text",
            "start",
            "end",
            "sentence",
            "status",
            "assignee",
            "origin",
            "value",
            "created_at",
            "updated_at",
        ] {
            assert!(c.get(key).is_some(), "claim JSON lacks {key}");
        }
        assert_eq!(
            c["text"],
            chars(
                &body,
                c["start"].as_u64().unwrap(),
                c["end"].as_u64().unwrap()
            )
            .as_str()
        );
        assert!(
            c["sentence"]
                .as_str()
                .unwrap()
                .contains(c["text"].as_str().unwrap())
        );
        assert_eq!(c["status"], "unchecked");
        assert_eq!(c["origin"], "extracted");
    }
}

#[test]
fn non_utf8_input_stores_nothing_of_itself_and_the_rest_goes_in() {
    let t = Test::new();
    let bad = t.write(
        "in/a-bad.txt",
        b"Title\n\nCaf\xe9 owners said 30 people came.",
    );
    let good = t.write(
        "in/b-good.txt",
        "Good title\n\nAbout 40 people came on Monday, May 3, 2021.",
    );
    let r = t
        .run(&["ingest", &t.path("in").display().to_string()])
        .failure();
    assert!(r.stderr().contains(&bad), "{}", r.stderr());
    assert!(r.stderr().contains("byte offset 10"), "{}", r.stderr());
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM articles"), 1);
    assert_eq!(t.sql::<String>("SELECT source_path FROM articles"), good);
}

#[test]
fn a_folder_of_several_batches_is_read_as_it_goes_and_a_bad_file_late_in_it_is_named() {
    let t = Test::new();
    // 1,203 files: three batches of 500 and a fourth; the bad one is in the third.
    for i in 0..1203 {
        let name = format!("in/{i:04}.{}", if i % 3 == 0 { "md" } else { "txt" });
        t.write(
            &name,
            format!(
                "Report {i}\n\nOfficials said {} people were displaced on Monday, May 3, 2021.",
                i + 2
            ),
        );
    }
    let bad = t.write("in/1100.txt", b"Bad\n\nCaf\xe9 said 30 people came.");
    let r = t
        .run(&["ingest", &t.path("in").display().to_string()])
        .failure();
    assert!(r.stderr().contains(&bad), "{}", r.stderr());
    assert!(
        r.stderr()
            .contains("read 801 text, 401 markdown; skipped 0; failed 1"),
        "{}",
        r.stderr()
    );
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM articles"), 1202);
    assert_eq!(
        t.sql::<i64>("SELECT count(*) FROM claims WHERE kind = 'count'"),
        1202
    );
    // Stored in name order, batch after batch: numbers follow the file names.
    assert_eq!(
        t.sql::<String>("SELECT source_path FROM articles WHERE number = 1202"),
        t.path("in/1202.txt").display().to_string()
    );
}

#[test]
fn empty_file_is_an_error_naming_it() {
    let t = Test::new();
    let empty = t.write("empty.txt", "  \n\n");
    let r = t.run(&["ingest", &empty]).failure();
    assert!(
        r.stderr().contains("empty.txt") && r.stderr().contains("empty"),
        "{}",
        r.stderr()
    );
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM articles"), 0);
}

#[test]
fn stdin_and_folders_in_name_order() {
    let t = Test::new();
    t.write("dir/2.txt", "Second\n\nNo numbers here.");
    t.write("dir/1.txt", "First\n\nNone here either.");
    t.write("dir/skip.csv", "Not text");
    let run = t.ok(&[
        "ingest",
        &t.path("dir").display().to_string(),
        "--format",
        "json",
    ]);
    assert!(
        run.stderr()
            .contains("skip.csv: skipped: not .txt, .md, .html or .htm"),
        "{}",
        run.stderr()
    );
    let out = run.json();
    let titles: Vec<_> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles, ["First", "Second"]);
    let out = t
        .run_stdin(
            &[
                "ingest",
                "-",
                "--published",
                "2021-05-04",
                "--format",
                "json",
            ],
            "From stdin\n\nYesterday 12 soldiers died.",
        )
        .success()
        .json();
    assert_eq!(out[0]["source_path"], serde_json::Value::Null);
    assert_eq!(out[0]["published"], "2021-05-04");
    assert_eq!(out[0]["claims"], 2);
}

#[test]
fn article_without_a_date_is_stored_with_a_warning() {
    let t = Test::new();
    let f = t.write(
        "nodate.txt",
        "Undated\n\nOfficials said yesterday that 30 people were hurt.",
    );
    let r = t.ok(&["ingest", &f, "--format", "json"]);
    assert!(
        r.stderr().contains("warning") && r.stderr().contains("relative dates cannot be resolved"),
        "{}",
        r.stderr()
    );
    assert_eq!(r.json()[0]["published"], serde_json::Value::Null);
}

#[test]
fn bad_published_date_is_a_usage_error() {
    let t = Test::new();
    let r = t.run(&[
        "ingest",
        &fixture("articles/khalilzad.txt"),
        "--published",
        "2021-13-01",
    ]);
    assert_eq!(r.code(), 2, "{}", r.stderr());
    assert!(r.stderr().contains("2021-13-01"));
    assert!(!t.db().exists() || t.sql::<i64>("SELECT count(*) FROM articles") == 0);
}

#[test]
fn many_undated_articles_are_summed_up_not_listed() {
    let t = Test::new();
    for i in 0..8 {
        t.write(
            &format!("undated/{i}.txt"),
            format!("Undated {i}\n\nOfficials said 3{i} people were hurt."),
        );
    }
    let r = t.ok(&["ingest", &t.path("undated").display().to_string()]);
    let warnings: Vec<&str> = r
        .out
        .stderr
        .split(|&b| b == b'\n')
        .filter_map(|l| std::str::from_utf8(l).ok())
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    assert_eq!(
        warnings[3],
        "warning: 5 more articles have no publication date"
    );
}

const SPANISH: &str = "El enviado llega a Kabul\n\nEl enviado llegó a Kabul el lunes 4 de mayo para \
    mantener conversaciones con el gobierno y los talibanes sobre la retirada de las tropas \
    extranjeras, según dijeron los funcionarios. Más de 100 civiles han muerto en los combates \
    desde el comienzo del mes, según la misión de las Naciones Unidas en el país.\n";

#[test]
fn an_article_not_in_english_is_stored_without_claims_and_says_why() {
    let t = Test::new();
    let f = t.write("es.txt", SPANISH);
    let r = t.ok(&[
        "ingest",
        &f,
        "--published",
        "2021-05-05",
        "--format",
        "json",
    ]);
    let warnings: Vec<String> = r
        .stderr()
        .lines()
        .filter(|l| l.contains("Spanish"))
        .map(str::to_string)
        .collect();
    assert_eq!(warnings.len(), 1, "{}", r.stderr());
    assert!(warnings[0].contains("es.txt") && warnings[0].contains("English only"));
    let a = &r.json()[0];
    assert_eq!(
        (a["language"].as_str(), a["claims"].as_i64()),
        (Some("es"), Some(0))
    );
    // English is detected and read as before.
    let en = t.ok(&[
        "ingest",
        &fixture("articles/khalilzad.txt"),
        "--format",
        "json",
    ]);
    assert_eq!(en.json()[0]["language"], "en");
    assert!(en.json()[0]["claims"].as_i64().unwrap() > 5);
    // extract says the same without a workspace.
    let x = t.ok(&["extract", &f, "--format", "json"]);
    assert_eq!(x.json()["article"]["language"], "es");
    assert_eq!(x.json()["claims"].as_array().map(Vec::len), Some(0));
}

#[test]
fn inputs_over_the_size_limit_are_refused_and_nothing_of_them_is_stored() {
    let t = Test::new();
    let body = format!(
        "Limit test\n\n{}",
        "Officials said 30 people were hurt. ".repeat(30)
    );
    let exact = t.write("exact.txt", &body);
    let over = t.write("over.txt", format!("{body}!"));
    let max = body.len().to_string();
    let r = t
        .run(&["ingest", &exact, &over, "--max-bytes", &max])
        .failure();
    assert!(
        r.stderr().contains("over.txt: larger than the limit"),
        "{}",
        r.stderr()
    );
    // The input of exactly the limit went in; the larger one left nothing.
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM articles"), 1);
    let r = t.run(&["extract", &over, "--max-bytes", &max]).failure();
    assert!(r.stderr().contains("limit"), "{}", r.stderr());
    // stdin is bounded the same way.
    let r = t
        .run_stdin(&["ingest", "-", "--max-bytes", "10"], &body)
        .failure();
    assert!(
        r.stderr()
            .contains("stdin: larger than the limit of 10 bytes")
    );
    // A device named on the command line is refused: only stdin may be a stream.
    if std::path::Path::new("/dev/zero").exists() {
        let r = t.run(&["ingest", "/dev/zero"]).failure();
        assert!(r.stderr().contains("not a regular file"), "{}", r.stderr());
    }
}
