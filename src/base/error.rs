//! Error types of the library, each naming the place it comes from.
//!
//! Input errors carry `path:line:col` so a writer or reviewer can jump to
//! the spot; the binary maps each kind to an exit code (1 findings,
//! 2 usage/configuration, 3 engine) and does the printing.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a file, 1-based line and column (column in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
}

impl Location {
    pub fn new(path: impl Into<PathBuf>, line: usize, col: usize) -> Self {
        Location {
            path: path.into(),
            line,
            col,
        }
    }

    /// The location of byte `offset` in `text`.
    pub fn at_offset(path: impl Into<PathBuf>, text: &str, offset: usize) -> Self {
        let (line, col) = line_col(text, offset);
        Location::new(path, line, col)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.col)
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad content in a file of the site (a post, a bundle): a finding.
    #[error("{loc}: {message}")]
    Input { loc: Location, message: String },
    /// Bad configuration or usage: nothing ran.
    #[error("{0}")]
    Config(String),
    /// A translation engine stopped the run.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub fn input(loc: Location, message: impl Into<String>) -> Self {
        Error::Input {
            loc,
            message: message.into(),
        }
    }

    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Why an engine could not translate. Messages never carry a key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    #[error("{engine} at {url} is not reachable: {message}")]
    Unavailable {
        engine: &'static str,
        url: String,
        message: String,
    },
    #[error("{engine} refused the request (HTTP {status}): {message}")]
    Rejected {
        engine: &'static str,
        status: u16,
        message: String,
    },
    #[error(
        "{engine}: the character quota of this billing period is used up (HTTP 456: {message}); the next `relais sync` after it renews continues from here"
    )]
    Quota {
        engine: &'static str,
        message: String,
    },
    #[error("{engine} cannot translate {pair}: {message}")]
    UnsupportedPair {
        engine: &'static str,
        pair: String,
        message: String,
    },
    #[error("{engine} answered something unexpected: {message}")]
    BadResponse {
        engine: &'static str,
        message: String,
    },
    /// The client cannot be set up (no key in the environment).
    #[error("{engine}: {message}")]
    Setup {
        engine: &'static str,
        message: String,
    },
}

/// Errors as the messages reports carry (`path:line:col: message`).
pub fn messages(errors: &[Error]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\nçé: x";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // 'ç' and 'é' are two bytes each.
        assert_eq!(line_col(text, 3 + 4), (2, 3));
    }
}
