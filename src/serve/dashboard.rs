//! The reviewer's home page: every resource × their locales, with a
//! progress bar (approved of all messages) and what is left to review.
//! Writers are sent to the drafts page.

use super::App;
use super::auth::Viewer;
use super::html::{esc, url_path};
use super::i18n::Lang;
use crate::review::report::TO_REVIEW;
use crate::review::state::State;
use crate::review::status;
use crate::review::view::Site;
use axum::extract::State as AppState;
use axum::response::{Html, IntoResponse, Redirect, Response};

/// One resource in one locale.
struct Cell {
    locale: String,
    approved: usize,
    messages: usize,
    to_review: usize,
    finished: bool,
}

/// One resource.
struct Row {
    resource: String,
    title: Option<String>,
    draft: bool,
    cells: Vec<Cell>,
}

/// `GET /`.
pub async fn page(AppState(app): AppState<App>, viewer: Viewer) -> Response {
    if viewer.writer().is_ok() {
        return Redirect::to("/submit").into_response();
    }
    if let Err(e) = viewer.reviewer() {
        return e.in_lang(viewer.lang).into_response();
    }
    let locales = viewer.locales.clone();
    let (rows, errors) = app
        .read(move |cfg| {
            let site = Site::load(cfg, &[], &locales);
            let errors: Vec<String> = crate::base::error::messages(&site.errors);
            (rows(&site), errors)
        })
        .await;
    let l = viewer.lang;
    let mut body = format!("<h1>{}</h1>", esc(&l.t("dashboard-title")));
    for e in &errors {
        body.push_str(&format!("<p class=\"error\">{}</p>", esc(e)));
    }
    body.push_str(&table(&rows, l));
    let title = l.t("dashboard-title");
    Html(viewer.page(&title, body).render()).into_response()
}

fn rows(site: &Site) -> Vec<Row> {
    site.sources
        .iter()
        .enumerate()
        .map(|(i, src)| Row {
            resource: src.resource.clone(),
            title: src
                .post
                .as_ref()
                .and_then(|p| p.post.title().map(str::to_string)),
            draft: src.draft,
            cells: site
                .views
                .iter()
                .filter(|v| v.source == i)
                .map(|v| {
                    let entries = site.entries(v);
                    Cell {
                        locale: v.locale.to_string(),
                        approved: entries
                            .iter()
                            .filter(|e| e.state == State::Approved)
                            .count(),
                        messages: entries.len(),
                        to_review: entries
                            .iter()
                            .filter(|e| TO_REVIEW.contains(&e.state))
                            .count(),
                        finished: status::finished(&entries),
                    }
                })
                .collect(),
        })
        .collect()
}

fn table(rows: &[Row], l: Lang) -> String {
    let mut out = String::from("<ul class=\"resources\">");
    for row in rows {
        let name = row.title.as_deref().unwrap_or(&row.resource);
        out.push_str(&format!(
            "<li class=\"card\"><h2>{}</h2><p class=\"path\"><code>{}</code>{}</p>",
            esc(name),
            esc(&row.resource),
            if row.draft {
                format!(" <span class=\"badge\">{}</span>", esc(&l.t("draft")))
            } else {
                String::new()
            }
        ));
        if !row.draft {
            for c in &row.cells {
                out.push_str(&cell(&row.resource, c, l));
            }
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

fn cell(resource: &str, c: &Cell, l: Lang) -> String {
    let status = if c.finished {
        format!(
            "<span class=\"badge state-approved\">{}</span>",
            esc(&l.t("finished"))
        )
    } else {
        esc(&l.t_args("to-review-count", &[("n", c.to_review.into())]))
    };
    let progress = l.t_args(
        "approved-of",
        &[("n", c.approved.into()), ("total", c.messages.into())],
    );
    format!(
        "<p class=\"locale\"><a href=\"/review/{locale}/{path}\"><strong>{locale}</strong></a> \
<progress max=\"{max}\" value=\"{value}\">{progress}</progress> <span>{progress}</span> · {status}</p>",
        locale = esc(&c.locale),
        path = esc(&url_path(resource)),
        max = c.messages.max(1),
        value = c.approved,
        progress = esc(&progress),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_links_to_the_review_page_and_shows_progress() {
        let c = Cell {
            locale: "en".into(),
            approved: 2,
            messages: 5,
            to_review: 3,
            finished: false,
        };
        let html = cell("posts/a-b", &c, Lang::En);
        assert!(html.contains("href=\"/review/en/posts/a-b\""), "{html}");
        assert!(html.contains("<progress max=\"5\" value=\"2\">"), "{html}");
        assert!(html.contains("3 to review"), "{html}");
    }
}
