//! The writers' page: a French draft pasted or uploaded, checked like
//! `relais submit` checks a file (errors shown next to their line), placed
//! in `posts/` and synced. When the engine cannot be reached, the post
//! stays placed and the page says so; the next `relais sync` translates it.

use super::auth::{Fields, Viewer};
use super::html::{csrf_field, esc};
use super::i18n::Lang;
use super::{App, Fail};
use crate::base::error::Error;
use crate::source::submit;
use crate::sync::{self, Options};
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use std::path::{Path, PathBuf};

/// What the writer sent.
#[derive(Default)]
struct Sent {
    fields: Vec<(String, String)>,
    /// An uploaded file: its name and text.
    file: Option<(String, String)>,
}

/// `GET /submit`.
pub async fn page(viewer: Viewer) -> Response {
    if let Err(e) = viewer.writer() {
        return e.in_lang(viewer.lang).into_response();
    }
    show(&viewer, StatusCode::OK, "", "", None)
}

/// The form, with what was typed and the error, if any.
fn show(
    viewer: &Viewer,
    status: StatusCode,
    name: &str,
    text: &str,
    error: Option<&Error>,
) -> Response {
    let l = viewer.lang;
    let mut body = format!(
        "<h1>{}</h1><p class=\"hint\">{}</p>",
        esc(&l.t("submit-title")),
        esc(&l.t("submit-hint"))
    );
    if let Some(e) = error {
        body.push_str(&annotated(l, text, e));
    }
    body.push_str(&format!(
        "<form method=\"post\" action=\"/submit\" enctype=\"multipart/form-data\" class=\"card edit\">{csrf}\
<label for=\"name\">{name_label}</label><input id=\"name\" name=\"name\" value=\"{name}\" placeholder=\"2024-09-01-rentree.md\">\
<label for=\"text\">{text_label}</label><textarea id=\"text\" name=\"text\" rows=\"16\" lang=\"fr\">{text}</textarea>\
<label for=\"file\">{file_label}</label><input id=\"file\" name=\"file\" type=\"file\" accept=\".md,text/markdown,text/plain\">\
<button class=\"primary\">{button}</button></form>",
        csrf = csrf_field(&viewer.csrf),
        name_label = esc(&l.t("submit-name")),
        name = esc(name),
        text_label = esc(&l.t("submit-text")),
        text = esc(text),
        file_label = esc(&l.t("submit-file")),
        button = esc(&l.t("submit-button")),
    ));
    let title = l.t("submit-title");
    (status, Html(viewer.page(&title, body).render())).into_response()
}

/// The error, and the draft's lines around it with the bad one marked.
fn annotated(l: Lang, text: &str, e: &Error) -> String {
    let mut out = format!(
        "<p class=\"error\" role=\"alert\">{}</p>",
        esc(&e.to_string())
    );
    let Error::Input { loc, message } = e else {
        return out;
    };
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return out;
    }
    let first = loc.line.saturating_sub(4).max(1);
    let last = (loc.line + 3).min(lines.len());
    out.push_str(&format!(
        "<ol class=\"lines\" start=\"{first}\" aria-label=\"{}\">",
        esc(&l.t("submit-lines"))
    ));
    for n in first..=last {
        let line = lines.get(n - 1).copied().unwrap_or("");
        if n == loc.line {
            out.push_str(&format!(
                "<li class=\"bad\"><code>{}</code><p class=\"error\">{}:{} {}</p></li>",
                esc(line),
                loc.line,
                loc.col,
                esc(message)
            ));
        } else {
            out.push_str(&format!("<li><code>{}</code></li>", esc(line)));
        }
    }
    out.push_str("</ol>");
    out
}

/// `POST /submit` (multipart: `csrf`, `name`, `text`, `file`).
pub async fn post(State(app): State<App>, viewer: Viewer, multipart: Multipart) -> Response {
    let l = viewer.lang;
    let sent = match read(multipart).await {
        Ok(s) => s,
        Err(e) => return e.in_lang(l).into_response(),
    };
    let fields = Fields(sent.fields);
    if let Err(e) = viewer.check_csrf(&fields).and_then(|()| viewer.writer()) {
        return e.in_lang(l).into_response();
    }
    let (name, text) = draft_of(&fields, sent.file);
    if text.trim().is_empty() || name.is_empty() {
        return show(
            &viewer,
            StatusCode::UNPROCESSABLE_ENTITY,
            &name,
            &text,
            Some(&Error::Config(l.t("submit-empty"))),
        );
    }
    let file = PathBuf::from(&name);
    let (f, t) = (file.clone(), text.clone());
    let outcome = app.write(move |cfg| place_and_sync(cfg, &f, t)).await;
    match outcome {
        Ok(Ok((slug, report))) => done(&viewer, &slug, &report),
        Ok(Err(e)) => show(
            &viewer,
            StatusCode::UNPROCESSABLE_ENTITY,
            &name,
            &text,
            Some(&e),
        ),
        Err(busy) => show(
            &viewer,
            StatusCode::SERVICE_UNAVAILABLE,
            &name,
            &text,
            Some(&busy),
        ),
    }
}

/// The draft's file name and text: the upload wins over the text area;
/// the name typed wins over the upload's; only the last path component
/// counts, and `.md` is added when missing.
fn draft_of(fields: &Fields, file: Option<(String, String)>) -> (String, String) {
    let typed = fields.get("name").unwrap_or("").trim().to_string();
    let (upload_name, text) = match file {
        Some((n, t)) if !t.is_empty() => (n, t),
        _ => (String::new(), fields.get("text").unwrap_or("").to_string()),
    };
    let name = if typed.is_empty() { upload_name } else { typed };
    let mut name = name.rsplit(['/', '\\']).next().unwrap_or("").to_string();
    if !name.is_empty() && !name.ends_with(".md") {
        name.push_str(".md");
    }
    (name, text.replace("\r\n", "\n"))
}

/// Checks, places and syncs a draft (under the site's lock).
fn place_and_sync(
    cfg: &crate::base::config::Config,
    file: &Path,
    text: String,
) -> Result<(String, sync::Report), Error> {
    let draft = submit::check(cfg, file, text)?;
    submit::place(&draft, file, false)?;
    let opts = Options {
        resources: vec![draft.post.resource()],
        ..Options::default()
    };
    let report = tokio::runtime::Handle::current().block_on(sync::run(cfg, &opts));
    Ok((draft.post.slug, report))
}

/// The page after a draft was placed: what sync did, or why it stopped.
fn done(viewer: &Viewer, slug: &str, report: &sync::Report) -> Response {
    let l = viewer.lang;
    let mut body = format!(
        "<h1>{}</h1><p>{}</p>",
        esc(&l.t("submit-done-title")),
        esc(&l.t_args(
            "submit-placed",
            &[("name", format!("posts/{slug}.md").into())]
        ))
    );
    let problems: Vec<&String> = report.errors.iter().chain(&report.engine_error).collect();
    if problems.is_empty() {
        body.push_str(&format!(
            "<p class=\"notice\">{}</p>",
            esc(&l.t_args("submit-synced", &[("n", report.translated.into())]))
        ));
    } else {
        body.push_str(&format!(
            "<p class=\"error\" role=\"alert\">{}</p>",
            esc(&l.t("submit-sync-failed"))
        ));
        for p in problems {
            body.push_str(&format!("<p class=\"error\">{}</p>", esc(p)));
        }
    }
    body.push_str(&format!(
        "<p><a href=\"/submit\">{}</a></p>",
        esc(&l.t("submit-another"))
    ));
    let title = l.t("submit-done-title");
    Html(viewer.page(&title, body).render()).into_response()
}

/// Reads the multipart body (its size is limited by the router: 413).
async fn read(mut multipart: Multipart) -> Result<Sent, Fail> {
    let mut sent = Sent::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return Ok(sent),
            Err(e) => return Err(Fail::new(e.status(), e.body_text())),
        };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| Fail::new(e.status(), e.body_text()))?;
        let text = crate::base::fs::decode(
            Path::new(file_name.as_deref().unwrap_or(&name)),
            bytes.to_vec(),
        )
        .map_err(|e| Fail::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
        match (name.as_str(), file_name) {
            ("file", Some(f)) => sent.file = Some((f, text)),
            _ => sent.fields.push((name, text)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draft_name_is_a_file_name_with_md() {
        let f = |name: &str| {
            Fields(vec![
                ("name".into(), name.into()),
                ("text".into(), "t\r\nu".into()),
            ])
        };
        assert_eq!(
            draft_of(&f("2024-x"), None),
            ("2024-x.md".into(), "t\nu".into())
        );
        assert_eq!(draft_of(&f("../../etc/x.md"), None).0, "x.md");
        let upload = Some(("c:\\docs\\2024-y.md".to_string(), "texte".to_string()));
        assert_eq!(
            draft_of(&f(""), upload),
            ("2024-y.md".into(), "texte".into())
        );
    }
}
