//! `relais export --out DIR`: what the site build gets — the French in
//! full, and per target locale only what reviewers approved.
//!
//! Every resource is built and verified (every bundle parses and formats
//! with fluent-bundle; every post keeps the French post's block structure,
//! links and images) and written to a temporary folder beside `DIR`, a
//! chunk of resources at a time; the folder is swapped in when everything
//! passed, so `DIR` is never partial. Output is deterministic:
//! no timestamps, sorted keys and lists.

use crate::base::config::Config;
use crate::base::error::Error;
use crate::base::store::Store;
use crate::fluent::ftl::{self, Message, Resource};
use crate::fluent::load;
use crate::review::state::{State, TargetRecord};
use crate::review::status::message_states;
use crate::source::read::{self as source, Source};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use unic_langid::LanguageIdentifier;

/// What the user asked for.
#[derive(Clone, Debug)]
pub struct Options {
    pub out: PathBuf,
    /// Minimum share (percent) of approved messages for each UI resource
    /// in each target locale.
    pub min_complete: Option<f64>,
}

/// Approved out of total messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Completeness {
    pub approved: usize,
    pub total: usize,
    pub percent: f64,
}

impl Completeness {
    fn new(approved: usize, total: usize) -> Self {
        let percent = if total == 0 {
            100.0
        } else {
            (approved as f64 * 1000.0 / total as f64).floor() / 10.0
        };
        Completeness {
            approved,
            total,
            percent,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PostEntry {
    pub slug: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Title per locale, for the source and every finished locale.
    pub title: BTreeMap<String, String>,
    /// Locales the post can be read in (the source first).
    pub locales: Vec<String>,
    pub completeness: BTreeMap<String, Completeness>,
    /// Exported file per locale, relative to `DIR`.
    pub files: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub struct ResourceEntry {
    pub resource: String,
    pub completeness: BTreeMap<String, Completeness>,
}

/// `DIR/manifest.json`.
#[derive(Debug, Serialize)]
pub struct Manifest {
    pub source: String,
    pub targets: Vec<String>,
    pub posts: Vec<PostEntry>,
    pub resources: Vec<ResourceEntry>,
}

/// What a run did, for `--json`.
#[derive(Debug, Serialize)]
pub struct Report {
    pub out: String,
    pub files: usize,
    /// Finished posts per target locale.
    pub posts: BTreeMap<String, usize>,
    /// Approved UI messages exported per target locale.
    pub messages: BTreeMap<String, usize>,
}

/// Why nothing was exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}", .0.join("\n"))]
    Input(Vec<String>),
    #[error("{0}")]
    Gate(String),
    #[error("exported files failed verification (nothing written):\n{}", .0.join("\n"))]
    Verify(Vec<String>),
    #[error(transparent)]
    Io(#[from] crate::base::error::Error),
}

/// Files of an export, relative path → content.
pub type Files = BTreeMap<String, String>;

impl Report {
    /// The same report with every count at zero.
    fn zeroed(&self) -> Report {
        let zero = |m: &BTreeMap<String, usize>| m.keys().map(|k| (k.clone(), 0)).collect();
        Report {
            out: self.out.clone(),
            files: 0,
            posts: zero(&self.posts),
            messages: zero(&self.messages),
        }
    }

    /// Adds the counts of `other`.
    fn add(&mut self, other: &Report) {
        for (mine, theirs) in [
            (&mut self.posts, &other.posts),
            (&mut self.messages, &other.messages),
        ] {
            for (k, n) in theirs {
                *mine.entry(k.clone()).or_default() += n;
            }
        }
    }
}

/// Builds, verifies and writes the export: each resource's files are
/// written into a temporary folder beside `out` as soon as they are built
/// and verified (memory does not grow with the site), and the folder is
/// swapped in only when everything passed: `out` is either the previous
/// export or the new one, never a mix.
pub fn export(cfg: &Config, opts: &Options) -> Result<Report, ExportError> {
    let out = &opts.out;
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("export");
    let tmp = parent.join(format!(".{name}.new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    // The temporary folder is invisible until the rename, so files in it
    // need no rename of their own. They are not fsynced either: an export
    // is derived data that the next run rebuilds, and thousands of fsyncs
    // made it I/O-bound (the site's own files, bundles and state, are).
    let put = |rel: &str, text: &str| {
        let path = tmp.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))
    };
    let built = build_with(cfg, opts.min_complete, &put).and_then(|mut report| {
        report.out = out.display().to_string();
        swap(&tmp, &old, out)?;
        Ok(report)
    });
    if built.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    built
}

/// Builds and verifies the export in memory (what `relais serve` hands to
/// the site build). The report's `out` is empty.
pub fn build(cfg: &Config, min_complete: Option<f64>) -> Result<(Files, Report), ExportError> {
    let files = std::sync::Mutex::new(Files::new());
    let put = |rel: &str, text: &str| {
        let mut files = files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(rel.to_string(), text.to_string());
        Ok(())
    };
    let report = build_with(cfg, min_complete, &put)?;
    Ok((
        files.into_inner().unwrap_or_else(|e| e.into_inner()),
        report,
    ))
}

/// Where built files go: relative path, content.
type Put<'a> = dyn Fn(&str, &str) -> crate::base::error::Result<()> + Sync + 'a;

/// Sources built at a time (on every core): what is held in memory.
const CHUNK: usize = 64;

/// Builds and verifies every resource, a chunk at a time, handing each
/// file to `put` once its resource passed; then the gates and the
/// manifest. On an error, some files may have been handed over already:
/// the caller drops them.
fn build_with(cfg: &Config, min_complete: Option<f64>, put: &Put) -> Result<Report, ExportError> {
    let store = Store::new(cfg.state_dir());
    let (items, read_errors) = source::list(cfg, &[]);
    let mut errors: Vec<String> = read_errors.iter().map(ToString::to_string).collect();
    let mut manifest = Manifest {
        source: cfg.source.to_string(),
        targets: cfg.targets.iter().map(ToString::to_string).collect(),
        posts: Vec::new(),
        resources: Vec::new(),
    };
    let mut report = Report {
        out: String::new(),
        files: 0,
        posts: cfg.targets.iter().map(|l| (l.to_string(), 0)).collect(),
        messages: cfg.targets.iter().map(|l| (l.to_string(), 0)).collect(),
    };
    // Resources are independent: built on every core, merged in order;
    // then the chunk's files are handed over, in path order and on every
    // core (each thread mostly in its own folders).
    for chunk in items.chunks(CHUNK) {
        let built = crate::base::par::map(chunk, |item| {
            let mut files = Files::new();
            let mut counts = report.zeroed();
            let entry = match source::read(cfg, &store, item) {
                Ok(src) if src.draft => Ok(None),
                Ok(src) => export_resource(cfg, &store, &src, &mut files, &mut counts).map(Some),
                Err(e) => Err(e.iter().map(ToString::to_string).collect()),
            };
            (entry, counts, files)
        });
        let mut files = Files::new();
        for (entry, counts, own) in built {
            report.add(&counts);
            match entry {
                Ok(Some(Entry::Post(p))) => manifest.posts.push(p),
                Ok(Some(Entry::Ui(r))) => manifest.resources.push(r),
                Ok(None) => {}
                Err(mut e) => errors.append(&mut e),
            }
            files.extend(own);
        }
        if !errors.is_empty() {
            continue; // nothing more is handed over; every error is reported
        }
        report.files += files.len();
        let files: Vec<(String, String)> = files.into_iter().collect();
        let put = crate::base::par::map(&files, |(rel, text)| put(rel, text));
        put.into_iter()
            .collect::<crate::base::error::Result<()>>()?;
    }
    if !errors.is_empty() {
        return Err(ExportError::Input(errors));
    }
    gates(cfg, min_complete, &manifest, &report)?;
    manifest
        .posts
        .sort_by(|a, b| b.date.cmp(&a.date).then(a.slug.cmp(&b.slug)));
    manifest
        .resources
        .sort_by(|a, b| a.resource.cmp(&b.resource));
    let mut json = serde_json::to_string_pretty(&manifest).expect("manifest serialises");
    json.push('\n');
    put("manifest.json", &json)?;
    report.files += 1;
    Ok(report)
}

enum Entry {
    Post(PostEntry),
    Ui(ResourceEntry),
}

/// One resource in every locale.
fn export_resource(
    cfg: &Config,
    store: &Store,
    src: &Source,
    files: &mut Files,
    report: &mut Report,
) -> Result<Entry, Vec<String>> {
    let fr = cfg.source.to_string();
    files.insert(
        format!("{fr}/{}.ftl", src.resource),
        source_bundle(cfg, src).map_err(|e| vec![e.to_string()])?,
    );
    let mut completeness = BTreeMap::new();
    let mut post_entry = src.post.as_ref().map(|p| new_post_entry(&fr, &p.post));
    if let (Some(entry), Some(p)) = (&mut post_entry, &src.post) {
        let path = format!("{fr}/posts/{}.md", p.post.slug);
        files.insert(path.clone(), french_post(&p.post, &fr));
        entry.files.insert(fr.clone(), path);
    }
    for locale in &cfg.targets {
        let target = source::read_target(cfg, &src.resource, locale)
            .map_err(|e| e.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        let record: TargetRecord = store
            .load(&store.path(&locale.to_string(), &src.resource))
            .map_err(|e| vec![e.to_string()])?;
        let states = message_states(src, &target, &record);
        let approved: BTreeSet<&str> = states
            .iter()
            .filter(|(_, s)| *s == State::Approved)
            .map(|(id, _)| id.as_str())
            .collect();
        completeness.insert(
            locale.to_string(),
            Completeness::new(approved.len(), states.len()),
        );
        let bundle = approved_bundle(cfg, src, locale, &target, &approved);
        let exported = bundle
            .messages
            .iter()
            .filter(|m| !m.id.starts_with('-'))
            .count();
        let text = ftl::write(&bundle);
        verify_bundle(&text, locale)
            .map_err(|e| prefix(e, &format!("{locale}/{}.ftl", src.resource)))?;
        files.insert(format!("{locale}/{}.ftl", src.resource), text);
        let finished = !states.is_empty() && approved.len() == states.len();
        match (&mut post_entry, &src.post) {
            (Some(entry), Some(p)) if finished => {
                let path = format!("{locale}/posts/{}.md", p.post.slug);
                let text = translated_post(cfg, p, locale, &target.messages)
                    .map_err(|e| prefix(e, &path))?;
                if let Some(t) = title_of(&target) {
                    entry.title.insert(locale.to_string(), t);
                }
                entry.locales.push(locale.to_string());
                entry.files.insert(locale.to_string(), path.clone());
                files.insert(path, text);
                *report.posts.get_mut(&locale.to_string()).expect("target") += 1;
            }
            (None, _) => {
                *report
                    .messages
                    .get_mut(&locale.to_string())
                    .expect("target") += exported
            }
            _ => {}
        }
    }
    Ok(match post_entry {
        Some(mut p) => {
            p.completeness = completeness;
            Entry::Post(p)
        }
        None => Entry::Ui(ResourceEntry {
            resource: src.resource.clone(),
            completeness,
        }),
    })
}

fn prefix(errors: Vec<String>, path: &str) -> Vec<String> {
    errors.into_iter().map(|e| format!("{path}: {e}")).collect()
}

fn new_post_entry(fr: &str, post: &crate::source::post::Post) -> PostEntry {
    PostEntry {
        slug: post.slug.clone(),
        date: post.front.get("date").cloned(),
        title: post
            .title()
            .map(|t| (fr.to_string(), t.to_string()))
            .into_iter()
            .collect(),
        locales: vec![fr.to_string()],
        completeness: BTreeMap::new(),
        files: BTreeMap::new(),
    }
}

fn title_of(target: &Resource) -> Option<String> {
    source::find(target, "title")?
        .value
        .as_ref()?
        .as_plain_text()
}

/// The French bundle: the hand-written file as it is, or what relais
/// writes for a post.
fn source_bundle(cfg: &Config, src: &Source) -> crate::base::error::Result<String> {
    if src.post.is_some() {
        let mut messages = src.terms.clone();
        messages.extend(src.messages.iter().cloned());
        return Ok(ftl::write(&Resource {
            comment: Some(format!(
                "{} ({}), exported by relais.",
                src.origin, cfg.source
            )),
            messages,
        }));
    }
    crate::base::fs::read_text(
        &cfg.locale_dir(&cfg.source)
            .join(format!("{}.ftl", src.resource)),
    )
}

/// Approved messages only, with the terms they use, minus any message whose
/// references cannot be resolved in the bundle.
fn approved_bundle(
    cfg: &Config,
    src: &Source,
    locale: &LanguageIdentifier,
    target: &Resource,
    approved: &BTreeSet<&str>,
) -> Resource {
    let (approved_terms, mut messages): (Vec<Message>, Vec<Message>) = src
        .messages
        .iter()
        .filter(|m| approved.contains(m.id.as_str()))
        .filter_map(|m| source::find(target, &m.id).cloned())
        .partition(|m| m.id.starts_with('-'));
    // Terms: the approved translation of a translated term; else the
    // bundle's copy of a kept term; else the French.
    let unapproved_terms = src
        .messages
        .iter()
        .filter(|m| m.id.starts_with('-') && !approved.contains(m.id.as_str()))
        .cloned();
    let kept_terms = src.terms.iter().map(|t| {
        source::find(target, &t.id)
            .cloned()
            .unwrap_or_else(|| t.clone())
    });
    let terms: Vec<Message> = kept_terms
        .chain(unapproved_terms)
        .chain(approved_terms)
        .collect();
    loop {
        let available: BTreeSet<String> = messages
            .iter()
            .map(|m| m.id.clone())
            .chain(terms.iter().map(|t| t.id.clone()))
            .collect();
        let before = messages.len();
        messages.retain(|m| {
            references(m)
                .iter()
                .all(|r| available.contains(r.split('.').next().unwrap_or(r)))
        });
        if messages.len() == before {
            break;
        }
    }
    let used: BTreeSet<String> = messages.iter().flat_map(references).collect();
    let mut all: Vec<Message> = terms
        .into_iter()
        .filter(|t| {
            used.iter()
                .any(|u| u.split('.').next() == Some(t.id.as_str()))
        })
        .collect();
    all.extend(messages);
    Resource {
        comment: Some(format!(
            "Approved {locale} translations of {} ({} → {locale}), exported by relais.\nMessages not listed here are not approved yet: the site falls back to French for them.",
            src.origin, cfg.source
        )),
        messages: all,
    }
}

/// Ids of the terms and messages a message refers to.
fn references(m: &Message) -> Vec<String> {
    let r = crate::check::message_refs(m);
    r.terms.into_iter().chain(r.messages).collect()
}

fn verify_bundle(text: &str, locale: &LanguageIdentifier) -> Result<(), Vec<String>> {
    let (_, syntax) = ftl::parse(text);
    let mut errors: Vec<String> = syntax.iter().map(ToString::to_string).collect();
    errors.extend(
        load::verify(text, locale)
            .into_iter()
            .map(|e| format!("{}: {}", e.id, e.message)),
    );
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The French post as exported: `lang` added.
fn french_post(post: &crate::source::post::Post, fr: &str) -> String {
    let values = BTreeMap::from([("lang".to_string(), fr.to_string())]);
    format!("{}{}", post.front_matter_with(&values), post.body())
}

/// A finished post in a target locale, verified against the French.
fn translated_post(
    cfg: &Config,
    p: &source::PostSource,
    locale: &LanguageIdentifier,
    messages: &[Message],
) -> Result<String, Vec<String>> {
    let mut values = BTreeMap::new();
    for key in &cfg.front_matter {
        if let Some(text) = messages
            .iter()
            .find(|m| &m.id == key)
            .and_then(|m| m.value.as_ref()?.as_plain_text())
        {
            values.insert(key.clone(), text);
        }
    }
    values.insert("lang".into(), locale.to_string());
    values.insert("translation_of".into(), p.post.path.display().to_string());
    let body = crate::source::extract::reassemble(&p.post, &p.extracted, messages);
    verify_post(p.post.body(), &body)?;
    Ok(format!("{}{body}", p.post.front_matter_with(&values)))
}

/// Same block sequence, same link URLs and image sources.
pub fn verify_post(french: &str, translated: &str) -> Result<(), Vec<String>> {
    let (a, b) = (shape(french), shape(translated));
    let mut errors = Vec::new();
    if a.blocks != b.blocks {
        errors.push("block structure differs from the French post".to_string());
    }
    if a.urls != b.urls {
        errors.push("link URLs or image sources differ from the French post".to_string());
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

struct Shape {
    blocks: Vec<String>,
    urls: Vec<String>,
}

fn shape(markdown: &str) -> Shape {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out = Shape {
        blocks: Vec::new(),
        urls: Vec::new(),
    };
    for event in Parser::new_ext(markdown, crate::source::segment::post_options()) {
        if let Event::Start(tag) = event {
            match tag {
                Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                    out.urls.push(dest_url.to_string())
                }
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough => {}
                Tag::Heading { level, .. } => out.blocks.push(format!("{level:?}")),
                other => out.blocks.push(
                    format!("{other:?}")
                        .split([' ', '{', '('])
                        .next()
                        .unwrap_or("")
                        .to_string(),
                ),
            }
        }
    }
    out
}

/// Gates: `--min-complete` for UI resources, and something to export.
fn gates(
    cfg: &Config,
    min_complete: Option<f64>,
    manifest: &Manifest,
    report: &Report,
) -> Result<(), ExportError> {
    if let Some(min) = min_complete {
        let low: Vec<String> = manifest
            .resources
            .iter()
            .flat_map(|r| r.completeness.iter().map(move |(l, c)| (r, l, c)))
            .filter(|(_, _, c)| c.percent < min)
            .map(|(r, l, c)| {
                format!(
                    "{} in {l}: {}% approved ({}/{}), below --min-complete {min}",
                    r.resource, c.percent, c.approved, c.total
                )
            })
            .collect();
        if !low.is_empty() {
            return Err(ExportError::Gate(low.join("\n")));
        }
    }
    let anything = report.posts.values().sum::<usize>() + report.messages.values().sum::<usize>();
    if anything == 0 {
        let targets: Vec<String> = cfg.targets.iter().map(ToString::to_string).collect();
        return Err(ExportError::Gate(format!(
            "nothing approved to export in {}: approve translations with `relais approve` first",
            targets.join(", ")
        )));
    }
    Ok(())
}

/// Puts the folder `tmp` in the place of `out` (moved aside to `old`,
/// then removed).
fn swap(tmp: &Path, old: &Path, out: &Path) -> crate::base::error::Result<()> {
    if out.exists() {
        std::fs::rename(out, old).map_err(|e| Error::io(out, e))?;
    }
    std::fs::rename(tmp, out).map_err(|e| Error::io(out, e))?;
    let _ = std::fs::remove_dir_all(old);
    Ok(())
}
