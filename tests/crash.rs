//! Crash safety: `relais sync` killed with SIGKILL at random moments.
//! After each kill every file parses, the state agrees with the bundles,
//! every human edit is intact, and the next sync completes without paying
//! again for what was already answered.
//!
//! `make test` runs a handful of trials; `make crash-test` runs 100
//! (`RELAIS_CRASH_TRIALS`).

mod common;

use common::Site;
use common::fake::Fake;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const KEY: &str = "crash-test-key-0000:fx";
const KEY_ENV: &str = "RELAIS_TEST_DEEPL_KEY";
const CONCURRENCY: usize = 2;
const BATCH: usize = 50;

fn trials() -> usize {
    std::env::var("RELAIS_CRASH_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4)
}

/// A small deterministic random sequence (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

fn sync_cmd(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_relais"));
    cmd.arg("-C")
        .arg(dir)
        .args(["sync", "--json"])
        .env(KEY_ENV, KEY)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Human translations made in the base site: (bundle, id, text).
type Edits = Vec<(String, String, String)>;

/// A site with a first sync done, human edits and approvals, then new and
/// changed French so that the next sync has real work.
fn base(fake: &Fake) -> (Site, Edits) {
    let engine = format!(
        "kind = \"deepl\"\nurl = \"{}\"\nkey_env = \"{KEY_ENV}\"\nconcurrency = {CONCURRENCY}\ntimeout = 10\n",
        fake.url
    );
    let site = Site::with_engine(&["en", "es"], &engine);
    site.set_env(KEY_ENV, KEY);
    site.write_posts(30, 3);
    site.sync(&[]);
    let mut edits = Edits::new();
    for (i, locale) in [(0, "en"), (1, "es"), (2, "en")] {
        let rel = format!(
            "locales/{locale}/posts/2024-01-{:02}-article-{i}.ftl",
            i % 28 + 1
        );
        let text = format!("A person’s translation number {i}.");
        common::edit_message(&site, &rel, "title", &text);
        edits.push((rel, "title".into(), text));
    }
    let out = site.relais(&[
        "approve",
        "posts/2024-01-01-article-0",
        "--locale",
        "en",
        "--all",
        "--reviewer",
        "Claire",
    ]);
    assert!(out.status.success());
    // New posts, and changed French under a human edit and under machine text.
    for i in 30..90 {
        site.write(&format!("posts/2024-02-{:02}-nouveau-{i}.md", i % 28 + 1), &format!("---\ntitle: \"Nouvel article {i}\"\n---\n\nUn paragraphe nouveau {i} sur les droits.\n\nEt un second {i}.\n"));
    }
    for i in [1, 3] {
        let rel = format!("posts/2024-01-{:02}-article-{i}.md", i % 28 + 1);
        let text = site
            .read(&rel)
            .replace("Article numéro", "Article corrigé numéro");
        site.write(&rel, &text);
    }
    (site, edits)
}

/// Everything a crash must not break.
fn assert_consistent(dir: &Path, edits: &Edits, context: &str) {
    for rel in relais::base::fs::list_files(&dir.join("locales"), ".ftl").unwrap() {
        let text = std::fs::read_to_string(dir.join("locales").join(&rel)).unwrap();
        let (_, errors) = relais::fluent::ftl::parse(&text);
        assert!(errors.is_empty(), "{context}: locales/{rel}: {errors:?}");
    }
    for rel in relais::base::fs::list_files(&dir.join("review"), ".json").unwrap() {
        let text = std::fs::read_to_string(dir.join("review").join(&rel)).unwrap();
        assert!(
            serde_json::from_str::<serde_json::Value>(&text).is_ok(),
            "{context}: review/{rel}"
        );
    }
    for (rel, id, human) in edits {
        let (res, _) = relais::fluent::ftl::parse(&std::fs::read_to_string(dir.join(rel)).unwrap());
        let m = res.messages.iter().find(|m| &m.id == id).unwrap();
        assert_eq!(
            m.value.as_ref().unwrap().as_plain_text().as_deref(),
            Some(human.as_str()),
            "{context}: {rel} {id}"
        );
    }
    let out = Command::new(env!("CARGO_BIN_EXE_relais"))
        .arg("-C")
        .arg(dir)
        .args(["status", "--json"])
        .output()
        .unwrap();
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["errors"], serde_json::json!([]), "{context}");
    let out = Command::new(env!("CARGO_BIN_EXE_relais"))
        .arg("-C")
        .arg(dir)
        .args(["check", "--json"])
        .output()
        .unwrap();
    let check: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let broken = check["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            ["syntax", "duplicate", "format", "obsolete-message"]
                .contains(&d["code"].as_str().unwrap())
        })
        .count();
    assert_eq!(broken, 0, "{context}: {check:#}");
}

#[test]
fn sync_killed_at_random_moments_loses_nothing_and_never_pays_twice() {
    let fake = Fake::deepl(KEY);
    fake.set_latency(Duration::from_millis(120));
    let (site, edits) = base(&fake);
    let work = tempfile::tempdir().unwrap();

    // Reference: the same sync, uninterrupted.
    let reference = work.path().join("reference");
    common::copy_all(site.path(), &reference);
    fake.forget();
    let start = Instant::now();
    let out = sync_cmd(&reference).output().unwrap();
    let duration = start.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let texts_needed = fake.texts().len();
    assert!(texts_needed > 200, "{texts_needed}");
    assert_consistent(&reference, &edits, "reference");

    let mut rng = Lcg(0x5eed);
    let n = trials();
    for trial in 0..n {
        let dir = work.path().join(format!("trial-{trial}"));
        common::copy_all(site.path(), &dir);
        fake.forget();
        let mut child = sync_cmd(&dir).spawn().unwrap();
        let wait = Duration::from_millis(rng.next(duration.as_millis() as u64 + 50));
        std::thread::sleep(wait);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let context = format!("trial {trial} killed after {wait:?}");
        assert_consistent(&dir, &edits, &context);

        let out = sync_cmd(&dir).output().unwrap();
        assert!(
            out.status.success(),
            "{context}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_consistent(&dir, &edits, &context);
        // Only batches in flight at the kill may be sent twice.
        let sent = fake.texts().len();
        assert!(
            sent <= texts_needed + CONCURRENCY * BATCH,
            "{context}: {sent} texts sent for {texts_needed}"
        );
        let again = sync_cmd(&dir).output().unwrap();
        let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
        assert_eq!(report["requests"], 0, "{context}: {report:#}");
        // The same end state as the uninterrupted run.
        for rel in relais::base::fs::list_files(&reference.join("locales"), ".ftl").unwrap() {
            let a = std::fs::read_to_string(reference.join("locales").join(&rel)).unwrap();
            let b = std::fs::read_to_string(dir.join("locales").join(&rel)).unwrap();
            assert_eq!(a, b, "{context}: locales/{rel}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
    eprintln!("{n} crash trials, reference sync {duration:?}, {texts_needed} texts");
}
