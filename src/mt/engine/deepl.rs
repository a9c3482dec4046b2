//! DeepL API v2 client: `/v2/translate`, `/v2/glossaries`, `/v2/usage`.
//!
//! Wire facts (reference/mt-apis.md): the key goes in an `Authorization:
//! DeepL-Auth-Key` header and nowhere else; the host comes from the key
//! (`:fx` → Free) unless `url` is configured; JSON bodies; `source_lang`
//! `FR`; English is `EN-GB` unless a variant says otherwise (plain `EN` is
//! deprecated); `tag_handling=xml` for the `<x/>`/`<g>` elements `protect`
//! makes (it already XML-escapes `& < >`); formality as `prefer_*`;
//! `context` only when configured; at most 50 texts and 128 KiB a request.
//!
//! The site's glossary becomes one DeepL multilingual glossary
//! (`/v3/glossaries`) with a dictionary per target language, made once and
//! edited in place when entries change (a Free account holds a single
//! glossary since 2025); a server without v3 gets one v2 glossary per
//! pair. Ids and versions are kept in the cache folder
//! (`deepl-glossary-v3.json`, `deepl-glossaries.json`), never in the
//! committed state, since an id belongs to one DeepL account. Every
//! request carries `User-Agent: relais/<version>` (`http`).

use super::batch::Limits;
use super::http::Http;
use super::key::{self, ApiKey};
use super::{Context, Doc, EngineError, Pair, Translation, Translator};
use crate::base::config::{EngineConfig, Formality, ModelType};
use crate::mt::glossary::Glossary;
use async_trait::async_trait;
use reqwest::header::{AUTHORIZATION, HeaderValue};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use unic_langid::LanguageIdentifier;

const NAME: &str = "deepl";
const FREE: &str = "https://api-free.deepl.com";
const PRO: &str = "https://api.deepl.com";
/// Texts per request: the documented bound (the OpenAPI spec dropped it).
pub const MAX_TEXTS: usize = 50;
/// Bytes per request body.
pub const MAX_BYTES: usize = 128 * 1024;
const GLOSSARY_FILE: &str = "deepl-glossaries.json";
/// The site's one multilingual glossary per server (`/v3/glossaries`).
const GLOSSARY_V3_FILE: &str = "deepl-glossary-v3.json";

/// The DeepL API v2 client, with the site's glossary kept as one DeepL
/// glossary per target language.
pub struct Deepl {
    http: Http,
    key: ApiKey,
    /// The environment variable holding the key, for messages.
    key_env: String,
    variant: Option<String>,
    formality: Option<Formality>,
    context: Option<String>,
    model_type: Option<ModelType>,
    /// The post's title and summary go in `context`, batches per post.
    post_context: bool,
    concurrency: usize,
    glossary: Arc<Glossary>,
    cache_dir: PathBuf,
    /// Glossary id per target language, settled once per run.
    glossary_ids: tokio::sync::Mutex<HashMap<String, Option<String>>>,
    /// The server has no `/v3/glossaries`: one v2 glossary per pair.
    v2_only: std::sync::atomic::AtomicBool,
}

#[derive(Serialize)]
struct TranslateBody<'a> {
    text: &'a [String],
    source_lang: String,
    target_lang: String,
    tag_handling: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    formality: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    glossary_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    model_type: Option<&'static str>,
}

#[derive(Deserialize)]
struct TranslateResponse {
    translations: Vec<TranslationItem>,
}

#[derive(Deserialize)]
struct TranslationItem {
    text: String,
    /// Present when `model_type` was sent.
    #[serde(default)]
    model_type_used: Option<String>,
}

#[derive(Serialize)]
struct GlossaryBody<'a> {
    name: String,
    source_lang: &'a str,
    target_lang: &'a str,
    entries: String,
    entries_format: &'static str,
}

#[derive(Deserialize)]
struct GlossaryInfo {
    glossary_id: String,
    #[serde(default = "ready")]
    ready: bool,
}

fn ready() -> bool {
    true
}

/// A v3 dictionary: one language pair of the multilingual glossary.
#[derive(Serialize)]
struct Dictionary<'a> {
    source_lang: &'a str,
    target_lang: &'a str,
    entries: String,
    entries_format: &'static str,
}

#[derive(Serialize)]
struct MultilingualBody<'a> {
    name: String,
    dictionaries: Vec<Dictionary<'a>>,
}

/// The site's multilingual glossary, as remembered between runs: its id
/// and the version of each target language's dictionary.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct StoredV3 {
    id: String,
    dictionaries: BTreeMap<String, String>,
}

/// A glossary DeepL holds for this site, as remembered between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Stored {
    id: String,
    version: String,
}

/// `GET /v2/usage`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// Characters translated in the current billing period.
    pub character_count: u64,
    /// Characters the account may translate per billing period.
    pub character_limit: u64,
}

impl Deepl {
    /// A client with the key from `key_env`, sent to `url` or else to DeepL
    /// Free for a `:fx` key and Pro otherwise. Fails, before any request, when
    /// the key is missing or a header cannot carry it.
    pub fn new(cfg: &EngineConfig, ctx: &Context) -> Result<Deepl, EngineError> {
        let setup = |message: String| EngineError::Setup {
            engine: NAME,
            message,
        };
        let key = key::from_env(cfg, crate::base::config::FILE_NAME)
            .map_err(setup)?
            .ok_or_else(|| setup("no key_env".into()))?;
        if HeaderValue::from_str(&format!("DeepL-Auth-Key {}", key.expose())).is_err() {
            return Err(setup(format!(
                "the key in ${} holds characters a header cannot carry",
                cfg.key_env.as_deref().unwrap_or_default()
            )));
        }
        let base = match &cfg.url {
            Some(u) => u.clone(),
            None if key.is_deepl_free() => FREE.to_string(),
            None => PRO.to_string(),
        };
        Ok(Deepl {
            http: Http::new(NAME, &base, cfg, ctx.meter.clone())?.redacting(Some(&key)),
            key,
            key_env: cfg.key_env.clone().unwrap_or_default(),
            variant: cfg.variant.clone(),
            formality: cfg.formality,
            context: cfg.context.clone(),
            model_type: cfg.model_type,
            post_context: cfg.post_context,
            concurrency: cfg.concurrency,
            glossary: ctx.glossary.clone(),
            cache_dir: ctx.cache_dir.clone(),
            glossary_ids: tokio::sync::Mutex::new(HashMap::new()),
            v2_only: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// A request with the key in its header, marked sensitive so that no
    /// debug output shows it.
    fn request(
        &self,
        client: &reqwest::Client,
        method: reqwest::Method,
        path: &str,
    ) -> reqwest::RequestBuilder {
        let mut auth = HeaderValue::from_str(&format!("DeepL-Auth-Key {}", self.key.expose()))
            .expect("checked in Deepl::new");
        auth.set_sensitive(true);
        client
            .request(method, self.http.url(path))
            .header(AUTHORIZATION, auth)
    }

    fn body<'a>(
        &'a self,
        pair: &Pair,
        texts: &'a [String],
        glossary_id: Option<&'a str>,
        context: Option<&'a str>,
    ) -> TranslateBody<'a> {
        TranslateBody {
            text: texts,
            source_lang: pair.source.language.as_str().to_uppercase(),
            target_lang: target_code(&pair.target, self.variant.as_deref()),
            tag_handling: "xml",
            formality: self.formality.and_then(formality),
            context,
            glossary_id,
            model_type: self.model_type.map(ModelType::name),
        }
    }

    /// Adds what to check to a refusal of the key.
    fn hint(&self, e: EngineError) -> EngineError {
        match e {
            EngineError::Rejected {
                engine,
                status: 403,
                message,
            } => EngineError::Rejected {
                engine,
                status: 403,
                message: format!(
                    "{message} (check the key in ${}; Free keys end in :fx and go to {FREE})",
                    self.key_env
                ),
            },
            e => e,
        }
    }

    async fn send_translate(
        &self,
        pair: &Pair,
        texts: &[String],
        glossary_id: Option<&str>,
        context: Option<&str>,
    ) -> Result<Vec<Translation>, EngineError> {
        let body = self.body(pair, texts, glossary_id, context);
        let build = |c: &reqwest::Client| self.request(c, reqwest::Method::POST, "/v2/translate");
        let resp: TranslateResponse = self
            .http
            .post_json(super::characters(texts), build, &body)
            .await
            .map_err(|e| self.hint(e))?;
        Ok(resp
            .translations
            .into_iter()
            .map(|t| Translation {
                model: t.model_type_used,
                ..Translation::plain(t.text)
            })
            .collect())
    }

    /// Sends a batch with `context`, making the glossary again when DeepL
    /// no longer has it.
    async fn translate_with(
        &self,
        pair: &Pair,
        texts: &[String],
        context: Option<&str>,
    ) -> Result<Vec<Translation>, EngineError> {
        let id = self.glossary_id(pair, None).await?;
        match self
            .send_translate(pair, texts, id.as_deref(), context)
            .await
        {
            Err(EngineError::Rejected { status: 404, .. }) if id.is_some() => {
                tracing::warn!("DeepL no longer has the site's glossary: making it again");
                let id = self.glossary_id(pair, id.as_deref()).await?;
                self.send_translate(pair, texts, id.as_deref(), context)
                    .await
            }
            result => result,
        }
    }

    /// Characters used and allowed in this billing period.
    pub async fn usage(&self) -> Result<Usage, EngineError> {
        self.http
            .json(0, |c| self.request(c, reqwest::Method::GET, "/v2/usage"))
            .await
            .map_err(|e| self.hint(e))
    }

    /// The glossary id for a pair, creating or replacing the DeepL
    /// glossary when the site's entries changed. `None` without entries.
    /// `gone`: an id DeepL answered 404 for (deleted on the account, or
    /// another account's key): it is made again.
    async fn glossary_id(
        &self,
        pair: &Pair,
        gone: Option<&str>,
    ) -> Result<Option<String>, EngineError> {
        let lang = pair.target.language.as_str().to_string();
        let mut ids = self.glossary_ids.lock().await;
        if let Some(id) = ids.get(&lang)
            && (gone.is_none() || id.as_deref() != gone)
        {
            return Ok(id.clone());
        }
        let id = self.settle_glossary(pair, gone).await?;
        ids.insert(lang, id.clone());
        Ok(id)
    }

    async fn settle_glossary(
        &self,
        pair: &Pair,
        gone: Option<&str>,
    ) -> Result<Option<String>, EngineError> {
        let version = self.glossary.version(&pair.target);
        if version.is_empty() {
            return Ok(None);
        }
        if !self.v2_only.load(std::sync::atomic::Ordering::Relaxed) {
            match self.settle_v3(pair, &version, gone).await {
                Err(EngineError::Rejected { status: 404, .. }) => {
                    // A server without multilingual glossaries.
                    tracing::info!("DeepL has no /v3/glossaries here: one v2 glossary per pair");
                    self.v2_only
                        .store(true, std::sync::atomic::Ordering::Relaxed);
                }
                result => return result.map(Some),
            }
        }
        self.settle_v2(pair, &version, gone).await.map(Some)
    }

    /// The site's one multilingual glossary, with this pair's dictionary
    /// at `version`: made when there is none, its dictionary replaced in
    /// place when the entries changed. A Free account holds one glossary:
    /// v2 glossaries relais made before are removed when the account
    /// refuses another one.
    async fn settle_v3(
        &self,
        pair: &Pair,
        version: &str,
        gone: Option<&str>,
    ) -> Result<String, EngineError> {
        let lang = pair.target.language.as_str().to_string();
        let slot = self.http.base().to_string();
        let mut stored = self.load_v3();
        let mine = stored
            .get(&slot)
            .filter(|s| Some(s.id.as_str()) != gone)
            .cloned();
        if let Some(mut s) = mine {
            if s.dictionaries.get(&lang).map(String::as_str) == Some(version) {
                return Ok(s.id);
            }
            let path = format!("/v3/glossaries/{}/dictionaries", s.id);
            let body = self.dictionary(pair);
            let build = |c: &reqwest::Client| self.request(c, reqwest::Method::PUT, &path);
            let put: Result<serde_json::Value, EngineError> =
                self.http.post_json(0, build, &body).await;
            match put {
                Ok(_) => {
                    s.dictionaries.insert(lang, version.to_string());
                    let id = s.id.clone();
                    stored.insert(slot, s);
                    self.save_v3(&stored);
                    return Ok(id);
                }
                // Deleted on the account: made again below.
                Err(EngineError::Rejected { status: 404, .. }) => {}
                Err(e) => return Err(self.glossary_refused(e)),
            }
        }
        let id = match self.create_v3(pair).await {
            Err(EngineError::Quota { .. }) if self.drop_v2_glossaries().await => {
                self.create_v3(pair).await
            }
            other => other,
        }
        .map_err(|e| self.glossary_refused(e))?;
        let dictionaries = BTreeMap::from([(lang, version.to_string())]);
        stored.insert(
            slot,
            StoredV3 {
                id: id.clone(),
                dictionaries,
            },
        );
        self.save_v3(&stored);
        Ok(id)
    }

    /// This pair's entries, as a v3 dictionary.
    fn dictionary<'a>(&self, pair: &'a Pair) -> Dictionary<'a> {
        Dictionary {
            source_lang: pair.source.language.as_str(),
            target_lang: pair.target.language.as_str(),
            entries: self.glossary.tsv(&pair.target),
            entries_format: "tsv",
        }
    }

    async fn create_v3(&self, pair: &Pair) -> Result<String, EngineError> {
        let body = MultilingualBody {
            name: "relais".into(),
            dictionaries: vec![self.dictionary(pair)],
        };
        let build = |c: &reqwest::Client| self.request(c, reqwest::Method::POST, "/v3/glossaries");
        let info: GlossaryInfo = self.http.post_json(0, build, &body).await?;
        Ok(info.glossary_id)
    }

    /// Removes the v2 glossaries relais made on this server (their ids are
    /// in the cache folder); true when there were some.
    async fn drop_v2_glossaries(&self) -> bool {
        let mut stored = self.load_glossaries();
        let prefix = format!("{} ", self.http.base());
        let mine: Vec<String> = stored
            .keys()
            .filter(|k| k.starts_with(&prefix))
            .cloned()
            .collect();
        for slot in &mine {
            if let Some(old) = stored.remove(slot) {
                self.delete_glossary(&old.id).await;
            }
        }
        self.save_glossaries(&stored);
        !mine.is_empty()
    }

    /// A glossary the account will not take, said with what to do: the
    /// 456 of glossary endpoints is not the character quota.
    fn glossary_refused(&self, e: EngineError) -> EngineError {
        match e {
            EngineError::Quota { message, .. } => EngineError::Setup {
                engine: NAME,
                message: format!(
                    "DeepL refuses another glossary on this account ({message}): a DeepL API Free account holds one glossary. Delete the glossaries relais did not make (DeepL's account page, or GET and DELETE /v3/glossaries), or give this site a key of its own; relais needs one glossary for all its locales"
                ),
            },
            e => self.hint(e),
        }
    }

    /// One v2 glossary per pair (servers without v3).
    async fn settle_v2(
        &self,
        pair: &Pair,
        version: &str,
        gone: Option<&str>,
    ) -> Result<String, EngineError> {
        let slot = format!("{} {pair}", self.http.base());
        let mut stored = self.load_glossaries();
        let known = |s: &&Stored| Some(s.id.as_str()) != gone;
        if let Some(s) = stored
            .get(&slot)
            .filter(known)
            .filter(|s| s.version == version)
        {
            return Ok(s.id.clone());
        }
        let id = self
            .create_glossary(pair, version)
            .await
            .map_err(|e| self.glossary_refused(e))?;
        if let Some(old) = stored.get(&slot).filter(known) {
            self.delete_glossary(&old.id).await;
        }
        stored.insert(
            slot,
            Stored {
                id: id.clone(),
                version: version.to_string(),
            },
        );
        self.save_glossaries(&stored);
        Ok(id)
    }

    async fn create_glossary(&self, pair: &Pair, version: &str) -> Result<String, EngineError> {
        let source = pair.source.language.as_str();
        let target = pair.target.language.as_str();
        let body = GlossaryBody {
            name: format!("relais {source}-{target} {version}"),
            source_lang: source,
            target_lang: target,
            entries: self.glossary.tsv(&pair.target),
            entries_format: "tsv",
        };
        let build = |c: &reqwest::Client| self.request(c, reqwest::Method::POST, "/v2/glossaries");
        let mut info: GlossaryInfo = self
            .http
            .post_json(0, build, &body)
            .await
            .map_err(|e| self.hint(e))?;
        let path = format!("/v2/glossaries/{}", info.glossary_id);
        for _ in 0..20 {
            if info.ready {
                return Ok(info.glossary_id);
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
            info = self
                .http
                .json(0, |c| self.request(c, reqwest::Method::GET, &path))
                .await?;
        }
        Err(EngineError::BadResponse {
            engine: NAME,
            message: format!(
                "glossary {} is still not ready after 10 s",
                info.glossary_id
            ),
        })
    }

    /// Removes a glossary the site no longer uses; a failure only leaves
    /// it on the account.
    async fn delete_glossary(&self, id: &str) {
        let path = format!("/v2/glossaries/{id}");
        if let Err(e) = self
            .http
            .send(0, |c| self.request(c, reqwest::Method::DELETE, &path))
            .await
        {
            tracing::warn!("the old DeepL glossary {id} stays on the account: {e}");
        }
    }

    fn load_glossaries(&self) -> BTreeMap<String, Stored> {
        self.load(GLOSSARY_FILE)
    }

    fn save_glossaries(&self, stored: &BTreeMap<String, Stored>) {
        self.save(GLOSSARY_FILE, stored);
    }

    fn load_v3(&self) -> BTreeMap<String, StoredV3> {
        self.load(GLOSSARY_V3_FILE)
    }

    fn save_v3(&self, stored: &BTreeMap<String, StoredV3>) {
        self.save(GLOSSARY_V3_FILE, stored);
    }

    fn load<T: serde::de::DeserializeOwned + Default>(&self, file: &str) -> T {
        std::fs::read_to_string(self.cache_dir.join(file))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Remembers the glossary ids; failing to only costs a new glossary
    /// next run.
    fn save(&self, file: &str, stored: &impl Serialize) {
        let mut text = serde_json::to_string_pretty(stored).expect("serialises");
        text.push('\n');
        let path = self.cache_dir.join(file);
        let result = super::cache::ensure_dir(&self.cache_dir)
            .and_then(|()| crate::base::fs::write_if_changed(&path, &text));
        if let Err(e) = result {
            tracing::warn!("{e}");
        }
    }
}

#[async_trait]
impl Translator for Deepl {
    fn name(&self) -> &'static str {
        NAME
    }

    fn limits(&self, pair: &Pair) -> Limits {
        // A glossary id is 36 characters; count one whenever there may be.
        let placeholder = "00000000-0000-0000-0000-000000000000";
        let has_glossary = !self.glossary.version(&pair.target).is_empty();
        // A post's context is counted at its longest a title and a summary
        // may make it.
        let room = self.post_context.then(|| "x".repeat(1024));
        let context = match (&self.context, &room) {
            (Some(c), Some(r)) => Some(format!("{c}\n{r}")),
            (c, r) => c.clone().or(r.clone()),
        };
        let empty = self.body(
            pair,
            &[],
            has_glossary.then_some(placeholder),
            context.as_deref(),
        );
        Limits::json(MAX_TEXTS, MAX_BYTES, &empty)
    }

    fn concurrency(&self) -> usize {
        self.concurrency
    }

    async fn translate(
        &self,
        pair: &Pair,
        texts: &[String],
    ) -> Result<Vec<Translation>, EngineError> {
        self.translate_with(pair, texts, self.context.as_deref())
            .await
    }

    fn by_document(&self) -> bool {
        self.post_context
    }

    async fn translate_in(
        &self,
        pair: &Pair,
        texts: &[String],
        doc: Option<&Doc>,
    ) -> Result<Vec<super::batch::Answer>, EngineError> {
        let context = post_context(self.context.as_deref(), doc);
        let answers = self.translate_with(pair, texts, context.as_deref()).await?;
        Ok(answers.into_iter().map(Ok).collect())
    }
}

/// The `context` of a post's batch: the site's context, then the post's
/// title and summary (at most 1,000 characters of them), French.
fn post_context(site: Option<&str>, doc: Option<&Doc>) -> Option<String> {
    let mut post = String::new();
    if let Some(d) = doc {
        for part in [&d.title, &d.summary].into_iter().flatten() {
            if !post.is_empty() {
                post.push_str(" — ");
            }
            post.push_str(part);
        }
    }
    let post: String = post.chars().take(1000).collect();
    match (site, post.is_empty()) {
        (Some(s), false) => Some(format!("{s}\n{post}")),
        (Some(s), true) => Some(s.to_string()),
        (None, false) => Some(post),
        (None, true) => None,
    }
}

/// DeepL's target code for a locale: the configured variant when it is of
/// the locale's language, else the locale's own region for languages
/// DeepL has variants of, else `EN-GB` for English, `PT-PT` for
/// Portuguese, and the language in capitals otherwise.
pub fn target_code(locale: &LanguageIdentifier, variant: Option<&str>) -> String {
    let lang = locale.language.as_str().to_uppercase();
    if let Some(v) = variant.filter(|v| v.split('-').next() == Some(lang.as_str())) {
        return v.to_string();
    }
    let region = locale.region.map(|r| r.as_str().to_uppercase());
    match (lang.as_str(), region) {
        ("EN" | "PT" | "ES", Some(r)) => format!("{lang}-{r}"),
        ("EN", None) => "EN-GB".into(),
        ("PT", None) => "PT-PT".into(),
        _ => lang,
    }
}

fn formality(f: Formality) -> Option<&'static str> {
    match f {
        Formality::Default => None,
        Formality::More => Some("prefer_more"),
        Formality::Less => Some("prefer_less"),
    }
}

/// What decides DeepL's answer besides the text, for the cache.
pub fn scope(cfg: &EngineConfig, pair: &Pair, glossary: &Glossary) -> String {
    let context = cfg
        .context
        .as_deref()
        .map(crate::base::digest::hash)
        .unwrap_or_default();
    let mut model = cfg
        .model_type
        .map_or(String::new(), |m| format!("|model={}", m.name()));
    if cfg.post_context {
        model.push_str("|post_context");
    }
    format!(
        "target={}|formality={}|context={context}|glossary={}{model}",
        target_code(&pair.target, cfg.variant.as_deref()),
        cfg.formality.and_then(formality).unwrap_or("default"),
        glossary.version(&pair.target),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: &str) -> LanguageIdentifier {
        s.parse().unwrap()
    }

    #[test]
    fn target_codes() {
        assert_eq!(target_code(&l("en"), None), "EN-GB");
        assert_eq!(target_code(&l("en"), Some("EN-US")), "EN-US");
        assert_eq!(target_code(&l("en-US"), None), "EN-US");
        assert_eq!(
            target_code(&l("es"), Some("EN-US")),
            "ES",
            "a variant of another language"
        );
        assert_eq!(target_code(&l("es"), Some("ES-419")), "ES-419");
        assert_eq!(target_code(&l("de"), None), "DE");
        assert_eq!(target_code(&l("pt"), None), "PT-PT");
    }
}
