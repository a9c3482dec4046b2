//! UI strings for site generators that do not read Fluent (issue 18):
//! go-i18n TOML, what Hugo reads from `i18n/<lang>.toml`, and Zola's
//! `[translations]` table for `config.toml`.
//!
//! go-i18n: a message is a table keyed by its id (an attribute by
//! `id.attr`) with one entry per CLDR plural category (`one`, `other`…);
//! `{ $name }` becomes `{{ .name }}`; a select on a number variable
//! (`{ $n -> [one] … *[other] … }`, also `NUMBER($n)`) becomes the
//! categories, its variable `{{ .Count }}` (Hugo passes a number given to
//! `i18n` as `.Count`: `{{ i18n "key" 5 }}`, or `(dict "Count" 5)`); terms
//! are inlined. What go-i18n cannot say — a select on something else, a
//! select inside a select or two selects, a numeric variant key (`[0]`), a
//! function other than `NUMBER`, a reference to another message — is
//! [`Left`] out, with why: the `.ftl` bundle is exported too.
//!
//! Zola: one string per key (`trans(key=…, lang=…)`), no variables, no
//! plurals: a plural keeps its `other` variant and the message is listed
//! in [`Converted::lossy`]; variables stay as written (`{ $name }`), for a
//! template's `replace`.

use crate::fluent::ftl::{Message, Resource, parse_select};
use crate::fluent::pattern::{Part, Pattern};
use std::collections::BTreeMap;

/// CLDR plural categories, in go-i18n's order.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The index of `other` in [`CATEGORIES`]: the form every message has.
const OTHER: usize = 5;

/// A bundle converted.
#[derive(Debug, Default, PartialEq)]
pub struct Converted {
    /// The TOML text (deterministic: messages in bundle order).
    pub toml: String,
    /// Messages that could not be expressed, and why.
    pub left: Vec<Left>,
    /// Messages that lost plural categories (Zola), and which.
    pub lossy: Vec<Left>,
}

/// A message (or attribute, `id.attr`) left out of the conversion.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Left {
    /// `id` or `id.attr`.
    pub id: String,
    /// Why, in words.
    pub why: String,
}

/// One text in plural categories (`other` only when there is no plural).
type Forms = BTreeMap<usize, String>;

/// The bundle as go-i18n TOML (Hugo's `i18n/<lang>.toml`).
pub fn go_i18n(bundle: &Resource) -> Converted {
    convert(bundle, Target::GoI18n)
}

/// The bundle as the body of a Zola `[translations]` table.
pub fn zola(bundle: &Resource) -> Converted {
    convert(bundle, Target::Zola)
}

#[derive(Clone, Copy, PartialEq)]
enum Target {
    GoI18n,
    Zola,
}

fn convert(bundle: &Resource, target: Target) -> Converted {
    let terms: BTreeMap<&str, &Message> = bundle
        .messages
        .iter()
        .filter(|m| m.id.starts_with('-'))
        .map(|m| (m.id.as_str(), m))
        .collect();
    let mut out = Converted::default();
    let mut lines = Vec::new();
    for m in bundle.messages.iter().filter(|m| !m.id.starts_with('-')) {
        let parts = m.value.iter().map(|v| (m.id.clone(), v)).chain(
            m.attributes
                .iter()
                .map(|(a, v)| (format!("{}.{a}", m.id), v)),
        );
        for (id, pattern) in parts {
            match forms(pattern, &terms, target) {
                Err(why) => out.left.push(Left { id, why }),
                Ok(forms) => match target {
                    Target::GoI18n => {
                        lines.push(format!("[{}]", key(&id)));
                        for (cat, text) in &forms {
                            lines.push(format!("{} = {}", CATEGORIES[*cat], string(text)));
                        }
                        lines.push(String::new());
                    }
                    Target::Zola => {
                        let other = forms.get(&OTHER).cloned().unwrap_or_default();
                        if forms.len() > 1 {
                            let lost: Vec<&str> = forms
                                .keys()
                                .filter(|c| **c != OTHER)
                                .map(|c| CATEGORIES[*c])
                                .collect();
                            out.lossy.push(Left {
                                id: id.clone(),
                                why: format!(
                                    "Zola has no plurals: only `other` is kept ({} lost)",
                                    lost.join(", ")
                                ),
                            });
                        }
                        lines.push(format!("{} = {}", key(&id), string(&other)));
                    }
                },
            }
        }
    }
    out.toml = lines.join("\n");
    if !out.toml.is_empty() && !out.toml.ends_with('\n') {
        out.toml.push('\n');
    }
    out
}

/// The texts of a pattern per plural category.
fn forms(
    pattern: &Pattern,
    terms: &BTreeMap<&str, &Message>,
    target: Target,
) -> Result<Forms, String> {
    let mut forms: Forms = BTreeMap::from([(OTHER, String::new())]);
    let mut plural = false;
    for part in &pattern.0 {
        match part {
            Part::Text(t) => forms
                .values_mut()
                .for_each(|f| f.push_str(&literal(t, target))),
            Part::Placeable(p) if p.contains("->") => {
                if plural {
                    return Err("two selects in one message".into());
                }
                plural = true;
                let sel = parse_select(p).ok_or("a select that does not parse")?;
                let var = number_variable(&sel.selector)
                    .ok_or_else(|| format!("a select on `{}`, not on a number", sel.selector))?;
                let mut by_cat: BTreeMap<usize, String> = BTreeMap::new();
                let mut default = None;
                for v in &sel.variants {
                    let cat = CATEGORIES.iter().position(|c| *c == v.key).ok_or_else(|| {
                        format!("the variant `[{}]` is not a plural category", v.key)
                    })?;
                    let text = flat(&v.value, terms, target, Some(&var))?;
                    if v.default {
                        default = Some(text.clone());
                    }
                    by_cat.insert(cat, text);
                }
                // The default variant stands for `other` when there is none.
                by_cat
                    .entry(OTHER)
                    .or_insert_with(|| default.unwrap_or_default());
                let before = forms.remove(&OTHER).unwrap_or_default();
                forms = by_cat
                    .into_iter()
                    .map(|(c, t)| (c, format!("{before}{t}")))
                    .collect();
            }
            Part::Placeable(p) => {
                let text = placeable(p, terms, target, None)?;
                forms.values_mut().for_each(|f| f.push_str(&text));
            }
        }
    }
    Ok(forms)
}

/// A pattern without selects, as one text (`count`: the plural's variable).
fn flat(
    pattern: &Pattern,
    terms: &BTreeMap<&str, &Message>,
    target: Target,
    count: Option<&str>,
) -> Result<String, String> {
    let mut out = String::new();
    for part in &pattern.0 {
        match part {
            Part::Text(t) => out.push_str(&literal(t, target)),
            Part::Placeable(p) if p.contains("->") => {
                return Err("a select inside a select".into());
            }
            Part::Placeable(p) => out.push_str(&placeable(p, terms, target, count)?),
        }
    }
    Ok(out)
}

/// One placeable: a variable, `NUMBER($n)`, a term (inlined), a string
/// literal.
fn placeable(
    p: &str,
    terms: &BTreeMap<&str, &Message>,
    target: Target,
    count: Option<&str>,
) -> Result<String, String> {
    let p = p.trim();
    let variable = match p.strip_prefix('$') {
        Some(v) => Some(v.to_string()),
        None if p.starts_with("NUMBER(") => number_variable(p),
        None => None,
    };
    if let Some(var) = variable {
        return Ok(match target {
            Target::GoI18n if count == Some(var.as_str()) => "{{ .Count }}".to_string(),
            Target::GoI18n => format!("{{{{ .{var} }}}}"),
            Target::Zola => format!("{{ ${var} }}"),
        });
    }
    if let Some(term) = p.strip_prefix('-') {
        let id = format!("-{}", term.split(['.', '(']).next().unwrap_or(term).trim());
        let m = terms
            .get(id.as_str())
            .ok_or_else(|| format!("the term `{id}` is not in the bundle"))?;
        if term.contains('(') || term.contains('.') {
            return Err(format!("a term with arguments or attributes (`{p}`)"));
        }
        let value = m
            .value
            .as_ref()
            .ok_or_else(|| format!("`{id}` has no value"))?;
        return flat(value, terms, target, count);
    }
    if let Some(s) = p.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        return Ok(literal(s, target));
    }
    if p.contains('(') {
        return Err(format!("a function go-i18n cannot call (`{p}`)"));
    }
    Err(format!("a reference to another message (`{p}`)"))
}

/// `n` for `$n` and `NUMBER($n)` (with or without options).
fn number_variable(selector: &str) -> Option<String> {
    let s = selector.trim();
    let inner = s
        .strip_prefix("NUMBER(")
        .and_then(|r| r.strip_suffix(')'))
        .map(|r| r.split(',').next().unwrap_or("").trim())
        .unwrap_or(s);
    let var = inner.strip_prefix('$')?;
    (!var.is_empty()
        && var
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
    .then(|| var.to_string())
}

/// Literal text: go templates read `{{` as an action, so it is written as
/// a template string.
fn literal(text: &str, target: Target) -> String {
    match target {
        Target::GoI18n => text.replace("{{", "{{ \"{{\" }}"),
        Target::Zola => text.to_string(),
    }
}

/// A TOML key: bare when it can be, else quoted.
fn key(id: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        id.to_string()
    } else {
        string(id)
    }
}

/// A TOML basic string.
fn string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(src: &str) -> Resource {
        let (res, errors) = crate::fluent::ftl::parse(src);
        assert!(errors.is_empty(), "{errors:?}");
        res
    }

    const SRC: &str = r#"-org-name = PARTAGE
nav-home = Home of { -org-name }
read-more-label = Read the rest of “{ $title }”
    .title = Open { $title }
comments = { $n ->
    [one] One comment
   *[other] { $n } comments
} so far.
counted = { NUMBER($n) ->
    [0] none
   *[other] { $n }
}
gendered = { $who ->
    [feminine] elle
   *[other] they
}
dated = { DATETIME($d) }
other = See { nav-home }
"#;

    #[test]
    fn go_i18n_has_plural_categories_variables_and_inlined_terms() {
        let out = go_i18n(&bundle(SRC));
        let parsed: toml::Table = out.toml.parse().expect("TOML");
        assert_eq!(
            parsed["nav-home"]["other"].as_str(),
            Some("Home of PARTAGE")
        );
        assert_eq!(
            parsed["read-more-label"]["other"].as_str(),
            Some("Read the rest of “{{ .title }}”")
        );
        assert_eq!(
            parsed["read-more-label.title"]["other"].as_str(),
            Some("Open {{ .title }}")
        );
        assert_eq!(
            parsed["comments"]["one"].as_str(),
            Some("One comment so far.")
        );
        assert_eq!(
            parsed["comments"]["other"].as_str(),
            Some("{{ .Count }} comments so far.")
        );
        let left: Vec<&str> = out.left.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(
            left,
            ["counted", "gendered", "dated", "other"],
            "{:?}",
            out.left
        );
        assert!(out.left[0].why.contains("[0]"), "{:?}", out.left[0]);
        assert!(out.left[1].why.contains("[feminine]"), "{:?}", out.left[1]);
        assert!(out.left[2].why.contains("DATETIME"), "{:?}", out.left[2]);
        assert!(
            !parsed.contains_key("-org-name"),
            "terms are inlined, not keys"
        );
        assert_eq!(go_i18n(&bundle(SRC)), out, "deterministic");
    }

    #[test]
    fn zola_keeps_the_other_variant_and_says_what_was_lost() {
        let out = zola(&bundle(SRC));
        let parsed: toml::Table = out.toml.parse().expect("TOML");
        assert_eq!(parsed["comments"].as_str(), Some("{ $n } comments so far."));
        assert_eq!(parsed["nav-home"].as_str(), Some("Home of PARTAGE"));
        assert_eq!(out.lossy.len(), 1);
        assert_eq!(out.lossy[0].id, "comments");
        assert!(out.lossy[0].why.contains("one"), "{:?}", out.lossy);
    }

    #[test]
    fn go_template_braces_in_text_stay_text() {
        let out = go_i18n(&bundle("braces = a {\"{{\"} b\n"));
        let parsed: toml::Table = out.toml.parse().unwrap();
        assert_eq!(parsed["braces"]["other"].as_str(), Some("a {{ \"{{\" }} b"));
    }
}
