//! API keys: read from the environment variable `key_env` names, and kept
//! in a type that never prints them.
//!
//! A key goes into one request header (DeepL) or one request body field
//! (LibreTranslate) and nowhere else: not in errors, logs, state or cache.

use crate::base::config::EngineConfig;
use std::fmt;

/// A key. `Debug` shows `ApiKey(***)`; there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

impl ApiKey {
    /// The key itself, for the one place a request carries it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// DeepL Free keys end in `:fx`.
    pub fn is_deepl_free(&self) -> bool {
        self.0.ends_with(":fx")
    }
}

/// The key of an engine configuration: `None` when it names no variable.
/// A variable that is unset or empty is an error naming the variable (and
/// `table`, the configuration table it comes from), never the key.
pub fn from_env(cfg: &EngineConfig, table: &str) -> Result<Option<ApiKey>, String> {
    let Some(var) = &cfg.key_env else {
        return Ok(None);
    };
    match std::env::var(var) {
        Ok(v) if !v.trim().is_empty() => Ok(Some(ApiKey(v.trim().to_string()))),
        Ok(_) => Err(format!(
            "{table}: key_env names the environment variable {var}, which is empty"
        )),
        Err(_) => Err(format!(
            "{table}: key_env names the environment variable {var}, which is not set (export {var}=… with the engine's API key)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_key() {
        let k = ApiKey("secret-123:fx".into());
        assert_eq!(format!("{k:?}"), "ApiKey(***)");
        assert!(k.is_deepl_free());
    }
}
