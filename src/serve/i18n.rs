//! The pages' own words, in French and English: Fluent resources
//! (`i18n/fr.ftl`, `i18n/en.ftl`) built into the binary and formatted with
//! fluent-bundle. The language comes from `?lang=`, else the `relais_lang`
//! cookie, else the browser's `Accept-Language`, else French.

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

const FR: &str = include_str!("i18n/fr.ftl");
const EN: &str = include_str!("i18n/en.ftl");

/// The cookie that remembers a chosen language.
pub const COOKIE: &str = "relais_lang";

/// A language of the pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// French, when nothing says otherwise.
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Every language of the pages, French first.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The code of `?lang=`, of the cookie and of `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language of a code (`en`, `en-GB`, `fr_CA`: the primary subtag,
    /// any case); `None` for a language the pages are not in.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language a request asks for (see the module comment).
    pub fn of(parts: &Parts) -> Lang {
        query_lang(parts.uri.query())
            .or_else(|| super::cookie::cookie(&parts.headers, COOKIE).and_then(|c| Lang::parse(&c)))
            .or_else(|| accept_language(&parts.headers))
            .unwrap_or(Lang::Fr)
    }

    /// The text of message `id`.
    pub fn t(self, id: &str) -> String {
        self.format(id, None)
    }

    /// The text of message `id` with arguments.
    pub fn t_args(self, id: &str, args: &[(&str, FluentValue)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        self.format(id, Some(&fa))
    }

    /// A problem of a translation in words of this language
    /// (`problem-<code>`).
    pub fn problem(self, p: &crate::check::Problem) -> String {
        let args: Vec<(&str, FluentValue)> = p
            .args()
            .into_iter()
            .map(|(k, v)| (k, FluentValue::from(v)))
            .collect();
        self.t_args(&format!("problem-{}", p.code()), &args)
    }

    fn format(self, id: &str, args: Option<&FluentArgs>) -> String {
        let bundle = bundle(self);
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            debug_assert!(false, "no UI string `{id}`");
            return id.to_string();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

impl<S: Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::of(parts))
    }
}

/// `?lang=xx` in a query string.
pub fn query_lang(query: Option<&str>) -> Option<Lang> {
    query?
        .split('&')
        .filter_map(|kv| kv.strip_prefix("lang="))
        .find_map(Lang::parse)
}

/// The first language of `Accept-Language` the pages speak, by weight.
fn accept_language(headers: &HeaderMap) -> Option<Lang> {
    let value = headers.get("accept-language")?.to_str().ok()?;
    let mut ranked: Vec<(f32, Lang)> = value
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let lang = Lang::parse(parts.next()?)?;
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse().ok())
                .unwrap_or(1.0);
            Some((q, lang))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.first().map(|(_, l)| *l)
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static FR_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::Fr => (&FR_BUNDLE, FR),
        Lang::En => (&EN_BUNDLE, EN),
    };
    cell.get_or_init(|| build(lang, text))
}

fn build(lang: Lang, text: &str) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("a locale");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Pages are HTML, escaped by the caller: no bidi isolation marks.
    bundle.set_use_isolating(false);
    let res = FluentResource::try_new(text.to_string()).expect("UI strings parse (tested)");
    bundle
        .add_resource(res)
        .expect("UI strings are unique (tested)");
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<String> {
        let (res, errors) = crate::fluent::ftl::parse(text);
        assert!(errors.is_empty(), "{errors:?}");
        let mut ids: Vec<String> = res.messages.into_iter().map(|m| m.id).collect();
        ids.sort();
        ids
    }

    #[test]
    fn both_languages_have_the_same_strings_and_all_format() {
        assert_eq!(ids(FR), ids(EN));
        for lang in Lang::ALL {
            for id in ids(FR) {
                let b = bundle(lang);
                let p = b.get_message(&id).and_then(|m| m.value()).unwrap();
                let mut errors = Vec::new();
                let args = FluentArgs::from_iter([
                    ("n", FluentValue::from(2)),
                    ("name", "x".into()),
                    ("total", 3.into()),
                    ("locale", "en".into()),
                    ("line", 1.into()),
                    ("percent", 5.into()),
                    ("what", "x".into()),
                    ("error", "x".into()),
                    ("untouched", 1.into()),
                    ("field", "value".into()),
                    ("kind", "link".into()),
                    ("piece", "x".into()),
                    ("col", 1.into()),
                    ("detail", "x".into()),
                ]);
                b.format_pattern(p, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{id} ({}): {errors:?}", lang.code());
            }
        }
    }

    /// One of each problem the checks emit, with every kind of piece and
    /// of syntax error.
    fn every_problem() -> Vec<crate::check::Problem> {
        use crate::check::{Field, Problem as P};
        let attr = || Field::Attribute("alt".into());
        let mut out = vec![
            P::ValueMissing,
            P::ValueExtra,
            P::AttributeMissing("alt".into()),
            P::AttributeObsolete("alt".into()),
            P::VariantTwice("one".into()),
            P::KeepTerm("KEOOGO".into()),
            P::VariableMissing("n".into()),
            P::VariableAdded("n".into()),
            P::ReferenceAdded("-brand".into()),
            P::DoesNotFormat("x".into()),
            P::OnePattern(Field::Value),
            P::OnePattern(attr()),
            P::Refused {
                engine: "apertium".into(),
                reason: "x".into(),
            },
        ];
        for piece in [
            "](https://ex.fr/p)",
            "![i](x.jpg)",
            "`code`",
            "{{< figure >}}",
            "{ $n }",
            "x",
        ] {
            out.push(P::PieceMissing(Field::Value, piece.into()));
            out.push(P::PieceAdded(attr(), piece.into()));
        }
        for kind in [
            "unclosed-brace",
            "unbalanced-brace",
            "unterminated-string",
            "no-default-variant",
            "other",
        ] {
            out.push(P::Syntax {
                field: Field::Value,
                line: 1,
                col: 28,
                kind,
                detail: "Expected a token starting with \"}\"".into(),
            });
        }
        out
    }

    #[test]
    fn every_problem_the_checks_emit_has_words_in_both_languages() {
        let problems = every_problem();
        let mut codes: Vec<&str> = problems.iter().map(|p| p.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        let mut all = crate::check::Problem::CODES.to_vec();
        all.sort_unstable();
        assert_eq!(codes, all, "every code has an example here");
        for lang in Lang::ALL {
            let b = bundle(lang);
            for p in &problems {
                let id = format!("problem-{}", p.code());
                let msg = b.get_message(&id).and_then(|m| m.value());
                let msg = msg.unwrap_or_else(|| panic!("{id} missing in {}", lang.code()));
                let mut args = FluentArgs::new();
                for (k, v) in p.args() {
                    args.set(k, FluentValue::from(v));
                }
                let mut errors = Vec::new();
                let text = b.format_pattern(msg, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{id} ({}): {errors:?}", lang.code());
                // Plain words: none of the English of the terminal, no
                // parser jargon on the French page.
                if lang == Lang::Fr && p.code() != "refused" && p.code() != "does-not-format" {
                    assert_ne!(text, p.to_string(), "{id}");
                    assert!(!text.contains("Expected"), "{id}: {text}");
                }
            }
        }
        let link = Lang::Fr.problem(&crate::check::Problem::PieceMissing(
            crate::check::Field::Value,
            "](https://keoogo.org/don \"Don\")".into(),
        ));
        assert_eq!(
            link,
            "Le lien vers https://keoogo.org/don de la version française a disparu de la traduction."
        );
    }

    /// The codes of a writer's draft errors: the first string literal of
    /// every `Error::finding(` in the files that check a draft.
    fn draft_codes() -> Vec<String> {
        let mut out = Vec::new();
        for text in [
            include_str!("../source/post.rs"),
            include_str!("../source/submit.rs"),
        ] {
            for call in text.split("Error::finding(").skip(1) {
                let code = call.split('"').nth(1).expect("a code");
                out.push(code.to_string());
            }
        }
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn every_error_of_a_draft_has_words_in_both_languages() {
        let codes = draft_codes();
        assert!(codes.len() >= 10, "{codes:?}");
        for lang in Lang::ALL {
            let b = bundle(lang);
            for code in &codes {
                let id = format!("draft-{code}");
                assert!(
                    b.get_message(&id).is_some(),
                    "{id} missing in {}",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn language_from_query_then_accept_language() {
        assert_eq!(query_lang(Some("a=1&lang=en")), Some(Lang::En));
        assert_eq!(query_lang(Some("lang=de")), None);
        let mut h = HeaderMap::new();
        h.insert(
            "accept-language",
            "de-DE, en-GB;q=0.8, fr;q=0.5".parse().unwrap(),
        );
        assert_eq!(accept_language(&h), Some(Lang::En));
        h.insert("accept-language", "es".parse().unwrap());
        assert_eq!(accept_language(&h), None);
    }
}
