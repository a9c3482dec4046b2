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
    /// The file, as messages name it (relative to the site root for the
    /// site's own files).
    pub path: PathBuf,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters (not bytes), from 1.
    pub col: usize,
}

impl Location {
    /// The position `line`:`col` (both 1-based) in `path`.
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
    Input {
        /// Where in the file the problem is.
        loc: Location,
        /// What is wrong there, for the writer or reviewer to fix.
        message: String,
        /// The same as a code a page can put in its reader's words
        /// (`no-title`, …); `""` when none was given.
        code: &'static str,
    },
    /// Bad configuration or usage: nothing ran.
    #[error("{0}")]
    Config(String),
    /// A translation engine stopped the run.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file that could not be read or written.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// A finding in a file of the site, at `loc`.
    pub fn input(loc: Location, message: impl Into<String>) -> Self {
        Error::finding(loc, "", message)
    }

    /// A finding with a code, which pages say in their reader's language.
    pub fn finding(loc: Location, code: &'static str, message: impl Into<String>) -> Self {
        Error::Input {
            loc,
            message: message.into(),
            code,
        }
    }

    /// A failure to read or write `path`.
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
    /// The server could not be reached, timed out or answered 5xx (all
    /// retried before they stop a run).
    #[error("{engine} at {url} is not reachable: {message}")]
    Unavailable {
        /// Which engine: `apertium`, `deepl` or `libretranslate`.
        engine: &'static str,
        /// The server's base URL.
        url: String,
        /// What happened: timed out, connection refused, or the HTTP status and
        /// the server's explanation.
        message: String,
    },
    /// The server refused the request: an HTTP error other than 5xx and 456
    /// (a 429 only once its retries are spent).
    #[error("{engine} refused the request (HTTP {status}): {message}")]
    Rejected {
        /// Which engine: `apertium`, `deepl` or `libretranslate`.
        engine: &'static str,
        /// The HTTP status code of the answer.
        status: u16,
        /// The server's own explanation, or the status's reason when it gave none.
        message: String,
    },
    /// DeepL's character quota for the billing period is used up (HTTP 456):
    /// never retried.
    #[error(
        "{engine}: the character quota of this billing period is used up (HTTP 456: {message}); the next `relais sync` after it renews continues from here"
    )]
    Quota {
        /// Which engine: `apertium`, `deepl` or `libretranslate`.
        engine: &'static str,
        /// The server's own explanation.
        message: String,
    },
    /// The engine has no way to translate the pair (Apertium: no direct pair
    /// and no pivot installed).
    #[error("{engine} cannot translate {pair}: {message}")]
    UnsupportedPair {
        /// Which engine: `apertium`, `deepl` or `libretranslate`.
        engine: &'static str,
        /// The pair asked for, as `fr→en`.
        pair: String,
        /// What is missing on the server.
        message: String,
    },
    /// An answer relais cannot use: not the JSON expected, not one translation
    /// per text, or a DeepL glossary that never became ready.
    #[error("{engine} answered something unexpected: {message}")]
    BadResponse {
        /// Which engine: `apertium`, `deepl` or `libretranslate`.
        engine: &'static str,
        /// What was wrong with it, with an excerpt of the answer when there is one.
        message: String,
    },
    /// The client cannot be set up (no key in the environment).
    #[error("{engine}: {message}")]
    Setup {
        /// Which engine: `apertium`, `deepl` or `libretranslate`.
        engine: &'static str,
        /// What to fix: the key variable unset or empty, or a key a header
        /// cannot carry.
        message: String,
    },
}

/// Errors as the messages reports carry (`path:line:col: message`).
pub fn messages(errors: &[Error]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

/// The library's result type: [`Error`] unless another error is given.
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
