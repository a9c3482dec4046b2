//! The one place a review record changes: every rule of what an engine's
//! answer, a person's edit or decision, a French change or a removed
//! message does to the record of a message. `sync`, `decide`, `edit`,
//! `view` and `mv` ask here; `tests/architecture.rs` holds that nobody
//! else writes a record.
//!
//! What it does not do: read or write files (callers load and save with
//! [`Store`]), compute states (see [`state::compute`](super::state::compute)).

use crate::base::digest::hash;
use crate::base::error::Result;
use crate::base::store::Store;
use crate::fluent::ftl::{Message, Resource};
use crate::fluent::text::message_text;
use crate::review::state::{
    Approval, Failure, MachineText, MessageRecord, Opinion, Removed, TargetRecord,
};
use std::collections::HashSet;

/// The record of `resource` in `locale`, read (empty when absent) and named
/// after them, whatever the file said.
pub fn load(store: &Store, locale: &str, resource: &str) -> Result<TargetRecord> {
    let mut record: TargetRecord = store.load(&store.path(locale, resource))?;
    renamed(&mut record, resource);
    record.locale = locale.to_string();
    Ok(record)
}

/// The record now belongs to `resource` (a post renamed with `relais mv`).
pub fn renamed(record: &mut TargetRecord, resource: &str) {
    record.resource = resource.to_string();
}

/// The French an engine was asked to translate, and where its answer goes.
pub struct Asked<'a> {
    /// The message id.
    pub id: &'a str,
    /// The French sent, normalised: what the record says the text was made
    /// from.
    pub source_text: &'a str,
    /// Hash of `source_text`.
    pub source_hash: &'a str,
    /// Beside a human text (kept as a suggestion) rather than as the text.
    pub suggestion: bool,
}

/// What an engine's restored answer is stored as: its text and hash, the
/// French it was made from, who answered. `at` is set when recorded.
pub fn machine_text(restored: &crate::mt::translate::Restored, source_hash: &str) -> MachineText {
    let text = message_text(&restored.message);
    MachineText {
        hash: hash(&text),
        text,
        source_hash: source_hash.to_string(),
        engine: restored.engine.to_string(),
        pivot: restored.pivot.clone(),
        model: restored.model.clone(),
        at: String::new(),
        unknown: restored.unknown.clone(),
        memory: None,
    }
}

/// Records a machine answer: as the translation, or as a suggestion
/// beside a human text.
pub fn machine_answered(
    record: &mut TargetRecord,
    asked: &Asked,
    mut machine: MachineText,
    now: &str,
) {
    let rec = record.messages.entry(asked.id.to_string()).or_default();
    machine.at = now.to_string();
    rec.failed = None;
    if asked.suggestion {
        rec.log(now, "suggestion", &machine.text);
        rec.suggestion = Some(machine);
    } else {
        remember_reviewed_source(rec, asked.source_hash, now);
        rec.log(now, "machine", &machine.text);
        rec.source = asked.source_text.to_string();
        rec.source_hash = asked.source_hash.to_string();
        rec.machine = Some(machine);
        rec.suggestion = None;
    }
}

/// Records a `[suggest]` engine's answer that a person asked for: beside
/// the message, replacing that engine's earlier answer; the message's text
/// and state do not change.
pub fn asked(record: &mut TargetRecord, id: &str, answer: Opinion, now: &str) {
    let rec = record.messages.entry(id.to_string()).or_default();
    rec.asked.retain(|a| a.name != answer.name);
    let mut answer = answer;
    answer.text.at = now.to_string();
    rec.asked.push(answer);
}

/// Records machine output that could not be used, and why.
pub fn machine_failed(record: &mut TargetRecord, id: &str, failure: Failure) {
    record.messages.entry(id.to_string()).or_default().failed = Some(failure);
}

/// When the French changes under a translation a reviewer approved, the
/// old French is kept so review can show what changed (the old approval
/// stays in the record; it no longer matches).
fn remember_reviewed_source(rec: &mut MessageRecord, new_hash: &str, now: &str) {
    if rec.source_hash.is_empty() || rec.source_hash == new_hash {
        return;
    }
    rec.log(now, "source", &rec.source.clone());
    let reviewed = rec
        .approvals
        .iter()
        .any(|a| a.source_hash == rec.source_hash);
    if reviewed && rec.previous_source.is_none() {
        rec.previous_source = Some(rec.source.clone());
    }
}

/// Drops what no longer refers to the current French: a suggestion made
/// for a French that was reverted, a previous French equal to the current.
pub fn drop_dangling(french: &[Message], record: &mut TargetRecord) {
    for m in french {
        let Some(rec) = record.messages.get_mut(&m.id) else {
            continue;
        };
        let text = message_text(m);
        let hash = hash(&text);
        if rec.source_hash == hash
            && rec
                .suggestion
                .as_ref()
                .is_some_and(|s| s.source_hash != hash)
        {
            rec.suggestion = None;
        }
        if rec.previous_source.as_deref() == Some(text.as_str()) {
            rec.previous_source = None;
        }
    }
}

/// A translation written by hand with no record yet counts as a human
/// edit of the current French.
pub fn adopt_human_texts(french: &[Message], current: &Resource, record: &mut TargetRecord) {
    for m in french {
        let known = record
            .messages
            .get(&m.id)
            .is_some_and(|r| !r.source_hash.is_empty());
        if current.messages.iter().any(|c| c.id == m.id) && !known {
            made_from(record.messages.entry(m.id.clone()).or_default(), m);
        }
    }
}

/// The record says its text was made from the French `m`.
fn made_from(rec: &mut MessageRecord, m: &Message) {
    rec.source = message_text(m);
    rec.source_hash = hash(&rec.source);
}

/// Messages that left the French leave the record; their last texts stay
/// in its `removed` list.
pub fn retire_removed(
    french: &[Message],
    current: &Resource,
    record: &mut TargetRecord,
    now: &str,
) {
    let ids: HashSet<&str> = french.iter().map(|m| m.id.as_str()).collect();
    let gone: Vec<String> = record
        .messages
        .keys()
        .filter(|id| !ids.contains(id.as_str()))
        .cloned()
        .collect();
    for id in gone {
        let rec = record.messages.remove(&id).expect("listed above");
        record.remember_removed(Removed {
            translation: current
                .messages
                .iter()
                .find(|m| m.id == id)
                .map(message_text),
            id,
            at: now.to_string(),
            source: rec.source,
        });
    }
}

/// A person typed `text` for the French `french`.
pub fn edited(
    record: &mut TargetRecord,
    french: &Message,
    editor: Option<&str>,
    text: &str,
    now: &str,
) {
    let rec = record.messages.entry(french.id.clone()).or_default();
    if rec.source_hash.is_empty() {
        // A first translation typed by hand: made from the French now.
        made_from(rec, french);
    }
    rec.log_by(now, "edited", editor, text);
}

/// A reviewer's decision on the text they saw.
pub struct Decided<'a> {
    /// The French message now.
    pub french: &'a Message,
    /// Hash of the French now.
    pub source_hash: &'a str,
    /// The text decided on, and its hash.
    pub text: &'a str,
    /// Hash of `text`: what an approval holds for.
    pub translation_hash: &'a str,
    /// Who decided, for the history.
    pub by: Option<&'a str>,
    /// When (RFC 3339, UTC).
    pub now: &'a str,
}

/// A person's comment on message `id`.
pub fn commented(record: &mut TargetRecord, id: &str, by: &str, text: &str, now: &str) {
    record
        .comments
        .entry(id.to_string())
        .or_default()
        .push(crate::review::state::Comment {
            at: now.to_string(),
            by: by.to_string(),
            text: text.to_string(),
            resolved: None,
        });
}

/// Comment `n` (from 1) on message `id` marked resolved; false when there
/// is no such open comment.
pub fn resolved(record: &mut TargetRecord, id: &str, n: usize, by: &str, now: &str) -> bool {
    let Some(c) = record
        .comments
        .get_mut(id)
        .and_then(|list| list.get_mut(n.wrapping_sub(1)))
        .filter(|c| c.resolved.is_none())
    else {
        return false;
    };
    c.resolved = Some(crate::review::state::Resolved {
        at: now.to_string(),
        by: by.to_string(),
    });
    true
}

/// An approval of the text. Approving a stale message confirms the text
/// for the new French: the record says so, and the machine suggestion for
/// the new French becomes the machine text it is measured against.
pub fn approved(record: &mut TargetRecord, d: &Decided, reviewer: &str) {
    let rec = record.messages.entry(d.french.id.clone()).or_default();
    if rec.source_hash != d.source_hash {
        rec.source = message_text(d.french);
        rec.source_hash = d.source_hash.to_string();
        match rec.suggestion.take() {
            Some(s) if s.source_hash == d.source_hash => rec.machine = Some(s),
            _ => {}
        }
    }
    rec.previous_source = None;
    rec.approve(Approval {
        reviewer: reviewer.to_string(),
        at: d.now.to_string(),
        source_hash: d.source_hash.to_string(),
        translation_hash: d.translation_hash.to_string(),
    });
    rec.log_by(d.now, "approved", Some(reviewer), d.text);
}

/// The approval of the text is withdrawn. `false` when there was no record.
pub fn unapproved(record: &mut TargetRecord, d: &Decided) -> bool {
    let Some(rec) = record.messages.get_mut(&d.french.id) else {
        return false;
    };
    rec.approvals
        .retain(|a| !(a.source_hash == d.source_hash && a.translation_hash == d.translation_hash));
    rec.log_by(d.now, "unapproved", d.by, d.text);
    true
}

/// The stored suggestion replaced the text (`d.text` is the text it
/// replaced, if there was one): the suggestion becomes the machine text of
/// the French now.
pub fn suggestion_accepted(record: &mut TargetRecord, d: &Decided, replaced: Option<&str>) {
    let rec = record.messages.entry(d.french.id.clone()).or_default();
    if let Some(old) = replaced {
        rec.log_by(d.now, "accepted", d.by, old);
    }
    rec.source = message_text(d.french);
    rec.source_hash = d.source_hash.to_string();
    rec.machine = rec.suggestion.take();
    rec.previous_source = None;
}
