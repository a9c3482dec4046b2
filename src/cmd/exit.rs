//! Exit codes, as the README documents them: 0 done, 1 findings (bad
//! input, refused decisions), 2 usage or configuration, 3 an engine
//! stopped the run. The library reports; only the binary decides how the
//! process ends.

use relais::base::error::Error;
use relais::check::doctor::{self, Level};
use relais::check::site;
use relais::review::{decide, status};
use relais::sync;

/// The code an error stands for.
pub(crate) fn of_error(e: &Error) -> u8 {
    match e {
        Error::Input { .. } => 1,
        Error::Config(_) | Error::Io { .. } => 2,
        Error::Engine(_) => 3,
    }
}

/// 2 over 3 over 1.
pub(crate) fn of_sync(r: &sync::Report) -> u8 {
    if r.config_error {
        2
    } else if r.engine_error.is_some() {
        3
    } else {
        u8::from(!r.errors.is_empty())
    }
}

/// 1 when something was refused or a file could not be read.
pub(crate) fn of_decision(r: &decide::Report) -> u8 {
    u8::from(!r.skipped.is_empty() || !r.errors.is_empty())
}

/// 1 when a check of the doctor failed.
pub(crate) fn of_doctor(r: &doctor::Report) -> u8 {
    u8::from(r.findings.iter().any(|f| f.level == Level::Error))
}

/// 1 when a file could not be read.
pub(crate) fn of_status(s: &status::Status) -> u8 {
    u8::from(!s.errors.is_empty())
}

/// 1 on errors, or on warnings too when `strict`.
pub(crate) fn of_check(r: &site::Report, strict: bool) -> u8 {
    u8::from(r.errors > 0 || (strict && r.warnings > 0))
}
