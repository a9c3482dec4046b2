//! `relais review`.

use relais::base::config::Config;
use relais::base::error::Result;
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
}

pub(crate) fn run(cfg: &Config, what: &What, color: When, json: bool) -> Result<u8> {
    let opts = Options {
        resources: what.resources.to_vec(),
        locales: super::parse_locales(cfg, what.locales)?,
        states: what.states.to_vec(),
        history: what.history,
        memory: what.memory,
    };
    let report = review::review(cfg, &opts);
    let paint = Paint {
        color: paint::use_color(color),
    };
    super::report(&report.errors, json, &report, |r| {
        review::text::render(r, paint)
    });
    Ok(u8::from(!report.errors.is_empty()))
}
