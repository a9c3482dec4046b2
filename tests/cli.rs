//! The command line itself: init, usage errors, submit.

mod common;

use common::{Site, apy_url};
use std::process::Command;

fn relais(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_relais"))
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn version_is_printed() {
    let out = Command::new(env!("CARGO_BIN_EXE_relais"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("relais "));
}

#[test]
fn init_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let out = relais(&["init", "--json"], dir.path());
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let created = doc["created"].as_array().unwrap();
    assert!(created.contains(&serde_json::json!("relais.toml")));
    assert!(created.contains(&serde_json::json!("locales/es/posts/")));
    let toml = std::fs::read_to_string(dir.path().join("relais.toml")).unwrap();
    let again = relais(&["init", "--json"], dir.path());
    let doc: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(doc["created"], serde_json::json!([]));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("relais.toml")).unwrap(),
        toml
    );
}

#[test]
fn usage_and_configuration_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = relais(&["status"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("relais.toml: not found"));

    let site = Site::new(&["en"], "http://127.0.0.1:9");
    let out = site.relais(&["sync", "--locale", "de"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a target locale"));

    site.write(
        "relais.toml",
        "source = \"fr\"\ntargets = [\"en\"]\n[engine]\nkind = \"apertium\"\nurll = \"x\"\n",
    );
    let out = site.relais(&["status"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("relais.toml:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = site.relais(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn submit_checks_the_draft_then_places_and_syncs_it() {
    let site = Site::new(&["en"], &apy_url());
    let drafts = tempfile::tempdir().unwrap();
    let bad = drafts.path().join("2024-09-01-rentree.md");
    std::fs::write(&bad, "---\ndate: 2024-09-01\n---\n\nLa rentrée.\n").unwrap();
    let out = site.relais(&["submit", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2024-09-01-rentree.md:2:1: the front matter has no `title`"),
        "{stderr}"
    );
    assert!(!site.path().join("posts/2024-09-01-rentree.md").exists());

    std::fs::write(
        &bad,
        "---\ntitle: La rentrée\n---\n\nLa rentrée des classes a eu lieu.\n",
    )
    .unwrap();
    let (doc, code) = site.json(&["submit", bad.to_str().unwrap()]);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(doc["translated"], 2);
    assert!(site.path().join("posts/2024-09-01-rentree.md").exists());
    assert!(
        site.path()
            .join("locales/en/posts/2024-09-01-rentree.ftl")
            .exists()
    );

    let out = site.relais(&["submit", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));

    let bad_name = drafts.path().join("Rentrée 2024.md");
    std::fs::write(&bad_name, "---\ntitle: x\n---\nx\n").unwrap();
    let out = site.relais(&["submit", bad_name.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lowercase letters"));
}

#[test]
fn preview_shows_the_post_in_a_locale() {
    let site = Site::new(&["en"], &apy_url());
    site.write("posts/2024-09-01-rentree.md", "---\ntitle: La rentrée\ndate: 2024-09-01\n---\n\nLa rentrée des [classes](https://example.org/ecole) a eu lieu.\n");
    site.sync(&[]);
    let out = site.relais(&["preview", "posts/2024-09-01-rentree", "--locale", "en"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("date: 2024-09-01"), "{text}");
    assert!(text.contains("](https://example.org/ecole)"), "{text}");
    assert!(!text.contains("La rentrée"), "{text}");
}

/// Issue 13, item 9: a bad engine `url` was retried five times and exited
/// 3 (an engine failure); it is a configuration error (exit 2) naming the
/// line of `url`, and so is an unknown key of `[engine]` (it was reported
/// at the table's header).
#[test]
fn a_bad_engine_url_or_key_is_a_configuration_error_at_its_line() {
    for url in ["file:///etc/passwd", "ftp://example.org", "not a url"] {
        // Lines: 1 source, 2 targets, 3 blank, 4 [engine], 5 kind, 6 url.
        let site = Site::with_engine(&["en"], &format!("kind = \"apertium\"\nurl = \"{url}\"\n"));
        site.write(
            "posts/2024-01-01-x.md",
            "---\ntitle: Visite\n---\n\nCorps.\n",
        );
        let out = site.relais(&["sync"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{url}: {stderr}");
        assert!(stderr.contains("relais.toml:6:1: "), "{url}: {stderr}");
        assert!(stderr.contains("http://"), "{url}: {stderr}");
    }
    let site = Site::with_engine(&["en"], "kind = \"apertium\"\n# a comment\nurll = \"x\"\n");
    let out = site.relais(&["status"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("relais.toml:7:1: "), "{stderr}");
}
