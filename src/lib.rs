//! relais: French posts → Fluent source → machine translation → reviewed
//! target bundles. Modules are listed in the order the data flows.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod decide;
pub mod diff;
pub mod distance;
pub mod engine;
pub mod error;
pub mod export;
pub mod extract;
pub mod fs;
pub mod ftl;
pub mod glossary;
pub mod ids;
pub mod lock;
pub mod memory;
pub mod paint;
pub mod par;
pub mod pattern;
pub mod post;
pub mod protect;
pub mod review;
pub mod segment;
pub mod source;
pub mod state;
pub mod stats;
pub mod status;
pub mod sync;
pub mod translate;
pub mod typography;
pub mod units;
pub mod usage;
pub mod view;
