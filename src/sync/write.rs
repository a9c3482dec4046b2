//! Writing a target of a sync: its bundle in the French's order (new
//! machine texts where there are some, a person's text kept as written,
//! UI terms as in the French) and its record, each only if it changed;
//! hand-written texts adopted and removed messages retired first.

use crate::base::config::Config;
use crate::base::error::Result;
use crate::base::journal::Batch;
use crate::base::store::Store;
use crate::fluent::ftl::{self, Message, Resource};
use crate::review::record;
use crate::review::state::TargetRecord;
use crate::source::read::{self as source, Source, find, rel_path};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use unic_langid::LanguageIdentifier;

/// One resource in one target locale, read: what writing it needs.
pub(super) struct Target {
    pub(super) source: Arc<Source>,
    pub(super) locale: LanguageIdentifier,
    pub(super) ftl_path: PathBuf,
    pub(super) state_path: PathBuf,
    pub(super) current: Resource,
    pub(super) record: TargetRecord,
}

/// Writes a target in `batch` (made when it is finished): its bundle (the
/// source's order, `new_texts` where there are some) and its state, each
/// only if it changed. Hand-written texts are adopted, removed messages
/// retired. Returns the files written.
pub(super) fn settle(
    cfg: &Config,
    store: &Store,
    mut target: Target,
    new_texts: &BTreeMap<String, Message>,
    now: &str,
    batch: &Batch,
) -> Result<Vec<String>> {
    let source = target.source.clone();
    let mut written = Vec::new();
    record::adopt_human_texts(&source.messages, &target.current, &mut target.record);
    record::drop_dangling(&source.messages, &mut target.record);
    let bundle = target_bundle(cfg, &source, &target, new_texts);
    record::retire_removed(&source.messages, &target.current, &mut target.record, now);
    // A resource with nothing translated yet gets no files at all.
    let nothing =
        bundle.messages.iter().all(|m| m.id.starts_with('-')) && target.record.messages.is_empty();
    if nothing && !target.ftl_path.exists() && !target.state_path.exists() {
        return Ok(written);
    }
    // Both or neither: machine text without its record would pass for a
    // person's at the next run.
    let mut group = store.group();
    if bundle != target.current {
        group.write(&target.ftl_path, ftl::write(&bundle));
    }
    group.write(&target.state_path, Store::text(&target.record));
    for path in group.stage(batch)? {
        written.push(rel_path(cfg, &path));
    }
    Ok(written)
}

/// The target bundle: source order, new machine texts, current texts
/// elsewhere (a human edit stays as written), UI terms and `##` group
/// comments as in the French.
fn target_bundle(
    cfg: &Config,
    source: &Source,
    target: &Target,
    new_texts: &BTreeMap<String, Message>,
) -> Resource {
    let mut messages: Vec<Message> = source.terms.clone();
    for m in &source.messages {
        let text = new_texts
            .get(&m.id)
            .or_else(|| find(&target.current, &m.id));
        if let Some(text) = text {
            // The French's `##` groups, wherever the text comes from.
            messages.push(Message {
                group: m.group.clone(),
                ..text.clone()
            });
        }
    }
    Resource {
        comment: Some(source::target_comment(cfg, source, &target.locale)),
        messages,
    }
}
