//! `relais stats`.

use crate::config::Config;
use crate::error::Result;
use crate::stats;

pub fn run(cfg: &Config, resources: &[String], messages: bool, json: bool) -> Result<u8> {
    let st = stats::stats(cfg, resources);
    super::report(&st.errors, json, &st, |st| stats::render(st, messages));
    Ok(u8::from(!st.errors.is_empty()))
}
