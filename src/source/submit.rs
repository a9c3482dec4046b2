//! A writer's draft checked and placed in `posts/` (`relais submit`, and the
//! writers' page of `relais serve`). Syncing it is the caller's next step.
//!
//! Errors name the file the writer gave (their path, or the name of an
//! upload), with the line and column in it, so they can fix their copy.

use crate::base::config::Config;
use crate::base::error::{Error, Location, Result};
use crate::source::post::{self, Post};
use std::path::{Path, PathBuf};

/// A draft that passed the checks.
#[derive(Debug)]
pub struct Draft {
    /// The parsed draft, as it will be read from `posts/`.
    pub post: Post,
    /// Where it goes: `posts/<slug>.md` under the site root.
    pub dest: PathBuf,
}

/// Checks a draft: a slug-like file name, front matter with a title, a
/// body. `file` is the name the writer knows it by (it gives the slug).
pub fn check(cfg: &Config, file: &Path, text: String) -> Result<Draft> {
    let slug = post::slug_of(file)
        .map_err(|m| Error::finding(Location::new(file, 1, 1), "file-name", m))?;
    let rel = Path::new("posts").join(format!("{slug}.md"));
    let post = post::parse(&rel, text).map_err(|e| at_file(e, file))?;
    Ok(Draft {
        post,
        dest: cfg.posts_dir().join(format!("{slug}.md")),
    })
}

/// Writes the draft to `posts/` (atomically). A post of the same name is
/// never replaced, unless `file` is that very post. Returns whether a
/// file was written.
pub fn place(draft: &Draft, file: &Path, same_file: bool) -> Result<bool> {
    if same_file {
        return Ok(false);
    }
    if draft.dest.exists() {
        let slug = &draft.post.slug;
        return Err(Error::finding(
            Location::new(file, 1, 1),
            "exists",
            format!("a post named `{slug}` already exists (posts/{slug}.md): rename the file"),
        ));
    }
    crate::base::fs::write_atomic(&draft.dest, draft.post.text.as_bytes())?;
    Ok(true)
}

/// What a post holds now, as [`replace`] expects it: a hash of its bytes;
/// `None` when there is no such post.
pub fn current(draft: &Draft) -> Result<Option<String>> {
    let bytes = crate::base::fs::read_bytes_opt(&draft.dest)?;
    Ok(bytes.map(|b| crate::base::digest::hash_bytes(&b)))
}

/// Writes the draft over the post of the same name: a new version, which
/// the next sync treats like any changed post (translations a person
/// edited are kept and become stale, relais's own are redone). `seen` is
/// [`current`] of the version the writer was shown; when the post changed
/// since (another writer), nothing is written.
pub fn replace(draft: &Draft, file: &Path, seen: &str) -> Result<()> {
    if current(draft)?.as_deref() != Some(seen) {
        return Err(Error::finding(
            Location::new(file, 1, 1),
            "changed-since",
            format!(
                "posts/{}.md changed since you were shown it: nothing was written",
                draft.post.slug
            ),
        ));
    }
    crate::base::fs::write_atomic(&draft.dest, draft.post.text.as_bytes())
}

/// Who submitted which post through the writers' page, kept in
/// `review/submitted.json` (resource → names): each writer's list of their
/// posts.
const SUBMITTED: &str = "submitted.json";

/// Notes that `name` submitted `resource`.
pub fn note_writer(cfg: &Config, resource: &str, name: &str) -> Result<()> {
    let path = cfg.state_dir().join(SUBMITTED);
    let mut all = read_submitted(cfg)?;
    let names = all.entry(resource.to_string()).or_default();
    if !names.iter().any(|n| n == name) {
        names.push(name.to_string());
        let text = serde_json::to_string_pretty(&all).expect("a map of strings") + "\n";
        crate::base::fs::write_atomic(&path, text.as_bytes())?;
    }
    Ok(())
}

/// The posts `name` submitted, that still exist, newest name first.
pub fn posts_of(cfg: &Config, name: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = read_submitted(cfg)?
        .into_iter()
        .filter(|(resource, names)| {
            names.iter().any(|n| n == name)
                && cfg
                    .posts_dir()
                    .join(format!("{}.md", resource.trim_start_matches("posts/")))
                    .is_file()
        })
        .map(|(resource, _)| resource)
        .collect();
    out.sort_by(|a, b| b.cmp(a));
    Ok(out)
}

fn read_submitted(cfg: &Config) -> Result<std::collections::BTreeMap<String, Vec<String>>> {
    let path = cfg.state_dir().join(SUBMITTED);
    match crate::base::fs::read_bytes_opt(&path)? {
        None => Ok(Default::default()),
        Some(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
            Error::input(
                Location::new(&path, e.line(), e.column()),
                format!("not the list of submitted posts relais writes: {e}"),
            )
        }),
    }
}

/// Errors about the draft name the file the writer gave.
fn at_file(e: Error, file: &Path) -> Error {
    match e {
        Error::Input {
            mut loc,
            message,
            code,
        } => {
            loc.path = file.to_path_buf();
            Error::Input { loc, message, code }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, Config) {
        crate::base::config::test_site()
    }

    #[test]
    fn errors_name_the_writers_file_and_line() {
        let (_dir, cfg) = site();
        let err = check(
            &cfg,
            Path::new("brouillon.md"),
            "---\ndate: 1\n---\nx\n".into(),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(err, "brouillon.md:2:1: the front matter has no `title`");
        let err = check(&cfg, Path::new("Mon Brouillon.md"), "x".into())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("Mon Brouillon.md:1:1: "), "{err}");
    }

    #[test]
    fn an_existing_post_is_never_replaced() {
        let (_dir, cfg) = site();
        let text = "---\ntitle: Visite\n---\n\nTexte.\n";
        let draft = check(&cfg, Path::new("a.md"), text.into()).unwrap();
        assert!(place(&draft, Path::new("a.md"), false).unwrap());
        let again = check(
            &cfg,
            Path::new("a.md"),
            "---\ntitle: Autre\n---\nx\n".into(),
        )
        .unwrap();
        let err = place(&again, Path::new("a.md"), false).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&draft.dest).unwrap(), text);
        // A new version replaces only the version the writer was shown.
        let seen = current(&draft).unwrap().unwrap();
        std::fs::write(&draft.dest, "---\ntitle: Changée\n---\ny\n").unwrap();
        let err = replace(&again, Path::new("a.md"), &seen).unwrap_err();
        assert!(err.to_string().contains("changed since"), "{err}");
        let seen = current(&draft).unwrap().unwrap();
        replace(&again, Path::new("a.md"), &seen).unwrap();
        assert!(
            std::fs::read_to_string(&draft.dest)
                .unwrap()
                .contains("Autre")
        );
    }
}
