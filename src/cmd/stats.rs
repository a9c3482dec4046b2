//! `relais stats`.

use relais::base::config::Config;
use relais::base::error::Result;
use relais::review::stats;

pub(crate) fn run(cfg: &Config, resources: &[String], messages: bool, json: bool) -> Result<u8> {
    let st = stats::stats(cfg, resources);
    super::report(&st.errors, json, &st, |st| stats::render(st, messages));
    Ok(u8::from(!st.errors.is_empty()))
}
