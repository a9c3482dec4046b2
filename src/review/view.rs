//! The site as the review commands read it: every source resource and, per
//! target locale, its bundle, its review record and the computed state of
//! every message.
//!
//! Shared by `status`, `review`, `approve` (and friends) and `stats`, so
//! that they all see the same states. Reading only: posts are extracted in
//! memory, nothing is written or sent. States are computed here, from
//! hashes, every time (see [`state::compute`]).

use crate::base::config::Config;
use crate::base::digest;
use crate::base::error::Error;
use crate::base::store::Store;
use crate::check;
use crate::fluent::ftl::{Message, Resource};
use crate::fluent::text;
use crate::review::record;
use crate::review::state::{self, MessageRecord, State, TargetRecord};
use crate::source::read::{self as source, Source, find};
use std::path::PathBuf;
use unic_langid::LanguageIdentifier;

/// Sources and their target views, in source order then locale order.
#[derive(Default)]
pub struct Site {
    /// The French resources selected, each read once.
    pub sources: Vec<Source>,
    /// Every source in every selected target locale.
    pub views: Vec<View>,
    /// Files that could not be read (each names `path:line:col`).
    pub errors: Vec<Error>,
}

/// One source resource in one target locale.
pub struct View {
    /// Index of the source in [`Site::sources`].
    pub source: usize,
    /// The target locale.
    pub locale: LanguageIdentifier,
    /// The target bundle as read (empty when there is none yet).
    pub target: Resource,
    /// The review record as read (empty when there is none yet).
    pub record: TargetRecord,
    /// Where the target bundle lives, to write it back.
    pub ftl_path: PathBuf,
    /// Where the review record lives, to save it back.
    pub state_path: PathBuf,
}

/// One message of a view, with its computed state.
pub struct Entry<'a> {
    /// The French message.
    pub message: &'a Message,
    /// The translation in the target bundle.
    pub current: Option<&'a Message>,
    /// The message's review record, if it has one.
    pub record: Option<&'a MessageRecord>,
    /// Hash of the French now, what the record's hashes are compared with.
    pub source_hash: String,
    /// Normalised text of `current` (what hashes are taken of).
    pub current_text: Option<String>,
    /// What the checks find wrong with `current`.
    pub problems: Vec<check::Problem>,
    /// The review state, computed from the above.
    pub state: State,
}

impl Entry<'_> {
    /// The message id.
    pub fn id(&self) -> &str {
        &self.message.id
    }

    /// Why the message is invalid: the checks' findings, or why the last
    /// machine output was refused.
    pub fn reasons(&self) -> Vec<check::Problem> {
        if !self.problems.is_empty() {
            return self.problems.clone();
        }
        self.record
            .and_then(|r| r.failed.as_ref())
            .filter(|f| f.source_hash == self.source_hash)
            .map(|f| {
                vec![check::Problem::Refused {
                    engine: f.engine.clone(),
                    reason: f.reason.clone(),
                }]
            })
            .unwrap_or_default()
    }

    /// Hash of the current translation.
    pub fn translation_hash(&self) -> Option<String> {
        self.current_text.as_deref().map(digest::hash)
    }

    /// What a person sees of this message now.
    pub fn seen(&self) -> Seen {
        Seen {
            source: self.source_hash.clone(),
            translation: self.translation_hash().unwrap_or_default(),
        }
    }
}

/// What a person had in front of them when they decided: the hashes of the
/// French and of the translation shown (empty: no translation). A decision
/// or an edit that carries one is refused, writing nothing, when the
/// message is no longer that (a sync or another person changed it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    /// Hash of the French shown.
    pub source: String,
    /// Hash of the translation shown, `""` when there was none.
    pub translation: String,
}

impl Site {
    /// Reads the sources selected by `resources` (all when empty) and their
    /// views in `locales` (all targets when empty).
    pub fn load(cfg: &Config, resources: &[String], locales: &[LanguageIdentifier]) -> Site {
        let read = source::read_all(cfg, resources);
        let mut site = Site {
            sources: read.sources,
            views: Vec::new(),
            errors: read.errors,
        };
        let store = Store::new(cfg.state_dir());
        let locales: Vec<&LanguageIdentifier> = cfg
            .targets
            .iter()
            .filter(|l| locales.is_empty() || locales.contains(l))
            .collect();
        for (index, src) in site.sources.iter().enumerate() {
            for locale in &locales {
                match View::load(cfg, &store, index, src, locale) {
                    Ok(v) => site.views.push(v),
                    Err(errors) => site.errors.extend(errors),
                }
            }
        }
        site
    }

    /// The French resource `view` translates.
    pub fn source(&self, view: &View) -> &Source {
        &self.sources[view.source]
    }

    /// The entries of a view.
    pub fn entries<'a>(&'a self, view: &'a View) -> Vec<Entry<'a>> {
        view.entries(self.source(view))
    }
}

impl View {
    fn load(
        cfg: &Config,
        store: &Store,
        index: usize,
        src: &Source,
        locale: &LanguageIdentifier,
    ) -> Result<View, Vec<Error>> {
        let target = source::read_target(cfg, &src.resource, locale)?;
        let state_path = store.path(&locale.to_string(), &src.resource);
        let record =
            record::load(store, &locale.to_string(), &src.resource).map_err(|e| vec![e])?;
        Ok(View {
            source: index,
            locale: locale.clone(),
            target,
            record,
            ftl_path: source::target_path(cfg, &src.resource, locale),
            state_path,
        })
    }

    /// Every message of `source` in this locale, in source order.
    pub fn entries<'a>(&'a self, source: &'a Source) -> Vec<Entry<'a>> {
        source
            .messages
            .iter()
            .map(|m| entry(source, m, &self.target, &self.record))
            .collect()
    }
}

/// The entry of one French message against a bundle and a record.
pub fn entry<'a>(
    source: &Source,
    message: &'a Message,
    target: &'a Resource,
    record: &'a TargetRecord,
) -> Entry<'a> {
    let source_hash = digest::hash(&text::message_text(message));
    let current = find(target, &message.id);
    let problems = current
        .map(|c| check::problems(message, c, source.text_kind()))
        .unwrap_or_default();
    let current_text = current.map(text::message_text);
    let rec = record.messages.get(&message.id);
    let state = state::compute(&source_hash, current_text.as_deref(), &problems, rec);
    Entry {
        message,
        current,
        record: rec,
        source_hash,
        current_text,
        problems,
        state,
    }
}
