//! `GET /help`: the keyboard shortcuts of the review page, and what each
//! does without them (every shortcut presses a button or follows a link
//! the page has; `/static/relais.js` adds them).

use super::auth::Viewer;
use super::html::esc;
use axum::response::{Html, IntoResponse, Response};

/// Each shortcut: its keys (as `<kbd>`s) and the words of what it does.
const SHORTCUTS: [(&[&str], &str); 5] = [
    (&["Ctrl", "Entrée|Enter"], "help-approve"),
    (&["Alt", "↓"], "help-next"),
    (&["Alt", "↑"], "help-previous"),
    (&["Ctrl", "Maj|Shift", "1 … 3"], "help-memory"),
    (&["Échap|Esc"], "help-close"),
];

/// `GET /help` (any signed-in person).
pub async fn page(viewer: Viewer) -> Response {
    let l = viewer.lang;
    let rows: String = SHORTCUTS
        .iter()
        .map(|(keys, what)| {
            let keys: Vec<String> = keys
                .iter()
                .map(|k| {
                    // "French|English" where the key's name differs.
                    let name = match k.split_once('|') {
                        Some((fr, en)) => match l.code() {
                            "fr" => fr,
                            _ => en,
                        },
                        None => k,
                    };
                    format!("<kbd>{}</kbd>", esc(name))
                })
                .collect();
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                keys.join(" + "),
                esc(&l.t(what))
            )
        })
        .collect();
    let body = format!(
        "<h1>{title}</h1><p>{intro}</p>\
<table class=\"shortcuts\"><thead><tr><th scope=\"col\">{keys}</th><th scope=\"col\">{does}</th></tr></thead>\
<tbody>{rows}</tbody></table><p class=\"hint\">{without}</p>",
        title = esc(&l.t("help-title")),
        intro = esc(&l.t("help-intro")),
        keys = esc(&l.t("help-keys")),
        does = esc(&l.t("help-does")),
        without = esc(&l.t("help-without")),
    );
    let title = l.t("help-title");
    Html(viewer.page(&title, body).render()).into_response()
}
