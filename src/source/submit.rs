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
    let slug = post::slug_of(file).map_err(|m| Error::input(Location::new(file, 1, 1), m))?;
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
        return Err(Error::input(
            Location::new(file, 1, 1),
            format!("a post named `{slug}` already exists (posts/{slug}.md): rename the file"),
        ));
    }
    crate::base::fs::write_atomic(&draft.dest, draft.post.text.as_bytes())?;
    Ok(true)
}

/// Errors about the draft name the file the writer gave.
fn at_file(e: Error, file: &Path) -> Error {
    match e {
        Error::Input { mut loc, message } => {
            loc.path = file.to_path_buf();
            Error::Input { loc, message }
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
    }
}
