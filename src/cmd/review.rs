//! `relais review`.

use relais::base::config::Config;
use relais::base::error::Result;
use relais::review::paint::{self, Paint, When};
use relais::review::report::{self as review, Options};
use relais::review::state::State;

pub(crate) fn run(
    cfg: &Config,
    resources: &[String],
    locales: &[String],
    states: &[State],
    color: When,
    json: bool,
) -> Result<u8> {
    let opts = Options {
        resources: resources.to_vec(),
        locales: super::parse_locales(cfg, locales)?,
        states: states.to_vec(),
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
