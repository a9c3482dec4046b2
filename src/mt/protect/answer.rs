//! Reading an engine's answer: its elements and entities lexed, then every
//! id verified against the pieces.
//!
//! Elements are read loosely (engines re-space and re-quote them) and
//! entities are un-escaped; an id lost, duplicated, unknown, of the wrong
//! kind or mis-nested is a [`ProtectError`]. It does not repair whitespace
//! nor put any source back.

use std::sync::LazyLock;

use regex::Regex;

use super::{Piece, ProtectError, Protected};

/// One lexical item of an engine's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Lexeme {
    Text(String),
    X(u32),
    Open(u32),
    /// `<g id="N"/>`: an element whose content the engine emptied.
    EmptyG(u32),
    CloseG,
    /// `</x>`: engines may expand `<x/>` into `<x></x>`; ignored.
    CloseX,
}

/// A validated token: ids are known, used once and properly nested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Tok {
    Text(String),
    X(u32),
    Open(u32),
    Close(u32),
}

/// Our elements, written loosely (engines re-space and re-quote them), and
/// the entities an engine may produce. Everything else is literal text.
static TAG_OR_ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"<\s*(?:([xXgG])\s+id\s*=\s*["']?\s*(\d+)\s*["']?\s*(/?)|/\s*([xXgG]))\s*>|&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#[xX]([0-9a-fA-F]+));"#,
    )
    .expect("valid regex")
});

/// Splits an answer into text (entities un-escaped) and elements.
pub(super) fn lex(s: &str) -> Vec<Lexeme> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut last = 0;
    for c in TAG_OR_ENTITY.captures_iter(s) {
        let m = c.get(0).expect("whole match");
        text.push_str(&s[last..m.start()]);
        last = m.end();
        match lex_match(&c) {
            Ok(ch) => text.push(ch),
            Err(Some(lexeme)) => {
                out.push(Lexeme::Text(std::mem::take(&mut text)));
                out.push(lexeme);
            }
            Err(None) => text.push_str(m.as_str()),
        }
    }
    text.push_str(&s[last..]);
    out.push(Lexeme::Text(text));
    out
}

/// `Ok(char)` for an entity, `Err(Some(..))` for an element, `Err(None)` for
/// something that only looked like one (an invalid code point, a huge id).
fn lex_match(c: &regex::Captures) -> Result<char, Option<Lexeme>> {
    let is_x = |m: regex::Match| m.as_str().eq_ignore_ascii_case("x");
    if let (Some(kind), Some(id)) = (c.get(1), c.get(2)) {
        let id: u32 = id.as_str().parse().map_err(|_| None)?;
        let empty = c.get(3).is_some_and(|m| !m.as_str().is_empty());
        return Err(Some(match (is_x(kind), empty) {
            (true, _) => Lexeme::X(id),
            (false, true) => Lexeme::EmptyG(id),
            (false, false) => Lexeme::Open(id),
        }));
    }
    if let Some(kind) = c.get(4) {
        return Err(Some(if is_x(kind) {
            Lexeme::CloseX
        } else {
            Lexeme::CloseG
        }));
    }
    entity(c).ok_or(None)
}

fn entity(c: &regex::Captures) -> Option<char> {
    if let Some(name) = c.get(5) {
        return Some(match name.as_str() {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            _ => '\'',
        });
    }
    let code = match (c.get(6), c.get(7)) {
        (Some(dec), _) => dec.as_str().parse().ok()?,
        (_, Some(hex)) => u32::from_str_radix(hex.as_str(), 16).ok()?,
        _ => return None,
    };
    char::from_u32(code)
}

/// Checks ids against the pieces: known, right kind, once each, nested.
pub(super) fn validate(p: &Protected, lexemes: Vec<Lexeme>) -> Result<Vec<Tok>, ProtectError> {
    let mut seen = vec![false; p.pieces.len()];
    let mut stack: Vec<u32> = Vec::new();
    let mut toks = Vec::new();
    for lx in lexemes {
        match lx {
            Lexeme::Text(t) => toks.push(Tok::Text(t)),
            Lexeme::X(id) => {
                p.claim(id, false, &mut seen)?;
                toks.push(Tok::X(id));
            }
            Lexeme::Open(id) => {
                p.claim(id, true, &mut seen)?;
                stack.push(id);
                toks.push(Tok::Open(id));
            }
            Lexeme::EmptyG(id) => {
                p.claim(id, true, &mut seen)?;
                toks.extend([Tok::Open(id), Tok::Close(id)]);
            }
            Lexeme::CloseG => toks.push(Tok::Close(stack.pop().ok_or(ProtectError::BadNesting)?)),
            Lexeme::CloseX => {}
        }
    }
    if let Some(&id) = stack.last() {
        let src = p.describe(id);
        return Err(ProtectError::Unbalanced { id, src });
    }
    match seen.iter().position(|s| !s) {
        Some(i) => {
            let id = i as u32 + 1;
            let src = p.describe(id);
            Err(ProtectError::MissingId { id, src })
        }
        None => Ok(toks),
    }
}

impl Protected {
    /// Records one use of `id` as a paired (`g`) or empty (`x`) element.
    fn claim(&self, id: u32, paired: bool, seen: &mut [bool]) -> Result<(), ProtectError> {
        let i = (id as usize)
            .checked_sub(1)
            .filter(|&i| i < self.pieces.len())
            .ok_or(ProtectError::UnknownId(id))?;
        let is_pair = matches!(self.pieces[i], Piece::Pair { .. });
        if is_pair != paired {
            let (want, got) = if is_pair {
                ("<g>", "<x/>")
            } else {
                ("<x/>", "<g>")
            };
            return Err(ProtectError::Malformed(format!(
                "placeholder {id} (`{}`) must be a {want} element, not {got}",
                self.describe(id)
            )));
        }
        if std::mem::replace(&mut seen[i], true) {
            let src = self.describe(id);
            return Err(ProtectError::DuplicateId { id, src });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mt::protect::tests::{md, plain};
    use crate::mt::protect::{protect, restore};
    use crate::source::kind::Syntax;

    #[test]
    fn dropped_x_is_missing() {
        let p = protect(&plain(), Syntax::Plain, "");
        let err = restore(&p, "Hola &amp; &lt;3").unwrap_err();
        assert_eq!(
            err,
            ProtectError::MissingId {
                id: 1,
                src: "{ $title }".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "placeholder 1 (`{ $title }`) missing from the translation"
        );
    }

    #[test]
    fn duplicated_x() {
        let p = protect(&plain(), Syntax::Plain, "");
        let err = restore(&p, "<x id=\"1\"/> Hola <x id=\"1\"/>").unwrap_err();
        assert!(
            matches!(err, ProtectError::DuplicateId { id: 1, .. }),
            "{err}"
        );
    }

    #[test]
    fn unknown_id() {
        let p = protect(&plain(), Syntax::Plain, "");
        let err = restore(&p, "Hola <x id=\"1\"/> <x id=\"9\"/>").unwrap_err();
        assert_eq!(err, ProtectError::UnknownId(9));
    }

    #[test]
    fn unclosed_and_stray_g() {
        let p = md("un *mot* ici");
        let err = restore(&p, "una <g id=\"1\">palabra aquí").unwrap_err();
        assert_eq!(
            err,
            ProtectError::Unbalanced {
                id: 1,
                src: "*…*".into()
            }
        );
        let err = restore(&p, "una <g id=\"1\">palabra</g></g> aquí").unwrap_err();
        assert_eq!(err, ProtectError::BadNesting);
    }

    #[test]
    fn wrong_element_kind_is_malformed() {
        let p = md("un *mot* `ici`");
        let err = restore(&p, "<x id=\"1\"/> <g id=\"2\">aquí</g>").unwrap_err();
        assert!(matches!(err, ProtectError::Malformed(_)), "{err}");
    }
}
