//! The text of one Fluent message value or attribute, as relais handles it.
//!
//! A [`Pattern`] is a sequence of literal text and placeables. String-literal
//! placeables that only escape characters (`{"{"}`) are decoded into text, so
//! the text is what a reader sees; every other placeable (`{ $count }`,
//! `{ -brand }`, `{ DATETIME($date) }`, a select expression) is kept as its
//! canonical Fluent source. Reading and writing `.ftl` lives in `ftl`;
//! protecting a pattern for machine translation lives in `protect`.

use serde::{Deserialize, Serialize};

/// One piece of a pattern.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Part {
    /// Literal text, exactly as a reader sees it (no Fluent escapes).
    Text(String),
    /// A placeable's expression in canonical Fluent source, without the
    /// braces: `$count`, `-brand-name`, `DATETIME($date)`, or a whole select
    /// expression (which may span lines).
    Placeable(String),
}

/// A message value or attribute value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Pattern(pub Vec<Part>);

impl Pattern {
    /// A pattern made of literal text only (the shape of every post message).
    pub fn text(s: impl Into<String>) -> Self {
        let s = s.into();
        if s.is_empty() {
            Pattern(Vec::new())
        } else {
            Pattern(vec![Part::Text(s)])
        }
    }

    /// Merges adjacent text parts and drops empty ones, so two patterns that
    /// read the same compare equal.
    pub fn normalized(self) -> Self {
        let mut out: Vec<Part> = Vec::with_capacity(self.0.len());
        for part in self.0 {
            match (out.last_mut(), part) {
                (_, Part::Text(t)) if t.is_empty() => {}
                (Some(Part::Text(prev)), Part::Text(t)) => prev.push_str(&t),
                (_, p) => out.push(p),
            }
        }
        Pattern(out)
    }

    /// The literal text when the pattern has no placeables.
    pub fn as_plain_text(&self) -> Option<String> {
        let mut s = String::new();
        for part in &self.0 {
            match part {
                Part::Text(t) => s.push_str(t),
                Part::Placeable(_) => return None,
            }
        }
        Some(s)
    }

    /// True when some placeable is a select expression (`->` inside).
    pub fn has_select(&self) -> bool {
        self.0
            .iter()
            .any(|p| matches!(p, Part::Placeable(e) if e.contains("->")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_merges_text_and_drops_empty() {
        let p = Pattern(vec![
            Part::Text("a".into()),
            Part::Text(String::new()),
            Part::Text("b".into()),
            Part::Placeable("$x".into()),
        ])
        .normalized();
        assert_eq!(
            p,
            Pattern(vec![Part::Text("ab".into()), Part::Placeable("$x".into())])
        );
        assert_eq!(p.as_plain_text(), None);
    }
}
