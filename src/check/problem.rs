//! What is wrong with a translation, as data: a code and its arguments.
//! The terminal prints [`Problem`]'s `Display` (English, as `relais check`
//! always has); the review page says the same in the reader's language
//! from its Fluent resources (`problem-<code>`, arguments from
//! [`Problem::args`]).

use std::fmt;

/// Which part of a message a problem is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// The value.
    Value,
    /// An attribute (its name, without the dot).
    Attribute(String),
}

impl Field {
    /// `value`, or the attribute's name with its dot (`.alt`): a Fluent
    /// selector key for the first, shown as is for the second.
    fn arg(&self) -> String {
        match self {
            Field::Value => "value".into(),
            Field::Attribute(name) => format!(".{name}"),
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Value => f.write_str("value"),
            Field::Attribute(name) => write!(f, "attribute .{name}"),
        }
    }
}

/// One thing wrong with a translation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The French has a value, the translation none.
    ValueMissing,
    /// The translation has a value the French does not.
    ValueExtra,
    /// An attribute of the French is not translated.
    AttributeMissing(String),
    /// An attribute the French does not have.
    AttributeObsolete(String),
    /// A select variant defined twice (fluent-bundle uses the first).
    VariantTwice(String),
    /// Something that must survive translation (a link target, code, a
    /// placeable, an image, a shortcode) is gone.
    PieceMissing(Field, String),
    /// Such a piece the French does not have.
    PieceAdded(Field, String),
    /// A glossary `keep` term that did not stay as written.
    KeepTerm(String),
    /// A variable of the French is gone.
    VariableMissing(String),
    /// A variable the French does not use.
    VariableAdded(String),
    /// A message or term reference the French does not make.
    ReferenceAdded(String),
    /// fluent-bundle cannot format the translation (its words).
    DoesNotFormat(String),
    /// The typed text is not a Fluent pattern.
    Syntax {
        /// Where it was typed.
        field: Field,
        /// Line in the typed text, from 1.
        line: usize,
        /// Column in characters, from 1.
        col: usize,
        /// What is wrong, as a code: `unclosed-brace`, `unbalanced-brace`,
        /// `unterminated-string`, `no-default-variant`, `other`.
        kind: &'static str,
        /// The parser's own words.
        detail: String,
    },
    /// The typed text makes more than one entry (a line starting with `.`
    /// or an id).
    OnePattern(Field),
    /// The last machine output was refused (why, as recorded).
    Refused {
        /// The engine whose output it was.
        engine: String,
        /// Why, in the words recorded then.
        reason: String,
    },
}

impl Problem {
    /// Every code, for the test that each has words in every language.
    pub const CODES: &'static [&'static str] = &[
        "value-missing",
        "value-extra",
        "attribute-missing",
        "attribute-obsolete",
        "variant-twice",
        "piece-missing",
        "piece-added",
        "keep-term",
        "variable-missing",
        "variable-added",
        "reference-added",
        "does-not-format",
        "syntax",
        "one-pattern",
        "refused",
    ];

    /// The code: `problem-<code>` is its message in the page resources.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::ValueMissing => "value-missing",
            Problem::ValueExtra => "value-extra",
            Problem::AttributeMissing(_) => "attribute-missing",
            Problem::AttributeObsolete(_) => "attribute-obsolete",
            Problem::VariantTwice(_) => "variant-twice",
            Problem::PieceMissing(..) => "piece-missing",
            Problem::PieceAdded(..) => "piece-added",
            Problem::KeepTerm(_) => "keep-term",
            Problem::VariableMissing(_) => "variable-missing",
            Problem::VariableAdded(_) => "variable-added",
            Problem::ReferenceAdded(_) => "reference-added",
            Problem::DoesNotFormat(_) => "does-not-format",
            Problem::Syntax { .. } => "syntax",
            Problem::OnePattern(_) => "one-pattern",
            Problem::Refused { .. } => "refused",
        }
    }

    /// The arguments of its message. A piece comes as `kind` (`link`,
    /// `image`, `code`, `shortcode`, `placeable`, `other`) and `piece`
    /// (for a link, its address); a field as `field` (`value` or `.name`).
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Problem::ValueMissing | Problem::ValueExtra => Vec::new(),
            Problem::AttributeMissing(name) | Problem::AttributeObsolete(name) => {
                vec![("name", format!(".{name}"))]
            }
            Problem::VariantTwice(key) => vec![("name", key.clone())],
            Problem::PieceMissing(field, piece) | Problem::PieceAdded(field, piece) => {
                let (kind, shown) = piece_kind(piece);
                vec![
                    ("field", field.arg()),
                    ("kind", kind.into()),
                    ("piece", shown),
                ]
            }
            Problem::KeepTerm(term) => vec![("name", term.clone())],
            Problem::VariableMissing(v) | Problem::VariableAdded(v) => {
                vec![("name", format!("${v}"))]
            }
            Problem::ReferenceAdded(r) => vec![("name", r.clone())],
            Problem::DoesNotFormat(detail) => vec![("detail", detail.clone())],
            Problem::Syntax {
                field,
                line,
                col,
                kind,
                detail,
            } => vec![
                ("field", field.arg()),
                ("line", line.to_string()),
                ("col", col.to_string()),
                ("kind", (*kind).into()),
                ("detail", detail.clone()),
            ],
            Problem::OnePattern(field) => vec![("field", field.arg())],
            Problem::Refused { engine, reason } => {
                vec![("name", engine.clone()), ("detail", reason.clone())]
            }
        }
    }

    /// The piece a piece problem is about (to tell it from a variable
    /// problem about the same placeable).
    pub fn piece(&self) -> Option<&str> {
        match self {
            Problem::PieceMissing(_, p) | Problem::PieceAdded(_, p) => Some(p),
            _ => None,
        }
    }
}

/// What kind of locked piece `piece` is, and how to show it: a link as its
/// address, anything else as written.
fn piece_kind(piece: &str) -> (&'static str, String) {
    if let Some(rest) = piece.strip_prefix("](") {
        let end = rest.find([' ', ')']).unwrap_or(rest.len());
        return ("link", rest[..end].to_string());
    }
    let kind = if piece.starts_with("![") {
        "image"
    } else if piece.starts_with("{{") {
        "shortcode"
    } else if piece.starts_with('`') {
        "code"
    } else if piece.starts_with('{') {
        "placeable"
    } else {
        "other"
    };
    (kind, piece.to_string())
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::ValueMissing => f.write_str("the value is missing"),
            Problem::ValueExtra => f.write_str("a value the French does not have"),
            Problem::AttributeMissing(name) => write!(f, "missing attribute .{name}"),
            Problem::AttributeObsolete(name) => write!(f, "obsolete attribute .{name}"),
            Problem::VariantTwice(key) => write!(f, "variant [{key}] is defined twice"),
            Problem::PieceMissing(field, piece) => {
                write!(f, "{field}: `{piece}` from the French is missing")
            }
            Problem::PieceAdded(field, piece) => {
                write!(f, "{field}: `{piece}` is not in the French")
            }
            Problem::KeepTerm(term) => write!(
                f,
                "glossary: `{term}` must stay as written (it is in `keep`)"
            ),
            Problem::VariableMissing(v) => write!(f, "missing variable ${v}"),
            Problem::VariableAdded(v) => write!(f, "variable ${v} is not in the French"),
            Problem::ReferenceAdded(r) => write!(f, "reference {r} is not in the French"),
            Problem::DoesNotFormat(detail) => write!(f, "does not format: {detail}"),
            Problem::Syntax {
                field,
                line,
                col,
                detail,
                ..
            } => write!(f, "{field} {line}:{col}: {detail}"),
            Problem::OnePattern(field) => write!(
                f,
                "{field} 1:1: one pattern only (a line starting with `.` or an id makes another entry)"
            ),
            Problem::Refused { engine, reason } => write!(f, "{engine} output refused: {reason}"),
        }
    }
}

impl serde::Serialize for Problem {
    /// As its English words (what `--json` reports have always carried).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The problems of a list, each once (a lost variable is one problem, not
/// one of the variable and one of its placeable).
pub fn dedup(problems: Vec<Problem>) -> Vec<Problem> {
    let variables: Vec<String> = problems
        .iter()
        .filter_map(|p| match p {
            Problem::VariableMissing(v) | Problem::VariableAdded(v) => Some(format!("${v}")),
            _ => None,
        })
        .collect();
    let mut out: Vec<Problem> = Vec::new();
    for p in problems {
        let about_variable = p.piece().is_some_and(|piece| {
            let inner = piece.trim_start_matches('{').trim_end_matches('}').trim();
            variables.iter().any(|v| v == inner)
        });
        if !about_variable && !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_named_by_its_address_and_a_lost_variable_is_said_once() {
        let p = Problem::PieceMissing(Field::Value, "](https://ex.fr/p \"Titre\")".into());
        assert_eq!(
            p.args(),
            vec![
                ("field", "value".to_string()),
                ("kind", "link".to_string()),
                ("piece", "https://ex.fr/p".to_string())
            ]
        );
        let twice = vec![
            Problem::PieceMissing(Field::Value, "{ $n }".into()),
            Problem::VariableMissing("n".into()),
            Problem::VariableMissing("n".into()),
        ];
        assert_eq!(dedup(twice), vec![Problem::VariableMissing("n".into())]);
        assert!(Problem::CODES.contains(&Problem::ValueMissing.code()));
    }
}
