//! Parsing `.ftl` source into relais's [`Resource`](super::Resource): valid entries
//! converted, every junk entry (and every select without a default) a
//! [`SyntaxError`](super::SyntaxError) with line and column.

use super::expr::expression_source;
use super::*;
use crate::fluent::pattern::{Part, Pattern};
use fluent_syntax::ast;
use fluent_syntax::parser::{self, ErrorKind, ParserError};
use fluent_syntax::unicode::unescape_unicode_to_string;

/// Parses Fluent source. Never drops errors: junk entries become
/// SyntaxErrors with the 1-based line and column (column in chars) of the
/// error position; the valid entries are still returned. A UTF-8 BOM and
/// CRLF line endings are accepted.
pub fn parse(src: &str) -> (Resource, Vec<SyntaxError>) {
    // fluent-syntax would read a BOM as the start of a junk entry.
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let (ast, errors) = match parser::parse(src) {
        Ok(ast) => (ast, Vec::new()),
        Err((ast, errors)) => (ast, errors),
    };
    let mut errors: Vec<SyntaxError> = errors.iter().map(|e| syntax_error(src, e)).collect();
    let res = resource_from_ast(src, &ast, &mut errors);
    errors.sort_by_key(|e| (e.line, e.col));
    (res, errors)
}

/// Converts the valid entries; an entry with a select lacking a default
/// variant becomes an error instead (see [`select_without_default`]).
fn resource_from_ast(
    src: &str,
    ast: &ast::Resource<&str>,
    errors: &mut Vec<SyntaxError>,
) -> Resource {
    let mut res = Resource::default();
    // The `##` comment waiting for the entry it opens.
    let mut group: Option<String> = None;
    for entry in &ast.body {
        if let Some(err) = entry_error(src, entry) {
            errors.push(err);
            continue;
        }
        match entry {
            ast::Entry::Message(m) => res.messages.push(Message {
                id: m.id.name.to_string(),
                comment: m.comment.as_ref().map(comment_text),
                group: group.take(),
                value: m.value.as_ref().map(pattern_from_ast),
                attributes: attributes_from_ast(&m.attributes),
            }),
            ast::Entry::Term(t) => res.messages.push(Message {
                id: format!("-{}", t.id.name),
                comment: t.comment.as_ref().map(comment_text),
                group: group.take(),
                value: Some(pattern_from_ast(&t.value)),
                attributes: attributes_from_ast(&t.attributes),
            }),
            ast::Entry::GroupComment(c) => group = Some(comment_text(c)),
            ast::Entry::ResourceComment(c) if res.comment.is_none() => {
                res.comment = Some(comment_text(c));
            }
            _ => {}
        }
    }
    res
}

/// A CR ending a comment line is line-ending noise (it cannot be written
/// back: before a newline it would be read as CRLF), so it is dropped.
fn comment_text(c: &ast::Comment<&str>) -> String {
    let lines: Vec<&str> = c.content.iter().map(|l| l.trim_end_matches('\r')).collect();
    lines.join("\n")
}

fn attributes_from_ast(attrs: &[ast::Attribute<&str>]) -> Vec<(String, Pattern)> {
    attrs
        .iter()
        .map(|a| (a.id.name.to_string(), pattern_from_ast(&a.value)))
        .collect()
}

/// Top-level literals are only escapes for the reader, so they become text;
/// every other placeable keeps its canonical source.
pub(super) fn pattern_from_ast(p: &ast::Pattern<&str>) -> Pattern {
    let parts = p.elements.iter().map(|el| match el {
        ast::PatternElement::TextElement { value } => Part::Text(value.to_string()),
        ast::PatternElement::Placeable { expression } => match expression {
            ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
                Part::Text(unescape_unicode_to_string(value).into_owned())
            }
            ast::Expression::Inline(ast::InlineExpression::NumberLiteral { value }) => {
                Part::Text(value.to_string())
            }
            other => Part::Placeable(expression_source(other)),
        },
    });
    Pattern(parts.collect()).normalized()
}

fn syntax_error(src: &str, err: &ParserError) -> SyntaxError {
    let start = err.slice.as_ref().map_or(0, |r| r.start);
    let (line, col) = crate::base::error::line_col(src, error_offset(src, err.pos.start, start));
    let junk = err.slice.clone().and_then(|r| src.get(r)).unwrap_or("");
    SyntaxError {
        line,
        col,
        message: err.kind.to_string(),
        kind: kind_code(&err.kind),
        id: junk_id(junk),
    }
}

/// The few mistakes people make typing Fluent, by name; the rest `other`.
fn kind_code(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::ExpectedToken('}') => "unclosed-brace",
        ErrorKind::UnbalancedClosingBrace => "unbalanced-brace",
        ErrorKind::UnterminatedStringLiteral => "unterminated-string",
        ErrorKind::MissingDefaultVariant => "no-default-variant",
        _ => "other",
    }
}

/// The parser reports a token missing at the end of a line (`{ x` with no
/// `}`) at the start of the next one; the end of the line where it is
/// missing is where a person looks.
fn error_offset(src: &str, pos: usize, junk_start: usize) -> usize {
    let pos = pos.min(src.len());
    if pos > junk_start && src[..pos].ends_with('\n') {
        src[..pos - 1].trim_end_matches('\r').len()
    } else {
        pos
    }
}

/// The id a junk entry was meant to define: it starts with `id =` or `-id =`.
pub(super) fn junk_id(junk: &str) -> Option<String> {
    let (dash, rest) = match junk.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", junk),
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..end];
    let is_id = name.starts_with(|c: char| c.is_ascii_alphabetic());
    let has_equals = rest[end..].trim_start_matches(' ').starts_with('=');
    (is_id && has_equals).then(|| format!("{dash}{name}"))
}

/// An entry fluent-syntax accepts but the spec makes junk.
fn entry_error(src: &str, entry: &ast::Entry<&str>) -> Option<SyntaxError> {
    let (id, value, attributes) = match entry {
        ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
        ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
        _ => return None,
    };
    let patterns = value.into_iter().chain(attributes.iter().map(|a| &a.value));
    let selector = patterns.into_iter().find_map(select_without_default)?;
    let (line, col) = crate::base::error::line_col(src, offset_in(src, selector));
    Some(SyntaxError {
        line,
        col,
        message: ErrorKind::MissingDefaultVariant.to_string(),
        kind: "no-default-variant",
        id: Some(id),
    })
}

/// Byte offset of `slice`, which the parser cut out of `src`.
fn offset_in(src: &str, slice: &str) -> usize {
    (slice.as_ptr() as usize).saturating_sub(src.as_ptr() as usize)
}

/// fluent-syntax 0.12 takes a stray `*` before a select's closing brace as
/// its default, accepting selects without a default variant (or without
/// any variant). The spec makes those junk and fluent-bundle fails on them
/// at runtime, so they are reported; the selector's source is returned.
fn select_without_default<'s>(p: &ast::Pattern<&'s str>) -> Option<&'s str> {
    p.elements.iter().find_map(|el| match el {
        ast::PatternElement::Placeable { expression } => expression_without_default(expression),
        ast::PatternElement::TextElement { .. } => None,
    })
}

fn expression_without_default<'s>(e: &ast::Expression<&'s str>) -> Option<&'s str> {
    match e {
        ast::Expression::Inline(inline) => inline_without_default(inline),
        ast::Expression::Select { selector, variants } => {
            if !variants.iter().any(|v| v.default) {
                return Some(selector_source(selector));
            }
            let mut values = variants.iter().map(|v| &v.value);
            inline_without_default(selector).or_else(|| values.find_map(select_without_default))
        }
    }
}

/// Selects can hide in nested placeables, also inside call arguments.
fn inline_without_default<'s>(e: &ast::InlineExpression<&'s str>) -> Option<&'s str> {
    use ast::InlineExpression as E;
    let args = match e {
        E::Placeable { expression } => return expression_without_default(expression),
        E::FunctionReference { arguments, .. } => arguments,
        E::TermReference {
            arguments: Some(arguments),
            ..
        } => arguments,
        _ => return None,
    };
    args.positional.iter().find_map(inline_without_default)
}

/// A slice of the source inside the selector, to point the error at.
fn selector_source<'s>(e: &ast::InlineExpression<&'s str>) -> &'s str {
    use ast::InlineExpression as E;
    match e {
        E::StringLiteral { value } | E::NumberLiteral { value } => value,
        E::VariableReference { id }
        | E::FunctionReference { id, .. }
        | E::MessageReference { id, .. }
        | E::TermReference { id, .. } => id.name,
        E::Placeable { expression } => match expression.as_ref() {
            ast::Expression::Inline(inline) => selector_source(inline),
            ast::Expression::Select { selector, .. } => selector_source(selector),
        },
    }
}
