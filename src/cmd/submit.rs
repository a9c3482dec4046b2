//! `relais submit FILE`: a writer's draft checked, placed in `posts/`, synced.

use relais::base::config::Config;
use relais::base::error::Result;
use relais::source::submit;
use std::path::Path;

pub(crate) fn run(cfg: &Config, file: &Path, json: bool) -> Result<u8> {
    let text = relais::base::fs::read_text(file)?;
    let draft = submit::check(cfg, file, text)?;
    let same_file = std::fs::canonicalize(file).ok() == std::fs::canonicalize(&draft.dest).ok();
    submit::place(&draft, file, same_file)?;
    if !json {
        eprintln!("placed {} as posts/{}.md", file.display(), draft.post.slug);
    }
    if draft.post.draft {
        eprintln!("draft: true — extracted, not sent for translation");
    }
    super::sync::run(cfg, &[draft.post.resource()], &[], false, json)
}
