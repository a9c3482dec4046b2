//! What a resource's files are now — the size and modification time of
//! each — to tell which resources changed since they were last read
//! without reading them. The caches of `relais serve` (the dashboard's
//! rows, the fuzzy memory) read again only what changed.
//!
//! A resource's files: its French (the post, or the hand-written bundle),
//! the source record (ids), and in every target locale the bundle and the
//! record. A file that is absent has a stamp too (so that its creation
//! counts as a change).
//!
//! Looking at every file of a large site costs (six a post with two
//! target locales): a [`Watch`] looks at all of them at most once in a
//! while, and at once at the resources this process wrote.

use crate::base::config::Config;
use crate::base::error::Error;
use crate::base::store::Store;
use crate::source::read as source;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};
use unic_langid::LanguageIdentifier;

/// The stamp of one resource: (size, modified) of each of its files, in a
/// fixed order; `None` for a file that is absent.
pub type Stamp = Vec<Option<(u64, Option<SystemTime>)>>;

/// Every source resource of a site, by name, with its stamp now.
#[derive(Debug, Default)]
pub struct Stamps {
    /// Resource → stamp.
    pub resources: BTreeMap<String, Stamp>,
    /// What could not be listed.
    pub errors: Vec<Error>,
}

impl Stamps {
    /// The stamps of every source resource of the site of `cfg` now.
    pub fn now(cfg: &Config) -> Stamps {
        Stamps::listed(cfg, &[])
    }

    /// The stamps of the resources `filter` names (as `relais` commands
    /// select them), those that are still sources.
    pub fn listed(cfg: &Config, filter: &[String]) -> Stamps {
        let (items, errors) = source::list(cfg, filter);
        let resources = items
            .iter()
            .map(|item| {
                let resource = item.resource();
                let stamp = stamp(&files(cfg, item, &cfg.targets));
                (resource, stamp)
            })
            .collect();
        Stamps { resources, errors }
    }

    /// The resources whose stamp here is not the one `known` holds (new
    /// ones included), in name order.
    pub fn changed<'a>(
        &'a self,
        known: &'a BTreeMap<String, Stamp>,
    ) -> impl Iterator<Item = &'a String> + 'a {
        self.resources
            .iter()
            .filter(|(r, st)| known.get(*r) != Some(*st))
            .map(|(r, _)| r)
    }

    /// The resources `known` holds that are gone from here.
    pub fn gone<'a>(
        &'a self,
        known: &'a BTreeMap<String, Stamp>,
    ) -> impl Iterator<Item = &'a String> + 'a {
        known.keys().filter(|r| !self.resources.contains_key(*r))
    }
}

/// The files of a source resource in `locales`, in a fixed order: its
/// French, its source record, and each locale's bundle and record.
pub fn files(cfg: &Config, item: &source::Item, locales: &[LanguageIdentifier]) -> Vec<PathBuf> {
    let resource = item.resource();
    let store = Store::new(cfg.state_dir());
    let mut files = vec![
        item.french(cfg),
        store.path(&cfg.source.to_string(), &resource),
    ];
    for l in locales {
        files.push(cfg.bundle_path(l, &resource));
        files.push(store.path(&l.to_string(), &resource));
    }
    files
}

/// The resource a file of the site belongs to (one of [`files`]), if any.
pub fn resource_of(cfg: &Config, path: &Path) -> Option<String> {
    let name = |rel: &Path, ext: &str| -> Option<String> {
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        parts.join("/").strip_suffix(ext).map(str::to_string)
    };
    if let Ok(rel) = path.strip_prefix(cfg.posts_dir()) {
        return name(rel, ".md")
            .filter(|n| !n.contains('/'))
            .map(|n| format!("posts/{n}"));
    }
    let locales = std::iter::once(&cfg.source).chain(&cfg.targets);
    for l in locales {
        if let Ok(rel) = path.strip_prefix(cfg.locale_dir(l)) {
            return name(rel, ".ftl");
        }
        if let Ok(rel) = path.strip_prefix(cfg.state_dir().join(l.to_string())) {
            return name(rel, ".json");
        }
    }
    None
}

/// Which resources changed since the last look, looking at every file at
/// most once every `every`, and at once at the resources this process
/// says it wrote ([`Watch::wrote`]).
#[derive(Debug)]
pub struct Watch {
    known: BTreeMap<String, Stamp>,
    every: Duration,
    swept: Option<Instant>,
    wrote: BTreeSet<String>,
}

/// What a look found.
#[derive(Debug, Default)]
pub struct Changes {
    /// Resources new or changed since the last look (all of them the first
    /// time), in name order.
    pub changed: Vec<String>,
    /// Resources gone since.
    pub gone: Vec<String>,
    /// What could not be listed, when every file was looked at.
    pub errors: Option<Vec<Error>>,
}

impl Default for Watch {
    /// A watch that looks at every file at every look.
    fn default() -> Watch {
        Watch::new(Duration::ZERO)
    }
}

impl Watch {
    /// Nothing known yet: the first look finds every resource.
    pub fn new(every: Duration) -> Watch {
        Watch {
            known: BTreeMap::new(),
            every,
            swept: None,
            wrote: BTreeSet::new(),
        }
    }

    /// This process wrote `files`: their resources are looked at next time.
    pub fn wrote(&mut self, cfg: &Config, files: &[PathBuf]) {
        self.wrote
            .extend(files.iter().filter_map(|f| resource_of(cfg, f)));
    }

    /// What changed: every file looked at when `every` has passed since
    /// that was last done (or `sweep`), else only the files of the
    /// resources written since the last look. `None`: nothing to look at.
    pub fn look(&mut self, cfg: &Config, sweep: bool) -> Option<Changes> {
        let due = sweep || self.swept.is_none_or(|t| t.elapsed() >= self.every);
        if !due && self.wrote.is_empty() {
            return None;
        }
        let wrote = std::mem::take(&mut self.wrote);
        let stamps = if due {
            self.swept = Some(Instant::now());
            Stamps::now(cfg)
        } else {
            let list: Vec<String> = wrote.iter().cloned().collect();
            Stamps::listed(cfg, &list)
        };
        let gone: Vec<String> = if due {
            stamps.gone(&self.known).cloned().collect()
        } else {
            wrote
                .iter()
                .filter(|r| !stamps.resources.contains_key(*r) && self.known.contains_key(*r))
                .cloned()
                .collect()
        };
        for r in &gone {
            self.known.remove(r);
        }
        let changed: Vec<String> = stamps.changed(&self.known).cloned().collect();
        for r in &changed {
            self.known.insert(r.clone(), stamps.resources[r].clone());
        }
        Some(Changes {
            changed,
            gone,
            errors: due.then_some(stamps.errors),
        })
    }
}

fn stamp(files: &[PathBuf]) -> Stamp {
    files
        .iter()
        .map(|f| {
            let m = std::fs::metadata(f).ok()?;
            Some((m.len(), m.modified().ok()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, Config) {
        let (dir, cfg) = crate::base::config::test_site();
        std::fs::create_dir_all(cfg.posts_dir()).unwrap();
        std::fs::write(cfg.posts_dir().join("2024-01-01-a.md"), "# Titre\n").unwrap();
        std::fs::write(cfg.posts_dir().join("2024-01-02-b.md"), "# Autre\n").unwrap();
        (dir, cfg)
    }

    fn write(cfg: &Config, locale: &str, resource: &str, text: &str) -> PathBuf {
        let ftl = cfg.bundle_path(&locale.parse().unwrap(), resource);
        std::fs::create_dir_all(ftl.parent().unwrap()).unwrap();
        std::fs::write(&ftl, text).unwrap();
        ftl
    }

    #[test]
    fn a_change_to_any_file_of_a_resource_is_seen() {
        let (_dir, cfg) = site();
        let before = Stamps::now(&cfg);
        assert_eq!(before.resources.len(), 2);
        let known = before.resources.clone();
        assert_eq!(Stamps::now(&cfg).changed(&known).count(), 0);
        // A target bundle appears for one post; the other post is removed.
        write(&cfg, "en", "posts/2024-01-01-a", "title = Title\n");
        std::fs::remove_file(cfg.posts_dir().join("2024-01-02-b.md")).unwrap();
        let after = Stamps::now(&cfg);
        let changed: Vec<&String> = after.changed(&known).collect();
        assert_eq!(changed, ["posts/2024-01-01-a"]);
        let gone: Vec<&String> = after.gone(&known).collect();
        assert_eq!(gone, ["posts/2024-01-02-b"]);
    }

    #[test]
    fn a_watch_sees_what_this_process_wrote_at_once_and_the_rest_in_time() {
        let (_dir, cfg) = site();
        let mut watch = Watch::new(Duration::from_secs(3600));
        let first = watch.look(&cfg, false).unwrap();
        assert_eq!(first.changed.len(), 2, "every resource is new");
        assert!(watch.look(&cfg, false).is_none(), "nothing to look at");
        // Written by someone else: not looked at before the hour is up…
        write(&cfg, "es", "posts/2024-01-02-b", "title = Título\n");
        assert!(watch.look(&cfg, false).is_none());
        // …written here: looked at now, and only that.
        let ours = write(&cfg, "en", "posts/2024-01-01-a", "title = Title\n");
        watch.wrote(&cfg, &[ours]);
        let seen = watch.look(&cfg, false).unwrap();
        assert_eq!(seen.changed, ["posts/2024-01-01-a"]);
        assert!(seen.errors.is_none(), "not every file was looked at");
        // A look at every file finds the other.
        let swept = watch.look(&cfg, true).unwrap();
        assert_eq!(swept.changed, ["posts/2024-01-02-b"]);
    }

    #[test]
    fn files_are_told_to_their_resource() {
        let (_dir, cfg) = site();
        let store = Store::new(cfg.state_dir());
        let en = "en".parse().unwrap();
        for (path, resource) in [
            (
                cfg.posts_dir().join("2024-01-01-a.md"),
                Some("posts/2024-01-01-a"),
            ),
            (
                cfg.bundle_path(&en, "posts/2024-01-01-a"),
                Some("posts/2024-01-01-a"),
            ),
            (store.path("en", "site/menu"), Some("site/menu")),
            (store.path("fr", "posts/x"), Some("posts/x")),
            (cfg.posts_dir().join("2024-01-01-a/photo.jpg"), None),
            (cfg.root.join("relais.toml"), None),
        ] {
            assert_eq!(resource_of(&cfg, &path).as_deref(), resource, "{path:?}");
        }
    }
}
