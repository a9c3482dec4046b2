//! `relais sync`: extract posts, translate what is new or changed, write
//! target bundles and review state.
//!
//! The run has three phases: read the sources a chunk at a time, planning
//! each in every target locale (a bad file is reported and skipped, never
//! rewritten; a target with nothing to translate is written at once and
//! dropped, so memory does not grow with the site), translate the planned
//! segments per locale (`translate`: translation memory, cache, then the
//! configured engine), then apply the answers to the targets kept. A human
//! edit is never overwritten: when its French changes, the new machine
//! text is stored beside it as a suggestion.

pub mod rename;

use crate::base::config::Config;
use crate::base::error::{Error, Result};
use crate::base::fs;
use crate::check;
use crate::fluent::ftl::{self, Message, Resource};
use crate::mt::glossary::Glossary;
use crate::mt::protect::Terms;
use crate::mt::translate::{self, Answers, Progress, Work};
use crate::mt::units::{self, Units};
use crate::review::memory;
use crate::review::state::{
    self, Failure, MachineText, MessageRecord, Removed, Store, TargetRecord,
};
use crate::source::read::{self as source, Source, find, rel_path};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
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
    /// (message, locale) pairs that got new machine text.
    pub translated: usize,
    /// Pairs served by the translation cache or by a duplicate in the same
    /// run instead of an engine.
    pub reused: usize,
    /// Pairs whose machine output failed verification (state `invalid`).
    pub invalid: usize,
    /// Pairs left for the next run because the engine stopped.
    pub left: usize,
    /// Files written or removed, relative to the site root.
    pub written: Vec<String>,
    pub removed: Vec<String>,
    /// `--dry-run`: what would be sent, per locale.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub estimate: Vec<Estimate>,
    /// Problems found in the site's files (each `path:line:col: message`).
    pub errors: Vec<String>,
    /// Why the engine stopped the run, if it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine_error: Option<String>,
    #[serde(skip)]
    config_error: bool,
}

impl Report {
    /// 2 over 3 over 1, as documented in the README.
    pub fn exit_code(&self) -> u8 {
        if self.config_error {
            2
        } else if self.engine_error.is_some() {
            3
        } else if !self.errors.is_empty() {
            1
        } else {
            0
        }
    }

    fn error(&mut self, e: Error) {
        if matches!(e, Error::Config(_)) {
            self.config_error = true;
        }
        self.errors.push(e.to_string());
    }
}

/// One message to translate for one locale.
struct Job {
    id: String,
    suggestion: bool,
    source_text: String,
    source_hash: String,
    /// What the engine is sent for it.
    sent: Sent,
    /// An approved translation of the same French elsewhere on the site,
    /// used instead of the engine.
    memory: Option<memory::Hit>,
}

/// What a job sends: the planned units, or (a dry run, which restores
/// nothing) only their texts.
enum Sent {
    Units(Units),
    Texts(Vec<String>),
}

impl Job {
    fn texts(&self) -> Vec<&str> {
        match &self.sent {
            Sent::Units(u) => u.texts(),
            Sent::Texts(t) => t.iter().map(String::as_str).collect(),
        }
    }

    /// The units, to restore answers (never asked of a dry run).
    fn units(&self) -> &Units {
        match &self.sent {
            Sent::Units(u) => u,
            Sent::Texts(_) => unreachable!("a dry run restores nothing"),
        }
    }

    /// Keeps only what a dry run needs.
    fn texts_only(mut self) -> Job {
        if let Sent::Units(u) = &self.sent {
            self.sent = Sent::Texts(u.texts().into_iter().map(str::to_string).collect());
        }
        self
    }
}

/// One resource in one target locale, read: what writing it needs.
struct Target {
    source: Arc<Source>,
    locale: LanguageIdentifier,
    ftl_path: PathBuf,
    state_path: PathBuf,
    current: Resource,
    record: TargetRecord,
}

/// A target with messages for the engine (or the translation memory),
/// kept until the answers come back.
struct Pending {
    /// Index of the locale in the run's locales.
    locale: usize,
    /// Index of the source in the run's sources.
    item: usize,
    resource: String,
    jobs: Vec<Job>,
    /// What applying the answers needs (not kept by a dry run).
    target: Option<Target>,
}

/// What reading one source and planning its targets gave.
#[derive(Default)]
struct Scanned {
    /// The resource, when it was read.
    resource: Option<String>,
    errors: Vec<Error>,
    written: Vec<String>,
    pending: Vec<Pending>,
    /// Indices of the locales where this resource has approvals (the
    /// translation memory reads those again if something is wanted).
    approved: Vec<usize>,
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
    let setup = preflight(cfg, &locales, opts.dry_run);
    let glossary = match setup {
        Ok(s) => s,
        Err(e) => {
            report.error(e);
            return report;
        }
    };
    let now = state::now();
    let (items, errors) = source::list(cfg, &opts.resources);
    errors.into_iter().for_each(|e| report.error(e));
    let plan = Plan {
        cfg,
        store: &store,
        locales: &locales,
        terms: locales
            .iter()
            .map(|l| terms_for(cfg, &glossary, l))
            .collect(),
        glossary: &glossary,
        dry_run: opts.dry_run,
        now: &now,
    };
    let mut pending: Vec<Pending> = Vec::new();
    let mut known: HashSet<String> = HashSet::new();
    let mut approved: Vec<Vec<usize>> = vec![Vec::new(); locales.len()];
    let indices: Vec<usize> = (0..items.len()).collect();
    for chunk in indices.chunks(CHUNK) {
        let scanned = crate::base::par::map(chunk, |&i| plan.scan(i, &items[i]));
        for (&i, scanned) in chunk.iter().zip(scanned) {
            report.written.extend(scanned.written);
            scanned.errors.into_iter().for_each(|e| report.error(e));
            known.extend(scanned.resource);
            pending.extend(scanned.pending);
            for l in scanned.approved {
                approved[l].push(i);
            }
        }
    }
    // Locale-major, as the engines get them (the sort is stable).
    pending.sort_by_key(|p| p.locale);
    use_memory(&plan, &items, &approved, &mut pending);
    let work: Vec<Work> = (0..locales.len())
        .map(|l| {
            let texts = unique_texts(pending.iter().filter(|p| p.locale == l));
            Work::new(cfg, &glossary, locales[l].clone(), texts)
        })
        .collect();
    let mut cache = match translate::load_cache(cfg, &work) {
        Ok(c) => c,
        Err(e) => {
            report.error(e);
            return report;
        }
    };
    let estimate = translate::estimate(cfg, &cache, &work);
    if opts.dry_run {
        report.estimate = estimate;
        return report;
    }
    if let Err(e) = crate::mt::budget::check_and_record(cfg, &estimate, &now) {
        report.error(e);
        return report;
    }
    let glossary = Arc::new(glossary);
    let progress = opts.progress.as_deref();
    let outcome = translate::run(cfg, glossary.clone(), &mut cache, work, progress).await;
    report.requests = outcome.requests;
    report.characters = outcome.characters;
    report.retries = outcome.retries;
    report.engine_error = outcome.engine_error;
    outcome.errors.into_iter().for_each(|e| report.error(e));
    let answers = outcome.answers;
    let mut requested = HashSet::new();
    let run = Run {
        cfg,
        store: &store,
        answers: &answers,
        glossary: &glossary,
        now: &now,
    };
    for p in pending {
        let Some(target) = p.target else { continue };
        if let Err(e) = apply(&run, target, p.jobs, &mut requested, &mut report) {
            report.error(e);
        }
    }
    if opts.resources.is_empty() {
        remove_deleted_posts(cfg, &store, &known, &mut report);
    }
    report
}

/// What planning every source of a run shares.
struct Plan<'a> {
    cfg: &'a Config,
    store: &'a Store,
    locales: &'a [LanguageIdentifier],
    /// Glossary terms protected, per locale.
    terms: Vec<Terms>,
    glossary: &'a Glossary,
    dry_run: bool,
    now: &'a str,
}

impl Plan<'_> {
    /// Reads source `index`, `item` (writing its French bundle unless a
    /// dry run), and plans it in every locale.
    fn scan(&self, index: usize, item: &source::Item) -> Scanned {
        let mut out = Scanned::default();
        let source = match source::read(self.cfg, self.store, item, !self.dry_run, &mut out.written)
        {
            Ok(s) => Arc::new(s),
            Err(errors) => {
                out.errors = errors;
                return out;
            }
        };
        out.resource = Some(source.resource.clone());
        if source.draft {
            return out;
        }
        for (l, locale) in self.locales.iter().enumerate() {
            let (target, jobs) = match self.target(&source, locale, &self.terms[l]) {
                Ok(planned) => planned,
                Err(errors) => {
                    out.errors.extend(errors);
                    continue;
                }
            };
            if target
                .record
                .messages
                .values()
                .any(|r| !r.approvals.is_empty())
            {
                out.approved.push(l);
            }
            if !jobs.is_empty() {
                let jobs = match self.dry_run {
                    true => jobs.into_iter().map(Job::texts_only).collect(),
                    false => jobs,
                };
                out.pending.push(Pending {
                    locale: l,
                    item: index,
                    resource: source.resource.clone(),
                    jobs,
                    target: (!self.dry_run).then_some(target),
                });
            } else if !self.dry_run {
                match settle(self.cfg, self.store, target, &BTreeMap::new(), self.now) {
                    Ok(files) => out.written.extend(files),
                    Err(e) => out.errors.push(e),
                }
            }
        }
        out
    }

    /// Reads one target bundle and its state, and decides what to translate.
    fn target(
        &self,
        source: &Arc<Source>,
        locale: &LanguageIdentifier,
        terms: &Terms,
    ) -> std::result::Result<(Target, Vec<Job>), Vec<Error>> {
        let (cfg, store) = (self.cfg, self.store);
        let ftl_path = source::target_path(cfg, &source.resource, locale);
        let current = source::read_target(cfg, &source.resource, locale)?;
        let state_path = store.target_path(&locale.to_string(), &source.resource);
        let mut record: TargetRecord = store.load(&state_path).map_err(|e| vec![e])?;
        record.resource = source.resource.clone();
        record.locale = locale.to_string();
        let plurals = crate::fluent::refs::plural_categories(locale);
        let unit_target = units::Target {
            syntax: source.syntax,
            ref_defs: &source.ref_defs,
            plurals: &plurals,
            terms,
        };
        let jobs = source
            .messages
            .iter()
            .filter_map(|m| {
                plan_message(
                    unit_target,
                    m,
                    find(&current, &m.id),
                    record.messages.get(&m.id),
                    self.glossary,
                )
            })
            .collect();
        let target = Target {
            source: source.clone(),
            locale: locale.clone(),
            ftl_path,
            state_path,
            current,
            record,
        };
        Ok((target, jobs))
    }
}

/// Checks that every engine of the run has its key (not needed to send
/// nothing), and reads the glossary.
fn preflight(cfg: &Config, locales: &[LanguageIdentifier], dry_run: bool) -> Result<Glossary> {
    if !dry_run {
        for locale in locales {
            crate::mt::engine::key::from_env(cfg.engine_for(locale), &cfg.engine_table(locale))
                .map_err(Error::Config)?;
        }
    }
    Glossary::load(&cfg.root).map_err(|e| Error::Config(e.to_string()))
}

/// Glossary terms to protect for a locale: none when its engine takes the
/// glossary itself (DeepL).
fn terms_for(cfg: &Config, glossary: &Glossary, locale: &LanguageIdentifier) -> Terms {
    if cfg.engine_for(locale).kind.has_glossaries() {
        Terms::default()
    } else {
        glossary.terms(locale)
    }
}

/// Whether a message needs the engine, and where the answer goes.
fn plan_message(
    target: units::Target,
    m: &Message,
    current: Option<&Message>,
    rec: Option<&MessageRecord>,
    glossary: &Glossary,
) -> Option<Job> {
    let source_text = state::message_text(m);
    let source_hash = state::hash(&source_text);
    // Machine text nobody touched or approved that breaks the glossary (it
    // was made before the term was added) is simply made again.
    let outdated = |c: &Message, r: &MessageRecord| {
        let text = state::message_text(c);
        let hash = state::hash(&text);
        r.machine.as_ref().is_some_and(|mt| mt.hash == hash)
            && r.approval(&source_hash, &hash).is_none()
            && !glossary.violations(&source_text, &text).is_empty()
    };
    let suggestion = match (current, rec) {
        (None, Some(r))
            if r.failed
                .as_ref()
                .is_some_and(|f| f.source_hash == source_hash) =>
        {
            return None;
        }
        (None, _) => false,
        // A text a person wrote where relais had none: theirs.
        (Some(_), None) => return None,
        (Some(_), Some(r)) if r.source_hash.is_empty() => return None,
        (Some(c), Some(r)) if r.source_hash == source_hash && outdated(c, r) => false,
        (Some(_), Some(r)) if r.source_hash == source_hash => return None,
        (Some(c), Some(r)) => {
            let untouched = r
                .machine
                .as_ref()
                .is_some_and(|mt| mt.hash == state::hash(&state::message_text(c)));
            let suggested = r
                .suggestion
                .as_ref()
                .is_some_and(|s| s.source_hash == source_hash);
            if !untouched && suggested {
                return None;
            }
            !untouched
        }
    };
    Some(Job {
        id: m.id.clone(),
        suggestion,
        source_text,
        source_hash,
        sent: Sent::Units(Units::plan(m, target)),
        memory: None,
    })
}

/// Unique protected texts of a locale, in first-seen order.
fn unique_texts<'a>(pending: impl Iterator<Item = &'a Pending>) -> Vec<String> {
    let pending: Vec<&Pending> = pending.collect();
    // Sized up front: growing re-hashes every text already seen. The
    // texts are the site's own: a fast hash, no need to resist floods.
    let jobs = pending.iter().map(|p| p.jobs.len()).sum();
    let mut seen = rustc_hash::FxHashSet::default();
    seen.reserve(jobs);
    let mut out = Vec::with_capacity(jobs);
    for p in pending {
        for job in p.jobs.iter().filter(|j| j.memory.is_none()) {
            for text in job.texts() {
                if seen.insert(text) {
                    out.push(text.to_string());
                }
            }
        }
    }
    out
}

/// What every target of a run shares when answers are applied.
struct Run<'a> {
    cfg: &'a Config,
    store: &'a Store,
    answers: &'a Answers,
    glossary: &'a Glossary,
    now: &'a str,
}

/// Applies the answers to one target and writes its bundle and state.
/// `requested` holds the (locale, segment) pairs already used in this run,
/// so that a duplicate counts as reused.
fn apply(
    run: &Run,
    mut target: Target,
    jobs: Vec<Job>,
    requested: &mut HashSet<(LanguageIdentifier, String)>,
    report: &mut Report,
) -> Result<()> {
    let Run {
        cfg,
        store,
        answers,
        glossary,
        now,
    } = *run;
    let source = target.source.clone();
    let checks = Checks::new(cfg, glossary, &source, &target.locale);
    let mut new_texts: BTreeMap<String, Message> = BTreeMap::new();
    for job in jobs {
        let src = source
            .messages
            .iter()
            .find(|m| m.id == job.id)
            .expect("job of a source message");
        let outcome = match &job.memory {
            Some(hit) => Some(from_memory(&job, hit, src, &checks)),
            None => restore_job(&job, &target.locale, answers, src, &checks),
        };
        let Some(outcome) = outcome else {
            report.left += 1;
            continue;
        };
        let rec = target.record.messages.entry(job.id.clone()).or_default();
        match outcome {
            Err(reason) => {
                report.invalid += 1;
                rec.failed = Some(Failure {
                    source_hash: job.source_hash.clone(),
                    engine: cfg_engine_name(answers, &target.locale, &job),
                    reason,
                    at: now.to_string(),
                });
            }
            Ok((message, machine)) => {
                // Reused: served by memory, or every text came from the
                // cache or was already used by another message of this run.
                let texts = if job.memory.is_some() {
                    Vec::new()
                } else {
                    job.texts()
                };
                let mut reused = job.memory.is_some() || !texts.is_empty();
                for text in texts {
                    let key = (target.locale.clone(), text.to_string());
                    let cached = answers.get(&key).is_some_and(|a| a.cached);
                    let first_use = requested.insert(key);
                    reused &= cached || !first_use;
                }
                if reused {
                    report.reused += 1
                } else {
                    report.translated += 1
                }
                record_machine(rec, &job, machine, now);
                if !job.suggestion {
                    new_texts.insert(job.id.clone(), message);
                }
            }
        }
    }
    report
        .written
        .extend(settle(cfg, store, target, &new_texts, now)?);
    Ok(())
}

/// Writes a target: its bundle (the source's order, `new_texts` where
/// there are some) and its state, each only if it changed. Hand-written
/// texts are adopted, removed messages retired. Returns the files written.
fn settle(
    cfg: &Config,
    store: &Store,
    mut target: Target,
    new_texts: &BTreeMap<String, Message>,
    now: &str,
) -> Result<Vec<String>> {
    let source = target.source.clone();
    let mut written = Vec::new();
    adopt_human_texts(&source, &target.current, &mut target.record);
    drop_dangling(&source, &mut target.record);
    let bundle = target_bundle(cfg, &source, &target, new_texts);
    retire_removed(&source, &target.current, &mut target.record, now);
    // A resource with nothing translated yet gets no files at all.
    let nothing =
        bundle.messages.iter().all(|m| m.id.starts_with('-')) && target.record.messages.is_empty();
    if nothing && !target.ftl_path.exists() && !target.state_path.exists() {
        return Ok(written);
    }
    if bundle != target.current && fs::write_if_changed(&target.ftl_path, &ftl::write(&bundle))? {
        written.push(rel_path(cfg, &target.ftl_path));
    }
    if store.save(&target.state_path, &target.record)? {
        written.push(rel_path(cfg, &target.state_path));
    }
    Ok(written)
}

fn cfg_engine_name(answers: &Answers, locale: &LanguageIdentifier, job: &Job) -> String {
    job.texts()
        .iter()
        .find_map(|text| answers.get(&(locale.clone(), text.to_string())))
        .map_or("engine", |a| a.engine)
        .to_string()
}

/// Gives each pending job whose French has an approved translation
/// elsewhere on the site that translation. In a locale with pending work,
/// the resources with approvals are indexed (those a real run keeps are
/// used as they are, the others read again), and only for the French
/// texts pending.
fn use_memory(
    plan: &Plan,
    items: &[source::Item],
    approved: &[Vec<usize>],
    pending: &mut [Pending],
) {
    let kept: HashMap<(usize, usize), &Target> = pending
        .iter()
        .filter_map(|p| Some(((p.item, p.locale), p.target.as_ref()?)))
        .collect();
    let mut index = memory::Memory::default();
    for (l, locale) in plan.locales.iter().enumerate() {
        if approved[l].is_empty() {
            continue;
        }
        let wanted: HashSet<String> = pending
            .iter()
            .filter(|p| p.locale == l)
            .flat_map(|p| &p.jobs)
            .map(|j| memory::key(&j.source_text))
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let name = locale.to_string();
        // Errors in the files read again were reported by the first reading.
        let entries = crate::base::par::map(&approved[l], |&i| {
            if let Some(t) = kept.get(&(i, l)) {
                return Some(memory::approved(
                    &name, &t.source, &t.current, &t.record, &wanted,
                ));
            }
            let mut written = Vec::new();
            let source = source::read(plan.cfg, plan.store, &items[i], false, &mut written).ok()?;
            let current = source::read_target(plan.cfg, &source.resource, locale).ok()?;
            let path = plan.store.target_path(&name, &source.resource);
            let record: TargetRecord = plan.store.load(&path).ok()?;
            Some(memory::approved(&name, &source, &current, &record, &wanted))
        });
        entries.into_iter().flatten().for_each(|e| index.extend(e));
    }
    if index.is_empty() {
        return;
    }
    for p in pending.iter_mut() {
        let locale = plan.locales[p.locale].to_string();
        for job in &mut p.jobs {
            job.memory = index
                .lookup(&locale, &job.source_text)
                .filter(|hit| hit.origin.resource != p.resource || hit.origin.id != job.id)
                .cloned();
        }
    }
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
        ..hit.translation.clone()
    };
    let problems = checks.problems(src, &message);
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    let text = state::message_text(&message);
    Ok((
        message,
        MachineText {
            hash: state::hash(&text),
            text,
            source_hash: job.source_hash.clone(),
            engine: "memory".into(),
            pivot: None,
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
    let texts = job.units().texts();
    let mut meta: Option<(&'static str, Option<String>)> = None;
    let mut unknown: Vec<String> = Vec::new();
    for text in &texts {
        let got = answers.get(&(locale.clone(), text.to_string()))?;
        let answer = match &got.result {
            Ok(a) => a,
            Err(reason) => return Some(Err(reason.clone())),
        };
        meta = Some((got.engine, answer.pivot.clone()));
        for w in &answer.unknown {
            if !unknown.contains(w) {
                unknown.push(w.clone());
            }
        }
    }
    // Target typography applies to what the engine wrote, before markup is
    // restored (so URLs and code are out of its reach).
    let typeset: HashMap<&str, String> = texts
        .iter()
        .filter_map(|t| {
            let a = answers
                .get(&(locale.clone(), t.to_string()))?
                .result
                .as_ref()
                .ok()?;
            let text = if checks.typography {
                crate::mt::typography::apply(&a.text, &locale.to_string())
            } else {
                a.text.clone()
            };
            Some((*t, text))
        })
        .collect();
    let lookup = |text: &str| typeset.get(text).map(String::as_str);
    let message = match job.units().restore(&job.id, src.comment.clone(), &lookup)? {
        Ok(m) => m,
        Err(e) => return Some(Err(e)),
    };
    let problems = checks.problems(src, &message);
    if !problems.is_empty() {
        return Some(Err(problems.join("; ")));
    }
    let (engine, pivot) = meta.unwrap_or(("engine", None));
    let text = state::message_text(&message);
    let machine = MachineText {
        hash: state::hash(&text),
        text,
        source_hash: job.source_hash.clone(),
        engine: engine.to_string(),
        pivot,
        at: String::new(),
        unknown,
        memory: None,
    };
    Some(Ok((message, machine)))
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
            translation: source.checks(locale, glossary),
        }
    }

    fn problems(&self, src: &Message, translated: &Message) -> Vec<String> {
        self.translation.problems(src, translated)
    }
}

/// Records a machine answer: as the translation, or as a suggestion
/// beside a human text.
fn record_machine(rec: &mut MessageRecord, job: &Job, mut machine: MachineText, now: &str) {
    machine.at = now.to_string();
    rec.failed = None;
    if job.suggestion {
        rec.log(now, "suggestion", &machine.text);
        rec.suggestion = Some(machine);
    } else {
        remember_reviewed_source(rec, &job.source_hash, now);
        rec.log(now, "machine", &machine.text);
        rec.source = job.source_text.clone();
        rec.source_hash = job.source_hash.clone();
        rec.machine = Some(machine);
        rec.suggestion = None;
    }
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
fn drop_dangling(source: &Source, record: &mut TargetRecord) {
    for m in &source.messages {
        let Some(rec) = record.messages.get_mut(&m.id) else {
            continue;
        };
        let text = state::message_text(m);
        let hash = state::hash(&text);
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
fn adopt_human_texts(source: &Source, current: &Resource, record: &mut TargetRecord) {
    for m in &source.messages {
        let known = record
            .messages
            .get(&m.id)
            .is_some_and(|r| !r.source_hash.is_empty());
        if find(current, &m.id).is_some() && !known {
            let text = state::message_text(m);
            let rec = record.messages.entry(m.id.clone()).or_default();
            rec.source_hash = state::hash(&text);
            rec.source = text;
        }
    }
}

/// The target bundle: source order, new machine texts, current texts
/// elsewhere (a human edit stays as written), UI terms as in the French.
fn target_bundle(
    cfg: &Config,
    source: &Source,
    target: &Target,
    new_texts: &BTreeMap<String, Message>,
) -> Resource {
    let mut messages: Vec<Message> = source.terms.clone();
    for m in &source.messages {
        if let Some(new) = new_texts.get(&m.id) {
            messages.push(new.clone());
        } else if let Some(cur) = find(&target.current, &m.id) {
            messages.push(cur.clone());
        }
    }
    Resource {
        comment: Some(source::target_comment(cfg, source, &target.locale)),
        messages,
    }
}

/// Messages that left the source leave the bundle; their last texts stay
/// in the state's `removed` list.
fn retire_removed(source: &Source, current: &Resource, record: &mut TargetRecord, now: &str) {
    let ids: HashSet<&str> = source.messages.iter().map(|m| m.id.as_str()).collect();
    let gone: Vec<String> = record
        .messages
        .keys()
        .filter(|id| !ids.contains(id.as_str()))
        .cloned()
        .collect();
    for id in gone {
        let rec = record.messages.remove(&id).expect("listed above");
        record.remember_removed(Removed {
            translation: find(current, &id).map(state::message_text),
            id,
            at: now.to_string(),
            source: rec.source,
        });
    }
}

/// A post whose `.md` is gone takes its bundles and state with it.
fn remove_deleted_posts(cfg: &Config, store: &Store, known: &HashSet<String>, report: &mut Report) {
    let src_posts = cfg.locale_dir(&cfg.source).join("posts");
    for name in fs::list_files(&src_posts, ".ftl").unwrap_or_default() {
        let resource = format!("posts/{}", name.trim_end_matches(".ftl"));
        let md = cfg
            .posts_dir()
            .join(format!("{}.md", name.trim_end_matches(".ftl")));
        if known.contains(resource.as_str()) || md.exists() {
            continue;
        }
        let mut paths = vec![
            src_posts.join(&name),
            store.source_path(&cfg.source.to_string(), &resource),
        ];
        for locale in &cfg.targets {
            paths.push(cfg.locale_dir(locale).join(format!("{resource}.ftl")));
            paths.push(store.target_path(&locale.to_string(), &resource));
        }
        for path in paths {
            match fs::remove_if_exists(&path) {
                Ok(true) => report.removed.push(rel_path(cfg, &path)),
                Ok(false) => {}
                Err(e) => report.error(e),
            }
        }
    }
}
