//! `relais check`.

use relais::base::config::Config;
use relais::base::error::Result;
use relais::check::site;

pub(crate) fn run(cfg: &Config, locales: &[String], strict: bool, json: bool) -> Result<u8> {
    let locales = super::parse_locales(cfg, locales)?;
    let report = site::check_site(cfg, &locales);
    if json {
        super::print_json(&report);
    } else {
        let mut out = String::new();
        for d in &report.diagnostics {
            out.push_str(&format!("{d}\n"));
        }
        out.push_str(&format!(
            "{} files checked: {} errors, {} warnings\n",
            report.files, report.errors, report.warnings
        ));
        super::print_out(&out);
    }
    Ok(super::exit::of_check(&report, strict))
}
