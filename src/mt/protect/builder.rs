//! Building the protected text: the string an engine sees and the pieces
//! its ids stand for, in order of appearance.
//!
//! [`Builder`] escapes text (`&`, `<`, `>`), turns marks and glossary terms
//! into `<x/>`, and opens and closes `<g>` elements when told. It does not
//! parse Markdown: Plain text is one gap, and the Markdown walk says what
//! is a gap, an atom or a pair.

use std::fmt::Write as _;
use std::sync::LazyLock;

use regex::Regex;

use super::marks::MARK;
use super::{PairKind, Piece, Protected};
use crate::fluent::pattern::Part;
use crate::mt::terms::Terms;

/// Accumulates the engine text and the pieces, in order of appearance.
pub(super) struct Builder {
    text: String,
    pieces: Vec<Piece>,
    /// Markdown: soft line breaks become a single space.
    soft_breaks: bool,
    terms: Terms,
}

static SOFT_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[ \t]*\r?\n[ \t]*").expect("valid regex"));

impl Builder {
    pub(super) fn new(soft_breaks: bool, terms: &Terms) -> Self {
        Builder {
            text: String::new(),
            pieces: Vec::new(),
            soft_breaks,
            terms: terms.clone(),
        }
    }

    /// Verbatim source text between markup: escaped, marks become `<x/>`.
    pub(super) fn gap(&mut self, s: &str) {
        // Most stretches hold no line break and no mark (`{` then a mark
        // character): no regex is run for them.
        let s = if self.soft_breaks && s.contains('\n') {
            SOFT_BREAK.replace_all(s, " ")
        } else {
            s.into()
        };
        if !s.contains('{') {
            self.words(&s);
            return;
        }
        let mut last = 0;
        for m in MARK.find_iter(&s) {
            self.words(&s[last..m.start()]);
            self.atom(m.as_str(), true);
            last = m.end();
        }
        self.words(&s[last..]);
    }

    /// Translatable text: glossary terms become `<x/>`, the rest is escaped.
    fn words(&mut self, s: &str) {
        // Cloned (two `Arc`s) so that the matches do not borrow `self`.
        let terms = self.terms.clone();
        let mut last = 0;
        for (at, out) in terms.matches(s) {
            self.escaped(&s[last..at.start]);
            self.atom(out, false);
            last = at.end;
        }
        self.escaped(&s[last..]);
    }

    fn escaped(&mut self, s: &str) {
        // By bytes: `&`, `<` and `>` are never part of a longer UTF-8
        // sequence, so every cut is at a character boundary.
        let mut last = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                _ => continue,
            };
            self.text.push_str(&s[last..i]);
            self.text.push_str(escape);
            last = i + 1;
        }
        self.text.push_str(&s[last..]);
    }

    pub(super) fn atom(&mut self, src: &str, locked: bool) {
        self.pieces.push(Piece::Atom {
            src: src.to_string(),
            locked,
        });
        let _ = write!(self.text, "<x id=\"{}\"/>", self.pieces.len());
    }

    /// Opens a g element; its closing source is filled in by `close`.
    pub(super) fn open(&mut self, open: &str, kind: PairKind) -> usize {
        self.pieces.push(Piece::Pair {
            open: open.to_string(),
            close: String::new(),
            kind,
        });
        let _ = write!(self.text, "<g id=\"{}\">", self.pieces.len());
        self.pieces.len()
    }

    pub(super) fn close(&mut self, id: usize, src: &str) {
        if let Piece::Pair { close, .. } = &mut self.pieces[id - 1] {
            *close = src.to_string();
        }
        self.text.push_str("</g>");
    }

    pub(super) fn finish(self, marks: Vec<Part>) -> Protected {
        Protected {
            text: self.text,
            pieces: self.pieces,
            marks,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::fluent::pattern::Pattern;
    use crate::mt::protect::tests::md_back;
    use crate::mt::protect::{locked, protect_with};
    use crate::mt::terms::Terms;
    use crate::source::kind::Syntax;

    fn glossary() -> Terms {
        Terms::new(&[
            ("KEOOGO".into(), "KEOOGO".into()),
            ("Dispensaire Trottoir".into(), "Dispensaire Trottoir".into()),
            ("Dispensaire".into(), "Dispensaire".into()),
            ("droits de l'enfant".into(), "children's rights".into()),
        ])
    }

    #[test]
    fn glossary_terms_become_x_and_restore_as_their_replacement() {
        let src = "KEOOGO et le *Dispensaire Trottoir* : les droits de l'enfant, `KEOOGO`.";
        let p = protect_with(&Pattern::text(src), Syntax::Markdown, "", &glossary());
        assert_eq!(
            p.text,
            "<x id=\"1\"/> et le <g id=\"2\"><x id=\"3\"/></g> : les <x id=\"4\"/>, <x id=\"5\"/>."
        );
        let en =
            "<x id=\"1\"/> and the <g id=\"2\"><x id=\"3\"/></g>: <x id=\"4\"/>, <x id=\"5\"/>.";
        assert_eq!(
            md_back(&p, en),
            "KEOOGO and the *Dispensaire Trottoir*: children's rights, `KEOOGO`."
        );
        // Terms are not locked pieces: a human may rephrase around them.
        assert_eq!(
            locked(&Pattern::text(src), Syntax::Markdown, ""),
            ["`KEOOGO`"]
        );
    }

    #[test]
    fn glossary_terms_are_protected_in_plain_text_too() {
        let plain = protect_with(
            &Pattern::text("Voir KEOOGO"),
            Syntax::Plain,
            "",
            &glossary(),
        );
        assert_eq!(plain.text, "Voir <x id=\"1\"/>");
    }
}
