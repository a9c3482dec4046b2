//! `relais export --out DIR`: what the site build gets — the French in
//! full, and per target locale only what reviewers approved.
//!
//! Every resource is built and verified (every bundle parses and formats
//! with fluent-bundle; every post keeps the French post's block structure,
//! links and images) and written to a temporary folder beside `DIR`, a
//! chunk of resources at a time; the folder is swapped in when everything
//! passed, so `DIR` is never partial. Output is deterministic:
//! no timestamps, sorted keys and lists.
//!
//! `build` builds each resource; `verify` checks what it built;
//! `write` puts it in place. Export reads review state, never writes it.

mod build;
pub mod layout;
pub mod strings;
mod verify;
mod write;

use crate::base::config::{Config, Layout};
use crate::base::store::Store;
use crate::source::read as source;
use build::Entry;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use verify::verify_post;
pub use write::export;

/// What the user asked for.
#[derive(Clone, Debug)]
pub struct Options {
    /// The folder to export to (`--out DIR`), replaced whole on success.
    pub out: PathBuf,
    /// Minimum share (percent) of approved messages for each UI resource
    /// in each target locale.
    pub min_complete: Option<f64>,
    /// Where the files go (`--layout`, else `[export] layout`).
    pub layout: Layout,
}

/// Approved out of total messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Completeness {
    /// Messages approved in the locale.
    pub approved: usize,
    /// Messages of the French resource.
    pub total: usize,
    /// `approved / total` as a percent rounded down to one decimal (100 for
    /// a resource without messages).
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

/// A post in the manifest.
#[derive(Debug, Serialize)]
pub struct PostEntry {
    /// Its name in `posts/`, without `.md`.
    pub slug: String,
    /// The `date` of its front matter, as written; posts are listed newest
    /// first by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Title per locale, for the source and every finished locale.
    pub title: BTreeMap<String, String>,
    /// Locales the post can be read in (the source first).
    pub locales: Vec<String>,
    /// How much of the post is approved, per target locale.
    pub completeness: BTreeMap<String, Completeness>,
    /// Exported file per locale, relative to `DIR`.
    pub files: BTreeMap<String, String>,
    /// The files of its page bundle (images, PDFs) per locale, relative to
    /// `DIR`, copied beside the post in each locale it can be read in.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub assets: BTreeMap<String, Vec<String>>,
    /// Those files in the site, relative to `posts/`.
    #[serde(skip)]
    pub bundle: Vec<String>,
}

/// A UI resource (a hand-written French bundle) in the manifest.
#[derive(Debug, Serialize)]
pub struct ResourceEntry {
    /// Its name (`site`), its bundle being `<locale>/<resource>.ftl`.
    pub resource: String,
    /// How much of it is approved, per target locale: what `--min-complete`
    /// checks.
    pub completeness: BTreeMap<String, Completeness>,
}

/// `DIR/manifest.json`.
#[derive(Debug, Serialize)]
pub struct Manifest {
    /// The source locale (`fr`).
    pub source: String,
    /// The target locales, as configured.
    pub targets: Vec<String>,
    /// Every post but drafts, newest first, then by slug.
    pub posts: Vec<PostEntry>,
    /// Every UI resource, by name.
    pub resources: Vec<ResourceEntry>,
}

/// What a run did, for `--json`.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The folder written, as given (empty for an export built in memory).
    pub out: String,
    /// Files exported, `manifest.json` included.
    pub files: usize,
    /// Finished posts per target locale.
    pub posts: BTreeMap<String, usize>,
    /// Approved UI messages exported per target locale.
    pub messages: BTreeMap<String, usize>,
    /// The layout written.
    pub layout: Layout,
    /// UI messages the layout's string files could not hold as they are
    /// (left to the `.ftl`, or plural categories lost).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub strings: Vec<layout::Note>,
}

/// Why nothing was exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Files of the site that could not be read, or what was built from
    /// them failed verification: one message per problem.
    #[error("{}", .0.join("\n"))]
    Input(Vec<String>),
    /// The export was refused as a whole: a UI resource below
    /// `--min-complete`, or nothing approved to export.
    #[error("{0}")]
    Gate(String),
    /// Exported files failed verification.
    #[error("exported files failed verification (nothing written):\n{}", .0.join("\n"))]
    Verify(Vec<String>),
    /// The export could not be written or put in place.
    #[error(transparent)]
    Io(#[from] crate::base::error::Error),
}

/// Files of an export, relative path → content.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Text files built for one resource, relative path in the plain layout
/// → content.
type Texts = BTreeMap<String, String>;

impl Report {
    /// The same report with every count at zero.
    fn zeroed(&self) -> Report {
        let zero = |m: &BTreeMap<String, usize>| m.keys().map(|k| (k.clone(), 0)).collect();
        Report {
            out: self.out.clone(),
            files: 0,
            posts: zero(&self.posts),
            messages: zero(&self.messages),
            layout: self.layout,
            strings: Vec::new(),
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

/// Builds and verifies the export in memory (what `relais serve` hands to
/// the site build). The report's `out` is empty.
pub fn build(
    cfg: &Config,
    min_complete: Option<f64>,
    layout: Layout,
) -> Result<(Files, Report), ExportError> {
    let files = std::sync::Mutex::new(Files::new());
    let put = |rel: &str, bytes: &[u8]| {
        let mut files = files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(rel.to_string(), bytes.to_vec());
        Ok(())
    };
    let report = build_with(cfg, min_complete, layout, &put)?;
    Ok((
        files.into_inner().unwrap_or_else(|e| e.into_inner()),
        report,
    ))
}

/// Where built files go: relative path, content.
type Put<'a> = dyn Fn(&str, &[u8]) -> crate::base::error::Result<()> + Sync + 'a;

/// Sources built at a time (on every core): what is held in memory.
const CHUNK: usize = 64;

/// Builds and verifies every resource, a chunk at a time, handing each
/// file to `put` once its resource passed; then the gates and the
/// manifest. On an error, some files may have been handed over already:
/// the caller drops them.
fn build_with(
    cfg: &Config,
    min_complete: Option<f64>,
    layout: Layout,
    put: &Put,
) -> Result<Report, ExportError> {
    let arranger = layout::Arranger::new(cfg, layout);
    let placed = |rel: &str, text: &str| {
        let (path, text) = arranger
            .place(rel, text)
            .map_err(crate::base::error::Error::Config)?;
        put(&path, text.as_bytes())
    };
    let store = Store::new(cfg.state_dir());
    let (items, read_errors) = source::list(cfg, &[]);
    let mut errors = crate::base::error::messages(&read_errors);
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
        layout,
        strings: Vec::new(),
    };
    // A file pointed to by several posts (or, in Zola, shared by the
    // languages of one) is copied once.
    let mut copied = std::collections::BTreeSet::new();
    for chunk in items.chunks(CHUNK) {
        let first = manifest.posts.len();
        let files = build_chunk(cfg, &store, chunk, &mut manifest, &mut report, &mut errors);
        if !errors.is_empty() {
            continue; // nothing more is handed over; every error is reported
        }
        let bundled = &mut manifest.posts[first..];
        for post in bundled.iter().filter(|p| !p.bundle.is_empty()) {
            arranger.bundle(&post.slug);
        }
        // In path order and on every core (each thread mostly in its own
        // folders).
        report.files += files.len();
        let files: Vec<(String, String)> = files.into_iter().collect();
        let done = crate::base::par::map(&files, |(rel, text)| placed(rel, text));
        done.into_iter()
            .collect::<crate::base::error::Result<()>>()?;
        report.files += copy_bundles(cfg, &arranger, bundled, &mut copied, put)?;
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
    for post in &mut manifest.posts {
        for path in post.files.values_mut() {
            *path = arranger.path(path);
        }
    }
    let mut json = serde_json::to_string_pretty(&manifest).expect("manifest serialises");
    json.push('\n');
    put("manifest.json", json.as_bytes())?;
    report.files += 1;
    let (made, notes) = arranger.finish();
    for (path, text) in &made {
        put(path, text.as_bytes())?;
    }
    report.files += made.len();
    report.strings = notes;
    Ok(report)
}

/// Copies the files of each post's page bundle beside it, for each
/// locale it can be read in (each path once), and lists them in the
/// post's manifest entry. Returns the files copied.
fn copy_bundles(
    cfg: &Config,
    arranger: &layout::Arranger,
    posts: &mut [PostEntry],
    copied: &mut std::collections::BTreeSet<String>,
    put: &Put,
) -> crate::base::error::Result<usize> {
    let mut n = 0;
    for post in posts.iter_mut().filter(|p| !p.bundle.is_empty()) {
        for locale in &post.locales {
            let mut paths = Vec::new();
            for file in &post.bundle {
                let path = arranger.asset(locale, &post.slug, file);
                if copied.insert(path.clone()) {
                    let from = cfg.posts_dir().join(file);
                    let bytes = std::fs::read(&from)
                        .map_err(|e| crate::base::error::Error::io(&from, e))?;
                    put(&path, &bytes)?;
                    n += 1;
                }
                paths.push(path);
            }
            post.assets.insert(locale.clone(), paths);
        }
    }
    Ok(n)
}

/// Builds a chunk of resources: independent, so built on every core and
/// merged in order into the manifest, the counts and the errors. Returns
/// the chunk's files.
fn build_chunk(
    cfg: &Config,
    store: &Store,
    chunk: &[source::Item],
    manifest: &mut Manifest,
    report: &mut Report,
    errors: &mut Vec<String>,
) -> Texts {
    let built = crate::base::par::map(chunk, |item| {
        let mut files = Texts::new();
        let mut counts = report.zeroed();
        let entry = match source::read(cfg, store, item) {
            Ok(src) if src.draft => Ok(None),
            Ok(src) => build::export_resource(cfg, store, &src, &mut files, &mut counts).map(Some),
            Err(e) => Err(crate::base::error::messages(&e)),
        };
        (entry, counts, files)
    });
    let mut files = Texts::new();
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
    files
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
