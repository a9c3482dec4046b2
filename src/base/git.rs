//! The site's git repository, through the `git` command: the same git the
//! site's admin uses, with its credentials (SSH agent, credential helper)
//! and its configuration, never any of relais's own. Nothing here prints
//! or stores a credential; `GIT_TERMINAL_PROMPT=0` so that nothing ever
//! waits for a password.
//!
//! What relais does with it: commit exactly the files a change wrote, with
//! the person as author and relais as committer ([`Repo::commit`]); push,
//! fetch and rebase on the remote; put local commits that cannot be
//! rebased on a branch of their own (`relais/conflict-<time>`) before
//! taking the remote's state ([`Repo::pull`]).

use crate::base::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Who a commit is by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Author {
    /// The person's name (their token's name).
    pub name: String,
    /// Their address.
    pub email: String,
}

/// A change to commit with [`Repo::commit_all`]: its files as it wrote
/// them (`None`: removed), who made it, what it did.
#[derive(Clone, Debug)]
pub struct Change {
    /// Each file (a path in the working tree) and its content.
    pub files: Vec<(PathBuf, Option<Vec<u8>>)>,
    /// Its author (relais when `None`).
    pub author: Option<Author>,
    /// The commit message.
    pub message: String,
}

impl Change {
    /// A change of `files`, each as it is on disk now.
    pub fn of(files: &[PathBuf], author: Option<Author>, message: String) -> Change {
        Change {
            files: files
                .iter()
                .map(|f| (f.clone(), std::fs::read(f).ok()))
                .collect(),
            author,
            message,
        }
    }
}

/// A failed `git ARGS`, in the first lines git said.
fn failed(args: &[&str], stderr: &[u8]) -> Error {
    let said = String::from_utf8_lossy(stderr);
    let first: Vec<&str> = said
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(3)
        .collect();
    Error::Config(format!(
        "git {}: {}",
        args.first().copied().unwrap_or(""),
        first.join(" / ")
    ))
}

/// A path as `git fast-import` reads it: quoted, C-style, when it has to be.
fn quote_path(path: &str) -> String {
    if !path.starts_with('"') && !path.contains(['\n', '\\']) && !path.contains(' ') {
        return path.to_string();
    }
    let mut out = String::from("\"");
    for c in path.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The committer of every commit relais makes.
pub const COMMITTER: (&str, &str) = ("relais", "relais@localhost");

/// A git working tree the site lives in.
#[derive(Clone, Debug)]
pub struct Repo {
    /// The top of the working tree.
    pub top: PathBuf,
}

/// How a pull ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Pulled {
    /// Nothing new on the remote.
    Same,
    /// The remote moved and local commits (if any) were rebased on it:
    /// the commit before and after.
    Moved {
        /// HEAD before.
        from: String,
        /// HEAD after.
        to: String,
    },
    /// Local commits could not be rebased: they are on `branch` (pushed),
    /// and the working tree is the remote's.
    Conflict {
        /// `relais/conflict-<time>`.
        branch: String,
        /// HEAD before (the local commits).
        from: String,
        /// HEAD after (the remote's).
        to: String,
    },
}

impl Repo {
    /// The repository `dir` is in; `None` outside one (or without git).
    pub fn find(dir: &Path) -> Option<Repo> {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["rev-parse", "--show-toplevel"])
            .env("GIT_TERMINAL_PROMPT", "0")
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        let top = String::from_utf8(out.stdout).ok()?.trim().to_string();
        Some(Repo {
            top: PathBuf::from(top),
        })
    }

    /// `git ARGS` in the working tree; its output when it succeeds.
    pub fn git(&self, args: &[&str]) -> Result<String> {
        self.git_env(args, &[])
    }

    /// `git ARGS` in the working tree, never prompting, in plain English.
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.arg("-C")
            .arg(&self.top)
            .args(args)
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("LC_ALL", "C");
        cmd
    }

    fn git_env(&self, args: &[&str], env: &[(&str, &str)]) -> Result<String> {
        let out = self
            .command(args)
            .envs(env.iter().copied())
            .output()
            .map_err(|e| Error::Config(format!("git could not run: {e} (is git installed?)")))?;
        if out.status.success() {
            return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
        }
        Err(failed(args, &out.stderr))
    }

    /// The path of `file` relative to the top of the working tree.
    fn rel(&self, file: &Path) -> Option<String> {
        let abs = if file.is_absolute() {
            file.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(file)
        };
        let top = self.top.canonicalize().unwrap_or_else(|_| self.top.clone());
        let parent = abs.parent()?;
        let parent = parent
            .canonicalize()
            .unwrap_or_else(|_| parent.to_path_buf());
        let rel = parent.join(abs.file_name()?);
        rel.strip_prefix(&top)
            .ok()
            .map(|p| p.to_string_lossy().into_owned())
    }

    /// Commits exactly `files` (written or removed; those git ignores and
    /// those unchanged left out), by `author` with relais as committer (no
    /// author: git's own identity, as in a terminal). Whatever else is
    /// staged or changed in the working tree is left as it is. `None` when
    /// none of the files changed.
    pub fn commit(
        &self,
        files: &[PathBuf],
        author: Option<&Author>,
        message: &str,
    ) -> Result<Option<String>> {
        let rel: Vec<String> = files.iter().filter_map(|f| self.rel(f)).collect();
        if rel.is_empty() {
            return Ok(None);
        }
        let ignored = self.ignored(&rel)?;
        let paths: Vec<&str> = rel
            .iter()
            .filter(|p| !ignored.contains(p))
            .map(String::as_str)
            .collect();
        if paths.is_empty() {
            return Ok(None);
        }
        let mut add = vec!["add", "--all", "--"];
        add.extend(&paths);
        self.git(&add)?;
        let mut changed = vec!["diff", "--cached", "--name-only", "--"];
        changed.extend(&paths);
        if self.git(&changed)?.trim().is_empty() {
            return Ok(None);
        }
        let who = author.map(|a| format!("{} <{}>", a.name, a.email));
        let mut commit = vec!["commit", "--quiet", "--no-verify", "-m", message];
        let mut env = Vec::new();
        if let Some(who) = &who {
            commit.extend(["--author", who.as_str()]);
            env = vec![
                ("GIT_COMMITTER_NAME", COMMITTER.0),
                ("GIT_COMMITTER_EMAIL", COMMITTER.1),
            ];
        }
        commit.push("--");
        commit.extend(&paths);
        self.git_env(&commit, &env)?;
        Ok(Some(self.head()?))
    }

    /// Commits `changes` in their order, one commit each, of exactly the
    /// content each carries (what its files were when it wrote them, not
    /// what they are now), in one `git fast-import`; the index then takes
    /// the new commit's entries for those files. A change that changes
    /// nothing from the commit before it makes no commit. Returns how many
    /// commits were made.
    pub fn commit_all(&self, changes: &[Change]) -> Result<usize> {
        let mut paths: Vec<String> = changes
            .iter()
            .flat_map(|c| c.files.iter().filter_map(|(f, _)| self.rel(f)))
            .collect();
        paths.sort();
        paths.dedup();
        if paths.is_empty() {
            return Ok(0);
        }
        let ignored = self.ignored(&paths)?;
        paths.retain(|p| !ignored.contains(p));
        let branch = self
            .git(&["symbolic-ref", "-q", "HEAD"])?
            .trim()
            .to_string();
        // The first commit's parent: the branch's tip (none when unborn).
        let mut parent = self
            .git(&["rev-parse", "-q", "--verify", "HEAD"])
            .ok()
            .map(|h| h.trim().to_string());
        // What each file is in the commit being built on, to leave out
        // what changes nothing.
        let mut tree: std::collections::BTreeMap<String, Option<Vec<u8>>> = match &parent {
            Some(head) => self.contents(head, &paths)?.into_iter().collect(),
            None => paths.iter().map(|p| (p.clone(), None)).collect(),
        };
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut stream: Vec<u8> = Vec::new();
        let mut made = 0;
        for change in changes {
            let files: Vec<(String, &Option<Vec<u8>>)> = change
                .files
                .iter()
                .filter_map(|(f, content)| Some((self.rel(f)?, content)))
                .filter(|(p, content)| {
                    paths.contains(p) && tree.get(p).is_some_and(|now| now != *content)
                })
                .collect();
            if files.is_empty() {
                continue;
            }
            made += 1;
            let ident = |name: &str, email: &str| -> String {
                let clean = |s: &str| s.replace(['<', '>', '\n'], "");
                format!("{} <{}> {now} +0000", clean(name), clean(email))
            };
            let author = change.author.as_ref().map_or_else(
                || ident(COMMITTER.0, COMMITTER.1),
                |a| ident(&a.name, &a.email),
            );
            let mut message = change.message.trim_end().to_string();
            message.push('\n');
            stream.extend_from_slice(
                format!(
                    "commit {branch}\nauthor {author}\ncommitter {}\ndata {}\n{message}",
                    ident(COMMITTER.0, COMMITTER.1),
                    message.len()
                )
                .as_bytes(),
            );
            if let Some(p) = parent.take() {
                stream.extend_from_slice(format!("from {p}\n").as_bytes());
            }
            for (path, content) in files {
                let quoted = quote_path(&path);
                match content {
                    Some(bytes) => {
                        stream.extend_from_slice(
                            format!("M 100644 inline {quoted}\ndata {}\n", bytes.len()).as_bytes(),
                        );
                        stream.extend_from_slice(bytes);
                        stream.push(b'\n');
                    }
                    None => stream.extend_from_slice(format!("D {quoted}\n").as_bytes()),
                }
                tree.insert(path, content.clone());
            }
            stream.push(b'\n');
        }
        if made == 0 {
            return Ok(0);
        }
        stream.extend_from_slice(b"done\n");
        self.git_input(&["fast-import", "--quiet", "--done"], &stream)?;
        let mut reset = vec!["reset", "-q", "HEAD", "--"];
        reset.extend(paths.iter().map(String::as_str));
        // `reset` says so when the working tree differs (a later change):
        // its exit code is not a failure then.
        let _ = self.git(&reset);
        Ok(made)
    }

    /// What each of `paths` is in commit `at` (`None`: not there), read in
    /// one `git cat-file --batch`.
    fn contents(&self, at: &str, paths: &[String]) -> Result<Vec<(String, Option<Vec<u8>>)>> {
        let asked: String = paths.iter().map(|p| format!("{at}:{p}\n")).collect();
        let out = self.git_input(&["cat-file", "--batch"], asked.as_bytes())?;
        let mut rest = &out[..];
        let mut found = Vec::new();
        for p in paths {
            let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            let header = String::from_utf8_lossy(&rest[..end]).into_owned();
            rest = rest.get(end + 1..).unwrap_or(&[]);
            let size = header.strip_suffix(" missing").map_or_else(
                || header.rsplit(' ').next()?.parse::<usize>().ok(),
                |_| None,
            );
            match size {
                Some(n) if rest.len() > n => {
                    found.push((p.clone(), Some(rest[..n].to_vec())));
                    rest = &rest[n + 1..];
                }
                _ => found.push((p.clone(), None)),
            }
        }
        Ok(found)
    }

    /// `git ARGS` with `input` on its standard input; its output.
    fn git_input(&self, args: &[&str], input: &[u8]) -> Result<Vec<u8>> {
        use std::io::Write;
        let mut child = self
            .command(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| Error::Config(format!("git could not run: {e} (is git installed?)")))?;
        let mut stdin = child.stdin.take().expect("piped");
        let input = input.to_vec();
        let writer = std::thread::spawn(move || stdin.write_all(&input));
        let out = child
            .wait_with_output()
            .map_err(|e| Error::Config(format!("git could not run: {e}")))?;
        let _ = writer.join();
        if out.status.success() {
            return Ok(out.stdout);
        }
        Err(failed(args, &out.stderr))
    }

    /// Of `paths`, those git ignores.
    fn ignored(&self, paths: &[String]) -> Result<Vec<String>> {
        let mut args = vec!["check-ignore", "--no-index", "--"];
        args.extend(paths.iter().map(String::as_str));
        // Exit 1: none ignored.
        Ok(self
            .git(&args)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect())
    }

    /// Files under `dirs` (relative to the top) changed and not committed.
    pub fn uncommitted(&self, dirs: &[&str]) -> Result<Vec<PathBuf>> {
        let mut args = vec![
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--",
        ];
        args.extend(dirs);
        let out = self.git(&args)?;
        let mut files = Vec::new();
        let mut entries = out.split('\0').filter(|e| !e.is_empty());
        while let Some(e) = entries.next() {
            let (status, path) = e.split_at(3.min(e.len()));
            if status.starts_with('R') {
                entries.next();
            }
            files.push(self.top.join(path));
        }
        Ok(files)
    }

    /// The commit checked out.
    pub fn head(&self) -> Result<String> {
        Ok(self.git(&["rev-parse", "HEAD"])?.trim().to_string())
    }

    /// The branch checked out (`main`).
    pub fn branch(&self) -> Result<String> {
        Ok(self
            .git(&["rev-parse", "--abbrev-ref", "HEAD"])?
            .trim()
            .to_string())
    }

    /// Pushes HEAD to `remote`'s `branch`.
    pub fn push(&self, remote: &str, branch: &str) -> Result<()> {
        self.git(&[
            "push",
            "--quiet",
            remote,
            &format!("HEAD:refs/heads/{branch}"),
        ])
        .map(|_| ())
    }

    /// Commits on HEAD not on the remote's branch, and the other way round
    /// (as of the last fetch).
    pub fn ahead_behind(&self, remote: &str, branch: &str) -> Result<(usize, usize)> {
        let range = format!("HEAD...{remote}/{branch}");
        let out = self.git(&["rev-list", "--left-right", "--count", &range])?;
        let mut n = out.split_whitespace().map(|n| n.parse().unwrap_or(0));
        Ok((n.next().unwrap_or(0), n.next().unwrap_or(0)))
    }

    /// Fetches the remote's branch, then rebases local commits on it. When
    /// they do not apply, the rebase is aborted, the local commits are put
    /// on `relais/conflict-<time>` (pushed too, when it can be), and only
    /// then is the working tree reset to the remote's: nothing is lost.
    pub fn pull(&self, remote: &str, branch: &str, now: &str) -> Result<Pulled> {
        self.git(&["fetch", "--quiet", remote, branch])?;
        let theirs = format!("{remote}/{branch}");
        let from = self.head()?;
        let (_, behind) = self.ahead_behind(remote, branch)?;
        if behind == 0 {
            return Ok(Pulled::Same);
        }
        let rebase = self.git_env(
            &["rebase", "--quiet", &theirs],
            &[
                ("GIT_COMMITTER_NAME", COMMITTER.0),
                ("GIT_COMMITTER_EMAIL", COMMITTER.1),
            ],
        );
        if rebase.is_ok() {
            return Ok(Pulled::Moved {
                from,
                to: self.head()?,
            });
        }
        let _ = self.git(&["rebase", "--abort"]);
        let stamp: String = now.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let conflict = format!("relais/conflict-{stamp}");
        self.git(&["branch", &conflict, &from])?;
        if let Err(e) = self.push_branch(remote, &conflict) {
            tracing::warn!("the conflict branch {conflict} stays on this machine: {e}");
        }
        self.git(&["reset", "--quiet", "--hard", &theirs])?;
        Ok(Pulled::Conflict {
            branch: conflict,
            from,
            to: self.head()?,
        })
    }

    fn push_branch(&self, remote: &str, branch: &str) -> Result<()> {
        self.git(&[
            "push",
            "--quiet",
            remote,
            &format!("refs/heads/{branch}:refs/heads/{branch}"),
        ])
        .map(|_| ())
    }

    /// Files under `dir` that differ between two commits.
    pub fn changed(&self, from: &str, to: &str, dir: &str) -> Result<Vec<String>> {
        let range = format!("{from}..{to}");
        Ok(self
            .git(&["diff", "--name-only", &range, "--", dir])?
            .lines()
            .map(str::to_string)
            .collect())
    }

    /// The `relais/conflict-*` branches waiting here.
    pub fn conflict_branches(&self) -> Result<Vec<String>> {
        Ok(self
            .git(&[
                "branch",
                "--list",
                "relais/conflict-*",
                "--format=%(refname:short)",
            ])?
            .lines()
            .map(str::to_string)
            .collect())
    }
}

/// A person's address for commits: `template` with `{name}` replaced by
/// their name made an address part (`Claire Martin` → `claire-martin`).
pub fn email(template: Option<&str>, name: &str) -> String {
    let mut folded = String::new();
    for c in name.to_lowercase().chars() {
        unicode_normalization::char::decompose_canonical(c, |d| {
            if !unicode_normalization::char::is_combining_mark(d) {
                folded.push(d);
            }
        });
    }
    let slug: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    template
        .unwrap_or("{name}@users.noreply.relais")
        .replace("{name}", if slug.is_empty() { "someone" } else { &slug })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["-c", "user.name=T", "-c", "user.email=t@example.org"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    #[test]
    fn changes_are_committed_in_order_each_with_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path();
        run(top, &["init", "-q", "-b", "main"]);
        std::fs::write(top.join("a.ftl"), "a = 1\n").unwrap();
        std::fs::write(top.join("gone.ftl"), "g = 1\n").unwrap();
        std::fs::write(top.join(".gitignore"), "cache/\n").unwrap();
        run(top, &["add", "-A"]);
        run(top, &["commit", "-q", "-m", "start"]);
        let repo = Repo::find(top).unwrap();
        let by = |name: &str| Author {
            name: name.into(),
            email: email(None, name),
        };
        std::fs::create_dir_all(top.join("cache")).unwrap();
        let changes = vec![
            Change {
                files: vec![
                    (top.join("a.ftl"), Some(b"a = 2\n".to_vec())),
                    (top.join("cache/x.json"), Some(b"{}".to_vec())),
                ],
                author: Some(by("Claire Martin")),
                message: "Edit a".into(),
            },
            // Nothing new: no commit.
            Change {
                files: vec![(top.join("a.ftl"), Some(b"a = 2\n".to_vec()))],
                author: Some(by("Ana Pérez")),
                message: "Edit a again".into(),
            },
            Change {
                files: vec![
                    (top.join("a.ftl"), Some(b"a = 3\n".to_vec())),
                    (top.join("gone.ftl"), None),
                    (top.join("new file.ftl"), Some(b"n = 1\n".to_vec())),
                ],
                author: Some(by("Awa Ouédraogo")),
                message: "Edit a, remove gone".into(),
            },
        ];
        // What the files are now is the last change's (as on disk).
        std::fs::write(top.join("a.ftl"), "a = 3\n").unwrap();
        std::fs::write(top.join("new file.ftl"), "n = 1\n").unwrap();
        std::fs::remove_file(top.join("gone.ftl")).unwrap();
        assert_eq!(repo.commit_all(&changes).unwrap(), 2);
        let log = run(top, &["log", "--format=%an|%cn|%s"]);
        assert_eq!(
            log.lines().collect::<Vec<_>>(),
            [
                "Awa Ouédraogo|relais|Edit a, remove gone",
                "Claire Martin|relais|Edit a",
                "T|T|start"
            ]
        );
        assert_eq!(run(top, &["show", "HEAD~1:a.ftl"]), "a = 2\n");
        assert_eq!(run(top, &["show", "HEAD:a.ftl"]), "a = 3\n");
        assert_eq!(run(top, &["show", "HEAD:new file.ftl"]), "n = 1\n");
        assert!(
            run(top, &["ls-tree", "-r", "--name-only", "HEAD"])
                .lines()
                .all(|l| l != "gone.ftl" && !l.starts_with("cache"))
        );
        assert_eq!(
            run(top, &["status", "--porcelain"]),
            "",
            "the index and the files are the new HEAD's"
        );
    }

    #[test]
    fn addresses_are_made_from_names() {
        assert_eq!(
            email(None, "Claire Martin"),
            "claire-martin@users.noreply.relais"
        );
        assert_eq!(
            email(Some("{name}@keoogo.org"), "Ana Pérez"),
            "ana-perez@keoogo.org"
        );
    }
}
