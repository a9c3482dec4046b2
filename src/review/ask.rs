//! Second opinions: a `[suggest.<name>]` engine asked, at a person's
//! request and only then, to translate messages of one resource in one
//! locale (`relais review --suggest NAME`, the review page's *Demander à*
//! button). The answer is kept beside the message (`asked` in its record),
//! shown with its engine, and can be taken into an editor; the message's
//! text and state do not change.
//!
//! It goes the way `sync` goes, with the `[suggest]` table as the engine:
//! the same units and protection, the same translation cache (a sentence
//! already answered by that engine is never sent again), the table's
//! budgets checked and recorded before anything is sent, the same checks
//! of what comes back. A message whose French already has an answer from
//! that engine is not asked again.

use crate::base::clock;
use crate::base::config::Config;
use crate::base::digest;
use crate::base::error::{Error, Result};
use crate::base::store::Store;
use crate::fluent::text;
use crate::mt::engine::Docs;
use crate::mt::glossary::Glossary;
use crate::mt::terms::Terms;
use crate::mt::translate::{self, Work};
use crate::mt::units::{self, Units};
use crate::review::record;
use crate::review::state::Opinion;
use crate::review::view::Site;
use crate::source::read::rel_path;
use serde::Serialize;
use std::sync::Arc;
use unic_langid::LanguageIdentifier;

/// Messages to ask a `[suggest]` engine about.
#[derive(Clone, Debug)]
pub struct Request {
    /// The resource (`posts/<slug>`, `site`).
    pub resource: String,
    /// The target locale.
    pub locale: LanguageIdentifier,
    /// The message ids.
    pub ids: Vec<String>,
    /// The `[suggest.<name>]` table to ask.
    pub name: String,
    /// Who asks.
    pub by: String,
}

/// What asking did.
#[derive(Debug, Default, Serialize)]
pub struct Outcome {
    /// The resource asked about.
    pub resource: String,
    /// The target locale.
    pub locale: String,
    /// The `[suggest.<name>]` table asked.
    pub name: String,
    /// Messages that got an answer now.
    pub answered: Vec<String>,
    /// Messages that already had this engine's answer to their French:
    /// nothing was sent for them.
    pub known: Vec<String>,
    /// Messages whose answer could not be used, and why.
    pub refused: Vec<Refused>,
    /// Requests sent (retries included).
    pub requests: usize,
    /// Characters sent (what the engine bills).
    pub characters: usize,
    /// Files written, relative to the site root.
    pub written: Vec<String>,
}

/// An answer that could not be used.
#[derive(Debug, Serialize)]
pub struct Refused {
    /// The message id.
    pub id: String,
    /// Why: the checks' problems.
    pub problems: Vec<crate::check::Problem>,
    /// Why, when the answer could not be rebuilt (a placeable lost).
    pub reason: Option<String>,
}

/// The `[suggest]` engines' names, for messages.
pub fn names(cfg: &Config) -> Vec<&str> {
    cfg.suggest.keys().map(String::as_str).collect()
}

/// Asks engine `req.name` about `req.ids`, and records the answers. The
/// caller holds the site's write lock.
pub async fn run(cfg: &Config, req: &Request) -> Result<Outcome> {
    let Some(scfg) = cfg.suggesting(&req.name) else {
        let known = names(cfg);
        return Err(Error::Config(match known.is_empty() {
            true => format!(
                "no engine named `{}`: relais.toml has no [suggest.<name>] table",
                req.name
            ),
            false => format!(
                "no engine named `{}` in relais.toml's [suggest]: {}",
                req.name,
                known.join(", ")
            ),
        }));
    };
    let locale = &req.locale;
    let site = Site::load(
        cfg,
        std::slice::from_ref(&req.resource),
        std::slice::from_ref(locale),
    );
    let view = site
        .views
        .iter()
        .find(|v| site.source(v).resource == req.resource)
        .ok_or_else(|| match site.errors.first() {
            Some(e) => Error::Config(e.to_string()),
            None => Error::Config(format!("{}: no such resource", req.resource)),
        })?;
    let source = site.source(view);
    let mut out = Outcome {
        resource: req.resource.clone(),
        locale: locale.to_string(),
        name: req.name.clone(),
        ..Outcome::default()
    };
    let mut asking = Vec::new();
    for id in &req.ids {
        let Some(m) = source.message(id) else {
            return Err(Error::Config(format!(
                "{}: no message `{id}`",
                req.resource
            )));
        };
        let source_hash = digest::hash(&text::message_text(m));
        let answered = view.record.messages.get(id).is_some_and(|r| {
            r.asked
                .iter()
                .any(|a| a.name == req.name && a.text.source_hash == source_hash)
        });
        match answered {
            true => out.known.push(id.clone()),
            false => asking.push((m, source_hash)),
        }
    }
    if asking.is_empty() {
        return Ok(out);
    }
    let engine = scfg.engine_for(locale);
    crate::mt::engine::key::from_env(engine, &scfg.engine_table(locale)).map_err(Error::Config)?;
    let glossary = Glossary::load(&cfg.root).map_err(|e| Error::Config(e.to_string()))?;
    let terms = match engine.kind.has_glossaries() {
        true => Terms::default(),
        false => glossary.terms(locale),
    };
    let plurals = crate::fluent::refs::plural_categories(locale);
    let target = units::Target {
        syntax: source.syntax,
        ref_defs: &source.ref_defs,
        plurals: &plurals,
        terms: &terms,
    };
    let planned: Vec<Units> = asking.iter().map(|(m, _)| Units::plan(m, target)).collect();
    let mut texts: Vec<String> = Vec::new();
    for t in planned.iter().flat_map(Units::texts) {
        if !texts.iter().any(|s| s == t) {
            texts.push(t.to_string());
        }
    }
    let mut work = Work::new(&scfg, &glossary, locale.clone(), texts.clone());
    if engine.by_document() {
        work = work.in_documents(Docs {
            docs: vec![translate::document(source, texts.clone())],
            of: vec![0; texts.len()],
        });
    }
    let work = vec![work];
    let mut cache = translate::load_cache(&scfg, &work)?;
    let now = clock::now();
    let estimate = translate::estimate(&scfg, &cache, &work);
    crate::mt::budget::check_and_record(&scfg, &estimate, &now)?;
    let outcome = translate::run(&scfg, Arc::new(glossary.clone()), &mut cache, work, None).await;
    out.requests = outcome.requests;
    out.characters = outcome.characters;
    if let Some(e) = outcome.engine_error {
        return Err(Error::Config(format!("[suggest.{}]: {e}", req.name)));
    }
    let checks = crate::check::Checks::of(source, locale, &glossary);
    let mut rec = view.record.clone();
    for ((m, source_hash), units) in asking.iter().zip(&planned) {
        let restored = translate::restore(
            units,
            &m.id,
            None,
            locale,
            &outcome.answers,
            cfg.typography_for(locale),
        );
        let restored = match restored {
            Some(Ok(r)) => r,
            Some(Err(reason)) => {
                out.refused.push(Refused {
                    id: m.id.clone(),
                    problems: Vec::new(),
                    reason: Some(reason),
                });
                continue;
            }
            None => continue,
        };
        let problems = checks.problems(m, &restored.message);
        if !problems.is_empty() {
            out.refused.push(Refused {
                id: m.id.clone(),
                problems,
                reason: None,
            });
            continue;
        }
        let answer = Opinion {
            name: req.name.clone(),
            by: req.by.clone(),
            text: record::machine_text(&restored, source_hash),
        };
        record::asked(&mut rec, &m.id, answer, &now);
        out.answered.push(m.id.clone());
    }
    if !out.answered.is_empty() {
        let mut group = Store::new(cfg.state_dir()).group();
        group.write(&view.state_path, Store::text(&rec));
        out.written = group.commit()?.iter().map(|p| rel_path(cfg, p)).collect();
    }
    Ok(out)
}
