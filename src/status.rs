//! `relais status`: per resource and target locale, how many messages are
//! in each review state, and whether the resource is finished.
//!
//! Read-only: nothing is extracted to disk, nothing is sent. States are
//! computed the same way `sync` and the review commands see them.

use crate::check;
use crate::config::Config;
use crate::source::{self, Source, find};
use crate::state::{self, State, Store, TargetRecord};
use serde::Serialize;
use std::collections::BTreeMap;

/// One resource in one locale.
#[derive(Debug, Serialize)]
pub struct Row {
    pub resource: String,
    pub locale: String,
    pub messages: usize,
    pub counts: BTreeMap<&'static str, usize>,
    /// Every message approved.
    pub finished: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

#[derive(Debug, Default, Serialize)]
pub struct Status {
    pub resources: Vec<Row>,
    /// Files that could not be read (`path:line:col: message`).
    pub errors: Vec<String>,
    /// Paid engines' usage (DeepL characters used and left), filled by the
    /// command when such an engine is configured.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub usage: Vec<crate::usage::EngineUsage>,
}

impl Status {
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.errors.is_empty())
    }
}

/// The state of every message of `source` in `locale`, in source order.
pub fn message_states(
    source: &Source,
    target: &crate::ftl::Resource,
    record: &TargetRecord,
) -> Vec<(String, State)> {
    source
        .messages
        .iter()
        .map(|m| {
            let source_hash = state::hash(&state::message_text(m));
            let current = find(target, &m.id);
            let problems = current
                .map(|c| check::problems(m, c, source.text_kind()))
                .unwrap_or_default();
            let text = current.map(state::message_text);
            let rec = record.messages.get(&m.id);
            let st = state::compute(&source_hash, text.as_deref(), &problems, rec);
            (m.id.clone(), st)
        })
        .collect()
}

/// Computes the status table of the site.
pub fn status(cfg: &Config, resources: &[String]) -> Status {
    let read = source::read_all(cfg, resources, false);
    let mut out = Status {
        errors: read.errors.iter().map(ToString::to_string).collect(),
        ..Status::default()
    };
    let store = Store::new(cfg.state_dir());
    for src in &read.sources {
        for locale in &cfg.targets {
            let target = match source::read_target(cfg, &src.resource, locale) {
                Ok(t) => t,
                Err(errors) => {
                    out.errors.extend(errors.iter().map(ToString::to_string));
                    continue;
                }
            };
            let record: TargetRecord =
                match store.load(&store.target_path(&locale.to_string(), &src.resource)) {
                    Ok(r) => r,
                    Err(e) => {
                        out.errors.push(e.to_string());
                        continue;
                    }
                };
            out.resources
                .push(row(src, locale.to_string(), &target, &record));
        }
    }
    out
}

fn row(src: &Source, locale: String, target: &crate::ftl::Resource, record: &TargetRecord) -> Row {
    let mut counts: BTreeMap<&'static str, usize> =
        State::ALL.iter().map(|s| (s.name(), 0)).collect();
    let states = message_states(src, target, record);
    for (_, st) in &states {
        *counts.get_mut(st.name()).expect("every state listed") += 1;
    }
    Row {
        resource: src.resource.clone(),
        locale,
        messages: states.len(),
        finished: !states.is_empty() && states.iter().all(|(_, s)| *s == State::Approved),
        counts,
        draft: src.draft,
    }
}
