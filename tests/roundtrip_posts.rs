//! Every sample post → extract → identity translation → reassemble gives
//! back the same bytes and renders to the same HTML.

mod common;

use relais::source::extract;
use relais::source::post;
use relais::source::record::SourceRecord;
use std::path::Path;

#[test]
fn identity_translation_reassembles_every_sample_post_exactly() {
    let posts = common::sample_posts();
    assert!(posts.len() >= 6);
    for (name, text) in posts {
        let p = post::parse(&Path::new("posts").join(&name), text).unwrap();
        let ex = extract::extract(
            &p,
            &["title".into(), "summary".into()],
            &SourceRecord::default(),
        );
        assert!(ex.resource.messages.len() > 5, "{name}");
        let body = extract::reassemble(&p, &ex, &ex.resource.messages);
        assert_eq!(body, p.body(), "{name}: byte-identical");
        assert_eq!(
            common::html(&body),
            common::html(p.body()),
            "{name}: same HTML"
        );
    }
}

#[test]
fn a_translation_replaces_every_block_and_keeps_the_structure() {
    for (name, text) in common::sample_posts() {
        let p = post::parse(&Path::new("posts").join(&name), text).unwrap();
        let ex = extract::extract(&p, &["title".into()], &SourceRecord::default());
        let mut upper = ex.resource.messages.clone();
        for m in &mut upper {
            for (_, attr) in &mut m.attributes {
                *attr = relais::fluent::pattern::Pattern::text(
                    attr.as_plain_text().unwrap().to_uppercase(),
                );
            }
        }
        let body = extract::reassemble(&p, &ex, &upper);
        let (a, b) = (common::html(&body), common::html(p.body()));
        let tags = |h: &str| h.matches('<').count();
        assert_eq!(tags(&a), tags(&b), "{name}: same elements");
        for (_, img) in ex
            .segmented
            .blocks
            .iter()
            .flat_map(|b| b.images.iter().map(move |i| (b, i)))
        {
            if !img.alt.is_empty() {
                let alt = img.alt.to_uppercase().replace('\'', "&#39;");
                assert!(
                    a.contains(&format!("alt=\"{alt}\"")) || img.alt.contains(['*', '&', '"']),
                    "{name}: {}",
                    img.alt
                );
            }
        }
    }
}

#[test]
fn ids_are_readable_and_unique() {
    for (name, text) in common::sample_posts() {
        let p = post::parse(&Path::new("posts").join(&name), text).unwrap();
        let ex = extract::extract(
            &p,
            &["title".into(), "summary".into()],
            &SourceRecord::default(),
        );
        let mut ids: Vec<&str> = ex.resource.messages.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids[0], "title");
        assert!(
            ids.iter()
                .skip(2)
                .all(|id| ["h-", "p-", "li-", "q-"].iter().any(|k| id.starts_with(k))),
            "{ids:?}"
        );
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "{name}: unique ids");
    }
}
