//! Ids and translations across edits of the French, and human edits of the
//! translations, against a real Apertium APy server.

mod common;

use common::{Site, apy_url, edit_message, id_of, messages};

const POST: &str = "posts/2024-06-06-visite.md";

fn post(paragraphs: &[&str]) -> String {
    format!(
        "---\ntitle: \"Visite à Bobo-Dioulasso\"\ndate: 2024-06-06\n---\n\n{}\n",
        paragraphs.join("\n\n")
    )
}

const P1: &str = "La délégation de KEOOGO a visité l’école maternelle du Dispensaire Trottoir.";
const P2: &str = "Les monitrices ont partagé leurs pratiques pendant une semaine entière.";
const P3: &str = "Un jardin agroécologique fournit les fruits et les légumes des goûters.";
const P4: &str = "Le prochain échange aura lieu à Ouagadougou au printemps prochain.";

#[test]
fn untouched_paragraphs_keep_ids_and_translations_when_others_change() {
    let site = Site::new(&["en", "es"], &apy_url());
    site.write(POST, &post(&[P1, P2, P3, P4]));
    site.sync(&[]);
    let fr = messages(&site, "locales/fr/posts/2024-06-06-visite.ftl");
    let en = messages(&site, "locales/en/posts/2024-06-06-visite.ftl");
    let (id1, id2, id3, id4) = (
        id_of(&fr, P1),
        id_of(&fr, P2),
        id_of(&fr, P3),
        id_of(&fr, P4),
    );

    // Insert at the top, edit P2 slightly, delete P3.
    let p0 = "Retour sur une semaine d’échanges entre partenaires.";
    let p2b = "Les monitrices ont partagé leurs pratiques pendant une semaine complète.";
    site.write(POST, &post(&[p0, P1, p2b, P4]));
    let report = site.sync(&[]);
    // New P0 and edited P2, in two locales; English pivots through Spanish
    // and reuses the Spanish leg: 2 segments × 2 legs.
    assert_eq!(report["translated"], 4, "{report:#}");
    assert_eq!(report["requests"], 4, "{report:#}");

    let fr2 = messages(&site, "locales/fr/posts/2024-06-06-visite.ftl");
    let en2 = messages(&site, "locales/en/posts/2024-06-06-visite.ftl");
    assert_eq!(id_of(&fr2, P1), id1);
    assert_eq!(id_of(&fr2, P4), id4);
    assert_eq!(id_of(&fr2, p2b), id2, "an edited paragraph keeps its id");
    let id0 = id_of(&fr2, p0);
    assert!(
        ![&id1, &id2, &id3, &id4].contains(&&id0),
        "a new paragraph gets a fresh id"
    );
    assert!(
        !fr2.contains_key(&id3) && !en2.contains_key(&id3),
        "the deleted paragraph left"
    );
    assert_eq!(en2[&id1], en[&id1]);
    assert_eq!(en2[&id4], en[&id4]);
    assert_ne!(
        en2[&id2], en[&id2],
        "machine text of an edited paragraph is replaced"
    );

    let record: serde_json::Value =
        serde_json::from_str(&site.read("review/fr/posts/2024-06-06-visite.json")).unwrap();
    assert!(
        record["retired"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(id3))
    );

    // The id of the deleted paragraph is never given to new content.
    site.write(POST, &post(&[p0, P1, p2b, P4, P3]));
    site.sync(&[]);
    let fr3 = messages(&site, "locales/fr/posts/2024-06-06-visite.ftl");
    assert_ne!(id_of(&fr3, P3), id3);
}

#[test]
fn a_human_edit_survives_a_source_change_and_gets_a_suggestion() {
    let site = Site::new(&["en", "es"], &apy_url());
    site.write(POST, &post(&[P1, P2]));
    site.sync(&[]);
    let fr = messages(&site, "locales/fr/posts/2024-06-06-visite.ftl");
    let id1 = id_of(&fr, P1);
    let en_rel = "locales/en/posts/2024-06-06-visite.ftl";
    let es_rel = "locales/es/posts/2024-06-06-visite.ftl";
    let es_before = messages(&site, es_rel)[&id1].clone();

    let human = "The KEOOGO delegation visited the nursery school run by Dispensaire Trottoir.";
    edit_message(&site, en_rel, &id1, human);

    let report = site.sync(&[]);
    assert_eq!(report["requests"], 0, "a human edit costs nothing");
    let (status, _) = site.json(&["status"]);
    let en_row = status["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["locale"] == "en")
        .unwrap()
        .clone();
    assert_eq!(en_row["counts"]["edited"], 1, "{en_row}");

    // The writer fixes the French.
    let p1b = "La délégation de KEOOGO a visité l’école maternelle du Dispensaire Trottoir en mai.";
    site.write(POST, &post(&[p1b, P2]));
    site.sync(&[]);
    assert_eq!(
        messages(&site, en_rel)[&id1].trim(),
        human,
        "the human text stays"
    );
    assert_ne!(
        messages(&site, es_rel)[&id1],
        es_before,
        "untouched machine text is re-translated"
    );
    let (status, _) = site.json(&["status"]);
    let rows = status["resources"].as_array().unwrap();
    let en_row = rows.iter().find(|r| r["locale"] == "en").unwrap();
    let es_row = rows.iter().find(|r| r["locale"] == "es").unwrap();
    assert_eq!(en_row["counts"]["stale"], 1, "{en_row}");
    assert_eq!(es_row["counts"]["stale"], 0, "{es_row}");
    let state: serde_json::Value =
        serde_json::from_str(&site.read("review/en/posts/2024-06-06-visite.json")).unwrap();
    let suggestion = state["messages"][&id1]["suggestion"]["text"]
        .as_str()
        .unwrap();
    assert!(suggestion.contains("KEOOGO"), "{suggestion}");
    assert_ne!(suggestion.trim(), human);
}

#[test]
fn a_draft_is_extracted_but_never_sent() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    site.write(
        "posts/2024-07-01-brouillon.md",
        "---\ntitle: Brouillon\ndraft: true\n---\n\nPas encore prêt.\n",
    );
    let report = site.sync(&[]);
    assert_eq!(report["requests"], 0);
    assert!(
        site.path()
            .join("locales/fr/posts/2024-07-01-brouillon.ftl")
            .exists()
    );
    assert!(
        !site
            .path()
            .join("locales/en/posts/2024-07-01-brouillon.ftl")
            .exists()
    );
}

#[test]
fn a_paragraph_shared_by_two_posts_is_sent_once() {
    let site = Site::new(&["en", "es"], &apy_url());
    let shared = "PARTAGE soutient des associations de protection de l’enfance depuis trente ans.";
    site.write(
        "posts/2024-01-01-a.md",
        &format!("---\ntitle: Premier article\n---\n\n{shared}\n\nUn texte propre au premier.\n"),
    );
    site.write(
        "posts/2024-01-02-b.md",
        &format!("---\ntitle: Second article\n---\n\n{shared}\n"),
    );
    site.write("posts/_index.md", "---\ntitle: Actualités\n---\n");
    let report = site.sync(&[]);
    // Six distinct messages in two locales: 5 distinct texts sent, the
    // shared paragraph reused by the second post in each locale.
    assert_eq!(report["translated"], 8, "{report:#}");
    assert_eq!(report["reused"], 2, "{report:#}");
    // English: 4 texts × 2 legs; Spanish: every fr→es leg already made.
    assert_eq!(report["requests"], 8, "{report:#}");
    assert!(!site.path().join("locales/fr/posts/_index.ftl").exists());
}

#[test]
fn a_renamed_post_keeps_its_translations_and_approvals() {
    let site = Site::new(&["en"], &apy_url());
    site.write(POST, &post(&[P1, P2]));
    site.sync(&[]);
    let out = site.relais(&[
        "approve",
        "posts/2024-06-06-visite",
        "--locale",
        "en",
        "--all",
        "--reviewer",
        "Claire",
    ]);
    assert!(out.status.success());
    let (report, code) = site.json(&["mv", "posts/2024-06-06-visite", "2024-06-06-visite-bobo"]);
    assert_eq!(code, 0, "{report:#}");
    assert!(!site.path().join(POST).exists());
    assert!(
        site.path()
            .join("locales/en/posts/2024-06-06-visite-bobo.ftl")
            .exists()
    );
    assert!(
        !site
            .path()
            .join("review/en/posts/2024-06-06-visite.json")
            .exists()
    );
    let again = site.sync(&[]);
    assert_eq!(again["requests"], 0, "{again:#}");
    let (status, _) = site.json(&["status"]);
    let row = &status["resources"][0];
    assert_eq!(row["resource"], "posts/2024-06-06-visite-bobo");
    assert_eq!(row["finished"], true, "{row}");
    let out = site.relais(&["mv", "posts/2024-06-06-visite-bobo", "Bad Name"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Issue 13, item 1: a second definition of an id, and a message the French
/// does not have, typed by a person into a target bundle, survive `sync`:
/// the file is kept as it is (like a file with a syntax error), and the
/// run reports each line, then carries on with the other bundles.
#[test]
fn lines_a_person_added_to_a_bundle_survive_sync_and_are_reported() {
    let site = Site::new(&["en", "es"], &apy_url());
    site.write(POST, &post(&[P1, P2]));
    site.sync(&[]);
    let rel = "locales/en/posts/2024-06-06-visite.ftl";
    let fr = messages(&site, "locales/fr/posts/2024-06-06-visite.ftl");
    let id1 = id_of(&fr, P1);
    let typed = format!(
        "{}\n{id1} = A second version a reviewer typed\n\nmy-note = A message the French does not have\n",
        site.read(rel)
    );
    site.write(rel, &typed);
    let lines = typed.lines().count();
    // The French changes: there is work for every bundle of the post.
    site.write(POST, &post(&[P1, P2, P3]));
    let (report, code) = site.json(&["sync"]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(site.read(rel), typed, "the person's lines are still there");
    let errors: Vec<&str> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].starts_with(&format!("{rel}:{}:1: ", lines - 2)) && errors[0].contains(&id1),
        "{errors:#?}"
    );
    assert!(
        errors[1].starts_with(&format!("{rel}:{lines}:1: ")) && errors[1].contains("my-note"),
        "{errors:#?}"
    );
    // The other locale went on.
    let es = messages(&site, "locales/es/posts/2024-06-06-visite.ftl");
    assert_eq!(
        es.len(),
        fr.len() + 1,
        "title, P1, P2 and the new P3: {es:?}"
    );
}

/// Issue 13, item 4: the fr→es legs of English (which pivots through
/// Spanish) were not cached: `sync --locale es` after `sync --locale en`
/// sent them again. Every answered leg is kept and reused.
#[test]
fn pivot_legs_are_cached_between_runs() {
    let site = Site::new(&["en", "es"], &apy_url());
    site.write(POST, &post(&[P1, P2]));
    let en = site.sync(&["--locale", "en"]);
    assert_eq!(en["requests"], 6, "title, P1, P2, two legs each: {en:#}");
    let es = site.sync(&["--locale", "es"]);
    assert_eq!(es["translated"], 3, "{es:#}");
    assert_eq!(
        es["requests"], 0,
        "the fr→es legs were answered already: {es:#}"
    );

    // The other way round: Spanish first, then English reuses its legs.
    let site = Site::new(&["en", "es"], &apy_url());
    site.write(POST, &post(&[P1, P2]));
    let es = site.sync(&["--locale", "es"]);
    assert_eq!(es["requests"], 3, "{es:#}");
    let en = site.sync(&["--locale", "en"]);
    assert_eq!(en["requests"], 3, "only the es→en legs: {en:#}");
}

/// Issue 13, item 14 (first part): the `##` group comments of the French UI
/// bundle were not carried to the target bundles, though comments are.
/// They open the same messages in every locale, follow the French when it
/// changes them, and a person's text under them is kept.
#[test]
fn item_14_group_comments_reach_the_target_bundles() {
    let site = Site::new(&["en"], &apy_url());
    let ui = "### Chaînes d’interface.\n\n-org-name = PARTAGE\n\n## Navigation principale\n\nnav-home = Accueil\nnav-news = Actualités\n\n## Liste des actualités\n## (page d’accueil)\n\n# Lien vers un article.\nread-more = Lire la suite\n\n##\n\nfooter = Pied de page\n";
    site.write("locales/fr/site.ftl", ui);
    site.sync(&[]);
    let rel = "locales/en/site.ftl";
    let groups = |text: &str| -> Vec<(String, String)> {
        // (group comment, id of the entry after it), as fluent-syntax reads them.
        let ast = fluent_syntax::parser::parse(text).expect("valid Fluent");
        let mut out = Vec::new();
        let mut open: Option<String> = None;
        for e in &ast.body {
            match e {
                fluent_syntax::ast::Entry::GroupComment(c) => open = Some(c.content.join("\n")),
                fluent_syntax::ast::Entry::Message(m) => {
                    if let Some(g) = open.take() {
                        out.push((g, m.id.name.to_string()));
                    }
                }
                _ => {}
            }
        }
        out
    };
    let want = vec![
        ("Navigation principale".to_string(), "nav-home".to_string()),
        (
            "Liste des actualités\n(page d’accueil)".to_string(),
            "read-more".to_string(),
        ),
        (String::new(), "footer".to_string()),
    ];
    assert_eq!(groups(&site.read(rel)), want, "{}", site.read(rel));
    assert!(
        site.read(rel)
            .contains("# Lien vers un article.\nread-more ="),
        "the message's own comment stays with it: {}",
        site.read(rel)
    );

    // A person edits a message that opens a group; the French renames the group.
    edit_message(&site, rel, "nav-home", "Home");
    site.write(
        "locales/fr/site.ftl",
        &ui.replace("## Navigation principale", "## Menu du haut"),
    );
    site.sync(&[]);
    let en = site.read(rel);
    assert_eq!(
        groups(&en)[0],
        ("Menu du haut".into(), "nav-home".into()),
        "{en}"
    );
    assert!(
        en.contains("nav-home = Home\n"),
        "the person's text is kept: {en}"
    );
    let again = site.sync(&[]);
    assert_eq!(again["written"].as_array().unwrap().len(), 0, "{again:#}");
}
