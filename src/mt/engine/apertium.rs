//! Apertium APy client (offline, rule-based).
//!
//! One text per request (APy has no batch form). Pairs are found with
//! `/listPairs`; without a direct pair the client pivots through one
//! intermediate language (fr→es→en) and says so. Within a run, every leg is
//! remembered, so English reuses the fr→es leg Spanish already paid for.
//! Unknown-word marks (`*`, `@`, `#`) are removed and reported.

use super::batch::Limits;
use super::cache::Cache;
use super::http::Http;
use super::{Context, EngineError, Pair, Translation, Translator};
use crate::base::config::EngineConfig;
use async_trait::async_trait;
use serde::Deserialize;
use std::sync::Mutex;
use tokio::sync::OnceCell;

const NAME: &str = "apertium";
const DEFAULT_URL: &str = "http://127.0.0.1:2737";

/// The folder of the cache the legs of pivots are kept in.
const LEGS_DIR: &str = "apertium-legs";

/// The Apertium APy client: one text per request, through a pivot language
/// when the pair is not installed. Every answered leg is kept in
/// `review/.cache/apertium-legs/`, so that the fr→es leg English made
/// serves Spanish (and the other way round), in this run or a later one.
pub struct Apertium {
    http: Http,
    mark_unknown: bool,
    concurrency: usize,
    pairs: OnceCell<Vec<(String, String)>>,
    /// Legs answered, kept between runs.
    legs: Mutex<Cache>,
}

/// The answer of one request: text with marks removed, and unknown words.
#[derive(Clone, Debug)]
struct Leg {
    text: String,
    unknown: Vec<String>,
}

#[derive(Deserialize)]
struct TranslateResponse {
    #[serde(rename = "responseData")]
    data: TranslateData,
}

#[derive(Deserialize)]
struct TranslateData {
    #[serde(rename = "translatedText")]
    text: String,
}

#[derive(Deserialize)]
struct PairsResponse {
    #[serde(rename = "responseData")]
    data: Vec<PairEntry>,
}

#[derive(Deserialize)]
struct PairEntry {
    #[serde(rename = "sourceLanguage")]
    source: String,
    #[serde(rename = "targetLanguage")]
    target: String,
}

impl Apertium {
    /// A client for the configured server (`http://127.0.0.1:2737` by default);
    /// the installed pairs are asked on first use, not here.
    /// The legs of earlier runs are read from `ctx.cache_dir`.
    pub fn new(cfg: &EngineConfig, ctx: &Context) -> Result<Self, EngineError> {
        let url = cfg.url.as_deref().unwrap_or(DEFAULT_URL);
        let legs = Cache::load(&ctx.cache_dir.join(LEGS_DIR)).map_err(|e| EngineError::Setup {
            engine: NAME,
            message: e.to_string(),
        })?;
        Ok(Apertium {
            http: Http::new(NAME, url, cfg, ctx.meter.clone())?,
            mark_unknown: cfg.mark_unknown,
            concurrency: cfg.concurrency,
            pairs: OnceCell::new(),
            legs: Mutex::new(legs),
        })
    }

    /// The installed pairs, asked once per run.
    async fn pairs(&self) -> Result<&Vec<(String, String)>, EngineError> {
        self.pairs
            .get_or_try_init(|| async {
                let url = self.http.url("/listPairs");
                let body: PairsResponse = self.http.json(0, |c| c.get(&url)).await?;
                Ok(body
                    .data
                    .into_iter()
                    .map(|p| (p.source, p.target))
                    .collect())
            })
            .await
    }

    /// The legs (APy language pairs) that translate `pair`.
    async fn route(&self, pair: &Pair) -> Result<Vec<String>, EngineError> {
        let pairs = self.pairs().await?;
        let (from, to) = (apy_code(&pair.source), apy_code(&pair.target));
        route(pairs, &from, &to).ok_or_else(|| EngineError::UnsupportedPair {
            engine: NAME,
            pair: pair.to_string(),
            message: format!("no {from}|{to} pair and no pivot installed on the APy server"),
        })
    }

    async fn translate_one(
        &self,
        route: &[String],
        text: &str,
    ) -> Result<Translation, EngineError> {
        let mut current = text.to_string();
        let mut unknown = Vec::new();
        for langpair in route {
            let leg = self.leg(langpair, &current).await?;
            current = leg.text;
            for w in leg.unknown {
                if !unknown.contains(&w) {
                    unknown.push(w);
                }
            }
        }
        let pivot = (route.len() > 1).then(|| {
            let code = route[0].split('|').nth(1).unwrap_or_default();
            locale_of(code).to_string()
        });
        Ok(Translation {
            text: current.trim().to_string(),
            pivot,
            unknown,
            model: None,
        })
    }

    /// One APy request, unless the leg was answered before (in this run or
    /// an earlier one); the answer is written to the legs' cache at once.
    async fn leg(&self, langpair: &str, text: &str) -> Result<Leg, EngineError> {
        let scope = format!("apertium-leg|{langpair}|mark_unknown={}", self.mark_unknown);
        let key = Cache::key(&scope, text);
        if let Some(t) = self.legs.lock().expect("no poisoning").get(&key) {
            return Ok(Leg {
                text: t.text.clone(),
                unknown: t.unknown.clone(),
            });
        }
        let mark = if self.mark_unknown { "yes" } else { "no" };
        let url = self.http.url("/translate");
        let form = [("langpair", langpair), ("q", text), ("markUnknown", mark)];
        let chars = text.chars().count();
        let body: TranslateResponse = self.http.json(chars, |c| c.post(&url).form(&form)).await?;
        let (text_out, unknown) = strip_marks(&body.data.text, text);
        let leg = Leg {
            text: collapse_spaces(text_out.trim(), text),
            unknown,
        };
        let answer = Translation {
            text: leg.text.clone(),
            pivot: None,
            unknown: leg.unknown.clone(),
            model: None,
        };
        let kept = self
            .legs
            .lock()
            .expect("no poisoning")
            .append(vec![(key, answer)]);
        // A leg not written is sent again next time: worth a warning, not
        // the run.
        if let Err(e) = kept {
            tracing::warn!("{e}");
        }
        Ok(leg)
    }
}

#[async_trait]
impl Translator for Apertium {
    fn name(&self) -> &'static str {
        NAME
    }

    fn limits(&self, _pair: &Pair) -> Limits {
        Limits::one_by_one()
    }

    fn concurrency(&self) -> usize {
        self.concurrency
    }

    async fn translate(
        &self,
        pair: &Pair,
        texts: &[String],
    ) -> Result<Vec<Translation>, EngineError> {
        let route = self.route(pair).await?;
        let mut out = Vec::with_capacity(texts.len());
        for text in texts {
            out.push(self.translate_one(&route, text).await?);
        }
        Ok(out)
    }
}

/// APy's three-letter code for a locale.
fn apy_code(locale: &unic_langid::LanguageIdentifier) -> String {
    match locale.language.as_str() {
        "fr" => "fra",
        "es" => "spa",
        "en" => "eng",
        "ca" => "cat",
        "pt" => "por",
        "it" => "ita",
        "de" => "deu",
        other => other,
    }
    .to_string()
}

/// The two-letter locale for an APy code, for the state's `pivot`.
fn locale_of(code: &str) -> &str {
    match code {
        "fra" => "fr",
        "spa" => "es",
        "eng" => "en",
        "cat" => "ca",
        "por" => "pt",
        "ita" => "it",
        "deu" => "de",
        other => other,
    }
}

/// A direct pair, else a pivot through one language (preferring Spanish,
/// the pair Apertium maintains best for French).
fn route(pairs: &[(String, String)], from: &str, to: &str) -> Option<Vec<String>> {
    let has = |a: &str, b: &str| pairs.iter().any(|(s, t)| s == a && t == b);
    if has(from, to) {
        return Some(vec![format!("{from}|{to}")]);
    }
    let mut pivots: Vec<&str> = pairs
        .iter()
        .filter(|(s, t)| s == from && has(t, to))
        .map(|(_, t)| t.as_str())
        .collect();
    pivots.sort_by_key(|p| (*p != "spa", *p));
    let via = pivots.first()?;
    Some(vec![format!("{from}|{via}"), format!("{via}|{to}")])
}

/// Removes Apertium's marks (`*unknown`, `@untransferred`, `#ungenerated`)
/// from `output` and lists the marked words. A mark that was already in the
/// input (a hashtag, say) is text and stays.
fn strip_marks(output: &str, input: &str) -> (String, Vec<String>) {
    let mut text = String::with_capacity(output.len());
    let mut unknown = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = output.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at_word_start = prev.is_none_or(|p| !p.is_alphanumeric());
        let next_is_word = chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if matches!(c, '*' | '@' | '#') && at_word_start && next_is_word {
            let word = word_at(&output[i + 1..]);
            if !input.contains(&format!("{c}{word}")) {
                if !unknown.contains(&word.to_string()) {
                    unknown.push(word.to_string());
                }
                prev = Some(c);
                continue;
            }
        }
        text.push(c);
        prev = Some(c);
    }
    (text, unknown)
}

/// APy leaves two spaces where it drops a word (a French `se`, say).
/// Runs of spaces are made single unless the input had such runs itself.
fn collapse_spaces(output: &str, input: &str) -> String {
    if input.contains("  ") {
        return output.to_string();
    }
    let mut out = String::with_capacity(output.len());
    for c in output.chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

fn word_at(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-' || *c == '\'' || *c == '’'))
        .map_or(s.len(), |(i, _)| i);
    s[..end].trim_end_matches(['-', '\'', '’'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_removed_and_reported() {
        let (text, unknown) = strip_marks(
            "La delegación de <g id=\"1\">*KEOOGO</g> ha visitado #20noviembre @escuela *Bobo-Dioulasso.",
            "La délégation de <g id=\"1\">KEOOGO</g> a visité #20noviembre école Bobo-Dioulasso.",
        );
        assert_eq!(
            text,
            "La delegación de <g id=\"1\">KEOOGO</g> ha visitado #20noviembre escuela Bobo-Dioulasso."
        );
        assert_eq!(unknown, vec!["KEOOGO", "escuela", "Bobo-Dioulasso"]);
    }

    #[test]
    fn dropped_words_leave_no_double_space() {
        assert_eq!(
            collapse_spaces("se han  encontrado", "se sont retrouvés"),
            "se han encontrado"
        );
        assert_eq!(collapse_spaces("a  b", "x  y"), "a  b");
    }

    #[test]
    fn pivot_route_prefers_spanish() {
        let pairs: Vec<(String, String)> = [
            ("fra", "spa"),
            ("spa", "eng"),
            ("fra", "cat"),
            ("cat", "eng"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(route(&pairs, "fra", "spa").unwrap(), vec!["fra|spa"]);
        assert_eq!(
            route(&pairs, "fra", "eng").unwrap(),
            vec!["fra|spa", "spa|eng"]
        );
        assert_eq!(route(&pairs, "eng", "fra"), None);
    }
}
