//! Who may use `relais serve`: tokens, each with a name, a role and (for
//! reviewers) locales. Only SHA-256 hashes of tokens are stored, in a file
//! outside the site's repository (`RELAIS_TOKENS`, else
//! `$XDG_CONFIG_HOME/relais/tokens.toml`, else `~/.config/relais/tokens.toml`)
//! and/or in the environment variable `RELAIS_TOKENS_TOML` (same format,
//! for services configured by environment). A token itself is shown once,
//! when `relais token add` creates it.

use crate::base::error::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The environment variable holding a token file's text.
pub const ENV_TOML: &str = "RELAIS_TOKENS_TOML";

/// What a token lets its holder do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reviews, edits and approves in their locales.
    Reviewer,
    /// Submits French drafts.
    Writer,
    /// Pulls the export (the site build): read-only.
    Reader,
}

/// One token, as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Token {
    /// Whose token it is (one token per name): the name their reviews and
    /// edits are recorded under.
    pub name: String,
    /// What it lets them do.
    pub role: Role,
    /// A reviewer's locales.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locales: Vec<String>,
    /// Hex SHA-256 of the token.
    pub sha256: String,
    /// When `relais token add` made it (RFC 3339, UTC); empty for a token
    /// written by hand.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub created: String,
}

/// Every known token.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Keyring {
    /// Every token (`[[token]]` tables); once loaded, the file's then the
    /// environment's.
    #[serde(default, rename = "token")]
    pub tokens: Vec<Token>,
}

/// Where tokens come from.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// The token file (a missing file holds no tokens).
    pub file: Option<PathBuf>,
    /// The text of [`ENV_TOML`], when set.
    pub env: Option<String>,
}

impl Sources {
    /// The default file and the environment.
    pub fn from_env() -> Sources {
        Sources {
            file: default_path(),
            env: std::env::var(ENV_TOML)
                .ok()
                .filter(|s| !s.trim().is_empty()),
        }
    }
}

/// `RELAIS_TOKENS`, else the user's configuration folder.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("RELAIS_TOKENS").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(config.join("relais").join("tokens.toml"))
}

/// Hex SHA-256 of a token.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.trim().as_bytes()))
}

impl Keyring {
    /// Reads the file (missing: no tokens) and the environment.
    pub fn load(sources: &Sources) -> Result<Keyring> {
        let mut ring = match &sources.file {
            Some(path) => read_file(path)?,
            None => Keyring::default(),
        };
        if let Some(text) = &sources.env {
            let env: Keyring = toml::from_str(text)
                .map_err(|e| Error::Config(format!("{ENV_TOML}: {}", e.message())))?;
            ring.tokens.extend(env.tokens);
        }
        Ok(ring)
    }

    /// The token whose hash is `sha256`.
    pub fn by_hash(&self, sha256: &str) -> Option<&Token> {
        self.tokens.iter().find(|t| same(&t.sha256, sha256))
    }

    /// The token a person typed.
    pub fn find(&self, token: &str) -> Option<&Token> {
        self.by_hash(&hash(token))
    }
}

/// Compares two hashes in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn read_file(path: &Path) -> Result<Keyring> {
    match crate::base::fs::read_text_opt(path)? {
        None => Ok(Keyring::default()),
        Some(text) => toml::from_str(&text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            let loc = crate::base::error::Location::at_offset(path, &text, at);
            Error::Config(format!("{loc}: {}", e.message()))
        }),
    }
}

/// Creates a token: stores its hash in `path` and returns the token (to be
/// shown once). Names are unique.
pub fn add(path: &Path, name: &str, role: Role, locales: &[String]) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Config("--name: give the holder's name".into()));
    }
    if role == Role::Reviewer && locales.is_empty() {
        return Err(Error::Config(
            "a reviewer needs --locale L (repeatable)".into(),
        ));
    }
    let mut ring = read_file(path)?;
    if ring.tokens.iter().any(|t| t.name == name) {
        return Err(Error::Config(format!(
            "{}: there is already a token for {name} (relais token remove --name first)",
            path.display()
        )));
    }
    let token = new_secret()?;
    ring.tokens.push(Token {
        name: name.to_string(),
        role,
        locales: if role == Role::Reviewer {
            locales.to_vec()
        } else {
            Vec::new()
        },
        sha256: hash(&token),
        created: crate::base::clock::now(),
    });
    save(path, &ring)?;
    Ok(token)
}

/// Removes the token of `name`. Returns whether there was one.
pub fn remove(path: &Path, name: &str) -> Result<bool> {
    let mut ring = read_file(path)?;
    let before = ring.tokens.len();
    ring.tokens.retain(|t| t.name != name.trim());
    let removed = ring.tokens.len() != before;
    if removed {
        save(path, &ring)?;
    }
    Ok(removed)
}

/// The tokens of a file (hashes included: they are not secret).
pub fn list(path: &Path) -> Result<Keyring> {
    read_file(path)
}

fn save(path: &Path, ring: &Keyring) -> Result<()> {
    let body = toml::to_string_pretty(ring).expect("tokens serialise");
    let text = format!(
        "# relais serve: who may sign in. SHA-256 hashes only; create tokens with\n# `relais token add`, remove them with `relais token remove`.\n\n{body}"
    );
    crate::base::fs::write_atomic(path, text.as_bytes())?;
    restrict(path)
}

#[cfg(unix)]
fn restrict(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| Error::io(path, e))
}

#[cfg(not(unix))]
fn restrict(_: &Path) -> Result<()> {
    Ok(())
}

/// 32 random bytes from the operating system, as text.
pub fn new_secret() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Config(format!("no random numbers from the system: {e}")))?;
    Ok(format!("relais_{}", hex::encode(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_stored_as_its_hash_only_and_found_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cfg/tokens.toml");
        let token = add(&path, "Claire Martin", Role::Reviewer, &["en".into()]).unwrap();
        assert!(token.starts_with("relais_") && token.len() == 7 + 64);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains(&token[7..]), "{text}");
        assert!(text.contains(&hash(&token)));
        let ring = Keyring::load(&Sources {
            file: Some(path.clone()),
            env: None,
        })
        .unwrap();
        let t = ring.find(&token).unwrap();
        assert_eq!((t.name.as_str(), t.role), ("Claire Martin", Role::Reviewer));
        assert!(ring.find("relais_guess").is_none());
        assert!(add(&path, "Claire Martin", Role::Writer, &[]).is_err());
        assert!(add(&path, "Ana", Role::Reviewer, &[]).is_err());
        assert!(remove(&path, "Claire Martin").unwrap());
        assert!(list(&path).unwrap().tokens.is_empty());
    }

    #[test]
    fn tokens_from_the_environment_join_the_file() {
        let env = format!(
            "[[token]]\nname = \"build\"\nrole = \"reader\"\nsha256 = \"{}\"\n",
            hash("relais_x")
        );
        let ring = Keyring::load(&Sources {
            file: None,
            env: Some(env),
        })
        .unwrap();
        assert_eq!(ring.find("relais_x").unwrap().role, Role::Reader);
        let bad = Keyring::load(&Sources {
            file: None,
            env: Some("[[token]]\nname = 1".into()),
        });
        assert!(bad.unwrap_err().to_string().starts_with(ENV_TOML));
    }
}
