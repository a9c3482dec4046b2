//! Fluent as relais reads and writes it: `.ftl` syntax ([`ftl`]), the
//! text of a message value ([`pattern`]), what a pattern refers to
//! ([`refs`]), a message's normalised and readable text ([`text`]) and whether a bundle loads in fluent-bundle ([`load`]).
//!
//! Nothing here knows of posts, engines or review.

pub mod ftl;
pub mod load;
pub mod pattern;
pub mod refs;
pub mod text;
