//! A full disk at every write point of `relais sync`, in turn (issue 13,
//! item 2). With ~300 KB free, a sync failed with ENOSPC; after space was
//! freed, the next sync took five resources' machine texts for people's
//! edits (`edited`, no machine text in their state), because a bundle had
//! been written and its record had not.
//!
//! Here the Nth file write of the run and every later one fail as on a
//! full disk (cargo feature `fault-injection`, `RELAIS_FAIL_WRITES_FROM`);
//! then the disk has room again and a normal sync runs. Its bundles and
//! review state must equal those of a sync that was never interrupted,
//! with every human edit and approval intact.

mod common;

use common::{Site, apy_url, edit_message};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn relais(dir: &Path, args: &[&str], fail_from: Option<usize>) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_relais"));
    cmd.arg("-C").arg(dir).args(args);
    if let Some(n) = fail_from {
        cmd.env("RELAIS_FAIL_WRITES_FROM", n.to_string());
    }
    cmd.output().unwrap()
}

/// Drops the times (`at`), which differ between runs.
fn without_times(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("at");
            map.values_mut().for_each(without_times);
        }
        Value::Array(list) => list.iter_mut().for_each(without_times),
        _ => {}
    }
}

/// Every bundle's text and every record (times left out), by path.
fn files(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for rel in relais::base::fs::list_files(&dir.join("locales"), ".ftl").unwrap() {
        let text = std::fs::read_to_string(dir.join("locales").join(&rel)).unwrap();
        out.insert(format!("locales/{rel}"), text);
    }
    for rel in relais::base::fs::list_files(&dir.join("review"), ".json").unwrap() {
        if rel.starts_with('.') {
            continue; // .cache, .lock
        }
        let mut v: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("review").join(&rel)).unwrap())
                .unwrap();
        without_times(&mut v);
        out.insert(format!("review/{rel}"), format!("{v:#}"));
    }
    out
}

/// Message states of every resource and locale, as `relais status --json`
/// gives them.
fn states(dir: &Path) -> Value {
    let out = relais(dir, &["status", "--json"], None);
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    without_times(&mut v);
    v
}

const POST_A: &str = "posts/2024-03-01-atelier.md";
const POST_B: &str = "posts/2024-03-02-rencontre.md";

#[test]
fn item_2_a_full_disk_at_any_write_leaves_a_state_the_next_sync_completes() {
    // A site synced once, with a person's edit and an approval; then the
    // French changes and a post is added, so the next sync has every kind
    // of work: new bundles, changed machine texts, suggestions.
    let site = Site::new(&["en", "es"], &apy_url());
    site.write(
        POST_A,
        "---\ntitle: \"Atelier d’écriture\"\n---\n\nLes jeunes ont écrit des lettres.\n\nLa classe a lu les textes à voix haute.\n",
    );
    site.sync(&[]);
    edit_message(
        &site,
        "locales/en/posts/2024-03-01-atelier.ftl",
        "title",
        "A writing workshop",
    );
    let out = site.relais(&[
        "approve",
        "posts/2024-03-01-atelier",
        "--locale",
        "es",
        "--all",
        "--reviewer",
        "Ana",
    ]);
    assert!(out.status.success(), "{out:?}");
    site.write(
        POST_A,
        "---\ntitle: \"Atelier d’écriture du samedi\"\n---\n\nLes jeunes ont écrit des lettres.\n\nLa classe a lu tous les textes à voix haute.\n",
    );
    site.write(
        POST_B,
        "---\ntitle: \"Rencontre avec les familles\"\n---\n\nUne réunion a eu lieu à l’école.\n",
    );

    let work = tempfile::tempdir().unwrap();
    let reference = work.path().join("reference");
    common::copy_all(site.path(), &reference);
    let out = relais(&reference, &["sync"], None);
    assert!(out.status.success(), "{out:?}");
    let want = files(&reference);
    let want_states = states(&reference);
    let en_title = |dir: &Path| -> Option<String> {
        let text =
            std::fs::read_to_string(dir.join("locales/en/posts/2024-03-01-atelier.ftl")).ok()?;
        let (res, _) = relais::fluent::ftl::parse(&text);
        let m = res.messages.into_iter().find(|m| m.id == "title")?;
        m.value?.as_plain_text()
    };
    assert_eq!(en_title(&reference).as_deref(), Some("A writing workshop"));

    let mut points = 0;
    for n in 1.. {
        assert!(n < 200, "more write points than expected");
        let dir = work.path().join(format!("fail-{n}"));
        common::copy_all(site.path(), &dir);
        let failed = relais(&dir, &["sync", "--json"], Some(n));
        if failed.status.success() {
            // No write left to fail: every point was tried.
            std::fs::remove_dir_all(&dir).unwrap();
            break;
        }
        points += 1;
        let stderr = String::from_utf8_lossy(&failed.stderr);
        assert!(
            stderr.contains("No space left on device") || stderr.contains("space"),
            "write {n}: the failure is said: {stderr}"
        );
        // The person's text survived the failed run.
        assert_eq!(
            en_title(&dir).as_deref(),
            Some("A writing workshop"),
            "write {n}"
        );
        // Room again: a normal sync completes what was left.
        let out = relais(&dir, &["sync"], None);
        assert!(out.status.success(), "write {n}: {out:?}");
        let got = files(&dir);
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>(),
            "write {n}: the same files"
        );
        for (path, text) in &want {
            assert_eq!(&got[path], text, "write {n} failed: {path} differs");
        }
        assert_eq!(states(&dir), want_states, "write {n}: the same states");
        let journal = dir.join("review/.lock/journal");
        let left = std::fs::read_dir(&journal).map_or(0, |d| d.count());
        assert_eq!(left, 0, "write {n}: no journal left behind");
        std::fs::remove_dir_all(&dir).unwrap();
    }
    assert!(points >= 10, "only {points} write points were tried");
    eprintln!("{points} write points failed in turn");
}
