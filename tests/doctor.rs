//! `relais doctor`, shell completions and the man page.

mod common;

use common::fake::Fake;
use common::{Site, apy_url};

#[test]
fn doctor_says_what_works_and_what_does_not() {
    let site = Site::new(&["en", "es"], &apy_url());
    let (doc, code) = site.json(&["doctor"]);
    assert_eq!(code, 0, "{doc:#}");
    let findings = doc["findings"].as_array().unwrap();
    let en = findings
        .iter()
        .find(|f| f["what"] == "engine for en (apertium)")
        .unwrap();
    assert_eq!(en["level"], "ok");
    assert!(
        en["detail"].as_str().unwrap().contains("through es"),
        "{en}"
    );

    let down = Site::new(&["es"], "http://127.0.0.1:9");
    let out = down.relais(&["doctor"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("error    engine for es (apertium):") && stdout.contains("not reachable"),
        "{stdout}"
    );
}

#[test]
fn doctor_checks_deepl_keys_without_spending_characters() {
    let fake = Fake::deepl("doctor-key:fx");
    let site = Site::with_engine(
        &["en"],
        &format!(
            "kind = \"deepl\"\nurl = \"{}\"\nkey_env = \"RELAIS_DOCTOR_KEY\"\n",
            fake.url
        ),
    );
    let out = site.relais(&["doctor"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("RELAIS_DOCTOR_KEY, which is not set"));
    site.set_env("RELAIS_DOCTOR_KEY", "doctor-key:fx");
    let out = site.relais(&["doctor"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("key accepted; 500000 characters left"),
        "{stdout}"
    );
    assert_eq!(fake.requests("/v2/translate"), 0);
    assert!(!stdout.contains("doctor-key"));
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    let out = site.relais(&["completions", "bash"]);
    assert!(out.status.success());
    let script = String::from_utf8_lossy(&out.stdout);
    assert!(
        script.contains("_relais()") && script.contains("accept-suggestion"),
        "{script}"
    );
    let out = site.relais(&["man"]);
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.contains(".TH relais 1") && page.contains("sync"),
        "{page}"
    );
}
