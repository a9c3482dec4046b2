//! The French side: a post file ([`post`]) cut into blocks ([`segment`]),
//! given stable ids ([`ids`]) and extracted into French messages
//! ([`extract`]); every source resource read ([`read`]); a writer's draft
//! checked and placed ([`submit`]); the files of a post's page bundle
//! ([`assets`]).
//!
//! Nothing here translates, checks a translation or reads review state.

pub mod assets;
pub mod extract;
pub mod ids;
pub mod kind;
pub mod post;
pub mod read;
pub mod record;
pub mod segment;
pub mod submit;
