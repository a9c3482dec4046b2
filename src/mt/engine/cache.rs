//! The translation cache: every answer an engine gave, kept so that a run
//! after a crash or a quota stop never pays for it twice.
//!
//! Content-addressed: the key is a hash of the engine's scope (engine,
//! pair, and whatever else decides its answer: variant, formality,
//! context, glossary version; see `engine::scope`) and the protected text.
//! Stored under the state folder in `.cache/translations.jsonl`, next to a
//! `.gitignore` that keeps the folder out of git: one JSON object a line,
//! appended and flushed to disk as each batch returns. A torn last line (a
//! crash mid-write) is skipped on reading and never glued to the next one.
//!
//! What it does not do: expire entries, or hold anything secret. Deleting
//! the folder is always safe; it only costs requests.

use super::Translation;
use crate::base::error::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The cache file, in the cache folder (`review/.cache/`).
pub const FILE_NAME: &str = "translations.jsonl";

#[derive(Serialize, Deserialize)]
struct Line {
    key: String,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pivot: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    unknown: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    model: Option<String>,
}

/// The key of a line as this module writes it (`{"key":"…",…`), read
/// without parsing the line.
fn leading_key(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("{\"key\":\"")?;
    let end = rest.find('"')?;
    let key = &rest[..end];
    key.bytes().all(|b| b.is_ascii_hexdigit()).then_some(key)
}

/// Creates the cache folder with a `.gitignore` that keeps it out of git.
pub fn ensure_dir(dir: &Path) -> Result<()> {
    crate::base::fs::write_if_changed(&dir.join(".gitignore"), "*\n").map(|_| ())
}

/// The cache of a site.
pub struct Cache {
    dir: PathBuf,
    entries: HashMap<String, Translation>,
    file: Option<File>,
}

impl Cache {
    /// Reads the cache in `dir` (the folder need not exist).
    pub fn load(dir: &Path) -> Result<Cache> {
        Cache::load_where(dir, |_| true)
    }

    /// Reads the entries of the cache in `dir` whose key is in `wanted`:
    /// a run holds what it may use, not every answer the site ever got.
    /// With nothing wanted, the file is not read.
    pub fn load_only(dir: &Path, wanted: &HashSet<String>) -> Result<Cache> {
        if wanted.is_empty() {
            return Ok(Cache {
                dir: dir.to_path_buf(),
                entries: HashMap::new(),
                file: None,
            });
        }
        Cache::load_where(dir, |key| wanted.contains(key))
    }

    fn load_where(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Cache> {
        let path = dir.join(FILE_NAME);
        let mut entries = HashMap::new();
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let mut bad = 0;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            // Lines are written key first: an unwanted one is skipped
            // without parsing it.
            if leading_key(line).is_some_and(|k| !keep(k)) {
                continue;
            }
            match serde_json::from_str::<Line>(line) {
                Ok(l) if keep(&l.key) => {
                    entries.insert(
                        l.key,
                        Translation {
                            text: l.text,
                            pivot: l.pivot,
                            unknown: l.unknown,
                            model: l.model,
                        },
                    );
                }
                Ok(_) => {}
                Err(_) => bad += 1,
            }
        }
        if bad > 0 {
            tracing::debug!("{}: {bad} unreadable line(s) skipped", path.display());
        }
        Ok(Cache {
            dir: dir.to_path_buf(),
            entries,
            file: None,
        })
    }

    /// The key of a protected text in an engine's scope.
    pub fn key(scope: &str, text: &str) -> String {
        let mut h = Sha256::new();
        h.update(scope.as_bytes());
        h.update([0]);
        h.update(text.as_bytes());
        hex::encode(&h.finalize()[..16])
    }

    /// The engine's answer kept under `key`, if there is one.
    pub fn get(&self, key: &str) -> Option<&Translation> {
        self.entries.get(key)
    }

    /// Answers held (only the wanted ones after [`Cache::load_only`]).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no answer is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Appends answers and flushes them to disk before returning.
    pub fn append(&mut self, items: Vec<(String, Translation)>) -> Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        let mut text = String::new();
        for (key, t) in &items {
            let line = Line {
                key: key.clone(),
                text: t.text.clone(),
                pivot: t.pivot.clone(),
                unknown: t.unknown.clone(),
                model: t.model.clone(),
            };
            text.push_str(&serde_json::to_string(&line).expect("cache lines serialise"));
            text.push('\n');
        }
        let path = self.dir.join(FILE_NAME);
        let file = self.file()?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_data())
            .map_err(|e| Error::io(&path, e))?;
        self.entries.extend(items);
        Ok(())
    }

    /// The file, opened for appending on first use; a torn last line is
    /// ended so that the next line starts clean.
    fn file(&mut self) -> Result<&mut File> {
        if self.file.is_none() {
            let path = self.dir.join(FILE_NAME);
            let io = |e| Error::io(&path, e);
            ensure_dir(&self.dir)?;
            let mut f = OpenOptions::new()
                .create(true)
                .append(true)
                .read(true)
                .open(&path)
                .map_err(io)?;
            let len = f.metadata().map_err(io)?.len();
            if len > 0 {
                let mut last = [0u8; 1];
                f.seek(SeekFrom::Start(len - 1)).map_err(io)?;
                f.read_exact(&mut last).map_err(io)?;
                if last[0] != b'\n' {
                    f.write_all(b"\n").map_err(io)?;
                }
            }
            self.file = Some(f);
        }
        Ok(self.file.as_mut().expect("opened above"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Translation {
        Translation {
            text: text.into(),
            pivot: None,
            unknown: vec![],
            model: None,
        }
    }

    #[test]
    fn answers_survive_a_reload_and_a_torn_last_line() {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = dir.path().join(".cache");
        let mut c = Cache::load(&cache_dir).unwrap();
        assert!(c.is_empty());
        assert!(!cache_dir.exists(), "reading creates nothing");
        let (k1, k2) = (
            Cache::key("deepl|fr→en|", "un"),
            Cache::key("deepl|fr→es|", "un"),
        );
        assert_ne!(k1, k2, "the scope is part of the key");
        c.append(vec![(k1.clone(), t("one"))]).unwrap();
        assert_eq!(
            std::fs::read_to_string(cache_dir.join(".gitignore")).unwrap(),
            "*\n"
        );
        // A crash in the middle of the next line.
        let path = cache_dir.join(FILE_NAME);
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(br#"{"key":"abc","te"#).unwrap();
        drop(f);
        let mut c = Cache::load(&cache_dir).unwrap();
        assert_eq!(c.get(&k1), Some(&t("one")));
        assert_eq!(c.len(), 1);
        c.append(vec![(k2.clone(), t("uno"))]).unwrap();
        let c = Cache::load(&cache_dir).unwrap();
        assert_eq!(c.get(&k2), Some(&t("uno")), "the next line starts clean");
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn a_run_reads_only_the_answers_it_may_use() {
        let dir = tempfile::tempdir().unwrap();
        let (k1, k2) = (Cache::key("s", "un"), Cache::key("s", "deux"));
        let mut c = Cache::load(dir.path()).unwrap();
        c.append(vec![(k1.clone(), t("one")), (k2.clone(), t("two"))])
            .unwrap();
        let wanted: HashSet<String> = [k2.clone()].into();
        let c = Cache::load_only(dir.path(), &wanted).unwrap();
        assert_eq!((c.len(), c.get(&k2)), (1, Some(&t("two"))));
        assert_eq!(c.get(&k1), None);
        // Nothing wanted: nothing read, appending still works.
        let mut c = Cache::load_only(dir.path(), &HashSet::new()).unwrap();
        assert!(c.is_empty());
        c.append(vec![(Cache::key("s", "trois"), t("three"))])
            .unwrap();
        assert_eq!(Cache::load(dir.path()).unwrap().len(), 3);
        assert_eq!(leading_key(r#"{"text":"x","key":"ab"}"#), None);
    }
}
