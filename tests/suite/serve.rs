//! `serve`: the JSON API and the pages, against a server the test starts on a free port.

use std::process::{Child, Command};

use serde_json::{Value, json};

use super::common::{Test, fixture, spawn_server};

const TOKEN: &str = "test-token-123";

/// A running server; stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(t: &Test, extra: &[&str]) -> Server {
    let (child, base) = spawn_server(t, "desk", extra);
    Server { child, base }
}

/// The seed article served with a shared token.
fn served() -> (Test, Server) {
    served_in(Test::new())
}

/// The seed article in `t`'s workspace (SQLite or PostgreSQL), served with a shared token.
fn served_in(t: Test) -> (Test, Server) {
    t.ok(&[
        "ingest",
        &fixture("articles/khalilzad.txt"),
        "--url",
        "https://example.org/khalilzad",
    ]);
    let s = start(&t, &["--token", TOKEN]);
    (t, s)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

/// (status, body) of a request; `token` as a bearer, `headers` added.
fn call(
    method: &str,
    url: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> (u16, String) {
    let a = agent();
    let mut req = ureq::http::Request::builder().method(method).uri(url);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = match body {
        Some(b) => a.run(
            req.header("Content-Type", "application/json")
                .body(b.to_string())
                .unwrap(),
        ),
        None => a.run(req.body(()).unwrap()),
    }
    .unwrap();
    let status = resp.status().as_u16();
    let text = resp.into_body().read_to_string().unwrap_or_default();
    (status, text)
}

fn get_json(s: &Server, path: &str) -> Value {
    let (status, body) = call("GET", &format!("{}{path}", s.base), Some(TOKEN), &[], None);
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn every_api_endpoint_answers_with_the_cli_shapes() {
    let (t, s) = served();
    let articles = get_json(&s, "/api/articles");
    assert_eq!(
        articles[0]["title"],
        t.ok(&["articles", "--format", "json"]).json()[0]["title"]
    );
    // The article as `read --format json`, by number or by id.
    let by_number = get_json(&s, "/api/articles/1");
    let by_id = get_json(
        &s,
        &format!("/api/articles/{}", articles[0]["id"].as_str().unwrap()),
    );
    assert_eq!(by_number, by_id);
    assert_eq!(by_number, t.ok(&["read", "1", "--format", "json"]).json());
    assert_eq!(by_number["findings"].as_array().unwrap().len(), 2);
    let claims = get_json(&s, "/api/claims?kind=date&limit=2&offset=1");
    let texts: Vec<&str> = claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["yesterday", "Monday, May 4"]);
    assert_eq!(
        get_json(&s, "/api/claims/4"),
        t.ok(&["show", "4", "--format", "json"]).json()
    );
    assert_eq!(
        get_json(&s, "/api/report")["findings"],
        t.ok(&["report", "--format", "json"]).json()["findings"]
    );

    // Writes, as a script: a bearer token, no Origin.
    let (status, body) = call(
        "POST",
        &format!("{}/api/claims/4/mark", s.base),
        Some(TOKEN),
        &[],
        Some(
            json!({"status": "disputed", "note": "May 4 was a Tuesday", "evidence": "https://www.timeanddate.com/calendar/?year=2021", "rating": "false", "explanation": "The day before May 4 was May 3."}),
        ),
    );
    assert_eq!(status, 200, "{body}");
    let shown: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(shown["claim"]["status"], "disputed");
    assert_eq!(shown["claim"]["rating"], "false");
    assert_eq!(
        shown["evidence"][0]["url"],
        "https://www.timeanddate.com/calendar/?year=2021"
    );
    let history = t.ok(&["history", "4", "--format", "json"]).json();
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["to"] == "disputed" && h["actor"] == "desk"),
        "{history}"
    );
    let (status, body) = call(
        "POST",
        &format!("{}/api/claims/2/assign", s.base),
        Some(TOKEN),
        &[],
        Some(json!({"assignee": "ana"})),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        t.ok(&["show", "2", "--format", "json"]).json()["claim"]["assignee"],
        "ana"
    );
    let finding = by_number["findings"][0]["id"].as_str().unwrap().to_string();
    let (status, body) = call(
        "POST",
        &format!("{}/api/findings/{finding}/dismiss", s.base),
        Some(TOKEN),
        &[],
        Some(json!({"note": "checked by phone"})),
    );
    assert_eq!(status, 200, "{body}");
    let stats = get_json(&s, "/api/stats");
    assert_eq!(stats["open_findings"], 1);
    let count = |k: &str| {
        stats["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == k)
            .unwrap()["claims"]
            .clone()
    };
    assert_eq!(count("disputed"), 1);
    assert_eq!(count("unchecked"), 7);
}

#[test]
fn api_errors_are_json_with_the_status_of_their_kind() {
    let (_t, s) = served();
    let cases: &[(&str, &str, Option<Value>, u16, &str)] = &[
        ("GET", "/api/claims/999", None, 404, "no claim"),
        ("GET", "/api/articles/77", None, 404, "no article"),
        ("GET", "/api/claims?status=done", None, 400, "done"),
        (
            "POST",
            "/api/claims/4/mark",
            Some(json!({"status": "finished"})),
            400,
            "finished",
        ),
        (
            "POST",
            "/api/claims/4/mark",
            Some(json!({"status": "verified", "evidence": "javascript:alert(1)"})),
            422,
            "not an http",
        ),
        (
            "POST",
            "/api/claims/4/mark",
            Some(json!({"status": "verified", "rating": "false"})),
            422,
            "contradict",
        ),
        (
            "POST",
            "/api/findings/ffffffff/dismiss",
            Some(json!({"note": "x"})),
            404,
            "finding",
        ),
        (
            "POST",
            "/api/findings/0/dismiss",
            Some(json!({"note": ""})),
            400,
            "--note",
        ),
    ];
    for (method, path, body, want, says) in cases {
        let (status, text) = call(
            method,
            &format!("{}{path}", s.base),
            Some(TOKEN),
            &[],
            body.clone(),
        );
        assert_eq!(status, *want, "{method} {path}: {text}");
        let j: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{path}: {text}"));
        assert!(
            j["error"].as_str().unwrap().contains(says),
            "{path}: {text}"
        );
    }
}

#[test]
fn the_server_refuses_strangers_other_hosts_and_other_sites() {
    let (t, s) = served();
    let url = format!("{}/api/claims/4/mark", s.base);
    let mark = json!({"status": "verified"});
    // No token, a wrong token.
    assert_eq!(
        call("GET", &format!("{}/api/stats", s.base), None, &[], None).0,
        401
    );
    assert_eq!(
        call(
            "GET",
            &format!("{}/api/stats", s.base),
            Some("nope"),
            &[],
            None
        )
        .0,
        401
    );
    // Another Host (DNS rebinding).
    let (status, _) = call(
        "GET",
        &format!("{}/api/stats", s.base),
        Some(TOKEN),
        &[("Host", "attacker.example")],
        None,
    );
    assert_eq!(status, 421);
    // A write from another site is refused even with the cookie of a logged-in browser.
    let (status, _) = call(
        "POST",
        &url,
        Some(TOKEN),
        &[("Origin", "http://attacker.example")],
        Some(mark.clone()),
    );
    assert_eq!(status, 403);
    assert_eq!(
        t.ok(&["show", "4", "--format", "json"]).json()["claim"]["status"],
        "unchecked"
    );
    // Every response carries a strict policy.
    let resp = agent()
        .get(&format!("{}/articles/1", s.base))
        .header("Authorization", format!("Bearer {TOKEN}"))
        .call()
        .unwrap();
    let csp = resp
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("default-src 'none'"),
        "{csp}"
    );
    // Binding beyond loopback without a token is refused before it listens.
    let run = t
        .run(&["serve", "--bind", "0.0.0.0", "--port", "0"])
        .usage();
    assert!(run.stderr().contains("give --token"), "{}", run.stderr());
}

#[test]
fn a_browser_logs_in_once_and_its_forms_change_claims() {
    let (t, s) = served();
    // /login sets an HttpOnly cookie; the page's forms then post with the page's Origin.
    let resp = agent()
        .get(&format!("{}/login?token={TOKEN}", s.base))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    let set = resp
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    let cookie = format!(
        "{}; claimdesk_name=Mina%20K",
        set.split(';').next().unwrap()
    );
    let resp = agent()
        .post(&format!("{}/claims/4/mark", s.base))
        .header("Cookie", &cookie)
        .header("Origin", &s.base)
        .content_type("application/x-www-form-urlencoded")
        .send("status=disputed&note=off+by+one+day&rating=false")
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    let history = t.ok(&["history", "4", "--format", "json"]).json();
    let row = history
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["to"] == "disputed")
        .unwrap();
    // The name the reviewer gave is the actor.
    assert_eq!(row["actor"], "Mina K");
    assert_eq!(row["note"], "off by one day");
    // The same form without an Origin (not a browser, no bearer) is refused.
    let resp = agent()
        .post(&format!("{}/claims/4/mark", s.base))
        .header("Cookie", &cookie)
        .content_type("application/x-www-form-urlencoded")
        .send("status=verified")
        .unwrap();
    assert_eq!(resp.status().as_u16(), 403);
}

#[test]
fn personal_tokens_make_their_owner_the_actor() {
    let t = Test::new();
    t.ok(&["ingest", &fixture("articles/khalilzad.txt")]);
    let token = t.ok(&["tokens", "add", "ana"]).stdout().trim().to_string();
    assert!(token.starts_with("cd_") && token.len() > 40, "{token}");
    // Only the hash is stored.
    assert_eq!(
        t.sql::<i64>(&format!(
            "SELECT count(*) FROM api_tokens WHERE sha256 = '{token}'"
        )),
        0
    );
    let s = start(&t, &[]);
    let (status, body) = call(
        "POST",
        &format!("{}/api/claims/2/mark", s.base),
        Some(&token),
        &[],
        Some(json!({"status": "in-review"})),
    );
    assert_eq!(status, 200, "{body}");
    let history = t.ok(&["history", "2", "--format", "json"]).json();
    assert_eq!(history[0]["actor"], "ana");
    // Personal tokens exist, so anonymous requests are refused.
    assert_eq!(
        call("GET", &format!("{}/api/stats", s.base), None, &[], None).0,
        401
    );
    t.ok(&["tokens", "remove", "ana"]);
    assert_eq!(
        call(
            "GET",
            &format!("{}/api/stats", s.base),
            Some(&token),
            &[],
            None
        )
        .0,
        401
    );
}

#[test]
fn pages_escape_article_text_and_show_the_claims_and_findings() {
    let t = Test::new();
    let hostile = t.write(
        "hostile.txt",
        "<script>alert('title')</script> Council vote\n\nTuesday May 4th, 2021\n\nThe council said <img src=x onerror=alert(1)> 300 homes were flooded yesterday (Monday, May 4), and <a href=\"javascript:alert(2)\">click</a>.\n",
    );
    t.ok(&["ingest", &hostile]);
    let s = start(&t, &[]);
    let (status, page) = call("GET", &format!("{}/articles/1", s.base), None, &[], None);
    assert_eq!(status, 200);
    assert!(!page.contains("<script>alert"), "unescaped script");
    assert!(!page.contains("<img src=x"), "unescaped img");
    assert!(!page.contains("href=\"javascript:"), "a javascript: link");
    assert!(
        page.contains("&lt;script&gt;alert"),
        "the text is shown, escaped"
    );
    // Claims marked in place, the ones a finding is about underlined, with its message.
    assert!(page.contains("class=\"claim s-unchecked flagged"), "{page}");
    assert!(page.contains("was Monday, May 3"), "the finding's message");
    for key in [
        "data-key=\"v\"",
        "data-key=\"d\"",
        "data-key=\"u\"",
        "data-key=\"r\"",
    ] {
        assert!(page.contains(key), "{key}");
    }
    // The queue and the report.
    let (status, queue) = call(
        "GET",
        &format!("{}/?status=unchecked", s.base),
        None,
        &[],
        None,
    );
    assert_eq!(status, 200);
    assert!(
        queue.contains("300 homes") && queue.contains("data-count=\"unchecked\""),
        "{queue}"
    );
    let (status, report) = call("GET", &format!("{}/report", s.base), None, &[], None);
    assert_eq!(status, 200);
    assert!(report.contains("relative-date-mismatch"), "{report}");
    let (status, missing) = call("GET", &format!("{}/articles/9", s.base), None, &[], None);
    assert_eq!(status, 404);
    assert!(missing.contains("no article"), "{missing}");
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let t = Test::new();
    let mut s = start(&t, &[]);
    assert_eq!(
        call("GET", &format!("{}/api/counts", s.base), None, &[], None).0,
        200
    );
    let pid = s.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = s.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

#[test]
fn evidence_is_added_from_the_page_without_changing_the_status() {
    let t = Test::new();
    t.ok(&["ingest", &fixture("articles/khalilzad.txt")]);
    t.ok(&["mark", "2", "in-review"]);
    let s = start(&t, &[]);
    let (_, page) = call(
        "GET",
        &format!("{}/articles/1?claim=2", s.base),
        None,
        &[],
        None,
    );
    assert!(
        page.contains("/evidence\"") && page.contains("id=\"evidence\""),
        "{page}"
    );
    let resp = agent()
        .post(&format!("{}/claims/2/evidence", s.base))
        .header("Origin", &s.base)
        .content_type("application/x-www-form-urlencoded")
        .send("evidence=https%3A%2F%2Fmod.example%2Fstrength&note=ministry+figures")
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    let shown = t.ok(&["show", "2", "--format", "json"]).json();
    assert_eq!(shown["claim"]["status"], "in-review");
    assert_eq!(shown["evidence"][0]["url"], "https://mod.example/strength");
    assert_eq!(shown["evidence"][0]["note"], "ministry figures");
}

#[test]
fn the_server_and_cli_processes_write_the_same_workspace_at_once() {
    server_and_cli_at_once(Test::new());
}

#[test]
fn on_postgresql_servers_behind_a_balancer_and_the_cli_write_at_once() {
    let Some(t) = Test::on_postgres("serve") else {
        return;
    };
    let t = server_and_cli_at_once(t);
    // Two servers on one database, as behind a load balancer: marks through both at once.
    let (a, b) = (
        start(&t, &["--token", TOKEN]),
        start(&t, &["--token", TOKEN]),
    );
    let marks = |base: String, claim: u32| {
        std::thread::spawn(move || {
            for round in 0..10 {
                let status = ["in-review", "disputed"][round % 2];
                let (code, body) = call(
                    "POST",
                    &format!("{base}/api/claims/{claim}/mark"),
                    Some(TOKEN),
                    &[],
                    Some(json!({ "status": status })),
                );
                assert_eq!(code, 200, "{body}");
            }
        })
    };
    let (x, y) = (marks(a.base.clone(), 3), marks(b.base.clone(), 5));
    x.join().unwrap();
    y.join().unwrap();
    for claim in ["3", "5"] {
        let rows = t.ok(&["history", claim, "--format", "json"]).json();
        assert_eq!(rows.as_array().unwrap().len(), 10, "claim {claim}");
    }
    // What one server wrote, the other serves.
    assert_eq!(get_json(&b, "/api/claims/3")["claim"]["status"], "disputed");
    assert!(t.ok(&["doctor"]).stdout().contains("no problems found"));
}

/// One server marks a claim through the API while the CLI marks another, ten times each;
/// returns the test for more.
fn server_and_cli_at_once(t: Test) -> Test {
    let (t, s) = served_in(t);
    // Browsers' and scripts' marks through the server while the CLI marks other claims.
    let web = {
        let base = s.base.clone();
        std::thread::spawn(move || {
            for round in 0..10 {
                let status = if round % 2 == 0 {
                    "in-review"
                } else {
                    "verified"
                };
                let (code, body) = call(
                    "POST",
                    &format!("{base}/api/claims/2/mark"),
                    Some(TOKEN),
                    &[],
                    Some(json!({ "status": status })),
                );
                assert_eq!(code, 200, "{body}");
            }
        })
    };
    for round in 0..10 {
        let status = if round % 2 == 0 {
            "disputed"
        } else {
            "unverifiable"
        };
        t.ok(&["mark", "8", status, "--by", "cli"]);
    }
    web.join().unwrap();
    // Every change is in the history, and the kept counts match the claims.
    let web_rows = t.ok(&["history", "2", "--format", "json"]).json();
    let cli_rows = t.ok(&["history", "8", "--format", "json"]).json();
    assert_eq!(web_rows.as_array().unwrap().len(), 10);
    assert_eq!(cli_rows.as_array().unwrap().len(), 10);
    assert!(t.ok(&["doctor"]).stdout().contains("no problems found"));
    let counts = get_json(&s, "/api/counts");
    let n = |k: &str| {
        counts["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == k)
            .unwrap()["claims"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(
        (n("verified"), n("unverifiable"), n("unchecked")),
        (1, 1, 6)
    );
    t
}
