//! `relais export --out DIR`.

use relais::base::config::{Config, Layout};
use relais::base::error::Result;
use relais::export::{self, ExportError, Options};
use std::path::Path;

pub(crate) fn run(
    cfg: &Config,
    out: &Path,
    min_complete: Option<f64>,
    layout: Layout,
    json: bool,
) -> Result<u8> {
    let opts = Options {
        out: out.to_path_buf(),
        min_complete,
        layout,
    };
    match export::export(cfg, &opts) {
        Ok(report) => {
            if json {
                super::print_json(&report);
            } else {
                let posts: Vec<String> = report
                    .posts
                    .iter()
                    .map(|(l, n)| format!("{n} post{} in {l}", if *n == 1 { "" } else { "s" }))
                    .collect();
                super::print_out(&format!(
                    "exported to {} ({} layout): {}; {} files\n",
                    report.out,
                    report.layout,
                    posts.join(", "),
                    report.files
                ));
                for n in &report.strings {
                    super::print_out(&format!("  {} `{}`: {}\n", n.locale, n.id, n.why));
                }
            }
            Ok(0)
        }
        Err(ExportError::Io(e)) => Err(e),
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("  nothing written; {} is unchanged", out.display());
            Ok(1)
        }
    }
}
