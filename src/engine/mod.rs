//! Translation engines: the [`Translator`] trait, its clients, and the one
//! loop that feeds them batches with bounded concurrency.
//!
//! Engines see protected text only (see `protect`): markup and placeables
//! are `<x id="N"/>` / `<g id="N">…</g>` elements. Clients do wire work and
//! nothing else; which messages need translating is decided in `sync`.

pub mod apertium;

use crate::config::{EngineConfig, EngineKind};
use async_trait::async_trait;
use futures::StreamExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use unic_langid::LanguageIdentifier;

/// A language pair, source → target.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pair {
    pub source: LanguageIdentifier,
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
    pub text: String,
    /// The intermediate language when the engine pivoted.
    pub pivot: Option<String>,
    /// Words the engine marked as unknown.
    pub unknown: Vec<String>,
}

/// Why an engine could not translate.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    #[error("{engine} at {url} is not reachable: {message}")]
    Unavailable {
        engine: &'static str,
        url: String,
        message: String,
    },
    #[error("{engine} refused the request (HTTP {status}): {message}")]
    Rejected {
        engine: &'static str,
        status: u16,
        message: String,
    },
    #[error("{engine} cannot translate {pair}: {message}")]
    UnsupportedPair {
        engine: &'static str,
        pair: String,
        message: String,
    },
    #[error("{engine} answered something unexpected: {message}")]
    BadResponse {
        engine: &'static str,
        message: String,
    },
    #[error("{engine} is not available in this version of relais (configured in relais.toml)")]
    NotImplemented { engine: &'static str },
}

/// Requests and characters sent, shared by every client of a run.
#[derive(Debug, Default)]
pub struct Meter {
    requests: AtomicUsize,
    characters: AtomicUsize,
}

impl Meter {
    pub fn record(&self, text: &str) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        self.characters
            .fetch_add(text.chars().count(), Ordering::Relaxed);
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    pub fn characters(&self) -> usize {
        self.characters.load(Ordering::Relaxed)
    }
}

/// A machine translation engine.
#[async_trait]
pub trait Translator: Send + Sync {
    /// Short name recorded in the review state (`apertium`, `deepl`…).
    fn name(&self) -> &'static str;
    /// How many texts one call may carry.
    fn max_batch(&self) -> usize;
    /// Requests in flight at once.
    fn concurrency(&self) -> usize;
    /// Translates every text of the batch, in order.
    async fn translate(
        &self,
        pair: &Pair,
        texts: &[String],
    ) -> Result<Vec<Translation>, EngineError>;
}

/// Builds the client a configuration asks for.
pub fn build(cfg: &EngineConfig, meter: Arc<Meter>) -> Result<Arc<dyn Translator>, EngineError> {
    match cfg.kind {
        EngineKind::Apertium => Ok(Arc::new(apertium::Apertium::new(cfg, meter)?)),
        EngineKind::Deepl => Err(EngineError::NotImplemented { engine: "deepl" }),
        EngineKind::Libretranslate => Err(EngineError::NotImplemented {
            engine: "libretranslate",
        }),
    }
}

/// Translates `texts` in batches, `concurrency` batches at a time. Returns
/// the answers received (by index) and, if the engine stopped the run, the
/// first error; texts without an answer are left for the next run.
pub async fn translate_all(
    engine: &dyn Translator,
    pair: &Pair,
    texts: &[String],
) -> (Vec<Option<Translation>>, Option<EngineError>) {
    let mut out: Vec<Option<Translation>> = vec![None; texts.len()];
    let size = engine.max_batch().max(1);
    let batches = texts
        .chunks(size)
        .enumerate()
        .map(|(i, chunk)| async move { (i * size, engine.translate(pair, chunk).await) });
    let mut stream = futures::stream::iter(batches).buffer_unordered(engine.concurrency().max(1));
    while let Some((start, result)) = stream.next().await {
        match result {
            Ok(answers) => {
                for (k, t) in answers.into_iter().enumerate() {
                    out[start + k] = Some(t);
                }
            }
            Err(e) => return (out, Some(e)),
        }
    }
    (out, None)
}
