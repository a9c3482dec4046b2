//! `relais serve [--addr 127.0.0.1:8737]`.

use relais::base::config::Config;
use relais::base::error::Result;
use relais::serve::{self, Options, tokens};
use std::net::SocketAddr;
use std::time::Duration;

/// How long a change from a page waits for a running `relais sync`.
const LOCK_WAIT: Duration = Duration::from_secs(30);

pub(crate) fn run(cfg: &Config, addr: SocketAddr) -> Result<u8> {
    few_arenas();
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
    super::serve_runtime()?.block_on(serve::run(cfg.clone(), opts, addr, |bound| {
        eprintln!("relais serve: listening on http://{bound}/ for {site} (Ctrl-C stops)");
    }))?;
    Ok(0)
}

/// glibc's allocator gives each thread that allocates at once an arena of
/// its own, up to eight a core, and keeps what each has held: a server
/// whose requests read and free a post's worth of data on many threads
/// grows without end that way (make bench's serve_load: 144 → 471 MiB over
/// 100,000 requests). Two arenas hold its resident memory level
/// (`MALLOC_ARENA_MAX`, when set, decides instead).
fn few_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of the allocator; it is called
    // before the server starts its threads.
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}
