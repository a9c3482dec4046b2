//! Round-trip guarantees of `relais::fluent::ftl`: any text written to Fluent
//! parses back to the same text, the Fluent spec fixtures survive
//! parse → write → parse, what `write` produces loads into fluent-bundle,
//! and junk is reported at the right place with the right id.

use std::path::{Path, PathBuf};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use proptest::prelude::*;
use relais::fluent::ftl::{self, Message, Resource, SyntaxError};
use relais::fluent::pattern::{Part, Pattern};
use unic_langid::langid;

fn message(id: &str, value: Pattern) -> Message {
    Message {
        id: id.into(),
        comment: None,
        group: None,
        value: Some(value),
        attributes: vec![],
    }
}

fn resource(messages: Vec<Message>) -> Resource {
    Resource {
        comment: None,
        messages,
    }
}

/// Parses `src`, failing the test on any syntax error.
fn parse_clean(src: &str) -> Resource {
    let (res, errors) = ftl::parse(src);
    assert!(errors.is_empty(), "errors {errors:?} in:\n{src}");
    res
}

// ------------------------------------------------------------- properties

/// Characters and fragments that Fluent treats specially, mixed with any
/// Unicode so the common case is covered too.
fn tricky_piece() -> impl Strategy<Value = String> {
    let chars = vec![
        "{", "}", "[", "*", ".", "\n", "\r", "\t", " ", "\"", "\\", "#", "-", "$", "a", "é",
    ];
    let fragments = vec![
        "\n    ", "\n[", "\n*", "\n.", "\r\n", "\n\n", "  ", "\n}", "{\"", "\\u0041", "->", "\n#",
        "\n-", "\n ", " \n", "\n\t",
    ];
    prop_oneof![
        6 => prop::sample::select(chars).prop_map(String::from),
        2 => prop::sample::select(fragments).prop_map(String::from),
        2 => any::<char>().prop_map(String::from),
    ]
}

fn tricky_string() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_piece(), 0..24).prop_map(|v| v.concat())
}

/// Placeables in the canonical source `parse` produces.
fn placeable() -> impl Strategy<Value = Part> {
    let exprs = vec![
        "$x",
        "-brand-name",
        "other-message.title",
        "DATETIME($date, dateStyle: \"long\")",
        "-brand(case: \"genitive\")",
        "$count ->\n    [one] one {\"{\"}\n   *[other]\n        { $count }\n\n        many",
    ];
    prop::sample::select(exprs).prop_map(|e| Part::Placeable(e.into()))
}

fn mixed_pattern() -> impl Strategy<Value = Pattern> {
    let part = prop_oneof![3 => tricky_string().prop_map(Part::Text), 1 => placeable()];
    prop::collection::vec(part, 0..6).prop_map(|parts| Pattern(parts).normalized())
}

/// Random files built from Fluent syntax fragments and tricky text.
fn fluentish_source() -> impl Strategy<Value = String> {
    let syntax = vec![
        "\nm = ",
        "\n-t = ",
        "\n    .a = ",
        "\n# ",
        "\n### ",
        "{ $x ->\n",
        "{ $x }",
        "\n  *[other] ",
        "\n   [one] ",
        "\n}",
        "}",
        "{",
        "{ -t }",
        "{ \"s\\u0041\" }",
        "{ 12 }",
        "{ F($x, a: 1) }",
        "{ m.a }",
        "{ { $x } }",
        "\n",
        "\n\n",
        "  ",
        "\r\n",
        "\r",
    ];
    let piece = prop_oneof![
        2 => prop::sample::select(syntax).prop_map(String::from),
        1 => tricky_piece(),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    // No persistence: integration tests have no lib.rs beside them to anchor
    // a regressions file, and a failure prints its minimal input anyway.
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text_round_trips_as_a_value(s in tricky_string()) {
        let res = resource(vec![message("m", Pattern::text(s.clone()))]);
        let src = ftl::write(&res);
        let (back, errors) = ftl::parse(&src);
        prop_assert!(errors.is_empty(), "{:?} → {:?}: {:?}", s, src, errors);
        prop_assert_eq!(back, res, "written as {:?}", src);
    }

    #[test]
    fn any_text_round_trips_as_an_attribute(s in tricky_string(), v in tricky_string()) {
        let mut m = message("m", Pattern::text(v));
        m.attributes = vec![("title".into(), Pattern::text(s)), ("alt".into(), Pattern::text("x"))];
        let res = resource(vec![m]);
        let src = ftl::write(&res);
        let (back, errors) = ftl::parse(&src);
        prop_assert!(errors.is_empty(), "{:?}: {:?}", src, errors);
        prop_assert_eq!(back, res, "written as {:?}", src);
    }

    #[test]
    fn text_mixed_with_placeables_round_trips(p in mixed_pattern(), q in mixed_pattern()) {
        let mut m = message("m", p);
        m.attributes = vec![("a".into(), q)];
        let res = resource(vec![m, message("-term", Pattern::text("t"))]);
        let src = ftl::write(&res);
        let (back, errors) = ftl::parse(&src);
        prop_assert!(errors.is_empty(), "{:?}: {:?}", src, errors);
        prop_assert_eq!(back, res, "written as {:?}", src);
    }

    /// Text inside a select variant stays in the select's source; that
    /// source must survive write → parse unchanged and still render `s`.
    #[test]
    fn any_text_in_a_select_variant_is_a_fixed_point(s in tricky_string()) {
        let value = ftl::write_pattern(&Pattern::text(s.clone()));
        let src = format!("m = {{ $n ->\n   *[other]{value}\n}}\n");
        let first = parse_clean(&src);
        let written = ftl::write(&first);
        prop_assert_eq!(&parse_clean(&written), &first, "written as {:?}", written);
        let mut args = FluentArgs::new();
        args.set("n", 1);
        prop_assert_eq!(format_value(&written, "m", &args), s);
    }

    /// Whatever a person types into a file: parsing never panics, and the
    /// valid entries survive write → parse unchanged.
    #[test]
    fn any_source_keeps_its_valid_entries(src in fluentish_source()) {
        let (first, _) = ftl::parse(&src);
        let written = ftl::write(&first);
        let (second, errors) = ftl::parse(&written);
        prop_assert!(errors.is_empty(), "{:?} → {:?}: {:?}", src, written, errors);
        prop_assert_eq!(second, first, "{:?} written as {:?}", src, written);
    }

    #[test]
    fn canonical_ignores_how_text_is_split(s in tricky_string(), at in 0usize..24) {
        let cut = s.char_indices().map(|(i, _)| i).nth(at).unwrap_or(s.len());
        let split = Pattern(vec![Part::Text(s[..cut].into()), Part::Text(s[cut..].into())]);
        prop_assert_eq!(ftl::canonical(&split), ftl::canonical(&Pattern::text(s)));
    }
}

// --------------------------------------------------------------- fixtures

fn fixtures_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fluent-spec");
    assert!(
        dir.is_dir(),
        "Fluent spec fixtures (tests/fixtures/fluent-spec) are missing"
    );
    dir
}

fn fixture(name: &str) -> (String, serde_json::Value) {
    let dir = fixtures_dir();
    let src = std::fs::read_to_string(dir.join(format!("{name}.ftl"))).unwrap();
    let json = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
    (src, serde_json::from_str(&json).unwrap())
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".ftl").map(String::from))
        .collect();
    names.sort();
    names
}

fn entries<'a>(json: &'a serde_json::Value, kind: &str) -> Vec<&'a serde_json::Value> {
    let body = json["body"].as_array().unwrap();
    body.iter().filter(|e| e["type"] == kind).collect()
}

/// Message and term ids of the reference AST, terms with their `-`.
fn reference_ids(json: &serde_json::Value) -> Vec<String> {
    let body = json["body"].as_array().unwrap();
    let ids = body.iter().filter_map(|e| match e["type"].as_str() {
        Some("Message") => Some(e["id"]["name"].as_str()?.to_string()),
        Some("Term") => Some(format!("-{}", e["id"]["name"].as_str()?)),
        _ => None,
    });
    ids.collect()
}

#[test]
fn every_spec_fixture_survives_parse_write_parse() {
    let names = fixture_names();
    assert!(names.len() >= 30, "only {} fixtures found", names.len());
    for name in names {
        let (src, json) = fixture(&name);
        let (first, errors) = ftl::parse(&src);
        let ids: Vec<String> = first.messages.iter().map(|m| m.id.clone()).collect();
        assert_eq!(ids, reference_ids(&json), "{name}: valid entries");
        assert_eq!(
            errors.len(),
            entries(&json, "Junk").len(),
            "{name}: {errors:?}"
        );
        let written = ftl::write(&first);
        let (second, errors) = ftl::parse(&written);
        assert!(errors.is_empty(), "{name}: {errors:?} in\n{written}");
        assert_eq!(second, first, "{name}: written as\n{written}");
        assert_eq!(ftl::write(&second), written, "{name}: write is not stable");
    }
}

/// (line, col) of byte offset `pos`, 1-based, column in chars.
fn position(src: &str, pos: usize) -> (usize, usize) {
    let before = &src[..pos];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// The reference fixtures carry no spans, so each Junk's span is found by
/// locating its content in the source, in order.
fn junk_spans(src: &str, json: &serde_json::Value) -> Vec<((usize, usize), (usize, usize))> {
    let mut from = 0;
    let mut spans = vec![];
    for junk in entries(json, "Junk") {
        // The copy of crlf.ftl may have lost its CRs; the JSON keeps them.
        let content = junk["content"].as_str().unwrap();
        let lf = content.replace("\r\n", "\n");
        let found = src[from..].find(content).map(|i| (i, content.len()));
        let found = found.or_else(|| src[from..].find(&lf).map(|i| (i, lf.len())));
        let (offset, len) = found.expect("junk content in source");
        let start = from + offset;
        from = start + len;
        spans.push((position(src, start), position(src, from)));
    }
    spans
}

#[test]
fn junk_is_reported_inside_the_reference_junk_spans() {
    let (src, json) = fixture("junk");
    let (res, errors) = ftl::parse(&src);
    assert!(res.messages.is_empty());
    let spans = junk_spans(&src, &json);
    assert_eq!(errors.len(), spans.len());
    for (err, (start, end)) in errors.iter().zip(&spans) {
        let at = (err.line, err.col);
        assert!(
            *start <= at && at <= *end,
            "{err} outside {start:?}..{end:?}"
        );
    }
    let at: Vec<(usize, usize, Option<&str>)> = errors
        .iter()
        .map(|e| (e.line, e.col, e.id.as_deref()))
        .collect();
    // err01 = {1x}: the `x` where `}` should be; ą: not an identifier start;
    // err04 = {: the end of the line where an expression should follow.
    assert_eq!(at[0], (2, 11, Some("err01")));
    assert_eq!(at[1], (3, 11, Some("err02")));
    assert_eq!(at[2], (6, 11, Some("err03")));
    assert_eq!(at[3], (10, 1, None));
    assert_eq!(at[4], (14, 10, Some("err04")));
    assert_eq!(at[6], (21, 1, None));
}

#[test]
fn junk_positions_fall_inside_their_spans_in_every_fixture() {
    for name in fixture_names() {
        let (src, json) = fixture(&name);
        let src_nobom = src.strip_prefix('\u{feff}').unwrap_or(&src);
        let (_, errors) = ftl::parse(&src);
        for (err, (start, end)) in errors.iter().zip(junk_spans(src_nobom, &json)) {
            let at = (err.line, err.col);
            assert!(
                start <= at && at <= end,
                "{name}: {err} outside {start:?}..{end:?}"
            );
        }
    }
}

#[test]
fn crlf_line_endings_read_like_lf_in_every_fixture() {
    for name in fixture_names() {
        let (src, _) = fixture(&name);
        let lf = src.replace("\r\n", "\n");
        let crlf = lf.replace('\n', "\r\n");
        let (lf_res, lf_errors) = ftl::parse(&lf);
        let (crlf_res, crlf_errors) = ftl::parse(&crlf);
        assert_eq!(crlf_res, lf_res, "{name}");
        let lines = |errors: &[SyntaxError]| errors.iter().map(|e| e.line).collect::<Vec<_>>();
        assert_eq!(lines(&crlf_errors), lines(&lf_errors), "{name}");
    }
}

// ------------------------------------------------------------ load check

fn format_value(src: &str, id: &str, args: &FluentArgs) -> String {
    let res = FluentResource::try_new(src.to_string()).expect("bundle parses the resource");
    let mut bundle = FluentBundle::new(vec![langid!("en")]);
    bundle.set_use_isolating(false);
    bundle.add_resource(res).expect("no duplicate ids");
    bundle.add_function("DATETIME", datetime).unwrap();
    let msg = bundle.get_message(id).expect("message exists");
    let mut errors = vec![];
    let out = bundle.format_pattern(msg.value().expect("value"), Some(args), &mut errors);
    assert!(errors.is_empty(), "{id}: {errors:?}");
    out.into_owned()
}

/// fluent-bundle 0.16 has no DATETIME: a stand-in that shows its arguments.
fn datetime<'a>(positional: &[FluentValue<'a>], named: &FluentArgs) -> FluentValue<'a> {
    match (positional.first(), named.get("dateStyle")) {
        (Some(FluentValue::String(d)), Some(FluentValue::String(s))) => format!("{d}/{s}").into(),
        _ => FluentValue::Error,
    }
}

fn format_attribute(src: &str, id: &str, attr: &str) -> String {
    let res = FluentResource::try_new(src.to_string()).expect("bundle parses the resource");
    let mut bundle = FluentBundle::new(vec![langid!("en")]);
    bundle.set_use_isolating(false);
    bundle.add_resource(res).expect("no duplicate ids");
    let msg = bundle.get_message(id).expect("message exists");
    let mut errors = vec![];
    let pattern = msg.get_attribute(attr).expect("attribute").value();
    let out = bundle.format_pattern(pattern, None, &mut errors);
    assert!(errors.is_empty(), "{id}.{attr}: {errors:?}");
    out.into_owned()
}

const SAMPLE: &str = r#"### Sample resource.

-brand = Relais
    .gender = masculine

# Shown on the home page.
# Two lines of comment.
welcome = Welcome to {-brand}!
    .title = {-brand} home

posts = {$count ->
    [one] One post
   *[other] {$count} posts
}

published = Published on {DATETIME($date, dateStyle: "long")}

braces = Use {"{"}curly{"}"} braces

poem =
    First line
      indented line

    after a blank line
"#;

#[test]
fn written_resource_loads_into_fluent_bundle() {
    let res = parse_clean(SAMPLE);
    assert_eq!(res.comment.as_deref(), Some("Sample resource."));
    let written = ftl::write(&res);
    assert_eq!(parse_clean(&written), res);
    let none = FluentArgs::new();
    let count = |n: i64| {
        let mut args = FluentArgs::new();
        args.set("count", n);
        args
    };
    let mut date = FluentArgs::new();
    date.set("date", "2024-06-06");
    assert_eq!(
        format_value(&written, "welcome", &none),
        "Welcome to Relais!"
    );
    assert_eq!(
        format_attribute(&written, "welcome", "title"),
        "Relais home"
    );
    assert_eq!(format_value(&written, "posts", &count(1)), "One post");
    assert_eq!(format_value(&written, "posts", &count(5)), "5 posts");
    let published = format_value(&written, "published", &date);
    assert_eq!(published, "Published on 2024-06-06/long");
    assert_eq!(
        format_value(&written, "braces", &none),
        "Use {curly} braces"
    );
    let poem = "First line\n  indented line\n\nafter a blank line";
    assert_eq!(format_value(&written, "poem", &none), poem);
}

#[test]
fn written_resource_has_the_documented_layout() {
    let written = ftl::write(&parse_clean(SAMPLE));
    let expected = r#"### Sample resource.

-brand = Relais
    .gender = masculine

# Shown on the home page.
# Two lines of comment.
welcome = Welcome to { -brand }!
    .title = { -brand } home

posts =
    { $count ->
        [one] One post
       *[other] { $count } posts
    }

published = Published on { DATETIME($date, dateStyle: "long") }

braces = Use {"{"}curly{"}"} braces

poem =
    First line
    {"  "}indented line

    after a blank line
"#;
    assert_eq!(written, expected);
}

#[test]
fn parsed_patterns_show_text_as_the_reader_sees_it() {
    let res = parse_clean(SAMPLE);
    let value = |id: &str| {
        res.messages
            .iter()
            .find(|m| m.id == id)
            .unwrap()
            .value
            .clone()
    };
    let braces = Pattern::text("Use {curly} braces");
    assert_eq!(value("braces"), Some(braces));
    let published = Pattern(vec![
        Part::Text("Published on ".into()),
        Part::Placeable("DATETIME($date, dateStyle: \"long\")".into()),
    ]);
    assert_eq!(value("published"), Some(published));
    let welcome = &res.messages[1];
    assert_eq!(
        welcome.comment.as_deref(),
        Some("Shown on the home page.\nTwo lines of comment.")
    );
    assert_eq!(res.messages[0].id, "-brand");
}

#[test]
fn canonical_form_does_not_depend_on_indentation() {
    let flat = "m =\n a\n   b\n {$n ->\n[one] x\n  y\n*[other] z\n}\n";
    let deep = "m =\n        a\n          b\n        { $n ->\n     [one]\n      x\n      y\n  *[other]   z\n }\n";
    let value = |src: &str| parse_clean(src).messages[0].value.clone().unwrap();
    let (flat, deep) = (value(flat), value(deep));
    assert_eq!(ftl::canonical(&flat), ftl::canonical(&deep));
    let expected = "\n    a\n    {\"  \"}b\n    { $n ->\n        [one]\n            x\n            y\n       *[other] z\n    }";
    assert_eq!(ftl::canonical(&flat), expected);
}

// ---------------------------------------------------------- syntax errors

#[test]
fn one_bad_message_is_reported_and_the_good_ones_kept() {
    let src = "good-one = Fine\nbad-one = Broken {$x ]\n    .title = T\ngood-two = Also fine\n";
    let (res, errors) = ftl::parse(src);
    let ids: Vec<&str> = res.messages.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["good-one", "good-two"]);
    assert_eq!(res.messages[1].value, Some(Pattern::text("Also fine")));
    let expected = SyntaxError {
        line: 2,
        col: 22,
        message: "Expected a token starting with \"}\"".into(),
        kind: "unclosed-brace",
        id: Some("bad-one".into()),
    };
    assert_eq!(errors, [expected]);
    assert_eq!(
        errors[0].to_string(),
        "2:22: Expected a token starting with \"}\""
    );
}

#[test]
fn bom_and_crlf_are_accepted_and_columns_count_chars() {
    let src = "\u{feff}a = b\r\n    c\r\n-t = é {]\r\n";
    let (res, errors) = ftl::parse(src);
    assert_eq!(res.messages, [message("a", Pattern::text("b\nc"))]);
    let err = &errors[0];
    assert_eq!((err.line, err.col, err.id.as_deref()), (3, 9, Some("-t")));
}

#[test]
fn bad_term_and_missing_value_name_their_id() {
    let (_, errors) = ftl::parse("-term =\n    .attr = x\nmsg =\n");
    let found: Vec<(usize, usize, Option<&str>)> = errors
        .iter()
        .map(|e| (e.line, e.col, e.id.as_deref()))
        .collect();
    assert_eq!(found, [(1, 1, Some("-term")), (3, 1, Some("msg"))]);
}

/// fluent-syntax 0.12 reads a stray `*` as a default variant; the spec
/// (and fluent-bundle at runtime) says this select has none.
#[test]
fn select_without_default_variant_is_an_error() {
    let src =
        "ok = fine\nm = { $x ->\n    [a] A\n*}\n-t = { $y ->\n*}\nok-too = { $x ->\n   *[b] B\n}\n";
    let (res, errors) = ftl::parse(src);
    let ids: Vec<&str> = res.messages.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["ok", "ok-too"]);
    let found: Vec<(usize, usize, Option<&str>)> = errors
        .iter()
        .map(|e| (e.line, e.col, e.id.as_deref()))
        .collect();
    assert_eq!(found, [(2, 8, Some("m")), (5, 9, Some("-t"))]);
    assert_eq!(
        errors[0].message,
        "The select expression must have a default variant"
    );
}

#[test]
fn messages_without_value_stay_valid_when_written() {
    let attr_only = Message {
        value: None,
        attributes: vec![("label".into(), Pattern::text("Label"))],
        ..message("with-attr", Pattern::default())
    };
    let bare = Message {
        value: None,
        ..message("bare", Pattern::default())
    };
    let res = resource(vec![attr_only.clone(), bare]);
    let back = parse_clean(&ftl::write(&res));
    assert_eq!(back.messages[0], attr_only);
    assert_eq!(back.messages[1].value, Some(Pattern::default()));
}
