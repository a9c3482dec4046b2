//! Building one resource of the export: the French bundle and post as
//! they are, and per target locale the approved messages only (with the
//! terms they use) and the post when every message of it is approved.
//!
//! Reads sources, bundles and review records; never writes any of them.

use super::verify::{verify_bundle, verify_post};
use super::{Completeness, PostEntry, Report, ResourceEntry, Texts};
use crate::base::config::Config;
use crate::base::store::Store;
use crate::fluent::ftl::{self, Message, Resource};
use crate::review::state::{State, TargetRecord};
use crate::review::status::message_states;
use crate::source::assets;
use crate::source::read::{self as source, Source};
use std::collections::{BTreeMap, BTreeSet};
use unic_langid::LanguageIdentifier;

/// What one resource adds to the manifest.
pub(super) enum Entry {
    Post(PostEntry),
    Ui(ResourceEntry),
}

/// One resource in every locale: the French bundle (and post), then per
/// target locale the approved bundle and, when finished, the post.
pub(super) fn export_resource(
    cfg: &Config,
    store: &Store,
    src: &Source,
    files: &mut Texts,
    report: &mut Report,
) -> Result<Entry, Vec<String>> {
    let fr = cfg.source.to_string();
    files.insert(
        bundle_file(&fr, &src.resource),
        source_bundle(cfg, src).map_err(|e| vec![e.to_string()])?,
    );
    let mut post_entry = src.post.as_ref().map(|p| new_post_entry(&fr, &p.post));
    if let (Some(entry), Some(p)) = (&mut post_entry, &src.post) {
        let path = format!("{fr}/posts/{}.md", p.post.slug);
        files.insert(path.clone(), french_post(&p.post, &fr));
        entry.files.insert(fr.clone(), path);
        entry.bundle = assets::of(cfg, &p.post).map_err(|e| vec![e.to_string()])?;
    }
    let mut completeness = BTreeMap::new();
    for locale in &cfg.targets {
        let c = export_locale(cfg, store, src, locale, &mut post_entry, files, report)?;
        completeness.insert(locale.to_string(), c);
    }
    Ok(match post_entry {
        Some(mut p) => {
            p.completeness = completeness;
            Entry::Post(p)
        }
        None => Entry::Ui(ResourceEntry {
            resource: src.resource.clone(),
            completeness,
        }),
    })
}

/// One resource in one target locale: its approved bundle, verified, and
/// its post when every message is approved. Returns how complete it is.
fn export_locale(
    cfg: &Config,
    store: &Store,
    src: &Source,
    locale: &LanguageIdentifier,
    post_entry: &mut Option<PostEntry>,
    files: &mut Texts,
    report: &mut Report,
) -> Result<Completeness, Vec<String>> {
    let target = source::read_target(cfg, &src.resource, locale)
        .map_err(|e| crate::base::error::messages(&e))?;
    let record: TargetRecord = store
        .load(&store.path(&locale.to_string(), &src.resource))
        .map_err(|e| vec![e.to_string()])?;
    let states = message_states(src, &target, &record);
    let approved: BTreeSet<&str> = states
        .iter()
        .filter(|(_, s)| *s == State::Approved)
        .map(|(id, _)| id.as_str())
        .collect();
    let bundle = approved_bundle(cfg, src, locale, &target, &approved);
    let exported = bundle
        .messages
        .iter()
        .filter(|m| !m.id.starts_with('-'))
        .count();
    let text = ftl::write(&bundle);
    let path = bundle_file(locale, &src.resource);
    verify_bundle(&text, locale).map_err(|e| prefix(e, &path))?;
    files.insert(path, text);
    let finished = !states.is_empty() && approved.len() == states.len();
    let name = locale.to_string();
    match (post_entry, &src.post) {
        (Some(entry), Some(p)) if finished => {
            let path = format!("{locale}/posts/{}.md", p.post.slug);
            let text =
                translated_post(cfg, p, locale, &target.messages).map_err(|e| prefix(e, &path))?;
            if let Some(t) = title_of(&target) {
                entry.title.insert(name.clone(), t);
            }
            entry.locales.push(name.clone());
            entry.files.insert(name.clone(), path.clone());
            files.insert(path, text);
            *report.posts.get_mut(&name).expect("target") += 1;
        }
        (None, _) => *report.messages.get_mut(&name).expect("target") += exported,
        _ => {}
    }
    Ok(Completeness::new(approved.len(), states.len()))
}

/// Where the bundle of `resource` in `locale` goes in the export.
fn bundle_file(locale: &impl std::fmt::Display, resource: &str) -> String {
    format!("{locale}/{resource}.ftl")
}

fn prefix(errors: Vec<String>, path: &str) -> Vec<String> {
    errors.into_iter().map(|e| format!("{path}: {e}")).collect()
}

fn new_post_entry(fr: &str, post: &crate::source::post::Post) -> PostEntry {
    PostEntry {
        slug: post.slug.clone(),
        date: post.front.get("date").cloned(),
        title: post
            .title()
            .map(|t| (fr.to_string(), t.to_string()))
            .into_iter()
            .collect(),
        locales: vec![fr.to_string()],
        completeness: BTreeMap::new(),
        files: BTreeMap::new(),
        assets: BTreeMap::new(),
        bundle: Vec::new(),
    }
}

fn title_of(target: &Resource) -> Option<String> {
    source::find(target, "title")?
        .value
        .as_ref()?
        .as_plain_text()
}

/// The French bundle: the hand-written file as it is, or what relais
/// writes for a post.
fn source_bundle(cfg: &Config, src: &Source) -> crate::base::error::Result<String> {
    if src.post.is_some() {
        let mut messages = src.terms.clone();
        messages.extend(src.messages.iter().cloned());
        return Ok(ftl::write(&Resource {
            comment: Some(format!(
                "{} ({}), exported by relais.",
                src.origin, cfg.source
            )),
            messages,
        }));
    }
    crate::base::fs::read_text(&cfg.bundle_path(&cfg.source, &src.resource))
}

/// Approved messages only, with the terms they use, minus any message whose
/// references cannot be resolved in the bundle.
fn approved_bundle(
    cfg: &Config,
    src: &Source,
    locale: &LanguageIdentifier,
    target: &Resource,
    approved: &BTreeSet<&str>,
) -> Resource {
    let (approved_terms, mut messages): (Vec<Message>, Vec<Message>) = src
        .messages
        .iter()
        .filter(|m| approved.contains(m.id.as_str()))
        .filter_map(|m| source::find(target, &m.id).cloned())
        .partition(|m| m.id.starts_with('-'));
    let terms = terms_of(src, target, approved, approved_terms);
    loop {
        let available: BTreeSet<String> = messages
            .iter()
            .map(|m| m.id.clone())
            .chain(terms.iter().map(|t| t.id.clone()))
            .collect();
        let before = messages.len();
        messages.retain(|m| {
            references(m)
                .iter()
                .all(|r| available.contains(r.split('.').next().unwrap_or(r)))
        });
        if messages.len() == before {
            break;
        }
    }
    let used: BTreeSet<String> = messages.iter().flat_map(references).collect();
    let mut all: Vec<Message> = terms
        .into_iter()
        .filter(|t| {
            used.iter()
                .any(|u| u.split('.').next() == Some(t.id.as_str()))
        })
        .collect();
    all.extend(messages);
    Resource {
        comment: Some(format!(
            "Approved {locale} translations of {} ({} → {locale}), exported by relais.\nMessages not listed here are not approved yet: the site falls back to French for them.",
            src.origin, cfg.source
        )),
        messages: all,
    }
}

/// The terms a bundle may use: the approved translation of a translated
/// term; else the bundle's copy of a kept term; else the French.
fn terms_of(
    src: &Source,
    target: &Resource,
    approved: &BTreeSet<&str>,
    approved_terms: Vec<Message>,
) -> Vec<Message> {
    let unapproved_terms = src
        .messages
        .iter()
        .filter(|m| m.id.starts_with('-') && !approved.contains(m.id.as_str()))
        .cloned();
    let kept_terms = src.terms.iter().map(|t| {
        source::find(target, &t.id)
            .cloned()
            .unwrap_or_else(|| t.clone())
    });
    kept_terms
        .chain(unapproved_terms)
        .chain(approved_terms)
        .collect()
}

/// Ids of the terms and messages a message refers to.
fn references(m: &Message) -> Vec<String> {
    let r = crate::fluent::refs::message_refs(m);
    r.terms.into_iter().chain(r.messages).collect()
}

/// The French post as exported: `lang` added.
fn french_post(post: &crate::source::post::Post, fr: &str) -> String {
    let values = BTreeMap::from([("lang".to_string(), fr.to_string())]);
    format!("{}{}", post.front_matter_with(&values), post.body())
}

/// A finished post in a target locale, verified against the French.
fn translated_post(
    cfg: &Config,
    p: &source::PostSource,
    locale: &LanguageIdentifier,
    messages: &[Message],
) -> Result<String, Vec<String>> {
    let mut values = BTreeMap::new();
    for key in &cfg.front_matter {
        if let Some(text) = messages
            .iter()
            .find(|m| &m.id == key)
            .and_then(|m| m.value.as_ref()?.as_plain_text())
        {
            values.insert(key.clone(), text);
        }
    }
    values.insert("lang".into(), locale.to_string());
    values.insert("translation_of".into(), p.post.path.display().to_string());
    let body = crate::source::extract::reassemble(&p.post, &p.extracted, messages);
    verify_post(p.post.body(), &body)?;
    Ok(format!("{}{body}", p.post.front_matter_with(&values)))
}
