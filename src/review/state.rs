//! The review state: what relais knows about every message beyond the
//! `.ftl` files, and the review states computed from it.
//!
//! Files live under `review/` in the site repository, one per resource and
//! locale (`review/en/posts/<slug>.json`), plus one per post for the source
//! side (`review/fr/posts/<slug>.json`: ids, the French they were made from,
//! retired ids). They are pretty, sorted JSON so that git diffs read well.
//! States are never stored: [`compute`] derives them from content hashes.

use crate::base::digest::hash;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many history entries a message keeps.
const HISTORY_LEN: usize = 50;
/// How many approvals a message keeps (the newest; older ones are in git).
const APPROVALS_LEN: usize = 4;
/// How many removed messages a resource remembers.
const REMOVED_LEN: usize = 32;

/// Review state of one message in one target locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// No text in the target bundle yet.
    Missing,
    /// The machine text (engine or translation memory) for the current
    /// French, untouched by people.
    Machine,
    /// A text people wrote or changed, not approved yet.
    Edited,
    /// A reviewer approved this very text for this very French.
    Approved,
    /// The French changed since the text was made, and nobody approved it
    /// for the new French.
    Stale,
    /// The text fails the checks, or the engine's answer for this French
    /// did (and there is no text).
    Invalid,
}

impl State {
    /// Every state, in the order status tables and summaries list them.
    pub const ALL: [State; 6] = [
        State::Missing,
        State::Machine,
        State::Edited,
        State::Approved,
        State::Stale,
        State::Invalid,
    ];

    /// The lowercase name people type (`--state stale`) and `--json` shows.
    pub fn name(self) -> &'static str {
        match self {
            State::Missing => "missing",
            State::Machine => "machine",
            State::Edited => "edited",
            State::Approved => "approved",
            State::Stale => "stale",
            State::Invalid => "invalid",
        }
    }
}

impl std::str::FromStr for State {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        State::ALL
            .into_iter()
            .find(|st| st.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = State::ALL.iter().map(|st| st.name()).collect();
                format!("not a review state (one of: {})", names.join(", "))
            })
    }
}

impl std::fmt::Display for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Target side of a resource in one locale.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetRecord {
    /// The resource (`posts/<slug>`, `site`), set from the file's place
    /// when loaded and changed by `relais mv`.
    pub resource: String,
    /// The target locale (`en`), set from the file's place when loaded.
    pub locale: String,
    /// The record of every message by id; a message gets one with the first
    /// thing recorded about it, and loses it when it leaves the French.
    pub messages: BTreeMap<String, MessageRecord>,
    /// Messages that left the resource, with their last texts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removed>,
    /// People's comments on messages, by id, oldest first (kept apart from
    /// the message records: a comment never changes a state).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub comments: BTreeMap<String, Vec<Comment>>,
}

/// A person's comment on a message (a question on the French, a doubt on
/// a translation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who wrote it.
    pub by: String,
    /// What they wrote, as typed.
    pub text: String,
    /// Who marked it resolved, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Resolved>,
}

/// A comment's resolution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolved {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who marked it.
    pub by: String,
}

/// What relais knows about one message in one target locale: the French its
/// text was made from, the machine texts, the approvals and the history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MessageRecord {
    /// The French the current translation was made from, and its hash.
    pub source: String,
    /// Hash of `source`: the message is stale when the French now has
    /// another. Set with the first text, machine or human; moves to the new
    /// French with a new machine translation (not a suggestion), an approval
    /// or an accepted suggestion.
    pub source_hash: String,
    /// The French a reviewer last approved, kept when the machine
    /// re-translated the message after the French changed, so review can
    /// show what changed. Cleared by the next approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_source: Option<String>,
    /// What the engine returned for `source` (after restoring markup).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine: Option<MachineText>,
    /// A newer machine translation for a stale message, kept beside the
    /// human text it may replace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<MachineText>,
    /// The last machine translation that could not be used, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<Failure>,
    /// Approvals, oldest first, only the newest kept. One holds while both
    /// of its hashes match the French and the text now; `unapprove` removes
    /// the one that holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<Approval>,
    /// What happened to the message, oldest first, only the newest kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryEntry>,
    /// Second opinions a person asked of `[suggest]` engines, the newest of
    /// each engine (shown while their French is the French now).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub asked: Vec<Opinion>,
}

/// A `[suggest]` engine's translation of a message, asked by a person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Opinion {
    /// The `[suggest.<name>]` table asked.
    pub name: String,
    /// Who asked.
    pub by: String,
    /// The answer, as recorded (engine, model, French hash, time).
    #[serde(flatten)]
    pub text: MachineText,
}

/// A translation an engine (or translation memory) made, as recorded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MachineText {
    /// The translation, normalised like the text hashes are taken of.
    pub text: String,
    /// Hash of `text`: the message is `machine` while its text in the
    /// bundle has this hash.
    pub hash: String,
    /// Hash of the French it translates.
    pub source_hash: String,
    /// The engine that answered (`apertium`, `deepl`, `libretranslate`), or
    /// `memory`.
    pub engine: String,
    /// Intermediate language when the engine pivoted (`es` for fr→es→en).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pivot: Option<String>,
    /// The model that answered, when the engine said (DeepL's
    /// `model_type_used`, an LLM's model).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// When the answer was recorded (RFC 3339, UTC).
    pub at: String,
    /// Words the engine did not know (Apertium), for review to highlight.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
    /// When the text came from translation memory (`engine` is
    /// `"memory"`): the approved message it was taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<Origin>,
}

/// Where a reused translation comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The resource of the approved message.
    pub resource: String,
    /// Its message id.
    pub id: String,
    /// Who approved it (empty when the approval names nobody).
    pub reviewer: String,
}

/// Machine output that failed verification; kept until the next answer, and
/// the message is `invalid` while it has no text and the French is the same.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    /// Hash of the French the engine was asked to translate.
    pub source_hash: String,
    /// The engine that answered (or `memory`).
    pub engine: String,
    /// Why: what the checks found wrong, or why the engine gave no answer.
    pub reason: String,
    /// When the answer was refused (RFC 3339, UTC).
    pub at: String,
}

/// A reviewer's approval of one text for one French.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Approval {
    /// Who approved.
    pub reviewer: String,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Hash of the French approved.
    pub source_hash: String,
    /// Hash of the text approved.
    pub translation_hash: String,
}

/// One event in the life of a message: `machine` and `suggestion` (what
/// the engine said), `approved`, `unapproved`, `accepted` (a suggestion
/// replaced the text, which is kept here), `source` (the French changed;
/// the old French). `text` is what the event is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When it happened (RFC 3339, UTC).
    pub at: String,
    /// What happened: `machine`, `suggestion`, `edited`, `approved`,
    /// `unapproved`, `accepted` or `source`.
    pub event: String,
    /// Who did it, for a person's decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The text the event is about.
    pub text: String,
}

/// A message that left the French, with its last texts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    /// Its message id.
    pub id: String,
    /// When `sync` saw it gone (RFC 3339, UTC).
    pub at: String,
    /// The French its translation was made from.
    pub source: String,
    /// Its text in the target bundle then, if it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
}

impl MachineText {
    /// The engine as people name it: `apertium`, `apertium (via es)`.
    pub fn engine_label(&self) -> String {
        let engine = match &self.model {
            Some(m) => format!("{} {m}", self.engine),
            None => self.engine.clone(),
        };
        match &self.pivot {
            Some(p) => format!("{engine} (via {p})"),
            None => engine,
        }
    }

    /// What review shows: the engine, and for a translation memory match
    /// where it came from.
    pub fn origin_label(&self) -> String {
        match &self.memory {
            Some(m) if m.reviewer.is_empty() => format!("memory match: {} {}", m.resource, m.id),
            Some(m) => format!(
                "memory match: {} {}, approved by {}",
                m.resource, m.id, m.reviewer
            ),
            None => self.engine_label(),
        }
    }
}

impl MessageRecord {
    /// Appends to the history, keeping only the newest entries.
    pub fn log(&mut self, at: &str, event: &str, text: &str) {
        self.log_by(at, event, None, text);
    }

    /// Appends a person's decision to the history.
    pub fn log_by(&mut self, at: &str, event: &str, by: Option<&str>, text: &str) {
        self.history.push(HistoryEntry {
            at: at.to_string(),
            event: event.to_string(),
            by: by.map(str::to_string),
            text: text.to_string(),
        });
        keep_newest(&mut self.history, HISTORY_LEN);
    }

    /// Records an approval, keeping only the newest ones.
    pub fn approve(&mut self, approval: Approval) {
        self.approvals.push(approval);
        keep_newest(&mut self.approvals, APPROVALS_LEN);
    }

    /// The approval that holds for these hashes, if any.
    pub fn approval(&self, source_hash: &str, translation_hash: &str) -> Option<&Approval> {
        self.approvals
            .iter()
            .rev()
            .find(|a| a.source_hash == source_hash && a.translation_hash == translation_hash)
    }

    /// The machine text made from the French with this hash: the current
    /// machine text or the stored suggestion.
    pub fn machine_for(&self, source_hash: &str) -> Option<&MachineText> {
        [&self.machine, &self.suggestion]
            .into_iter()
            .flatten()
            .find(|m| m.source_hash == source_hash)
    }
}

impl TargetRecord {
    /// Remembers a message that left the resource, keeping only the newest.
    pub fn remember_removed(&mut self, removed: Removed) {
        self.removed.push(removed);
        keep_newest(&mut self.removed, REMOVED_LEN);
    }
}

fn keep_newest<T>(list: &mut Vec<T>, max: usize) {
    let extra = list.len().saturating_sub(max);
    list.drain(..extra);
}

/// Computes the state of a message.
///
/// `current` is the normalised text in the target bundle, `problems` what
/// the checks found wrong with it. Precedence: invalid > approved (both
/// hashes match) > stale > machine | edited; missing when there is no text.
pub fn compute(
    source_hash: &str,
    current: Option<&str>,
    problems: &[crate::check::Problem],
    rec: Option<&MessageRecord>,
) -> State {
    let Some(current) = current else {
        let failed = rec
            .and_then(|r| r.failed.as_ref())
            .is_some_and(|f| f.source_hash == source_hash);
        return if failed {
            State::Invalid
        } else {
            State::Missing
        };
    };
    if !problems.is_empty() {
        return State::Invalid;
    }
    let Some(rec) = rec else {
        return State::Edited;
    };
    let current_hash = hash(current);
    if rec.approval(source_hash, &current_hash).is_some() {
        State::Approved
    } else if rec.source_hash != source_hash {
        State::Stale
    } else if rec.machine.as_ref().is_some_and(|m| m.hash == current_hash) {
        State::Machine
    } else {
        State::Edited
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(source_hash: &str, machine: &str) -> MessageRecord {
        MessageRecord {
            source: "fr".into(),
            source_hash: source_hash.into(),
            machine: Some(MachineText {
                text: machine.into(),
                hash: hash(machine),
                source_hash: source_hash.into(),
                engine: "apertium".into(),
                pivot: None,
                model: None,
                at: "t".into(),
                unknown: vec![],
                memory: None,
            }),
            ..Default::default()
        }
    }

    #[test]
    fn states_follow_hashes() {
        let r = rec("s1", "Hello");
        assert_eq!(compute("s1", None, &[], Some(&r)), State::Missing);
        assert_eq!(compute("s1", Some("Hello"), &[], Some(&r)), State::Machine);
        assert_eq!(compute("s1", Some("Hi"), &[], Some(&r)), State::Edited);
        assert_eq!(compute("s2", Some("Hi"), &[], Some(&r)), State::Stale);
        assert_eq!(
            compute(
                "s1",
                Some("Hi"),
                &[crate::check::Problem::ValueMissing],
                Some(&r)
            ),
            State::Invalid
        );
        assert_eq!(compute("s1", Some("Hi"), &[], None), State::Edited);
    }

    #[test]
    fn approval_holds_only_for_the_same_texts() {
        let mut r = rec("s1", "Hello");
        r.approvals.push(Approval {
            reviewer: "Awa".into(),
            at: "t".into(),
            source_hash: "s1".into(),
            translation_hash: hash("Hello"),
        });
        assert_eq!(compute("s1", Some("Hello"), &[], Some(&r)), State::Approved);
        assert_eq!(compute("s1", Some("Hello!"), &[], Some(&r)), State::Edited);
        assert_eq!(compute("s2", Some("Hello"), &[], Some(&r)), State::Stale);
    }

    #[test]
    fn failed_machine_output_is_invalid_until_the_source_changes() {
        let r = MessageRecord {
            failed: Some(Failure {
                source_hash: "s1".into(),
                engine: "apertium".into(),
                reason: "placeholder 1 missing".into(),
                at: "t".into(),
            }),
            ..Default::default()
        };
        assert_eq!(compute("s1", None, &[], Some(&r)), State::Invalid);
        assert_eq!(compute("s2", None, &[], Some(&r)), State::Missing);
    }

    #[test]
    fn history_is_bounded() {
        let mut r = MessageRecord::default();
        for i in 0..HISTORY_LEN + 10 {
            r.log("t", "machine", &i.to_string());
        }
        assert_eq!(r.history.len(), HISTORY_LEN);
        assert_eq!(r.history[0].text, "10", "the oldest go first");
        assert_eq!(
            r.history.last().unwrap().text,
            (HISTORY_LEN + 9).to_string()
        );
    }
}
