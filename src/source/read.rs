//! The site's source side, read: every post extracted into its French
//! messages, every hand-written French bundle parsed, and a target bundle
//! read back for a resource and locale.
//!
//! Shared by `sync` (which then writes the French bundles of posts with
//! [`write_french`]) and by the read-only commands (`status`).

use crate::base::config::Config;
use crate::base::error::{Error, Location, Result};
use crate::base::fs;
use crate::base::store::Store;
use crate::fluent::ftl::{self, Message, Resource};
use crate::source::kind::Syntax;
use crate::source::kind::TextKind;
use crate::source::record::SourceRecord;

use crate::source::extract;
use crate::source::post;
use std::path::{Path, PathBuf};
use unic_langid::LanguageIdentifier;

/// A source resource, read and extracted.
pub struct Source {
    /// `posts/<slug>` or the path of a hand-written bundle (`site`).
    pub resource: String,
    /// Messages in source order (terms excluded).
    pub messages: Vec<Message>,
    /// UI terms, copied to target bundles as they are.
    pub terms: Vec<Message>,
    /// How its text is read: Markdown for posts, plain for UI bundles.
    pub syntax: Syntax,
    /// Link reference definitions of a post ("" for UI bundles).
    pub ref_defs: String,
    /// A post marked `draft: true`: never sent to an engine, never exported
    /// (always `false` for UI bundles).
    pub draft: bool,
    /// The file the messages come from, relative to the root.
    pub origin: String,
    /// For a post: the parsed file and its blocks, for reassembly.
    pub post: Option<Box<PostSource>>,
}

/// What reassembling a post needs.
pub struct PostSource {
    /// The parsed post file.
    pub post: post::Post,
    /// Its `resource.messages` are empty: they are [`Source::messages`].
    pub extracted: extract::Extracted,
}

impl Source {
    /// How this resource's text is read, for protection and checks.
    pub fn text_kind(&self) -> TextKind<'_> {
        TextKind {
            syntax: self.syntax,
            ref_defs: &self.ref_defs,
        }
    }

    /// The French message with this id, if there is one.
    pub fn message(&self, id: &str) -> Option<&Message> {
        self.messages.iter().find(|m| m.id == id)
    }
}

/// What reading the sources produced.
#[derive(Default)]
pub struct Sources {
    /// What was read: posts first, then hand-written bundles, each in name
    /// order.
    pub sources: Vec<Source>,
    /// Why files could not be listed, read or parsed; those resources are
    /// not in `sources`.
    pub errors: Vec<Error>,
}

/// Whether `resource` is selected by the user's list (empty = all). A post
/// may be named by its resource or its file (`posts/x.md`).
pub fn wanted(filter: &[String], resource: &str) -> bool {
    filter.is_empty() || filter.iter().any(|r| named_resource(r) == resource)
}

/// The resource a name given on the command line means (`posts/a.md` and
/// `posts/a` are the same).
fn named_resource(name: &str) -> &str {
    name.trim_end_matches(".md").trim_end_matches(".ftl")
}

/// Whether a file name in `posts/` is a post: `_index.md` and other `_`
/// files are section pages of Zola or Hugo, not posts, and posts are the
/// `.md` files directly in `posts/`.
fn is_post(name: &str) -> bool {
    !name.contains('/') && !name.starts_with('_')
}

/// One source resource to read: a post's Markdown file (its name in
/// `posts/`) or a hand-written French bundle (its resource).
#[derive(Clone, Debug)]
pub enum Item {
    /// A post, by its file name in `posts/` (`visite.md`).
    Post(String),
    /// A hand-written French bundle, by its resource (`site`).
    Ui(String),
}

impl Item {
    /// Its resource: `posts/<slug>` for a post.
    pub fn resource(&self) -> String {
        match self {
            Item::Post(name) => format!("posts/{}", name.trim_end_matches(".md")),
            Item::Ui(resource) => resource.clone(),
        }
    }

    /// Its French file: the post, or the hand-written bundle.
    pub fn french(&self, cfg: &Config) -> PathBuf {
        match self {
            Item::Post(name) => cfg.posts_dir().join(name),
            Item::Ui(resource) => cfg.bundle_path(&cfg.source, resource),
        }
    }
}

/// The sources of the site selected by `filter`: posts first, then the
/// hand-written bundles, each in name order.
pub fn list(cfg: &Config, filter: &[String]) -> (Vec<Item>, Vec<Error>) {
    if !filter.is_empty() && filter.len() <= FEW {
        return (named(cfg, filter), Vec::new());
    }
    let mut errors = Vec::new();
    // Not the posts' own folders (their images and files).
    let posts = fs::list_files_in(&cfg.posts_dir(), ".md", &|_| false).unwrap_or_else(|e| {
        errors.push(e);
        Vec::new()
    });
    let mut items: Vec<Item> = posts
        .into_iter()
        .filter(|n| is_post(n))
        .map(Item::Post)
        .filter(|item| wanted(filter, &item.resource()))
        .collect();
    let src_dir = cfg.locale_dir(&cfg.source);
    // The posts' bundles are the posts' (listed above).
    let hand_written = fs::list_files_in(&src_dir, ".ftl", &|d| d != "posts");
    for name in hand_written.unwrap_or_default() {
        let resource = name.trim_end_matches(".ftl").to_string();
        if !resource.starts_with("posts/") && wanted(filter, &resource) {
            items.push(Item::Ui(resource));
        }
    }
    (items, errors)
}

/// Up to this many resources named, [`list`] looks for each one's file
/// rather than listing the folders (and a cache that reads many reads
/// them this many at a time).
pub const FEW: usize = 16;

/// The sources `filter` names whose French file exists, as [`list`] gives
/// them (posts first, each kind in name order).
fn named(cfg: &Config, filter: &[String]) -> Vec<Item> {
    let mut names: Vec<&str> = filter.iter().map(|r| named_resource(r)).collect();
    names.sort_unstable();
    names.dedup();
    let (mut posts, mut ui) = (Vec::new(), Vec::new());
    for r in names {
        match r.strip_prefix("posts/") {
            Some(slug) => {
                let name = format!("{slug}.md");
                // As the listing finds them (it skips hidden files).
                let listed = is_post(&name) && !name.starts_with('.');
                if listed && cfg.posts_dir().join(&name).is_file() {
                    posts.push(Item::Post(name));
                }
            }
            None => {
                let hidden = r.split('/').any(|p| p.starts_with('.'));
                if !hidden && cfg.bundle_path(&cfg.source, r).is_file() {
                    ui.push(Item::Ui(r.to_string()));
                }
            }
        }
    }
    posts.extend(ui);
    posts
}

/// Reads one source: a post is extracted (nothing is written: see
/// [`write_french`]), a hand-written bundle parsed.
pub fn read(cfg: &Config, store: &Store, item: &Item) -> std::result::Result<Source, Vec<Error>> {
    match item {
        Item::Post(name) => read_post(cfg, store, name).map_err(|e| vec![e]),
        Item::Ui(resource) => read_ui(cfg, resource),
    }
}

/// Reads posts (extracting them) and hand-written source bundles, on every
/// core, reported in order. Nothing is written.
pub fn read_all(cfg: &Config, filter: &[String]) -> Sources {
    let store = Store::new(cfg.state_dir());
    let (items, errors) = list(cfg, filter);
    let mut out = Sources {
        errors,
        ..Sources::default()
    };
    for result in crate::base::par::map(&items, |item| read(cfg, &store, item)) {
        match result {
            Ok(s) => out.sources.push(s),
            Err(e) => out.errors.extend(e),
        }
    }
    out
}

/// Writes what extracting a post made, in `batch` (made when it is
/// finished): its French bundle and its source record (ids), each only if
/// it changed. Returns the files written, relative to the root; a
/// hand-written bundle writes nothing.
pub fn write_french(
    cfg: &Config,
    store: &Store,
    source: &Source,
    batch: &crate::base::journal::Batch,
) -> Result<Vec<String>> {
    let Some(post) = &source.post else {
        return Ok(Vec::new());
    };
    let ex = &post.extracted;
    let ftl_path = cfg.bundle_path(&cfg.source, &source.resource);
    let text = ftl::write_parts(ex.resource.comment.as_deref(), &source.messages);
    let record_path = store.path(&cfg.source.to_string(), &source.resource);
    // Both or neither: ids in the bundle are the record's.
    let mut group = store.group();
    group.write(&ftl_path, text);
    group.write(&record_path, Store::text(&ex.record));
    let written = group.stage(batch)?;
    Ok(written.iter().map(|p| rel_path(cfg, p)).collect())
}

fn read_post(cfg: &Config, store: &Store, name: &str) -> Result<Source> {
    let rel = PathBuf::from("posts").join(name);
    let text = fs::read_text(&cfg.root.join(&rel)).map_err(|e| relative(cfg, e))?;
    let post = post::parse(&rel, text)?;
    let resource = post.resource();
    let record_path = store.path(&cfg.source.to_string(), &resource);
    let previous: SourceRecord = store.load(&record_path).map_err(|e| relative(cfg, e))?;
    let mut ex = extract::extract(&post, &cfg.front_matter, &previous);
    Ok(Source {
        resource,
        // Moved, not copied: reassembly needs the blocks, not the bundle.
        messages: std::mem::take(&mut ex.resource.messages),
        terms: Vec::new(),
        syntax: Syntax::Markdown,
        ref_defs: ex.segmented.ref_defs.clone(),
        draft: post.draft,
        origin: rel_path(cfg, &cfg.root.join(&rel)),
        post: Some(Box::new(PostSource {
            post,
            extracted: ex,
        })),
    })
}

/// A hand-written source bundle; every syntax error is reported.
fn read_ui(cfg: &Config, resource: &str) -> std::result::Result<Source, Vec<Error>> {
    let path = cfg.bundle_path(&cfg.source, resource);
    let rel = rel_path(cfg, &path);
    let text = fs::read_text(&path).map_err(|e| vec![relative(cfg, e)])?;
    let (res, errors) = ftl::parse(&text);
    if !errors.is_empty() {
        return Err(syntax_errors(&rel, errors));
    }
    let (terms, messages) = res
        .messages
        .into_iter()
        .partition(|m| m.id.starts_with('-') && !cfg.translate_terms);
    Ok(Source {
        resource: resource.to_string(),
        messages,
        terms,
        syntax: Syntax::Plain,
        ref_defs: String::new(),
        draft: false,
        origin: rel,
        post: None,
    })
}

/// The target bundle of a resource in a locale (empty when absent). A file
/// with syntax errors is an error naming every bad place: it is a human
/// edit that must be fixed by hand, never replaced.
pub fn read_target(
    cfg: &Config,
    resource: &str,
    locale: &LanguageIdentifier,
) -> std::result::Result<Resource, Vec<Error>> {
    let path = target_path(cfg, resource, locale);
    let rel = rel_path(cfg, &path);
    match fs::read_text_opt(&path).map_err(|e| vec![relative(cfg, e)])? {
        None => Ok(Resource::default()),
        Some(text) => {
            let (res, errors) = ftl::parse(&text);
            if errors.is_empty() {
                Ok(res)
            } else {
                Err(syntax_errors(&rel, errors))
            }
        }
    }
}

/// The resource comment of a target bundle: what it is and how to edit it.
pub fn target_comment(cfg: &Config, source: &Source, locale: &LanguageIdentifier) -> String {
    format!(
        "Translation of {} ({} → {locale}), written by relais, reviewed by people.\nEdit the text after `=`: relais never overwrites your edits. Ids and order are managed by relais.",
        source.origin, cfg.source
    )
}

/// Where the bundle of `resource` in `locale` is:
/// `locales/<locale>/<resource>.ftl`.
pub fn target_path(cfg: &Config, resource: &str, locale: &LanguageIdentifier) -> PathBuf {
    cfg.bundle_path(locale, resource)
}

fn syntax_errors(rel: &str, errors: Vec<ftl::SyntaxError>) -> Vec<Error> {
    errors
        .into_iter()
        .map(|e| Error::input(Location::new(rel, e.line, e.col), e.message))
        .collect()
}

/// A path relative to the site root, with `/`.
pub fn rel_path(cfg: &Config, path: &Path) -> String {
    let rel = path.strip_prefix(&cfg.root).unwrap_or(path);
    rel.iter()
        .map(|p| p.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Input errors name files relative to the site root.
fn relative(cfg: &Config, e: Error) -> Error {
    match e {
        Error::Input {
            mut loc,
            message,
            code,
        } => {
            loc.path = PathBuf::from(rel_path(cfg, &loc.path));
            Error::Input { loc, message, code }
        }
        other => other,
    }
}

/// Finds a message by id.
pub fn find<'a>(res: &'a Resource, id: &str) -> Option<&'a Message> {
    res.messages.iter().find(|m| m.id == id)
}
