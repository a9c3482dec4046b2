//! `relais status`.

use crate::config::Config;
use crate::error::Result;
use crate::state::State;
use crate::status::{self, Status};

pub fn run(cfg: &Config, resources: &[String], json: bool) -> Result<u8> {
    let st = status::status(cfg, resources);
    super::report(&st.errors, json, &st, table);
    Ok(st.exit_code())
}

/// A plain table, one row per resource and locale.
pub fn table(st: &Status) -> String {
    let width = st
        .resources
        .iter()
        .map(|r| r.resource.len())
        .max()
        .unwrap_or(8)
        .max(8);
    let mut out = format!("{:<width$}  {:<6} {:>5}", "RESOURCE", "LOCALE", "MSGS");
    for s in State::ALL {
        out.push_str(&format!(" {:>8}", s.name()));
    }
    out.push_str("  FINISHED\n");
    for r in &st.resources {
        out.push_str(&format!(
            "{:<width$}  {:<6} {:>5}",
            r.resource, r.locale, r.messages
        ));
        for s in State::ALL {
            out.push_str(&format!(" {:>8}", r.counts[s.name()]));
        }
        let done = if r.draft {
            "draft"
        } else if r.finished {
            "yes"
        } else {
            "no"
        };
        out.push_str(&format!("  {done}\n"));
    }
    out
}
