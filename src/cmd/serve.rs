//! `relais serve [--addr 127.0.0.1:8737]`.

use relais::base::config::Config;
use relais::base::error::Result;
use relais::serve::{self, Options, tokens};
use std::net::SocketAddr;
use std::time::Duration;

/// How long a change from a page waits for a running `relais sync`.
const LOCK_WAIT: Duration = Duration::from_secs(30);

pub(crate) fn run(cfg: &Config, addr: SocketAddr) -> Result<u8> {
    let opts = Options {
        tokens: tokens::Sources::from_env(),
        lock_wait: super::lock_wait(LOCK_WAIT),
        timeouts: serve::listen::Timeouts::default(),
    };
    let ring = tokens::Keyring::load(&opts.tokens)?;
    let from = opts
        .tokens
        .file
        .as_ref()
        .map_or("the environment".to_string(), |p| p.display().to_string());
    eprintln!("{} token(s) from {from}", ring.tokens.len());
    if ring.tokens.is_empty() {
        eprintln!("warning: nobody can sign in yet: create a token with `relais token add`");
    }
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: listening beyond this machine ({addr}): put relais behind an HTTPS proxy, tokens and cookies travel in clear otherwise"
        );
    }
    let site = cfg.root.display().to_string();
    super::runtime()?.block_on(serve::run(cfg.clone(), opts, addr, |bound| {
        eprintln!("relais serve: listening on http://{bound}/ for {site} (Ctrl-C stops)");
    }))?;
    Ok(0)
}
