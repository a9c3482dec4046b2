//! `relais stats` on a hand-made site: post-edit distances with known
//! values, grouped by locale, engine, reviewer and resource.

mod common;

use common::find;

use common::handmade::{on, ui_site};
use serde_json::Value;

fn group<'a>(doc: &'a Value, by: &str, key: &str) -> &'a Value {
    find(&doc[by], "key", key)
}

#[test]
fn approved_messages_are_measured_against_their_machine_text() {
    let site = ui_site();
    let (doc, code) = site.json(&["stats"]);
    assert_eq!(code, 0, "{doc:#}");
    // contact: approved as DeepL wrote it (3 words); about: one word of
    // ten changed (visited → toured: 5 characters of 56).
    let about = find(&doc["messages"], "id", "about");
    assert_eq!(about["words"], 10);
    assert_eq!(about["word_edits"], 1);
    assert_eq!(about["word_rate"], 0.1);
    assert_eq!(about["chars"], 56);
    assert_eq!(about["char_edits"], 5);
    assert_eq!(about["unchanged"], false);
    assert_eq!(about["engine"], "apertium (via es)");
    assert_eq!(about["reviewer"], "Claire Martin");

    let total = &doc["total"];
    assert_eq!(total["messages"], 2);
    assert_eq!(total["unchanged"], 1);
    assert_eq!(total["unchanged_share"], 0.5);
    assert_eq!(total["words"], 13);
    assert_eq!(total["word_edits"], 1);
    assert_eq!(total["word_rate"], 0.0769, "total edits over total words");

    assert_eq!(group(&doc, "by_engine", "deepl")["word_rate"], 0.0);
    assert_eq!(
        group(&doc, "by_engine", "apertium (via es)")["word_rate"],
        0.1
    );
    assert_eq!(
        group(&doc, "by_reviewer", "Awa Ouédraogo")["unchanged_share"],
        1.0
    );
    assert_eq!(group(&doc, "by_reviewer", "Claire Martin")["messages"], 1);
    assert_eq!(group(&doc, "by_locale", "en")["messages"], 2);
    assert_eq!(group(&doc, "by_resource", "site")["messages"], 2);
}

#[test]
fn stats_follow_approvals() {
    let site = ui_site();
    let out = site.relais_env(
        &on("approve", &["news-title"]),
        &[("RELAIS_REVIEWER", "Awa Ouédraogo")],
    );
    assert!(out.status.success());
    let (doc, _) = site.json(&["stats"]);
    // "The actualities" → "News": one substitution and one deletion for
    // a one-word text.
    let awa = group(&doc, "by_reviewer", "Awa Ouédraogo");
    assert_eq!(awa["messages"], 2);
    assert_eq!(awa["word_edits"], 2);
    assert_eq!(awa["words"], 4);
    assert_eq!(awa["word_rate"], 0.5);

    let text = String::from_utf8(site.relais(&["stats", "--messages"]).stdout).unwrap();
    for needle in [
        "engine apertium (via es)",
        "engine deepl",
        "reviewer Awa Ouédraogo",
        "locale en",
        "site (en) about  0.100 words",
    ] {
        assert!(text.contains(needle), "{needle} in\n{text}");
    }
}

/// Issue 15: the figure per locale and engine, and the engine reviewers
/// changed least in each locale, with a warning when it rests on too few
/// messages.
#[test]
fn the_engine_reviewers_changed_least_is_named_per_locale() {
    let site = ui_site();
    let (doc, _) = site.json(&["stats"]);
    let pairs: Vec<&str> = doc["by_locale_engine"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["key"].as_str().unwrap())
        .collect();
    assert!(pairs.iter().all(|k| k.contains(" · ")), "{pairs:?}");
    assert_eq!(pairs.len(), 2, "{pairs:?}");
    let best = doc["best"].as_array().unwrap();
    assert!(!best.is_empty(), "{doc:#}");
    for b in best {
        let key = format!(
            "{} · {}",
            b["locale"].as_str().unwrap(),
            b["engine"].as_str().unwrap()
        );
        assert_eq!(
            group(&doc, "by_locale_engine", &key)["word_rate"],
            b["word_rate"]
        );
        assert_eq!(b["enough"], false, "one message is too few to go by");
    }
    let text = String::from_utf8(site.relais(&["stats"]).stdout).unwrap();
    assert!(text.contains("least ("), "{text}");
    assert!(text.contains("too few to go by"), "{text}");
}
