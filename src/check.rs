//! Checks of one translated message against its French source: nothing
//! that must survive translation (placeables, link targets, code, image
//! sources) may be lost or added, and attributes must match.
//!
//! The whole-site `relais check` (syntax of every file, references, plural
//! categories, loading with fluent-bundle) is in [`site`].

pub mod load;
pub mod refs;
pub mod site;

use crate::ftl::Message;
use crate::pattern::Pattern;
use crate::protect::{self, Syntax};

/// How a resource's text is read.
#[derive(Clone, Copy, Debug)]
pub struct TextKind<'a> {
    pub syntax: Syntax,
    /// Link reference definitions of the post ("" for UI strings).
    pub ref_defs: &'a str,
}

/// What is wrong with `target` as a translation of `source`; empty when
/// nothing is.
pub fn problems(source: &Message, target: &Message, kind: TextKind) -> Vec<String> {
    let mut out = Vec::new();
    match (&source.value, &target.value) {
        (Some(s), Some(t)) => compare(s, t, kind, "value", &mut out),
        (Some(_), None) => out.push("the value is missing".into()),
        (None, Some(_)) => out.push("a value the French does not have".into()),
        (None, None) => {}
    }
    for (name, s) in &source.attributes {
        match target.attributes.iter().find(|(n, _)| n == name) {
            Some((_, t)) => compare(s, t, kind, &format!("attribute .{name}"), &mut out),
            None => out.push(format!("missing attribute .{name}")),
        }
    }
    for (name, _) in &target.attributes {
        if !source.attributes.iter().any(|(n, _)| n == name) {
            out.push(format!("obsolete attribute .{name}"));
        }
    }
    out
}

fn compare(source: &Pattern, target: &Pattern, kind: TextKind, what: &str, out: &mut Vec<String>) {
    let want = protect::locked(source, kind.syntax, kind.ref_defs);
    let got = protect::locked(target, kind.syntax, kind.ref_defs);
    for piece in &want {
        let (w, g) = (count(&want, piece), count(&got, piece));
        if g < w && !out.iter().any(|m| m.contains(piece.as_str())) {
            out.push(format!("{what}: `{piece}` from the French is missing"));
        }
    }
    for piece in &got {
        if count(&got, piece) > count(&want, piece)
            && !out.iter().any(|m| m.contains(piece.as_str()))
        {
            out.push(format!("{what}: `{piece}` is not in the French"));
        }
    }
}

fn count(list: &[String], piece: &str) -> usize {
    list.iter().filter(|p| *p == piece).count()
}
