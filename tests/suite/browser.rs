//! The review page driven in headless Chromium through WebDriver (fantoccini): open the
//! seed article, mark a claim with a key, check the history row; screenshots at desktop
//! and phone widths go to target/screenshots/ for people to look at. Skipped, saying so,
//! where chromedriver is not installed (.ci/run installs it).

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{ClientBuilder, Locator};
use serde_json::json;

use super::common::{Test, fixture, repo, spawn_server};

struct Kill(Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn wait_for_url(c: &fantoccini::Client, part: &str) -> String {
    for _ in 0..100 {
        let url = c.current_url().await.unwrap().to_string();
        if url.contains(part) {
            return url;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let url = c.current_url().await.unwrap().to_string();
    let src = c.source().await.unwrap_or_default();
    panic!(
        "the page never reached {part}: at {url}\n{}",
        &src[..src.len().min(3000)]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reviewer_marks_a_claim_with_the_keyboard() {
    if Command::new("chromedriver")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!(
            "skipped: chromedriver is not installed (apt-get install chromium chromium-driver)"
        );
        return;
    }
    let t = Test::new();
    t.ok(&[
        "ingest",
        &fixture("articles/khalilzad.txt"),
        "--url",
        "https://example.org/khalilzad",
    ]);
    let (server, base) = spawn_server(&t, "browser-desk", &[]);
    let _server = Kill(server);

    let port = free_port();
    let driver = Kill(
        Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let profile = t.path("chromium-profile");
    let caps = json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.display()),
                "--window-size=1280,800"
            ]
        }
    });
    let caps = caps.as_object().unwrap().clone();
    let mut client = None;
    for _ in 0..50 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => {
                client = Some(c);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    let c = client.expect("chromedriver did not start a session");

    // The seed article, its "Monday, May 4" (claim 4) selected.
    c.goto(&format!("{base}/articles/1?claim=4#c4"))
        .await
        .unwrap();
    let flagged = c.find_all(Locator::Css("a.claim.flagged")).await.unwrap();
    assert_eq!(flagged.len(), 2, "both findings' claims underlined");
    let shots = repo().join("target").join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(
        shots.join("reading-desktop.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();

    // "d" marks the selected claim disputed; the page comes back with it.
    c.find(Locator::Css("a.claim.selected"))
        .await
        .unwrap()
        .send_keys("d")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    wait_for_url(&c, "claim=4").await;
    let badge = c
        .find(Locator::Css("aside .badge"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(badge, "disputed");
    // "j" moves to the next claim.
    c.find(Locator::Css("a.claim.selected"))
        .await
        .unwrap()
        .send_keys("j")
        .await
        .unwrap();
    wait_for_url(&c, "claim=5").await;

    // A phone's width: the panel goes under the text.
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&format!("{base}/articles/1?claim=4#c4"))
        .await
        .unwrap();
    std::fs::write(
        shots.join("reading-phone.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();
    c.close().await.unwrap();
    drop(driver);

    // The history row, read from the database.
    let history = t.ok(&["history", "4", "--format", "json"]).json();
    let row = &history.as_array().unwrap()[0];
    assert_eq!(row["action"], "status");
    assert_eq!(row["to"], "disputed");
    assert_eq!(row["actor"], "browser-desk");
}
