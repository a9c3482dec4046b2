//! Machine translation: a message's pieces that must survive protected
//! ([`protect`]) and cut into segments ([`units`]), the site's glossary,
//! the engines and their shared cache ([`engine`]), the translation phase
//! of a sync ([`translate`]), budgets and usage, and target typography.
//!
//! Nothing here reads review state or decides what a person sees.

pub mod budget;
pub mod engine;
pub mod glossary;
pub mod protect;
pub mod terms;
pub mod translate;
pub mod typography;
pub mod units;
pub mod usage;
