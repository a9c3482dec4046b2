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
//!
//! Files, in the order the data flows: `walk` (the parser's events → the
//! blocks found), `block` (a block's lines, its text with alt texts and
//! titles cut out), `title` (an inline image's title, found by scanning),
//! `refdefs` (the reference definitions, for standalone parses), `alts`
//! (whether the alt texts may leave the text), `reassemble` (translations
//! written back), `fill` (alt texts and titles put back in a translation).

use std::ops::Range;

pub use pulldown_cmark::Options;
use pulldown_cmark::Parser;
use serde::{Deserialize, Serialize};

mod alts;
mod block;
mod fill;
mod reassemble;
mod refdefs;
#[cfg(test)]
mod tests;
mod title;
mod walk;

use alts::{keep_alts_if_needed, plain};
pub use reassemble::reassemble;
use refdefs::ref_defs_source;
use walk::Walker;

/// Options used for posts: CommonMark plus strikethrough (GFM style).
/// Tables stay off for now: cells would need their own blocks.
pub fn post_options() -> Options {
    Options::ENABLE_STRIKETHROUGH
}

/// What a block is, as far as translators and reviewers care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// A heading (ATX or setext).
    Heading,
    /// A paragraph outside block quotes and list items.
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
    /// What the block is.
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
    /// The translatable blocks, in source order.
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
    /// The inline Markdown, images with their alt texts removed and titles
    /// emptied, as in [`Block::text`].
    pub text: String,
    /// The alt text and title of each image, in order.
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
