//! How a resource's text is read: inline Markdown for posts, plain text
//! with Fluent placeables for UI strings, and a post's link reference
//! definitions (which give its `[text][ref]` links their meaning).

/// How a message's text is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Post messages: inline Markdown (plus shortcodes).
    Markdown,
    /// UI strings: plain text with Fluent placeables.
    Plain,
}

/// How a resource's text is read.
#[derive(Clone, Copy, Debug)]
pub struct TextKind<'a> {
    /// Markdown for posts, plain text for UI strings.
    pub syntax: Syntax,
    /// Link reference definitions of the post ("" for UI strings).
    pub ref_defs: &'a str,
}
