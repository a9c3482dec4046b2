//! Message ids of a post: readable, stable across edits elsewhere in the
//! post, never reused for different content.
//!
//! The previous block sequence (ids with the French text they were made
//! from, kept in the review state) is aligned with the new one: unchanged
//! blocks keep their id wherever they moved; within a changed region an
//! edited block keeps the id of the most similar old block; everything else
//! gets a fresh id made from its first words. This module does not read or
//! write files.

use similar::{Algorithm, DiffOp, TextDiff, capture_diff_slices};
use std::collections::BTreeSet;

/// Below this similarity an edited block counts as a new block.
const EDIT_SIMILARITY: f32 = 0.5;

/// An old block: its id, kind prefix and French text.
#[derive(Clone, Debug)]
pub struct OldBlock<'a> {
    /// The id it had.
    pub id: &'a str,
    /// Its kind prefix: an edited block only takes the id of an old block of
    /// the same kind.
    pub kind: &'a str,
    /// The French its id was made from.
    pub text: &'a str,
}

/// A new block to name: kind prefix (`p`, `h`, `li`, `q`) and text.
#[derive(Clone, Debug)]
pub struct NewBlock<'a> {
    /// Its kind prefix, which also starts a fresh id.
    pub kind: &'a str,
    /// Its French: compared with the old blocks', and the first words of a
    /// fresh id.
    pub text: &'a str,
}

/// The outcome of an alignment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    /// One id per new block, in order.
    pub ids: Vec<String>,
    /// Old ids not carried over (to be retired).
    pub dropped: Vec<String>,
}

/// Assigns ids to `new`. `taken` holds every id that may not be minted again
/// (retired ids and fixed ids such as `title`).
pub fn assign(old: &[OldBlock], new: &[NewBlock], taken: &BTreeSet<String>) -> Assignment {
    let mut ids: Vec<Option<String>> = vec![None; new.len()];
    let mut used = vec![false; old.len()];
    let old_texts: Vec<&str> = old.iter().map(|b| b.text).collect();
    let new_texts: Vec<&str> = new.iter().map(|b| b.text).collect();
    for op in capture_diff_slices(Algorithm::Patience, &old_texts, &new_texts) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    ids[new_index + k] = Some(old[old_index + k].id.to_string());
                    used[old_index + k] = true;
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let olds = old_index..old_index + old_len;
                pair_edited(
                    old,
                    new,
                    olds,
                    new_index..new_index + new_len,
                    &mut ids,
                    &mut used,
                );
            }
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => {}
        }
    }
    let mut minted: BTreeSet<String> = taken.clone();
    minted.extend(old.iter().map(|b| b.id.to_string()));
    let ids = ids
        .into_iter()
        .zip(new)
        .map(|(id, block)| id.unwrap_or_else(|| mint(block, &mut minted)))
        .collect();
    let dropped = old
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(b, _)| b.id.to_string())
        .collect();
    Assignment { ids, dropped }
}

/// Within a changed region, gives each new block the id of the most similar
/// unused old block of the same kind, keeping the order of the post.
fn pair_edited(
    old: &[OldBlock],
    new: &[NewBlock],
    olds: std::ops::Range<usize>,
    news: std::ops::Range<usize>,
    ids: &mut [Option<String>],
    used: &mut [bool],
) {
    let mut floor = olds.start;
    for n in news {
        let best = (floor..olds.end)
            .filter(|&o| !used[o] && old[o].kind == new[n].kind)
            .map(|o| (o, similarity(old[o].text, new[n].text)))
            .filter(|&(_, s)| s >= EDIT_SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((o, _)) = best {
            ids[n] = Some(old[o].id.to_string());
            used[o] = true;
            floor = o + 1;
        }
    }
}

/// Word-level similarity in 0..=1.
pub fn similarity(a: &str, b: &str) -> f32 {
    TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_unicode_words(a, b)
        .ratio()
}

/// A fresh id: `<kind>-<first words>`, made unique with `-2`, `-3`…
fn mint(block: &NewBlock, taken: &mut BTreeSet<String>) -> String {
    let words = slug_words(block.text, 4, 32);
    let base = if words.is_empty() {
        block.kind.to_string()
    } else {
        format!("{}-{}", block.kind, words)
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// The first `max_words` words of `text` as lowercase ASCII joined with
/// `-`, at most `max_len` bytes: `« L’école » de KEOOGO` → `l-ecole-de-keoogo`.
/// Markdown link targets and markup are skipped.
pub fn slug_words(text: &str, max_words: usize, max_len: usize) -> String {
    let mut out = String::new();
    for word in visible_words(text, max_words) {
        if out.len() + word.len() + 1 > max_len {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    out
}

/// The first `max_words` words of the text a reader sees, ASCII-folded,
/// without link targets. Reads only as far as it needs: a block can be
/// long, a slug is four words.
fn visible_words(text: &str, max_words: usize) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut depth = 0usize;
    let mut prev = ' ';
    for c in text.chars() {
        let visible = match c {
            '(' if prev == ']' => {
                depth += 1;
                false
            }
            ')' if depth > 0 => {
                depth -= 1;
                false
            }
            _ => depth == 0,
        };
        prev = c;
        if !visible {
            continue;
        }
        fold_ascii(c, &mut |f| {
            if f.is_ascii_alphanumeric() {
                word.push(f.to_ascii_lowercase());
            } else if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        });
        if words.len() >= max_words {
            words.truncate(max_words);
            return words;
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.truncate(max_words);
    words
}

/// One character without its accents, ligatures spelled out: `Œ` → `OE`,
/// `é` → `e`. Per character, the same as folding the NFD of the whole
/// text: the combining marks that NFD reorders are all dropped.
fn fold_ascii(c: char, emit: &mut impl FnMut(char)) {
    unicode_normalization::char::decompose_canonical(c, |d| match d {
        'œ' => "oe".chars().for_each(&mut *emit),
        'Œ' => "OE".chars().for_each(&mut *emit),
        'æ' => "ae".chars().for_each(&mut *emit),
        'Æ' => "AE".chars().for_each(&mut *emit),
        'ß' => "ss".chars().for_each(&mut *emit),
        d if unicode_normalization::char::is_combining_mark(d) => {}
        d => emit(d),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    /// The slug as first written (NFD of the whole visible text, then
    /// split): the oracle for the streaming one.
    fn slug_of_whole_text(text: &str, max_words: usize, max_len: usize) -> String {
        let mut visible = String::new();
        let mut depth = 0usize;
        let mut prev = ' ';
        for c in text.chars() {
            match c {
                '(' if prev == ']' => depth += 1,
                ')' if depth > 0 => depth -= 1,
                _ if depth == 0 => visible.push(c),
                _ => {}
            }
            prev = c;
        }
        let mut folded = String::new();
        for c in visible.nfd() {
            match c {
                'œ' => folded.push_str("oe"),
                'Œ' => folded.push_str("OE"),
                'æ' => folded.push_str("ae"),
                'Æ' => folded.push_str("AE"),
                'ß' => folded.push_str("ss"),
                c if unicode_normalization::char::is_combining_mark(c) => {}
                c => folded.push(c),
            }
        }
        let words = folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase);
        let mut out = String::new();
        for (count, word) in words.enumerate() {
            if count == max_words || out.len() + word.len() + 1 > max_len {
                break;
            }
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(&word);
        }
        out
    }

    proptest! {
        #[test]
        fn slugs_match_the_whole_text_fold(
            text in "([a-zA-Z0-9 ,.!()\\[\\]*_-]|[éÉèçœŒæÆßñ’«»]|\\x{301}|\\x{327}|\\PC){0,60}",
            words in 0usize..6,
            len in 0usize..40,
        ) {
            prop_assert_eq!(slug_words(&text, words, len), slug_of_whole_text(&text, words, len));
        }
    }

    fn new<'a>(texts: &'a [&'a str]) -> Vec<NewBlock<'a>> {
        texts
            .iter()
            .map(|t| NewBlock { kind: "p", text: t })
            .collect()
    }

    #[test]
    fn slugs_are_readable_ascii() {
        assert_eq!(
            slug_words("« L’école » de *KEOOGO* à [Bobo](https://x.org/a-b)", 6, 60),
            "l-ecole-de-keoogo-a-bobo"
        );
        assert_eq!(slug_words("Œuvre commune", 4, 32), "oeuvre-commune");
        assert_eq!(slug_words("!!!", 4, 32), "");
    }

    #[test]
    fn ids_survive_insert_edit_and_delete() {
        let texts = [
            "Premier paragraphe du texte.",
            "Deuxième paragraphe, long et précis.",
            "Troisième paragraphe ici.",
            "Quatrième et dernier.",
        ];
        let first = assign(&[], &new(&texts), &BTreeSet::new());
        let old: Vec<OldBlock> = first
            .ids
            .iter()
            .zip(&texts)
            .map(|(id, t)| OldBlock {
                id,
                kind: "p",
                text: t,
            })
            .collect();
        // Insert at the top, edit the second, delete the third.
        let edited = [
            "Un tout nouveau début.",
            "Premier paragraphe du texte.",
            "Deuxième paragraphe, long et très précis.",
            "Quatrième et dernier.",
        ];
        let second = assign(&old, &new(&edited), &BTreeSet::new());
        assert_eq!(second.ids[1], first.ids[0]);
        assert_eq!(second.ids[2], first.ids[1]);
        assert_eq!(second.ids[3], first.ids[3]);
        assert!(!first.ids.contains(&second.ids[0]));
        assert_eq!(second.dropped, vec![first.ids[2].clone()]);
    }

    #[test]
    fn retired_ids_are_never_minted_again() {
        let mut taken = BTreeSet::new();
        taken.insert("p-bonjour".to_string());
        let a = assign(&[], &new(&["Bonjour", "Bonjour"]), &taken);
        assert_eq!(a.ids, vec!["p-bonjour-2", "p-bonjour-3"]);
    }

    #[test]
    fn a_rewritten_block_gets_a_new_id() {
        let old = [OldBlock {
            id: "p-a",
            kind: "p",
            text: "Le chat dort sur le canapé.",
        }];
        let a = assign(
            &old,
            &new(&["Une réunion aura lieu lundi à Ouagadougou."]),
            &BTreeSet::new(),
        );
        assert_ne!(a.ids[0], "p-a");
        assert_eq!(a.dropped, vec!["p-a"]);
    }
}
