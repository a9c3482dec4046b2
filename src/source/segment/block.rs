//! Building a block from its collected inline events: the content range of
//! each line (container prefixes left out), the inline text with lines
//! joined by '\n', and that text with every image's alt text and title cut
//! out, with where each alt text belongs.
//!
//! It does not walk the parser's events (that is `walk`) and does not check
//! that cutting the alt texts leaves the text's parse unchanged (that is
//! `alts`).

use std::ops::Range;

use pulldown_cmark::LinkType;

use super::title::{scan_title, skip_space};
use super::{Block, BlockKind, Image};

/// An image met in a block: its whole source and the span of its alt text.
pub(super) struct RawImage {
    pub(super) whole: Range<usize>,
    pub(super) alt: Option<Range<usize>>,
    pub(super) link_type: LinkType,
}

/// A block whose inline events are being collected.
pub(super) struct Pending {
    pub(super) kind: BlockKind,
    pub(super) atx: bool,
    /// Tight list item text has no Paragraph end event: the next block-level
    /// event ends it.
    pub(super) implicit: bool,
    /// Block quotes around the block: at most that many `>` in a prefix.
    pub(super) quotes: usize,
    /// Start of every inline event (ends are implied by `end`).
    pub(super) starts: Vec<usize>,
    pub(super) end: usize,
    pub(super) images: Vec<RawImage>,
    /// Depth of Image tags open (images can nest inside alt text).
    pub(super) image_depth: usize,
}
/// Only inline and full reference images have an alt text that is not also
/// a reference label.
pub(super) fn has_own_alt(link_type: LinkType) -> bool {
    matches!(link_type, LinkType::Inline | LinkType::Reference)
}
/// The block made of `p`'s events, if it has any content.
pub(super) fn build_block(body: &str, mut p: Pending) -> Option<Block> {
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
pub(super) fn line_end(body: &str, from: usize, limit: usize) -> (usize, Option<usize>) {
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
