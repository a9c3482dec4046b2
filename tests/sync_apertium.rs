//! `relais sync` on the sample site against a real Apertium APy server.

mod common;

use common::{Site, apy_url};
use fluent_bundle::{FluentBundle, FluentResource};
use relais::mt::protect;
use relais::source::kind::Syntax;
use relais::{check, fluent::ftl};
use std::collections::BTreeSet;

fn ids(res: &ftl::Resource) -> BTreeSet<String> {
    res.messages
        .iter()
        .filter(|m| !m.id.starts_with('-'))
        .map(|m| m.id.clone())
        .collect()
}

fn parse_ok(site: &Site, rel: &str) -> ftl::Resource {
    let (res, errors) = ftl::parse(&site.read(rel));
    assert!(errors.is_empty(), "{rel}: {errors:?}");
    res
}

/// Link and image URLs of a French bundle: `](url` pieces.
fn urls(text: &str) -> Vec<String> {
    text.match_indices("](")
        .map(|(i, _)| {
            let rest = &text[i + 2..];
            rest[..rest.find([')', ' ']).unwrap_or(rest.len())].to_string()
        })
        .collect()
}

#[test]
fn sample_site_translates_into_bundles_that_keep_ids_placeables_and_links() {
    let site = Site::sample(&apy_url());
    let report = site.sync(&[]);
    assert!(report["translated"].as_u64().unwrap() > 100, "{report:#}");
    assert!(report["requests"].as_u64().unwrap() > 0);
    assert_eq!(report["invalid"], 0, "{report:#}");
    assert!(report["errors"].as_array().unwrap().is_empty());

    let posts: Vec<String> = common::sample_posts()
        .into_iter()
        .map(|(n, _)| n.trim_end_matches(".md").to_string())
        .collect();
    assert!(posts.len() >= 6);
    for slug in &posts {
        let fr_rel = format!("locales/fr/posts/{slug}.ftl");
        let fr = parse_ok(&site, &fr_rel);
        let fr_text = site.read(&fr_rel);
        for locale in ["en", "es"] {
            let rel = format!("locales/{locale}/posts/{slug}.ftl");
            let target = parse_ok(&site, &rel);
            assert_eq!(
                ids(&target),
                ids(&fr),
                "{rel}: same message ids as the French"
            );
            for m in &fr.messages {
                let t = target.messages.iter().find(|t| t.id == m.id).unwrap();
                let (s, tv) = (m.value.as_ref().unwrap(), t.value.as_ref().unwrap());
                assert_eq!(
                    protect::locked(s, Syntax::Markdown, ""),
                    protect::locked(tv, Syntax::Markdown, ""),
                    "{rel}: {} keeps its links, code and images",
                    m.id
                );
                let attrs = |x: &ftl::Message| {
                    x.attributes
                        .iter()
                        .map(|(n, _)| n.clone())
                        .collect::<Vec<_>>()
                };
                assert_eq!(attrs(m), attrs(t), "{rel}: {} keeps its attributes", m.id);
            }
            let text = site.read(&rel);
            for url in urls(&fr_text) {
                assert!(text.contains(&url), "{rel} lost {url}");
            }
        }
    }
    // The English of a post came through Spanish, and says so.
    let state = site.read(&format!("review/en/posts/{}.json", posts[0]));
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    let title = &state["messages"]["title"]["machine"];
    assert_eq!(title["engine"], "apertium");
    assert_eq!(title["pivot"], "es");
}

#[test]
fn ui_strings_keep_their_placeables_and_load_in_fluent_bundle() {
    let site = Site::sample(&apy_url());
    site.sync(&["site"]);
    let fr = parse_ok(&site, "locales/fr/site.ftl");
    for locale in ["en", "es"] {
        let rel = format!("locales/{locale}/site.ftl");
        let target = parse_ok(&site, &rel);
        for m in fr.messages.iter().filter(|m| !m.id.starts_with('-')) {
            let t = target
                .messages
                .iter()
                .find(|t| t.id == m.id)
                .unwrap_or_else(|| panic!("{rel}: {} missing", m.id));
            let kind = relais::source::kind::TextKind {
                syntax: Syntax::Plain,
                ref_defs: "",
            };
            let problems = check::problems(m, t, kind);
            assert!(problems.is_empty(), "{rel}: {}: {problems:?}", m.id);
        }
        let res = FluentResource::try_new(site.read(&rel)).expect("parses");
        let mut bundle = FluentBundle::new(vec![locale.parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle.add_resource(res).expect("no duplicate ids");
        let msg = bundle.get_message("page-news-title").expect("translated");
        let mut errors = vec![];
        let text = bundle.format_pattern(msg.value().unwrap(), None, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(text.contains("PARTAGE"), "{text}");
    }
}

#[test]
fn a_second_sync_sends_nothing_and_writes_nothing() {
    let site = Site::sample(&apy_url());
    site.sync(&[]);
    let before = site.snapshot();
    let again = site.sync(&[]);
    assert_eq!(again["requests"], 0, "{again:#}");
    assert_eq!(again["characters"], 0);
    assert_eq!(again["translated"], 0);
    assert!(again["written"].as_array().unwrap().is_empty(), "{again:#}");
    assert_eq!(site.snapshot(), before, "no file rewritten");

    let (status, code) = site.json(&["status"]);
    assert_eq!(code, 0);
    let rows = status["resources"].as_array().unwrap();
    assert_eq!(rows.len(), (common::sample_posts().len() + 1) * 2);
    for row in rows {
        for key in [
            "missing", "machine", "edited", "approved", "stale", "invalid",
        ] {
            assert!(row["counts"][key].is_u64(), "{row}");
        }
        assert_eq!(row["finished"], false);
        let machine = row["counts"]["machine"].as_u64().unwrap();
        assert!(machine > 0 && machine <= row["messages"].as_u64().unwrap());
    }
}

#[test]
fn dry_run_estimates_and_sends_nothing() {
    let site = Site::sample("http://127.0.0.1:9");
    let before = site.snapshot();
    let (doc, code) = site.json(&["sync", "--dry-run"]);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(doc["requests"], 0);
    let estimate = doc["estimate"].as_array().unwrap();
    assert_eq!(estimate.len(), 2);
    assert!(estimate[0]["segments"].as_u64().unwrap() > 100);
    assert!(estimate[0]["characters"].as_u64().unwrap() > 5000);
    assert_eq!(site.snapshot(), before);
}

#[test]
fn an_unreachable_engine_stops_with_exit_3_and_keeps_nothing_half_done() {
    let site = Site::sample("http://127.0.0.1:9");
    let out = site.relais(&["sync"]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not reachable"), "{stderr}");
    assert!(
        stderr.contains("left for the next `relais sync`"),
        "{stderr}"
    );
    // The French was still extracted; no empty target bundle was made.
    assert!(site.path().join("locales/fr/posts").exists());
    assert!(!site.path().join("locales/en").exists());
    assert!(!site.path().join("review/en").exists());
}
