//! ClaimReview: the README walk-through, validation, round trips, known fact-checks.

use serde_json::{Value, json};

use super::common::{Test, fixture};

/// The quotes of the claims that match a known fact-check, in listing order.
fn known_texts(t: &Test) -> Vec<String> {
    let known = t.ok(&["claims", "--known", "--format", "json"]).json();
    known
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect()
}

/// The seed article, stored with a URL and outlet, its "Monday, May 4" rated false.
fn rated() -> Test {
    let t = Test::new();
    t.ok(&[
        "ingest",
        &fixture("articles/khalilzad.txt"),
        "--url",
        "https://example.org/khalilzad",
        "--outlet",
        "Example News",
    ]);
    t.ok(&[
        "mark",
        "4",
        "disputed",
        "--rating",
        "false",
        "--explanation",
        "May 4, 2021 was a Tuesday; the day before was Monday, May 3.",
        "--by",
        "ana",
    ]);
    t
}

fn configure(t: &Test) {
    t.ok(&["config", "org.name", "Desk Check"]);
    t.ok(&["config", "org.url", "https://deskcheck.example"]);
    t.ok(&[
        "config",
        "review.url_template",
        "https://deskcheck.example/checks/{number}",
    ]);
}

#[test]
fn the_walk_through_exports_the_disputed_date_as_claimreview() {
    let t = rated();
    configure(&t);
    let docs = t.ok(&["export", "claimreview"]).json();
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d["@context"], "https://schema.org");
    assert_eq!(d["@type"], "ClaimReview");
    assert!(
        d["claimReviewed"]
            .as_str()
            .unwrap()
            .contains("yesterday (Monday, May 4)")
    );
    assert_eq!(
        d["reviewRating"],
        json!({"@type": "Rating", "alternateName": "false", "ratingValue": 1, "bestRating": 5, "worstRating": 1})
    );
    assert_eq!(
        d["author"],
        json!({"@type": "Organization", "name": "Desk Check", "url": "https://deskcheck.example"})
    );
    assert_eq!(d["url"], "https://deskcheck.example/checks/4");
    assert_eq!(
        d["reviewBody"],
        "May 4, 2021 was a Tuesday; the day before was Monday, May 3."
    );
    assert_eq!(d["datePublished"].as_str().unwrap().len(), 10);
    let item = &d["itemReviewed"];
    assert_eq!(item["@type"], "Claim");
    assert_eq!(item["author"]["name"], "Example News");
    assert_eq!(item["datePublished"], "2021-05-04");
    assert_eq!(
        item["appearance"][0]["url"],
        "https://example.org/khalilzad"
    );
    assert_eq!(
        item["appearance"][1]["url"],
        "https://example.org/khalilzad#:~:text=Monday%2C%20May%204"
    );
    // Nothing internal leaves the workspace.
    let text = d.to_string();
    for private in ["ana", "assignee", "history", "disputed"] {
        assert!(!text.contains(private), "{private} in {text}");
    }
}

#[test]
fn unproven_has_no_value_and_a_datafeed_holds_the_reviews() {
    let t = rated();
    configure(&t);
    t.ok(&["mark", "2", "unverifiable", "--rating", "unproven"]);
    let feed = t.ok(&["export", "claimreview", "--datafeed"]).json();
    assert_eq!(feed["@type"], "DataFeed");
    let items = feed["dataFeedElement"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let unproven = items
        .iter()
        .map(|i| &i["item"])
        .find(|r| r["reviewRating"]["alternateName"] == "unproven")
        .unwrap();
    assert_eq!(
        unproven["reviewRating"],
        json!({"@type": "Rating", "alternateName": "unproven"})
    );
    // Filters: by status and by the day of the verdict.
    let only = t
        .ok(&["export", "claimreview", "--status", "disputed"])
        .json();
    assert_eq!(only.as_array().unwrap().len(), 1);
    let later = t
        .ok(&["export", "claimreview", "--since", "2999-01-01"])
        .json();
    assert_eq!(later, json!([]));
}

#[test]
fn what_would_be_invalid_is_refused_one_line_per_claim_unless_skipped() {
    let t = rated();
    // No organization, and a reviewed claim without a rating.
    t.ok(&["mark", "2", "verified"]);
    let run = t.run(&["export", "claimreview"]).failure();
    let err = run.stderr();
    assert!(
        err.contains("2 claims would be invalid ClaimReview"),
        "{err}"
    );
    assert!(
        err.contains("claim 2 \"more than 350,000\": no rating"),
        "{err}"
    );
    assert!(
        err.contains("claim 4 \"Monday, May 4\": no fact-checking organization"),
        "{err}"
    );
    assert_eq!(run.stdout(), "");
    let run = t.ok(&[
        "export",
        "claimreview",
        "--org",
        "Desk Check",
        "--skip-invalid",
    ]);
    assert_eq!(run.json().as_array().unwrap().len(), 1);
    assert!(
        run.stderr().contains("skipped: claim 2"),
        "{}",
        run.stderr()
    );
    // An article without a URL cannot be pointed at.
    let u = Test::new();
    u.ok(&["ingest", &fixture("articles/khalilzad.txt")]);
    u.ok(&["mark", "4", "disputed", "--rating", "false"]);
    let run = u
        .run(&["export", "claimreview", "--org", "Desk Check"])
        .failure();
    assert!(run.stderr().contains("has no URL"), "{}", run.stderr());
}

#[test]
fn export_then_import_round_trips_every_field() {
    let t = rated();
    configure(&t);
    let file = t.path("reviews.json");
    t.ok(&["export", "claimreview", "-o", file.to_str().unwrap()]);
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let d = &exported[0];
    let u = Test::new();
    let run = u.ok(&["import", "claimreview", file.to_str().unwrap()]);
    assert!(
        run.stdout().contains("1 ClaimReviews: 1 new"),
        "{}",
        run.stdout()
    );
    let known = u.ok(&["known", "--format", "json"]).json();
    let k = &known[0];
    assert_eq!(k["claim_reviewed"], d["claimReviewed"]);
    assert_eq!(k["review_url"], d["url"]);
    assert_eq!(k["rating"], "false");
    assert_eq!(k["rating_value"], 1.0);
    assert_eq!(k["best_rating"], 5.0);
    assert_eq!(k["worst_rating"], 1.0);
    assert_eq!(k["org"], "Desk Check");
    assert_eq!(k["org_url"], "https://deskcheck.example");
    assert_eq!(k["date_published"], d["datePublished"]);
    assert_eq!(k["review_body"], d["reviewBody"]);
    assert_eq!(k["appearance_url"], "https://example.org/khalilzad");
    assert_eq!(k["claim_author"], "Example News");
    assert_eq!(k["claim_date"], "2021-05-04");
    // Idempotent on (review URL, claim).
    let again = u.ok(&["import", "claimreview", file.to_str().unwrap()]);
    assert!(
        again.stdout().contains("0 new, 1 already known"),
        "{}",
        again.stdout()
    );
    // The CSV has the same rows.
    let csv = t.ok(&["export", "claimreview", "--format", "csv"]).stdout();
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("claim_number,claim_id,claim_reviewed,rating")
    );
    assert!(lines.next().unwrap().starts_with("4,"));
}

#[test]
fn known_fact_checks_are_matched_whichever_arrives_first() {
    // Reviews first, then the article.
    let t = Test::new();
    let run = t.ok(&[
        "import",
        "claimreview",
        &fixture("claimreview/known.jsonld"),
    ]);
    assert!(
        run.stdout().contains("3 ClaimReviews: 3 new"),
        "{}",
        run.stdout()
    );
    t.ok(&["ingest", &fixture("articles/khalilzad.txt")]);
    assert_eq!(known_texts(&t), ["more than 350,000"]);
    let show = t.ok(&["show", "2", "--format", "json"]).json();
    let k = &show["known_fact_checks"][0];
    assert_eq!(k["review"]["org"], "Harbour Verify");
    assert_eq!(k["review"]["rating"], "Mostly false");
    assert!(k["score"].as_f64().unwrap() >= 0.45);
    assert!(
        t.ok(&["read", "1"])
            .stdout()
            .contains("already fact-checked: Harbour Verify")
    );
    // The article first, then the reviews: the same match.
    let u = Test::new();
    u.ok(&["ingest", &fixture("articles/khalilzad.txt")]);
    let run = u.ok(&[
        "import",
        "claimreview",
        &fixture("claimreview/known.jsonld"),
    ]);
    assert!(
        run.stdout().contains("1 claims of the workspace match"),
        "{}",
        run.stdout()
    );
    assert_eq!(known_texts(&u), ["more than 350,000"]);
    // A claim added by hand in the reviewed sentence is matched as it is stored.
    u.ok(&["add", "1", "--quote", "a national asset", "--by", "ana"]);
    assert_eq!(known_texts(&u), ["more than 350,000", "a national asset"]);
}

#[test]
fn reviews_are_read_from_graphs_lists_and_pages() {
    let t = Test::new();
    let graph = json!({"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "x"},
        {"@type": "ClaimReview", "url": "https://a.example/1", "claimReviewed": "Bridge tolls raise £45m",
         "author": {"@type": "Organization", "name": "A"}, "reviewRating": {"@type": "Rating", "alternateName": "False"}}
    ]});
    let list = json!([
        {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://b.example/1", "claimReviewed": "One"},
        {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://b.example/1", "claimReviewed": "Two"}
    ]);
    let page = format!(
        "<html><head><script type=\"application/ld+json\">{}</script></head><body>Fact-check</body></html>",
        json!({"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://c.example/p", "claimReviewed": "Three"})
    );
    t.ok(&[
        "import",
        "claimreview",
        &t.write("g.json", graph.to_string()),
    ]);
    t.ok(&[
        "import",
        "claimreview",
        &t.write("l.json", list.to_string()),
    ]);
    t.ok(&["import", "claimreview", &t.write("p.html", page)]);
    let known = t.ok(&["known", "--format", "json"]).json();
    let claims: Vec<&str> = known
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["claim_reviewed"].as_str().unwrap())
        .collect();
    assert_eq!(claims, ["Bridge tolls raise £45m", "One", "Two", "Three"]);
    let run = t
        .run(&[
            "import",
            "claimreview",
            &t.write("n.json", "{\"@type\": \"Article\"}"),
        ])
        .failure();
    assert!(
        run.stderr().contains("n.json: no ClaimReview found"),
        "{}",
        run.stderr()
    );
    let run = t
        .run(&["import", "claimreview", &t.write("b.txt", "hello")])
        .failure();
    assert!(
        run.stderr()
            .contains("b.txt: neither JSON nor a page with JSON-LD"),
        "{}",
        run.stderr()
    );
}

#[test]
fn settings_are_checked() {
    let t = Test::new();
    let run = t.run(&["config", "org.colour", "blue"]).usage();
    assert!(
        run.stderr().contains("no setting 'org.colour'"),
        "{}",
        run.stderr()
    );
    t.run(&["config", "org.url", "deskcheck.example"]).usage();
    t.ok(&["config", "org.name", "Desk Check"]);
    assert_eq!(t.ok(&["config", "org.name"]).stdout().trim(), "Desk Check");
    t.ok(&["config", "org.name", "--unset"]);
    assert_eq!(t.ok(&["config", "org.name"]).stdout().trim(), "");
}

/// The export checked against the schema.org vocabulary by Google's schema-dts typings and
/// the TypeScript compiler (tests/schemaorg/check.sh); skipped, saying so, where Node.js is
/// not installed. CI installs it.
#[test]
fn the_schema_org_vocabulary_accepts_the_export() {
    let npm = std::process::Command::new("npm").arg("--version").output();
    if !npm.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: npm is not installed, so schema-dts cannot check the export");
        return;
    }
    let t = rated();
    configure(&t);
    t.ok(&["mark", "2", "unverifiable", "--rating", "unproven"]);
    let list = t.write("list.json", t.ok(&["export", "claimreview"]).stdout());
    let feed = t.write(
        "feed.json",
        t.ok(&["export", "claimreview", "--datafeed"]).stdout(),
    );
    let check = super::common::repo().join("tests/schemaorg/check.sh");
    let run = std::process::Command::new(&check)
        .args([&list, &feed])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    // The checker can fail: a property schema.org does not have is refused.
    let bad = t.write(
        "bad.json",
        std::fs::read_to_string(&list)
            .unwrap()
            .replace("\"reviewBody\"", "\"reviewComment\""),
    );
    let run = std::process::Command::new(&check)
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stdout).contains("reviewComment"));
}

#[test]
fn doctor_checks_the_known_fact_checks_index() {
    let t = Test::sqlite();
    t.ok(&[
        "import",
        "claimreview",
        &fixture("claimreview/known.jsonld"),
    ]);
    assert!(t.ok(&["doctor"]).stdout().contains("no problems found"));
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    // The index holds words of a row its table does not have.
    conn.execute(
        "INSERT INTO known_reviews_fts (rowid, claim_reviewed) VALUES (999, 'ghost words')",
        [],
    )
    .unwrap();
    drop(conn);
    let r = t.run(&["doctor"]).failure();
    assert!(
        r.stdout().contains("full-text index known_reviews_fts"),
        "{}",
        r.stdout()
    );
}
