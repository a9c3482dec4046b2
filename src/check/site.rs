//! `relais check`: every bundle of every locale checked against its French
//! source, with `path:line:col` for each finding.
//!
//! Errors: Fluent syntax (junk), duplicated ids and attributes, obsolete
//! messages and attributes, missing attributes, variable mismatches,
//! unknown term or message references, lost Markdown markup and link URLs,
//! anything fluent-bundle cannot format. Warnings: missing messages (the
//! site falls back to French), references the translation dropped, plural
//! categories the target locale needs, text identical to the French,
//! Apertium unknown-word marks left in the text.

use super::locate::{locate, locate_attr_nth, locate_nth};
use crate::base::config::Config;
use crate::fluent::ftl;
use crate::fluent::refs::{self, Refs, SelectInfo};
use crate::source::read::{self as source, Source, find};
use fluent_syntax::ast;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use unic_langid::LanguageIdentifier;

/// Whether a finding fails `relais check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed: the bundle is wrong, or would break the site.
    Error,
    /// Worth fixing, but the site still works; fails the check only with
    /// `--strict`.
    Warning,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, relative to the site root with `/` (empty for an error that
    /// is not about a file).
    pub path: String,
    /// Line, from 1 (0 when the finding has no place in a file).
    pub line: usize,
    /// Column in characters, from 1 (0 when the finding has no place in a file).
    pub col: usize,
    /// Whether it is an error or a warning.
    pub severity: Severity,
    /// Short stable name of the check (`missing-variable`…).
    pub code: &'static str,
    /// What is wrong, for a person (naming the message id when there is one).
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {sev}[{}]: {}",
            self.path, self.line, self.col, self.code, self.message
        )
    }
}

/// What `relais check` found across the site.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// `.ftl` files read and checked, French and target (a target bundle
    /// that does not exist is not counted).
    pub files: usize,
    /// Diagnostics that are errors.
    pub errors: usize,
    /// Diagnostics that are warnings.
    pub warnings: usize,
    /// Every finding, sorted by path, line and column.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    fn push(&mut self, d: Diagnostic) {
        match d.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        self.diagnostics.push(d);
    }
}

/// Checks the site. `locales` restricts the target locales (empty = all);
/// the source locale's files are always checked for syntax.
pub fn check_site(cfg: &Config, locales: &[LanguageIdentifier]) -> Report {
    let mut report = Report::default();
    let read = source::read_all(cfg, &[]);
    for e in &read.errors {
        report.push(from_error(e));
    }
    check_source_files(cfg, &mut report);
    let glossary = crate::mt::glossary::Glossary::load(&cfg.root).unwrap_or_else(|e| {
        report.push(from_error(&e));
        crate::mt::glossary::Glossary::default()
    });
    for locale in cfg
        .targets
        .iter()
        .filter(|l| locales.is_empty() || locales.contains(l))
    {
        for src in &read.sources {
            let path = source::target_path(cfg, &src.resource, locale);
            with_file(cfg, &path, &glossary, &mut report, |file, report| {
                check_target(file, src, locale, report)
            });
        }
    }
    report
        .diagnostics
        .sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    report
}

/// Hand-written French bundles: read errors are already reported by
/// `read_all`; duplicates are not, and generated post bundles are checked
/// for syntax like any file.
fn check_source_files(cfg: &Config, report: &mut Report) {
    let dir = cfg.locale_dir(&cfg.source);
    let glossary = crate::mt::glossary::Glossary::default();
    for name in crate::base::fs::list_files(&dir, ".ftl").unwrap_or_default() {
        with_file(cfg, &dir.join(&name), &glossary, report, |file, report| {
            if name.starts_with("posts/") {
                syntax(file, report);
            }
            duplicates(file, report);
        });
    }
}

/// Reads a file (skipped when absent), counts it and hands it to `check`.
/// A file that cannot be read (not UTF-8, say) is an error, reported once
/// (`read_all` may have reported it already); a byte order mark is a
/// warning.
fn with_file(
    cfg: &Config,
    path: &std::path::Path,
    glossary: &crate::mt::glossary::Glossary,
    report: &mut Report,
    check: impl FnOnce(&File, &mut Report),
) {
    let text = match crate::base::fs::read_text_opt(path) {
        Ok(Some(text)) => text,
        Ok(None) => return,
        Err(e) => {
            let mut d = from_error(&e);
            d.path = source::rel_path(cfg, std::path::Path::new(&d.path));
            let known = report
                .diagnostics
                .iter()
                .any(|x| (&x.path, x.line, x.col) == (&d.path, d.line, d.col));
            if !known {
                report.push(d);
            }
            return;
        }
    };
    report.files += 1;
    let file = File {
        path: source::rel_path(cfg, path),
        text: &text,
        glossary,
    };
    if starts_with_bom(path) {
        let msg = "the file starts with a byte order mark (BOM): relais reads it, but Fluent's other tools (fluent.js, python-fluent, compare-locales) take the first entry for junk; save it as UTF-8 without BOM".to_string();
        file.warning(report, (1, 1), "bom", msg);
    }
    check(&file, report);
}

/// Whether the file's first bytes are UTF-8's byte order mark (which
/// reading drops).
fn starts_with_bom(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 3];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == [0xEF, 0xBB, 0xBF])
}

fn from_error(e: &crate::base::error::Error) -> Diagnostic {
    let (path, line, col, message) = match e {
        crate::base::error::Error::Input { loc, message, .. } => (
            loc.path.display().to_string(),
            loc.line,
            loc.col,
            message.clone(),
        ),
        other => (String::new(), 0, 0, other.to_string()),
    };
    Diagnostic {
        path,
        line,
        col,
        severity: Severity::Error,
        code: "syntax",
        message,
    }
}

/// A file being checked.
struct File<'a> {
    path: String,
    text: &'a str,
    /// Do-not-translate terms that must come back verbatim.
    glossary: &'a crate::mt::glossary::Glossary,
}

impl File<'_> {
    /// Reports a finding at `(line, col)` of this file.
    fn push(
        &self,
        report: &mut Report,
        (line, col): (usize, usize),
        severity: Severity,
        code: &'static str,
        message: String,
    ) {
        report.push(Diagnostic {
            path: self.path.clone(),
            line,
            col,
            severity,
            code,
            message,
        });
    }

    fn error(&self, report: &mut Report, at: (usize, usize), code: &'static str, message: String) {
        self.push(report, at, Severity::Error, code, message);
    }

    fn warning(
        &self,
        report: &mut Report,
        at: (usize, usize),
        code: &'static str,
        message: String,
    ) {
        self.push(report, at, Severity::Warning, code, message);
    }
}

fn check_target(file: &File, src: &Source, locale: &LanguageIdentifier, report: &mut Report) {
    syntax(file, report);
    duplicates(file, report);
    let (target, junk) = ftl::parse(file.text);
    let junk_ids: BTreeSet<String> = junk.into_iter().filter_map(|e| e.id).collect();
    let src_text = source_text(src);
    let src_ast = match fluent_syntax::parser::parse(src_text.as_str()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let tgt_ast = match fluent_syntax::parser::parse(file.text) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let src_entries = entries(&src_ast);
    let tgt_entries = entries(&tgt_ast);
    for m in src.messages.iter().filter(|m| !junk_ids.contains(&m.id)) {
        compare_message(
            file,
            src,
            locale,
            m,
            &target,
            &src_entries,
            &tgt_entries,
            report,
        );
    }
    for id in tgt_entries.keys() {
        let known =
            src.messages.iter().any(|m| &m.id == id) || src.terms.iter().any(|t| &t.id == id);
        if !known {
            let at = locate(file.text, id, None);
            file.error(
                report,
                at,
                "obsolete-message",
                format!("{id}: not in the French (obsolete)"),
            );
        }
    }
    for e in crate::fluent::load::verify(file.text, locale) {
        let at = locate(file.text, &e.id, e.attribute.as_deref());
        let what = e
            .attribute
            .map_or(e.id.clone(), |a| format!("{}.{a}", e.id));
        file.error(
            report,
            at,
            "format",
            format!("{what} does not format: {}", e.message),
        );
    }
}

/// Junk entries: never silently dropped.
fn syntax(file: &File, report: &mut Report) {
    let (_, errors) = ftl::parse(file.text);
    for e in &errors {
        file.error(report, (e.line, e.col), "syntax", e.message.clone());
    }
}

fn duplicates(file: &File, report: &mut Report) {
    let res = match fluent_syntax::parser::parse(file.text) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (id, attrs) in res.body.iter().filter_map(entry_id_attrs) {
        let n = seen.entry(id.clone()).or_default();
        *n += 1;
        if *n == 2 {
            let count = res
                .body
                .iter()
                .filter_map(entry_id_attrs)
                .filter(|(i, _)| *i == id)
                .count();
            let at = locate_nth(file.text, &id, 2);
            file.error(
                report,
                at,
                "duplicate",
                format!("{id} occurs {count} times"),
            );
        }
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        for a in attrs {
            let n = names.entry(a.clone()).or_default();
            *n += 1;
            if *n == 2 {
                // The second one is the line to look at.
                let at = locate_attr_nth(file.text, &id, &a, 2);
                file.error(
                    report,
                    at,
                    "duplicate",
                    format!("{id}: attribute .{a} occurs more than once"),
                );
            }
        }
    }
}

fn entry_id_attrs<'a>(e: &'a ast::Entry<&'a str>) -> Option<(String, Vec<String>)> {
    match e {
        ast::Entry::Message(m) => Some((
            m.id.name.to_string(),
            m.attributes.iter().map(|a| a.id.name.to_string()).collect(),
        )),
        ast::Entry::Term(t) => Some((
            format!("-{}", t.id.name),
            t.attributes.iter().map(|a| a.id.name.to_string()).collect(),
        )),
        _ => None,
    }
}

/// The French as Fluent source: what relais writes for a post, the same
/// messages as the file for a UI bundle.
fn source_text(src: &Source) -> String {
    let mut messages = src.terms.clone();
    messages.extend(src.messages.iter().cloned());
    ftl::write(&ftl::Resource {
        comment: None,
        messages,
    })
}

/// Id → (value, attributes) of every message and term.
type Entries<'a> = BTreeMap<String, Parts<'a>>;

fn entries<'a>(res: &'a ast::Resource<&'a str>) -> Entries<'a> {
    let mut out = Entries::new();
    for e in &res.body {
        let (id, value, attrs) = match e {
            ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            _ => continue,
        };
        let attrs = attrs.iter().map(|a| (a.id.name, &a.value)).collect();
        out.entry(id).or_insert((value, attrs));
    }
    out
}

/// The value and attributes of a message, read from the syntax tree.
type Parts<'a> = (
    Option<&'a ast::Pattern<&'a str>>,
    Vec<(&'a str, &'a ast::Pattern<&'a str>)>,
);

/// A value or attributes missing or added, then the references of the
/// value and of every attribute, compared with the French.
fn compare_attributes(
    file: &File,
    locale: &LanguageIdentifier,
    id: &str,
    (s_value, s_attrs): &Parts,
    (t_value, t_attrs): &Parts,
    report: &mut Report,
) {
    // The same words as `check::problems`, which `approve` refuses with.
    match (s_value, t_value) {
        (Some(_), None) => {
            let msg = format!("{id}: the value is missing");
            file.error(report, locate(file.text, id, None), "missing-value", msg);
        }
        (None, Some(_)) => {
            let msg = format!("{id}: a value the French does not have");
            file.error(report, locate(file.text, id, None), "obsolete-value", msg);
        }
        _ => {}
    }
    for (name, _) in s_attrs {
        if !t_attrs.iter().any(|(n, _)| n == name) {
            let at = locate(file.text, id, None);
            let msg = format!("{id}: missing attribute .{name}");
            file.error(report, at, "missing-attribute", msg);
        }
    }
    for (name, _) in t_attrs {
        if !s_attrs.iter().any(|(n, _)| n == name) {
            let at = locate(file.text, id, Some(name));
            let msg = format!("{id}: obsolete attribute .{name}");
            file.error(report, at, "obsolete-attribute", msg);
        }
    }
    compare_pattern(file, locale, id, None, *s_value, *t_value, report);
    for (name, s_attr) in s_attrs {
        if let Some((_, t_attr)) = t_attrs.iter().find(|(n, _)| n == name) {
            compare_pattern(
                file,
                locale,
                id,
                Some(name),
                Some(s_attr),
                Some(t_attr),
                report,
            );
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn compare_message(
    file: &File,
    src: &Source,
    locale: &LanguageIdentifier,
    m: &ftl::Message,
    target: &ftl::Resource,
    src_entries: &Entries,
    tgt_entries: &Entries,
    report: &mut Report,
) {
    let id = &m.id;
    let Some(t) = find(target, id) else {
        if !tgt_entries.contains_key(id) {
            let at = (1, 1);
            file.warning(
                report,
                at,
                "missing-message",
                format!("{id}: not translated yet (the site shows the French)"),
            );
        }
        return;
    };
    let (Some(s_ast), Some(t_ast)) = (src_entries.get(id), tgt_entries.get(id)) else {
        return;
    };
    compare_attributes(file, locale, id, s_ast, t_ast, report);
    if src.syntax == crate::source::kind::Syntax::Markdown {
        for p in super::problems(m, t, src.text_kind()) {
            let attribute = matches!(
                &p,
                super::Problem::AttributeMissing(_)
                    | super::Problem::AttributeObsolete(_)
                    | super::Problem::PieceMissing(super::Field::Attribute(_), _)
                    | super::Problem::PieceAdded(super::Field::Attribute(_), _)
            );
            if !attribute {
                file.error(
                    report,
                    locate(file.text, id, None),
                    "markup",
                    format!("{id}: {p}"),
                );
            }
        }
    }
    text_warnings(file, src, locale, m, t, report);
}

fn compare_pattern(
    file: &File,
    locale: &LanguageIdentifier,
    id: &str,
    attr: Option<&str>,
    source: Option<&ast::Pattern<&str>>,
    target: Option<&ast::Pattern<&str>>,
    report: &mut Report,
) {
    let (Some(source), Some(target)) = (source, target) else {
        return;
    };
    let (s, _) = analyse(source);
    let (t, t_selects) = analyse(target);
    let at = locate(file.text, id, attr);
    let what = attr.map_or(id.to_string(), |a| format!("{id}.{a}"));
    let mut push =
        |sev, code, msg: String| file.push(report, at, sev, code, format!("{what}: {msg}"));
    for v in s.variables.difference(&t.variables) {
        push(
            Severity::Error,
            "missing-variable",
            format!("missing variable ${v}"),
        );
    }
    for v in t.variables.difference(&s.variables) {
        push(
            Severity::Error,
            "unknown-variable",
            format!("variable ${v} is not in the French"),
        );
    }
    for (kind, a, b) in [
        ("term", &s.terms, &t.terms),
        ("message", &s.messages, &t.messages),
    ] {
        for r in a.difference(b) {
            push(
                Severity::Warning,
                "missing-reference",
                format!("missing {kind} reference {r}"),
            );
        }
        for r in b.difference(a) {
            push(
                Severity::Error,
                "unknown-reference",
                format!("{kind} reference {r} is not in the French"),
            );
        }
    }
    for key in t_selects.iter().flat_map(|sel| sel.duplicate_keys()) {
        push(
            Severity::Error,
            "duplicate-variant",
            format!("variant [{key}] is defined twice (fluent-bundle uses the first)"),
        );
    }
    plural_findings(locale, &t_selects, &mut push);
}

/// Plural selects of the translation must have every category the
/// locale needs.
fn plural_findings(
    locale: &LanguageIdentifier,
    selects: &[SelectInfo],
    push: &mut impl FnMut(Severity, &'static str, String),
) {
    let needed = refs::plural_categories(locale);
    for sel in selects.iter().filter(|s| s.is_plural()) {
        let missing: Vec<&str> = needed
            .iter()
            .filter(|c| !sel.keys.iter().any(|k| k == *c))
            .copied()
            .collect();
        if !missing.is_empty() {
            push(
                Severity::Warning,
                "plural-categories",
                format!("plural categories missing: {}", missing.join(", ")),
            );
        }
    }
}

fn analyse(p: &ast::Pattern<&str>) -> (Refs, Vec<SelectInfo>) {
    let mut r = Refs::default();
    let mut s = Vec::new();
    refs::collect(p, &mut r, &mut s);
    (r, s)
}

/// Text identical to the French, and Apertium marks left behind.
fn text_warnings(
    file: &File,
    src: &Source,
    locale: &LanguageIdentifier,
    source: &ftl::Message,
    target: &ftl::Message,
    report: &mut Report,
) {
    let id = &source.id;
    let at = locate(file.text, id, None);
    let (s, t) = (
        crate::fluent::text::message_text(source),
        crate::fluent::text::message_text(target),
    );
    if s == t && !is_name_or_number(&s) {
        file.warning(
            report,
            at,
            "identical",
            format!("{id}: same text as the French"),
        );
    }
    if t.contains('\u{FFFD}') && !s.contains('\u{FFFD}') {
        let msg =
            format!("{id}: `\u{FFFD}` in the text, where a character was lost to a wrong encoding");
        file.warning(report, at, "replacement-character", msg);
    }
    // In Markdown, `*` is emphasis: look for marks in the protected text,
    // where emphasis has become elements.
    let visible = match (&target.value, src.syntax) {
        (Some(v), crate::source::kind::Syntax::Markdown) => {
            crate::mt::protect::protect(v, src.syntax, &src.ref_defs).text
        }
        _ => t.clone(),
    };
    for word in apertium_marks(&visible) {
        if !s.contains(&word) {
            file.warning(
                report,
                at,
                "unknown-word-mark",
                format!("{id}: Apertium mark left in `{word}`"),
            );
        }
    }
    for term in file.glossary.violations(&s, &t) {
        let v = super::Problem::KeepTerm(term);
        file.error(report, at, "glossary", format!("{id}: {v}"));
    }
    for rule in crate::mt::typography::findings(&visible, &locale.to_string()) {
        file.warning(
            report,
            at,
            "typography",
            format!(
                "{id}: French typography left ({}): {}",
                rule.name, rule.description
            ),
        );
    }
}

/// Text that is rightly the same in every language: numbers, and names
/// (every word capitalised, or a single word).
pub fn is_name_or_number(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let letters = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    letters <= 1
        || words
            .iter()
            .all(|w| !w.chars().next().is_some_and(char::is_lowercase))
}

/// `*mot`, `#mot`, `@mot` at a word start.
fn apertium_marks(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        let starts = i == 0 || !chars[i - 1].is_alphanumeric();
        let marked = matches!(chars[i], '*' | '#' | '@')
            && chars.get(i + 1).is_some_and(|c| c.is_alphabetic());
        if starts && marked {
            let word: String = chars[i..]
                .iter()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '*' | '#' | '@'))
                .collect();
            out.push(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_may_stay_identical() {
        assert!(is_name_or_number("PARTAGE"));
        assert!(is_name_or_number("Dispensaire Trottoir"));
        assert!(is_name_or_number("2024"));
        assert!(!is_name_or_number("Lire la suite"));
    }

    #[test]
    fn apertium_marks_are_found() {
        assert_eq!(
            apertium_marks("the *préscolaires classes #dit @x 5*3"),
            vec!["*préscolaires", "#dit", "@x"]
        );
    }
}
