//! What `relais review` shows, on a hand-made site (no engine): snapshots
//! of the coloured and plain text, and the JSON items.

mod common;

use common::handmade::ui_site;
use common::{find, ids};
use serde_json::{Value, json};

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// ANSI escapes made visible, so that snapshots read in a review.
fn visible(text: &str) -> String {
    text.replace('\u{1b}', "␛")
}

#[test]
fn plain_review_snapshot() {
    let site = ui_site();
    let text = stdout(&site.relais(&["review"]));
    assert!(!text.contains('\u{1b}'), "NO_COLOR means no escapes");
    insta::assert_snapshot!("review_plain", text);
}

#[test]
fn coloured_review_snapshot() {
    let site = ui_site();
    // `--color always` wins over NO_COLOR (set by the harness), as
    // no-color.org asks of explicit flags.
    let text = stdout(&site.relais(&["review", "--color", "always"]));
    assert!(text.contains("\u{1b}["), "{text}");
    insta::assert_snapshot!("review_coloured", visible(&text));
}

#[test]
fn without_a_terminal_review_is_plain_even_without_no_color() {
    let site = ui_site();
    let text = stdout(&site.relais_env(&["review"], &[("NO_COLOR", "")]));
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("[-The actualities-]{+News+}"), "{text}");
}

fn item<'a>(doc: &'a Value, id: &str) -> &'a Value {
    find(&doc["items"], "id", id)
}

#[test]
fn json_items_carry_texts_and_structured_diffs() {
    let site = ui_site();
    let (doc, code) = site.json(&["review"]);
    assert_eq!(code, 0, "{doc:#}");
    let ids = ids(&doc["items"]);
    assert_eq!(
        ids,
        ["welcome", "news-title", "donate", "partners", "greeting"],
        "source order; approved messages are not listed"
    );

    let news = item(&doc, "news-title");
    assert_eq!(news["state"], "edited");
    assert_eq!(news["source"], "Les actualités");
    assert_eq!(news["machine"], "The actualities");
    assert_eq!(news["current"], "News");
    assert_eq!(
        news["diff"],
        json!([{"op": "delete", "text": "The actualities"}, {"op": "insert", "text": "News"}])
    );
    assert_eq!(news["source_diff"], Value::Null);
    assert_eq!(news["engine"], "apertium (via es)");

    let donate = item(&doc, "donate");
    assert_eq!(donate["state"], "stale");
    assert_eq!(donate["current"], "Donate to support our partners.");
    assert_eq!(
        donate["suggestion"],
        "Do a gift to sustain our local partners."
    );
    assert_eq!(donate["source_change"], "edit");
    assert_eq!(
        donate["source_diff"],
        json!([
            {"op": "equal", "text": "Faites un don pour soutenir nos partenaires"},
            {"op": "insert", "text": " locaux"},
            {"op": "equal", "text": "."}
        ])
    );
    assert_eq!(donate["last_approval"]["reviewer"], "Claire Martin");

    let partners = item(&doc, "partners");
    assert_eq!(partners["state"], "stale");
    assert_eq!(partners["source_change"], "typo");
    assert_eq!(partners["unknown"], json!(["Ouset"]));

    let greeting = item(&doc, "greeting");
    assert_eq!(greeting["state"], "invalid");
    let reasons = greeting["reasons"].as_array().unwrap();
    assert!(
        reasons[0].as_str().unwrap().contains("$name"),
        "{reasons:?}"
    );

    assert_eq!(doc["summary"][0]["locale"], "en");
    assert_eq!(doc["summary"][0]["to_review"], 5);
    assert_eq!(doc["summary"][0]["counts"]["approved"], 2);
}

#[test]
fn state_and_locale_filters() {
    let site = ui_site();
    let (doc, _) = site.json(&["review", "--state", "approved"]);
    let ids = ids(&doc["items"]);
    assert_eq!(ids, ["contact", "about"]);
    let (doc, _) = site.json(&["review", "site", "--state", "stale", "--locale", "en"]);
    assert_eq!(doc["items"].as_array().unwrap().len(), 2);

    let out = site.relais(&["review", "--state", "done"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a review state"));
    let out = site.relais(&["review", "--locale", "de"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn review_writes_nothing() {
    let site = ui_site();
    let before = site.snapshot();
    site.relais(&["review"]);
    site.json(&["review"]);
    assert_eq!(site.snapshot(), before);
}
