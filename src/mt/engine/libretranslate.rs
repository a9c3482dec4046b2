//! LibreTranslate client (self-hosted, open source): `POST /translate`
//! with a JSON body, `q` an array of texts, `format=html` so that the
//! `<x/>`/`<g>` elements of `protect` pass through, `api_key` in the body
//! when one is configured (never a header). Errors are `{"error": …}`.
//!
//! LibreTranslate HTML-unescapes what it returns (`&lt;` comes back as
//! `<`), so the client escapes the text again around the elements before
//! `protect::restore` reads it.

use super::batch::Limits;
use super::http::Http;
use super::key::{self, ApiKey};
use super::{EngineError, Meter, Pair, Translation, Translator};
use crate::base::config::EngineConfig;
use async_trait::async_trait;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, LazyLock};

const NAME: &str = "libretranslate";
const DEFAULT_URL: &str = "http://127.0.0.1:5000";
const MAX_TEXTS: usize = 50;
const MAX_BYTES: usize = 128 * 1024;

/// The LibreTranslate client: up to 50 texts and 128 KiB a request, in HTML
/// format so that the elements of `protect` pass through.
pub struct LibreTranslate {
    http: Http,
    key: Option<ApiKey>,
    concurrency: usize,
}

#[derive(Serialize)]
struct Body<'a> {
    q: &'a [String],
    source: &'a str,
    target: &'a str,
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_key: Option<&'a str>,
}

#[derive(Deserialize)]
struct Response {
    #[serde(rename = "translatedText")]
    texts: Vec<String>,
}

impl LibreTranslate {
    /// A client for the configured server (`http://127.0.0.1:5000` by default),
    /// with the key from `key_env` when one is named; an unset or empty
    /// variable is an error.
    pub fn new(cfg: &EngineConfig, meter: Arc<Meter>) -> Result<Self, EngineError> {
        let key = key::from_env(cfg, crate::base::config::FILE_NAME).map_err(|message| {
            EngineError::Setup {
                engine: NAME,
                message,
            }
        })?;
        let url = cfg.url.as_deref().unwrap_or(DEFAULT_URL);
        Ok(LibreTranslate {
            http: Http::new(NAME, url, cfg, meter)?.redacting(key.as_ref()),
            key,
            concurrency: cfg.concurrency,
        })
    }

    fn body<'a>(&'a self, pair: &'a Pair, texts: &'a [String]) -> Body<'a> {
        Body {
            q: texts,
            source: pair.source.language.as_str(),
            target: pair.target.language.as_str(),
            format: "html",
            api_key: self.key.as_ref().map(ApiKey::expose),
        }
    }
}

#[async_trait]
impl Translator for LibreTranslate {
    fn name(&self) -> &'static str {
        NAME
    }

    fn limits(&self, pair: &Pair) -> Limits {
        Limits::json(MAX_TEXTS, MAX_BYTES, &self.body(pair, &[]))
    }

    fn concurrency(&self) -> usize {
        self.concurrency
    }

    async fn translate(
        &self,
        pair: &Pair,
        texts: &[String],
    ) -> Result<Vec<Translation>, EngineError> {
        let build = |c: &reqwest::Client| c.post(self.http.url("/translate"));
        let resp: Response = self
            .http
            .post_json(super::characters(texts), build, &self.body(pair, texts))
            .await?;
        Ok(resp
            .texts
            .iter()
            .map(|t| Translation::plain(reescape(t)))
            .collect())
    }
}

/// The elements `protect` makes, in the forms an HTML serialiser gives.
static ELEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<[xg]\s+id\s*=\s*["']\d+["']\s*/?>|</[xg]\s*>"#).expect("valid regex")
});

/// Escapes `& < >` everywhere but in the elements.
fn reescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in ELEMENT.find_iter(text) {
        escape_into(&text[last..m.start()], &mut out);
        out.push_str(m.as_str());
        last = m.end();
    }
    escape_into(&text[last..], &mut out);
    out
}

fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescaped_answers_are_escaped_again_around_elements() {
        assert_eq!(
            reescape(r#"1 < 2 & <g id="1">x</g> <x id="2"></x> &eacute; <x id='3'/>"#),
            r#"1 &lt; 2 &amp; <g id="1">x</g> <x id="2"></x> &amp;eacute; <x id='3'/>"#
        );
    }
}
