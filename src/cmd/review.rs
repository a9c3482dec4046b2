//! `relais review`.

use crate::config::Config;
use crate::error::Result;
use crate::paint::{self, Paint, When};
use crate::review::{self, Options};
use crate::state::State;

pub fn run(
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
