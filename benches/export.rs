//! Export benchmark: a generated site of N posts (default 10,000), every
//! message approved in two locales, exported with the release binary.
//! Reports wall and CPU time (best of 3) and peak RSS of `relais export`,
//! as a row of the table in BENCHMARKS.md.
//!
//! `cargo bench --bench export` (or `make bench`); `RELAIS_BENCH_POSTS`
//! changes N.

mod common;

use std::time::Instant;

fn main() {
    let n: usize = std::env::var("RELAIS_BENCH_POSTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    // RELAIS_BENCH_SITE=DIR generates into DIR and keeps it (for profiling).
    let temp = common::site_dir();
    let root = std::env::var_os("RELAIS_BENCH_SITE")
        .map_or_else(|| temp.path().to_path_buf(), std::path::PathBuf::from);
    std::fs::create_dir_all(&root).expect("site folder");
    let t = Instant::now();
    common::write_site(&root, n);
    common::translate_all(&root);
    eprintln!(
        "generated {n} approved posts × 2 locales in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let mut run = 0;
    let best = common::best_of(3, || {
        run += 1;
        common::run(&mut common::relais(
            &root,
            &["export", "--out", &format!("out{run}")],
        ))
    });
    let files = relais::base::fs::list_files(&root.join("out1"), "")
        .unwrap()
        .len();
    println!(
        "| {n} posts × 2 locales, all approved | {files} | {:.3} s | {:.3} s | {:.0} MiB | {} |",
        best.wall.as_secs_f64(),
        best.cpu.as_secs_f64(),
        best.peak_kib as f64 / 1024.0,
        common::load_average()
    );
}
