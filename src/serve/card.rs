//! One message on the review page: the French (or the diff of its change),
//! the machine text with unknown words marked, the text now with the
//! reviewer's changes highlighted, the state and post-edit distance, a
//! stale message's suggestion, problems, and the forms that act on it.

use super::html::{button_form, csrf_field, diff, esc, highlight};
use super::i18n::Lang;
use crate::review::diff::is_unchanged;
use crate::review::edit::editable;
use crate::review::report::Item;
use crate::review::state::State;
use crate::review::view::{Entry, Seen};
use crate::source::kind::Syntax;

/// An edit that was refused, shown again with what was typed.
#[derive(Clone, Debug)]
pub struct Refused {
    /// The message edited: its card shows the form open.
    pub id: String,
    /// The value as typed.
    pub value: String,
    /// Attribute name → text, as typed.
    pub attributes: Vec<(String, String)>,
    /// Why the edit was refused, shown above the fields.
    pub errors: Vec<String>,
}

/// What every card of a page shares.
pub struct Context<'a> {
    /// The language of the page's own words.
    pub lang: Lang,
    /// The session's CSRF token, carried by every form.
    pub csrf: &'a str,
    /// `/{locale}/{resource}`, the tail of every action URL.
    pub tail: &'a str,
    /// The target locale, as `lang` of the text areas (for spellchecking).
    pub locale: &'a str,
    /// How messages are typed: Markdown (posts) or Fluent patterns (UI).
    pub syntax: Syntax,
    /// The edit just refused on this page, if any.
    pub refused: Option<&'a Refused>,
    /// The page shows only what needs a reviewer: every form keeps it so.
    pub todo: bool,
}

/// The localised name of a state.
pub fn state_name(lang: Lang, state: State) -> String {
    lang.t(&format!("state-{}", state.name()))
}

/// One message.
pub fn render(cx: &Context, item: &Item, entry: &Entry) -> String {
    let l = cx.lang;
    let refused = cx.refused.filter(|r| r.id == item.id);
    let mut rows = vec![source_row(cx, item)];
    rows.extend(translation_rows(cx, item));
    rows.extend(note_rows(l, item));
    let dl: String = rows
        .iter()
        .map(|(label, html, class)| {
            format!("<dt>{}</dt><dd class=\"{class}\">{html}</dd>", esc(label))
        })
        .collect();
    format!(
        "<article id=\"m-{id}\" class=\"msg state-{state}\"><header><code>{id}</code> \
<span class=\"badge state-{state}\">{name}</span>{meta}</header><dl>{dl}</dl>\
<div class=\"actions\">{actions}</div>{edit}</article>",
        id = esc(&item.id),
        state = item.state.name(),
        name = esc(&state_name(l, item.state)),
        meta = meta(l, item),
        actions = actions(cx, item, &entry.seen()),
        edit = edit_form(cx, entry, refused),
    )
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

type Row = (String, String, &'static str);

fn source_row(cx: &Context, item: &Item) -> Row {
    match (&item.source_diff, item.source_change) {
        (Some(ops), Some(_)) => (cx.lang.t("label-source-changed"), diff(ops), "text"),
        _ => (cx.lang.t("label-source"), esc(&item.source), "text"),
    }
}

fn translation_rows(cx: &Context, item: &Item) -> Vec<Row> {
    let l = cx.lang;
    let mut out = Vec::new();
    if let Some(m) = &item.machine {
        out.push((l.t("label-machine"), highlight(m, &item.unknown), "text"));
    }
    match (&item.current, &item.diff) {
        (Some(_), Some(ops)) if !is_unchanged(ops) => {
            out.push((l.t("label-current"), diff(ops), "text"));
        }
        (Some(c), Some(_)) => out.push((l.t("label-current-same"), esc(c), "text same")),
        (Some(c), None) => out.push((l.t("label-current"), esc(c), "text")),
        (None, _) => out.push((l.t("label-current"), esc(&l.t("no-translation")), "empty")),
    }
    if let Some(s) = &item.suggestion {
        out.push((l.t("label-suggestion"), highlight(s, &item.unknown), "text"));
    }
    out
}

fn note_rows(l: Lang, item: &Item) -> Vec<Row> {
    let mut out = Vec::new();
    if !item.unknown.is_empty() {
        let words: Vec<String> = item
            .unknown
            .iter()
            .map(|w| format!("<mark>{}</mark>", esc(w)))
            .collect();
        out.push((l.t("label-unknown"), words.join(", "), ""));
    }
    if !item.reasons.is_empty() {
        let reasons: Vec<String> = item.reasons.iter().map(|r| esc(r)).collect();
        out.push((l.t("label-problems"), reasons.join("<br>"), "error"));
    }
    if let Some(a) = &item.last_approval {
        let day = a.at.get(..10).unwrap_or(&a.at);
        let text = l.t_args(
            "last-approval",
            &[
                ("name", a.reviewer.clone().into()),
                ("what", day.to_string().into()),
            ],
        );
        out.push((l.t("label-approval"), esc(&text), ""));
    }
    out
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
    if cx.todo {
        fields.push(("show", "todo"));
    }
    let button = |route: &str, label: &str| {
        button_form(
            &format!("/{route}{}", cx.tail),
            cx.csrf,
            &fields,
            &cx.lang.t(label),
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
/// refused).
fn edit_form(cx: &Context, entry: &Entry, refused: Option<&Refused>) -> String {
    let l = cx.lang;
    let id = &entry.message.id;
    let current = entry.current;
    let text_of = |p: Option<&crate::fluent::pattern::Pattern>| {
        p.map(|p| editable(p, cx.syntax)).unwrap_or_default()
    };
    let mut fields = String::new();
    if entry.message.value.is_some() {
        let typed = refused.map(|r| r.value.clone());
        let text = typed.unwrap_or_else(|| text_of(current.and_then(|c| c.value.as_ref())));
        fields.push_str(&area(
            &format!("v-{id}"),
            "value",
            &l.t("label-value"),
            &text,
            cx.locale,
        ));
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
        fields.push_str(&area(
            &format!("a-{name}-{id}"),
            &format!("attr.{name}"),
            &format!(".{name}"),
            &text,
            cx.locale,
        ));
    }
    let errors = refused.map(refusal).unwrap_or_default();
    let hint = match cx.syntax {
        Syntax::Markdown => l.t("edit-hint-markdown"),
        Syntax::Plain => l.t("edit-hint-fluent"),
    };
    let seen = entry.seen();
    // One form: the text areas (folded or not) and the buttons. A closed
    // editor's areas still hold the text shown, so "Approuver" approves
    // exactly that; an open one's buttons say they save (CSS swaps the
    // labels on `details[open]`, no script).
    let approve = match entry.state {
        _ if entry.current.is_none() => String::new(),
        State::Approved => String::new(),
        State::Invalid => format!(
            "<button class=\"primary when-open\" name=\"then\" value=\"approve\">{}</button>",
            esc(&l.t("save-and-approve"))
        ),
        _ => format!(
            "<button class=\"primary\" name=\"then\" value=\"approve\"><span class=\"when-closed\">{}</span><span class=\"when-open\">{}</span></button>",
            esc(&l.t("approve")),
            esc(&l.t("save-and-approve"))
        ),
    };
    format!(
        "<form method=\"post\" action=\"/edit{tail}\" class=\"edit\">{csrf}\
<input type=\"hidden\" name=\"id\" value=\"{id}\">\
<input type=\"hidden\" name=\"seen_source\" value=\"{seen_source}\">\
<input type=\"hidden\" name=\"seen\" value=\"{seen_text}\">{show}\
<details{open}><summary>{summary}</summary>{errors}{fields}<p class=\"hint\">{hint}</p></details>\
<div class=\"actions\">{approve}<button class=\"when-open\" name=\"then\" value=\"save\">{save}</button></div></form>",
        open = if refused.is_some() { " open" } else { "" },
        summary = esc(&l.t("edit")),
        tail = esc(cx.tail),
        csrf = csrf_field(cx.csrf),
        id = esc(id),
        seen_source = esc(&seen.source),
        seen_text = esc(&seen.translation),
        show = if cx.todo {
            "<input type=\"hidden\" name=\"show\" value=\"todo\">"
        } else {
            ""
        },
        hint = esc(&hint),
        save = esc(&l.t("save")),
    )
}

/// Why an edit was refused, where the eye is: above the fields.
fn refusal(r: &Refused) -> String {
    r.errors
        .iter()
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", esc(e)))
        .collect()
}

fn area(html_id: &str, name: &str, label: &str, text: &str, locale: &str) -> String {
    let rows = (text.chars().count() / 60 + text.matches('\n').count() + 2).clamp(2, 16);
    format!(
        "<label for=\"{hid}\">{label}</label><textarea id=\"{hid}\" name=\"{name}\" rows=\"{rows}\" lang=\"{locale}\" spellcheck=\"true\">{text}</textarea>",
        hid = esc(html_id),
        label = esc(label),
        name = esc(name),
        locale = esc(locale),
        text = esc(text),
    )
}
