//! Reading and writing Fluent (`.ftl`) resources as relais sees them.
//!
//! [`parse`] turns Fluent source into [`Message`]s whose values are
//! [`Pattern`]s (literal text plus placeables in canonical source form) and
//! reports every junk entry as a [`SyntaxError`] with line and column, while
//! still returning the valid entries. [`write`] produces deterministic
//! source that parses back to the same [`Resource`]: unlike
//! `fluent_syntax::serializer`, which writes text verbatim, it escapes
//! whatever Fluent would strip or misread (braces, leading and trailing
//! spaces, blank first or last lines, `[`/`*`/`.` at a line start, `\r`).
//!
//! A select expression without a default variant, which fluent-syntax 0.12
//! lets through when a stray `*` precedes the closing brace, is reported
//! like junk, as the spec and fluent-bundle's runtime treat it.
//!
//! What it does not do: keep the layout of the original file, standalone
//! `#` comments, `##` group comments or any `###` resource comment after the
//! first, or junk (junk is reported, never written back). It does not check
//! meaning (duplicate ids, unknown references, variables) nor validate the
//! ids and placeable sources it is given to write: that belongs to the
//! checks. A message without value and attributes, or a term without a
//! value, is written with an empty value `{""}` so the file stays valid.

use std::borrow::Cow;

use fluent_syntax::ast;
use fluent_syntax::parser::{self, ErrorKind, ParserError};
use fluent_syntax::unicode::unescape_unicode_to_string;

use crate::fluent::pattern::{Part, Pattern};

/// A message or a term (term ids keep their leading `-`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    /// Attached `#` comment, lines joined with `\n`, without the `# ` prefixes.
    pub comment: Option<String>,
    pub value: Option<Pattern>,
    pub attributes: Vec<(String, Pattern)>,
}

/// The entries of one `.ftl` file that relais keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resource {
    /// The first `###` resource comment.
    pub comment: Option<String>,
    pub messages: Vec<Message>,
}

/// One junk entry: where the parser gave up, 1-based, column in chars.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: {message}")]
pub struct SyntaxError {
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// Id of the message the junk belongs to, when the junk starts with `id =`.
    pub id: Option<String>,
}

/// The value written for an empty pattern: a message needs a value, and an
/// empty string literal is the only way to spell "nothing".
const EMPTY: &str = "{\"\"}";

/// Indentation of a message value's lines; attribute values go one level deeper.
const INDENT: usize = 4;

// ---------------------------------------------------------------- parsing

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
    for entry in &ast.body {
        if let Some(err) = entry_error(src, entry) {
            errors.push(err);
            continue;
        }
        match entry {
            ast::Entry::Message(m) => res.messages.push(Message {
                id: m.id.name.to_string(),
                comment: m.comment.as_ref().map(comment_text),
                value: m.value.as_ref().map(pattern_from_ast),
                attributes: attributes_from_ast(&m.attributes),
            }),
            ast::Entry::Term(t) => res.messages.push(Message {
                id: format!("-{}", t.id.name),
                comment: t.comment.as_ref().map(comment_text),
                value: Some(pattern_from_ast(&t.value)),
                attributes: attributes_from_ast(&t.attributes),
            }),
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
fn pattern_from_ast(p: &ast::Pattern<&str>) -> Pattern {
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
        id: junk_id(junk),
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
fn junk_id(junk: &str) -> Option<String> {
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

// ------------------------------------------------------------ expressions

/// Canonical source of an expression, without the surrounding braces.
fn expression_source(e: &ast::Expression<&str>) -> String {
    match e {
        ast::Expression::Inline(inline) => inline_source(inline),
        ast::Expression::Select { selector, variants } => select_source(selector, variants),
    }
}

fn inline_source(e: &ast::InlineExpression<&str>) -> String {
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

// ----------------------------------------------------------------- selects

/// A select expression taken apart, so that each variant can be
/// translated on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Select {
    /// The selector's canonical source (`$count`, `NUMBER($n)`).
    pub selector: String,
    pub variants: Vec<Variant>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub key: String,
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

// ---------------------------------------------------------------- writing

/// Writes a resource deterministically: resource comment as `### ` lines, a
/// blank line between entries, each message's comment as `# ` lines, value,
/// then attributes indented 4 spaces (`    .name = …`), trailing newline.
pub fn write(res: &Resource) -> String {
    write_parts(res.comment.as_deref(), &res.messages)
}

/// [`write`] of a resource given as its comment and its messages.
pub fn write_parts(comment: Option<&str>, messages: &[Message]) -> String {
    let comment = comment.map(|c| comment_lines("###", c));
    let messages = messages.iter().map(message_source);
    let blocks: Vec<String> = comment.into_iter().chain(messages).collect();
    blocks.join("\n")
}

fn comment_lines(prefix: &str, text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n').map(|l| l.trim_end_matches('\r')) {
        out.push_str(prefix);
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn message_source(m: &Message) -> String {
    let mut out = m
        .comment
        .as_deref()
        .map(|c| comment_lines("#", c))
        .unwrap_or_default();
    out.push_str(&m.id);
    out.push_str(" =");
    match &m.value {
        Some(value) => out.push_str(&layout(&value.0, INDENT)),
        // Keep the file loadable: a term, or a message without attributes,
        // is junk without a value.
        None if m.id.starts_with('-') || m.attributes.is_empty() => {
            out.push(' ');
            out.push_str(EMPTY);
        }
        None => {}
    }
    for (name, value) in &m.attributes {
        out.push_str(&format!("\n{}.{name} =", " ".repeat(INDENT)));
        out.push_str(&layout(&value.0, 2 * INDENT));
    }
    out.push('\n');
    out
}

/// The Fluent source of a pattern as it follows `id =` (starts with " " for
/// one-line values, or "\n    " + lines for multi-line ones), with every
/// escape needed so that it parses back to the same Pattern.
pub fn write_pattern(p: &Pattern) -> String {
    layout(&p.0, INDENT)
}

/// Canonical single-string form used for hashing: write_pattern of the
/// normalized pattern (so re-indenting a file does not change it).
pub fn canonical(p: &Pattern) -> String {
    // Hashing calls this for every message, several times a run: a pattern
    // that is already normalized (nearly all) is not copied first.
    let normalized =
        p.0.windows(2)
            .all(|w| !matches!(w, [Part::Text(_), Part::Text(_)]))
            && !p
                .0
                .iter()
                .any(|part| matches!(part, Part::Text(t) if t.is_empty()));
    if normalized {
        write_pattern(p)
    } else {
        write_pattern(&p.clone().normalized())
    }
}

/// One piece of a source line: text still to be escaped, or an expression.
#[derive(Debug)]
enum Piece<'a> {
    Text(Cow<'a, str>),
    Expr(&'a str),
}

/// Lays a pattern out after `=` (or a variant key): one line after a space,
/// or every line on its own line `indent` spaces in.
fn layout(parts: &[Part], indent: usize) -> String {
    let lines = split_lines(parts);
    let multi_line_expr = parts
        .iter()
        .any(|p| matches!(p, Part::Placeable(e) if e.contains('\n')));
    if lines.len() == 1 && !multi_line_expr {
        let line = encode_line(&lines[0], false, indent);
        return format!(" {}", if line.is_empty() { EMPTY } else { &line });
    }
    let last = lines.len() - 1;
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let mut line = encode_line(line, true, indent);
        // The parser drops blank lines at both ends of a value, so those
        // need a placeable to hold them; blank lines between stay blank.
        if line.is_empty() && (i == 0 || i == last) {
            line = EMPTY.to_string();
        }
        push_line(&mut out, &line, indent);
    }
    out
}

/// Appends "\n" and the indented line; an empty line gets no indentation so
/// the file has no trailing spaces.
fn push_line(out: &mut String, line: &str, indent: usize) {
    out.push('\n');
    if !line.is_empty() {
        out.extend(std::iter::repeat_n(' ', indent));
        out.push_str(line);
    }
}

/// Splits parts at newlines into source lines, merging adjacent text so
/// the line-start and line-end rules see whole runs.
fn split_lines(parts: &[Part]) -> Vec<Vec<Piece<'_>>> {
    let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
    for part in parts {
        match part {
            Part::Placeable(e) => lines.last_mut().unwrap().push(Piece::Expr(e)),
            Part::Text(t) => {
                for (i, chunk) in t.split('\n').enumerate() {
                    if i > 0 {
                        lines.push(Vec::new());
                    }
                    push_text(lines.last_mut().unwrap(), chunk);
                }
            }
        }
    }
    lines
}

fn push_text<'a>(line: &mut Vec<Piece<'a>>, chunk: &'a str) {
    if chunk.is_empty() {
        return;
    }
    match line.last_mut() {
        Some(Piece::Text(prev)) => prev.to_mut().push_str(chunk),
        _ => line.push(Piece::Text(Cow::Borrowed(chunk))),
    }
}

/// One source line. On a continuation line (`multi`) the parser reads
/// `[`, `*` and `.` at the start as syntax, so those are escaped there.
fn encode_line(pieces: &[Piece], multi: bool, indent: usize) -> String {
    let mut out = String::new();
    let last = pieces.len().saturating_sub(1);
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Expr(e) => out.push_str(&placeable(e, indent)),
            Piece::Text(t) => encode_text(&mut out, t, i == 0, i == last, multi),
        }
    }
    out
}

/// Writes text, turning every character Fluent would drop or misread into
/// a string-literal placeable (adjacent ones merged into one literal).
fn encode_text(out: &mut String, text: &str, line_start: bool, line_end: bool, multi: bool) {
    // Leading spaces are indentation to the parser, trailing ones get
    // trimmed at the end of a value (and by editors everywhere else).
    let body = if line_start {
        text.trim_start_matches(' ')
    } else {
        text
    };
    let mut escaped = text[..text.len() - body.len()].to_string();
    let body_trimmed = if line_end {
        body.trim_end_matches(' ')
    } else {
        body
    };
    let trailing = &body[body_trimmed.len()..];
    let mut rest = body_trimmed;
    let at_start = line_start && escaped.is_empty();
    if at_start && multi && rest.starts_with(['[', '*', '.']) {
        escaped.push_str(&rest[..1]);
        rest = &rest[1..];
    }
    // Runs of plain text are copied whole, not a character at a time.
    while !rest.is_empty() {
        let plain = rest.find(['{', '}', '\r']).unwrap_or(rest.len());
        if plain == 0 {
            escaped.push_str(&rest[..1]);
            rest = &rest[1..];
        } else {
            flush_escaped(out, &mut escaped);
            out.push_str(&rest[..plain]);
            rest = &rest[plain..];
        }
    }
    escaped.push_str(trailing);
    flush_escaped(out, &mut escaped);
}

fn flush_escaped(out: &mut String, escaped: &mut String) {
    if !escaped.is_empty() {
        out.push('{');
        out.push_str(&string_literal(escaped));
        out.push('}');
        escaped.clear();
    }
}

/// A string literal for `s`: `"` and `\` escaped, line breaks as `\u` escapes
/// (a literal cannot span lines, and a raw `\r` is line-ending noise).
fn string_literal(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\r' => out.push_str("\\u000D"),
            '\n' => out.push_str("\\u000A"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `{ expr }`. A bare string literal is written tight, `{"…"}`, the same
/// way escapes are, so a select's source is a fixed point of parse and
/// write. A multi-line expression keeps its lines, indented to the pattern.
fn placeable(expr: &str, indent: usize) -> String {
    if !expr.contains('\n') {
        return if expr.starts_with('"') {
            format!("{{{expr}}}")
        } else {
            format!("{{ {expr} }}")
        };
    }
    let mut out = String::from("{ ");
    for (i, line) in expr.split('\n').enumerate() {
        if i == 0 {
            out.push_str(line);
        } else {
            push_line(&mut out, line, indent);
        }
    }
    push_line(&mut out, "}", indent);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_message(s: &str) -> Resource {
        Resource {
            comment: None,
            messages: vec![Message {
                id: "m".into(),
                comment: None,
                value: Some(Pattern::text(s)),
                attributes: vec![],
            }],
        }
    }

    fn roundtrip(s: &str) {
        let src = write(&text_message(s));
        let (res, errors) = parse(&src);
        assert!(errors.is_empty(), "{s:?} → {src:?}: {errors:?}");
        assert_eq!(res, text_message(s), "{s:?} → {src:?}");
    }

    #[test]
    fn tricky_texts_round_trip() {
        for s in [
            "", " ", "a ", " a", "{", "}", "a{b}c", "\n", "a\n", "\na", "a\n\nb", "\n\n", "[a",
            "a\n[b", "a\n*b", "a\n.b", "a\n  b", "  \n  ", "\r", "a\r\nb", "\t", "\"\\", "a\n}",
            "a\n\n\n", " \n",
        ] {
            roundtrip(s);
        }
    }

    #[test]
    fn escapes_are_written_as_expected() {
        let w = |s: &str| write_pattern(&Pattern::text(s));
        assert_eq!(w("Use {curly} braces"), r#" Use {"{"}curly{"}"} braces"#);
        assert_eq!(w("  x "), r#" {"  "}x{" "}"#);
        assert_eq!(w(""), r#" {""}"#);
        assert_eq!(w("a\n[b]\n"), "\n    a\n    {\"[\"}b]\n    {\"\"}");
        assert_eq!(w("a\r"), r#" a{"\u000D"}"#);
        assert_eq!(w("a\n\nb"), "\n    a\n\n    b");
    }

    #[test]
    fn select_is_written_in_standard_layout() {
        let src = "m = { $n ->\n  [one] one\n *[other] {$n} many\n}\n";
        let (res, errors) = parse(src);
        assert!(errors.is_empty());
        let value = res.messages[0].value.clone().unwrap();
        assert_eq!(
            value,
            Pattern(vec![Part::Placeable(
                "$n ->\n    [one] one\n   *[other] { $n } many".into()
            )])
        );
        assert_eq!(
            write(&res),
            "m =\n    { $n ->\n        [one] one\n       *[other] { $n } many\n    }\n"
        );
    }

    #[test]
    fn string_literals_escape_quotes_backslashes_and_line_breaks() {
        let lit = string_literal("a\"b\\c\rd\ne");
        assert_eq!(lit, r#""a\"b\\c\u000Dd\u000Ae""#);
        let decoded = unescape_unicode_to_string(&lit[1..lit.len() - 1]);
        assert_eq!(decoded, "a\"b\\c\rd\ne");
    }

    #[test]
    fn junk_id_reads_message_and_term_ids() {
        assert_eq!(junk_id("err01 = {1x}\n"), Some("err01".into()));
        assert_eq!(junk_id("-brand   = {\n"), Some("-brand".into()));
        assert_eq!(junk_id("ą=Invalid"), None);
        assert_eq!(junk_id("}\n"), None);
    }

    #[test]
    fn selects_come_apart_and_back() {
        let src =
            "n = { $count ->\n    [one] une { -org }\n   *[other] { $count } « { \"{\" } »\n}\n";
        let (res, errors) = parse(src);
        assert!(errors.is_empty());
        let Part::Placeable(expr) = &res.messages[0].value.as_ref().unwrap().0[0] else {
            panic!("a placeable")
        };
        let sel = parse_select(expr).unwrap();
        assert_eq!(sel.selector, "$count");
        assert_eq!(sel.variants[1].key, "other");
        assert!(sel.variants[1].default);
        assert_eq!(
            sel.variants[1].value,
            Pattern(vec![
                Part::Placeable("$count".into()),
                Part::Text(" « { »".into())
            ])
        );
        assert_eq!(&write_select(&sel), expr);
        assert_eq!(parse_select("$x"), None);
    }

    #[test]
    fn a_missing_token_is_reported_at_the_end_of_its_line() {
        let src = "a = x\nb = { y\nc = z\n";
        let (_, errors) = parse(src);
        assert_eq!((errors[0].line, errors[0].col), (2, 8));
    }
}
