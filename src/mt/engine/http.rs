//! The HTTP side every engine client shares: one `reqwest` client with the
//! configured timeout, the retry policy around each request, the meter, and
//! one reading of error answers.
//!
//! A 2xx answer gives its body. 429 and 5xx, connection errors and timeouts
//! are retried (`retry`); 456 (DeepL's quota) is [`EngineError::Quota`];
//! any other status is [`EngineError::Rejected`] with the server's own
//! message (`{"message"}`, `{"error"}` or APy's `{"explanation"}`).
//!
//! What it does not do: build request bodies or read successful answers
//! (each client does), or ever log a header: keys travel in headers or
//! bodies that this module never prints.

use super::key::ApiKey;
use super::retry::{self, Clock, Failure, Policy, TokioClock};
use super::{EngineError, Meter};
use crate::base::config::EngineConfig;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use std::time::Duration;

/// What every request says it comes from (DeepL's own mock refuses a
/// request without one; its official clients always send theirs).
pub const USER_AGENT: &str = concat!("relais/", env!("CARGO_PKG_VERSION"));

/// A client's connection to its server.
pub struct Http {
    engine: &'static str,
    base: String,
    client: reqwest::Client,
    policy: Policy,
    clock: Arc<dyn Clock>,
    meter: Arc<Meter>,
    /// The key this client sends, never shown: replaced by `***` in any
    /// message made from what a server answered.
    secret: Option<ApiKey>,
}

impl Http {
    /// `base` is the server's URL without a trailing slash.
    pub fn new(
        engine: &'static str,
        base: &str,
        cfg: &EngineConfig,
        meter: Arc<Meter>,
    ) -> Result<Http, EngineError> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(cfg.timeout))
            .user_agent(USER_AGENT)
            .build()
            .map_err(|e| EngineError::Unavailable {
                engine,
                url: base.to_string(),
                message: e.to_string(),
            })?;
        Ok(Http {
            engine,
            base: base.trim_end_matches('/').to_string(),
            client,
            policy: Policy::with_retries(cfg.retries),
            clock: Arc::new(TokioClock),
            meter,
            secret: None,
        })
    }

    /// The same client, redacting `key` from every message made of an
    /// answer (a server or proxy may echo the request's headers).
    pub fn redacting(mut self, key: Option<&ApiKey>) -> Self {
        self.secret = key.cloned();
        self
    }

    /// A server's words made fit to show: the key redacted, control
    /// characters (terminal escapes) dropped, 200 characters at most.
    fn shown(&self, text: &str) -> String {
        let text = match &self.secret {
            Some(k) => text.replace(k.expose(), "***"),
            None => text.to_string(),
        };
        let clean: String = text
            .chars()
            .filter(|c| !c.is_control() || *c == ' ')
            .collect();
        excerpt(&clean)
    }

    /// The full URL of `path` (`/translate`) on the server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The server's URL, without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Sends the request `build` makes (again on each retry) and returns
    /// the body of its 2xx answer. `chars` is what the request carries for
    /// translation, counted once it is answered. Only requests that carry
    /// text are metered: asking for pairs, glossaries or usage is not
    /// translation and costs no characters.
    pub async fn send(
        &self,
        chars: usize,
        build: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
    ) -> Result<String, EngineError> {
        let on_retry = |n: u32, wait: Duration, e: &EngineError| {
            if chars > 0 {
                self.meter.retried();
            }
            tracing::warn!(
                "{e}; retry {n}/{} in {:.1} s",
                self.policy.retries,
                wait.as_secs_f64()
            );
        };
        retry::run(
            &self.policy,
            self.clock.as_ref(),
            || self.attempt(chars, &build),
            on_retry,
        )
        .await
    }

    /// [`Http::send`], then the body read as JSON.
    pub async fn json<T: DeserializeOwned>(
        &self,
        chars: usize,
        build: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
    ) -> Result<T, EngineError> {
        let body = self.send(chars, build).await?;
        serde_json::from_str(&body).map_err(|e| EngineError::BadResponse {
            engine: self.engine,
            message: format!(
                "the answer is not the JSON expected ({e}): {}",
                self.shown(&body)
            ),
        })
    }

    /// [`Http::json`] for a request with a JSON `body`, serialised once.
    pub async fn post_json<T: DeserializeOwned>(
        &self,
        chars: usize,
        build: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
        body: &impl serde::Serialize,
    ) -> Result<T, EngineError> {
        let bytes = serde_json::to_vec(body).expect("request bodies serialise");
        self.json(chars, |c| {
            build(c)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(bytes.clone())
        })
        .await
    }

    async fn attempt(
        &self,
        chars: usize,
        build: &impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
    ) -> Result<String, Failure> {
        if chars > 0 {
            self.meter.requested();
        }
        let resp = build(&self.client)
            .send()
            .await
            .map_err(|e| Failure::transient(self.unreachable(&e), None))?;
        let status = resp.status().as_u16();
        let after = retry_after(resp.headers());
        let body = resp
            .text()
            .await
            .map_err(|e| Failure::transient(self.unreachable(&e), None))?;
        if (200..300).contains(&status) {
            self.meter.sent(chars);
            return Ok(body);
        }
        Err(self.refusal(status, &body, after))
    }

    fn refusal(&self, status: u16, body: &str, after: Option<Duration>) -> Failure {
        let message = self.shown(&error_message(body, status));
        let engine = self.engine;
        match status {
            456 => Failure::fatal(EngineError::Quota { engine, message }),
            429 => Failure::transient(
                EngineError::Rejected {
                    engine,
                    status,
                    message,
                },
                after,
            ),
            500.. => Failure::transient(
                EngineError::Unavailable {
                    engine,
                    url: self.base.clone(),
                    message: format!("HTTP {status}: {message}"),
                },
                after,
            ),
            _ => Failure::fatal(EngineError::Rejected {
                engine,
                status,
                message,
            }),
        }
    }

    fn unreachable(&self, e: &reqwest::Error) -> EngineError {
        let message = if e.is_timeout() {
            "timed out".to_string()
        } else if e.is_connect() {
            "connection refused".to_string()
        } else {
            let mut m = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                m.push_str(&format!(": {s}"));
                source = s.source();
            }
            m
        };
        EngineError::Unavailable {
            engine: self.engine,
            url: self.base.clone(),
            message,
        }
    }
}

/// `Retry-After` in seconds (the HTTP-date form is not used by these APIs).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    v.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| *s >= 0.0)
        .map(Duration::from_secs_f64)
}

/// The server's own explanation of an error answer.
fn error_message(body: &str, status: u16) -> String {
    let json: Option<serde_json::Value> = serde_json::from_str(body).ok();
    let from_json = json.as_ref().and_then(|v| {
        ["explanation", "message", "error"]
            .iter()
            .find_map(|k| v.get(k).and_then(|m| m.as_str()))
            .filter(|m| !m.is_empty())
            .map(str::to_string)
    });
    from_json.unwrap_or_else(|| {
        let text = body.trim();
        if text.is_empty() || text.starts_with('<') {
            reason(status).to_string()
        } else {
            excerpt(text)
        }
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "bad request",
        403 => "forbidden",
        404 => "not found",
        413 => "request too large",
        429 => "too many requests",
        456 => "quota exceeded",
        503 => "service unavailable",
        _ => "no explanation given",
    }
}

/// At most 200 characters of a body, for messages.
fn excerpt(body: &str) -> String {
    let mut out: String = body.chars().take(200).collect();
    if out.len() < body.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_messages_come_from_the_body_when_there_is_one() {
        assert_eq!(
            error_message(r#"{"message":"Quota exceeded"}"#, 456),
            "Quota exceeded"
        );
        assert_eq!(error_message(r#"{"error":"Slowdown"}"#, 429), "Slowdown");
        assert_eq!(
            error_message(
                r#"{"message":"Bad Request","explanation":"That pair is not installed"}"#,
                400
            ),
            "That pair is not installed"
        );
        assert_eq!(error_message("", 403), "forbidden");
        assert_eq!(error_message("<html>404</html>", 404), "not found");
    }

    #[test]
    fn retry_after_in_seconds() {
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert(reqwest::header::RETRY_AFTER, "3".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(3)));
        h.insert(
            reqwest::header::RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), None);
    }
}
