//! What earlier syncs found settled, so that a sync does not read again
//! what cannot have changed.
//!
//! When a sync reads a resource and has nothing to do in it — nothing to
//! translate in any locale, no file to write, no problem to report — it
//! keeps a fingerprint of everything that decision read: this build of
//! relais, `relais.toml`, the glossary, the locales of the run, and the
//! bytes of each of the resource's files (the post or hand-written bundle,
//! the French bundle, the source record, every locale's bundle and record;
//! an absent file counts as absent). A later sync whose fingerprint of the
//! resource is the same skips it: reading and hashing instead of parsing,
//! planning, rendering and comparing. It is safe by construction: the
//! decision is a function of those bytes alone, and a stale, torn or
//! deleted fingerprint file only ever fails to match. The hash is XXH3's
//! 128 bits: not made to resist forgery (whoever can write the site's
//! files can write anything), made to tell every accidental change, at
//! memory speed.
//!
//! The fingerprints live in `review/.cache/settled.json` (people may delete
//! it at any time: the next sync reads everything). With each one, the
//! locales where the resource has approvals, which the translation memory
//! needs without reading the resource.

use crate::base::config::{self, Config};
use crate::base::error::Result;
use crate::base::fs;
use crate::review::stamp;
use crate::source::read::{self as source, Item};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use unic_langid::LanguageIdentifier;
use xxhash_rust::xxh3::Xxh3Default as Hasher;

/// A resource found settled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct Entry {
    /// The fingerprint of its inputs.
    pub(super) inputs: String,
    /// The locales where it has approvals.
    pub(super) approved: Vec<String>,
}

#[derive(Default, Serialize, Deserialize)]
struct File {
    resources: BTreeMap<String, Entry>,
}

/// The fingerprints kept, and what every fingerprint of this run shares.
pub(super) struct Settled {
    path: PathBuf,
    kept: BTreeMap<String, Entry>,
    /// The hash of the run's shared inputs: build, configuration, glossary,
    /// locales. `None` when one could not be read (nothing matches then).
    run: Option<Vec<u8>>,
    locales: Vec<LanguageIdentifier>,
}

impl Settled {
    /// The fingerprints kept for the site of `cfg`, for a run in `locales`.
    /// A file that cannot be read or parsed is as none.
    pub(super) fn load(cfg: &Config, locales: &[LanguageIdentifier]) -> Settled {
        let path = crate::mt::translate::cache_dir(cfg).join("settled.json");
        let kept = fs::read_text_opt(&path)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str::<File>(&text).ok())
            .unwrap_or_default()
            .resources;
        Settled {
            path,
            kept,
            run: run_inputs(cfg, locales),
            locales: locales.to_vec(),
        }
    }

    /// The entry kept for `resource`, if any.
    pub(super) fn kept(&self, resource: &str) -> Option<&Entry> {
        self.kept.get(resource)
    }

    /// The fingerprint of `item`'s inputs now; `None` when a file could not
    /// be read (the sync then reads it and says why).
    pub(super) fn fingerprint(&self, cfg: &Config, item: &Item) -> Option<String> {
        let mut hasher = Hasher::new();
        hasher.update(self.run.as_ref()?);
        let mut files = stamp::files(cfg, item, &self.locales);
        if let Item::Post(_) = item {
            files.push(cfg.bundle_path(&cfg.source, &item.resource()));
        }
        for path in files {
            feed(
                &mut hasher,
                &source::rel_path(cfg, &path),
                fs::read_bytes_opt(&path).ok()?,
            );
        }
        Some(format!("{:032x}", hasher.digest128()))
    }

    /// Keeps what this run found: `found` holds, for each resource read,
    /// its entry when it was settled. A run over the whole site (`all`)
    /// forgets the resources it did not see (gone). Written only when
    /// changed.
    pub(super) fn save(&self, found: BTreeMap<String, Option<Entry>>, all: bool) -> Result<()> {
        let mut kept = match all {
            true => BTreeMap::new(),
            false => self.kept.clone(),
        };
        for (resource, entry) in found {
            match entry {
                Some(e) => kept.insert(resource, e),
                None => kept.remove(&resource),
            };
        }
        if kept == self.kept {
            return Ok(());
        }
        let file = File { resources: kept };
        let text = serde_json::to_string(&file).expect("fingerprints serialise");
        fs::write_atomic(&self.path, text.as_bytes())
    }
}

/// What every resource's decision shares: this build of relais, the
/// configuration and the glossary as bytes, the source and run locales.
fn run_inputs(cfg: &Config, locales: &[LanguageIdentifier]) -> Option<Vec<u8>> {
    let mut hasher = Hasher::new();
    feed(&mut hasher, "build", Some(build().into_bytes()));
    for name in [config::FILE_NAME, crate::mt::glossary::FILE_NAME] {
        feed(
            &mut hasher,
            name,
            fs::read_bytes_opt(&cfg.root.join(name)).ok()?,
        );
    }
    let names: Vec<String> = std::iter::once(&cfg.source)
        .chain(locales)
        .map(ToString::to_string)
        .collect();
    feed(&mut hasher, "locales", Some(names.join(" ").into_bytes()));
    Some(hasher.digest128().to_le_bytes().to_vec())
}

/// One input: its name, then its length and bytes (or that it is absent),
/// so that no two sequences of inputs hash alike by shifting bytes.
fn feed(hasher: &mut Hasher, name: &str, bytes: Option<Vec<u8>>) {
    hasher.update(&(name.len() as u64).to_le_bytes());
    hasher.update(name.as_bytes());
    match bytes {
        None => hasher.update(&[0]),
        Some(b) => {
            hasher.update(&[1]);
            hasher.update(&(b.len() as u64).to_le_bytes());
            hasher.update(&b);
        }
    }
}

/// This build of relais: its version and the identity of its executable
/// (size, modification time, inode). A rebuilt or reinstalled relais is
/// another build, and reads every resource again.
fn build() -> String {
    use std::os::unix::fs::MetadataExt;
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{} {} {} {}", m.len(), m.mtime(), m.mtime_nsec(), m.ino()))
        .unwrap_or_else(|_| format!("{:x}", fastrand::u64(..)));
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}
