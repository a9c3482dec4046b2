//! What a Fluent pattern refers to and how it selects, read from
//! fluent-syntax's AST: variables, terms, messages, functions, and the keys
//! of its select expressions. Also the plural categories a locale needs.

use crate::fluent::ftl::{self, Message};
use fluent_syntax::ast;
use std::collections::BTreeSet;
use unic_langid::LanguageIdentifier;

/// Everything a pattern refers to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Refs {
    /// Variables, without the `$` (`count`).
    pub variables: BTreeSet<String>,
    /// Terms, with their `-` and any attribute (`-brand`, `-brand.short`).
    pub terms: BTreeSet<String>,
    /// Other messages, with any attribute (`menu`, `menu.title`).
    pub messages: BTreeSet<String>,
    /// Functions called (`NUMBER`, `DATETIME`).
    pub functions: BTreeSet<String>,
}

/// One select expression: whether it selects on a number (a variable or
/// `NUMBER(...)`), and its variant keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectInfo {
    /// Whether it selects on a variable or on `NUMBER(…)`, the selectors
    /// plural categories can apply to.
    pub numeric_selector: bool,
    /// The variant keys in source order (identifiers, and numbers as written).
    pub keys: Vec<String>,
}

/// The CLDR plural categories, in CLDR order.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

impl SelectInfo {
    /// Variant keys given twice (`[one]` and `[one]` again), once each:
    /// fluent-bundle silently uses the first.
    pub fn duplicate_keys(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (i, k) in self.keys.iter().enumerate() {
            if self.keys[..i].contains(k) && !out.contains(&k.as_str()) {
                out.push(k);
            }
        }
        out
    }

    /// A select on plural categories: every key is a category or a number.
    pub fn is_plural(&self) -> bool {
        self.numeric_selector
            && self.keys.iter().any(|k| CATEGORIES.contains(&k.as_str()))
            && self
                .keys
                .iter()
                .all(|k| CATEGORIES.contains(&k.as_str()) || k.parse::<f64>().is_ok())
    }
}

/// Walks a pattern, collecting references and selects.
pub fn collect(p: &ast::Pattern<&str>, refs: &mut Refs, selects: &mut Vec<SelectInfo>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_refs(expression, refs, selects);
        }
    }
}

fn expression_refs(e: &ast::Expression<&str>, refs: &mut Refs, selects: &mut Vec<SelectInfo>) {
    match e {
        ast::Expression::Inline(inline) => inline_refs(inline, refs, selects),
        ast::Expression::Select { selector, variants } => {
            inline_refs(selector, refs, selects);
            let numeric_selector = match selector {
                ast::InlineExpression::VariableReference { .. } => true,
                ast::InlineExpression::FunctionReference { id, .. } => id.name == "NUMBER",
                _ => false,
            };
            let keys = variants
                .iter()
                .map(|v| match &v.key {
                    ast::VariantKey::Identifier { name } => name.to_string(),
                    ast::VariantKey::NumberLiteral { value } => value.to_string(),
                })
                .collect();
            selects.push(SelectInfo {
                numeric_selector,
                keys,
            });
            for v in variants {
                collect(&v.value, refs, selects);
            }
        }
    }
}

fn inline_refs(e: &ast::InlineExpression<&str>, refs: &mut Refs, selects: &mut Vec<SelectInfo>) {
    use ast::InlineExpression as E;
    match e {
        E::StringLiteral { .. } | E::NumberLiteral { .. } => {}
        E::VariableReference { id } => {
            refs.variables.insert(id.name.to_string());
        }
        E::FunctionReference { id, arguments } => {
            refs.functions.insert(id.name.to_string());
            arguments_refs(arguments, refs, selects);
        }
        E::MessageReference { id, attribute } => {
            refs.messages.insert(dotted(id.name, attribute));
        }
        // A term's arguments are the term's own variables, not the message's.
        E::TermReference { id, attribute, .. } => {
            refs.terms
                .insert(format!("-{}", dotted(id.name, attribute)));
        }
        E::Placeable { expression } => expression_refs(expression, refs, selects),
    }
}

fn arguments_refs(args: &ast::CallArguments<&str>, refs: &mut Refs, selects: &mut Vec<SelectInfo>) {
    for a in &args.positional {
        inline_refs(a, refs, selects);
    }
    for n in &args.named {
        inline_refs(&n.value, refs, selects);
    }
}

fn dotted(id: &str, attribute: &Option<ast::Identifier<&str>>) -> String {
    match attribute {
        Some(a) => format!("{id}.{}", a.name),
        None => id.to_string(),
    }
}

/// The cardinal plural categories a locale uses, as fluent-bundle's CLDR
/// data defines them (found by asking the rules about sample numbers).
pub fn plural_categories(locale: &LanguageIdentifier) -> BTreeSet<&'static str> {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    let Ok(rules) = PluralRules::create(locale.clone(), PluralRuleType::CARDINAL) else {
        return BTreeSet::from(["other"]);
    };
    let integers = (0..=200u64).chain([1000, 10_000, 100_000, 1_000_000, 10_000_000]);
    let decimals = ["0.0", "0.5", "1.0", "1.5", "2.5", "10.1", "1000000.0"];
    let mut out = BTreeSet::new();
    let mut add = |c: PluralCategory| {
        out.insert(match c {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        });
    };
    for n in integers {
        if let Ok(c) = rules.select(n) {
            add(c);
        }
    }
    for d in decimals {
        if let Ok(c) = rules.select(d) {
            add(c);
        }
    }
    out
}

/// Everything a message (or term) refers to.
pub fn message_refs(m: &Message) -> Refs {
    message_refs_and_selects(m).0
}

/// [`message_refs`], and every select expression of the message.
pub fn message_refs_and_selects(m: &Message) -> (Refs, Vec<SelectInfo>) {
    let text = ftl::write(&ftl::Resource {
        comment: None,
        messages: vec![m.clone()],
    });
    let mut r = Refs::default();
    let mut selects = Vec::new();
    if let Ok(res) = fluent_syntax::parser::parse(text.as_str()) {
        for e in &res.body {
            match e {
                fluent_syntax::ast::Entry::Message(msg) => {
                    msg.value
                        .iter()
                        .for_each(|v| collect(v, &mut r, &mut selects));
                    msg.attributes
                        .iter()
                        .for_each(|a| collect(&a.value, &mut r, &mut selects));
                }
                fluent_syntax::ast::Entry::Term(term) => {
                    collect(&term.value, &mut r, &mut selects);
                    term.attributes
                        .iter()
                        .for_each(|a| collect(&a.value, &mut r, &mut selects));
                }
                _ => {}
            }
        }
    }
    (r, selects)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs_of(src: &str) -> (Refs, Vec<SelectInfo>) {
        let res = fluent_syntax::parser::parse(src).expect("valid");
        let mut refs = Refs::default();
        let mut selects = Vec::new();
        for entry in &res.body {
            if let ast::Entry::Message(m) = entry {
                collect(m.value.as_ref().unwrap(), &mut refs, &mut selects);
            }
        }
        (refs, selects)
    }

    #[test]
    fn references_and_selects_are_found() {
        let (refs, selects) = refs_of(
            "m = { -org-name } { DATETIME($date) } { other.attr } { $count ->\n    [one] un { $title }\n   *[other] { -brand(case: \"x\") }\n}\n",
        );
        assert_eq!(
            refs.variables,
            BTreeSet::from(["count".into(), "date".into(), "title".into()])
        );
        assert_eq!(
            refs.terms,
            BTreeSet::from(["-org-name".into(), "-brand".into()])
        );
        assert_eq!(refs.messages, BTreeSet::from(["other.attr".into()]));
        assert_eq!(refs.functions, BTreeSet::from(["DATETIME".into()]));
        assert_eq!(selects.len(), 1);
        assert!(selects[0].is_plural());
    }

    #[test]
    fn plural_categories_of_the_site_locales() {
        let cats = |l: &str| {
            plural_categories(&l.parse().unwrap())
                .into_iter()
                .collect::<Vec<_>>()
        };
        assert_eq!(cats("en"), vec!["one", "other"]);
        assert!(cats("fr").contains(&"one") && cats("fr").contains(&"other"));
        assert!(cats("es").contains(&"one"));
        assert_eq!(cats("ar").len(), 6);
    }
}
