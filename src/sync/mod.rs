//! `relais sync`: extract posts, translate what is new or changed, write
//! target bundles and review state.
//!
//! The run has three phases: read the sources a chunk at a time, planning
//! each in every target locale (`plan`: a bad file is reported and
//! skipped, never rewritten; a target with nothing to translate is written
//! at once and dropped, so memory does not grow with the site), translate
//! the planned segments per locale (`mt::translate`: translation memory,
//! cache, then the configured engine), then apply the answers to the
//! targets kept (`apply`). A human edit is never overwritten: when its
//! French changes, the new machine text is stored beside it as a
//! suggestion. Files of posts that are gone are removed last (`prune`).
//! Every change to a review record is asked of `review::record`.

mod apply;
mod plan;
mod prune;
pub mod rename;
mod settled;
mod write;

use crate::base::clock;
use crate::base::config::Config;
use crate::base::error::Error;
use crate::base::store::Store;
use crate::mt::glossary::Glossary;
use crate::mt::translate::{self, Answers, Progress};
use crate::source::read as source;
use plan::{Pending, Plan};
use serde::Serialize;
use settled::Settled;
use std::sync::Arc;
use unic_langid::LanguageIdentifier;

pub use crate::mt::translate::Estimate;

/// What the user asked for.
#[derive(Clone, Default)]
pub struct Options {
    /// Resources to sync (`posts/<slug>`, `site`); empty means all.
    pub resources: Vec<String>,
    /// Target locales to sync; empty means all.
    pub locales: Vec<LanguageIdentifier>,
    /// Plan and estimate only: nothing is sent, billed or written.
    pub dry_run: bool,
    /// Hears how far translation is (a progress bar on a terminal).
    pub progress: Option<Arc<dyn Progress>>,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("resources", &self.resources)
            .field("locales", &self.locales)
            .field("dry_run", &self.dry_run)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// What a run did, for people and for `--json`.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// A dry run: nothing was sent or written; `estimate` says what would
    /// have been sent.
    pub dry_run: bool,
    /// Translation requests made to engines, retries included (a pivot
    /// costs its legs; asking for pairs, glossaries or usage is not
    /// counted).
    pub requests: usize,
    /// Characters of the texts in those requests that were answered (what
    /// an engine bills).
    pub characters: usize,
    /// Requests sent again after a transient failure (counted in
    /// `requests` too).
    pub retries: usize,
    /// Tokens an LLM engine said the run used (prompt and completion,
    /// from its `usage`); absent when no LLM was asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<crate::mt::translate::Tokens>,
    /// (message, locale) pairs that got new machine text.
    pub translated: usize,
    /// Pairs served by the translation cache or by a duplicate in the same
    /// run instead of an engine.
    pub reused: usize,
    /// Pairs whose machine output failed verification (state `invalid`).
    pub invalid: usize,
    /// Pairs left for the next run because the engine stopped.
    pub left: usize,
    /// Resources not read again: nothing in their files, the
    /// configuration, the glossary or relais changed since a sync found
    /// nothing to do in them.
    pub unchanged: usize,
    /// Files written or removed, relative to the site root.
    pub written: Vec<String>,
    /// Files of deleted posts that were removed (bundles, review state),
    /// relative to the site root.
    pub removed: Vec<String>,
    /// `--dry-run`: what would be sent, per locale.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub estimate: Vec<Estimate>,
    /// Problems found in the site's files (each `path:line:col: message`).
    pub errors: Vec<String>,
    /// Why the engine stopped the run, if it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine_error: Option<String>,
    /// The configuration stopped the run before anything was done.
    #[serde(skip)]
    pub config_error: bool,
}

impl Report {
    fn error(&mut self, e: Error) {
        if matches!(e, Error::Config(_)) {
            self.config_error = true;
        }
        self.errors.push(e.to_string());
    }
}

/// Sources read, planned and settled at a time (on every core): memory
/// stays bounded by this many resources plus the pending work, whatever
/// the size of the site.
const CHUNK: usize = 64;

/// Runs `sync` on the site of `cfg`.
///
/// Sources are read a chunk at a time. A target with nothing to translate
/// is settled at once (removed messages retired, hand-written texts
/// adopted, files written if changed) and dropped; a target with work is
/// kept until its answers are applied. A dry run keeps only the work.
pub async fn run(cfg: &Config, opts: &Options) -> Report {
    let mut report = Report {
        dry_run: opts.dry_run,
        ..Report::default()
    };
    let store = Store::new(cfg.state_dir());
    let locales: Vec<LanguageIdentifier> = cfg
        .targets
        .iter()
        .filter(|l| opts.locales.is_empty() || opts.locales.contains(l))
        .cloned()
        .collect();
    // Nothing runs on a bad configuration: keys and glossary first.
    let glossary = match plan::preflight(cfg, &locales, opts.dry_run) {
        Ok(g) => Arc::new(g),
        Err(e) => {
            report.error(e);
            return report;
        }
    };
    let now = clock::now();
    let (items, errors) = source::list(cfg, &opts.resources);
    errors.into_iter().for_each(|e| report.error(e));
    let settled = Settled::load(cfg, &locales);
    let plan = Plan::new(
        cfg,
        &store,
        &locales,
        &glossary,
        &settled,
        opts.dry_run,
        &now,
    );
    let started = std::time::Instant::now();
    let mut scan = plan.scan_all(&items, &mut report);
    tracing::debug!(
        "sync: {} sources read and planned in {:?}",
        items.len(),
        started.elapsed()
    );
    let pending = std::mem::take(&mut scan.pending);
    let Some(answers) = translate_pending(&plan, &glossary, &pending, opts, &mut report).await
    else {
        return report;
    };
    let run = apply::Run {
        cfg,
        store: &store,
        answers: &answers,
        glossary: &glossary,
        now: &now,
    };
    let started = std::time::Instant::now();
    run.apply_all(pending, &mut report);
    tracing::debug!("sync: answers applied in {:?}", started.elapsed());
    if opts.resources.is_empty() {
        let known = |r: &str| scan.found.contains_key(r);
        prune::remove_deleted_posts(cfg, &store, &known, &mut report);
    }
    // An engine that stopped left work: nothing more is settled.
    if report.engine_error.is_none() {
        let started = std::time::Instant::now();
        plan.verify(&items, &mut scan, &mut report);
        tracing::debug!(
            "sync: written sources read again in {:?}",
            started.elapsed()
        );
    }
    if let Err(e) = settled.save(std::mem::take(&mut scan.found), opts.resources.is_empty()) {
        report.error(e);
    }
    report
}

/// The translation phase: the cache, then the engines, for the texts of
/// every pending job. `None` when the run stops here (a dry run, whose
/// estimate is in the report, or an error before anything was sent).
async fn translate_pending(
    plan: &Plan<'_>,
    glossary: &Arc<Glossary>,
    pending: &[Pending],
    opts: &Options,
    report: &mut Report,
) -> Option<Answers> {
    let work = plan.work(pending);
    let mut cache = match translate::load_cache(plan.cfg, &work) {
        Ok(c) => c,
        Err(e) => {
            report.error(e);
            return None;
        }
    };
    let estimate = translate::estimate(plan.cfg, &cache, &work);
    let started = std::time::Instant::now();
    if opts.dry_run {
        report.estimate = estimate;
        return None;
    }
    if let Err(e) = crate::mt::budget::check_and_record(plan.cfg, &estimate, plan.now) {
        report.error(e);
        return None;
    }
    let progress = opts.progress.as_deref();
    let outcome = translate::run(plan.cfg, glossary.clone(), &mut cache, work, progress).await;
    tracing::debug!("sync: translated in {:?}", started.elapsed());
    report.requests = outcome.requests;
    report.characters = outcome.characters;
    report.retries = outcome.retries;
    report.tokens = outcome.tokens;
    report.engine_error = outcome.engine_error;
    outcome.errors.into_iter().for_each(|e| report.error(e));
    Some(outcome.answers)
}
