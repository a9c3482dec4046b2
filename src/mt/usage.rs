//! Engine usage for `relais status`: DeepL's `/v2/usage` (characters used
//! and left in the billing period) for every DeepL configuration the site
//! uses. Failing to learn it is a warning, never an error: status is about
//! the site, and works offline.

use crate::base::config::{Config, EngineConfig, EngineKind};
use crate::mt::engine::deepl::Deepl;
use crate::mt::engine::{Context, Meter};
use serde::Serialize;
use std::sync::Arc;

/// What one engine configuration has used.
#[derive(Debug, Serialize)]
pub struct EngineUsage {
    /// The engine's name (`deepl`, the only engine that reports usage).
    pub engine: &'static str,
    /// The target locales translated with this configuration.
    pub locales: Vec<String>,
    /// Characters used in the current billing period; `None` when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub character_count: Option<u64>,
    /// Characters allowed per billing period; `None` when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub character_limit: Option<u64>,
    /// The limit minus what is used, never below 0; `None` when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub characters_left: Option<u64>,
    /// Why the usage is unknown (a warning).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Usage of every DeepL configuration of the site; empty without DeepL.
pub async fn deepl(cfg: &Config) -> Vec<EngineUsage> {
    let mut groups: Vec<(EngineConfig, Vec<String>, String)> = Vec::new();
    for locale in &cfg.targets {
        let ec = cfg.engine_for(locale);
        if ec.kind != EngineKind::Deepl {
            continue;
        }
        match groups.iter_mut().find(|(c, _, _)| c == ec) {
            Some((_, locales, _)) => locales.push(locale.to_string()),
            None => groups.push((
                ec.clone(),
                vec![locale.to_string()],
                cfg.engine_table(locale),
            )),
        }
    }
    let mut out = Vec::new();
    for (ec, locales, table) in groups {
        let mut row = EngineUsage {
            engine: "deepl",
            locales,
            character_count: None,
            character_limit: None,
            characters_left: None,
            error: None,
        };
        match ask(cfg, &ec, &table).await {
            Ok(u) => {
                row.character_count = Some(u.character_count);
                row.character_limit = Some(u.character_limit);
                row.characters_left = Some(u.character_limit.saturating_sub(u.character_count));
            }
            Err(e) => row.error = Some(e),
        }
        out.push(row);
    }
    out
}

/// One quick question: a short timeout and one retry, since a person is
/// waiting for the status table.
async fn ask(
    cfg: &Config,
    ec: &EngineConfig,
    table: &str,
) -> Result<crate::mt::engine::deepl::Usage, String> {
    crate::mt::engine::key::from_env(ec, table)?;
    let mut quick = ec.clone();
    quick.timeout = quick.timeout.min(10);
    quick.retries = quick.retries.min(1);
    let ctx = Context {
        meter: Arc::new(Meter::default()),
        glossary: Arc::default(),
        cache_dir: crate::mt::translate::cache_dir(cfg),
    };
    let client = Deepl::new(&quick, &ctx).map_err(|e| e.to_string())?;
    client.usage().await.map_err(|e| e.to_string())
}
