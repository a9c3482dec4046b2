//! A person's edit of one translation, as `relais serve` makes it: the
//! typed text becomes the message, is checked like `relais check` checks a
//! bundle, and only then replaces the message in the target `.ftl` (written
//! atomically). The review state's history notes who edited; the state
//! itself is recomputed from hashes as always (an edit of machine text is
//! `edited`, an edit of a stale message stays `stale` until approved).
//!
//! How text is typed: a post's message is Markdown, typed as it reads
//! (braces are text); a UI message is a Fluent pattern, typed as in the
//! `.ftl` file after `=`, without the indentation ([`editable`] gives that
//! text, [`parse_pattern`] reads it back).
//!
//! The caller holds the site's write lock (see `lock`), like every command
//! that writes.

use crate::base::clock;
use crate::base::config::Config;
use crate::base::error::Error;
use crate::base::store::Store;
use crate::check::{Field, Problem};
use crate::fluent::ftl::{self, Message, Resource};
use crate::fluent::pattern::Pattern;
use crate::fluent::text;
use crate::review::record;
use crate::review::state::State;
use crate::review::view::{self, Site};
use crate::source::kind::Syntax;
use crate::source::read::{self as source, Source, rel_path};
use unic_langid::LanguageIdentifier;

/// An edit as typed.
#[derive(Clone, Debug)]
pub struct Edit {
    /// The resource edited (`posts/<slug>`, `site`).
    pub resource: String,
    /// The target locale of the translation.
    pub locale: LanguageIdentifier,
    /// The message id.
    pub id: String,
    /// The value.
    pub value: String,
    /// Attribute name → text; attributes not given keep their text.
    pub attributes: Vec<(String, String)>,
    /// Who edits (noted in the history).
    pub editor: Option<String>,
    /// What the editor was opened on (the review page): when the message
    /// is no longer that, nothing is written ([`EditError::Changed`]).
    pub seen: Option<view::Seen>,
}

/// Why an edit was not written.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The site has no such resource to translate into that locale.
    #[error("{0}: no such resource")]
    NoResource(String),
    /// The resource has no message with that id.
    #[error("{resource}: no message `{id}`")]
    NoMessage {
        /// The resource looked in.
        resource: String,
        /// The id asked for.
        id: String,
    },
    /// The typed text is not a Fluent pattern (`value 1:7: …`).
    #[error("{}", lines(.0))]
    Syntax(Vec<Problem>),
    /// The text fails the checks of a translation.
    #[error("{}", lines(.0))]
    Problems(Vec<Problem>),
    /// The message changed since the editor was opened (a sync, another
    /// reviewer): nothing was written.
    #[error("{resource}: `{id}` changed since it was opened: nothing was written")]
    Changed {
        /// The resource edited.
        resource: String,
        /// The message id.
        id: String,
    },
    /// A file of the site could not be read or written.
    #[error(transparent)]
    Site(#[from] Error),
}

fn lines(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

/// What the edit did.
#[derive(Debug)]
pub struct Outcome {
    /// False when the text was already that.
    pub changed: bool,
    /// The state of the message now.
    pub state: State,
    /// Files written, relative to the site root.
    pub written: Vec<String>,
}

/// Applies an edit to the site of `cfg`.
pub fn run(cfg: &Config, edit: &Edit) -> Result<Outcome, EditError> {
    let mut site = Site::load(
        cfg,
        std::slice::from_ref(&edit.resource),
        std::slice::from_ref(&edit.locale),
    );
    let Some(index) = site
        .sources
        .iter()
        .position(|s| s.resource == edit.resource)
    else {
        return Err(first_error(&mut site).unwrap_or(EditError::NoResource(edit.resource.clone())));
    };
    let Some(view) = site.views.iter().find(|v| v.source == index) else {
        return Err(first_error(&mut site).unwrap_or(EditError::NoResource(edit.resource.clone())));
    };
    let src = &site.sources[index];
    let french = src.message(&edit.id).ok_or_else(|| EditError::NoMessage {
        resource: edit.resource.clone(),
        id: edit.id.clone(),
    })?;
    if let Some(seen) = &edit.seen {
        let now = view::entry(src, french, &view.target, &view.record).seen();
        if *seen != now {
            return Err(EditError::Changed {
                resource: edit.resource.clone(),
                id: edit.id.clone(),
            });
        }
    }
    let current = source::find(&view.target, &edit.id);
    let message = compose(src, french, current, edit)?;
    let glossary = crate::mt::glossary::Glossary::load(&cfg.root)?;
    let problems =
        crate::check::Checks::of(src, &edit.locale, &glossary).problems(french, &message);
    if !problems.is_empty() {
        return Err(EditError::Problems(problems));
    }
    let mut outcome = Outcome {
        changed: current != Some(&message),
        state: State::Missing,
        written: Vec::new(),
    };
    let mut target = view.target.clone();
    let mut record = view.record.clone();
    if outcome.changed {
        if target.comment.is_none() {
            target.comment = Some(source::target_comment(cfg, src, &edit.locale));
        }
        let text = text::message_text(&message);
        put(&mut target, src, message);
        let now = clock::now();
        record::edited(&mut record, french, edit.editor.as_deref(), &text, &now);
        let mut group = Store::new(cfg.state_dir()).group();
        group.write(&view.ftl_path, bundle_text(&target)?);
        group.write(&view.state_path, Store::text(&record));
        for path in group.commit()? {
            outcome.written.push(rel_path(cfg, &path));
        }
    }
    outcome.state = view::entry(src, french, &target, &record).state;
    Ok(outcome)
}

fn first_error(site: &mut Site) -> Option<EditError> {
    (!site.errors.is_empty()).then(|| EditError::Site(site.errors.remove(0)))
}

/// The message the edit makes: typed value and attributes, the French's
/// shape (an attribute not typed keeps its current text), the comment of
/// the current translation.
fn compose(
    src: &Source,
    french: &Message,
    current: Option<&Message>,
    edit: &Edit,
) -> Result<Message, EditError> {
    let mut errors = Vec::new();
    let mut read = |field: Field, text: &str| match parse_pattern(text, src.syntax, field) {
        Ok(p) => Some(p),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let value = french
        .value
        .as_ref()
        .and_then(|_| read(Field::Value, &edit.value));
    let mut attributes = Vec::new();
    for (name, _) in &french.attributes {
        let typed = edit.attributes.iter().find(|(n, _)| n == name);
        let kept = current.and_then(|c| c.attributes.iter().find(|(n, _)| n == name));
        let pattern = match (typed, kept) {
            (Some((_, text)), _) => read(Field::Attribute(name.clone()), text),
            (None, Some((_, p))) => Some(p.clone()),
            (None, None) => None,
        };
        attributes.extend(pattern.map(|p| (name.clone(), p)));
    }
    if !errors.is_empty() {
        return Err(EditError::Syntax(errors));
    }
    Ok(Message {
        id: french.id.clone(),
        comment: current.map_or(french.comment.clone(), |c| c.comment.clone()),
        group: current.map_or(french.group.clone(), |c| c.group.clone()),
        value,
        attributes,
    })
}

/// Replaces a message of a bundle in place, or inserts it where the
/// French order puts it.
pub fn put(target: &mut Resource, src: &Source, message: Message) {
    if let Some(m) = target.messages.iter_mut().find(|m| m.id == message.id) {
        *m = message;
        return;
    }
    let order = |id: &str| src.messages.iter().position(|m| m.id == id);
    let rank = order(&message.id);
    let at = target
        .messages
        .iter()
        .position(|m| match (order(&m.id), rank) {
            (Some(i), Some(r)) => i > r,
            _ => false,
        })
        .unwrap_or(target.messages.len());
    target.messages.insert(at, message);
}

/// A bundle's text, after making sure it reads back.
fn bundle_text(target: &Resource) -> Result<String, EditError> {
    let text = ftl::write(target);
    let (_, errors) = ftl::parse(&text);
    if let Some(e) = errors.first() {
        let found = Problem::Syntax {
            field: Field::Value,
            line: e.line,
            col: e.col,
            kind: e.kind,
            detail: e.message.clone(),
        };
        return Err(EditError::Syntax(vec![found]));
    }
    Ok(text)
}

/// The text a person edits for a pattern: a post's Markdown as it reads;
/// a UI pattern as Fluent source after `=`, without indentation.
pub fn editable(pattern: &Pattern, syntax: Syntax) -> String {
    if syntax == Syntax::Markdown
        && let Some(text) = pattern.as_plain_text()
    {
        return text;
    }
    let source = ftl::write_pattern(pattern);
    if let Some(line) = source.strip_prefix(' ') {
        return line.to_string();
    }
    let lines: Vec<&str> = source
        .trim_start_matches('\n')
        .split('\n')
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect();
    lines.join("\n")
}

/// Reads back what [`editable`] gives (as typed: CRLF, blank lines and
/// spaces around the text do not matter). An error gives the line and
/// column in the typed text, `field` says where it was typed.
pub fn parse_pattern(text: &str, syntax: Syntax, field: Field) -> Result<Pattern, Problem> {
    let text = text.replace("\r\n", "\n");
    let text = text.trim();
    if syntax == Syntax::Markdown {
        return Ok(Pattern::text(text));
    }
    if text.is_empty() {
        return Ok(Pattern::default());
    }
    let one_line = !text.contains('\n');
    let source = if one_line {
        format!("m = {text}\n")
    } else {
        let lines: Vec<String> = text
            .split('\n')
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("    {l}")
                }
            })
            .collect();
        format!("m =\n{}\n", lines.join("\n"))
    };
    let (res, errors) = ftl::parse(&source);
    if let Some(e) = errors.first() {
        let (line, col) = if one_line {
            (1, e.col.saturating_sub(4).max(1))
        } else {
            (
                e.line.saturating_sub(1).max(1),
                e.col.saturating_sub(4).max(1),
            )
        };
        return Err(Problem::Syntax {
            field,
            line,
            col,
            kind: e.kind,
            detail: e.message.clone(),
        });
    }
    match res.messages.as_slice() {
        [m] if m.id == "m" && m.attributes.is_empty() => Ok(m.value.clone().unwrap_or_default()),
        _ => Err(Problem::OnePattern(field)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_patterns_survive_the_round_trip_through_a_text_area() {
        let src = "\
a = Bonjour { $name } !
b =
    Deux
    lignes
c = { $n ->
        [one] un message
       *[other] { $n } messages
    }
d = {\"[\"}crochet] et {\"{\"}accolade
";
        let (res, errors) = ftl::parse(src);
        assert!(errors.is_empty(), "{errors:?}");
        for m in &res.messages {
            let p = m.value.clone().unwrap();
            let typed = editable(&p, Syntax::Plain);
            assert_eq!(
                parse_pattern(&typed, Syntax::Plain, Field::Value),
                Ok(p),
                "{typed}"
            );
            let crlf = format!("{}\r\n", typed.replace('\n', "\r\n"));
            assert!(
                parse_pattern(&crlf, Syntax::Plain, Field::Value).is_ok(),
                "{crlf:?}"
            );
        }
    }

    #[test]
    fn post_text_is_text_and_fluent_errors_give_the_typed_position() {
        let md = "*Important* : {{< figure >}} et [lien](/x)";
        let p = parse_pattern(md, Syntax::Markdown, Field::Value).unwrap();
        assert_eq!(editable(&p, Syntax::Markdown), md);
        assert_eq!(p.as_plain_text().as_deref(), Some(md));
        let err = parse_pattern("Hello { $name", Syntax::Plain, Field::Value).unwrap_err();
        assert!(err.to_string().starts_with("value 1:"), "{err}");
        assert!(
            matches!(
                err,
                Problem::Syntax {
                    kind: "unclosed-brace",
                    ..
                }
            ),
            "{err:?}"
        );
        let err = parse_pattern("ok\nHello { $name", Syntax::Plain, Field::Value).unwrap_err();
        assert!(err.to_string().starts_with("value 2:"), "{err}");
        assert!(parse_pattern("ok\n.attr = x", Syntax::Plain, Field::Value).is_err());
    }
}
