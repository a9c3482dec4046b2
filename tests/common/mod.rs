//! Shared harness of the integration tests: a temporary site built from the
//! repository's sample files, the `relais` binary run on it, and the
//! Apertium APy server the engine tests talk to.
#![allow(dead_code)]

pub mod fake;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository root (where the sample site lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// URL of a running Apertium APy server: `RELAIS_APY_URL` (set by
/// `make test` through `.ci/with-apy`), else one started here for this
/// test binary. Panics, never skips, when no server can be had.
pub fn apy_url() -> String {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| match std::env::var("RELAIS_APY_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => start_apy(),
    })
    .clone()
}

/// Starts APy on a free port for at most 30 minutes (a test binary cannot
/// stop a server at exit, so `timeout` does).
#[allow(clippy::zombie_processes)]
fn start_apy() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    Command::new("timeout")
        .args([
            "1800",
            "apertium-apy",
            "-p",
            &port.to_string(),
            "-t",
            "60",
            "/usr/share/apertium/modes",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("apertium-apy must be installed: run the tests with `make test`");
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..240 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return url;
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    panic!("apertium-apy did not start on {url}");
}

/// A site in a temporary folder.
pub struct Site {
    pub dir: tempfile::TempDir,
    /// Environment variables set for every `relais` run (API keys).
    env: RefCell<Vec<(String, String)>>,
}

impl Site {
    /// An empty site with a configuration pointing at `url`.
    pub fn new(targets: &[&str], url: &str) -> Site {
        Site::with_engine(
            targets,
            &format!("kind = \"apertium\"\nurl = \"{url}\"\nconcurrency = 2\ntimeout = 120\n"),
        )
    }

    /// An empty site whose `[engine]` table is `engine` (TOML lines).
    pub fn with_engine(targets: &[&str], engine: &str) -> Site {
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
    pub fn set_env(&self, key: &str, value: &str) {
        let mut env = self.env.borrow_mut();
        env.retain(|(k, _)| k != key);
        env.push((key.to_string(), value.to_string()));
    }

    /// Writes `n` posts of a title and `paragraphs` paragraphs each, every
    /// text different: `n × (1 + paragraphs)` segments.
    pub fn write_posts(&self, n: usize, paragraphs: usize) {
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
    pub fn sample(url: &str) -> Site {
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

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Runs `relais -C <site> ARGS`.
    pub fn relais(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_relais"))
            .arg("-C")
            .arg(self.path())
            .args(args)
            .env("NO_COLOR", "1")
            .envs(self.env.borrow().iter().cloned())
            .output()
            .expect("relais runs")
    }

    /// Runs a command that reports `--json`; returns the document and the
    /// exit code.
    pub fn json(&self, args: &[&str]) -> (serde_json::Value, i32) {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.relais(&all);
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
    pub fn sync(&self, extra: &[&str]) -> serde_json::Value {
        let mut args = vec!["sync"];
        args.extend_from_slice(extra);
        let (doc, code) = self.json(&args);
        assert_eq!(code, 0, "sync failed: {doc:#}");
        doc
    }

    /// Every file of the site with its bytes, to prove nothing changed.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut out = BTreeMap::new();
        snapshot_dir(self.path(), self.path(), &mut out);
        out
    }
}

fn snapshot_dir(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            snapshot_dir(root, &path, out);
        } else {
            out.insert(
                path.strip_prefix(root).unwrap().to_path_buf(),
                std::fs::read(&path).unwrap(),
            );
        }
    }
}

/// The sample post files of the repository, as (file name, text).
pub fn sample_posts() -> Vec<(String, String)> {
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
pub fn html(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(markdown, relais::segment::post_options());
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, parser);
    out
}
