//! Text for a terminal: ANSI colours, or plain text that says the same with
//! markers (`[-deleted-]{+inserted+}`, like `git diff --word-diff=plain`).
//!
//! Whether colour is on is decided once, at the command edge
//! ([`use_color`]): `--color always|never`, else colour only on a terminal
//! and never with `NO_COLOR`. Nothing here prints.

use crate::review::diff::{Op, Tag};
use anstyle::{AnsiColor, Effects, Style};

/// When to colour, as asked on the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum When {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    #[default]
    Auto,
    /// Colour even into a pipe or a file, whatever `NO_COLOR` says.
    Always,
    /// Plain text, with diff markers.
    Never,
}

impl std::str::FromStr for When {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(When::Auto),
            "always" => Ok(When::Always),
            "never" => Ok(When::Never),
            _ => Err("one of: auto, always, never".into()),
        }
    }
}

/// Colour for stdout: `always`/`never` as asked; `auto` on a terminal
/// without `NO_COLOR` (set and not empty, as no-color.org says).
pub fn use_color(when: When) -> bool {
    use std::io::IsTerminal;
    match when {
        When::Always => true,
        When::Never => false,
        When::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            !no_color && std::io::stdout().is_terminal()
        }
    }
}

/// Text a diff removes.
pub const DELETED: Style = AnsiColor::Red.on_default().effects(Effects::STRIKETHROUGH);
/// Text a diff adds; also the `approved` state.
pub const INSERTED: Style = AnsiColor::Green.on_default().effects(Effects::UNDERLINE);
/// Words the engine did not know.
pub const UNKNOWN: Style = AnsiColor::Yellow.on_default().effects(Effects::BOLD);
/// The `resource (locale)` line that opens a group of messages.
pub const HEADER: Style = Style::new().bold();
/// Field labels and the engine and approval notes of a message.
pub const LABEL: Style = Style::new().dimmed();
/// The `stale` state: to review again, not an error.
pub const WARN: Style = AnsiColor::Magenta.on_default();
/// The `invalid` state and the problems found.
pub const ERROR: Style = AnsiColor::Red.on_default().effects(Effects::BOLD);
/// Other states, and what to do next.
pub const NOTE: Style = AnsiColor::Cyan.on_default();

/// Paints text in colour, or leaves it plain.
#[derive(Clone, Copy, Debug)]
pub struct Paint {
    /// ANSI colours; plain text with markers when false.
    pub color: bool,
}

impl Paint {
    /// `text` in `style` (plain when colour is off).
    pub fn style(&self, style: Style, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    /// A word diff on one text: deletions and insertions coloured, or
    /// marked `[-…-]` and `{+…+}`.
    pub fn diff(&self, ops: &[Op]) -> String {
        ops.iter()
            .map(|o| match (o.op, self.color) {
                (Tag::Equal, _) => o.text.clone(),
                (Tag::Delete, true) => self.style(DELETED, &o.text),
                (Tag::Insert, true) => self.style(INSERTED, &o.text),
                (Tag::Delete, false) => format!("[-{}-]", o.text),
                (Tag::Insert, false) => format!("{{+{}+}}", o.text),
            })
            .collect()
    }

    /// `text` with the words in `marked` highlighted (colour only: plain
    /// text lists them apart rather than adding marks that read like
    /// Markdown).
    pub fn highlight(&self, text: &str, marked: &[String]) -> String {
        if !self.color || marked.is_empty() {
            return text.to_string();
        }
        crate::review::distance::tokens(text)
            .into_iter()
            .map(|w| {
                if marked.iter().any(|m| m == w) {
                    self.style(UNKNOWN, w)
                } else {
                    w.to_string()
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::diff;

    #[test]
    fn plain_diffs_use_word_diff_markers() {
        let p = Paint { color: false };
        let ops = diff::words("The squads retain", "The teams retain");
        assert_eq!(p.diff(&ops), "The [-squads-]{+teams+} retain");
        assert_eq!(p.highlight("a tutela b", &["tutela".into()]), "a tutela b");
    }

    #[test]
    fn coloured_diffs_use_ansi_and_no_markers() {
        let p = Paint { color: true };
        let ops = diff::words("a b", "a c");
        let out = p.diff(&ops);
        assert_eq!(
            out,
            "a \u{1b}[9m\u{1b}[31mb\u{1b}[0m\u{1b}[4m\u{1b}[32mc\u{1b}[0m"
        );
        let out = p.highlight("la tutela", &["tutela".into()]);
        assert_eq!(out, "la \u{1b}[1m\u{1b}[33mtutela\u{1b}[0m");
    }

    #[test]
    fn when_parses() {
        assert_eq!("always".parse(), Ok(When::Always));
        assert!("sometimes".parse::<When>().is_err());
    }
}
