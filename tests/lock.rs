//! Two writers at once: the second waits for the first, or gives up with a
//! clear message; never interleaved writes.

mod common;

use common::Site;
use relais::base::config::Config;
use relais::base::lock::SiteLock;
use std::process::Command;
use std::time::Duration;

fn relais_cmd(site: &Site, wait: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_relais"));
    cmd.arg("-C")
        .arg(site.path())
        .args(["sync"])
        .env("RELAIS_LOCK_WAIT", wait);
    cmd
}

#[test]
fn a_second_writer_gives_up_with_the_holder_named() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    let cfg = Config::load(site.path()).unwrap();
    let _held = SiteLock::acquire(&cfg, Duration::ZERO, |_| {}).unwrap();
    let before = site.snapshot();
    let out = relais_cmd(&site, "0.3").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "another relais (pid {}) is still writing this site",
            std::process::id()
        )),
        "{stderr}"
    );
    assert_eq!(site.snapshot(), before);
}

#[test]
fn a_second_writer_waits_for_the_first() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    site.write(
        "posts/2024-01-01-x.md",
        "---\ntitle: Brouillon\ndraft: true\n---\n\nTexte.\n",
    );
    let cfg = Config::load(site.path()).unwrap();
    let held = SiteLock::acquire(&cfg, Duration::ZERO, |_| {}).unwrap();
    let child = relais_cmd(&site, "30")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        !site
            .path()
            .join("locales/fr/posts/2024-01-01-x.ftl")
            .exists(),
        "nothing written while the lock is held"
    );
    drop(held);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("waiting for another relais"));
    assert!(
        site.path()
            .join("locales/fr/posts/2024-01-01-x.ftl")
            .exists()
    );
}

/// Issue 13, item 3: the README says `review/.cache` is safe to delete;
/// deleting it while a writer holds the lock must not let a second writer
/// in.
#[test]
fn deleting_the_cache_folder_does_not_free_the_lock() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    let cfg = Config::load(site.path()).unwrap();
    let _held = SiteLock::acquire(&cfg, Duration::ZERO, |_| {}).unwrap();
    let cache = site.path().join("review/.cache");
    if cache.exists() {
        std::fs::remove_dir_all(&cache).unwrap();
    }
    let before = site.snapshot();
    let out = relais_cmd(&site, "0.3").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is still writing this site"), "{stderr}");
    assert_eq!(site.snapshot(), before);
}
