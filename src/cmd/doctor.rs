//! `relais doctor`.

use relais::base::config::Config;
use relais::base::error::Result;
use relais::check::doctor::{self, Level, Report};

pub(crate) fn run(cfg: &Config, json: bool) -> Result<u8> {
    let report = super::runtime()?.block_on(doctor::run(cfg));
    super::report(&[], json, &report, text);
    Ok(super::exit::of_doctor(&report))
}

fn text(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let tag = match f.level {
            Level::Ok => "ok     ",
            Level::Warning => "warning",
            Level::Error => "error  ",
        };
        out.push_str(&format!("{tag}  {}: {}\n", f.what, f.detail));
    }
    out
}
