//! Translation memory: the site's approved translations, found by their
//! French. Derived from the review state on every run (no second database):
//! an index built once, looked up per message.
//!
//! A match is used instead of an engine: no request, nothing billed. The
//! reused text still needs approval in its new place; review shows where it
//! came from. A human-approved text always beats a new machine translation.

use crate::base::digest;
use crate::fluent::ftl::Message;
use crate::fluent::text;
use crate::review::state::{self, Origin, TargetRecord};
use crate::review::view;
use std::collections::{HashMap, HashSet};

/// An approved translation.
#[derive(Clone, Debug)]
pub struct Hit {
    /// The approved message as in its bundle (its id is the original's).
    pub translation: Message,
    /// Where it was approved, for review to show.
    pub origin: Origin,
}

/// Approved translations by (locale, normalised French).
#[derive(Default)]
pub struct Memory {
    map: HashMap<(String, String), Hit>,
}

/// An index entry: (locale, normalised French) and its translation.
pub type Entry = ((String, String), Hit);

/// The approved messages of one resource in one locale whose French is
/// among `wanted`, in source order.
pub fn approved(
    locale: &str,
    source: &crate::source::read::Source,
    target: &crate::fluent::ftl::Resource,
    record: &TargetRecord,
    wanted: &HashSet<String>,
) -> Vec<Entry> {
    let mut out = Vec::new();
    for m in &source.messages {
        // Approved needs a translation and an approval: skip the rest
        // before computing a state (hashes and markup checks).
        let approved = record
            .messages
            .get(&m.id)
            .is_some_and(|r| !r.approvals.is_empty());
        if !approved || crate::source::read::find(target, &m.id).is_none() {
            continue;
        }
        let k = key(&text::message_text(m));
        if !wanted.contains(&k) {
            continue;
        }
        let entry = view::entry(source, m, target, record);
        if entry.state != state::State::Approved {
            continue;
        }
        let (Some(current), Some(text), Some(rec)) =
            (entry.current, &entry.current_text, entry.record)
        else {
            continue;
        };
        let reviewer = rec
            .approval(&entry.source_hash, &digest::hash(text))
            .map_or_else(String::new, |a| a.reviewer.clone());
        out.push((
            (locale.to_string(), k),
            Hit {
                translation: current.clone(),
                origin: Origin {
                    resource: source.resource.clone(),
                    id: m.id.clone(),
                    reviewer,
                },
            },
        ));
    }
    out
}

/// The French of a message with runs of whitespace made single, so that
/// re-wrapping a paragraph still matches.
pub fn key(french: &str) -> String {
    french.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Memory {
    /// Adds entries made by [`approved`], first come first served (so
    /// with resources added in order, which one serves is stable).
    pub fn extend(&mut self, entries: Vec<Entry>) {
        for (k, hit) in entries {
            self.map.entry(k).or_insert(hit);
        }
    }

    /// The approved translation of `french` in `locale`, if any.
    pub fn lookup(&self, locale: &str, french: &str) -> Option<&Hit> {
        self.map.get(&(locale.to_string(), key(french)))
    }

    /// How many (locale, French) pairs have an approved translation.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// No approved translation to reuse.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_wrapping() {
        assert_eq!(
            key("Une phrase\n  sur deux lignes. "),
            "Une phrase sur deux lignes."
        );
    }
}
