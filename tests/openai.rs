//! `relais sync` with `kind = "openai"` against a fake OpenAI-compatible
//! Chat Completions server that enforces the wire contract
//! (tests/common/fake.rs): Bearer auth, `model` and typed `messages`
//! required, JSON-schema answers, `usage`, 429 with `Retry-After`, 400
//! `context_length_exceeded`; and answers that lose a tag, reorder ids or
//! are not JSON.

mod common;

use common::Site;
use common::fake::{Fake, Fault};
use serde_json::Value;

const KEY: &str = "sk-relais-test-0123456789";
const KEY_ENV: &str = "RELAIS_TEST_LLM_KEY";

/// A site translated by the fake LLM (`extra` more engine settings).
fn site(fake: &Fake, key: bool, extra: &str) -> Site {
    let key_line = if key {
        format!("key_env = \"{KEY_ENV}\"\n")
    } else {
        String::new()
    };
    let site = Site::with_engine(
        &["en", "es"],
        &format!(
            "kind = \"openai\"\nurl = \"{}/v1\"\nmodel = \"mistral-small-latest\"\n{key_line}timeout = 10\n{extra}",
            fake.url
        ),
    );
    if key {
        site.set_env(KEY_ENV, KEY);
    }
    site
}

/// The bodies of the Chat Completions requests received.
fn bodies(fake: &Fake) -> Vec<Value> {
    fake.log()
        .into_iter()
        .filter(|l| l.path == "/v1/chat/completions" && l.status == 200)
        .map(|l| serde_json::from_str(&l.body).unwrap())
        .collect()
}

fn post(site: &Site, slug: &str, title: &str, paragraphs: &[&str]) {
    site.write(
        &format!("posts/{slug}.md"),
        &format!(
            "---\ntitle: {title}\nsummary: Une journée à Quito\n---\n\n{}\n",
            paragraphs.join("\n\n")
        ),
    );
}

#[test]
fn a_post_goes_in_one_request_with_its_title_glossary_and_instructions() {
    let fake = Fake::openai(Some(KEY));
    let s = site(
        &fake,
        true,
        "context = \"Site d'une ONG pour les droits de l'enfant\"\n\n[engine.es]\nkind = \"openai\"\nurl = \"URL/v1\"\nmodel = \"mistral-small-latest\"\nkey_env = \"RELAIS_TEST_LLM_KEY\"\ninstructions = \"Usted, jamais tu.\"\n"
            .replace("URL", &fake.url)
            .as_str(),
    );
    s.write(
        "glossary.toml",
        "keep = [\"KEOOGO\"]\n\n[fixed.en]\n\"droits de l’enfant\" = \"children's rights\"\n",
    );
    post(
        &s,
        "2025-06-01-quito",
        "KEOOGO à Quito",
        &[
            "Les enfants et les *animateurs* lisent.",
            "KEOOGO défend les droits de l’enfant, voir [le site](https://keoogo.org).",
        ],
    );
    let (report, code) = s.json(&["sync"]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["invalid"], 0, "{report:#}");
    assert_eq!(
        report["translated"], 8,
        "title, summary and two paragraphs, twice: {report:#}"
    );
    assert!(
        report["tokens"]["prompt"].as_u64().unwrap() > 0
            && report["tokens"]["completion"].as_u64().unwrap() > 0,
        "{report:#}"
    );
    let log = fake.log();
    assert!(
        log.iter()
            .all(|l| l.authorization.as_deref() == Some(&format!("Bearer {KEY}") as &str))
    );
    let bodies = bodies(&fake);
    assert_eq!(
        bodies.len(),
        2,
        "one request per post and locale: {bodies:#?}"
    );
    for b in &bodies {
        assert_eq!(b["model"], "mistral-small-latest");
        assert_eq!(b["temperature"], 0.0);
        assert_eq!(b["response_format"]["type"], "json_schema");
        let system = b["messages"][0]["content"].as_str().unwrap();
        assert!(system.contains("never translated: KEOOGO"), "{system}");
        let user: Value =
            serde_json::from_str(b["messages"][1]["content"].as_str().unwrap()).unwrap();
        let post = &user["post (context only, do not translate)"];
        assert_eq!(post["title"], "KEOOGO à Quito", "{user:#}");
        assert_eq!(post["summary"], "Une journée à Quito");
        assert_eq!(user["segments"].as_array().unwrap().len(), 4, "{user:#}");
    }
    let en_system = bodies
        .iter()
        .map(|b| b["messages"][0]["content"].as_str().unwrap().to_string())
        .find(|s| s.contains("(en)"))
        .unwrap();
    assert!(
        en_system.contains("\"droits de l’enfant\" → \"children's rights\""),
        "{en_system}"
    );
    let es_system = bodies
        .iter()
        .map(|b| b["messages"][0]["content"].as_str().unwrap().to_string())
        .find(|s| s.contains("(es)"))
        .unwrap();
    assert!(es_system.contains("Usted, jamais tu."), "{es_system}");
    let en = s.read("locales/en/posts/2025-06-01-quito.ftl");
    assert!(en.contains("KEOOGO défend the children's rights"), "{en}");
    assert!(en.contains("[the site](https://keoogo.org)"), "{en}");
    let record = s.read("review/en/posts/2025-06-01-quito.json");
    assert!(record.contains("\"engine\": \"openai\""), "{record}");
    assert!(
        record.contains("\"model\": \"mistral-small-latest\""),
        "{record}"
    );
    assert!(!record.contains(KEY) && !en.contains(KEY));

    // Nothing changed: nothing asked. New instructions: asked again.
    fake.forget();
    s.sync(&[]);
    assert_eq!(fake.requests("/v1/chat/completions"), 0);
}

#[test]
fn a_broken_answer_is_asked_again_once_then_refused_for_its_segment_only() {
    let fake = Fake::openai(None);
    let s = site(&fake, false, "");
    s.write(
        "relais.toml",
        &s.read("relais.toml")
            .replace("targets = [\"en\", \"es\"]", "targets = [\"en\"]"),
    );
    post(
        &s,
        "2025-06-01-quito",
        "Visite",
        &["Les enfants lisent.", "Lancez `relais sync` maintenant."],
    );
    // Not JSON, then good: asked again with what was wrong.
    fake.fail_next(&[Fault::BrokenJson]);
    let report = s.sync(&[]);
    assert_eq!(report["invalid"], 0, "{report:#}");
    let bodies = bodies(&fake);
    assert_eq!(bodies.len(), 2, "asked twice");
    let again = bodies[1]["messages"].as_array().unwrap();
    assert_eq!(
        again.len(),
        4,
        "the broken answer and what was wrong with it"
    );
    assert!(
        again[3]["content"]
            .as_str()
            .unwrap()
            .contains("not the JSON asked for")
    );
    assert!(
        fake.log().iter().all(|l| l.authorization.is_none()),
        "a local server: no key"
    );

    // A lost element twice: that segment is invalid, the others kept.
    fake.forget();
    post(
        &s,
        "2025-06-02-atelier",
        "Atelier",
        &["Les parents lisent.", "Tapez `relais status` ensuite."],
    );
    fake.fail_next(&[Fault::LoseTag, Fault::LoseTag]);
    let report = s.sync(&[]);
    assert_eq!(report["invalid"], 1, "{report:#}");
    let record = s.read("review/en/posts/2025-06-02-atelier.json");
    assert!(record.contains("lost or changed an element"), "{record}");
    let en = s.read("locales/en/posts/2025-06-02-atelier.ftl");
    assert!(
        en.contains("p-les-parents-lisent = ") && !en.contains("p-tapez-relais-status"),
        "the good segment is kept, the refused one not written: {en}"
    );
}

#[test]
fn reordered_ids_split_batches_and_servers_without_schemas_still_translate() {
    let fake = Fake::openai(None);
    fake.without_json_schema();
    let s = site(&fake, false, "batch = 10\n");
    s.write(
        "relais.toml",
        &s.read("relais.toml")
            .replace("targets = [\"en\", \"es\"]", "targets = [\"en\"]"),
    );
    let paragraphs: Vec<String> = (1..=6)
        .map(|i| {
            format!(
                "Le paragraphe numéro {i} et les enfants. {}",
                "Une phrase de plus. ".repeat(8)
            )
        })
        .collect();
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    post(&s, "2025-06-01-long", "Long", &refs);
    // Ids in reverse order; then a context too small for the whole batch;
    // then 429 with Retry-After.
    fake.fail_next(&[Fault::TooMany(Some(1)), Fault::Reorder]);
    fake.context_limit(1800);
    let report = s.sync(&[]);
    assert_eq!(report["invalid"], 0, "{report:#}");
    let en = s.read("locales/en/posts/2025-06-01-long.ftl");
    for i in 1..=6 {
        assert!(
            en.contains(&format!("paragraphe numéro {i} and the enfants")),
            "{i}: {en}"
        );
    }
    let log = fake.log();
    assert!(
        log.iter()
            .any(|l| l.status == 400 && l.body.contains("json_schema")),
        "schema refused once"
    );
    assert!(
        log.iter()
            .any(|l| l.status == 400 && !l.body.contains("json_schema")),
        "too long once: {:?}",
        log.iter()
            .map(|l| (l.status, l.body.len()))
            .collect::<Vec<_>>()
    );
    assert!(log.iter().any(|l| l.status == 429));
    let ok = bodies(&fake);
    assert!(
        ok.iter()
            .all(|b| b["response_format"]["type"] == "json_object")
    );
    assert!(ok.len() >= 2, "the batch was split: {}", ok.len());
}

#[test]
fn configuration_names_what_is_missing() {
    let s = Site::with_engine(
        &["en"],
        "kind = \"openai\"\nurl = \"http://127.0.0.1:9/v1\"\n",
    );
    let out = s.relais(&["sync"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("needs `model`"), "{err}");
    let s = Site::with_engine(&["en"], "kind = \"apertium\"\nmodel = \"x\"\n");
    let out = s.relais(&["sync"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`model` is a setting of kind = \"openai\""),
        "{err}"
    );
}

#[test]
fn a_dry_run_estimates_the_tokens_and_sends_nothing() {
    let fake = Fake::openai(None);
    let s = site(&fake, false, "");
    post(
        &s,
        "2025-06-01-quito",
        "Visite",
        &["Les enfants lisent un livre ensemble."],
    );
    let (doc, code) = s.json(&["sync", "--dry-run"]);
    assert_eq!(code, 0, "{doc:#}");
    let tokens = doc["estimate"][0]["tokens"].as_u64().unwrap();
    assert!((300..3000).contains(&tokens), "{doc:#}");
    assert_eq!(fake.log().len(), 0);
    let out = String::from_utf8(s.relais(&["sync", "--dry-run"]).stdout).unwrap();
    assert!(out.contains("tokens"), "{out}");
}

/// Issue 15: an LLM's budgets are in tokens (the dry run's estimate).
#[test]
fn an_llm_budget_is_counted_in_tokens() {
    let fake = Fake::openai(None);
    let s = site(&fake, false, "budget_run = 100\n");
    post(
        &s,
        "2025-06-01-quito",
        "Visite",
        &["Les enfants lisent un livre ensemble."],
    );
    let out = s.relais(&["sync"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("tokens to openai, over budget_run = 100"),
        "{err}"
    );
    assert_eq!(fake.log().len(), 0, "nothing sent");
}
