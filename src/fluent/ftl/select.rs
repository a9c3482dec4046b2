//! A select expression taken apart into its variants, so that each can be
//! translated on its own, and written back in the standard layout.

use super::expr::inline_source;
use super::parse::pattern_from_ast;
use super::write::layout;
use super::*;
use crate::fluent::pattern::Pattern;
use fluent_syntax::ast;
use fluent_syntax::parser::{self};

/// A select expression taken apart, so that each variant can be
/// translated on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Select {
    /// The selector's canonical source (`$count`, `NUMBER($n)`).
    pub selector: String,
    /// The variants, in source order.
    pub variants: Vec<Variant>,
}

/// One variant of a select: `[key] value`, or `*[key] value` for the default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// The key: an identifier (`one`, `masculine`) or a number literal (`0`).
    pub key: String,
    /// Whether it is the default variant (`*[…]`), used when no key matches.
    pub default: bool,
    /// The variant's text, as a reader sees it (literals decoded).
    pub value: Pattern,
}

/// Takes apart the source of a select placeable (`Part::Placeable` of a
/// parsed pattern). `None` when it is not a select expression.
pub fn parse_select(expr: &str) -> Option<Select> {
    let src = format!("m = {{ {expr}\n}}\n");
    let res = parser::parse(src.as_str()).ok()?;
    let Some(ast::Entry::Message(m)) = res.body.first() else {
        return None;
    };
    let [ast::PatternElement::Placeable { expression }] = m.value.as_ref()?.elements.as_slice()
    else {
        return None;
    };
    let ast::Expression::Select { selector, variants } = expression else {
        return None;
    };
    let variants = variants
        .iter()
        .map(|v| Variant {
            key: match &v.key {
                ast::VariantKey::Identifier { name } => name.to_string(),
                ast::VariantKey::NumberLiteral { value } => value.to_string(),
            },
            default: v.default,
            value: pattern_from_ast(&v.value),
        })
        .collect();
    Some(Select {
        selector: inline_source(selector),
        variants,
    })
}

/// The canonical source of a select, in the layout [`parse`] gives.
pub fn write_select(sel: &Select) -> String {
    let mut out = format!("{} ->", sel.selector);
    for v in &sel.variants {
        out.push_str(if v.default { "\n   *[" } else { "\n    [" });
        out.push_str(&v.key);
        out.push(']');
        out.push_str(&layout(&v.value.0, 2 * INDENT));
    }
    out
}
