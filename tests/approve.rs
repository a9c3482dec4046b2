//! `approve`, `unapprove`, `accept-suggestion` on a hand-made site (no
//! engine): the rules of product.md's "Decisions", approvals locked to
//! content, and no approval forged by editing the state.

mod common;

use common::handmade::{EN, FR, on, ui_site};
use common::{Site, ids};
use serde_json::Value;

const CLAIRE: &[(&str, &str)] = &[("RELAIS_REVIEWER", "Claire Martin")];

/// id → state of every message of `site` in English.
fn states(site: &Site) -> Vec<(String, String)> {
    let (doc, _) = site.json(&[
        "review", "--state", "missing", "--state", "machine", "--state", "edited", "--state",
        "approved", "--state", "stale", "--state", "invalid",
    ]);
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn state_of(site: &Site, id: &str) -> String {
    states(site)
        .into_iter()
        .find(|(i, _)| i == id)
        .map(|(_, s)| s)
        .unwrap_or_else(|| panic!("no {id}"))
}

fn record(site: &Site) -> Value {
    serde_json::from_str(&site.read("review/en/site.json")).unwrap()
}

#[test]
fn approve_needs_messages_or_all_and_a_known_selection() {
    let site = ui_site();
    let before = site.snapshot();
    for args in [
        vec!["approve", "site", "--locale", "en"],
        vec![
            "approve",
            "site",
            "--locale",
            "en",
            "--all",
            "--message",
            "welcome",
        ],
        on("approve", &["nope"]),
        vec!["approve", "posts/nope", "--locale", "en", "--all"],
        vec!["approve", "site", "--locale", "de", "--all"],
    ] {
        let out = site.relais_env(&args, CLAIRE);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let out = site.relais_env(&on("approve", &["nope"]), CLAIRE);
    assert!(String::from_utf8_lossy(&out.stderr).contains("site: no message `nope`"));
    assert_eq!(site.snapshot(), before, "a usage error writes nothing");
}

#[test]
fn approve_all_skips_invalid_messages_with_the_reason_and_exits_1() {
    let site = ui_site();
    let (doc, code) = site.json_env(&["approve", "site", "--locale", "en", "--all"], CLAIRE);
    assert_eq!(code, 1, "{doc:#}");
    assert_eq!(doc["reviewer"], "Claire Martin");
    assert_eq!(
        ids(&doc["changed"]),
        ["welcome", "news-title", "donate", "partners"],
        "stale messages are approved too"
    );
    assert_eq!(ids(&doc["unchanged"]), ["contact", "about"]);
    assert_eq!(ids(&doc["skipped"]), ["greeting"]);
    let reason = doc["skipped"][0]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("invalid: ") && reason.contains("$name"),
        "{reason}"
    );
    assert_eq!(doc["written"], serde_json::json!(["review/en/site.json"]));
    for (id, st) in states(&site) {
        let want = if id == "greeting" {
            "invalid"
        } else {
            "approved"
        };
        assert_eq!(st, want, "{id}");
    }
}

#[test]
fn approving_an_approved_message_changes_no_file() {
    let site = ui_site();
    let args = on("approve", &["welcome", "news-title"]);
    let (doc, code) = site.json_env(&args, CLAIRE);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(ids(&doc["changed"]), ["welcome", "news-title"]);
    let before = site.snapshot();
    let (doc, code) = site.json_env(&args, &[("RELAIS_REVIEWER", "Awa Ouédraogo")]);
    assert_eq!(code, 0);
    assert_eq!(ids(&doc["unchanged"]), ["welcome", "news-title"]);
    assert_eq!(doc["written"], serde_json::json!([]));
    assert_eq!(site.snapshot(), before);
}

#[test]
fn an_approval_records_who_when_and_both_hashes() {
    let site = ui_site();
    let out = site.relais_env(
        &on("approve", &["news-title", "--reviewer", "Awa Ouédraogo"]),
        CLAIRE,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rec = record(&site);
    let approval = &rec["messages"]["news-title"]["approvals"][0];
    assert_eq!(approval["reviewer"], "Awa Ouédraogo", "--reviewer wins");
    assert_eq!(
        approval["source_hash"],
        relais::base::digest::hash(" Les actualités")
    );
    assert_eq!(
        approval["translation_hash"],
        relais::base::digest::hash(" News")
    );
    assert!(approval["at"].as_str().unwrap().ends_with('Z'));
    let last = rec["messages"]["news-title"]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["event"], "approved");
    assert_eq!(last["by"], "Awa Ouédraogo");
    assert_eq!(last["text"], " News");
}

#[test]
fn the_reviewer_comes_from_the_environment_or_git_or_nowhere() {
    let site = ui_site();
    let args = on("approve", &["welcome"]);
    let out = site.relais_env(&args, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--reviewer"));

    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .arg("-C")
            .arg(site.path())
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["config", "user.name", "Aminata Sawadogo"]);
    let (doc, code) = site.json_env(&args, &[]);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(doc["reviewer"], "Aminata Sawadogo");
}

#[test]
fn any_change_of_the_french_or_the_translation_ends_an_approval() {
    let site = ui_site();
    assert_eq!(state_of(&site, "contact"), "approved");
    assert_eq!(state_of(&site, "about"), "approved");
    // Re-laying out the file changes nothing: hashes are of the text.
    site.write(
        "locales/en/site.ftl",
        &EN.replace("contact = Write to us", "contact =\n    Write to us"),
    );
    assert_eq!(state_of(&site, "contact"), "approved");
    site.write(
        "locales/en/site.ftl",
        &EN.replace("Write to us", "Write to us!"),
    );
    assert_eq!(state_of(&site, "contact"), "edited");
    site.write("locales/en/site.ftl", EN);
    assert_eq!(
        state_of(&site, "contact"),
        "approved",
        "the same text again"
    );
    site.write(
        "locales/fr/site.ftl",
        &FR.replace("Écrivez-nous", "Écrivez-nous !"),
    );
    assert_eq!(state_of(&site, "contact"), "stale");
}

#[test]
fn an_approval_cannot_be_forged_by_editing_the_state() {
    let site = ui_site();
    let mut rec = record(&site);
    // A status field is not read: states are computed.
    rec["messages"]["welcome"]["state"] = "approved".into();
    rec["messages"]["welcome"]["status"] = "approved".into();
    rec["messages"]["news-title"]["approved"] = true.into();
    // An approval copied from another message does not match this one.
    let copied = rec["messages"]["contact"]["approvals"][0].clone();
    rec["messages"]["news-title"]["approvals"] = serde_json::json!([copied]);
    // An approval naming this French but another translation neither.
    let mut wrong = rec["messages"]["about"]["approvals"][0].clone();
    wrong["translation_hash"] = relais::base::digest::hash(" something else").into();
    rec["messages"]["about"]["approvals"] = serde_json::json!([wrong]);
    site.write(
        "review/en/site.json",
        &serde_json::to_string_pretty(&rec).unwrap(),
    );
    assert_eq!(state_of(&site, "welcome"), "machine");
    assert_eq!(state_of(&site, "news-title"), "edited");
    assert_eq!(state_of(&site, "about"), "edited", "not approved any more");
    let (status, _) = site.json(&["status"]);
    assert_eq!(status["resources"][0]["counts"]["approved"], 1);
}

#[test]
fn approving_a_stale_message_confirms_it_for_the_new_french() {
    let site = ui_site();
    let (doc, code) = site.json_env(&on("approve", &["donate"]), CLAIRE);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(doc["changed"][0]["state"], "stale");
    assert_eq!(doc["changed"][0]["now"], "approved");
    let rec = record(&site);
    let donate = &rec["messages"]["donate"];
    assert_eq!(
        donate["source"],
        " Faites un don pour soutenir nos partenaires locaux."
    );
    assert_eq!(
        donate["machine"]["text"], " Do a gift to sustain our local partners.",
        "the suggestion for the new French is the machine text now"
    );
    assert!(donate.get("suggestion").is_none());
    // Withdrawn, the text is a person's edit of that machine text.
    let (doc, code) = site.json_env(&on("unapprove", &["donate"]), CLAIRE);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(doc["changed"][0]["now"], "edited");
    let last = record(&site)["messages"]["donate"]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["event"], "unapproved");
    assert_eq!(last["by"], "Claire Martin");
}

#[test]
fn unapprove_withdraws_only_a_holding_approval() {
    let site = ui_site();
    let args = on("unapprove", &["contact", "welcome"]);
    let (doc, code) = site.json_env(&args, CLAIRE);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(ids(&doc["changed"]), ["contact"]);
    assert_eq!(ids(&doc["unchanged"]), ["welcome"]);
    assert_eq!(state_of(&site, "contact"), "machine");
    assert!(
        record(&site)["messages"]["contact"]
            .get("approvals")
            .is_none()
    );
}

#[test]
fn accept_suggestion_writes_the_suggestion_and_keeps_the_replaced_text() {
    let site = ui_site();
    let (doc, code) = site.json_env(
        &on("accept-suggestion", &["donate", "partners", "news-title"]),
        CLAIRE,
    );
    assert_eq!(
        code, 1,
        "messages without a suggestion are refused: {doc:#}"
    );
    assert_eq!(ids(&doc["changed"]), ["donate"]);
    assert_eq!(
        ids(&doc["skipped"]),
        ["news-title", "partners"],
        "source order"
    );
    assert!(
        doc["skipped"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("not stale")
    );
    assert!(
        doc["skipped"][1]["reason"]
            .as_str()
            .unwrap()
            .contains("run relais sync")
    );
    assert_eq!(doc["changed"][0]["now"], "machine");

    let en = site.read("locales/en/site.ftl");
    assert!(
        en.contains("donate = Do a gift to sustain our local partners.\n"),
        "{en}"
    );
    assert!(
        en.contains("welcome = Welcome to the site of PARTAGE\n"),
        "others untouched: {en}"
    );
    let history = record(&site)["messages"]["donate"]["history"].clone();
    let accepted = history.as_array().unwrap().last().unwrap();
    assert_eq!(accepted["event"], "accepted");
    assert_eq!(
        accepted["text"], " Donate to support our partners.",
        "the human text is kept"
    );
    assert_eq!(state_of(&site, "donate"), "machine");
}

#[test]
fn a_taken_suggestion_is_checked_anew() {
    let site = ui_site();
    // The writer changes the French of `greeting`, whose English lost its
    // placeable; sync stored a suggestion for the new French.
    let french = "Bonjour { $name }, bienvenue !";
    site.write(
        "locales/fr/site.ftl",
        &FR.replace("Bonjour { $name } !", french),
    );
    let mut rec = record(&site);
    let suggestion =
        common::handmade::machine(french, "Hello { $name }, welcome!", "apertium via es", &[]);
    rec["messages"]["greeting"]["suggestion"] = serde_json::to_value(suggestion).unwrap();
    site.write(
        "review/en/site.json",
        &serde_json::to_string_pretty(&rec).unwrap(),
    );
    assert_eq!(state_of(&site, "greeting"), "invalid");

    let args = on("accept-suggestion", &["greeting"]);
    let (doc, code) = site.json_env(&args, CLAIRE);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(doc["changed"][0]["state"], "invalid");
    assert_eq!(doc["changed"][0]["now"], "machine");
    assert!(
        site.read("locales/en/site.ftl")
            .contains("greeting = Hello { $name }, welcome!\n")
    );
}

#[test]
fn accept_suggestion_all_takes_every_suggestion_and_leaves_the_rest() {
    let site = ui_site();
    let args = ["accept-suggestion", "site", "--locale", "en", "--all"];
    let (doc, code) = site.json_env(&args, CLAIRE);
    assert_eq!(
        code, 1,
        "a stale message without suggestion is refused: {doc:#}"
    );
    assert_eq!(ids(&doc["changed"]), ["donate"]);
    assert_eq!(ids(&doc["skipped"]), ["partners"]);
    assert_eq!(
        ids(&doc["unchanged"]),
        ["welcome", "news-title", "greeting", "contact", "about"]
    );
}

/// Issue 17, item 4: `relais review --history` shows what happened to each
/// message, newest first, with who, when and the difference to the text now.
#[test]
fn review_history_shows_who_did_what_and_how_the_text_differs_now() {
    let site = ui_site();
    // Exit 1 is fine: the hand-made site has an invalid message.
    site.json_env(&["approve", "site", "--locale", "en", "--all"], CLAIRE);
    let (doc, _) = site.json(&["review", "--state", "approved", "--history"]);
    let items = doc["items"].as_array().unwrap();
    let with_history: Vec<&Value> = items.iter().filter(|i| i["history"].is_array()).collect();
    assert!(!with_history.is_empty(), "{doc:#}");
    let first = &with_history[0]["history"][0];
    assert_eq!(first["event"], "approved", "newest first: {first:#}");
    assert_eq!(first["by"], "Claire Martin");
    let (plain, _) = site.json(&["review", "--state", "approved"]);
    assert!(
        plain["items"][0].get("history").is_none(),
        "only when asked"
    );
    let out = site.relais(&[
        "review",
        "--state",
        "approved",
        "--history",
        "--color",
        "never",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("history   approved by Claire Martin, ")
            || text.contains("approved by Claire Martin, "),
        "{text}"
    );
}

/// Issue 17, item 1: `relais review --memory` lists the approved
/// translations of similar French, with their score and the French's diff.
#[test]
fn review_memory_offers_approved_translations_of_similar_french() {
    let site = Site::committed("http://127.0.0.1:9");
    let keoogo = "posts/2024-06-06-keoogo-dispensaire-trottoir";
    let fr = site.read(&format!("locales/fr/{keoogo}.ftl"));
    let french = fr
        .lines()
        .find_map(|l| l.strip_prefix("p-du-5-au-10 = "))
        .unwrap()
        .to_string();
    site.write(
        "posts/2025-08-01-suite.md",
        &format!(
            "---\ntitle: La suite\n---\n\n{}\n",
            french.replace("trois", "quatre")
        ),
    );
    let (doc, _) = site.json(&[
        "review",
        "posts/2025-08-01-suite",
        "--locale",
        "en",
        "--state",
        "missing",
    ]);
    let id = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .find(|i| i.starts_with("p-du-5"))
        .unwrap();
    site.write(
        "locales/en/posts/2025-08-01-suite.ftl",
        &format!("{id} = Draft\n"),
    );
    let (doc, _) = site.json(&[
        "review",
        "posts/2025-08-01-suite",
        "--locale",
        "en",
        "--memory",
    ]);
    let item = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id.as_str())
        .unwrap();
    let best = &item["similar"][0];
    assert!(best["score"].as_u64().unwrap() >= 90, "{item:#}");
    assert_eq!(best["resource"], keoogo);
    assert_eq!(best["id"], "p-du-5-au-10");
    let (plain, _) = site.json(&["review", "posts/2025-08-01-suite", "--locale", "en"]);
    assert!(
        plain["items"][0].get("similar").is_none(),
        "only when asked"
    );
}

/// Issue 17, item 5: a comment on a message is kept in the review state
/// with who and when, survives `sync`, `mv` and a change of the French,
/// and can be resolved.
#[test]
fn comments_survive_sync_mv_and_a_change_of_the_french() {
    let site = Site::committed(&common::apy_url());
    let post = "posts/2024-06-18-inepe-rapport-alternatif-equateur";
    let id = "h-560-enfants-ont-pris";
    let out = site.relais_env(
        &[
            "comment",
            post,
            "--locale",
            "en",
            "--message",
            id,
            "« boys » or <b>children</b>?",
        ],
        CLAIRE,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record = |s: &Site, res: &str| -> Value {
        serde_json::from_str(&s.read(&format!("review/en/{res}.json"))).unwrap()
    };
    let c = &record(&site, post)["comments"][id][0];
    assert_eq!(c["by"], "Claire Martin");
    assert_eq!(c["text"], "« boys » or <b>children</b>?");
    // The French of that heading changes; a sync runs; the post is renamed.
    let md = site.read(&format!("{post}.md")).replace(
        "560 enfants ont pris la parole",
        "560 enfants ont enfin pris la parole",
    );
    site.write(&format!("{post}.md"), &md);
    site.sync(&[]);
    let renamed = "posts/2024-06-18-rapport-inepe";
    let out = site.relais(&["mv", post, renamed]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (doc, _) = site.json(&[
        "review", renamed, "--locale", "en", "--state", "stale", "--state", "machine", "--state",
        "edited", "--state", "approved",
    ]);
    let ids: Vec<String> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    let item = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["comments"].is_array())
        .unwrap_or_else(|| panic!("the comment survived: {ids:?}"));
    let kept_id = item["id"].as_str().unwrap().to_string();
    assert_eq!(item["comments"][0]["text"], "« boys » or <b>children</b>?");
    // Resolved.
    let out = site.relais_env(
        &[
            "comment",
            renamed,
            "--locale",
            "en",
            "--message",
            &kept_id,
            "--resolve",
            "1",
        ],
        CLAIRE,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        record(&site, renamed)["comments"][&kept_id][0]["resolved"]["by"],
        "Claire Martin"
    );
    let again = site.relais_env(
        &[
            "comment",
            renamed,
            "--locale",
            "en",
            "--message",
            &kept_id,
            "--resolve",
            "1",
        ],
        CLAIRE,
    );
    assert!(!again.status.success(), "no open comment 1 any more");
}

/// Issue 17, item 2: `relais search` finds messages by their French or
/// their translation, accents and case folded, with filters.
#[test]
fn search_finds_french_and_translations_accents_folded() {
    let site = Site::committed("http://127.0.0.1:9");
    let (doc, code) = site.json(&["search", "ECOLE", "--locale", "en"]);
    assert_eq!(code, 0, "{doc:#}");
    let items = doc["items"].as_array().unwrap();
    assert!(!items.is_empty(), "école is in the French: {doc:#}");
    assert!(items.iter().all(|i| i["locale"] == "en"));
    assert!(items.iter().all(|i| {
        let all = format!("{} {}", i["source"], i["current"]).to_lowercase();
        all.contains("école") || all.contains("ecole") || all.contains("école")
    }));
    let (doc, _) = site.json(&[
        "search", "children", "--locale", "en", "--state", "approved",
    ]);
    let items = doc["items"].as_array().unwrap();
    assert!(!items.is_empty(), "found in the translation: {doc:#}");
    assert!(items.iter().all(|i| i["state"] == "approved"));
    // Several words, unquoted as people type them: each must be there.
    let (both, _) = site.json(&["search", "ecole", "maternelle", "--locale", "en"]);
    let both = both["items"].as_array().unwrap();
    assert_eq!(both.len(), 1, "{both:#?}");
    let (doc, _) = site.json(&["search", "zzzz-nowhere"]);
    assert_eq!(doc["items"].as_array().unwrap().len(), 0);
    let text =
        String::from_utf8(site.relais(&["search", "KEOOGO", "--locale", "es"]).stdout).unwrap();
    assert!(text.contains("messages found"), "{text}");
}
