//! OpenAI-compatible Chat Completions client (`kind = "openai"`): OpenAI,
//! Mistral, and local servers (Ollama, llama.cpp's `llama-server`, vLLM,
//! LM Studio). `POST {url}/chat/completions`, the key (when one is named)
//! only as `Authorization: Bearer`.
//!
//! A request translates a batch of segments of one post. The system
//! message says what to do: translate French into the locale, keep every
//! `<x id/>` and `<g id>…</g>` element exactly, the glossary's
//! do-not-translate terms and fixed translations for the locale, the
//! site's `context` and the locale's `instructions`. The user message is
//! JSON: the post's title and summary and its other segments in this run
//! (context, not translated), then the segments with ids. The answer is
//! asked for as JSON (`response_format` with a JSON schema; `json_object`
//! where a server refuses schemas) and parsed strictly: every id once, no
//! other, every element kept. An answer that fails is asked for again once
//! with what was wrong; what still fails is refused for that segment (the
//! message becomes `invalid` with the reason), the rest is kept.
//!
//! A context-length error (or an answer cut short) splits the batch in
//! two. Retries (429 with `Retry-After`, 5xx, timeouts) are `http`'s. The
//! answer's `usage` is counted (`sync --json` reports `tokens`).
//! Temperature 0 by default, `seed` when given; the cache key holds the
//! model, the prompt's version, the instructions, the context and the
//! glossary ([`scope`]).

use super::batch::{Answer, Limits};
use super::http::Http;
use super::key::{self, ApiKey};
use super::{Context, Doc, EngineError, Meter, Pair, Translation, Translator};
use crate::base::config::EngineConfig;
use crate::mt::glossary::Glossary;
use async_trait::async_trait;
use regex::Regex;
use reqwest::header::{AUTHORIZATION, HeaderValue};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};

const NAME: &str = "openai";
/// The version of the instructions: a change asks every segment again.
const PROMPT_VERSION: &str = "1";
/// Segments per request unless `batch` says otherwise.
const DEFAULT_BATCH: usize = 20;
/// Bytes of segments per request: far below any model's context.
const MAX_BYTES: usize = 24 * 1024;
/// Characters of a post's other segments sent as context, at most.
const CONTEXT_CHARS: usize = 4000;

/// The client of one OpenAI-compatible server and model.
pub struct OpenAi {
    http: Http,
    key: Option<ApiKey>,
    model: String,
    temperature: f64,
    seed: Option<u64>,
    instructions: Option<String>,
    context: Option<String>,
    batch: usize,
    concurrency: usize,
    glossary: Arc<Glossary>,
    meter: Arc<Meter>,
    /// The server refused `json_schema`: `json_object` from then on.
    no_schema: AtomicBool,
}

#[derive(Serialize)]
struct Body<'a> {
    model: &'a str,
    messages: &'a [ChatMessage],
    temperature: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
    response_format: Value,
}

#[derive(Clone, Debug, Serialize)]
struct ChatMessage {
    role: &'static str,
    content: String,
}

#[derive(Deserialize)]
struct Completion {
    choices: Vec<Choice>,
    #[serde(default)]
    usage: Option<Usage>,
    #[serde(default)]
    model: Option<String>,
}

#[derive(Deserialize)]
struct Choice {
    message: Reply,
    #[serde(default)]
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct Reply {
    #[serde(default)]
    content: Option<String>,
}

#[derive(Deserialize)]
struct Usage {
    #[serde(default)]
    prompt_tokens: usize,
    #[serde(default)]
    completion_tokens: usize,
}

/// The answer asked for.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Translations {
    translations: Vec<Item>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    id: String,
    text: String,
}

/// What one round with the model gave.
enum Round {
    /// Every segment's answer (some may be refused).
    Done(Vec<Answer>),
    /// The batch is too long for the model: split it.
    TooLong,
}

impl OpenAi {
    /// A client for the configured server and model, with the key from
    /// `key_env` when one is named (a local server needs none).
    pub fn new(cfg: &EngineConfig, ctx: &Context) -> Result<OpenAi, EngineError> {
        let setup = |message: String| EngineError::Setup {
            engine: NAME,
            message,
        };
        let key = key::from_env(cfg, crate::base::config::FILE_NAME).map_err(setup)?;
        if let Some(k) = &key
            && HeaderValue::from_str(&format!("Bearer {}", k.expose())).is_err()
        {
            return Err(setup(format!(
                "the key in ${} holds characters a header cannot carry",
                cfg.key_env.as_deref().unwrap_or_default()
            )));
        }
        let url = cfg
            .url
            .as_deref()
            .ok_or_else(|| setup("no url (checked with the configuration)".into()))?;
        Ok(OpenAi {
            http: Http::new(NAME, url, cfg, ctx.meter.clone())?.redacting(key.as_ref()),
            key,
            model: cfg.model.clone().unwrap_or_default(),
            temperature: cfg.temperature.unwrap_or(0.0),
            seed: cfg.seed,
            instructions: cfg.instructions.clone(),
            context: cfg.context.clone(),
            batch: cfg.batch.unwrap_or(DEFAULT_BATCH),
            concurrency: cfg.concurrency,
            glossary: ctx.glossary.clone(),
            meter: ctx.meter.clone(),
            no_schema: AtomicBool::new(false),
        })
    }

    /// The instructions: what to do, what to keep, the glossary, the
    /// site's context and the locale's instructions.
    fn system(&self, pair: &Pair) -> String {
        let language = language_name(&pair.target);
        let mut out = format!(
            "You translate the French news posts of a website into {language} ({target}). \
Each segment is one paragraph, heading, list item or label of a post. \
Segments hold XML elements: <x id=\"N\"/> stands for something that is not translated (a link target, code, an image, a variable); \
<g id=\"N\">…</g> marks formatting around words (emphasis, a link's text). \
Keep every element exactly as it is, with its id, and translate the words inside <g> elements; never add, drop or renumber an element. \
Keep character references (&amp; &lt; &gt;) as they are. Translate the meaning, in natural {language}; keep names of people, organisations and places. \
Answer with JSON only: {{\"translations\": [{{\"id\": \"…\", \"text\": \"…\"}}]}}, one entry per segment, with the same ids.",
            target = pair.target,
        );
        let entries = self.glossary.entries(&pair.target);
        let keep: Vec<&str> = self.glossary.keep().iter().map(String::as_str).collect();
        if !keep.is_empty() {
            out.push_str("\nWrite these terms exactly as they are, never translated: ");
            out.push_str(&keep.join(", "));
            out.push('.');
        }
        let fixed: Vec<String> = entries
            .iter()
            .filter(|(a, b)| a != b)
            .map(|(a, b)| format!("\"{a}\" → \"{b}\""))
            .collect();
        if !fixed.is_empty() {
            out.push_str("\nTranslate these French terms like this: ");
            out.push_str(&fixed.join("; "));
            out.push('.');
        }
        if let Some(c) = &self.context {
            out.push_str(&format!("\nAbout the site: {c}"));
        }
        if let Some(i) = &self.instructions {
            out.push_str(&format!("\nFor this language: {i}"));
        }
        out
    }

    /// The request's JSON: the post (context only) and the segments.
    fn user(texts: &[String], doc: Option<&Doc>) -> String {
        let segments: Vec<Value> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| json!({"id": (i + 1).to_string(), "text": t}))
            .collect();
        let mut post = serde_json::Map::new();
        if let Some(d) = doc {
            if let Some(t) = &d.title {
                post.insert("title".into(), json!(t));
            }
            if let Some(s) = &d.summary {
                post.insert("summary".into(), json!(s));
            }
            let mut budget = CONTEXT_CHARS;
            let others: Vec<&String> = d
                .texts
                .iter()
                .filter(|t| !texts.contains(t))
                .take_while(|t| {
                    let n = t.chars().count();
                    let fits = n <= budget;
                    budget = budget.saturating_sub(n);
                    fits
                })
                .collect();
            if !others.is_empty() {
                post.insert("other_paragraphs".into(), json!(others));
            }
        }
        let mut request = serde_json::Map::new();
        if !post.is_empty() {
            request.insert(
                "post (context only, do not translate)".into(),
                Value::Object(post),
            );
        }
        request.insert("segments".into(), json!(segments));
        Value::Object(request).to_string()
    }

    fn response_format(&self, n: usize) -> Value {
        if self.no_schema.load(Ordering::Relaxed) {
            return json!({"type": "json_object"});
        }
        json!({
            "type": "json_schema",
            "json_schema": {
                "name": "translations",
                "strict": true,
                "schema": {
                    "type": "object",
                    "properties": {
                        "translations": {
                            "type": "array",
                            "minItems": n,
                            "maxItems": n,
                            "items": {
                                "type": "object",
                                "properties": {
                                    "id": {"type": "string"},
                                    "text": {"type": "string"}
                                },
                                "required": ["id", "text"],
                                "additionalProperties": false
                            }
                        }
                    },
                    "required": ["translations"],
                    "additionalProperties": false
                }
            }
        })
    }

    /// One Chat Completions request.
    async fn complete(
        &self,
        messages: &[ChatMessage],
        n: usize,
        chars: usize,
    ) -> Result<Completion, EngineError> {
        loop {
            let body = Body {
                model: &self.model,
                messages,
                temperature: self.temperature,
                seed: self.seed,
                response_format: self.response_format(n),
            };
            let build = |c: &reqwest::Client| {
                let r = c.post(self.http.url("/chat/completions"));
                match &self.key {
                    Some(k) => {
                        let mut auth = HeaderValue::from_str(&format!("Bearer {}", k.expose()))
                            .expect("checked in OpenAi::new");
                        auth.set_sensitive(true);
                        r.header(AUTHORIZATION, auth)
                    }
                    None => r,
                }
            };
            match self.http.post_json(chars, build, &body).await {
                Err(EngineError::Rejected {
                    status: 400,
                    message,
                    ..
                }) if refuses_schema(&message) && !self.no_schema.swap(true, Ordering::Relaxed) => {
                    tracing::info!("{NAME}: the server takes no JSON schema; asking for JSON");
                }
                other => return other,
            }
        }
    }

    /// One round: ask, and once more with what was wrong.
    async fn round(
        &self,
        pair: &Pair,
        texts: &[String],
        doc: Option<&Doc>,
    ) -> Result<Round, EngineError> {
        let mut messages = vec![
            ChatMessage {
                role: "system",
                content: self.system(pair),
            },
            ChatMessage {
                role: "user",
                content: Self::user(texts, doc),
            },
        ];
        let chars = super::characters(texts);
        let mut last = Vec::new();
        for attempt in 0..2 {
            let completion = match self.complete(&messages, texts.len(), chars).await {
                Err(e) if too_long(&e) => return Ok(Round::TooLong),
                other => other?,
            };
            if let Some(u) = &completion.usage {
                self.meter.tokens(u.prompt_tokens, u.completion_tokens);
            }
            let model = completion.model.clone();
            let Some(choice) = completion.choices.into_iter().next() else {
                return Err(EngineError::BadResponse {
                    engine: NAME,
                    message: "an answer without choices".into(),
                });
            };
            if choice.finish_reason.as_deref() == Some("length") {
                return Ok(Round::TooLong);
            }
            let content = choice.message.content.unwrap_or_default();
            let (answers, problems) = parse(&content, texts);
            last = answers
                .into_iter()
                .map(|a| {
                    a.map(|text| Translation {
                        model: model.clone(),
                        ..Translation::plain(text)
                    })
                })
                .collect();
            if problems.is_empty() {
                break;
            }
            tracing::warn!("{NAME}: answer {}: {}", attempt + 1, problems.join("; "));
            messages.push(ChatMessage {
                role: "assistant",
                content,
            });
            messages.push(ChatMessage {
                role: "user",
                content: format!(
                    "That answer cannot be used: {}. Answer again with the JSON asked for: every segment id once, no other, and every <x/> and <g> element of each segment kept exactly.",
                    problems.join("; ")
                ),
            });
        }
        Ok(Round::Done(last))
    }

    /// A batch, split in two when it is too long for the model.
    async fn answers(
        &self,
        pair: &Pair,
        texts: &[String],
        doc: Option<&Doc>,
    ) -> Result<Vec<Answer>, EngineError> {
        match self.round(pair, texts, doc).await? {
            Round::Done(a) => Ok(a),
            Round::TooLong if texts.len() > 1 => {
                // Halves, without the post's other paragraphs as context
                // (they would make each half as long as the whole).
                let lean = doc.map(|d| Doc {
                    texts: Vec::new(),
                    ..d.clone()
                });
                let (a, b) = texts.split_at(texts.len() / 2);
                let mut out = Box::pin(self.answers(pair, a, lean.as_ref())).await?;
                out.extend(Box::pin(self.answers(pair, b, lean.as_ref())).await?);
                Ok(out)
            }
            Round::TooLong => Ok(vec![Err(format!(
                "{NAME}: too long for the context of {}",
                self.model
            ))]),
        }
    }
}

/// An answer read strictly: for each segment its text when its id came
/// back once with every element kept, else why not; and every problem.
fn parse(content: &str, texts: &[String]) -> (Vec<Result<String, String>>, Vec<String>) {
    let refused = |why: &str| -> (Vec<Result<String, String>>, Vec<String>) {
        let answers = texts
            .iter()
            .map(|_| Err(format!("{NAME}: {why}")))
            .collect();
        (answers, vec![why.to_string()])
    };
    let body = strip_fence(content);
    let parsed: Translations = match serde_json::from_str(body) {
        Ok(p) => p,
        Err(e) => return refused(&format!("the answer is not the JSON asked for ({e})")),
    };
    let mut by_id: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for item in parsed.translations {
        by_id.entry(item.id).or_default().push(item.text);
    }
    let mut problems = Vec::new();
    for id in by_id.keys() {
        let known = id
            .parse::<usize>()
            .is_ok_and(|n| (1..=texts.len()).contains(&n));
        if !known {
            problems.push(format!("id {id} was not asked for"));
        }
    }
    let answers = texts
        .iter()
        .enumerate()
        .map(|(i, source)| {
            let id = (i + 1).to_string();
            let why = match by_id.get(&id).map(Vec::as_slice) {
                None | Some([]) => format!("segment {id} is missing"),
                Some([text]) if elements(text) == elements(source) => return Ok(text.clone()),
                Some([_]) => format!("segment {id} lost or changed an element"),
                Some(_) => format!("segment {id} came back more than once"),
            };
            problems.push(why.clone());
            Err(format!("{NAME}: {why}"))
        })
        .collect();
    (answers, problems)
}

/// The answer without a Markdown code fence around it (some models add
/// one even when asked for JSON).
fn strip_fence(content: &str) -> &str {
    let t = content.trim();
    let Some(rest) = t.strip_prefix("```") else {
        return t;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    rest.strip_suffix("```").unwrap_or(rest).trim()
}

/// The `<x/>` and `<g>` elements of a segment, sorted.
fn elements(text: &str) -> Vec<&str> {
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"<x id="\d+"/>|<g id="\d+">|</g>"#).expect("a regex"));
    let mut out: Vec<&str> = TAG.find_iter(text).map(|m| m.as_str()).collect();
    out.sort_unstable();
    out
}

/// A 400 that says the prompt is longer than the model's context.
fn too_long(e: &EngineError) -> bool {
    match e {
        EngineError::Rejected {
            status: 400 | 413,
            message,
            ..
        } => {
            let m = message.to_ascii_lowercase();
            m.contains("context_length_exceeded")
                || m.contains("context length")
                || m.contains("maximum context")
                || m.contains("too many tokens")
        }
        _ => false,
    }
}

/// A 400 that says the server takes no JSON schema.
fn refuses_schema(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("json_schema") || m.contains("response_format")
}

/// The English name of a locale's language, for the instructions.
fn language_name(locale: &unic_langid::LanguageIdentifier) -> String {
    let name = match locale.language.as_str() {
        "en" => "English",
        "es" => "Spanish",
        "de" => "German",
        "it" => "Italian",
        "pt" => "Portuguese",
        "nl" => "Dutch",
        "ar" => "Arabic",
        "wo" => "Wolof",
        "mg" => "Malagasy",
        other => return other.to_string(),
    };
    match locale.region {
        Some(r) => format!("{name} ({r})"),
        None => name.to_string(),
    }
}

#[async_trait]
impl Translator for OpenAi {
    fn name(&self) -> &'static str {
        NAME
    }

    fn limits(&self, _pair: &Pair) -> Limits {
        Limits {
            texts: self.batch,
            bytes: Some(MAX_BYTES),
            overhead: 2,
        }
    }

    fn concurrency(&self) -> usize {
        self.concurrency
    }

    fn by_document(&self) -> bool {
        true
    }

    async fn translate(
        &self,
        pair: &Pair,
        texts: &[String],
    ) -> Result<Vec<Translation>, EngineError> {
        let answers = self.answers(pair, texts, None).await?;
        answers
            .into_iter()
            .map(|a| {
                a.map_err(|message| EngineError::BadResponse {
                    engine: NAME,
                    message,
                })
            })
            .collect()
    }

    async fn translate_in(
        &self,
        pair: &Pair,
        texts: &[String],
        doc: Option<&Doc>,
    ) -> Result<Vec<Answer>, EngineError> {
        self.answers(pair, texts, doc).await
    }
}

/// What decides the answer besides the text, for the cache: the model,
/// the prompt's version, temperature and seed, the instructions, the
/// site's context and the locale's glossary. Never the key.
pub fn scope(cfg: &EngineConfig, pair: &Pair, glossary: &Glossary) -> String {
    let hash = |s: &Option<String>| {
        s.as_deref()
            .map(crate::base::digest::hash)
            .unwrap_or_default()
    };
    format!(
        "url={}|model={}|prompt={PROMPT_VERSION}|temperature={}|seed={}|instructions={}|context={}|glossary={}",
        cfg.url.as_deref().unwrap_or_default(),
        cfg.model.as_deref().unwrap_or_default(),
        cfg.temperature.unwrap_or(0.0),
        cfg.seed.map(|s| s.to_string()).unwrap_or_default(),
        hash(&cfg.instructions),
        hash(&cfg.context),
        glossary.version(&pair.target),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> Vec<String> {
        vec![
            "Les <g id=\"1\">enfants</g> lisent.".to_string(),
            "Voir <x id=\"2\"/>.".to_string(),
        ]
    }

    #[test]
    fn an_answer_is_read_strictly() {
        let good = r#"{"translations":[{"id":"2","text":"See <x id=\"2\"/>."},{"id":"1","text":"The <g id=\"1\">children</g> read."}]}"#;
        let (a, p) = parse(good, &texts());
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(a[0].as_ref().unwrap(), "The <g id=\"1\">children</g> read.");
        let fenced = format!("```json\n{good}\n```");
        assert!(parse(&fenced, &texts()).1.is_empty());
        let lost = r#"{"translations":[{"id":"1","text":"The children read."},{"id":"2","text":"See <x id=\"2\"/>."}]}"#;
        let (a, p) = parse(lost, &texts());
        assert!(a[0].is_err() && a[1].is_ok(), "{a:?}");
        assert_eq!(p, ["segment 1 lost or changed an element"]);
        let (a, p) = parse("not json", &texts());
        assert!(a.iter().all(Result::is_err) && p.len() == 1);
        let extra = r#"{"translations":[{"id":"1","text":"x <g id=\"1\">y</g>"},{"id":"2","text":"<x id=\"2\"/>"},{"id":"3","text":"z"}]}"#;
        assert_eq!(parse(extra, &texts()).1, ["id 3 was not asked for"]);
    }

    #[test]
    fn context_length_errors_are_told_apart() {
        let e = |message: &str| EngineError::Rejected {
            engine: NAME,
            status: 400,
            message: message.into(),
        };
        assert!(too_long(&e(
            r#"{"error":{"code":"context_length_exceeded"}}"#
        )));
        assert!(!too_long(&e("model not found")));
        assert!(refuses_schema(
            "response_format json_schema is not supported"
        ));
    }
}
