//! `relais mv OLD NEW`: a post renamed with its translations and review
//! state, so that nothing is translated or reviewed again.

use crate::base::config::Config;
use crate::base::error::{Error, Result};
use crate::base::store::Store;
use crate::review::state::TargetRecord;
use crate::source::record::SourceRecord;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What a rename did, for people and for `--json`.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The old resource (`posts/<old>`).
    pub from: String,
    /// The new resource (`posts/<new>`).
    pub to: String,
    /// (old path, new path) of every post and bundle file moved, relative to
    /// the site (review state files are rewritten under the new name instead).
    pub moved: Vec<(String, String)>,
}

/// The slug of `posts/<slug>`, `posts/<slug>.md` or `<slug>`.
fn slug(arg: &str) -> &str {
    let s = arg.strip_prefix("posts/").unwrap_or(arg);
    s.strip_suffix(".md").unwrap_or(s)
}

/// Renames post `from` to `to` everywhere relais keeps it.
pub fn rename(cfg: &Config, from: &str, to: &str) -> Result<Report> {
    let (old, new) = (slug(from), slug(to));
    crate::source::post::slug_of(Path::new(&format!("{new}.md"))).map_err(Error::Config)?;
    let old_md = cfg.posts_dir().join(format!("{old}.md"));
    let new_md = cfg.posts_dir().join(format!("{new}.md"));
    if !old_md.exists() {
        return Err(Error::Config(format!("posts/{old}.md: no such post")));
    }
    if new_md.exists() {
        return Err(Error::Config(format!("posts/{new}.md already exists")));
    }
    let (old_res, new_res) = (format!("posts/{old}"), format!("posts/{new}"));
    let store = Store::new(cfg.state_dir());
    let mut moves: Vec<(PathBuf, PathBuf)> = vec![(old_md, new_md)];
    for locale in std::iter::once(&cfg.source).chain(&cfg.targets) {
        moves.push((
            cfg.bundle_path(locale, &old_res),
            cfg.bundle_path(locale, &new_res),
        ));
    }
    // State files name their resource inside: rewrite, then remove the old.
    let source_state = (
        store.path(&cfg.source.to_string(), &old_res),
        store.path(&cfg.source.to_string(), &new_res),
    );
    if let Some(mut rec) = load::<SourceRecord>(&store, &source_state.0)? {
        rec.renamed(&new_res);
        store.save(&source_state.1, &rec)?;
        crate::base::fs::remove_if_exists(&source_state.0)?;
    }
    for locale in &cfg.targets {
        let (a, b) = (
            store.path(&locale.to_string(), &old_res),
            store.path(&locale.to_string(), &new_res),
        );
        if let Some(mut rec) = load::<TargetRecord>(&store, &a)? {
            crate::review::record::renamed(&mut rec, &new_res);
            store.save(&b, &rec)?;
            crate::base::fs::remove_if_exists(&a)?;
        }
    }
    let mut report = Report {
        from: old_res,
        to: new_res,
        moved: Vec::new(),
    };
    for (a, b) in moves.into_iter().filter(|(a, _)| a.exists()) {
        std::fs::rename(&a, &b).map_err(|e| Error::io(&a, e))?;
        crate::base::fs::note(&a);
        crate::base::fs::note(&b);
        report.moved.push((
            crate::source::read::rel_path(cfg, &a),
            crate::source::read::rel_path(cfg, &b),
        ));
    }
    Ok(report)
}

fn load<T: for<'de> serde::Deserialize<'de> + Default>(
    store: &Store,
    path: &Path,
) -> Result<Option<T>> {
    if path.exists() {
        store.load(path).map(Some)
    } else {
        Ok(None)
    }
}
