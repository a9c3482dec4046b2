//! Reassembly: each block's translated text written at its place in the
//! body, after the original prefix of each line, then the images found by
//! parsing the result and their alt texts and titles filled in.
//!
//! It does not translate and does not check that the result keeps the
//! block structure (callers compare it); every byte outside the blocks is
//! copied unchanged.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::block::{has_own_alt, line_end};
use super::fill::{Filled, bracket_slots, fill_images, texts};
use super::{Block, BlockText, Image, Segmented};

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
