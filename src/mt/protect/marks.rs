//! Marks: placeables and shortcodes hidden from the Markdown parser.
//!
//! Before parsing, each placeable (and, for Markdown, each shortcode) is
//! swapped for one private-use character between braces; `unmark` swaps
//! the marks back when a piece is listed, described or restored. It does
//! not decide what a mark becomes in the engine text: the builder makes
//! every mark an `<x/>`.

use std::sync::LazyLock;

use regex::Regex;

use super::{Piece, Protected};
use crate::fluent::pattern::{Part, Pattern};

const MARK_BASE: u32 = 0xF0000;

/// Mark number `i`: a private-use character between braces. The braces keep
/// the parser's view of what surrounds a shortcode or placeable (punctuation,
/// for emphasis flanking rules) the same as in the real source.
fn mark(i: usize) -> String {
    let c = char::from_u32(MARK_BASE + i as u32).expect("fewer than 65534 marks");
    format!("{{{c}}}")
}

/// A mark in the source, its private-use character captured.
pub(super) static MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{([\x{F0000}-\x{FFFFD}])\}").expect("valid regex"));

/// The index of a mark matched by [`MARK`].
fn mark_index(c: &regex::Captures) -> usize {
    let ch = c[1].chars().next().expect("one character");
    (ch as u32 - MARK_BASE) as usize
}

/// Hugo/Zola shortcodes; `{{<` is tried before `{{` so the longest form wins.
static SHORTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{%.*?%\}|\{\{.*?\}\}").expect("valid regex")
});

/// Flattens the pattern into one string where each placeable (and, for
/// Markdown, each shortcode) is one mark: the parser then sees an opaque
/// piece of text, as Hugo's own placeholders are, so `{{<figure>}}` is not
/// taken for inline HTML nor `a_b` inside a shortcode for emphasis.
pub(super) fn mark_pattern(p: &Pattern, shortcodes: bool) -> (String, Vec<Part>) {
    let mut src = String::new();
    let mut marks = Vec::new();
    for part in &p.0 {
        match part {
            Part::Text(t) if shortcodes => mark_shortcodes(t, &mut src, &mut marks),
            Part::Text(t) => src.push_str(t),
            Part::Placeable(e) => {
                src.push_str(&mark(marks.len()));
                marks.push(Part::Placeable(e.clone()));
            }
        }
    }
    (src, marks)
}

fn mark_shortcodes(t: &str, src: &mut String, marks: &mut Vec<Part>) {
    let mut last = 0;
    for m in SHORTCODE.find_iter(t) {
        src.push_str(&t[last..m.start()]);
        src.push_str(&mark(marks.len()));
        marks.push(Part::Text(m.as_str().to_string()));
        last = m.end();
    }
    src.push_str(&t[last..]);
}

impl Protected {
    /// Source with marks put back, as pattern parts.
    pub(super) fn unmark(&self, s: &str) -> Vec<Part> {
        let mut parts = Vec::new();
        let mut last = 0;
        for c in MARK.captures_iter(s) {
            let m = c.get(0).expect("whole match");
            if let Some(part) = self.marks.get(mark_index(&c)) {
                parts.push(Part::Text(s[last..m.start()].to_string()));
                parts.push(part.clone());
                last = m.end();
            }
        }
        parts.push(Part::Text(s[last..].to_string()));
        parts
    }

    /// Source with marks put back, placeables written `{ expr }`.
    pub(super) fn unmark_str(&self, s: &str) -> String {
        self.unmark(s)
            .into_iter()
            .map(|part| match part {
                Part::Text(t) => t,
                Part::Placeable(e) => format!("{{ {e} }}"),
            })
            .collect()
    }

    /// A readable description of an id's source, for error messages.
    pub(super) fn describe(&self, id: u32) -> String {
        match &self.pieces[id as usize - 1] {
            Piece::Atom { src, .. } => self.unmark_str(src),
            Piece::Pair { open, close, .. } => {
                format!("{}…{}", self.unmark_str(open), self.unmark_str(close))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::fluent::pattern::{Part, Pattern};
    use crate::mt::protect::tests::{md, md_back};
    use crate::mt::protect::{protect, restore};
    use crate::source::kind::Syntax;

    #[test]
    fn shortcodes_are_opaque() {
        let src = "a {{<figure src=\"a_b_c.jpg\">}} b {{% note %}} c {% raw %} d {{ page.title }}";
        let p = md(src);
        assert_eq!(
            p.text,
            "a <x id=\"1\"/> b <x id=\"2\"/> c <x id=\"3\"/> d <x id=\"4\"/>"
        );
        assert_eq!(md_back(&p, &p.text), src);
        let link = "[page]({{< ref \"post.md\" >}})";
        assert_eq!(md(link).text, "<g id=\"1\">page</g>");
        assert_eq!(
            md_back(&md(link), "<g id=\"1\">página</g>"),
            "[página]({{< ref \"post.md\" >}})"
        );
    }

    #[test]
    fn placeable_in_markdown() {
        let pat = Pattern(vec![
            Part::Text("Lire ".into()),
            Part::Placeable("$title".into()),
            Part::Text(" *vite*".into()),
        ]);
        let p = protect(&pat, Syntax::Markdown, "");
        assert_eq!(p.text, "Lire <x id=\"1\"/> <g id=\"2\">vite</g>");
        assert_eq!(restore(&p, &p.text), Ok(pat));
    }
}
