//! Repairing the engine's whitespace around elements, before the source
//! is put back.
//!
//! [`Shape`] records the whitespace the source had next to each element;
//! whitespace the engine put just inside a `<g>` is moved out of it, an
//! emphasis it emptied is dropped, and runs of spaces next to an `<x/>`
//! shrink to what the source had. It does not verify ids (`answer` did)
//! nor touch the text's outer whitespace (`render` does).

use super::answer::{Tok, lex, validate};
use super::{PairKind, Piece, Protected};

/// Whitespace next to each element in the protected source text.
#[derive(Default)]
pub(super) struct Shape {
    /// Spaces just before and just after each x element, by id.
    x_spaces: Vec<(usize, usize)>,
    /// Whether the source had whitespace just inside a g element's start/end.
    g_inner_ws: Vec<(bool, bool)>,
}

impl Shape {
    pub(super) fn of(p: &Protected) -> Self {
        let n = p.pieces.len();
        let mut shape = Shape {
            x_spaces: vec![(0, 0); n],
            g_inner_ws: vec![(false, false); n],
        };
        // The protected text always validates against itself.
        let toks = validate(p, lex(&p.text)).unwrap_or_default();
        for (i, tok) in toks.iter().enumerate() {
            let before = i.checked_sub(1).and_then(|j| text_at(&toks, j));
            let after = text_at(&toks, i + 1);
            match *tok {
                Tok::X(id) => {
                    shape.x_spaces[id as usize - 1] = (
                        trailing(before).matches(' ').count(),
                        leading(after).matches(' ').count(),
                    )
                }
                Tok::Open(id) => shape.g_inner_ws[id as usize - 1].0 = !leading(after).is_empty(),
                Tok::Close(id) => {
                    shape.g_inner_ws[id as usize - 1].1 = !trailing(before).is_empty()
                }
                Tok::Text(_) => {}
            }
        }
        shape
    }
}

fn trailing(t: Option<&str>) -> &str {
    t.map_or("", |t| &t[t.trim_end().len()..])
}

fn leading(t: Option<&str>) -> &str {
    t.map_or("", |t| &t[..t.len() - t.trim_start().len()])
}

fn text_at(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Tok::Text(t)) => Some(t),
        _ => None,
    }
}

/// Moves whitespace the engine put just inside a g element out of it,
/// innermost first, unless the source itself had whitespace there.
pub(super) fn hoist_whitespace(toks: Vec<Tok>, shape: &Shape) -> Vec<Tok> {
    // Merging each time makes hoisted whitespace adjacent to the next
    // enclosing element, so it keeps moving out.
    let mut toks = merge_text(toks);
    while hoist_once(&mut toks, shape) {
        toks = merge_text(toks);
    }
    toks
}

fn hoist_once(toks: &mut Vec<Tok>, shape: &Shape) -> bool {
    let ws = |c: char| c.is_whitespace();
    for i in 0..toks.len().saturating_sub(1) {
        match (&toks[i], &toks[i + 1]) {
            (Tok::Open(id), Tok::Text(t))
                if !shape.g_inner_ws[*id as usize - 1].0 && t.starts_with(ws) =>
            {
                let rest = t.trim_start().to_string();
                let space = t[..t.len() - rest.len()].to_string();
                toks[i + 1] = Tok::Text(rest);
                place_outside(toks, i, space);
                return true;
            }
            (Tok::Text(t), Tok::Close(id))
                if !shape.g_inner_ws[*id as usize - 1].1 && t.ends_with(ws) =>
            {
                let kept = t.trim_end().to_string();
                let space = t[kept.len()..].to_string();
                toks[i] = Tok::Text(kept);
                place_outside(toks, i + 2, space);
                return true;
            }
            _ => {}
        }
    }
    false
}

/// Inserts hoisted whitespace at `at`, unless whitespace already touches
/// that spot (two elements' padding must not add up to a double space).
fn place_outside(toks: &mut Vec<Tok>, at: usize, space: String) {
    let ws = |c: char| c.is_whitespace();
    let before = at.checked_sub(1).and_then(|j| text_at(toks, j));
    let touching = before.is_some_and(|t| t.ends_with(ws))
        || text_at(toks, at).is_some_and(|t| t.starts_with(ws));
    if !touching {
        toks.insert(at, Tok::Text(space));
    }
}

/// Merges adjacent text tokens and drops empty ones.
fn merge_text(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for tok in toks {
        match (out.last_mut(), tok) {
            (_, Tok::Text(t)) if t.is_empty() => {}
            (Some(Tok::Text(prev)), Tok::Text(t)) => prev.push_str(&t),
            (_, tok) => out.push(tok),
        }
    }
    out
}

/// An emphasis the engine emptied would restore as stray `**`: drop it, and
/// the whitespace it would leave doubled.
pub(super) fn drop_empty_emphasis(p: &Protected, toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut squeeze = false;
    for tok in merge_text(toks) {
        if let (Some(Tok::Open(a)), Tok::Close(b)) = (out.last(), &tok)
            && a == b
            && p.is_emphasis(*b)
        {
            out.pop();
            squeeze = out.last_mut().is_some_and(squeeze_end);
            continue;
        }
        match tok {
            Tok::Text(t) if std::mem::take(&mut squeeze) => {
                out.push(Tok::Text(t.trim_start().to_string()))
            }
            tok => out.push(tok),
        }
    }
    merge_text(out)
}

/// Shrinks a text token's trailing whitespace to one character; true if it
/// had any (so the next token's leading whitespace is redundant).
fn squeeze_end(tok: &mut Tok) -> bool {
    let Tok::Text(t) = tok else { return false };
    let keep = t.trim_end().len();
    let Some(ws) = t[keep..].chars().next() else {
        return false;
    };
    t.truncate(keep);
    t.push(ws);
    true
}

impl Protected {
    fn is_emphasis(&self, id: u32) -> bool {
        matches!(
            self.pieces[id as usize - 1],
            Piece::Pair {
                kind: PairKind::Emphasis,
                ..
            }
        )
    }
}

/// Engines pad elements with spaces (`mot  <x id="1"/>`): a run of two or
/// more spaces next to an x shrinks to what the source had there (>= 1).
pub(super) fn collapse_spaces(mut toks: Vec<Tok>, shape: &Shape) -> Vec<Tok> {
    for i in 0..toks.len() {
        let Tok::X(id) = toks[i] else { continue };
        let (before, after) = shape.x_spaces[id as usize - 1];
        if let Some(Tok::Text(t)) = i.checked_sub(1).and_then(|j| toks.get_mut(j)) {
            let run = t.len() - t.trim_end_matches(' ').len();
            if run >= 2 {
                t.truncate(t.len() - run + run.min(before.max(1)));
            }
        }
        if let Some(Tok::Text(t)) = toks.get_mut(i + 1) {
            let run = t.len() - t.trim_start_matches(' ').len();
            if run >= 2 {
                t.replace_range(..run - run.min(after.max(1)), "");
            }
        }
    }
    toks
}

#[cfg(test)]
mod tests {
    use crate::mt::protect::tests::{md, md_back};

    #[test]
    fn whitespace_leaves_nested_elements() {
        let p = md("un ***mot*** [lien](u)");
        let answer = "una<g id=\"1\"><g id=\"2\"> palabra </g></g><g id=\"3\"> enlace</g>";
        assert_eq!(md_back(&p, answer), "una ***palabra*** [enlace](u)");
        // Whitespace the source itself had inside a link stays there.
        let p = md("[ lien ](u)");
        assert_eq!(md_back(&p, "<g id=\"1\"> enlace </g>"), "[ enlace ](u)");
    }

    #[test]
    fn emptied_emphasis_is_dropped() {
        let p = md("un **mot**");
        assert_eq!(md_back(&p, "una <g id=\"1\"> </g>palabra"), "una palabra");
    }

    #[test]
    fn spaces_around_x_collapse() {
        let p = md("voir `code` ici");
        assert_eq!(p.text, "voir <x id=\"1\"/> ici");
        assert_eq!(
            md_back(&p, "ver   <x id=\"1\"></x>  aquí"),
            "ver `code` aquí"
        );
        assert_eq!(md_back(&p, "ver<x id = '1' />aquí"), "ver`code`aquí");
    }
}
