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

/// `relais token add` for Claire Martin, reviewer of English: her token.
fn claire(site: &Site, tokens: &std::path::Path) -> String {
    let out = relais(site, tokens)
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
    String::from_utf8(out.stdout).unwrap().trim().to_string()
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
    browser_with(port, profile, true).await
}

/// The same, the pages' scripts blocked when `scripts` is false (as a
/// reviewer's browser may: the page must work the same).
async fn browser_with(port: u16, profile: &std::path::Path, scripts: bool) -> Client {
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--lang=en-GB",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "profile.managed_default_content_settings.javascript": if scripts { 1 } else { 2 }
            }
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
    // Enough posts for the dashboard to have a second page.
    site.write_posts(60, 1);
    let tokens = site.path().join(".tokens.toml");
    let token = claire(&site, &tokens);
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
    // Fifty resources a page: the link to the next one, and that page.
    c.find(Locator::Css("a[rel=next]")).await?.click().await?;
    let now = c.current_url().await?;
    assert!(now.as_str().ends_with("/?page=2"), "{now}");
    assert!(
        !c.find_all(Locator::Css("a[rel=prev]")).await?.is_empty(),
        "page 2 leads back"
    );
    let png = c.screenshot().await?;
    std::fs::write(shot_path("serve-dashboard-page-2-phone.png"), png).unwrap();
    violations.extend(axe(c, "dashboard, page 2").await?);
    assert!(violations.is_empty(), "axe-core: {violations:#?}");
    Ok(())
}

/// Signed in with `token`, in English, at desktop size.
async fn signed_in(c: &Client, url: &str, token: &str) -> Result<(), fantoccini::error::CmdError> {
    c.set_window_size(1280, 1200).await?;
    c.goto(&format!("{url}/login?lang=en")).await?;
    sign_in(c, token).await?;
    c.wait().for_element(Locator::Css("main h1")).await?;
    Ok(())
}

/// Presses a chord: every key down in order, then up in reverse.
async fn press(c: &Client, keys: &[char]) -> Result<(), fantoccini::error::CmdError> {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let mut seq = KeyActions::new("keyboard".to_string());
    for k in keys {
        seq = seq.then(KeyAction::Down { value: *k });
    }
    for k in keys.iter().rev() {
        seq = seq.then(KeyAction::Up { value: *k });
    }
    c.perform_actions(seq).await?;
    c.release_actions().await
}

/// The ids of a post's messages, in source order, read as the server does.
fn ids_of(site: &Site, resource: &str) -> Vec<String> {
    let cfg = relais::base::config::Config::load(site.path()).unwrap();
    let s =
        relais::review::view::Site::load(&cfg, &[resource.to_string()], &["en".parse().unwrap()]);
    s.entries(&s.views[0])
        .iter()
        .map(|e| e.id().to_string())
        .collect()
}

/// Issue 17, item 6: with the project's script, a reviewer goes from
/// message to message with Alt+↓ / Alt+↑, takes the memory's match with
/// Ctrl+Shift+1, closes an editor with Esc and saves and approves with
/// Ctrl+Enter; with scripts blocked the shortcuts do nothing and the same
/// work is done with the page's links and buttons.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shortcuts_take_a_memory_match_and_approve_and_the_page_works_without_them() {
    let site = Site::committed("http://127.0.0.1:9");
    let keoogo = "posts/2024-06-06-keoogo-dispensaire-trottoir";
    let french =
        common::messages(&site, &format!("locales/fr/{keoogo}.ftl"))["p-du-5-au-10"].clone();
    let approved =
        common::messages(&site, &format!("locales/en/{keoogo}.ftl"))["p-du-5-au-10"].clone();
    let mut posts = Vec::new();
    for slug in ["2025-08-01-suite", "2025-08-02-suite"] {
        let resource = format!("posts/{slug}");
        site.write(
            &format!("{resource}.md"),
            &format!(
                "---\ntitle: La suite\n---\n\n{}\n\nLe conseil d’administration se réunira en mars.\n",
                french.trim().replace("trois monitrices", "quatre monitrices")
            ),
        );
        let ids = ids_of(&site, &resource);
        let hand: String = ids
            .iter()
            .map(|id| format!("{id} = Draft English\n"))
            .collect();
        site.write(&format!("locales/en/{resource}.ftl"), &hand);
        posts.push((resource, ids));
    }
    let tokens = site.path().join(".tokens.toml");
    let token = claire(&site, &tokens);
    let (_server, url) = serve(&site, &tokens);
    let (_driver, port) = chromedriver();

    let profile = tempfile::tempdir().unwrap();
    let c = browser(port, profile.path()).await;
    let result = with_shortcuts(&c, &url, &token, &posts[0]).await;
    c.close().await.unwrap();
    result.unwrap();
    let (resource, ids) = &posts[0];
    let similar = ids.iter().find(|i| i.starts_with("p-du-5")).unwrap();
    let en = common::messages(&site, &format!("locales/en/{resource}.ftl"));
    assert_eq!(en[similar].trim(), approved.trim(), "the match, saved");
    let state = site.read(&format!("review/en/{resource}.json"));
    assert!(state.contains("\"reviewer\": \"Claire Martin\""), "{state}");

    let profile = tempfile::tempdir().unwrap();
    let c = browser_with(port, profile.path(), false).await;
    let result = without_scripts(&c, &url, &token, &posts[1]).await;
    c.close().await.unwrap();
    result.unwrap();
    let (resource, ids) = &posts[1];
    let similar = ids.iter().find(|i| i.starts_with("p-du-5")).unwrap();
    let en = common::messages(&site, &format!("locales/en/{resource}.ftl"));
    assert_eq!(en[similar].trim(), approved.trim(), "the match, saved");
    let (status, _) = site.json(&["status", resource]);
    let row = status["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["locale"] == "en")
        .unwrap();
    assert_eq!(row["counts"]["approved"], 1, "{row:#}");
}

async fn with_shortcuts(
    c: &Client,
    url: &str,
    token: &str,
    (resource, ids): &(String, Vec<String>),
) -> Result<(), fantoccini::error::CmdError> {
    use fantoccini::key::Key;
    signed_in(c, url, token).await?;
    c.goto(&format!("{url}/review/en/{resource}")).await?;
    c.wait().for_element(Locator::Css("article.msg")).await?;
    let similar = ids.iter().find(|i| i.starts_with("p-du-5")).unwrap();
    // Alt+↓ from the top: the first message to review, then the next;
    // Alt+↑ back.
    press(c, &[Key::Alt.into(), Key::Down.into()]).await?;
    assert_eq!(focused(c).await?, format!("h-{}", ids[0]));
    press(c, &[Key::Alt.into(), Key::Down.into()]).await?;
    assert_eq!(focused(c).await?, format!("h-{similar}"));
    press(c, &[Key::Alt.into(), Key::Up.into()]).await?;
    assert_eq!(focused(c).await?, format!("h-{}", ids[0]));
    // Esc closes the editor a reviewer opened.
    let first = c.find(Locator::Id(&format!("m-{}", ids[0]))).await?;
    first
        .find(Locator::Css("form.edit summary"))
        .await?
        .click()
        .await?;
    assert!(
        first
            .find(Locator::Css("form.edit details"))
            .await?
            .prop("open")
            .await?
            .as_deref()
            == Some("true")
    );
    press(c, &[Key::Escape.into()]).await?;
    assert_eq!(
        first
            .find(Locator::Css("form.edit details"))
            .await?
            .prop("open")
            .await?
            .as_deref(),
        Some("false"),
        "Esc closed the editor"
    );
    // Ctrl+Shift+1 on the similar message: its editor opens with match 1.
    press(c, &[Key::Alt.into(), Key::Down.into()]).await?;
    assert_eq!(focused(c).await?, format!("h-{similar}"));
    press(c, &[Key::Control.into(), Key::Shift.into(), '1']).await?;
    let area = c
        .wait()
        .for_element(Locator::Id(&format!("v-{similar}")))
        .await?;
    let taken = c.current_url().await?;
    assert!(taken.as_str().contains("use=1"), "{taken}");
    assert_eq!(
        focused(c).await?,
        format!("v-{similar}"),
        "focus in the editor"
    );
    let text = area.prop("value").await?.unwrap_or_default();
    assert_ne!(text.trim(), "Draft English", "the match is in the editor");
    let card = c.find(Locator::Id(&format!("m-{similar}"))).await?;
    let png = card.screenshot().await?;
    std::fs::write(shot_path("serve-shortcut-memory.png"), png).unwrap();
    let mut violations = axe(c, "review page with a match taken").await?;
    // Ctrl+Enter in the editor: saved, then approved.
    press(c, &[Key::Control.into(), Key::Enter.into()]).await?;
    c.wait().for_element(Locator::Css("p.notice")).await?;
    let said = notices(c).await;
    assert!(said.contains(&format!("Approved: {similar}.")), "{said}");
    let card = c.find(Locator::Id(&format!("m-{similar}"))).await?;
    assert!(
        card.attr("class")
            .await?
            .unwrap_or_default()
            .contains("state-approved")
    );

    // The help page lists the shortcuts, from the review page's link.
    c.find(Locator::Css("a[href='/help']"))
        .await?
        .click()
        .await?;
    let h1 = c.wait().for_element(Locator::Css("main h1")).await?;
    assert_eq!(h1.text().await?, "Keyboard shortcuts");
    let rows = c.find_all(Locator::Css("table.shortcuts tbody tr")).await?;
    assert_eq!(rows.len(), 5);
    violations.extend(axe(c, "help page").await?);
    c.set_window_size(412, 915).await?;
    let png = c.screenshot().await?;
    std::fs::write(shot_path("serve-help-phone.png"), png).unwrap();
    // The search page, on a phone and then on a desktop.
    c.goto(&format!("{url}/search?q=monitrices")).await?;
    c.wait().for_element(Locator::Css("ol.found")).await?;
    violations.extend(axe(c, "search page").await?);
    let png = c.screenshot().await?;
    std::fs::write(shot_path("serve-search-phone.png"), png).unwrap();
    c.set_window_size(1280, 1200).await?;
    let png = c.screenshot().await?;
    std::fs::write(shot_path("serve-search.png"), png).unwrap();
    assert!(violations.is_empty(), "axe-core: {violations:#?}");
    Ok(())
}

async fn without_scripts(
    c: &Client,
    url: &str,
    token: &str,
    (resource, ids): &(String, Vec<String>),
) -> Result<(), fantoccini::error::CmdError> {
    use fantoccini::key::Key;
    signed_in(c, url, token).await?;
    let page = format!("{url}/review/en/{resource}");
    c.goto(&page).await?;
    let similar = ids.iter().find(|i| i.starts_with("p-du-5")).unwrap();
    let card = c
        .wait()
        .for_element(Locator::Id(&format!("m-{similar}")))
        .await?;
    // The shortcut does nothing: no script runs.
    card.find(Locator::Css("h2")).await?.click().await?;
    press(c, &[Key::Control.into(), Key::Shift.into(), '1']).await?;
    assert_eq!(
        c.current_url().await?.as_str(),
        page,
        "no script, no shortcut"
    );
    // *Use*, then *Save and approve*: the same result.
    card.find(Locator::Css("a[data-use='1']"))
        .await?
        .click()
        .await?;
    let area = c
        .wait()
        .for_element(Locator::Id(&format!("v-{similar}")))
        .await?;
    assert_ne!(
        area.prop("value").await?.unwrap_or_default().trim(),
        "Draft English"
    );
    let card = c.find(Locator::Id(&format!("m-{similar}"))).await?;
    card.find(Locator::Css("button[value='approve']"))
        .await?
        .click()
        .await?;
    c.wait().for_element(Locator::Css("p.notice")).await?;
    let said = notices(c).await;
    assert!(said.contains(&format!("Approved: {similar}.")), "{said}");
    Ok(())
}
