//! Filling a translated text's images: each alt text inserted right after
//! its `![`, each title between its (empty) delimiters, escaped so it stays
//! one title.
//!
//! It does not find where the images are (reassembly does, by parsing) and
//! does not check the alt texts' or titles' Markdown.

use super::Image;
use super::title::scan_title;

/// A translated text with its images' alt texts and titles filled in.
pub(super) struct Filled {
    text: String,
    /// Where each alt text starts in `text` (right after `![`).
    pub(super) slots: Vec<usize>,
}

/// The filled texts alone.
pub(super) fn texts(filled: &[Option<Filled>]) -> Vec<Option<String>> {
    filled
        .iter()
        .map(|f| f.as_ref().map(|f| f.text.clone()))
        .collect()
}

/// Offsets right after every `![]` not escaped by a backslash.
pub(super) fn bracket_slots(text: &str) -> Vec<usize> {
    let escaped = |i: usize| text[..i].bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1;
    text.match_indices("![]")
        .map(|(i, _)| i)
        .filter(|&i| !escaped(i))
        .map(|i| i + 2)
        .collect()
}

/// Inserts each image's alt text at its slot and its title between the
/// (empty) title delimiters that follow; slots beyond `images` stay empty.
pub(super) fn fill_images(text: &str, slots: &[usize], images: &[Image]) -> Filled {
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
