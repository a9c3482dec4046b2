//! Where the review state files of the site are (`review/<locale>/<resource>.json`),
//! and reading and writing them: pretty, sorted JSON that git diffs read
//! well, written only when it changed.

use crate::base::error::{Error, Location, Result};
use crate::base::journal::{self, Batch, Group};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Where the state files of the site are.
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The state files under `dir` (the site's `review/` folder).
    pub fn new(dir: PathBuf) -> Self {
        Store { dir }
    }

    /// The record of `resource` in `locale`: the source record in the
    /// source locale, a target record in a target locale.
    pub fn path(&self, locale: &str, resource: &str) -> PathBuf {
        self.dir.join(locale).join(format!("{resource}.json"))
    }

    /// Reads a record; a missing file is the empty record (`T::default()`),
    /// and JSON that does not parse is an input error at its line and column.
    pub fn load<T: for<'de> Deserialize<'de> + Default>(&self, path: &Path) -> Result<T> {
        match crate::base::fs::read_text_opt(path)? {
            None => Ok(T::default()),
            Some(text) => serde_json::from_str(&text).map_err(|e| {
                let loc = Location::new(path, e.line(), e.column());
                Error::input(loc, format!("review state is not valid: {e}"))
            }),
        }
    }

    /// Writes a record if it changed. Returns whether the file changed.
    pub fn save<T: Serialize>(&self, path: &Path, value: &T) -> Result<bool> {
        crate::base::fs::write_if_changed(path, &Store::text(value))
    }

    /// A record as its file holds it.
    pub fn text<T: Serialize>(value: &T) -> String {
        let mut text = serde_json::to_string_pretty(value).expect("state serialises");
        text.push('\n');
        text
    }

    /// Files to change together with records of this store: a bundle and
    /// its record (see [`journal`](crate::base::journal)).
    pub fn group(&self) -> Group {
        Group::new(journal::dir(&self.dir))
    }

    /// Groups of this store to make together, with two flushes of the
    /// file system for all of them (see [`journal::Batch`]).
    pub fn batch(&self) -> Batch {
        Batch::new(journal::dir(&self.dir))
    }
}
