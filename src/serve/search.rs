//! `GET /search`: the concordance search of `relais search` as a page — a
//! form (words, locale, state, resource, reviewer, unknown words, open
//! comments) and the messages found, each with its state and a link to
//! it in its review page. A reviewer searches their own locales only.

use super::App;
use super::auth::Viewer;
use super::card::state_name;
use super::html::{esc, highlight, url_path};
use super::i18n::Lang;
use crate::review::report::Item;
use crate::review::search::{self, Query as Asked, fold};
use crate::review::state::State;
use axum::extract::{Query, State as AppState};
use axum::response::{Html, IntoResponse, Response};

/// At most this many messages are listed; the count says how many matched.
const SHOWN: usize = 200;

/// The form's fields as typed, to show them again.
#[derive(Default)]
struct Form {
    q: String,
    locale: String,
    state: String,
    resource: String,
    reviewer: String,
    unknown: bool,
    comments: bool,
}

impl Form {
    fn from_query(query: &[(String, String)]) -> Form {
        let field = |k: &str| {
            query
                .iter()
                .find(|(q, _)| q == k)
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default()
        };
        Form {
            q: field("q"),
            locale: field("locale"),
            state: field("state"),
            resource: field("resource"),
            reviewer: field("reviewer"),
            unknown: !field("unknown").is_empty(),
            comments: !field("comments").is_empty(),
        }
    }

    /// Something to search for: words or a filter.
    fn asked(&self) -> bool {
        !self.q.is_empty()
            || !self.state.is_empty()
            || !self.resource.is_empty()
            || !self.reviewer.is_empty()
            || self.unknown
            || self.comments
    }
}

/// `GET /search?q=…&locale=…&state=…&resource=…&reviewer=…&unknown=1&comments=1`.
pub async fn page(
    AppState(app): AppState<App>,
    viewer: Viewer,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let l = viewer.lang;
    if let Err(e) = viewer.reviewer() {
        return e.in_lang(l).into_response();
    }
    let form = Form::from_query(&query);
    // Only the reviewer's locales; one of them when the form names one.
    let locales = if form.locale.is_empty() {
        viewer.locales.clone()
    } else {
        match app
            .target(&form.locale, l)
            .and_then(|loc| viewer.may_review(&loc).map(|()| loc))
        {
            Ok(loc) => vec![loc],
            Err(e) => return e.in_lang(l).into_response(),
        }
    };
    let states = match form.state.as_str() {
        "" => Vec::new(),
        s => match s.parse::<State>() {
            Ok(st) => vec![st],
            Err(_) => Vec::new(),
        },
    };
    let mut body = format!("<h1>{}</h1>", esc(&l.t("search-title")));
    body.push_str(&form_html(l, &viewer, &form));
    if form.asked() {
        let asked = Asked {
            text: form.q.clone(),
            locales,
            states,
            resources: match form.resource.as_str() {
                "" => Vec::new(),
                r => vec![r.to_string()],
            },
            reviewer: Some(form.reviewer.clone()).filter(|r| !r.is_empty()),
            unknown: form.unknown,
            comments: form.comments,
        };
        let found = app.read(move |cfg| search::search(cfg, &asked)).await;
        let french = app.cfg.source.to_string();
        body.push_str(&results(l, &french, &form.q, &found));
    }
    let title = l.t("search-title");
    Html(viewer.page(&title, body).render()).into_response()
}

fn form_html(l: Lang, viewer: &Viewer, form: &Form) -> String {
    let option = |value: &str, label: &str, chosen: &str| {
        let selected = if value == chosen { " selected" } else { "" };
        format!(
            "<option value=\"{}\"{selected}>{}</option>",
            esc(value),
            esc(label)
        )
    };
    let mut locales = option("", &l.t("search-any-locale"), &form.locale);
    for loc in &viewer.locales {
        let code = loc.to_string();
        locales.push_str(&option(&code, &code, &form.locale));
    }
    let mut states = option("", &l.t("search-any-state"), &form.state);
    for st in State::ALL {
        states.push_str(&option(st.name(), &state_name(l, st), &form.state));
    }
    let checked = |on: bool| if on { " checked" } else { "" };
    format!(
        "<form method=\"get\" action=\"/search\" class=\"search\" role=\"search\">\
<p><label for=\"search-q\">{words}</label><input type=\"search\" id=\"search-q\" name=\"q\" value=\"{q}\"></p>\
<p class=\"filters\"><label>{locale} <select name=\"locale\">{locales}</select></label> \
<label>{state} <select name=\"state\">{states}</select></label> \
<label>{resource} <input type=\"text\" name=\"resource\" value=\"{res}\"></label> \
<label>{reviewer} <input type=\"text\" name=\"reviewer\" value=\"{rev}\"></label> \
<label><input type=\"checkbox\" name=\"unknown\" value=\"1\"{unknown_on}> {unknown}</label> \
<label><input type=\"checkbox\" name=\"comments\" value=\"1\"{comments_on}> {comments}</label></p>\
<p><button class=\"primary\">{go}</button></p></form>",
        words = esc(&l.t("search-words")),
        q = esc(&form.q),
        locale = esc(&l.t("search-locale")),
        state = esc(&l.t("search-state")),
        resource = esc(&l.t("search-resource")),
        res = esc(&form.resource),
        reviewer = esc(&l.t("search-reviewer")),
        rev = esc(&form.reviewer),
        unknown_on = checked(form.unknown),
        unknown = esc(&l.t("search-unknown")),
        comments_on = checked(form.comments),
        comments = esc(&l.t("search-comments")),
        go = esc(&l.t("search-go")),
    )
}

fn results(l: Lang, french: &str, words: &str, found: &search::Found) -> String {
    let mut out = String::new();
    for e in &found.errors {
        out.push_str(&format!("<p class=\"error\">{}</p>", esc(e)));
    }
    let n = found.items.len();
    let count = if n > SHOWN {
        l.t_args(
            "search-found-more",
            &[("n", SHOWN.into()), ("total", n.into())],
        )
    } else {
        l.t_args("search-found", &[("n", n.into())])
    };
    out.push_str(&format!(
        "<p class=\"path\" role=\"status\">{}</p>",
        esc(&count)
    ));
    let words: Vec<String> = fold(words).split_whitespace().map(str::to_string).collect();
    let list: String = found
        .items
        .iter()
        .take(SHOWN)
        .map(|item| found_item(l, french, item, &words))
        .collect();
    if !list.is_empty() {
        out.push_str(&format!("<ol class=\"found\">{list}</ol>"));
    }
    out
}

/// One message found: where it is (a link to it), its state, the French
/// and the translation with the words searched for marked.
fn found_item(l: Lang, french_lang: &str, item: &Item, words: &[String]) -> String {
    let href = format!(
        "/review/{}/{}#m-{}",
        url_path(&item.locale),
        url_path(&item.resource),
        url_path(&item.id)
    );
    let translation = item
        .current
        .as_deref()
        .map(|t| format!("<p lang=\"{}\">{}</p>", esc(&item.locale), marked(t, words)))
        .unwrap_or_default();
    format!(
        "<li><p><a href=\"{href}\"><code>{resource}</code> · <strong>{locale}</strong> · <code>{id}</code></a> \
<span class=\"badge state-{state}\">{name}</span></p><p lang=\"{french_lang}\">{french}</p>{translation}</li>",
        href = esc(&href),
        resource = esc(&item.resource),
        locale = esc(&item.locale),
        id = esc(&item.id),
        state = item.state.name(),
        name = esc(&state_name(l, item.state)),
        french_lang = esc(french_lang),
        french = marked(&item.source, words),
    )
}

/// `text` with the tokens that hold a searched word marked.
fn marked(text: &str, words: &[String]) -> String {
    let hits: Vec<String> = crate::review::distance::tokens(text)
        .into_iter()
        .filter(|t| {
            let t = fold(t);
            words.iter().any(|w| t.contains(w.as_str()))
        })
        .map(str::to_string)
        .collect();
    highlight(text, &hits)
}
