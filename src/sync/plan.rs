//! Planning a sync: each source read (and its French written), and in
//! every target locale its bundle and record read and the messages that
//! need the engine found ([`plan_message`]), with translation memory
//! matches from the site's approved translations ([`use_memory`]).
//!
//! Nothing here sends anything or changes a record.

use super::settled::{Entry, Settled};
use super::write::{self, Target};
use super::{CHUNK, Report};
use crate::base::config::Config;
use crate::base::digest;
use crate::base::error::{Error, Location, Result};
use crate::base::journal::Batch;
use crate::base::store::Store;
use crate::fluent::ftl::{Message, Resource};
use crate::fluent::text;
use crate::mt::glossary::Glossary;
use crate::mt::terms::Terms;
use crate::mt::translate::Work;
use crate::mt::units::{self, Units};
use crate::review::memory;
use crate::review::record;
use crate::review::state::{MessageRecord, TargetRecord};
use crate::source::read::{self as source, Source, find};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use unic_langid::LanguageIdentifier;

/// One message to translate for one locale.
pub(super) struct Job {
    pub(super) id: String,
    pub(super) suggestion: bool,
    pub(super) source_text: String,
    pub(super) source_hash: String,
    /// What the engine is sent for it.
    sent: Sent,
    /// An approved translation of the same French elsewhere on the site,
    /// used instead of the engine.
    pub(super) memory: Option<memory::Hit>,
}

/// What a job sends: the planned units, or (a dry run, which restores
/// nothing) only their texts. Shared by every job of the run with the
/// same French, read the same way, in locales that protect alike.
#[derive(Clone)]
enum Sent {
    Units(Arc<Units>),
    Texts(Arc<[String]>),
}

impl Job {
    pub(super) fn texts(&self) -> Vec<&str> {
        match &self.sent {
            Sent::Units(u) => u.texts(),
            Sent::Texts(t) => t.iter().map(String::as_str).collect(),
        }
    }

    /// The units, to restore answers (never asked of a dry run).
    pub(super) fn units(&self) -> &Units {
        match &self.sent {
            Sent::Units(u) => u,
            Sent::Texts(_) => unreachable!("a dry run restores nothing"),
        }
    }
}

/// A target with messages for the engine (or the translation memory),
/// kept until the answers come back.
pub(super) struct Pending {
    /// Index of the locale in the run's locales.
    pub(super) locale: usize,
    /// Index of the source in the run's sources.
    pub(super) item: usize,
    pub(super) resource: String,
    pub(super) jobs: Vec<Job>,
    /// What applying the answers needs (not kept by a dry run).
    pub(super) target: Option<Target>,
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
    /// Found settled: nothing to do in it (see [`super::settled`]).
    settled: Option<Entry>,
    /// Skipped: its fingerprint was the one an earlier sync kept.
    unchanged: bool,
}

/// What reading and planning every source gave.
pub(super) struct Scan {
    /// The pending targets, locale-major.
    pub(super) pending: Vec<Pending>,
    /// Every resource read (or skipped as unchanged), with its entry when
    /// it was found settled.
    pub(super) found: BTreeMap<String, Option<Entry>>,
    /// Sources read without problems but not found settled (something was
    /// written or is pending): looked at again after the answers are
    /// applied ([`Plan::verify`]).
    pub(super) unsettled: Vec<usize>,
}

/// What planning every source of a run shares.
pub(super) struct Plan<'a> {
    pub(super) cfg: &'a Config,
    pub(super) store: &'a Store,
    pub(super) locales: &'a [LanguageIdentifier],
    /// Glossary terms protected, per locale.
    pub(super) terms: Vec<Terms>,
    pub(super) glossary: &'a Glossary,
    /// What earlier syncs found settled.
    settled: &'a Settled,
    pub(super) dry_run: bool,
    pub(super) now: &'a str,
    /// The plural categories of each locale.
    plurals: Vec<BTreeSet<&'static str>>,
    /// Per locale, the first locale whose units are the same for the same
    /// French (same terms and plural categories): its plans are shared.
    alike: Vec<usize>,
    /// What each French text, read one way, sends in each [`Plan::alike`]
    /// locale: a text repeated across posts (a series, a boilerplate
    /// paragraph) or locales is planned once.
    planned: Mutex<FxHashMap<(usize, String), Sent>>,
}

impl<'a> Plan<'a> {
    pub(super) fn new(
        cfg: &'a Config,
        store: &'a Store,
        locales: &'a [LanguageIdentifier],
        glossary: &'a Glossary,
        settled: &'a Settled,
        dry_run: bool,
        now: &'a str,
    ) -> Self {
        let terms: Vec<Terms> = locales
            .iter()
            .map(|l| terms_for(cfg, glossary, l))
            .collect();
        let plurals: Vec<_> = locales
            .iter()
            .map(crate::fluent::refs::plural_categories)
            .collect();
        // A dry run sends only texts: what terms restore as does not matter.
        let keys: Vec<_> = terms
            .iter()
            .zip(&plurals)
            .map(|(t, p)| (t.key(!dry_run), p))
            .collect();
        let alike = (0..locales.len())
            .map(|l| keys.iter().position(|k| *k == keys[l]).unwrap_or(l))
            .collect();
        Plan {
            cfg,
            store,
            locales,
            terms,
            glossary,
            settled,
            dry_run,
            now,
            plurals,
            alike,
            planned: Mutex::default(),
        }
    }

    /// What message `m` (French `text`) sends in locale `l`: planned once
    /// per French text, reading and alike locales.
    fn sent(&self, l: usize, m: &Message, text: &str, target: units::Target) -> Sent {
        let key = (
            self.alike[l],
            format!("{:?}\u{0}{}\u{0}{text}", target.syntax, target.ref_defs),
        );
        let planned = || self.planned.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(sent) = planned().get(&key) {
            return sent.clone();
        }
        let units = Units::plan(m, target);
        let sent = match self.dry_run {
            true => Sent::Texts(units.texts().into_iter().map(str::to_string).collect()),
            false => Sent::Units(Arc::new(units)),
        };
        planned().insert(key, sent.clone());
        sent
    }

    /// Reads and plans every source, a chunk at a time on every core, and
    /// gives pending jobs their translation memory matches. A source whose
    /// fingerprint an earlier sync kept is skipped.
    pub(super) fn scan_all(&self, items: &[source::Item], report: &mut Report) -> Scan {
        let mut scan = Scan {
            pending: Vec::new(),
            found: BTreeMap::new(),
            unsettled: Vec::new(),
        };
        let mut approved: Vec<Vec<usize>> = vec![Vec::new(); self.locales.len()];
        let indices: Vec<usize> = (0..items.len()).collect();
        for chunk in indices.chunks(CHUNK) {
            let scanned = self.scan_chunk(items, chunk, report);
            for (&i, scanned) in chunk.iter().zip(scanned) {
                for &l in &scanned.approved {
                    approved[l].push(i);
                }
                if scanned.unchanged {
                    report.unchanged += 1;
                }
                if scanned.errors.is_empty() && scanned.settled.is_none() {
                    scan.unsettled.push(i);
                }
                let pending = self.take(scanned, &mut scan, report);
                scan.pending.extend(pending);
            }
        }
        self.forget_planned();
        // Locale-major, as the engines get them (the sort is stable).
        scan.pending.sort_by_key(|p| p.locale);
        use_memory(self, items, &approved, &mut scan.pending);
        scan
    }

    /// After the answers are applied: reads again each source of `scan`
    /// that was not settled, to find it settled now (what it wrote is as
    /// the next sync would write it, and nothing is left to translate).
    /// What such a reading writes is real (it is the next sync's work) and
    /// reported; what it finds pending is left for the next sync.
    pub(super) fn verify(&self, items: &[source::Item], scan: &mut Scan, report: &mut Report) {
        let unsettled = std::mem::take(&mut scan.unsettled);
        for chunk in unsettled.chunks(CHUNK) {
            for scanned in self.scan_chunk(items, chunk, report) {
                drop(self.take(scanned, scan, report));
            }
        }
        self.forget_planned();
    }

    /// Scans the sources `chunk` indexes on every core, their files
    /// written in one batch.
    fn scan_chunk(
        &self,
        items: &[source::Item],
        chunk: &[usize],
        report: &mut Report,
    ) -> Vec<Scanned> {
        let batch = self.store.batch();
        let scanned = crate::base::par::map(chunk, |&i| self.scan(i, &items[i], &batch));
        if let Err(e) = batch.finish() {
            report.error(e);
        }
        scanned
    }

    /// The jobs hold what they send; the keys (a copy of every French
    /// text planned) are not needed past a scan.
    fn forget_planned(&self) {
        std::mem::take(&mut *self.planned.lock().unwrap_or_else(|e| e.into_inner()));
    }

    /// Tells the report and `scan` what a source's reading found; returns
    /// its pending targets.
    fn take(&self, scanned: Scanned, scan: &mut Scan, report: &mut Report) -> Vec<Pending> {
        report.written.extend(scanned.written);
        scanned.errors.into_iter().for_each(|e| report.error(e));
        if let Some(resource) = scanned.resource {
            scan.found.insert(resource, scanned.settled);
        }
        scanned.pending
    }

    /// What each locale sends: the unique texts of its pending jobs, each
    /// with the post it comes from (the first, for a text in several).
    pub(super) fn work(&self, pending: &[Pending]) -> Vec<Work> {
        (0..self.locales.len())
            .map(|l| {
                let mine: Vec<&Pending> = pending.iter().filter(|p| p.locale == l).collect();
                let (texts, of) = unique_texts(mine.iter().copied());
                let locale = self.locales[l].clone();
                let work = Work::new(self.cfg, self.glossary, locale.clone(), texts);
                if !self.cfg.engine_for(&locale).by_document() {
                    return work;
                }
                let docs = mine.iter().map(|p| document(p)).collect();
                work.in_documents(crate::mt::engine::Docs { docs, of })
            })
            .collect()
    }

    /// Source `index`, `item`: skipped when its fingerprint is the one an
    /// earlier sync kept, else read and planned ([`Plan::read_and_plan`]),
    /// and found settled when that had nothing to do and its files did
    /// not change meanwhile. A dry run keeps no fingerprint, and makes one
    /// only to compare.
    fn scan(&self, index: usize, item: &source::Item, batch: &Batch) -> Scanned {
        let resource = item.resource();
        let kept = self.settled.kept(&resource);
        let before = match !self.dry_run || kept.is_some() {
            true => self.settled.fingerprint(self.cfg, item),
            false => None,
        };
        if let (Some(now), Some(entry)) = (&before, kept)
            && *now == entry.inputs
        {
            let approved = (0..self.locales.len())
                .filter(|&l| entry.approved.contains(&self.locales[l].to_string()))
                .collect();
            return Scanned {
                resource: Some(resource),
                approved,
                settled: Some(entry.clone()),
                unchanged: true,
                ..Scanned::default()
            };
        }
        let mut out = self.read_and_plan(index, item, batch);
        let nothing_done =
            out.errors.is_empty() && out.written.is_empty() && out.pending.is_empty();
        if let Some(before) = before
            && !self.dry_run
            && nothing_done
            && out.resource.is_some()
            && self.settled.fingerprint(self.cfg, item).as_ref() == Some(&before)
        {
            out.settled = Some(Entry {
                inputs: before,
                approved: out
                    .approved
                    .iter()
                    .map(|&l| self.locales[l].to_string())
                    .collect(),
            });
        }
        out
    }

    /// Reads source `index`, `item` (writing its French bundle unless a
    /// dry run), and plans it in every locale.
    fn read_and_plan(&self, index: usize, item: &source::Item, batch: &Batch) -> Scanned {
        let mut out = Scanned::default();
        let source = match source::read(self.cfg, self.store, item) {
            Ok(s) => Arc::new(s),
            Err(errors) => {
                out.errors = errors;
                return out;
            }
        };
        if !self.dry_run {
            match source::write_french(self.cfg, self.store, &source, batch) {
                Ok(files) => out.written.extend(files),
                Err(e) => out.errors.push(e),
            }
        }
        out.resource = Some(source.resource.clone());
        if source.draft {
            return out;
        }
        // Each French text and its hash, once for every locale.
        let texts: Vec<(String, String)> = source
            .messages
            .iter()
            .map(|m| {
                let text = text::message_text(m);
                let hash = digest::hash(&text);
                (text, hash)
            })
            .collect();
        for l in 0..self.locales.len() {
            let (target, jobs) = match self.target(&source, l, &texts) {
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
                out.pending.push(Pending {
                    locale: l,
                    item: index,
                    resource: source.resource.clone(),
                    jobs,
                    target: (!self.dry_run).then_some(target),
                });
            } else if !self.dry_run {
                let settled = write::settle(
                    self.cfg,
                    self.store,
                    target,
                    &BTreeMap::new(),
                    self.now,
                    batch,
                );
                match settled {
                    Ok(files) => out.written.extend(files),
                    Err(e) => out.errors.push(e),
                }
            }
        }
        out
    }

    /// Reads one target bundle and its state (locale `l`), and decides
    /// what to translate; `texts` are the French messages' texts and hashes.
    fn target(
        &self,
        source: &Arc<Source>,
        l: usize,
        texts: &[(String, String)],
    ) -> std::result::Result<(Target, Vec<Job>), Vec<Error>> {
        let (cfg, store, locale) = (self.cfg, self.store, &self.locales[l]);
        let ftl_path = source::target_path(cfg, &source.resource, locale);
        let current = source::read_target(cfg, &source.resource, locale)?;
        let state_path = store.path(&locale.to_string(), &source.resource);
        let record =
            record::load(store, &locale.to_string(), &source.resource).map_err(|e| vec![e])?;
        let stray = stray_texts(cfg, source, &current, &record, &ftl_path);
        if !stray.is_empty() {
            return Err(stray);
        }
        let unit_target = units::Target {
            syntax: source.syntax,
            ref_defs: &source.ref_defs,
            plurals: &self.plurals[l],
            terms: &self.terms[l],
        };
        let jobs = source
            .messages
            .iter()
            .zip(texts)
            .filter_map(|(m, (text, hash))| {
                let suggestion = plan_message(
                    text,
                    hash,
                    find(&current, &m.id),
                    record.messages.get(&m.id),
                    self.glossary,
                )?;
                Some(Job {
                    id: m.id.clone(),
                    suggestion,
                    source_text: text.clone(),
                    source_hash: hash.clone(),
                    sent: self.sent(l, m, text, unit_target),
                    memory: None,
                })
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

/// Lines a person added to a target bundle that relais cannot place: a
/// second definition of an id, or a message the French does not have (and
/// never had: a message that left the French is retired with its text).
/// Such a bundle is kept as it is, like one with a syntax error: each line
/// is an error naming its place, for the person to resolve.
fn stray_texts(
    cfg: &Config,
    source: &Source,
    current: &Resource,
    record: &TargetRecord,
    ftl_path: &std::path::Path,
) -> Vec<Error> {
    // What relais writes is the French's order, terms first: a bundle that
    // is still a subsequence of it holds nothing stray (no allocation on
    // the path every target takes).
    let mut ids = source.terms.iter().chain(&source.messages).map(|m| &m.id);
    if current.messages.iter().all(|m| ids.any(|id| *id == m.id)) {
        return Vec::new();
    }
    let known = |id: &str| {
        source.message(id).is_some()
            || source.terms.iter().any(|t| t.id == id)
            || record.messages.contains_key(id)
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut found = Vec::new();
    for m in &current.messages {
        let nth = seen.entry(&m.id).and_modify(|n| *n += 1).or_insert(1);
        if *nth > 1 {
            found.push((m.id.as_str(), *nth, format!(
                "`{}` is defined twice: relais keeps this file as it is until one of the two is removed",
                m.id
            )));
        } else if !known(&m.id) {
            found.push((m.id.as_str(), 1, format!(
                "`{}` is not a message of {}: relais keeps this file as it is until the line is removed (or moved to the French)",
                m.id, source.origin
            )));
        }
    }
    if found.is_empty() {
        return Vec::new();
    }
    let rel = source::rel_path(cfg, ftl_path);
    let text = crate::base::fs::read_text(ftl_path).unwrap_or_default();
    found
        .into_iter()
        .map(|(id, nth, message)| {
            let (line, col) = crate::check::locate::locate_nth(&text, id, nth);
            Error::input(Location::new(&rel, line, col), message)
        })
        .collect()
}

/// Checks that every engine of the run has its key (not needed to send
/// nothing), and reads the glossary.
pub(super) fn preflight(
    cfg: &Config,
    locales: &[LanguageIdentifier],
    dry_run: bool,
) -> Result<Glossary> {
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

/// Whether a message (French `source_text`, hashed `source_hash`) needs
/// the engine, and where the answer goes: `Some(true)` as a suggestion
/// beside a person's text, `Some(false)` as the translation.
fn plan_message(
    source_text: &str,
    source_hash: &str,
    current: Option<&Message>,
    rec: Option<&MessageRecord>,
    glossary: &Glossary,
) -> Option<bool> {
    // Machine text nobody touched or approved that breaks the glossary (it
    // was made before the term was added) is simply made again.
    let outdated = |c: &Message, r: &MessageRecord| {
        let Some(mt) = &r.machine else {
            return false;
        };
        let text = text::message_text(c);
        let hash = digest::hash(&text);
        mt.hash == hash
            && r.approval(source_hash, &hash).is_none()
            && !glossary.violations(source_text, &text).is_empty()
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
                .is_some_and(|mt| mt.hash == digest::hash(&text::message_text(c)));
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
    Some(suggestion)
}

/// The document a pending target's texts come from: its resource, the
/// post's title and summary, its texts in order.
fn document(p: &Pending) -> crate::mt::engine::Doc {
    let texts = p
        .jobs
        .iter()
        .filter(|j| j.memory.is_none())
        .flat_map(|j| j.texts().into_iter().map(str::to_string))
        .collect();
    match &p.target {
        Some(t) => crate::mt::translate::document(&t.source, texts),
        None => crate::mt::engine::Doc {
            name: p.resource.clone(),
            texts,
            ..Default::default()
        },
    }
}

/// The unique texts of the pending jobs, in first-seen order, and for each
/// the index of the pending target it was first seen in.
fn unique_texts<'a>(pending: impl Iterator<Item = &'a Pending>) -> (Vec<String>, Vec<usize>) {
    let pending: Vec<&Pending> = pending.collect();
    // Sized up front: growing re-hashes every text already seen. The
    // texts are the site's own: a fast hash, no need to resist floods.
    let jobs = pending.iter().map(|p| p.jobs.len()).sum();
    let mut seen = rustc_hash::FxHashSet::default();
    seen.reserve(jobs);
    let mut out = Vec::with_capacity(jobs);
    let mut of = Vec::with_capacity(jobs);
    for (d, p) in pending.into_iter().enumerate() {
        for job in p.jobs.iter().filter(|j| j.memory.is_none()) {
            for text in job.texts() {
                if seen.insert(text) {
                    out.push(text.to_string());
                    of.push(d);
                }
            }
        }
    }
    (out, of)
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
            let source = source::read(plan.cfg, plan.store, &items[i]).ok()?;
            let current = source::read_target(plan.cfg, &source.resource, locale).ok()?;
            let record = record::load(plan.store, &name, &source.resource).ok()?;
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
