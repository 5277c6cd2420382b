//! Web pages, Markdown, folders and URLs: what is stored is the article, not the page.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use serde_json::Value;

use super::common::{Test, fixture};

/// Claims as (kind, text, start, end, value summary): what must match between two sources.
fn claim_keys(claims: &[Value]) -> Vec<(String, String, i64, i64, String)> {
    claims
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["text"].as_str().unwrap().to_string(),
                c["start"].as_i64().unwrap(),
                c["end"].as_i64().unwrap(),
                c["value"].to_string(),
            )
        })
        .collect()
}

fn finding_keys(findings: &Value) -> Vec<(String, String)> {
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["quote"].to_string(),
            )
        })
        .collect()
}

#[test]
fn the_khalilzad_page_gives_the_claims_and_findings_of_the_plain_text() {
    let t = Test::new();
    let page = t
        .ok(&[
            "extract",
            &fixture("pages/khalilzad.html"),
            "--format",
            "json",
        ])
        .json();
    let text = t
        .ok(&[
            "extract",
            &fixture("articles/khalilzad.txt"),
            "--format",
            "json",
        ])
        .json();
    let claims = claim_keys(page["claims"].as_array().unwrap());
    assert_eq!(claims.len(), 8, "{claims:?}");
    assert_eq!(claims, claim_keys(text["claims"].as_array().unwrap()));
    assert_eq!(
        finding_keys(&page["findings"]),
        finding_keys(&text["findings"])
    );
    assert_eq!(finding_keys(&page["findings"]).len(), 2);
    assert_eq!(page["article"]["published"], "2021-05-04");
    assert_eq!(page["article"]["published_from"], "json-ld");
    assert_eq!(text["article"]["published_from"], "dateline");
    assert_eq!(page["article"]["title"], text["article"]["title"]);
}

#[test]
fn an_ingested_page_stores_its_main_text_and_metadata() {
    let t = Test::new();
    t.ok(&["ingest", &fixture("pages/khalilzad.html")]);
    let a = &t.ok(&["articles", "--format", "json"]).json()[0];
    assert_eq!(
        a["title"],
        "US envoy Khalilzad tells Kabul the world stands against a Taliban takeover"
    );
    assert_eq!(a["published"], "2021-05-04");
    assert_eq!(a["published_from"], "json-ld");
    assert_eq!(a["author"], "Imran Farobali");
    assert_eq!(a["outlet"], "Kabul Ledger");
    assert_eq!(
        a["url"],
        "https://kabul-ledger.example/politics/khalilzad-kabul"
    );
    assert_eq!(a["format"], "html");
    assert_eq!(a["raw_sha256"].as_str().unwrap().len(), 64);
    // The stored body is the plain-text fixture, character for character: the same text
    // ingested from the .txt is the same article.
    let again = t.ok(&[
        "ingest",
        &fixture("articles/khalilzad.txt"),
        "--format",
        "json",
    ]);
    assert_eq!(again.json()[0]["id"], a["id"]);
}

#[test]
fn page_furniture_is_not_article_text() {
    let t = Test::new();
    t.ok(&["ingest", &fixture("pages/council-budget.html")]);
    let a = &t.ok(&["articles", "--format", "json"]).json()[0];
    assert_eq!(
        a["title"],
        "Harbourside council to cut £300m from roads budget"
    );
    assert_eq!(a["outlet"], "The Eastmoor Courier");
    assert_eq!(a["author"], "Dana Whitlock");
    assert_eq!(
        a["url"],
        "https://courier.example/news/harbourside-roads-budget"
    );
    // 23:40 at UTC-5 is March 12 where it was published (March 13 in UTC).
    assert_eq!(a["published"], "2024-03-12");
    assert_eq!(a["published_from"], "meta");
    let claims = t.ok(&["claims", "--format", "json"]).json();
    let texts: Vec<&str> = claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    // The headline figure: once in the headline line, once in the body; not in <title>.
    assert_eq!(
        texts.iter().filter(|t| **t == "£300m").count(),
        2,
        "{texts:?}"
    );
    for furniture in [
        "500 sheep",
        "4.5%",
        "£9m",
        "£2bn",
        "40 years",
        "143",
        "7%",
        "£96",
    ] {
        assert!(
            !texts.iter().any(|t| t.contains(furniture)),
            "{furniture} from page furniture: {texts:?}"
        );
    }
    assert!(texts.contains(&"12,400 potholes"), "{texts:?}");
    assert!(texts.contains(&"£45m"), "{texts:?}");
    // Entities decoded, no markup in the stored text or in any sentence.
    for c in claims.as_array().unwrap() {
        let s = c["sentence"].as_str().unwrap();
        assert!(!s.contains('<') || s.contains("< half"), "{s}");
        assert!(!s.contains("&pound;") && !s.contains("&nbsp;"), "{s}");
    }
}

#[test]
fn flags_override_what_the_page_says() {
    let t = Test::new();
    t.ok(&[
        "ingest",
        &fixture("pages/council-budget.html"),
        "--published",
        "2024-03-13",
        "--outlet",
        "Courier (print)",
        "--title",
        "Roads cut",
    ]);
    let a = &t.ok(&["articles", "--format", "json"]).json()[0];
    assert_eq!(a["published"], "2024-03-13");
    assert_eq!(a["published_from"], "flag");
    assert_eq!(a["outlet"], "Courier (print)");
    assert_eq!(a["title"], "Roads cut");
    assert_eq!(a["author"], "Dana Whitlock");
}

#[test]
fn markdown_is_read_without_its_markup() {
    let t = Test::new();
    let md = t.write(
        "ferry.md",
        "# Ferry route cut to **three** sailings\n\n*Published Monday, March 11, 2024*\n\nThe operator said [2,300 passengers](https://x.example) used the route each week.\n",
    );
    t.ok(&["ingest", &md]);
    let a = &t.ok(&["articles", "--format", "json"]).json()[0];
    assert_eq!(a["title"], "Ferry route cut to three sailings");
    assert_eq!(a["format"], "markdown");
    assert_eq!(a["published"], "2024-03-11");
    let claims = t.ok(&["claims", "--format", "json"]).json();
    let c = claims
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == "2,300 passengers")
        .expect("the count");
    assert_eq!(
        c["sentence"],
        "The operator said 2,300 passengers used the route each week."
    );
}

#[test]
fn a_folder_is_walked_and_every_skipped_file_is_named() {
    let t = Test::new();
    let txt = std::fs::read_to_string(fixture("articles/khalilzad.txt")).unwrap();
    t.write("in/UPPER.TXT", &txt);
    t.write(
        "in/page.HTML",
        std::fs::read(fixture("pages/council-budget.html")).unwrap(),
    );
    t.write(
        "in/sub/notes.md",
        "# Notes\n\nThe mayor said 14 buses were late on Friday.\n",
    );
    t.write("in/.hidden/secret.txt", "Hidden: 99 things.\n");
    t.write("in/.draft.txt", "Draft: 98 things.\n");
    t.write("in/report.pdf", "%PDF-1.4");
    t.write("in/photo.jpg", [0xffu8, 0xd8]);
    let run = t.ok(&["ingest", t.path("in").to_str().unwrap(), "--format", "json"]);
    let stored = run.json();
    assert_eq!(stored.as_array().unwrap().len(), 3, "{}", run.stderr());
    let err = run.stderr();
    assert!(
        err.contains("report.pdf: skipped: not supported yet"),
        "{err}"
    );
    assert!(err.contains("photo.jpg: skipped"), "{err}");
    assert!(!err.contains("secret") && !err.contains("draft"), "{err}");
    assert!(
        err.contains("read 1 text, 1 markdown, 1 html; skipped 2"),
        "{err}"
    );

    let t2 = Test::new();
    t2.write("in/a.txt", &txt);
    t2.write(
        "in/sub/notes.md",
        "# Notes\n\nThe mayor said 14 buses were late.\n",
    );
    let run = t2.ok(&[
        "ingest",
        "--no-recurse",
        t2.path("in").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.json().as_array().unwrap().len(), 1);
    assert!(
        run.stderr()
            .contains("sub: skipped: a folder (--no-recurse)"),
        "{}",
        run.stderr()
    );
}

#[test]
fn formats_we_cannot_read_are_refused_by_name() {
    let t = Test::new();
    let pdf = t.write("scan.pdf", "%PDF-1.4 \u{0}\u{1}");
    let run = t.run(&["ingest", &pdf]).failure();
    assert!(
        run.stderr().contains("scan.pdf: not supported yet"),
        "{}",
        run.stderr()
    );
    assert!(!run.stderr().contains("byte offset"), "{}", run.stderr());
    let empty = t.write("empty.html", "<html><body><nav>Home</nav></body></html>");
    let run = t.run(&["ingest", &empty]).failure();
    assert!(
        run.stderr().contains("empty.html: no article text"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        t.ok(&["articles", "--format", "json"]).json(),
        serde_json::json!([])
    );
}

/// A one-thread HTTP server on 127.0.0.1 answering each path from `routes` with
/// (status line, extra headers, body); it serves `requests` connections and stops.
fn serve(routes: HashMap<String, (String, String, Vec<u8>)>, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap() == 0 || h == "\r\n" {
                    break;
                }
            }
            let (status, headers, body) = routes.get(&path).cloned().unwrap_or((
                "404 Not Found".into(),
                String::new(),
                b"no".to_vec(),
            ));
            let head = format!(
                "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    addr
}

fn html_route(body: Vec<u8>) -> (String, String, Vec<u8>) {
    (
        "200 OK".into(),
        "Content-Type: text/html; charset=utf-8\r\n".into(),
        body,
    )
}

#[test]
fn a_url_is_fetched_and_stored_as_the_same_file_would_be() {
    let page = std::fs::read(fixture("pages/khalilzad.html")).unwrap();
    let mut routes = HashMap::new();
    routes.insert("/story".to_string(), html_route(page));
    routes.insert(
        "/s/123".to_string(),
        (
            "301 Moved Permanently".into(),
            "Location: /story\r\n".into(),
            Vec::new(),
        ),
    );
    let base = serve(routes, 4);
    let asked = format!("{base}/s/123");

    let from_url = Test::new();
    from_url.ok(&["ingest", &asked]);
    let a = &from_url.ok(&["articles", "--format", "json"]).json()[0];
    let from_file = Test::new();
    from_file.ok(&["ingest", &fixture("pages/khalilzad.html")]);
    let b = &from_file.ok(&["articles", "--format", "json"]).json()[0];
    for field in [
        "title",
        "published",
        "published_from",
        "author",
        "outlet",
        "url",
        "raw_sha256",
    ] {
        assert_eq!(a[field], b[field], "{field}");
    }
    // The page's own address is the article's; the one asked for is kept beside it.
    assert_eq!(
        a["url"],
        "https://kabul-ledger.example/politics/khalilzad-kabul"
    );
    assert_eq!(a["fetched_url"], asked);
    assert!(a["fetched_at"].as_str().unwrap().starts_with("20"));
    let ca = from_url.ok(&["claims", "--format", "json"]).json();
    let cb = from_file.ok(&["claims", "--format", "json"]).json();
    assert_eq!(
        claim_keys(ca.as_array().unwrap()),
        claim_keys(cb.as_array().unwrap())
    );
}

#[test]
fn a_page_without_its_own_address_keeps_the_final_url_after_redirects() {
    let mut routes = HashMap::new();
    routes.insert(
        "/final".to_string(),
        html_route(
            b"<html><head><title>Dam repairs</title></head><body><article><h1>Dam repairs</h1><p>Engineers said on Monday, March 4, 2024 that 120 workers would repair the dam within six weeks, at a cost of $4m.</p></article></body></html>".to_vec(),
        ),
    );
    routes.insert(
        "/start".to_string(),
        (
            "302 Found".into(),
            "Location: /final\r\n".into(),
            Vec::new(),
        ),
    );
    let base = serve(routes, 2);
    let t = Test::new();
    t.ok(&["ingest", &format!("{base}/start")]);
    let a = &t.ok(&["articles", "--format", "json"]).json()[0];
    assert_eq!(a["url"], format!("{base}/final"));
    assert_eq!(a["fetched_url"], format!("{base}/start"));
    assert_eq!(a["title"], "Dam repairs");
}

#[test]
fn network_errors_are_one_line_naming_the_url() {
    let base = serve(HashMap::new(), 1);
    let t = Test::new();
    let missing = format!("{base}/gone");
    let run = t.run(&["ingest", &missing]).failure();
    assert!(
        run.stderr()
            .contains(&format!("{missing}: the server answered HTTP 404")),
        "{}",
        run.stderr()
    );
    // Nothing listens on a port just closed.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/x", l.local_addr().unwrap())
    };
    let run = t.run(&["ingest", &closed]).failure();
    assert!(
        run.stderr().contains(&format!("{closed}: cannot fetch")),
        "{}",
        run.stderr()
    );
}

fn feed_with(story_url: &str) -> String {
    let full = "<p>The regional water board said on Monday that 1,250 households had been without running water for three days after a main burst under the ring road.</p>\
        <p>Engineers expect repairs to cost about $2.4m and to take until Friday. The board's chair, Lena Marsh, said bottled water had been handed out at 14 points across the district, and that a further 300 homes could lose supply overnight while the pipe is isolated.</p>";
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Wire</title><link>https://wire.example</link><description>Latest</description>
<item><title>Envoy in Kabul</title><link>{story_url}</link><description>Teaser only.</description>
  <pubDate>Tue, 04 May 2021 02:30:00 +0430</pubDate></item>
<item><title>Water main burst leaves 1,250 homes dry</title><link>https://wire.example/water</link>
  <pubDate>Mon, 08 Apr 2024 22:15:00 -0400</pubDate><dc:creator>Sam Ortiz</dc:creator>
  <content:encoded><![CDATA[{full}]]></content:encoded></item>
</channel></rss>"#
    )
}

#[test]
fn a_feed_ingests_each_new_item_once() {
    let page = std::fs::read(fixture("pages/khalilzad.html")).unwrap();
    let mut routes = HashMap::new();
    routes.insert("/story".to_string(), html_route(page));
    // One request only: a second run that fetched again would fail.
    let base = serve(routes, 1);
    let t = Test::new();
    let feed = t.write("wire.xml", feed_with(&format!("{base}/story")));
    let run = t.ok(&["ingest", "--feed", &feed, "--format", "json"]);
    assert_eq!(run.json().as_array().unwrap().len(), 2, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("2 items: 2 read, 0 already stored, 0 failed"),
        "{}",
        run.stderr()
    );
    let articles = t.ok(&["articles", "--format", "json"]).json();
    let by_title = |title: &str| {
        articles
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"] == title)
            .unwrap_or_else(|| panic!("{title} in {articles}"))
            .clone()
    };
    // The fetched page's own metadata comes first.
    let envoy =
        by_title("US envoy Khalilzad tells Kabul the world stands against a Taliban takeover");
    assert_eq!(envoy["published_from"], "json-ld");
    assert_eq!(envoy["claims"], 8);
    // The item carried its full text: not fetched; the item's date in its own offset.
    let water = by_title("Water main burst leaves 1,250 homes dry");
    assert_eq!(water["published"], "2024-04-08");
    assert_eq!(water["published_from"], "feed");
    assert_eq!(water["author"], "Sam Ortiz");
    assert_eq!(water["url"], "https://wire.example/water");
    assert_eq!(water["fetched_url"], Value::Null);
    let claims = t.ok(&["claims", "--format", "json"]).json();
    assert!(
        claims
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["text"] == "about $2.4m"),
        "{claims}"
    );

    let again = t.ok(&["ingest", "--feed", &feed, "--format", "json"]);
    assert_eq!(again.json(), serde_json::json!([]));
    assert!(
        again
            .stderr()
            .contains("2 items: 0 read, 2 already stored, 0 failed"),
        "{}",
        again.stderr()
    );
}

#[test]
fn a_feed_item_that_cannot_be_fetched_is_named_and_the_rest_go_in() {
    let base = serve(HashMap::new(), 1);
    let t = Test::new();
    let feed = t.write("wire.xml", feed_with(&format!("{base}/story")));
    let run = t.run(&["ingest", "--feed", &feed]).failure();
    assert!(
        run.stderr()
            .contains(&format!("{base}/story: the server answered HTTP 404")),
        "{}",
        run.stderr()
    );
    assert_eq!(
        t.ok(&["articles", "--format", "json"])
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let bad = t.write("bad.xml", "<html><body>not a feed</body></html>");
    let run = t.run(&["ingest", "--feed", &bad]).failure();
    assert!(
        run.stderr()
            .contains("bad.xml: not an RSS 2.0 or Atom feed"),
        "{}",
        run.stderr()
    );
}

/// The khalilzad page with the troop figure changed and one sentence added: a stealth edit.
fn edited_page() -> String {
    std::fs::read_to_string(fixture("pages/khalilzad.html"))
        .unwrap()
        .replace("numbering more than 350,000,", "numbering about 300,000,")
        .replace(
            "as the fighting spreads.</p>",
            "as the fighting spreads.</p>\n<p>The embassy later said 12 districts had changed hands.</p>",
        )
}

#[test]
fn changed_text_at_a_stored_address_is_a_new_version_and_review_work_follows() {
    let t = Test::new();
    t.ok(&["ingest", &fixture("pages/khalilzad.html")]);
    let claims = t.ok(&["claims", "--format", "json"]).json();
    let num = |text: &str| {
        claims
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["text"] == text)
            .unwrap()["number"]
            .to_string()
    };
    let (civilians, troops) = (num("More than 100 civilians"), num("more than 350,000"));
    t.ok(&[
        "mark",
        &civilians,
        "verified",
        "--evidence",
        "https://un.example/report",
        "--by",
        "ana",
    ]);
    t.ok(&["mark", &troops, "disputed", "--by", "ana"]);

    let mut routes = HashMap::new();
    routes.insert("/story".to_string(), html_route(edited_page().into_bytes()));
    let base = serve(routes, 1);
    let run = t.ok(&["ingest", &format!("{base}/story"), "--format", "json"]);
    let new = &run.json()[0];
    assert!(
        run.stderr().contains("a new version of article 1"),
        "{}",
        run.stderr()
    );
    let articles = t.ok(&["articles", "--format", "json"]).json();
    let old = articles
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["number"] == 1)
        .unwrap();
    assert_eq!(new["previous_id"], old["id"]);
    assert_eq!(old["next_id"], new["id"]);
    // The old version stays, with its claims.
    assert_eq!(old["claims"], 8);

    let new_claims = t
        .ok(&[
            "claims",
            "--article",
            new["id"].as_str().unwrap(),
            "--format",
            "json",
        ])
        .json();
    let find = |text: &str| {
        new_claims
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["text"] == text)
            .unwrap_or_else(|| panic!("{text} in {new_claims}"))
            .clone()
    };
    let kept = find("More than 100 civilians");
    assert_eq!(kept["status"], "verified");
    let shown = t
        .ok(&["show", &kept["number"].to_string(), "--format", "json"])
        .json();
    assert_eq!(
        shown["evidence"][0]["url"], "https://un.example/report",
        "{shown}"
    );
    let history = t
        .ok(&["history", &kept["number"].to_string(), "--format", "json"])
        .json();
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["to"] == "verified" && h["actor"] == "ana"),
        "{history}"
    );
    // The changed figure starts over.
    assert_eq!(find("about 300,000")["status"], "unchecked");

    // The report reads the newest version only: the two date findings once, not twice.
    let report = t.ok(&["report", "--format", "json"]).json();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{report}");
    assert!(
        findings.iter().all(|f| f["article_id"] == new["id"]),
        "{report}"
    );

    let diff = t
        .ok(&["diff", &new["number"].to_string(), "--format", "json"])
        .json();
    let changes = diff["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{diff}");
    assert_eq!(changes[0]["op"], "changed");
    assert_eq!(changes[0]["figures"][0]["old"], "more than 350,000");
    assert_eq!(changes[0]["figures"][0]["new"], "about 300,000");
    assert_eq!(changes[1]["op"], "added");
    assert_eq!(
        changes[1]["new"],
        "The embassy later said 12 districts had changed hands."
    );
    let table = t.ok(&["diff", "1"]).stdout();
    assert!(
        table.contains("[-more than 350,000,-]") || table.contains("[-more"),
        "{table}"
    );
    assert!(table.contains("{+about"), "{table}");
}

#[test]
fn a_file_given_the_url_of_a_stored_article_is_a_new_version_and_one_version_cannot_be_diffed() {
    let t = Test::new();
    let url = "https://example.org/khalilzad";
    t.ok(&[
        "ingest",
        &fixture("articles/khalilzad.txt"),
        "--url",
        url,
        "--story",
        "afghan",
    ]);
    let run = t.run(&["diff", "1"]).failure();
    assert!(
        run.stderr().contains("has one version only"),
        "{}",
        run.stderr()
    );
    let body = std::fs::read_to_string(fixture("articles/khalilzad.txt"))
        .unwrap()
        .replace("More than 100 civilians", "More than 120 civilians");
    let edited = t.write("edited.txt", body);
    let run = t.ok(&["ingest", &edited, "--url", url, "--format", "json"]);
    let new = &run.json()[0];
    assert!(new["previous_id"].is_string());
    // The story follows the article to its new version.
    assert_eq!(new["story"], "afghan");
    // The same text again is the same version: nothing new.
    let again = t.ok(&["ingest", &edited, "--url", url]);
    assert!(
        again.stdout().contains("0 stored, 1 already there"),
        "{}",
        again.stdout()
    );
}

#[test]
fn a_page_in_a_legacy_encoding_is_read_as_it_declares() {
    let t = Test::new();
    let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><title>Caf\xe9 tax</title></head><body><article><h1>Caf\xe9 tax</h1><p>The council said on Monday, March 4, 2024 that the caf\xe9 levy would raise \xa3300m a year.</p></article></body></html>".to_vec();
    let file = t.write("latin1.html", &page);
    t.ok(&["ingest", &file]);
    let claims = t.ok(&["claims", "--format", "json"]).json();
    let money = claims
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "money")
        .unwrap_or_else(|| panic!("{claims}"));
    assert_eq!(money["text"], "£300m");
    assert_eq!(money["value"]["currency"], "GBP");
    // Over HTTP, the server's charset is read the same way.
    page = without_meta(&page);
    let mut routes = HashMap::new();
    routes.insert(
        "/p".to_string(),
        (
            "200 OK".to_string(),
            "Content-Type: text/html; charset=windows-1252\r\n".to_string(),
            page,
        ),
    );
    let base = serve(routes, 1);
    let u = Test::new();
    u.ok(&["ingest", &format!("{base}/p")]);
    let a = &u.ok(&["articles", "--format", "json"]).json()[0];
    assert_eq!(a["title"], "Café tax");
}

/// The page without its first `<meta>` (its charset declaration).
fn without_meta(page: &[u8]) -> Vec<u8> {
    let text: String = page.iter().map(|&b| b as char).collect();
    let start = text.find("<meta").unwrap();
    let end = start + text[start..].find('>').unwrap() + 1;
    [&page[..start], &page[end..]].concat()
}

#[cfg(unix)]
#[test]
fn links_and_pipes_in_a_folder_are_named_not_followed_for_ever() {
    let t = Test::new();
    t.write(
        "in/a.txt",
        "Bridge closed\n\nThe bridge will close for 14 days from Monday, March 4, 2024.\n",
    );
    std::os::unix::fs::symlink(t.path("nowhere.txt"), t.path("in/dangling.txt")).unwrap();
    std::os::unix::fs::symlink(t.path("in"), t.path("in/loop")).unwrap();
    let fifo = t.path("in/pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let run = t.ok(&["ingest", t.path("in").to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.json().as_array().unwrap().len(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("dangling.txt: skipped: cannot read"), "{err}");
    assert!(
        err.contains("loop: skipped: a folder link that loops"),
        "{err}"
    );
    if made.is_ok_and(|s| s.success()) {
        assert!(
            err.contains("pipe.txt: skipped: not a regular file"),
            "{err}"
        );
    }
}
