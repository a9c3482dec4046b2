//! Writing the export: into a temporary folder beside `DIR`, swapped in
//! only when every resource was built and verified, so `DIR` is either the
//! previous export or the new one, never a mix.

use super::{ExportError, Options, Report, build_with};
use crate::base::config::Config;
use crate::base::error::Error;
use std::path::Path;

/// Builds, verifies and writes the export: each resource's files are
/// written into a temporary folder beside `out` as soon as they are built
/// and verified (memory does not grow with the site), and the folder is
/// swapped in only when everything passed: `out` is either the previous
/// export or the new one, never a mix.
pub fn export(cfg: &Config, opts: &Options) -> Result<Report, ExportError> {
    let out = &opts.out;
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("export");
    let tmp = parent.join(format!(".{name}.new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    // The temporary folder is invisible until the rename, so files in it
    // need no rename of their own. They are not fsynced either: an export
    // is derived data that the next run rebuilds, and thousands of fsyncs
    // made it I/O-bound (the site's own files, bundles and state, are).
    let put = |rel: &str, bytes: &[u8]| {
        let path = tmp.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    };
    let built = build_with(cfg, opts.min_complete, opts.layout, &put).and_then(|mut report| {
        report.out = out.display().to_string();
        swap(&tmp, &old, out)?;
        Ok(report)
    });
    if built.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    built
}

/// Puts the folder `tmp` in the place of `out` (moved aside to `old`,
/// then removed).
fn swap(tmp: &Path, old: &Path, out: &Path) -> crate::base::error::Result<()> {
    if out.exists() {
        std::fs::rename(out, old).map_err(|e| Error::io(out, e))?;
    }
    std::fs::rename(tmp, out).map_err(|e| Error::io(out, e))?;
    let _ = std::fs::remove_dir_all(old);
    Ok(())
}
