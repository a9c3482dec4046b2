//! Scanning an inline image's destination and title in Markdown source:
//! where the title's content lies after the alt text's `]`.
//!
//! It does not parse the rest of the inline Markdown and does not unescape
//! the title: the range is of its raw source, between the delimiters.

use std::ops::Range;

/// Range of the title's content in `text` for an inline image whose alt text
/// ends at `alt_end` (`](dest "title")` follows), if it has a title.
pub(super) fn scan_title(text: &str, alt_end: usize) -> Option<Range<usize>> {
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

/// Index of the first byte at or after `i` that is not ASCII whitespace.
pub(super) fn skip_space(b: &[u8], mut i: usize) -> usize {
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
