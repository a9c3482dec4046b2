//! `relais serve` and git, for real: a bare repository in a temp folder is
//! the remote, the server works in one clone (the sample site) and a
//! writer in another. No mocks: the `git` command, a real APy for the
//! syncs, the router in process with its push and pull running.

mod common;
#[path = "common/web.rs"]
mod web;

use common::Site;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use web::Web;

/// `git ARGS` in `dir`; its output (the test fails when git does).
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn identity(dir: &Path, name: &str) {
    git(dir, &["config", "user.name", name]);
    git(
        dir,
        &[
            "config",
            "user.email",
            &format!("{}@example.org", name.to_lowercase().replace(' ', ".")),
        ],
    );
}

/// The remote, the server's clone (a site with `[git]` set) and a writer's.
struct Repos {
    _dir: tempfile::TempDir,
    remote: PathBuf,
    writer: PathBuf,
    web: Web,
}

fn repos() -> Repos {
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("site.git");
    std::fs::create_dir_all(&remote).unwrap();
    git(&remote, &["init", "--quiet", "--bare", "-b", "main"]);
    let site = Site::committed(&common::apy_url());
    let toml = site.read("relais.toml");
    site.write(
        "relais.toml",
        &format!("{toml}\n[git]\nremote = \"origin\"\nbranch = \"main\"\npull_interval = \"1s\"\nemail = \"{{name}}@users.noreply.keoogo.org\"\n"),
    );
    let server = site.path().to_path_buf();
    git(&server, &["init", "--quiet", "-b", "main"]);
    identity(&server, "Site Admin");
    std::fs::write(server.join(".gitignore"), ".tokens.toml\n").unwrap();
    git(&server, &["add", "-A"]);
    git(&server, &["commit", "--quiet", "-m", "The site"]);
    git(
        &server,
        &["remote", "add", "origin", remote.to_str().unwrap()],
    );
    git(&server, &["push", "--quiet", "origin", "main"]);
    let writer = dir.path().join("writer");
    git(
        dir.path(),
        &["clone", "--quiet", remote.to_str().unwrap(), "writer"],
    );
    identity(&writer, "Léa Writer");
    Repos {
        _dir: dir,
        remote,
        writer,
        web: Web::new(site),
    }
}

/// Waits (at most a minute) until `ok` holds: the push and pull run in the
/// background.
async fn until(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ok() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `author|subject` of the remote's newest commit on `main`.
fn last_on_remote(remote: &Path) -> String {
    git(remote, &["log", "-1", "--format=%an|%ae|%cn|%s", "main"])
        .trim()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewers_approval_is_one_commit_by_them_on_the_remote() {
    let r = repos();
    relais::serve::repo::start(&r.web.app).await;
    let claire = r.web.login("Claire Martin").await;
    let done = r.web.http.approve_all("en/site", &claire).await;
    assert_eq!(
        done.status,
        axum::http::StatusCode::SEE_OTHER,
        "{}",
        done.body
    );
    until("the approval is pushed", || {
        last_on_remote(&r.remote).starts_with("Claire Martin|")
    })
    .await;
    let last = last_on_remote(&r.remote);
    assert_eq!(
        last,
        "Claire Martin|claire-martin@users.noreply.keoogo.org|relais|Approve 23 messages of site (en)",
    );
    let files = git(&r.remote, &["show", "--name-only", "--format=", "main"]);
    assert_eq!(
        files.trim(),
        "review/en/site.json",
        "only the file the approval changed"
    );
    let dashboard = r.web.get("/", Some(&claire)).await;
    assert!(
        !dashboard.body.contains("attend"),
        "nothing waiting: {}",
        dashboard.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_a_writer_pushes_is_synced_committed_and_pushed_by_the_server() {
    let r = repos();
    relais::serve::repo::start(&r.web.app).await;
    std::fs::write(
        r.writer.join("posts/2025-07-01-visite.md"),
        "---\ntitle: Visite à Quito\n---\n\nLes enfants ont visité le musée.\n",
    )
    .unwrap();
    git(&r.writer, &["add", "-A"]);
    git(&r.writer, &["commit", "--quiet", "-m", "Visite à Quito"]);
    git(&r.writer, &["push", "--quiet", "origin", "main"]);
    let git_state = r.web.app.git.clone().unwrap();
    let server = r.web.site.path().to_path_buf();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !last_on_remote(&r.remote).contains("Sync posts/2025-07-01-visite") {
        assert!(
            Instant::now() < deadline,
            "never synced: {:?}\nserver log: {}\nremote: {}",
            git_state.status(),
            git(&server, &["log", "--format=%an|%s", "-5"]),
            git(&r.remote, &["log", "--format=%an|%s", "-5", "main"]),
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(last_on_remote(&r.remote).starts_with("relais|relais@localhost|relais|"));
    let files = git(&r.remote, &["show", "--name-only", "--format=", "main"]);
    for f in [
        "locales/en/posts/2025-07-01-visite.ftl",
        "locales/es/posts/2025-07-01-visite.ftl",
        "review/en/posts/2025-07-01-visite.json",
    ] {
        assert!(files.contains(f), "{f} in {files}");
    }
    let en = r.web.site.read("locales/en/posts/2025-07-01-visite.ftl");
    assert!(
        en.contains("museum") || en.contains("visited"),
        "machine text: {en}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_writer_and_a_reviewer_on_the_same_post_lose_nothing() {
    let r = repos();
    relais::serve::repo::start(&r.web.app).await;
    let claire = r.web.login("Claire Martin").await;
    let post = "posts/2024-06-18-inepe-rapport-alternatif-equateur";
    let done = r.web.http.approve_all(&format!("en/{post}"), &claire).await;
    assert_eq!(done.status, axum::http::StatusCode::SEE_OTHER);
    until("the approval is pushed", || {
        last_on_remote(&r.remote).starts_with("Claire Martin|")
    })
    .await;
    // The writer, who had not pulled, edits the French of an approved
    // paragraph, then pulls with rebase (as git tells them to) and pushes.
    let file = r.writer.join(format!("{post}.md"));
    let text = std::fs::read_to_string(&file).unwrap();
    let changed = text.replacen(
        "560 enfants ont pris la parole",
        "Plus de 560 enfants ont pris la parole",
        1,
    );
    assert_ne!(text, changed);
    std::fs::write(&file, changed).unwrap();
    git(
        &r.writer,
        &["commit", "--quiet", "-am", "Un titre plus juste"],
    );
    git(
        &r.writer,
        &["pull", "--quiet", "--rebase", "origin", "main"],
    );
    git(&r.writer, &["push", "--quiet", "origin", "main"]);
    until("the server synced the writer's change", || {
        last_on_remote(&r.remote).contains(&format!("Sync {post}"))
    })
    .await;
    let log = git(&r.remote, &["log", "--format=%an|%s", "main"]);
    assert!(
        log.contains("Claire Martin|Approve 18 messages of"),
        "the approval is in history: {log}"
    );
    assert!(log.contains("Léa Writer|Un titre plus juste"), "{log}");
    let state = r.web.site.read(&format!("review/en/{post}.json"));
    assert!(state.contains("Claire Martin"), "{state}");
    let branches = git(&r.remote, &["branch", "--list", "relais/conflict-*"]);
    assert!(
        branches.trim().is_empty(),
        "no conflict branch was needed: {branches}"
    );
    let statuses = r.web.site.json(&["status"]).0;
    let row = statuses["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["resource"] == post && x["locale"] == "en")
        .cloned()
        .unwrap();
    // The approved machine text of the changed paragraph is relais's own:
    // redone for the new French (a person's edit would have become stale).
    assert_eq!(row["counts"]["approved"], 17, "{row:#}");
    let redone =
        row["counts"]["machine"].as_u64().unwrap() + row["counts"]["stale"].as_u64().unwrap();
    assert_eq!(redone, 1, "{row:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_true_conflict_keeps_the_reviewers_work_on_a_pushed_branch() {
    let r = repos();
    // No pull yet: the writer changes the English of `read-more-label`
    // on the remote while a reviewer edits the same line on the server.
    let bundle = r.writer.join("locales/en/site.ftl");
    let text = std::fs::read_to_string(&bundle).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("read-more-label ="))
        .unwrap()
        .to_string();
    std::fs::write(
        &bundle,
        text.replace(&line, "read-more-label = Read on: { $title }"),
    )
    .unwrap();
    git(
        &r.writer,
        &["commit", "--quiet", "-am", "Hand-edited English"],
    );
    git(&r.writer, &["push", "--quiet", "origin", "main"]);
    let claire = r.web.login("Claire Martin").await;
    let done = r
        .web
        .act(
            "/edit/en/site",
            &claire,
            &[
                ("id", "read-more-label"),
                ("value", "Read the rest of “{ $title }”"),
            ],
        )
        .await;
    assert_eq!(done.status, axum::http::StatusCode::SEE_OTHER);
    relais::serve::repo::start(&r.web.app).await;
    until("a conflict branch on the remote", || {
        !git(&r.remote, &["branch", "--list", "relais/conflict-*"])
            .trim()
            .is_empty()
    })
    .await;
    let branch = git(
        &r.remote,
        &[
            "branch",
            "--list",
            "relais/conflict-*",
            "--format=%(refname:short)",
        ],
    );
    let branch = branch.trim();
    let tip = git(&r.remote, &["log", "-1", "--format=%an|%s", branch]);
    assert_eq!(
        tip.trim(),
        "Claire Martin|Edit `read-more-label` of site (en)"
    );
    // The branch is pushed first, and only then is the working tree reset
    // to the remote's (nothing lost at any moment): wait for the reset.
    until("the working tree is the remote's", || {
        r.web
            .site
            .read("locales/en/site.ftl")
            .contains("Read on: { $title }")
    })
    .await;
    // Then the server's status says so.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let dashboard = r.web.get("/", Some(&claire)).await;
        if dashboard.body.contains(branch) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the page never said so: {}",
            dashboard.body
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let doctor = r.web.site.json(&["doctor"]).0;
    assert!(doctor.to_string().contains(branch), "{doctor:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commits_wait_while_the_remote_is_away_and_go_when_it_is_back() {
    let r = repos();
    let away = r.remote.with_extension("away");
    std::fs::rename(&r.remote, &away).unwrap();
    relais::serve::repo::start(&r.web.app).await;
    let claire = r.web.login("Claire Martin").await;
    r.web.http.approve_all("en/site", &claire).await;
    until("a change waits, the push having failed", || {
        let s = r.web.app.git.as_ref().unwrap().status();
        s.error.is_some() && s.unpushed > 0
    })
    .await;
    let dashboard = r.web.get("/", Some(&claire)).await;
    assert!(
        dashboard.body.contains("attend d’être envoyée"),
        "{}",
        dashboard.body
    );
    std::fs::rename(&away, &r.remote).unwrap();
    until("pushed once the remote is back", || {
        last_on_remote(&r.remote).starts_with("Claire Martin|")
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_a_stopped_server_wrote_is_committed_at_the_next_start() {
    let r = repos();
    // As if killed between writing and committing: the files are written
    // (a terminal approve, which does not commit), not committed.
    let (out, code) = r
        .web
        .site
        .json(&["approve", "site", "--locale", "en", "--all"]);
    assert_eq!(code, 0, "{out:#}");
    let dirty = git(r.web.site.path(), &["status", "--porcelain"]);
    assert!(dirty.contains("review/en/site.json"), "{dirty}");
    relais::serve::repo::start(&r.web.app).await;
    until("committed and pushed", || {
        last_on_remote(&r.remote).contains("Changes a stopped relais left uncommitted")
    })
    .await;
    let dirty = git(
        r.web.site.path(),
        &["status", "--porcelain", "--", "review", "locales", "posts"],
    );
    assert!(dirty.trim().is_empty(), "{dirty}");
}

#[test]
fn the_commands_commit_with_commit() {
    let site = Site::committed(&common::apy_url());
    let dir = site.path();
    git(dir, &["init", "--quiet", "-b", "main"]);
    identity(dir, "Claire Martin");
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "--quiet", "-m", "The site"]);
    let out = site.relais(&["approve", "site", "--locale", "en", "--all", "--commit"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last = git(dir, &["log", "-1", "--format=%an|%s"]);
    assert_eq!(
        last.trim(),
        "Claire Martin|relais approve site --locale en --all"
    );
    let files = git(dir, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "review/en/site.json");
    // Without --commit (and no commit_cli), nothing is committed.
    let before = git(dir, &["rev-parse", "HEAD"]);
    let out = site.relais(&["unapprove", "site", "--locale", "en", "--all"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(git(dir, &["rev-parse", "HEAD"]), before);
}

/// Different messages of the same bundle and review state, changed here
/// and on the remote at once: the rebase takes both, no conflict branch.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_to_different_messages_of_one_file_both_stay() {
    let r = repos();
    let bundle = r.writer.join("locales/en/site.ftl");
    let text = std::fs::read_to_string(&bundle).unwrap();
    let last = text
        .lines()
        .rfind(|l| l.contains(" = ") && !l.starts_with('#'))
        .unwrap()
        .to_string();
    let (id, _) = last.split_once(" = ").unwrap();
    let id = id.trim().to_string();
    assert_ne!(id, "read-more-label");
    std::fs::write(
        &bundle,
        text.replace(&last, &format!("{id} = Hand-written English")),
    )
    .unwrap();
    git(
        &r.writer,
        &["commit", "--quiet", "-am", "Hand-edited English"],
    );
    git(&r.writer, &["push", "--quiet", "origin", "main"]);
    let claire = r.web.login("Claire Martin").await;
    let done = r
        .web
        .act(
            "/edit/en/site",
            &claire,
            &[
                ("id", "read-more-label"),
                ("value", "Read the rest of “{ $title }”"),
            ],
        )
        .await;
    assert_eq!(done.status, axum::http::StatusCode::SEE_OTHER);
    relais::serve::repo::start(&r.web.app).await;
    until("the edit is pushed on top of the writer's", || {
        last_on_remote(&r.remote).starts_with("Claire Martin|")
    })
    .await;
    let here = r.web.site.read("locales/en/site.ftl");
    assert!(here.contains("Hand-written English"), "{here}");
    assert!(here.contains("Read the rest of “{ $title }”"), "{here}");
    assert!(
        git(&r.remote, &["branch", "--list", "relais/conflict-*"])
            .trim()
            .is_empty()
    );
}

/// `relais serve` killed with SIGKILL after writing an approval and
/// before committing it: the next start commits what is there, nothing
/// lost, nothing half committed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_between_writing_and_committing_commits_at_the_next_start() {
    let r = repos();
    let site = r.web.site.path().to_path_buf();
    let tokens = site.join(".tokens.toml");
    let token = relais::serve::tokens::add(
        &tokens,
        "Moussa Traoré",
        relais::serve::tokens::Role::Reviewer,
        &["en".to_string()],
    )
    .unwrap();
    let start = |pause: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_relais"));
        cmd.arg("-C")
            .arg(&site)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .env("RELAIS_TOKENS", &tokens)
            .env_remove("RELAIS_TOKENS_TOML")
            .stderr(std::process::Stdio::piped());
        if pause {
            cmd.env("RELAIS_PAUSE_BEFORE_COMMIT", "1");
        }
        let mut child = cmd.spawn().unwrap();
        let url = common::listening(&mut child);
        (child, url)
    };
    let (mut child, url) = start(true);
    // Sign in and approve everything of site (en), as a browser does.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = client.get(format!("{url}/login")).send().await.unwrap();
    let login_cookie = form
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("relais_login="))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let html = form.text().await.unwrap();
    let csrf = web::hidden_fields(&html)
        .into_iter()
        .find(|(k, _)| k == "csrf")
        .unwrap()
        .1;
    let signed = client
        .post(format!("{url}/login"))
        .header("cookie", &login_cookie)
        .form(&[("csrf", csrf.as_str()), ("token", token.as_str())])
        .send()
        .await
        .unwrap();
    let session = signed
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("relais_session="))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let question = client
        .get(format!("{url}/approve-all/en/site"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let at = question
        .rfind("<form method=\"post\" action=\"/approve/")
        .unwrap();
    let form = &question[at..question[at..].find("</form>").unwrap() + at];
    let fields = web::hidden_fields(form);
    let approving = {
        let client = client.clone();
        let (url, session) = (url.clone(), session.clone());
        tokio::spawn(async move {
            let _ = client
                .post(format!("{url}/approve/en/site"))
                .header("cookie", session)
                .form(&fields)
                .timeout(Duration::from_secs(120))
                .send()
                .await;
        })
    };
    // Written, not committed: now SIGKILL.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !git(&site, &["status", "--porcelain"]).contains("review/en/site.json") {
        assert!(Instant::now() < deadline, "the approval was never written");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let _ = approving.await;
    let before = git(&site, &["rev-parse", "HEAD"]);
    let (mut child, _) = start(false);
    let deadline = Instant::now() + Duration::from_secs(60);
    while git(&site, &["rev-parse", "HEAD"]) == before {
        assert!(
            Instant::now() < deadline,
            "the next start committed nothing"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let last = git(&site, &["log", "-1", "--format=%an|%s"]);
    assert_eq!(
        last.trim(),
        "relais|Changes a stopped relais left uncommitted"
    );
    let files = git(&site, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "review/en/site.json");
    let dirty = git(
        &site,
        &["status", "--porcelain", "--", "review", "locales", "posts"],
    );
    assert!(dirty.trim().is_empty(), "nothing left behind: {dirty}");
    let state = r.web.site.read("review/en/site.json");
    assert!(state.contains("Moussa Traoré"), "the approval is kept");
}
