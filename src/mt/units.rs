//! A message → the segments an engine translates, and the engine's answers
//! → the translated message.
//!
//! The value, every attribute, and every variant of every select
//! expression are translated separately (an engine cannot be trusted with
//! Fluent syntax). Placeables are protected by `protect`; a select is an
//! `<x/>` in the text around it, and its variants are units of their own.
//! A plural select gets the categories the target locale needs: a category
//! the French has keeps its variant, a missing one is translated from the
//! default variant, and `*[other]` is always there. Text with nothing to
//! translate (a value that is only a placeable) is not sent.

use crate::fluent::ftl::{self, Message, Select, Variant};
use crate::fluent::pattern::{Part, Pattern};
use crate::fluent::refs::CATEGORIES;
use crate::mt::protect::{self, Protected};
use crate::mt::terms::Terms;
use crate::source::kind::Syntax;
use std::collections::BTreeSet;

/// The units of one message.
#[derive(Clone, Debug)]
pub struct Units {
    /// `None` for the value, else the attribute name.
    parts: Vec<(Option<String>, PatternUnit)>,
}

#[derive(Clone, Debug)]
struct PatternUnit {
    pattern: Pattern,
    /// What the engine sees; `None` when there is no text to translate.
    protected: Option<Protected>,
    selects: Vec<SelectUnit>,
}

#[derive(Clone, Debug)]
struct SelectUnit {
    /// The placeable's source in the French pattern.
    source: String,
    selector: String,
    variants: Vec<(String, bool, PatternUnit)>,
}

/// How text is read and which plural categories the target needs.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    /// How the text is read: Markdown for posts, plain for UI strings.
    pub syntax: Syntax,
    /// The post's link reference definitions, so that `[text][ref]` links
    /// are read as links (`""` for UI strings).
    pub ref_defs: &'a str,
    /// The plural categories the target locale uses; empty leaves selects as
    /// the French has them.
    pub plurals: &'a BTreeSet<&'static str>,
    /// Glossary terms protected for engines without glossaries.
    pub terms: &'a Terms,
}

impl Units {
    /// Plans the translation of `m`.
    pub fn plan(m: &Message, target: Target) -> Units {
        let mut parts = Vec::new();
        if let Some(v) = &m.value {
            parts.push((None, PatternUnit::plan(v, target)));
        }
        for (name, p) in &m.attributes {
            parts.push((Some(name.clone()), PatternUnit::plan(p, target)));
        }
        Units { parts }
    }

    /// Every protected text to send, in order (duplicates possible).
    pub fn texts(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for (_, u) in &self.parts {
            u.texts(&mut out);
        }
        out
    }

    /// Builds the translated message from the answers (`answer` maps a
    /// protected text to the engine's text). `None` when some answer is
    /// missing; `Err` with a reason when a placeable did not come back.
    pub fn restore<'a>(
        &self,
        id: &str,
        comment: Option<String>,
        answer: &dyn Fn(&str) -> Option<&'a str>,
    ) -> Option<Result<Message, String>> {
        let mut message = Message {
            id: id.to_string(),
            comment,
            group: None,
            value: None,
            attributes: Vec::new(),
        };
        for (attr, unit) in &self.parts {
            let what = attr
                .as_ref()
                .map_or("value".to_string(), |a| format!(".{a}"));
            let pattern = match unit.restore(answer)? {
                Ok(p) => p,
                Err(e) => return Some(Err(format!("{what}: {e}"))),
            };
            match attr {
                None => message.value = Some(pattern),
                Some(name) => message.attributes.push((name.clone(), pattern)),
            }
        }
        Some(Ok(message))
    }
}

impl PatternUnit {
    fn plan(p: &Pattern, target: Target) -> PatternUnit {
        let selects =
            p.0.iter()
                .filter_map(|part| match part {
                    Part::Placeable(src) => {
                        ftl::parse_select(src).map(|s| SelectUnit::plan(src, s, target))
                    }
                    Part::Text(_) => None,
                })
                .collect();
        let protected = protect::protect_with(p, target.syntax, target.ref_defs, target.terms);
        let has_text =
            p.0.iter()
                .any(|part| matches!(part, Part::Text(t) if t.chars().any(char::is_alphabetic)));
        PatternUnit {
            pattern: p.clone(),
            protected: has_text.then_some(protected),
            selects,
        }
    }

    fn texts<'s>(&'s self, out: &mut Vec<&'s str>) {
        if let Some(p) = &self.protected {
            out.push(&p.text);
        }
        for s in &self.selects {
            for (_, _, u) in &s.variants {
                u.texts(out);
            }
        }
    }

    fn restore<'a>(
        &self,
        answer: &dyn Fn(&str) -> Option<&'a str>,
    ) -> Option<Result<Pattern, String>> {
        let mut pattern = match &self.protected {
            None => self.pattern.clone(),
            Some(p) => match protect::restore(p, answer(&p.text)?) {
                Ok(restored) => restored,
                Err(e) => return Some(Err(e.to_string())),
            },
        };
        for s in &self.selects {
            let translated = match s.restore(answer)? {
                Ok(t) => t,
                Err(e) => return Some(Err(e)),
            };
            for part in &mut pattern.0 {
                if matches!(part, Part::Placeable(src) if *src == s.source) {
                    *part = Part::Placeable(translated.clone());
                }
            }
        }
        Some(Ok(pattern))
    }
}

impl SelectUnit {
    fn plan(source: &str, sel: Select, target: Target) -> SelectUnit {
        let variants = adapt_plurals(sel.variants, target.plurals)
            .into_iter()
            .map(|v| (v.key, v.default, PatternUnit::plan(&v.value, target)))
            .collect();
        SelectUnit {
            source: source.to_string(),
            selector: sel.selector,
            variants,
        }
    }

    fn restore<'a>(
        &self,
        answer: &dyn Fn(&str) -> Option<&'a str>,
    ) -> Option<Result<String, String>> {
        let mut variants = Vec::new();
        for (key, default, unit) in &self.variants {
            match unit.restore(answer)? {
                Ok(value) => variants.push(Variant {
                    key: key.clone(),
                    default: *default,
                    value,
                }),
                Err(e) => return Some(Err(format!("[{key}] {e}"))),
            }
        }
        Some(Ok(ftl::write_select(&Select {
            selector: self.selector.clone(),
            variants,
        })))
    }
}

/// The variants a plural select needs in the target locale: exact numbers
/// as they are, then every category of the locale in CLDR order (from the
/// French variant of that category, else from the default one), the
/// default on `other`. A select that is not on plural categories is kept.
pub fn adapt_plurals(variants: Vec<Variant>, plurals: &BTreeSet<&'static str>) -> Vec<Variant> {
    let is_category = |k: &str| CATEGORIES.contains(&k);
    let plural = variants.iter().any(|v| is_category(&v.key))
        && variants
            .iter()
            .all(|v| is_category(&v.key) || v.key.parse::<f64>().is_ok());
    let Some(default) = variants.iter().find(|v| v.default).cloned() else {
        return variants;
    };
    if !plural || plurals.is_empty() {
        return variants;
    }
    let mut out: Vec<Variant> = variants
        .iter()
        .filter(|v| !is_category(&v.key))
        .cloned()
        .collect();
    for cat in CATEGORIES
        .iter()
        .filter(|c| plurals.contains(*c) || **c == "other")
    {
        let from = variants.iter().find(|v| v.key == *cat).unwrap_or(&default);
        out.push(Variant {
            key: cat.to_string(),
            default: *cat == "other",
            value: from.value.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(key: &str, default: bool, text: &str) -> Variant {
        Variant {
            key: key.into(),
            default,
            value: Pattern::text(text),
        }
    }

    #[test]
    fn plural_variants_follow_the_target_locale() {
        let fr = vec![
            v("0", false, "aucune"),
            v("one", false, "une"),
            v("many", false, "beaucoup"),
            v("other", true, "des"),
        ];
        let en = BTreeSet::from(["one", "other"]);
        let got = adapt_plurals(fr, &en);
        let keys: Vec<(&str, bool)> = got.iter().map(|v| (v.key.as_str(), v.default)).collect();
        assert_eq!(keys, vec![("0", false), ("one", false), ("other", true)]);
        let few = BTreeSet::from(["one", "few", "many", "other"]);
        let got = adapt_plurals(vec![v("one", false, "une"), v("other", true, "des")], &few);
        assert_eq!(got[1].key, "few");
        assert_eq!(
            got[1].value,
            Pattern::text("des"),
            "a missing category starts from the default"
        );
    }

    #[test]
    fn selects_are_translated_variant_by_variant() {
        let src = "n = { $count ->\n    [one] { $count } actualité\n   *[other] { $count } actualités\n}\n    .title = Les { -org }\n";
        let (res, _) = ftl::parse(src);
        let plurals = BTreeSet::from(["one", "other"]);
        let target = Target {
            syntax: Syntax::Plain,
            ref_defs: "",
            plurals: &plurals,
            terms: &Terms::default(),
        };
        let units = Units::plan(&res.messages[0], target);
        let texts = units.texts();
        assert_eq!(
            texts,
            vec![
                r#"<x id="1"/> actualité"#,
                r#"<x id="1"/> actualités"#,
                r#"Les <x id="1"/>"#
            ]
        );
        let answer = |t: &str| -> Option<&str> {
            Some(match t {
                r#"<x id="1"/> actualité"# => r#"<x id="1"/> post"#,
                r#"<x id="1"/> actualités"# => r#"<x id="1"/> posts"#,
                _ => r#"The <x id="1"/>"#,
            })
        };
        let m = units.restore("n", None, &answer).unwrap().unwrap();
        let out = ftl::write(&ftl::Resource {
            comment: None,
            messages: vec![m],
        });
        assert_eq!(
            out,
            "n =\n    { $count ->\n        [one] { $count } post\n       *[other] { $count } posts\n    }\n    .title = The { -org }\n"
        );
        let lost = |_: &str| -> Option<&str> { Some("nothing") };
        assert!(units.restore("n", None, &lost).unwrap().is_err());
    }
}
