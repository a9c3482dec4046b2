//! Review: the state relais keeps of every message ([`state`]), the one
//! place a record changes ([`record`]), the site as review commands see it
//! ([`view`]), what people decide and edit, and what they are shown
//! (status, report, diffs, distances, stats, preview).
//!
//! Nothing here calls an engine, except [`ask`], at a person's request.

pub mod ask;
pub mod comment;
pub mod decide;
pub mod diff;
pub mod distance;
pub mod edit;
pub mod fuzzy;
pub mod memory;
pub mod paint;
pub mod preview;
pub mod record;
pub mod report;
pub mod search;
pub mod stamp;
pub mod state;
pub mod stats;
pub mod status;
pub mod view;
