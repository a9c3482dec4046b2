//! Where a message is in a `.ftl` file, for findings that name
//! `path:line:col`: the line of `id =`, of its `nth` definition, or of an
//! attribute's `.name =` under it. Reads text only; parses nothing.

/// Line and column of `id =` (or of `.attr =` under it) in a file.
pub fn locate(text: &str, id: &str, attr: Option<&str>) -> (usize, usize) {
    locate_in(text, id, attr, 1, 1)
}

/// Line and column of the `nth` `.attr =` (1-based) under `id =`, for an
/// attribute given twice.
pub(super) fn locate_attr_nth(text: &str, id: &str, attr: &str, nth: usize) -> (usize, usize) {
    locate_in(text, id, Some(attr), 1, nth)
}

/// Line and column of the `nth` definition of `id` (1-based), for
/// duplicates.
pub fn locate_nth(text: &str, id: &str, nth: usize) -> (usize, usize) {
    locate_in(text, id, None, nth, 1)
}

fn locate_in(
    text: &str,
    id: &str,
    attr: Option<&str>,
    nth: usize,
    attr_nth: usize,
) -> (usize, usize) {
    let starts_entry = |line: &str| {
        line.strip_prefix(id)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let mut found = 0;
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if !starts_entry(line) {
            continue;
        }
        found += 1;
        if found < nth {
            continue;
        }
        let Some(attr) = attr else { return (i + 1, 1) };
        let mut seen = 0;
        for (j, l) in lines.iter().enumerate().skip(i + 1) {
            if !l.starts_with(char::is_whitespace) && !l.trim().is_empty() {
                break;
            }
            let trimmed = l.trim_start();
            if trimmed
                .strip_prefix('.')
                .and_then(|r| r.strip_prefix(attr))
                .is_some_and(|r| r.trim_start().starts_with('='))
            {
                seen += 1;
                if seen == attr_nth {
                    return (j + 1, l.len() - trimmed.len() + 1);
                }
            }
        }
        return (i + 1, 1);
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_finds_messages_and_attributes() {
        let text = "### c\n\nm = a\n    .alt = b\nn = c\nn = d\n";
        assert_eq!(locate(text, "m", None), (3, 1));
        assert_eq!(locate(text, "m", Some("alt")), (4, 5));
        assert_eq!(locate_nth(text, "n", 2), (6, 1));
        let twice = "m = a\n    .alt = b\n    .alt = c\n";
        assert_eq!(locate_attr_nth(twice, "m", "alt", 2), (3, 5));
    }
}
