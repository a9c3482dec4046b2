//! The review page's fuzzy translation memory on the 1,000-post site:
//! every message of every post approved in two locales, then one post's
//! messages made to review again. Times building the page's content
//! without memory, the memory index built once (the first page after a
//! change of the site), and each page with the index (what every later
//! page costs). Not a test: prints figures for BENCHMARKS.md.
//!
//! `cargo bench --bench review_page` (or `make bench`).

mod common;

use relais::base::config::Config;
use relais::review::fuzzy::Index;
use relais::review::view::Site;
use std::time::{Duration, Instant};

const POSTS: usize = 1000;

fn main() {
    let temp = common::site_dir();
    let root = temp.path().to_path_buf();
    common::write_site(&root, POSTS);
    common::translate_all(&root);
    let cfg = Config::load(&root).expect("the bench site's configuration");
    let slug = |i: usize| common::post_name(i).trim_end_matches(".md").to_string();
    let resource = format!("posts/{}", slug(7));
    let en: unic_langid::LanguageIdentifier = "en".parse().unwrap();
    // One page: its site read, every message's card data, as the page does.
    let page = |index: Option<&Index>| {
        let site = Site::load(
            &cfg,
            std::slice::from_ref(&resource),
            std::slice::from_ref(&en),
        );
        let view = &site.views[0];
        let src = site.source(view);
        let mut matches = 0;
        for e in site.entries(view) {
            let item = relais::review::report::item(&src.resource, view, &e);
            if let Some(index) = index {
                // Every message, as if each were to review (the page asks
                // only for those to review: this is the worst case).
                matches += index
                    .matches("en", &item.source, &src.resource, &item.id)
                    .len();
            }
        }
        matches
    };
    let best = |f: &mut dyn FnMut()| {
        (0..5)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .min()
            .unwrap_or(Duration::ZERO)
    };
    let without = best(&mut || {
        page(None);
    });
    let mut index = Index::new(cfg.fuzzy_threshold);
    let t = Instant::now();
    index.refresh(&cfg);
    let build = t.elapsed();
    let mut found = 0;
    // Each page refreshes the index (nothing changed: the files are only
    // looked at), then asks it for every message.
    let with = best(&mut || {
        index.refresh(&cfg);
        found = page(Some(&index));
    });
    // After an approval on another post: that post is read again.
    let other = root.join(format!("review/en/posts/{}.json", slug(8)));
    let text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(&other, text).unwrap();
    index.expire();
    let t = Instant::now();
    index.refresh(&cfg);
    let after_change = t.elapsed();
    println!("review page of one post, {POSTS} approved posts × 2 locales");
    println!(
        "  page without memory      {:.1} ms",
        without.as_secs_f64() * 1e3
    );
    println!(
        "  page with memory         {:.1} ms ({:+.1} %), {found} matches",
        with.as_secs_f64() * 1e3,
        (with.as_secs_f64() / without.as_secs_f64() - 1.0) * 100.0
    );
    println!(
        "  index built at start     {:.0} ms (the first page after the server starts)",
        build.as_secs_f64() * 1e3
    );
    println!(
        "  refresh after a change   {:.0} ms (one post's files changed: it alone is read again)",
        after_change.as_secs_f64() * 1e3
    );
}
