//! A French post file: front matter (YAML between `---`, or TOML between
//! `+++`) and a CommonMark body.
//!
//! This module only splits and validates; the body is cut into blocks by
//! `segment`, and the messages are built by `extract`.

use crate::base::error::{Error, Location, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Larger posts are refused: nobody writes a 2 MB news post, and sending
/// one to a paid engine by mistake would cost real money.
pub const MAX_POST_BYTES: usize = 1_000_000;

/// A parsed post.
#[derive(Clone, Debug)]
pub struct Post {
    /// File name without `.md`; the resource is `posts/<slug>`.
    pub slug: String,
    /// Path relative to the site root, for messages (`posts/x.md`).
    pub path: PathBuf,
    /// The whole file (BOM removed, line endings as written).
    pub text: String,
    /// Front matter scalar values by key (strings, numbers and booleans as
    /// text); lists and maps are not translatable and not listed.
    pub front: BTreeMap<String, String>,
    /// Byte offset where the body starts in `text`.
    pub body_start: usize,
    /// `draft: true`: never sent to an engine, never exported.
    pub draft: bool,
}

impl Post {
    /// The Markdown body, after the front matter.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The post's resource name, `posts/<slug>`.
    pub fn resource(&self) -> String {
        format!("posts/{}", self.slug)
    }

    /// The front matter's `title`, if it has one.
    pub fn title(&self) -> Option<&str> {
        self.front.get("title").map(String::as_str)
    }

    /// The front matter's fence (`---` for YAML, `+++` for TOML) and the
    /// text between its fences, line endings as written.
    pub fn front_matter_inner(&self) -> (&str, &str) {
        let front = &self.text[..self.body_start];
        let first = front.find('\n').map_or(front.len(), |i| i + 1);
        let last = front[..front.len().saturating_sub(1)]
            .rfind('\n')
            .map_or(first, |i| i + 1)
            .max(first);
        (front[..first].trim_end(), &front[first..last])
    }

    /// The front matter block with the given keys' values replaced, for
    /// one-line `key: value` (YAML) or `key = value` (TOML) entries; keys
    /// not found are added before the closing fence. Every other line is
    /// kept as the writer wrote it.
    pub fn front_matter_with(&self, values: &BTreeMap<String, String>) -> String {
        let front = &self.text[..self.body_start];
        let toml = front.starts_with("+++");
        let (sep, assign) = if toml { ('=', " =") } else { (':', ":") };
        let entry = |key: &str, value: &str, eol: &str| {
            let quoted = serde_json::to_string(value).expect("strings serialise");
            format!("{key}{assign} {quoted}{eol}")
        };
        let lines: Vec<&str> = front.split_inclusive('\n').collect();
        let eol = if front.contains("\r\n") { "\r\n" } else { "\n" };
        let mut out = String::with_capacity(front.len());
        let mut done = std::collections::BTreeSet::new();
        for (i, line) in lines.iter().enumerate() {
            if i == lines.len() - 1 {
                for (k, v) in values.iter().filter(|(k, _)| !done.contains(k.as_str())) {
                    out.push_str(&entry(k, v, eol));
                }
            }
            let key = line.split(sep).next().unwrap_or("").trim();
            match values.get(key) {
                Some(v)
                    if i > 0 && !line.starts_with(char::is_whitespace) && line.contains(sep) =>
                {
                    let line_eol = &line[line.trim_end_matches(['\r', '\n']).len()..];
                    out.push_str(&entry(key, v, line_eol));
                    done.insert(key);
                }
                _ => out.push_str(line),
            }
        }
        out
    }
}

/// The slug of a post file name: `2024-06-06-keoogo.md` → `2024-06-06-keoogo`.
/// Slugs become Fluent resource paths and URLs, so only lowercase ASCII
/// letters, digits and `-` are accepted.
pub fn slug_of(path: &Path) -> std::result::Result<String, String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let slug = name
        .strip_suffix(".md")
        .ok_or("a post file name ends in .md")?;
    let ok = !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(slug.to_string())
    } else {
        Err(format!(
            "`{name}`: a post's file name may only hold lowercase letters, digits and `-` (it becomes the URL)"
        ))
    }
}

/// Parses a post's text. `path` is used in error locations.
pub fn parse(path: &Path, text: String) -> Result<Post> {
    let slug =
        slug_of(path).map_err(|m| Error::finding(Location::new(path, 1, 1), "file-name", m))?;
    if text.trim().is_empty() {
        return Err(Error::finding(
            Location::new(path, 1, 1),
            "empty",
            "the post is empty",
        ));
    }
    if text.len() > MAX_POST_BYTES {
        return Err(Error::finding(
            Location::new(path, 1, 1),
            "too-large",
            format!(
                "the post is {:.1} MB; posts over {} MB are refused (a news post is a few KB: is this the right file?)",
                text.len() as f64 / 1e6,
                MAX_POST_BYTES / 1_000_000
            ),
        ));
    }
    let (front, body_start) = split_front_matter(path, &text)?;
    let draft = front.get("draft").is_some_and(|v| v == "true");
    let post = Post {
        slug,
        path: path.to_path_buf(),
        text,
        front,
        body_start,
        draft,
    };
    match post.title() {
        Some(t) if !t.trim().is_empty() => Ok(post),
        _ => Err(Error::finding(
            Location::new(path, 2, 1),
            "no-title",
            "the front matter has no `title`",
        )),
    }
}

/// Finds the front matter block and parses it. Returns the scalar fields
/// and where the body starts.
fn split_front_matter(path: &Path, text: &str) -> Result<(BTreeMap<String, String>, usize)> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let fence = text[..first_line_end].trim_end();
    if fence != "---" && fence != "+++" {
        return Err(Error::finding(
            Location::new(path, 1, 1),
            "no-front-matter",
            "a post starts with front matter between `---` lines (YAML) or `+++` lines (TOML)",
        ));
    }
    let (inner_end, body_start) = closing_fence(text, first_line_end, fence).ok_or_else(|| {
        Error::finding(
            Location::new(path, 1, 1),
            "front-matter-unclosed",
            format!("the front matter opened here is never closed by a `{fence}` line"),
        )
    })?;
    let inner = &text[first_line_end..inner_end];
    let fields = if fence == "---" {
        parse_yaml(path, text, first_line_end, inner)?
    } else {
        parse_toml(path, text, first_line_end, inner)?
    };
    Ok((fields, body_start))
}

/// The byte offsets of the closing fence line's start and of the line after.
fn closing_fence(text: &str, from: usize, fence: &str) -> Option<(usize, usize)> {
    let mut pos = from;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == fence {
            return Some((pos, end));
        }
        pos = end;
    }
    None
}

fn parse_yaml(
    path: &Path,
    text: &str,
    offset: usize,
    inner: &str,
) -> Result<BTreeMap<String, String>> {
    use yaml_rust2::{Yaml, YamlLoader};
    let inner_lf = inner.replace("\r\n", "\n");
    refuse_aliases(path, text, offset, &inner_lf)?;
    let docs = YamlLoader::load_from_str(&inner_lf).map_err(|e| {
        let m = e.marker();
        let line = crate::base::error::line_col(text, offset).0 + m.line() - 1;
        Error::finding(
            Location::new(path, line, m.col() + 1),
            "front-matter-syntax",
            format!("front matter: {}", e.info()),
        )
    })?;
    let not_a_map = || {
        Error::finding(
            Location::at_offset(path, text, offset),
            "front-matter-lines",
            "front matter: expected `key: value` lines",
        )
    };
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return Err(not_a_map());
    };
    let mut out = BTreeMap::new();
    for (k, v) in map {
        let Yaml::String(key) = k else { continue };
        if key == "draft" && !matches!(v, Yaml::Boolean(_)) {
            return Err(not_a_boolean(path, text, offset, inner));
        }
        let value = match v {
            Yaml::String(s) | Yaml::Real(s) => s,
            Yaml::Integer(i) => i.to_string(),
            Yaml::Boolean(b) => b.to_string(),
            _ => continue,
        };
        out.insert(key, value);
    }
    Ok(out)
}

/// Aliases (`*name`) are refused before the front matter is loaded: the
/// loader copies what an alias names, so a few hundred bytes of nested
/// aliases expand to gigabytes. A post's front matter has no use for them.
fn refuse_aliases(path: &Path, text: &str, offset: usize, inner_lf: &str) -> Result<()> {
    use yaml_rust2::parser::{Event, Parser};
    let mut parser = Parser::new_from_str(inner_lf);
    loop {
        match parser.next_token() {
            // Syntax errors are the loader's to report, with their place.
            Ok((Event::StreamEnd, _)) | Err(_) => return Ok(()),
            Ok((Event::Alias(_), m)) => {
                let line = crate::base::error::line_col(text, offset).0 + m.line() - 1;
                return Err(Error::finding(
                    Location::new(path, line, m.col() + 1),
                    "front-matter-alias",
                    "front matter: aliases (`*name`) are not accepted: write the value out",
                ));
            }
            Ok(_) => {}
        }
    }
}

/// `draft` must be a boolean: `yes`, `"true"` or `1` would be read as not
/// a draft, and the post sent to a paid engine.
fn not_a_boolean(path: &Path, text: &str, offset: usize, inner: &str) -> Error {
    let at = inner
        .lines()
        .scan(0, |start, line| {
            let here = *start;
            *start += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| {
            line.strip_prefix("draft")
                .is_some_and(|r| r.trim_start().starts_with([':', '=']))
        })
        .map_or(0, |(at, _)| at);
    Error::finding(
        Location::at_offset(path, text, offset + at),
        "draft-value",
        "front matter: `draft` is `true` or `false` (without quotes); a draft is never translated nor exported",
    )
}

fn parse_toml(
    path: &Path,
    text: &str,
    offset: usize,
    inner: &str,
) -> Result<BTreeMap<String, String>> {
    let table: toml::Table = toml::from_str(inner).map_err(|e| {
        let at = offset + e.span().map_or(0, |s| s.start);
        Error::finding(
            Location::at_offset(path, text, at),
            "front-matter-syntax",
            format!("front matter: {}", e.message()),
        )
    })?;
    let mut out = BTreeMap::new();
    for (k, v) in table {
        if k == "draft" && !v.is_bool() {
            return Err(not_a_boolean(path, text, offset, inner));
        }
        let value = match v {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Float(f) => f.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Datetime(d) => d.to_string(),
            _ => continue,
        };
        out.insert(k, value);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Post> {
        parse(Path::new("posts/2024-01-01-x.md"), text.to_string())
    }

    #[test]
    fn yaml_front_matter_and_body() {
        let post =
            parse_str("---\ntitle: \"Visite\"\ndate: 2024-06-06\ndraft: true\n---\n\nCorps.\n")
                .unwrap();
        assert_eq!(post.title(), Some("Visite"));
        assert_eq!(post.front["date"], "2024-06-06");
        assert!(post.draft);
        assert_eq!(post.body(), "\nCorps.\n");
    }

    #[test]
    fn front_matter_values_are_replaced_in_place() {
        let post =
            parse_str("---\ntitle: \"Visite\"\ndate: 2024-06-06\ntags:\n  - a\n---\nCorps.\n")
                .unwrap();
        let mut v = BTreeMap::new();
        v.insert("title".to_string(), "A \"visit\"".to_string());
        v.insert("lang".to_string(), "en".to_string());
        assert_eq!(
            post.front_matter_with(&v),
            "---\ntitle: \"A \\\"visit\\\"\"\ndate: 2024-06-06\ntags:\n  - a\nlang: \"en\"\n---\n"
        );
    }

    #[test]
    fn toml_front_matter_and_crlf() {
        let post = parse_str("+++\r\ntitle = \"Visite\"\r\n+++\r\nCorps.\r\n").unwrap();
        assert_eq!(post.title(), Some("Visite"));
        assert_eq!(post.body(), "Corps.\r\n");
    }

    #[test]
    fn broken_yaml_names_the_line_in_the_post() {
        let err = parse_str("---\ntitle: \"Visite\ndate: [2024\n---\nx\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("posts/2024-01-01-x.md:"), "{msg}");
        let line: usize = msg.split(':').nth(1).unwrap().parse().unwrap();
        assert!((2..=4).contains(&line), "{msg}");
    }

    #[test]
    fn empty_post_missing_title_and_unclosed_front_matter() {
        assert!(
            parse_str("")
                .unwrap_err()
                .to_string()
                .ends_with(":1:1: the post is empty")
        );
        assert!(
            parse_str("---\ndate: 2024\n---\nx")
                .unwrap_err()
                .to_string()
                .contains("no `title`")
        );
        assert!(
            parse_str("---\ntitle: x\n")
                .unwrap_err()
                .to_string()
                .contains("never closed")
        );
        assert!(
            parse_str("Bonjour")
                .unwrap_err()
                .to_string()
                .contains("starts with front matter")
        );
    }

    #[test]
    fn a_draft_that_is_not_a_boolean_is_located_at_its_own_key() {
        let err = parse_str("---\ntitle: Visite\ndrafted_by: Awa\ndraft: yes\n---\n\nCorps.\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("posts/2024-01-01-x.md:4:1: "), "{err}");
    }
}
