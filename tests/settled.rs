//! A sync skips a resource it found settled and whose inputs have not
//! changed since (`review/.cache/settled.json`), and sees every change of
//! those inputs: a post, a bundle, a record, the glossary, the
//! configuration.

mod common;

use common::{Site, approve, apy_url, edit_message, id_of, messages};

const POST: &str = "posts/2024-06-06-keoogo-dispensaire-trottoir";

/// The sample site, synced until settled: every resource is skipped.
fn settled_site() -> (Site, u64) {
    let site = Site::sample(&apy_url());
    let first = site.sync(&[]);
    assert_eq!(first["unchanged"], 0, "{first:#}");
    let resources = common::sample_posts().len() as u64 + 1;
    let again = site.sync(&[]);
    assert_eq!(
        again["unchanged"], resources,
        "the sync that translated left every resource settled: {again:#}"
    );
    (site, resources)
}

#[test]
fn a_settled_site_is_skipped_by_sync_and_dry_run_with_nothing_written() {
    let (site, resources) = settled_site();
    let before = site.all_files();
    let again = site.sync(&[]);
    assert_eq!(again["unchanged"], resources);
    assert!(again["written"].as_array().unwrap().is_empty(), "{again:#}");
    assert_eq!(again["requests"], 0);
    assert_eq!(
        changed(&before, &site.all_files()),
        Vec::<String>::new(),
        "not even the fingerprints rewritten"
    );

    let (dry, code) = site.json(&["sync", "--dry-run"]);
    assert_eq!(code, 0, "{dry:#}");
    assert_eq!(dry["unchanged"], resources);
    for e in dry["estimate"].as_array().unwrap() {
        assert_eq!(e["segments"], 0, "{dry:#}");
    }
    assert_eq!(
        changed(&before, &site.all_files()),
        Vec::<String>::new(),
        "a dry run writes nothing"
    );
}

#[test]
fn a_changed_post_is_read_again_and_only_it() {
    let (site, resources) = settled_site();
    let rel = format!("{POST}.md");
    let text = site.read(&rel);
    site.write(
        &rel,
        &format!("{text}\nUn paragraphe ajouté après la publication.\n"),
    );
    let report = site.sync(&[]);
    assert_eq!(report["unchanged"], resources - 1, "{report:#}");
    assert_eq!(report["translated"], 2, "the new paragraph in en and es");
    let en = messages(&site, &format!("locales/en/{POST}.ftl"));
    assert_eq!(
        en.len(),
        messages(&site, &format!("locales/fr/{POST}.ftl")).len()
    );
}

#[test]
fn a_deleted_or_damaged_file_of_a_settled_resource_is_seen() {
    let (site, resources) = settled_site();
    // The French bundle relais made from the post, deleted: made again.
    let french = format!("locales/fr/{POST}.ftl");
    let kept = site.read(&french);
    std::fs::remove_file(site.path().join(&french)).unwrap();
    let report = site.sync(&[]);
    assert_eq!(report["unchanged"], resources - 1, "{report:#}");
    assert_eq!(site.read(&french), kept);

    // A target bundle deleted: translated again (the cache serves it).
    let english = format!("locales/en/{POST}.ftl");
    std::fs::remove_file(site.path().join(&english)).unwrap();
    let report = site.sync(&[]);
    assert_eq!(report["unchanged"], resources - 1, "{report:#}");
    assert!(site.path().join(&english).exists());
    assert_eq!(report["requests"], 0, "{report:#}");

    // A line a person added that relais cannot place: reported at every
    // sync, never skipped as settled.
    let text = site.read(&english);
    site.write(&english, &format!("{text}\nstray-line = Written by hand\n"));
    for _ in 0..2 {
        let (report, code) = site.json(&["sync"]);
        assert_ne!(code, 0, "{report:#}");
        let errors = report["errors"].as_array().unwrap();
        assert!(
            errors
                .iter()
                .any(|e| e.as_str().unwrap().contains("stray-line")),
            "{report:#}"
        );
        assert_eq!(report["unchanged"], resources - 1);
    }
}

#[test]
fn the_glossary_the_configuration_or_a_lost_cache_read_everything_again() {
    let (site, resources) = settled_site();
    site.write("glossary.toml", "keep = [\"PARTAGE\"]\n");
    assert_eq!(site.sync(&[])["unchanged"], 0);
    assert_eq!(site.sync(&[])["unchanged"], resources);

    let config = site.read("relais.toml");
    site.write("relais.toml", &format!("# a comment\n{config}"));
    assert_eq!(site.sync(&[])["unchanged"], 0);
    assert_eq!(site.sync(&[])["unchanged"], resources);

    // Torn, or deleted: as if there were none, and no error.
    site.write("review/.cache/settled.json", "{\"resources\": {\"posts/");
    let report = site.sync(&[]);
    assert_eq!(report["unchanged"], 0, "{report:#}");
    assert!(
        report["errors"].as_array().unwrap().is_empty(),
        "{report:#}"
    );
    std::fs::remove_file(site.path().join("review/.cache/settled.json")).unwrap();
    assert_eq!(site.sync(&[])["unchanged"], 0);
    assert_eq!(site.sync(&[])["unchanged"], resources);

    // A run of one locale is another run: the next full run reads again.
    assert_eq!(site.sync(&["--locale", "en"])["unchanged"], 0);
    assert_eq!(site.sync(&["--locale", "en"])["unchanged"], resources);
    assert_eq!(site.sync(&[])["unchanged"], 0);
}

#[test]
fn a_settled_resource_still_serves_the_translation_memory() {
    let site = Site::new(&["en"], &apy_url());
    let shared = "PARTAGE soutient des associations de protection de l’enfance depuis trente ans.";
    site.write(
        "posts/2024-01-01-a.md",
        &format!("---\ntitle: \"Premier article\"\n---\n\n{shared}\n"),
    );
    site.sync(&[]);
    let id = id_of(
        &messages(&site, "locales/fr/posts/2024-01-01-a.ftl"),
        shared,
    );
    let human = "For thirty years, PARTAGE has supported child protection organisations.";
    edit_message(&site, "locales/en/posts/2024-01-01-a.ftl", &id, human);
    approve(&site, "posts/2024-01-01-a", "en", &[&id]);
    site.sync(&[]);
    assert_eq!(
        site.sync(&[])["unchanged"],
        1,
        "the approved post is settled"
    );

    site.write(
        "posts/2024-01-02-b.md",
        &format!("---\ntitle: \"Second article\"\n---\n\n{shared}\n"),
    );
    let report = site.sync(&[]);
    assert_eq!(report["unchanged"], 1, "{report:#}");
    assert_eq!(report["reused"], 1, "{report:#}");
    let fr_b = messages(&site, "locales/fr/posts/2024-01-02-b.ftl");
    let en_b = messages(&site, "locales/en/posts/2024-01-02-b.ftl");
    assert_eq!(en_b[&id_of(&fr_b, shared)].trim(), human);
}

#[test]
fn a_deleted_post_is_pruned_while_the_others_are_skipped() {
    let (site, resources) = settled_site();
    std::fs::remove_file(site.path().join(format!("{POST}.md"))).unwrap();
    let report = site.sync(&[]);
    assert_eq!(report["unchanged"], resources - 1, "{report:#}");
    let removed: Vec<&str> = report["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        removed.contains(&format!("locales/en/{POST}.ftl").as_str()),
        "{report:#}"
    );
    let settled = site.read("review/.cache/settled.json");
    assert!(
        !settled.contains(POST),
        "the gone post's fingerprint is dropped"
    );
}

/// The files that differ between two snapshots, the lock (which names the
/// last process that held it) left out.
fn changed(
    before: &std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>,
    after: &std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>,
) -> Vec<String> {
    let paths: std::collections::BTreeSet<_> = before.keys().chain(after.keys()).collect();
    paths
        .into_iter()
        .filter(|p| !p.starts_with("review/.lock") && before.get(*p) != after.get(*p))
        .map(|p| p.display().to_string())
        .collect()
}
