//! The source record of a post (`review/fr/posts/<slug>.json`): the ids
//! of its blocks, the French they were made from, and the ids retired, so
//! that ids stay stable across edits and are never reused.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Source side of a post: the ids and the French they were made from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// The post's resource (`posts/<slug>`).
    pub resource: String,
    /// Its blocks in post order, as the last extraction saw them.
    pub blocks: Vec<SourceBlock>,
    /// Ids that once existed in this resource; never minted again.
    #[serde(default)]
    pub retired: BTreeSet<String>,
}

/// One block of the post: its id, and what the id was made from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceBlock {
    /// The block's message id.
    pub id: String,
    /// Its kind prefix (`p`, `h`, `li`, `q`).
    pub kind: String,
    /// Its French as message text (value, then attributes): what the next
    /// extraction compares blocks by.
    pub text: String,
}

impl SourceRecord {
    /// The record now belongs to `resource` (a post renamed).
    pub fn renamed(&mut self, resource: &str) {
        self.resource = resource.to_string();
    }
}
