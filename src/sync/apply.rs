//! Applying a sync's answers: each pending target gets its machine texts
//! (restored, typeset, checked; or a translation memory match), its record
//! is told through `review::record`, and its bundle and record are written
//! (`write::settle`).
//!
//! Nothing here sends anything to an engine.

use super::plan::{Job, Pending};
use super::write::{self, Target};
use super::{CHUNK, Report};
use crate::base::config::Config;
use crate::base::digest;
use crate::base::error::Result;
use crate::base::journal::Batch;
use crate::base::store::Store;
use crate::check;
use crate::fluent::ftl::Message;
use crate::fluent::text;
use crate::mt::glossary::Glossary;
use crate::mt::translate::{self, Answers};
use crate::review::memory;
use crate::review::record::{self, Asked};
use crate::review::state::{Failure, MachineText};
use crate::source::read::Source;
use std::collections::{BTreeMap, HashSet};
use unic_langid::LanguageIdentifier;

/// What every target of a run shares when answers are applied.
pub(super) struct Run<'a> {
    pub(super) cfg: &'a Config,
    pub(super) store: &'a Store,
    pub(super) answers: &'a Answers,
    pub(super) glossary: &'a Glossary,
    pub(super) now: &'a str,
}

impl Run<'_> {
    /// Applies the answers to every pending target (a dry run has none),
    /// writing them a batch of [`CHUNK`] targets at a time.
    pub(super) fn apply_all(&self, pending: Vec<Pending>, report: &mut Report) {
        let mut requested = HashSet::new();
        let mut pending = pending.into_iter().peekable();
        while pending.peek().is_some() {
            let batch = self.store.batch();
            for p in pending.by_ref().take(CHUNK) {
                let Some(target) = p.target else { continue };
                if let Err(e) = self.apply(target, p.jobs, &mut requested, &batch, report) {
                    report.error(e);
                }
            }
            if let Err(e) = batch.finish() {
                report.error(e);
            }
        }
    }

    /// Applies the answers to one target and writes its bundle and state.
    /// `requested` holds the (locale, segment) pairs already used in this
    /// run, so that a duplicate counts as reused.
    fn apply(
        &self,
        mut target: Target,
        jobs: Vec<Job>,
        requested: &mut HashSet<(LanguageIdentifier, String)>,
        batch: &Batch,
        report: &mut Report,
    ) -> Result<()> {
        let source = target.source.clone();
        let checks = Checks::new(self.cfg, self.glossary, &source, &target.locale);
        let mut new_texts: BTreeMap<String, Message> = BTreeMap::new();
        for job in jobs {
            let src = source.message(&job.id).expect("job of a source message");
            let outcome = match &job.memory {
                Some(hit) => Some(from_memory(&job, hit, src, &checks)),
                None => restore_job(&job, &target.locale, self.answers, src, &checks),
            };
            let Some(outcome) = outcome else {
                report.left += 1;
                continue;
            };
            let asked = Asked {
                id: &job.id,
                source_text: &job.source_text,
                source_hash: &job.source_hash,
                suggestion: job.suggestion,
            };
            match outcome {
                Err(reason) => {
                    report.invalid += 1;
                    let failure = Failure {
                        source_hash: job.source_hash.clone(),
                        engine: cfg_engine_name(self.answers, &target.locale, &job),
                        reason,
                        at: self.now.to_string(),
                    };
                    record::machine_failed(&mut target.record, &job.id, failure);
                }
                Ok((message, machine)) => {
                    match self.reused(&job, &target.locale, requested) {
                        true => report.reused += 1,
                        false => report.translated += 1,
                    }
                    record::machine_answered(&mut target.record, &asked, machine, self.now);
                    if !job.suggestion {
                        new_texts.insert(job.id.clone(), message);
                    }
                }
            }
        }
        let written = write::settle(self.cfg, self.store, target, &new_texts, self.now, batch)?;
        report.written.extend(written);
        Ok(())
    }

    /// Whether a job's answer cost nothing: served by memory, or every text
    /// came from the cache or was already used by another message of this
    /// run.
    fn reused(
        &self,
        job: &Job,
        locale: &LanguageIdentifier,
        requested: &mut HashSet<(LanguageIdentifier, String)>,
    ) -> bool {
        if job.memory.is_some() {
            return true;
        }
        let texts = job.texts();
        let mut reused = !texts.is_empty();
        for text in texts {
            let key = (locale.clone(), text.to_string());
            let cached = self.answers.get(&key).is_some_and(|a| a.cached);
            let first_use = requested.insert(key);
            reused &= cached || !first_use;
        }
        reused
    }
}

fn cfg_engine_name(answers: &Answers, locale: &LanguageIdentifier, job: &Job) -> String {
    job.texts()
        .iter()
        .find_map(|text| answers.get(&(locale.clone(), text.to_string())))
        .map_or("engine", |a| a.engine)
        .to_string()
}

/// A translation memory match as this message's machine text.
fn from_memory(
    job: &Job,
    hit: &memory::Hit,
    src: &Message,
    checks: &Checks,
) -> std::result::Result<(Message, MachineText), String> {
    let message = Message {
        id: job.id.clone(),
        comment: src.comment.clone(),
        group: src.group.clone(),
        ..hit.translation.clone()
    };
    let problems = checks.problems(src, &message);
    if !problems.is_empty() {
        return Err(joined(&problems));
    }
    let text = text::message_text(&message);
    Ok((
        message,
        MachineText {
            hash: digest::hash(&text),
            text,
            source_hash: job.source_hash.clone(),
            engine: "memory".into(),
            pivot: None,
            model: None,
            at: String::new(),
            unknown: Vec::new(),
            memory: Some(hit.origin.clone()),
        },
    ))
}

/// Restores every unit of a job and checks the result. `None` when some
/// unit has no answer yet.
fn restore_job(
    job: &Job,
    locale: &LanguageIdentifier,
    answers: &Answers,
    src: &Message,
    checks: &Checks,
) -> Option<std::result::Result<(Message, MachineText), String>> {
    let restored = match translate::restore(
        job.units(),
        &job.id,
        src.comment.clone(),
        locale,
        answers,
        checks.typography,
    )? {
        Ok(r) => r,
        Err(e) => return Some(Err(e)),
    };
    let problems = checks.problems(src, &restored.message);
    if !problems.is_empty() {
        return Some(Err(joined(&problems)));
    }
    let machine = record::machine_text(&restored, &job.source_hash);
    Some(Ok((restored.message, machine)))
}

/// The checks machine output must pass before it is written, and whether
/// the locale's typography rules apply to it.
struct Checks<'a> {
    typography: bool,
    translation: check::Checks<'a>,
}

impl<'a> Checks<'a> {
    fn new(
        cfg: &Config,
        glossary: &'a Glossary,
        source: &'a Source,
        locale: &'a LanguageIdentifier,
    ) -> Self {
        Checks {
            typography: cfg.typography_for(locale),
            translation: check::Checks::of(source, locale, glossary),
        }
    }

    fn problems(&self, src: &Message, translated: &Message) -> Vec<crate::check::Problem> {
        self.translation.problems(src, translated)
    }
}

/// Problems as one line, for the record of a refused output.
fn joined(problems: &[crate::check::Problem]) -> String {
    let words: Vec<String> = problems.iter().map(ToString::to_string).collect();
    words.join("; ")
}
