//! `make bench`: the `relais sync` runs that send nothing, on generated
//! sites of 1,000 and 10,000 French news posts, side by side with two peers
//! segmenting the same posts, and with a floor.
//!
//! For each size:
//! - `relais sync --dry-run` on the fresh site (every post extracted, ids
//!   minted, every message planned for two locales), against Translate
//!   Toolkit's `md2po` and po4a's `po4a-updatepo` (Markdown mode) over
//!   the same posts, each in one invocation;
//! - the floor: reading the French `.ftl` bundles and parsing them with
//!   `fluent_syntax::parser::parse`, in this process;
//! - the site translated (identity, approved, cache filled), then
//!   `relais sync --dry-run` again (state, target bundles, cache read) and a
//!   no-op `relais sync` (must make 0 requests and write nothing), against
//!   the floor of every `.ftl` the site holds;
//! - peak RSS (VmHWM) of each run.
//!
//! Wall times are the best of several runs (the machine is shared); the
//! load average is printed beside them. Not a test: beyond the sanity of
//! the runs (no requests, nothing written) nothing is asserted.
//!
//! `RELAIS_BENCH_SIZES=1000,10000` sets the sizes; `RELAIS_BENCH_KEEP=DIR`
//! keeps the sites (`DIR/<n>`) for profiling; `MD2PO` names the `md2po`
//! to run (default: the venv `make bench` installs under `target/`).

mod common;

use common::Run;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let sizes: Vec<usize> = std::env::var("RELAIS_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("RELAIS_BENCH_SIZES: numbers"))
        .collect();
    let peers = Peers::find();
    let mut rows = Vec::new();
    for (corpus, n) in common::Corpus::from_env()
        .into_iter()
        .flat_map(|c| sizes.iter().map(move |n| (c, *n)))
    {
        rows.push(measure(n, corpus, &peers));
        // Printed as each size ends: a run cut short keeps what it measured.
        print_tables(&rows);
    }
}

/// The peer tools' commands.
struct Peers {
    md2po: PathBuf,
}

impl Peers {
    fn find() -> Peers {
        let md2po = std::env::var_os("MD2PO").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-tools/venv/bin/md2po"),
            PathBuf::from,
        );
        assert!(
            md2po.exists(),
            "{} is missing: run `make bench` (it installs translate-toolkit into a venv)",
            md2po.display()
        );
        Peers { md2po }
    }
}

/// Everything measured at one size.
struct Row {
    corpus: &'static str,
    posts: usize,
    runs: usize,
    peer_runs: usize,
    /// Segments per locale the fresh dry run would send.
    segments: u64,
    fresh: Run,
    md2po: Run,
    md2po_units: usize,
    po4a: Run,
    po4a_units: usize,
    floor_fr: Floor,
    dry_synced: Run,
    floor_all: Floor,
    noop: Run,
    noop_requests: u64,
    load: String,
}

fn measure(n: usize, corpus: common::Corpus, peers: &Peers) -> Row {
    let temp = common::site_dir();
    let root = match std::env::var_os("RELAIS_BENCH_KEEP") {
        Some(dir) => PathBuf::from(dir).join(format!("{}-{n}", corpus.name())),
        None => temp.path().to_path_buf(),
    };
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let t = Instant::now();
    common::write_site_of(&root, n, corpus);
    eprintln!(
        "{n} posts ({}) generated in {:.1} s",
        corpus.name(),
        t.elapsed().as_secs_f64()
    );
    let runs = if n <= 1000 { 5 } else { 3 };
    let peer_runs = if n <= 1000 { 3 } else { 1 };
    let out = root.join("peers");
    std::fs::create_dir_all(&out).unwrap();

    let fresh = common::best_of(runs, || dry_run(&root));
    let report = json(&fresh);
    assert_eq!(report["requests"], 0);
    let segments = report["estimate"][0]["segments"].as_u64().unwrap();
    let md2po = common::best_of(peer_runs, || {
        let _ = std::fs::remove_dir_all(out.join("md2po"));
        common::run(
            Command::new(&peers.md2po)
                .args(["--progress=none", "-P", "-i"])
                .arg(root.join("posts"))
                .arg("-o")
                .arg(out.join("md2po")),
        )
    });
    let md2po_units = count_msgids(&out.join("md2po"));
    let po4a = common::best_of(peer_runs, || {
        let _ = std::fs::remove_file(out.join("po4a.pot"));
        po4a(&root, &out.join("po4a.pot"))
    });
    let po4a_units = count_msgids(&out.join("po4a.pot"));

    let t = Instant::now();
    common::translate_all(&root);
    let first = common::run(&mut common::relais(&root, &["sync", "--json"]));
    eprintln!(
        "{n} posts translated, approved and synced once in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    assert_eq!(json(&first)["requests"], 0, "{}", first.stdout);
    let floor_fr = floor(&root.join("locales/fr"), runs);
    let floor_all = floor(&root.join("locales"), runs);
    let dry_synced = common::best_of(runs, || dry_run(&root));
    let cached = &json(&dry_synced)["estimate"][0];
    assert_eq!(cached["segments"], 0, "{}", dry_synced.stdout);
    let noop = common::best_of(runs, || {
        common::run(&mut common::relais(&root, &["sync", "--json"]))
    });
    let report = json(&noop);
    assert!(
        report["written"].as_array().unwrap().is_empty(),
        "{report:#}"
    );
    Row {
        corpus: corpus.name(),
        posts: n,
        runs,
        peer_runs,
        segments,
        fresh,
        md2po,
        md2po_units,
        po4a,
        po4a_units,
        floor_fr,
        dry_synced,
        floor_all,
        noop_requests: report["requests"].as_u64().unwrap(),
        noop,
        load: common::load_average(),
    }
}

fn dry_run(root: &Path) -> Run {
    common::run(&mut common::relais(root, &["sync", "--dry-run", "--json"]))
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).expect("relais --json prints JSON")
}

/// `po4a-updatepo` (po4a's extraction to a POT) in Markdown mode over every post (front matter:
/// the keys relais translates), one invocation.
fn po4a(root: &Path, pot: &Path) -> Run {
    let mut cmd = Command::new("po4a-updatepo");
    cmd.args([
        "-f",
        "text",
        "-o",
        "markdown",
        "-o",
        "yfm_keys=title,summary",
        "-o",
        "yfm_skip_array",
        "-M",
        "UTF-8",
        "-p",
    ])
    .arg(pot);
    let mut posts = relais::base::fs::list_files(&root.join("posts"), ".md").unwrap();
    posts.sort();
    for p in posts {
        cmd.arg("-m").arg(root.join("posts").join(p));
    }
    common::run(&mut cmd)
}

/// `msgid` entries in a `.pot` file or a folder of them, headers excluded.
fn count_msgids(path: &Path) -> usize {
    let files = if path.is_dir() {
        relais::base::fs::list_files(path, ".pot")
            .unwrap()
            .into_iter()
            .map(|f| path.join(f))
            .collect()
    } else {
        vec![path.to_path_buf()]
    };
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            // One header entry (`msgid ""` then the header fields) a file.
            text.lines().filter(|l| l.starts_with("msgid ")).count() - 1
        })
        .sum()
}

/// Reading and parsing every `.ftl` under `dir` with fluent-syntax, in
/// this process: the best wall and CPU times of `runs`.
fn floor(dir: &Path, runs: usize) -> Floor {
    let files = relais::base::fs::list_files(dir, ".ftl").unwrap();
    let mut best = Floor {
        wall: Duration::MAX,
        cpu: Duration::MAX,
        files: files.len(),
    };
    for _ in 0..runs {
        let (t, cpu) = (Instant::now(), common::own_cpu());
        let mut entries = 0;
        for f in &files {
            let text = std::fs::read_to_string(dir.join(f)).unwrap();
            let res = match fluent_syntax::parser::parse(text.as_str()) {
                Ok(r) => r,
                Err((r, errors)) => panic!("{f}: {errors:?} ({} entries)", r.body.len()),
            };
            entries += res.body.len();
        }
        assert!(entries > 0);
        best.wall = best.wall.min(t.elapsed());
        best.cpu = best.cpu.min(common::own_cpu() - cpu);
    }
    best
}

struct Floor {
    wall: Duration,
    cpu: Duration,
    files: usize,
}

/// `wall (cpu)` in seconds.
fn times(wall: Duration, cpu: Duration) -> String {
    format!("{:.3} s ({:.3} s)", wall.as_secs_f64(), cpu.as_secs_f64())
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

/// `slow / fast` on wall times, then on CPU times.
fn ratios(slow: (Duration, Duration), fast: (Duration, Duration)) -> String {
    let r = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    format!("{:.1}× ({:.1}×)", r(slow.0, fast.0), r(slow.1, fast.1))
}

fn wc(r: &Run) -> (Duration, Duration) {
    (r.wall, r.cpu)
}

fn print_tables(rows: &[Row]) {
    println!("\nTimes: wall (CPU, user + system), best of the runs; ratios likewise.");
    println!("\n### Fresh site: `relais sync --dry-run` vs md2po and po4a\n");
    println!(
        "| corpus | posts | relais ×runs | md2po ×runs | po4a ×runs | md2po / relais | po4a / relais | segments: relais (a locale) / md2po / po4a |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---|");
    for r in rows {
        println!(
            "| {} | {} | {} ×{} | {} ×{} | {} ×{} | {} | {} | {} / {} / {} |",
            r.corpus,
            r.posts,
            times(r.fresh.wall, r.fresh.cpu),
            r.runs,
            times(r.md2po.wall, r.md2po.cpu),
            r.peer_runs,
            times(r.po4a.wall, r.po4a.cpu),
            r.peer_runs,
            ratios(wc(&r.md2po), wc(&r.fresh)),
            ratios(wc(&r.po4a), wc(&r.fresh)),
            r.segments,
            r.md2po_units,
            r.po4a_units
        );
    }
    println!("\n### Against the floor (reading and parsing `.ftl` with fluent-syntax)\n");
    println!(
        "| corpus | posts | floor: French bundles | fresh dry run / floor | floor: every bundle (files) | dry run after sync / floor | no-op sync / floor | no-op requests |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let (fr, all) = (
            (r.floor_fr.wall, r.floor_fr.cpu),
            (r.floor_all.wall, r.floor_all.cpu),
        );
        println!(
            "| {} | {} | {} | {} | {} ({}) | {}: {} | {}: {} | {} |",
            r.corpus,
            r.posts,
            times(fr.0, fr.1),
            ratios(wc(&r.fresh), fr),
            times(all.0, all.1),
            r.floor_all.files,
            times(r.dry_synced.wall, r.dry_synced.cpu),
            ratios(wc(&r.dry_synced), all),
            times(r.noop.wall, r.noop.cpu),
            ratios(wc(&r.noop), all),
            r.noop_requests
        );
    }
    println!("\n### Peak RSS (VmHWM)\n");
    println!(
        "| corpus | posts | fresh dry run | dry run after sync | no-op sync | md2po | po4a | load average after |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            r.corpus,
            r.posts,
            mib(r.fresh.peak_kib),
            mib(r.dry_synced.peak_kib),
            mib(r.noop.peak_kib),
            mib(r.md2po.peak_kib),
            mib(r.po4a.peak_kib),
            r.load
        );
    }
}
