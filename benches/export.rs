//! Export benchmark: a generated site of N posts (default 10,000), every
//! message approved in two locales, exported with the release binary.
//! Reports wall time (best of 3) and peak RSS of `relais export`.
//!
//! `cargo bench --bench export` (or `make bench`); `RELAIS_BENCH_POSTS`
//! changes N.

use relais::config::Config;
use relais::state::{Approval, MessageRecord, Store, TargetRecord, hash, message_text};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let n: usize = std::env::var("RELAIS_BENCH_POSTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    // RELAIS_BENCH_SITE=DIR generates into DIR and keeps it (for profiling).
    let temp = tempfile::tempdir().expect("temp dir");
    let root = std::env::var_os("RELAIS_BENCH_SITE")
        .map_or_else(|| temp.path().to_path_buf(), std::path::PathBuf::from);
    std::fs::create_dir_all(&root).expect("site folder");
    let t = Instant::now();
    generate(&root, n);
    eprintln!(
        "generated {n} approved posts × 2 locales in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let mut best = Duration::MAX;
    let mut peak = 0;
    for run in 0..3 {
        let (wall, rss) = export(&root, &format!("out{run}"));
        best = best.min(wall);
        peak = peak.max(rss);
    }
    let files = relais::fs::list_files(&root.join("out0"), "")
        .unwrap()
        .len();
    println!(
        "| export | {n} posts × 2 locales, all approved | {files} files | {:.3} s (best of 3) | {:.0} MiB peak RSS |",
        best.as_secs_f64(),
        peak as f64 / 1024.0
    );
}

/// Runs `relais export` and samples its peak RSS (VmHWM, in KiB).
fn export(site: &Path, out: &str) -> (Duration, u64) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_relais"))
        .arg("-C")
        .arg(site)
        .args(["export", "--out", out])
        .spawn()
        .expect("relais runs");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_path)
            && let Some(kb) = status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        {
            peak = peak.max(kb);
        }
        if let Some(st) = child.try_wait().expect("wait") {
            assert!(st.success(), "export failed");
            return (start.elapsed(), peak);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

const PARAGRAPHS: [&str; 6] = [
    "La délégation de KEOOGO a visité l’école maternelle du *Dispensaire Trottoir* à Bobo-Dioulasso.",
    "Les monitrices ont partagé leurs pratiques pendant une semaine, avec [nos partenaires](https://example.org/partenaires).",
    "Un jardin agroécologique fournit les fruits et les légumes des goûters des enfants.",
    "Le rapport présente les recommandations de **560 enfants** âgés de 4 à 17 ans.",
    "La journée du 20 novembre rappelle les droits inscrits dans la Convention.",
    "Les familles fabriquent des uniformes et des jouets avec des matériaux locaux.",
];

/// A site whose every post is translated (identity) and approved.
fn generate(root: &Path, n: usize) {
    std::fs::write(root.join("relais.toml"), "source = \"fr\"\ntargets = [\"en\", \"es\"]\n[engine]\nkind = \"apertium\"\nurl = \"http://127.0.0.1:9\"\n").unwrap();
    std::fs::create_dir_all(root.join("posts")).unwrap();
    for i in 0..n {
        let mut body = format!(
            "---\ntitle: \"Article {i}\"\ndate: 2024-{:02}-{:02}\nsummary: \"Résumé de l’article {i}.\"\n---\n\n## Une visite numéro {i}\n\n",
            i % 12 + 1,
            i % 28 + 1
        );
        for k in 0..8 {
            body.push_str(&format!(
                "{} ({i}-{k})\n\n",
                PARAGRAPHS[(i + k) % PARAGRAPHS.len()]
            ));
        }
        body.push_str(&format!("- Premier point {i}\n- Second point {i}\n\n![Des enfants en classe {i}](/images/{i}.jpg)\n"));
        std::fs::write(root.join(format!("posts/2024-01-01-article-{i}.md")), body).unwrap();
    }
    let cfg = Config::load(root).unwrap();
    let read = relais::source::read_all(&cfg, &[], true);
    assert!(read.errors.is_empty());
    let store = Store::new(cfg.state_dir());
    for src in &read.sources {
        let french = relais::ftl::write(&relais::ftl::Resource {
            comment: None,
            messages: src.messages.clone(),
        });
        for locale in ["en", "es"] {
            std::fs::create_dir_all(root.join(format!("locales/{locale}/posts"))).unwrap();
            std::fs::write(
                root.join(format!("locales/{locale}/{}.ftl", src.resource)),
                &french,
            )
            .unwrap();
            let mut record = TargetRecord {
                resource: src.resource.clone(),
                locale: locale.into(),
                ..Default::default()
            };
            for m in &src.messages {
                let h = hash(&message_text(m));
                record.messages.insert(
                    m.id.clone(),
                    MessageRecord {
                        source: message_text(m),
                        source_hash: h.clone(),
                        approvals: vec![Approval {
                            reviewer: "Bench".into(),
                            at: "2026-01-01T00:00:00Z".into(),
                            source_hash: h.clone(),
                            translation_hash: h,
                        }],
                        ..Default::default()
                    },
                );
            }
            store
                .save(&store.target_path(locale, &src.resource), &record)
                .unwrap();
        }
    }
}
