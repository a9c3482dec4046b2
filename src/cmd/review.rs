//! `relais review`.

use relais::base::config::Config;
use relais::base::error::Result;
use relais::review::ask;
use relais::review::paint::{self, Paint, When};
use relais::review::report::{self as review, Options};
use relais::review::state::State;

/// What `relais review` lists.
pub(crate) struct What<'a> {
    pub(crate) resources: &'a [String],
    pub(crate) locales: &'a [String],
    pub(crate) states: &'a [State],
    pub(crate) history: bool,
    pub(crate) memory: bool,
    /// `--suggest NAME`: ask that `[suggest]` engine about the messages
    /// listed first (the caller holds the write lock).
    pub(crate) suggest: Option<&'a str>,
}

pub(crate) fn run(cfg: &Config, what: &What, color: When, json: bool) -> Result<u8> {
    let opts = Options {
        resources: what.resources.to_vec(),
        locales: super::parse_locales(cfg, what.locales)?,
        states: what.states.to_vec(),
        history: what.history,
        memory: what.memory,
    };
    let asked = match what.suggest {
        Some(name) => ask(cfg, &opts, name)?,
        None => Vec::new(),
    };
    let mut report = review::review(cfg, &opts);
    report.asked = asked;
    let paint = Paint {
        color: paint::use_color(color),
    };
    super::report(&report.errors, json, &report, |r| {
        review::text::render(r, paint)
    });
    Ok(u8::from(!report.errors.is_empty()))
}

/// Asks engine `name` about every message the report lists, one request
/// set per resource and locale.
fn ask(cfg: &Config, opts: &Options, name: &str) -> Result<Vec<ask::Outcome>> {
    let listed = review::review(cfg, opts);
    let mut groups: Vec<((String, String), Vec<String>)> = Vec::new();
    for item in listed.items {
        let key = (item.resource, item.locale);
        match groups.last_mut() {
            Some((k, ids)) if *k == key => ids.push(item.id),
            _ => groups.push((key, vec![item.id])),
        }
    }
    let by = super::decide::reviewer(cfg, None).ok_or_else(|| {
        relais::base::error::Error::Config(
            "who asks? RELAIS_REVIEWER, or git config user.name".into(),
        )
    })?;
    let runtime = super::runtime()?;
    let mut out = Vec::new();
    for ((resource, locale), ids) in groups {
        let req = ask::Request {
            resource,
            locale: locale.parse().expect("a locale of the report"),
            ids,
            name: name.to_string(),
            by: by.clone(),
        };
        let done = runtime.block_on(ask::run(cfg, &req))?;
        eprintln!(
            "{} ({}): {} answered by {name}, {} already known, {} refused",
            done.resource,
            done.locale,
            done.answered.len(),
            done.known.len(),
            done.refused.len()
        );
        out.push(done);
    }
    Ok(out)
}
