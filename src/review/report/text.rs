//! The review report for a terminal: one block per resource and locale, one
//! entry per message, labelled lines, then a summary line per locale and
//! the commands that act on what was shown.
//!
//! Plain text (no colour) says everything the coloured text says: diffs
//! carry `[-…-]{+…+}` markers, states and hints are words.

use super::{Item, Review, Summary};
use crate::review::diff::{self, Change};
use crate::review::paint::{self, Paint};
use crate::review::state::State;

/// Width of the label column (the longest label and a space).
const LABEL: usize = 12;

/// The whole report.
pub fn render(review: &Review, paint: Paint) -> String {
    let mut out = String::new();
    let mut group: Option<(&str, &str)> = None;
    for item in &review.items {
        let key = (item.resource.as_str(), item.locale.as_str());
        if group != Some(key) {
            if group.is_some() {
                out.push('\n');
            }
            let header = format!("{} ({})", item.resource, item.locale);
            out.push_str(&paint.style(paint::HEADER, &header));
            out.push('\n');
            group = Some(key);
        }
        out.push_str(&render_item(item, &review.source_locale, paint));
    }
    if review.items.is_empty() {
        out.push_str("nothing to review\n");
    }
    if !review.summary.is_empty() {
        out.push('\n');
    }
    for s in &review.summary {
        out.push_str(&summary_line(s));
        out.push('\n');
    }
    out
}

/// One message: a title line, then labelled texts.
pub fn render_item(item: &Item, source_locale: &str, paint: Paint) -> String {
    let mut fields = vec![source_field(item, source_locale, paint)];
    fields.extend(translation_fields(item, paint));
    fields.extend(note_fields(item, paint));
    fields.extend(item.similar.iter().map(|m| {
        (
            "memory".to_string(),
            format!(
                "{} % {} {} ({}): {}\n{}",
                m.score,
                m.resource,
                m.id,
                m.reviewer,
                m.translation,
                paint.diff(&m.source_diff)
            ),
        )
    }));
    fields.extend(item.asked.iter().map(|a| {
        let text = match &a.diff {
            Some(ops) => format!("{}\n{}", a.text, paint.diff(ops)),
            None => a.text.clone(),
        };
        (a.name.clone(), format!("{} ({}): {text}", a.engine, a.by))
    }));
    fields.extend(item.comments.iter().map(|c| {
        let resolved = c
            .resolved
            .as_ref()
            .map_or(String::new(), |r| format!(" (resolved by {})", r.by));
        (
            "comment".to_string(),
            format!(
                "{}, {}: {}{resolved}",
                c.by,
                c.at.get(..10).unwrap_or(&c.at),
                c.text
            ),
        )
    }));
    fields.extend(history_fields(item, paint));
    let mut out = title(item, paint);
    for (label, text) in fields {
        out.push('\n');
        out.push_str(&labelled(&label, &text, paint));
    }
    out + "\n"
}

/// `  id  state  engine  last approved by …`.
fn title(item: &Item, paint: Paint) -> String {
    let state = paint.style(state_style(item.state), item.state.name());
    let mut title = format!("  {}  {state}", item.id);
    if let Some(engine) = &item.engine {
        title.push_str(&paint.style(paint::LABEL, &format!("  {engine}")));
    }
    if let Some(a) = &item.last_approval {
        let note = format!("  last approved by {} on {}", a.reviewer, day(&a.at));
        title.push_str(&paint.style(paint::LABEL, &note));
    }
    title
}

/// The French now, or the diff of its change.
fn source_field(item: &Item, source_locale: &str, paint: Paint) -> (String, String) {
    match (&item.source_diff, item.source_change) {
        (Some(ops), Some(change)) => {
            let what = match change {
                Change::Typo => "typo fix",
                Change::Edit => "changed",
            };
            (format!("{source_locale} {what}"), paint.diff(ops))
        }
        _ => (source_locale.to_string(), item.source.clone()),
    }
}

/// Machine text, text now and its diff (when they differ), suggestion.
fn translation_fields(item: &Item, paint: Paint) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(m) = &item.machine {
        out.push(("machine".into(), paint.highlight(m, &item.unknown)));
    }
    let edits = item.diff.as_ref().filter(|ops| !diff::is_unchanged(ops));
    if let Some(current) = &item.current
        && (edits.is_some() || item.machine.is_none())
    {
        out.push(("now".into(), current.clone()));
    }
    if let Some(ops) = edits {
        out.push(("edits".into(), paint.diff(ops)));
    }
    if let Some(s) = &item.suggestion {
        out.push(("suggestion".into(), paint.highlight(s, &item.unknown)));
    }
    if let Some(ops) = item
        .suggestion_diff
        .as_ref()
        .filter(|ops| !diff::is_unchanged(ops))
    {
        out.push(("mt change".into(), paint.diff(ops)));
    }
    out
}

/// `--history`: each event, newest first: when, what, who, its text, and
/// how the text now differs from it.
fn history_fields(item: &Item, paint: Paint) -> Vec<(String, String)> {
    item.history
        .iter()
        .map(|e| {
            let who =
                e.by.as_deref()
                    .map_or(String::new(), |b| format!(" by {b}"));
            let mut text = format!(
                "{}{who}, {}: {}",
                e.event,
                e.at.get(..16).unwrap_or(&e.at).replace('T', " "),
                e.text
            );
            if let Some(ops) = &e.diff {
                text.push_str(&format!("\n→ now: {}", paint.diff(ops)));
            }
            ("history".to_string(), text)
        })
        .collect()
}

/// Unknown words, problems, what to do next.
fn note_fields(item: &Item, paint: Paint) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if !item.unknown.is_empty() {
        out.push(("unknown".into(), item.unknown.join(", ")));
    }
    for r in &item.reasons {
        out.push(("problem".into(), paint.style(paint::ERROR, &r.to_string())));
    }
    if let Some(h) = hint(item) {
        out.push(("next".into(), paint.style(paint::NOTE, &h)));
    }
    out
}

/// `label` in its column, then the text; later lines of the text indented
/// to the text column.
fn labelled(label: &str, text: &str, paint: Paint) -> String {
    let pad = " ".repeat(LABEL.saturating_sub(label.chars().count()));
    let indent = format!("\n{}", " ".repeat(4 + LABEL));
    format!(
        "    {}{pad}{}",
        paint.style(paint::LABEL, label),
        text.replace('\n', &indent)
    )
}

fn state_style(state: State) -> anstyle::Style {
    match state {
        State::Invalid => paint::ERROR,
        State::Stale => paint::WARN,
        State::Approved => paint::INSERTED,
        _ => paint::NOTE,
    }
}

/// What to do next, when it is not obvious.
fn hint(item: &Item) -> Option<String> {
    let target = format!(
        "{} --locale {} --message {}",
        item.resource, item.locale, item.id
    );
    match item.state {
        State::Stale if item.source_change == Some(Change::Typo) => Some(format!(
            "the French only got a typo fix; if the translation still holds: relais approve {target}"
        )),
        State::Stale if item.suggestion.is_some() => Some(format!(
            "edit the text and approve it, or take the suggestion: relais accept-suggestion {target}"
        )),
        State::Stale => Some(
            "edit the text and approve it (relais sync stores a new machine suggestion)".into(),
        ),
        State::Machine if item.source_change == Some(Change::Typo) => Some(format!(
            "the French only got a typo fix and was translated again; if it reads right: relais approve {target}"
        )),
        State::Machine if item.source_change.is_some() => Some(
            "the French changed since the last approval and was translated again: check the new machine text".into(),
        ),
        State::Invalid if item.current.is_none() => {
            Some("translate it by hand in the .ftl file, or change the French".into())
        }
        State::Invalid => Some("fix the translation in the .ftl file".into()),
        _ => None,
    }
}

/// `en: 12 to review (8 machine, 2 edited, 1 stale, 1 invalid); 30 of 45
/// approved; 1 of 3 resources finished`.
pub fn summary_line(s: &Summary) -> String {
    let parts: Vec<String> = super::TO_REVIEW
        .iter()
        .map(|st| format!("{} {}", s.counts[st.name()], st.name()))
        .collect();
    let mut line = format!(
        "{}: {} to review ({}); {} of {} approved; {} of {} resources finished",
        s.locale,
        s.to_review,
        parts.join(", "),
        s.counts[State::Approved.name()],
        s.messages,
        s.finished,
        s.resources
    );
    let missing = s.counts[State::Missing.name()];
    if missing > 0 {
        line.push_str(&format!("; {missing} missing"));
    }
    line
}

/// The day of an RFC 3339 time.
fn day(at: &str) -> &str {
    at.get(..10).unwrap_or(at)
}
