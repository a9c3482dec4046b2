//! `relais sync` against a fake LibreTranslate server that enforces its
//! wire contract (tests/common/fake.rs).

mod common;

use common::Site;
use common::fake::{Fake, Fault};
use serde_json::Value;

const KEY: &str = "lt-key-5c1d9e0a-relais-test";
const KEY_ENV: &str = "RELAIS_TEST_LT_KEY";

fn site(fake: &Fake) -> Site {
    let site = Site::with_engine(
        &["en", "es"],
        &format!(
            "kind = \"libretranslate\"\nurl = \"{}\"\nkey_env = \"{KEY_ENV}\"\nconcurrency = 1\n",
            fake.url
        ),
    );
    site.set_env(KEY_ENV, KEY);
    site
}

fn bodies(fake: &Fake) -> Vec<Value> {
    fake.log()
        .iter()
        .map(|l| serde_json::from_str(&l.body).unwrap())
        .collect()
}

#[test]
fn arrays_of_html_with_the_key_in_the_body_and_escapes_restored() {
    let fake = Fake::libretranslate(Some(KEY));
    let s = site(&fake);
    s.write_posts(20, 5);
    s.write(
        "posts/2024-03-03-signes.md",
        "---\ntitle: Signes\n---\n\nLe *calcul* 1 < 2 & 3 > 2 avec `x<y` et &eacute;t&eacute;.\n",
    );
    let report = s.sync(&[]);
    assert_eq!(report["invalid"], 0, "{report:#}");
    assert_eq!(report["translated"], 244);
    assert_eq!(report["requests"], 6, "50 texts a request: {report:#}");
    for b in bodies(&fake) {
        assert!(b["q"].is_array(), "{b}");
        assert_eq!(b["format"], "html");
        assert_eq!(b["source"], "fr");
        assert_eq!(b["api_key"], KEY, "the key goes in the body");
    }
    assert!(
        fake.log().iter().all(|l| l.authorization.is_none()),
        "never in a header"
    );
    let en = s.read("locales/en/posts/2024-03-03-signes.ftl");
    assert!(
        en.contains("Le *calcul* 1 < 2 & 3 > 2 avec `x<y` and &eacute;t&eacute;."),
        "{en}"
    );
}

#[test]
fn a_wrong_key_is_refused_and_a_slowdown_is_retried() {
    let fake = Fake::libretranslate(Some(KEY));
    let s = site(&fake);
    s.write_posts(1, 1);
    fake.fail_next(&[Fault::TooMany(Some(0))]);
    let report = s.sync(&[]);
    assert_eq!(report["retries"], 1, "{report:#}");
    assert_eq!(report["translated"], 4);

    s.write_posts(2, 1);
    s.set_env(KEY_ENV, "not-the-key");
    let out = s.relais(&["sync"]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("HTTP 403") && stderr.contains("Invalid API key"),
        "{stderr}"
    );
    assert!(!stderr.contains("not-the-key"));
}

#[test]
fn glossary_terms_are_protected_for_an_engine_without_glossaries() {
    let fake = Fake::libretranslate(None);
    let s = Site::with_engine(
        &["en"],
        &format!("kind = \"libretranslate\"\nurl = \"{}\"\n", fake.url),
    );
    s.write(
        "glossary.toml",
        "keep = [\"KEOOGO\", \"Dispensaire Trottoir\"]\n\n[fixed.en]\n\"droits de l’enfant\" = \"children's rights\"\n",
    );
    s.write(
        "posts/2024-06-06-keoogo.md",
        "---\ntitle: KEOOGO au Dispensaire Trottoir\n---\n\nKEOOGO défend les droits de l’enfant.\n",
    );
    let report = s.sync(&[]);
    assert_eq!(report["invalid"], 0, "{report:#}");
    let sent: Vec<String> = fake.texts().into_iter().map(|(_, t)| t).collect();
    assert!(
        sent.iter()
            .all(|t| !t.contains("KEOOGO") && !t.contains("droits de")),
        "{sent:?}"
    );
    assert!(
        sent.contains(&"<x id=\"1\"/> défend les <x id=\"2\"/>.".to_string()),
        "{sent:?}"
    );
    let en = s.read("locales/en/posts/2024-06-06-keoogo.ftl");
    // Without protection the fake engine would write "Keoogo".
    assert!(
        en.contains("title = KEOOGO au Dispensaire Trottoir"),
        "{en}"
    );
    assert!(
        en.contains("= KEOOGO défend the children's rights."),
        "{en}"
    );
}
