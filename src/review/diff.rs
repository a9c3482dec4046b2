//! Word diffs between two texts, for people: what a reviewer changed in the
//! machine text, what a writer changed in the French.
//!
//! Words are the tokens of `distance::tokens` (Unicode words, punctuation
//! and spaces each their own token), so joining the `equal`
//! and `delete` pieces gives the old text back and `equal` + `insert` the
//! new one. A space alone between two changes is folded into them, so
//! "the big dog" → "the small cat" reads as one replacement, not two.
//!
//! Also here: [`classify`], which tells a typo fix from a real edit.
//! Rendering for a terminal lives with the review report; distances for
//! statistics live in `distance`.

use crate::review::distance;
use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff};

/// What a piece of the diff is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tag {
    /// In both texts.
    Equal,
    /// Only in the new text.
    Insert,
    /// Only in the old text.
    Delete,
}

/// One piece of a diff: `{"op": "equal"|"insert"|"delete", "text": …}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Op {
    /// Which side the piece is on.
    pub op: Tag,
    /// The piece: whole tokens, spaces included.
    pub text: String,
}

/// A run of tokens: unchanged, or replaced (either side may be empty).
enum Run {
    Same(String),
    Changed(String, String),
}

/// The word diff of `old` → `new`, adjacent pieces merged.
pub fn words(old: &str, new: &str) -> Vec<Op> {
    let (old, new) = (distance::tokens(old), distance::tokens(new));
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_slices(&old, &new);
    let mut runs: Vec<Run> = Vec::new();
    for change in diff.iter_all_changes() {
        push(&mut runs, change.tag(), change.value());
    }
    emit(fold_spaces(runs))
}

fn push(runs: &mut Vec<Run>, tag: ChangeTag, token: &str) {
    match (runs.last_mut(), tag) {
        (Some(Run::Same(s)), ChangeTag::Equal) => s.push_str(token),
        (_, ChangeTag::Equal) => runs.push(Run::Same(token.to_string())),
        (Some(Run::Changed(old, _)), ChangeTag::Delete) => old.push_str(token),
        (Some(Run::Changed(_, new)), ChangeTag::Insert) => new.push_str(token),
        (_, ChangeTag::Delete) => runs.push(Run::Changed(token.to_string(), String::new())),
        (_, ChangeTag::Insert) => runs.push(Run::Changed(String::new(), token.to_string())),
    }
}

/// Folds whitespace-only unchanged runs that sit between two changes into
/// one change.
fn fold_spaces(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let mut iter = runs.into_iter().peekable();
    while let Some(run) = iter.next() {
        let between = matches!(out.last(), Some(Run::Changed(..)))
            && matches!(iter.peek(), Some(Run::Changed(..)));
        match run {
            Run::Same(s) if between && s.trim().is_empty() => {
                let Some(Run::Changed(next_old, next_new)) = iter.next() else {
                    unreachable!("peeked a change")
                };
                let Some(Run::Changed(old, new)) = out.last_mut() else {
                    unreachable!("checked a change")
                };
                old.push_str(&s);
                old.push_str(&next_old);
                new.push_str(&s);
                new.push_str(&next_new);
            }
            other => out.push(other),
        }
    }
    out
}

fn emit(runs: Vec<Run>) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut add = |op: Tag, text: String| {
        if !text.is_empty() {
            ops.push(Op { op, text });
        }
    };
    for run in runs {
        match run {
            Run::Same(s) => add(Tag::Equal, s),
            Run::Changed(old, new) => {
                add(Tag::Delete, old);
                add(Tag::Insert, new);
            }
        }
    }
    ops
}

/// True when the diff changes nothing.
pub fn is_unchanged(ops: &[Op]) -> bool {
    ops.iter().all(|o| o.op == Tag::Equal)
}

/// How big a change of the French is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// A typo fix: a few characters in at most two words, no number
    /// touched. The translation most likely still holds.
    Typo,
    /// Anything bigger: the translation needs a look.
    Edit,
}

/// Most characters a typo fix may change.
const TYPO_CHARS: usize = 3;
/// Most words (tokens) a typo fix may touch on either side.
const TYPO_WORDS: usize = 2;

/// Classifies the change `old` → `new`. A changed number is never a typo:
/// "le 12 mai" → "le 13 mai" is one character but a different date.
pub fn classify(old: &str, new: &str) -> Change {
    let ops = words(old, new);
    let changed = |tag: Tag| -> Vec<&str> {
        ops.iter()
            .filter(|o| o.op == tag)
            .flat_map(|o| distance::words(&o.text))
            .collect()
    };
    let (deleted, inserted) = (changed(Tag::Delete), changed(Tag::Insert));
    let small = deleted.len() <= TYPO_WORDS
        && inserted.len() <= TYPO_WORDS
        && distance::char_distance(old, new).edits <= TYPO_CHARS;
    let number = deleted
        .iter()
        .chain(&inserted)
        .any(|t| t.chars().any(char::is_numeric));
    if small && !number {
        Change::Typo
    } else {
        Change::Edit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(op: Tag, text: &str) -> Op {
        Op {
            op,
            text: text.into(),
        }
    }

    /// The text a side of the diff reads: old skips inserts, new deletes.
    fn side(ops: &[Op], skip: Tag) -> String {
        ops.iter()
            .filter(|o| o.op != skip)
            .map(|o| o.text.as_str())
            .collect()
    }

    fn old(ops: &[Op]) -> String {
        side(ops, Tag::Insert)
    }

    fn new(ops: &[Op]) -> String {
        side(ops, Tag::Delete)
    }

    #[test]
    fn a_replaced_word_is_one_delete_and_one_insert() {
        let ops = words("The squads retain", "The teams retain");
        assert_eq!(
            ops,
            vec![
                op(Tag::Equal, "The "),
                op(Tag::Delete, "squads"),
                op(Tag::Insert, "teams"),
                op(Tag::Equal, " retain"),
            ]
        );
    }

    #[test]
    fn a_space_between_two_changes_joins_them() {
        let ops = words("the big dog barks", "the small cat barks");
        assert_eq!(
            ops,
            vec![
                op(Tag::Equal, "the "),
                op(Tag::Delete, "big dog"),
                op(Tag::Insert, "small cat"),
                op(Tag::Equal, " barks"),
            ]
        );
    }

    #[test]
    fn punctuation_and_accents_are_their_own_tokens() {
        let ops = words("Très vite, les équipes", "Très vite : les équipes");
        assert_eq!(old(&ops), "Très vite, les équipes");
        assert_eq!(new(&ops), "Très vite : les équipes");
        assert!(
            ops.iter()
                .any(|o| o.op == Tag::Delete && o.text.trim() == ","),
            "{ops:?}"
        );
        assert!(ops.contains(&op(Tag::Equal, "Très vite")), "{ops:?}");
    }

    #[test]
    fn both_sides_are_rebuilt_from_the_ops() {
        let (before, after) = (
            "Of the 5 to 10 May 2024, three monitoras of KEOOGO.",
            "From 5 to 10 May 2024, three KEOOGO teachers.",
        );
        let ops = words(before, after);
        assert_eq!(old(&ops), before);
        assert_eq!(new(&ops), after);
        assert!(!is_unchanged(&ops));
        assert!(is_unchanged(&words(before, before)));
        assert_eq!(words("", ""), vec![]);
        assert_eq!(words("", "Hi"), vec![op(Tag::Insert, "Hi")]);
    }

    #[test]
    fn a_narrow_no_break_space_is_a_space_not_part_of_a_word() {
        // French typography puts U+202F before `?`; UAX #29 glues it to
        // the word before.
        let ops = words(
            "Reason an alternative report\u{202f}?",
            "Why an alternative report?",
        );
        assert_eq!(
            ops[ops.len() - 3..],
            [
                op(Tag::Equal, " an alternative report"),
                op(Tag::Delete, "\u{202f}"),
                op(Tag::Equal, "?"),
            ]
        );
    }

    #[test]
    fn typo_fixes_are_told_from_edits() {
        let typo = |a, b| classify(a, b);
        assert_eq!(
            typo("les monitrise ont", "les monitrices ont"),
            Change::Typo
        );
        assert_eq!(typo("Tout a commencé", "Tout a commencé."), Change::Typo);
        assert_eq!(typo("a ete fait", "a été fait"), Change::Typo);
        assert_eq!(typo("le 12 mai", "le 13 mai"), Change::Edit, "a number");
        assert_eq!(
            typo("une semaine entière", "une semaine complète"),
            Change::Edit
        );
        assert_eq!(
            typo(
                "la visite a porté ses fruits",
                "la visite n’a pas porté ses fruits"
            ),
            Change::Edit
        );
    }
}
