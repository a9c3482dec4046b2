//! What a URL may name: a resource (`site`, `posts/<slug>`) or a file of
//! the export (`en/posts/<slug>.md`). Relative paths of plain segments
//! only: no `..`, no `.`, no empty segment, no absolute path, no
//! backslash, no control characters. Anything else is refused (400)
//! before the site is looked at.

/// Checks a relative path from a URL.
pub fn relative(path: &str) -> Result<&str, String> {
    let bad = |why: &str| Err(format!("`{}`: {why}", path.escape_debug()));
    if path.is_empty() {
        return bad("empty path");
    }
    if path.starts_with('/') || path.contains('\\') || path.contains(':') {
        return bad("not a relative path");
    }
    if path.len() > 512 {
        return bad("too long");
    }
    for segment in path.split('/') {
        if segment.is_empty() || segment == "." || segment == ".." {
            return bad("`.`, `..` and empty segments are not allowed");
        }
        let plain = segment
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !plain || segment.starts_with('.') {
            return bad("only letters, digits, `-`, `_` and `.` are allowed");
        }
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_absolute_paths_are_refused() {
        for ok in [
            "site",
            "posts/2024-06-06-keoogo",
            "en/posts/x.md",
            "fr/site.ftl",
        ] {
            assert_eq!(relative(ok), Ok(ok));
        }
        for bad in [
            "",
            "/etc/passwd",
            "../relais.toml",
            "posts/../../x",
            "posts/./x",
            "posts//x",
            "a\\b",
            "C:x",
            ".git/config",
            "posts/.hidden",
            "a b",
            "x\0y",
        ] {
            assert!(relative(bad).is_err(), "{bad:?}");
        }
    }
}
