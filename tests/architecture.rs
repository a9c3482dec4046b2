//! The shape of `src/`, held by the suite: every `crate::` path of the
//! library (in `use` lines and in code, `super::` resolved) is read, and a
//! rule broken fails naming the file and the import.
//!
//! - Layers in the order the data flows; a module depends only on its own
//!   layer and those before it: base ← fluent ← source ← mt ← check ←
//!   review ← sync ← export ← serve.
//! - Engines (`mt::engine`) know nothing of posts, Fluent, review state or
//!   checks: they see `base`, the glossary and each other.
//! - `export` reads review state and never changes it: no `review::record`,
//!   `review::decide`, `review::edit` or `sync`.
//! - No cycle between modules.
//! - The library prints nothing, uses no `clap` and chooses no exit code:
//!   that is the binary's (`main.rs`, `cli.rs`, `cmd/`).
//! - A review record changes only in `review::record`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const LAYERS: [&str; 9] = [
    "base", "fluent", "source", "mt", "check", "review", "sync", "export", "serve",
];

/// What an engine may use besides itself.
const ENGINE_MAY_USE: [&str; 2] = ["base", "mt::glossary"];

/// What export must not use: it never writes review state.
const EXPORT_MUST_NOT_USE: [&str; 4] = ["review::record", "review::decide", "review::edit", "sync"];

/// Calls and tokens the library never makes (the binary's job).
const BINARY_ONLY: [&str; 8] = [
    "println!",
    "print!",
    "eprintln!",
    "eprint!",
    "dbg!",
    "clap::",
    "std::process::exit",
    "ExitCode",
];

/// Changes of a review record, allowed only in `review::record` (and the
/// record types' own `review::state`).
/// Records are named `rec`, `record` or `….record` where they change (a
/// convention this rule holds).
const RECORD_CHANGES: &str = r"\b(rec|record)\.(log|log_by|approve|remember_removed)\(|\b(rec|record)\.(source|source_hash|previous_source|machine|suggestion|failed|resource|locale)\s*=[^=>]|\b(rec|record)\.(approvals|history|removed|messages)\.(push|retain|clear|drain|insert|entry|remove)\(";
const RECORD_OWNERS: [&str; 3] = ["review::record", "review::state", "source::record"];

/// One library file: its module path and its code, comments and string
/// literals blanked.
struct File {
    rel: String,
    module: Vec<String>,
    code: String,
}

#[test]
fn src_follows_the_architecture() {
    let files = library_files(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path());
    assert!(files.len() > 30, "src/ not found: {} files", files.len());
    let problems = check(&files);
    assert!(
        problems.is_empty(),
        "the architecture of src/ is broken:\n{}",
        problems.join("\n")
    );
}

/// The rules fail when broken: a back-edge, an engine reading review
/// state, export writing a record, a cycle, a print and a record changed
/// outside `review::record`, each in a made-up file.
#[test]
fn each_rule_fails_when_broken() {
    let file = |rel: &str, code: &str| File {
        rel: rel.to_string(),
        module: module_of(Path::new(rel)),
        code: blank(code),
    };
    let cases = [
        (
            vec![file("base/fs.rs", "use crate::review::state::Store;")],
            "base may not depend on review",
        ),
        (
            vec![file(
                "mt/engine/deepl.rs",
                "fn f() { crate::fluent::ftl::parse(\"\"); }",
            )],
            "an engine may not depend on fluent",
        ),
        (
            vec![file("export/mod.rs", "use crate::review::{record, state};")],
            "export may not depend on review::record",
        ),
        (
            vec![
                file("review/view.rs", "use crate::review::status::counts;"),
                file("review/status.rs", "use super::view::{self, Entry};"),
            ],
            "cycle",
        ),
        (
            vec![file("source/read.rs", "fn f() { eprintln!(\"x\"); }")],
            "`eprintln!`",
        ),
        (
            vec![file(
                "sync/apply.rs",
                "fn f(rec: &mut R) { rec.failed = None; }",
            )],
            "changes a review record",
        ),
    ];
    for (files, expected) in cases {
        let mut all: Vec<File> = files;
        all.extend(known_modules_as_files());
        let problems = check(&all);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "expected a problem with {expected:?}, got {problems:#?}"
        );
    }
    // And a file that keeps the rules passes.
    let mut ok = vec![file(
        "review/view.rs",
        "use crate::fluent::ftl::Message; use super::state;",
    )];
    ok.extend(known_modules_as_files());
    assert_eq!(check(&ok), Vec::<String>::new());
}

/// Empty files standing for the folders, so that made-up paths resolve.
fn known_modules_as_files() -> Vec<File> {
    [
        "base/mod.rs",
        "base/fs.rs",
        "fluent/mod.rs",
        "fluent/ftl.rs",
        "source/mod.rs",
        "source/read.rs",
        "mt/mod.rs",
        "mt/engine/mod.rs",
        "mt/engine/deepl.rs",
        "review/mod.rs",
        "review/state.rs",
        "review/record.rs",
        "review/status.rs",
        "review/view.rs",
        "sync/mod.rs",
        "sync/apply.rs",
        "export/mod.rs",
    ]
    .into_iter()
    .map(|rel| File {
        rel: format!("(folder) {rel}"),
        module: module_of(Path::new(rel)),
        code: String::new(),
    })
    .collect()
}

fn check(files: &[File]) -> Vec<String> {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    let record_change = regex::Regex::new(RECORD_CHANGES).unwrap();
    let mut problems = Vec::new();
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for f in files.iter().filter(|f| !f.rel.starts_with("(folder)")) {
        for path in paths(&f.code, &f.module) {
            let Some(to) = resolve(&path, &modules) else {
                continue;
            };
            let shown = format!("crate::{}", path.join("::"));
            if let Some(rule) = broken_rule(&f.module, &to) {
                problems.push(format!("src/{}: `{shown}`: {rule}", f.rel));
            }
            if to != f.module && !f.module.starts_with(&to) && !to.starts_with(&f.module) {
                graph.entry(f.module.clone()).or_default().insert(to);
            }
        }
        let body = f.code.split("#[cfg(test)]").next().unwrap_or("");
        for token in BINARY_ONLY {
            if let Some(at) = find_token(body, token) {
                problems.push(format!(
                    "src/{}:{}: `{token}`: the library prints nothing, uses no clap and chooses no exit code (the binary's job)",
                    f.rel,
                    line_of(body, at)
                ));
            }
        }
        let owner = RECORD_OWNERS.iter().any(|o| f.module.join("::") == *o);
        if !owner && let Some(m) = record_change.find(body) {
            problems.push(format!(
                "src/{}:{}: `{}` changes a review record: ask review::record",
                f.rel,
                line_of(body, m.start()),
                m.as_str().trim()
            ));
        }
    }
    for cycle in cycles(&graph) {
        problems.push(format!("cycle between modules: {}", cycle.join(" → ")));
    }
    problems
}

/// Why `from` may not depend on `to`, if it may not.
fn broken_rule(from: &[String], to: &[String]) -> Option<String> {
    let (fl, tl) = (layer(from)?, layer(to)?);
    if tl > fl {
        return Some(format!(
            "{} may not depend on {} (layers: {})",
            LAYERS[fl],
            LAYERS[tl],
            LAYERS.join(" ← ")
        ));
    }
    let under = |m: &[String], prefix: &str| {
        let p: Vec<&str> = prefix.split("::").collect();
        m.len() >= p.len() && m.iter().zip(&p).all(|(a, b)| a == b)
    };
    if under(from, "mt::engine")
        && !under(to, "mt::engine")
        && !ENGINE_MAY_USE.iter().any(|ok| under(to, ok))
    {
        return Some(format!(
            "an engine may not depend on {} (engines know nothing of posts, Fluent, review state or checks)",
            to.join("::")
        ));
    }
    if under(from, "export")
        && let Some(bad) = EXPORT_MUST_NOT_USE.iter().find(|bad| under(to, bad))
    {
        return Some(format!(
            "export may not depend on {bad}: it reads review state, never writes it"
        ));
    }
    None
}

fn layer(module: &[String]) -> Option<usize> {
    LAYERS
        .iter()
        .position(|l| module.first().map(String::as_str) == Some(*l))
}

/// Every `.rs` file of the library (not `main.rs`, `cli.rs`, `cmd/`, `bin/`).
fn library_files(src: &Path) -> Vec<File> {
    let mut out = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(src).unwrap().to_path_buf();
            let name = rel.to_string_lossy().replace('\\', "/");
            if path.is_dir() {
                if name != "cmd" && name != "bin" {
                    stack.push(path);
                }
                continue;
            }
            let binary = ["main.rs", "cli.rs", "lib.rs"].contains(&name.as_str());
            if name.ends_with(".rs") && !binary {
                out.push(File {
                    module: module_of(&rel),
                    code: blank(&std::fs::read_to_string(&path).unwrap()),
                    rel: name,
                });
            }
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

/// `mt/engine/deepl.rs` → `[mt, engine, deepl]`; `check/mod.rs` → `[check]`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code with comments, string and char literals blanked (kept as
/// spaces so that offsets and lines stay).
fn blank(code: &str) -> String {
    let b = code.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                out[i] = b' ';
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            while i < b.len() && !b[i..].starts_with(b"*/") {
                out[i] = if b[i] == b'\n' { b'\n' } else { b' ' };
                i += 1;
            }
            i = (i + 2).min(b.len());
        } else if b[i] == b'r' && (b[i + 1..].starts_with(b"\"") || b[i + 1..].starts_with(b"#")) {
            let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
            if b.get(i + 1 + hashes) != Some(&b'"') {
                i += 1;
                continue;
            }
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let mut j = i + 2 + hashes;
            while j < b.len() && !b[j..].starts_with(&close) {
                j += 1;
            }
            for c in &mut out[i + 2 + hashes..j.min(b.len())] {
                if *c != b'\n' {
                    *c = b' ';
                }
            }
            i = j + close.len();
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    out[i] = b' ';
                    i += 1;
                }
                if i < b.len() && out[i] != b'\n' {
                    out[i] = b' ';
                }
                i += 1;
            }
            i += 1;
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            out[i + 1] = b' ';
            i += 3;
        } else if b[i] == b'\'' && b.get(i + 1) == Some(&b'\\') {
            let end = b[i + 1..]
                .iter()
                .position(|c| *c == b'\'')
                .map_or(i + 1, |p| i + 1 + p);
            out[i + 1..end].fill(b' ');
            i = end + 1;
        } else {
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Every path the code names from the crate: the trees of `use` items
/// expanded, and `crate::…`/`super::…` paths in code; made absolute.
fn paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let use_re = regex::Regex::new(r"\buse\s+([^;]*);").unwrap();
    let mut rest = code.to_string();
    for m in use_re.find_iter(code) {
        let tree = use_re.captures(m.as_str()).unwrap()[1].to_string();
        for p in expand(&tree) {
            out.extend(absolute(&p, module));
        }
        rest.replace_range(m.range(), &" ".repeat(m.len()));
    }
    let inline = regex::Regex::new(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+)").unwrap();
    for c in inline.captures_iter(&rest) {
        let p: Vec<String> = std::iter::once(c[1].to_string())
            .chain(
                c[2].split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            )
            .collect();
        out.extend(absolute(&p, module));
    }
    out
}

/// A `use` tree (`crate::{a::{self, b}, c as d}`) as its paths.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or("");
        return vec![
            path.split("::")
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        ];
    };
    let prefix: Vec<String> = tree[..open]
        .trim_end_matches("::")
        .split("::")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    let mut out = Vec::new();
    for item in items.into_iter().map(str::trim).filter(|i| !i.is_empty()) {
        for sub in expand(item) {
            let mut p = prefix.clone();
            p.extend(sub.into_iter().filter(|s| s != "self"));
            out.push(p);
        }
    }
    out
}

/// `crate::a::b` → `[a, b]`; `super::x` from module `m` → its parent + x.
fn absolute(path: &[String], module: &[String]) -> Option<Vec<String>> {
    let first = path.first()?;
    match first.as_str() {
        "crate" => Some(path[1..].to_vec()),
        "super" | "self" => {
            let mut base = module.to_vec();
            let mut rest = path;
            while let Some(head) = rest.first() {
                match head.as_str() {
                    "super" => {
                        base.pop();
                    }
                    "self" => {}
                    _ => break,
                }
                rest = &rest[1..];
            }
            base.extend(rest.iter().cloned());
            Some(base)
        }
        _ => None,
    }
}

/// The module a path names or names an item of: its longest prefix that
/// is a file of `src/`.
fn resolve(path: &[String], modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
}

/// Cycles of the module graph (each reported once, from its least module).
fn cycles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = Vec::new();
    for start in graph.keys() {
        // Depth-first from `start`, only through modules after it.
        let mut stack = vec![(start.clone(), vec![start.join("::")])];
        let mut seen = BTreeSet::new();
        while let Some((node, trail)) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if next == start {
                    let mut c = trail.clone();
                    c.push(start.join("::"));
                    found.push(c);
                } else if next > start && seen.insert(next.clone()) {
                    let mut t = trail.clone();
                    t.push(next.join("::"));
                    stack.push((next.clone(), t));
                }
            }
        }
    }
    found
}

/// Where `token` first appears as a whole token in `code`.
fn find_token(code: &str, token: &str) -> Option<usize> {
    code.match_indices(token)
        .find(|(at, _)| {
            let before = code[..*at].chars().next_back();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
        })
        .map(|(at, _)| at)
}

fn line_of(code: &str, at: usize) -> usize {
    code[..at].matches('\n').count() + 1
}
