//! What an action leaves for the next page of its session (the
//! Post/Redirect/Get of every form): notices, the message to focus, an
//! edit refused on the review page, a draft not placed on the writers'
//! page. Data only: the pages say it in the language they are shown in.

use super::i18n::Lang;
use crate::base::error::Error;

/// What an action leaves for the next page of its session: its notices,
/// the message to come back to, an edit that was refused (with what was
/// typed). A page that shows them (a GET) takes the notices and the focus;
/// a refused edit stays (a reload shows it again) until that message is
/// saved or decided on.
#[derive(Clone, Debug, Default)]
pub struct Flash {
    /// What happened, each next to its message when it has one.
    pub notices: Vec<Notice>,
    /// The message the page puts focus on.
    pub focus: Option<String>,
    /// An edit refused on the page at this `/{locale}/{resource}`.
    pub refused: Option<(String, Refused)>,
    /// A writer's draft that was not placed (the writers' page).
    pub draft: Option<Held>,
}

/// One thing an action did.
#[derive(Clone, Debug)]
pub struct Notice {
    /// The message it is about, if one: shown next to it.
    pub at: Option<String>,
    /// What to say.
    pub text: String,
}

/// An edit that was refused, shown again with what was typed.
#[derive(Clone, Debug)]
pub struct Refused {
    /// The message edited: its card shows the form open.
    pub id: String,
    /// The value as typed.
    pub value: String,
    /// Attribute name → text, as typed.
    pub attributes: Vec<(String, String)>,
    /// Why the edit was refused, shown above the fields.
    pub errors: Vec<String>,
}

/// A draft that was not placed, kept for the next page (Post/Redirect/Get:
/// a reload never sends a draft twice nor loses it).
#[derive(Clone, Debug)]
pub struct Held {
    /// The file name, as typed or proposed.
    pub name: String,
    /// The text, as sent.
    pub text: String,
    /// Why it was not placed.
    pub error: Option<Refusal>,
    /// A post of that name exists: the question whether to replace it,
    /// with the hash of the version shown and its title.
    pub replace: Option<(String, String)>,
}

/// Why a draft was not placed, kept as data: the page says it in the
/// language it is shown in.
#[derive(Clone, Debug)]
pub enum Refusal {
    /// A page message (`submit-empty`).
    Page(&'static str),
    /// A finding in the draft: `draft-<code>` at a line and column.
    Draft {
        /// `draft-<code>` says it.
        code: &'static str,
        /// Line in the draft.
        line: usize,
        /// Column in the draft.
        col: usize,
        /// The file name given.
        name: String,
        /// The library's own words, for the rare error that needs them.
        detail: String,
    },
    /// Anything else, as the library says it.
    Other(String),
}

impl Refusal {
    /// An error of placing a draft, as data.
    pub fn of(e: &Error) -> Refusal {
        match e {
            Error::Input { loc, message, code } if !code.is_empty() => Refusal::Draft {
                code,
                line: loc.line,
                col: loc.col,
                name: loc.path.display().to_string(),
                detail: message
                    .strip_prefix("front matter: ")
                    .unwrap_or(message)
                    .to_string(),
            },
            other => Refusal::Other(other.to_string()),
        }
    }

    /// In the writer's words, and where (line, column) when in the text.
    pub fn said(&self, l: Lang) -> (String, Option<(usize, usize)>) {
        match self {
            Refusal::Page(key) => (l.t(key), None),
            Refusal::Draft {
                code,
                line,
                col,
                name,
                detail,
            } => {
                let text = l.t_args(
                    &format!("draft-{code}"),
                    &[
                        ("line", (*line).into()),
                        ("col", (*col).into()),
                        ("name", name.clone().into()),
                        ("detail", detail.clone().into()),
                    ],
                );
                (text, Some((*line, *col)))
            }
            Refusal::Other(text) => (text.clone(), None),
        }
    }
}
