//! Comments on messages: a reviewer's doubt about a translation, a
//! question to the writer about the French. Kept in the review state of
//! the message's resource and locale (`comments`), with who and when; a
//! comment can be marked resolved. A comment changes no state, survives
//! `sync`, `mv` and changes of the French (it follows the message id).

use crate::base::clock;
use crate::base::config::Config;
use crate::base::error::{Error, Result};
use crate::base::store::Store;
use crate::review::record;
use crate::review::view::Site;
use crate::source::read::rel_path;
use unic_langid::LanguageIdentifier;

/// What to do.
#[derive(Clone, Debug)]
pub enum Action {
    /// Leave a comment.
    Add(String),
    /// Mark comment N (from 1) resolved.
    Resolve(usize),
}

/// A comment to leave or resolve.
#[derive(Clone, Debug)]
pub struct Request {
    /// The resource (`posts/<slug>`, `site`).
    pub resource: String,
    /// The target locale.
    pub locale: LanguageIdentifier,
    /// The message id.
    pub id: String,
    /// Who.
    pub by: String,
    /// Add or resolve.
    pub action: Action,
}

/// Leaves or resolves a comment; returns the files written. The caller
/// holds the site's write lock.
pub fn run(cfg: &Config, req: &Request) -> Result<Vec<String>> {
    let site = Site::load(
        cfg,
        std::slice::from_ref(&req.resource),
        std::slice::from_ref(&req.locale),
    );
    let view = site
        .views
        .iter()
        .find(|v| site.source(v).resource == req.resource)
        .ok_or_else(|| {
            site.errors
                .first()
                .map(|e| Error::Config(e.to_string()))
                .unwrap_or_else(|| Error::Config(format!("{}: no such resource", req.resource)))
        })?;
    if site.source(view).message(&req.id).is_none() {
        return Err(Error::Config(format!(
            "{}: no message `{}`",
            req.resource, req.id
        )));
    }
    let mut rec = view.record.clone();
    let now = clock::now();
    match &req.action {
        Action::Add(text) if text.trim().is_empty() => {
            return Err(Error::Config("a comment needs a text".into()));
        }
        Action::Add(text) => record::commented(&mut rec, &req.id, &req.by, text.trim(), &now),
        Action::Resolve(n) => {
            if !record::resolved(&mut rec, &req.id, *n, &req.by, &now) {
                return Err(Error::Config(format!(
                    "{} ({}) `{}`: no open comment {n}",
                    req.resource, req.locale, req.id
                )));
            }
        }
    }
    let mut group = Store::new(cfg.state_dir()).group();
    group.write(&view.state_path, Store::text(&rec));
    Ok(group.commit()?.iter().map(|p| rel_path(cfg, p)).collect())
}

/// A message with open comments, in one locale.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Thread {
    /// The resource (`posts/<slug>`).
    pub resource: String,
    /// The target locale the comments were left in.
    pub locale: String,
    /// The message id.
    pub id: String,
    /// The French of the message now, readable.
    pub source: String,
    /// Every comment of the message, numbered from 1 as `--resolve N`
    /// counts them (resolved ones included, for the conversation).
    pub comments: Vec<(usize, crate::review::state::Comment)>,
}

/// The messages of `resources` (every locale) with at least one open
/// comment, in source order: what a writer is asked about their posts.
pub fn open_on(cfg: &Config, resources: &[String]) -> Vec<Thread> {
    if resources.is_empty() {
        return Vec::new();
    }
    let site = Site::load(cfg, resources, &[]);
    let mut out = Vec::new();
    for view in &site.views {
        let src = site.source(view);
        for m in &src.messages {
            let Some(comments) = view.record.comments.get(&m.id) else {
                continue;
            };
            if comments.iter().all(|c| c.resolved.is_some()) {
                continue;
            }
            out.push(Thread {
                resource: src.resource.clone(),
                locale: view.locale.to_string(),
                id: m.id.clone(),
                source: crate::fluent::text::readable(&crate::fluent::text::message_text(m)),
                comments: comments
                    .iter()
                    .cloned()
                    .enumerate()
                    .map(|(i, c)| (i + 1, c))
                    .collect(),
            });
        }
    }
    out
}
