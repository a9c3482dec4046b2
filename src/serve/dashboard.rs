//! The reviewer's home page: every resource × their locales, with a
//! progress bar (approved of all messages) and what is left to review.
//! What needs review comes first, newest posts first; `?hide=finished`
//! leaves out what is finished. Each title leads to the review page, each
//! post has its preview. Writers are sent to the drafts page. A site of
//! many posts is shown [`PAGE`] resources a page (`?page=N`).
//!
//! The rows are kept between requests ([`Board`]): a request reads again
//! only the resources whose files changed since the last look.

use super::App;
use super::auth::Viewer;
use super::html::{esc, url_path};
use super::i18n::Lang;
use crate::base::config::Config;
use crate::review::report::TO_REVIEW;
use crate::review::stamp::Watch;
use crate::review::state::State;
use crate::review::status;
use crate::review::view::Site;
use axum::extract::{Query, State as AppState};
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use unic_langid::LanguageIdentifier;

/// Resources shown on one page of the dashboard.
pub const PAGE: usize = 50;

/// How long the dashboard takes the site's files as they were, without
/// looking at each again (what this server writes is seen at once; a
/// change made outside it, by `relais sync` in a terminal or an editor,
/// within this time).
pub const LOOK_EVERY: Duration = Duration::from_secs(1);

/// The rows of every resource in every target locale, as the last look at
/// the site's files left them, shared by every request.
#[derive(Default)]
pub struct Board {
    rows: Mutex<Rows>,
    /// Files this server wrote since the last look (apart, so that a
    /// change never waits for a look).
    wrote: Mutex<Vec<PathBuf>>,
}

struct Rows {
    watch: Watch,
    /// Resource → its row.
    rows: BTreeMap<String, Arc<Row>>,
    /// Resources that could not be read whole: read again at every look,
    /// so that their errors are said until they are mended.
    broken: BTreeSet<String>,
    /// What could not be listed, at the last look at every file.
    list_errors: Vec<String>,
    /// What could not be read, at the last read.
    read_errors: Vec<String>,
}

impl Board {
    /// This server wrote `files`: the next look reads their resources.
    pub fn wrote(&self, files: &[PathBuf]) {
        self.wrote
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(files);
    }

    /// The rows in `locales` (all when empty) and what could not be read,
    /// brought up to what this server wrote and, within [`LOOK_EVERY`], to
    /// the site's files (requests that wait while another looks find the
    /// look done: the watch has nothing more to look at).
    fn rows(&self, cfg: &Config, locales: &[LanguageIdentifier]) -> (Vec<Row>, Vec<String>) {
        let mut rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        let wrote = std::mem::take(&mut *self.wrote.lock().unwrap_or_else(|e| e.into_inner()));
        rows.watch.wrote(cfg, &wrote);
        rows.refresh(cfg);
        let mut errors = rows.list_errors.clone();
        errors.extend(rows.read_errors.iter().cloned());
        (rows.rows_in(locales), errors)
    }
}

impl Default for Rows {
    fn default() -> Rows {
        Rows {
            watch: Watch::new(LOOK_EVERY),
            rows: BTreeMap::new(),
            broken: BTreeSet::new(),
            list_errors: Vec::new(),
            read_errors: Vec::new(),
        }
    }
}

impl Rows {
    /// Reads again the resources whose files changed, and those broken;
    /// drops those gone.
    fn refresh(&mut self, cfg: &Config) {
        let Some(changes) = self.watch.look(cfg, false) else {
            return;
        };
        if let Some(e) = &changes.errors {
            self.list_errors = crate::base::error::messages(e);
        }
        for r in &changes.gone {
            self.rows.remove(r);
            self.broken.remove(r);
        }
        let read: BTreeSet<String> = changes
            .changed
            .iter()
            .chain(&self.broken)
            .cloned()
            .collect();
        if read.is_empty() {
            return;
        }
        let list: Vec<String> = read.iter().cloned().collect();
        self.read_errors.clear();
        self.broken = read;
        // A few at a time: what a whole site read at once holds would stay
        // in the allocator's hands long after.
        for chunk in list.chunks(crate::source::read::FEW) {
            let site = Site::load(cfg, chunk, &cfg.targets);
            self.read_errors
                .extend(crate::base::error::messages(&site.errors));
            for row in rows(&site) {
                if row.cells.len() == cfg.targets.len() {
                    self.broken.remove(&row.resource);
                }
                self.rows.insert(row.resource.clone(), Arc::new(row));
            }
            // Those not read at all (their French has errors) show no row.
            for r in chunk {
                if !site.sources.iter().any(|s| &s.resource == r) {
                    self.rows.remove(r);
                }
            }
        }
    }

    /// Every row, with the cells of `locales` only (all when empty).
    fn rows_in(&self, locales: &[LanguageIdentifier]) -> Vec<Row> {
        let wanted: Vec<String> = locales.iter().map(ToString::to_string).collect();
        self.rows
            .values()
            .map(|row| Row {
                resource: row.resource.clone(),
                title: row.title.clone(),
                date: row.date.clone(),
                draft: row.draft,
                post: row.post,
                cells: row
                    .cells
                    .iter()
                    .filter(|c| wanted.is_empty() || wanted.contains(&c.locale))
                    .cloned()
                    .collect(),
            })
            .collect()
    }
}

/// One resource in one locale.
#[derive(Clone)]
struct Cell {
    locale: String,
    approved: usize,
    messages: usize,
    to_review: usize,
    finished: bool,
    /// Comments not resolved yet.
    open_comments: usize,
}

/// One resource.
struct Row {
    resource: String,
    title: Option<String>,
    /// The post's `date` (front matter), else the date its file name
    /// starts with: newest first.
    date: Option<String>,
    draft: bool,
    post: bool,
    cells: Vec<Cell>,
}

impl Row {
    fn to_review(&self) -> usize {
        self.cells.iter().map(|c| c.to_review).sum()
    }

    fn finished(&self) -> bool {
        !self.draft && self.cells.iter().all(|c| c.finished)
    }

    /// The cell a click on the title opens: the first with something to
    /// review, else the first.
    fn main_cell(&self) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.to_review > 0)
            .or(self.cells.first())
    }
}

/// What needs review first (then what is finished, drafts last); newest
/// first within each; pages (no date) after posts.
fn sort(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        let rank = |r: &Row| (r.draft, r.to_review() == 0, r.date.is_none());
        rank(a)
            .cmp(&rank(b))
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| a.resource.cmp(&b.resource))
    });
}

/// `GET /`.
pub async fn page(
    AppState(app): AppState<App>,
    viewer: Viewer,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let hide = query.iter().any(|(k, v)| k == "hide" && v == "finished");
    let wanted_page = query
        .iter()
        .find(|(k, _)| k == "page")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(1);
    if viewer.writer().is_ok() {
        return Redirect::to("/submit").into_response();
    }
    if let Err(e) = viewer.reviewer() {
        return e.in_lang(viewer.lang).into_response();
    }
    let locales = viewer.locales.clone();
    let board = app.clone();
    let (mut rows, errors) = app.read(move |cfg| board.board.rows(cfg, &locales)).await;
    sort(&mut rows);
    let l = viewer.lang;
    let mut body = format!("<h1>{}</h1>", esc(&l.t("dashboard-title")));
    if let Some(git) = &app.git {
        body.push_str(&repository(l, &git.status()));
    }
    for e in &errors {
        body.push_str(&format!("<p class=\"error\">{}</p>", esc(e)));
    }
    let finished = rows.iter().filter(|r| r.finished()).count();
    let toggle = if hide {
        format!(
            "<a href=\"/\">{}</a>",
            esc(&l.t_args("show-finished", &[("n", finished.into())]))
        )
    } else {
        format!(
            "<a href=\"/?hide=finished\">{}</a>",
            esc(&l.t_args("hide-finished", &[("n", finished.into())]))
        )
    };
    if finished > 0 {
        body.push_str(&format!("<p class=\"path\">{toggle}</p>"));
    }
    if hide {
        rows.retain(|r| !r.finished());
    }
    let pages = rows.len().div_ceil(PAGE).max(1);
    let page_no = wanted_page.clamp(1, pages);
    let shown = &rows[(page_no - 1) * PAGE..(page_no * PAGE).min(rows.len())];
    body.push_str(&table(shown, l));
    if pages > 1 {
        body.push_str(&pager(page_no, pages, hide, l));
    }
    let title = l.t("dashboard-title");
    Html(viewer.page(&title, body).render()).into_response()
}

/// Links to the page before and after page `n` of `pages`.
fn pager(n: usize, pages: usize, hide: bool, l: Lang) -> String {
    let link = |to: usize| {
        if hide {
            format!("/?hide=finished&amp;page={to}")
        } else {
            format!("/?page={to}")
        }
    };
    let mut out = format!(
        "<nav class=\"pager\" aria-label=\"{}\">",
        esc(&l.t("pages"))
    );
    if n > 1 {
        out.push_str(&format!(
            "<a rel=\"prev\" href=\"{}\">{}</a> ",
            link(n - 1),
            esc(&l.t("previous-page"))
        ));
    }
    out.push_str(&format!(
        "<span aria-current=\"page\">{}</span>",
        esc(&l.t_args("page-of", &[("n", n.into()), ("total", pages.into())]))
    ));
    if n < pages {
        out.push_str(&format!(
            " <a rel=\"next\" href=\"{}\">{}</a>",
            link(n + 1),
            esc(&l.t("next-page"))
        ));
    }
    out.push_str("</nav>");
    out
}

/// What the shared repository has not got yet, or could not take.
fn repository(l: Lang, s: &super::repo::Status) -> String {
    let mut out = String::new();
    if let Some(branch) = &s.conflict {
        out.push_str(&format!(
            "<p class=\"error\" role=\"alert\">{}</p>",
            esc(&l.t_args("git-conflict", &[("name", branch.clone().into())]))
        ));
    }
    if let Some(e) = &s.error {
        out.push_str(&format!(
            "<p class=\"notice\">{}</p>",
            esc(&l.t_args(
                "git-waiting",
                &[("n", s.unpushed.into()), ("what", e.clone().into())]
            ))
        ));
    }
    out
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
            date: src.post.as_ref().and_then(|p| {
                let front = p.post.front.get("date").map(|d| d.trim_matches('"'));
                let named = p.post.slug.get(..10).filter(|d| {
                    d.bytes().enumerate().all(|(i, b)| {
                        if i == 4 || i == 7 {
                            b == b'-'
                        } else {
                            b.is_ascii_digit()
                        }
                    })
                });
                front
                    .or(named)
                    .map(|d| d.get(..10).unwrap_or(d).to_string())
            }),
            draft: src.draft,
            post: src.post.is_some(),
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
                        open_comments: v
                            .record
                            .comments
                            .values()
                            .flatten()
                            .filter(|c| c.resolved.is_none())
                            .count(),
                    }
                })
                .collect(),
        })
        .collect()
}

fn table(rows: &[Row], l: Lang) -> String {
    let mut out = String::from("<ul class=\"resources\">");
    for row in rows {
        let name = esc(row.title.as_deref().unwrap_or(&row.resource));
        let path = url_path(&row.resource);
        let title = match row.main_cell().filter(|_| !row.draft) {
            Some(c) => format!("<a href=\"/review/{}/{path}\">{name}</a>", esc(&c.locale)),
            None => name,
        };
        let mut meta = format!("<code>{}</code>", esc(&row.resource));
        if let Some(date) = &row.date {
            meta.push_str(&format!(" · <time datetime=\"{0}\">{0}</time>", esc(date)));
        }
        if row.draft {
            meta.push_str(&format!(
                " <span class=\"badge\">{}</span>",
                esc(&l.t("draft"))
            ));
        }
        out.push_str(&format!(
            "<li class=\"card\"><h2>{title}</h2><p class=\"path\">{meta}</p>"
        ));
        if !row.draft {
            for c in &row.cells {
                out.push_str(&cell(&row.resource, c, l, row.post));
            }
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

fn cell(resource: &str, c: &Cell, l: Lang, post: bool) -> String {
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
    let path = esc(&url_path(resource));
    let locale = esc(&c.locale);
    let comments = if c.open_comments > 0 {
        format!(
            " · <a href=\"/review/{locale}/{path}?show=comments\"><strong>{}</strong><span class=\"sr-only\"> ({locale})</span></a>",
            esc(&l.t_args("open-comments", &[("n", c.open_comments.into())]))
        )
    } else {
        String::new()
    };
    let preview = if post {
        format!(
            " · <a href=\"/preview/{locale}/{path}\">{}<span class=\"sr-only\"> ({locale})</span></a>",
            esc(&l.t("preview"))
        )
    } else {
        String::new()
    };
    format!(
        "<p class=\"locale\"><a class=\"button\" href=\"/review/{locale}/{path}\">{review}</a> \
<progress max=\"{max}\" value=\"{value}\">{progress}</progress> <span>{progress}</span> · {status}{comments}{preview}</p>",
        review = esc(&l.t_args("review-in", &[("locale", c.locale.clone().into())])),
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
            open_comments: 0,
        };
        let html = cell("posts/a-b", &c, Lang::En, true);
        assert!(html.contains("href=\"/review/en/posts/a-b\""), "{html}");
        assert!(html.contains("href=\"/preview/en/posts/a-b\""), "{html}");
        assert!(html.contains("<progress max=\"5\" value=\"2\">"), "{html}");
        assert!(html.contains("3 to review"), "{html}");
    }

    fn row(resource: &str, date: Option<&str>, to_review: usize) -> Row {
        Row {
            resource: resource.into(),
            title: None,
            date: date.map(str::to_string),
            draft: false,
            post: date.is_some(),
            cells: vec![Cell {
                locale: "en".into(),
                approved: 0,
                messages: 3,
                to_review,
                finished: to_review == 0,
                open_comments: 0,
            }],
        }
    }

    #[test]
    fn what_needs_review_comes_first_newest_first() {
        let mut rows = vec![
            row("site", None, 2),
            row("posts/old-done", Some("2024-01-01"), 0),
            row("posts/old", Some("2024-06-01"), 1),
            row("posts/new", Some("2025-05-15"), 4),
            row("posts/new-done", Some("2025-06-01"), 0),
        ];
        sort(&mut rows);
        let order: Vec<&str> = rows.iter().map(|r| r.resource.as_str()).collect();
        assert_eq!(
            order,
            [
                "posts/new",
                "posts/old",
                "site",
                "posts/new-done",
                "posts/old-done"
            ]
        );
    }
}
