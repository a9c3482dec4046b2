//! Reading and writing the site's files: UTF-8 checked with the position of
//! the first bad byte, BOM removed, and atomic writes (temp file + rename)
//! that leave a file untouched when its content would not change.

use crate::base::error::{Error, Location, Result};
use std::io::Write;
use std::path::Path;

/// The most relais reads of one file of the site: far above any post,
/// bundle or record, and far below what would exhaust the machine.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Reads a text file. A UTF-8 BOM is dropped; invalid UTF-8 is an input
/// error at the line and column of the first bad byte. Only a regular file
/// is read (a device or a FIFO is an input error, never read: `/dev/zero`
/// has no end, a FIFO blocks), and at most [`MAX_FILE_BYTES`] + 1 bytes.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = read_bytes(path)?;
    decode(path, bytes)
}

/// Like [`read_text`], but a missing file is `None`.
pub fn read_text_opt(path: &Path) -> Result<Option<String>> {
    match read_bytes(path) {
        Ok(bytes) => decode(path, bytes).map(Some),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Like [`read_bytes`], but a missing file is `None`.
pub fn read_bytes_opt(path: &Path) -> Result<Option<Vec<u8>>> {
    match read_bytes(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The bytes of a regular file, at most [`MAX_FILE_BYTES`] of them.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::input(
            Location::new(path, 1, 1),
            "not a regular file (a device, a FIFO or a socket): relais reads only files",
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::input(
            Location::new(path, 1, 1),
            format!("the file is over {} MB: refused", MAX_FILE_BYTES >> 20),
        ));
    }
    Ok(bytes)
}

/// Text from bytes read at `path`, as [`read_text`] checks it.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]);
            let loc = Location::at_offset(path, &prefix, good);
            Err(Error::input(
                loc,
                format!("not valid UTF-8 (byte 0x{:02X})", bytes[good]),
            ))
        }
    }
}

/// Writes `contents` atomically unless the file already holds exactly
/// that. Returns whether the file changed.
pub fn write_if_changed(path: &Path, contents: &str) -> Result<bool> {
    if let Ok(old) = std::fs::read(path)
        && old == contents.as_bytes()
    {
        return Ok(false);
    }
    write_atomic(path, contents.as_bytes())?;
    Ok(true)
}

/// The recordings running: an id, the folder they watch, what was written
/// or removed under it (a site's writers take its lock, one at a time).
type Recordings = Vec<(u64, std::path::PathBuf, Vec<std::path::PathBuf>)>;
static RECORDINGS: std::sync::Mutex<Recordings> = std::sync::Mutex::new(Vec::new());

fn recordings() -> std::sync::MutexGuard<'static, Recordings> {
    RECORDINGS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Notes every file written or removed under a folder (a site's root)
/// from now until it is finished, from any thread: what one change of the
/// site touched, for its commit.
pub struct Recording(u64);

impl Recording {
    /// Starts noting what is written under `root`.
    pub fn start(root: &Path) -> Recording {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        recordings().push((id, root.to_path_buf(), Vec::new()));
        Recording(id)
    }

    /// The files written or removed, each once, in the order first touched.
    pub fn finish(self) -> Vec<std::path::PathBuf> {
        let mut all = recordings();
        let Some(at) = all.iter().position(|(id, _, _)| *id == self.0) else {
            return Vec::new();
        };
        let (_, _, files) = all.remove(at);
        let mut out = Vec::new();
        for p in files {
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        recordings().retain(|(id, _, _)| *id != self.0);
    }
}

/// Notes a file changed some other way (renamed) for the [`Recording`]s
/// that watch its folder.
pub fn note(path: &Path) {
    for (_, root, files) in recordings().iter_mut() {
        if path.starts_with(root.as_path()) {
            files.push(path.to_path_buf());
        }
    }
}

/// Writes through a temporary file in the same folder, then renames it over
/// the target, so a reader never sees half a file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    note(path);
    let tmp = temp_beside(path)?;
    let result = (|| {
        #[cfg(feature = "fault-injection")]
        fault::before_write()?;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Writes `contents` to a new temporary file beside `path`, not synced
/// (see [`crate::base::journal::Batch`]); returns its path.
pub fn write_unsynced(path: &Path, contents: &[u8]) -> Result<std::path::PathBuf> {
    let tmp = temp_beside(path)?;
    write_unsynced_as(&tmp, contents).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })?;
    Ok(tmp)
}

/// Writes `contents` to `path`, created or truncated, not synced.
pub fn write_unsynced_as(path: &Path, contents: &[u8]) -> Result<()> {
    (|| {
        #[cfg(feature = "fault-injection")]
        fault::before_write()?;
        std::fs::File::create(path)?.write_all(contents)
    })()
    .map_err(|e| Error::io(path, e))
}

/// Renames `tmp` over `path` (a change of the site, for the
/// [`Recording`]s).
pub fn rename_into(tmp: &Path, path: &Path) -> Result<()> {
    note(path);
    std::fs::rename(tmp, path).map_err(|e| Error::io(path, e))
}

/// Makes everything written to the file system that holds `dir` durable
/// (`syncfs`): one flush for many files.
pub fn sync_fs(dir: &Path) -> Result<()> {
    use std::os::fd::AsRawFd;
    let d = std::fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
    // SAFETY: `d` is an open descriptor for the duration of the call.
    match unsafe { libc::syncfs(d.as_raw_fd()) } {
        0 => Ok(()),
        _ => Err(Error::io(dir, std::io::Error::last_os_error())),
    }
}

/// A new temporary file's name beside `path` (its folder created):
/// hidden, unique per process and per write (`serve` writes from several
/// threads).
fn temp_beside(path: &Path) -> Result<std::path::PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Ok(dir.join(format!(".{name}.{}-{n}.tmp", std::process::id())))
}

/// Makes the names of `dir`'s entries durable (after a rename in it).
pub fn sync_dir(dir: &Path) -> Result<()> {
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))
}

/// Injected write failures, for the fault-injection test only (cargo
/// feature `fault-injection`, which `make test` turns on; never in a
/// release): with `RELAIS_FAIL_WRITES_FROM=N`, the Nth file write of the
/// process and every later one fail as on a full disk (ENOSPC).
#[cfg(feature = "fault-injection")]
mod fault {
    use std::sync::atomic::{AtomicU64, Ordering};

    pub(super) fn before_write() -> std::io::Result<()> {
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let n = COUNT.fetch_add(1, Ordering::SeqCst) + 1;
        let from = std::env::var("RELAIS_FAIL_WRITES_FROM")
            .ok()
            .and_then(|v| v.parse::<u64>().ok());
        match from {
            Some(from) if n >= from => Err(std::io::Error::from_raw_os_error(28)), // ENOSPC
            _ => Ok(()),
        }
    }
}

/// Removes a file if it exists. Returns whether it existed.
pub fn remove_if_exists(path: &Path) -> Result<bool> {
    note(path);
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Files under `dir` (recursively) whose name ends with `ext`, as paths
/// relative to `dir` with `/` separators, sorted. A missing folder is empty.
pub fn list_files(dir: &Path, ext: &str) -> Result<Vec<String>> {
    list_files_in(dir, ext, &|_| true)
}

/// [`list_files`] going down only into the folders (relative paths, `/`
/// separators) `descend` accepts.
pub fn list_files_in(dir: &Path, ext: &str, descend: &dyn Fn(&str) -> bool) -> Result<Vec<String>> {
    let mut out = Vec::new();
    walk(dir, dir, ext, descend, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(
    root: &Path,
    dir: &Path,
    ext: &str,
    descend: &dyn Fn(&str) -> bool,
    out: &mut Vec<String>,
) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        // The kind the folder listing gives (no stat), a link followed.
        let is_dir = match entry.file_type() {
            Ok(t) if !t.is_symlink() => t.is_dir(),
            _ => path.is_dir(),
        };
        let rel = || {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
            parts.join("/")
        };
        if is_dir {
            if descend(&rel()) {
                walk(root, &path, ext, descend, out)?;
            }
        } else if name.ends_with(ext) {
            out.push(rel());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        std::fs::write(&path, b"ok\nab\xffc").unwrap();
        let err = read_text(&path).unwrap_err().to_string();
        assert!(
            err.ends_with("x.md:2:3: not valid UTF-8 (byte 0xFF)"),
            "{err}"
        );
    }

    #[test]
    fn bom_is_dropped_and_unchanged_content_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.txt");
        assert!(write_if_changed(&path, "\u{feff}x").unwrap());
        assert_eq!(read_text(&path).unwrap(), "x");
        assert!(!write_if_changed(&path, "\u{feff}x").unwrap());
        assert!(write_if_changed(&path, "y").unwrap());
    }
}
