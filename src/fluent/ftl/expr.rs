//! The canonical source of Fluent expressions (placeables, calls, selects),
//! as relais keeps them inside a [`Pattern`].

use super::write::{layout, placeable};
use super::*;
use crate::fluent::pattern::{Part, Pattern};
use fluent_syntax::ast;

/// Canonical source of an expression, without the surrounding braces.
pub(super) fn expression_source(e: &ast::Expression<&str>) -> String {
    match e {
        ast::Expression::Inline(inline) => inline_source(inline),
        ast::Expression::Select { selector, variants } => select_source(selector, variants),
    }
}

pub(super) fn inline_source(e: &ast::InlineExpression<&str>) -> String {
    use ast::InlineExpression as E;
    match e {
        // The literal stays escaped as written: decoding is for the reader.
        E::StringLiteral { value } => format!("\"{value}\""),
        E::NumberLiteral { value } => value.to_string(),
        E::VariableReference { id } => format!("${}", id.name),
        E::FunctionReference { id, arguments } => {
            format!("{}{}", id.name, arguments_source(arguments))
        }
        E::MessageReference { id, attribute } => format!("{}{}", id.name, accessor(attribute)),
        E::TermReference {
            id,
            attribute,
            arguments,
        } => {
            let args = arguments.as_ref().map(arguments_source).unwrap_or_default();
            format!("-{}{}{}", id.name, accessor(attribute), args)
        }
        E::Placeable { expression } => placeable(&expression_source(expression), 0),
    }
}

fn accessor(attribute: &Option<ast::Identifier<&str>>) -> String {
    attribute
        .as_ref()
        .map(|a| format!(".{}", a.name))
        .unwrap_or_default()
}

fn arguments_source(args: &ast::CallArguments<&str>) -> String {
    let positional = args.positional.iter().map(inline_source);
    let named = args
        .named
        .iter()
        .map(|n| format!("{}: {}", n.name.name, inline_source(&n.value)));
    let all: Vec<String> = positional.chain(named).collect();
    format!("({})", all.join(", "))
}

/// The standard layout: variants on their own lines four spaces in, the
/// default marked by a `*` in the indentation, multi-line values eight in.
/// Lines after the first are relative to the line the select starts on.
fn select_source(
    selector: &ast::InlineExpression<&str>,
    variants: &[ast::Variant<&str>],
) -> String {
    let mut out = format!("{} ->", inline_source(selector));
    for v in variants {
        out.push_str(if v.default { "\n   *[" } else { "\n    [" });
        match &v.key {
            ast::VariantKey::Identifier { name } => out.push_str(name),
            ast::VariantKey::NumberLiteral { value } => out.push_str(value),
        }
        out.push(']');
        out.push_str(&layout(&variant_parts(&v.value), 2 * INDENT));
    }
    out
}

/// A variant's value as parts, keeping string literals as placeables: what
/// the reader sees inside a select stays inside the select's source.
fn variant_parts(p: &ast::Pattern<&str>) -> Vec<Part> {
    let parts = p.elements.iter().map(|el| match el {
        ast::PatternElement::TextElement { value } => Part::Text(value.to_string()),
        ast::PatternElement::Placeable { expression } => {
            Part::Placeable(expression_source(expression))
        }
    });
    Pattern(parts.collect()).normalized().0
}
