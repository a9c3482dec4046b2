//! What every stage stands on: error types, `relais.toml`, reading and
//! writing the site's files, the site's write lock, and the parallel map.
//!
//! Nothing here knows of posts, Fluent, engines or review.

pub mod clock;
pub mod config;
pub mod digest;
pub mod error;
pub mod fs;
pub mod git;
pub mod journal;
pub mod lock;
pub mod par;
pub mod store;
