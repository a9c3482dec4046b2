//! A post as it reads in a target locale right now, whatever the review
//! state: the French post's front matter and blocks with the translations
//! of the bundle in place (for `relais preview` and the preview page of
//! `relais serve`; the site build uses `export`, which takes approved
//! text only). Messages without a translation keep their French.

use crate::base::config::Config;
use crate::base::error::{Error, Location, Result};
use crate::base::store::Store;
use crate::source::record::SourceRecord;

use crate::{base::fs, source::extract, source::post, source::read as source};
use std::collections::BTreeMap;
use std::path::PathBuf;
use unic_langid::LanguageIdentifier;

/// A translated post.
#[derive(Debug)]
pub struct Preview {
    /// The front matter block, translated keys replaced.
    pub front_matter: String,
    /// The translated title, when there is one.
    pub title: Option<String>,
    /// The Markdown body.
    pub body: String,
}

/// The post `resource` (`posts/<slug>`) in `locale`.
pub fn post(cfg: &Config, resource: &str, locale: &LanguageIdentifier) -> Result<Preview> {
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
        store.load(&store.path(&cfg.source.to_string(), &post.resource()))?;
    let ex = extract::extract(&post, &cfg.front_matter, &record);
    let target = source::read_target(cfg, &post.resource(), locale).map_err(first)?;
    let mut values = BTreeMap::new();
    for key in &cfg.front_matter {
        if let Some(text) =
            source::find(&target, key).and_then(|m| m.value.as_ref()?.as_plain_text())
        {
            values.insert(key.clone(), text);
        }
    }
    Ok(Preview {
        front_matter: post.front_matter_with(&values),
        title: values
            .get("title")
            .cloned()
            .or_else(|| post.title().map(str::to_string)),
        body: extract::reassemble(&post, &ex, &target.messages),
    })
}

fn first(mut errors: Vec<Error>) -> Error {
    if errors.is_empty() {
        Error::input(Location::new("?", 1, 1), "unreadable bundle")
    } else {
        errors.remove(0)
    }
}
