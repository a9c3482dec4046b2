//! A reviewer's decisions on messages: `approve`, `unapprove` and
//! `accept-suggestion`, recorded in the review state (and, for a taken
//! suggestion, in the target bundle).
//!
//! An approval records who, when, the hash of the French and the hash of
//! the translation; it holds while both texts stay the same. Nothing here
//! stores a state: states are recomputed from the hashes by `view`.
//! Deciding twice is a no-op, and a run that changes nothing writes
//! nothing. Bad selections (unknown resource or message) fail before
//! anything is written.

use crate::base::clock;
use crate::base::config::Config;
use crate::base::error::{Error, Result};
use crate::base::store::Store;
use crate::fluent::ftl::{self, Resource};
use crate::fluent::text;
use crate::review::record;
use crate::review::state::{State, TargetRecord};
use crate::review::view::{self, Entry, Seen, Site, View};
use crate::source::read::{self as source, Source, rel_path};
use serde::Serialize;
use std::collections::BTreeMap;
use unic_langid::LanguageIdentifier;

/// What to do with the selected messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Approve the translation as it is now (refused for invalid ones).
    Approve,
    /// Withdraw the approval that holds now.
    Unapprove,
    /// Replace the text of a stale message by the stored machine
    /// suggestion for the new French (the replaced text goes to history).
    AcceptSuggestion,
}

/// A decision as asked.
#[derive(Clone, Debug)]
pub struct Request {
    /// What to do.
    pub action: Action,
    /// Resources to decide in (`posts/<slug>`, `site`); empty means all.
    pub resources: Vec<String>,
    /// The target locale decided in.
    pub locale: LanguageIdentifier,
    /// Message ids, looked up in every named resource; ignored with `all`.
    pub messages: Vec<String>,
    /// Every message of the resources (`--all`), not only `messages`.
    pub all: bool,
    /// Who decides (required to approve).
    pub reviewer: Option<String>,
    /// Message id → what the person was shown (the review page); a message
    /// that is no longer that is left alone and listed in
    /// [`Report::conflicts`]. The terminal has no stale view: empty.
    pub seen: BTreeMap<String, Seen>,
}

/// What happened to one message.
#[derive(Debug, Serialize)]
pub struct Outcome {
    /// The message's resource.
    pub resource: String,
    /// The target locale.
    pub locale: String,
    /// The message id.
    pub id: String,
    /// The state before.
    pub state: State,
    /// The state after, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub now: Option<State>,
    /// Why nothing was done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What a run did.
#[derive(Debug, Serialize)]
pub struct Report {
    /// What was asked.
    pub action: Action,
    /// Who decided, as asked.
    pub reviewer: Option<String>,
    /// Messages the decision changed.
    pub changed: Vec<Outcome>,
    /// Nothing to do (already approved, not approved…).
    pub unchanged: Vec<Outcome>,
    /// Refused, with the reason (invalid, missing, no suggestion).
    pub skipped: Vec<Outcome>,
    /// Changed since the person saw them (see [`Request::seen`]): nothing
    /// was done to them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Outcome>,
    /// Files written (bundles, review state), relative to the site root.
    pub written: Vec<String>,
    /// Files of the site that could not be read or written, for people.
    pub errors: Vec<String>,
}

/// What one message's decision does.
enum Effect {
    Changed,
    Unchanged(String),
    Skipped(String),
    /// Not what the person saw: left alone.
    Conflict,
}

/// Runs a decision on the site of `cfg`.
pub fn run(cfg: &Config, req: &Request) -> Result<Report> {
    if req.action == Action::Approve && req.reviewer.is_none() {
        return Err(Error::Config(
            "who approves? give --reviewer NAME, set RELAIS_REVIEWER, or set git's user.name"
                .into(),
        ));
    }
    let site = Site::load(cfg, &req.resources, std::slice::from_ref(&req.locale));
    let mut report = Report {
        action: req.action,
        reviewer: req.reviewer.clone(),
        changed: Vec::new(),
        unchanged: Vec::new(),
        skipped: Vec::new(),
        conflicts: Vec::new(),
        written: Vec::new(),
        errors: crate::base::error::messages(&site.errors),
    };
    validate(&site, req)?;
    let store = Store::new(cfg.state_dir());
    let now = clock::now();
    for view in &site.views {
        if let Err(e) = decide_view(cfg, &store, &site, view, req, &now, &mut report) {
            report.errors.push(e.to_string());
        }
    }
    Ok(report)
}

/// Every named resource and message must exist: a typo decides nothing.
fn validate(site: &Site, req: &Request) -> Result<()> {
    for r in &req.resources {
        let found = site
            .sources
            .iter()
            .any(|s| source::wanted(std::slice::from_ref(r), &s.resource));
        if !found && site.errors.is_empty() {
            return Err(Error::Config(format!("{r}: no such resource")));
        }
    }
    if req.all {
        return Ok(());
    }
    for src in &site.sources {
        for id in &req.messages {
            if src.message(id).is_none() {
                return Err(Error::Config(format!(
                    "{}: no message `{id}`",
                    src.resource
                )));
            }
        }
    }
    Ok(())
}

fn decide_view(
    cfg: &Config,
    store: &Store,
    site: &Site,
    view: &View,
    req: &Request,
    now: &str,
    report: &mut Report,
) -> Result<()> {
    let mut record = view.record.clone();
    let mut target = view.target.clone();
    let resource = &site.source(view).resource;
    for e in site.entries(view) {
        if !req.all && !req.messages.iter().any(|m| m == e.id()) {
            continue;
        }
        let ctx = Decision {
            reviewer: req.reviewer.as_deref(),
            now,
            all: req.all,
        };
        let changed_since = req.seen.get(e.id()).is_some_and(|seen| *seen != e.seen());
        let effect = match req.action {
            _ if changed_since => Effect::Conflict,
            Action::Approve => ctx.approve(&e, &mut record),
            Action::Unapprove => ctx.unapprove(&e, &mut record),
            Action::AcceptSuggestion => ctx.accept(&e, &mut record, &mut target, site.source(view)),
        };
        let outcome = |reason: Option<String>, now: Option<State>| Outcome {
            resource: resource.clone(),
            locale: view.locale.to_string(),
            id: e.id().to_string(),
            state: e.state,
            now,
            reason,
        };
        match effect {
            Effect::Changed => {
                let after = view::entry(site.source(view), e.message, &target, &record).state;
                report.changed.push(outcome(None, Some(after)));
            }
            Effect::Unchanged(why) => report.unchanged.push(outcome(Some(why), None)),
            Effect::Skipped(why) => report.skipped.push(outcome(Some(why), None)),
            Effect::Conflict => report.conflicts.push(outcome(
                Some("changed since it was shown: nothing done".into()),
                None,
            )),
        }
    }
    let mut group = store.group();
    if target != view.target {
        group.write(&view.ftl_path, ftl::write(&target));
    }
    if record != view.record {
        group.write(&view.state_path, Store::text(&record));
    }
    for path in group.commit()? {
        report.written.push(rel_path(cfg, &path));
    }
    Ok(())
}

/// Who decides, and when.
struct Decision<'a> {
    reviewer: Option<&'a str>,
    now: &'a str,
    /// `--all`: a message the action does not apply to is left alone, not
    /// refused (except invalid ones for `approve`).
    all: bool,
}

impl Decision<'_> {
    /// What the record is told of entry `e`, whose text is `text`.
    fn decided<'e>(&'e self, e: &'e Entry, text: &'e str, hash: &'e str) -> record::Decided<'e> {
        record::Decided {
            french: e.message,
            source_hash: &e.source_hash,
            text,
            translation_hash: hash,
            by: self.reviewer,
            now: self.now,
        }
    }

    fn approve(&self, e: &Entry, record: &mut TargetRecord) -> Effect {
        match e.state {
            State::Invalid => {
                let reasons: Vec<String> = e.reasons().iter().map(ToString::to_string).collect();
                return Effect::Skipped(format!("invalid: {}", reasons.join("; ")));
            }
            State::Approved => return Effect::Unchanged("already approved".into()),
            _ => {}
        }
        let (Some(text), Some(hash)) = (&e.current_text, e.translation_hash()) else {
            return Effect::Skipped("no translation yet (run relais sync)".into());
        };
        let reviewer = self.reviewer.expect("checked in run");
        record::approved(record, &self.decided(e, text, &hash), reviewer);
        Effect::Changed
    }

    fn unapprove(&self, e: &Entry, record: &mut TargetRecord) -> Effect {
        let (Some(text), Some(hash)) = (&e.current_text, e.translation_hash()) else {
            return Effect::Unchanged("not approved".into());
        };
        if e.state != State::Approved {
            return Effect::Unchanged("not approved".into());
        }
        let withdrawn = record::unapproved(record, &self.decided(e, text, &hash));
        assert!(withdrawn, "an approved message has a record");
        Effect::Changed
    }

    fn accept(
        &self,
        e: &Entry,
        record: &mut TargetRecord,
        target: &mut Resource,
        src: &Source,
    ) -> Effect {
        let suggestion = e
            .record
            .and_then(|r| r.suggestion.as_ref())
            .filter(|s| s.source_hash == e.source_hash);
        let Some(suggestion) = suggestion else {
            return match e.state {
                State::Stale => {
                    Effect::Skipped("no suggestion for the new French yet (run relais sync)".into())
                }
                _ if self.all => Effect::Unchanged("no suggestion".into()),
                st => Effect::Skipped(format!("no suggestion: the message is {st}, not stale")),
            };
        };
        let Some(mut message) = text::message_from_text(e.id(), &suggestion.text) else {
            return Effect::Skipped("the stored suggestion is not valid Fluent".into());
        };
        message.comment = e
            .current
            .map_or(e.message.comment.clone(), |c| c.comment.clone());
        let decided = self.decided(e, &suggestion.text, &suggestion.hash);
        record::suggestion_accepted(record, &decided, e.current_text.as_deref());
        crate::review::edit::put(target, src, message);
        Effect::Changed
    }
}
