//! Other engines' suggestions (`[suggest]`): asked only at a person's
//! request, from `relais review --suggest NAME` or the review page, each
//! answer kept beside its message, never asked twice for the same French,
//! counted in the table's budget; a reviewer asks only in their locales.
//! The engine is the fake DeepL (tests/common/fake.rs), which enforces
//! DeepL's wire contract.

mod common;
#[path = "common/web.rs"]
mod web;

use axum::http::StatusCode;
use common::Site;
use common::fake::Fake;
use serde_json::Value;
use std::sync::Once;
use web::Web;

const POST: &str = "posts/2024-06-18-inepe-rapport-alternatif-equateur";
const DEAD_ENGINE: &str = "http://127.0.0.1:9";
const KEY: &str = "3d1c5b7a-2e4f-4a8b-9c6d-relais-suggest-key:fx";
const KEY_ENV: &str = "RELAIS_TEST_SUGGEST_KEY";

/// The key, in this process's environment too (the in-process server reads
/// it). Every test calls this first, so it is set before any test reads
/// the environment.
fn key() {
    static SET: Once = Once::new();
    // SAFETY: every test of this binary waits here before doing anything
    // else, so no other thread reads the environment meanwhile.
    SET.call_once(|| unsafe { std::env::set_var(KEY_ENV, KEY) });
}

/// The committed sample site (its own engine unreachable: `sync` has
/// nothing to send anyway) with the fake DeepL as `[suggest.deepl]`.
fn site(fake: &Fake, extra: &str) -> Site {
    key();
    let site = Site::committed(DEAD_ENGINE);
    let mut toml = site.read("relais.toml");
    toml.push_str(&format!(
        "\n[suggest.deepl]\nkind = \"deepl\"\nurl = \"{}\"\nkey_env = \"{KEY_ENV}\"\ntimeout = 10\n{extra}",
        fake.url
    ));
    site.write("relais.toml", &toml);
    site.set_env(KEY_ENV, KEY);
    site.set_env("RELAIS_REVIEWER", "Claire Martin");
    site
}

fn month_used(site: &Site) -> u64 {
    let path = site.path().join("review/.cache/budget.json");
    let Ok(text) = std::fs::read_to_string(path) else {
        return 0;
    };
    let ledger: Value = serde_json::from_str(&text).unwrap();
    ledger["months"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|m| m["deepl"].as_u64())
        .sum()
}

/// The first message of the post in `en` in state `machine`.
fn a_machine_message(site: &Site) -> String {
    let (list, _) = site.json(&["review", POST, "--locale", "en", "--state", "machine"]);
    list["items"][0]["id"].as_str().unwrap().to_string()
}

#[test]
fn the_terminal_asks_once_per_french_and_counts_it_in_the_budget() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "budget_month = 1000000\n");
    // sync never asks a [suggest] engine.
    s.sync(&[]);
    assert_eq!(fake.requests("/v2/translate"), 0);
    let locales_before = s.read(&format!("locales/en/{POST}.ftl"));
    let id = a_machine_message(&s);

    let args = [
        "review",
        POST,
        "--locale",
        "en",
        "--state",
        "machine",
        "--suggest",
        "deepl",
    ];
    let (first, code) = s.json(&args);
    assert_eq!(code, 0, "{first:#}");
    let asked = &first["asked"][0];
    assert_eq!(asked["name"], "deepl");
    let answered = asked["answered"].as_array().unwrap();
    assert!(!answered.is_empty(), "{first:#}");
    let requests = fake.requests("/v2/translate");
    assert!(requests >= 1);
    let characters = asked["characters"].as_u64().unwrap();
    assert!(characters > 0);
    assert_eq!(
        month_used(&s),
        characters,
        "the budget counts what was sent"
    );
    // Each message listed shows the answer, with its engine and who asked.
    let item = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id.as_str())
        .unwrap();
    assert_eq!(item["asked"][0]["name"], "deepl");
    assert_eq!(item["asked"][0]["engine"], "deepl");
    assert_eq!(item["asked"][0]["by"], "Claire Martin");
    assert!(!item["asked"][0]["text"].as_str().unwrap().is_empty());
    // The message's text and state are unchanged.
    assert_eq!(item["state"], "machine");
    assert_eq!(s.read(&format!("locales/en/{POST}.ftl")), locales_before);

    // Asked again: nothing sent, nothing billed.
    let (second, code) = s.json(&args);
    assert_eq!(code, 0);
    assert_eq!(fake.requests("/v2/translate"), requests);
    assert_eq!(month_used(&s), characters);
    assert!(
        second["asked"][0]["answered"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        second["asked"][0]["known"].as_array().unwrap().len(),
        answered.len()
    );

    // Even with the answers gone from the record, the cache serves them.
    let state_path = format!("review/en/{POST}.json");
    let mut state: Value = serde_json::from_str(&s.read(&state_path)).unwrap();
    for rec in state["messages"].as_object_mut().unwrap().values_mut() {
        rec.as_object_mut().unwrap().remove("asked");
    }
    s.write(&state_path, &serde_json::to_string_pretty(&state).unwrap());
    let (third, _) = s.json(&args);
    assert_eq!(
        third["asked"][0]["answered"].as_array().unwrap().len(),
        answered.len()
    );
    assert_eq!(
        fake.requests("/v2/translate"),
        requests,
        "served by the cache"
    );
    assert_eq!(third["asked"][0]["characters"], 0);

    // The plain text shows the answer under its engine's name.
    let out = s.relais(&["review", POST, "--locale", "en", "--state", "machine"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("deepl (Claire Martin)"), "{text}");
}

#[test]
fn a_request_over_the_tables_budget_sends_nothing() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "budget_run = 5\n");
    let out = s.relais(&["review", POST, "--locale", "en", "--suggest", "deepl"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("budget_run = 5"), "{err}");
    assert_eq!(fake.requests("/v2/translate"), 0);
    // An engine relais.toml does not name is said, with those it names.
    let out = s.relais(&["review", POST, "--suggest", "mistral"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`mistral`") && err.contains("deepl"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_asks_from_the_page_and_takes_the_answer_into_the_editor() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "");
    let id = a_machine_message(&s);
    let web = Web::new(s);
    let claire = web.login("Claire Martin").await;
    let page = format!("/review/en/{POST}");
    let before = web.get(&page, Some(&claire)).await;
    assert!(
        before.body.contains("Demander à deepl"),
        "the button is there"
    );
    assert_eq!(fake.requests("/v2/translate"), 0, "a page asks nothing");

    let ask = format!("/suggest/en/{POST}");
    let fields = [("id", id.as_str()), ("engine", "deepl")];
    let r = web.act(&ask, &claire, &fields).await;
    let after = web.follow(&r, &claire).await;
    assert_eq!(after.status, StatusCode::OK);
    assert!(after.body.contains("deepl a répondu"), "{}", after.body);
    assert_eq!(fake.requests("/v2/translate"), 1);
    let cfg = relais::base::config::Config::load(web.site.path()).unwrap();
    let sites = relais::review::view::Site::load(&cfg, &[POST.into()], &["en".parse().unwrap()]);
    let entries = sites.entries(&sites.views[0]);
    let entry = entries.iter().find(|e| e.id() == id).unwrap();
    let answer = relais::review::report::seconds(entry).remove(0).text;
    assert!(after.body.contains("Autres moteurs"));
    assert!(after.body.contains(&format!("?take=deepl&amp;at={id}")));

    // *Utiliser*: the editor holds the answer, nothing is saved yet.
    let taken = web
        .get(&format!("{page}?take=deepl&at={id}"), Some(&claire))
        .await;
    let first_line = answer.lines().next().unwrap();
    let escaped = first_line
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;");
    assert!(
        taken.body.contains(&format!(">{escaped}")),
        "the editor holds {first_line:?}"
    );
    assert_eq!(entry.state.name(), "machine");

    // Asked again from the page: said, not sent.
    let r = web.act(&ask, &claire, &fields).await;
    let again = web.follow(&r, &claire).await;
    assert!(again.body.contains("avait déjà répondu"), "{}", again.body);
    assert_eq!(fake.requests("/v2/translate"), 1);

    // A reviewer of Spanish cannot ask about English; nobody can ask an
    // engine relais.toml does not name.
    let ana = web.login("Ana Pérez").await;
    let r = web.act(&ask, &ana, &fields).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = web
        .act(&ask, &claire, &[("id", id.as_str()), ("engine", "mistral")])
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(fake.requests("/v2/translate"), 1);
}
