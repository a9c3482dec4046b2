//! Fuzzy translation memory: for a message to review, the approved
//! translations of *similar* French in the same locale, best first. (The
//! exact matches are `memory`'s: `sync` uses them instead of an engine.)
//!
//! Similarity is Pontoon's formula over words and punctuation marks (as
//! OmegaT counts): `(|a| + |b| − d) / (|a| + |b|)` where `d` is the
//! Levenshtein distance between the two French texts in words; a match
//! needs [`THRESHOLD`] % unless `fuzzy_threshold` says otherwise.
//! Candidates are narrowed before any edit distance: their length must
//! allow the threshold (`| |a| − |b| | ≤ d`), and they must share words
//! with the French (an index of words, accents folded; words found in more
//! than one text in twenty, such as `les`, do not count); only the
//! [`MEASURED`] that share most are measured.
//!
//! The review page keeps one index and [`Index::refresh`]es it: only the
//! resources whose files changed are read again.

use crate::base::config::Config;
use crate::fluent::text;
use crate::review::diff::{self, Op};
use crate::review::distance;
use crate::review::stamp::Watch;
use crate::review::state::State;
use crate::review::view::Site;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The default threshold, in percent.
pub const THRESHOLD: u32 = 70;
/// Matches shown per message.
pub const SHOWN: usize = 3;
/// Candidates measured per message, after the word filter.
pub const MEASURED: usize = 8;

/// An approved translation in the index.
#[derive(Clone, Debug)]
struct Approved {
    /// False once its resource was read again (its new entries follow).
    alive: bool,
    french: String,
    words: usize,
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
    /// Per resource: where its approved translations are (locale,
    /// position).
    parts: BTreeMap<String, Vec<(String, usize)>>,
    /// What changed in the site's files since they were read.
    watch: Watch,
    /// Entries no longer alive (compacted when they are many).
    dead: usize,
    /// The next refresh looks at every file, fresh or not.
    expired: bool,
}

/// How long a refreshed index is taken as it is, without looking at the
/// site's files again: matches may lag a change by that much.
pub const FRESH: std::time::Duration = std::time::Duration::from_secs(5);

impl Index {
    /// An empty index, to [`Index::refresh`].
    pub fn new(threshold: u32) -> Index {
        Index {
            threshold,
            watch: Watch::new(FRESH),
            ..Index::default()
        }
    }

    /// Made with [`Default`] and never given a threshold.
    pub fn is_unset(&self) -> bool {
        self.threshold == 0
    }

    /// The index of `site`'s approved messages (every locale it loaded).
    pub fn build(site: &Site, threshold: u32) -> Index {
        let mut out = Index::new(threshold);
        for (locale, a) in approved_of(site) {
            out.add(&locale, a);
        }
        out
    }

    /// Reads again the resources of the site of `cfg` whose files changed
    /// since the last refresh (the whole site the first time, a few
    /// resources at a time), and forgets those that are gone. Within [`FRESH`] of the last
    /// look at every file, only the resources this process wrote
    /// ([`Index::wrote`]) are looked at.
    pub fn refresh(&mut self, cfg: &Config) {
        let Some(changes) = self.watch.look(cfg, std::mem::take(&mut self.expired)) else {
            return;
        };
        let changed = changes.changed;
        for r in changed.iter().chain(&changes.gone) {
            if let Some(at) = self.parts.remove(r) {
                for (locale, i) in at {
                    if let Some(a) = self.approved.get_mut(&locale).and_then(|l| l.get_mut(i)) {
                        a.alive = false;
                        self.dead += 1;
                    }
                }
            }
        }
        if changed.is_empty() {
            return;
        }
        for resource in &changed {
            self.parts.insert(resource.clone(), Vec::new());
        }
        // A few at a time: what a whole site read at once holds would stay
        // in the allocator's hands long after.
        for chunk in changed.chunks(crate::source::read::FEW) {
            let site = Site::load(cfg, chunk, &cfg.targets);
            for (locale, a) in approved_of(&site) {
                let resource = a.resource.clone();
                let at = self.add(&locale, a);
                if let Some(list) = self.parts.get_mut(&resource) {
                    list.push((locale, at));
                }
            }
        }
        let total: usize = self.approved.values().map(Vec::len).sum();
        if self.dead > 1000 && self.dead * 2 > total {
            self.compact();
        }
    }

    /// Has the next [`Index::refresh`] look at every file whatever the
    /// time.
    pub fn expire(&mut self) {
        self.expired = true;
    }

    /// This process wrote `files`: the next [`Index::refresh`] reads their
    /// resources again (and only them, within [`FRESH`]).
    pub fn wrote(&mut self, cfg: &Config, files: &[std::path::PathBuf]) {
        self.watch.wrote(cfg, files);
    }

    /// Drops the entries no longer alive (built again from those alive).
    fn compact(&mut self) {
        let alive: Vec<(String, Approved)> = self
            .approved
            .iter()
            .flat_map(|(l, list)| {
                list.iter()
                    .filter(|a| a.alive)
                    .map(|a| (l.clone(), a.clone()))
            })
            .collect();
        self.approved.clear();
        self.words.clear();
        self.dead = 0;
        for list in self.parts.values_mut() {
            list.clear();
        }
        for (locale, a) in alive {
            let resource = a.resource.clone();
            let at = self.add(&locale, a);
            if let Some(list) = self.parts.get_mut(&resource) {
                list.push((locale, at));
            }
        }
    }

    /// Adds an entry; its position in its locale's list.
    fn add(&mut self, locale: &str, a: Approved) -> usize {
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
        at
    }

    /// Approved translations in `locale` whose French is similar to
    /// `french` (not the same: that is exact memory), best first, at most
    /// [`SHOWN`]; never the message itself (`resource`, `id`).
    pub fn matches(&self, locale: &str, french: &str, resource: &str, id: &str) -> Vec<Match> {
        let Some(list) = self.approved.get(locale) else {
            return Vec::new();
        };
        let len = distance::words(french).len();
        if len == 0 {
            return Vec::new();
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        let mut seen: Vec<String> = Vec::new();
        for w in words(french) {
            if seen.contains(&w) {
                continue;
            }
            // A word most texts have (`les`, `pour`) tells nothing apart:
            // its list is not walked.
            let common = (list.len() / 20).max(200);
            if let Some(hits) = self
                .words
                .get(&(locale.to_string(), w.clone()))
                .filter(|h| h.len() <= common)
            {
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
                // d ≥ the difference of lengths, and the score needs
                // d ≤ (1 − t)(|a| + |b|).
                let diff = len.abs_diff(a.words) as f64;
                a.alive
                    && diff <= (1.0 - t) * (len + a.words) as f64
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

/// The approved translations of a site's views: (locale, translation).
fn approved_of(site: &Site) -> Vec<(String, Approved)> {
    let mut out = Vec::new();
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
            let french = text::readable(&text::message_text(e.message));
            out.push((
                locale.clone(),
                Approved {
                    alive: true,
                    words: distance::words(&french).len(),
                    french,
                    translation: text::readable(current),
                    resource: src.resource.clone(),
                    id: e.id().to_string(),
                    reviewer,
                },
            ));
        }
    }
    out
}

/// Pontoon's similarity of two texts over words and punctuation marks, in
/// whole percent (rounded down).
pub fn score(a: &str, b: &str) -> u32 {
    let total = distance::words(a).len() + distance::words(b).len();
    if total == 0 {
        return 100;
    }
    let d = distance::word_distance(a, b).edits;
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
