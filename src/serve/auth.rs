//! Signing in and who may do what. A person signs in once with their token
//! (see `tokens`) and gets a session: a random id in a cookie (HttpOnly,
//! SameSite=Strict) that maps, in memory, to their name, role, locales and
//! the CSRF token every form of theirs carries. Sessions end after 12 hours,
//! on sign-out, when the server restarts, or as soon as their token is
//! removed. The pull API takes the token itself, as a Bearer header.

use super::cookie::{cookie, set_cookie};
use super::flash::{Flash, Notice};
use super::html::{self, Page, Who, esc};
use super::i18n::Lang;
use super::tokens::{Keyring, Role, Token};
use super::{App, Fail};
use axum::extract::{Form, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use unic_langid::LanguageIdentifier;

/// The session cookie.
pub const SESSION: &str = "relais_session";
/// The cookie holding the sign-in form's CSRF token (there is no session yet).
const LOGIN: &str = "relais_login";
const SESSION_LENGTH: Duration = Duration::from_secs(12 * 3600);

/// A signed-in person.
#[derive(Clone, Debug)]
struct Session {
    name: String,
    role: Role,
    locales: Vec<LanguageIdentifier>,
    /// Hash of the token used: the session ends when it is removed.
    token: String,
    csrf: String,
    expires: Instant,
    /// What the last actions did, for the next page.
    flash: Flash,
}

/// Every open session.
#[derive(Default)]
pub struct Sessions(Mutex<HashMap<String, Session>>);

impl Sessions {
    fn open(&self, token: &Token) -> Result<String, Fail> {
        let id = super::tokens::new_secret().map_err(Fail::internal)?;
        let session = Session {
            name: token.name.clone(),
            role: token.role,
            locales: token
                .locales
                .iter()
                .filter_map(|l| l.parse().ok())
                .collect(),
            token: token.sha256.clone(),
            csrf: super::tokens::new_secret().map_err(Fail::internal)?,
            expires: Instant::now() + SESSION_LENGTH,
            flash: Flash::default(),
        };
        let mut map = self.0.lock().expect("sessions");
        map.retain(|_, s| s.expires > Instant::now());
        map.insert(id.clone(), session);
        Ok(id)
    }

    /// The live session `id`; its flash is taken when `show` (a page
    /// that shows it), left for the next page otherwise.
    fn get(&self, id: &str, show: bool) -> Option<Session> {
        let mut map = self.0.lock().expect("sessions");
        let s = map.get_mut(id).filter(|s| s.expires > Instant::now())?;
        let copy = s.clone();
        if show {
            s.flash.notices.clear();
            s.flash.focus = None;
        }
        Some(copy)
    }

    fn close(&self, id: &str) {
        self.0.lock().expect("sessions").remove(id);
    }

    /// Shows `text` on the next page of session `id`.
    pub fn notify(&self, id: &str, text: String) {
        self.flash(id, |f| f.notices.push(Notice { at: None, text }));
    }

    /// Changes what the next page of session `id` shows.
    pub fn flash(&self, id: &str, change: impl FnOnce(&mut Flash)) {
        if let Some(s) = self.0.lock().expect("sessions").get_mut(id) {
            change(&mut s.flash);
        }
    }
}

/// The person behind a page request; requests without a session are sent
/// to the sign-in page.
#[derive(Clone, Debug)]
pub struct Viewer {
    /// The session id, as in the cookie.
    pub session: String,
    /// The name on their token: the reviewer or editor their decisions and
    /// edits are recorded under.
    pub name: String,
    /// What their token lets them do.
    pub role: Role,
    /// The target locales their token lets them review.
    pub locales: Vec<LanguageIdentifier>,
    /// The CSRF token their forms must carry.
    pub csrf: String,
    /// The language of the pages for this request.
    pub lang: Lang,
    /// What their last actions did, to show on this page (a GET takes it;
    /// a POST leaves it for the next page).
    pub flash: Flash,
}

impl FromRequestParts<App> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Response> {
        let lang = Lang::of(parts);
        let to_login = || Redirect::to("/login").into_response();
        let Some(id) = cookie(&parts.headers, SESSION) else {
            return Err(to_login());
        };
        let show = parts.method == axum::http::Method::GET;
        let Some(s) = app.sessions.get(&id, show) else {
            return Err(to_login());
        };
        let ring = app.keyring().map_err(|e| e.in_lang(lang).into_response())?;
        if ring.by_hash(&s.token).is_none() {
            app.sessions.close(&id);
            return Err(to_login());
        }
        Ok(Viewer {
            session: id,
            name: s.name,
            role: s.role,
            locales: s.locales,
            csrf: s.csrf,
            lang,
            flash: s.flash,
        })
    }
}

impl Viewer {
    /// 403 unless a reviewer of `locale`.
    pub fn may_review(&self, locale: &LanguageIdentifier) -> Result<(), Fail> {
        if self.role == Role::Reviewer && self.locales.contains(locale) {
            Ok(())
        } else {
            let what = self
                .lang
                .t_args("forbidden-locale", &[("locale", locale.to_string().into())]);
            Err(Fail::new(StatusCode::FORBIDDEN, what))
        }
    }

    /// 403 unless a reviewer.
    pub fn reviewer(&self) -> Result<(), Fail> {
        self.role_is(Role::Reviewer)
    }

    /// 403 unless a writer.
    pub fn writer(&self) -> Result<(), Fail> {
        self.role_is(Role::Writer)
    }

    fn role_is(&self, role: Role) -> Result<(), Fail> {
        if self.role == role {
            Ok(())
        } else {
            Err(Fail::new(
                StatusCode::FORBIDDEN,
                self.lang.t("forbidden-role"),
            ))
        }
    }

    /// 403 unless the form carries this session's CSRF token.
    pub fn check_csrf(&self, form: &Fields) -> Result<(), Fail> {
        match form.get("csrf") {
            Some(t)
                if !t.is_empty() && super::tokens::hash(t) == super::tokens::hash(&self.csrf) =>
            {
                Ok(())
            }
            _ => Err(Fail::new(
                StatusCode::FORBIDDEN,
                self.lang.t("csrf-refused"),
            )),
        }
    }

    /// A page for this person, its notices at the top.
    pub fn page<'a>(&'a self, title: &'a str, body: String) -> Page<'a> {
        self.page_with(title, body, &self.flash.notices)
    }

    /// A page for this person with `notices` at the top (the others are
    /// in the body, next to their messages).
    pub fn page_with<'a>(
        &'a self,
        title: &'a str,
        body: String,
        notices: &'a [Notice],
    ) -> Page<'a> {
        Page {
            lang: self.lang,
            title,
            who: Some(Who {
                name: &self.name,
                csrf: &self.csrf,
                reviewer: self.role == Role::Reviewer,
                writer: self.role == Role::Writer,
            }),
            notices,
            body,
        }
    }
}

/// The fields of a posted form (`application/x-www-form-urlencoded`).
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The value of the first field named `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// `GET /login`.
pub async fn login_page(State(app): State<App>, lang: Lang, headers: HeaderMap) -> Response {
    if let Some(id) = cookie(&headers, SESSION)
        && app.sessions.get(&id, false).is_some()
    {
        return Redirect::to("/").into_response();
    }
    login_form(lang, StatusCode::OK, None)
}

/// The sign-in form, with a fresh CSRF token in its cookie.
fn login_form(lang: Lang, status: StatusCode, error: Option<String>) -> Response {
    let nonce = match super::tokens::new_secret() {
        Ok(n) => n,
        Err(e) => return Fail::internal(e).in_lang(lang).into_response(),
    };
    let error = error.map_or(String::new(), |e| {
        format!("<p class=\"error\" role=\"alert\">{}</p>", esc(&e))
    });
    let body = format!(
        "<h1>{title}</h1>{error}<form method=\"post\" action=\"/login\" class=\"card\">{csrf}\
<label for=\"token\">{label}</label><input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required>\
<p class=\"hint\">{hint}</p><button>{button}</button></form>",
        title = esc(&lang.t("login-title")),
        csrf = html::csrf_field(&nonce),
        label = esc(&lang.t("login-token")),
        hint = esc(&lang.t("login-hint")),
        button = esc(&lang.t("login-button")),
    );
    let page = Page {
        lang,
        title: &lang.t("login-title"),
        who: None,
        notices: &[],
        body,
    };
    let cookie = set_cookie(LOGIN, Some(&nonce), "/login", Duration::from_secs(3600));
    (
        status,
        [(header::SET_COOKIE, cookie)],
        axum::response::Html(page.render()),
    )
        .into_response()
}

/// `POST /login`: the token checked, a session opened.
pub async fn login(
    State(app): State<App>,
    lang: Lang,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let form = Fields(form);
    let expected = cookie(&headers, LOGIN);
    match (form.get("csrf"), expected.as_deref()) {
        (Some(sent), Some(kept)) if !sent.is_empty() && sent == kept => {}
        _ => {
            return Fail::new(StatusCode::FORBIDDEN, lang.t("csrf-refused"))
                .in_lang(lang)
                .into_response();
        }
    }
    let ring: Keyring = match app.keyring() {
        Ok(r) => r,
        Err(e) => return e.in_lang(lang).into_response(),
    };
    let typed = form.get("token").unwrap_or("");
    let Some(token) = ring.find(typed).filter(|_| !typed.trim().is_empty()) else {
        return login_form(
            lang,
            StatusCode::UNAUTHORIZED,
            Some(lang.t("login-unknown")),
        );
    };
    if token.role == Role::Reader {
        return login_form(lang, StatusCode::FORBIDDEN, Some(lang.t("login-reader")));
    }
    let id = match app.sessions.open(token) {
        Ok(id) => id,
        Err(e) => return e.in_lang(lang).into_response(),
    };
    let home = if token.role == Role::Writer {
        "/submit"
    } else {
        "/"
    };
    let mut response = Redirect::to(home).into_response();
    let headers = response.headers_mut();
    headers.append(
        header::SET_COOKIE,
        set_cookie(SESSION, Some(&id), "/", SESSION_LENGTH),
    );
    headers.append(
        header::SET_COOKIE,
        set_cookie(LOGIN, None, "/login", Duration::ZERO),
    );
    response
}

/// `POST /logout`.
pub async fn logout(
    State(app): State<App>,
    viewer: Viewer,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = viewer.check_csrf(&Fields(form)) {
        return e.in_lang(viewer.lang).into_response();
    }
    app.sessions.close(&viewer.session);
    let mut response = Redirect::to("/login").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION, None, "/", Duration::ZERO),
    );
    response
}

/// Why the pull API refused a request.
pub enum NotReader {
    /// No token, or an unknown one: 401.
    Unauthorized,
    /// A token of another role: 403.
    Forbidden,
    /// The tokens could not be read.
    Keyring(Fail),
}

impl IntoResponse for NotReader {
    fn into_response(self) -> Response {
        match self {
            NotReader::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer realm=\"relais\"")],
                "a reader token is needed: Authorization: Bearer <token>\n",
            )
                .into_response(),
            NotReader::Forbidden => {
                (StatusCode::FORBIDDEN, "the pull API takes a reader token\n").into_response()
            }
            NotReader::Keyring(e) => e.into_response(),
        }
    }
}

/// The pull API's check: a reader's token as `Authorization: Bearer …`.
pub fn reader(app: &App, headers: &HeaderMap) -> Result<(), NotReader> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(NotReader::Unauthorized)?;
    let ring = app.keyring().map_err(NotReader::Keyring)?;
    match ring.find(token) {
        Some(t) if t.role == Role::Reader => Ok(()),
        Some(_) => Err(NotReader::Forbidden),
        None => Err(NotReader::Unauthorized),
    }
}
