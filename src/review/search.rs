//! Concordance search (`relais search`): the messages whose French or
//! translation holds every word asked for, accents and case folded, with
//! their state; filtered by locale, state, resource, reviewer, unknown
//! words, open comments.

use crate::base::config::Config;
use crate::review::report::{self, Item};
use crate::review::state::State;
use crate::review::view::Site;
use serde::Serialize;
use unic_langid::LanguageIdentifier;

/// What to look for.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// The words, each to be found (in any order).
    pub text: String,
    /// Only these target locales (all when empty).
    pub locales: Vec<LanguageIdentifier>,
    /// Only messages in these states (all when empty).
    pub states: Vec<State>,
    /// Only these resources (all when empty).
    pub resources: Vec<String>,
    /// Only messages whose approval that holds, or whose last approval, is by this person.
    pub reviewer: Option<String>,
    /// Only messages with words the engine did not know.
    pub unknown: bool,
    /// Only messages with open comments.
    pub comments: bool,
}

/// The messages found, in source order.
#[derive(Debug, Default, Serialize)]
pub struct Found {
    /// Each message, as `relais review` lists it.
    pub items: Vec<Item>,
    /// Files that could not be read.
    pub errors: Vec<String>,
}

/// Searches the site of `cfg`.
pub fn search(cfg: &Config, q: &Query) -> Found {
    let site = Site::load(cfg, &q.resources, &q.locales);
    let words: Vec<String> = fold(&q.text)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let mut out = Found {
        errors: crate::base::error::messages(&site.errors),
        ..Found::default()
    };
    for view in &site.views {
        let resource = &site.source(view).resource;
        for e in site.entries(view) {
            if !q.states.is_empty() && !q.states.contains(&e.state) {
                continue;
            }
            let item = report::item(resource, view, &e);
            let haystack = fold(&format!(
                "{}\n{}",
                item.source,
                item.current.as_deref().unwrap_or("")
            ));
            if !words.iter().all(|w| haystack.contains(w.as_str())) {
                continue;
            }
            if q.unknown && item.unknown.is_empty() {
                continue;
            }
            if q.comments && !item.comments.iter().any(|c| c.resolved.is_none()) {
                continue;
            }
            if let Some(r) = &q.reviewer
                && item.last_approval.as_ref().is_none_or(|a| &a.reviewer != r)
            {
                continue;
            }
            out.items.push(item);
        }
    }
    out
}

/// Lowercase, accents removed: `Élève` → `eleve`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        unicode_normalization::char::decompose_canonical(c, |d| {
            if !unicode_normalization::char::is_combining_mark(d) {
                out.push(d);
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_fold() {
        assert_eq!(fold("Les ÉLÈVES de l’école"), "les eleves de l’ecole");
    }
}
