//! Tokens of a text, and post-edit distances between a machine text and
//! the text a reviewer approved: how much work the engine left to people.
//!
//! [`tokens`] cuts a text the way review diffs show it (words, punctuation
//! marks, spaces). Both measures are Levenshtein distances (substitutions,
//! insertions, deletions; no block shifts, so a moved phrase costs more
//! than in TER) divided by the length of the approved text, like HTER:
//! - words: words and punctuation marks, spaces ignored;
//! - characters: every character, spaces included.
//!
//! Distances add up, so a corpus rate is total edits over total length,
//! not an average of rates. What to measure is chosen in `stats`.

use serde::Serialize;
use similar::DiffableStr;

/// Edits needed to turn the machine text into the approved one, and the
/// length of the approved text, in the same unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Distance {
    /// Words or characters substituted, inserted or deleted.
    pub edits: usize,
    /// Words or characters of the approved text.
    pub length: usize,
}

impl Distance {
    /// Edits per unit of the approved text. An empty approved text has
    /// rate 0 when the machine text was empty too, 1 otherwise (all of it
    /// was deleted).
    pub fn rate(&self) -> f64 {
        match (self.edits, self.length) {
            (0, _) => 0.0,
            (_, 0) => 1.0,
            (e, l) => e as f64 / l as f64,
        }
    }
}

impl std::ops::AddAssign for Distance {
    fn add_assign(&mut self, other: Distance) {
        self.edits += other.edits;
        self.length += other.length;
    }
}

/// Word-level distance (HTER-like).
pub fn word_distance(machine: &str, approved: &str) -> Distance {
    let m = words(machine);
    let a = words(approved);
    Distance {
        edits: levenshtein(&m, &a),
        length: a.len(),
    }
}

/// Character-level distance.
pub fn char_distance(machine: &str, approved: &str) -> Distance {
    let m: Vec<char> = machine.chars().collect();
    let a: Vec<char> = approved.chars().collect();
    Distance {
        edits: levenshtein(&m, &a),
        length: a.len(),
    }
}

/// Words and punctuation marks, without the spaces between them.
pub fn words(text: &str) -> Vec<&str> {
    tokens(text)
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// Every token of a text, spaces included, so that they join back into
/// it: Unicode words (UAX #29), each punctuation mark, each run of spaces.
/// UAX #29 glues a narrow no-break space (U+202F, before `?` in French)
/// to the word before it; it is split off here like any space.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for token in text.tokenize_unicode_words() {
        let mut start = 0;
        let mut chars = token.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            let next = chars.peek().map(|&(i, n)| (i, n.is_whitespace()));
            if let Some((i, space)) = next
                && space != c.is_whitespace()
            {
                out.push(&token[start..i]);
                start = i;
            }
        }
        out.push(&token[start..]);
    }
    out
}

/// Edit distance. The common prefix and suffix are skipped first: a
/// post-edit usually touches a few places of a long text.
fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(x != y);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEN: &str = "the delegation visited the school of the network last May";

    #[test]
    fn identical_texts_are_at_zero() {
        assert_eq!(word_distance(TEN, TEN).rate(), 0.0);
        assert_eq!(char_distance(TEN, TEN).rate(), 0.0);
        assert_eq!(word_distance(TEN, TEN).length, 10);
    }

    #[test]
    fn one_substituted_word_in_ten_is_a_tenth() {
        let edited = TEN.replace("visited", "toured");
        let d = word_distance(TEN, &edited);
        assert_eq!(
            d,
            Distance {
                edits: 1,
                length: 10
            }
        );
        assert!((d.rate() - 0.1).abs() < 1e-9);
    }

    #[test]
    fn insertions_deletions_and_punctuation_count_as_words() {
        assert_eq!(word_distance("a b c", "a c").edits, 1);
        assert_eq!(word_distance("a c", "a b c").edits, 1);
        assert_eq!(
            word_distance("Hello world", "Hello, world!"),
            Distance {
                edits: 2,
                length: 4
            }
        );
        // Spaces are not words: re-spacing costs nothing.
        assert_eq!(word_distance("a  b", "a b").edits, 0);
        assert_eq!(char_distance("a  b", "a b").edits, 1);
    }

    #[test]
    fn character_distance_counts_characters_not_bytes() {
        let d = char_distance("ecole", "école");
        assert_eq!(
            d,
            Distance {
                edits: 1,
                length: 5
            }
        );
        assert!((d.rate() - 0.2).abs() < 1e-9);
        assert_eq!(char_distance("kitten", "sitting").edits, 3);
    }

    #[test]
    fn tokens_join_back_into_the_text() {
        let text = "« Chez nous, c’est\u{202f}! »  Fin.";
        let tokens = tokens(text);
        assert_eq!(tokens.concat(), text);
        assert!(tokens.contains(&"\u{202f}"), "{tokens:?}");
        assert_eq!(
            words(text),
            ["«", "Chez", "nous", ",", "c’est", "!", "»", "Fin", "."]
        );
    }

    #[test]
    fn empty_texts() {
        assert_eq!(
            word_distance("", ""),
            Distance {
                edits: 0,
                length: 0
            }
        );
        assert_eq!(word_distance("", "").rate(), 0.0);
        // Everything written by hand: every word is an edit.
        assert_eq!(word_distance("", "two words").rate(), 1.0);
        // Everything deleted.
        assert_eq!(
            word_distance("two words", ""),
            Distance {
                edits: 2,
                length: 0
            }
        );
        assert_eq!(word_distance("two words", "").rate(), 1.0);
        assert_eq!(char_distance("", "ab").rate(), 1.0);
    }

    #[test]
    fn distances_add_up_to_a_corpus_rate() {
        let mut total = Distance::default();
        total += word_distance(TEN, &TEN.replace("visited", "toured"));
        total += word_distance("one two", "one two");
        assert_eq!(
            total,
            Distance {
                edits: 1,
                length: 12
            }
        );
        assert!((total.rate() - 1.0 / 12.0).abs() < 1e-9);
    }
}
