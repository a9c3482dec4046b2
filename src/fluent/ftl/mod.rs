//! Reading and writing Fluent (`.ftl`) resources as relais sees them.
//!
//! [`parse`] turns Fluent source into [`Message`]s whose values are
//! [`Pattern`]s (literal text plus placeables in canonical source form) and
//! reports every junk entry as a [`SyntaxError`] with line and column, while
//! still returning the valid entries. [`write()`] produces deterministic
//! source that parses back to the same [`Resource`]: unlike
//! `fluent_syntax::serializer`, which writes text verbatim, it escapes
//! whatever Fluent would strip or misread (braces, leading and trailing
//! spaces, blank first or last lines, `[`/`*`/`.` at a line start, `\r`).
//!
//! A select expression without a default variant, which fluent-syntax 0.12
//! lets through when a stray `*` precedes the closing brace, is reported
//! like junk, as the spec and fluent-bundle's runtime treat it.
//!
//! `##` group comments are kept on the entry that follows them
//! ([`Message::group`]); a group comment with no entry after it (before
//! another group comment, or at the end) is not.
//!
//! What it does not do: keep the layout of the original file, standalone
//! `#` comments, any `###` resource comment after the first, or junk (junk is reported, never written back). It does not check
//! meaning (duplicate ids, unknown references, variables) nor validate the
//! ids and placeable sources it is given to write: that belongs to the
//! checks. A message without value and attributes, or a term without a
//! value, is written with an empty value `{""}` so the file stays valid.

mod expr;
mod parse;
mod select;
mod write;

use crate::fluent::pattern::Pattern;

pub use parse::parse;
pub use select::{Select, Variant, parse_select, write_select};
pub use write::{canonical, write, write_parts, write_pattern};

/// A message or a term (term ids keep their leading `-`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The id (`title`, `p-la-visite`; `-brand` for a term).
    pub id: String,
    /// Attached `#` comment, lines joined with `\n`, without the `# ` prefixes.
    pub comment: Option<String>,
    /// The `##` group comment that opens just before this entry (the
    /// group's first entry carries it; an empty `##` ends a group: `""`).
    pub group: Option<String>,
    /// The value; `None` for a message that only has attributes.
    pub value: Option<Pattern>,
    /// Attributes in file order: name (without the `.`) and value.
    pub attributes: Vec<(String, Pattern)>,
}

/// The entries of one `.ftl` file that relais keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resource {
    /// The first `###` resource comment.
    pub comment: Option<String>,
    /// Messages and terms in file order (junk left out).
    pub messages: Vec<Message>,
}

/// One junk entry: where the parser gave up, 1-based, column in chars.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: {message}")]
pub struct SyntaxError {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
    /// What the parser expected or found there.
    pub message: String,
    /// The same as a code a page can put in words: `unclosed-brace`,
    /// `unbalanced-brace`, `unterminated-string`, `no-default-variant`,
    /// `other`.
    pub kind: &'static str,
    /// Id of the message the junk belongs to, when the junk starts with `id =`.
    pub id: Option<String>,
}

/// The value written for an empty pattern: a message needs a value, and an
/// empty string literal is the only way to spell "nothing".
pub(super) const EMPTY: &str = "{\"\"}";

/// Indentation of a message value's lines; attribute values go one level deeper.
pub(super) const INDENT: usize = 4;

#[cfg(test)]
mod tests {
    use super::parse::junk_id;
    use super::write::string_literal;
    use super::*;
    use crate::fluent::pattern::Part;
    use fluent_syntax::unicode::unescape_unicode_to_string;

    fn text_message(s: &str) -> Resource {
        Resource {
            comment: None,
            messages: vec![Message {
                id: "m".into(),
                comment: None,
                group: None,
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
