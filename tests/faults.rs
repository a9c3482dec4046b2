//! Faults of an engine: each run ends with a clear message, nothing good is
//! discarded, nothing broken is written as good. Against the fake DeepL
//! (tests/common/fake.rs) and the real Apertium APy server.

mod common;

use common::Site;
use common::fake::{Fake, Fault};
use serde_json::Value;
use std::time::Duration;

const KEY: &str = "faults-test-key-0000:fx";
const KEY_ENV: &str = "RELAIS_TEST_DEEPL_KEY";

/// Two posts whose paragraphs carry a code span (`<x id="1"/>` for the
/// engine), DeepL for English, one request at a time.
fn site(fake: &Fake, extra: &str) -> Site {
    let engine = format!(
        "kind = \"deepl\"\nurl = \"{}\"\nkey_env = \"{KEY_ENV}\"\nconcurrency = 1\ntimeout = 1\n{extra}",
        fake.url
    );
    let site = Site::with_engine(&["en"], &engine);
    site.set_env(KEY_ENV, KEY);
    for i in 0..2 {
        site.write(
            &format!("posts/2024-01-0{}-post-{i}.md", i + 1),
            &format!("---\ntitle: \"Titre {i}\"\n---\n\nLe fichier numéro {i}, `rapport-{i}.pdf`, est en ligne.\n"),
        );
    }
    site
}

fn run(site: &Site) -> (Value, i32, String) {
    let out = site.relais(&["sync", "--json"]);
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        doc,
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn en(site: &Site, i: usize) -> String {
    site.read(&format!("locales/en/posts/2024-01-0{}-post-{i}.ftl", i + 1))
}

#[test]
fn a_reset_connection_and_a_timeout_are_retried() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "");
    fake.fail_next(&[Fault::Reset, Fault::Hang(Duration::from_millis(2500))]);
    let (doc, code, stderr) = run(&s);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(doc["retries"], 2, "{doc:#}");
    assert_eq!(doc["translated"], 4, "{doc:#}");
    assert!(en(&s, 0).contains("`rapport-0.pdf`"));
}

#[test]
fn a_storm_of_429_is_ridden_out_and_a_longer_one_stops_the_run() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "");
    fake.fail_next(&[Fault::TooMany(Some(0)); 4]);
    let (doc, code, stderr) = run(&s);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(doc["retries"], 4);

    let fake = Fake::deepl(KEY);
    let s = site(&fake, "retries = 2\n");
    fake.fail_next(&[Fault::TooMany(Some(0)); 3]);
    let (doc, code, stderr) = run(&s);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("429") || stderr.to_lowercase().contains("too many"),
        "{stderr}"
    );
    assert_eq!(doc["left"], 4, "{doc:#}");
    // The next run sends what is left.
    let (doc, code, _) = run(&s);
    assert_eq!((code, doc["translated"].as_u64()), (0, Some(4)));
}

#[test]
fn truncated_json_and_a_short_answer_stop_the_run_without_writing_anything_wrong() {
    for fault in [Fault::Malformed, Fault::Fewer] {
        let fake = Fake::deepl(KEY);
        let s = site(&fake, "retries = 0\n");
        fake.fail_next(&[fault]);
        let (doc, code, stderr) = run(&s);
        assert_eq!(code, 3, "{fault:?}: {stderr}");
        assert!(stderr.contains("deepl"), "{fault:?}: {stderr}");
        assert_eq!(doc["translated"], 0, "{fault:?}: {doc:#}");
        assert!(
            !s.path()
                .join("locales/en/posts/2024-01-01-post-0.ftl")
                .exists(),
            "{fault:?}"
        );
        let (doc, code, _) = run(&s);
        assert_eq!(
            (code, doc["translated"].as_u64()),
            (0, Some(4)),
            "{fault:?}: the next run completes"
        );
    }
}

#[test]
fn a_lost_or_duplicated_placeholder_marks_the_message_invalid() {
    for fault in [Fault::LoseTag, Fault::DuplicateTag] {
        let fake = Fake::deepl(KEY);
        let s = site(&fake, "");
        fake.fail_next(&[fault]);
        let (doc, code, stderr) = run(&s);
        assert_eq!(code, 0, "{fault:?}: {stderr}");
        assert_eq!(doc["invalid"], 2, "{fault:?}: both paragraphs: {doc:#}");
        assert_eq!(doc["translated"], 2, "{fault:?}: the titles are good");
        let text = en(&s, 0);
        assert!(
            !text.contains("rapport-0") && text.contains("title ="),
            "{fault:?}: the broken text is not written: {text}"
        );
        let (status, _) = s.json(&["status"]);
        let row = &status["resources"][0];
        assert_eq!(row["counts"]["invalid"], 1, "{fault:?}: {row}");
        let state: Value =
            serde_json::from_str(&s.read("review/en/posts/2024-01-01-post-0.json")).unwrap();
        let reason = state["messages"]
            .as_object()
            .unwrap()
            .values()
            .find_map(|m| m["failed"]["reason"].as_str())
            .unwrap()
            .to_string();
        assert!(
            reason.contains("placeholder 1") || reason.contains("rapport-0.pdf"),
            "{fault:?}: {reason}"
        );
    }
}

/// The APy server dies in the middle of a sync and comes back: the re-run
/// completes and nothing finished is translated again.
#[test]
fn apertium_killed_mid_sync_then_restarted() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let start = || common::spawn_apy(port);
    let mut apy = start();
    let url = format!("http://127.0.0.1:{port}");
    let s = Site::new(&["es"], &url);
    s.write(
        "relais.toml",
        &s.read("relais.toml")
            .replace("timeout = 120\n", "timeout = 120\nretries = 0\n"),
    );
    s.write_posts(40, 3);
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_relais"))
        .arg("-C")
        .arg(s.path())
        .args(["sync", "--json"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Kill APy once some answers are in (the cache holds each as it comes).
    let cache = s.path().join("review/.cache/translations.jsonl");
    let answered = || std::fs::read_to_string(&cache).map_or(0, |t| t.lines().count());
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while answered() < 20 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    apy.kill().unwrap();
    apy.wait().unwrap();
    let out = child.wait_with_output().unwrap();
    let first: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(3), "{first:#}");
    assert!(
        first["engine_error"]
            .as_str()
            .unwrap()
            .contains("not reachable"),
        "{first:#}"
    );
    let done = first["translated"].as_u64().unwrap();
    assert!((10..160).contains(&done), "killed midway: {first:#}");
    let mut apy = start();
    let second = s.sync(&[]);
    apy.kill().unwrap();
    apy.wait().unwrap();
    assert_eq!(
        done + second["translated"].as_u64().unwrap() + second["reused"].as_u64().unwrap(),
        160,
        "{first:#}\n{second:#}"
    );
    assert!(
        second["requests"].as_u64().unwrap() <= 160 - done + 2,
        "finished work is not sent again: {first:#}\n{second:#}"
    );
    let again = s.sync(&[]);
    assert_eq!(again["requests"], 0);
}
