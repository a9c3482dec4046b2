//! The pull API of the site build: `GET /api/manifest.json`,
//! `GET /api/export/<file>` (a file of the export, e.g.
//! `en/posts/<slug>.md`) and `GET /api/export.tar` (all of them), with a
//! reader's token as `Authorization: Bearer …`.
//!
//! What is served is exactly what `relais export` writes (built by the same
//! `export::build`, so verified the same way), kept in memory and rebuilt
//! when a file of the site changes (a fingerprint of the sizes and times of
//! `relais.toml`, `posts/`, `locales/` and `review/`). The export is built
//! under the site's write lock, so it never sees half a sync. Every answer
//! has a strong `ETag` (a hash of its bytes); `If-None-Match` with it gives
//! `304 Not Modified`, so a build that has the latest export downloads
//! nothing.

use super::{App, path};
use crate::base::config::{Config, Layout};
use crate::base::lock::SiteLock;
use crate::export::{self, ExportError};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// One file as served.
pub struct File {
    /// The body sent.
    pub bytes: Vec<u8>,
    /// A quoted hash of `bytes`: the `ETag`, matched against `If-None-Match`.
    pub etag: String,
    /// The `Content-Type`, from the file's extension.
    pub content_type: &'static str,
}

impl File {
    fn new(bytes: Vec<u8>, content_type: &'static str) -> File {
        let etag = format!("\"{}\"", &hex::encode(Sha256::digest(&bytes))[..32]);
        File {
            bytes,
            etag,
            content_type,
        }
    }
}

/// An export, built.
pub struct Snapshot {
    fingerprint: String,
    /// Every file of the export by its path in it (`en/posts/<slug>.md`,
    /// `manifest.json`).
    pub files: BTreeMap<String, File>,
    /// All of them in one tar, for `GET /api/export.tar`.
    pub tar: File,
}

/// The last export built, per layout asked for (`?layout=`).
#[derive(Default)]
pub struct Cache(tokio::sync::Mutex<BTreeMap<Layout, Arc<Snapshot>>>);

/// Why there is nothing to serve.
enum Unavailable {
    /// Nothing approved yet, or a gate: 404.
    Nothing(String),
    /// The site's files are broken: 500.
    Broken(String),
    /// Another writer held the lock too long and nothing was built yet: 503.
    Busy(String),
}

impl IntoResponse for Unavailable {
    fn into_response(self) -> Response {
        let (status, text) = match self {
            Unavailable::Nothing(t) => (StatusCode::NOT_FOUND, t),
            Unavailable::Broken(t) => (StatusCode::INTERNAL_SERVER_ERROR, t),
            Unavailable::Busy(t) => (StatusCode::SERVICE_UNAVAILABLE, t),
        };
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{text}\n"),
        )
            .into_response()
    }
}

impl Cache {
    /// The export of the site as it is now (built again only if a file
    /// changed since the last build).
    async fn current(&self, app: &App, layout: Layout) -> Result<Arc<Snapshot>, Unavailable> {
        let mut slots = self.0.lock().await;
        let last = slots.get(&layout).cloned();
        let wait = app.opts.lock_wait.min(Duration::from_secs(10));
        let fresh = app
            .read(move |cfg| refresh(cfg, layout, last, wait))
            .await?;
        slots.insert(layout, fresh.clone());
        Ok(fresh)
    }
}

/// Builds the export unless `last` is still current. When another writer
/// holds the lock too long, the last export is served as it is.
fn refresh(
    cfg: &Config,
    layout: Layout,
    last: Option<Arc<Snapshot>>,
    wait: Duration,
) -> Result<Arc<Snapshot>, Unavailable> {
    let _lock = match SiteLock::acquire(cfg, wait, |_| {}) {
        Ok(lock) => lock,
        Err(e) => return last.ok_or_else(|| Unavailable::Busy(e.to_string())),
    };
    let fingerprint = fingerprint(cfg);
    if let Some(last) = last.filter(|s| s.fingerprint == fingerprint) {
        return Ok(last);
    }
    let (files, _) = export::build(cfg, None, layout).map_err(|e| match e {
        ExportError::Gate(t) => Unavailable::Nothing(t),
        other => Unavailable::Broken(other.to_string()),
    })?;
    Ok(Arc::new(snapshot(fingerprint, files)))
}

fn snapshot(fingerprint: String, files: export::Files) -> Snapshot {
    let tar = File::new(tar_of(&files), "application/x-tar");
    let files = files
        .into_iter()
        .map(|(name, bytes)| {
            let kind = content_type(&name);
            (name, File::new(bytes, kind))
        })
        .collect();
    Snapshot {
        fingerprint,
        files,
        tar,
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("json") => "application/json",
        Some("md") => "text/markdown; charset=utf-8",
        Some("ftl" | "toml" | "txt") => "text/plain; charset=utf-8",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("svg") => "image/svg+xml",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// A tar of the export: sorted, every date and owner zero, so the same
/// export gives the same bytes (and ETag).
fn tar_of(files: &export::Files) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    builder.mode(tar::HeaderMode::Deterministic);
    for (name, bytes) in files {
        let mut h = tar::Header::new_ustar();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_uid(0);
        h.set_gid(0);
        h.set_entry_type(tar::EntryType::Regular);
        builder
            .append_data(&mut h, name, &bytes[..])
            .expect("writing a tar to memory");
    }
    builder.into_inner().expect("writing a tar to memory")
}

/// Sizes and modification times of every file an export is made of.
fn fingerprint(cfg: &Config) -> String {
    let mut hasher = Sha256::new();
    let top = [cfg.root.join(crate::base::config::FILE_NAME)];
    let dirs = [cfg.posts_dir(), cfg.root.join("locales"), cfg.state_dir()];
    let listed = dirs.iter().flat_map(|dir| {
        crate::base::fs::list_files(dir, "")
            .unwrap_or_default()
            .into_iter()
            .map(move |rel| dir.join(rel))
    });
    for p in top.into_iter().chain(listed) {
        let meta = std::fs::metadata(&p).ok();
        let stamp = meta.as_ref().and_then(|m| m.modified().ok());
        hasher.update(format!(
            "{}\0{:?}\0{:?}\n",
            p.display(),
            meta.map(|m| m.len()),
            stamp
        ));
    }
    hex::encode(hasher.finalize())
}

/// A file of the snapshot, or `304` when the client has it already.
fn answer(file: &File, headers: &HeaderMap) -> Response {
    let etag = HeaderValue::from_str(&file.etag).expect("hex");
    let mut response = if not_modified(headers, &file.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = file.bytes.clone().into_response();
        let ct = HeaderValue::from_static(file.content_type);
        r.headers_mut().insert(header::CONTENT_TYPE, ct);
        r
    };
    let h = response.headers_mut();
    h.insert(header::ETAG, etag);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// `If-None-Match` lists the ETag (or `*`).
fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// Runs `f` on the current snapshot of the layout asked for (`?layout=`,
/// else `[export] layout`; 400 for an unknown one), after the reader's
/// token.
async fn with_snapshot(
    app: &App,
    headers: &HeaderMap,
    query: &[(String, String)],
    f: impl FnOnce(&Snapshot) -> Response,
) -> Response {
    if let Err(r) = super::auth::reader(app, headers) {
        return r.into_response();
    }
    let layout = match query.iter().find(|(k, _)| k == "layout") {
        None => app.cfg.export.layout,
        Some((_, v)) => match v.parse::<Layout>() {
            Ok(l) => l,
            Err(e) => return (StatusCode::BAD_REQUEST, format!("{e}\n")).into_response(),
        },
    };
    match app.export.current(app, layout).await {
        Ok(s) => f(&s),
        Err(e) => e.into_response(),
    }
}

/// `GET /api/manifest.json`.
pub async fn manifest(
    State(app): State<App>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    with_snapshot(&app, &headers, &query, |s| {
        answer(&s.files["manifest.json"], &headers)
    })
    .await
}

/// `GET /api/export.tar`.
pub async fn tar(
    State(app): State<App>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    with_snapshot(&app, &headers, &query, |s| answer(&s.tar, &headers)).await
}

/// `GET /api/export/{*path}` (400 for a path with `..` and the like).
pub async fn file(
    State(app): State<App>,
    Path(name): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = super::auth::reader(&app, &headers) {
        return r.into_response();
    }
    if let Err(e) = path::relative(&name) {
        return (StatusCode::BAD_REQUEST, format!("{e}\n")).into_response();
    }
    with_snapshot(&app, &headers, &query, |s| match s.files.get(&name) {
        Some(f) => answer(f, &headers),
        None => (
            StatusCode::NOT_FOUND,
            format!("{name}: not in the export\n"),
        )
            .into_response(),
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tar_is_the_same_for_the_same_files_and_etags_match() {
        let files: export::Files = [("fr/site.ftl".to_string(), b"a = b\n".to_vec())].into();
        assert_eq!(tar_of(&files), tar_of(&files));
        let f = File::new(b"x".to_vec(), "text/plain");
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_NONE_MATCH,
            format!("\"other\", W/{}", f.etag).parse().unwrap(),
        );
        assert!(not_modified(&h, &f.etag));
        h.insert(header::IF_NONE_MATCH, "\"other\"".parse().unwrap());
        assert!(!not_modified(&h, &f.etag));
    }
}
