//! What reviewers ask a writer: on the drafts page, the open comments on
//! the French of the writer's own posts (every locale), each under the
//! French it is about, with a form to answer and *Marquer comme résolu*.
//! `POST /question`: fields `resource`, `locale`, `id`, and `text` (an
//! answer) or `n` (resolve comment N) — only on the writer's own posts.

use super::App;
use super::auth::{Fields, Viewer};
use super::card::comment_item;
use super::flash::Notice;
use super::html::{button_form, csrf_field, esc, markdown};
use super::i18n::Lang;
use super::{Fail, path};
use crate::review::comment::{self, Action, Thread};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

/// The section of the drafts page: nothing when nobody asked anything.
pub fn section(l: Lang, csrf: &str, threads: &[Thread]) -> String {
    if threads.is_empty() {
        return String::new();
    }
    let items: String = threads
        .iter()
        .enumerate()
        .map(|(i, t)| thread(l, csrf, i, t))
        .collect();
    format!(
        "<h2 id=\"questions\">{}</h2><p class=\"hint\">{}</p>{items}",
        esc(&l.t_args("questions-title", &[("n", threads.len().into())])),
        esc(&l.t("questions-hint"))
    )
}

fn thread(l: Lang, csrf: &str, i: usize, t: &Thread) -> String {
    let slug = t.resource.trim_start_matches("posts/");
    let place = [
        ("resource", t.resource.as_str()),
        ("locale", t.locale.as_str()),
        ("id", t.id.as_str()),
    ];
    let list: String = t
        .comments
        .iter()
        .map(|(n, c)| {
            comment_item(l, c, || {
                let n = n.to_string();
                let mut fields = place.to_vec();
                fields.push(("n", n.as_str()));
                button_form(
                    "/question",
                    csrf,
                    &fields,
                    &format!("{} ({} {})", l.t("comment-resolve"), t.id, n),
                    "",
                )
            })
        })
        .collect();
    let hidden: String = place
        .iter()
        .map(|(k, v)| format!("<input type=\"hidden\" name=\"{k}\" value=\"{}\">", esc(v)))
        .collect();
    let field = format!("q-{i}");
    format!(
        "<section class=\"card question\" aria-labelledby=\"{field}-h\"><h3 id=\"{field}-h\">\
<a href=\"/post/{href}\"><code>posts/{slug}.md</code></a> · <code>{id}</code> · {asked}</h3>\
<div class=\"rendered\" lang=\"fr\">{french}</div><ol class=\"comments\">{list}</ol>\
<form method=\"post\" action=\"/question\" class=\"edit\">{csrf}{hidden}\
<label for=\"{field}\">{label}</label><textarea id=\"{field}\" name=\"text\" rows=\"2\"></textarea>\
<div class=\"actions\"><button>{send}</button></div></form></section>",
        href = esc(&super::html::url_path(slug)),
        slug = esc(slug),
        id = esc(&t.id),
        asked = esc(&l.t_args("questions-in", &[("locale", t.locale.clone().into())])),
        french = markdown(&t.source),
        csrf = csrf_field(csrf),
        label = esc(&l.t("questions-answer")),
        send = esc(&l.t("comment-send")),
    )
}

/// `POST /question`: a writer answers or resolves a comment on their post.
pub async fn post(
    State(app): State<App>,
    viewer: Viewer,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let l = viewer.lang;
    let form = Fields(form);
    if let Err(e) = viewer.writer().and_then(|()| viewer.check_csrf(&form)) {
        return e.in_lang(l).into_response();
    }
    let resource = match path::relative(form.get("resource").unwrap_or("")) {
        Ok(r) => r.to_string(),
        Err(e) => {
            return Fail::new(StatusCode::BAD_REQUEST, e)
                .in_lang(l)
                .into_response();
        }
    };
    let locale = match app.target(form.get("locale").unwrap_or(""), l) {
        Ok(loc) => loc,
        Err(e) => return e.in_lang(l).into_response(),
    };
    let name = viewer.name.clone();
    let own = resource.clone();
    let mine = app
        .read(move |cfg| {
            crate::source::submit::posts_of(cfg, &name)
                .unwrap_or_default()
                .contains(&own)
        })
        .await;
    if !mine {
        return Fail::new(StatusCode::FORBIDDEN, l.t("forbidden-role"))
            .in_lang(l)
            .into_response();
    }
    let action = match form.get("n").and_then(|n| n.parse().ok()) {
        Some(n) => Action::Resolve(n),
        None => Action::Add(form.get("text").unwrap_or("").to_string()),
    };
    let adding = matches!(action, Action::Add(_));
    let id = form.get("id").unwrap_or("").to_string();
    let request = comment::Request {
        resource: resource.clone(),
        locale: locale.clone(),
        id: id.clone(),
        by: viewer.name.clone(),
        action,
    };
    let what = format!("`{id}` of {resource} ({locale})");
    let done = app
        .change(
            Some(viewer.name.clone()),
            move |cfg| comment::run(cfg, &request),
            move |_| match adding {
                true => format!("Answer a comment on {what}"),
                false => format!("Resolve a comment on {what}"),
            },
        )
        .await;
    let text = match done {
        Ok(Ok(_)) if adding => l.t("notice-commented"),
        Ok(Ok(_)) => l.t("notice-resolved"),
        Ok(Err(e)) => {
            return Fail::new(StatusCode::BAD_REQUEST, e.to_string())
                .in_lang(l)
                .into_response();
        }
        Err(busy) => return Fail::site(busy).in_lang(l).into_response(),
    };
    app.sessions.flash(&viewer.session, |f| {
        f.notices.push(Notice { at: None, text })
    });
    Redirect::to("/submit#questions").into_response()
}
