//! Fuzzy translation memory: for a message to review, the approved
//! translations of *similar* French in the same locale, best first. (The
//! exact matches are `memory`'s: `sync` uses them instead of an engine.)
//!
//! Similarity is Pontoon's, over characters: `(|a| + |b| − d) / (|a| + |b|)`
//! where `d` is the Levenshtein distance between the two French texts; a
//! match needs [`THRESHOLD`] % unless `fuzzy_threshold` says otherwise.
//! Candidates are narrowed before any edit distance: their length must
//! allow the threshold (`| |a| − |b| | ≤ d`), and they must share words
//! with the French (an index of words, accents folded); only the 40 that
//! share most are measured.

use crate::review::diff::{self, Op};
use crate::review::distance;
use crate::review::state::State;
use crate::review::view::Site;
use serde::Serialize;
use std::collections::HashMap;

/// The default threshold, in percent.
pub const THRESHOLD: u32 = 70;
/// Matches shown per message.
pub const SHOWN: usize = 3;
/// Candidates measured per message, after the word filter.
const MEASURED: usize = 40;

/// An approved translation in the index.
#[derive(Clone, Debug)]
struct Approved {
    french: String,
    translation: String,
    resource: String,
    id: String,
    reviewer: String,
}

/// A match for one message.
#[derive(Clone, Debug, Serialize)]
pub struct Match {
    /// How similar its French is, in percent.
    pub score: u32,
    /// Its French → this message's French, word by word.
    pub source_diff: Vec<Op>,
    /// Its French.
    pub source: String,
    /// Its approved translation, as a reader sees it.
    pub translation: String,
    /// Where it was approved.
    pub resource: String,
    /// Its message id there.
    pub id: String,
    /// Who approved it.
    pub reviewer: String,
}

/// Every approved translation of a site, by locale, with an index of the
/// words of their French.
#[derive(Default)]
pub struct Index {
    approved: HashMap<String, Vec<Approved>>,
    words: HashMap<(String, String), Vec<usize>>,
    threshold: u32,
}

impl Index {
    /// The index of `site`'s approved messages (every locale it loaded).
    pub fn build(site: &Site, threshold: u32) -> Index {
        let mut out = Index {
            threshold,
            ..Index::default()
        };
        for view in &site.views {
            let src = site.source(view);
            let locale = view.locale.to_string();
            for e in site.entries(view) {
                if e.state != State::Approved {
                    continue;
                }
                let (Some(rec), Some(current)) = (e.record, e.current_text.as_deref()) else {
                    continue;
                };
                let reviewer = rec
                    .approvals
                    .last()
                    .map(|a| a.reviewer.clone())
                    .unwrap_or_default();
                let french =
                    crate::fluent::text::readable(&crate::fluent::text::message_text(e.message));
                out.add(
                    &locale,
                    Approved {
                        french,
                        translation: crate::fluent::text::readable(current),
                        resource: src.resource.clone(),
                        id: e.id().to_string(),
                        reviewer,
                    },
                );
            }
        }
        out
    }

    fn add(&mut self, locale: &str, a: Approved) {
        let list = self.approved.entry(locale.to_string()).or_default();
        let at = list.len();
        let mut seen: Vec<String> = Vec::new();
        for w in words(&a.french) {
            if !seen.contains(&w) {
                self.words
                    .entry((locale.to_string(), w.clone()))
                    .or_default()
                    .push(at);
                seen.push(w);
            }
        }
        list.push(a);
    }

    /// Approved translations in `locale` whose French is similar to
    /// `french` (not the same: that is exact memory), best first, at most
    /// [`SHOWN`]; never the message itself (`resource`, `id`).
    pub fn matches(&self, locale: &str, french: &str, resource: &str, id: &str) -> Vec<Match> {
        let Some(list) = self.approved.get(locale) else {
            return Vec::new();
        };
        let len = french.chars().count();
        if len == 0 {
            return Vec::new();
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        let mut seen: Vec<String> = Vec::new();
        for w in words(french) {
            if seen.contains(&w) {
                continue;
            }
            if let Some(hits) = self.words.get(&(locale.to_string(), w.clone())) {
                for &i in hits {
                    *shared.entry(i).or_default() += 1;
                }
            }
            seen.push(w);
        }
        let t = f64::from(self.threshold) / 100.0;
        let mut candidates: Vec<(usize, usize)> = shared
            .into_iter()
            .filter(|(i, _)| {
                let a = &list[*i];
                let other = a.french.chars().count();
                // d ≥ the difference of lengths, and the score needs
                // d ≤ (1 − t)(|a| + |b|).
                let diff = len.abs_diff(other) as f64;
                diff <= (1.0 - t) * (len + other) as f64
                    && !(a.resource == resource && a.id == id)
                    && a.french != french
            })
            .collect();
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(MEASURED);
        let mut out: Vec<Match> = candidates
            .into_iter()
            .filter_map(|(i, _)| {
                let a = &list[i];
                let score = score(&a.french, french);
                (score >= self.threshold).then(|| Match {
                    score,
                    source_diff: diff::words(&a.french, french),
                    source: a.french.clone(),
                    translation: a.translation.clone(),
                    resource: a.resource.clone(),
                    id: a.id.clone(),
                    reviewer: a.reviewer.clone(),
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| a.resource.cmp(&b.resource))
        });
        // The same translation twice says nothing more.
        let mut kept: Vec<Match> = Vec::new();
        for m in out {
            if !kept.iter().any(|k| k.translation == m.translation) {
                kept.push(m);
            }
        }
        kept.truncate(SHOWN);
        kept
    }
}

/// Pontoon's similarity of two texts, in whole percent (rounded down).
pub fn score(a: &str, b: &str) -> u32 {
    let total = a.chars().count() + b.chars().count();
    if total == 0 {
        return 100;
    }
    let d = distance::char_distance(a, b).edits;
    (100 * (total.saturating_sub(d)) / total) as u32
}

/// The words of a French text worth indexing: lowercase, accents folded,
/// three letters or more.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<String>| {
        if word.chars().count() >= 3 {
            out.push(std::mem::take(word));
        } else {
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                unicode_normalization::char::decompose_canonical(l, |d| {
                    if !unicode_normalization::char::is_combining_mark(d) {
                        word.push(d);
                    }
                });
            }
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_word_changed_scores_high_and_words_fold_accents() {
        let a = "Les enfants de l’école ont visité le musée de Quito.";
        let b = "Les enfants de l’école ont visité le musée de Cuenca.";
        assert!(score(a, b) >= 85, "{}", score(a, b));
        assert!(score(a, "Le conseil d’administration se réunit en mars.") < 70);
        assert_eq!(
            words("École, élèves et KEOOGO"),
            ["ecole", "eleves", "keoogo"]
        );
    }
}
