//! `relais.toml`: what the site translates, into what, with which engine.
//!
//! Raw TOML is read into plain structs and validated here; engine clients
//! are built from [`EngineConfig`] in `engine`. Keys are never stored in the
//! file: `key_env` names the environment variable that holds one.

use crate::error::{Error, Location, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use unic_langid::LanguageIdentifier;

pub const FILE_NAME: &str = "relais.toml";

/// Which engine client to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EngineKind {
    Apertium,
    Deepl,
    Libretranslate,
}

/// One `[engine]` (or `[engine.<locale>]`) table.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineConfig {
    pub kind: EngineKind,
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
}

fn default_concurrency() -> usize {
    4
}
fn default_timeout() -> u64 {
    60
}
fn yes() -> bool {
    true
}

/// The validated configuration of a site.
#[derive(Clone, Debug)]
pub struct Config {
    /// The site's root folder (where `relais.toml` is).
    pub root: PathBuf,
    pub source: LanguageIdentifier,
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
}

fn default_front_matter() -> Vec<String> {
    vec!["title".into(), "summary".into()]
}

impl Config {
    /// Reads `relais.toml` from `root`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(FILE_NAME);
        let text = match crate::fs::read_text_opt(&path)? {
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
        let (engine, engine_overrides) = split_engine_table(raw.engine)
            .map_err(|msg| bad(text.find("[engine").unwrap_or(0), &msg))?;
        Ok(Config {
            root: root.to_path_buf(),
            source,
            targets,
            front_matter: raw.front_matter,
            translate_terms: raw.translate_terms,
            typography: raw.typography,
            engine,
            engine_overrides,
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

    /// The folder of a locale's bundles.
    pub fn locale_dir(&self, locale: &LanguageIdentifier) -> PathBuf {
        self.root.join("locales").join(locale.to_string())
    }

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
        let sub = table.remove(&locale).expect("key listed above");
        let cfg = EngineConfig::deserialize(sub)
            .map_err(|e| format!("[engine.{locale}]: {}", e.message()))?;
        overrides.insert(locale, cfg);
    }
    let default = EngineConfig::deserialize(toml::Value::Table(table))
        .map_err(|e| format!("[engine]: {}", e.message()))?;
    Ok((default, overrides))
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

# A per-locale table replaces [engine] entirely for that locale:
# [engine.en]
# kind = "deepl"
# key_env = "DEEPL_AUTH_KEY"
"#;

#[cfg(test)]
mod tests {
    use super::*;

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
    fn errors_name_line_and_column() {
        let text = "source = \"fr\"\ntargets = [\"en\"]\n[engine]\nkind = \"babel\"\n";
        let err = Config::parse(Path::new("."), Path::new("relais.toml"), text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("relais.toml:"), "{err}");
        assert!(err.contains("babel") || err.contains("variant"), "{err}");
    }
}
