//! Target typography on machine output through the real Apertium server,
//! never on human edits; `check` warns about what is left.

mod common;

use common::{Site, apy_url};

const POST: &str = "---\ntitle: \"Une visite\u{a0}: pourquoi\u{202f}?\"\n---\n\nAminata raconte\u{a0}: «\u{a0}C’est un vrai échange\u{202f}!\u{a0}» Le 1er juin, tout a commencé\u{202f}; [lire](https://example.org/?a=1&b=2).\n";

fn french_spacing(text: &str) -> bool {
    ['\u{a0}', '\u{202f}'].iter().any(|s| {
        [':', ';', '!', '?']
            .iter()
            .any(|p| text.contains(&format!("{s}{p}")) || text.contains(&format!(" {p}")))
    })
}

#[test]
fn machine_output_follows_the_target_typography() {
    let site = Site::new(&["en", "es"], &apy_url());
    site.write("posts/2024-06-01-visite.md", POST);
    site.sync(&[]);
    let en = site.read("locales/en/posts/2024-06-01-visite.ftl");
    let es = site.read("locales/es/posts/2024-06-01-visite.ftl");
    let en_text: String = en.lines().filter(|l| !l.starts_with('#')).collect();
    let es_text: String = es.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(!french_spacing(&en_text), "{en}");
    assert!(!french_spacing(&es_text), "{es}");
    assert!(!en_text.contains('«') && en_text.contains('“'), "{en}");
    assert!(
        es_text.contains('«') && !es_text.contains("«\u{a0}") && !es_text.contains("« "),
        "{es}"
    );
    assert!(en_text.contains("1st"), "{en}");
    assert!(
        en.contains("](https://example.org/?a=1&b=2)"),
        "URLs untouched: {en}"
    );
    let (check, _) = site.json(&["check"]);
    let typography = check["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "typography")
        .count();
    assert_eq!(typography, 0, "{check:#}");
}

#[test]
fn a_human_edit_keeps_its_typography_and_check_warns() {
    let site = Site::new(&["en"], &apy_url());
    site.write("posts/2024-06-01-visite.md", POST);
    site.sync(&[]);
    let rel = "locales/en/posts/2024-06-01-visite.ftl";
    let edited = site
        .read(rel)
        .lines()
        .map(|l| {
            if l.starts_with("title = ") {
                "title = A visit\u{a0}: why\u{202f}?"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    site.write(rel, &edited);
    let report = site.sync(&[]);
    assert_eq!(report["requests"], 0);
    assert!(
        site.read(rel)
            .contains("title = A visit\u{a0}: why\u{202f}?"),
        "a human edit is never re-typeset"
    );
    let out = site.relais(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("{rel}:"))
            && stdout.contains(
                "warning[typography]: title: French typography left (space-before-punctuation)"
            ),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(0), "typography is a warning");
}

#[test]
fn typography_can_be_turned_off_per_locale() {
    let site = Site::new(&["es"], &apy_url());
    let config = site
        .read("relais.toml")
        .replace("[engine]", "[typography]\nes = false\n\n[engine]");
    site.write("relais.toml", &config);
    site.write("posts/2024-06-01-visite.md", POST);
    site.sync(&[]);
    let es = site.read("locales/es/posts/2024-06-01-visite.ftl");
    assert!(
        es.contains("« ") || es.contains("«\u{a0}") || french_spacing(&es),
        "{es}"
    );
}
