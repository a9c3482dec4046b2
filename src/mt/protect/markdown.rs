//! Markdown inline content: pulldown-cmark's events walked over the
//! source, telling the builder what is verbatim text, what is an atom
//! (`<x/>`) and what is a pair (`<g>`).
//!
//! Everything between markup is passed on as source bytes, so escapes and
//! entities survive. It handles the inline content of one block only (the
//! `protect` module's documentation says what that leaves out), and it
//! escapes nothing itself: the builder does.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::builder::Builder;
use super::marks::mark_pattern;
use super::{PairKind, Protected};
use crate::fluent::pattern::{Part, Pattern};
use crate::mt::terms::Terms;

/// Forces paragraph context: text starting with `1. ` or `# ` must not open
/// a list or heading. A letter and a space cannot join any inline markup.
const PREFIX: &str = "x ";

pub(super) fn protect_markdown(p: &Pattern, ref_defs: &str, terms: &Terms) -> Protected {
    let (src, marks) = mark_pattern(p, true);
    let input = format!("{PREFIX}{src}\n\n{ref_defs}");
    let mut walk = Walk::new(&input, PREFIX.len()..PREFIX.len() + src.len(), terms);
    let parser = Parser::new_ext(&input, Options::ENABLE_STRIKETHROUGH);
    for (ev, r) in parser.into_offset_iter() {
        walk.event(ev, r);
    }
    walk.finish(marks)
}

/// An open g element while walking the events.
struct Frame {
    id: usize,
    /// Length of the closing delimiter; `None` for a link, whose closing
    /// part starts at the `]` after its text.
    delim: Option<usize>,
    /// End of the last event seen inside: the link's `]` comes after it.
    inner_end: usize,
}

/// Walks pulldown-cmark events over the source, emitting gaps and markup.
struct Walk<'s> {
    src: &'s str,
    /// The user's text within `src` (between the prefix and the ref defs).
    region: Range<usize>,
    /// Source up to here has been emitted.
    pos: usize,
    frames: Vec<Frame>,
    /// Depth inside a construct emitted whole as one `<x/>`.
    skip: usize,
    b: Builder,
}

impl<'s> Walk<'s> {
    fn new(src: &'s str, region: Range<usize>, terms: &Terms) -> Self {
        Walk {
            src,
            pos: region.start,
            region,
            frames: Vec::new(),
            skip: 0,
            b: Builder::new(true, terms),
        }
    }

    fn event(&mut self, ev: Event, r: Range<usize>) {
        if self.skip > 0 {
            match ev {
                Event::Start(_) => self.skip += 1,
                Event::End(_) => self.skip -= 1,
                _ => {}
            }
            return;
        }
        // Start and End of a tag share one range, so this keeps them paired.
        if r.start < self.region.start || r.end > self.region.end {
            return;
        }
        if !matches!(ev, Event::End(_))
            && let Some(f) = self.frames.last_mut()
        {
            f.inner_end = f.inner_end.max(r.end);
        }
        match ev {
            Event::Start(tag) => self.start(tag, r),
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)
            | Event::End(TagEnd::Link) => self.end(r),
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_) => self.atom(r, true),
            Event::HardBreak => self.hard_break(r),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag, r: Range<usize>) {
        match tag {
            Tag::Emphasis => self.open_delim(r.start, 1),
            Tag::Strong => self.open_delim(r.start, 2),
            Tag::Strikethrough => {
                let n = self.src[r.start..].bytes().take_while(|&b| b == b'~');
                self.open_delim(r.start, n.count().min(2))
            }
            Tag::Link { link_type, .. } => self.link(link_type, r),
            Tag::Image { .. } => self.whole(r),
            _ => {}
        }
    }

    fn link(&mut self, link_type: LinkType, r: Range<usize>) {
        match link_type {
            LinkType::Inline | LinkType::Reference | LinkType::ReferenceUnknown => {
                self.emit_gap(r.start);
                let id = self.b.open("[", PairKind::Link);
                self.pos = r.start + 1;
                self.frames.push(Frame {
                    id,
                    delim: None,
                    inner_end: self.pos,
                });
            }
            LinkType::Collapsed | LinkType::CollapsedUnknown => {
                // pulldown-cmark's range stops before the trailing `[]`.
                let tail = self.src[r.end..self.region.end].starts_with("[]");
                self.whole(r.start..r.end + if tail { 2 } else { 0 })
            }
            // Shortcut links (text = label), autolinks, wiki links.
            _ => self.whole(r),
        }
    }

    fn open_delim(&mut self, start: usize, len: usize) {
        self.emit_gap(start);
        let id = self
            .b
            .open(&self.src[start..start + len], PairKind::Emphasis);
        self.pos = start + len;
        self.frames.push(Frame {
            id,
            delim: Some(len),
            inner_end: self.pos,
        });
    }

    fn end(&mut self, r: Range<usize>) {
        let Some(f) = self.frames.pop() else { return };
        let close_start = match f.delim {
            Some(len) => r.end - len,
            None => self.src[f.inner_end..r.end]
                .find(']')
                .map_or(f.inner_end, |i| f.inner_end + i),
        };
        let close_start = close_start.max(self.pos);
        self.emit_gap(close_start);
        self.b.close(f.id, &self.src[close_start..r.end]);
        self.pos = r.end;
    }

    /// A construct kept whole as one `<x/>`, its inner events skipped.
    fn whole(&mut self, r: Range<usize>) {
        self.atom(r, true);
        self.skip = 1;
    }

    fn atom(&mut self, r: Range<usize>, locked: bool) {
        let start = r.start.max(self.pos);
        self.emit_gap(start);
        self.b.atom(&self.src[start..r.end], locked);
        self.pos = r.end;
    }

    /// A hard break takes its spaces and the next line's indentation along,
    /// so the engine cannot eat the spaces that make it a break.
    fn hard_break(&mut self, r: Range<usize>) {
        let bytes = self.src.as_bytes();
        let mut start = r.start;
        while start > self.pos && bytes[start - 1] == b' ' {
            start -= 1;
        }
        let mut end = r.end;
        while end < self.region.end && matches!(bytes[end], b' ' | b'\t') {
            end += 1;
        }
        self.atom(start..end, false);
    }

    fn emit_gap(&mut self, upto: usize) {
        if upto > self.pos {
            self.b.gap(&self.src[self.pos..upto]);
            self.pos = upto;
        }
    }

    fn finish(mut self, marks: Vec<Part>) -> Protected {
        self.emit_gap(self.region.end);
        self.b.finish(marks)
    }
}

#[cfg(test)]
mod tests {
    use crate::fluent::pattern::Pattern;
    use crate::mt::protect::tests::{md, md_back};
    use crate::mt::protect::{locked, protect};
    use crate::source::kind::Syntax;

    #[test]
    fn underscore_emphasis_at_start_stays_emphasis() {
        let p = md("_Bonjour_ le monde");
        assert_eq!(p.text, "<g id=\"1\">Bonjour</g> le monde");
        assert_eq!(
            md_back(&p, "<g id=\"1\">Hola</g> el mundo"),
            "_Hola_ el mundo"
        );
    }

    #[test]
    fn block_starters_are_plain_text() {
        assert_eq!(md("1. Premier point").text, "1. Premier point");
        assert_eq!(md("# pas un titre").text, "# pas un titre");
        assert_eq!(md("> pas une citation").text, "&gt; pas une citation");
    }

    #[test]
    fn links_inline_reference_collapsed_shortcut() {
        let defs = "[doc]: https://ex.fr/doc \"Doc\"\n";
        let src = "voir [la doc][doc], [doc][] et [doc] ou <https://ex.fr>";
        let p = protect(&Pattern::text(src), Syntax::Markdown, defs);
        assert_eq!(
            p.text,
            "voir <g id=\"1\">la doc</g>, <x id=\"2\"/> et <x id=\"3\"/> ou <x id=\"4\"/>"
        );
        assert_eq!(md_back(&p, &p.text), src);
        assert_eq!(
            locked(&Pattern::text(src), Syntax::Markdown, defs),
            ["<https://ex.fr>", "[doc]", "[doc][]", "][doc]"]
        );
    }

    #[test]
    fn link_text_with_escaped_bracket() {
        let p = md("[a \\] *b*](u) fin");
        assert_eq!(p.text, "<g id=\"1\">a \\] <g id=\"2\">b</g></g> fin");
        assert_eq!(md_back(&p, &p.text), "[a \\] *b*](u) fin");
    }

    #[test]
    fn breaks() {
        let p = md("un  \n  deux\\\ntrois\n   quatre");
        assert_eq!(p.text, "un<x id=\"1\"/>deux<x id=\"2\"/>trois quatre");
        assert_eq!(md_back(&p, &p.text), "un  \n  deux\\\ntrois quatre");
        assert!(locked(&Pattern::text("un  \ndeux"), Syntax::Markdown, "").is_empty());
    }

    #[test]
    fn entities_and_escapes_survive() {
        let src = "&eacute;t&eacute; \\_ &amp; <span>x</span>";
        let p = md(src);
        assert_eq!(
            p.text,
            "&amp;eacute;t&amp;eacute; \\_ &amp;amp; <x id=\"1\"/>x<x id=\"2\"/>"
        );
        assert_eq!(md_back(&p, &p.text), src);
    }
}
