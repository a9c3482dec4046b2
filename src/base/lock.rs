//! One writer at a time: commands that write the site's bundles or review
//! state (`sync`, `submit`, `approve`…, and `serve` for each change) hold an
//! exclusive lock on `review/.lock/lock` while they work. Not in
//! `review/.cache`, which people may delete at any time: a lock file
//! deleted while held would let a second writer in.
//!
//! A second writer waits for the first to finish (the caller is told, to
//! say so), up
//! to a limit, then gives up with a message naming the process that holds
//! the lock. The lock is the operating system's (`flock`), so a killed
//! process never leaves a stale lock behind. Taking the lock completes
//! the groups of files an interrupted writer left half written
//! ([`journal`](crate::base::journal)).

use crate::base::config::Config;
use crate::base::error::{Error, Result};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How long a writer waits for another by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(600);

/// Held while a command writes; released when dropped.
#[derive(Debug)]
pub struct SiteLock {
    _file: File,
}

/// The lock file of a site: in a folder of its own beside the review
/// state, out of git, that nobody is told to delete.
pub fn path(cfg: &Config) -> PathBuf {
    cfg.state_dir().join(".lock").join("lock")
}

impl SiteLock {
    /// Takes the site's write lock, waiting up to `wait` for another writer;
    /// `waiting` hears once who holds it, when the lock is not free.
    pub fn acquire(cfg: &Config, wait: Duration, waiting: impl FnOnce(&str)) -> Result<SiteLock> {
        let mut waiting = Some(waiting);
        let path = path(cfg);
        let dir = path.parent().expect("lock file has a folder");
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        crate::base::fs::write_if_changed(&dir.join(".gitignore"), "*\n")?;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let start = Instant::now();
        // Looked at again soon at first, then every tenth of a second.
        let mut pause = Duration::from_millis(5);
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {
                    let holder = holder(&mut file);
                    if start.elapsed() >= wait {
                        return Err(Error::Config(format!(
                            "another relais ({holder}) is still writing this site; try again when it has finished"
                        )));
                    }
                    if let Some(tell) = waiting.take() {
                        tell(&holder);
                    }
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(100));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
        }
        let stamp = format!("pid {}\n", std::process::id());
        let written = file
            .set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(stamp.as_bytes()));
        written.map_err(|e| Error::io(&path, e))?;
        // What an interrupted writer left half done is completed first.
        for said in crate::base::journal::recover(&crate::base::journal::dir(&cfg.state_dir()))? {
            tracing::warn!("{said}");
        }
        Ok(SiteLock { _file: file })
    }
}

/// Who holds the lock, as written in the file (`pid 1234`).
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file
        .seek(SeekFrom::Start(0))
        .and_then(|_| file.read_to_string(&mut text));
    let text = text.trim();
    if text.is_empty() {
        "another process".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_gives_up_with_the_holder() {
        let (dir, cfg) = crate::base::config::test_site();
        let first = SiteLock::acquire(&cfg, Duration::ZERO, |_| {}).unwrap();
        let err = SiteLock::acquire(&cfg, Duration::from_millis(200), |_| {})
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("another relais (pid {})", std::process::id())),
            "{err}"
        );
        drop(first);
        assert!(SiteLock::acquire(&cfg, Duration::ZERO, |_| {}).is_ok());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("review/.lock/.gitignore")).unwrap(),
            "*\n"
        );
    }
}
