//! The glossary with a real Apertium APy server: do-not-translate terms
//! and fixed translations come through as written.

mod common;

use common::{Site, apy_url};

const POST: &str = "posts/2024-11-20-visite.md";
const TEXT: &str = "---\ntitle: \"PARTAGE à Ouagadougou\"\n---\n\n\
La délégation de KEOOGO a visité le Dispensaire Trottoir à Bobo-Dioulasso.\n\n\
Les enfants de RACINES ont fêté la Journée internationale des droits de l’enfant.\n";

const GLOSSARY: &str = "keep = [\"PARTAGE\", \"KEOOGO\", \"RACINES\", \"Dispensaire Trottoir\", \"Bobo-Dioulasso\", \"Ouagadougou\"]\n\n\
[fixed.es]\n\"Journée internationale des droits de l’enfant\" = \"Día Internacional de los Derechos del Niño\"\n\n\
[fixed.en]\n\"Journée internationale des droits de l’enfant\" = \"International Children's Rights Day\"\n";

#[test]
fn do_not_translate_terms_and_fixed_translations_survive_apertium() {
    let site = Site::new(&["en", "es"], &apy_url());
    site.write("glossary.toml", GLOSSARY);
    site.write(POST, TEXT);
    let report = site.sync(&[]);
    assert_eq!(report["invalid"], 0, "{report:#}");
    assert_eq!(report["translated"], 6);
    for (locale, day) in [
        ("en", "International Children's Rights Day"),
        ("es", "Día Internacional de los Derechos del Niño"),
    ] {
        let text = site.read(&format!("locales/{locale}/posts/2024-11-20-visite.ftl"));
        for term in [
            "PARTAGE",
            "Ouagadougou",
            "KEOOGO",
            "Dispensaire Trottoir",
            "Bobo-Dioulasso",
            "RACINES",
            day,
        ] {
            assert!(text.contains(term), "{locale}: `{term}` lost in\n{text}");
        }
        let state = site.read(&format!("review/{locale}/posts/2024-11-20-visite.json"));
        assert!(
            !state.contains("\"Trottoir\""),
            "protected terms are never unknown words"
        );
    }
}

#[test]
fn without_the_glossary_apertium_translates_the_names() {
    // The counterpart that shows the glossary does the work above.
    let site = Site::new(&["es"], &apy_url());
    site.write(POST, TEXT);
    site.sync(&[]);
    let text = site.read("locales/es/posts/2024-11-20-visite.ftl");
    assert!(!text.contains("Dispensaire Trottoir"), "{text}");
}

/// A glossary added after the fact: untouched machine text that breaks it
/// is made again; `check` reports what a person kept or approved.
#[test]
fn a_new_glossary_remakes_untouched_machine_text_and_check_reports_the_rest() {
    let site = Site::new(&["es"], &apy_url());
    site.write(POST, TEXT);
    site.sync(&[]);
    let rel = "locales/es/posts/2024-11-20-visite.ftl";
    assert!(
        !site.read(rel).contains("Dispensaire Trottoir"),
        "{}",
        site.read(rel)
    );
    // A reviewer approves the title as the machine wrote it.
    let out = site.relais(&[
        "approve",
        "posts/2024-11-20-visite",
        "--locale",
        "es",
        "--message",
        "title",
        "--reviewer",
        "Awa",
    ]);
    assert!(out.status.success());
    let title_before = common::messages(&site, rel)["title"].clone();

    site.write("glossary.toml", GLOSSARY);
    let report = site.sync(&[]);
    assert!(report["translated"].as_u64().unwrap() >= 1, "{report:#}");
    assert!(
        site.read(rel).contains("Dispensaire Trottoir"),
        "{}",
        site.read(rel)
    );
    assert_eq!(
        common::messages(&site, rel)["title"],
        title_before,
        "an approved text is a person's choice"
    );
    let out = site.relais(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!("{rel}:4:1: error[glossary]: title: glossary: `")),
        "{stdout}"
    );
}
