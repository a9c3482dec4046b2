//! `relais init`: a configuration and the folders a site needs.

use relais::base::config::{self, Config};
use relais::base::error::{Error, Result};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct Report {
    created: Vec<String>,
}

pub(crate) fn run(root: &Path, json: bool) -> Result<u8> {
    let mut created = Vec::new();
    let cfg_path = root.join(config::FILE_NAME);
    if !cfg_path.exists() {
        relais::base::fs::write_atomic(&cfg_path, config::DEFAULT_TOML.as_bytes())?;
        created.push(config::FILE_NAME.to_string());
    }
    let cfg = Config::load(root)?;
    let mut dirs = vec![
        cfg.posts_dir(),
        cfg.locale_dir(&cfg.source).join("posts"),
        cfg.state_dir(),
    ];
    dirs.extend(cfg.targets.iter().map(|l| cfg.locale_dir(l).join("posts")));
    for dir in dirs {
        if !dir.exists() {
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            created.push(relais::source::read::rel_path(&cfg, &dir) + "/");
        }
    }
    if json {
        super::print_json(&Report { created });
    } else if created.is_empty() {
        eprintln!("relais is already set up in {}", root.display());
    } else {
        for c in &created {
            eprintln!("created {c}");
        }
    }
    Ok(0)
}
