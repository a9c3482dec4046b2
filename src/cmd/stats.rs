//! `relais stats`.

use crate::config::Config;
use crate::error::Result;
use crate::stats;

pub fn run(cfg: &Config, resources: &[String], messages: bool, json: bool) -> Result<u8> {
    let st = stats::stats(cfg, resources);
    for e in &st.errors {
        eprintln!("error: {e}");
    }
    if json {
        super::print_json(&st);
    } else {
        super::print_out(&stats::render(&st, messages));
    }
    Ok(u8::from(!st.errors.is_empty()))
}
