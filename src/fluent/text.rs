//! The text of a message as relais keeps it: value then attributes,
//! normalised so that layout in the `.ftl` file does not change it (what
//! hashes are taken of), and as a reader sees it (what review shows and
//! what diffs and distances are taken of).

use crate::fluent::ftl::{self, Message};
use crate::fluent::pattern::{Part, Pattern};

/// The normalised text of a message (value, then attributes), the thing
/// hashes are taken of: layout in the `.ftl` file does not change it.
pub fn message_text(m: &Message) -> String {
    let mut s = m.value.as_ref().map(ftl::canonical).unwrap_or_default();
    for (name, p) in &m.attributes {
        s.push_str(&format!("\n.{name} ={}", ftl::canonical(p)));
    }
    s
}

/// The inverse of [`message_text`]: the message `id` with that text, or
/// `None` when the text is not Fluent relais wrote.
pub fn message_from_text(id: &str, text: &str) -> Option<Message> {
    let (res, errors) = ftl::parse(&format!("{id} ={text}\n"));
    if !errors.is_empty() {
        return None;
    }
    res.messages.into_iter().next().filter(|m| m.id == id)
}

/// What a reader sees of a message text: the value, then one
/// `.name = value` line per attribute; placeables as `{ … }`, no escapes.
/// This is what review shows and what diffs and distances are taken of.
pub fn readable(text: &str) -> String {
    let Some(m) = message_from_text("m", text) else {
        return text.trim().to_string();
    };
    let mut out = m.value.as_ref().map(readable_pattern).unwrap_or_default();
    for (name, p) in &m.attributes {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!(".{name} = {}", readable_pattern(p)));
    }
    out
}

/// [`readable`] text split back: the value, then each `.name = text`
/// line after it as an attribute (a line of the value that merely starts
/// with `.` stays in the value).
pub fn split_readable(text: &str) -> (String, Vec<(&str, &str)>) {
    let mut value = Vec::new();
    let mut attributes = Vec::new();
    for line in text.split('\n') {
        let attribute = line
            .strip_prefix('.')
            .and_then(|rest| rest.split_once(" = "))
            .filter(|(name, _)| {
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            });
        match attribute {
            Some(a) if !value.is_empty() || !attributes.is_empty() => attributes.push(a),
            _ if attributes.is_empty() => value.push(line),
            _ => {}
        }
    }
    (value.join("\n"), attributes)
}

fn readable_pattern(p: &Pattern) -> String {
    p.0.iter()
        .map(|part| match part {
            Part::Text(t) => t.clone(),
            Part::Placeable(e) => format!("{{ {e} }}"),
        })
        .collect()
}
