//! Round trips of `segment` → `reassemble`: translating every block by its
//! own text must give back the body byte for byte (hence the same HTML), on
//! inline fixtures, the sample posts, every CommonMark spec example shipped
//! with pulldown-cmark and random Markdown; a translation of different
//! length and line count must keep the block structure and read back as
//! written.

use std::path::PathBuf;

use proptest::prelude::ProptestConfig;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use relais::source::segment::{
    BlockKind, BlockText, Image, Segmented, post_options, reassemble, segment,
};

fn html(md: &str, options: Options) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, Parser::new_ext(md, options));
    out
}

/// Uppercase ASCII letters and doubled spaces: the length changes but
/// reference labels still match (case-insensitive, whitespace collapsed).
fn stretch(s: &str) -> String {
    s.to_ascii_uppercase().replace(' ', "  ")
}

/// A translation that changes length (see [`stretch`], plus a word put
/// first) and line count (the first two lines joined, or a one-line text
/// split between two words of plain text) without creating block syntax:
/// lines start with letters, and a text starting with `<` is not joined (a
/// whole tag alone on its first line would start an HTML block).
fn variant_text(text: &str, options: Options) -> String {
    let relined = match text.find('\n') {
        Some(i) if !text.starts_with('<') => format!("{} {}", &text[..i], &text[i + 1..]),
        Some(_) => text.to_string(),
        None => match split_point(text, options) {
            Some(i) => format!("{}\n{}", &text[..i], &text[i + 1..]),
            None => text.to_string(),
        },
    };
    format!("zz {}", stretch(&relined))
}

/// A space between two letters inside plain text (not in a destination, a
/// title, code or HTML), where a line break changes nothing.
fn split_point(text: &str, options: Options) -> Option<usize> {
    let b = text.as_bytes();
    let between_letters = |i: usize| {
        i > 0 && b[i - 1].is_ascii_alphabetic() && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
    };
    Parser::new_ext(text, options)
        .into_offset_iter()
        .filter(|(e, r)| matches!(e, Event::Text(t) if **t == text[r.clone()]))
        .flat_map(|(_, r)| r.clone().filter(|&i| b[i] == b' ').collect::<Vec<_>>())
        .find(|&i| between_letters(i))
}

fn variant(seg: &Segmented, options: Options) -> Vec<Option<BlockText>> {
    seg.blocks
        .iter()
        .map(|b| {
            let images = b
                .images
                .iter()
                .map(|i| Image {
                    alt: stretch(&i.alt),
                    title: i.title.as_deref().map(stretch),
                })
                .collect();
            Some(BlockText {
                text: variant_text(&b.text, options),
                images,
            })
        })
        .collect()
}

/// The sequence of block-level events (containers, leaf blocks, rules).
fn structure(md: &str, options: Options) -> Vec<String> {
    let inline_tag = |t: &Tag| {
        matches!(
            t,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        )
    };
    let inline_end = |t: &TagEnd| {
        matches!(
            t,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        )
    };
    Parser::new_ext(md, options)
        .filter_map(|e| match e {
            Event::Start(t) if !inline_tag(&t) => Some(format!("{t:?}")),
            Event::End(t) if !inline_end(&t) => Some(format!("/{t:?}")),
            Event::Rule => Some("hr".to_string()),
            _ => None,
        })
        .collect()
}

/// Outcome of the checks on one body.
struct Checks {
    identical: bool,
    same_html: bool,
    same_structure: bool,
    same_refs: bool,
    /// Every block's text replaced by `x`, the result has only `x` blocks:
    /// no inline content was left outside a block (trailing whitespace aside:
    /// pulldown-cmark keeps a tab that ends a heading).
    nothing_left: bool,
    /// The variant translation, segmented again, gives back the translated
    /// texts and images (trailing whitespace aside).
    reads_back: bool,
}

impl Checks {
    const NAMES: [&'static str; 6] = [
        "identical bytes",
        "same HTML",
        "variant keeps structure",
        "ref_defs reparse",
        "nothing left outside blocks",
        "variant reads back",
    ];

    fn flags(&self) -> [bool; 6] {
        [
            self.identical,
            self.same_html,
            self.same_structure,
            self.same_refs,
            self.nothing_left,
            self.reads_back,
        ]
    }
}

fn check(body: &str, options: Options) -> Checks {
    let seg = segment(body, options);
    let back = reassemble(body, &seg, &seg.identity());
    let translation = variant(&seg, options);
    let translated = reassemble(body, &seg, &translation);
    Checks {
        identical: back == body,
        same_html: html(&back, options) == html(body, options),
        same_structure: structure(&translated, options) == structure(body, options),
        same_refs: ref_defs(&seg.ref_defs, options) == ref_defs(body, options),
        nothing_left: nothing_left(body, &seg, options),
        reads_back: reads_back(&seg, &translation, &translated, options),
    }
}

fn reads_back(
    seg: &Segmented,
    translation: &[Option<BlockText>],
    translated: &str,
    options: Options,
) -> bool {
    let again = segment(translated, options);
    let got = again.blocks.iter().map(|b| (b.kind, &b.text, &b.images));
    let sent = seg.blocks.iter().zip(translation.iter().flatten());
    let want = sent.map(|(b, t)| (b.kind, &t.text, &t.images));
    read_back(got) == read_back(want)
}

/// What a reader of the blocks gets: text (trailing whitespace aside, and
/// a heading's lines joined as in an ATX heading) and images.
fn read_back<'a>(
    blocks: impl Iterator<Item = (BlockKind, &'a String, &'a Vec<Image>)>,
) -> Vec<(String, Vec<Image>)> {
    blocks
        .map(|(kind, text, images)| {
            let text = text.trim_end();
            let text = match kind {
                BlockKind::Heading => text.replace('\n', " "),
                _ => text.to_string(),
            };
            (text, images.clone())
        })
        .collect()
}

fn nothing_left(body: &str, seg: &Segmented, options: Options) -> bool {
    let x = Some(BlockText {
        text: "x".to_string(),
        images: Vec::new(),
    });
    let out = reassemble(body, seg, &vec![x; seg.blocks.len()]);
    let again = segment(&out, options);
    again.blocks.len() == seg.blocks.len() && again.blocks.iter().all(|b| b.text.trim_end() == "x")
}

/// The document's reference definitions, sorted, as (label, dest, title).
fn ref_defs(md: &str, options: Options) -> Vec<(String, String, Option<String>)> {
    let parser = Parser::new_ext(md, options);
    let mut defs: Vec<_> = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| {
            let title = def.title.as_ref().map(|t| t.to_string());
            (label.to_lowercase(), def.dest.to_string(), title)
        })
        .collect();
    defs.sort();
    defs
}

const FIXTURES: &[&str] = &[
    "# Bilan de l’année\r\n\r\nUn *premier* paragraphe\r\nsur deux lignes.\r\n\r\n> « Citation »\u{a0}!\r\n> suite ![chat](chat.png \"Le \\\"chat\\\"\")\r\n",
    "- un\n  - deux ![a](b 'c') et\n    trois\n\n1.\ttab\tulé\n\n   suite\n\n> - cité\n>   encore\n>\n> > imbriqué\n> paresseux\n",
    "Titre\n=====\n\n```\ncode ![x](y)\n```\n\n<div>\nhtml\n</div>\n\n[réf]:\n  /url\n  \"titre\n  long\"\n\n![alt *riche*\nsur deux](<a b> (titre)) et ![réf][réf] ![réf] ![][réf]\n",
    "> ![multi\n> ligne](x \"titre\n> aussi\") fin  \n> dur\\\n> `code\n>    span`\n\n## Fermé ##\n\n\\# pas un titre\n\n~~barré~~ et ~simple~\n",
    "Lone\rcarriage\r\rreturn ![é](ü \"ö\")\r",
];

#[test]
fn fixtures_round_trip() {
    for (i, body) in FIXTURES.iter().enumerate() {
        let c = check(body, post_options());
        assert!(c.identical, "fixture {i}: bytes differ");
        assert!(c.same_html, "fixture {i}: HTML differs");
        assert!(
            c.same_structure,
            "fixture {i}: variant changed the structure"
        );
        assert!(c.same_refs, "fixture {i}: ref_defs differ");
        assert!(c.nothing_left, "fixture {i}: content left outside blocks");
        assert!(c.reads_back, "fixture {i}: variant does not read back");
    }
}

/// (example number, Markdown) of every CommonMark spec example, extracted
/// once from pulldown-cmark's `tests/suite/spec.rs` (see the fixture's README).
fn spec_examples() -> Vec<(usize, String)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/commonmark-spec/examples.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn commonmark_spec_round_trip() {
    let examples = spec_examples();
    assert_eq!(examples.len(), 652, "spec examples found");
    let mut passes = [0usize; 6];
    let mut failures = Vec::new();
    for (number, body) in &examples {
        let flags = check(body, Options::empty()).flags();
        for (pass, ok) in passes.iter_mut().zip(flags) {
            *pass += usize::from(ok);
        }
        if flags.contains(&false) {
            failures.push((*number, flags));
        }
    }
    eprintln!("CommonMark spec examples: {}", examples.len());
    for (name, pass) in Checks::NAMES.iter().zip(passes) {
        eprintln!("  {name}: {pass}");
    }
    eprintln!("failures (example, {:?}): {failures:?}", Checks::NAMES);
    assert_eq!(failures, []);
    assert_eq!(passes, [examples.len(); 6]);
}

/// The body of a post: what follows the `---` front matter.
fn post_body(source: &str) -> &str {
    let Some(rest) = source.strip_prefix("---\n") else {
        return source;
    };
    rest.find("\n---\n").map_or(rest, |i| &rest[i + 5..])
}

#[test]
fn sample_posts_round_trip() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("posts");
    let mut posts = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let body = post_body(&source);
        let c = check(body, post_options());
        let name = path.display();
        assert!(c.identical && c.same_html, "{name}: identity round trip");
        assert!(c.same_structure, "{name}: variant changed the structure");
        assert!(c.same_refs, "{name}: ref_defs differ");
        assert!(c.nothing_left, "{name}: content left outside blocks");
        assert!(c.reads_back, "{name}: variant does not read back");
        assert!(!segment(body, post_options()).blocks.is_empty(), "{name}");
        posts += 1;
    }
    assert!(posts > 0, "no post in {}", dir.display());
}

proptest::proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]
    /// Any text made of Markdown punctuation, letters, line endings and
    /// multibyte characters round-trips byte for byte, and translating
    /// every block never panics nor leaves inline content behind.
    #[test]
    fn arbitrary_markdown_round_trips(body in "[-+#>*_`!\\\\\\[\\]()<>\"' \n\r\tab1.=~&;:é\u{a0}]{0,60}") {
        let c = check(&body, post_options());
        proptest::prop_assert!(c.identical);
        proptest::prop_assert!(c.nothing_left);
    }
}

/// Pieces of Markdown that, concatenated at random, build nested containers,
/// images of every kind, definitions and escapes.
const TOKENS: &[&str] = &[
    "\n",
    "\r\n",
    "\n\n",
    "> ",
    "- ",
    "1. ",
    "  ",
    "    ",
    "\t",
    "# ",
    "===",
    "---",
    "```",
    "<div>",
    "<b>",
    "`",
    "*",
    "_",
    "\\",
    "\\*",
    "&amp;",
    "é",
    "\u{a0}",
    "« ",
    " »",
    "mot ",
    "![alt](i.png)",
    "![a *b*](<i j> \"t \\\" u\")",
    "![](i.png 'x')",
    "![c](i.png (p))",
    "![d][r]",
    "![r][]",
    "![r]",
    "[lien](u)",
    "[r]: /u \"T\"",
    "[r]:\n/u",
    "![e\n",
    "](x)",
    "![",
    "]",
    "(",
    ")",
    "\"",
    "'",
    "<http://a>",
    "`code`",
    "  \n",
    "\\\n",
    "~~s~~",
    "1) ",
    "+ ",
    "![x](y \"t\n> u\")",
    "[a\n]: /x",
    "&#10;",
    "| a |",
];

proptest::proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]
    #[test]
    fn random_token_markdown_round_trips(
        tokens in proptest::collection::vec(proptest::sample::select(TOKENS), 0..40)
    ) {
        let body = tokens.concat();
        let c = check(&body, post_options());
        proptest::prop_assert!(c.identical);
        proptest::prop_assert!(c.same_refs);
        proptest::prop_assert!(c.nothing_left);
    }
}

proptest::proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]
    /// Whatever a translator returns, reassembly does not panic.
    #[test]
    fn arbitrary_translations_never_panic(
        body in proptest::collection::vec(proptest::sample::select(TOKENS), 0..30),
        text in proptest::collection::vec(proptest::sample::select(TOKENS), 0..12),
        alts in proptest::collection::vec(proptest::sample::select(TOKENS), 0..4),
    ) {
        let body = body.concat();
        let seg = segment(&body, post_options());
        let images: Vec<Image> = alts
            .iter()
            .map(|a| Image { alt: a.to_string(), title: Some(a.to_string()) })
            .collect();
        let t = BlockText { text: text.concat(), images };
        let translations = vec![Some(t); seg.blocks.len()];
        let _ = reassemble(&body, &seg, &translations);
    }
}

/// Regression inputs found by `make fuzz` (fuzz/fuzz_targets/
/// segment_roundtrip.rs), kept in tests/fixtures/fuzz/segment_roundtrip.
/// The first: taking an alt text out changed how the rest parsed.
#[test]
fn fuzz_regressions_round_trip() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz/segment_roundtrip");
    let mut inputs = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let Ok(body) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let seg = segment(body, post_options());
        assert_eq!(reassemble(body, &seg, &seg.identity()), body, "{body:?}");
        inputs += 1;
    }
    assert!(inputs >= 2);
    for body in ["![](![a]())", "![x](![\0]())", "a ![](![b](c)) d"] {
        let seg = segment(body, post_options());
        assert_eq!(reassemble(body, &seg, &seg.identity()), body, "{body:?}");
    }
}
