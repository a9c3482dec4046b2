//! Markdown post body → translatable blocks, and back.
//!
//! [`segment`] finds the leaf blocks that carry inline text (headings,
//! paragraphs, list items' text, paragraphs in block quotes) and gives each
//! one's inline Markdown exactly as written, with its container prefixes
//! (`> `, list markers and indentation, `#`s, setext underline) removed and
//! the alt text and title of every image taken out as separate strings.
//! [`reassemble`] puts translated inline text back at the same places and
//! copies every other byte of the body unchanged, so translating every block
//! by itself gives back the body byte for byte.
//!
//! It does not: remove front matter (the caller does), translate, render
//! HTML, handle tables (off in [`post_options`]), or check that a translation
//! keeps the block structure — a translated line that starts like a block
//! (`- `, `1. `, `> `, `===`) changes it, so callers should compare the
//! structure of the result. Collapsed and shortcut reference images
//! (`![alt][]`, `![alt]`) use their alt text as the reference label, so they
//! stay whole in the text and get no [`Image`] entry; full reference images
//! (`![alt][ref]`) keep their title in the definition, so only inline images
//! (`![alt](src "title")`) have a title attribute.
//!
//! How: a block's content span runs from the first to the last of its inline
//! events (adjusted for two pulldown-cmark range quirks: backslash escapes
//! and collapsed references). A continuation line's prefix is its leading
//! spaces, tabs and at most as many `>` as there are quotes around the
//! block, cut at the line's first inline event. Reassembly writes each
//! translated line after the original prefix of the same line, then finds
//! the images by parsing the result: first guessing that every `![]` is
//! one, then, where the parse disagrees, asking the parser with alt texts
//! left empty.

use std::ops::Range;

pub use pulldown_cmark::Options;
use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

/// Options used for posts: CommonMark plus strikethrough (GFM style).
/// Tables stay off for now: cells would need their own blocks.
pub fn post_options() -> Options {
    Options::ENABLE_STRIKETHROUGH
}

/// What a block is, as far as translators and reviewers care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Heading,
    Paragraph,
    /// A list item's text (tight) or a paragraph inside a list item.
    Item,
    /// A paragraph inside a block quote (even inside a list item).
    Quote,
}

/// The translatable parts of one image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// Raw Markdown source of the alt text (prefixes of continuation lines
    /// removed, lines joined with '\n').
    pub alt: String,
    /// Raw Markdown source of the title, between its delimiters; `None` when
    /// the image has no title (or is a reference image: its title lives in
    /// the definition).
    pub title: Option<String>,
}

/// One translatable block of the body.
#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's inline Markdown exactly as in the source, container
    /// prefixes removed, lines joined with '\n'; every image has its alt text
    /// removed and its title (if any) emptied between its delimiters:
    /// `![alt](src "title")` reads `![](src "")`.
    pub text: String,
    /// The images of this block in order (their alt/title become Fluent
    /// attributes).
    pub images: Vec<Image>,
    /// Source byte range of each line's content: what follows the container
    /// prefix, up to the line ending (the last one up to the block's end).
    lines: Vec<Range<usize>>,
    /// An ATX heading must stay on one line.
    atx: bool,
    /// The inline text with the alt texts and titles still in it.
    full: String,
    /// Where each image's alt text belongs in `text` (right after `![`).
    slots: Vec<usize>,
}

/// A segmented body.
#[derive(Clone, Debug)]
pub struct Segmented {
    pub blocks: Vec<Block>,
    /// Every link reference definition of the document, one per line, so a
    /// block's text can be parsed standalone with its references resolved.
    pub ref_defs: String,
    /// Reassembly re-parses the output with the same options.
    options: Options,
}

/// A translation of one block: same shape as [`Block`]'s text and images.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlockText {
    pub text: String,
    pub images: Vec<Image>,
}

impl Segmented {
    /// Every block translated as itself: reassembly gives the body back.
    pub fn identity(&self) -> Vec<Option<BlockText>> {
        self.blocks
            .iter()
            .map(|b| {
                Some(BlockText {
                    text: b.text.clone(),
                    images: b.images.clone(),
                })
            })
            .collect()
    }
}

/// Splits `body` into translatable blocks (see the module documentation).
pub fn segment(body: &str, options: Options) -> Segmented {
    let iter = Parser::new_ext(body, options).into_offset_iter();
    let ref_defs = ref_defs_source(body, iter.reference_definitions());
    let mut walker = Walker::new(body);
    for (event, range) in iter {
        walker.event(event, range);
    }
    let mut blocks = walker.blocks;
    for block in blocks.iter_mut().filter(|b| !b.images.is_empty()) {
        keep_alts_if_needed(block, &ref_defs, options);
    }
    let mut seg = Segmented {
        blocks,
        ref_defs,
        options,
    };
    // Alts and titles out can also change how a neighbouring block parses
    // (with lone CR line endings, pulldown-cmark reads the line after a
    // `` ``` `` as its info string, which a backtick in the alt or title
    // disqualified). One line of plain words cannot; otherwise, whatever
    // the cause, if the body does not come back whole, every block keeps
    // its alts in its text. Bodies with lone CRs are always checked.
    let plain_image = |i: &Image| plain(&i.alt) && i.title.as_deref().is_none_or(plain);
    let mut images = seg.blocks.iter().flat_map(|b| &b.images).peekable();
    let lone_cr = body
        .match_indices('\r')
        .any(|(i, _)| body.as_bytes().get(i + 1) != Some(&b'\n'));
    if images.peek().is_some()
        && (lone_cr || !images.all(plain_image))
        && reassemble(body, &seg, &seg.identity()) != body
    {
        seg.blocks.iter_mut().for_each(Block::keep_alts);
    }
    seg
}

/// Taking an alt text out can change how the rest parses (`![](![a]())`
/// is text around an image; `![](![]())` is one image; `[r]:\n/u![(](x)`
/// is a paragraph, `[r]:\n/u![](x)` a link reference definition). When the
/// text without alts is not one paragraph holding the same images,
/// empty-alted, the block keeps its alts in its text and has no image
/// attributes.
fn keep_alts_if_needed(block: &mut Block, ref_defs: &str, options: Options) {
    let with = top_images(&block.full, ref_defs, options);
    let without = top_images(&block.text, ref_defs, options);
    let same = one_paragraph(&block.text, options)
        && with.len() == block.images.len()
        && without.len() == with.len()
        && without.iter().zip(&with).all(|(a, b)| a.1 == b.1 && a.2)
        && without.iter().map(|a| a.0).eq(block.slots.iter().copied());
    if !same {
        block.keep_alts();
    }
}

/// One line of text without the characters block structure or inline
/// markup can hinge on: taking it out of a line changes no other block.
fn plain(alt: &str) -> bool {
    !alt.contains([
        '`', '~', '<', '>', '[', ']', '(', ')', '\\', '&', '*', '_', '!', '#', '\r', '\n', '\t',
    ])
}

impl Block {
    /// The alt texts stay in the text: no image attributes.
    fn keep_alts(&mut self) {
        self.text = self.full.clone();
        self.images.clear();
        self.slots.clear();
    }
}

/// Whether `text`, standing alone, is read as one paragraph and nothing
/// else. Without its alt texts a paragraph can become a link reference
/// definition (`[r]:\n/u![](x)`) or open a code fence (`` ```![](x) ``,
/// whose info string could not hold the alt's backticks).
fn one_paragraph(text: &str, options: Options) -> bool {
    let parser = Parser::new_ext(text, options);
    if parser.reference_definitions().iter().next().is_some() {
        return false;
    }
    let mut paragraphs = 0;
    let mut last = None;
    for (i, event) in parser.enumerate() {
        match event {
            Event::Start(Tag::Paragraph) if i == 0 => paragraphs += 1,
            Event::Start(Tag::Paragraph) => return false,
            _ if i == 0 => return false,
            _ => {}
        }
        last = Some(event);
    }
    paragraphs == 1 && matches!(last, Some(Event::End(TagEnd::Paragraph)))
}

/// Alt position (right after `![`, in `text`), destination and "alt is
/// empty" of every top-level image with its own alt text, the text parsed
/// as a paragraph.
fn top_images(text: &str, ref_defs: &str, options: Options) -> Vec<(usize, String, bool)> {
    // "x " keeps the text in paragraph context; it is as long as `![`.
    let doc = format!("x {text}\n\n{ref_defs}");
    let mut out: Vec<(usize, String, bool)> = Vec::new();
    let mut depth = 0usize;
    // Whether the open top-level image is one of `out` (has its own alt).
    let mut counted = false;
    for (event, range) in Parser::new_ext(&doc, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => {
                if depth == 0 {
                    counted = has_own_alt(link_type);
                    if counted {
                        out.push((range.start, dest_url.to_string(), true));
                    }
                }
                depth += 1;
            }
            Event::End(TagEnd::Image) => depth = depth.saturating_sub(1),
            _ if depth > 0 && counted => {
                if let Some(last) = out.last_mut() {
                    last.2 = false;
                }
            }
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Walking the events

/// A container around the current event; only quotes and items decide a
/// block's kind and prefix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Quote,
    Item,
    Other,
}

/// An image met in a block: its whole source and the span of its alt text.
struct RawImage {
    whole: Range<usize>,
    alt: Option<Range<usize>>,
    link_type: LinkType,
}

/// A block whose inline events are being collected.
struct Pending {
    kind: BlockKind,
    atx: bool,
    /// Tight list item text has no Paragraph end event: the next block-level
    /// event ends it.
    implicit: bool,
    /// Block quotes around the block: at most that many `>` in a prefix.
    quotes: usize,
    /// Start of every inline event (ends are implied by `end`).
    starts: Vec<usize>,
    end: usize,
    images: Vec<RawImage>,
    /// Depth of Image tags open (images can nest inside alt text).
    image_depth: usize,
}

struct Walker<'a> {
    body: &'a str,
    stack: Vec<Container>,
    pending: Option<Pending>,
    blocks: Vec<Block>,
}

impl<'a> Walker<'a> {
    fn new(body: &'a str) -> Self {
        Walker {
            body,
            stack: Vec::new(),
            pending: None,
            blocks: Vec::new(),
        }
    }

    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(Tag::Paragraph) => self.open(self.paragraph_kind(), false, false),
            Event::Start(Tag::Heading { .. }) => {
                let atx = !self.body[range].trim_end().contains(['\n', '\r']);
                self.open(BlockKind::Heading, atx, false);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => self.close(),
            Event::Start(tag) if is_inline_tag(&tag) => {
                let range = collapsed_end(self.body, &tag, range);
                self.inline(Some(&tag), range);
            }
            Event::End(end) if is_inline_end(end) => self.inline_end(end),
            Event::Start(tag) => {
                self.close_implicit();
                self.stack.push(container(&tag));
            }
            Event::End(_) => {
                self.close_implicit();
                self.stack.pop();
            }
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::SoftBreak
            | Event::HardBreak => {
                let start = escaped_start(self.body, &event, range.start);
                self.inline(None, start..range.end);
            }
            Event::Html(_) | Event::Rule => self.close_implicit(),
            Event::TaskListMarker(_) => {}
        }
    }

    fn paragraph_kind(&self) -> BlockKind {
        if self.stack.contains(&Container::Quote) {
            BlockKind::Quote
        } else if self.stack.contains(&Container::Item) {
            BlockKind::Item
        } else {
            BlockKind::Paragraph
        }
    }

    fn open(&mut self, kind: BlockKind, atx: bool, implicit: bool) {
        self.close_implicit();
        let quotes = self
            .stack
            .iter()
            .filter(|c| **c == Container::Quote)
            .count();
        self.pending = Some(Pending {
            kind,
            atx,
            implicit,
            quotes,
            starts: Vec::new(),
            end: 0,
            images: Vec::new(),
            image_depth: 0,
        });
    }

    fn close(&mut self) {
        if let Some(pending) = self.pending.take() {
            self.blocks.extend(build_block(self.body, pending));
        }
    }

    fn close_implicit(&mut self) {
        if self.pending.as_ref().is_some_and(|p| p.implicit) {
            self.close();
        }
    }

    /// An inline event (or the start of an inline tag) covering `range`.
    fn inline(&mut self, tag: Option<&Tag>, range: Range<usize>) {
        if self.pending.is_none() && self.stack.last() == Some(&Container::Item) {
            // A tight item's text comes without a Paragraph event.
            self.open(self.paragraph_kind(), false, true);
        }
        let Some(p) = self.pending.as_mut() else {
            return; // code block text, table cells: not translatable here
        };
        p.starts.push(range.start);
        p.end = p.end.max(range.end);
        if let (true, Some(image)) = (p.image_depth > 0, p.images.last_mut()) {
            // Inside an image: the event is part of its alt text.
            let alt = image.alt.get_or_insert(range.clone());
            alt.end = alt.end.max(range.end);
        }
        if let Some(Tag::Image { link_type, .. }) = tag {
            if p.image_depth == 0 {
                p.images.push(RawImage {
                    whole: range,
                    alt: None,
                    link_type: *link_type,
                });
            }
            p.image_depth += 1;
        }
    }

    fn inline_end(&mut self, end: TagEnd) {
        if let (TagEnd::Image, Some(p)) = (end, self.pending.as_mut()) {
            p.image_depth = p.image_depth.saturating_sub(1);
        }
    }
}

fn is_inline_tag(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn container(tag: &Tag) -> Container {
    match tag {
        Tag::BlockQuote(_) => Container::Quote,
        Tag::Item => Container::Item,
        _ => Container::Other,
    }
}

/// pulldown-cmark starts the text of a backslash escape after the backslash;
/// the block must start at the backslash or `\# x` would lose it.
fn escaped_start(body: &str, event: &Event, start: usize) -> usize {
    let bytes = body.as_bytes();
    let escaped = matches!(event, Event::Text(_))
        && start > 0
        && bytes[start - 1] == b'\\'
        && bytes.get(start).is_some_and(u8::is_ascii_punctuation);
    if escaped { start - 1 } else { start }
}

/// pulldown-cmark ends a collapsed reference (`[foo][]`) before its `[]`;
/// the block must include it or a translation would leave `[]` behind.
fn collapsed_end(body: &str, tag: &Tag, range: Range<usize>) -> Range<usize> {
    let collapsed = matches!(
        tag,
        Tag::Link {
            link_type: LinkType::Collapsed | LinkType::CollapsedUnknown,
            ..
        } | Tag::Image {
            link_type: LinkType::Collapsed | LinkType::CollapsedUnknown,
            ..
        }
    );
    if collapsed && body[range.end..].starts_with("[]") {
        range.start..range.end + 2
    } else {
        range
    }
}

/// Only inline and full reference images have an alt text that is not also
/// a reference label.
fn has_own_alt(link_type: LinkType) -> bool {
    matches!(link_type, LinkType::Inline | LinkType::Reference)
}

// ---------------------------------------------------------------------------
// Building a block

fn build_block(body: &str, mut p: Pending) -> Option<Block> {
    p.starts.sort_unstable();
    let start = *p.starts.first()?;
    if start >= p.end {
        return None; // e.g. `#` alone
    }
    let lines = content_lines(body, start..p.end, &p.starts, p.quotes);
    let full = FullText::new(body, &lines);
    let mut cuts = Vec::new();
    let mut images = Vec::new();
    let mut alt_starts = Vec::new();
    for raw in p.images.iter().filter(|i| has_own_alt(i.link_type)) {
        let (image, image_cuts) = full.image(raw);
        images.push(image);
        alt_starts.push(image_cuts[0].start);
        cuts.extend(image_cuts);
    }
    let text = full.without(&cuts);
    let slots = alt_slots(&alt_starts, &cuts);
    let full = full.text;
    Some(Block {
        kind: p.kind,
        text,
        images,
        lines,
        atx: p.atx,
        full,
        slots,
    })
}

/// Where alt texts starting at `starts` (full-text offsets) fall once the
/// (sorted) `cuts` are taken out.
fn alt_slots(starts: &[usize], cuts: &[Range<usize>]) -> Vec<usize> {
    starts
        .iter()
        .map(|&at| {
            at - cuts
                .iter()
                .filter(|c| c.end <= at)
                .map(|c| c.len())
                .sum::<usize>()
        })
        .collect()
}

/// Splits `span` into per-line content ranges. A continuation line's prefix
/// is its leading run of spaces, tabs and (at most `quotes`) `>`, cut at the
/// first inline event starting on that line (`    > x` continuing a
/// paragraph is content `> x`).
fn content_lines(
    body: &str,
    span: Range<usize>,
    starts: &[usize],
    quotes: usize,
) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = span.start;
    loop {
        let (end, next) = line_end(body, start, span.end);
        lines.push(start..end);
        match next {
            Some(next) => start = prefix_end(body, next, span.end, starts, quotes),
            None => return lines,
        }
    }
}

/// End of the line content starting at `from` (capped at `limit`) and the
/// start of the next line if it is before `limit`. CommonMark line endings
/// are `\n`, `\r\n` and a lone `\r`.
fn line_end(body: &str, from: usize, limit: usize) -> (usize, Option<usize>) {
    match body[from..limit].find(['\n', '\r']) {
        None => (limit, None),
        Some(i) => {
            let end = from + i;
            let eol = if body[end..].starts_with("\r\n") {
                2
            } else {
                1
            };
            (end, Some((end + eol).min(limit)))
        }
    }
}

fn prefix_end(body: &str, line: usize, limit: usize, starts: &[usize], quotes: usize) -> usize {
    let first_event = starts[starts.partition_point(|s| *s < line)..]
        .first()
        .copied()
        .unwrap_or(limit);
    let cap = first_event.min(limit);
    let bytes = body.as_bytes();
    let (mut i, mut seen) = (line, 0);
    while i < cap {
        match bytes[i] {
            b' ' | b'\t' => {}
            b'>' if seen < quotes => seen += 1,
            _ => break,
        }
        i += 1;
    }
    i
}

/// A block's lines joined with '\n' (prefixes removed), with a map from
/// source offsets: alt and title ranges are cut in these coordinates.
struct FullText<'a> {
    text: String,
    lines: &'a [Range<usize>],
    starts: Vec<usize>,
}

impl<'a> FullText<'a> {
    fn new(body: &str, lines: &'a [Range<usize>]) -> Self {
        let mut text = String::new();
        let mut starts = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            starts.push(text.len());
            text.push_str(&body[line.clone()]);
        }
        FullText {
            text,
            lines,
            starts,
        }
    }

    /// Full-text offset of source offset `pos` (which lies in some line).
    fn at(&self, pos: usize) -> usize {
        let k = self
            .lines
            .partition_point(|l| l.start <= pos)
            .saturating_sub(1);
        let line = &self.lines[k];
        self.starts[k] + pos.clamp(line.start, line.end) - line.start
    }

    /// The image's alt/title and the full-text ranges to cut for them. The
    /// alt runs from `![` to its `]`: whitespace at either end belongs to no
    /// event (`![\t\n](x)` has only a SoftBreak).
    fn image(&self, raw: &RawImage) -> (Image, Vec<Range<usize>>) {
        let start = self.at(raw.whole.start + 2);
        let events_end = raw.alt.as_ref().map_or(start, |alt| self.at(alt.end));
        let bracket = skip_space(self.text.as_bytes(), events_end);
        let end = match self.text.as_bytes().get(bracket) {
            Some(b']') => bracket,
            _ => events_end,
        };
        // The title must lie inside the image: never trust a scan past it.
        let image_end = self.at(raw.whole.end);
        let title = match raw.link_type {
            LinkType::Inline => scan_title(&self.text, end).filter(|t| t.end < image_end),
            _ => None,
        };
        let image = Image {
            alt: self.text[start..end].to_string(),
            title: title.clone().map(|t| self.text[t].to_string()),
        };
        (image, std::iter::once(start..end).chain(title).collect())
    }

    /// The text without the (sorted, disjoint) `cuts`.
    fn without(&self, cuts: &[Range<usize>]) -> String {
        let mut out = String::new();
        let mut cursor = 0;
        for cut in cuts {
            out.push_str(&self.text[cursor..cut.start]);
            cursor = cut.end;
        }
        out.push_str(&self.text[cursor..]);
        out
    }
}

// ---------------------------------------------------------------------------
// Scanning an inline image's destination and title

/// Range of the title's content in `text` for an inline image whose alt text
/// ends at `alt_end` (`](dest "title")` follows), if it has a title.
fn scan_title(text: &str, alt_end: usize) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let mut i = skip_space(b, alt_end);
    if b.get(i) != Some(&b']') || b.get(i + 1) != Some(&b'(') {
        return None;
    }
    i = skip_space(b, i + 2);
    i = skip_destination(b, i)?;
    i = skip_space(b, i);
    let close = match b.get(i)? {
        b'"' => b'"',
        b'\'' => b'\'',
        b'(' => b')',
        _ => return None,
    };
    let start = i + 1;
    let mut k = start;
    while k < b.len() {
        match b[k] {
            b'\\' => k += 1,
            c if c == close => return Some(start..k),
            b'(' if close == b')' => return None,
            _ => {}
        }
        k += 1;
    }
    None
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// End of a link destination starting at `i` (`<…>` or a raw destination
/// with balanced parentheses).
fn skip_destination(b: &[u8], mut i: usize) -> Option<usize> {
    if b.get(i) == Some(&b'<') {
        i += 1;
        while let Some(&c) = b.get(i) {
            match c {
                b'\\' => i += 1,
                b'>' => return Some(i + 1),
                b'<' | b'\n' | b'\r' => return None,
                _ => {}
            }
            i += 1;
        }
        return None;
    }
    let mut depth = 0usize;
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 1,
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            c if c.is_ascii_whitespace() || c.is_ascii_control() => break,
            _ => {}
        }
        i += 1;
    }
    Some(i)
}

// ---------------------------------------------------------------------------
// Reference definitions

/// One line per definition, in source order: the raw source when it is on
/// one line, otherwise rebuilt (escaped) from the parsed label, destination
/// and title.
fn ref_defs_source(body: &str, defs: &pulldown_cmark::RefDefs) -> String {
    let mut defs: Vec<_> = defs.iter().collect();
    defs.sort_by_key(|(_, def)| def.span.start);
    let mut out = String::new();
    for (label, def) in defs {
        let raw = body[def.span.clone()].trim();
        if !raw.contains(['\n', '\r']) {
            out.push_str(raw);
        } else {
            out.push_str(&format!(
                "[{label}]: <{}>",
                escape_chars(&def.dest, "<>\\&")
            ));
            if let Some(title) = &def.title {
                out.push_str(&format!(" \"{}\"", escape_chars(title, "\"\\&")));
            }
        }
        out.push('\n');
    }
    out
}

/// Backslash-escapes `special` characters; line breaks (possible in titles)
/// become character references so the definition stays on one line.
fn escape_chars(s: &str, special: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if special.contains(c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Reassembly

/// Replaces each block's inline content by its translation (None, or no
/// entry at all, = keep the source); everything else (container markup,
/// code blocks, HTML blocks, reference definitions, blank lines, line
/// endings) is copied byte for byte.
///
/// Translated line i goes after the original prefix of line i; extra lines
/// get a continuation prefix derived from the first line's (`> - ` →
/// `>   `), missing lines drop their prefix; an ATX heading's lines are
/// joined with spaces. The i-th image of a block gets `images[i]`'s alt and
/// title (unescaped title delimiters get a backslash); images beyond either
/// list keep an empty alt or are dropped.
pub fn reassemble(body: &str, seg: &Segmented, translations: &[Option<BlockText>]) -> String {
    let work: Vec<Option<(String, &[Image])>> = seg
        .blocks
        .iter()
        .zip(translations)
        .map(|(block, t)| {
            let t = t.as_ref()?;
            Some((prepare(body, block, &t.text, seg.options), &t.images[..]))
        })
        .collect();
    // First: the images are those the parser finds with every alt text
    // empty (segmentation made sure that holds for the French). The parse
    // of the filled result confirms it block by block.
    let drafts: Vec<Option<String>> = work
        .iter()
        .map(|w| w.as_ref().map(|w| w.0.clone()))
        .collect();
    let (draft, placed) = render(body, seg, &drafts);
    let parsed = image_slots(&draft, seg.options, &placed);
    let firsts: Vec<Option<Filled>> = work
        .iter()
        .enumerate()
        .map(|(i, w)| {
            w.as_ref()
                .map(|(text, images)| fill_images(text, &parsed[i], images))
        })
        .collect();
    let (out, placed) = render(body, seg, &texts(&firsts));
    let found = image_slots(&out, seg.options, &placed);
    let confirmed = |i: usize, g: &Filled| found.get(i).is_some_and(|f| *f == g.slots);
    if firsts
        .iter()
        .enumerate()
        .all(|(i, g)| g.as_ref().is_none_or(|g| confirmed(i, g)))
    {
        return out;
    }
    // Otherwise (filling an alt changed the parse of a translation) every
    // unescaped `![]` of those blocks is taken for an image.
    let finals: Vec<Option<Filled>> = firsts
        .into_iter()
        .zip(&work)
        .enumerate()
        .map(|(i, (first, w))| {
            let (first, (text, images)) = (first?, w.as_ref()?);
            if confirmed(i, &first) {
                Some(first)
            } else {
                Some(fill_images(text, &bracket_slots(text), images))
            }
        })
        .collect();
    render(body, seg, &texts(&finals)).0
}

/// The translated text as it will be laid out: an ATX heading's lines are
/// joined, and a trailing `#` run that would read as a closing sequence is
/// escaped.
fn prepare(body: &str, block: &Block, text: &str, options: Options) -> String {
    if !block.atx {
        return text.to_string();
    }
    let mut joined = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect::<Vec<_>>()
        .join(" ");
    let trimmed = joined.trim_end_matches([' ', '\t']).len();
    let hashes = joined[..trimmed].trim_end_matches('#').len();
    let end = block.lines[0].end;
    let rest = &body[end..line_end(body, end, body.len()).0];
    if hashes < trimmed && content_end(&format!("# {joined}{rest}"), options) < 2 + trimmed {
        joined.insert(hashes, '\\');
    }
    joined
}

/// Where the inline content of the ATX heading `line` ends. Asks the parser
/// itself: its idea of a closing sequence differs from the spec's in corner
/// cases (`# foo #\t` keeps `#\t`), and identity must hold.
fn content_end(line: &str, options: Options) -> usize {
    Parser::new_ext(line, options)
        .into_offset_iter()
        .filter(|(e, _)| !matches!(e, Event::Start(_) | Event::End(_)))
        .map(|(_, r)| r.end)
        .max()
        .unwrap_or(0)
}

/// Where one translated block landed in a rendered output.
struct Placed {
    block: usize,
    out: Range<usize>,
    /// (output offset, text offset, length) of each line.
    pieces: Vec<(usize, usize, usize)>,
}

/// The body with each `Some` text written in place of its block.
fn render(body: &str, seg: &Segmented, texts: &[Option<String>]) -> (String, Vec<Placed>) {
    let eol = line_ending(body);
    let mut out = String::with_capacity(body.len());
    let mut placed = Vec::new();
    let mut cursor = 0;
    for (i, (block, text)) in seg.blocks.iter().zip(texts).enumerate() {
        let Some(text) = text else { continue };
        let first = block.lines[0].start;
        out.push_str(&body[cursor..first]);
        let start = out.len();
        let pieces = write_lines(body, block, text, eol, &mut out);
        placed.push(Placed {
            block: i,
            out: start..out.len(),
            pieces,
        });
        cursor = block.lines.last().map_or(first, |l| l.end);
    }
    out.push_str(&body[cursor..]);
    (out, placed)
}

/// Writes `text` line by line after the block's prefixes; returns the pieces.
fn write_lines(
    body: &str,
    block: &Block,
    text: &str,
    eol: &str,
    out: &mut String,
) -> Vec<(usize, usize, usize)> {
    let mut pieces = Vec::new();
    let mut text_pos = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if i > 0 {
            out.push_str(&separator(body, block, i, eol));
        }
        pieces.push((out.len(), text_pos, line.len()));
        out.push_str(line);
        text_pos += raw.len() + 1;
    }
    pieces
}

/// What goes before translated line `i` (> 0): the original line ending and
/// prefix of line i, or a derived one for extra lines.
fn separator(body: &str, block: &Block, i: usize, eol: &str) -> String {
    if block.atx {
        " ".to_string()
    } else if i < block.lines.len() {
        body[block.lines[i - 1].end..block.lines[i].start].to_string()
    } else {
        format!("{eol}{}", continuation_prefix(body, block.lines[0].start))
    }
}

/// The first line's prefix with list markers turned into spaces: keeps the
/// line in the same quotes and list item.
fn continuation_prefix(body: &str, first: usize) -> String {
    let line_start = body[..first].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    body[line_start..first]
        .chars()
        .map(|c| {
            if matches!(c, '>' | ' ' | '\t') {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// The body's first line ending, for extra lines.
fn line_ending(body: &str) -> &'static str {
    match body.find(['\n', '\r']) {
        Some(i) if body[i..].starts_with("\r\n") => "\r\n",
        Some(i) if body.as_bytes()[i] == b'\r' => "\r",
        _ => "\n",
    }
}

/// For each block, the text offsets right after `![` of its images, found by
/// parsing the whole draft (block structure and references in context).
fn image_slots(draft: &str, options: Options, placed: &[Placed]) -> Vec<Vec<usize>> {
    let count = placed.last().map_or(0, |p| p.block + 1);
    let mut slots = vec![Vec::new(); count];
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(draft, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { link_type, .. }) => {
                if depth == 0
                    && has_own_alt(link_type)
                    && let Some((block, at)) = locate(placed, range.start + 2)
                {
                    slots[block].push(at);
                }
                depth += 1;
            }
            Event::End(TagEnd::Image) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    slots
}

/// The block and text offset of output offset `pos`, if it is in a block.
fn locate(placed: &[Placed], pos: usize) -> Option<(usize, usize)> {
    let k = placed
        .partition_point(|p| p.out.start <= pos)
        .checked_sub(1)?;
    let p = &placed[k];
    let piece = p
        .pieces
        .iter()
        .rev()
        .find(|(out, _, len)| *out <= pos && pos <= out + len)?;
    Some((p.block, piece.1 + pos - piece.0))
}

/// A translated text with its images' alt texts and titles filled in.
struct Filled {
    text: String,
    /// Where each alt text starts in `text` (right after `![`).
    slots: Vec<usize>,
}

fn texts(filled: &[Option<Filled>]) -> Vec<Option<String>> {
    filled
        .iter()
        .map(|f| f.as_ref().map(|f| f.text.clone()))
        .collect()
}

/// Offsets right after every `![]` not escaped by a backslash.
fn bracket_slots(text: &str) -> Vec<usize> {
    let escaped = |i: usize| text[..i].bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1;
    text.match_indices("![]")
        .map(|(i, _)| i)
        .filter(|&i| !escaped(i))
        .map(|i| i + 2)
        .collect()
}

/// Inserts each image's alt text at its slot and its title between the
/// (empty) title delimiters that follow; slots beyond `images` stay empty.
fn fill_images(text: &str, slots: &[usize], images: &[Image]) -> Filled {
    let mut out = String::with_capacity(text.len());
    let mut filled = Vec::with_capacity(slots.len());
    let mut cursor = 0;
    for (k, &at) in slots.iter().enumerate() {
        out.push_str(&text[cursor..at]);
        filled.push(out.len());
        cursor = at;
        let Some(image) = images.get(k) else { continue };
        out.push_str(&image.alt);
        // A guessed `![]` may be no image: its "title" must not run past
        // the next slot.
        let next = slots.get(k + 1).copied().unwrap_or(text.len());
        let range = scan_title(text, at).filter(|r| r.end <= next);
        if let (Some(title), Some(range)) = (&image.title, range) {
            out.push_str(&text[cursor..range.start]);
            out.push_str(&escape_title(title, text.as_bytes()[range.start - 1]));
            cursor = range.end;
        }
    }
    out.push_str(&text[cursor..]);
    Filled {
        text: out,
        slots: filled,
    }
}

/// Backslash-escapes unescaped delimiters in a title opened by `open`, and a
/// trailing lone backslash that would escape the closing delimiter.
fn escape_title(title: &str, open: u8) -> String {
    let special: &[char] = match open {
        b'(' => &['(', ')'],
        b'\'' => &['\''],
        _ => &['"'],
    };
    let mut out = String::with_capacity(title.len());
    let mut backslashes = 0;
    for c in title.chars() {
        if special.contains(&c) && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    if backslashes % 2 == 1 {
        out.push('\\');
    }
    out
}

#[cfg(test)]
mod tests {
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
}
