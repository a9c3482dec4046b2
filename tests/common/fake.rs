//! Fake DeepL and LibreTranslate servers for the tests: loopback only,
//! started by the test that needs one, enforcing the wire contract of
//! reference/mt-apis.md so that a client that breaks it fails a test.
//!
//! DeepL: 403 without the right `Authorization: DeepL-Auth-Key` header
//! (empty body when it is missing, as DeepL's own mock does), 400 without
//! a `User-Agent` (DeepL's mock refuses those), v2 glossaries (one pair
//! each) and v3 multilingual ones (a dictionary per pair, replaced in
//! place), 456 beyond the account's glossary limit (one on Free), 413 above 50
//! texts or 128 KiB, 400 for a plain `EN` target, a missing or foreign
//! `source_lang`, `tag_handling` other than `xml`, `more`/`less` formality
//! for English, a glossary of another pair, or text that is not
//! well-formed XML. LibreTranslate: `q` an array, `format=html`, `api_key`
//! in the body, errors as `{"error"}`, answers HTML-unescaped with
//! `<x></x>` elements, as the real server does.
//!
//! Both translate deterministically, keeping the `<x/>`/`<g>` elements: a
//! few French words become English or Spanish ones, and words in capitals
//! become title case ("KEOOGO" → "Keoogo") unless a DeepL glossary entry
//! holds them. Scripted faults (429 with or without `Retry-After`, 503,
//! 456, malformed JSON), a quota after N requests, a latency, and a word
//! the engine drops make the failure cases.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use regex::Regex;
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

/// What a request should get instead of a translation.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Fault {
    /// 429, with `Retry-After: N` seconds when given.
    TooMany(Option<u64>),
    /// 503 Service Unavailable.
    Unavailable,
    /// 456 Quota exceeded.
    Quota,
    /// 200 with a body that is not JSON.
    Malformed,
    /// The connection is closed without an answer.
    Reset,
    /// The answer comes after this long (longer than the client waits).
    Hang(Duration),
    /// 200 with one translation fewer than the texts sent.
    Fewer,
    /// 200, but the engine lost every `<x id="1"/>` element.
    LoseTag,
    /// 200, but the engine wrote every `<x id="1"/>` element twice.
    DuplicateTag,
    /// 400 whose message echoes the request's key, with terminal control
    /// bytes and a long tail (a misbehaving server or proxy).
    EchoKey,
    /// An LLM's answer that is not JSON.
    BrokenJson,
    /// An LLM's answer with its translations in reverse order.
    Reorder,
    /// An LLM's answer cut short (`finish_reason: length`).
    Cut,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Deepl,
    Libre,
    Openai,
}

/// One request the server received.
#[derive(Clone, Debug)]
pub(crate) struct Logged {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) status: u16,
    pub(crate) body: String,
    pub(crate) authorization: Option<String>,
    pub(crate) user_agent: Option<String>,
    /// When the request arrived and when its answer left.
    pub(crate) received: Instant,
    pub(crate) answered: Instant,
}

/// A dictionary the fake holds: source language, target language, entries.
type Dictionary = (String, String, Vec<(String, String)>);

/// A glossary: one dictionary (v2) or several (v3).
#[derive(Clone, Debug)]
struct Glossary {
    v3: bool,
    dictionaries: Vec<Dictionary>,
}

struct State {
    kind: Kind,
    key: Option<String>,
    log: Vec<Logged>,
    faults: VecDeque<Fault>,
    /// Successful translate requests allowed before 456.
    quota: Option<usize>,
    translated_requests: usize,
    latency: Duration,
    drop_word: Option<String>,
    glossaries: HashMap<String, Glossary>,
    /// Glossaries the account may hold (one on Free).
    glossary_limit: Option<usize>,
    next_id: usize,
    /// (target, text) of every text translated.
    texts: Vec<(String, String)>,
    characters: u64,
    /// OpenAI-compatible: characters of messages a request may hold (400
    /// `context_length_exceeded` above), and whether `json_schema` is taken.
    context_limit: usize,
    schema: bool,
}

/// A fake engine server on 127.0.0.1.
pub(crate) struct Fake {
    pub(crate) url: String,
    state: Arc<Mutex<State>>,
}

type Reply = (u16, Vec<(&'static str, String)>, String);

impl Fake {
    /// A DeepL server that accepts `key`.
    pub(crate) fn deepl(key: &str) -> Fake {
        Fake::start(Kind::Deepl, Some(key.to_string()))
    }

    /// An OpenAI-compatible Chat Completions server (`/v1/chat/completions`),
    /// with a Bearer key required when `key` is set.
    pub(crate) fn openai(key: Option<&str>) -> Fake {
        Fake::start(Kind::Openai, key.map(str::to_string))
    }

    /// Requests whose messages hold more characters get 400
    /// `context_length_exceeded`.
    pub(crate) fn context_limit(&self, chars: usize) {
        self.state.lock().unwrap().context_limit = chars;
    }

    /// The server refuses `json_schema` response formats (400), as some
    /// local servers do.
    pub(crate) fn without_json_schema(&self) {
        self.state.lock().unwrap().schema = false;
    }

    /// A LibreTranslate server, with an API key required when `key` is set.
    pub(crate) fn libretranslate(key: Option<&str>) -> Fake {
        Fake::start(Kind::Libre, key.map(str::to_string))
    }

    fn start(kind: Kind, key: Option<String>) -> Fake {
        let state = Arc::new(Mutex::new(State {
            kind,
            key,
            log: Vec::new(),
            faults: VecDeque::new(),
            quota: None,
            translated_requests: 0,
            latency: Duration::ZERO,
            drop_word: None,
            glossaries: HashMap::new(),
            glossary_limit: None,
            next_id: 1,
            texts: Vec::new(),
            characters: 0,
            context_limit: 100_000,
            schema: true,
        }));
        let (tx, rx) = std::sync::mpsc::channel();
        let shared = state.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(serve(shared, tx));
        });
        let addr = rx.recv().expect("fake server started");
        Fake {
            url: format!("http://{addr}"),
            state,
        }
    }

    /// The next translate requests get these faults, in order.
    pub(crate) fn fail_next(&self, faults: &[Fault]) {
        self.state
            .lock()
            .unwrap()
            .faults
            .extend(faults.iter().cloned());
    }

    /// After `n` more translated requests, answer 456 until reset.
    pub(crate) fn quota_after(&self, n: usize) {
        let mut s = self.state.lock().unwrap();
        s.quota = Some(s.translated_requests + n);
    }

    pub(crate) fn reset_quota(&self) {
        self.state.lock().unwrap().quota = None;
    }

    pub(crate) fn set_latency(&self, d: Duration) {
        self.state.lock().unwrap().latency = d;
    }

    /// The engine leaves this word out of every translation.
    pub(crate) fn drop_word(&self, word: &str) {
        self.state.lock().unwrap().drop_word = Some(word.to_string());
    }

    /// The account holds at most `n` glossaries (DeepL API Free: 1).
    pub(crate) fn glossary_limit(&self, n: usize) {
        self.state.lock().unwrap().glossary_limit = Some(n);
    }

    /// The glossaries held: (is v3, its dictionaries' target languages).
    pub(crate) fn glossaries(&self) -> Vec<(bool, Vec<String>)> {
        let s = self.state.lock().unwrap();
        let mut out: Vec<(bool, Vec<String>)> = s
            .glossaries
            .values()
            .map(|g| (g.v3, g.dictionaries.iter().map(|d| d.1.clone()).collect()))
            .collect();
        out.sort();
        out
    }

    /// Forgets every glossary, as if deleted on the account.
    pub(crate) fn drop_glossaries(&self) {
        self.state.lock().unwrap().glossaries.clear();
    }

    /// Requests received on `path` (refused ones included).
    pub(crate) fn requests(&self, path: &str) -> usize {
        self.state
            .lock()
            .unwrap()
            .log
            .iter()
            .filter(|l| l.path == path)
            .count()
    }

    /// Every request received.
    pub(crate) fn log(&self) -> Vec<Logged> {
        self.state.lock().unwrap().log.clone()
    }

    /// (target, text) of every text translated, in order of arrival.
    pub(crate) fn texts(&self) -> Vec<(String, String)> {
        self.state.lock().unwrap().texts.clone()
    }

    /// From the first request's arrival to the last answer: the time the
    /// client spent talking to this server.
    pub(crate) fn busy(&self) -> Duration {
        let log = self.log();
        let first = log.iter().map(|l| l.received).min();
        let last = log.iter().map(|l| l.answered).max();
        match (first, last) {
            (Some(a), Some(b)) => b - a,
            _ => Duration::ZERO,
        }
    }

    pub(crate) fn forget(&self) {
        let mut s = self.state.lock().unwrap();
        s.log.clear();
        s.texts.clear();
    }
}

async fn serve(state: Arc<Mutex<State>>, tx: std::sync::mpsc::Sender<std::net::SocketAddr>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    tx.send(listener.local_addr().unwrap()).unwrap();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let state = state.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| handle(state.clone(), req));
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(io, service)
                .await;
        });
    }
}

async fn handle(
    state: Arc<Mutex<State>>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    let received = Instant::now();
    if req.uri().path().ends_with("/translate") {
        let next = state.lock().unwrap().faults.front().copied();
        match next {
            Some(Fault::Reset) => {
                state.lock().unwrap().faults.pop_front();
                return Err(std::io::Error::other("fake: connection reset"));
            }
            Some(Fault::Hang(d)) => {
                state.lock().unwrap().faults.pop_front();
                tokio::time::sleep(d).await;
            }
            _ => {}
        }
    }
    let (parts, body) = req.into_parts();
    let bytes = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let latency = state.lock().unwrap().latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (authorization, user_agent) = (header("authorization"), header("user-agent"));
    let body = String::from_utf8_lossy(&bytes).into_owned();
    let mut s = state.lock().unwrap();
    let (status, headers, reply) = match s.kind {
        Kind::Deepl if user_agent.as_deref().is_none_or(str::is_empty) => msg(
            400,
            "message",
            "fake: DeepL's mock refuses requests without a User-Agent",
        ),
        Kind::Deepl => s.deepl(
            parts.method.as_str(),
            parts.uri.path(),
            authorization.as_deref(),
            &body,
        ),
        Kind::Libre => s.libre(parts.uri.path(), &body),
        Kind::Openai => s.openai(parts.uri.path(), authorization.as_deref(), &body),
    };
    s.log.push(Logged {
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        status,
        body,
        authorization,
        user_agent,
        received,
        answered: Instant::now(),
    });
    let mut resp = Response::builder().status(status);
    for (k, v) in headers {
        resp = resp.header(k, v);
    }
    if !reply.is_empty() {
        resp = resp.header("content-type", "application/json");
    }
    Ok(resp.body(Full::new(Bytes::from(reply))).unwrap())
}

fn msg(status: u16, key: &str, text: &str) -> Reply {
    (status, vec![], json!({ key: text }).to_string())
}

impl State {
    fn deepl(&mut self, method: &str, path: &str, auth: Option<&str>, body: &str) -> Reply {
        let want = format!("DeepL-Auth-Key {}", self.key.as_deref().unwrap_or_default());
        match auth {
            None => return (403, vec![], String::new()),
            Some(a) if a != want => {
                return msg(403, "message", "Authorization failure, check auth_key");
            }
            _ => {}
        }
        match (method, path) {
            ("POST", "/v2/translate") => self.deepl_translate(body),
            ("GET", "/v2/usage") => (
                200,
                vec![],
                json!({"character_count": self.characters, "character_limit": 500000}).to_string(),
            ),
            ("POST", "/v2/glossaries") => self.create_glossary(body),
            ("POST", "/v3/glossaries") => self.create_multilingual(body),
            ("PUT", p) if p.starts_with("/v3/glossaries/") && p.ends_with("/dictionaries") => {
                let id = &p["/v3/glossaries/".len()..p.len() - "/dictionaries".len()];
                self.replace_dictionary(id, body)
            }
            ("DELETE", p) if p.starts_with("/v3/glossaries/") => {
                let id = &p["/v3/glossaries/".len()..];
                match self.glossaries.remove(id) {
                    Some(_) => (204, vec![], String::new()),
                    None => msg(404, "message", "Glossary not found"),
                }
            }
            ("GET", p) if p.starts_with("/v2/glossaries/") => {
                let id = &p["/v2/glossaries/".len()..];
                match self.glossaries.get(id) {
                    Some(_) => (
                        200,
                        vec![],
                        json!({"glossary_id": id, "ready": true}).to_string(),
                    ),
                    None => msg(404, "message", "Glossary not found"),
                }
            }
            ("DELETE", p) if p.starts_with("/v2/glossaries/") => {
                let id = &p["/v2/glossaries/".len()..];
                match self.glossaries.remove(id) {
                    Some(_) => (204, vec![], String::new()),
                    None => msg(404, "message", "Glossary not found"),
                }
            }
            _ => msg(404, "message", "Not found"),
        }
    }

    fn deepl_translate(&mut self, body: &str) -> Reply {
        if body.len() > 128 * 1024 {
            return msg(413, "message", "Request Entity Too Large");
        }
        let Ok(v) = serde_json::from_str::<Value>(body) else {
            return msg(400, "message", "Invalid request: expected a JSON body");
        };
        let texts: Vec<String> = match v["text"].as_array() {
            Some(a) if !a.is_empty() => a
                .iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect(),
            _ => return msg(400, "message", "Parameter 'text' not specified."),
        };
        if texts.len() > 50 {
            return msg(413, "message", "Too many texts in one request");
        }
        let target = v["target_lang"].as_str().unwrap_or_default().to_string();
        if target == "EN" {
            return msg(
                400,
                "message",
                "targetLang='en' is deprecated, please use 'en-GB' or 'en-US' instead.",
            );
        }
        if !["EN-GB", "EN-US", "ES", "ES-419", "DE", "PT-PT", "PT-BR"].contains(&target.as_str()) {
            return msg(400, "message", "Value for 'target_lang' not supported.");
        }
        if v["source_lang"].as_str() != Some("FR") {
            return msg(400, "message", "Value for 'source_lang' not supported.");
        }
        if v["tag_handling"].as_str() != Some("xml") {
            return msg(400, "message", "fake: relais always sends tag_handling=xml");
        }
        if let Some(f) = v.get("formality") {
            let f = f.as_str().unwrap_or_default();
            if !["default", "more", "less", "prefer_more", "prefer_less"].contains(&f) {
                return msg(400, "message", "Value for 'formality' not supported.");
            }
            if target.starts_with("EN") && (f == "more" || f == "less") {
                return msg(
                    400,
                    "message",
                    "'formality' is not supported for given 'target_lang'.",
                );
            }
        }
        let root = target[..2].to_lowercase();
        let entries = match v.get("glossary_id").and_then(Value::as_str) {
            None => Vec::new(),
            Some(id) => match self.glossaries.get(id) {
                None => return msg(404, "message", "Glossary not found"),
                Some(g) => match g
                    .dictionaries
                    .iter()
                    .find(|(src, tgt, _)| src == "fr" && *tgt == root)
                {
                    None => {
                        return msg(400, "message", "Glossary does not match the language pair");
                    }
                    Some((_, _, e)) => e.clone(),
                },
            },
        };
        let model = match v.get("model_type").map(|m| m.as_str().unwrap_or_default()) {
            None => None,
            Some(m @ ("latency_optimized" | "quality_optimized")) => Some(m.to_string()),
            Some("prefer_quality_optimized") => Some("quality_optimized".to_string()),
            Some(_) => return msg(400, "message", "Value for 'model_type' not supported."),
        };
        if texts.iter().any(|t| !well_formed(t)) {
            return msg(400, "message", "Tag handling parsing failed");
        }
        if let Some(reply) = self.fault("message") {
            return reply;
        }
        if self.quota.is_some_and(|q| self.translated_requests >= q) {
            return msg(
                456,
                "message",
                "Quota for this billing period has been exceeded.",
            );
        }
        self.translated_requests += 1;
        let content_fault = match self.faults.front() {
            Some(Fault::Fewer | Fault::LoseTag | Fault::DuplicateTag) => self.faults.pop_front(),
            _ => None,
        };
        let mut out: Vec<Value> = texts
            .iter()
            .map(|t| {
                self.texts.push((target.clone(), t.clone()));
                self.characters += t.chars().count() as u64;
                let mut text = self.translate(t, &root, &entries);
                let tag = "<x id=\"1\"/>";
                match content_fault {
                    Some(Fault::LoseTag) => text = text.replace(tag, ""),
                    Some(Fault::DuplicateTag) => text = text.replace(tag, &format!("{tag}{tag}")),
                    _ => {}
                }
                match &model {
                    Some(m) => json!({"detected_source_language": "FR", "text": text, "model_type_used": m}),
                    None => json!({"detected_source_language": "FR", "text": text}),
                }
            })
            .collect();
        if matches!(content_fault, Some(Fault::Fewer)) {
            out.pop();
        }
        (200, vec![], json!({ "translations": out }).to_string())
    }

    fn create_glossary(&mut self, body: &str) -> Reply {
        let Ok(v) = serde_json::from_str::<Value>(body) else {
            return msg(400, "message", "Invalid request: expected a JSON body");
        };
        let dictionary = match dictionary(&v) {
            Ok(d) => d,
            Err(reply) => return reply,
        };
        let n = dictionary.2.len();
        match self.hold(false, vec![dictionary]) {
            Ok(id) => (
                201,
                vec![],
                json!({"glossary_id": id, "ready": true, "entry_count": n}).to_string(),
            ),
            Err(reply) => reply,
        }
    }

    /// `POST /v3/glossaries`: `name` and `dictionaries`.
    fn create_multilingual(&mut self, body: &str) -> Reply {
        let Ok(v) = serde_json::from_str::<Value>(body) else {
            return msg(400, "message", "Invalid request: expected a JSON body");
        };
        if v["name"].as_str().is_none_or(str::is_empty) {
            return msg(400, "message", "Missing or invalid argument: name");
        }
        let Some(list) = v["dictionaries"].as_array().filter(|l| !l.is_empty()) else {
            return msg(400, "message", "Missing or invalid argument: dictionaries");
        };
        let mut dictionaries = Vec::new();
        for d in list {
            match dictionary(d) {
                Ok(d) => dictionaries.push(d),
                Err(reply) => return reply,
            }
        }
        let info: Vec<Value> = dictionaries
            .iter()
            .map(|(s, t, e)| json!({"source_lang": s, "target_lang": t, "entry_count": e.len()}))
            .collect();
        match self.hold(true, dictionaries) {
            Ok(id) => (
                201,
                vec![],
                json!({"glossary_id": id, "name": v["name"], "dictionaries": info,
                       "creation_time": "2026-01-01T00:00:00Z"})
                .to_string(),
            ),
            Err(reply) => reply,
        }
    }

    /// `PUT /v3/glossaries/{id}/dictionaries`: one pair's entries replaced
    /// (or added).
    fn replace_dictionary(&mut self, id: &str, body: &str) -> Reply {
        let Ok(v) = serde_json::from_str::<Value>(body) else {
            return msg(400, "message", "Invalid request: expected a JSON body");
        };
        let d = match dictionary(&v) {
            Ok(d) => d,
            Err(reply) => return reply,
        };
        let Some(g) = self.glossaries.get_mut(id).filter(|g| g.v3) else {
            return msg(404, "message", "Glossary not found");
        };
        let info = json!({"source_lang": d.0, "target_lang": d.1, "entry_count": d.2.len()});
        g.dictionaries.retain(|(s, t, _)| !(*s == d.0 && *t == d.1));
        g.dictionaries.push(d);
        (200, vec![], info.to_string())
    }

    /// Keeps a new glossary, unless the account holds its limit (456).
    fn hold(&mut self, v3: bool, dictionaries: Vec<Dictionary>) -> Result<String, Reply> {
        if self
            .glossary_limit
            .is_some_and(|n| self.glossaries.len() >= n)
        {
            return Err((456, vec![], String::new()));
        }
        let id = format!("fake-glossary-{}", self.next_id);
        self.next_id += 1;
        self.glossaries
            .insert(id.clone(), Glossary { v3, dictionaries });
        Ok(id)
    }

    /// Chat Completions, as OpenAI, Mistral, vLLM and llama.cpp answer it.
    fn openai(&mut self, path: &str, auth: Option<&str>, body: &str) -> Reply {
        let error = |status: u16, message: &str, code: &str| {
            (
                status,
                vec![],
                json!({"error": {"message": message, "type": "invalid_request_error", "code": code}})
                    .to_string(),
            )
        };
        if path != "/v1/chat/completions" {
            return error(404, "Not found", "not_found");
        }
        if let Some(key) = &self.key
            && auth != Some(format!("Bearer {key}").as_str())
        {
            return error(401, "Incorrect API key provided", "invalid_api_key");
        }
        let Ok(v) = serde_json::from_str::<Value>(body) else {
            return error(
                400,
                "We could not parse the JSON body of your request",
                "invalid_json",
            );
        };
        if v["model"].as_str().is_none_or(|m| m.is_empty()) {
            return error(400, "you must provide a model parameter", "missing_model");
        }
        let Some(messages) = v["messages"].as_array().filter(|m| !m.is_empty()) else {
            return error(400, "'messages' is a required property", "missing_messages");
        };
        for m in messages {
            let role_ok = matches!(m["role"].as_str(), Some("system" | "user" | "assistant"));
            if !role_ok || !m["content"].is_string() {
                return error(
                    400,
                    "each message needs a role and a string content",
                    "invalid_messages",
                );
            }
        }
        if let Some(t) = v.get("temperature")
            && !t.as_f64().is_some_and(|t| (0.0..=2.0).contains(&t))
        {
            return error(
                400,
                "temperature must be between 0 and 2",
                "invalid_temperature",
            );
        }
        match v["response_format"]["type"].as_str() {
            None | Some("json_object" | "text") => {}
            Some("json_schema") if !self.schema => {
                return error(
                    400,
                    "response_format json_schema is not supported by this server",
                    "unsupported",
                );
            }
            Some("json_schema") if v["response_format"]["json_schema"]["schema"].is_object() => {}
            Some(_) => return error(400, "invalid response_format", "invalid_response_format"),
        }
        let chars: usize = messages
            .iter()
            .map(|m| m["content"].as_str().unwrap_or_default().chars().count())
            .sum();
        if chars > self.context_limit {
            return error(
                400,
                &format!(
                    "This model's maximum context length is {} characters; the messages hold {chars}",
                    self.context_limit
                ),
                "context_length_exceeded",
            );
        }
        if let Some(reply) = self.fault("error") {
            return reply;
        }
        let system = messages[0]["content"].as_str().unwrap_or_default();
        let root = if system.contains("(es)") { "es" } else { "en" };
        // A model follows the glossary it is given in its instructions.
        let mut glossary: Vec<(String, String)> = Vec::new();
        for line in system.lines() {
            if let Some(terms) =
                line.strip_prefix("Write these terms exactly as they are, never translated: ")
            {
                for t in terms.trim_end_matches('.').split(", ") {
                    glossary.push((t.to_string(), t.to_string()));
                }
            }
            if let Some(pairs) = line.strip_prefix("Translate these French terms like this: ") {
                for p in pairs.trim_end_matches('.').split("; ") {
                    if let Some((a, b)) = p.split_once(" → ") {
                        glossary.push((
                            a.trim_matches('"').to_string(),
                            b.trim_matches('"').to_string(),
                        ));
                    }
                }
            }
        }
        glossary.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
        // The last user message asking for segments: the first one.
        let request: Value = messages
            .iter()
            .find(|m| m["role"] == "user")
            .and_then(|m| serde_json::from_str(m["content"].as_str()?).ok())
            .unwrap_or_default();
        let Some(segments) = request["segments"].as_array() else {
            return error(400, "fake: no segments in the request", "fake");
        };
        self.translated_requests += 1;
        let content_fault = match self.faults.front() {
            Some(Fault::LoseTag | Fault::BrokenJson | Fault::Reorder | Fault::Cut) => {
                self.faults.pop_front()
            }
            _ => None,
        };
        let mut out: Vec<Value> = segments
            .iter()
            .map(|seg| {
                let t = seg["text"].as_str().unwrap_or_default();
                self.texts.push((root.to_string(), t.to_string()));
                self.characters += t.chars().count() as u64;
                let mut text = self.translate(t, root, &glossary);
                if matches!(content_fault, Some(Fault::LoseTag)) {
                    text = text.replace("<x id=\"1\"/>", "");
                }
                json!({"id": seg["id"], "text": text})
            })
            .collect();
        if matches!(content_fault, Some(Fault::Reorder)) {
            out.reverse();
        }
        let content = match content_fault {
            Some(Fault::BrokenJson) => {
                "Here are the translations: {\"translations\": [".to_string()
            }
            _ => json!({"translations": out}).to_string(),
        };
        let finish = if matches!(content_fault, Some(Fault::Cut)) {
            "length"
        } else {
            "stop"
        };
        let completion = (content.chars().count() / 4).max(1);
        (
            200,
            vec![],
            json!({
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "model": v["model"],
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}],
                "usage": {"prompt_tokens": chars / 4, "completion_tokens": completion, "total_tokens": chars / 4 + completion}
            })
            .to_string(),
        )
    }

    fn libre(&mut self, path: &str, body: &str) -> Reply {
        if path != "/translate" {
            return (404, vec![], "<html>Not Found</html>".into());
        }
        let Ok(v) = serde_json::from_str::<Value>(body) else {
            return msg(400, "error", "Invalid request: missing q parameter");
        };
        if let Some(key) = &self.key
            && v["api_key"].as_str() != Some(key.as_str())
        {
            return msg(403, "error", "Invalid API key");
        }
        let Some(q) = v["q"].as_array() else {
            return msg(400, "error", "fake: relais always sends q as an array");
        };
        if v["format"] != "html" {
            return msg(400, "error", "fake: relais always sends format=html");
        }
        let target = v["target"].as_str().unwrap_or_default().to_string();
        if v["source"] != "fr" || !["en", "es"].contains(&target.as_str()) {
            return msg(400, "error", "fake: language pair not supported");
        }
        if let Some(reply) = self.fault("error") {
            return reply;
        }
        self.translated_requests += 1;
        let out: Vec<String> = q
            .iter()
            .map(|t| {
                let t = t.as_str().unwrap_or_default();
                self.texts.push((target.clone(), t.to_string()));
                html_like(&self.translate(t, &target, &[]))
            })
            .collect();
        (200, vec![], json!({ "translatedText": out }).to_string())
    }

    /// The next scripted fault, as a reply.
    fn fault(&mut self, key: &str) -> Option<Reply> {
        Some(match self.faults.pop_front()? {
            Fault::TooMany(after) => {
                let headers = after
                    .map(|s| vec![("retry-after", s.to_string())])
                    .unwrap_or_default();
                (
                    429,
                    headers,
                    json!({ key: "Too many requests" }).to_string(),
                )
            }
            Fault::Unavailable => msg(503, key, "Service unavailable"),
            Fault::Quota => msg(456, key, "Quota for this billing period has been exceeded."),
            Fault::Malformed => (200, vec![], "{\"translations\": [".into()),
            Fault::EchoKey => {
                let echoed = format!(
                    "Bad request from DeepL-Auth-Key {}\u{1b}[2J\u{7}{}",
                    self.key.as_deref().unwrap_or_default(),
                    "x".repeat(5000)
                );
                msg(400, key, &echoed)
            }
            other => {
                // Content faults apply to the answer itself.
                self.faults.push_front(other);
                return None;
            }
        })
    }

    /// The deterministic "translation" of one text.
    fn translate(&self, text: &str, lang: &str, glossary: &[(String, String)]) -> String {
        static TOKEN: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"<[^>]*>|&[#\w]+;|[\p{L}\p{N}'’-]+|.").unwrap());
        let mut out = String::new();
        let tokens: Vec<&str> = TOKEN.find_iter(text).map(|m| m.as_str()).collect();
        // Glossary entries of several words are matched first.
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if self.drop_word.as_deref() == Some(t) {
                // Leave the word out, and one space with it.
                i += if tokens.get(i + 1) == Some(&" ") {
                    2
                } else {
                    1
                };
                continue;
            }
            if let Some((len, to)) = glossary_at(&tokens[i..], glossary) {
                out.push_str(&to);
                i += len;
                continue;
            }
            out.push_str(&word(t, lang));
            i += 1;
        }
        out
    }
}

fn glossary_at(tokens: &[&str], glossary: &[(String, String)]) -> Option<(usize, String)> {
    glossary.iter().find_map(|(from, to)| {
        let mut joined = String::new();
        for (n, t) in tokens.iter().enumerate() {
            joined.push_str(t);
            if joined == *from {
                return Some((n + 1, to.clone()));
            }
            if !from.starts_with(&joined) {
                return None;
            }
        }
        None
    })
}

/// One token: markup and entities as they are, a few words translated,
/// capitals made title case.
fn word(t: &str, lang: &str) -> String {
    if t.starts_with('<') || t.starts_with('&') {
        return t.to_string();
    }
    let dict: &[(&str, &str)] = match lang {
        "en" => &[
            ("le", "the"),
            ("la", "the"),
            ("les", "the"),
            ("de", "of"),
            ("et", "and"),
            ("des", "some"),
            ("un", "a"),
            ("une", "a"),
        ],
        _ => &[
            ("le", "el"),
            ("les", "los"),
            ("et", "y"),
            ("des", "unos"),
            ("une", "una"),
        ],
    };
    if let Some((_, to)) = dict.iter().find(|(from, _)| *from == t) {
        return to.to_string();
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && t.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
        let mut cs = t.chars();
        let first = cs.next().unwrap();
        return first.to_string() + &cs.as_str().to_lowercase();
    }
    t.to_string()
}

/// What LibreTranslate's HTML round trip does: `<x/>` becomes `<x></x>`,
/// and the whole answer is HTML-unescaped.
fn html_like(text: &str) -> String {
    static EMPTY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"<x id="(\d+)"/>"#).unwrap());
    let t = EMPTY.replace_all(text, r#"<x id="$1"></x>"#);
    t.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Whether DeepL's strict XML tag handling accepts a text: only the
/// elements relais makes, balanced, and `&` only in entities.
fn well_formed(text: &str) -> bool {
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"^(?:<x id="\d+"/>|<g id="\d+">|</g>)"#).unwrap());
    static ENTITY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);").unwrap());
    let mut depth: i32 = 0;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with('<') {
            let Some(m) = TAG.find(rest) else {
                return false;
            };
            if m.as_str().starts_with("<g") {
                depth += 1;
            } else if m.as_str() == "</g>" {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            i += m.end();
        } else if rest.starts_with('&') {
            let Some(m) = ENTITY.find(rest) else {
                return false;
            };
            i += m.end();
        } else if rest.starts_with('>') {
            return false;
        } else {
            i += rest.chars().next().unwrap().len_utf8();
        }
    }
    depth == 0
}

/// A dictionary of a glossary request: `source_lang`, `target_lang`,
/// `entries` (TSV, source terms unique), `entries_format`.
fn dictionary(v: &Value) -> Result<Dictionary, Reply> {
    let (src, tgt) = (
        v["source_lang"].as_str().unwrap_or_default(),
        v["target_lang"].as_str().unwrap_or_default(),
    );
    if src != "fr" || !["en", "es"].contains(&tgt) || v["entries_format"] != "tsv" {
        return Err(msg(
            400,
            "message",
            "Unsupported glossary language pair or format",
        ));
    }
    let mut entries = Vec::new();
    for line in v["entries"].as_str().unwrap_or_default().lines() {
        let Some((a, b)) = line.split_once('\t') else {
            return Err(msg(400, "message", "Invalid glossary entries"));
        };
        if entries.iter().any(|(x, _): &(String, String)| x == a) {
            return Err(msg(400, "message", "Duplicate source term"));
        }
        entries.push((a.to_string(), b.to_string()));
    }
    Ok((src.to_string(), tgt.to_string(), entries))
}
