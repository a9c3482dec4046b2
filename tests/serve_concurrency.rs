//! Changes at the same time: two reviewers approving in one resource, an
//! edit racing an approve-all, and a `relais sync` running while a
//! reviewer saves. Every change holds the site's write lock, so nothing is
//! lost and every file stays valid.

mod common;
#[path = "common/web.rs"]
mod web;

use axum::http::StatusCode;
use common::{Site, apy_url};
use web::Web;

const POST: &str = "posts/2024-06-18-inepe-rapport-alternatif-equateur";

/// id → (state, last approver) of every message of `POST` in English.
fn states(site: &Site) -> Vec<(String, String, Option<String>)> {
    let cfg = relais::base::config::Config::load(site.path()).unwrap();
    let s = relais::review::view::Site::load(&cfg, &[POST.to_string()], &["en".parse().unwrap()]);
    assert!(
        s.errors.is_empty(),
        "{:?}",
        s.errors.iter().map(ToString::to_string).collect::<Vec<_>>()
    );
    s.entries(&s.views[0])
        .iter()
        .map(|e| {
            let by = e
                .record
                .and_then(|r| r.approvals.last())
                .map(|a| a.reviewer.clone());
            (e.id().to_string(), e.state.to_string(), by)
        })
        .collect()
}

fn assert_valid(site: &Site) {
    let out = site.relais(&["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_reviewers_approving_one_resource_at_once_lose_nothing() {
    let w = Web::new(Site::committed("http://127.0.0.1:9"));
    let claire = w.login("Claire Martin").await;
    let awa = w.login("Awa Ouédraogo").await;
    let ids: Vec<String> = states(&w.site).into_iter().map(|(id, _, _)| id).collect();
    assert_eq!(ids.len(), 18);
    let mut tasks = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let (http, id) = (w.http.clone(), id.clone());
        let who = if i % 2 == 0 {
            claire.clone()
        } else {
            awa.clone()
        };
        tasks.push(tokio::spawn(async move {
            http.act(&format!("/approve/en/{POST}"), &who, &[("id", &id)])
                .await
                .status
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::SEE_OTHER);
    }
    let after = states(&w.site);
    for (i, (id, state, by)) in after.iter().enumerate() {
        assert_eq!(state, "approved", "{id}");
        let expected = if i % 2 == 0 {
            "Claire Martin"
        } else {
            "Awa Ouédraogo"
        };
        assert_eq!(by.as_deref(), Some(expected), "{id}");
    }
    assert_valid(&w.site);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_edit_racing_an_approve_all_is_kept() {
    let w = Web::new(Site::committed("http://127.0.0.1:9"));
    let claire = w.login("Claire Martin").await;
    let awa = w.login("Awa Ouédraogo").await;
    let ids: Vec<String> = states(&w.site).into_iter().map(|(id, _, _)| id).collect();
    let edited: Vec<&String> = ids
        .iter()
        .filter(|id| id.starts_with("li-"))
        .take(3)
        .collect();
    assert_eq!(edited.len(), 3);
    let mut tasks = Vec::new();
    for (n, id) in edited.iter().enumerate() {
        let (http, who, id) = (w.http.clone(), claire.clone(), id.to_string());
        tasks.push(tokio::spawn(async move {
            let text = format!("Edited while approving, number {n}.");
            http.act(
                &format!("/edit/en/{POST}"),
                &who,
                &[("id", &id), ("value", &text)],
            )
            .await
            .status
        }));
        let (http, who) = (w.http.clone(), awa.clone());
        tasks.push(tokio::spawn(async move {
            http.approve_all(&format!("en/{POST}"), &who).await.status
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::SEE_OTHER);
    }
    let ftl = w.site.read(&format!("locales/en/{POST}.ftl"));
    for n in 0..3 {
        assert!(
            ftl.contains(&format!("Edited while approving, number {n}.")),
            "{ftl}"
        );
    }
    for (id, state, _) in states(&w.site) {
        let ok = if edited.contains(&&id) {
            ["approved", "edited"].contains(&state.as_str())
        } else {
            state == "approved"
        };
        assert!(ok, "{id} is {state}");
    }
    assert_valid(&w.site);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sync_during_a_save_loses_nothing() {
    let site = Site::committed(&apy_url());
    let post = format!("{POST}.md");
    let mut text = std::fs::read_to_string(site.path().join(&post)).unwrap();
    text.push_str("\nUn nouveau paragraphe ajouté par la rédaction pendant la relecture.\n");
    site.write(&post, &text);
    let w = Web::new(site);
    let claire = w.login("Claire Martin").await;
    let target = states(&w.site)
        .into_iter()
        .find(|(_, s, _)| s == "machine")
        .unwrap()
        .0;
    let root = w.site.path().to_path_buf();
    let sync = std::thread::spawn(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_relais"))
            .arg("-C")
            .arg(&root)
            .args(["sync", "--json"])
            .output()
            .unwrap()
    });
    // Save as soon as sync has started writing (it holds the lock then,
    // and is about to ask the engine for the new paragraph).
    let fr = w.site.path().join(format!("locales/fr/{POST}.ftl"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !std::fs::read_to_string(&fr)
        .unwrap()
        .contains("nouveau paragraphe")
    {
        assert!(std::time::Instant::now() < deadline, "sync did not start");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let mut last = String::new();
    for n in 0..3 {
        last = format!("Saved while sync runs, version {n}.");
        let r = w
            .act(
                &format!("/edit/en/{POST}"),
                &claire,
                &[("id", &target), ("value", &last)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let out = sync.join().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["translated"].as_u64().unwrap() >= 2, "{report:#}");
    let en = w.site.read(&format!("locales/en/{POST}.ftl"));
    assert!(en.contains(&last), "the reviewer's last save is kept: {en}");
    let fresh = common::messages(&w.site, &format!("locales/fr/{POST}.ftl"));
    let new_id = common::id_of(
        &fresh,
        "Un nouveau paragraphe ajouté par la rédaction pendant la relecture.",
    );
    assert!(common::messages(&w.site, &format!("locales/en/{POST}.ftl")).contains_key(&new_id));
    assert!(common::messages(&w.site, &format!("locales/es/{POST}.ftl")).contains_key(&new_id));
    let edited = states(&w.site)
        .into_iter()
        .find(|(id, _, _)| *id == target)
        .unwrap();
    assert_eq!(edited.1, "edited");
    assert_valid(&w.site);
}
