//! The source record of a post (`review/fr/posts/<slug>.json`): the ids
//! of its blocks, the French they were made from, and the ids retired, so
//! that ids stay stable across edits and are never reused.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Source side of a post: the ids and the French they were made from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceRecord {
    pub resource: String,
    pub blocks: Vec<SourceBlock>,
    /// Ids that once existed in this resource; never minted again.
    #[serde(default)]
    pub retired: BTreeSet<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceBlock {
    pub id: String,
    pub kind: String,
    pub text: String,
}

impl SourceRecord {
    /// The record now belongs to `resource` (a post renamed).
    pub fn renamed(&mut self, resource: &str) {
        self.resource = resource.to_string();
    }
}
