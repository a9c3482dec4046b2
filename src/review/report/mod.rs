//! `relais review`: what needs a reviewer, message by message, with the
//! French, what the machine wrote, what is there now, and word diffs
//! (machine → now; old French → new French when the French changed).
//!
//! Building the report is here; drawing it for a terminal is in [`text`].
//! Read-only, like `status`.

pub mod text;

use crate::base::config::Config;
use crate::review::diff::{self, Change, Op};
use crate::review::state::{MachineText, State};
use crate::review::status;
use crate::review::view::{Entry, Site, View};
use serde::Serialize;
use std::collections::BTreeMap;
use unic_langid::LanguageIdentifier;

/// The states a reviewer acts on, the default of `--state`.
pub const TO_REVIEW: [State; 4] = [State::Machine, State::Edited, State::Stale, State::Invalid];

/// What the user asked for.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Resources to review (`posts/<slug>`, `site`); empty means all.
    pub resources: Vec<String>,
    /// Target locales to review; empty means all.
    pub locales: Vec<LanguageIdentifier>,
    /// States to list; [`TO_REVIEW`] when empty.
    pub states: Vec<State>,
    /// Each item with its history (`--history`).
    pub history: bool,
    /// Each item with the fuzzy memory's matches (`--memory`).
    pub memory: bool,
}

/// The report: items in source order, then one summary per locale.
#[derive(Debug, Default, Serialize)]
pub struct Review {
    /// The locale of the French (`fr`).
    pub source_locale: String,
    /// Messages in the states asked for, by resource and locale, in source
    /// order; drafts are left out.
    pub items: Vec<Item>,
    /// One per target locale, whatever the states asked for.
    pub summary: Vec<Summary>,
    /// Files that could not be read (`path:line:col: message`).
    pub errors: Vec<String>,
    /// `--suggest NAME`: what asking that engine did, per resource and
    /// locale, before the report was made.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub asked: Vec<crate::review::ask::Outcome>,
}

/// One message to review.
#[derive(Debug, Serialize)]
pub struct Item {
    /// The message's resource.
    pub resource: String,
    /// The target locale.
    pub locale: String,
    /// The message id.
    pub id: String,
    /// Its review state now.
    pub state: State,
    /// The French now.
    pub source: String,
    /// The machine text the current translation started from.
    pub machine: Option<String>,
    /// The translation in the bundle now.
    pub current: Option<String>,
    /// Stale: the machine translation of the new French.
    pub suggestion: Option<String>,
    /// Machine → current.
    pub diff: Option<Vec<Op>>,
    /// The French the translation was made from (or last approved) → the
    /// French now, when they differ.
    pub source_diff: Option<Vec<Op>>,
    /// How big that change of the French is: `typo` or `edit`.
    pub source_change: Option<Change>,
    /// Machine → suggestion: what the French change did to the machine text.
    pub suggestion_diff: Option<Vec<Op>>,
    /// `apertium`, `apertium (via es)`.
    pub engine: Option<String>,
    /// For a translation memory match: the approved message it came from.
    pub memory: Option<crate::review::state::Origin>,
    /// Words the engine did not know (in the machine text or suggestion).
    pub unknown: Vec<String>,
    /// Why the message is invalid.
    pub reasons: Vec<crate::check::Problem>,
    /// The latest approval of this message, even if it no longer holds.
    pub last_approval: Option<LastApproval>,
    /// What happened to the message, newest first (asked for with
    /// `--history`; the review page always shows it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Event>,
    /// Approved translations of similar French (asked for with `--memory`;
    /// the review page always shows them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub similar: Vec<crate::review::fuzzy::Match>,
    /// People's comments on the message, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<crate::review::state::Comment>,
    /// What `[suggest]` engines answered for the French now, when a
    /// person asked them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub asked: Vec<Second>,
}

/// A `[suggest]` engine's answer to the French now.
#[derive(Debug, Serialize)]
pub struct Second {
    /// The `[suggest.<name>]` table.
    pub name: String,
    /// The engine, as labelled (`deepl`, `openai mistral-small-latest`).
    pub engine: String,
    /// Who asked, and when the answer came.
    pub by: String,
    /// When the answer came (RFC 3339, UTC).
    pub at: String,
    /// The answer, as a reader sees it.
    pub text: String,
    /// The translation now → the answer, when there is one and they differ.
    pub diff: Option<Vec<Op>>,
}

/// The `[suggest]` answers of an entry that translate its French now.
pub fn seconds(e: &Entry) -> Vec<Second> {
    let current = e.current_text.as_deref().map(crate::fluent::text::readable);
    let Some(rec) = e.record else {
        return Vec::new();
    };
    rec.asked
        .iter()
        .filter(|a| a.text.source_hash == e.source_hash)
        .map(|a| {
            let text = crate::fluent::text::readable(&a.text.text);
            Second {
                name: a.name.clone(),
                engine: a.text.engine_label(),
                by: a.by.clone(),
                at: a.text.at.clone(),
                diff: current
                    .as_ref()
                    .filter(|c| **c != text)
                    .map(|c| diff::words(c, &text)),
                text,
            }
        })
        .collect()
}

/// One event of a message's history.
#[derive(Debug, Serialize)]
pub struct Event {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// `machine`, `suggestion`, `edited`, `approved`, `unapproved`,
    /// `accepted`, `source`.
    pub event: String,
    /// Who, for a person's decision.
    pub by: Option<String>,
    /// The text the event is about, as a reader sees it.
    pub text: String,
    /// That text → the translation now, when they differ (not for `source`
    /// events, whose text is French).
    pub diff: Option<Vec<Op>>,
}

/// The history of an entry, newest first, each event with its diff to the
/// translation now.
pub fn history(e: &Entry) -> Vec<Event> {
    let current = e.current_text.as_deref().map(crate::fluent::text::readable);
    let Some(rec) = e.record else {
        return Vec::new();
    };
    rec.history
        .iter()
        .rev()
        .map(|h| {
            let text = crate::fluent::text::readable(&h.text);
            let diff = current
                .as_ref()
                .filter(|c| h.event != "source" && **c != text)
                .map(|c| diff::words(&text, c));
            Event {
                at: h.at.clone(),
                event: h.event.clone(),
                by: h.by.clone(),
                text,
                diff,
            }
        })
        .collect()
}

/// Who approved a message last, and when.
#[derive(Debug, Serialize)]
pub struct LastApproval {
    /// Who approved.
    pub reviewer: String,
    /// When (RFC 3339, UTC).
    pub at: String,
}

/// Counts of one locale over the selected resources.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// The target locale.
    pub locale: String,
    /// Messages of those resources, in every state.
    pub messages: usize,
    /// Messages per state name, zeros included.
    pub counts: BTreeMap<&'static str, usize>,
    /// Messages in a state a reviewer acts on.
    pub to_review: usize,
    /// Resources counted (drafts are not).
    pub resources: usize,
    /// Resources with every message approved.
    pub finished: usize,
}

/// Builds the review report of the site of `cfg`.
pub fn review(cfg: &Config, opts: &Options) -> Review {
    let site = Site::load(cfg, &opts.resources, &opts.locales);
    let states: &[State] = if opts.states.is_empty() {
        &TO_REVIEW
    } else {
        &opts.states
    };
    let mut out = Review {
        source_locale: cfg.source.to_string(),
        errors: crate::base::error::messages(&site.errors),
        ..Review::default()
    };
    let mut summaries: BTreeMap<String, Summary> = BTreeMap::new();
    for view in site.views.iter().filter(|v| !site.source(v).draft) {
        let entries = site.entries(view);
        let resource = &site.source(view).resource;
        out.items.extend(
            entries
                .iter()
                .filter(|e| states.contains(&e.state))
                .map(|e| {
                    let mut i = item(resource, view, e);
                    if opts.history {
                        i.history = history(e);
                    }
                    i
                }),
        );
        add_to_summary(&mut summaries, view, &entries);
    }
    out.summary = summaries.into_values().collect();
    if opts.memory {
        let all = Site::load(cfg, &[], &opts.locales);
        let index = crate::review::fuzzy::Index::build(&all, cfg.fuzzy_threshold);
        for i in &mut out.items {
            i.similar = index.matches(&i.locale, &i.source, &i.resource, &i.id);
        }
    }
    out
}

fn add_to_summary(summaries: &mut BTreeMap<String, Summary>, view: &View, entries: &[Entry]) {
    let locale = view.locale.to_string();
    let s = summaries.entry(locale.clone()).or_insert_with(|| Summary {
        locale,
        messages: 0,
        counts: status::counts(&[]),
        to_review: 0,
        resources: 0,
        finished: 0,
    });
    s.messages += entries.len();
    for (state, n) in status::counts(entries) {
        *s.counts.get_mut(state).expect("every state listed") += n;
    }
    s.to_review += entries
        .iter()
        .filter(|e| TO_REVIEW.contains(&e.state))
        .count();
    s.resources += 1;
    s.finished += usize::from(status::finished(entries));
}

/// One review item.
pub fn item(resource: &str, view: &View, e: &Entry) -> Item {
    let rec = e.record;
    let source = crate::fluent::text::readable(&crate::fluent::text::message_text(e.message));
    let machine_text = rec.and_then(|r| r.machine.as_ref());
    let machine = machine_text.map(|m| crate::fluent::text::readable(&m.text));
    let current = e.current_text.as_deref().map(crate::fluent::text::readable);
    let suggestion_text = rec
        .and_then(|r| r.suggestion.as_ref())
        .filter(|_| e.state == State::Stale);
    let suggestion = suggestion_text.map(|s| crate::fluent::text::readable(&s.text));
    let old_source = old_source(e).filter(|old| *old != source);
    Item {
        resource: resource.to_string(),
        locale: view.locale.to_string(),
        id: e.id().to_string(),
        state: e.state,
        diff: both(&machine, &current).map(|(m, c)| diff::words(m, c)),
        source_diff: old_source.as_deref().map(|old| diff::words(old, &source)),
        source_change: old_source
            .as_deref()
            .map(|old| diff::classify(old, &source)),
        suggestion_diff: both(&machine, &suggestion).map(|(m, s)| diff::words(m, s)),
        engine: suggestion_text
            .or(machine_text)
            .map(MachineText::origin_label),
        memory: suggestion_text
            .or(machine_text)
            .and_then(|m| m.memory.clone()),
        unknown: unknown(machine_text, suggestion_text),
        reasons: if e.state == State::Invalid {
            e.reasons()
        } else {
            Vec::new()
        },
        history: Vec::new(),
        similar: Vec::new(),
        asked: seconds(e),
        comments: view
            .record
            .comments
            .get(e.id())
            .cloned()
            .unwrap_or_default(),
        last_approval: rec.and_then(|r| r.approvals.last()).map(|a| LastApproval {
            reviewer: a.reviewer.clone(),
            at: a.at.clone(),
        }),
        source,
        machine,
        current,
        suggestion,
    }
}

/// The French to diff the current French against: the one a stale
/// translation was made from, or the one last approved before the machine
/// translated the message again.
fn old_source(e: &Entry) -> Option<String> {
    let rec = e.record?;
    let old = if e.state == State::Stale {
        Some(rec.source.as_str())
    } else {
        rec.previous_source.as_deref()
    };
    old.map(crate::fluent::text::readable)
}

fn both<'a>(a: &'a Option<String>, b: &'a Option<String>) -> Option<(&'a str, &'a str)> {
    Some((a.as_deref()?, b.as_deref()?))
}

fn unknown(machine: Option<&MachineText>, suggestion: Option<&MachineText>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in machine
        .into_iter()
        .chain(suggestion)
        .flat_map(|m| &m.unknown)
    {
        if !out.contains(w) {
            out.push(w.clone());
        }
    }
    out
}
