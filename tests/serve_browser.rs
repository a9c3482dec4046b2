//! End to end in headless Chromium (Debian's `chromium` and
//! `chromium-driver`, which `make test` installs): `relais token add`
//! creates a reviewer, `relais serve` runs on a free port, and the reviewer
//! signs in, opens a post, edits a message, approves all; the `.ftl` file
//! and `relais status` show it. Screenshots go to `target/serve-*.png`.
//! Fails, never skips, when Chromium cannot start.

mod common;

use common::Site;
use fantoccini::{Client, ClientBuilder, Locator};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const POST: &str = "posts/2024-06-18-inepe-rapport-alternatif-equateur";
const MESSAGE: &str = "h-560-enfants-ont-pris";
const EDIT: &str = "560 children had their say";
/// A message with two links, which the refused edit loses.
const LINKS: &str = "p-pour-en-savoir-plus";
const LOST: &str = "To learn more, see the Committee page.";

/// axe-core from npm (`make test` fetches it into `target/axe`).
fn axe_source() -> String {
    let path = common::repo().join("target/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}: `make test` fetches axe-core (.ci/need-axe)",
            path.display()
        )
    })
}

/// The accessibility violations axe-core finds on the page shown, as
/// `rule: nodes` lines (empty: none).
async fn axe(c: &Client, what: &str) -> Result<Vec<String>, fantoccini::error::CmdError> {
    c.execute(&axe_source(), vec![]).await?;
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             axe.run(document).then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))));",
            vec![],
        )
        .await?;
    let list: Vec<String> = found
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| format!("{what}: {}", v.as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default();
    Ok(list)
}

/// The id of the element that has focus.
async fn focused(c: &Client) -> Result<String, fantoccini::error::CmdError> {
    let v = c
        .execute("return document.activeElement.id;", vec![])
        .await?;
    Ok(v.as_str().unwrap_or("").to_string())
}

/// A child process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn relais(site: &Site, tokens: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_relais"));
    cmd.arg("-C")
        .arg(site.path())
        .env("RELAIS_TOKENS", tokens)
        .env_remove("RELAIS_TOKENS_TOML");
    cmd
}

/// `relais serve --addr 127.0.0.1:0`, and the address it says it bound.
fn serve(site: &Site, tokens: &std::path::Path) -> (Running, String) {
    let mut child = relais(site, tokens)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let url = common::listening(&mut child);
    (Running(child), url)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// chromedriver on a free port, ready.
fn chromedriver() -> (Running, u16) {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect(
            "chromedriver must be installed: `make test` installs chromium and chromium-driver",
        );
    let running = Running(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "chromedriver did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (running, port)
}

/// Headless Chromium, as root, with a fresh profile.
async fn browser(port: u16, profile: &std::path::Path) -> Client {
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--lang=en-GB",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let serde_json::Value::Object(caps) = caps else {
        unreachable!()
    };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("headless Chromium must start (chromium and chromium-driver from Debian)")
}

fn shot_path(name: &str) -> std::path::PathBuf {
    let dir = common::repo().join("target");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The text of the page's notices.
async fn notices(c: &Client) -> String {
    let mut out = String::new();
    for n in c.find_all(Locator::Css("p.notice")).await.unwrap() {
        out.push_str(&n.text().await.unwrap());
        out.push('\n');
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_edits_and_approves_a_post_in_chromium() {
    let site = Site::committed("http://127.0.0.1:9");
    let tokens = site.path().join(".tokens.toml");
    let out = relais(&site, &tokens)
        .args([
            "token",
            "add",
            "--role",
            "reviewer",
            "--locale",
            "en",
            "--name",
            "Claire Martin",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(!std::fs::read_to_string(&tokens).unwrap().contains(&token));
    let out = relais(&site, &tokens)
        .args(["token", "add", "--role", "writer", "--name", "Léa Martin"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let writer = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let (_server, url) = serve(&site, &tokens);
    let (_driver, port) = chromedriver();
    let profile = tempfile::tempdir().unwrap();
    let c = browser(port, profile.path()).await;
    let mut result = review_in(&c, &url, &token).await;
    if result.is_ok() {
        result = write_in(&c, &writer).await;
    }
    c.close().await.unwrap();
    result.unwrap();

    let ftl = site.read(&format!("locales/en/{POST}.ftl"));
    assert!(ftl.contains(&format!("{MESSAGE} = {EDIT}")), "{ftl}");
    let (status, code) = site.json(&["status"]);
    assert_eq!(code, 0);
    let row = status["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["resource"] == POST && r["locale"] == "en")
        .unwrap();
    assert_eq!(row["finished"], true, "{row:#}");
    assert_eq!(row["counts"]["approved"], 18, "{row:#}");
    let state = site.read(&format!("review/en/{POST}.json"));
    assert!(state.contains("\"reviewer\": \"Claire Martin\""));
}

/// Types the token into the sign-in form shown and sends it.
async fn sign_in(c: &Client, token: &str) -> Result<(), fantoccini::error::CmdError> {
    c.find(Locator::Css("#token"))
        .await?
        .send_keys(token)
        .await?;
    c.find(Locator::Css("main form button"))
        .await?
        .click()
        .await
}

/// What a writer does: signs in, sends a post without a title, fixes it.
async fn write_in(c: &Client, token: &str) -> Result<(), fantoccini::error::CmdError> {
    c.set_window_size(1280, 1200).await?;
    c.find(Locator::Css("form[action='/logout'] button"))
        .await?
        .click()
        .await?;
    c.wait().for_element(Locator::Css("#token")).await?;
    sign_in(c, token).await?;
    let area = c.wait().for_element(Locator::Css("#text")).await?;
    let template = area.prop("value").await?.unwrap_or_default();
    assert!(
        template.starts_with("---\ntitle: \"\"\ndate: "),
        "{template:?}"
    );
    let mut violations = axe(c, "writers' page").await?;
    area.send_keys("Les enfants ont visité le musée.").await?;
    c.find(Locator::Css("form[action='/submit'] button.primary"))
        .await?
        .click()
        .await?;
    let error = c.wait().for_element(Locator::Id("draft-error")).await?;
    assert!(
        error.text().await?.starts_with("The post has no title"),
        "{}",
        error.text().await?
    );
    assert_eq!(focused(c).await?, "text", "focus on the draft");
    violations.extend(axe(c, "refused draft").await?);
    let png = c.screenshot().await?;
    std::fs::write(shot_path("serve-submit.png"), png).unwrap();
    c.set_window_size(412, 915).await?;
    let png = c.screenshot().await?;
    std::fs::write(shot_path("serve-submit-phone.png"), png).unwrap();
    assert!(violations.is_empty(), "axe-core: {violations:#?}");
    Ok(())
}

/// What the reviewer does, click by click.
async fn review_in(c: &Client, url: &str, token: &str) -> Result<(), fantoccini::error::CmdError> {
    c.set_window_size(1280, 1500).await?;
    c.goto(&format!("{url}/login?lang=en")).await?;
    sign_in(c, token).await?;
    let link = format!("a[href='/review/en/{POST}']");
    c.wait()
        .for_element(Locator::Css(&link))
        .await?
        .click()
        .await?;
    let card = c
        .wait()
        .for_element(Locator::Id(&format!("m-{MESSAGE}")))
        .await?;
    assert!(
        card.attr("class")
            .await?
            .unwrap_or_default()
            .contains("state-machine")
    );
    let closed = card.find(Locator::Css("button[value='approve']")).await?;
    // What shows, then what a screen reader adds: the message's name.
    assert_eq!(
        closed.text().await?,
        format!("Approve\n{MESSAGE}"),
        "a closed editor's button"
    );
    card.find(Locator::Css("summary")).await?.click().await?;
    let area = card.find(Locator::Css("textarea[name='value']")).await?;
    area.clear().await?;
    area.send_keys(EDIT).await?;
    // Issue 14: the approve control of an open editor saves what was typed,
    // then approves that very text (it used to approve the machine text
    // and throw the typing away).
    let approve = card.find(Locator::Css("button[value='approve']")).await?;
    assert_eq!(
        approve.text().await?,
        format!("Save and approve\n{MESSAGE}")
    );
    let png = card.screenshot().await?;
    std::fs::write(shot_path("serve-review-editing.png"), png).unwrap();
    approve.click().await?;
    c.wait().for_element(Locator::Css("p.notice")).await?;
    let saved = notices(c).await;
    assert!(
        saved.contains(&format!("{MESSAGE} saved (edited)"))
            && saved.contains(&format!("Approved: {MESSAGE}.")),
        "{saved}"
    );
    let card = c.find(Locator::Id(&format!("m-{MESSAGE}"))).await?;
    assert!(
        card.attr("class")
            .await?
            .unwrap_or_default()
            .contains("state-approved")
    );
    let card = c.find(Locator::Id(&format!("m-{MESSAGE}"))).await?;
    let inserted = card.find_all(Locator::Css("dd ins")).await?;
    let mut words = Vec::new();
    for ins in inserted {
        words.push(ins.text().await?);
    }
    assert!(
        words.join(" ").contains("children") && words.join(" ").contains("had their say"),
        "{words:?}"
    );
    assert_eq!(
        focused(c).await?,
        format!("h-{MESSAGE}"),
        "back at the message acted on"
    );
    let mut violations = axe(c, "review page").await?;

    // A refused edit: back at the message, focus in the field, what was
    // typed kept, why said next to it and summed up at the top; a reload
    // keeps all of it.
    let card = c.find(Locator::Id(&format!("m-{LINKS}"))).await?;
    card.find(Locator::Css("summary")).await?.click().await?;
    let area = card.find(Locator::Css("textarea[name='value']")).await?;
    area.clear().await?;
    area.send_keys(LOST).await?;
    card.find(Locator::Css("button[value='save']"))
        .await?
        .click()
        .await?;
    let summary = c.wait().for_element(Locator::Css(".error-summary")).await?;
    let said = summary.text().await?;
    assert!(
        said.contains(
            "The link to https://www.ohchr.org/fr/treaty-bodies/crc of the French is gone"
        ),
        "{said}"
    );
    assert_eq!(
        focused(c).await?,
        format!("v-{LINKS}"),
        "focus on the field"
    );
    let area = c.find(Locator::Id(&format!("v-{LINKS}"))).await?;
    assert_eq!(area.prop("value").await?.as_deref(), Some(LOST));
    assert_eq!(area.attr("aria-invalid").await?.as_deref(), Some("true"));
    violations.extend(axe(c, "refused edit").await?);
    c.set_window_size(412, 915).await?;
    c.execute("window.scrollTo(0, 0);", vec![]).await?;
    let png = c.screenshot().await?;
    std::fs::write(shot_path("serve-review-summary-phone.png"), png).unwrap();
    c.execute(
        "document.activeElement.scrollIntoView({block: 'center'});",
        vec![],
    )
    .await?;
    let png = c.screenshot().await?;
    std::fs::write(shot_path("serve-review-phone.png"), png).unwrap();
    c.set_window_size(1280, 1500).await?;
    c.refresh().await?;
    let area = c
        .wait()
        .for_element(Locator::Id(&format!("v-{LINKS}")))
        .await?;
    assert_eq!(
        area.prop("value").await?.as_deref(),
        Some(LOST),
        "a reload keeps the typed text"
    );
    let png = c.screenshot().await?;
    std::fs::write(shot_path("serve-review-desktop.png"), png).unwrap();

    // Approve all asks first: the link approves nothing by itself, and
    // going back approves nothing.
    c.find(Locator::Css("a[href^='/approve-all/']"))
        .await?
        .click()
        .await?;
    c.wait().for_element(Locator::Css("main h1")).await?;
    c.find(Locator::Css(".actions > a")).await?.click().await?;
    c.wait()
        .for_element(Locator::Id(&format!("m-{MESSAGE}")))
        .await?;
    let approved = c.find_all(Locator::Css("article.state-approved")).await?;
    assert_eq!(approved.len(), 1, "cancelling approve-all approves nothing");
    c.find(Locator::Css("a[href^='/approve-all/']"))
        .await?
        .click()
        .await?;
    let question = c.wait().for_element(Locator::Css("main h1")).await?;
    assert_eq!(question.text().await?, "Approve everything valid?");
    let counts = c.find(Locator::Css("main p")).await?.text().await?;
    assert_eq!(
        counts,
        "17 messages would be approved, including 14 machine translations nobody changed."
    );
    violations.extend(axe(c, "approve-all question").await?);
    let png = c.screenshot().await?;
    std::fs::write(shot_path("serve-approve-all.png"), png).unwrap();
    let buttons = c
        .find_all(Locator::Css("form[action^='/approve/'] button"))
        .await?;
    buttons.last().expect("approve all N").click().await?;
    c.wait().for_element(Locator::Css("p.notice")).await?;
    let approved = notices(c).await;
    assert!(approved.contains("17 messages approved"), "{approved}");
    let png = c.screenshot().await?;
    std::fs::write(shot_path("serve-review.png"), png).unwrap();
    assert!(
        c.find_all(Locator::Css(".error-summary")).await?.is_empty(),
        "approved: the refused edit is over"
    );
    c.set_window_size(412, 915).await?;
    c.goto(&format!("{url}/")).await?;
    let png = c.screenshot().await?;
    std::fs::write(shot_path("serve-dashboard-phone.png"), png).unwrap();
    violations.extend(axe(c, "dashboard").await?);
    assert!(violations.is_empty(), "axe-core: {violations:#?}");
    Ok(())
}
