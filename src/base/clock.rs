//! The time relais writes in records and history: RFC 3339, UTC, to the
//! second.

/// The current time as RFC 3339 UTC, to the second.
pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}
