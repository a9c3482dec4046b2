//! Which messages a review page lists (`?show=todo`, `?show=comments`),
//! and how every link and form of the page keeps that choice.

use crate::review::report::TO_REVIEW;
use crate::review::state::{Comment, State};

/// The review page's filter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    /// Every message.
    #[default]
    All,
    /// `show=todo`: what needs a reviewer.
    Todo,
    /// `show=comments`: messages with a comment not resolved yet.
    Comments,
}

impl Show {
    /// The filter a query or a form asks for (`show=…`); anything else
    /// is every message.
    pub fn from_fields(fields: &[(String, String)]) -> Show {
        match fields
            .iter()
            .find(|(k, _)| k == "show")
            .map(|(_, v)| v.as_str())
        {
            Some("todo") => Show::Todo,
            Some("comments") => Show::Comments,
            _ => Show::All,
        }
    }

    /// The value of `show`, none for every message.
    pub fn value(self) -> Option<&'static str> {
        match self {
            Show::All => None,
            Show::Todo => Some("todo"),
            Show::Comments => Some("comments"),
        }
    }

    /// `?show=…` (or `&show=…` after `sep` `&`) to append to an address.
    pub fn query(self, sep: char) -> String {
        self.value()
            .map(|v| format!("{sep}show={v}"))
            .unwrap_or_default()
    }

    /// The form field that carries the filter through a post.
    pub fn field(self) -> Option<(&'static str, &'static str)> {
        self.value().map(|v| ("show", v))
    }

    /// The same as a hidden input.
    pub fn hidden(self) -> String {
        self.value()
            .map(|v| format!("<input type=\"hidden\" name=\"show\" value=\"{v}\">"))
            .unwrap_or_default()
    }

    /// Whether a message in `state` with these comments is listed.
    pub fn keeps(self, state: State, comments: &[Comment]) -> bool {
        match self {
            Show::All => true,
            Show::Todo => TO_REVIEW.contains(&state),
            Show::Comments => comments.iter().any(|c| c.resolved.is_none()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_travels_as_one_field_and_selects_its_messages() {
        let q = |v: &str| vec![("show".to_string(), v.to_string())];
        assert_eq!(Show::from_fields(&q("todo")), Show::Todo);
        assert_eq!(Show::from_fields(&q("comments")), Show::Comments);
        assert_eq!(Show::from_fields(&q("<x>")), Show::All);
        assert_eq!(Show::Comments.query('?'), "?show=comments");
        assert_eq!(Show::All.query('&'), "");
        assert_eq!(Show::Todo.field(), Some(("show", "todo")));
        let open = Comment {
            by: "Claire".into(),
            at: "2026-12-01T10:00:00Z".into(),
            text: "?".into(),
            resolved: None,
        };
        let mut closed = open.clone();
        closed.resolved = Some(crate::review::state::Resolved {
            by: "Léa".into(),
            at: "2026-12-01T11:00:00Z".into(),
        });
        assert!(Show::Comments.keeps(State::Approved, std::slice::from_ref(&open)));
        assert!(!Show::Comments.keeps(State::Machine, &[closed]));
        assert!(!Show::Todo.keeps(State::Approved, &[open]));
        assert!(Show::Todo.keeps(State::Stale, &[]));
    }
}
