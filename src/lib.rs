//! relais: French posts → Fluent source → machine translation → reviewed
//! target bundles → export for the site build.
//!
//! The folders are the stages, in the order the data flows, and each
//! depends only on those listed before it (`tests/architecture.rs` holds
//! this):
//!
//! - [`base`]: errors, configuration, files, the write lock, parallel maps;
//! - [`fluent`]: reading and writing `.ftl`, message texts and references;
//! - [`source`]: a French post → blocks → ids → its French messages;
//! - [`mt`]: protected text, glossary, engines, the translation cache;
//! - [`check`]: a translation checked against its French, and the site;
//! - [`review`]: review state, what people see and decide;
//! - [`sync`]: the run that plans, translates and applies;
//! - [`export`]: what the site build gets (approved text only);
//! - [`serve`]: the browser pages and the pull API.
//!
//! The command line (`cli`, `cmd`) is the binary's, in `main.rs`: the
//! library returns reports and errors, prints nothing and chooses no exit
//! code.

pub mod base;
pub mod check;
pub mod export;
pub mod fluent;
pub mod mt;
pub mod review;
pub mod serve;
pub mod source;
pub mod sync;
