//! Files that change together — a bundle and the record that describes
//! it — change all or not at all, as the next writer sees them.
//!
//! Each file is written atomically (a temporary file renamed over it), but
//! two files cannot be: a full disk or a killed process between a bundle
//! and its record would leave machine text with no record of being
//! machine text, which the next run takes for a person's. So a [`Group`]
//! of two or more changes is first written whole to a journal
//! (`review/.lock/journal/<pid>-<n>.json`: each file's path, the hash of
//! what it held before, what it must hold after), then applied, then the
//! journal is removed. A writer that takes the site's lock first
//! [`recover`]s what an interrupted one left: every file still as it was
//! before gets its new contents; a file that has changed since (a person
//! edited it after the crash) is kept as it is, and said.
//!
//! The journal is redo-only and small (the new texts of one resource),
//! written with one `fsync` of its own; without it nothing is changed.

use crate::base::digest::hash_bytes;
use crate::base::error::{Error, Result};
use crate::base::fs;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where the journals of a site are, under its review folder (out of git,
/// beside the lock; not in `.cache`, which people may delete).
pub fn dir(state_dir: &Path) -> PathBuf {
    state_dir.join(".lock").join("journal")
}

/// Changes to make together.
#[must_use = "nothing is written until the group is committed"]
pub struct Group {
    journal_dir: PathBuf,
    changes: Vec<(PathBuf, Option<String>)>,
}

/// One file of a journal.
#[derive(Serialize, Deserialize)]
struct Entry {
    path: PathBuf,
    /// Hash of the bytes before, `None` when there was no file.
    before: Option<String>,
    /// The text after, `None` to remove the file.
    after: Option<String>,
}

impl Group {
    /// An empty group journaled under `journal_dir` (see [`dir`]).
    pub fn new(journal_dir: PathBuf) -> Group {
        Group {
            journal_dir,
            changes: Vec::new(),
        }
    }

    /// `path` is to hold `text`.
    pub fn write(&mut self, path: &Path, text: String) {
        self.changes.push((path.to_path_buf(), Some(text)));
    }

    /// `path` is to be gone.
    pub fn remove(&mut self, path: &Path) {
        self.changes.push((path.to_path_buf(), None));
    }

    /// Makes the changes: all of them, or (after a failure) whatever the
    /// next [`recover`] completes. Returns the files that changed, in the
    /// order given; a file already as asked is not touched.
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        let mut entries = Vec::new();
        for (path, after) in self.changes {
            let before = read_opt(&path)?;
            if before.as_deref() != after.as_deref().map(str::as_bytes) {
                let before = before.as_deref().map(hash_bytes);
                entries.push(Entry {
                    path,
                    before,
                    after,
                });
            }
        }
        if entries.len() < 2 {
            // One file is atomic by itself.
            for e in &entries {
                apply(e)?;
            }
            return Ok(entries.into_iter().map(|e| e.path).collect());
        }
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let journal = self
            .journal_dir
            .join(format!("{}-{n}.json", std::process::id()));
        let text = serde_json::to_string(&entries).expect("a journal serialises");
        fs::write_atomic(&journal, text.as_bytes())?;
        // The journal's name must be on disk before any file it describes.
        fs::sync_dir(&self.journal_dir)?;
        for e in &entries {
            apply(e)?;
        }
        fs::remove_if_exists(&journal)?;
        Ok(entries.into_iter().map(|e| e.path).collect())
    }
}

/// Completes every group an interrupted writer left; call it holding the
/// site's lock, before writing. Returns what people should hear: files kept
/// as they are because they changed since, and journals that could not be
/// read (moved aside, with `.unreadable` added to their names).
pub fn recover(journal_dir: &Path) -> Result<Vec<String>> {
    let mut said = Vec::new();
    let names = match std::fs::read_dir(journal_dir) {
        Ok(list) => list,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(said),
        Err(e) => return Err(Error::io(journal_dir, e)),
    };
    let mut journals: Vec<PathBuf> = names
        .filter_map(|d| d.ok().map(|d| d.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    // Oldest first: a later group may build on an earlier one's files.
    journals.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    for journal in journals {
        let text = fs::read_text(&journal)?;
        let Ok(entries) = serde_json::from_str::<Vec<Entry>>(&text) else {
            let aside = journal.with_extension("json.unreadable");
            std::fs::rename(&journal, &aside).map_err(|e| Error::io(&journal, e))?;
            said.push(format!(
                "{}: an interrupted write's journal could not be read; kept as {}",
                journal.display(),
                aside.display()
            ));
            continue;
        };
        for e in &entries {
            let now = read_opt(&e.path)?;
            let now_hash = now.as_deref().map(hash_bytes);
            if now.as_deref() == e.after.as_deref().map(str::as_bytes) {
                continue;
            }
            if now_hash == e.before {
                apply(e)?;
            } else {
                said.push(format!(
                    "{}: changed since an interrupted write; kept as it is (its review state may disagree: run `relais check`)",
                    e.path.display()
                ));
            }
        }
        fs::remove_if_exists(&journal)?;
    }
    Ok(said)
}

fn apply(e: &Entry) -> Result<()> {
    match &e.after {
        Some(text) => fs::write_atomic(&e.path, text.as_bytes()),
        None => fs::remove_if_exists(&e.path).map(|_| ()),
    }
}

fn read_opt(path: &Path) -> Result<Option<Vec<u8>>> {
    fs::read_bytes_opt(path)
}
