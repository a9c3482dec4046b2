//! Whether a block's alt texts may leave its text: taking an alt text out
//! can change how the rest of the block parses, in which case the block
//! keeps its alt texts and gets no image attributes.
//!
//! It does not cut the alt texts (that is `block`) nor check the whole body
//! comes back (that is `segment`, by reassembling).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Block;
use super::block::has_own_alt;

/// Taking an alt text out can change how the rest parses (`![](![a]())`
/// is text around an image; `![](![]())` is one image; `[r]:\n/u![(](x)`
/// is a paragraph, `[r]:\n/u![](x)` a link reference definition). When the
/// text without alts is not one paragraph holding the same images,
/// empty-alted, the block keeps its alts in its text and has no image
/// attributes.
pub(super) fn keep_alts_if_needed(block: &mut Block, ref_defs: &str, options: Options) {
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
pub(super) fn plain(alt: &str) -> bool {
    !alt.contains([
        '`', '~', '<', '>', '[', ']', '(', ')', '\\', '&', '*', '_', '!', '#', '\r', '\n', '\t',
    ])
}

impl Block {
    /// The alt texts stay in the text: no image attributes.
    pub(super) fn keep_alts(&mut self) {
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
