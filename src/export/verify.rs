//! Verifying what the export hands over: every bundle parses and formats
//! with fluent-bundle; every translated post keeps the French post's block
//! structure, link URLs and image sources.

use crate::fluent::{ftl, load};
use unic_langid::LanguageIdentifier;

/// Every syntax and formatting error of an exported bundle.
pub(super) fn verify_bundle(text: &str, locale: &LanguageIdentifier) -> Result<(), Vec<String>> {
    let (_, syntax) = ftl::parse(text);
    let mut errors: Vec<String> = syntax.iter().map(ToString::to_string).collect();
    errors.extend(
        load::verify(text, locale)
            .into_iter()
            .map(|e| format!("{}: {}", e.id, e.message)),
    );
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Same block sequence, same link URLs and image sources.
pub fn verify_post(french: &str, translated: &str) -> Result<(), Vec<String>> {
    let (a, b) = (shape(french), shape(translated));
    let mut errors = Vec::new();
    if a.blocks != b.blocks {
        errors.push("block structure differs from the French post".to_string());
    }
    if a.urls != b.urls {
        errors.push("link URLs or image sources differ from the French post".to_string());
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// What a post must keep: its blocks and its URLs.
struct Shape {
    blocks: Vec<String>,
    urls: Vec<String>,
}

fn shape(markdown: &str) -> Shape {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out = Shape {
        blocks: Vec::new(),
        urls: Vec::new(),
    };
    for event in Parser::new_ext(markdown, crate::source::segment::post_options()) {
        if let Event::Start(tag) = event {
            match tag {
                Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                    out.urls.push(dest_url.to_string())
                }
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough => {}
                Tag::Heading { level, .. } => out.blocks.push(format!("{level:?}")),
                other => out.blocks.push(
                    format!("{other:?}")
                        .split([' ', '{', '('])
                        .next()
                        .unwrap_or("")
                        .to_string(),
                ),
            }
        }
    }
    out
}
