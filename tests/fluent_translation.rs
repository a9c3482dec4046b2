//! Fluent-aware translation of hand-written bundles: values, attributes and
//! every select variant translated separately, placeables protected.

mod common;

use common::{Site, apy_url};
use proptest::prelude::*;
use relais::fluent::ftl::{self, Message};
use relais::mt::units::{Target, Units};
use relais::source::kind::Syntax;
use std::collections::BTreeSet;

fn parse_ok(text: &str) -> ftl::Resource {
    let (res, errors) = ftl::parse(text);
    assert!(errors.is_empty(), "{errors:?}");
    res
}

#[test]
fn the_site_strings_translate_through_apertium_into_bundles_that_load() {
    let site = Site::sample(&apy_url());
    let report = site.sync(&["site"]);
    assert_eq!(report["invalid"], 0, "{report:#}");
    let fr = parse_ok(&site.read("locales/fr/site.ftl"));
    for locale in ["en", "es"] {
        let target = parse_ok(&site.read(&format!("locales/{locale}/site.ftl")));
        let ids = |r: &ftl::Resource| r.messages.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&target), ids(&fr), "{locale}: same ids, same order");
        for (s, t) in fr.messages.iter().zip(&target.messages) {
            let attrs = |m: &Message| {
                m.attributes
                    .iter()
                    .map(|(n, _)| n.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(attrs(s), attrs(t), "{locale}: {}", s.id);
            let (rs, rt) = (
                relais::fluent::refs::message_refs(s),
                relais::fluent::refs::message_refs(t),
            );
            assert_eq!(rs.variables, rt.variables, "{locale}: {}", s.id);
            assert_eq!(rs.terms, rt.terms, "{locale}: {}", s.id);
            assert_eq!(rs.functions, rt.functions, "{locale}: {}", s.id);
            assert_eq!(s.comment, t.comment, "{locale}: comments are carried over");
        }
        let count = target
            .messages
            .iter()
            .find(|m| m.id == "posts-count")
            .unwrap();
        let source = ftl::write(&ftl::Resource {
            comment: None,
            messages: vec![count.clone()],
        });
        assert!(
            source.contains("*[other]") && source.contains("[one]"),
            "{source}"
        );
        assert!(
            !source.contains("actualité"),
            "variants are translated: {source}"
        );
        let errors = relais::fluent::load::verify(
            &site.read(&format!("locales/{locale}/site.ftl")),
            &locale.parse().unwrap(),
        );
        assert_eq!(errors, vec![], "{locale}: every message formats");
        // The brand term stays as it is (terms are not translated).
        assert!(target.messages.iter().any(|m| m.id == "-org-name"
            && m.value == Some(relais::fluent::pattern::Pattern::text("PARTAGE"))));
    }
    let (check, code) = site.json(&["check"]);
    assert_eq!(check["errors"], 0, "{check:#}");
    assert_eq!(code, 0);
}

fn identity(m: &Message) -> Message {
    let plurals = BTreeSet::new();
    let target = Target {
        syntax: Syntax::Plain,
        ref_defs: "",
        plurals: &plurals,
        terms: &relais::mt::terms::Terms::default(),
    };
    let units = Units::plan(m, target);
    let echo = |t: &str| -> Option<&str> { Some(Box::leak(t.to_string().into_boxed_str())) };
    units
        .restore(&m.id, m.comment.clone(), &echo)
        .expect("every answer")
        .expect("every placeable back")
}

/// What fluent-bundle shows for a message (value and attributes) with its
/// variables set to a few numbers.
fn formatted(m: &Message) -> Vec<String> {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
    let text = ftl::write(&ftl::Resource {
        comment: None,
        messages: vec![m.clone()],
    });
    let res = FluentResource::try_new(text).unwrap_or_else(|(r, _)| r);
    let mut bundle = FluentBundle::new(vec!["en".parse().unwrap()]);
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(res);
    let Some(msg) = bundle.get_message(m.id.trim_start_matches('-')) else {
        return vec![];
    };
    let vars = relais::fluent::refs::message_refs(m).variables;
    let mut out = Vec::new();
    for n in [0, 1, 5] {
        let mut args = FluentArgs::new();
        for v in &vars {
            args.set(v.clone(), n);
        }
        let mut errors = vec![];
        let patterns = msg
            .value()
            .into_iter()
            .chain(msg.attributes().map(|a| a.value()));
        for p in patterns {
            out.push(
                bundle
                    .format_pattern(p, Some(&args), &mut errors)
                    .into_owned(),
            );
        }
    }
    out
}

/// Every valid entry of the Fluent spec fixtures survives protect →
/// identity engine → restore → write with the same meaning.
#[test]
fn spec_fixture_entries_survive_an_identity_engine() {
    let dir = common::repo().join("tests/fixtures/fluent-spec");
    let (mut total, mut passed) = (0, 0);
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let (res, _) = ftl::parse(&std::fs::read_to_string(&path).unwrap());
        for m in res.messages {
            total += 1;
            let back = identity(&m);
            let (again, errors) = ftl::parse(&ftl::write(&ftl::Resource {
                comment: None,
                messages: vec![back.clone()],
            }));
            // Same meaning: what fluent-bundle shows for it. (A select's
            // variants may come back with literals decoded: `{"."}Value`
            // after a variant key is written `.Value`, which reads the same.)
            if errors.is_empty()
                && again.messages.first() == Some(&back)
                && formatted(&back) == formatted(&m)
            {
                passed += 1;
            } else {
                eprintln!(
                    "{}: {} changed: {back:?}\n  was {m:?}",
                    path.display(),
                    m.id
                );
            }
        }
    }
    eprintln!("spec fixture entries through an identity engine: {passed}/{total}");
    assert!(total > 150, "{total}");
    assert_eq!(passed, total);
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Bonjour",
        "les",
        "amis",
        "d’école",
        "{",
        "}",
        "[x]",
        "*",
        ".",
        "«",
        "»",
        "&",
        "<b>",
        "é",
        "  ",
    ])
    .prop_map(str::to_string)
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..5).prop_map(|w| w.join(" "))
}

fn placeable() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "$name",
        "-org",
        "DATETIME($date)",
        "NUMBER($n, minimumFractionDigits: 2)",
        "other-msg",
        "-brand(case: \"x\")",
    ])
    .prop_map(str::to_string)
}

/// Fluent source of a message built from text, placeables and selects.
fn message_source() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        text().prop_map(|t| relais::fluent::ftl::write_pattern(
            &relais::fluent::pattern::Pattern::text(t)
        )
        .trim_start()
        .to_string()),
        placeable().prop_map(|p| format!("{{ {p} }}")),
        (text(), text()).prop_map(|(a, b)| format!(
            "{{ $count ->\n        [one] {}\n       *[other] {}\n    }}",
            ftl::write_pattern(&relais::fluent::pattern::Pattern::text(a)).trim(),
            ftl::write_pattern(&relais::fluent::pattern::Pattern::text(b)).trim()
        )),
    ];
    (prop::collection::vec(piece, 1..4), prop::option::of(text())).prop_map(|(pieces, attr)| {
        let mut src = format!("m =\n    {}\n", pieces.join(" "));
        if let Some(a) = attr {
            src.push_str(&format!(
                "    .title ={}\n",
                ftl::write_pattern(&relais::fluent::pattern::Pattern::text(a))
            ));
        }
        src
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    #[test]
    fn protect_identity_restore_gives_the_same_message(src in message_source()) {
        let (res, errors) = ftl::parse(&src);
        prop_assume!(errors.is_empty() && !res.messages.is_empty());
        let m = &res.messages[0];
        prop_assert_eq!(&identity(m), m);
    }
}

#[test]
fn terms_are_kept_unless_configured() {
    let ftl = "-org-name = PARTAGE\n-tagline = Pour les droits de l’enfant\nhello = Bienvenue chez { -org-name } : { -tagline }\n";
    let kept = Site::new(&["es"], &apy_url());
    kept.write("locales/fr/site.ftl", ftl);
    kept.sync(&[]);
    let es = parse_ok(&kept.read("locales/es/site.ftl"));
    assert_eq!(
        es.messages[1].value,
        Some(relais::fluent::pattern::Pattern::text(
            "Pour les droits de l’enfant"
        ))
    );

    let translated = Site::new(&["es"], &apy_url());
    let config = translated
        .read("relais.toml")
        .replace("[engine]", "translate_terms = true\n\n[engine]");
    translated.write("relais.toml", &config);
    translated.write("locales/fr/site.ftl", ftl);
    translated.sync(&[]);
    let es = parse_ok(&translated.read("locales/es/site.ftl"));
    let tagline = es.messages.iter().find(|m| m.id == "-tagline").unwrap();
    assert_ne!(
        tagline.value,
        Some(relais::fluent::pattern::Pattern::text(
            "Pour les droits de l’enfant"
        ))
    );
    assert!(ftl::write(&es).contains("derechos"), "{}", ftl::write(&es));
}
