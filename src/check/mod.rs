//! Checks of one translated message against its French source: nothing
//! that must survive translation (placeables, link targets, code, image
//! sources) may be lost or added, and attributes must match.
//!
//! The whole-site `relais check` (syntax of every file, references, plural
//! categories, loading with fluent-bundle) is in [`site`].

pub mod doctor;
pub mod locate;
pub mod problem;
pub mod site;

use crate::fluent::ftl::Message;
use crate::fluent::pattern::Pattern;
use crate::fluent::{load, refs};
use crate::mt::protect;
use crate::source::kind::{Syntax, TextKind};
pub use problem::{Field, Problem};

/// What is wrong with `target` as a translation of `source`; empty when
/// nothing is.
pub fn problems(source: &Message, target: &Message, kind: TextKind) -> Vec<Problem> {
    let mut out = Vec::new();
    match (&source.value, &target.value) {
        (Some(s), Some(t)) => compare(s, t, kind, &Field::Value, &mut out),
        (Some(_), None) => out.push(Problem::ValueMissing),
        (None, Some(_)) => out.push(Problem::ValueExtra),
        (None, None) => {}
    }
    for (name, s) in &source.attributes {
        match target.attributes.iter().find(|(n, _)| n == name) {
            Some((_, t)) => compare(s, t, kind, &Field::Attribute(name.clone()), &mut out),
            None => out.push(Problem::AttributeMissing(name.clone())),
        }
    }
    for (name, _) in &target.attributes {
        if !source.attributes.iter().any(|(n, _)| n == name) {
            out.push(Problem::AttributeObsolete(name.clone()));
        }
    }
    out.extend(duplicate_variants(target));
    out
}

/// Select variants defined twice: fluent-bundle silently uses the first.
/// Only a message with a select is parsed again.
fn duplicate_variants(m: &Message) -> Vec<Problem> {
    let has_select = m
        .value
        .iter()
        .chain(m.attributes.iter().map(|(_, p)| p))
        .flat_map(|p| &p.0)
        .any(|part| matches!(part, crate::fluent::pattern::Part::Placeable(e) if e.contains("->")));
    if !has_select {
        return Vec::new();
    }
    let (_, selects) = refs::message_refs_and_selects(m);
    selects
        .iter()
        .flat_map(|sel| sel.duplicate_keys())
        .map(|key| Problem::VariantTwice(key.to_string()))
        .collect()
}

fn compare(
    source: &Pattern,
    target: &Pattern,
    kind: TextKind,
    field: &Field,
    out: &mut Vec<Problem>,
) {
    // A select's variants are translated text: its references are compared
    // by `fluent_problems`, not as one locked piece.
    let locked = |p: &Pattern| {
        let mut pieces = protect::locked(p, kind.syntax, kind.ref_defs);
        pieces.retain(|piece| !piece.contains("->"));
        pieces
    };
    let (want, got) = (locked(source), locked(target));
    for piece in &want {
        let (w, g) = (count(&want, piece), count(&got, piece));
        if g < w && !out.iter().any(|m| m.piece() == Some(piece)) {
            out.push(Problem::PieceMissing(field.clone(), piece.clone()));
        }
    }
    for piece in &got {
        if count(&got, piece) > count(&want, piece) && !out.iter().any(|m| m.piece() == Some(piece))
        {
            out.push(Problem::PieceAdded(field.clone(), piece.clone()));
        }
    }
}

fn count(list: &[String], piece: &str) -> usize {
    list.iter().filter(|p| *p == piece).count()
}

/// Everything a translation of one resource in one locale is checked
/// against before relais writes it (machine output in `sync`, a person's
/// edit in `serve`): markup for posts, Fluent references and formatting
/// for UI strings.
pub struct Checks<'a> {
    /// How the resource's text is read: Markdown with the post's link
    /// definitions, or plain UI text.
    pub kind: TextKind<'a>,
    /// The target locale, which fluent-bundle formats UI translations in.
    pub locale: &'a unic_langid::LanguageIdentifier,
    /// Terms of the resource (UI bundles).
    pub terms: &'a [Message],
    /// Every message id of the resource.
    pub ids: Vec<String>,
    /// Do-not-translate terms must come back verbatim.
    pub glossary: &'a crate::mt::glossary::Glossary,
}

impl<'a> Checks<'a> {
    /// The checks a translation of `source` into `locale` must pass.
    pub fn of(
        source: &'a crate::source::read::Source,
        locale: &'a unic_langid::LanguageIdentifier,
        glossary: &'a crate::mt::glossary::Glossary,
    ) -> Self {
        Checks {
            kind: source.text_kind(),
            locale,
            terms: &source.terms,
            ids: source.messages.iter().map(|m| m.id.clone()).collect(),
            glossary,
        }
    }

    /// What is wrong with `translated` as a translation of `src`.
    /// Each problem once (see [`problem::dedup`]).
    pub fn problems(&self, src: &Message, translated: &Message) -> Vec<Problem> {
        let mut out = problems(src, translated, self.kind);
        let lost = self.glossary.violations(
            &crate::fluent::text::message_text(src),
            &crate::fluent::text::message_text(translated),
        );
        out.extend(lost.into_iter().map(Problem::KeepTerm));
        if self.kind.syntax == Syntax::Plain {
            let cx = FluentContext {
                locale: self.locale,
                terms: self.terms,
                ids: &self.ids,
            };
            out.extend(fluent_problems(src, translated, &cx));
        }
        problem::dedup(out)
    }
}

/// What a UI message's translation needs to be checked as Fluent: its
/// locale, the terms of its bundle and the other message ids it may use.
pub struct FluentContext<'a> {
    /// The target locale, which fluent-bundle formats the translation in.
    pub locale: &'a unic_langid::LanguageIdentifier,
    /// The bundle's terms, so that references to them resolve.
    pub terms: &'a [Message],
    /// Every message id of the resource: the others are stubbed so that
    /// references to them resolve.
    pub ids: &'a [String],
}

/// Fluent-level problems of a translated UI message: variables lost or
/// invented, references the French does not make, and anything
/// fluent-bundle cannot format. Empty when there are none.
pub fn fluent_problems(source: &Message, target: &Message, cx: &FluentContext) -> Vec<Problem> {
    let (s, t) = (refs::message_refs(source), refs::message_refs(target));
    let mut out = Vec::new();
    for v in s.variables.difference(&t.variables) {
        out.push(Problem::VariableMissing(v.to_string()));
    }
    for v in t.variables.difference(&s.variables) {
        out.push(Problem::VariableAdded(v.to_string()));
    }
    for r in t
        .terms
        .difference(&s.terms)
        .chain(t.messages.difference(&s.messages))
    {
        out.push(Problem::ReferenceAdded(r.to_string()));
    }
    let stubs = cx
        .ids
        .iter()
        .filter(|id| **id != target.id)
        .map(|id| Message {
            id: id.clone(),
            comment: None,
            group: None,
            value: Some(crate::fluent::pattern::Pattern::text("x")),
            attributes: Vec::new(),
        });
    let mut messages: Vec<Message> = cx.terms.to_vec();
    messages.extend(stubs);
    messages.push(target.clone());
    let text = crate::fluent::ftl::write(&crate::fluent::ftl::Resource {
        comment: None,
        messages,
    });
    for e in load::verify(&text, cx.locale)
        .into_iter()
        .filter(|e| e.id == target.id)
    {
        out.push(Problem::DoesNotFormat(e.message));
    }
    out
}
