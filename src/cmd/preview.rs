//! `relais preview RESOURCE --locale L`: a post as it reads in a locale
//! right now, whatever the review state (for reviewers and the demo; the
//! site build uses `export`, which takes approved text only).

use crate::config::Config;
use crate::error::{Error, Location, Result};
use crate::state::{SourceRecord, Store};
use crate::{extract, fs, post, source};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub fn run(cfg: &Config, resource: &str, locale: &str) -> Result<u8> {
    let locale = super::parse_locales(cfg, &[locale.to_string()])?.remove(0);
    let slug = resource
        .trim_end_matches(".md")
        .strip_prefix("posts/")
        .ok_or_else(|| {
            Error::Config(format!("{resource}: preview shows posts (`posts/<slug>`)"))
        })?;
    let rel = PathBuf::from("posts").join(format!("{slug}.md"));
    let text = fs::read_text(&cfg.root.join(&rel))?;
    let post = post::parse(&rel, text)?;
    let store = Store::new(cfg.state_dir());
    let record: SourceRecord =
        store.load(&store.source_path(&cfg.source.to_string(), &post.resource()))?;
    let ex = extract::extract(&post, &cfg.front_matter, &record);
    let target = source::read_target(cfg, &post.resource(), &locale).map_err(first)?;
    let mut values = BTreeMap::new();
    for key in &cfg.front_matter {
        if let Some(text) =
            source::find(&target, key).and_then(|m| m.value.as_ref()?.as_plain_text())
        {
            values.insert(key.clone(), text);
        }
    }
    let body = extract::reassemble(&post, &ex, &target.messages);
    super::print_out(&format!("{}{body}", post.front_matter_with(&values)));
    Ok(0)
}

fn first(mut errors: Vec<Error>) -> Error {
    if errors.is_empty() {
        Error::input(Location::new("?", 1, 1), "unreadable bundle")
    } else {
        errors.remove(0)
    }
}
