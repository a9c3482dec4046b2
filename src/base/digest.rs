//! Short content hashes: how relais tells that a text changed (review
//! state, the DeepL glossary it made) without keeping the text twice.

use sha2::{Digest, Sha256};

/// Short content hash of a message's normalised text.
pub fn hash(text: &str) -> String {
    hash_bytes(text.as_bytes())
}

/// Short content hash of a file's bytes.
pub fn hash_bytes(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    hex::encode(&digest[..8])
}
