//! relais: French posts → Fluent source → machine translation → reviewed
//! target bundles. Modules are listed in the order the data flows.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod engine;
pub mod error;
pub mod extract;
pub mod fs;
pub mod ftl;
pub mod glossary;
pub mod ids;
pub mod pattern;
pub mod post;
pub mod protect;
pub mod segment;
pub mod source;
pub mod state;
pub mod status;
pub mod sync;
pub mod translate;
pub mod usage;
