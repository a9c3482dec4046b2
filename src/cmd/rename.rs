//! `relais mv OLD NEW`.

use relais::base::config::Config;
use relais::base::error::Result;
use relais::sync::rename::{self, Report};

pub(crate) fn run(cfg: &Config, from: &str, to: &str, json: bool) -> Result<u8> {
    let report = rename::rename(cfg, from, to)?;
    super::report(&[], json, &report, text);
    Ok(0)
}

fn text(r: &Report) -> String {
    let mut out = format!("{} → {}\n", r.from, r.to);
    for (a, b) in &r.moved {
        out.push_str(&format!("  {a} → {b}\n"));
    }
    out
}
