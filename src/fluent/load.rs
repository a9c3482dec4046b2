//! Load verification: a bundle is added to a `fluent_bundle::FluentBundle`
//! for its locale and every message and attribute is formatted with sample
//! arguments; any resolver error is reported with the message it came from.
//!
//! `NUMBER` comes from fluent-bundle's builtins; `DATETIME`, which sites
//! provide themselves, is stood in for by a function that echoes its first
//! argument, so a call to it formats but a call to an unknown function fails.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

/// Numbers that reach every plural branch of the site's locales.
const SAMPLE_NUMBERS: [i64; 5] = [0, 1, 2, 5, 21];

/// A message or attribute that did not format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The id of the message that did not format.
    pub id: String,
    /// The attribute that did not format; `None` for the value.
    pub attribute: Option<String>,
    /// fluent-bundle's errors, joined with `; `.
    pub message: String,
}

/// Loads `src` for `locale` and formats everything in it.
pub fn verify(src: &str, locale: &LanguageIdentifier) -> Vec<LoadError> {
    let res = match FluentResource::try_new(src.to_string()) {
        Ok(r) => r,
        Err((r, _)) => r, // junk is reported by the syntax check
    };
    let mut bundle = FluentBundle::new(vec![locale.clone()]);
    bundle.set_use_isolating(false);
    let _ = bundle.add_builtins();
    let _ = bundle.add_function("DATETIME", |positional, _named| {
        positional.first().cloned().unwrap_or(FluentValue::None)
    });
    let ids = message_ids(&res);
    let _ = bundle.add_resource(res); // duplicates are reported by the duplicate check
    let mut out = Vec::new();
    for (id, variables) in ids {
        for n in SAMPLE_NUMBERS {
            if let Some(e) = format_all(&bundle, &id, &variables, n) {
                if !out.contains(&e) {
                    out.push(e);
                }
                break;
            }
        }
    }
    out
}

/// Every message id with the variables it uses.
fn message_ids(res: &FluentResource) -> Vec<(String, Vec<String>)> {
    res.entries()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => {
                let mut refs = crate::fluent::refs::Refs::default();
                let mut selects = Vec::new();
                if let Some(v) = &m.value {
                    crate::fluent::refs::collect(v, &mut refs, &mut selects);
                }
                for a in &m.attributes {
                    crate::fluent::refs::collect(&a.value, &mut refs, &mut selects);
                }
                Some((m.id.name.to_string(), refs.variables.into_iter().collect()))
            }
            _ => None,
        })
        .collect()
}

fn format_all(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    variables: &[String],
    n: i64,
) -> Option<LoadError> {
    let msg = bundle.get_message(id)?;
    let mut args = FluentArgs::new();
    for v in variables {
        args.set(v.clone(), FluentValue::from(n));
    }
    let fail = |attribute: Option<&str>, errors: Vec<fluent_bundle::FluentError>| {
        let message = errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ");
        Some(LoadError {
            id: id.to_string(),
            attribute: attribute.map(str::to_string),
            message,
        })
    };
    if let Some(value) = msg.value() {
        let mut errors = Vec::new();
        bundle.format_pattern(value, Some(&args), &mut errors);
        if !errors.is_empty() {
            return fail(None, errors);
        }
    }
    for attr in msg.attributes() {
        let mut errors = Vec::new();
        bundle.format_pattern(attr.value(), Some(&args), &mut errors);
        if !errors.is_empty() {
            return fail(Some(attr.id()), errors);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_bundle_formats_and_a_broken_reference_does_not() {
        let en: LanguageIdentifier = "en".parse().unwrap();
        let good = "-org = PARTAGE\nm = { -org } on { DATETIME($date) }: { $count ->\n    [one] one\n   *[other] { NUMBER($count) } posts\n}\n    .title = { $count }\n";
        assert_eq!(verify(good, &en), vec![]);
        let bad = "m = Welcome to { -brand }\nn = { FOO($x) }\n";
        let errors = verify(bad, &en);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].id, "m");
        assert!(errors[0].message.contains("brand"), "{errors:?}");
        assert!(errors[1].message.contains("FOO"), "{errors:?}");
    }
}
