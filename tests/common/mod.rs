//! Shared harness of the integration tests: a temporary site built from the
//! repository's sample files, the `relais` binary run on it, and the
//! Apertium APy server the engine tests talk to.
#![allow(dead_code)]

pub(crate) mod handmade;

pub(crate) mod fake;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository root (where the sample site lives).
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// URL of a running Apertium APy server: `RELAIS_APY_URL` (set by
/// `make test` through `.ci/with-apy`), else one started here for this
/// test binary. Panics, never skips, when no server can be had.
pub(crate) fn apy_url() -> String {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| match std::env::var("RELAIS_APY_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => start_apy(),
    })
    .clone()
}

/// Starts an APy server of the test's own on `port` (for tests that stop
/// and restart it) and waits until it answers. The caller kills and waits
/// for it.
pub(crate) fn spawn_apy(port: u16) -> std::process::Child {
    launch_apy(port, &[])
}

/// Starts APy on a free port for at most 30 minutes (a test binary cannot
/// stop a server at exit, so `timeout` does).
#[allow(clippy::zombie_processes)]
fn start_apy() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let _server = launch_apy(port, &["timeout", "1800"]);
    format!("http://127.0.0.1:{port}")
}

/// `apertium-apy` on `port`, behind an optional wrapper command, once it
/// accepts connections. Panics, never skips, when it does not start.
#[allow(clippy::zombie_processes)]
fn launch_apy(port: u16, wrapper: &[&str]) -> std::process::Child {
    let port_arg = port.to_string();
    let mut args: Vec<&str> = wrapper.to_vec();
    args.extend([
        "apertium-apy",
        "-p",
        &port_arg,
        "-t",
        "60",
        "/usr/share/apertium/modes",
    ]);
    let child = Command::new(args[0])
        .args(&args[1..])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("apertium-apy must be installed: run the tests with `make test`");
    for _ in 0..240 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return child;
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    panic!("apertium-apy did not start on port {port}");
}

/// A site in a temporary folder.
pub(crate) struct Site {
    pub(crate) dir: tempfile::TempDir,
    /// Environment variables set for every `relais` run (API keys).
    env: RefCell<Vec<(String, String)>>,
}

impl Site {
    /// An empty site with a configuration pointing at `url`.
    pub(crate) fn new(targets: &[&str], url: &str) -> Site {
        Site::with_engine(
            targets,
            &format!("kind = \"apertium\"\nurl = \"{url}\"\nconcurrency = 2\ntimeout = 120\n"),
        )
    }

    /// An empty site whose `[engine]` table is `engine` (TOML lines).
    pub(crate) fn with_engine(targets: &[&str], engine: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = Site {
            dir,
            env: RefCell::new(Vec::new()),
        };
        let targets: Vec<String> = targets.iter().map(|t| format!("\"{t}\"")).collect();
        site.write(
            "relais.toml",
            &format!(
                "source = \"fr\"\ntargets = [{}]\n\n[engine]\n{engine}",
                targets.join(", ")
            ),
        );
        std::fs::create_dir_all(site.path().join("posts")).unwrap();
        site
    }

    /// Sets an environment variable for the next `relais` runs.
    pub(crate) fn set_env(&self, key: &str, value: &str) {
        let mut env = self.env.borrow_mut();
        env.retain(|(k, _)| k != key);
        env.push((key.to_string(), value.to_string()));
    }

    /// Writes `n` posts of a title and `paragraphs` paragraphs each, every
    /// text different: `n × (1 + paragraphs)` segments.
    pub(crate) fn write_posts(&self, n: usize, paragraphs: usize) {
        for i in 0..n {
            let body: Vec<String> = (0..paragraphs)
                .map(|p| {
                    format!(
                        "Le paragraphe {p} de l’article {i} parle des enfants et de leurs droits."
                    )
                })
                .collect();
            self.write(
                &format!("posts/2024-01-{:02}-article-{i}.md", i % 28 + 1),
                &format!(
                    "---\ntitle: \"Article numéro {i}\"\ndate: 2024-01-01\n---\n\n{}\n",
                    body.join("\n\n")
                ),
            );
        }
    }

    /// The repository's sample posts and French UI strings, nothing else.
    pub(crate) fn sample(url: &str) -> Site {
        let site = Site::new(&["en", "es"], url);
        for entry in std::fs::read_dir(repo().join("posts")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            std::fs::copy(&path, site.path().join("posts").join(name)).unwrap();
        }
        site.write(
            "locales/fr/site.ftl",
            &std::fs::read_to_string(repo().join("locales/fr/site.ftl")).unwrap(),
        );
        site
    }

    /// The repository's committed sample site as it is (posts, bundles and
    /// review state mid-review), its engine pointed at `url`.
    pub(crate) fn committed(url: &str) -> Site {
        let site = Site::new(&["en", "es"], url);
        for dir in ["posts", "locales", "review"] {
            copy_dir(&repo().join(dir), &site.path().join(dir));
        }
        site
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Runs `relais -C <site> ARGS`.
    pub(crate) fn relais(&self, args: &[&str]) -> Output {
        self.relais_env(args, &[])
    }

    /// Runs `relais -C <site> ARGS` with extra environment variables (an
    /// empty value removes the variable). No reviewer comes from the
    /// machine's git configuration or `RELAIS_REVIEWER` unless given.
    pub(crate) fn relais_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_relais"));
        cmd.arg("-C")
            .arg(self.path())
            .args(args)
            .env("NO_COLOR", "1")
            .env_remove("RELAIS_REVIEWER")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .envs(self.env.borrow().iter().cloned());
        for (k, v) in env {
            if v.is_empty() {
                cmd.env_remove(k);
            } else {
                cmd.env(k, v);
            }
        }
        cmd.output().expect("relais runs")
    }

    /// Runs a command that reports `--json`; returns the document and the
    /// exit code.
    pub(crate) fn json(&self, args: &[&str]) -> (serde_json::Value, i32) {
        self.json_env(args, &[])
    }

    /// [`Site::json`] with extra environment variables.
    pub(crate) fn json_env(&self, args: &[&str], env: &[(&str, &str)]) -> (serde_json::Value, i32) {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.relais_env(&all, env);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let doc = serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!(
                "{e}: stdout: {stdout}\nstderr: {}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (doc, out.status.code().unwrap_or(-1))
    }

    /// `sync --json`, asserting it succeeded.
    pub(crate) fn sync(&self, extra: &[&str]) -> serde_json::Value {
        let mut args = vec!["sync"];
        args.extend_from_slice(extra);
        let (doc, code) = self.json(&args);
        assert_eq!(code, 0, "sync failed: {doc:#}");
        doc
    }

    /// Every file of the site with its bytes, to prove nothing changed.
    pub(crate) fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut out = BTreeMap::new();
        snapshot_dir(self.path(), self.path(), &mut out, false);
        out
    }

    /// Every file, runtime data (`review/.cache`) included.
    pub(crate) fn all_files(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut out = BTreeMap::new();
        snapshot_dir(self.path(), self.path(), &mut out, true);
        out
    }
}

/// Copies a folder, leaving out hidden entries (`review/.cache`).
fn copy_dir(from: &Path, to: &Path) {
    copy_tree(from, to, false);
}

/// Copies a folder whole, hidden entries (caches, the lock folder) too:
/// a copy of a site as a run left it.
pub(crate) fn copy_all(from: &Path, to: &Path) {
    copy_tree(from, to, true);
}

fn copy_tree(from: &Path, to: &Path, hidden: bool) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        if !hidden && name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            copy_tree(&path, &to.join(name), hidden);
        } else {
            std::fs::copy(&path, to.join(name)).unwrap();
        }
    }
}

/// The site's content: `review/.cache` (the translation cache) and
/// `review/.lock` (the write lock) are runtime data kept out of git, and
/// left out.
fn snapshot_dir(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>, cache: bool) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !cache && (path.ends_with("review/.cache") || path.ends_with("review/.lock")) {
            continue;
        }
        if path.is_dir() {
            snapshot_dir(root, &path, out, cache);
        } else {
            out.insert(
                path.strip_prefix(root).unwrap().to_path_buf(),
                std::fs::read(&path).unwrap(),
            );
        }
    }
}

/// The sample post files of the repository, as (file name, text).
pub(crate) fn sample_posts() -> Vec<(String, String)> {
    let mut posts: Vec<(String, String)> = std::fs::read_dir(repo().join("posts"))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_str().unwrap().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .filter(|(n, _)| n.ends_with(".md"))
        .collect();
    posts.sort();
    posts
}

/// Renders Markdown the way the round-trip tests compare it.
pub(crate) fn html(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(markdown, relais::source::segment::post_options());
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, parser);
    out
}

/// Approves as a reviewer would, with `relais approve`: the given ids, or
/// every valid message when `ids` is empty.
pub(crate) fn approve(site: &Site, resource: &str, locale: &str, ids: &[&str]) {
    let mut args = vec![
        "approve",
        resource,
        "--locale",
        locale,
        "--reviewer",
        "Test Reviewer",
    ];
    if ids.is_empty() {
        args.push("--all");
    }
    for id in ids {
        args.extend(["--message", id]);
    }
    let out = site.relais(&args);
    assert!(
        out.status.code() == Some(0) || (ids.is_empty() && out.status.code() == Some(1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// id → normalised Fluent text of every message of a bundle of the site.
pub(crate) fn messages(site: &Site, rel: &str) -> BTreeMap<String, String> {
    let (res, errors) = relais::fluent::ftl::parse(&site.read(rel));
    assert!(errors.is_empty(), "{errors:?}");
    res.messages
        .iter()
        .map(|m| (m.id.clone(), relais::fluent::text::message_text(m)))
        .collect()
}

/// The id of the message whose text is `french`.
pub(crate) fn id_of(map: &BTreeMap<String, String>, french: &str) -> String {
    map.iter()
        .find(|(_, t)| t.trim() == french)
        .map(|(id, _)| id.clone())
        .unwrap_or_else(|| panic!("{french} not in {map:#?}"))
}

/// A reviewer's edit: the value of message `id` in the bundle `rel`
/// becomes `text`.
pub(crate) fn edit_message(site: &Site, rel: &str, id: &str, text: &str) {
    let (mut res, errors) = relais::fluent::ftl::parse(&site.read(rel));
    assert!(errors.is_empty(), "{errors:?}");
    let m = res
        .messages
        .iter_mut()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no {id} in {rel}"));
    m.value = Some(relais::fluent::pattern::Pattern::text(text));
    site.write(rel, &relais::fluent::ftl::write(&res));
}

/// The object of the JSON array `list` whose field `key` is `value`.
pub(crate) fn find<'a>(
    list: &'a serde_json::Value,
    key: &str,
    value: &str,
) -> &'a serde_json::Value {
    list.as_array()
        .unwrap_or_else(|| panic!("not an array: {list:#}"))
        .iter()
        .find(|o| o[key] == value)
        .unwrap_or_else(|| panic!("no {key} = {value} in {list:#}"))
}

/// The `id` of every object of a JSON array, in order.
pub(crate) fn ids(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .unwrap_or_else(|| panic!("not an array: {list:#}"))
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect()
}

/// The address a `relais serve` child (spawned with stderr piped) says it
/// listens on; its stderr is drained from then on.
#[allow(dead_code)]
pub(crate) fn listening(child: &mut std::process::Child) -> String {
    use std::io::{BufRead, BufReader};
    let stderr = child.stderr.take().expect("stderr piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("listening on ").nth(1) {
                let url = rest
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches('/');
                let _ = tx.send(url.to_string());
            }
        }
    });
    rx.recv_timeout(std::time::Duration::from_secs(30))
        .expect("relais serve did not say where it listens")
}
