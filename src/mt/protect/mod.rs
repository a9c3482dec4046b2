//! Protecting a message's non-translatable pieces through machine translation.
//!
//! [`protect`] turns a [`Pattern`] into the XML-ish string an engine sees:
//! text is XML-escaped (`&`, `<`, `>` only), every piece that must come back
//! byte for byte (a Fluent placeable, a code span, an image, a link
//! destination, inline HTML, an autolink, a hard break, a Hugo/Zola
//! shortcode) becomes an empty element `<x id="N"/>`, and markup whose content
//! is translatable (emphasis, strong, strikethrough, link text) becomes a
//! paired element `<g id="N">…</g>` that the engine may move with the words.
//! [`restore`] reverses this on the engine's answer and refuses an answer that
//! lost, duplicated, invented or mis-nested an element. [`locked`] lists the
//! pieces any translation (human or machine) must keep.
//!
//! Markdown is handled from SOURCE byte ranges reported by pulldown-cmark, not
//! from rendered text: everything between markup is copied verbatim, so
//! backslash escapes and entities survive, and every element restores the
//! exact source bytes it stands for.
//!
//! What it does not do:
//! - It handles the inline content of ONE block (a paragraph, heading or list
//!   item text). Block structure inside the text (blank lines, a line that
//!   would start a list or an HTML block) is not protected, and soft line
//!   breaks are turned into spaces.
//! - Collapsed (`[label][]`) and shortcut (`[label]`) reference links are one
//!   `<x/>` as a whole: their text IS the reference label, so translating it
//!   would break the link. Images are one `<x/>` too (alt text included; by
//!   the time posts reach here, alt text is carried elsewhere).
//! - It does not judge the translation's Markdown: if an engine glues a moved
//!   `<g>` element to a word (`le<g id="1">mot</g>`), `_` emphasis may stop
//!   being emphasis; literal delimiters glued to an element in the source
//!   (`__a___b_`) may turn into markup once an engine puts a space between
//!   them. Only the ids are verified.
//! - Turning soft breaks into spaces can, after a hard break, join a line
//!   such as `*` with the next one into a block starter (`* suite`).
//! - Placeables and shortcodes are swapped for a private-use character
//!   (U+F0000…) between braces while Markdown is parsed, the way Hugo swaps
//!   shortcodes for placeholders; text that already contains such a sequence
//!   is not supported.
//!
//! The files follow the data: `marks` hides placeables and shortcodes from
//! the Markdown parser, `terms` matches glossary terms, `builder` writes the
//! engine text and records the pieces, `markdown` walks a Markdown block's
//! inline events; then `answer` reads and verifies an engine's answer,
//! `whitespace` repairs its spacing and `render` puts the source back. This
//! file holds the types they share and the public entry points.

mod answer;
mod builder;
mod markdown;
mod marks;
mod render;
mod whitespace;

use crate::fluent::pattern::{Part, Pattern};
use crate::mt::terms::Terms;
use crate::source::kind::Syntax;
use answer::{lex, validate};
use builder::Builder;
use markdown::protect_markdown;
use marks::mark_pattern;
use render::{finish, render};
use whitespace::{Shape, collapse_spaces, drop_empty_emphasis, hoist_whitespace};

/// A message ready to be sent to an engine, and what it takes to restore it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Protected {
    /// What the engine sees: XML-escaped text (& < > only), `<x id="N"/>` for
    /// each non-translatable piece, `<g id="N">…</g>` around translatable
    /// markup content (emphasis, strong, strikethrough, link text). Ids are
    /// numbered 1.. in order of appearance.
    pub text: String,
    /// What each id stands for; id N is `pieces[N - 1]`.
    pieces: Vec<Piece>,
    /// What each private-use mark character stands for: a shortcode's text
    /// (`Part::Text`) or a placeable (`Part::Placeable`).
    marks: Vec<Part>,
}

/// The source an id stands for. Strings may contain mark characters.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    /// An empty `<x/>` element. `locked` is false only for hard breaks, which
    /// a human translator may legitimately rearrange.
    Atom { src: String, locked: bool },
    /// A `<g>` element: the source of its opening and closing markup.
    Pair {
        open: String,
        close: String,
        kind: PairKind,
    },
}

/// What a `<g>` element's markup is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PairKind {
    /// Emphasis, strong, strikethrough: delimiters only, may be dropped.
    Emphasis,
    /// Link text: the closing part holds the destination, which is locked.
    Link,
}

/// Why an engine's answer cannot be restored.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProtectError {
    /// An element of the source is not in the answer.
    #[error("placeholder {id} (`{src}`) missing from the translation")]
    MissingId {
        /// The element's id.
        id: u32,
        /// Its source (`open…close` for a `<g>`), placeables as `{ expr }`.
        src: String,
    },
    /// An element of the source is in the answer more than once.
    #[error("placeholder {id} (`{src}`) appears more than once in the translation")]
    DuplicateId {
        /// The element's id.
        id: u32,
        /// Its source (`open…close` for a `<g>`), placeables as `{ expr }`.
        src: String,
    },
    /// The answer has an id the source does not have.
    #[error("the translation has a placeholder {0} that the source does not have")]
    UnknownId(u32),
    /// A `<g>` element of the answer is opened but never closed.
    #[error("markup {id} (`{src}`) is opened but never closed in the translation")]
    Unbalanced {
        /// The element's id.
        id: u32,
        /// Its opening and closing source, as `open…close`.
        src: String,
    },
    /// The answer closes a `<g>` element that is not open.
    #[error("the translation closes a </g> element that was never opened")]
    BadNesting,
    /// Anything else wrong with the answer, such as an id written as the
    /// wrong kind of element (`<g>` for an `<x/>`).
    #[error("malformed translation: {0}")]
    Malformed(String),
}

/// Turns a pattern into the text sent to an engine.
///
/// `ref_defs`: raw link reference definitions of the post (so `[text][ref]`
/// is recognised as a link); "" for Plain.
pub fn protect(p: &Pattern, syntax: Syntax, ref_defs: &str) -> Protected {
    protect_with(p, syntax, ref_defs, &Terms::default())
}

/// [`protect`], with glossary terms in translatable text protected too:
/// each becomes an `<x/>` that restores as the term's replacement (the
/// term itself for a do-not-translate term, the fixed translation
/// otherwise). Terms inside code, links' destinations and other `<x/>`
/// pieces are already safe and left alone.
pub fn protect_with(p: &Pattern, syntax: Syntax, ref_defs: &str, terms: &Terms) -> Protected {
    match syntax {
        Syntax::Plain => {
            let (src, marks) = mark_pattern(p, false);
            let mut b = Builder::new(false, terms);
            b.gap(&src);
            b.finish(marks)
        }
        Syntax::Markdown => protect_markdown(p, ref_defs, terms),
    }
}

/// Restores the engine's output into a pattern, verifying every element.
///
/// Un-escapes XML entities (&lt; &gt; &amp; &quot; &apos; and numeric ones),
/// puts each id's markup back, verifies every x id came back exactly once and
/// every g id opened and closed exactly once, properly nested. Whitespace the
/// engine put just inside a g element is moved outside it (`<g id="1">
/// mot</g>` must not yield `* mot*`, which is not emphasis); runs of spaces
/// next to an x element are collapsed (to what the source had there, at
/// least one). The result is trimmed, then given back the leading and
/// trailing whitespace of the source, so the identity engine round-trips.
pub fn restore(p: &Protected, translated: &str) -> Result<Pattern, ProtectError> {
    let toks = validate(p, lex(translated))?;
    // The source's own layout, to tell engine-added whitespace from original.
    let shape = Shape::of(p);
    let toks = hoist_whitespace(toks, &shape);
    let toks = drop_empty_emphasis(p, toks);
    let toks = collapse_spaces(toks, &shape);
    Ok(finish(p, render(p, &toks)))
}

/// The pieces that must survive any translation, as a sorted list of their
/// source text: Fluent placeables (as `{ expr }`), link/image destinations
/// and titles (the closing `](url "t")` / `][ref]` of a link, a whole image),
/// code spans, autolinks, inline HTML, shortcodes, and whole collapsed or
/// shortcut reference links. Emphasis delimiters and hard breaks are NOT
/// locked (a translator may drop emphasis or rebreak a line).
pub fn locked(p: &Pattern, syntax: Syntax, ref_defs: &str) -> Vec<String> {
    let prot = protect(p, syntax, ref_defs);
    let mut out: Vec<String> = prot
        .pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Atom { src, locked: true } => Some(prot.unmark_str(src)),
            Piece::Pair {
                close,
                kind: PairKind::Link,
                ..
            } => Some(prot.unmark_str(close)),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Protects Markdown text that has no reference definitions.
    pub(super) fn md(s: &str) -> Protected {
        protect(&Pattern::text(s), Syntax::Markdown, "")
    }

    /// Restores an answer that must restore, as plain text.
    pub(super) fn md_back(p: &Protected, translated: &str) -> String {
        let pat = restore(p, translated).expect("restores");
        pat.as_plain_text().expect("no placeables")
    }

    /// A Plain pattern with one placeable and characters to escape.
    pub(super) fn plain() -> Pattern {
        Pattern(vec![
            Part::Text("Bonjour ".into()),
            Part::Placeable("$title".into()),
            Part::Text(" & <3".into()),
        ])
    }

    const SENTENCE: &str = "Le *chat* de **Marie** lit [la page](https://ex.fr/p \"Titre\") \
        avec `cargo run` : ![](x.jpg) {{< figure >}} & 1 < 2, \\*pas\\* ~~vu~~.";

    #[test]
    fn markdown_sentence_is_protected() {
        let p = md(SENTENCE);
        assert_eq!(
            p.text,
            "Le <g id=\"1\">chat</g> de <g id=\"2\">Marie</g> lit <g id=\"3\">la page</g> \
             avec <x id=\"4\"/> : <x id=\"5\"/> <x id=\"6\"/> &amp; 1 &lt; 2, \\*pas\\* \
             <g id=\"7\">vu</g>."
        );
        assert_eq!(md_back(&p, &p.text), SENTENCE);
    }

    #[test]
    fn markdown_sentence_locked_pieces() {
        let want = [
            "![](x.jpg)",
            "](https://ex.fr/p \"Titre\")",
            "`cargo run`",
            "{{< figure >}}",
        ];
        assert_eq!(locked(&Pattern::text(SENTENCE), Syntax::Markdown, ""), want);
        // Dropping emphasis and translating words keeps the locked set.
        let es = "El gato de Marie lee [la página](https://ex.fr/p \"Titre\") con \
                  `cargo run` : ![](x.jpg) {{< figure >}}";
        assert_eq!(locked(&Pattern::text(es), Syntax::Markdown, ""), want);
    }

    #[test]
    fn engine_answer_is_restored() {
        let p = md("Le *chat noir* dort & rêve");
        assert_eq!(p.text, "Le <g id=\"1\">chat noir</g> dort &amp; rêve");
        // Apertium-like: leading space, element moved, spaces inside it.
        let answer = " El gato<g id=\"1\"> negro </g>duerme &amp; sue&#241;a &quot;bien&apos;";
        assert_eq!(
            md_back(&p, answer),
            "El gato *negro* duerme & sueña \"bien'"
        );
    }

    #[test]
    fn plain_placeable() {
        let p = protect(&plain(), Syntax::Plain, "");
        assert_eq!(p.text, "Bonjour <x id=\"1\"/> &amp; &lt;3");
        assert_eq!(restore(&p, &p.text), Ok(plain()));
        let es = restore(&p, "Hola <x id=\"1\"/> &amp; &lt;3").unwrap();
        assert_eq!(es.0[1], Part::Placeable("$title".into()));
        assert_eq!(locked(&plain(), Syntax::Plain, ""), ["{ $title }"]);
    }
}
