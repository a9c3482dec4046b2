//! Putting the source back: each element of a verified, repaired answer
//! becomes the source it stands for, and the source's outer whitespace
//! replaces the engine's.
//!
//! It checks nothing: ids were verified (`answer`) and spacing repaired
//! (`whitespace`) before.

use super::answer::Tok;
use super::{Piece, Protected};
use crate::fluent::pattern::{Part, Pattern};

/// Puts each element's source back.
pub(super) fn render(p: &Protected, toks: &[Tok]) -> Pattern {
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
pub(super) fn finish(p: &Protected, pat: Pattern) -> Pattern {
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
