//! Translation memory: an approved translation serves the same French
//! elsewhere on the site, with no engine request.

mod common;

use common::{Site, approve, apy_url, edit_message, id_of, messages};

const SHARED: &str =
    "PARTAGE soutient des associations de protection de l’enfance depuis trente ans.";

fn post(title: &str, paragraphs: &[&str]) -> String {
    format!(
        "---\ntitle: \"{title}\"\n---\n\n{}\n",
        paragraphs.join("\n\n")
    )
}

#[test]
fn an_approved_translation_is_reused_without_a_request() {
    let site = Site::new(&["en"], &apy_url());
    site.write(
        "posts/2024-01-01-a.md",
        &post("Premier article", &[SHARED, "Un texte propre au premier."]),
    );
    site.sync(&[]);
    let fr_a = messages(&site, "locales/fr/posts/2024-01-01-a.ftl");
    let id_a = id_of(&fr_a, SHARED);
    let human = "For thirty years, PARTAGE has supported child protection organisations.";
    edit_message(&site, "locales/en/posts/2024-01-01-a.ftl", &id_a, human);
    approve(&site, "posts/2024-01-01-a", "en", &[&id_a]);

    // A second post with the same paragraph, wrapped differently.
    let wrapped = SHARED.replacen(" de protection", "\nde protection", 1);
    site.write(
        "posts/2024-01-02-b.md",
        &post("Second article", &[&wrapped]),
    );
    let report = site.sync(&[]);
    assert_eq!(report["reused"], 1, "{report:#}");
    assert_eq!(
        report["translated"], 1,
        "only the title is translated: {report:#}"
    );
    assert_eq!(
        report["requests"], 2,
        "the title's two legs (fr→es→en), nothing for the paragraph"
    );
    let en_b = messages(&site, "locales/en/posts/2024-01-02-b.ftl");
    let fr_b = messages(&site, "locales/fr/posts/2024-01-02-b.ftl");
    let id_b = fr_b
        .iter()
        .find(|(_, t)| relais::review::memory::key(t) == SHARED)
        .map(|(id, _)| id.clone())
        .unwrap();
    assert_eq!(en_b[&id_b].trim(), human);

    // Review shows it as a memory match, still to approve in its new place.
    let (review, _) = site.json(&["review", "posts/2024-01-02-b", "--locale", "en"]);
    let item = review["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id_b.as_str())
        .unwrap();
    assert_eq!(item["state"], "machine");
    assert_eq!(item["memory"]["resource"], "posts/2024-01-01-a");
    assert_eq!(item["memory"]["id"], id_a.as_str());
    assert_eq!(item["memory"]["reviewer"], "Test Reviewer");
    assert!(
        item["engine"].as_str().unwrap().starts_with("memory match"),
        "{item}"
    );

    // The reviewer improves the approved text: memory serves the new one.
    let better = "PARTAGE has supported child protection organisations for thirty years.";
    edit_message(&site, "locales/en/posts/2024-01-01-a.ftl", &id_a, better);
    approve(&site, "posts/2024-01-01-a", "en", &[&id_a]);
    site.write(
        "posts/2024-01-03-c.md",
        &post("Troisième article", &[SHARED]),
    );
    let report = site.sync(&[]);
    assert_eq!(report["reused"], 1, "{report:#}");
    let en_c = messages(&site, "locales/en/posts/2024-01-03-c.ftl");
    let fr_c = messages(&site, "locales/fr/posts/2024-01-03-c.ftl");
    assert_eq!(en_c[&id_of(&fr_c, SHARED)].trim(), better);
}

#[test]
fn unapproved_machine_text_is_not_memory() {
    let site = Site::new(&["en"], &apy_url());
    site.write("posts/2024-01-01-a.md", &post("Premier article", &[SHARED]));
    site.sync(&[]);
    site.write("posts/2024-01-02-b.md", &post("Premier article", &[SHARED]));
    site.sync(&[]);
    let (review, _) = site.json(&["review", "posts/2024-01-02-b", "--locale", "en"]);
    let items = review["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|i| i["memory"].is_null()), "{review:#}");
}

#[test]
fn a_resource_with_work_of_its_own_still_serves_memory() {
    let site = Site::new(&["en"], &apy_url());
    site.write("posts/2024-01-01-a.md", &post("Premier article", &[SHARED]));
    site.sync(&[]);
    let id_a = id_of(
        &messages(&site, "locales/fr/posts/2024-01-01-a.ftl"),
        SHARED,
    );
    let human = "For thirty years, PARTAGE has supported child protection organisations.";
    edit_message(&site, "locales/en/posts/2024-01-01-a.ftl", &id_a, human);
    approve(&site, "posts/2024-01-01-a", "en", &[&id_a]);

    // In one sync: the first post gets a new paragraph (so it has work of
    // its own and is kept until its answers come) and a second post shares
    // the approved paragraph.
    site.write(
        "posts/2024-01-01-a.md",
        &post("Premier article", &[SHARED, "Un nouveau paragraphe."]),
    );
    site.write("posts/2024-01-02-b.md", &post("Second article", &[SHARED]));
    let report = site.sync(&[]);
    assert_eq!(report["reused"], 1, "{report:#}");
    assert_eq!(
        report["translated"], 2,
        "the new paragraph and the title: {report:#}"
    );
    let en_b = messages(&site, "locales/en/posts/2024-01-02-b.ftl");
    let fr_b = messages(&site, "locales/fr/posts/2024-01-02-b.ftl");
    assert_eq!(en_b[&id_of(&fr_b, SHARED)].trim(), human);
}
