//! The link reference definitions of a body, one per line, so that a
//! block's text can be parsed standalone with its references resolved.
//!
//! It does not remove the definitions from the body (reassembly copies them
//! unchanged) and does not make them translatable.

/// One line per definition, in source order: the raw source when it is on
/// one line, otherwise rebuilt (escaped) from the parsed label, destination
/// and title.
pub(super) fn ref_defs_source(body: &str, defs: &pulldown_cmark::RefDefs) -> String {
    let mut defs: Vec<_> = defs.iter().collect();
    defs.sort_by_key(|(_, def)| def.span.start);
    let mut out = String::new();
    for (label, def) in defs {
        let raw = body[def.span.clone()].trim();
        if !raw.contains(['\n', '\r']) {
            out.push_str(raw);
        } else {
            out.push_str(&format!(
                "[{label}]: <{}>",
                escape_chars(&def.dest, "<>\\&")
            ));
            if let Some(title) = &def.title {
                out.push_str(&format!(" \"{}\"", escape_chars(title, "\"\\&")));
            }
        }
        out.push('\n');
    }
    out
}

/// Backslash-escapes `special` characters; line breaks (possible in titles)
/// become character references so the definition stays on one line.
fn escape_chars(s: &str, special: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if special.contains(c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}
