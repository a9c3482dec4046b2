//! A resource in a locale: the review page (every message, or only those
//! to review), the actions on it — edit (`edit`), approve one or all and
//! take a suggestion (`decide`) — and the preview of a translated post.
//!
//! Actions answer with a redirect back to the page (the outcome shown as a
//! notice); a refused edit shows the page again with what was typed and
//! why, next to the message.

use super::auth::{Fields, Viewer};
use super::card::{self, Context};
use super::flash::{Notice, Refused};
use super::html::{button_form, esc, markdown, url_path};
use super::i18n::Lang;
use super::show::Show;
use super::{App, Fail, path};
use crate::review::decide::{self, Action, Report, Request};
use crate::review::edit::{self, Edit, EditError};
use crate::review::report::{self as review, TO_REVIEW};
use crate::review::state::State as St;
use crate::review::view::{Entry, Seen, Site, View};
use axum::extract::{
    Form, FromRequest, FromRequestParts, Path, Query, Request as HttpRequest, State,
};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use fluent_bundle::FluentValue;
use unic_langid::LanguageIdentifier;

/// A resource and locale named in a URL, checked.
#[derive(Clone)]
struct Target {
    resource: String,
    locale: LanguageIdentifier,
    /// `?show=todo|comments`: which messages the page lists; kept across
    /// actions (forms carry `show`).
    show: Show,
}

impl Target {
    /// 400 for a bad path, 404 for a locale that is not a target, 403 for
    /// a locale the reviewer does not review.
    fn check(app: &App, viewer: &Viewer, locale: &str, resource: &str) -> Result<Target, Fail> {
        let lang = viewer.lang;
        let resource = path::relative(resource)
            .map_err(|e| Fail::new(StatusCode::BAD_REQUEST, e).in_lang(lang))?
            .to_string();
        let locale = app.target(locale, lang)?;
        viewer.may_review(&locale)?;
        Ok(Target {
            resource,
            locale,
            show: Show::All,
        })
    }

    /// The site's files of this resource in this locale, read now.
    fn load(&self, cfg: &crate::base::config::Config) -> Site {
        Site::load(
            cfg,
            std::slice::from_ref(&self.resource),
            std::slice::from_ref(&self.locale),
        )
    }

    /// With the filter the query or form asks for (`show=…`).
    fn filtered(mut self, fields: &[(String, String)]) -> Target {
        self.show = Show::from_fields(fields);
        self
    }

    /// `/{locale}/{resource}`.
    fn tail(&self) -> String {
        format!("/{}/{}", self.locale, url_path(&self.resource))
    }

    /// The review page. Actions lead back here without a `#fragment`: the
    /// page puts focus on the message acted on (`autofocus`, which
    /// browsers ignore when the address has a fragment), and that scrolls
    /// to it.
    fn page_url(&self) -> String {
        format!("/review{}{}", self.tail(), self.show.query('?'))
    }
}

/// `GET /review/{locale}/{*resource}` (`?show=todo`: only what needs a
/// reviewer; `?show=comments`: only messages with open comments).
pub async fn page(
    State(app): State<App>,
    viewer: Viewer,
    Path((locale, resource)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    // `?use=N&at=ID`: the editor of ID opened with memory match N;
    // `?take=NAME&at=ID`: with the answer of `[suggest]` engine NAME.
    let field = |k: &str| query.iter().find(|(q, _)| q == k).map(|(_, v)| v.clone());
    let from = match (
        field("use").and_then(|n| n.parse::<usize>().ok()),
        field("take"),
    ) {
        (Some(n), _) if n >= 1 => Some(Taken::Memory(n)),
        (_, Some(name)) => Some(Taken::Engine(name)),
        _ => None,
    };
    let wanted = from.zip(field("at")).map(|(from, id)| (id, from));
    let result = match Target::check(&app, &viewer, &locale, &resource) {
        Ok(t) => render(&app, &viewer, &t.filtered(&query), wanted).await,
        Err(e) => Err(e),
    };
    respond(result, StatusCode::OK, &viewer)
}

/// `GET /edit/{locale}/{*resource}` (a reload or a typed address of an
/// action): back to the page, never an empty 405.
pub async fn edit_get(
    State(app): State<App>,
    viewer: Viewer,
    Path((locale, resource)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    match Target::check(&app, &viewer, &locale, &resource) {
        Ok(t) => Redirect::to(&t.filtered(&query).page_url()).into_response(),
        Err(e) => e.in_lang(viewer.lang).into_response(),
    }
}

fn respond(result: Result<String, Fail>, status: StatusCode, viewer: &Viewer) -> Response {
    match result {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => e.in_lang(viewer.lang).into_response(),
    }
}

/// The whole page, read from the site now, with what the last action
/// left: its notices (next to their messages), a refused edit (what was
/// typed, why, and a summary at the top that links to it), the message
/// to focus.
async fn render(
    app: &App,
    viewer: &Viewer,
    t: &Target,
    wanted: Option<(String, Taken)>,
) -> Result<String, Fail> {
    let (t2, v, a) = (t.clone(), viewer.clone(), app.clone());
    let (body, ids) = app
        .read(move |cfg| {
            a.with_fuzzy(cfg, |index| {
                let memory = Memory {
                    index,
                    wanted,
                    suggest: cfg.suggest.keys().cloned().collect(),
                };
                body(&t2.load(cfg), &t2, &v, &cfg.source.to_string(), &memory)
            })
        })
        .await?;
    let top: Vec<Notice> = viewer
        .flash
        .notices
        .iter()
        .filter(|n| !n.at.as_ref().is_some_and(|id| ids.contains(id)))
        .cloned()
        .collect();
    let title = format!("{} ({})", t.resource, t.locale);
    Ok(viewer.page_with(&title, body, &top).render())
}

/// The fuzzy memory a page offers, and the text a reviewer chose to put
/// in a message's editor.
struct Memory<'a> {
    index: &'a crate::review::fuzzy::Index,
    /// The `[suggest]` engines a reviewer may ask.
    suggest: Vec<String>,
    wanted: Option<(String, Taken)>,
}

/// Where a text put in an editor comes from.
enum Taken {
    /// Memory match N (from 1): `?use=N`.
    Memory(usize),
    /// The answer of `[suggest]` engine NAME: `?take=NAME`.
    Engine(String),
}

/// A match's text as an editor holds it: the value, then `.name = text`
/// lines as attributes.
fn prefilled(id: &str, text: &str) -> Refused {
    let (value, attributes) = crate::fluent::text::split_readable(text);
    Refused {
        id: id.to_string(),
        value,
        attributes: attributes
            .into_iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect(),
        errors: Vec::new(),
    }
}

/// The page's content, and the ids of the messages it shows.
fn body(
    site: &Site,
    t: &Target,
    viewer: &Viewer,
    source_locale: &str,
    memory: &Memory,
) -> Result<(String, Vec<String>), Fail> {
    let show = t.show;
    let l = viewer.lang;
    let view = view_of(site, t, l)?;
    let src = site.source(view);
    let entries = site.entries(view);
    let tail = t.tail();
    let locale = view.locale.to_string();
    let suggest = &memory.suggest;
    let matches_of = |e: &Entry| {
        if !TO_REVIEW.contains(&e.state) {
            return Vec::new();
        }
        let french = crate::fluent::text::readable(&crate::fluent::text::message_text(e.message));
        memory
            .index
            .matches(&locale, &french, &src.resource, e.id())
    };
    // The text a reviewer chose, in its message's editor.
    let chosen = memory.wanted.as_ref().and_then(|(id, from)| {
        let e = entries.iter().find(|e| e.id() == id)?;
        let text = match from {
            Taken::Memory(n) => matches_of(e).into_iter().nth(n - 1)?.translation,
            Taken::Engine(name) => {
                review::seconds(e)
                    .into_iter()
                    .find(|a| &a.name == name)?
                    .text
            }
        };
        Some(prefilled(id, &text))
    });
    let refused = viewer
        .flash
        .refused
        .as_ref()
        .filter(|(at, _)| *at == tail)
        .map(|(_, r)| r)
        .or(chosen.as_ref());
    let cx = Context {
        lang: l,
        csrf: &viewer.csrf,
        tail: &tail,
        source_locale,
        locale: &view.locale.to_string(),
        syntax: src.syntax,
        refused,
        notices: &viewer.flash.notices,
        focus: viewer.flash.focus.as_deref(),
        show,
        suggest,
    };
    let shown: Vec<&Entry> = entries
        .iter()
        .filter(|e| {
            let comments = view.record.comments.get(e.id());
            show.keeps(e.state, comments.map_or(&[][..], Vec::as_slice))
                || refused.is_some_and(|r| r.id == e.id())
        })
        .collect();
    let cards: String = shown
        .iter()
        .map(|e| {
            let item = review::item(&src.resource, view, e);
            card::render(&cx, &item, e, &matches_of(e))
        })
        .collect();
    let title = src
        .post
        .as_ref()
        .and_then(|p| p.post.title().map(str::to_string));
    let mut out = refused
        .filter(|r| !r.errors.is_empty())
        .map(|r| error_summary(l, r))
        .unwrap_or_default();
    out.push_str(&heading(l, t, title.as_deref(), src.post.is_some()));
    out.push_str(&summary(l, &entries));
    // A link to the question, never a decision by itself.
    let filter = show.query('?');
    out.push_str(&format!(
        "<p><a class=\"button primary\" href=\"/approve-all{tail}{filter}\">{}</a></p>",
        esc(&l.t("approve-all"))
    ));
    if cards.is_empty() {
        let key = match show {
            Show::All => "nothing-to-review",
            Show::Todo => "all-reviewed",
            Show::Comments => "no-open-comments",
        };
        out.push_str(&format!("<p class=\"empty\">{}</p>", esc(&l.t(key))));
    }
    out.push_str(&cards);
    let ids = shown.iter().map(|e| e.id().to_string()).collect();
    Ok((out, ids))
}

/// At the top of the page after a refused edit: what went wrong, each
/// linking to the field (which has focus, and says why next to it).
fn error_summary(l: Lang, r: &Refused) -> String {
    let items: String = r
        .errors
        .iter()
        .map(|e| {
            let text = l.t_args(
                "refused-at",
                &[("name", r.id.clone().into()), ("what", e.clone().into())],
            );
            format!(
                "<li><a href=\"#m-{}\">{}</a></li>",
                url_path(&r.id),
                esc(&text)
            )
        })
        .collect();
    format!(
        "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\">\
<h2 id=\"error-summary-title\">{}</h2><ul>{items}</ul></div>",
        esc(&l.t_args("refused-title", &[("n", r.errors.len().into())]))
    )
}

/// The view of the page's resource in its locale: 404 when there is none,
/// 409 when the site's files could not be read.
fn view_of<'a>(site: &'a Site, t: &Target, l: Lang) -> Result<&'a View, Fail> {
    let index = site.sources.iter().position(|s| s.resource == t.resource);
    match index.and_then(|i| site.views.iter().find(|v| v.source == i)) {
        Some(view) => Ok(view),
        None => Err(match site.errors.first() {
            Some(e) if index.is_some() => Fail::new(StatusCode::CONFLICT, e.to_string()),
            _ => Fail::new(StatusCode::NOT_FOUND, l.t("not-found")),
        }),
    }
}

/// `GET /approve-all/{locale}/{*resource}`: what approving everything
/// valid would approve — how many, how many of them machine text nobody
/// changed — and the choice: the edited ones, or all. Approves nothing.
pub async fn approve_all(
    State(app): State<App>,
    viewer: Viewer,
    Path((locale, resource)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let t = match Target::check(&app, &viewer, &locale, &resource) {
        Ok(t) => t.filtered(&query),
        Err(e) => return e.in_lang(viewer.lang).into_response(),
    };
    let (t2, v) = (t.clone(), viewer.clone());
    let body = app
        .read(move |cfg| confirm_body(&t2.load(cfg), &t2, &v))
        .await;
    let l = viewer.lang;
    let title = format!("{} ({})", l.t("approve-all-title"), t.resource);
    respond(
        body.map(|b| viewer.page(&title, b).render()),
        StatusCode::OK,
        &viewer,
    )
}

fn confirm_body(site: &Site, t: &Target, viewer: &Viewer) -> Result<String, Fail> {
    let l = viewer.lang;
    let view = view_of(site, t, l)?;
    let entries = site.entries(view);
    let approvable: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.current.is_some() && !matches!(e.state, St::Approved | St::Invalid))
        .collect();
    let untouched = approvable.iter().filter(|e| e.state == St::Machine).count();
    let edited: Vec<&Entry> = approvable
        .iter()
        .copied()
        .filter(|e| e.state == St::Edited)
        .collect();
    let back = format!(
        "<a href=\"{}\">{}</a>",
        esc(&t.page_url()),
        esc(&l.t("cancel"))
    );
    let mut out = format!("<h1>{}</h1>", esc(&l.t("approve-all-title")));
    if approvable.is_empty() {
        out.push_str(&format!(
            "<p>{}</p><p>{back}</p>",
            esc(&l.t("nothing-to-approve"))
        ));
        return Ok(out);
    }
    let n = |k: usize| FluentValue::from(k);
    let counts = [("n", n(approvable.len())), ("untouched", n(untouched))];
    out.push_str(&format!(
        "<p>{}</p>",
        esc(&l.t_args("approve-all-counts", &counts))
    ));
    if untouched > 0 {
        out.push_str(&format!(
            "<p class=\"hint\">{}</p>",
            esc(&l.t("approve-all-warning"))
        ));
    }
    let mut actions = String::new();
    if !edited.is_empty() && edited.len() < approvable.len() {
        let label = l.t_args("approve-edited", &[("n", n(edited.len()))]);
        actions.push_str(&approve_form(t, &viewer.csrf, &edited, &label, "primary"));
    }
    let label = l.t_args("approve-all-n", &counts);
    let class = if untouched > 0 { "" } else { "primary" };
    actions.push_str(&approve_form(t, &viewer.csrf, &approvable, &label, class));
    out.push_str(&format!("<div class=\"actions\">{actions}{back}</div>"));
    Ok(out)
}

/// A form approving `entries`, each as it is shown now (`seen.<id>`).
fn approve_form(t: &Target, csrf: &str, entries: &[&Entry], label: &str, class: &str) -> String {
    let mut fields: Vec<(String, String)> = entries
        .iter()
        .flat_map(|e| {
            let seen = e.seen();
            [
                ("id".to_string(), e.id().to_string()),
                (
                    format!("seen.{}", e.id()),
                    format!("{}:{}", seen.source, seen.translation),
                ),
            ]
        })
        .collect();
    fields.extend(t.show.field().map(|(k, v)| (k.to_string(), v.to_string())));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    button_form(
        &format!("/approve{}", t.tail()),
        csrf,
        &fields,
        label,
        class,
    )
}

fn heading(l: Lang, t: &Target, title: Option<&str>, post: bool) -> String {
    let tail = t.tail();
    let preview = if post {
        format!(" · <a href=\"/preview{tail}\">{}</a>", esc(&l.t("preview")))
    } else {
        String::new()
    };
    // The filters, the one in use as text (`aria-current`), the others as links.
    let filter: Vec<String> = [
        (Show::All, "show-all"),
        (Show::Todo, "show-todo"),
        (Show::Comments, "show-comments"),
    ]
    .into_iter()
    .map(|(show, key)| {
        let label = esc(&l.t(key));
        if show == t.show {
            format!("<strong aria-current=\"page\">{label}</strong>")
        } else {
            format!("<a href=\"/review{tail}{}\">{label}</a>", show.query('?'))
        }
    })
    .collect();
    let filter = filter.join(" · ");
    format!(
        "<p class=\"crumbs\"><a href=\"/\">{home}</a> ›</p><h1>{title}</h1>\
<p class=\"path\"><code>{resource}</code> · <strong>{locale}</strong>{preview} · {filter} · <a href=\"/help\">{help}</a></p>",
        help = esc(&l.t("help-link")),
        home = esc(&l.t("nav-dashboard")),
        title = esc(title.unwrap_or(&t.resource)),
        resource = esc(&t.resource),
        locale = esc(&t.locale.to_string()),
    )
}

/// Counts by state.
fn summary(l: Lang, entries: &[crate::review::view::Entry]) -> String {
    let counts = crate::review::status::counts(entries);
    let parts: Vec<String> = crate::review::state::State::ALL
        .iter()
        .filter(|s| counts[s.name()] > 0)
        .map(|s| {
            format!(
                "<span class=\"badge state-{}\">{}</span>",
                s.name(),
                esc(&l.t_args(
                    &format!("count-{}", s.name()),
                    &[("n", counts[s.name()].into())]
                ))
            )
        })
        .collect();
    format!("<p class=\"summary\">{}</p>", parts.join(" "))
}

/// `POST /edit/{locale}/{*resource}`: fields `id`, `value`, `attr.NAME`,
/// `then` (`save`, `approve`: the text saved then approved, `next`: the
/// same, then on to the next message to review).
///
/// Post/Redirect/Get always: a refused edit is kept in the session (what
/// was typed, and why) and the page shows it at the message; a reload of
/// that page keeps working.
pub async fn edit(posted: Posted) -> Response {
    let Posted {
        app,
        viewer,
        target: t,
        form,
    } = posted;
    let id = form.get("id").unwrap_or("").to_string();
    let attributes: Vec<(String, String)> = form
        .0
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("attr.")?.to_string(), v.clone())))
        .collect();
    let request = Edit {
        resource: t.resource.clone(),
        locale: t.locale.clone(),
        id: id.clone(),
        value: form.get("value").unwrap_or("").to_string(),
        attributes: attributes.clone(),
        editor: Some(viewer.name.clone()),
        seen: seen_in(&form),
    };
    // "Enregistrer et approuver" (or "Approuver" on a closed editor): the
    // text in the editor is saved, then that very text approved, under one
    // lock — never the text the page was made from.
    let then = form.get("then").unwrap_or("save");
    let then_approve = matches!(then, "approve" | "next");
    let reviewer = viewer.name.clone();
    let (what, tail) = (format!("`{id}`"), commit_tail(&t));
    let outcome = app
        .change(
            Some(viewer.name.clone()),
            move |cfg| {
                let done = edit::run(cfg, &request)?;
                if !then_approve {
                    return Ok((done, None));
                }
                let approve = Request {
                    action: Action::Approve,
                    resources: vec![request.resource.clone()],
                    locale: request.locale.clone(),
                    messages: vec![request.id.clone()],
                    all: false,
                    reviewer: Some(reviewer),
                    // Just written under this lock: what the person typed.
                    seen: std::collections::BTreeMap::new(),
                };
                let report = decide::run(cfg, &approve).map_err(EditError::Site)?;
                Ok((done, Some(report)))
            },
            move |_| match then_approve {
                true => format!("Edit and approve {what} of {tail}"),
                false => format!("Edit {what} of {tail}"),
            },
        )
        .await;
    let l = viewer.lang;
    let errors = match outcome {
        Ok(Ok((done, approved))) => {
            let next = if then == "next" {
                next_to_review(&app, &t, &id).await
            } else {
                None
            };
            return saved(&app, &viewer, &t, &id, &done, approved.as_ref(), next);
        }
        Ok(Err(EditError::NoResource(_))) => {
            return Fail::new(StatusCode::NOT_FOUND, l.t("not-found"))
                .in_lang(l)
                .into_response();
        }
        Ok(Err(e @ EditError::NoMessage { .. })) => {
            return Fail::new(StatusCode::BAD_REQUEST, e.to_string())
                .in_lang(l)
                .into_response();
        }
        Ok(Err(EditError::Syntax(errors) | EditError::Problems(errors))) => {
            errors.iter().map(|p| l.problem(p)).collect()
        }
        Ok(Err(EditError::Changed { .. })) => vec![l.t("changed-since")],
        Ok(Err(EditError::Site(e))) => vec![e.to_string()],
        Err(busy) => vec![busy.to_string()],
    };
    let refused = Refused {
        id: id.clone(),
        value: form.get("value").unwrap_or("").to_string(),
        attributes,
        errors,
    };
    let tail = t.tail();
    app.sessions.flash(&viewer.session, |f| {
        f.refused = Some((tail, refused));
        f.focus = Some(id.clone());
    });
    Redirect::to(&t.page_url()).into_response()
}

/// The message after `id`, in page order, that still needs a reviewer.
async fn next_to_review(app: &App, t: &Target, id: &str) -> Option<String> {
    let (t, id) = (t.clone(), id.to_string());
    app.read(move |cfg| {
        let site = t.load(cfg);
        let view = site.views.first()?;
        let entries = site.entries(view);
        let at = entries.iter().position(|e| e.id() == id)?;
        let later = entries[at + 1..].iter().chain(&entries[..at]);
        later
            .filter(|e| TO_REVIEW.contains(&e.state))
            .map(|e| e.id().to_string())
            .next()
    })
    .await
}

/// After a saved edit (and its approval, when asked): a notice of what
/// happened next to the message, and back to it (or to `next`, with
/// focus on it).
fn saved(
    app: &App,
    viewer: &Viewer,
    t: &Target,
    id: &str,
    done: &edit::Outcome,
    approved: Option<&Report>,
    next: Option<String>,
) -> Response {
    let state = card::state_name(viewer.lang, done.state);
    let key = if done.changed {
        Some("notice-saved")
    } else {
        // An unchanged text approved says so once, below.
        approved.is_none().then_some("notice-unchanged")
    };
    let mut texts = Vec::new();
    if let Some(key) = key {
        texts.push(viewer.lang.t_args(
            key,
            &[("name", id.to_string().into()), ("what", state.into())],
        ));
    }
    texts.extend(
        approved
            .map(|r| notices(viewer.lang, r))
            .unwrap_or_default(),
    );
    let focus = next.unwrap_or_else(|| id.to_string());
    leave(app, viewer, id, texts, &focus);
    Redirect::to(&t.page_url()).into_response()
}

/// Leaves `texts` for the next page, next to message `at`, and focus on
/// message `focus`.
fn leave(app: &App, viewer: &Viewer, at: &str, texts: Vec<String>, focus: &str) {
    app.sessions.flash(&viewer.session, |f| {
        // Saved or decided on: what was refused before is over.
        if f.refused.as_ref().is_some_and(|(_, r)| r.id == at) {
            f.refused = None;
        }
        for text in texts {
            f.notices.push(Notice {
                at: Some(at.to_string()),
                text,
            });
        }
        f.focus = Some(focus.to_string());
    });
}

/// What the form says its person saw (`seen_source`, `seen`), when it says.
fn seen_in(form: &Fields) -> Option<Seen> {
    Some(Seen {
        source: form.get("seen_source")?.to_string(),
        translation: form.get("seen")?.to_string(),
    })
}

/// A form posted to a resource in a locale, checked in this order: a
/// session (else to the sign-in page), the body's size (413), the CSRF
/// token (403), the path (400), the locale (404, 403).
pub struct Posted {
    app: App,
    viewer: Viewer,
    target: Target,
    form: Fields,
}

impl FromRequest<App> for Posted {
    type Rejection = Response;

    async fn from_request(request: HttpRequest, app: &App) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let viewer = Viewer::from_request_parts(&mut parts, app).await?;
        let Path((locale, resource)) =
            Path::<(String, String)>::from_request_parts(&mut parts, app)
                .await
                .map_err(IntoResponse::into_response)?;
        let request = HttpRequest::from_parts(parts, body);
        let Form(form) = Form::<Vec<(String, String)>>::from_request(request, app)
            .await
            .map_err(IntoResponse::into_response)?;
        let form = Fields(form);
        let checked = viewer
            .check_csrf(&form)
            .and_then(|()| Target::check(app, &viewer, &locale, &resource));
        match checked {
            Ok(target) => Ok(Posted {
                app: app.clone(),
                viewer,
                target: target.filtered(&form.0),
                form,
            }),
            Err(e) => Err(e.in_lang(viewer.lang).into_response()),
        }
    }
}

/// `POST /approve/{locale}/{*resource}`: fields `id` (one or more), each
/// with what was seen; `all` alone only leads to the question.
pub async fn approve(posted: Posted) -> Response {
    decide_on(posted, Action::Approve).await
}

/// `POST /unapprove/{locale}/{*resource}`: field `id`.
pub async fn unapprove(posted: Posted) -> Response {
    decide_on(posted, Action::Unapprove).await
}

/// `POST /accept/{locale}/{*resource}`: field `id`.
pub async fn accept(posted: Posted) -> Response {
    decide_on(posted, Action::AcceptSuggestion).await
}

async fn decide_on(posted: Posted, action: Action) -> Response {
    let Posted {
        app,
        viewer,
        target: t,
        form,
    } = posted;
    let l = viewer.lang;
    if form.get("all").is_some() {
        // "Approve all" asks first (an older page's form, or a hand-made one).
        return Redirect::to(&format!("/approve-all{}", t.tail())).into_response();
    }
    let ids: Vec<String> = form
        .0
        .iter()
        .filter(|(k, v)| k == "id" && !v.is_empty())
        .map(|(_, v)| v.clone())
        .collect();
    if ids.is_empty() {
        return Fail::new(StatusCode::BAD_REQUEST, l.t("no-message"))
            .in_lang(l)
            .into_response();
    }
    // One message: `seen_source` and `seen`; several: `seen.<id>`.
    let seen = ids
        .iter()
        .filter_map(|id| {
            let listed = form.get(&format!("seen.{id}")).and_then(|v| {
                let (source, translation) = v.split_once(':')?;
                Some(Seen {
                    source: source.to_string(),
                    translation: translation.to_string(),
                })
            });
            Some((id.clone(), listed.or_else(|| seen_in(&form))?))
        })
        .collect();
    let id = ids.first().cloned();
    let one = ids.len() == 1;
    let decided = ids.clone();
    let request = Request {
        action,
        resources: vec![t.resource.clone()],
        locale: t.locale.clone(),
        messages: ids,
        all: false,
        reviewer: Some(viewer.name.clone()),
        seen,
    };
    let tail = commit_tail(&t);
    let committed = move |r: &Result<Report, crate::base::error::Error>| {
        let n = r.as_ref().map_or(0, |r| r.changed.len());
        let verb = match action {
            Action::Approve => "Approve",
            Action::Unapprove => "Withdraw the approval of",
            Action::AcceptSuggestion => "Take the suggestion for",
        };
        let what = match r.as_ref().ok().map(|r| r.changed.as_slice()) {
            Some([one]) => format!("`{}`", one.id),
            _ if n == 1 => "1 message".to_string(),
            _ => format!("{n} messages"),
        };
        format!("{verb} {what} of {tail}")
    };
    let who = Some(viewer.name.clone());
    match app
        .change(who, move |cfg| decide::run(cfg, &request), committed)
        .await
    {
        Ok(Ok(report)) => {
            let texts = notices(l, &report);
            match (&id, one) {
                (Some(id), true) => leave(&app, &viewer, id, texts, id),
                _ => app.sessions.flash(&viewer.session, |f| {
                    // Decided on: an edit refused before is over.
                    if f.refused
                        .as_ref()
                        .is_some_and(|(_, r)| decided.contains(&r.id))
                    {
                        f.refused = None;
                    }
                    f.notices
                        .extend(texts.into_iter().map(|text| Notice { at: None, text }));
                }),
            }
            Redirect::to(&t.page_url()).into_response()
        }
        Ok(Err(e)) => Fail::new(StatusCode::BAD_REQUEST, e.to_string())
            .in_lang(l)
            .into_response(),
        Err(busy) => Fail::site(busy).in_lang(l).into_response(),
    }
}

/// `POST /comment/{locale}/{*resource}`: fields `id`, `text`.
pub async fn comment(posted: Posted) -> Response {
    let text = posted.form.get("text").unwrap_or("").to_string();
    comment_on(posted, crate::review::comment::Action::Add(text)).await
}

/// `POST /resolve/{locale}/{*resource}`: fields `id`, `n`.
pub async fn resolve(posted: Posted) -> Response {
    let n = posted
        .form
        .get("n")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    comment_on(posted, crate::review::comment::Action::Resolve(n)).await
}

async fn comment_on(posted: Posted, action: crate::review::comment::Action) -> Response {
    let Posted {
        app,
        viewer,
        target: t,
        form,
    } = posted;
    let l = viewer.lang;
    let id = form.get("id").unwrap_or("").to_string();
    let adding = matches!(action, crate::review::comment::Action::Add(_));
    let request = crate::review::comment::Request {
        resource: t.resource.clone(),
        locale: t.locale.clone(),
        id: id.clone(),
        by: viewer.name.clone(),
        action,
    };
    let tail = commit_tail(&t);
    let what = format!("`{id}`");
    let message = move |_: &crate::base::error::Result<Vec<String>>| match adding {
        true => format!("Comment on {what} of {tail}"),
        false => format!("Resolve a comment on {what} of {tail}"),
    };
    let done = app
        .change(
            Some(viewer.name.clone()),
            move |cfg| crate::review::comment::run(cfg, &request),
            message,
        )
        .await;
    match done {
        Ok(Ok(_)) => {
            let key = if adding {
                "notice-commented"
            } else {
                "notice-resolved"
            };
            leave(&app, &viewer, &id, vec![l.t(key)], &id);
            Redirect::to(&t.page_url()).into_response()
        }
        Ok(Err(e)) => Fail::new(StatusCode::BAD_REQUEST, e.to_string())
            .in_lang(l)
            .into_response(),
        Err(busy) => Fail::site(busy).in_lang(l).into_response(),
    }
}

/// `POST /suggest/{locale}/{*resource}`: fields `id`, `engine` (a
/// `[suggest]` table). Asks that engine about the message, now, because a
/// person pressed the button; the answer is shown under the message.
pub async fn suggest(posted: Posted) -> Response {
    let Posted {
        app,
        viewer,
        target: t,
        form,
    } = posted;
    let l = viewer.lang;
    let id = form.get("id").unwrap_or("").to_string();
    let name = form.get("engine").unwrap_or("").to_string();
    if !app.cfg.suggest.contains_key(&name) {
        return Fail::new(StatusCode::BAD_REQUEST, l.t("not-found"))
            .in_lang(l)
            .into_response();
    }
    let req = crate::review::ask::Request {
        resource: t.resource.clone(),
        locale: t.locale.clone(),
        ids: vec![id.clone()],
        name: name.clone(),
        by: viewer.name.clone(),
    };
    let message = {
        let (name, id, tail) = (name.clone(), id.clone(), commit_tail(&t));
        move |_: &crate::base::error::Result<crate::review::ask::Outcome>| {
            format!("Ask {name} about `{id}` of {tail}")
        }
    };
    let done = app
        .change(
            Some(viewer.name.clone()),
            move |cfg| {
                tokio::runtime::Handle::current().block_on(crate::review::ask::run(cfg, &req))
            },
            message,
        )
        .await;
    let named = |key: &str, what: String| {
        l.t_args(key, &[("name", name.clone().into()), ("what", what.into())])
    };
    let text = match done {
        Ok(Ok(o)) if !o.answered.is_empty() => named("notice-asked", String::new()),
        Ok(Ok(o)) if !o.known.is_empty() => named("notice-asked-known", String::new()),
        Ok(Ok(o)) => {
            let why: Vec<String> = o
                .refused
                .iter()
                .flat_map(|r| {
                    let problems = r.problems.iter().map(|p| l.problem(p));
                    problems.chain(r.reason.clone())
                })
                .collect();
            named("notice-asked-refused", why.join(" ; "))
        }
        Ok(Err(e)) => named("notice-asked-failed", e.to_string()),
        Err(busy) => named("notice-asked-failed", busy.to_string()),
    };
    leave(&app, &viewer, &id, vec![text], &id);
    Redirect::to(&t.page_url()).into_response()
}

/// `posts/<slug> (en)`: where a change was made, for its commit message.
fn commit_tail(t: &Target) -> String {
    format!("{} ({})", t.resource, t.locale)
}

/// What a decision did, for the next page.
fn notices(l: Lang, report: &Report) -> Vec<String> {
    let key = match report.action {
        Action::Approve => "notice-approved",
        Action::Unapprove => "notice-unapproved",
        Action::AcceptSuggestion => "notice-accepted",
    };
    let ids: Vec<&str> = report.changed.iter().map(|o| o.id.as_str()).collect();
    // A long list says nothing: the page shows every state anyway.
    let what = match ids.len() {
        0..=4 => ids.join(", "),
        n => format!("{}, … (+{})", ids[..3].join(", "), n - 3),
    };
    let mut out = vec![l.t_args(key, &[("n", ids.len().into()), ("what", what.into())])];
    for o in &report.skipped {
        let why = o.reason.as_deref().unwrap_or("");
        out.push(l.t_args(
            "notice-skipped",
            &[
                ("name", o.id.clone().into()),
                ("what", why.to_string().into()),
            ],
        ));
    }
    for o in &report.conflicts {
        out.push(l.t_args("notice-conflict", &[("name", o.id.clone().into())]));
    }
    out.extend(report.errors.iter().cloned());
    out
}

/// `GET /preview/{locale}/{*resource}`: the post as it reads now in the
/// locale (any state), rendered; raw HTML in it shows as text.
pub async fn preview(
    State(app): State<App>,
    viewer: Viewer,
    Path((locale, resource)): Path<(String, String)>,
) -> Response {
    let l = viewer.lang;
    let t = match Target::check(&app, &viewer, &locale, &resource) {
        Ok(t) if t.resource.starts_with("posts/") => t,
        Ok(_) => {
            return Fail::new(StatusCode::NOT_FOUND, l.t("not-found"))
                .in_lang(l)
                .into_response();
        }
        Err(e) => return e.in_lang(l).into_response(),
    };
    let (resource, loc) = (t.resource.clone(), t.locale.clone());
    let exists = {
        let r = resource.clone();
        app.read(move |cfg| {
            cfg.posts_dir()
                .join(format!("{}.md", r.trim_start_matches("posts/")))
                .is_file()
        })
        .await
    };
    if !exists {
        return Fail::new(StatusCode::NOT_FOUND, l.t("not-found"))
            .in_lang(l)
            .into_response();
    }
    let p = match app
        .read(move |cfg| crate::review::preview::post(cfg, &resource, &loc))
        .await
    {
        Ok(p) => p,
        Err(e) => {
            return Fail::new(StatusCode::CONFLICT, e.to_string())
                .in_lang(l)
                .into_response();
        }
    };
    let title = p.title.clone().unwrap_or_else(|| t.resource.clone());
    let body = format!(
        "<p class=\"crumbs\"><a href=\"/\">{home}</a> › <a href=\"{back}\">{resource} ({locale})</a></p>\
<p class=\"hint\">{note}</p><article class=\"preview card\" lang=\"{locale}\"><h1>{title}</h1>{html}</article>",
        home = esc(&l.t("nav-dashboard")),
        back = esc(&t.page_url()),
        resource = esc(&t.resource),
        locale = esc(&t.locale.to_string()),
        note = esc(&l.t("preview-note")),
        title = esc(&title),
        html = markdown(&p.body),
    );
    Html(viewer.page(&title, body).render()).into_response()
}
