//! Writing a [`Resource`](super::Resource) as deterministic `.ftl` source that parses
//! back to the same resource, escaping whatever Fluent would strip or
//! misread.

use super::*;
use crate::fluent::pattern::{Part, Pattern};
use std::borrow::Cow;

/// Writes a resource deterministically: resource comment as `### ` lines, a
/// blank line between entries, a group comment (`## `) as a block of its
/// own before the entry it opens, each message's comment as `# ` lines, value,
/// then attributes indented 4 spaces (`    .name = …`), trailing newline.
pub fn write(res: &Resource) -> String {
    write_parts(res.comment.as_deref(), &res.messages)
}

/// [`write()`] of a resource given as its comment and its messages.
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
        .group
        .as_deref()
        .map(|g| comment_lines("##", g) + "\n")
        .unwrap_or_default();
    out += &m
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
pub(super) fn layout(parts: &[Part], indent: usize) -> String {
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
pub(super) fn string_literal(s: &str) -> String {
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
pub(super) fn placeable(expr: &str, indent: usize) -> String {
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
