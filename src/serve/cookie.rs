//! Cookies of the pages: reading one from the request headers, and the
//! `Set-Cookie` value relais sends (HttpOnly, SameSite=Strict).

use axum::http::{HeaderMap, HeaderValue, header};
use std::time::Duration;

/// The value of cookie `name`.
pub(super) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict; `None` deletes it.
pub(super) fn set_cookie(
    name: &str,
    value: Option<&str>,
    path: &str,
    max_age: Duration,
) -> HeaderValue {
    let (value, age) = match value {
        Some(v) => (v, max_age.as_secs()),
        None => ("", 0),
    };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path={path}; Max-Age={age}; HttpOnly; SameSite=Strict"
    ))
    .expect("cookie values are ASCII")
}
