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

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::fluent::pattern::{Part, Pattern};
use crate::source::kind::Syntax;

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
    #[error("placeholder {id} (`{src}`) missing from the translation")]
    MissingId { id: u32, src: String },
    #[error("placeholder {id} (`{src}`) appears more than once in the translation")]
    DuplicateId { id: u32, src: String },
    #[error("the translation has a placeholder {0} that the source does not have")]
    UnknownId(u32),
    #[error("markup {id} (`{src}`) is opened but never closed in the translation")]
    Unbalanced { id: u32, src: String },
    #[error("the translation closes a </g> element that was never opened")]
    BadNesting,
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

/// Glossary terms an engine must not translate on its own: whole words
/// (or phrases), case-sensitive, longest first, each with what it restores
/// as.
///
/// Cheap to clone, and clones share one compiled regex *and its search
/// caches*: a cloned `Regex` starts with empty caches, and rebuilding its
/// lazy DFA for every text protected was most of the time of a dry run.
#[derive(Clone, Debug, Default)]
pub struct Terms {
    regex: Option<Arc<Regex>>,
    replacements: Arc<std::collections::HashMap<String, String>>,
}

impl Terms {
    /// `entries`: (term in the source, what it becomes in the target).
    pub fn new(entries: &[(String, String)]) -> Terms {
        let mut terms: Vec<&String> = entries
            .iter()
            .map(|(t, _)| t)
            .filter(|t| !t.is_empty())
            .collect();
        if terms.is_empty() {
            return Terms::default();
        }
        terms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let alternatives: Vec<String> = terms
            .iter()
            .map(|t| {
                let start = if word(t.chars().next()) { r"\b" } else { "" };
                let end = if word(t.chars().last()) { r"\b" } else { "" };
                format!("{start}{}{end}", regex::escape(t))
            })
            .collect();
        Terms {
            regex: Some(Arc::new(
                Regex::new(&alternatives.join("|")).expect("escaped terms"),
            )),
            replacements: Arc::new(entries.iter().cloned().collect()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.regex.is_none()
    }

    /// The terms found in `text`, in order, each time it occurs.
    pub fn find<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.regex
            .as_ref()
            .map(|re| re.find_iter(text).map(|m| m.as_str()).collect())
            .unwrap_or_default()
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

// ---------------------------------------------------------------------------
// Marks: placeables and shortcodes hidden from the Markdown parser.

const MARK_BASE: u32 = 0xF0000;

/// Mark number `i`: a private-use character between braces. The braces keep
/// the parser's view of what surrounds a shortcode or placeable (punctuation,
/// for emphasis flanking rules) the same as in the real source.
fn mark(i: usize) -> String {
    let c = char::from_u32(MARK_BASE + i as u32).expect("fewer than 65534 marks");
    format!("{{{c}}}")
}

static MARK: LazyLock<Regex> =
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
fn mark_pattern(p: &Pattern, shortcodes: bool) -> (String, Vec<Part>) {
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
    fn unmark(&self, s: &str) -> Vec<Part> {
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
    fn unmark_str(&self, s: &str) -> String {
        self.unmark(s)
            .into_iter()
            .map(|part| match part {
                Part::Text(t) => t,
                Part::Placeable(e) => format!("{{ {e} }}"),
            })
            .collect()
    }

    /// A readable description of an id's source, for error messages.
    fn describe(&self, id: u32) -> String {
        match &self.pieces[id as usize - 1] {
            Piece::Atom { src, .. } => self.unmark_str(src),
            Piece::Pair { open, close, .. } => {
                format!("{}…{}", self.unmark_str(open), self.unmark_str(close))
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Building the protected text.

/// Accumulates the engine text and the pieces, in order of appearance.
struct Builder {
    text: String,
    pieces: Vec<Piece>,
    /// Markdown: soft line breaks become a single space.
    soft_breaks: bool,
    terms: Terms,
}

static SOFT_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[ \t]*\r?\n[ \t]*").expect("valid regex"));

impl Builder {
    fn new(soft_breaks: bool, terms: &Terms) -> Self {
        Builder {
            text: String::new(),
            pieces: Vec::new(),
            soft_breaks,
            terms: terms.clone(),
        }
    }

    /// Verbatim source text between markup: escaped, marks become `<x/>`.
    fn gap(&mut self, s: &str) {
        let s = if self.soft_breaks {
            SOFT_BREAK.replace_all(s, " ")
        } else {
            s.into()
        };
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
        let Some(re) = self.terms.regex.clone() else {
            return self.escaped(s);
        };
        let mut last = 0;
        for m in re.find_iter(s) {
            self.escaped(&s[last..m.start()]);
            let out = self.terms.replacements[m.as_str()].clone();
            self.atom(&out, false);
            last = m.end();
        }
        self.escaped(&s[last..]);
    }

    fn escaped(&mut self, s: &str) {
        for c in s.chars() {
            match c {
                '&' => self.text.push_str("&amp;"),
                '<' => self.text.push_str("&lt;"),
                '>' => self.text.push_str("&gt;"),
                c => self.text.push(c),
            }
        }
    }

    fn atom(&mut self, src: &str, locked: bool) {
        self.pieces.push(Piece::Atom {
            src: src.to_string(),
            locked,
        });
        self.text
            .push_str(&format!("<x id=\"{}\"/>", self.pieces.len()));
    }

    /// Opens a g element; its closing source is filled in by `close`.
    fn open(&mut self, open: &str, kind: PairKind) -> usize {
        self.pieces.push(Piece::Pair {
            open: open.to_string(),
            close: String::new(),
            kind,
        });
        self.text
            .push_str(&format!("<g id=\"{}\">", self.pieces.len()));
        self.pieces.len()
    }

    fn close(&mut self, id: usize, src: &str) {
        if let Piece::Pair { close, .. } = &mut self.pieces[id - 1] {
            *close = src.to_string();
        }
        self.text.push_str("</g>");
    }

    fn finish(self, marks: Vec<Part>) -> Protected {
        Protected {
            text: self.text,
            pieces: self.pieces,
            marks,
        }
    }
}

/// Forces paragraph context: text starting with `1. ` or `# ` must not open
/// a list or heading. A letter and a space cannot join any inline markup.
const PREFIX: &str = "x ";

fn protect_markdown(p: &Pattern, ref_defs: &str, terms: &Terms) -> Protected {
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

// ---------------------------------------------------------------------------
// Reading the engine's answer.

/// One lexical item of an engine's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Lexeme {
    Text(String),
    X(u32),
    Open(u32),
    /// `<g id="N"/>`: an element whose content the engine emptied.
    EmptyG(u32),
    CloseG,
    /// `</x>`: engines may expand `<x/>` into `<x></x>`; ignored.
    CloseX,
}

/// A validated token: ids are known, used once and properly nested.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Text(String),
    X(u32),
    Open(u32),
    Close(u32),
}

/// Our elements, written loosely (engines re-space and re-quote them), and
/// the entities an engine may produce. Everything else is literal text.
static TAG_OR_ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"<\s*(?:([xXgG])\s+id\s*=\s*["']?\s*(\d+)\s*["']?\s*(/?)|/\s*([xXgG]))\s*>|&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#[xX]([0-9a-fA-F]+));"#,
    )
    .expect("valid regex")
});

fn lex(s: &str) -> Vec<Lexeme> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut last = 0;
    for c in TAG_OR_ENTITY.captures_iter(s) {
        let m = c.get(0).expect("whole match");
        text.push_str(&s[last..m.start()]);
        last = m.end();
        match lex_match(&c) {
            Ok(ch) => text.push(ch),
            Err(Some(lexeme)) => {
                out.push(Lexeme::Text(std::mem::take(&mut text)));
                out.push(lexeme);
            }
            Err(None) => text.push_str(m.as_str()),
        }
    }
    text.push_str(&s[last..]);
    out.push(Lexeme::Text(text));
    out
}

/// `Ok(char)` for an entity, `Err(Some(..))` for an element, `Err(None)` for
/// something that only looked like one (an invalid code point, a huge id).
fn lex_match(c: &regex::Captures) -> Result<char, Option<Lexeme>> {
    let is_x = |m: regex::Match| m.as_str().eq_ignore_ascii_case("x");
    if let (Some(kind), Some(id)) = (c.get(1), c.get(2)) {
        let id: u32 = id.as_str().parse().map_err(|_| None)?;
        let empty = c.get(3).is_some_and(|m| !m.as_str().is_empty());
        return Err(Some(match (is_x(kind), empty) {
            (true, _) => Lexeme::X(id),
            (false, true) => Lexeme::EmptyG(id),
            (false, false) => Lexeme::Open(id),
        }));
    }
    if let Some(kind) = c.get(4) {
        return Err(Some(if is_x(kind) {
            Lexeme::CloseX
        } else {
            Lexeme::CloseG
        }));
    }
    entity(c).ok_or(None)
}

fn entity(c: &regex::Captures) -> Option<char> {
    if let Some(name) = c.get(5) {
        return Some(match name.as_str() {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            _ => '\'',
        });
    }
    let code = match (c.get(6), c.get(7)) {
        (Some(dec), _) => dec.as_str().parse().ok()?,
        (_, Some(hex)) => u32::from_str_radix(hex.as_str(), 16).ok()?,
        _ => return None,
    };
    char::from_u32(code)
}

/// Checks ids against the pieces: known, right kind, once each, nested.
fn validate(p: &Protected, lexemes: Vec<Lexeme>) -> Result<Vec<Tok>, ProtectError> {
    let mut seen = vec![false; p.pieces.len()];
    let mut stack: Vec<u32> = Vec::new();
    let mut toks = Vec::new();
    for lx in lexemes {
        match lx {
            Lexeme::Text(t) => toks.push(Tok::Text(t)),
            Lexeme::X(id) => {
                p.claim(id, false, &mut seen)?;
                toks.push(Tok::X(id));
            }
            Lexeme::Open(id) => {
                p.claim(id, true, &mut seen)?;
                stack.push(id);
                toks.push(Tok::Open(id));
            }
            Lexeme::EmptyG(id) => {
                p.claim(id, true, &mut seen)?;
                toks.extend([Tok::Open(id), Tok::Close(id)]);
            }
            Lexeme::CloseG => toks.push(Tok::Close(stack.pop().ok_or(ProtectError::BadNesting)?)),
            Lexeme::CloseX => {}
        }
    }
    if let Some(&id) = stack.last() {
        let src = p.describe(id);
        return Err(ProtectError::Unbalanced { id, src });
    }
    match seen.iter().position(|s| !s) {
        Some(i) => {
            let id = i as u32 + 1;
            let src = p.describe(id);
            Err(ProtectError::MissingId { id, src })
        }
        None => Ok(toks),
    }
}

impl Protected {
    /// Records one use of `id` as a paired (`g`) or empty (`x`) element.
    fn claim(&self, id: u32, paired: bool, seen: &mut [bool]) -> Result<(), ProtectError> {
        let i = (id as usize)
            .checked_sub(1)
            .filter(|&i| i < self.pieces.len())
            .ok_or(ProtectError::UnknownId(id))?;
        let is_pair = matches!(self.pieces[i], Piece::Pair { .. });
        if is_pair != paired {
            let (want, got) = if is_pair {
                ("<g>", "<x/>")
            } else {
                ("<x/>", "<g>")
            };
            return Err(ProtectError::Malformed(format!(
                "placeholder {id} (`{}`) must be a {want} element, not {got}",
                self.describe(id)
            )));
        }
        if std::mem::replace(&mut seen[i], true) {
            let src = self.describe(id);
            return Err(ProtectError::DuplicateId { id, src });
        }
        Ok(())
    }
}

/// Whitespace next to each element in the protected source text.
#[derive(Default)]
struct Shape {
    /// Spaces just before and just after each x element, by id.
    x_spaces: Vec<(usize, usize)>,
    /// Whether the source had whitespace just inside a g element's start/end.
    g_inner_ws: Vec<(bool, bool)>,
}

impl Shape {
    fn of(p: &Protected) -> Self {
        let n = p.pieces.len();
        let mut shape = Shape {
            x_spaces: vec![(0, 0); n],
            g_inner_ws: vec![(false, false); n],
        };
        // The protected text always validates against itself.
        let toks = validate(p, lex(&p.text)).unwrap_or_default();
        for (i, tok) in toks.iter().enumerate() {
            let before = i.checked_sub(1).and_then(|j| text_at(&toks, j));
            let after = text_at(&toks, i + 1);
            match *tok {
                Tok::X(id) => {
                    shape.x_spaces[id as usize - 1] = (
                        trailing(before).matches(' ').count(),
                        leading(after).matches(' ').count(),
                    )
                }
                Tok::Open(id) => shape.g_inner_ws[id as usize - 1].0 = !leading(after).is_empty(),
                Tok::Close(id) => {
                    shape.g_inner_ws[id as usize - 1].1 = !trailing(before).is_empty()
                }
                Tok::Text(_) => {}
            }
        }
        shape
    }
}

fn trailing(t: Option<&str>) -> &str {
    t.map_or("", |t| &t[t.trim_end().len()..])
}

fn leading(t: Option<&str>) -> &str {
    t.map_or("", |t| &t[..t.len() - t.trim_start().len()])
}

fn text_at(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Tok::Text(t)) => Some(t),
        _ => None,
    }
}

/// Moves whitespace the engine put just inside a g element out of it,
/// innermost first, unless the source itself had whitespace there.
fn hoist_whitespace(toks: Vec<Tok>, shape: &Shape) -> Vec<Tok> {
    // Merging each time makes hoisted whitespace adjacent to the next
    // enclosing element, so it keeps moving out.
    let mut toks = merge_text(toks);
    while hoist_once(&mut toks, shape) {
        toks = merge_text(toks);
    }
    toks
}

fn hoist_once(toks: &mut Vec<Tok>, shape: &Shape) -> bool {
    let ws = |c: char| c.is_whitespace();
    for i in 0..toks.len().saturating_sub(1) {
        match (&toks[i], &toks[i + 1]) {
            (Tok::Open(id), Tok::Text(t))
                if !shape.g_inner_ws[*id as usize - 1].0 && t.starts_with(ws) =>
            {
                let rest = t.trim_start().to_string();
                let space = t[..t.len() - rest.len()].to_string();
                toks[i + 1] = Tok::Text(rest);
                place_outside(toks, i, space);
                return true;
            }
            (Tok::Text(t), Tok::Close(id))
                if !shape.g_inner_ws[*id as usize - 1].1 && t.ends_with(ws) =>
            {
                let kept = t.trim_end().to_string();
                let space = t[kept.len()..].to_string();
                toks[i] = Tok::Text(kept);
                place_outside(toks, i + 2, space);
                return true;
            }
            _ => {}
        }
    }
    false
}

/// Inserts hoisted whitespace at `at`, unless whitespace already touches
/// that spot (two elements' padding must not add up to a double space).
fn place_outside(toks: &mut Vec<Tok>, at: usize, space: String) {
    let ws = |c: char| c.is_whitespace();
    let before = at.checked_sub(1).and_then(|j| text_at(toks, j));
    let touching = before.is_some_and(|t| t.ends_with(ws))
        || text_at(toks, at).is_some_and(|t| t.starts_with(ws));
    if !touching {
        toks.insert(at, Tok::Text(space));
    }
}

/// Merges adjacent text tokens and drops empty ones.
fn merge_text(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for tok in toks {
        match (out.last_mut(), tok) {
            (_, Tok::Text(t)) if t.is_empty() => {}
            (Some(Tok::Text(prev)), Tok::Text(t)) => prev.push_str(&t),
            (_, tok) => out.push(tok),
        }
    }
    out
}

/// An emphasis the engine emptied would restore as stray `**`: drop it, and
/// the whitespace it would leave doubled.
fn drop_empty_emphasis(p: &Protected, toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut squeeze = false;
    for tok in merge_text(toks) {
        if let (Some(Tok::Open(a)), Tok::Close(b)) = (out.last(), &tok)
            && a == b
            && p.is_emphasis(*b)
        {
            out.pop();
            squeeze = out.last_mut().is_some_and(squeeze_end);
            continue;
        }
        match tok {
            Tok::Text(t) if std::mem::take(&mut squeeze) => {
                out.push(Tok::Text(t.trim_start().to_string()))
            }
            tok => out.push(tok),
        }
    }
    merge_text(out)
}

/// Shrinks a text token's trailing whitespace to one character; true if it
/// had any (so the next token's leading whitespace is redundant).
fn squeeze_end(tok: &mut Tok) -> bool {
    let Tok::Text(t) = tok else { return false };
    let keep = t.trim_end().len();
    let Some(ws) = t[keep..].chars().next() else {
        return false;
    };
    t.truncate(keep);
    t.push(ws);
    true
}

impl Protected {
    fn is_emphasis(&self, id: u32) -> bool {
        matches!(
            self.pieces[id as usize - 1],
            Piece::Pair {
                kind: PairKind::Emphasis,
                ..
            }
        )
    }
}

/// Engines pad elements with spaces (`mot  <x id="1"/>`): a run of two or
/// more spaces next to an x shrinks to what the source had there (>= 1).
fn collapse_spaces(mut toks: Vec<Tok>, shape: &Shape) -> Vec<Tok> {
    for i in 0..toks.len() {
        let Tok::X(id) = toks[i] else { continue };
        let (before, after) = shape.x_spaces[id as usize - 1];
        if let Some(Tok::Text(t)) = i.checked_sub(1).and_then(|j| toks.get_mut(j)) {
            let run = t.len() - t.trim_end_matches(' ').len();
            if run >= 2 {
                t.truncate(t.len() - run + run.min(before.max(1)));
            }
        }
        if let Some(Tok::Text(t)) = toks.get_mut(i + 1) {
            let run = t.len() - t.trim_start_matches(' ').len();
            if run >= 2 {
                t.replace_range(..run - run.min(after.max(1)), "");
            }
        }
    }
    toks
}

/// Puts each element's source back.
fn render(p: &Protected, toks: &[Tok]) -> Pattern {
    let mut parts = Vec::new();
    for tok in toks {
        match tok {
            Tok::Text(t) => parts.push(Part::Text(t.clone())),
            Tok::X(id) | Tok::Open(id) | Tok::Close(id) => {
                let src = match (&p.pieces[*id as usize - 1], tok) {
                    (Piece::Atom { src, .. }, _) => src,
                    (Piece::Pair { open, .. }, Tok::Open(_)) => open,
                    (Piece::Pair { close, .. }, _) => close,
                };
                parts.extend(p.unmark(src));
            }
        }
    }
    Pattern(parts).normalized()
}

/// Trims the engine's outer whitespace and restores the source's.
fn finish(p: &Protected, pat: Pattern) -> Pattern {
    let mut parts = pat.0;
    if let Some(Part::Text(t)) = parts.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Part::Text(t)) = parts.last_mut() {
        *t = t.trim_end().to_string();
    }
    let lead = &p.text[..p.text.len() - p.text.trim_start().len()];
    // An all-blank source is all lead: do not add it twice.
    let trail = &p.text[p.text.trim_end().len().max(lead.len())..];
    parts.insert(0, Part::Text(lead.to_string()));
    parts.push(Part::Text(trail.to_string()));
    Pattern(parts).normalized()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> Protected {
        protect(&Pattern::text(s), Syntax::Markdown, "")
    }

    fn md_back(p: &Protected, translated: &str) -> String {
        let pat = restore(p, translated).expect("restores");
        pat.as_plain_text().expect("no placeables")
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
    fn whitespace_leaves_nested_elements() {
        let p = md("un ***mot*** [lien](u)");
        let answer = "una<g id=\"1\"><g id=\"2\"> palabra </g></g><g id=\"3\"> enlace</g>";
        assert_eq!(md_back(&p, answer), "una ***palabra*** [enlace](u)");
        // Whitespace the source itself had inside a link stays there.
        let p = md("[ lien ](u)");
        assert_eq!(md_back(&p, "<g id=\"1\"> enlace </g>"), "[ enlace ](u)");
    }

    #[test]
    fn emptied_emphasis_is_dropped() {
        let p = md("un **mot**");
        assert_eq!(md_back(&p, "una <g id=\"1\"> </g>palabra"), "una palabra");
    }

    #[test]
    fn spaces_around_x_collapse() {
        let p = md("voir `code` ici");
        assert_eq!(p.text, "voir <x id=\"1\"/> ici");
        assert_eq!(
            md_back(&p, "ver   <x id=\"1\"></x>  aquí"),
            "ver `code` aquí"
        );
        assert_eq!(md_back(&p, "ver<x id = '1' />aquí"), "ver`code`aquí");
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
    fn entities_and_escapes_survive() {
        let src = "&eacute;t&eacute; \\_ &amp; <span>x</span>";
        let p = md(src);
        assert_eq!(
            p.text,
            "&amp;eacute;t&amp;eacute; \\_ &amp;amp; <x id=\"1\"/>x<x id=\"2\"/>"
        );
        assert_eq!(md_back(&p, &p.text), src);
    }

    fn plain() -> Pattern {
        Pattern(vec![
            Part::Text("Bonjour ".into()),
            Part::Placeable("$title".into()),
            Part::Text(" & <3".into()),
        ])
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

    #[test]
    fn dropped_x_is_missing() {
        let p = protect(&plain(), Syntax::Plain, "");
        let err = restore(&p, "Hola &amp; &lt;3").unwrap_err();
        assert_eq!(
            err,
            ProtectError::MissingId {
                id: 1,
                src: "{ $title }".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "placeholder 1 (`{ $title }`) missing from the translation"
        );
    }

    #[test]
    fn duplicated_x() {
        let p = protect(&plain(), Syntax::Plain, "");
        let err = restore(&p, "<x id=\"1\"/> Hola <x id=\"1\"/>").unwrap_err();
        assert!(
            matches!(err, ProtectError::DuplicateId { id: 1, .. }),
            "{err}"
        );
    }

    #[test]
    fn unknown_id() {
        let p = protect(&plain(), Syntax::Plain, "");
        let err = restore(&p, "Hola <x id=\"1\"/> <x id=\"9\"/>").unwrap_err();
        assert_eq!(err, ProtectError::UnknownId(9));
    }

    #[test]
    fn unclosed_and_stray_g() {
        let p = md("un *mot* ici");
        let err = restore(&p, "una <g id=\"1\">palabra aquí").unwrap_err();
        assert_eq!(
            err,
            ProtectError::Unbalanced {
                id: 1,
                src: "*…*".into()
            }
        );
        let err = restore(&p, "una <g id=\"1\">palabra</g></g> aquí").unwrap_err();
        assert_eq!(err, ProtectError::BadNesting);
    }

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
    fn glossary_terms_match_whole_words_and_case() {
        let t = glossary();
        assert_eq!(
            t.find("KEOOGOS keoogo Dispensaires _KEOOGO"),
            Vec::<&str>::new()
        );
        assert_eq!(
            t.find("(KEOOGO) Dispensaire Trottoir."),
            ["KEOOGO", "Dispensaire Trottoir"]
        );
        let plain = protect_with(&Pattern::text("Voir KEOOGO"), Syntax::Plain, "", &t);
        assert_eq!(plain.text, "Voir <x id=\"1\"/>");
        assert!(Terms::new(&[]).is_empty());
    }

    #[test]
    fn wrong_element_kind_is_malformed() {
        let p = md("un *mot* `ici`");
        let err = restore(&p, "<x id=\"1\"/> <g id=\"2\">aquí</g>").unwrap_err();
        assert!(matches!(err, ProtectError::Malformed(_)), "{err}");
    }
}
