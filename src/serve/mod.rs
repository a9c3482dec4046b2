//! `relais serve`: the review workflow and the writers' drafts in a browser,
//! and the pull API of the site build, over HTTP (axum on tokio).
//!
//! Pages are HTML made on the server ([`html`]), in French or English
//! ([`i18n`]), without JavaScript. Every change goes through the library
//! code the commands use (`edit`, `decide`, `submit`, `sync`) while holding
//! the site's write lock, so a change from a page and a `relais sync` in a
//! terminal never interleave. Who may do what is in [`auth`] and [`tokens`].
//!
//! Modules: [`dashboard`] (resources × locales), [`review`] (a resource in
//! a locale: review, edit, approve, preview), [`submit`] (writers),
//! [`api`] (the export for the site build), [`path`] (what a URL may name).

pub mod api;
pub mod auth;
pub mod card;
mod cookie;
pub mod dashboard;
pub mod flash;
pub mod help;
pub mod html;
pub mod i18n;
pub mod listen;
pub mod path;
pub mod questions;
pub mod repo;
pub mod review;
pub mod search;
pub mod show;
pub mod submit;
pub mod tokens;

use crate::base::config::Config;
use crate::base::error::Error;
use crate::base::lock::SiteLock;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use i18n::Lang;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use unic_langid::LanguageIdentifier;

/// Largest form a page may post (an edit, an approval).
pub const FORM_LIMIT: usize = 256 * 1024;
/// Largest draft a writer may post.
pub const DRAFT_LIMIT: usize = 2 * 1024 * 1024;

const CSS: &str = include_str!("relais.css");
const JS: &str = include_str!("relais.js");

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Where tokens come from.
    pub tokens: tokens::Sources,
    /// How long a change waits for another writer (a running `sync`).
    pub lock_wait: Duration,
    /// How long a client may take to send a request.
    pub timeouts: listen::Timeouts,
}

/// The server's state, shared by every request.
#[derive(Clone)]
pub struct App(Arc<Inner>);

/// What [`App`] shares: the site, how the server runs, and what requests
/// leave for later ones.
pub struct Inner {
    /// The site's configuration, read once at start.
    pub cfg: Config,
    /// How the server runs.
    pub opts: Options,
    /// Who is signed in, in memory: a restart signs everyone out.
    pub sessions: auth::Sessions,
    /// The last export built, for the pull API.
    pub export: api::Cache,
    /// The site's git repository, when changes are committed.
    pub git: Option<Arc<repo::Git>>,
    /// The fuzzy memory of the site, refreshed before each page.
    pub fuzzy: std::sync::Mutex<crate::review::fuzzy::Index>,
    /// The dashboard's rows, brought up to the files at each request.
    pub board: dashboard::Board,
    /// Changes waiting for their turn to write (see [`App::write`]).
    writers: Arc<tokio::sync::Mutex<()>>,
}

impl std::ops::Deref for App {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl App {
    /// The server of the site of `cfg`: nobody signed in, no export built.
    pub fn new(cfg: Config, opts: Options) -> App {
        App(Arc::new(Inner {
            git: repo::Git::of(&cfg).map(Arc::new),
            cfg,
            opts,
            sessions: auth::Sessions::default(),
            export: api::Cache::default(),
            fuzzy: std::sync::Mutex::new(crate::review::fuzzy::Index::new(0)),
            board: dashboard::Board::default(),
            writers: Arc::default(),
        }))
    }

    /// The tokens as they are now (read on every request, so a removed
    /// token stops working at once).
    pub fn keyring(&self) -> Result<tokens::Keyring, Fail> {
        tokens::Keyring::load(&self.opts.tokens).map_err(Fail::internal)
    }

    /// Runs `f` on a blocking thread while holding the site's write lock.
    /// Changes from this server take their turn first, in the order they
    /// came (a change waits for the one before it, not for a poll of the
    /// lock file); the lock file then keeps out other processes.
    pub async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Config) -> T + Send + 'static,
    ) -> Result<T, Error> {
        let turn = tokio::time::timeout(self.opts.lock_wait, self.writers.clone().lock_owned())
            .await
            .map_err(|_| {
                Error::Config(
                    "another change is still being written; try again when it has finished".into(),
                )
            })?;
        let app = self.clone();
        blocking(move || {
            let _turn = turn;
            let _lock = SiteLock::acquire(&app.cfg, app.opts.lock_wait, |holder| {
                tracing::info!("waiting for another relais ({holder}) to finish writing")
            })?;
            Ok(f(&app.cfg))
        })
        .await
    }

    /// [`App::write`] of a change by `who` (a token's name; `None`:
    /// relais), committed when the site commits: exactly the files `f`
    /// wrote, with the message `message` makes of what `f` returned.
    pub async fn change<T: Send + 'static>(
        &self,
        who: Option<String>,
        f: impl FnOnce(&Config) -> T + Send + 'static,
        message: impl FnOnce(&T) -> String + Send + 'static,
    ) -> Result<T, Error> {
        let app = self.clone();
        let (out, queued) = self
            .write(move |cfg| {
                let recording = crate::base::fs::Recording::start(&cfg.root);
                let out = f(cfg);
                let files = recording.finish();
                if files.is_empty() {
                    return (out, None);
                }
                // Matches, and the dashboard, may come from what was just written.
                app.fuzzy
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .wrote(cfg, &files);
                app.board.wrote(&files);
                let queued = app.git.as_ref().map(|git| {
                    // The fault-injection test's moment for `kill -9`: written,
                    // not committed (never compiled into a release).
                    #[cfg(feature = "fault-injection")]
                    if std::env::var_os("RELAIS_PAUSE_BEFORE_COMMIT").is_some() {
                        std::thread::sleep(std::time::Duration::from_secs(3600));
                    }
                    let id = git.queue(&files, who.as_deref(), message(&out));
                    (git.clone(), id)
                });
                (out, queued)
            })
            .await?;
        // Committed once the lock is free for the next change: commits
        // made while others write, several in one go.
        if let Some((git, id)) = queued {
            blocking(move || git.committed(id)).await;
        }
        Ok(out)
    }

    /// Runs `f` (which reads the site's files) on a blocking thread.
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Config) -> T + Send + 'static,
    ) -> T {
        let app = self.clone();
        blocking(move || f(&app.cfg)).await
    }

    /// The fuzzy memory, refreshed (only the resources whose files changed
    /// are read again), for `f` (call from a blocking thread).
    pub fn with_fuzzy<T>(
        &self,
        cfg: &Config,
        f: impl FnOnce(&crate::review::fuzzy::Index) -> T,
    ) -> T {
        let mut index = self.fuzzy.lock().unwrap_or_else(|e| e.into_inner());
        if index.is_unset() {
            *index = crate::review::fuzzy::Index::new(cfg.fuzzy_threshold);
        }
        index.refresh(cfg);
        f(&index)
    }

    /// A target locale named in a URL (404 when it is not one).
    pub fn target(&self, locale: &str, lang: Lang) -> Result<LanguageIdentifier, Fail> {
        locale
            .parse::<LanguageIdentifier>()
            .ok()
            .filter(|l| self.cfg.targets.contains(l))
            .ok_or_else(|| Fail::new(StatusCode::NOT_FOUND, lang.t("not-found")).in_lang(lang))
    }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(f).await {
        Ok(v) => v,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

/// Every route.
pub fn router(app: App) -> Router {
    let timeouts = app.opts.timeouts;
    Router::new()
        .route("/", get(dashboard::page))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/review/{locale}/{*resource}", get(review::page))
        .route(
            "/edit/{locale}/{*resource}",
            get(review::edit_get).post(review::edit),
        )
        .route("/approve/{locale}/{*resource}", post(review::approve))
        .route(
            "/approve-all/{locale}/{*resource}",
            get(review::approve_all),
        )
        .route("/unapprove/{locale}/{*resource}", post(review::unapprove))
        .route("/accept/{locale}/{*resource}", post(review::accept))
        .route("/suggest/{locale}/{*resource}", post(review::suggest))
        .route("/comment/{locale}/{*resource}", post(review::comment))
        .route("/resolve/{locale}/{*resource}", post(review::resolve))
        .route("/preview/{locale}/{*resource}", get(review::preview))
        .route("/search", get(search::page))
        .route(
            "/submit",
            get(submit::page)
                .post(submit::post)
                .layer(DefaultBodyLimit::max(DRAFT_LIMIT)),
        )
        .route("/post/{slug}", get(submit::preview))
        .route("/question", post(questions::post))
        .route("/api/manifest.json", get(api::manifest))
        .route("/api/export.tar", get(api::tar))
        .route("/api/export/{*path}", get(api::file))
        .route("/static/relais.css", get(css))
        .route("/static/relais.js", get(js))
        .route("/help", get(help::page))
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
        .layer(middleware::from_fn(headers))
        .layer(middleware::from_fn(move |request, next| {
            listen::body_deadline(timeouts, DRAFT_LIMIT, request, next)
        }))
        .with_state(app)
}

/// Serves until Ctrl-C. `ready` is told the address actually bound (for
/// `--addr 127.0.0.1:0`).
pub async fn run(
    cfg: Config,
    opts: Options,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Error::Config(format!("--addr {addr}: {e}")))?;
    let bound = listener
        .local_addr()
        .map_err(|e| Error::Config(format!("--addr {addr}: {e}")))?;
    ready(bound);
    let timeouts = opts.timeouts;
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let app = App::new(cfg, opts);
    repo::start(&app).await;
    listen::serve(listener, router(app), timeouts, stop).await;
    Ok(())
}

async fn css() -> Response {
    asset("text/css; charset=utf-8", CSS)
}

/// The review page's keyboard shortcuts (listed at `/help`): served from
/// here, no build step, nothing from another host.
async fn js() -> Response {
    asset("text/javascript; charset=utf-8", JS)
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// Headers every response gets: a strict content security policy (scripts
/// and styles from this server only: the shortcuts' own script), no framing, no sniffing, no
/// referrer, no caching of pages; and the chosen language remembered.
async fn headers(request: Request, next: Next) -> Response {
    let lang = i18n::query_lang(request.uri().query());
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let fixed = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
    ];
    for (name, value) in fixed {
        h.insert(name, HeaderValue::from_static(value));
    }
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    if let Some(lang) = lang {
        let year = Duration::from_secs(365 * 24 * 3600);
        h.append(
            header::SET_COOKIE,
            cookie::set_cookie(i18n::COOKIE, Some(lang.code()), "/", year),
        );
    }
    response
}

/// A request that cannot be served: a status and a message for people.
#[derive(Debug)]
pub struct Fail {
    /// The HTTP status of the answer.
    pub status: StatusCode,
    /// What went wrong, shown on the error page (escaped there).
    pub message: String,
    /// The language of the error page's own words.
    pub lang: Lang,
}

impl Fail {
    /// A failure shown in French until [`in_lang`](Fail::in_lang) says
    /// otherwise.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Fail {
        Fail {
            status,
            message: message.into(),
            lang: Lang::Fr,
        }
    }

    /// A failure of the site's files or of the server.
    pub fn internal(e: impl std::fmt::Display) -> Fail {
        Fail::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }

    /// A library error: the site's files, or another writer holding the lock.
    pub fn site(e: Error) -> Fail {
        let status = match e {
            Error::Config(_) => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Fail::new(status, e.to_string())
    }

    /// The error page in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Fail {
        self.lang = lang;
        self
    }
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        let reason = self.status.canonical_reason().unwrap_or("error");
        let body = format!(
            "<h1>{} {}</h1><p class=\"error\" role=\"alert\">{}</p><p><a href=\"/\">{}</a></p>",
            self.status.as_u16(),
            html::esc(reason),
            html::esc(&self.message),
            html::esc(&self.lang.t("back-home"))
        );
        let page = html::Page {
            lang: self.lang,
            title: reason,
            who: None,
            notices: &[],
            body,
        };
        (self.status, Html(page.render())).into_response()
    }
}
