//! `glossary.toml` at the site root: terms engines must not translate
//! (organisation and place names) and fixed translations per locale.
//!
//! ```toml
//! keep = ["PARTAGE", "KEOOGO", "Bobo-Dioulasso"]
//!
//! [fixed.en]
//! "Journée internationale des droits de l'enfant" = "World Children's Day"
//! ```
//!
//! Terms are whole words or phrases, case-sensitive (`PARTAGE` the
//! organisation, not `partage` the verb). DeepL gets them as a glossary
//! (`engine::deepl`); other engines get them protected as `<x/>` elements
//! (`mt::terms`). After translation, a do-not-translate term of the
//! French must be in the translation as written ([`Glossary::violations`]).
//!
//! What it does not do: inflect, or check fixed translations after the
//! fact (an engine may legitimately decline them).

use crate::base::error::{Error, Location, Result};
use crate::mt::terms::Terms;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;
use unic_langid::LanguageIdentifier;

/// The glossary file, at the site root (optional).
pub const FILE_NAME: &str = "glossary.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    keep: Vec<String>,
    #[serde(default)]
    fixed: BTreeMap<String, BTreeMap<String, String>>,
}

/// The glossary of a site; empty when the site has no `glossary.toml`.
#[derive(Clone, Debug, Default)]
pub struct Glossary {
    keep: Vec<String>,
    /// Locale → French term → translation.
    fixed: BTreeMap<String, BTreeMap<String, String>>,
    /// `keep`, compiled once: every message checked for violations would
    /// compile it again.
    keep_terms: Terms,
}

impl PartialEq for Glossary {
    fn eq(&self, other: &Self) -> bool {
        self.keep == other.keep && self.fixed == other.fixed
    }
}

impl Glossary {
    /// Reads `glossary.toml` in `root`, if there is one.
    pub fn load(root: &Path) -> Result<Glossary> {
        let path = root.join(FILE_NAME);
        match crate::base::fs::read_text_opt(&path)? {
            None => Ok(Glossary::default()),
            Some(text) => Glossary::parse(Path::new(FILE_NAME), &text),
        }
    }

    /// Parses the text of a glossary file; errors name `path:line:col`.
    pub fn parse(path: &Path, text: &str) -> Result<Glossary> {
        // The first `needle` after byte `after`, for error positions.
        let bad = |needle: &str, after: usize, msg: String| {
            let offset = text[after..].find(needle).map_or(after, |i| after + i);
            Error::input(Location::at_offset(path, text, offset), msg)
        };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            Error::input(Location::at_offset(path, text, offset), e.message())
        })?;
        let mut seen = std::collections::BTreeSet::new();
        for term in &raw.keep {
            let quoted = format!("\"{term}\"");
            check_term(term).map_err(|m| bad(&quoted, 0, m))?;
            if !seen.insert(term.as_str()) {
                let second = text.find(&quoted).map_or(0, |i| i + 1);
                return Err(bad(&quoted, second, format!("`{term}` is listed twice")));
            }
        }
        for (locale, entries) in &raw.fixed {
            let header = format!("fixed.{locale}");
            let body = text.find(&header).map_or(0, |h| h + header.len());
            if locale.parse::<LanguageIdentifier>().is_err() {
                return Err(bad(locale, 0, format!("`{locale}` is not a locale")));
            }
            for (from, to) in entries {
                check_term(from)
                    .and_then(|()| check_term(to))
                    .map_err(|m| bad(from, body, m))?;
                if seen.contains(from.as_str()) {
                    return Err(bad(
                        from,
                        body,
                        format!("`{from}` is both in `keep` and a fixed translation for {locale}"),
                    ));
                }
            }
        }
        let keep: Vec<(String, String)> = raw.keep.iter().map(|t| (t.clone(), t.clone())).collect();
        Ok(Glossary {
            keep: raw.keep,
            fixed: raw.fixed,
            keep_terms: Terms::new(&keep),
        })
    }

    /// Whether it has no do-not-translate term and no fixed translation, as
    /// for a site without `glossary.toml`.
    pub fn is_empty(&self) -> bool {
        self.keep.is_empty() && self.fixed.values().all(BTreeMap::is_empty)
    }

    /// (French, target) pairs for a locale, sorted: do-not-translate terms
    /// map to themselves.
    pub fn entries(&self, locale: &LanguageIdentifier) -> Vec<(String, String)> {
        let fixed = self
            .fixed
            .get(&locale.to_string())
            .or_else(|| self.fixed.get(locale.language.as_str()));
        let mut out: Vec<(String, String)> = self
            .keep
            .iter()
            .map(|t| (t.clone(), t.clone()))
            .chain(
                fixed
                    .into_iter()
                    .flatten()
                    .map(|(a, b)| (a.clone(), b.clone())),
            )
            .collect();
        out.sort();
        out
    }

    /// The entries as DeepL's TSV (`source\ttarget` lines).
    pub fn tsv(&self, locale: &LanguageIdentifier) -> String {
        self.entries(locale)
            .iter()
            .map(|(a, b)| format!("{a}\t{b}\n"))
            .collect()
    }

    /// A short hash of a locale's entries; "" when it has none.
    pub fn version(&self, locale: &LanguageIdentifier) -> String {
        let tsv = self.tsv(locale);
        if tsv.is_empty() {
            return String::new();
        }
        hex::encode(&Sha256::digest(tsv.as_bytes())[..8])
    }

    /// The do-not-translate terms, as written.
    pub fn keep(&self) -> &[String] {
        &self.keep
    }

    /// The terms to protect for an engine without glossaries.
    pub fn terms(&self, locale: &LanguageIdentifier) -> Terms {
        Terms::new(&self.entries(locale))
    }

    /// Do-not-translate terms of `source` that `target` lost.
    pub fn violations(&self, source: &str, target: &str) -> Vec<String> {
        let terms = &self.keep_terms;
        let mut found = None;
        let mut out: Vec<String> = Vec::new();
        for term in terms.find(source) {
            let found = found.get_or_insert_with(|| terms.find(target));
            let msg = term.to_string();
            if !found.contains(&term) && !out.contains(&msg) {
                out.push(msg);
            }
        }
        out
    }
}

fn check_term(term: &str) -> std::result::Result<(), String> {
    if term.trim().is_empty() {
        return Err("a term cannot be empty".into());
    }
    if term.trim() != term {
        return Err(format!("`{term}`: no spaces around a term"));
    }
    if term.chars().any(char::is_control) {
        return Err(format!(
            "`{}`: no tabs, line breaks or control characters in a term",
            term.escape_debug()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"keep = ["KEOOGO", "Bobo-Dioulasso"]

[fixed.en]
"droits de l'enfant" = "children's rights"
"#;

    fn en() -> LanguageIdentifier {
        "en".parse().unwrap()
    }

    #[test]
    fn entries_per_locale_and_version() {
        let g = Glossary::parse(Path::new("glossary.toml"), SAMPLE).unwrap();
        assert_eq!(
            g.tsv(&en()),
            "Bobo-Dioulasso\tBobo-Dioulasso\nKEOOGO\tKEOOGO\ndroits de l'enfant\tchildren's rights\n"
        );
        let es: LanguageIdentifier = "es".parse().unwrap();
        assert_eq!(g.entries(&es).len(), 2);
        assert_ne!(g.version(&en()), g.version(&es));
        assert_eq!(Glossary::default().version(&en()), "");
        let us: LanguageIdentifier = "en-US".parse().unwrap();
        assert_eq!(
            g.entries(&us).len(),
            3,
            "a regional locale uses its language"
        );
    }

    #[test]
    fn lost_do_not_translate_terms_are_violations() {
        let g = Glossary::parse(Path::new("glossary.toml"), SAMPLE).unwrap();
        assert!(
            g.violations("KEOOGO à Bobo-Dioulasso", "KEOOGO in Bobo-Dioulasso")
                .is_empty()
        );
        assert_eq!(
            g.violations("KEOOGO à Bobo-Dioulasso", "Keoogo in Bobo-Dioulasso"),
            ["KEOOGO"]
        );
        assert!(
            g.violations("les droits de l'enfant", "child rights")
                .is_empty()
        );
    }

    #[test]
    fn the_sample_site_glossary_parses() {
        let g = Glossary::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let terms: Vec<String> = g.entries(&en()).into_iter().map(|(a, _)| a).collect();
        for t in [
            "PARTAGE",
            "KEOOGO",
            "MAEECHA",
            "RACINES",
            "INEPE",
            "Ouagadougou",
        ] {
            assert!(terms.contains(&t.to_string()), "{t}");
        }
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = Glossary::parse(Path::new("glossary.toml"), "keep = [\"A\", \"A\"]\n")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "glossary.toml:1:14: `A` is listed twice");
        let err = Glossary::parse(
            Path::new("glossary.toml"),
            "keep = [\"A\"]\n[fixed.en]\nA = \"B\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("glossary.toml:3:1: `A` is both"), "{err}");
        let err = Glossary::parse(Path::new("glossary.toml"), "kept = []\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("glossary.toml:1:1"), "{err}");
        let err = Glossary::parse(Path::new("glossary.toml"), "keep = [\"a\\tb\"]\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("no tabs"), "{err}");
    }
}
