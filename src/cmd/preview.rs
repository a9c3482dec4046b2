//! `relais preview RESOURCE --locale L`: a post as it reads in a locale
//! right now, whatever the review state.

use relais::base::config::Config;
use relais::base::error::Result;

pub(crate) fn run(cfg: &Config, resource: &str, locale: &str) -> Result<u8> {
    let locale = super::parse_locales(cfg, &[locale.to_string()])?.remove(0);
    let p = relais::review::preview::post(cfg, resource, &locale)?;
    super::print_out(&format!("{}{}", p.front_matter, p.body));
    Ok(0)
}
