//! One message on the review page: the French (or the diff of its change),
//! the machine text with unknown words marked, the text now with the
//! reviewer's changes highlighted, the state and post-edit distance, a
//! stale message's suggestion, problems, and the forms that act on it.

use super::flash::{Notice, Refused};
use super::html::{button_form, csrf_field, diff, esc, highlight, rendered};
use super::i18n::Lang;
use crate::review::diff::is_unchanged;
use crate::review::edit::editable;
use crate::review::fuzzy::Match;
use crate::review::report::Item;
use crate::review::state::{Comment, State};
use crate::review::view::{Entry, Seen};
use crate::source::kind::Syntax;

/// What every card of a page shares.
pub struct Context<'a> {
    /// The language of the page's own words.
    pub lang: Lang,
    /// The session's CSRF token, carried by every form.
    pub csrf: &'a str,
    /// `/{locale}/{resource}`, the tail of every action URL.
    pub tail: &'a str,
    /// The source locale, as `lang` of the French.
    pub source_locale: &'a str,
    /// The target locale, as `lang` of translations and text areas.
    pub locale: &'a str,
    /// How messages are typed: Markdown (posts) or Fluent patterns (UI).
    pub syntax: Syntax,
    /// The edit just refused on this page, if any.
    pub refused: Option<&'a Refused>,
    /// What the last actions did, each shown in its message's card.
    pub notices: &'a [Notice],
    /// The message the page puts focus on (the last one acted on).
    pub focus: Option<&'a str>,
    /// Which messages the page lists: every link and form keeps it.
    pub show: super::show::Show,
    /// The `[suggest]` engines a reviewer may ask.
    pub suggest: &'a [String],
}

/// The localised name of a state.
pub fn state_name(lang: Lang, state: State) -> String {
    lang.t(&format!("state-{}", state.name()))
}

/// One message: a heading, its notices, the French beside the
/// translation (stacked on a phone), the edit form under the translation.
/// `matches`: the fuzzy memory's approved translations of similar French.
pub fn render(cx: &Context, item: &Item, entry: &Entry, matches: &[Match]) -> String {
    let l = cx.lang;
    let id = esc(&item.id);
    let refused = cx.refused.filter(|r| r.id == item.id);
    // One element of the page takes focus: a refused edit's text area,
    // else the heading of the message last acted on.
    let focus = refused.is_none() && cx.focus == Some(item.id.as_str());
    let notices: String = cx
        .notices
        .iter()
        .filter(|n| n.at.as_deref() == Some(item.id.as_str()))
        .map(|n| format!("<p class=\"notice\" role=\"status\">{}</p>", esc(&n.text)))
        .collect();
    let source = column(&[source_row(cx, item)]);
    let mut rows = translation_rows(cx, item);
    rows.extend(memory_rows(cx, item, matches));
    rows.extend(asked_rows(cx, item));
    rows.extend(note_rows(l, item));
    format!(
        "<article id=\"m-{id}\" class=\"msg state-{state}\"{todo} aria-labelledby=\"h-{id}\">\
<header><h2 id=\"h-{id}\" tabindex=\"-1\"{autofocus}><code>{id}</code></h2> \
<span class=\"badge state-{state}\">{name}</span>{meta}</header>{notices}\
<div class=\"pair\"><div class=\"side\">{source}</div><div class=\"side\">{target}{edit}\
<div class=\"actions\">{actions}</div>{comments}{history}</div></div></article>",
        comments = comments(cx, item),
        history = history(cx, entry),
        autofocus = if focus { " autofocus" } else { "" },
        // What the shortcuts Alt+↓ / Alt+↑ go through (`/static/relais.js`).
        todo = if crate::review::report::TO_REVIEW.contains(&item.state) {
            " data-todo"
        } else {
            ""
        },
        state = item.state.name(),
        name = esc(&state_name(l, item.state)),
        meta = meta(l, item),
        target = column(&rows),
        actions = actions(cx, item, &entry.seen()),
        edit = edit_form(cx, entry, refused),
    )
}

/// One comment: who, when, the text as typed; a badge when resolved,
/// else what `resolve` makes (the button that resolves it).
pub fn comment_item(l: Lang, c: &Comment, resolve: impl FnOnce() -> String) -> String {
    let when = c.at.get(..10).unwrap_or(&c.at);
    let state = match &c.resolved {
        Some(r) => format!(
            " <span class=\"badge\">{}</span>",
            esc(&l.t_args("comment-resolved", &[("name", r.by.clone().into())]))
        ),
        None => resolve(),
    };
    format!(
        "<li><p class=\"meta\">{by}, <time datetime=\"{at}\">{when}</time></p><p class=\"text\">{text}</p>{state}</li>",
        by = esc(&c.by),
        at = esc(&c.at),
        when = esc(when),
        text = esc(&c.text),
    )
}

/// People's comments, each with who and when, *Marquer comme résolu* on
/// the open ones, and a form to leave one.
fn comments(cx: &Context, item: &Item) -> String {
    let l = cx.lang;
    let show: Vec<(&str, &str)> = cx.show.field().into_iter().collect();
    let list: String = item
        .comments
        .iter()
        .enumerate()
        .map(|(i, c)| {
            comment_item(l, c, || {
                let n = (i + 1).to_string();
                let mut fields = vec![("id", item.id.as_str()), ("n", n.as_str())];
                fields.extend(show.iter().copied());
                button_form(
                    &format!("/resolve{}", cx.tail),
                    cx.csrf,
                    &fields,
                    &named(&l.t("comment-resolve"), &item.id),
                    "",
                )
            })
        })
        .collect();
    let open = item
        .comments
        .iter()
        .filter(|c| c.resolved.is_none())
        .count();
    let list = if list.is_empty() {
        String::new()
    } else {
        format!("<ol class=\"comments\">{list}</ol>")
    };
    let hid = format!("c-{}", item.id);
    format!(
        "<details class=\"comments\"{open_attr}><summary>{summary}<span class=\"sr-only\"> {id}</span></summary>{list}\
<form method=\"post\" action=\"/comment{tail}\" class=\"edit\">{csrf}<input type=\"hidden\" name=\"id\" value=\"{id}\">{show}\
<label for=\"{hid}\">{label}</label><textarea id=\"{hid}\" name=\"text\" rows=\"2\"></textarea>\
<div class=\"actions\"><button>{send}</button></div></form></details>",
        open_attr = if open > 0 { " open" } else { "" },
        summary = esc(&l.t_args(
            "comments-title",
            &[("n", open.into()), ("total", item.comments.len().into())]
        )),
        id = esc(&item.id),
        tail = esc(cx.tail),
        csrf = csrf_field(cx.csrf),
        show = cx.show.hidden(),
        hid = esc(&hid),
        label = esc(&l.t("comment-label")),
        send = esc(&l.t("comment-send")),
    )
}

/// What happened to the message, newest first, folded: each event with
/// who and when, its text, and how the text now differs from it.
fn history(cx: &Context, entry: &Entry) -> String {
    let l = cx.lang;
    let events = crate::review::report::history(entry);
    if events.is_empty() {
        return String::new();
    }
    let items: String = events
        .iter()
        .map(|e| {
            let day = e.at.get(..10).unwrap_or(&e.at);
            let what = l.t(&format!("history-{}", e.event));
            let who = e.by.as_deref().map_or(String::new(), |b| {
                format!(" — {}", esc(&l.t_args("history-by", &[("name", b.to_string().into())])))
            });
            let lang = if e.event == "source" { cx.source_locale } else { cx.locale };
            let now = e.diff.as_ref().map_or(String::new(), |ops| {
                format!(
                    "<p class=\"text\"><span class=\"hint\">{}</span> <span lang=\"{}\">{}</span></p>",
                    esc(&l.t("history-now")),
                    esc(cx.locale),
                    diff(l, ops)
                )
            });
            format!(
                "<li><p><time datetime=\"{at}\">{day}</time> <strong>{what}</strong>{who}</p>\
<p class=\"text\" lang=\"{lang}\">{text}</p>{now}</li>",
                at = esc(&e.at),
                day = esc(day),
                what = esc(&what),
                lang = esc(lang),
                text = esc(&e.text),
            )
        })
        .collect();
    format!(
        "<details class=\"history\"><summary>{}<span class=\"sr-only\"> {}</span></summary><ol>{items}</ol></details>",
        esc(&l.t_args("history-title", &[("n", events.len().into())])),
        esc(entry.id())
    )
}

/// Rows as a list of labels and texts.
fn column(rows: &[Row]) -> String {
    let rows: String = rows
        .iter()
        .map(|r| {
            let lang = r
                .lang
                .map_or(String::new(), |l| format!(" lang=\"{}\"", esc(l)));
            format!(
                "<dt>{}</dt><dd class=\"{}\"{lang}>{}</dd>",
                esc(&r.label),
                r.class,
                r.html
            )
        })
        .collect();
    format!("<dl>{rows}</dl>")
}

/// Engine and post-edit distance.
fn meta(l: Lang, item: &Item) -> String {
    let mut parts = Vec::new();
    if let Some(engine) = &item.engine {
        parts.push(esc(engine));
    }
    if let (Some(m), Some(c)) = (&item.machine, &item.current) {
        let d = crate::review::distance::word_distance(m, c);
        let percent = (d.rate() * 100.0).round() as i64;
        parts.push(esc(&l.t_args("distance", &[("percent", percent.into())])));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" <span class=\"meta\">{}</span>", parts.join(" · "))
    }
}

/// A label, the text under it (HTML), its class and its language (`None`:
/// the page's).
struct Row<'a> {
    label: String,
    html: String,
    class: &'static str,
    lang: Option<&'a str>,
}

impl<'a> Row<'a> {
    fn text(label: String, html: String, class: &'static str, lang: &'a str) -> Self {
        Row {
            label,
            html,
            class,
            lang: Some(lang),
        }
    }

    fn note(label: String, html: String, class: &'static str) -> Self {
        Row {
            label,
            html,
            class,
            lang: None,
        }
    }
}

/// A message's text as it reads: a post's Markdown rendered (links,
/// emphasis, images named), a UI string as typed; `marked` words marked.
fn shown(cx: &Context, text: &str, marked: &[String]) -> (String, &'static str) {
    match cx.syntax {
        Syntax::Markdown => (rendered(text, marked), "rendered"),
        Syntax::Plain => (highlight(text, marked), "text"),
    }
}

fn source_row<'a>(cx: &Context<'a>, item: &Item) -> Row<'a> {
    let l = cx.lang;
    match (&item.source_diff, item.source_change) {
        (Some(ops), Some(_)) => Row::text(
            l.t("label-source-changed"),
            diff(l, ops),
            "text",
            cx.source_locale,
        ),
        _ => {
            let (html, class) = shown(cx, &item.source, &[]);
            Row::text(l.t("label-source"), html, class, cx.source_locale)
        }
    }
}

/// The unknown words that still apply: those still in the text shown.
fn still_unknown(item: &Item) -> Vec<String> {
    let texts = [item.current.as_deref(), item.suggestion.as_deref()];
    item.unknown
        .iter()
        .filter(|w| {
            texts
                .iter()
                .flatten()
                .any(|t| crate::review::distance::tokens(t).contains(&w.as_str()))
        })
        .cloned()
        .collect()
}

/// The translation now: the machine text when nobody changed it; else
/// the text now and what the person changed in it (a word diff that
/// marks insertions and deletions by more than colour).
fn translation_rows<'a>(cx: &Context<'a>, item: &Item) -> Vec<Row<'a>> {
    let l = cx.lang;
    let unknown = still_unknown(item);
    let mut out = Vec::new();
    match (&item.current, &item.diff) {
        (Some(c), Some(ops)) if !is_unchanged(ops) => {
            let (html, class) = shown(cx, c, &unknown);
            out.push(Row::text(l.t("label-current"), html, class, cx.locale));
            out.push(Row::text(
                l.t("label-changes"),
                diff(l, ops),
                "text",
                cx.locale,
            ));
        }
        (Some(c), Some(_)) => {
            let (html, class) = shown(cx, c, &unknown);
            out.push(Row::text(l.t("label-machine"), html, class, cx.locale));
        }
        (Some(c), None) => {
            let (html, class) = shown(cx, c, &unknown);
            out.push(Row::text(l.t("label-current"), html, class, cx.locale));
        }
        (None, _) => out.push(Row::note(
            l.t("label-current"),
            esc(&l.t("no-translation")),
            "empty",
        )),
    }
    if let Some(s) = &item.suggestion {
        let (html, class) = shown(cx, s, &unknown);
        out.push(Row::text(l.t("label-suggestion"), html, class, cx.locale));
    }
    if !unknown.is_empty() {
        let words: Vec<String> = unknown
            .iter()
            .map(|w| format!("<mark lang=\"{}\">{}</mark>", esc(cx.locale), esc(w)))
            .collect();
        out.push(Row::note(l.t("label-unknown"), words.join(", "), ""));
    }
    out
}

/// The fuzzy memory's matches: how similar, where from, what changed in
/// the French, the approved text, and *Utiliser* (into the editor).
fn memory_rows<'a>(cx: &Context<'a>, item: &Item, matches: &[Match]) -> Vec<Row<'a>> {
    let l = cx.lang;
    let filter = esc(&cx.show.query('&'));
    let found: String = matches
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let from = l.t_args(
                "memory-from",
                &[
                    ("percent", m.score.into()),
                    ("name", format!("{} {}", m.resource, m.id).into()),
                    ("what", m.reviewer.clone().into()),
                ],
            );
            format!(
                "<div class=\"match\"><p class=\"meta\">{from}</p>\
<p class=\"text\" lang=\"{src}\">{diff}</p><p class=\"text\" lang=\"{locale}\">{text}</p>\
<a class=\"button\" data-use=\"{n}\" href=\"/review{tail}?use={n}&amp;at={id}{filter}\">{label}</a></div>",
                from = esc(&from),
                src = esc(cx.source_locale),
                diff = diff(l, &m.source_diff),
                locale = esc(cx.locale),
                text = esc(&m.translation),
                tail = esc(cx.tail),
                n = n + 1,
                id = esc(&super::html::url_path(&item.id)),
                label = named(&l.t("memory-use"), &item.id),
            )
        })
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    vec![Row::note(l.t("label-memory"), found, "")]
}

/// What `[suggest]` engines answered (each with *Utiliser*, into the
/// editor), and a *Demander à* button for each engine not asked yet about
/// this French, on messages that need a reviewer. Nothing is asked unless
/// a person presses it.
fn asked_rows<'a>(cx: &Context<'a>, item: &Item) -> Vec<Row<'a>> {
    let l = cx.lang;
    let filter = esc(&cx.show.query('&'));
    let id = esc(&super::html::url_path(&item.id));
    let mut html: String = item
        .asked
        .iter()
        .map(|a| {
            let from = l.t_args(
                "asked-from",
                &[
                    ("name", a.name.clone().into()),
                    ("what", a.engine.clone().into()),
                    ("detail", a.by.clone().into()),
                ],
            );
            let changes = a
                .diff
                .as_ref()
                .filter(|ops| !is_unchanged(ops))
                .map(|ops| {
                    format!(
                        "<p class=\"text diff\" lang=\"{}\">{}</p>",
                        esc(cx.locale),
                        diff(l, ops)
                    )
                })
                .unwrap_or_default();
            format!(
                "<div class=\"match\"><p class=\"meta\">{from}</p>\
<p class=\"text\" lang=\"{locale}\">{text}</p>{changes}\
<a class=\"button\" href=\"/review{tail}?take={name}&amp;at={id}{filter}\">{label}</a></div>",
                from = esc(&from),
                locale = esc(cx.locale),
                text = esc(&a.text),
                tail = esc(cx.tail),
                name = esc(&super::html::url_path(&a.name)),
                label = named(&l.t("asked-use"), &item.id),
            )
        })
        .collect();
    if crate::review::report::TO_REVIEW.contains(&item.state) {
        let mut fields = vec![("id", item.id.as_str())];
        fields.extend(cx.show.field());
        for name in cx
            .suggest
            .iter()
            .filter(|n| !item.asked.iter().any(|a| &a.name == *n))
        {
            let mut fields = fields.clone();
            fields.push(("engine", name.as_str()));
            let label = l.t_args("asked-ask", &[("name", name.clone().into())]);
            html.push_str(&button_form(
                &format!("/suggest{}", cx.tail),
                cx.csrf,
                &fields,
                &named(&label, &item.id),
                "",
            ));
        }
    }
    if html.is_empty() {
        return Vec::new();
    }
    vec![Row::note(l.t("label-asked"), html, "")]
}

/// Problems, and the approval while it holds.
fn note_rows<'a>(l: Lang, item: &Item) -> Vec<Row<'a>> {
    let mut out = Vec::new();
    if !item.reasons.is_empty() {
        let reasons: Vec<String> = item.reasons.iter().map(|r| esc(&l.problem(r))).collect();
        out.push(Row::note(
            l.t("label-problems"),
            reasons.join("<br>"),
            "error",
        ));
    }
    if let Some(a) = item
        .last_approval
        .as_ref()
        .filter(|_| item.state == State::Approved)
    {
        let day = a.at.get(..10).unwrap_or(&a.at);
        let text = l.t_args(
            "last-approval",
            &[
                ("name", a.reviewer.clone().into()),
                ("what", day.to_string().into()),
            ],
        );
        out.push(Row::note(l.t("label-approval"), esc(&text), ""));
    }
    out
}

/// A button's label, and the message it acts on for screen readers (23
/// "Approuver" buttons must not sound alike).
pub fn named(label: &str, id: &str) -> String {
    format!("{}<span class=\"sr-only\"> {}</span>", esc(label), esc(id))
}

/// Withdraw the approval (an approved message) and take the suggestion (a
/// stale message that has one), each for the text shown. Approving is a
/// button of the edit form ([`edit_form`]), so that it always approves what
/// is in the editor.
fn actions(cx: &Context, item: &Item, seen: &Seen) -> String {
    let mut fields = vec![
        ("id", item.id.as_str()),
        ("seen_source", seen.source.as_str()),
        ("seen", seen.translation.as_str()),
    ];
    fields.extend(cx.show.field());
    let button = |route: &str, label: &str| {
        button_form(
            &format!("/{route}{}", cx.tail),
            cx.csrf,
            &fields,
            &named(&cx.lang.t(label), &item.id),
            "",
        )
    };
    let mut out = String::new();
    if item.state == State::Approved {
        out.push_str(&button("unapprove", "unapprove"));
    }
    if item.suggestion.is_some() {
        out.push_str(&button("accept", "accept-suggestion"));
    }
    out
}

/// The edit form: one text area for the value, one per attribute, with the
/// text now (or, after a refused edit, what was typed and why it was
/// refused, the first area focused).
fn edit_form(cx: &Context, entry: &Entry, refused: Option<&Refused>) -> String {
    let l = cx.lang;
    let id = &entry.message.id;
    let current = entry.current;
    let text_of = |p: Option<&crate::fluent::pattern::Pattern>| {
        p.map(|p| editable(p, cx.syntax)).unwrap_or_default()
    };
    // An editor filled from the memory is open, not refused.
    let invalid = refused
        .filter(|r| !r.errors.is_empty())
        .map(|_| format!("err-{id}"));
    let mut areas: Vec<(String, String, String, String)> = Vec::new();
    if entry.message.value.is_some() {
        let typed = refused.map(|r| r.value.clone());
        let text = typed.unwrap_or_else(|| text_of(current.and_then(|c| c.value.as_ref())));
        areas.push((format!("v-{id}"), "value".into(), l.t("label-value"), text));
    }
    for (name, _) in &entry.message.attributes {
        let typed = refused.and_then(|r| {
            r.attributes
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| t.clone())
        });
        let now =
            current.and_then(|c| c.attributes.iter().find(|(n, _)| n == name).map(|(_, p)| p));
        let text = typed.unwrap_or_else(|| text_of(now));
        areas.push((
            format!("a-{name}-{id}"),
            format!("attr.{name}"),
            format!(".{name}"),
            text,
        ));
    }
    let fields: String = areas
        .iter()
        .enumerate()
        .map(|(i, (hid, name, label, text))| {
            let area = Area {
                html_id: hid,
                name,
                label,
                text,
                locale: cx.locale,
                invalid: invalid.as_deref(),
                focus: i == 0 && refused.is_some(),
            };
            area.render()
        })
        .collect();
    let errors = refused
        .filter(|r| !r.errors.is_empty())
        .map(|r| refusal(r, id))
        .unwrap_or_default();
    let hint = match cx.syntax {
        Syntax::Markdown => l.t("edit-hint-markdown"),
        Syntax::Plain => l.t("edit-hint-fluent"),
    };
    let seen = entry.seen();
    // One form: the text areas (folded or not) and the buttons. A closed
    // editor's areas still hold the text shown, so "Approuver" approves
    // exactly that; an open one's buttons say they save (CSS swaps the
    // labels on `details[open]`, no script).
    let button = |class: &str, then: &str, closed: Option<&str>, open: &str| {
        let label = match closed {
            Some(closed) => format!(
                "<span class=\"when-closed\">{}</span><span class=\"when-open\">{}</span>",
                esc(&l.t(closed)),
                esc(&l.t(open))
            ),
            None => esc(&l.t(open)),
        };
        format!(
            "<button class=\"{class}\" name=\"then\" value=\"{then}\">{label}<span class=\"sr-only\"> {}</span></button>",
            esc(id)
        )
    };
    let approvable = entry.current.is_some() && entry.state != State::Approved;
    let mut buttons = String::new();
    if approvable && entry.state == State::Invalid {
        buttons.push_str(&button(
            "primary when-open",
            "approve",
            None,
            "save-and-approve",
        ));
    } else if approvable {
        buttons.push_str(&button(
            "primary",
            "approve",
            Some("approve"),
            "save-and-approve",
        ));
        buttons.push_str(&button(
            "",
            "next",
            Some("approve-next"),
            "save-approve-next",
        ));
    }
    buttons.push_str(&button("when-open", "save", None, "save"));
    format!(
        "<form method=\"post\" action=\"/edit{tail}\" class=\"edit\">{csrf}\
<input type=\"hidden\" name=\"id\" value=\"{id}\">\
<input type=\"hidden\" name=\"seen_source\" value=\"{seen_source}\">\
<input type=\"hidden\" name=\"seen\" value=\"{seen_text}\">{show}\
<details{open}><summary>{summary}<span class=\"sr-only\"> {id}</span></summary>{errors}{fields}<p class=\"hint\">{hint}</p></details>\
<div class=\"actions\">{buttons}</div></form>",
        open = if refused.is_some() { " open" } else { "" },
        summary = esc(&l.t("edit")),
        tail = esc(cx.tail),
        csrf = csrf_field(cx.csrf),
        id = esc(id),
        seen_source = esc(&seen.source),
        seen_text = esc(&seen.translation),
        show = cx.show.hidden(),
        hint = esc(&hint),
    )
}

/// Why an edit was refused, where the eye is: above the fields, which
/// point to it (`aria-describedby`).
fn refusal(r: &Refused, id: &str) -> String {
    let items: String = r
        .errors
        .iter()
        .map(|e| format!("<li>{}</li>", esc(e)))
        .collect();
    format!(
        "<div class=\"error\" id=\"err-{}\"><ul>{items}</ul></div>",
        esc(id)
    )
}

/// One text area of the edit form.
struct Area<'a> {
    html_id: &'a str,
    name: &'a str,
    label: &'a str,
    text: &'a str,
    locale: &'a str,
    /// The id of the refusal that explains why the text is invalid.
    invalid: Option<&'a str>,
    focus: bool,
}

impl Area<'_> {
    fn render(&self) -> String {
        let text = self.text;
        let rows = (text.chars().count() / 60 + text.matches('\n').count() + 2).clamp(2, 16);
        let invalid = self.invalid.map_or(String::new(), |e| {
            format!(" aria-invalid=\"true\" aria-describedby=\"{}\"", esc(e))
        });
        format!(
            "<label for=\"{hid}\">{label}</label><textarea id=\"{hid}\" name=\"{name}\" rows=\"{rows}\" lang=\"{locale}\" spellcheck=\"true\"{invalid}{focus}>{text}</textarea>",
            hid = esc(self.html_id),
            label = esc(self.label),
            name = esc(self.name),
            locale = esc(self.locale),
            focus = if self.focus { " autofocus" } else { "" },
            text = esc(text),
        )
    }
}
