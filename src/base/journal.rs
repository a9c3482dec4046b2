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
//!
//! A run that writes many groups at once (a sync: thousands of bundles and
//! records) [`stage`](Group::stage)s them in a [`Batch`] instead: each new
//! text goes to a temporary file beside its target, unsynced; the batch
//! then writes one journal naming every temporary file and the hash it
//! must hold, makes the file system durable once (`syncfs`), renames
//! every temporary file over its target, makes that durable once more and
//! removes the journal. Two flushes a batch instead of three a group, with
//! the same guarantee: a crash before the first flush changed no target;
//! after it, [`recover`] completes every group from the temporary files.

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
    /// The text after, `None` to remove the file (or when `staged`).
    after: Option<String>,
    /// In a batch's journal: where the text after already is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    staged: Option<Staged>,
}

/// The text after of a batch's entry, in a temporary file beside it.
#[derive(Clone, Serialize, Deserialize)]
struct Staged {
    tmp: PathBuf,
    /// Hash of the text after.
    hash: String,
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

    /// The changes that change something: a file already as asked is left
    /// out.
    fn entries(self) -> Result<Vec<Entry>> {
        let mut entries = Vec::new();
        for (path, after) in self.changes {
            let before = read_opt(&path)?;
            if before.as_deref() != after.as_deref().map(str::as_bytes) {
                let before = before.as_deref().map(hash_bytes);
                entries.push(Entry {
                    path,
                    before,
                    after,
                    staged: None,
                });
            }
        }
        Ok(entries)
    }

    /// Makes the changes: all of them, or (after a failure) whatever the
    /// next [`recover`] completes. Returns the files that changed, in the
    /// order given; a file already as asked is not touched.
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        let journal_dir = self.journal_dir.clone();
        let entries = self.entries()?;
        if entries.len() < 2 {
            // One file is atomic by itself.
            for e in &entries {
                apply(e)?;
            }
            return Ok(entries.into_iter().map(|e| e.path).collect());
        }
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let journal = journal_dir.join(format!("{}-{n}.json", std::process::id()));
        let text = serde_json::to_string(&entries).expect("a journal serialises");
        fs::write_atomic(&journal, text.as_bytes())?;
        // The journal's name must be on disk before any file it describes.
        fs::sync_dir(&journal_dir)?;
        for e in &entries {
            apply(e)?;
        }
        fs::remove_if_exists(&journal)?;
        Ok(entries.into_iter().map(|e| e.path).collect())
    }

    /// Writes the new texts beside their files, to be made in `batch` with
    /// the other groups staged there ([`Batch::finish`]). Returns the files
    /// that will change; a file already as asked is not touched. After a
    /// failure nothing of this group is staged.
    pub fn stage(self, batch: &Batch) -> Result<Vec<PathBuf>> {
        let mut entries = self.entries()?;
        for i in 0..entries.len() {
            let Some(text) = entries[i].after.take() else {
                continue;
            };
            match fs::write_unsynced(&entries[i].path, text.as_bytes()) {
                Ok(tmp) => {
                    let hash = hash_bytes(text.as_bytes());
                    entries[i].staged = Some(Staged { tmp, hash });
                }
                Err(e) => {
                    discard(&entries[..i]);
                    return Err(e);
                }
            }
        }
        let paths = entries.iter().map(|e| e.path.clone()).collect();
        batch.lock().extend(entries);
        Ok(paths)
    }
}

/// Groups staged to be made together ([`Group::stage`]), by
/// [`Batch::finish`]. Staged groups must not share a file.
#[must_use = "nothing is changed until the batch is finished"]
pub struct Batch {
    journal_dir: PathBuf,
    entries: std::sync::Mutex<Vec<Entry>>,
}

impl Batch {
    /// An empty batch journaled under `journal_dir` (see [`dir`]).
    pub fn new(journal_dir: PathBuf) -> Batch {
        Batch {
            journal_dir,
            entries: std::sync::Mutex::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Makes every staged change: all of them, or (after a failure once
    /// the journal is durable) whatever the next [`recover`] completes;
    /// a failure before leaves every file as it was.
    pub fn finish(self) -> Result<()> {
        let entries = self.entries.into_inner().unwrap_or_else(|e| e.into_inner());
        if entries.is_empty() {
            return Ok(());
        }
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let journal = self
            .journal_dir
            .join(format!("{}-batch-{n}.json", std::process::id()));
        let text = serde_json::to_string(&entries).expect("a journal serialises");
        // The journal and every new text durable before any file changes.
        let durable = std::fs::create_dir_all(&self.journal_dir)
            .map_err(|e| Error::io(&self.journal_dir, e))
            .and_then(|()| fs::write_unsynced_as(&journal, text.as_bytes()))
            .and_then(|()| fs::sync_fs(&self.journal_dir));
        if let Err(e) = durable {
            discard(&entries);
            let _ = fs::remove_if_exists(&journal);
            return Err(e);
        }
        for e in &entries {
            apply(e)?;
        }
        // Every change durable before the journal goes.
        fs::sync_fs(&self.journal_dir)?;
        fs::remove_if_exists(&journal)?;
        Ok(())
    }
}

/// Removes the temporary files of staged entries that will not be made.
fn discard(entries: &[Entry]) {
    for e in entries {
        if let Some(st) = &e.staged {
            let _ = std::fs::remove_file(&st.tmp);
        }
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
        if never_started(&entries)? {
            discard(&entries);
            fs::remove_if_exists(&journal)?;
            continue;
        }
        for e in &entries {
            let now = read_opt(&e.path)?;
            let now_hash = now.as_deref().map(hash_bytes);
            if let Some(st) = &e.staged {
                recover_staged(e, st, now_hash, &mut said)?;
                continue;
            }
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

/// Whether a batch's journal describes changes none of which were made:
/// a new text is missing from its temporary file (the machine stopped
/// before the batch's first flush, which comes before any change) and no
/// file holds its new text yet.
fn never_started(entries: &[Entry]) -> Result<bool> {
    let mut lost = false;
    for e in entries {
        let Some(st) = &e.staged else { continue };
        let now = read_opt(&e.path)?.as_deref().map(hash_bytes);
        if now.as_ref() == Some(&st.hash) {
            return Ok(false);
        }
        let ready = read_opt(&st.tmp)?.is_some_and(|b| hash_bytes(&b) == st.hash);
        lost |= !ready && now == e.before;
    }
    Ok(lost)
}

/// Completes one entry of a batch's journal whose file now hashes to
/// `now`: from its temporary file if the file is still as before it.
fn recover_staged(
    e: &Entry,
    st: &Staged,
    now: Option<String>,
    said: &mut Vec<String>,
) -> Result<()> {
    if now.as_ref() == Some(&st.hash) {
        let _ = std::fs::remove_file(&st.tmp);
        return Ok(());
    }
    let ready = read_opt(&st.tmp)?.is_some_and(|b| hash_bytes(&b) == st.hash);
    if now == e.before && ready {
        return apply(e);
    }
    let _ = std::fs::remove_file(&st.tmp);
    let why = match now == e.before {
        true => "its interrupted write could not be completed (the new text is lost)",
        false => "changed since an interrupted write",
    };
    said.push(format!(
        "{}: {why}; kept as it is (its review state may disagree: run `relais check`)",
        e.path.display()
    ));
    Ok(())
}

fn apply(e: &Entry) -> Result<()> {
    if let Some(st) = &e.staged {
        return fs::rename_into(&st.tmp, &e.path);
    }
    match &e.after {
        Some(text) => fs::write_atomic(&e.path, text.as_bytes()),
        None => fs::remove_if_exists(&e.path).map(|_| ()),
    }
}

fn read_opt(path: &Path) -> Result<Option<Vec<u8>>> {
    fs::read_bytes_opt(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(p: &Path) -> Option<String> {
        std::fs::read_to_string(p).ok()
    }

    /// Files left beside the targets (temporary files) or in the journal
    /// folder.
    fn leftovers(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(leftovers(&path));
            } else {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if name.ends_with(".tmp") || path.starts_with(dir.join("journal")) {
                    out.push(name);
                }
            }
        }
        out
    }

    /// A batch of two groups over files `a`, `b`, `c`, `d` (a and b
    /// exist, d is to go): staged, not yet finished.
    fn staged(dir: &Path) -> (Batch, [PathBuf; 4]) {
        let files = ["a", "b", "c", "d"].map(|n| dir.join("site").join(n));
        std::fs::create_dir_all(dir.join("site")).unwrap();
        std::fs::write(&files[0], "a before").unwrap();
        std::fs::write(&files[1], "b as asked").unwrap();
        std::fs::write(&files[3], "d before").unwrap();
        let batch = Batch::new(dir.join("journal"));
        let mut one = Group::new(dir.join("journal"));
        one.write(&files[0], "a after".into());
        one.write(&files[1], "b as asked".into());
        let mut two = Group::new(dir.join("journal"));
        two.write(&files[2], "c after".into());
        two.remove(&files[3]);
        assert_eq!(one.stage(&batch).unwrap(), vec![files[0].clone()]);
        assert_eq!(
            two.stage(&batch).unwrap(),
            vec![files[2].clone(), files[3].clone()]
        );
        (batch, files)
    }

    /// [`staged`], stopped as by a kill once its journal is written:
    /// with its temporary files, or (`lost`) without them, as after a
    /// machine stopped before the batch's first flush.
    fn journaled(dir: &Path, lost: bool) -> (Vec<Entry>, [PathBuf; 4]) {
        let (batch, f) = staged(dir);
        let entries = batch.entries.into_inner().unwrap();
        if lost {
            discard(&entries);
        }
        std::fs::create_dir_all(dir.join("journal")).unwrap();
        let journal = dir.join("journal").join("1-batch-0.json");
        std::fs::write(&journal, serde_json::to_string(&entries).unwrap()).unwrap();
        (entries, f)
    }

    #[test]
    fn a_batch_changes_nothing_until_finished_then_everything() {
        let dir = tempfile::tempdir().unwrap();
        let (batch, f) = staged(dir.path());
        assert_eq!(read(&f[0]).as_deref(), Some("a before"));
        assert_eq!(read(&f[2]), None);
        assert_eq!(read(&f[3]).as_deref(), Some("d before"));
        batch.finish().unwrap();
        assert_made(dir.path(), &f);
    }

    /// Every change of [`staged`] made, and nothing left behind.
    fn assert_made(dir: &Path, f: &[PathBuf; 4]) {
        assert_eq!(read(&f[0]).as_deref(), Some("a after"));
        assert_eq!(read(&f[1]).as_deref(), Some("b as asked"));
        assert_eq!(read(&f[2]).as_deref(), Some("c after"));
        assert_eq!(read(&f[3]), None);
        assert!(leftovers(dir).is_empty(), "{:?}", leftovers(dir));
    }

    /// A batch killed after its journal was durable, one file changed:
    /// recovery completes the rest from the temporary files.
    #[test]
    fn a_batch_interrupted_after_its_journal_is_completed_by_recovery() {
        let dir = tempfile::tempdir().unwrap();
        let (entries, f) = journaled(dir.path(), false);
        apply(&entries[1]).unwrap(); // c written, a and d not yet
        assert!(recover(&dir.path().join("journal")).unwrap().is_empty());
        assert_made(dir.path(), &f);
    }

    /// A person changed a file after the crash: kept as they left it, and
    /// said; a journal whose temporary files never reached the disk (the
    /// machine stopped before the first flush) changed nothing and is
    /// dropped in silence.
    #[test]
    fn recovery_keeps_a_file_changed_since_and_drops_a_batch_that_never_started() {
        let dir = tempfile::tempdir().unwrap();
        let (_, f) = journaled(dir.path(), false);
        std::fs::write(&f[0], "a typed by a person").unwrap();
        let said = recover(&dir.path().join("journal")).unwrap();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("changed since"), "{said:?}");
        assert_eq!(read(&f[0]).as_deref(), Some("a typed by a person"));
        assert_eq!(read(&f[2]).as_deref(), Some("c after"));

        let dir = tempfile::tempdir().unwrap();
        let (_, f) = journaled(dir.path(), true);
        let said = recover(&dir.path().join("journal")).unwrap();
        assert!(said.is_empty(), "{said:?}");
        assert_eq!(read(&f[0]).as_deref(), Some("a before"));
        assert_eq!(read(&f[2]), None);
        assert_eq!(
            read(&f[3]).as_deref(),
            Some("d before"),
            "not half of group two"
        );
        assert!(
            leftovers(dir.path()).is_empty(),
            "{:?}",
            leftovers(dir.path())
        );
    }
}
