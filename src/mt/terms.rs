//! Glossary terms an engine must not translate on its own: the matcher
//! [`Terms`].
//!
//! It compiles the terms into one regex (whole words, case-sensitive,
//! longest first) and knows what each restores as. It does not read the
//! glossary (`mt::glossary` does) nor choose where terms are looked for
//! (`mt::protect` asks only in translatable text).

use std::sync::Arc;

use regex::Regex;

/// Glossary terms an engine must not translate on its own: whole words
/// (or phrases), case-sensitive, longest first, each with what it restores
/// as.
///
/// Cheap to clone, and clones share one compiled regex *and its search
/// caches*: a cloned `Regex` starts with empty caches, and rebuilding its
/// lazy DFA for every text protected was most of the time of a dry run.
#[derive(Clone, Debug, Default)]
pub struct Terms {
    /// All terms as one alternation; `None` when there are none.
    regex: Option<Arc<Regex>>,
    /// What each term restores as.
    replacements: Arc<std::collections::HashMap<String, String>>,
}

impl Terms {
    /// `entries`: (term in the source, what it becomes in the target).
    pub fn new(entries: &[(String, String)]) -> Terms {
        let mut terms: Vec<&String> = entries
            .iter()
            .map(|(t, _)| t)
            .filter(|t| !t.is_empty())
            .collect();
        if terms.is_empty() {
            return Terms::default();
        }
        terms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let alternatives: Vec<String> = terms
            .iter()
            .map(|t| {
                let start = if word(t.chars().next()) { r"\b" } else { "" };
                let end = if word(t.chars().last()) { r"\b" } else { "" };
                format!("{start}{}{end}", regex::escape(t))
            })
            .collect();
        Terms {
            regex: Some(Arc::new(
                Regex::new(&alternatives.join("|")).expect("escaped terms"),
            )),
            replacements: Arc::new(entries.iter().cloned().collect()),
        }
    }

    /// Every term found in `text`, in order: where it is, and what it
    /// restores as.
    pub fn matches<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (std::ops::Range<usize>, &'a str)> + 'a {
        self.regex
            .iter()
            .flat_map(move |re| re.find_iter(text))
            .map(move |m| (m.range(), self.replacements[m.as_str()].as_str()))
    }

    /// What protection with these terms depends on: the terms matched
    /// and, with `restored`, what each restores as. Two `Terms` of equal
    /// keys protect a text into the same engine text (and, with
    /// `restored`, the same pieces).
    pub fn key(&self, restored: bool) -> String {
        let mut key = self
            .regex
            .as_ref()
            .map_or(String::new(), |re| re.as_str().to_string());
        if restored {
            let mut pairs: Vec<_> = self.replacements.iter().collect();
            pairs.sort();
            for (term, out) in pairs {
                key.push_str(&format!("\u{0}{term}\u{0}{out}"));
            }
        }
        key
    }

    /// Whether there is no term (none given, or only empty ones).
    pub fn is_empty(&self) -> bool {
        self.regex.is_none()
    }

    /// The terms found in `text`, in order, each time it occurs.
    pub fn find<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.regex
            .as_ref()
            .map(|re| re.find_iter(text).map(|m| m.as_str()).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_match_whole_words_and_case() {
        let t = Terms::new(&[
            ("KEOOGO".into(), "KEOOGO".into()),
            ("Dispensaire Trottoir".into(), "Dispensaire Trottoir".into()),
            ("Dispensaire".into(), "Dispensaire".into()),
        ]);
        assert_eq!(
            t.find("KEOOGOS keoogo Dispensaires _KEOOGO"),
            Vec::<&str>::new()
        );
        assert_eq!(
            t.find("(KEOOGO) Dispensaire Trottoir."),
            ["KEOOGO", "Dispensaire Trottoir"]
        );
        let found: Vec<_> = t.matches("à KEOOGO").collect();
        assert_eq!(found, [(3..9, "KEOOGO")]);
        assert!(Terms::new(&[]).is_empty());
    }

    #[test]
    fn keys_tell_terms_that_protect_alike() {
        let en = Terms::new(&[("droits".into(), "rights".into())]);
        let es = Terms::new(&[("droits".into(), "derechos".into())]);
        let other = Terms::new(&[("devoirs".into(), "duties".into())]);
        // The same French terms make the same engine text…
        assert_eq!(en.key(false), es.key(false));
        assert_ne!(en.key(false), other.key(false));
        // …but restore differently.
        assert_ne!(en.key(true), es.key(true));
        assert_eq!(en.key(true), en.clone().key(true));
        assert_eq!(Terms::default().key(true), Terms::new(&[]).key(true));
    }
}
