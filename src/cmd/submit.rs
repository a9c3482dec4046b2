//! `relais submit FILE`: a writer's draft checked, placed in `posts/`, synced.

use crate::config::Config;
use crate::error::{Error, Location, Result};
use std::path::Path;

pub fn run(cfg: &Config, file: &Path, json: bool) -> Result<u8> {
    let slug =
        crate::post::slug_of(file).map_err(|m| Error::input(Location::new(file, 1, 1), m))?;
    let text = crate::fs::read_text(file)?;
    let post = crate::post::parse(&Path::new("posts").join(format!("{slug}.md")), text.clone())
        .map_err(|e| at_file(e, file))?;
    let dest = cfg.posts_dir().join(format!("{slug}.md"));
    let same_file = std::fs::canonicalize(file).ok() == std::fs::canonicalize(&dest).ok();
    if dest.exists() && !same_file {
        return Err(Error::input(
            Location::new(file, 1, 1),
            format!("a post named `{slug}` already exists (posts/{slug}.md): rename the file"),
        ));
    }
    if !same_file {
        crate::fs::write_atomic(&dest, text.as_bytes())?;
    }
    if !json {
        eprintln!("placed {} as posts/{slug}.md", file.display());
    }
    if post.draft {
        eprintln!("draft: true — extracted, not sent for translation");
    }
    super::sync::run(cfg, &[post.resource()], &[], false, json)
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
