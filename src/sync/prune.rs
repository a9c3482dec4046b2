//! The files of posts that are gone: a post whose `.md` was deleted takes
//! its French bundle, its translations and its review state with it.

use super::Report;
use crate::base::config::Config;
use crate::base::fs;
use crate::base::store::Store;
use crate::source::read::rel_path;

/// A post whose `.md` is gone takes its bundles and state with it.
pub(super) fn remove_deleted_posts(
    cfg: &Config,
    store: &Store,
    known: &dyn Fn(&str) -> bool,
    report: &mut Report,
) {
    let src_posts = cfg.locale_dir(&cfg.source).join("posts");
    for name in fs::list_files(&src_posts, ".ftl").unwrap_or_default() {
        let resource = format!("posts/{}", name.trim_end_matches(".ftl"));
        let md = cfg
            .posts_dir()
            .join(format!("{}.md", name.trim_end_matches(".ftl")));
        if known(resource.as_str()) || md.exists() {
            continue;
        }
        let mut paths = vec![
            src_posts.join(&name),
            store.path(&cfg.source.to_string(), &resource),
        ];
        for locale in &cfg.targets {
            paths.push(cfg.bundle_path(locale, &resource));
            paths.push(store.path(&locale.to_string(), &resource));
        }
        for path in paths {
            match fs::remove_if_exists(&path) {
                Ok(true) => report.removed.push(rel_path(cfg, &path)),
                Ok(false) => {}
                Err(e) => report.error(e),
            }
        }
    }
}
