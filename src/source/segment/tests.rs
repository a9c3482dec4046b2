//! Tests of the whole: posts segmented, translated and reassembled, checked
//! for block structure, prefixes, headings, images and reference
//! definitions.
//!
//! It holds no code used outside tests.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::*;

const POST: &str = "# Bilan de l’année

Notre association a **beaucoup** grandi cette année.
Merci à toutes et à tous pour votre [soutien](https://exemple.fr/soutien).

## Ce que nous avons fait

- Trois ateliers
- Une fête de quartier
  - avec un *concert*
- Un site web

1. Première étape

2. Deuxième étape

> « Le bénévolat, c’est\u{a0}l’avenir »
> — une adhérente

![Photo de la fête](images/fete.jpg \"La fête de quartier\")

```sh
cargo run -- --help
```
";

fn html(md: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, Parser::new_ext(md, post_options()));
    out
}

/// Reassembles with one block replaced by `text` (images kept).
fn replace(body: &str, index: usize, text: &str) -> String {
    let seg = segment(body, post_options());
    let mut t = seg.identity();
    t[index].as_mut().unwrap().text = text.to_string();
    reassemble(body, &seg, &t)
}

#[test]
fn french_post_blocks_and_kinds() {
    use BlockKind::*;
    let seg = segment(POST, post_options());
    let got: Vec<(BlockKind, &str)> = seg
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    let expected = [
        (Heading, "Bilan de l’année"),
        (
            Paragraph,
            "Notre association a **beaucoup** grandi cette année.\n\
             Merci à toutes et à tous pour votre [soutien](https://exemple.fr/soutien).",
        ),
        (Heading, "Ce que nous avons fait"),
        (Item, "Trois ateliers"),
        (Item, "Une fête de quartier"),
        (Item, "avec un *concert*"),
        (Item, "Un site web"),
        (Item, "Première étape"),
        (Item, "Deuxième étape"),
        (
            Quote,
            "« Le bénévolat, c’est\u{a0}l’avenir »\n— une adhérente",
        ),
        (Paragraph, "![](images/fete.jpg \"\")"),
    ];
    assert_eq!(got, expected);
    let image = Image {
        alt: "Photo de la fête".into(),
        title: Some("La fête de quartier".into()),
    };
    assert_eq!(seg.blocks[10].images, [image]);
    assert!(seg.blocks[..10].iter().all(|b| b.images.is_empty()));
    assert!(!seg.blocks.iter().any(|b| b.text.contains("cargo")));
}

/// Uppercases the text a reader sees (Text events of the block parsed
/// standalone), leaving URLs, entities and escapes alone.
fn upper(text: &str, ref_defs: &str) -> String {
    let doc = format!("{text}\n\n{ref_defs}");
    let literal: Vec<Range<usize>> = Parser::new_ext(&doc, post_options())
        .into_offset_iter()
        .filter_map(|(e, r)| match e {
            Event::Text(t) if r.end <= text.len() && doc[r.clone()] == *t => Some(r),
            _ => None,
        })
        .collect();
    let mut out = text.to_string();
    for r in literal.into_iter().rev() {
        let up = out[r.clone()].to_uppercase();
        out.replace_range(r, &up);
    }
    out
}

/// The HTML of `md` with every text node outside code blocks uppercased.
fn upper_html(md: &str) -> String {
    let mut in_code = false;
    let events = Parser::new_ext(md, post_options()).map(|e| match e {
        Event::Start(Tag::CodeBlock(_)) => {
            in_code = true;
            e
        }
        Event::End(TagEnd::CodeBlock) => {
            in_code = false;
            e
        }
        Event::Text(t) if !in_code => Event::Text(t.to_uppercase().into()),
        e => e,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

fn attributes(html: &str, name: &str) -> Vec<String> {
    let re = regex::Regex::new(&format!(r#"{name}="([^"]*)""#)).unwrap();
    re.captures_iter(html).map(|c| c[1].to_string()).collect()
}

#[test]
fn uppercase_translation_keeps_structure() {
    let seg = segment(POST, post_options());
    let translations: Vec<_> = seg
        .blocks
        .iter()
        .map(|b| {
            let images = b
                .images
                .iter()
                .map(|i| Image {
                    alt: i.alt.to_uppercase(),
                    title: i.title.clone(),
                })
                .collect();
            Some(BlockText {
                text: upper(&b.text, &seg.ref_defs),
                images,
            })
        })
        .collect();
    let out = reassemble(POST, &seg, &translations);
    assert_ne!(out, POST);
    let (got, want) = (html(&out), upper_html(POST));
    assert_eq!(got, want);
    let original = html(POST);
    for tag in [
        "<p>",
        "<li>",
        "<blockquote>",
        "<ul>",
        "<ol>",
        "<h1>",
        "<h2>",
        "<pre>",
    ] {
        assert_eq!(count(&got, tag), count(&original, tag), "{tag}");
    }
    for attr in ["href", "src", "title"] {
        assert_eq!(
            attributes(&got, attr),
            attributes(&original, attr),
            "{attr}"
        );
    }
    assert!(got.contains("alt=\"PHOTO DE LA FÊTE\""));
    assert!(got.contains("cargo run -- --help"));
}

#[test]
fn extra_lines_stay_in_the_block_quote() {
    let body = "Avant\n\n> « un »\u{a0}!\n> deux\n\nAprès\n";
    let out = replace(body, 1, "« one »\u{a0}!\ntwo\nthree\nfour");
    assert_eq!(
        out,
        "Avant\n\n> « one »\u{a0}!\n> two\n> three\n> four\n\nAprès\n"
    );
    assert_eq!(count(&html(&out), "<blockquote>"), 1);
    assert!(html(&out).contains("two\nthree\nfour</p>\n</blockquote>"));
}

#[test]
fn extra_lines_in_a_quoted_list_item_get_a_derived_prefix() {
    let body = "> - un\n>   deux\n";
    assert_eq!(replace(body, 0, "a\nb\nc"), "> - a\n>   b\n>   c\n");
    let body = "> 10. un\r\n";
    assert_eq!(replace(body, 0, "a\nb"), "> 10. a\r\n>     b\r\n");
}

#[test]
fn fewer_lines_drop_the_surplus_prefixes() {
    let body = "> un\n> deux\n> trois\n\nfin\n";
    assert_eq!(replace(body, 0, "one"), "> one\n\nfin\n");
}

#[test]
fn atx_heading_stays_on_one_line() {
    let body = "## Titre ##\nsuite\n";
    assert_eq!(
        replace(body, 0, "Title\non two"),
        "## Title on two ##\nsuite\n"
    );
    // A trailing ` #` would read as a closing sequence, unless one follows.
    assert_eq!(replace("## Titre\n", 0, "Number #"), "## Number \\#\n");
    let kept = replace(body, 0, "Number #");
    assert_eq!(kept, "## Number # ##\nsuite\n");
    assert!(html(&kept).starts_with("<h2>Number #</h2>"));
    assert_eq!(replace("# C#\n", 0, "C#"), "# C#\n");
    assert_eq!(replace("# C#\n", 0, "#"), "# \\#\n");
    // pulldown-cmark keeps `#\t` as content: identity must hold.
    assert_eq!(replace("# a #\t\n", 0, "a #\t"), "# a #\t\n");
}

#[test]
fn setext_heading_and_empty_heading() {
    let seg = segment("#\n\nTitre\nlong\n===\n", post_options());
    assert_eq!(seg.blocks.len(), 1);
    assert_eq!(seg.blocks[0].kind, BlockKind::Heading);
    assert_eq!(seg.blocks[0].text, "Titre\nlong");
    assert_eq!(
        replace("Titre\n===\n", 0, "Title\nlong"),
        "Title\nlong\n===\n"
    );
}

#[test]
fn continuation_prefix_stops_at_content() {
    let body = "> foo\n>     > bar\n    > baz\n";
    let seg = segment(body, post_options());
    assert_eq!(seg.blocks[0].text, "foo\n> bar\n> baz");
    assert_eq!(replace(body, 0, "A\n> B\n> C"), "> A\n>     > B\n    > C\n");
}

#[test]
fn tight_item_text_runs_up_to_the_nested_list() {
    let body = "- un\n  deux\n  - trois\n\n    quatre\n- ```\n  code\n  ```\n  cinq\n";
    let seg = segment(body, post_options());
    let texts: Vec<_> = seg
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    use BlockKind::Item;
    assert_eq!(
        texts,
        [
            (Item, "un\ndeux"),
            (Item, "trois"),
            (Item, "quatre"),
            (Item, "cinq")
        ]
    );
}

#[test]
fn quote_wins_over_item() {
    let seg = segment("- > cité\n\n> - aussi\n", post_options());
    let kinds: Vec<_> = seg.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds, [BlockKind::Quote, BlockKind::Quote]);
}

#[test]
fn crlf_tabs_and_multibyte() {
    let body = "-\tÉté\u{a0}:\r\n\tsuite ![ü](x.png)\r\n\r\n> ça\r\n";
    let seg = segment(body, post_options());
    assert_eq!(seg.blocks[0].text, "Été\u{a0}:\nsuite ![](x.png)");
    assert_eq!(seg.blocks[0].images[0].alt, "ü");
    assert_eq!(seg.blocks[1].text, "ça");
    let out = replace(body, 0, "Summer :\nnext ![](x.png)\nmore");
    assert_eq!(
        out,
        "-\tSummer :\r\n\tnext ![ü](x.png)\r\n \tmore\r\n\r\n> ça\r\n"
    );
    assert_eq!(reassemble(body, &seg, &seg.identity()), body);
}

#[test]
fn image_alt_and_title_are_cut_and_restored() {
    let body = "A ![un *chat*](c.png 'le \\'chat\\'') et ![](d.png (p)) ![x](<e f>)\n";
    let seg = segment(body, post_options());
    let b = &seg.blocks[0];
    assert_eq!(b.text, "A ![](c.png '') et ![](d.png ()) ![](<e f>)");
    let titles: Vec<_> = b
        .images
        .iter()
        .map(|i| (i.alt.as_str(), i.title.as_deref()))
        .collect();
    assert_eq!(
        titles,
        [
            ("un *chat*", Some("le \\'chat\\'")),
            ("", Some("p")),
            ("x", None)
        ]
    );
    let translations = [Some(BlockText {
        text: "B ![](c.png '') and ![](d.png ()) ![](<e f>)".into(),
        images: vec![
            Image {
                alt: "a *cat*".into(),
                title: Some("the 'cat'".into()),
            },
            Image {
                alt: "dog".into(),
                title: Some("(p)".into()),
            },
            Image {
                alt: "y".into(),
                title: Some("ignored".into()),
            },
        ],
    })];
    let out = reassemble(body, &seg, &translations);
    let want = "B ![a *cat*](c.png 'the \\'cat\\'') and ![dog](d.png (\\(p\\))) ![y](<e f>)\n";
    assert_eq!(out, want);
    assert!(
        html(&out).contains("title=\"the &#39;cat&#39;\""),
        "{}",
        html(&out)
    );
}

#[test]
fn image_syntax_in_a_code_span_is_not_an_image() {
    let body = "`![](a)` et ![chat](b)\n";
    let seg = segment(body, post_options());
    assert_eq!(seg.blocks[0].text, "`![](a)` et ![](b)");
    let cat = Image {
        alt: "cat".into(),
        title: None,
    };
    let t = [Some(BlockText {
        text: "`![](a)` and ![](b)".into(),
        images: vec![cat],
    })];
    assert_eq!(reassemble(body, &seg, &t), "`![](a)` and ![cat](b)\n");
}

#[test]
fn multi_line_alt_inside_a_quote() {
    let body = "> voir ![une\n> photo](p.jpg \"titre\n> long\") ici\n";
    let seg = segment(body, post_options());
    assert_eq!(seg.blocks[0].text, "voir ![](p.jpg \"\") ici");
    let image = &seg.blocks[0].images[0];
    assert_eq!(
        (image.alt.as_str(), image.title.as_deref()),
        ("une\nphoto", Some("titre\nlong"))
    );
    assert_eq!(reassemble(body, &seg, &seg.identity()), body);
}

#[test]
fn reference_images() {
    let body = "![réf][r] ![r] ![r][]\n\n[r]: /img.png \"Titre\"\n";
    let seg = segment(body, post_options());
    // Only the full reference has its own alt; its title stays in the definition.
    assert_eq!(seg.blocks[0].text, "![][r] ![r] ![r][]");
    let only = Image {
        alt: "réf".into(),
        title: None,
    };
    assert_eq!(seg.blocks[0].images, [only]);
    assert_eq!(seg.ref_defs, "[r]: /img.png \"Titre\"\n");
}

#[test]
fn ref_defs_one_per_line() {
    let body = "> [a]:\n> /u\n> 'x\n> y'\n\n[B  c]: <d e> \"&amp;\"\n[a]: /ignored\n";
    let seg = segment(body, post_options());
    assert_eq!(
        seg.ref_defs,
        "[a]: </u> \"x&#10;y\"\n[B  c]: <d e> \"&amp;\"\n"
    );
    assert!(seg.blocks.is_empty());
}

#[test]
fn none_keeps_the_source_and_escapes_stay() {
    let body = "\\# pas un titre\n\ntexte *brut*\n";
    let seg = segment(body, post_options());
    assert_eq!(seg.blocks[0].text, "\\# pas un titre");
    let t = [
        None,
        Some(BlockText {
            text: "raw *text*".into(),
            images: vec![],
        }),
    ];
    assert_eq!(
        reassemble(body, &seg, &t),
        "\\# pas un titre\n\nraw *text*\n"
    );
}

#[test]
fn non_blocks_are_copied() {
    let body = "    code\n\n<div>\nhtml\n</div>\n\n***\n\n```\nfence\n```\n";
    let seg = segment(body, post_options());
    assert!(seg.blocks.is_empty());
    assert_eq!(reassemble(body, &seg, &[]), body);
}
