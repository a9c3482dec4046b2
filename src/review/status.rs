//! `relais status`: per resource and target locale, how many messages are
//! in each review state, and whether the resource is finished.
//!
//! Read-only: nothing is extracted to disk, nothing is sent. States are
//! computed the same way `sync` and the review commands see them.

use crate::base::config::Config;
use crate::review::state::{State, TargetRecord};
use crate::review::view::{self, Entry, Site, View};
use crate::source::read::Source;
use serde::Serialize;
use std::collections::BTreeMap;

/// One resource in one locale.
#[derive(Debug, Serialize)]
pub struct Row {
    /// The resource (`posts/<slug>`, `site`).
    pub resource: String,
    /// The target locale.
    pub locale: String,
    /// Messages of the resource.
    pub messages: usize,
    /// Messages per state name, zeros included.
    pub counts: BTreeMap<&'static str, usize>,
    /// Every message approved.
    pub finished: bool,
    /// A post marked `draft: true`: never sent to an engine nor exported.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

/// The status table of the site.
#[derive(Debug, Default, Serialize)]
pub struct Status {
    /// One row per resource and target locale, in source order then locale
    /// order.
    pub resources: Vec<Row>,
    /// Files that could not be read (`path:line:col: message`).
    pub errors: Vec<String>,
    /// Paid engines' usage (DeepL characters used and left), filled by the
    /// command when such an engine is configured.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub usage: Vec<crate::mt::usage::EngineUsage>,
}

/// The state of every message of `source` in a target bundle, in source
/// order (for callers that hold a bundle and a record, like export).
pub fn message_states(
    source: &Source,
    target: &crate::fluent::ftl::Resource,
    record: &TargetRecord,
) -> Vec<(String, State)> {
    source
        .messages
        .iter()
        .map(|m| (m.id.clone(), view::entry(source, m, target, record).state))
        .collect()
}

/// Computes the status table of the site.
pub fn status(cfg: &Config, resources: &[String]) -> Status {
    let site = Site::load(cfg, resources, &[]);
    let resources = site
        .views
        .iter()
        .map(|v| row(site.source(v), v, &site.entries(v)))
        .collect();
    Status {
        resources,
        errors: crate::base::error::messages(&site.errors),
        usage: Vec::new(),
    }
}

/// Counts of every state (zeros included) over some entries.
pub fn counts(entries: &[Entry]) -> BTreeMap<&'static str, usize> {
    let mut counts: BTreeMap<&'static str, usize> =
        State::ALL.iter().map(|s| (s.name(), 0)).collect();
    for e in entries {
        *counts.get_mut(e.state.name()).expect("every state listed") += 1;
    }
    counts
}

/// Every message approved (and there is at least one).
pub fn finished(entries: &[Entry]) -> bool {
    !entries.is_empty() && entries.iter().all(|e| e.state == State::Approved)
}

fn row(src: &Source, view: &View, entries: &[Entry]) -> Row {
    Row {
        resource: src.resource.clone(),
        locale: view.locale.to_string(),
        messages: entries.len(),
        finished: finished(entries),
        counts: counts(entries),
        draft: src.draft,
    }
}
