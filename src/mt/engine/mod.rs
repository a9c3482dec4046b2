//! Translation engines: the [`Translator`] trait, its clients, and the one
//! layer they all share (batching and bounded concurrency in `batch`,
//! retries in `retry`, HTTP and error answers in `http`, the translation
//! cache in `cache`, keys in `key`).
//!
//! Engines see protected text only (see `protect`): markup and placeables
//! are `<x id="N"/>` / `<g id="N">…</g>` elements. Clients do wire work and
//! nothing else; which messages need translating is decided in `sync`,
//! and which of those the cache already holds in `translate`.

pub mod apertium;
pub mod batch;
pub mod cache;
pub mod deepl;
pub mod http;
pub mod key;
pub mod libretranslate;
pub mod openai;
pub mod retry;

pub use batch::{Limits, translate_all};

use crate::base::config::{EngineConfig, EngineKind};
use crate::mt::glossary::Glossary;
use async_trait::async_trait;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use unic_langid::LanguageIdentifier;

/// A language pair, source → target.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pair {
    /// The language translated from (the site's source locale).
    pub source: LanguageIdentifier,
    /// The language translated into (a target locale).
    pub target: LanguageIdentifier,
}

impl std::fmt::Display for Pair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}→{}", self.source, self.target)
    }
}

/// One engine answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    /// The translated text, still protected: `<x/>` and `<g>` elements as sent.
    pub text: String,
    /// The intermediate language when the engine pivoted.
    pub pivot: Option<String>,
    /// Words the engine marked as unknown.
    pub unknown: Vec<String>,
    /// The model that answered, when the engine says (DeepL's
    /// `model_type_used`, an LLM's `model`).
    pub model: Option<String>,
}

impl Translation {
    /// A translation with no pivot, no unknown words and no model named.
    pub fn plain(text: String) -> Translation {
        Translation {
            text,
            pivot: None,
            unknown: Vec::new(),
            model: None,
        }
    }
}

pub use crate::base::error::EngineError;

/// The post (or bundle) a batch of segments comes from, for engines that
/// translate better knowing it: its title and summary, and its segments
/// being translated in this run, in order (the neighbours of each other).
/// Context only: never translated, never part of an answer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Doc {
    /// `posts/<slug>`, `site`.
    pub name: String,
    /// The post's title (front matter), French.
    pub title: Option<String>,
    /// The post's `summary` or `description` (front matter), French.
    pub summary: Option<String>,
    /// Its protected segments sent in this run, in post order.
    pub texts: Vec<String>,
}

/// Which document each text of a batch run belongs to.
#[derive(Clone, Debug, Default)]
pub struct Docs {
    /// The documents.
    pub docs: Vec<Doc>,
    /// For each text, the index of its document (the first it appears in).
    pub of: Vec<usize>,
}

/// What an engine client needs besides its configuration.
#[derive(Clone)]
pub struct Context {
    /// Requests and characters of the run, shared by every client.
    pub meter: Arc<Meter>,
    /// The site's glossary, which DeepL gets as a DeepL glossary; other
    /// clients get its terms already protected in the text.
    pub glossary: Arc<Glossary>,
    /// Where clients keep what they remember between runs (DeepL's
    /// glossary ids): never committed, never holding a key.
    pub cache_dir: PathBuf,
}

/// Requests, characters, retries and tokens of a run, shared by every
/// client.
#[derive(Debug, Default)]
pub struct Meter {
    requests: AtomicUsize,
    characters: AtomicUsize,
    retries: AtomicUsize,
    prompt_tokens: AtomicUsize,
    completion_tokens: AtomicUsize,
}

impl Meter {
    /// One HTTP request sent (a retry is another request).
    pub fn requested(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
    }

    /// Characters of texts in a request that was answered.
    pub fn sent(&self, characters: usize) {
        self.characters.fetch_add(characters, Ordering::Relaxed);
    }

    /// One retry of a request that carries text.
    pub fn retried(&self) {
        self.retries.fetch_add(1, Ordering::Relaxed);
    }

    /// Requests that carried text so far, retries included.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// Characters of text in requests that succeeded so far (what engines bill).
    pub fn characters(&self) -> usize {
        self.characters.load(Ordering::Relaxed)
    }

    /// Retries of requests that carried text so far.
    pub fn retries(&self) -> usize {
        self.retries.load(Ordering::Relaxed)
    }

    /// Tokens an LLM said a request used (its `usage`).
    pub fn tokens(&self, prompt: usize, completion: usize) {
        self.prompt_tokens.fetch_add(prompt, Ordering::Relaxed);
        self.completion_tokens
            .fetch_add(completion, Ordering::Relaxed);
    }

    /// Prompt and completion tokens so far.
    pub fn tokens_used(&self) -> (usize, usize) {
        (
            self.prompt_tokens.load(Ordering::Relaxed),
            self.completion_tokens.load(Ordering::Relaxed),
        )
    }
}

/// Characters of texts, as engines bill them.
pub fn characters<S: AsRef<str>>(texts: &[S]) -> usize {
    texts.iter().map(|t| t.as_ref().chars().count()).sum()
}

/// A machine translation engine.
#[async_trait]
pub trait Translator: Send + Sync {
    /// Short name recorded in the review state (`apertium`, `deepl`…).
    fn name(&self) -> &'static str;
    /// What one request may carry for `pair`.
    fn limits(&self, pair: &Pair) -> Limits;
    /// Requests in flight at once.
    fn concurrency(&self) -> usize;
    /// Translates every text of the batch, in order.
    async fn translate(
        &self,
        pair: &Pair,
        texts: &[String],
    ) -> Result<Vec<Translation>, EngineError>;
    /// Batches hold the segments of one document, which
    /// [`Translator::translate_in`] is given.
    fn by_document(&self) -> bool {
        false
    }
    /// Translates a batch of the segments of `doc` (when the engine works
    /// [`Translator::by_document`]), in order.
    /// A text the engine could not translate (an LLM that lost it twice)
    /// is an `Err` with the reason, in its place; the others are kept.
    async fn translate_in(
        &self,
        pair: &Pair,
        texts: &[String],
        _doc: Option<&Doc>,
    ) -> Result<Vec<batch::Answer>, EngineError> {
        Ok(self
            .translate(pair, texts)
            .await?
            .into_iter()
            .map(Ok)
            .collect())
    }
}

/// Builds the client a configuration asks for. The key must be in the
/// environment (see [`key::from_env`]: a missing one is a configuration
/// error found before anything runs).
pub fn build(cfg: &EngineConfig, ctx: &Context) -> Result<Arc<dyn Translator>, EngineError> {
    Ok(match cfg.kind {
        EngineKind::Apertium => Arc::new(apertium::Apertium::new(cfg, ctx)?),
        EngineKind::Deepl => Arc::new(deepl::Deepl::new(cfg, ctx)?),
        EngineKind::Libretranslate => {
            Arc::new(libretranslate::LibreTranslate::new(cfg, ctx.meter.clone())?)
        }
        EngineKind::Openai => Arc::new(openai::OpenAi::new(cfg, ctx)?),
    })
}

/// What decides an engine's answer besides the text: the cache keeps
/// answers under it, so a change of variant, formality, context or
/// glossary asks the engine again. Never holds a key.
pub fn scope(cfg: &EngineConfig, pair: &Pair, glossary: &Glossary) -> String {
    let settings = match cfg.kind {
        EngineKind::Apertium => format!("mark_unknown={}", cfg.mark_unknown),
        EngineKind::Libretranslate => String::new(),
        EngineKind::Deepl => deepl::scope(cfg, pair, glossary),
        EngineKind::Openai => openai::scope(cfg, pair, glossary),
    };
    format!("{}|{pair}|{settings}", cfg.kind.name())
}
