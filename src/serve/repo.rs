//! `relais serve` and the site's git repository: every change a page makes
//! is one commit of exactly the files it wrote, by the person (their
//! token's name, an address from `[git] email`), relais the committer. With
//! `[git] remote`, commits are pushed in the background (bursts coalesced,
//! retried until the remote answers), and the remote is pulled every
//! `pull_interval`: posts that writers committed there are synced here
//! (`[serve] sync`), committed and pushed. Local commits that do not
//! rebase on the remote go to a `relais/conflict-<time>` branch (pushed)
//! before the working tree takes the remote's state: nothing is lost, and
//! the dashboard says so.
//!
//! A change written but not committed (the server was killed in between)
//! is committed at the next start.

use super::App;
use crate::base::config::Config;
use crate::base::error::Result;
use crate::base::fs::Recording;
use crate::base::git::{self, Author, Pulled, Repo};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

/// What the dashboard says of the repository.
#[derive(Clone, Debug, Default)]
pub struct Status {
    /// Commits made here and not pushed yet.
    pub unpushed: usize,
    /// Why the last push or pull failed, if it did.
    pub error: Option<String>,
    /// The branch local commits went to after a pull they did not rebase on.
    pub conflict: Option<String>,
}

/// The repository of a site that commits.
pub struct Git {
    repo: Repo,
    email: Option<String>,
    /// Remote and branch, when pushing and pulling.
    remote: Option<(String, String)>,
    pull_every: Duration,
    sync_pulled: bool,
    status: Mutex<Status>,
    push_now: tokio::sync::Notify,
    /// Changes written and not committed yet, in the order they held the
    /// site's lock.
    queue: Mutex<Queue>,
    /// Told when a batch of the queue is committed.
    committed: std::sync::Condvar,
}

/// See [`Git::queue`].
#[derive(Default)]
struct Queue {
    pending: Vec<(u64, git::Change)>,
    /// The last change queued, and the last committed (or given up on).
    queued: u64,
    done: u64,
    /// A batch is being committed.
    running: bool,
}

impl Git {
    /// The repository of the site of `cfg`, when it is in one and commits
    /// (`[git] commit`, on by default there).
    pub fn of(cfg: &Config) -> Option<Git> {
        if cfg.git.commit == Some(false) {
            return None;
        }
        let repo = Repo::find(&cfg.root)?;
        let remote = cfg.git.remote.clone().map(|r| {
            let branch = cfg
                .git
                .branch
                .clone()
                .or_else(|| repo.branch().ok())
                .unwrap_or_else(|| "main".into());
            (r, branch)
        });
        Some(Git {
            sync_pulled: cfg.serve.sync.unwrap_or(remote.is_some()),
            repo,
            email: cfg.git.email.clone(),
            remote,
            pull_every: cfg.git.pull_every(),
            status: Mutex::new(Status::default()),
            push_now: tokio::sync::Notify::new(),
            queue: Mutex::new(Queue::default()),
            committed: std::sync::Condvar::new(),
        })
    }

    /// What the dashboard says.
    pub fn status(&self) -> Status {
        self.status.lock().expect("git status").clone()
    }

    fn author(&self, name: Option<&str>) -> Author {
        Author {
            name: name.unwrap_or(git::COMMITTER.0).to_string(),
            email: match name {
                Some(n) => git::email(self.email.as_deref(), n),
                None => git::COMMITTER.1.to_string(),
            },
        }
    }

    /// Takes `files` as they are now as a change by `name` (`None`: by
    /// relais) to commit; its place in the queue, for [`Git::committed`].
    /// Call while holding the site's lock: the queue keeps the lock's
    /// order, and each commit has exactly what its change wrote, whatever
    /// later changes write before it is made.
    pub fn queue(&self, files: &[PathBuf], name: Option<&str>, message: String) -> u64 {
        let change = git::Change::of(files, Some(self.author(name)), message);
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        q.queued += 1;
        let id = q.queued;
        q.pending.push((id, change));
        id
    }

    /// Returns when change `id` is committed (and has it pushed). The first
    /// to wait commits every change queued so far, in one go; those that
    /// come while it does wait for it, then do the same — so that commits
    /// cost the changes of a busy site little more than those of a quiet
    /// one. A failure is kept for the dashboard: the files are written,
    /// and the next start commits them.
    pub fn committed(&self, id: u64) {
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        while q.done < id {
            if q.running {
                q = self.committed.wait(q).unwrap_or_else(|e| e.into_inner());
                continue;
            }
            let batch = std::mem::take(&mut q.pending);
            let last = batch.last().map_or(q.done, |(i, _)| *i);
            q.running = true;
            drop(q);
            let changes: Vec<git::Change> = batch.into_iter().map(|(_, c)| c).collect();
            self.commit_changes(&changes);
            q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
            q.running = false;
            q.done = q.done.max(last);
            self.committed.notify_all();
        }
    }

    /// Every change queued, committed (before a pull moves HEAD).
    fn flush(&self) {
        let last = self.queue.lock().unwrap_or_else(|e| e.into_inner()).queued;
        self.committed(last);
    }

    fn commit_changes(&self, changes: &[git::Change]) {
        match self.repo.commit_all(changes) {
            Ok(0) => {}
            Ok(n) => {
                self.status.lock().expect("git status").unpushed += n;
                self.push_now.notify_one();
            }
            Err(e) => {
                tracing::warn!("not committed: {e}");
                self.status.lock().expect("git status").error = Some(e.to_string());
            }
        }
    }

    /// Commits `files` by `name` (`None`: by relais) as they are now, and
    /// has them pushed. A failure is kept for the dashboard: the files are
    /// written, and the next start commits them.
    pub fn commit(&self, files: &[PathBuf], name: Option<&str>, message: &str) {
        let author = self.author(name);
        match self.repo.commit(files, Some(&author), message) {
            Ok(Some(_)) => {
                self.status.lock().expect("git status").unpushed += 1;
                self.push_now.notify_one();
            }
            Ok(None) => {}
            Err(e) => {
                tracing::warn!("not committed: {e}");
                self.status.lock().expect("git status").error = Some(e.to_string());
            }
        }
    }

    /// Commits what an earlier run wrote and did not commit.
    fn commit_leftovers(&self, cfg: &Config) {
        let top = self
            .repo
            .top
            .canonicalize()
            .unwrap_or_else(|_| self.repo.top.clone());
        let dirs: Vec<String> = [cfg.posts_dir(), cfg.root.join("locales"), cfg.state_dir()]
            .iter()
            .filter_map(|d| {
                let d = d.canonicalize().ok()?;
                let rel = d.strip_prefix(&top).ok()?.to_string_lossy().into_owned();
                Some(if rel.is_empty() { ".".into() } else { rel })
            })
            .collect();
        if dirs.is_empty() {
            return;
        }
        let dirs: Vec<&str> = dirs.iter().map(String::as_str).collect();
        match self.repo.uncommitted(&dirs) {
            Ok(files) if !files.is_empty() => {
                self.commit(&files, None, "Changes a stopped relais left uncommitted")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!("{e}"),
        }
    }
}

/// Starts what runs beside the pages: the leftovers committed, then the
/// pusher and the puller when a remote is set.
pub async fn start(app: &App) {
    let Some(git) = app.git.clone() else {
        return;
    };
    {
        let g = git.clone();
        let _ = app
            .write(move |cfg| g.commit_leftovers(cfg))
            .await
            .map_err(|e| tracing::warn!("{e}"));
    }
    let Some((remote, branch)) = git.remote.clone() else {
        return;
    };
    let pusher = app.clone();
    let (r, b) = (remote.clone(), branch.clone());
    tokio::spawn(async move { push_loop(pusher, r, b).await });
    let puller = app.clone();
    tokio::spawn(async move { pull_loop(puller, remote, branch).await });
}

/// Pushes after each commit (a burst is one push), again and again while
/// the remote cannot be reached.
async fn push_loop(app: App, remote: String, branch: String) {
    let Some(git) = app.git.clone() else {
        return;
    };
    git.push_now.notify_one();
    loop {
        git.push_now.notified().await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let mut wait = Duration::from_secs(1);
        loop {
            let g = git.clone();
            let (r, b) = (remote.clone(), branch.clone());
            let pushed = app.read(move |_| push(&g, &r, &b)).await;
            match pushed {
                Ok(()) => {
                    let mut s = git.status.lock().expect("git status");
                    s.unpushed = 0;
                    s.error = None;
                    break;
                }
                Err(e) => {
                    tracing::warn!("not pushed yet: {e}");
                    git.status.lock().expect("git status").error = Some(e.to_string());
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(Duration::from_secs(300));
                }
            }
        }
    }
}

/// Pushes the local branch as it is now (never a rebase half done).
fn push(git: &Git, remote: &str, branch: &str) -> Result<()> {
    let local = git.repo.branch()?;
    let head = git
        .repo
        .git(&["rev-parse", &format!("refs/heads/{local}")])?;
    let (ahead, _) = git.repo.ahead_behind(remote, branch).unwrap_or((1, 0));
    git.status.lock().expect("git status").unpushed = ahead;
    if ahead == 0 {
        return Ok(());
    }
    git.repo
        .git(&[
            "push",
            "--quiet",
            remote,
            &format!("{}:refs/heads/{branch}", head.trim()),
        ])
        .map(|_| ())
}

/// Pulls every `pull_interval`.
async fn pull_loop(app: App, remote: String, branch: String) {
    let Some(git) = app.git.clone() else {
        return;
    };
    loop {
        tokio::time::sleep(git.pull_every).await;
        let g = git.clone();
        let (r, b) = (remote.clone(), branch.clone());
        let pulled = app.write(move |cfg| pull(&g, cfg, &r, &b)).await;
        match pulled {
            Ok(Ok(())) => {}
            Ok(Err(e)) | Err(e) => {
                tracing::warn!("not pulled: {e}");
                git.status.lock().expect("git status").error = Some(e.to_string());
            }
        }
    }
}

/// One pull, under the site's lock: rebased (then the posts that came
/// synced, committed, pushed), or the conflict branch made.
fn pull(git: &Git, cfg: &Config, remote: &str, branch: &str) -> Result<()> {
    git.flush();
    match git.repo.pull(remote, branch, &crate::base::clock::now())? {
        Pulled::Same => Ok(()),
        Pulled::Conflict { branch, .. } => {
            tracing::warn!("local commits did not rebase on the remote: they are on {branch}");
            let mut s = git.status.lock().expect("git status");
            s.conflict = Some(branch);
            s.error = None;
            Ok(())
        }
        Pulled::Moved { from, to } => {
            git.status.lock().expect("git status").error = None;
            git.push_now.notify_one();
            if !git.sync_pulled {
                return Ok(());
            }
            let posts = posts_changed(git, cfg, &from, &to)?;
            if posts.is_empty() {
                return Ok(());
            }
            let recording = Recording::start(&cfg.root);
            let opts = crate::sync::Options {
                resources: posts.clone(),
                ..crate::sync::Options::default()
            };
            let report = tokio::runtime::Handle::current().block_on(crate::sync::run(cfg, &opts));
            let files = recording.finish();
            if let Some(e) = report.engine_error.as_ref().or(report.errors.first()) {
                tracing::warn!("sync of the pulled posts: {e}");
            }
            git.commit(
                &files,
                None,
                &format!("Sync {} (changed on the remote)", posts.join(", ")),
            );
            Ok(())
        }
    }
}

/// The resources of the posts that differ between two commits.
fn posts_changed(git: &Git, cfg: &Config, from: &str, to: &str) -> Result<Vec<String>> {
    let top = git
        .repo
        .top
        .canonicalize()
        .unwrap_or_else(|_| git.repo.top.clone());
    let posts = cfg
        .posts_dir()
        .canonicalize()
        .unwrap_or_else(|_| cfg.posts_dir());
    let rel = posts
        .strip_prefix(&top)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "posts".into());
    Ok(git
        .repo
        .changed(from, to, &rel)?
        .iter()
        .filter_map(|f| {
            let name = std::path::Path::new(f).file_name()?.to_str()?;
            Some(format!("posts/{}", name.strip_suffix(".md")?))
        })
        .collect())
}
