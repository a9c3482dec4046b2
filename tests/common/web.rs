//! `relais serve` in process: the router of a test site, people with
//! tokens, and requests as a browser or the site build sends them
//! (through `tower::ServiceExt::oneshot`, no socket). Included by the
//! serve tests only (`#[path = "common/web.rs"] mod web;`).
#![allow(dead_code)]

use crate::common::Site;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use relais::base::config::Config;
use relais::serve::tokens::{self, Role, Sources};
use relais::serve::{self, App, Options};
use std::collections::BTreeMap;
use std::time::Duration;
use tower::ServiceExt;

#[path = "forms.rs"]
mod forms;
pub(crate) use forms::{csrf_of, form_body, hidden_fields};

/// Reviewers of English, a reviewer of Spanish, a writer, the site build.
pub(crate) const PEOPLE: [(&str, Role, &[&str]); 5] = [
    ("Claire Martin", Role::Reviewer, &["en"]),
    ("Awa Ouédraogo", Role::Reviewer, &["en"]),
    ("Ana Pérez", Role::Reviewer, &["es"]),
    ("Léa Writer", Role::Writer, &[]),
    ("Site build", Role::Reader, &[]),
];

/// Requests to the router: cheap to clone and to send to other tasks
/// (unlike the site).
#[derive(Clone)]
pub(crate) struct Http(pub Router);

/// A test site served in process.
pub(crate) struct Web {
    pub(crate) site: Site,
    pub(crate) http: Http,
    pub(crate) app: App,
    /// Name → token.
    pub(crate) tokens: BTreeMap<&'static str, String>,
    pub(crate) tokens_file: std::path::PathBuf,
}

/// A signed-in browser: its session cookie and the CSRF token of its forms.
#[derive(Clone, Debug)]
pub(crate) struct Browser {
    pub(crate) cookie: String,
    pub(crate) csrf: String,
}

/// An answer.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: String,
}

impl Reply {
    pub(crate) fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .map_or("", |v| v.to_str().unwrap())
    }
}

impl Web {
    pub(crate) fn new(site: Site) -> Web {
        let tokens_file = site.path().join(".tokens.toml");
        let mut tokens = BTreeMap::new();
        for (name, role, locales) in PEOPLE {
            let locales: Vec<String> = locales.iter().map(|l| l.to_string()).collect();
            tokens.insert(
                name,
                tokens::add(&tokens_file, name, role, &locales).unwrap(),
            );
        }
        let cfg = Config::load(site.path()).unwrap();
        let app = App::new(
            cfg,
            Options {
                tokens: Sources {
                    file: Some(tokens_file.clone()),
                    env: None,
                },
                lock_wait: Duration::from_secs(60),
                timeouts: serve::listen::Timeouts::default(),
            },
        );
        Web {
            http: Http(serve::router(app.clone())),
            app,
            site,
            tokens,
            tokens_file,
        }
    }

    pub(crate) async fn send(&self, request: Request<Body>) -> Reply {
        self.http.send(request).await
    }

    pub(crate) async fn get(&self, path: &str, who: Option<&Browser>) -> Reply {
        self.http.get(path, who).await
    }

    pub(crate) async fn post(
        &self,
        path: &str,
        who: Option<&Browser>,
        fields: &[(&str, &str)],
    ) -> Reply {
        self.http.post(path, who, fields).await
    }

    pub(crate) async fn act(&self, path: &str, who: &Browser, fields: &[(&str, &str)]) -> Reply {
        self.http.act(path, who, fields).await
    }

    /// The page an action's redirect leads to, as a browser loads it (the
    /// `#fragment` stays in the browser).
    pub(crate) async fn follow(&self, r: &Reply, who: &Browser) -> Reply {
        assert_eq!(r.status, StatusCode::SEE_OTHER, "a redirect: {}", r.body);
        let to = r.location().split('#').next().unwrap();
        self.get(to, Some(who)).await
    }

    /// Signs `name` in, as a browser does: the form, then the post.
    pub(crate) async fn login(&self, name: &str) -> Browser {
        let form = self.get("/login", None).await;
        assert_eq!(form.status, StatusCode::OK);
        let login_cookie = set_cookie(&form, "relais_login").expect("login cookie");
        let csrf = csrf_of(&form.body);
        let r = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, format!("relais_login={login_cookie}"))
            .body(Body::from(form_body(&[
                ("csrf", &csrf),
                ("token", &self.tokens[name]),
            ])))
            .unwrap();
        let reply = self.send(r).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let session = set_cookie(&reply, "relais_session").expect("session cookie");
        let cookie = format!("relais_session={session}");
        let home = self
            .get(
                reply.location(),
                Some(&Browser {
                    cookie: cookie.clone(),
                    csrf: String::new(),
                }),
            )
            .await;
        Browser {
            cookie,
            csrf: csrf_of(&home.body),
        }
    }

    /// `GET path` with a bearer token.
    pub(crate) async fn pull(
        &self,
        path: &str,
        token: Option<&str>,
        if_none_match: Option<&str>,
    ) -> Reply {
        let mut r = Request::get(path);
        if let Some(t) = token {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(e) = if_none_match {
            r = r.header(header::IF_NONE_MATCH, e);
        }
        self.send(r.body(Body::empty()).unwrap()).await
    }
}

impl Http {
    pub(crate) async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.0.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// `GET path` as `who` (or nobody).
    pub(crate) async fn get(&self, path: &str, who: Option<&Browser>) -> Reply {
        let mut r = Request::get(path);
        if let Some(b) = who {
            r = r.header(header::COOKIE, &b.cookie);
        }
        self.send(r.body(Body::empty()).unwrap()).await
    }

    /// `POST path` with form fields, as `who`.
    pub(crate) async fn post(
        &self,
        path: &str,
        who: Option<&Browser>,
        fields: &[(&str, &str)],
    ) -> Reply {
        let mut r =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(b) = who {
            r = r.header(header::COOKIE, &b.cookie);
        }
        self.send(r.body(Body::from(form_body(fields))).unwrap())
            .await
    }

    /// `POST path` with the browser's CSRF token added.
    pub(crate) async fn act(&self, path: &str, who: &Browser, fields: &[(&str, &str)]) -> Reply {
        let mut all = vec![("csrf", who.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post(path, Some(who), &all).await
    }

    /// "Approve all valid" as a reviewer does it: the question page
    /// (`/approve-all/{tail}`), then its last button (all of them).
    pub(crate) async fn approve_all(&self, tail: &str, who: &Browser) -> Reply {
        let question = self.get(&format!("/approve-all/{tail}"), Some(who)).await;
        assert_eq!(question.status, StatusCode::OK, "{}", question.body);
        let Some(at) = question
            .body
            .rfind("<form method=\"post\" action=\"/approve/")
        else {
            return question; // nothing to approve
        };
        self.submit(&question.body[at..], who).await
    }

    /// Presses the button of the first form in `html`, sending its hidden
    /// fields as the page made them (the browser's own CSRF token).
    pub(crate) async fn submit(&self, html: &str, who: &Browser) -> Reply {
        let form = &html[html.find("<form").unwrap()..];
        let form = &form[..form.find("</form>").unwrap()];
        let action = {
            let at = form.find("action=\"").unwrap() + 8;
            form[at..at + form[at..].find('"').unwrap()].to_string()
        };
        let fields = hidden_fields(form);
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .filter(|(k, _)| k != "csrf")
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.act(&action, who, &fields).await
    }
}

/// The value a response sets for cookie `name`, with its attributes
/// checked (HttpOnly, SameSite=Strict).
pub(crate) fn set_cookie(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| {
            assert!(
                v.contains("HttpOnly") && v.contains("SameSite=Strict"),
                "{v}"
            );
            v.split(';').next().unwrap()[name.len() + 1..].to_string()
        })
}

/// A `multipart/form-data` body and its content type.
pub(crate) fn multipart(fields: &[(&str, Option<&str>, &str)]) -> (String, String) {
    let boundary = "relais-test-boundary-7d1f";
    let mut body = String::new();
    for (name, file, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\""
        ));
        if let Some(f) = file {
            body.push_str(&format!(
                "; filename=\"{f}\"\r\nContent-Type: text/markdown"
            ));
        }
        body.push_str(&format!("\r\n\r\n{value}\r\n"));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (body, format!("multipart/form-data; boundary={boundary}"))
}
