//! Walking pulldown-cmark's events over a body: finds the leaf blocks that
//! carry inline text, decides each one's kind from the containers around
//! it, and collects the start of every inline event and the span of every
//! image, adjusting for two range quirks (backslash escapes, collapsed
//! references). Each finished block is handed to `block::build_block`.
//!
//! It does not cut lines, prefixes or alt texts (that is `block`), and it
//! skips everything that is not inline text: code blocks, HTML blocks,
//! rules.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::block::{Pending, RawImage, build_block};
use super::{Block, BlockKind};

/// A container around the current event; only quotes and items decide a
/// block's kind and prefix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Quote,
    Item,
    Other,
}
/// Goes through a body's events and keeps the blocks it finds.
pub(super) struct Walker<'a> {
    body: &'a str,
    stack: Vec<Container>,
    pending: Option<Pending>,
    /// The blocks found so far, in source order.
    pub(super) blocks: Vec<Block>,
}

impl<'a> Walker<'a> {
    pub(super) fn new(body: &'a str) -> Self {
        Walker {
            body,
            stack: Vec::new(),
            pending: None,
            blocks: Vec::new(),
        }
    }

    /// Takes the next event and its source range.
    pub(super) fn event(&mut self, event: Event, range: Range<usize>) {
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
