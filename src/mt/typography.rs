//! Target-language typography for machine output: French habits that
//! engines carry over (a space before `: ; ! ?`, guillemets with inner
//! spaces, `1er`) rewritten for English and Spanish.
//!
//! The rules are data ([`RULES`]), documented in the README. They apply to
//! the engine's answer before markup is restored, so link targets and code
//! (protected as `<x/>` elements) are never touched, and never to a human
//! edit. [`findings`] reports what is left in any text, for `relais check`.

/// One rule: which locales it serves, what it finds, how it rewrites.
pub struct Rule {
    /// Short stable name, shown in `relais check` warnings (`guillemets-en`).
    pub name: &'static str,
    /// Locale languages it applies to (`en`, `es`).
    pub locales: &'static [&'static str],
    /// What the rule fixes, for the README and `check`.
    pub description: &'static str,
    apply: fn(&str) -> String,
    /// Whether the text still has what the rule fixes.
    detect: fn(&str) -> bool,
}

/// Spaces French puts before high punctuation and inside guillemets.
const FRENCH_SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

/// Every rule, in the order [`apply`] runs them.
pub const RULES: &[Rule] = &[
    Rule {
        name: "space-before-punctuation",
        locales: &["en", "es"],
        description: "no space (U+0020, U+00A0, U+202F) before `: ; ! ?`",
        apply: no_space_before_punctuation,
        detect: has_space_before_punctuation,
    },
    Rule {
        name: "guillemets-en",
        locales: &["en"],
        description: "French guillemets `« … »` become curly quotes `“…”`",
        apply: curly_quotes,
        detect: |t| t.contains(['«', '»']),
    },
    Rule {
        name: "guillemets-es",
        locales: &["es"],
        description: "guillemets keep no inner spaces: `«…»`",
        apply: tight_guillemets,
        detect: has_spaced_guillemets,
    },
    Rule {
        name: "ordinals-en",
        locales: &["en"],
        description: "French ordinals `1er`, `1re`, `2e`… become `1st`, `2nd`…",
        apply: english_ordinals,
        detect: |t| english_ordinals(t) != t,
    },
];

/// The rules for a locale.
pub fn rules_for(locale: &str) -> impl Iterator<Item = &'static Rule> + '_ {
    let lang = locale.split('-').next().unwrap_or(locale).to_string();
    RULES
        .iter()
        .filter(move |r| r.locales.contains(&lang.as_str()))
}

/// Applies every rule of `locale` to machine output.
pub fn apply(text: &str, locale: &str) -> String {
    rules_for(locale).fold(text.to_string(), |t, r| (r.apply)(&t))
}

/// Names and descriptions of the rules `text` still breaks in `locale`.
pub fn findings(text: &str, locale: &str) -> Vec<&'static Rule> {
    rules_for(locale).filter(|r| (r.detect)(text)).collect()
}

fn is_high_punctuation(c: char) -> bool {
    matches!(c, ':' | ';' | '!' | '?')
}

/// `mot : suite` → `mot: suite`; a punctuation mark alone after a space at
/// the start (a list, `: `) is left as it is.
fn no_space_before_punctuation(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|c| FRENCH_SPACES.contains(c))
            .count();
        let after = chars.get(i + run).copied();
        let before = out.chars().last();
        if run > 0
            && after.is_some_and(is_high_punctuation)
            && before.is_some_and(|b| !b.is_whitespace())
            && !is_url_like(&chars, i + run)
        {
            i += run;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// `?` or `:` right before non-space (`?a=1`, `:30`) is not sentence
/// punctuation.
fn is_url_like(chars: &[char], at: usize) -> bool {
    chars.get(at + 1).is_some_and(|c| {
        !c.is_whitespace() && *c != '<' && !matches!(c, '»' | '"' | '”' | '’' | ')')
    })
}

fn has_space_before_punctuation(text: &str) -> bool {
    no_space_before_punctuation(text) != text
}

fn curly_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '«' => {
                out.push('“');
                while chars.peek().is_some_and(|c| FRENCH_SPACES.contains(c)) {
                    chars.next();
                }
            }
            '»' => {
                while out.ends_with(FRENCH_SPACES) {
                    out.pop();
                }
                out.push('”');
            }
            c => out.push(c),
        }
    }
    out
}

fn tight_guillemets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '«' => {
                out.push('«');
                while chars.peek().is_some_and(|c| FRENCH_SPACES.contains(c)) {
                    chars.next();
                }
            }
            '»' => {
                while out.ends_with(FRENCH_SPACES) && !out.ends_with('«') {
                    out.pop();
                }
                out.push('»');
            }
            c => out.push(c),
        }
    }
    out
}

fn has_spaced_guillemets(text: &str) -> bool {
    tight_guillemets(text) != text
}

/// `1er`/`1re`/`1ère` → `1st`, `2e`/`2ème` → `2nd`, `3e` → `3rd`, `4e` → `4th`.
fn english_ordinals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let preceded_by_word = rest[..start]
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (number, tail) = rest.split_at(digits);
        let suffix_len = ["ère", "ème", "er", "re", "e"]
            .iter()
            .find(|s| tail.starts_with(**s) && !tail[s.len()..].starts_with(char::is_alphanumeric))
            .map(|s| s.len());
        match suffix_len {
            Some(len) if !preceded_by_word => {
                out.push_str(number);
                out.push_str(english_suffix(number));
                rest = &tail[len..];
            }
            _ => {
                out.push_str(number);
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

fn english_suffix(number: &str) -> &'static str {
    let n: u64 = number.parse().unwrap_or(0);
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_before_after() {
        let cases = [
            (
                "KEOOGO and the Dispensary : a week",
                "KEOOGO and the Dispensary: a week",
            ),
            ("A real exchange\u{202f}!", "A real exchange!"),
            ("Why\u{a0}? Because\u{202f}; then", "Why? Because; then"),
            (
                "« In us, this is\u{a0}» said Awa",
                "“In us, this is” said Awa",
            ),
            ("«\u{a0}Hello\u{a0}»", "“Hello”"),
            (
                "On 1er June and the 20e anniversary, the 2e, 3e and 11e",
                "On 1st June and the 20th anniversary, the 2nd, 3rd and 11th",
            ),
            (
                "See <x id=\"1\"/> at 10:30 or https://x.org/?a=1",
                "See <x id=\"1\"/> at 10:30 or https://x.org/?a=1",
            ),
            ("A2e team and CO2e", "A2e team and CO2e"),
        ];
        for (before, after) in cases {
            assert_eq!(apply(before, "en"), after, "{before}");
            assert!(findings(after, "en").is_empty(), "{after}");
        }
    }

    #[test]
    fn spanish_before_after() {
        let cases = [
            (
                "« Es un verdadero intercambio\u{a0}! »",
                "«Es un verdadero intercambio!»",
            ),
            ("Los equipos : una semana", "Los equipos: una semana"),
            ("El 1er junio", "El 1er junio"),
        ];
        for (before, after) in cases {
            assert_eq!(apply(before, "es"), after, "{before}");
        }
    }

    #[test]
    fn findings_name_the_rules() {
        let names: Vec<&str> = findings("« Hello » : 1er", "en")
            .iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(
            names,
            vec!["space-before-punctuation", "guillemets-en", "ordinals-en"]
        );
        assert!(findings("« Hola »", "fr").is_empty());
    }
}
