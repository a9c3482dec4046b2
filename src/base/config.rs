//! `relais.toml`: what the site translates, into what, with which engine.
//!
//! Raw TOML is read into plain structs and validated here; engine clients
//! are built from [`EngineConfig`] in `engine`. Keys are never stored in the
//! file: `key_env` names the environment variable that holds one.

use crate::base::error::{Error, Location, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use unic_langid::LanguageIdentifier;

/// The configuration file, at the site root.
pub const FILE_NAME: &str = "relais.toml";

/// Which engine client to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EngineKind {
    /// Apertium APy: free and offline, one text per request, pivoting through
    /// a third language when the pair is not installed.
    Apertium,
    /// DeepL API v2: paid, needs `key_env`, and takes the site's glossary as
    /// a DeepL glossary.
    Deepl,
    /// LibreTranslate, usually self-hosted: a key only when the server asks for one.
    Libretranslate,
    /// Any OpenAI-compatible Chat Completions API: OpenAI, Mistral, or a
    /// local Ollama, llama.cpp `llama-server`, vLLM, LM Studio; `model`
    /// required, a key only when the server asks for one.
    Openai,
}

impl EngineKind {
    /// The name in `relais.toml`, the review state and reports.
    pub fn name(self) -> &'static str {
        match self {
            EngineKind::Apertium => "apertium",
            EngineKind::Deepl => "deepl",
            EngineKind::Libretranslate => "libretranslate",
            EngineKind::Openai => "openai",
        }
    }

    /// Whether the engine takes the site's glossary itself (DeepL as a
    /// DeepL glossary, an LLM in its instructions); other engines get
    /// glossary terms protected as `<x/>` elements.
    pub fn has_glossaries(self) -> bool {
        matches!(self, EngineKind::Deepl | EngineKind::Openai)
    }
}

/// DeepL's formality, always sent as `prefer_*` so that a target without
/// formality (English) does not fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Formality {
    /// DeepL's own default: no formality is sent.
    Default,
    /// More formal: `more` in `relais.toml` (`prefer_more` is accepted too).
    #[serde(alias = "prefer_more")]
    More,
    /// Less formal: `less` in `relais.toml` (`prefer_less` is accepted too).
    #[serde(alias = "prefer_less")]
    Less,
}

/// DeepL's translation model (`model_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelType {
    /// DeepL's default: faster, classic models.
    LatencyOptimized,
    /// The next-generation models; refused for a language they lack.
    QualityOptimized,
    /// The next-generation models where DeepL has them, else the classic.
    PreferQualityOptimized,
}

impl ModelType {
    /// The value DeepL takes.
    pub fn name(self) -> &'static str {
        match self {
            ModelType::LatencyOptimized => "latency_optimized",
            ModelType::QualityOptimized => "quality_optimized",
            ModelType::PreferQualityOptimized => "prefer_quality_optimized",
        }
    }
}

/// One `[engine]` (or `[engine.<locale>]`) table.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineConfig {
    /// Which client: `apertium`, `deepl` or `libretranslate` (required).
    pub kind: EngineKind,
    /// The server's base URL. Unset: APy on `127.0.0.1:2737`, LibreTranslate
    /// on `127.0.0.1:5000`, DeepL Free or Pro as the key says (`:fx` is Free).
    pub url: Option<String>,
    /// Name of the environment variable holding the API key.
    pub key_env: Option<String>,
    /// Requests in flight at once.
    #[serde(default = "default_concurrency")]
    pub concurrency: usize,
    /// Seconds before a request is abandoned.
    #[serde(default = "default_timeout")]
    pub timeout: u64,
    /// Apertium: ask for unknown-word marks (removed from the text, kept in
    /// the review state). `false` asks APy not to mark them at all.
    #[serde(default = "yes")]
    pub mark_unknown: bool,
    /// Retries of a request that failed for a transient reason (HTTP 429,
    /// 5xx, connection error, timeout).
    #[serde(default = "default_retries")]
    pub retries: u32,
    /// Most characters one `sync` may send to this engine; a run that
    /// would send more sends nothing and says so.
    pub budget_run: Option<u64>,
    /// Most characters sent to this engine in a calendar month (counted on
    /// this machine, in `review/.cache/budget.json`).
    pub budget_month: Option<u64>,
    /// DeepL: target variant for the locales of its language (`EN-GB`,
    /// the default for `en`, or `EN-US`; `ES-419`; `PT-BR`…).
    pub variant: Option<String>,
    /// DeepL: `more` or `less` formal (sent as `prefer_more`/`prefer_less`).
    pub formality: Option<Formality>,
    /// DeepL: a description of the site that guides translation (not
    /// translated, not billed), sent with every request.
    pub context: Option<String>,
    /// DeepL: which models translate (`latency_optimized`, the default,
    /// `quality_optimized`, `prefer_quality_optimized`); the model used is
    /// recorded beside the engine.
    pub model_type: Option<ModelType>,
    /// DeepL: send the post's title and summary as `context` (free of
    /// charge), batches made per post.
    #[serde(default)]
    pub post_context: bool,
    /// OpenAI-compatible: the model (`mistral-large-latest`, `gpt-4.1`,
    /// `qwen2.5:14b`); required.
    pub model: Option<String>,
    /// OpenAI-compatible: sampling temperature (0 by default: the same
    /// answer for the same request, as far as the server allows).
    pub temperature: Option<f64>,
    /// OpenAI-compatible: a seed, for servers that take one.
    pub seed: Option<u64>,
    /// OpenAI-compatible: what to tell the model for this locale ("usted",
    /// "British spelling").
    pub instructions: Option<String>,
    /// OpenAI-compatible: segments per request (20 by default).
    pub batch: Option<usize>,
}

impl EngineConfig {
    /// Whether the engine gets batches of one post each, with the post.
    pub fn by_document(&self) -> bool {
        self.kind == EngineKind::Openai || (self.kind == EngineKind::Deepl && self.post_context)
    }

    /// Checks what serde cannot: settings that only make sense for one
    /// kind of engine, and a key for DeepL.
    fn validate(&self) -> std::result::Result<(), String> {
        if let Some(url) = &self.url {
            check_url(url)?;
        }
        if self.concurrency == 0 {
            return Err("`concurrency` must be at least 1".into());
        }
        let deepl_only = [
            ("variant", self.variant.is_some()),
            ("formality", self.formality.is_some()),
            ("model_type", self.model_type.is_some()),
            ("post_context", self.post_context),
        ];
        let llm_only = [
            ("model", self.model.is_some()),
            ("temperature", self.temperature.is_some()),
            ("seed", self.seed.is_some()),
            ("instructions", self.instructions.is_some()),
            ("batch", self.batch.is_some()),
        ];
        if self.kind != EngineKind::Openai
            && let Some((key, _)) = llm_only.iter().find(|(_, set)| *set)
        {
            return Err(format!(
                "`{key}` is a setting of kind = \"openai\"; kind = \"{}\" has no such thing",
                self.kind.name()
            ));
        }
        if self.context.is_some() && !matches!(self.kind, EngineKind::Deepl | EngineKind::Openai) {
            return Err(format!(
                "`context` is a DeepL and kind = \"openai\" setting; kind = \"{}\" has no such thing",
                self.kind.name()
            ));
        }
        match self.kind {
            EngineKind::Openai => {
                if self.model.as_deref().is_none_or(|m| m.trim().is_empty()) {
                    return Err("kind = \"openai\" needs `model`, the model the server runs (`mistral-large-latest`, `gpt-4.1-mini`, `qwen2.5:14b`)".into());
                }
                if self.url.is_none() {
                    return Err("kind = \"openai\" needs `url`, the API's base (`https://api.mistral.ai/v1`, `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1` for Ollama)".into());
                }
                if let Some(t) = self.temperature.filter(|t| !(0.0..=2.0).contains(t)) {
                    return Err(format!(
                        "temperature = {t}: between 0 and 2 (0: the same answer every time)"
                    ));
                }
                if self.batch == Some(0) {
                    return Err("`batch` must be at least 1".into());
                }
                if let Some((key, _)) = deepl_only.iter().find(|(_, set)| *set) {
                    return Err(format!(
                        "`{key}` is a DeepL setting; kind = \"openai\" has no such thing"
                    ));
                }
            }
            EngineKind::Deepl => {
                if self.key_env.is_none() {
                    return Err("kind = \"deepl\" needs `key_env`, the name of the environment variable holding the key".into());
                }
                if let Some(v) = &self.variant {
                    check_variant(v)?;
                }
            }
            kind => {
                if let Some((key, _)) = deepl_only.iter().find(|(_, set)| *set) {
                    return Err(format!(
                        "`{key}` is a DeepL setting; kind = \"{}\" has no such thing",
                        kind.name()
                    ));
                }
            }
        }
        Ok(())
    }
}

/// An engine is reached over HTTP: `file:`, `ftp:` or not a URL at all is a
/// configuration error, found before anything is sent (not a server that
/// cannot be reached, retried and reported as an engine failure).
fn check_url(url: &str) -> std::result::Result<(), String> {
    let ok = reqwest::Url::parse(url)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "url = \"{url}\": an engine is reached at an http:// or https:// address, such as \"http://127.0.0.1:2737\""
        ))
    }
}

/// A DeepL target variant: `LL-RR` (`EN-GB`, `ES-419`), never plain `EN`.
fn check_variant(v: &str) -> std::result::Result<(), String> {
    let ok = v.split_once('-').is_some_and(|(l, r)| {
        l.len() == 2
            && l.chars().all(|c| c.is_ascii_uppercase())
            && !r.is_empty()
            && r.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "variant = \"{v}\": write a DeepL target variant such as \"EN-GB\", \"EN-US\" or \"ES-419\" (plain \"EN\" is deprecated)"
        ))
    }
}

fn default_concurrency() -> usize {
    4
}
fn default_timeout() -> u64 {
    60
}
fn default_retries() -> u32 {
    5
}
fn yes() -> bool {
    true
}

/// The validated configuration of a site.
#[derive(Clone, Debug)]
pub struct Config {
    /// The site's root folder (where `relais.toml` is).
    pub root: PathBuf,
    /// The locale posts and hand-written bundles are written in (`fr`).
    pub source: LanguageIdentifier,
    /// The locales translated into, in the order given; never empty, never
    /// the source.
    pub targets: Vec<LanguageIdentifier>,
    /// Front matter keys whose values are translated.
    pub front_matter: Vec<String>,
    /// Translate Fluent terms (`-name = …`) of UI bundles like messages.
    /// Off by default: terms are usually brand names, kept as they are.
    pub translate_terms: bool,
    /// `[typography]`: locale → apply the target typography rules to
    /// machine output (on when not listed).
    typography: BTreeMap<String, bool>,
    engine: EngineConfig,
    engine_overrides: BTreeMap<String, EngineConfig>,
    /// `[suggest.<name>]`: engines a reviewer may ask for a second opinion
    /// on a message (never used by `sync`), by name.
    pub suggest: BTreeMap<String, EngineConfig>,
    /// Set by [`Config::suggesting`]: the `[suggest]` table every locale's
    /// engine comes from.
    suggest_name: Option<String>,
    /// `[git]`: committing, pushing and pulling the site's repository.
    pub git: GitConfig,
    /// `[serve]`: what `relais serve` does besides pages.
    pub serve: ServeConfig,
    /// `[export]`: how the export is laid out by default.
    pub export: ExportConfig,
    /// How similar (percent) the French of an approved translation must be
    /// to be offered as a fuzzy memory match (70 by default).
    pub fuzzy_threshold: u32,
}

/// `[git]` of `relais.toml`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GitConfig {
    /// Commit every change `relais serve` makes (unset: yes, inside a git
    /// repository).
    pub commit: Option<bool>,
    /// Commit the changes of `sync`, `approve`, `unapprove`,
    /// `accept-suggestion`, `submit` and `mv` too (else only with
    /// `--commit`).
    #[serde(default)]
    pub commit_cli: bool,
    /// The remote `relais serve` pushes to and pulls from (`origin`); unset:
    /// no push, no pull.
    pub remote: Option<String>,
    /// The remote's branch (unset: the branch checked out).
    pub branch: Option<String>,
    /// How often `relais serve` pulls (`30s`, `5m`; default `60s`).
    pub pull_interval: Option<String>,
    /// A person's commit address, `{name}` replaced by their name as an
    /// address part (default `{name}@users.noreply.relais`).
    pub email: Option<String>,
}

impl GitConfig {
    /// How often to pull.
    pub fn pull_every(&self) -> std::time::Duration {
        self.pull_interval
            .as_deref()
            .and_then(|d| humantime::parse_duration(d).ok())
            .unwrap_or(std::time::Duration::from_secs(60))
    }
}

/// How `relais export` lays its files out for the site generator.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// relais's own: `<locale>/posts/<slug>.md`, `<locale>/<resource>.ftl`.
    #[default]
    Plain,
    /// Hugo: `content/<locale>/posts/<slug>.md` with a `translationKey`,
    /// `i18n/<locale>.toml` (go-i18n).
    Hugo,
    /// Zola: `content/posts/<slug>.md` and `<slug>.<locale>.md`, TOML front
    /// matter, the UI strings as `[translations]`.
    Zola,
}

impl Layout {
    /// Every layout, as typed.
    pub const ALL: [Layout; 3] = [Layout::Plain, Layout::Hugo, Layout::Zola];

    /// The name people type (`--layout hugo`).
    pub fn name(self) -> &'static str {
        match self {
            Layout::Plain => "plain",
            Layout::Hugo => "hugo",
            Layout::Zola => "zola",
        }
    }
}

impl std::str::FromStr for Layout {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Layout::ALL
            .into_iter()
            .find(|l| l.name() == s)
            .ok_or_else(|| format!("not a layout (one of: plain, hugo, zola): {s}"))
    }
}

impl std::fmt::Display for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `[export]` of `relais.toml`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportConfig {
    /// The layout `relais export` and the pull API use unless told.
    #[serde(default)]
    pub layout: Layout,
    /// Hugo's `contentDir` of each language, the folder that holds its
    /// `posts/`, `{locale}` standing for the locale (`content/{locale}`
    /// unless set; `{locale}/content` for a site laid out that way).
    pub hugo_content_dir: Option<String>,
}

impl ExportConfig {
    /// Hugo's `contentDir` of `locale`.
    pub fn hugo_content_dir(&self, locale: &str) -> String {
        let pattern = self
            .hugo_content_dir
            .as_deref()
            .unwrap_or("content/{locale}");
        pattern.trim_end_matches('/').replace("{locale}", locale)
    }
}

/// `[serve]` of `relais.toml`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServeConfig {
    /// Sync posts that arrive by a pull (writers who commit directly);
    /// unset: yes when `[git] remote` is set.
    pub sync: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    source: String,
    targets: Vec<String>,
    #[serde(default = "default_front_matter")]
    front_matter: Vec<String>,
    #[serde(default)]
    translate_terms: bool,
    #[serde(default)]
    typography: BTreeMap<String, bool>,
    engine: toml::Table,
    #[serde(default)]
    suggest: BTreeMap<String, toml::Table>,
    #[serde(default)]
    git: GitConfig,
    #[serde(default)]
    serve: ServeConfig,
    #[serde(default)]
    export: ExportConfig,
    #[serde(default = "default_fuzzy")]
    fuzzy_threshold: u32,
}

fn default_fuzzy() -> u32 {
    70
}

fn default_front_matter() -> Vec<String> {
    vec!["title".into(), "summary".into()]
}

impl Config {
    /// Reads `relais.toml` from `root`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(FILE_NAME);
        let text = match crate::base::fs::read_text_opt(&path)? {
            Some(t) => t,
            None => {
                return Err(Error::Config(format!(
                    "{}: not found (run `relais init` to create it)",
                    path.display()
                )));
            }
        };
        Config::parse(root, &path, &text)
    }

    /// Parses the text of a configuration file found at `path`.
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Config> {
        let bad = |offset: usize, msg: &str| {
            let loc = Location::at_offset(path, text, offset);
            Error::Config(format!("{loc}: {msg}"))
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let start = e.span().map_or(0, |s| s.start);
            bad(start, e.message())
        })?;
        let lang = |s: &str| {
            s.parse::<LanguageIdentifier>()
                .map_err(|_| bad(text.find(s).unwrap_or(0), &format!("`{s}` is not a locale")))
        };
        let source = lang(&raw.source)?;
        let targets = raw
            .targets
            .iter()
            .map(|t| lang(t))
            .collect::<Result<Vec<_>>>()?;
        if targets.is_empty() || targets.contains(&source) {
            return Err(bad(
                text.find("targets").unwrap_or(0),
                "`targets` must list at least one locale other than `source`",
            ));
        }
        if let Some(d) = &raw.git.pull_interval
            && humantime::parse_duration(d).is_err()
        {
            return Err(bad(
                text.find("pull_interval").unwrap_or(0),
                &format!("pull_interval = \"{d}\": a duration such as \"30s\", \"5m\" or \"1h\""),
            ));
        }
        if let Some(dir) = &raw.export.hugo_content_dir {
            let outside = dir.starts_with('/') || dir.split('/').any(|p| p == "..");
            if !dir.contains("{locale}") || outside {
                return Err(bad(
                    text.find("hugo_content_dir").unwrap_or(0),
                    &format!(
                        "hugo_content_dir = \"{dir}\": a folder inside the export naming each language with {{locale}}, such as \"content/{{locale}}\""
                    ),
                ));
            }
        }
        let (engine, engine_overrides) =
            split_engine_table(raw.engine).map_err(|msg| bad(engine_error_at(text, &msg), &msg))?;
        let mut suggest = BTreeMap::new();
        for (name, table) in raw.suggest {
            let cfg = engine_table(table)
                .map_err(|e| format!("[suggest.{name}]: {e}"))
                .map_err(|msg| bad(engine_error_at(text, &msg), &msg))?;
            suggest.insert(name, cfg);
        }
        Ok(Config {
            root: root.to_path_buf(),
            source,
            targets,
            front_matter: raw.front_matter,
            translate_terms: raw.translate_terms,
            typography: raw.typography,
            engine,
            engine_overrides,
            suggest,
            suggest_name: None,
            git: raw.git,
            serve: raw.serve,
            export: raw.export,
            fuzzy_threshold: raw.fuzzy_threshold.clamp(1, 100),
        })
    }

    /// The engine for a target locale: `[engine.<locale>]` replaces
    /// `[engine]` entirely, so a key is never sent to another engine.
    pub fn engine_for(&self, locale: &LanguageIdentifier) -> &EngineConfig {
        self.engine_overrides
            .get(&locale.to_string())
            .unwrap_or(&self.engine)
    }

    /// Whether machine output in `locale` gets its typography rules.
    pub fn typography_for(&self, locale: &LanguageIdentifier) -> bool {
        self.typography
            .get(&locale.to_string())
            .copied()
            .unwrap_or(true)
    }

    /// This configuration with `[suggest.<name>]` as every locale's engine:
    /// what a reviewer's request for a second opinion runs with (its
    /// cache scope, budgets and key are that table's). `None` when there is
    /// no such table.
    pub fn suggesting(&self, name: &str) -> Option<Config> {
        let engine = self.suggest.get(name)?.clone();
        let mut cfg = self.clone();
        cfg.engine_overrides = self
            .targets
            .iter()
            .map(|l| (l.to_string(), engine.clone()))
            .collect();
        cfg.engine = engine;
        cfg.suggest_name = Some(name.to_string());
        Some(cfg)
    }

    /// The table `engine_for(locale)` comes from, for messages.
    pub fn engine_table(&self, locale: &LanguageIdentifier) -> String {
        let name = locale.to_string();
        if let Some(suggest) = &self.suggest_name {
            format!("{FILE_NAME}: [suggest.{suggest}]")
        } else if self.engine_overrides.contains_key(&name) {
            format!("{FILE_NAME}: [engine.{name}]")
        } else {
            format!("{FILE_NAME}: [engine]")
        }
    }

    /// The folder of a locale's bundles.
    pub fn locale_dir(&self, locale: &LanguageIdentifier) -> PathBuf {
        self.root.join("locales").join(locale.to_string())
    }

    /// The bundle of `resource` in `locale`: `locales/<locale>/<resource>.ftl`.
    pub fn bundle_path(&self, locale: &LanguageIdentifier, resource: &str) -> PathBuf {
        self.locale_dir(locale).join(format!("{resource}.ftl"))
    }

    /// The folder of the French posts (`posts/`).
    pub fn posts_dir(&self) -> PathBuf {
        self.root.join("posts")
    }

    /// The folder holding the review state.
    pub fn state_dir(&self) -> PathBuf {
        self.root.join("review")
    }
}

/// Splits `[engine]` into the default table and its `[engine.<locale>]`
/// sub-tables.
fn split_engine_table(
    mut table: toml::Table,
) -> std::result::Result<(EngineConfig, BTreeMap<String, EngineConfig>), String> {
    let locales: Vec<String> = table
        .iter()
        .filter(|(_, v)| v.is_table())
        .map(|(k, _)| k.clone())
        .collect();
    let mut overrides = BTreeMap::new();
    for locale in locales {
        let Some(toml::Value::Table(sub)) = table.remove(&locale) else {
            unreachable!("a table, listed above")
        };
        let cfg = engine_table(sub).map_err(|e| format!("[engine.{locale}]: {e}"))?;
        overrides.insert(locale, cfg);
    }
    let default = engine_table(table).map_err(|e| format!("[engine]: {e}"))?;
    Ok((default, overrides))
}

/// One engine table, read and checked.
fn engine_table(table: toml::Table) -> std::result::Result<EngineConfig, String> {
    EngineConfig::deserialize(toml::Value::Table(table))
        .map_err(|e| e.message().to_string())
        .and_then(|c| c.validate().map(|()| c))
}

/// Where an error of the `[engine]` tables points: the line of the key it
/// names (`` `key` `` or `key = `), under the table it names, else the
/// table's header.
fn engine_error_at(text: &str, msg: &str) -> usize {
    let table = msg.split(']').next().unwrap_or("[engine").to_string();
    let at_line_start = |needle: &str| {
        text.match_indices(needle)
            .map(|(i, _)| i)
            .find(|&i| i == 0 || text[..i].ends_with('\n'))
    };
    let header = at_line_start(&format!("{table}]"))
        .or_else(|| at_line_start("[engine"))
        .unwrap_or(0);
    let key = msg
        .split('`')
        .nth(1)
        .or_else(|| msg.split(": ").nth(1).and_then(|m| m.split(" = ").next()))
        .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    let Some(key) = key else { return header };
    let mut offset = header
        + text[header..]
            .find('\n')
            .map_or(text.len() - header, |i| i + 1);
    for line in text[offset..].split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[') {
            break;
        }
        if t.strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with('='))
        {
            return offset + (line.len() - t.len());
        }
        offset += line.len();
    }
    header
}

/// The configuration `relais init` writes.
pub const DEFAULT_TOML: &str = r#"# relais configuration: see the README.
source = "fr"
targets = ["en", "es"]
# Front matter keys whose values are translated.
front_matter = ["title", "summary"]
# Terms of UI bundles (-org-name = …) are brand names, kept as they are;
# set to true to translate them like messages.
translate_terms = false

# Target typography for machine output (no space before : ; ! ?, “…” in
# English, «…» in Spanish): on unless a locale is set to false here.
# [typography]
# en = false

# Default engine for every target locale. Apertium APy is free and offline;
# English goes through Spanish (fr→es→en).
[engine]
kind = "apertium"
url = "http://127.0.0.1:2737"
concurrency = 4

# Other keys of an engine table (defaults shown):
# timeout = 60       # seconds before a request is abandoned
# retries = 5        # retries of HTTP 429/5xx, timeouts, connection errors
# mark_unknown = true   # Apertium: record the words it did not know

# A per-locale table replaces [engine] entirely for that locale (nothing is
# inherited, so a key is never sent to another engine):
# [engine.en]
# kind = "deepl"                 # or "libretranslate"
# key_env = "DEEPL_AUTH_KEY"     # the environment variable holding the key
# url = "https://api-free.deepl.com"   # default: chosen from the key (:fx = Free)
# variant = "EN-US"              # DeepL: English is EN-GB unless told otherwise
# formality = "less"             # DeepL: "more" | "less" (sent as prefer_*)
# context = "News of a child-rights NGO network in West Africa."   # DeepL, not billed
#
# Engines a reviewer may ask for a second opinion on a message, from the
# review page or `relais review --suggest NAME` (never used by sync; same
# keys as an engine table, budgets included):
# [suggest.deepl]
# kind = "deepl"
# key_env = "DEEPL_AUTH_KEY"
#
# How `relais export` lays its files out for the site generator:
# [export]
# layout = "hugo"                # or "zola"; default "plain" (README)
# hugo_content_dir = "content/{locale}"   # Hugo's contentDir of each language
#
# Terms never to translate, and fixed translations: glossary.toml (README).
"#;

/// A temporary site with the default configuration, for unit tests.
#[cfg(test)]
pub(crate) fn test_site() -> (tempfile::TempDir, Config) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("relais.toml"), DEFAULT_TOML).unwrap();
    let cfg = Config::load(dir.path()).unwrap();
    (dir, cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggest_tables_are_engines_of_their_own_and_never_the_syncs() {
        let text = format!(
            "{DEFAULT_TOML}\n[suggest.deepl]\nkind = \"deepl\"\nkey_env = \"K\"\nbudget_month = 9\n"
        );
        let cfg = Config::parse(Path::new("."), Path::new("relais.toml"), &text).unwrap();
        let en: LanguageIdentifier = "en".parse().unwrap();
        assert_eq!(cfg.engine_for(&en).kind, EngineKind::Apertium);
        let asked = cfg.suggesting("deepl").unwrap();
        assert_eq!(asked.engine_for(&en).kind, EngineKind::Deepl);
        assert_eq!(asked.engine_for(&en).budget_month, Some(9));
        assert_eq!(asked.engine_table(&en), "relais.toml: [suggest.deepl]");
        assert!(cfg.suggesting("mistral").is_none());
        // A bad table is named, at its line.
        let bad = format!("{DEFAULT_TOML}\n[suggest.deepl]\nkind = \"deepl\"\n");
        let e = Config::parse(Path::new("."), Path::new("relais.toml"), &bad).unwrap_err();
        let line = bad.lines().position(|l| l == "[suggest.deepl]").unwrap() + 1;
        assert!(
            e.to_string().contains(&format!(
                "relais.toml:{line}:1: [suggest.deepl]: kind = \"deepl\" needs `key_env`"
            )),
            "{e}"
        );
    }

    #[test]
    fn hugo_content_dir_names_each_language_inside_the_export() {
        let parse = |dir: &str| {
            let text = format!("{DEFAULT_TOML}\n[export]\nhugo_content_dir = \"{dir}\"\n");
            Config::parse(Path::new("."), Path::new("relais.toml"), &text)
        };
        let cfg = parse("{locale}/content").unwrap();
        assert_eq!(cfg.export.hugo_content_dir("es"), "es/content");
        for bad in ["content", "/srv/{locale}", "../{locale}"] {
            let e = parse(bad).unwrap_err().to_string();
            assert!(
                e.contains("relais.toml:") && e.contains("{locale}"),
                "{bad}: {e}"
            );
        }
        let default = Config::parse(Path::new("."), Path::new("relais.toml"), DEFAULT_TOML);
        assert_eq!(default.unwrap().export.hugo_content_dir("en"), "content/en");
    }

    #[test]
    fn default_file_parses_and_overrides_replace_the_default() {
        let cfg = Config::parse(Path::new("."), Path::new("relais.toml"), DEFAULT_TOML).unwrap();
        assert_eq!(cfg.targets.len(), 2);
        let text = format!("{DEFAULT_TOML}\n[engine.en]\nkind = \"deepl\"\nkey_env = \"K\"\n");
        let cfg = Config::parse(Path::new("."), Path::new("relais.toml"), &text).unwrap();
        let en = cfg.engine_for(&"en".parse().unwrap());
        assert_eq!(en.kind, EngineKind::Deepl);
        assert_eq!(en.url, None);
        let es = cfg.engine_for(&"es".parse().unwrap());
        assert_eq!(es.kind, EngineKind::Apertium);
    }

    #[test]
    fn deepl_settings_are_checked() {
        let parse = |engine: &str| {
            let text = format!("source = \"fr\"\ntargets = [\"en\"]\n[engine]\n{engine}\n");
            Config::parse(Path::new("."), Path::new("relais.toml"), &text)
                .map_err(|e| e.to_string())
        };
        let ok =
            parse("kind = \"deepl\"\nkey_env = \"K\"\nvariant = \"EN-US\"\nformality = \"less\"")
                .unwrap();
        let en = ok.engine_for(&"en".parse().unwrap());
        assert_eq!(en.formality, Some(Formality::Less));
        assert_eq!(en.retries, 5);
        let err = parse("kind = \"deepl\"").unwrap_err();
        assert!(err.contains("needs `key_env`"), "{err}");
        let err = parse("kind = \"deepl\"\nkey_env = \"K\"\nvariant = \"EN\"").unwrap_err();
        assert!(err.contains("plain \"EN\" is deprecated"), "{err}");
        let err = parse("kind = \"apertium\"\nformality = \"less\"").unwrap_err();
        assert!(err.contains("`formality` is a DeepL setting"), "{err}");
        // At the line of the key, not the table header (issue 13, item 9).
        assert!(err.starts_with("relais.toml:5:1"), "{err}");
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = "source = \"fr\"\ntargets = [\"en\"]\n[engine]\nkind = \"babel\"\n";
        let err = Config::parse(Path::new("."), Path::new("relais.toml"), text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("relais.toml:"), "{err}");
        assert!(err.contains("babel") || err.contains("variant"), "{err}");
    }
}
