//! `relais sync`.

use crate::config::Config;
use crate::error::Result;
use crate::sync::{self, Options, Report};

pub fn run(
    cfg: &Config,
    resources: &[String],
    locales: &[String],
    dry_run: bool,
    json: bool,
) -> Result<u8> {
    let opts = Options {
        resources: resources.to_vec(),
        locales: super::parse_locales(cfg, locales)?,
        dry_run,
    };
    let report = super::runtime()?.block_on(sync::run(cfg, &opts));
    print(&report, json);
    Ok(report.exit_code())
}

fn print(report: &Report, json: bool) {
    for e in &report.errors {
        eprintln!("error: {e}");
    }
    if let Some(e) = &report.engine_error {
        eprintln!("error: {e}");
        eprintln!(
            "  {} translation(s) left for the next `relais sync`; everything finished so far is kept",
            report.left
        );
    }
    if json {
        super::print_json(report);
        return;
    }
    if report.dry_run {
        let mut out = String::from("would send (nothing sent):\n");
        for e in &report.estimate {
            out.push_str(&format!(
                "  {:<4} {:<15} {:>6} segments {:>9} characters\n",
                e.locale, e.engine, e.segments, e.characters
            ));
        }
        super::print_out(&out);
        return;
    }
    let mut out = format!(
        "{} translated, {} reused, {} invalid; {} requests, {} characters sent; {} files written",
        report.translated,
        report.reused,
        report.invalid,
        report.requests,
        report.characters,
        report.written.len() + report.removed.len()
    );
    out.push('\n');
    super::print_out(&out);
}
