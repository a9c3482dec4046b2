//! The translation phase of `sync`: for each target locale, the unique
//! protected segments it needs are looked up in the translation cache,
//! and only what the cache lacks goes to the locale's engine, batched by
//! `engine::translate_all`. Every answer is in the cache as soon as its
//! batch returns, so a crash or a quota stop never costs it twice.
//!
//! Locales go one after the other (so an Apertium pivot through Spanish
//! reuses the legs already paid for); the first engine failure stops the
//! run, keeping every answer received.
//!
//! What it does not do: decide what needs translating (`sync` plans), or
//! restore and check answers (`sync` applies them).

use crate::base::config::{Config, EngineConfig};
use crate::base::error::Error;
use crate::mt::engine::cache::Cache;
use crate::mt::engine::{self, Context, Meter, Pair, Translation, Translator};
use crate::mt::glossary::Glossary;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use unic_langid::LanguageIdentifier;

/// Hears how far the translation phase is (a progress bar).
pub trait Progress: Send + Sync {
    /// `total` segments are to be sent to engines.
    fn start(&self, total: usize);
    /// `n` more segments have their answer, or were refused as too large.
    fn advance(&self, n: usize);
    /// The phase is over, whether or not every segment got an answer.
    fn finish(&self);
}

/// One locale's unique protected segments, in first-seen order, with
/// their cache keys.
pub struct Work {
    /// The target locale.
    pub locale: LanguageIdentifier,
    /// The protected texts to translate, each once.
    pub texts: Vec<String>,
    keys: Vec<String>,
    /// The glossary's do-not-translate terms (a segment of nothing else
    /// is its own translation).
    keep: Vec<String>,
    /// The post each text comes from, for engines that work by document.
    pub docs: engine::Docs,
}

impl Work {
    /// The work of `locale`: `texts` and their keys in its engine's scope.
    pub fn new(
        cfg: &Config,
        glossary: &Glossary,
        locale: LanguageIdentifier,
        texts: Vec<String>,
    ) -> Work {
        let scope = engine::scope(cfg.engine_for(&locale), &pair(cfg, &locale), glossary);
        let keys = texts.iter().map(|t| Cache::key(&scope, t)).collect();
        Work {
            locale,
            texts,
            keys,
            keep: glossary.keep().to_vec(),
            docs: engine::Docs::default(),
        }
    }

    /// The same work, each text with the document it comes from.
    pub fn in_documents(mut self, docs: engine::Docs) -> Work {
        self.docs = docs;
        self
    }
}

/// The answer for one segment of one locale.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The translation, or why the segment got none (too large to send).
    pub result: Result<Translation, String>,
    /// The name of the locale's engine (`apertium`, `deepl`…), also for an
    /// answer the cache served.
    pub engine: &'static str,
    /// Served by the cache, or its own translation (nothing in it to
    /// translate): no request made.
    pub cached: bool,
}

/// Answers by locale and protected text.
pub type Answers = HashMap<(LanguageIdentifier, String), Answer>;

/// What the phase produced.
#[derive(Default)]
pub struct Outcome {
    /// The answer of every segment that got one, from the cache or an engine.
    pub answers: Answers,
    /// Requests that carried text to engines, retries included.
    pub requests: usize,
    /// Characters of text in the requests that succeeded (what engines bill).
    pub characters: usize,
    /// Retries of those requests after transient failures.
    pub retries: usize,
    /// Tokens LLM engines said they used, when one was asked.
    pub tokens: Option<Tokens>,
    /// Why an engine stopped the run, if one did.
    pub engine_error: Option<String>,
    /// Problems that did not stop the run (the cache could not be written).
    pub errors: Vec<Error>,
}

/// Tokens of an LLM engine's answers (their `usage`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tokens {
    /// Tokens of the requests: instructions, context and segments.
    pub prompt: usize,
    /// Tokens of the answers.
    pub completion: usize,
}

/// `--dry-run`: what a run would send, per locale.
#[derive(Debug, Serialize)]
pub struct Estimate {
    /// The target locale (`en`).
    pub locale: String,
    /// The name of the locale's engine (`apertium`, `deepl`…).
    pub engine: String,
    /// Segments that would be sent (billed).
    pub segments: usize,
    /// Their characters (for a pivot, the first leg's).
    pub characters: usize,
    /// Segments the cache already holds: not sent, not billed.
    pub cached: usize,
    /// An LLM engine: the tokens the run would use, roughly (four
    /// characters a token; the instructions and the post's context once
    /// per request; the answer as long as the segments).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<usize>,
}

/// The folder of the cache, under the state folder.
pub fn cache_dir(cfg: &Config) -> std::path::PathBuf {
    cfg.state_dir().join(".cache")
}

fn pair(cfg: &Config, locale: &LanguageIdentifier) -> Pair {
    Pair {
        source: cfg.source.clone(),
        target: locale.clone(),
    }
}

/// The translation cache of the site, holding only the answers `work` may
/// use (nothing is read when there is no work).
pub fn load_cache(cfg: &Config, work: &[Work]) -> crate::base::error::Result<Cache> {
    let wanted = work.iter().flat_map(|w| w.keys.iter().cloned()).collect();
    Cache::load_only(&cache_dir(cfg), &wanted)
}

/// What `run` would send, sending nothing.
pub fn estimate(cfg: &Config, cache: &Cache, work: &[Work]) -> Vec<Estimate> {
    work.iter()
        .map(|w| {
            let misses: Vec<&String> = w
                .texts
                .iter()
                .zip(&w.keys)
                .filter(|(t, k)| cache.get(k).is_none() && !nothing_to_translate(t, &w.keep))
                .map(|(t, _)| t)
                .collect();
            let ec = cfg.engine_for(&w.locale);
            let characters = engine::characters(&misses);
            Estimate {
                locale: w.locale.to_string(),
                engine: ec.kind.name().to_string(),
                segments: misses.len(),
                characters,
                cached: w.texts.len() - misses.len(),
                tokens: (ec.kind == crate::base::config::EngineKind::Openai)
                    .then(|| llm_tokens(misses.len(), characters, ec.batch)),
            }
        })
        .collect()
}

/// The tokens an LLM run of `segments` segments of `characters` characters
/// would use, roughly: instructions and context (about 1,500 characters)
/// once per request, the segments in, as much out.
fn llm_tokens(segments: usize, characters: usize, batch: Option<usize>) -> usize {
    const PER_REQUEST: usize = 1500;
    let requests = segments.div_ceil(batch.unwrap_or(20).max(1));
    (requests * PER_REQUEST + 2 * characters).div_ceil(4)
}

/// Translates every locale's segments: cache first, then engines.
pub async fn run(
    cfg: &Config,
    glossary: Arc<Glossary>,
    cache: &mut Cache,
    work: Vec<Work>,
    progress: Option<&dyn Progress>,
) -> Outcome {
    let mut out = Outcome::default();
    let ctx = Context {
        meter: Arc::new(Meter::default()),
        glossary: glossary.clone(),
        cache_dir: cache_dir(cfg),
    };
    let mut pending = Vec::new();
    for w in work {
        let misses = serve_from_cache(cfg, cache, &glossary, w, &mut out.answers);
        pending.push(misses);
    }
    let total = pending.iter().map(|w: &Work| w.texts.len()).sum();
    if let Some(p) = progress {
        p.start(total);
    }
    let mut engines: Vec<(EngineConfig, Arc<dyn Translator>)> = Vec::new();
    for w in pending {
        if w.texts.is_empty() || out.engine_error.is_some() {
            continue;
        }
        let engine = match engine_for(cfg, &w.locale, &ctx, &mut engines) {
            Ok(e) => e,
            Err(e) => {
                out.engine_error = Some(e.to_string());
                break;
            }
        };
        let name = engine.name();
        let mut on_batch = |items: Vec<(usize, engine::batch::Answer)>| {
            let n = items.len();
            keep_answers(&mut out, cache, &w, name, items);
            if let Some(p) = progress {
                p.advance(n);
            }
        };
        let pair = pair(cfg, &w.locale);
        let error =
            engine::translate_all(engine.as_ref(), &pair, &w.texts, &w.docs, &mut on_batch).await;
        if let Some(e) = error {
            out.engine_error = Some(e.to_string());
        }
    }
    if let Some(p) = progress {
        p.finish();
    }
    out.requests = ctx.meter.requests();
    out.characters = ctx.meter.characters();
    out.retries = ctx.meter.retries();
    let (prompt, completion) = ctx.meter.tokens_used();
    out.tokens = (prompt + completion > 0).then_some(Tokens { prompt, completion });
    out
}

/// Keeps a batch of answers for the run, and the good ones in the cache
/// at once (a crash later never pays for them again).
fn keep_answers(
    out: &mut Outcome,
    cache: &mut Cache,
    w: &Work,
    engine: &'static str,
    items: Vec<(usize, engine::batch::Answer)>,
) {
    let mut fresh = Vec::new();
    for (i, result) in items {
        if let Ok(t) = &result {
            fresh.push((w.keys[i].clone(), t.clone()));
        }
        let answer = Answer {
            result,
            engine,
            cached: false,
        };
        out.answers
            .insert((w.locale.clone(), w.texts[i].clone()), answer);
    }
    if let Err(e) = cache.append(fresh) {
        out.errors.push(e);
    }
}

/// Puts the cached answers of a locale in `answers`, and the segments that
/// are their own translation; returns the segments still to send, with
/// their cache keys.
fn serve_from_cache(
    cfg: &Config,
    cache: &Cache,
    glossary: &Glossary,
    work: Work,
    answers: &mut Answers,
) -> Work {
    let engine = cfg.engine_for(&work.locale).kind.name();
    let mut texts = Vec::new();
    let mut keys = Vec::new();
    let mut of = Vec::new();
    let docs_of = work.docs.of;
    for (i, (text, key)) in work.texts.into_iter().zip(work.keys).enumerate() {
        let known = cache.get(&key).cloned().or_else(|| {
            nothing_to_translate(&text, glossary.keep()).then(|| Translation::plain(text.clone()))
        });
        match known {
            Some(t) => {
                let answer = Answer {
                    result: Ok(t),
                    engine,
                    cached: true,
                };
                answers.insert((work.locale.clone(), text), answer);
            }
            None => {
                texts.push(text);
                keys.push(key);
                of.extend(docs_of.get(i).copied());
            }
        }
    }
    Work {
        locale: work.locale,
        texts,
        keys,
        keep: work.keep,
        docs: engine::Docs {
            docs: work.docs.docs,
            of,
        },
    }
}

/// The document of `source` (its title and summary, for a post) whose
/// segments sent in this run are `texts`, for engines that work by
/// document.
pub fn document(source: &crate::source::read::Source, texts: Vec<String>) -> engine::Doc {
    let post = source.post.as_ref().map(|p| &p.post);
    let front = |key: &str| post.and_then(|p| p.front.get(key)).cloned();
    engine::Doc {
        name: source.resource.clone(),
        title: post.and_then(|p| p.title().map(str::to_string)),
        summary: front("summary").or_else(|| front("description")),
        texts,
    }
}

/// A message rebuilt from the engine's answers to its units, before any
/// check: what `sync` records as machine text, and a reviewer's request
/// to another engine shows.
#[derive(Clone, Debug)]
pub struct Restored {
    /// The translated message.
    pub message: crate::fluent::ftl::Message,
    /// The engine that answered (`apertium`, `deepl`…).
    pub engine: &'static str,
    /// Intermediate language when the engine pivoted.
    pub pivot: Option<String>,
    /// The model that answered, when the engine said.
    pub model: Option<String>,
    /// Words the engine did not know.
    pub unknown: Vec<String>,
}

/// Rebuilds message `id` from the answers to `units` in `locale`, the
/// locale's typography applied (when `typography`) to what the engine
/// wrote, before markup is restored, so URLs and code are out of its
/// reach. `None` when some unit has no answer yet; `Err` with the reason
/// when one was refused or a placeable did not come back.
pub fn restore(
    units: &crate::mt::units::Units,
    id: &str,
    comment: Option<String>,
    locale: &LanguageIdentifier,
    answers: &Answers,
    typography: bool,
) -> Option<Result<Restored, String>> {
    let texts = units.texts();
    let mut meta: Option<(&'static str, Option<String>, Option<String>)> = None;
    let mut unknown: Vec<String> = Vec::new();
    let mut typeset: HashMap<&str, String> = HashMap::new();
    for text in &texts {
        let got = answers.get(&(locale.clone(), text.to_string()))?;
        let answer = match &got.result {
            Ok(a) => a,
            Err(reason) => return Some(Err(reason.clone())),
        };
        meta = Some((got.engine, answer.pivot.clone(), answer.model.clone()));
        for w in &answer.unknown {
            if !unknown.contains(w) {
                unknown.push(w.clone());
            }
        }
        let typed = match typography {
            true => crate::mt::typography::apply(&answer.text, &locale.to_string()),
            false => answer.text.clone(),
        };
        typeset.insert(text, typed);
    }
    let lookup = |text: &str| typeset.get(text).map(String::as_str);
    let message = match units.restore(id, comment, &lookup)? {
        Ok(m) => m,
        Err(e) => return Some(Err(e)),
    };
    let (engine, pivot, model) = meta.unwrap_or(("engine", None, None));
    Some(Ok(Restored {
        message,
        engine,
        pivot,
        model,
        unknown,
    }))
}

/// A protected segment with nothing for an engine to translate: only
/// `<x/>` and `<g>` elements, character references, digits, punctuation,
/// spaces and do-not-translate terms. It is its own translation: sending
/// it would bill its characters for nothing.
pub fn nothing_to_translate(text: &str, keep: &[String]) -> bool {
    let mut rest = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // An element tag: `<x id="1"/>`, `<g id="2">`, `</g>`.
            '<' => {
                for c in chars.by_ref() {
                    if c == '>' {
                        break;
                    }
                }
                rest.push(' ');
            }
            // A character reference: `&amp;`, `&#39;`.
            '&' => {
                while let Some(c) = chars.next_if(|c| c.is_ascii_alphanumeric() || *c == '#') {
                    let _ = c;
                }
                chars.next_if_eq(&';');
                rest.push(' ');
            }
            c => rest.push(c),
        }
    }
    if !rest.chars().any(char::is_alphabetic) {
        return true;
    }
    // Words left: nothing to translate only if terms cover them all. Most
    // texts hold none of the terms: searched for, not replaced.
    let mut changed = false;
    for term in keep {
        if rest.contains(term.as_str()) {
            rest = rest.replace(term.as_str(), " ");
            changed = true;
        }
    }
    changed && !rest.chars().any(char::is_alphabetic)
}

/// One client per distinct engine configuration, shared across locales.
fn engine_for(
    cfg: &Config,
    locale: &LanguageIdentifier,
    ctx: &Context,
    engines: &mut Vec<(EngineConfig, Arc<dyn Translator>)>,
) -> Result<Arc<dyn Translator>, engine::EngineError> {
    let ec = cfg.engine_for(locale);
    if let Some((_, e)) = engines.iter().find(|(c, _)| c == ec) {
        return Ok(e.clone());
    }
    let e = engine::build(ec, ctx)?;
    engines.push((ec.clone(), e.clone()));
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeables_markup_numbers_and_kept_terms_are_their_own_translation() {
        let keep = vec!["KEOOGO".to_string()];
        for own in [
            "<x id=\"1\"/>",
            "<x id=\"1\"/> <x id=\"2\"/>",
            "<g id=\"1\"><x id=\"2\"/></g> : 2024 &amp; 12 %",
            "KEOOGO",
            "<g id=\"1\">KEOOGO</g> !",
        ] {
            assert!(nothing_to_translate(own, &keep), "{own}");
        }
        for words in [
            "<g id=\"1\">Bonjour</g>",
            "KEOOGO à Bobo",
            "&lt;b&gt; gras",
            "É",
        ] {
            assert!(!nothing_to_translate(words, &keep), "{words}");
        }
    }
}
