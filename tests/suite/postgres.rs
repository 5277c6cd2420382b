//! The same workspace on PostgreSQL (`--db postgres://...`): the seed walk-through reads the
//! same as on SQLite, `migrate-to` copies a SQLite workspace over, and concurrent writers
//! lose nothing. Each test runs when `CLAIMDESK_TEST_POSTGRES` names a server, and says it
//! was skipped otherwise.

use serde_json::Value;

use super::common::{Test, id_of};

/// `v` with every UUID and timestamp replaced by a placeholder: what may differ between
/// two workspaces that went through the same steps.
fn normalized(v: &Value) -> String {
    let uuid =
        regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap();
    let time = regex::Regex::new(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z").unwrap();
    let short = regex::Regex::new(r#""[0-9a-f]{8,12}""#).unwrap();
    let finding = regex::Regex::new(r"\b[0-9a-f]{16}\b").unwrap();
    let text = serde_json::to_string_pretty(v).unwrap();
    let text = uuid.replace_all(&text, "<id>");
    let text = time.replace_all(&text, "<time>");
    let text = finding.replace_all(&text, "<finding id>");
    short.replace_all(&text, "\"<short id>\"").into_owned()
}

/// The seed walk-through: ingest, mark with a note and evidence, assign, edit, rate,
/// dismiss a finding; then every JSON view of it.
fn walk(t: &Test) -> Vec<(String, String)> {
    let claims = t.with_fixture();
    let yesterday = id_of(&claims, "yesterday");
    let troops = id_of(&claims, "more than 350,000");
    t.ok(&[
        "mark",
        &yesterday,
        "disputed",
        "--note",
        "the day before Tuesday is Monday, May 3",
        "--evidence",
        "https://example.org/calendar",
        "--by",
        "ana",
    ]);
    t.ok(&["assign", &troops, "rahim"]);
    t.ok(&["edit", &troops, "--qualifier", "about", "--by", "ben"]);
    t.ok(&[
        "mark",
        &troops,
        "unverifiable",
        "--rating",
        "unproven",
        "--by",
        "ben",
    ]);
    let report = t.ok(&["report", "--format", "json"]).json();
    let first = report["findings"][0]["id"].as_str().unwrap().to_string();
    t.ok(&["dismiss", &first, "--note", "known", "--by", "ana"]);
    let mut views = Vec::new();
    for args in [
        vec!["claims", "--format", "json"],
        vec![
            "claims",
            "--status",
            "unchecked",
            "--limit",
            "3",
            "--format",
            "json",
        ],
        vec!["claims", "--search", "security forces", "--format", "json"],
        vec!["report", "--format", "json"],
        vec!["report", "--all", "--format", "json"],
        vec!["show", "3", "--format", "json"],
        vec!["history", "3", "--format", "json"],
        vec!["articles", "--format", "json"],
        vec!["stats", "--by", "assignee", "--format", "json"],
        vec!["read", "1", "--format", "json"],
    ] {
        let out = t.run(&args);
        let key = args.join(" ");
        let text = if out.code() == 0 {
            normalized(&out.json())
        } else {
            format!("exit {}: {}", out.code(), out.stderr())
        };
        views.push((key, text));
    }
    views
}

#[test]
fn the_seed_walkthrough_reads_the_same_on_postgresql_and_sqlite() {
    let Some(pg) = Test::on_postgres("the seed walk-through") else {
        return;
    };
    let sqlite = Test::new();
    let (a, b) = (walk(&sqlite), walk(&pg));
    for ((key, lite), (_, post)) in a.iter().zip(&b) {
        assert!(!lite.starts_with("exit"), "{key}: {lite}");
        assert_eq!(lite, post, "{key} differs between SQLite and PostgreSQL");
    }
    assert_eq!(
        pg.ok(&["doctor"])
            .stdout()
            .trim_end()
            .lines()
            .last()
            .map(|l| l.contains("no problems")),
        Some(true)
    );
}

#[test]
fn migrate_to_copies_a_workspace_once_and_refuses_other_data() {
    let Some(pg) = Test::on_postgres("migrate-to") else {
        return;
    };
    let t = Test::new();
    let claims = t.with_fixture();
    let yesterday = id_of(&claims, "yesterday");
    t.ok(&[
        "mark",
        &yesterday,
        "disputed",
        "--note",
        "wrong day",
        "--by",
        "ana",
    ]);
    t.ok(&["config", "org.name", "Desk"]);
    let url = pg.db().display().to_string();
    let copied = t.ok(&["migrate-to", &url]).stdout();
    assert!(copied.contains("checked them in the copy"), "{copied}");
    // The copy is the workspace: same ids, numbers, times and history.
    for args in [
        vec!["claims", "--format", "json"],
        vec!["history", &yesterday, "--format", "json"],
        vec!["report", "--format", "json"],
        vec!["export", "claimreview", "--skip-invalid"],
    ] {
        assert_eq!(t.ok(&args).stdout(), pg.ok(&args).stdout(), "{args:?}");
    }
    // Searching works in the copy: its index was built there.
    assert_eq!(
        pg.claims(&["--search", "Kabul"]).len(),
        t.claims(&["--search", "Kabul"]).len()
    );
    let again = t.ok(&["migrate-to", &url]).stdout();
    assert!(again.contains("nothing to do"), "{again}");
    // Once the two differ, the copy is not overwritten.
    t.ok(&["mark", &yesterday, "verified", "--by", "ana"]);
    let refused = t.run(&["migrate-to", &url]).failure();
    assert!(
        refused.stderr().contains("other data"),
        "{}",
        refused.stderr()
    );
    assert_eq!(
        pg.ok(&["show", &yesterday, "--format", "json"]).json()["claim"]["status"],
        "disputed"
    );
}

#[test]
fn marks_at_once_on_postgresql_lose_nothing() {
    if let Some(pg) = Test::on_postgres("concurrent marks") {
        super::workspace::marks_at_once(&pg);
    }
}

#[test]
fn edits_at_once_on_postgresql_both_survive() {
    if let Some(pg) = Test::on_postgres("concurrent edits") {
        super::review::edits_at_once(&pg);
    }
}

#[test]
fn ingests_at_once_on_postgresql_store_every_article_once() {
    let Some(pg) = Test::on_postgres("concurrent ingests") else {
        return;
    };
    for folder in ["a", "b"] {
        for i in 0..20 {
            pg.write(
                &format!("{folder}/{i}.txt"),
                format!(
                    "Report {folder}{i}\n\nMonday, May 3, 2021\n\nOfficials said {} people were displaced in district {i}.\n",
                    100 + i
                ),
            );
        }
    }
    let bin = assert_cmd::cargo::cargo_bin("claimdesk");
    let db = pg.db().display().to_string();
    let spawn = |folder: &str| {
        std::process::Command::new(&bin)
            .args([
                "--db",
                &db,
                "ingest",
                &pg.path(folder).display().to_string(),
            ])
            .env_remove("CLAIMDESK_DB")
            .spawn()
            .unwrap()
    };
    // Both folders at once, and the first again: the same texts are stored once.
    let children = [spawn("a"), spawn("b"), spawn("a")];
    for c in children {
        assert!(c.wait_with_output().unwrap().status.success());
    }
    let articles = pg.ok(&["articles", "--format", "json"]).json();
    assert_eq!(articles.as_array().unwrap().len(), 40);
    let claims = pg.claims(&[]);
    let numbers: std::collections::HashSet<i64> = claims
        .iter()
        .map(|c| c["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers.len(), claims.len(), "claim numbers repeat");
    assert!(pg.ok(&["doctor"]).stdout().contains("no problems"));
}

#[test]
fn the_postgresql_schema_keeps_the_same_constraints() {
    let Some(t) = Test::on_postgres("the schema's constraints") else {
        return;
    };
    t.with_fixture();
    t.ok(&["mark", "3", "disputed", "--note", "wrong day"]);
    let url = t.db().display().to_string();
    let refused: Vec<String> = std::thread::spawn(move || {
        let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        [
            "UPDATE claims SET status = 'done'",
            "UPDATE claims SET kind = 'weight'",
            "INSERT INTO claims (number, id, article_number, kind, text, start_char, end_char, sentence_start, sentence_end, origin)
             VALUES (999, 'x', 999999, 'count', 't', 0, 1, 0, 1, 'manual')",
            "UPDATE claims SET sentence_end = sentence_start - 1",
            "INSERT INTO claims (number, id, article_number, kind, text, start_char, end_char, sentence_start, sentence_end, origin)
             SELECT 999, 'y', article_number, kind, text, start_char, end_char, 0, 1, 'manual' FROM claims LIMIT 1",
            "INSERT INTO evidence (claim_id, url, stance, added_by, added_at) SELECT id, 'ftp://x', 'supports', 'a', 'n' FROM claims LIMIT 1",
            "UPDATE claim_history SET note = 'rewritten'",
            "DELETE FROM claim_history",
            "TRUNCATE claim_history",
        ]
        .iter()
        .filter(|sql| c.batch_execute(sql).is_ok())
        .map(|sql| sql.to_string())
        .collect()
    })
    .join()
    .unwrap();
    assert!(refused.is_empty(), "accepted: {refused:?}");
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM claim_history"), 1);
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM review_queue"), 7);
    assert_eq!(
        t.sql::<i64>(
            "SELECT claims FROM story_status_counts WHERE story = 'afghan' AND status = 'disputed'"
        ),
        1
    );
}

#[test]
fn processes_upgrading_one_database_at_once_apply_each_migration_once() {
    let Some(t) = Test::on_postgres("concurrent migrations") else {
        return;
    };
    let bin = assert_cmd::cargo::cargo_bin("claimdesk");
    let db = t.db().display().to_string();
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(&bin)
                .args(["--db", &db, "init"])
                .env_remove("CLAIMDESK_DB")
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        t.sql::<i64>("SELECT count(*) FROM claimdesk_schema"),
        claimdesk::store::postgres::MIGRATIONS.len() as i64
    );
    // Reading or marking in a database without a workspace creates nothing there.
    let Some(empty) = Test::on_postgres("an empty database") else {
        return;
    };
    for args in [&["claims"][..], &["mark", "1", "verified"], &["doctor"]] {
        let r = empty.run(args).failure();
        assert!(r.stderr().contains("no workspace in"), "{}", r.stderr());
    }
    assert_eq!(
        empty.sql::<Option<String>>("SELECT to_regclass('claims')::text"),
        None
    );
    assert_eq!(t.sql::<i64>("SELECT count(*) FROM ratings"), 6);
    // A backup of a server database is pg_dump's job, and says so.
    let backup = t.run(&["backup", &t.path("copy.db").display().to_string()]);
    assert_ne!(backup.code(), 0);
    assert!(backup.stderr().contains("pg_dump"), "{}", backup.stderr());
    assert!(!t.path("copy.db").exists());
}

#[test]
fn tls_to_a_server_of_a_private_ca_needs_its_certificate() {
    // A server with TLS on 127.0.0.1 whose certificate a private CA signed (.ci/run makes
    // one): CLAIMDESK_TEST_POSTGRES_TLS is its URL with sslmode=require&sslrootcert=CA.
    let Some(tls) = std::env::var("CLAIMDESK_TEST_POSTGRES_TLS")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        super::common::skip_postgres("TLS with a private CA (set CLAIMDESK_TEST_POSTGRES_TLS)");
        return;
    };
    let Some(t) = Test::on_postgres("TLS with a private CA") else {
        return;
    };
    let name = t.db().display().to_string();
    let name = name.rsplit('/').next().unwrap().to_string();
    let url = super::common::with_database(&tls, &name);
    let run = |url: &str, args: &[&str]| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("claimdesk"))
            .arg("--db")
            .arg(url)
            .args(args)
            .env_remove("CLAIMDESK_DB")
            .output()
            .unwrap()
    };
    let ok = run(&url, &["init"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    // libpq's verify-full reads the same.
    let full = url.replace("sslmode=require", "sslmode=verify-full");
    assert!(run(&full, &["claims"]).status.success());
    // Without the CA the certificate is refused, in one line naming the server.
    let bare = url.split('?').next().unwrap().to_string() + "?sslmode=require";
    let refused = run(&bare, &["claims"]);
    let err = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        err.contains("cannot connect") && err.contains("certificate"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}
