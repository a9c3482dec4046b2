//! The review workflow from start to finish against a real Apertium APy
//! server: sync, human edits, review with diffs, approval, a change of the
//! French, suggestion, approval again. Also typo fixes, removed blocks and
//! reverted French: nothing dangling, no human edit lost.

mod common;

use common::{Site, apy_url, edit_message, find, id_of, messages};
use serde_json::Value;

const POST: &str = "posts/2024-06-06-visite.md";
const RES: &str = "posts/2024-06-06-visite";
const EN: &str = "locales/en/posts/2024-06-06-visite.ftl";
const STATE_EN: &str = "review/en/posts/2024-06-06-visite.json";
const CLAIRE: &[(&str, &str)] = &[("RELAIS_REVIEWER", "Claire Martin")];

const P1: &str = "La délégation de KEOOGO a visité l’école maternelle du Dispensaire Trottoir.";
const P2: &str = "Les monitrices ont partagé leurs pratiques pendant une semaine entière.";
const P3: &str = "Un jardin agroécologique fournit les fruits et les légumes des goûters.";

const HUMAN1: &str = "The KEOOGO delegation visited the Dispensaire Trottoir nursery school.";
const HUMAN2: &str = "The teachers shared their practices for a whole week.";

fn post(paragraphs: &[&str]) -> String {
    format!(
        "---\ntitle: \"Visite à Bobo-Dioulasso\"\n---\n\n{}\n",
        paragraphs.join("\n\n")
    )
}

/// The row of `status --json` for the post in `locale`.
fn status(site: &Site, locale: &str) -> Value {
    let (doc, _) = site.json(&["status"]);
    doc["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["locale"] == locale && r["resource"] == RES)
        .unwrap()
        .clone()
}

fn review_item(site: &Site, id: &str) -> Value {
    let (doc, code) = site.json(&["review", "--locale", "en"]);
    assert_eq!(code, 0, "{doc:#}");
    find(&doc["items"], "id", id).clone()
}

fn state_en(site: &Site) -> Value {
    serde_json::from_str(&site.read(STATE_EN)).unwrap()
}

/// The text a side of a JSON diff reads: old skips inserts, new deletes.
fn side(diff: &Value, skip: &str) -> String {
    diff.as_array()
        .unwrap()
        .iter()
        .filter(|o| o["op"] != skip)
        .map(|o| o["text"].as_str().unwrap())
        .collect()
}

fn run_ok(site: &Site, args: &[&str]) -> Value {
    let (doc, code) = site.json_env(args, CLAIRE);
    assert_eq!(code, 0, "{args:?}: {doc:#}");
    doc
}

/// Sets up the post, translated, with `id`s of the three paragraphs.
fn translated_site() -> (Site, [String; 3]) {
    let site = Site::new(&["en", "es"], &apy_url());
    site.write(POST, &post(&[P1, P2, P3]));
    site.sync(&[]);
    let fr = messages(&site, "locales/fr/posts/2024-06-06-visite.ftl");
    let ids = [id_of(&fr, P1), id_of(&fr, P2), id_of(&fr, P3)];
    (site, ids)
}

#[test]
fn the_review_story() {
    let (site, [id1, id2, id3]) = translated_site();
    let machine = messages(&site, EN);

    // A reviewer edits two messages in the English bundle.
    edit_message(&site, EN, &id1, HUMAN1);
    edit_message(&site, EN, &id2, HUMAN2);

    // Review shows both, with the diff machine → now.
    for (id, human) in [(&id1, HUMAN1), (&id2, HUMAN2)] {
        let item = review_item(&site, id);
        assert_eq!(item["state"], "edited", "{item:#}");
        assert_eq!(item["current"], human);
        assert_eq!(item["machine"], machine[id.as_str()].trim());
        assert_eq!(side(&item["diff"], "insert"), machine[id.as_str()].trim());
        assert_eq!(side(&item["diff"], "delete"), human);
        assert_eq!(item["engine"], "apertium (via es)");
    }
    let item = review_item(&site, &id3);
    assert_eq!(item["state"], "machine");
    assert!(
        item["diff"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["op"] == "equal")
    );
    let text = String::from_utf8(site.relais(&["review", "--locale", "en"]).stdout).unwrap();
    assert!(text.contains("{+teachers+}"), "{text}");
    assert!(text.contains("{+Dispensaire Trottoir"), "{text}");
    assert!(
        text.contains("en: 4 to review (2 machine, 2 edited, 0 stale, 0 invalid)"),
        "{text}"
    );

    // Approve all: the post is finished in English.
    let doc = run_ok(&site, &["approve", RES, "--locale", "en", "--all"]);
    assert_eq!(doc["changed"].as_array().unwrap().len(), 4);
    assert_eq!(status(&site, "en")["finished"], true);
    assert_eq!(status(&site, "es")["finished"], false);

    // The writer edits the second paragraph.
    let p2b = "Les monitrices ont partagé leurs pratiques pendant une semaine complète.";
    site.write(POST, &post(&[P1, p2b, P3]));
    site.sync(&[]);
    let row = status(&site, "en");
    assert_eq!(row["counts"]["stale"], 1, "{row:#}");
    assert_eq!(
        row["counts"]["approved"], 3,
        "the others are still approved: {row:#}"
    );
    assert_eq!(
        messages(&site, EN)[&id2].trim(),
        HUMAN2,
        "the human text stays"
    );
    let item = review_item(&site, &id2);
    assert_eq!(item["state"], "stale");
    assert_eq!(item["current"], HUMAN2);
    assert_eq!(item["source_change"], "edit");
    assert_eq!(side(&item["source_diff"], "insert"), P2);
    assert_eq!(side(&item["source_diff"], "delete"), p2b);
    let suggestion = item["suggestion"].as_str().unwrap();
    assert_ne!(suggestion, HUMAN2);
    assert_eq!(
        state_en(&site)["messages"][&id2]["suggestion"]["source_hash"],
        relais::base::digest::hash(&format!(" {p2b}")),
        "the suggestion translates the new French"
    );

    // The reviewer takes the suggestion, then approves it.
    let doc = run_ok(
        &site,
        &[
            "accept-suggestion",
            RES,
            "--locale",
            "en",
            "--message",
            &id2,
        ],
    );
    assert_eq!(doc["changed"][0]["now"], "machine");
    assert_eq!(messages(&site, EN)[&id2].trim(), suggestion);
    run_ok(
        &site,
        &["approve", RES, "--locale", "en", "--message", &id2],
    );
    assert_eq!(status(&site, "en")["finished"], true);

    // Who approved it, and what did the machine say? The state knows,
    // and the replaced human text is still there.
    let rec = &state_en(&site)["messages"][&id2];
    let events: Vec<&str> = rec["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        ["machine", "approved", "suggestion", "accepted", "approved"]
    );
    assert_eq!(rec["history"][0]["text"].as_str().unwrap(), machine[&id2]);
    assert_eq!(rec["history"][1]["text"].as_str().unwrap().trim(), HUMAN2);
    assert_eq!(rec["history"][3]["text"].as_str().unwrap().trim(), HUMAN2);
    assert_eq!(
        rec["approvals"].as_array().unwrap().last().unwrap()["reviewer"],
        "Claire Martin"
    );

    // Statistics: two of four approved texts differ from the machine.
    let (stats, _) = site.json(&["stats"]);
    assert_eq!(stats["total"]["messages"], 4);
    assert_eq!(stats["total"]["unchanged"], 3, "{stats:#}");
    assert_eq!(stats["by_engine"][0]["key"], "apertium (via es)");
}

#[test]
fn typo_fixes_removed_blocks_and_reverted_french() {
    let p1_typo = "La délégation de KEOOGO a visité l’école maternele du Dispensaire Trottoir.";
    let site = Site::new(&["en", "es"], &apy_url());
    site.write(POST, &post(&[p1_typo, P2, P3]));
    site.sync(&[]);
    let fr = messages(&site, "locales/fr/posts/2024-06-06-visite.ftl");
    let (id1, id2, id3) = (id_of(&fr, p1_typo), id_of(&fr, P2), id_of(&fr, P3));
    edit_message(&site, EN, &id1, HUMAN1);
    edit_message(
        &site,
        EN,
        &id3,
        "A vegetable garden grows the fruit and vegetables for snacks.",
    );
    run_ok(&site, &["approve", RES, "--locale", "en", "--all"]);

    // The writer fixes the typo and deletes the third paragraph.
    site.write(POST, &post(&[P1, P2]));
    site.sync(&[]);
    let item = review_item(&site, &id1);
    assert_eq!(item["state"], "stale");
    assert_eq!(item["source_change"], "typo", "{item:#}");
    assert_eq!(item["current"], HUMAN1);
    let text = String::from_utf8(site.relais(&["review", "--locale", "en"]).stdout).unwrap();
    assert!(text.contains("fr typo fix"), "{text}");
    assert!(
        text.contains(&format!("relais approve {RES} --locale en --message {id1}")),
        "{text}"
    );

    // Removed: out of both bundles and out of the state's messages; its
    // last texts (the human one included) are kept in `removed`.
    assert!(!messages(&site, EN).contains_key(&id3));
    assert!(!messages(&site, "locales/es/posts/2024-06-06-visite.ftl").contains_key(&id3));
    let rec = state_en(&site);
    assert!(rec["messages"].get(&id3).is_none(), "{rec:#}");
    let removed = &rec["removed"][0];
    assert_eq!(removed["id"], id3.as_str());
    assert!(
        removed["translation"]
            .as_str()
            .unwrap()
            .contains("vegetable garden")
    );

    // One step re-approves the typo fix.
    run_ok(
        &site,
        &["approve", RES, "--locale", "en", "--message", &id1],
    );
    assert_eq!(status(&site, "en")["finished"], true);

    // The French of the untouched, approved P2 changes: it is translated
    // again, the old approval stays and review shows the French diff.
    let p2b = "Les monitrices ont échangé leurs pratiques pendant une semaine entière.";
    site.write(POST, &post(&[P1, p2b]));
    site.sync(&[]);
    let item = review_item(&site, &id2);
    assert_eq!(item["state"], "machine");
    assert_eq!(side(&item["source_diff"], "insert"), P2);
    assert_eq!(item["last_approval"]["reviewer"], "Claire Martin");

    // The writer changes P1 too, then reverts both: the approvals hold
    // again and nothing about the abandoned French stays behind.
    let p1b =
        "La délégation de KEOOGO a longuement visité l’école maternelle du Dispensaire Trottoir.";
    site.write(POST, &post(&[p1b, p2b]));
    site.sync(&[]);
    assert!(state_en(&site)["messages"][&id1]["suggestion"].is_object());
    site.write(POST, &post(&[P1, P2]));
    site.sync(&[]);
    assert_eq!(
        status(&site, "en")["finished"],
        true,
        "{:#}",
        status(&site, "en")
    );
    assert_eq!(messages(&site, EN)[&id1].trim(), HUMAN1, "never lost");
    let rec = state_en(&site);
    assert!(rec["messages"][&id1].get("suggestion").is_none(), "{rec:#}");
    assert!(
        rec["messages"][&id2].get("previous_source").is_none(),
        "{rec:#}"
    );
}
