//! The writers' page: a French draft pasted or uploaded (the empty form
//! holds a front-matter template; the file name, when not given, is made
//! from the date and the title), checked like `relais submit` checks a
//! file (the error once, in the page's language, at its line), placed in
//! `posts/` and synced. A post of the same name is replaced only when the
//! writer says so, and only the version they were shown: it then syncs
//! like any changed post. When the engine cannot be reached, the post
//! stays placed and the page says so; the next `relais sync` translates
//! it. After each post: its preview, and the writer's list of posts;
//! under it, what reviewers ask about their French ([`super::questions`]).

use super::auth::{Fields, Viewer};
use super::flash::{Held, Notice, Refusal};
use super::html::{csrf_field, esc, markdown, url_path};
use super::i18n::Lang;
use super::{App, Fail};
use crate::base::error::Error;
use crate::source::{post, submit};
use crate::sync::{self, Options};
use axum::extract::{Multipart, Path as AxumPath, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::path::{Path, PathBuf};

/// What the writer sent.
#[derive(Default)]
struct Sent {
    fields: Vec<(String, String)>,
    /// An uploaded file: its name and text.
    file: Option<(String, String)>,
}

/// `GET /submit` (`?done=<slug>` after a post was placed).
pub async fn page(
    State(app): State<App>,
    viewer: Viewer,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = viewer.writer() {
        return e.in_lang(viewer.lang).into_response();
    }
    let done = query
        .iter()
        .find(|(k, _)| k == "done")
        .map(|(_, v)| v.clone())
        .filter(|slug| post::slug_of(Path::new(&format!("{slug}.md"))).is_ok());
    let name = viewer.name.clone();
    let (mine, threads) = app
        .read(move |cfg| {
            let mine = submit::posts_of(cfg, &name).unwrap_or_default();
            let threads = crate::review::comment::open_on(cfg, &mine);
            (mine, threads)
        })
        .await;
    let held = viewer.flash.draft.clone();
    let questions = super::questions::section(viewer.lang, &viewer.csrf, &threads);
    show(&viewer, held.as_ref(), done.as_deref(), &mine, questions)
}

/// The page: what was just placed (with its preview), the form (a
/// front-matter template when empty, else what was sent, its error once,
/// or the question whether to replace a post), and the writer's posts.
fn show(
    viewer: &Viewer,
    held: Option<&Held>,
    done: Option<&str>,
    mine: &[String],
    questions: String,
) -> Response {
    let l = viewer.lang;
    let mut body = String::new();
    if let Some(slug) = done {
        body.push_str(&format!(
            "<p class=\"notice\"><a href=\"/post/{slug}\">{}</a></p>",
            esc(&l.t("submit-preview")),
            slug = esc(slug),
        ));
    }
    body.push_str(&format!(
        "<h1>{}</h1><p class=\"hint\">{}</p>",
        esc(&l.t("submit-title")),
        esc(&l.t("submit-hint"))
    ));
    if let Some(h) = held {
        if let Some(refusal) = &h.error {
            let (message, at) = refusal.said(l);
            body.push_str(&annotated(l, &h.text, &message, at));
        }
        if let Some((hash, title)) = &h.replace {
            body.push_str(&question(viewer, h, hash, title));
        }
    }
    let template = format!("---\ntitle: \"\"\ndate: {}\n---\n\n", today());
    let (name, text) = held.map_or(("", template.as_str()), |h| (&h.name, &h.text));
    let invalid = held.filter(|h| h.error.is_some()).map_or(
        "",
        |_| " aria-invalid=\"true\" aria-describedby=\"draft-error\" autofocus",
    );
    body.push_str(&format!(
        "<form method=\"post\" action=\"/submit\" enctype=\"multipart/form-data\" class=\"card edit\">{csrf}\
<label for=\"name\">{name_label}</label><input id=\"name\" name=\"name\" value=\"{name}\" placeholder=\"{placeholder}\" aria-describedby=\"name-hint\">\
<p class=\"hint\" id=\"name-hint\">{name_hint}</p>\
<label for=\"text\">{text_label}</label><textarea id=\"text\" name=\"text\" rows=\"16\" lang=\"fr\"{invalid}>{text}</textarea>\
<label for=\"file\">{file_label}</label><input id=\"file\" name=\"file\" type=\"file\" accept=\".md,text/markdown,text/plain\">\
<button class=\"primary\">{button}</button></form>",
        csrf = csrf_field(&viewer.csrf),
        name_label = esc(&l.t("submit-name")),
        name = esc(name),
        placeholder = esc(&format!("{}-rentree.md", today())),
        name_hint = esc(&l.t("submit-name-hint")),
        text_label = esc(&l.t("submit-text")),
        text = esc(text),
        file_label = esc(&l.t("submit-file")),
        button = esc(&l.t("submit-button")),
    ));
    if !mine.is_empty() {
        let items: String = mine
            .iter()
            .map(|r| {
                let slug = r.trim_start_matches("posts/");
                format!(
                    "<li><a href=\"/post/{}\">{}</a></li>",
                    esc(&url_path(slug)),
                    esc(&format!("posts/{slug}.md"))
                )
            })
            .collect();
        body.push_str(&format!(
            "<h2>{}</h2><ul class=\"mine\">{items}</ul>",
            esc(&l.t("submit-mine"))
        ));
    }
    body.push_str(&questions);
    let title = l.t("submit-title");
    Html(viewer.page(&title, body).render()).into_response()
}

/// `YYYY-MM-DD` today (UTC).
fn today() -> String {
    crate::base::clock::now().chars().take(10).collect()
}

/// A post of that name exists: replace it with this version (the one
/// shown is the one replaced), or change the name in the form below.
fn question(viewer: &Viewer, h: &Held, hash: &str, title: &str) -> String {
    let l = viewer.lang;
    let fields = [
        ("name", h.name.as_str()),
        ("text", h.text.as_str()),
        ("replace", hash),
    ];
    let hidden: String = fields
        .iter()
        .map(|(k, v)| format!("<input type=\"hidden\" name=\"{k}\" value=\"{}\">", esc(v)))
        .collect();
    format!(
        "<div class=\"card\" role=\"alert\"><h2>{ask}</h2><p>{what}</p>\
<form method=\"post\" action=\"/submit\" enctype=\"multipart/form-data\">{csrf}{hidden}\
<button class=\"primary\" autofocus>{button}</button></form></div>",
        ask = esc(&l.t_args(
            "submit-exists",
            &[
                ("name", h.name.clone().into()),
                ("what", title.to_string().into())
            ]
        )),
        what = esc(&l.t("submit-replace-hint")),
        csrf = csrf_field(&viewer.csrf),
        button = esc(&l.t("submit-replace")),
    )
}

/// The error, once, and the draft's lines around it with the bad one
/// marked.
fn annotated(l: Lang, text: &str, message: &str, at: Option<(usize, usize)>) -> String {
    let mut out = format!(
        "<p class=\"error\" role=\"alert\" id=\"draft-error\">{}</p>",
        esc(message)
    );
    let Some((line, _)) = at else {
        return out;
    };
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return out;
    }
    let first = line.saturating_sub(4).max(1);
    let last = (line + 3).min(lines.len());
    out.push_str(&format!(
        "<ol class=\"lines\" start=\"{first}\" aria-label=\"{}\">",
        esc(&l.t("submit-lines"))
    ));
    for n in first..=last {
        let text = esc(lines.get(n - 1).copied().unwrap_or(""));
        if n == line {
            out.push_str(&format!(
                "<li class=\"bad\"><code>{text}</code> <strong>{}</strong></li>",
                esc(&l.t("submit-here"))
            ));
        } else {
            out.push_str(&format!("<li><code>{text}</code></li>"));
        }
    }
    out.push_str("</ol>");
    out
}

/// `POST /submit` (multipart: `csrf`, `name`, `text`, `file`; `replace`,
/// the hash of the version to replace, after the question).
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
    let replace = fields.get("replace").map(str::to_string);
    let hold = |name: String, text: String, error, replace| {
        app.sessions.flash(&viewer.session, |f| {
            f.draft = Some(Held {
                name,
                text,
                error,
                replace,
            });
        });
        Redirect::to("/submit").into_response()
    };
    if text.trim().is_empty() {
        return hold(name, text, Some(Refusal::Page("submit-empty")), None);
    }
    // An error is shown with the name as the writer left it (empty: the
    // proposal is made again once the draft reads).
    let typed = name.clone();
    let name = if name.is_empty() {
        proposed_name(&text)
    } else {
        name
    };
    let file = PathBuf::from(&name);
    let (f, t, writer) = (file.clone(), text.clone(), viewer.name.clone());
    let again = replace.is_some();
    let outcome = app
        .change(
            Some(viewer.name.clone()),
            move |cfg| place_and_sync(cfg, &f, t, replace.as_deref(), &writer),
            move |placed| match placed {
                Ok(Placed::Done(slug, _)) if again => format!("New version of posts/{slug}.md"),
                Ok(Placed::Done(slug, _)) => format!("New post posts/{slug}.md"),
                _ => "A writer's draft".to_string(),
            },
        )
        .await;
    match outcome {
        Ok(Ok(Placed::Done(slug, report))) => {
            let texts = done(l, &slug, &report);
            app.sessions.flash(&viewer.session, |f| {
                f.draft = None;
                f.notices
                    .extend(texts.into_iter().map(|text| Notice { at: None, text }));
            });
            Redirect::to(&format!("/submit?done={}", url_path(&slug))).into_response()
        }
        Ok(Ok(Placed::Exists { seen, title })) => hold(name, text, None, Some((seen, title))),
        Ok(Err(e)) => hold(typed, text, Some(Refusal::of(&e)), None),
        Err(busy) => hold(typed, text, Some(Refusal::of(&busy)), None),
    }
}

/// A file name made of the draft's date (else today) and the first words
/// of its title, when the writer gave none: `2025-06-01-visite-a-quito.md`.
fn proposed_name(text: &str) -> String {
    let Ok(p) = post::parse(Path::new("draft.md"), text.to_string()) else {
        // Its error is for the check to report, under a name it accepts.
        return "draft.md".into();
    };
    let date = p
        .front
        .get("date")
        .map(|d| d.trim_matches('"').chars().take(10).collect::<String>())
        .filter(|d| d.len() == 10 && d.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        .unwrap_or_else(today);
    let words = crate::source::ids::slug_words(p.title().unwrap_or(""), 6, 50);
    if words.is_empty() {
        format!("{date}.md")
    } else {
        format!("{date}-{words}.md")
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

/// What placing a draft came to.
enum Placed {
    /// Placed (new, or a new version) and synced.
    Done(String, sync::Report),
    /// A post of that name exists and no replacement was asked for.
    Exists {
        /// Hash of the post now, which a replacement must name.
        seen: String,
        /// Its title.
        title: String,
    },
}

/// Checks, places (or replaces the version the writer was shown) and
/// syncs a draft, under the site's lock.
fn place_and_sync(
    cfg: &crate::base::config::Config,
    file: &Path,
    text: String,
    replace: Option<&str>,
    writer: &str,
) -> Result<Placed, Error> {
    let draft = submit::check(cfg, file, text)?;
    match (submit::current(&draft)?, replace) {
        (None, _) => {
            submit::place(&draft, file, false)?;
        }
        (Some(_), Some(seen)) => submit::replace(&draft, file, seen)?,
        (Some(seen), None) => {
            let old = post::parse(&draft.dest, crate::base::fs::read_text(&draft.dest)?);
            let title = old.ok().and_then(|p| p.title().map(str::to_string));
            return Ok(Placed::Exists {
                seen,
                title: title.unwrap_or_default(),
            });
        }
    }
    let resource = draft.post.resource();
    submit::note_writer(cfg, &resource, writer)?;
    let opts = Options {
        resources: vec![resource],
        ..Options::default()
    };
    let report = tokio::runtime::Handle::current().block_on(sync::run(cfg, &opts));
    Ok(Placed::Done(draft.post.slug, report))
}

/// What placing and syncing did, for the next page.
fn done(l: Lang, slug: &str, report: &sync::Report) -> Vec<String> {
    let mut out = vec![l.t_args(
        "submit-placed",
        &[("name", format!("posts/{slug}.md").into())],
    )];
    let problems: Vec<&String> = report.errors.iter().chain(&report.engine_error).collect();
    if problems.is_empty() {
        out.push(l.t_args("submit-synced", &[("n", report.translated.into())]));
    } else {
        out.push(l.t("submit-sync-failed"));
    }
    out
}

/// `GET /post/{slug}`: a post's French as it reads, for its writer.
pub async fn preview(
    State(app): State<App>,
    viewer: Viewer,
    AxumPath(slug): AxumPath<String>,
) -> Response {
    let l = viewer.lang;
    if viewer.writer().is_err() && viewer.reviewer().is_err() {
        return Fail::new(StatusCode::FORBIDDEN, l.t("forbidden-role"))
            .in_lang(l)
            .into_response();
    }
    let Ok(slug) = post::slug_of(Path::new(&format!("{slug}.md"))) else {
        return Fail::new(StatusCode::NOT_FOUND, l.t("not-found"))
            .in_lang(l)
            .into_response();
    };
    let read = {
        let slug = slug.clone();
        app.read(move |cfg| {
            let path = cfg.posts_dir().join(format!("{slug}.md"));
            let text = crate::base::fs::read_text_opt(&path).ok().flatten()?;
            post::parse(&path, text).ok()
        })
        .await
    };
    let Some(p) = read else {
        return Fail::new(StatusCode::NOT_FOUND, l.t("not-found"))
            .in_lang(l)
            .into_response();
    };
    let title = p.title().unwrap_or(&slug).to_string();
    let body = format!(
        "<p class=\"crumbs\"><a href=\"/submit\">{back}</a> ›</p><p class=\"hint\">{note}</p>\
<article class=\"preview card\" lang=\"fr\"><h1>{title}</h1>{html}</article>",
        back = esc(&l.t("nav-submit")),
        note = esc(&l.t_args(
            "post-preview-note",
            &[("name", format!("posts/{slug}.md").into())]
        )),
        title = esc(&title),
        html = markdown(p.body()),
    );
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
