//! `relais status`.

use relais::base::config::Config;
use relais::base::error::Result;
use relais::review::state::State;
use relais::review::status::{self, Status};

pub(crate) fn run(cfg: &Config, resources: &[String], json: bool) -> Result<u8> {
    let mut st = status::status(cfg, resources);
    st.usage = super::runtime()?.block_on(relais::mt::usage::deepl(cfg));
    for u in &st.usage {
        if let Some(e) = &u.error {
            eprintln!(
                "warning: DeepL usage unknown ({}): {e}",
                u.locales.join(", ")
            );
        }
    }
    super::report(&st.errors, json, &st, |st| {
        format!("{}{}", table(st), usage_lines(st))
    });
    Ok(super::exit::of_status(&st))
}

/// `DeepL (en, es): 12345 of 500000 characters used, 487655 left`.
fn usage_lines(st: &Status) -> String {
    let mut out = String::new();
    for u in &st.usage {
        if let (Some(count), Some(limit), Some(left)) =
            (u.character_count, u.character_limit, u.characters_left)
        {
            out.push_str(&format!(
                "\nDeepL ({}): {count} of {limit} characters used this billing period, {left} left\n",
                u.locales.join(", ")
            ));
        }
    }
    out
}

/// A plain table, one row per resource and locale.
pub(crate) fn table(st: &Status) -> String {
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
