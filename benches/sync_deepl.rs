//! `make bench`: `relais sync` of 1,000 generated posts × 2 locales against
//! the fake DeepL server answering each request after 100 ms.
//!
//! Prints the requests made, the wall time, and its ratio to the floor
//! (requests / concurrency × 100 ms: the time the requests alone take when
//! `concurrency` are always in flight). Then the same site with
//! `post_context = true` (each post's title and summary as DeepL's
//! `context`, so batches per post): what that costs in requests and time.
//! Not a test: nothing is asserted beyond the runs succeeding.

#[path = "../tests/common/mod.rs"]
mod common;

use common::Site;
use common::fake::Fake;
use std::time::{Duration, Instant};

const KEY: &str = "bench-key:fx";
const POSTS: usize = 1000;
const PARAGRAPHS: usize = 4;
const CONCURRENCY: usize = 4;
const LATENCY: Duration = Duration::from_millis(100);

fn main() {
    let fake = Fake::deepl(KEY);
    fake.set_latency(LATENCY);
    let site = Site::with_engine(
        &["en", "es"],
        &format!(
            "kind = \"deepl\"\nurl = \"{}\"\nkey_env = \"RELAIS_BENCH_KEY\"\nconcurrency = {CONCURRENCY}\n",
            fake.url
        ),
    );
    site.set_env("RELAIS_BENCH_KEY", KEY);
    site.write_posts(POSTS, PARAGRAPHS);

    let start = Instant::now();
    let (report, code) = site.json(&["sync"]);
    let wall = start.elapsed();
    assert_eq!(code, 0, "{report:#}");
    let requests = report["requests"].as_u64().unwrap();
    let segments = report["translated"].as_u64().unwrap();
    let floor = LATENCY.as_secs_f64() * requests as f64 / CONCURRENCY as f64;
    let talking = fake.busy();

    let start = Instant::now();
    let (again, _) = site.json(&["sync"]);
    let rerun = start.elapsed();

    println!(
        "relais sync, fake DeepL at {} ms a request",
        LATENCY.as_millis()
    );
    println!("  posts                {POSTS} × 2 locales ({segments} segments translated)");
    println!("  requests             {requests} (concurrency {CONCURRENCY})");
    println!("  wall time            {:.2} s", wall.as_secs_f64());
    println!("  floor                {floor:.2} s");
    println!("  ratio to the floor   {:.2}", wall.as_secs_f64() / floor);
    println!(
        "  translation phase    {:.2} s (first request to last answer), ratio {:.2}",
        talking.as_secs_f64(),
        talking.as_secs_f64() / floor
    );
    println!(
        "  rest                 {:.2} s (extraction, bundles and state: {} files, written in batches of 64 resources, two flushes each)",
        (wall - talking).as_secs_f64(),
        report["written"].as_array().map_or(0, Vec::len)
    );
    println!(
        "  re-run               {:.2} s, {} requests",
        rerun.as_secs_f64(),
        again["requests"]
    );

    // The same posts with the post's title and summary as context.
    let fake = Fake::deepl(KEY);
    fake.set_latency(LATENCY);
    let site = Site::with_engine(
        &["en", "es"],
        &format!(
            "kind = \"deepl\"\nurl = \"{}\"\nkey_env = \"RELAIS_BENCH_KEY\"\nconcurrency = {CONCURRENCY}\npost_context = true\n",
            fake.url
        ),
    );
    site.set_env("RELAIS_BENCH_KEY", KEY);
    site.write_posts(POSTS, PARAGRAPHS);
    let start = Instant::now();
    let (report, code) = site.json(&["sync"]);
    let wall_post = start.elapsed();
    assert_eq!(code, 0, "{report:#}");
    let requests_post = report["requests"].as_u64().unwrap();
    let floor_post = LATENCY.as_secs_f64() * requests_post as f64 / CONCURRENCY as f64;
    println!("relais sync with post_context = true (batches per post)");
    println!(
        "  requests             {requests_post} ({:.1}× the site-wide context's {requests})",
        requests_post as f64 / requests as f64
    );
    println!(
        "  wall time            {:.2} s ({:.1}× {:.2} s), floor {floor_post:.2} s",
        wall_post.as_secs_f64(),
        wall_post.as_secs_f64() / wall.as_secs_f64(),
        wall.as_secs_f64()
    );
}
