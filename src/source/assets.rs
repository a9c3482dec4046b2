//! The files of a post's page bundle: what the site needs beside the
//! post's text (images, PDFs) — every file of the folder `posts/<slug>/`,
//! and every file of `posts/` the post points to by a relative path (an
//! image or a link of its body, a value of its front matter such as
//! `image: couverture.jpg`). They are not translated: the export copies
//! them beside each language that has the post.
//!
//! Markdown and Fluent files are never a post's files (a `.md` is a post
//! or a section page, a `.ftl` a bundle): French text is not published
//! under another language this way.

use super::post::Post;
use crate::base::config::Config;
use crate::base::error::Result;
use crate::base::fs;
use std::collections::BTreeSet;

/// The post's files, as paths relative to `posts/` (`<slug>/photo.jpg`,
/// `affiche.pdf`), sorted.
pub fn of(cfg: &Config, post: &Post) -> Result<Vec<String>> {
    let dir = cfg.posts_dir();
    let mut out: BTreeSet<String> = fs::list_files(&dir.join(&post.slug), "")?
        .into_iter()
        .map(|rel| format!("{}/{rel}", post.slug))
        .collect();
    let body = crate::source::segment::post_options();
    let urls = pulldown_cmark::Parser::new_ext(post.body(), body).filter_map(|e| match e {
        pulldown_cmark::Event::Start(
            pulldown_cmark::Tag::Link { dest_url, .. }
            | pulldown_cmark::Tag::Image { dest_url, .. },
        ) => Some(dest_url.to_string()),
        _ => None,
    });
    let front = post.front.values().cloned();
    for url in urls.chain(front) {
        if let Some(rel) = relative_file(&url)
            && dir.join(&rel).is_file()
        {
            out.insert(rel);
        }
    }
    out.retain(|rel| !rel.ends_with(".md") && !rel.ends_with(".ftl"));
    Ok(out.into_iter().collect())
}

/// A URL as a path relative to `posts/` when it names a file there: no
/// scheme, not site-absolute, not leaving `posts/`; query and fragment
/// dropped, `%XX` decoded.
fn relative_file(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let scheme = path
        .split_once(':')
        .is_some_and(|(s, _)| !s.contains('/') && !s.is_empty());
    if path.is_empty() || scheme || path.starts_with('/') || path.contains('\\') {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    for part in decode(path)?.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p.to_string()),
        }
    }
    let hidden = parts.iter().any(|p| p.starts_with('.'));
    (!parts.is_empty() && !hidden).then(|| parts.join("/"))
}

/// `%XX` decoded (`None` when that is not UTF-8).
fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_name_files_of_posts() {
        assert_eq!(relative_file("photo.jpg").as_deref(), Some("photo.jpg"));
        assert_eq!(
            relative_file("./quito/photo%201.jpg?v=2#haut").as_deref(),
            Some("quito/photo 1.jpg")
        );
        assert_eq!(relative_file("quito/../a.pdf").as_deref(), Some("a.pdf"));
        for outside in [
            "https://example.org/a.jpg",
            "mailto:a@b.org",
            "/images/a.jpg",
            "../static/a.jpg",
            "#section",
            "",
            ".git/config",
        ] {
            assert_eq!(relative_file(outside), None, "{outside}");
        }
    }

    #[test]
    fn a_post_has_its_folder_and_the_files_it_points_to() {
        let (_dir, cfg) = crate::base::config::test_site();
        let posts = cfg.posts_dir();
        std::fs::create_dir_all(posts.join("quito/galerie")).unwrap();
        for f in [
            "quito/galerie/1.jpg",
            "quito/notes.md",
            "affiche.pdf",
            "couverture.jpg",
            "autre.jpg",
        ] {
            std::fs::write(posts.join(f), b"\x89PNG").unwrap();
        }
        let text = "---\ntitle: Quito\nimage: couverture.jpg\n---\n\n![Affiche](affiche.pdf) [lien](https://example.org/autre.jpg) ![absente](absente.jpg)\n";
        let post =
            crate::source::post::parse(std::path::Path::new("posts/quito.md"), text.to_string())
                .unwrap();
        assert_eq!(
            of(&cfg, &post).unwrap(),
            ["affiche.pdf", "couverture.jpg", "quito/galerie/1.jpg"],
            "not autre.jpg (not pointed to), not a Markdown file, not a missing one"
        );
    }
}
