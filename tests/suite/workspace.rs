//! The workspace file: schema, versions, triggers, concurrency, exit codes, output formats.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use super::common::*;

#[test]
fn history_refuses_update_and_delete() {
    let t = Test::sqlite();
    let claims = t.with_fixture();
    t.ok(&["mark", &id_of(&claims, "yesterday"), "verified"]);
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    for sql in [
        "UPDATE claim_history SET actor = 'x'",
        "DELETE FROM claim_history",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
    conn.execute("INSERT INTO claim_history (claim_id, at, actor, action) SELECT id, 'now', 'x', 'edit' FROM claim_ids LIMIT 1", []).unwrap();
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM claim_history"), 2);
}

#[test]
fn schema_constraints_hold() {
    let t = Test::sqlite();
    t.with_fixture();
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    for sql in [
        "UPDATE claims SET status = 'done'",
        "UPDATE claims SET kind = 'weight'",
        "INSERT INTO claims (id, article_number, kind, text, start_char, end_char, sentence_start, sentence_end, origin, created_at) VALUES ('x', 999999, 'count', 't', 0, 1, 0, 1, 'manual', 'n')",
        "UPDATE claims SET sentence_end = sentence_start - 1",
        "INSERT INTO claims (id, article_number, kind, text, start_char, end_char, sentence_start, sentence_end, origin, created_at) SELECT id, article_number, 'other', 't', 900, 901, 0, 1, 'manual', 'n' FROM claim_ids JOIN claims USING (number) LIMIT 1",
        "INSERT INTO evidence (claim_id, url, stance, added_by, added_at) SELECT id, 'ftp://x', 'supports', 'a', 'n' FROM claim_ids LIMIT 1",
        "INSERT INTO articles (id, title, body, body_sha256, ingested_at) SELECT 'y', title, body, body_sha256, 'n' FROM articles",
    ] {
        assert!(conn.execute(sql, []).is_err(), "accepted: {sql}");
    }
    let views: i64 = t.sql("SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name IN ('review_queue', 'story_status_counts', 'claim_status_counts')");
    assert_eq!(views, 3);
    assert_eq!(
        t.sql::<i64>(
            "SELECT claims FROM story_status_counts WHERE story = 'afghan' AND status = 'unchecked'"
        ),
        8
    );
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM review_queue"), 8);
    assert_eq!(t.sql::<String>("PRAGMA journal_mode"), "wal");
}

fn version_one_workspace(t: &Test) {
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    conn.execute_batch(&read(repo().join("schema/0001_init.sql")))
        .unwrap();
    conn.pragma_update(None, "application_id", 0x434C_4D44)
        .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
}

#[test]
fn an_older_workspace_is_upgraded_and_its_claims_keyed() {
    let t = Test::sqlite();
    version_one_workspace(&t);
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    conn.execute_batch(
        "INSERT INTO articles (id, title, story, body, body_sha256, ingested_at) VALUES ('a1', 'Old', 'floods', 'Floods. «Aid» came. Officials said 12 civilians died. Then rain.', 'x', 'now');
         INSERT INTO claims (id, article_id, kind, text, start_char, end_char, sentence, value_low, value_high, subject, predicate, origin, created_at, updated_at)
         VALUES ('c1', 'a1', 'count', '12 civilians', 35, 47, 'Officials said 12 civilians died.', 12, 12, 'civilians died', 'died', 'extracted', 'now', 'now');",
    )
    .unwrap();
    drop(conn);
    t.ok(&["ingest", &fixture("articles/khalilzad.txt")]);
    let migrations = std::fs::read_dir(repo().join("schema"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "sql")
        })
        .count() as i64;
    assert_eq!(t.sql::<i64>("PRAGMA user_version"), migrations);
    assert_eq!(
        t.sql::<i64>("SELECT count(*) FROM sqlite_master WHERE name = 'finding_dismissals'"),
        1
    );
    // Version 3 keyed the old claim for the conflict check; version 15 found its sentence in
    // the body (after curly quotes: characters, not bytes) and indexed it for search.
    assert_eq!(
        t.sql::<String>(
            "SELECT scope || '|' || subject_key || '|' || event FROM claims WHERE id = 'c1'"
        ),
        "story:floods|civilian|killed"
    );
    assert_eq!(
        t.sql::<String>("SELECT sentence_start || '-' || sentence_end FROM claims WHERE id = 'c1'"),
        "20-53"
    );
    let found = t.claims(&["--search", "civilians died", "--article", "a1"]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["sentence"], "Officials said 12 civilians died.");
}

#[test]
fn a_newer_workspace_is_refused_and_left_alone() {
    let t = Test::sqlite();
    version_one_workspace(&t);
    rusqlite::Connection::open(t.db())
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = std::fs::read(t.db()).unwrap();
    let r = t
        .run(&["ingest", &fixture("articles/khalilzad.txt")])
        .failure();
    assert!(
        r.stderr().contains("newer") && r.stderr().contains("99"),
        "{}",
        r.stderr()
    );
    assert_eq!(std::fs::read(t.db()).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_workspace_is_refused_and_left_alone() {
    let t = Test::sqlite();
    std::fs::write(
        t.db(),
        "just some notes, not a database at all, long enough to have a header",
    )
    .unwrap();
    let r = t.run(&["claims"]).failure();
    assert!(
        r.stderr().contains("not a claimdesk workspace"),
        "{}",
        r.stderr()
    );
    let other = t.path("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE notes (x)")
        .unwrap();
    let before = std::fs::read(&other).unwrap();
    let r = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimdesk"))
        .args([
            "--db",
            &other.display().to_string(),
            "ingest",
            &fixture("articles/khalilzad.txt"),
        ])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("not a claimdesk workspace"));
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

#[test]
fn reading_a_missing_workspace_is_an_error_that_creates_nothing() {
    let t = Test::sqlite();
    let r = t.run(&["claims"]).failure();
    assert!(r.stderr().contains("no workspace at"), "{}", r.stderr());
    assert!(!t.db().exists());
    t.ok(&["init"]);
    assert!(t.db().exists());
    assert_eq!(t.claims(&[]).len(), 0);
}

#[test]
fn db_path_comes_from_the_environment_when_not_given() {
    let t = Test::new();
    let mut c = assert_cmd::Command::cargo_bin("claimdesk").unwrap();
    c.env("CLAIMDESK_DB", t.path("env.db"))
        .current_dir(t.dir.path())
        .arg("init")
        .assert()
        .success();
    assert!(t.path("env.db").exists());
    let mut c = assert_cmd::Command::cargo_bin("claimdesk").unwrap();
    c.env_remove("CLAIMDESK_DB")
        .current_dir(t.dir.path())
        .arg("init")
        .assert()
        .success();
    assert!(t.path("claimdesk.db").exists());
}

#[test]
fn usage_errors_exit_2() {
    let t = Test::new();
    assert_eq!(t.run(&["mark"]).code(), 2);
    assert_eq!(t.run(&["frobnicate"]).code(), 2);
    assert_eq!(t.run(&["claims", "--format", "xml"]).code(), 2);
    // Bad values of every kind are usage errors too, whichever flag carries them.
    t.with_fixture();
    for args in [
        &["claims", "--status", "done"][..],
        &["claims", "--kind", "weight"],
        &["report", "--rule", "bogus"],
        &["edit", "ffff", "--date", "2021-02-30"],
        &["edit", "ffff", "--kind", "weight"],
        &["ingest", "x.txt", "--published", "2021-13-01"],
        &["add", "ffff", "--quote", "x", "--kind", "weight"],
    ] {
        assert_eq!(t.run(args).code(), 2, "{args:?}");
    }
    // Usage lines read the right way round.
    let help = t.run(&["mark", "--help"]).stdout();
    assert!(
        help.contains("claimdesk mark [OPTIONS] <CLAIM>... <STATUS>"),
        "{help}"
    );
    // A run that fails is 1: no such claim.
    assert_eq!(t.run(&["show", "ffffffff"]).code(), 1);
}

#[test]
fn two_processes_marking_at_once_both_succeed() {
    marks_at_once(&Test::new());
}

/// Two processes mark claims of `t`'s workspace at once, 15 times each: every mark is kept
/// and recorded once (no "database is locked", no lost update).
pub fn marks_at_once(t: &Test) {
    let claims = t.with_fixture();
    let ids: Vec<String> = claims
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    let db = t.db().display().to_string();
    let bin = assert_cmd::cargo::cargo_bin("claimdesk");
    // Many rounds, so the two writers really overlap.
    let spawn = |status: &'static str, ids: Vec<String>| {
        let bin = bin.clone();
        let db = db.clone();
        std::thread::spawn(move || {
            for round in 0..15 {
                let id = &ids[round % ids.len()];
                // Alternate with in-review on every pass, so each mark is a real change.
                let status = if (round / ids.len()).is_multiple_of(2) {
                    status
                } else {
                    "in-review"
                };
                let out = std::process::Command::new(&bin)
                    .args(["--db", &db, "mark", id, status, "--by", status])
                    .env_remove("CLAIMDESK_DB")
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        })
    };
    let a = spawn("verified", ids[..4].to_vec());
    let b = spawn("disputed", ids[4..].to_vec());
    a.join().unwrap();
    b.join().unwrap();
    let recorded: usize = ids
        .iter()
        .map(|id| {
            t.ok(&["history", id, "--format", "json"])
                .json()
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(recorded, 30);
    // The status counts kept by the store agree with the claims.
    let listed = t.claims(&[]);
    let stats = t.ok(&["stats", "--format", "json"]).json();
    for row in stats["rows"].as_array().unwrap() {
        let status = row["key"].as_str().unwrap();
        let n = listed.iter().filter(|c| c["status"] == status).count() as i64;
        assert_eq!(row["claims"].as_i64(), Some(n), "{status}");
    }
}

#[test]
fn a_closed_pipe_exits_quietly() {
    let t = Test::new();
    let line = "On May 4, 2021, 12 soldiers were killed and 30 homes were destroyed in Kandahar.\n";
    let f = t.write("big.txt", format!("Big\n\n{}", line.repeat(3000)));
    t.ok(&["ingest", &f]);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimdesk"))
        .args([
            "--db",
            &t.db().display().to_string(),
            "claims",
            "--format",
            "csv",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("id,article_id,kind"));
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn csv_and_tables_show_the_same_claims() {
    let t = Test::new();
    let claims = t.with_fixture();
    let csv = t.ok(&["claims", "--format", "csv"]).stdout();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), claims.len());
    assert_eq!(&records[1][3], "more than 350,000");
    assert_eq!(&records[1][10], "350000");
    let table = t.ok(&["claims"]).stdout();
    assert!(
        table.contains("more than 350,000") && !table.contains("\u{1b}["),
        "no colour when not a terminal"
    );
    let articles = t.ok(&["articles", "--format", "csv"]).stdout();
    assert!(articles.lines().nth(1).unwrap().contains("2021-05-04"));
}

#[test]
fn completions_cover_every_command() {
    let t = Test::new();
    let script = t.ok(&["completions", "bash"]).stdout();
    for cmd in [
        "ingest", "claims", "mark", "report", "check", "dismiss", "edit",
    ] {
        assert!(script.contains(cmd), "bash completion lacks {cmd}");
    }
    assert_eq!(t.run(&["completions", "tcsh"]).code(), 2);
    assert!(!t.db().exists(), "completions need no workspace");
}

#[test]
fn full_text_search_follows_every_insert_update_and_delete() {
    let t = Test::sqlite();
    let claims = t.with_fixture();
    let texts = |words: &str| -> Vec<String> {
        t.claims(&["--search", words])
            .iter()
            .map(|c| c["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(texts("civilians"), ["More than 100 civilians"]);
    // All three claims of the sentence "Khalilzad reached Kabul unannounced yesterday ...",
    // found through its one entry in the index.
    assert_eq!(
        texts("Kabul yesterday"),
        ["yesterday", "Monday, May 4", "more than 40 years"]
    );
    assert_eq!(
        t.sql::<i64>(
            "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'Kabul yesterday'"
        ),
        1
    );
    assert_eq!(
        t.sql::<i64>("SELECT count(*) FROM pragma_table_info('claims') WHERE name = 'sentence'"),
        0,
        "claims keep offsets, not a copy of the sentence"
    );
    assert!(
        texts("\"unbalanced OR").is_empty(),
        "FTS syntax in the input is plain text"
    );
    // A claim added by hand is indexed too.
    let article = claims[0]["article_id"].as_str().unwrap();
    t.ok(&["add", article, "--quote", "party leaders"]);
    let manual = t.claims(&["--search", "party", "--kind", "other"]);
    assert_eq!(manual.len(), 1);
    assert_eq!(manual[0]["text"], "party leaders");
    // Update: a new subject is found, the old one is not.
    let id = id_of(&claims, "more than 20 provinces");
    t.ok(&["edit", &id, "--subject", "districts"]);
    assert_eq!(texts("districts"), ["more than 20 provinces"]);
    // Delete (not a workflow command; the trigger must still keep the index true).
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    let gone = id_of(&claims, "More than 100 civilians");
    assert_eq!(
        conn.execute(
            "DELETE FROM claims WHERE number = (SELECT number FROM claim_ids WHERE id = ?1)",
            [&gone]
        )
        .unwrap(),
        1
    );
    drop(conn);
    assert!(texts("civilians").is_empty());
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    conn.execute(
        "INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')",
        [],
    )
    .unwrap();
    drop(conn);
    // Claims added in bulk, by hand and deleted are all counted by status.
    assert!(t.ok(&["doctor"]).stdout().contains("no problems found"));
}

#[test]
fn backup_copies_a_sound_workspace_and_doctor_finds_damage() {
    let t = Test::sqlite();
    t.with_fixture();
    let r = t.ok(&["doctor"]);
    assert!(r.stdout().contains("no problems found"), "{}", r.stdout());
    let copy = t.path("copy.db").display().to_string();
    t.ok(&["backup", &copy]);
    // The copy is a workspace of its own, with the same claims.
    let claims = |db: &str| -> usize {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimdesk"))
            .args(["--db", db, "claims", "--format", "json"])
            .env_remove("CLAIMDESK_DB")
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(claims(&copy), t.claims(&[]).len());
    // A backup never overwrites.
    let r = t.run(&["backup", &copy]).failure();
    assert!(r.stderr().contains("never overwrites"), "{}", r.stderr());
    // A claim whose offsets no longer match its article, one whose sentence no longer holds
    // it, and a history left unguarded.
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    conn.execute_batch(
        "UPDATE claims SET start_char = start_char + 1 WHERE text = 'yesterday';
         UPDATE claims SET sentence_start = end_char - 1 WHERE text = 'Monday, May 4';
         DROP TRIGGER claim_history_no_delete;",
    )
    .unwrap();
    drop(conn);
    let r = t.run(&["doctor"]).failure();
    let out = r.stdout();
    assert!(
        out.contains("offsets: claim") && out.contains("\"yesterday\""),
        "{out}"
    );
    assert!(out.contains("claim_history_no_delete is missing"), "{out}");
    assert!(out.contains("not inside its sentence"), "{out}");
    assert!(r.stderr().contains("3 problem(s) found"), "{}", r.stderr());
}

#[test]
fn another_programs_empty_file_is_refused_and_damage_is_named() {
    let t = Test::sqlite();
    // An empty SQLite file marked by another program keeps its mark.
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    conn.pragma_update(None, "application_id", 0x1234_5678)
        .unwrap();
    drop(conn);
    let before = std::fs::read(t.db()).unwrap();
    let r = t
        .run(&["ingest", &fixture("articles/khalilzad.txt")])
        .failure();
    assert!(
        r.stderr().contains("not a claimdesk workspace"),
        "{}",
        r.stderr()
    );
    assert_eq!(std::fs::read(t.db()).unwrap(), before);

    // A damaged workspace: every command says so in one line and writes nothing more.
    let t = Test::sqlite();
    t.with_fixture();
    t.ok(&["claims"]); // checkpointed into the main file
    let mut bytes = std::fs::read(t.db()).unwrap();
    for page in 1..bytes.len() / 4096 {
        for i in (100..3996).step_by(7) {
            bytes[page * 4096 + i] ^= 0x5a;
        }
    }
    std::fs::write(t.db(), &bytes).unwrap();
    for args in [&["claims"][..], &["ingest", &fixture("checks/b-wire.txt")]] {
        let r = t.run(args).failure();
        let err = r.stderr();
        assert!(
            err.contains("is damaged")
                && err.contains("claimdesk doctor")
                && err.lines().count() == 1,
            "{args:?}: {err}"
        );
    }
    assert_eq!(std::fs::read(t.db()).unwrap(), bytes);
}

#[test]
fn export_all_and_import_all_round_trip_every_table() {
    let t = Test::new();
    let claims = t.with_fixture();
    let y = id_of(&claims, "yesterday");
    t.ok(&[
        "mark",
        &y,
        "disputed",
        "--note",
        "UN: May 3",
        "--evidence",
        "https://example.org/un",
        "--by",
        "desk",
    ]);
    let finding = t.ok(&["report", "--format", "json"]).json()["findings"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    t.ok(&["dismiss", &finding, "--note", "checked by phone"]);
    t.ok(&["config", "org.name", "Desk Check"]);
    t.ok(&[
        "import",
        "claimreview",
        &fixture("claimreview/known.jsonld"),
    ]);
    let dump = t.path("all.jsonl").display().to_string();
    t.ok(&["export", "all", "-o", &dump]);
    let text = read(&dump);
    for table in [
        "articles",
        "claims",
        "claim_history",
        "evidence",
        "finding_dismissals",
        "settings",
        "known_reviews",
        "claim_matches",
    ] {
        assert!(
            text.contains(&format!("\"table\":\"{table}\"")),
            "{table} missing from the export"
        );
    }
    // Into a new workspace, then out again: the same lines.
    let other = t.path("other.db").display().to_string();
    let run = |args: &[&str]| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("claimdesk"))
            .arg("--db")
            .arg(&other)
            .args(args)
            .env_remove("CLAIMDESK_DB")
            .output()
            .unwrap()
    };
    assert!(run(&["import", "all", &dump]).status.success());
    let again = t.path("again.jsonl").display().to_string();
    assert!(run(&["export", "all", "-o", &again]).status.success());
    assert_eq!(read(&again), text);
    // The imported workspace works: search, history and the dismissed finding stay.
    let found = run(&["claims", "--search", "envoy", "--format", "json"]);
    assert!(
        !serde_json::from_slice::<serde_json::Value>(&found.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .is_empty()
    );
    let report = run(&["report", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["id"] != finding.as_str())
    );
    // Never into a workspace that holds articles, and never over a file.
    let r = t.run(&["import", "all", &dump]).failure();
    assert!(
        r.stderr().contains("already holds articles"),
        "{}",
        r.stderr()
    );
    let r = t.run(&["export", "all", "-o", &dump]).failure();
    assert!(r.stderr().contains("never overwrites"), "{}", r.stderr());
}

#[test]
fn reading_commands_never_write_or_migrate() {
    let t = Test::sqlite();
    // A workspace made by an older claimdesk (schema version 4).
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    for &(number, _, sql) in &claimdesk::store::MIGRATIONS[..4] {
        conn.execute_batch(sql).unwrap();
        conn.pragma_update(None, "user_version", number).unwrap();
    }
    conn.pragma_update(None, "application_id", claimdesk::store::APPLICATION_ID)
        .unwrap();
    drop(conn);
    let before = std::fs::read(t.db()).unwrap();
    for args in [&["claims"][..], &["articles"], &["report"]] {
        let r = t.run(args).failure();
        assert!(
            r.stderr().contains("run a command that writes"),
            "{args:?}: {}",
            r.stderr()
        );
    }
    assert_eq!(
        std::fs::read(t.db()).unwrap(),
        before,
        "a read changed the file"
    );
    t.ok(&["init"]);
    t.ok(&["claims"]);
}
