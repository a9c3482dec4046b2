//! `relais check`: one minimal failing bundle per check, with the exact
//! message and position.

mod common;

use common::Site;

const FR: &str = "-org = PARTAGE\n\nhello = Bonjour { $name }, bienvenue chez { -org }\nfield =\n    .placeholder = Votre adresse\nposts = { $count ->\n    [one] { $count } actualité\n   *[other] { $count } actualités\n}\nbrand = PARTAGE\nread = Lire la suite\n";

const EN_OK: &str = "-org = PARTAGE\n\nhello = Hello { $name }, welcome to { -org }\nfield =\n    .placeholder = Your address\nposts = { $count ->\n    [one] { $count } post\n   *[other] { $count } posts\n}\nbrand = PARTAGE\nread = Read more\n";

fn site_with(en: &str) -> Site {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    site.write("locales/fr/site.ftl", FR);
    site.write("locales/en/site.ftl", en);
    site
}

/// Runs `check`, returns (exit code, stdout lines that are findings).
fn check(site: &Site, args: &[&str]) -> (i32, Vec<String>) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    let out = site.relais(&all);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let lines = stdout
        .lines()
        .filter(|l| l.starts_with("locales/") || l.starts_with("posts/"))
        .map(str::to_string)
        .collect();
    (out.status.code().unwrap(), lines)
}

fn only(site: &Site, expected: &str, code: i32) {
    let (got_code, lines) = check(site, &[]);
    assert_eq!(lines, vec![expected.to_string()]);
    assert_eq!(got_code, code, "{lines:?}");
}

#[test]
fn a_good_bundle_has_no_findings() {
    let site = site_with(EN_OK);
    let (code, lines) = check(&site, &[]);
    assert_eq!((code, lines), (0, vec![]));
    let (doc, code) = site.json(&["check"]);
    assert_eq!(code, 0);
    assert_eq!(doc["files"], 2);
    assert_eq!(doc["errors"], 0);
}

#[test]
fn junk_is_reported_where_it_is() {
    let site = site_with(&EN_OK.replace("read = Read more", "read = Read { more"));
    let (code, lines) = check(&site, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        vec![r#"locales/en/site.ftl:11:19: error[syntax]: Expected a token starting with "}""#]
    );
}

#[test]
fn duplicated_ids() {
    let site = site_with(&format!("{EN_OK}read = Read on\n"));
    only(
        &site,
        "locales/en/site.ftl:12:1: error[duplicate]: read occurs 2 times",
        1,
    );
}

#[test]
fn obsolete_message() {
    let site = site_with(&format!("{EN_OK}gone = Gone\n"));
    only(
        &site,
        "locales/en/site.ftl:12:1: error[obsolete-message]: gone: not in the French (obsolete)",
        1,
    );
}

#[test]
fn missing_and_obsolete_attributes() {
    let site = site_with(&EN_OK.replace(
        "    .placeholder = Your address\n",
        "    .title = Your address\n",
    ));
    let (code, lines) = check(&site, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        vec![
            "locales/en/site.ftl:4:1: error[missing-attribute]: field: missing attribute .placeholder",
            "locales/en/site.ftl:5:5: error[obsolete-attribute]: field: obsolete attribute .title",
        ]
    );
}

#[test]
fn variables_must_match() {
    let site = site_with(&EN_OK.replace("Hello { $name }", "Hello { $nom }"));
    let (code, lines) = check(&site, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        vec![
            "locales/en/site.ftl:3:1: error[missing-variable]: hello: missing variable $name",
            "locales/en/site.ftl:3:1: error[unknown-variable]: hello: variable $nom is not in the French",
        ]
    );
}

#[test]
fn term_references() {
    let dropped = site_with(&EN_OK.replace("welcome to { -org }", "welcome"));
    only(
        &dropped,
        "locales/en/site.ftl:3:1: warning[missing-reference]: hello: missing term reference -org",
        0,
    );
    let unknown = site_with(&EN_OK.replace("welcome to { -org }", "welcome to { -brand }"));
    let (code, lines) = check(&unknown, &[]);
    assert_eq!(code, 1);
    assert!(lines.contains(&"locales/en/site.ftl:3:1: error[unknown-reference]: hello: term reference -brand is not in the French".to_string()), "{lines:?}");
    assert!(
        lines.iter().any(
            |l| l.starts_with("locales/en/site.ftl:3:1: error[format]: hello does not format:")
        ),
        "{lines:?}"
    );
}

#[test]
fn plural_categories_of_the_target() {
    let site = site_with(&EN_OK.replace("    [one] { $count } post\n", ""));
    only(
        &site,
        "locales/en/site.ftl:6:1: warning[plural-categories]: posts: plural categories missing: one",
        0,
    );
    let (code, _) = check(&site, &["--strict"]);
    assert_eq!(code, 1, "--strict fails on warnings");
}

#[test]
fn identical_text_unless_a_name() {
    let site = site_with(&EN_OK.replace("read = Read more", "read = Lire la suite"));
    only(
        &site,
        "locales/en/site.ftl:11:1: warning[identical]: read: same text as the French",
        0,
    );
}

#[test]
fn apertium_marks_left_in_the_text() {
    let site = site_with(&EN_OK.replace("read = Read more", "read = Read *suite"));
    only(
        &site,
        "locales/en/site.ftl:11:1: warning[unknown-word-mark]: read: Apertium mark left in `*suite`",
        0,
    );
}

#[test]
fn missing_message_is_a_warning() {
    let site = site_with(&EN_OK.replace("read = Read more\n", ""));
    only(
        &site,
        "locales/en/site.ftl:1:1: warning[missing-message]: read: not translated yet (the site shows the French)",
        0,
    );
}

#[test]
fn markdown_links_of_posts_must_survive() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    site.write(
        "posts/2024-01-01-x.md",
        "---\ntitle: Visite\n---\n\nLire [le rapport](https://example.org/rapport.pdf) en ligne.\n",
    );
    site.write(
        "locales/en/posts/2024-01-01-x.ftl",
        "title = Visit\np-lire-le-rapport-en = Read [the report](https://example.org/other.pdf) online.\n",
    );
    let (code, lines) = check(&site, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        vec![
            "locales/en/posts/2024-01-01-x.ftl:2:1: error[markup]: p-lire-le-rapport-en: value: `](https://example.org/rapport.pdf)` from the French is missing",
            "locales/en/posts/2024-01-01-x.ftl:2:1: error[markup]: p-lire-le-rapport-en: value: `](https://example.org/other.pdf)` is not in the French",
        ]
    );
}

/// The Fluent spec's fixtures as a translation of themselves: `check`
/// never panics and reports exactly one syntax error per Junk entry of the
/// reference AST.
#[test]
fn spec_fixtures_junk_is_reported_and_nothing_panics() {
    let dir = common::repo().join("tests/fixtures/fluent-spec");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    names.sort();
    let mut checked = 0;
    for path in names {
        let ftl = std::fs::read_to_string(&path).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).unwrap())
                .unwrap();
        let junk = json["body"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == "Junk")
            .count();
        let site = Site::new(&["en"], "http://127.0.0.1:9");
        site.write("locales/en/site.ftl", &ftl);
        site.write("locales/fr/site.ftl", "ok = D'accord\n");
        let (doc, code) = site.json(&["check"]);
        assert!(code == 0 || code == 1, "{}: exit {code}", path.display());
        let syntax = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "syntax")
            .count();
        assert_eq!(syntax, junk, "{}: {doc:#}", path.display());
        checked += 1;
    }
    eprintln!("Fluent spec fixtures checked: {checked}");
    assert_eq!(checked, 39);
}

/// Issue 13, item 11: a value dropped (attributes kept), and a value the
/// French does not have, were reported by `approve` and not by `check`:
/// what `approve` refuses, `check` reports.
#[test]
fn a_missing_or_added_value_is_reported() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    site.write(
        "locales/fr/site.ftl",
        "link = Lien\n    .title = Titre\nfield =\n    .placeholder = Votre adresse\n",
    );
    site.write(
        "locales/en/site.ftl",
        "link =\n    .title = Title\nfield = Field\n    .placeholder = Your address\n",
    );
    let (code, lines) = check(&site, &[]);
    assert_eq!(code, 1, "{lines:?}");
    assert_eq!(
        lines,
        vec![
            "locales/en/site.ftl:1:1: error[missing-value]: link: the value is missing",
            "locales/en/site.ftl:3:1: error[obsolete-value]: field: a value the French does not have",
        ]
    );
}

/// Issue 13, item 13: a target bundle that is not valid UTF-8 was skipped
/// ("0 errors") while `sync` reported it; a byte order mark, which
/// relais accepts but Fluent's other tools read as junk, passed silently.
#[test]
fn an_unreadable_bundle_is_an_error_and_a_bom_a_warning() {
    let site = site_with(EN_OK);
    let mut bytes = EN_OK.as_bytes().to_vec();
    bytes.extend_from_slice(b"bad = \xff\n");
    std::fs::write(site.path().join("locales/en/site.ftl"), &bytes).unwrap();
    only(
        &site,
        "locales/en/site.ftl:12:7: error[syntax]: not valid UTF-8 (byte 0xFF)",
        1,
    );

    let site = site_with(&format!("\u{feff}{EN_OK}"));
    let (code, lines) = check(&site, &[]);
    assert_eq!(code, 0, "a warning: {lines:?}");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("locales/en/site.ftl:1:1: warning[bom]: "),
        "{lines:?}"
    );
}

/// Issue 13, item 12: a select with two `[one]` variants passed `check` and
/// `approve` (fluent-bundle silently uses the first); U+FFFD, a character
/// lost to a wrong encoding, passed too.
#[test]
fn a_variant_defined_twice_and_a_lost_character_are_reported() {
    let site = site_with(&EN_OK.replace(
        "    [one] { $count } post\n",
        "    [one] { $count } post\n    [one] { $count } article\n",
    ));
    only(
        &site,
        "locales/en/site.ftl:6:1: error[duplicate-variant]: posts: variant [one] is defined twice (fluent-bundle uses the first)",
        1,
    );
    let out = site.relais(&[
        "approve",
        "site",
        "--locale",
        "en",
        "--message",
        "posts",
        "--reviewer",
        "Awa",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("variant [one] is defined twice"),
        "{stdout}"
    );

    let site = site_with(&EN_OK.replace("Read more", "Read m\u{FFFD}re"));
    only(
        &site,
        "locales/en/site.ftl:11:1: warning[replacement-character]: read: `\u{FFFD}` in the text, where a character was lost to a wrong encoding",
        0,
    );
}

/// Issue 13, item 14 (second part): the second of two duplicated
/// attributes was reported at the first one's line.
#[test]
fn a_duplicated_attribute_is_reported_where_it_is_given_again() {
    let site = site_with(&EN_OK.replace(
        "    .placeholder = Your address\n",
        "    .placeholder = Your address\n    .placeholder = Your e-mail\n",
    ));
    let (code, lines) = check(&site, &[]);
    assert_eq!(code, 1, "{lines:?}");
    assert!(
        lines.contains(&"locales/en/site.ftl:6:5: error[duplicate]: field: attribute .placeholder occurs more than once".to_string()),
        "{lines:?}"
    );
}
