//! `relais sync` and `relais status` against a fake DeepL server that
//! enforces the real wire contract (tests/common/fake.rs).

mod common;

use common::Site;
use common::fake::{Fake, Fault};
use serde_json::Value;
use std::time::{Duration, Instant};

const KEY: &str = "7f3c2a91-5e4b-4c7d-9a1f-relais-test-key:fx";
const KEY_ENV: &str = "RELAIS_TEST_DEEPL_KEY";

/// A site translated by the fake DeepL, the key in the environment.
fn site(fake: &Fake, extra: &str) -> Site {
    let site = Site::with_engine(
        &["en", "es"],
        &format!(
            "kind = \"deepl\"\nurl = \"{}\"\nkey_env = \"{KEY_ENV}\"\ntimeout = 10\n{extra}",
            fake.url
        ),
    );
    site.set_env(KEY_ENV, KEY);
    site
}

fn translate_bodies(fake: &Fake) -> Vec<Value> {
    fake.log()
        .into_iter()
        .filter(|l| l.path == "/v2/translate")
        .map(|l| serde_json::from_str(&l.body).unwrap())
        .collect()
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("{v} is not a count"))
}

#[test]
fn batches_of_50_filled_across_posts_then_nothing_then_one_segment() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "");
    s.write_posts(20, 5); // 20 × (title + 5 paragraphs) = 120 segments
    let report = s.sync(&[]);
    assert_eq!(
        report["requests"], 6,
        "120 segments × 2 locales in 50s: {report:#}"
    );
    assert_eq!(fake.requests("/v2/translate"), 6);
    assert_eq!(report["translated"], 240);
    assert_eq!(report["reused"], 0);
    assert_eq!(report["invalid"], 0, "{report:#}");
    let bodies = translate_bodies(&fake);
    let mut sizes: Vec<usize> = bodies
        .iter()
        .map(|b| b["text"].as_array().unwrap().len())
        .collect();
    sizes.sort();
    assert_eq!(sizes, [20, 20, 50, 50, 50, 50]);
    for b in &bodies {
        assert_eq!(b["source_lang"], "FR");
        assert_eq!(b["tag_handling"], "xml");
        assert!(
            ["EN-GB", "ES"].contains(&b["target_lang"].as_str().unwrap()),
            "{b}"
        );
        for absent in ["formality", "context", "glossary_id"] {
            assert!(b.get(absent).is_none(), "{absent} sent unasked: {b}");
        }
    }
    for l in fake.log() {
        assert_eq!(
            l.authorization.as_deref(),
            Some(format!("DeepL-Auth-Key {KEY}").as_str())
        );
    }
    let en = s.read("locales/en/posts/2024-01-01-article-0.ftl");
    assert!(
        en.contains("Article numéro 0") && en.contains("parle some enfants and of leurs droits"),
        "{en}"
    );

    let again = s.sync(&[]);
    assert_eq!(again["requests"], 0, "{again:#}");
    assert_eq!(fake.requests("/v2/translate"), 6);

    fake.forget();
    let post = "posts/2024-01-01-article-0.md";
    let edited = s
        .read(post)
        .replace("Le paragraphe 3 de", "Le troisième paragraphe de");
    s.write(post, &edited);
    let report = s.sync(&[]);
    assert_eq!(report["requests"], 2, "{report:#}");
    assert_eq!(report["translated"], 2);
    let texts = fake.texts();
    assert_eq!(texts.len(), 2, "one segment per locale: {texts:?}");
    assert!(
        texts
            .iter()
            .all(|(_, t)| t.starts_with("Le troisième paragraphe"))
    );
}

#[test]
fn requests_stay_under_128_kib_and_an_oversized_paragraph_is_refused_unsent() {
    let fake = Fake::deepl(KEY);
    let s = Site::with_engine(
        &["es"],
        &format!(
            "kind = \"deepl\"\nurl = \"{}\"\nkey_env = \"{KEY_ENV}\"\n",
            fake.url
        ),
    );
    s.set_env(KEY_ENV, KEY);
    let para =
        |i: usize, words: usize| format!("Paragraphe {i} : {}", "mot ".repeat(words).trim_end());
    // Twelve paragraphs of ~20 KiB: at most six fit in one request.
    let mut body: Vec<String> = (0..12).map(|i| para(i, 5000)).collect();
    body.push(para(99, 34_000)); // ~133 KiB: no request can carry it
    s.write(
        "posts/2024-02-02-long.md",
        &format!("---\ntitle: Long\n---\n\n{}\n", body.join("\n\n")),
    );
    let (report, code) = s.json(&["sync"]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["invalid"], 1, "{report:#}");
    assert_eq!(report["translated"], 13, "{report:#}");
    for l in fake.log() {
        assert!(l.body.len() <= 128 * 1024, "{} bytes sent", l.body.len());
        assert_ne!(l.status, 413);
        assert!(
            !l.body.contains("Paragraphe 99"),
            "the oversized paragraph was sent"
        );
    }
    assert!(fake.requests("/v2/translate") >= 2);
    let state: Value =
        serde_json::from_str(&s.read("review/es/posts/2024-02-02-long.json")).unwrap();
    let reasons: Vec<String> = state["messages"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|m| m["failed"]["reason"].as_str().map(str::to_string))
        .collect();
    assert_eq!(reasons.len(), 1);
    assert!(
        reasons[0].contains("too long to send") && reasons[0].contains("128 KiB"),
        "{reasons:?}"
    );
}

#[test]
fn variant_formality_and_context_are_sent_only_when_configured() {
    let fake = Fake::deepl(KEY);
    let s = site(
        &fake,
        "variant = \"EN-US\"\nformality = \"less\"\ncontext = \"News of a child-rights NGO network.\"\n",
    );
    s.write_posts(1, 1);
    s.sync(&[]);
    let bodies = translate_bodies(&fake);
    assert_eq!(bodies.len(), 2);
    let targets: Vec<&str> = bodies
        .iter()
        .map(|b| b["target_lang"].as_str().unwrap())
        .collect();
    assert!(
        targets.contains(&"EN-US") && targets.contains(&"ES"),
        "{targets:?}"
    );
    for b in &bodies {
        assert_eq!(
            b["formality"], "prefer_less",
            "prefer_* so that English does not fail"
        );
        assert_eq!(b["context"], "News of a child-rights NGO network.");
    }
    // Another formality is another translation: the cache does not answer.
    let cfg = s.read("relais.toml").replace("\"less\"", "\"more\"");
    s.write("relais.toml", &cfg);
    std::fs::remove_dir_all(s.path().join("locales/en")).unwrap();
    std::fs::remove_dir_all(s.path().join("review/en")).unwrap();
    let report = s.sync(&[]);
    assert_eq!(report["requests"], 1, "{report:#}");
    assert_eq!(report["reused"], 0);
}

#[test]
fn transient_failures_are_retried_with_backoff_and_retry_after() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "concurrency = 1\n");
    s.write_posts(1, 2);
    // Retry-After: 0 (at once), then 503 (backoff ≈1 s ± 23 %), then 429
    // without Retry-After (≈1.6 s ± 23 %).
    fake.fail_next(&[
        Fault::TooMany(Some(0)),
        Fault::Unavailable,
        Fault::TooMany(None),
    ]);
    let start = Instant::now();
    let report = s.sync(&[]);
    let took = start.elapsed();
    assert_eq!(report["retries"], 3, "{report:#}");
    assert_eq!(report["requests"], 5, "2 locales + 3 retries: {report:#}");
    assert_eq!(report["translated"], 6);
    assert!(
        took >= Duration::from_secs_f64(0.77 + 1.23),
        "waited {took:?}"
    );
    assert!(took < Duration::from_secs(20), "waited {took:?}");
}

#[test]
fn retries_give_up_after_five_and_other_4xx_are_not_retried() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "concurrency = 1\n");
    s.write_posts(1, 1);
    fake.fail_next(&[Fault::TooMany(Some(0)); 6]);
    let (report, code) = s.json(&["sync"]);
    assert_eq!(code, 3, "{report:#}");
    assert_eq!(
        fake.requests("/v2/translate"),
        6,
        "one try and five retries"
    );
    assert!(
        report["engine_error"]
            .as_str()
            .unwrap()
            .contains("HTTP 429"),
        "{report:#}"
    );

    fake.forget();
    s.set_env(KEY_ENV, "wrong-key:fx");
    let out = s.relais(&["sync"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(fake.requests("/v2/translate"), 1, "403 is not retried");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("HTTP 403") && stderr.contains(&format!("${KEY_ENV}")),
        "{stderr}"
    );
}

#[test]
fn quota_stop_keeps_the_work_done_and_the_next_run_sends_only_the_rest() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "concurrency = 1\n");
    s.write_posts(20, 5);
    fake.quota_after(3); // en: 50 + 50 + 20, then es: 456
    let (report, code) = s.json(&["sync"]);
    assert_eq!(code, 3, "{report:#}");
    let err = report["engine_error"].as_str().unwrap();
    assert!(err.contains("456") && err.contains("quota"), "{err}");
    assert_eq!(report["translated"], 120, "{report:#}");
    assert_eq!(report["left"], 120);
    assert!(
        s.path()
            .join("locales/en/posts/2024-01-20-article-19.ftl")
            .exists()
    );
    assert!(!s.path().join("locales/es/posts").exists());
    let first: Vec<(String, String)> = fake.texts();

    // What a dry run says is left, sending nothing.
    let (dry, code) = s.json(&["sync", "--dry-run"]);
    assert_eq!(code, 0);
    let es = dry["estimate"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["locale"] == "es")
        .unwrap();
    assert_eq!(es["segments"], 120);
    assert_eq!(es["engine"], "deepl");

    fake.reset_quota();
    fake.forget();
    let report = s.sync(&[]);
    assert_eq!(report["translated"], 120, "{report:#}");
    assert_eq!(report["requests"], 3);
    let second = fake.texts();
    assert!(
        second.iter().all(|(t, _)| t == "ES"),
        "English is not sent again"
    );
    assert!(second.iter().all(|t| !first.contains(t)));
    assert_eq!(s.sync(&[])["requests"], 0);
}

#[test]
fn quota_midway_through_a_locale_keeps_every_answered_batch() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "concurrency = 1\n");
    s.write_posts(20, 5);
    fake.quota_after(1);
    let (report, code) = s.json(&["sync", "--locale", "en"]);
    assert_eq!(code, 3);
    assert_eq!(report["translated"], 50, "{report:#}");
    assert_eq!(report["left"], 70);
    fake.reset_quota();
    fake.forget();
    let report = s.sync(&["--locale", "en"]);
    assert_eq!(report["translated"], 70, "{report:#}");
    assert_eq!(fake.texts().len(), 70, "nothing paid twice");
}

#[test]
fn a_crash_after_answers_came_back_costs_nothing_on_the_next_run() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "");
    s.write_posts(3, 2);
    s.sync(&[]);
    let sent = fake.requests("/v2/translate");
    // As if the process died after the answers were cached, before any
    // bundle or state was written.
    for dir in ["locales/en", "locales/es", "review/en", "review/es"] {
        std::fs::remove_dir_all(s.path().join(dir)).unwrap();
    }
    let (dry, _) = s.json(&["sync", "--dry-run"]);
    for e in dry["estimate"].as_array().unwrap() {
        assert_eq!(e["segments"], 0, "{dry:#}");
        assert_eq!(e["cached"], 9);
    }
    let report = s.sync(&[]);
    assert_eq!(report["requests"], 0, "{report:#}");
    assert_eq!(report["reused"], 18);
    assert_eq!(report["translated"], 0);
    assert_eq!(fake.requests("/v2/translate"), sent);
    assert!(
        s.read("locales/es/posts/2024-01-01-article-0.ftl")
            .contains("Article numéro 0")
    );
    assert_eq!(s.read("review/.cache/.gitignore"), "*\n");
}

#[test]
fn malformed_json_stops_the_run_with_exit_3() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "concurrency = 1\n");
    s.write_posts(1, 1);
    fake.fail_next(&[Fault::Malformed]);
    let (report, code) = s.json(&["sync"]);
    assert_eq!(code, 3);
    assert!(
        report["engine_error"]
            .as_str()
            .unwrap()
            .contains("unexpected"),
        "{report:#}"
    );
    assert_eq!(
        fake.requests("/v2/translate"),
        1,
        "a bad answer is not retried"
    );
}

#[test]
fn a_missing_key_variable_is_a_configuration_error_naming_the_variable() {
    let fake = Fake::deepl(KEY);
    let s = Site::with_engine(
        &["en"],
        &format!(
            "kind = \"deepl\"\nurl = \"{}\"\nkey_env = \"RELAIS_TEST_UNSET_KEY\"\n",
            fake.url
        ),
    );
    s.write_posts(1, 1);
    let before = s.snapshot();
    let out = s.relais(&["sync"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("RELAIS_TEST_UNSET_KEY") && stderr.contains("not set"),
        "{stderr}"
    );
    assert_eq!(s.snapshot(), before, "nothing ran");
    assert!(fake.log().is_empty());
    // A dry run sends nothing, so it needs no key.
    let (_, code) = s.json(&["sync", "--dry-run"]);
    assert_eq!(code, 0);
}

#[test]
fn status_shows_deepl_usage_and_an_unreachable_deepl_is_a_warning() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "");
    s.write_posts(1, 1);
    let report = s.sync(&[]);
    let (status, code) = s.json(&["status"]);
    assert_eq!(code, 0);
    let usage = &status["usage"][0];
    assert_eq!(usage["engine"], "deepl");
    assert_eq!(usage["locales"], serde_json::json!(["en", "es"]));
    assert_eq!(n(&usage["character_count"]), n(&report["characters"]));
    assert_eq!(
        n(&usage["characters_left"]),
        500_000 - n(&report["characters"])
    );
    let out = s.relais(&["status"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("characters used this billing period"));

    let cfg = s
        .read("relais.toml")
        .replace(&fake.url, "http://127.0.0.1:9");
    s.write("relais.toml", &cfg);
    let out = s.relais(&["status", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning: DeepL usage unknown"), "{stderr}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        doc["usage"][0]["error"]
            .as_str()
            .unwrap()
            .contains("not reachable")
    );
}

/// Every file of the site and every output of every command, for the key.
#[test]
fn the_key_appears_in_no_output_log_state_or_cache_file() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "concurrency = 1\n");
    s.set_env("RELAIS_LOG", "trace");
    s.write("glossary.toml", "keep = [\"PARTAGE\"]\n");
    s.write_posts(2, 2);
    let mut outputs = Vec::new();
    fake.fail_next(&[Fault::TooMany(Some(0)), Fault::Malformed]);
    for args in [
        vec!["sync"],
        vec!["sync", "--json"],
        vec!["sync", "--dry-run"],
        vec!["status"],
        vec!["status", "--json"],
    ] {
        let out = s.relais(&args);
        outputs.push(out.stdout);
        outputs.push(out.stderr);
    }
    s.set_env(KEY_ENV, "another-secret-key-0000:fx");
    let out = s.relais(&["sync", "--json"]);
    outputs.push(out.stdout);
    outputs.push(out.stderr);
    let traced = String::from_utf8_lossy(&outputs[1]);
    assert!(traced.contains("retry"), "the trace log ran: {traced}");
    for (i, o) in outputs.iter().enumerate() {
        let text = String::from_utf8_lossy(o);
        assert!(
            !text.contains(KEY) && !text.contains("another-secret-key"),
            "output {i}: {text}"
        );
    }
    let files = s.all_files();
    assert!(
        files.keys().any(|p| p.starts_with("review/.cache")),
        "{:?}",
        files.keys()
    );
    for (path, bytes) in files {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(KEY), "{} holds the key", path.display());
        assert!(!text.contains("another-secret-key"), "{}", path.display());
    }
    // The key only ever travelled in the Authorization header.
    assert!(fake.log().iter().all(|l| !l.body.contains(KEY)));
}

/// Issue 15: DeepL API Free holds one glossary per account since 2025.
/// The site's glossary is one multilingual (v3) glossary with a dictionary
/// per target language, edited in place; every request says who sends it.
#[test]
fn one_glossary_for_every_locale_made_once_and_edited_in_place() {
    let fake = Fake::deepl(KEY);
    fake.glossary_limit(1);
    let s = site(&fake, "");
    s.write(
        "glossary.toml",
        "keep = [\"KEOOGO\", \"Dispensaire Trottoir\"]\n\n[fixed.en]\n\"droits de l’enfant\" = \"children's rights\"\n",
    );
    s.write(
        "posts/2024-06-06-keoogo.md",
        "---\ntitle: KEOOGO au Dispensaire Trottoir\n---\n\nKEOOGO défend les droits de l’enfant.\n\nUn autre paragraphe sur KEOOGO.\n",
    );
    let report = s.sync(&[]);
    assert_eq!(report["invalid"], 0, "{report:#}");
    assert_eq!(
        fake.glossaries(),
        [(true, vec!["en".to_string(), "es".to_string()])],
        "one multilingual glossary, a dictionary per locale"
    );
    let log = fake.log();
    assert!(
        log.iter().all(|l| l
            .user_agent
            .as_deref()
            .is_some_and(|ua| ua.starts_with("relais/"))),
        "every request carries a User-Agent"
    );
    let created: Vec<Value> = log
        .iter()
        .filter(|l| l.path == "/v3/glossaries")
        .map(|l| serde_json::from_str(&l.body).unwrap())
        .collect();
    assert_eq!(created.len(), 1, "made once");
    let dict = &created[0]["dictionaries"][0];
    assert_eq!(dict["source_lang"], "fr");
    assert_eq!(dict["entries_format"], "tsv");
    let added: Vec<Value> = log
        .iter()
        .filter(|l| l.method == "PUT")
        .map(|l| serde_json::from_str(&l.body).unwrap())
        .collect();
    let en = created[0]["dictionaries"]
        .as_array()
        .unwrap()
        .iter()
        .chain(&added)
        .find(|d| d["target_lang"] == "en")
        .cloned()
        .unwrap();
    assert!(
        en["entries"]
            .as_str()
            .unwrap()
            .contains("droits de l’enfant\tchildren's rights\n"),
        "{en}"
    );
    for b in translate_bodies(&fake) {
        assert!(
            b["glossary_id"]
                .as_str()
                .unwrap()
                .starts_with("fake-glossary-"),
            "{b}"
        );
    }
    let text = s.read("locales/en/posts/2024-06-06-keoogo.ftl");
    assert!(
        text.contains("KEOOGO défend the children's rights"),
        "{text}"
    );
    assert!(text.contains("Dispensaire Trottoir"), "{text}");
    assert!(
        !s.read("review/en/posts/2024-06-06-keoogo.json")
            .contains("fake-glossary")
    );

    // Same glossary: nothing asked, even after an edit.
    fake.forget();
    let post = s
        .read("posts/2024-06-06-keoogo.md")
        .replace("Un autre", "Un nouveau");
    s.write("posts/2024-06-06-keoogo.md", &post);
    s.sync(&[]);
    assert!(
        fake.log().iter().all(|l| !l.path.contains("glossaries")),
        "{:?}",
        fake.log()
    );
    assert_eq!(fake.requests("/v2/translate"), 2);

    // A changed glossary: the English dictionary replaced in place, the
    // glossary kept (Free holds only one), nothing deleted.
    fake.forget();
    let g = s
        .read("glossary.toml")
        .replace("children's rights", "child rights");
    s.write("glossary.toml", &g);
    let post = s
        .read("posts/2024-06-06-keoogo.md")
        .replace("défend", "protège");
    s.write("posts/2024-06-06-keoogo.md", &post);
    s.sync(&[]);
    let log = fake.log();
    assert!(log.iter().any(|l| l.method == "PUT"
        && l.path.ends_with("/dictionaries")
        && l.body.contains("child rights")));
    assert!(
        !log.iter()
            .any(|l| l.method == "DELETE" || l.method == "POST" && l.path.contains("glossaries"))
    );
    assert_eq!(fake.glossaries().len(), 1);
    assert!(
        s.read("locales/en/posts/2024-06-06-keoogo.ftl")
            .contains("protège the child rights")
    );

    // A glossary gone from the account (404) is made again, once.
    fake.drop_glossaries();
    fake.forget();
    let post = s
        .read("posts/2024-06-06-keoogo.md")
        .replace("Un nouveau", "Un dernier");
    s.write("posts/2024-06-06-keoogo.md", &post);
    let report = s.sync(&[]);
    assert_eq!(report["translated"], 2, "{report:#}");
    assert_eq!(fake.requests("/v3/glossaries"), 1, "{:?}", fake.log());
    assert_eq!(fake.glossaries().len(), 1);
    assert!(
        s.read("locales/en/posts/2024-06-06-keoogo.ftl")
            .contains("Un dernier")
    );
}

/// An account full of other glossaries: said, with what to do, before any
/// text is sent.
#[test]
fn an_account_that_refuses_another_glossary_says_what_to_do() {
    let fake = Fake::deepl(KEY);
    fake.glossary_limit(0);
    let s = site(&fake, "");
    s.write("glossary.toml", "keep = [\"KEOOGO\"]\n");
    s.write(
        "posts/2024-06-06-keoogo.md",
        "---\ntitle: KEOOGO\n---\n\nKEOOGO défend les enfants.\n",
    );
    let (out, code) = s.json(&["sync"]);
    assert_eq!(code, 3, "{out:#}");
    let error = out["engine_error"].as_str().unwrap_or_default();
    assert!(error.contains("holds one glossary"), "{out:#}");
    assert!(
        !error.contains("character quota"),
        "not the character quota: {out:#}"
    );
    assert_eq!(fake.requests("/v2/translate"), 0);
}

#[test]
fn a_do_not_translate_term_the_engine_loses_makes_the_message_invalid() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "");
    s.write("glossary.toml", "keep = [\"KEOOGO\"]\n");
    s.write(
        "posts/2024-06-06-keoogo.md",
        "---\ntitle: Une visite\n---\n\nLa délégation de KEOOGO est arrivée.\n\nLes enfants ont chanté.\n",
    );
    fake.drop_word("KEOOGO");
    let report = s.sync(&[]);
    assert_eq!(report["invalid"], 2, "one message × 2 locales: {report:#}");
    assert_eq!(report["translated"], 4);
    let state: Value =
        serde_json::from_str(&s.read("review/en/posts/2024-06-06-keoogo.json")).unwrap();
    let failed: Vec<&Value> = state["messages"]
        .as_object()
        .unwrap()
        .values()
        .filter(|m| m.get("failed").is_some())
        .collect();
    assert_eq!(failed.len(), 1);
    let reason = failed[0]["failed"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("glossary: `KEOOGO` must stay as written"),
        "{reason}"
    );
    let (status, _) = s.json(&["status"]);
    assert_eq!(status["resources"][0]["counts"]["invalid"], 1, "{status:#}");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "");
    s.write_posts(2, 1);
    let out = s.relais(&["sync"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_progress_bar_on_a_terminal_and_none_with_json() {
    let fake = Fake::deepl(KEY);
    fake.set_latency(Duration::from_millis(50));
    let s = site(&fake, "concurrency = 1\n");
    s.write_posts(30, 5);
    // `script` gives relais a terminal; what it drew comes out on stdout.
    let on_tty = |args: &str| {
        let cmd = format!(
            "{} -C '{}' {args}",
            env!("CARGO_BIN_EXE_relais"),
            s.path().display()
        );
        let out = std::process::Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .env(KEY_ENV, KEY)
            .env("NO_COLOR", "1")
            .output()
            .expect("script (util-linux) runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let drawn = on_tty("sync");
    assert!(
        drawn.contains("translating") && drawn.contains("/360 segments"),
        "{drawn}"
    );
    s.write_posts(31, 5);
    let json = on_tty("sync --json");
    assert!(!json.contains("translating"), "{json}");
    assert!(
        json.contains("\"translated\": 12"),
        "one new post × 2 locales: {json}"
    );
}

/// Issue 13, item 8: an error body that echoes the key put it into stderr,
/// `sync --json` and the logs, with control bytes for the terminal; every
/// configured key is redacted, and error bodies are capped and cleaned.
#[test]
fn an_error_body_that_echoes_the_key_never_shows_it() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "concurrency = 1\n");
    s.write_posts(1, 1);
    fake.fail_next(&[Fault::EchoKey]);
    let out = s.relais_env(&["sync", "--json"], &[("RELAIS_LOG", "debug")]);
    assert_eq!(out.status.code(), Some(3));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains(KEY), "the key leaked:\n{all}");
    assert!(all.contains("DeepL-Auth-Key ***"), "{all}");
    assert!(
        !all.contains('\u{1b}') && !all.contains('\u{7}'),
        "control bytes reached the output"
    );
    assert!(!all.contains(&"x".repeat(1000)), "the body is not capped");
    for file in s.all_files().keys() {
        let text = String::from_utf8_lossy(&s.all_files()[file]).into_owned();
        assert!(!text.contains(KEY), "the key is in {}", file.display());
    }
}

/// Issue 15: a segment with nothing to translate (only placeables or
/// markup, numbers, do-not-translate terms) is its own translation: never
/// sent, never billed.
#[test]
fn segments_with_nothing_to_translate_are_never_sent() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "");
    s.write("glossary.toml", "keep = [\"KEOOGO\"]\n");
    s.write(
        "posts/2024-06-06-keoogo.md",
        "---\ntitle: Chiffres\n---\n\n**KEOOGO**\n\n<https://keoogo.org>\n\n**2024** : 560\n\nLes enfants lisent.\n",
    );
    let report = s.sync(&[]);
    assert_eq!(report["invalid"], 0, "{report:#}");
    let sent: Vec<String> = fake.texts().into_iter().map(|(_, t)| t).collect();
    assert!(
        sent.iter()
            .all(|t| t.contains("enfants") || t == "Chiffres"),
        "only text with words is sent: {sent:?}"
    );
    assert_eq!(sent.len(), 4, "title and sentence, in en and es: {sent:?}");
    let en = s.read("locales/en/posts/2024-06-06-keoogo.ftl");
    assert!(en.contains("**KEOOGO**"), "{en}");
    assert!(en.contains("**2024** : 560"), "{en}");
}

/// Issue 15: `post_context = true` sends each post's title and summary as
/// DeepL's `context` (free of charge), batches made per post; `model_type`
/// is sent and the model DeepL used is recorded beside the engine.
#[test]
fn post_context_makes_batches_per_post_and_model_type_is_recorded() {
    let fake = Fake::deepl(KEY);
    let s = site(
        &fake,
        "post_context = true\ncontext = \"Une ONG française\"\nmodel_type = \"prefer_quality_optimized\"\n",
    );
    s.write(
        "posts/2024-06-06-a.md",
        "---\ntitle: Visite à Quito\nsummary: Les enfants à Quito\n---\n\nLes enfants lisent.\n",
    );
    s.write(
        "posts/2024-06-07-b.md",
        "---\ntitle: Fête à Bobo\n---\n\nLes parents chantent.\n",
    );
    let report = s.sync(&[]);
    assert_eq!(report["invalid"], 0, "{report:#}");
    let bodies = translate_bodies(&fake);
    assert_eq!(bodies.len(), 4, "a batch per post and locale: {bodies:#?}");
    for b in &bodies {
        let context = b["context"].as_str().unwrap();
        assert!(context.starts_with("Une ONG française\n"), "{context}");
        let texts: Vec<&str> = b["text"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        let quito = texts
            .iter()
            .any(|t| t.contains("enfants") || t.contains("Quito"));
        let bobo = texts
            .iter()
            .any(|t| t.contains("parents") || t.contains("Bobo"));
        assert!(quito != bobo, "one post per batch: {texts:?}");
        if quito {
            assert!(
                context.contains("Visite à Quito — Les enfants à Quito"),
                "{context}"
            );
        }
        assert_eq!(b["model_type"], "prefer_quality_optimized");
    }
    let record = s.read("review/en/posts/2024-06-06-a.json");
    assert!(
        record.contains("\"model\": \"quality_optimized\""),
        "{record}"
    );
}
