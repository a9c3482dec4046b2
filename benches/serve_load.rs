//! `make bench`: `relais serve` of the 1,000-post site under a crowd of
//! reviewers, over loopback.
//!
//! The site is a git repository, as the NGO's is, so every save is also a
//! commit. The release binary serves it; 50 reviewers (25 for English, 25
//! for Spanish, each signed in with their own token) each keep one
//! connection open and go round: the dashboard, a post's review page, an
//! edit of one of its messages saved, the page the save leads back to.
//!
//! Two runs of the same crowd:
//!
//! - **reviewers**: each pauses between requests (`RELAIS_BENCH_THINK_MS`,
//!   200 ms on average, drawn between 0 and twice that) — a crowd far
//!   busier than people, but one whose waits say what a person waits;
//! - **flood**: no pause at all, until `RELAIS_BENCH_REQUESTS` (100,000)
//!   requests are answered; the server's resident memory is read every
//!   tenth of them. With 50 requests always in flight, a request waits for
//!   those ahead of it: its latency there is 50 / throughput (Little's
//!   law), a measure of throughput rather than of what one person waits.
//!
//! Prints, per kind of request, how many, p50, p99 and the worst, and the
//! errors (any answer other than the one a browser expects). Not a test:
//! nothing is asserted beyond every answer being the expected one.

mod common;
#[path = "../tests/common/forms.rs"]
mod forms;

use forms::{csrf_of, form_body};

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const POSTS: usize = 1000;
const REVIEWERS: usize = 50;

fn main() {
    let think = Duration::from_millis(env_number("RELAIS_BENCH_THINK_MS", 200) as u64);
    let flood_requests = env_number("RELAIS_BENCH_REQUESTS", 100_000);
    let reviewers_for = Duration::from_secs(env_number("RELAIS_BENCH_SECONDS", 30) as u64);

    let temp = common::site_dir();
    let root = temp.path().to_path_buf();
    common::write_site(&root, POSTS);
    common::translate_all(&root);
    if std::env::var_os("RELAIS_BENCH_NO_GIT").is_some() {
        let mut toml = std::fs::read_to_string(root.join("relais.toml")).unwrap();
        toml.push_str("[git]\ncommit = false\n");
        std::fs::write(root.join("relais.toml"), toml).unwrap();
    }
    git(&root, &["init", "-q", "-b", "main"]);
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "The site"]);

    // Outside the site, as `relais token` keeps them.
    let tokens_dir = common::site_dir();
    let tokens_file = tokens_dir.path().join("tokens.toml");
    let people: Vec<Person> = (0..REVIEWERS)
        .map(|i| {
            let locale = common::TARGETS[i % common::TARGETS.len()];
            let name = format!("Relecteur {i:02}");
            let token = relais::serve::tokens::add(
                &tokens_file,
                &name,
                relais::serve::tokens::Role::Reviewer,
                &[locale.to_string()],
            )
            .expect("a token");
            Person {
                token,
                locale,
                first_post: i * (POSTS / REVIEWERS),
            }
        })
        .collect();

    let server = Server::start(&root, &tokens_file);
    println!(
        "relais serve, {POSTS} posts × {} locales (a git repository: each save a commit), {REVIEWERS} reviewers, load average {}",
        common::TARGETS.len(),
        common::load_average()
    );
    println!("  resident memory at start        {} MiB", server.rss_mib());

    // Warm-up, not timed: the first dashboard and the first review page
    // read the whole site (the dashboard's rows, the fuzzy memory).
    let warm = Instant::now();
    for p in people.iter().take(common::TARGETS.len()) {
        let mut r = Reviewer::sign_in(server.addr, &p.token, 0);
        r.timed(0, "GET", "/", None, 200);
        let slug = common::post_name(p.first_post);
        let page = format!(
            "/review/{}/posts/{}",
            p.locale,
            slug.trim_end_matches(".md")
        );
        r.timed(1, "GET", &page, None, 200);
        assert!(r.measured.errors.is_empty(), "{:?}", r.measured.errors);
    }
    println!(
        "  warm-up (first dashboard and review pages) {:.2} s, resident memory after {} MiB",
        warm.elapsed().as_secs_f64(),
        server.rss_mib()
    );

    let reviewers = crowd(&server, &people, Some(think), Stop::After(reviewers_for));
    println!(
        "\n  reviewers: pause 0–{} ms between requests, {:.0} s",
        2 * think.as_millis(),
        reviewers.wall.as_secs_f64()
    );
    reviewers.print();
    println!("  resident memory after           {} MiB", server.rss_mib());

    let flood = crowd(&server, &people, None, Stop::Count(flood_requests));
    println!(
        "\n  flood: no pause, {} requests in {:.1} s ({:.0} requests/s)",
        flood.total(),
        flood.wall.as_secs_f64(),
        flood.total() as f64 / flood.wall.as_secs_f64()
    );
    flood.print();
    println!("  resident memory (MiB) by requests answered:");
    for (n, mib) in &flood.memory {
        println!("    {n:>7}  {mib}");
    }
    let said = server.said.lock().unwrap().clone();
    println!("  warnings of the server            {}", said.len());
    for line in said.iter().take(3) {
        println!("    {line}");
    }
    let uncommitted = git(&root, &["status", "--porcelain"]).lines().count();
    println!("  files left uncommitted          {uncommitted}");
    let commits = git(&root, &["rev-list", "--count", "HEAD"]);
    println!(
        "  commits made                    {}",
        commits.trim().parse::<usize>().unwrap_or(1) - 1
    );
    drop(server);
    if std::env::var_os("RELAIS_BENCH_KEEP").is_some() {
        println!("  site kept in {}", temp.keep().display());
    }
}

/// A reviewer: their token, their locale, the post they start from.
struct Person {
    token: String,
    locale: &'static str,
    first_post: usize,
}

/// `relais serve` running on a free loopback port.
struct Server {
    child: Child,
    addr: SocketAddr,
    /// What it wrote on its standard error (warnings).
    said: Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    fn start(root: &std::path::Path, tokens: &std::path::Path) -> Server {
        let mut child = common::relais(root, &["serve", "--addr", "127.0.0.1:0"])
            .env("RELAIS_TOKENS", tokens)
            .env("RUST_LOG", "warn")
            .envs(std::env::var("RELAIS_BENCH_SERVER_ENV").ok().and_then(|v| {
                v.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
            }))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("relais serve starts");
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let addr = loop {
            let mut line = String::new();
            if err.read_line(&mut line).unwrap_or(0) == 0 {
                panic!("relais serve stopped before listening");
            }
            if let Some(rest) = line.split("listening on http://").nth(1) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        // Keep reading what it says, so that it never blocks on a full pipe.
        let said = Arc::new(std::sync::Mutex::new(Vec::new()));
        let keep = said.clone();
        std::thread::spawn(move || {
            for line in err.lines().map_while(Result::ok) {
                keep.lock().unwrap().push(line);
            }
        });
        Server { child, addr, said }
    }

    /// Resident memory now (VmRSS), MiB.
    fn rss_mib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
            .unwrap_or(0)
            / 1024
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// When a crowd stops.
#[derive(Clone, Copy)]
enum Stop {
    After(Duration),
    Count(usize),
}

/// The kinds of request timed.
const KINDS: [&str; 3] = ["dashboard", "review page", "save"];

/// What a crowd measured.
struct Measured {
    /// Latencies by kind (index in [`KINDS`]).
    latencies: [Vec<Duration>; 3],
    errors: Vec<String>,
    wall: Duration,
    /// (requests answered, resident MiB) along the way.
    memory: Vec<(usize, u64)>,
}

impl Measured {
    fn total(&self) -> usize {
        self.latencies.iter().map(Vec::len).sum()
    }

    fn print(&self) {
        println!(
            "    {:<12} {:>8} {:>9} {:>9} {:>9}",
            "", "requests", "p50 ms", "p99 ms", "max ms"
        );
        for (kind, list) in KINDS.iter().zip(&self.latencies) {
            let mut list = list.clone();
            list.sort();
            let at = |q: f64| {
                list.get(((list.len() as f64 * q) as usize).min(list.len().saturating_sub(1)))
                    .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
            };
            println!(
                "    {kind:<12} {:>8} {:>9.1} {:>9.1} {:>9.1}",
                list.len(),
                at(0.5),
                at(0.99),
                at(1.0)
            );
        }
        println!("    errors       {}", self.errors.len());
        for e in self.errors.iter().take(5) {
            println!("      {e}");
        }
    }
}

/// Every person signed in on their own connection, going round until
/// `stop`; `think`: the average pause between requests.
fn crowd(server: &Server, people: &[Person], think: Option<Duration>, stop: Stop) -> Measured {
    let answered = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let workers: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let (answered, done) = (answered.clone(), done.clone());
            let (addr, token, locale, first) =
                (server.addr, p.token.clone(), p.locale, p.first_post);
            std::thread::spawn(move || {
                let mut r = Reviewer::sign_in(addr, &token, n as u64);
                r.round(locale, first, think, &answered, &done);
                r.measured
            })
        })
        .collect();
    let mut memory = Vec::new();
    let step = match stop {
        Stop::Count(n) => (n / 10).max(1),
        Stop::After(_) => usize::MAX,
    };
    let mut next = step;
    loop {
        std::thread::sleep(Duration::from_millis(20));
        let n = answered.load(Ordering::Relaxed);
        if n >= next {
            memory.push((n, server.rss_mib()));
            next += step;
        }
        let over = match stop {
            Stop::After(d) => start.elapsed() >= d,
            Stop::Count(c) => n >= c,
        };
        if over {
            done.store(true, Ordering::Relaxed);
            break;
        }
    }
    let mut out = Measured {
        latencies: Default::default(),
        errors: Vec::new(),
        wall: Duration::ZERO,
        memory,
    };
    for w in workers {
        let m = w.join().expect("a reviewer");
        for (all, mine) in out.latencies.iter_mut().zip(m.latencies) {
            all.extend(mine);
        }
        out.errors.extend(m.errors);
    }
    out.wall = start.elapsed();
    out
}

/// One signed-in browser on one keep-alive connection.
struct Reviewer {
    http: Conn,
    cookie: String,
    csrf: String,
    rng: u64,
    measured: Measured,
}

impl Reviewer {
    fn sign_in(addr: SocketAddr, token: &str, seed: u64) -> Reviewer {
        let mut http = Conn::open(addr);
        let form = http.send("GET", "/login", &[], None);
        assert_eq!(form.status, 200, "the sign-in page");
        let login = form.cookie("relais_login").expect("the sign-in cookie");
        let csrf = csrf_of(&form.body);
        let body = form_body(&[("csrf", &csrf), ("token", token)]);
        let cookie = format!("relais_login={login}");
        let r = http.send("POST", "/login", &[("Cookie", &cookie)], Some(&body));
        assert_eq!(r.status, 303, "signed in: {}", r.body);
        let cookie = format!(
            "relais_session={}",
            r.cookie("relais_session").expect("a session")
        );
        let home = http.send("GET", "/", &[("Cookie", &cookie)], None);
        assert_eq!(home.status, 200, "the dashboard");
        Reviewer {
            csrf: csrf_of(&home.body),
            http,
            cookie,
            rng: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
            measured: Measured {
                latencies: Default::default(),
                errors: Vec::new(),
                wall: Duration::ZERO,
                memory: Vec::new(),
            },
        }
    }

    fn pause(&mut self, think: Option<Duration>) {
        if let Some(t) = think {
            self.rng ^= self.rng << 13;
            self.rng ^= self.rng >> 7;
            self.rng ^= self.rng << 17;
            let ms = self.rng % (2 * t.as_millis() as u64 + 1);
            std::thread::sleep(Duration::from_millis(ms));
        }
    }

    /// A timed request; `expect`: the status a browser expects.
    fn timed(
        &mut self,
        kind: usize,
        method: &str,
        path: &str,
        body: Option<&str>,
        expect: u16,
    ) -> Reply {
        let t = Instant::now();
        let cookie = self.cookie.clone();
        let r = self.http.send(method, path, &[("Cookie", &cookie)], body);
        self.measured.latencies[kind].push(t.elapsed());
        if r.status != expect {
            self.measured
                .errors
                .push(format!("{method} {path}: {} (expected {expect})", r.status));
        }
        r
    }

    fn round(
        &mut self,
        locale: &str,
        first: usize,
        think: Option<Duration>,
        answered: &AtomicUsize,
        done: &AtomicBool,
    ) {
        let mut post = first;
        let mut edits = 0usize;
        while !done.load(Ordering::Relaxed) {
            self.timed(0, "GET", "/", None, 200);
            self.pause(think);
            let slug = common::post_name(post % POSTS);
            let page = format!("/review/{locale}/posts/{}", slug.trim_end_matches(".md"));
            let r = self.timed(1, "GET", &page, None, 200);
            self.pause(think);
            answered.fetch_add(2, Ordering::Relaxed);
            // The first message's editor, as the page made it.
            let Some(form) = edit_form(&r.body) else {
                self.measured.errors.push(format!("{page}: no editor"));
                post += 1;
                continue;
            };
            edits += 1;
            // The text as it is, and a few words more: every term the
            // glossary keeps stays (an edit that drops one is refused).
            let value = format!("{} (relu, passage {edits})", form.value.trim_end());
            let mut fields: Vec<(String, String)> = form.hidden.clone();
            fields.retain(|(k, _)| k != "csrf");
            fields.push(("csrf".into(), self.csrf.clone()));
            fields.push(("value".into(), value.clone()));
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let saved = self.timed(2, "POST", &form.action, Some(&form_body(&pairs)), 303);
            self.pause(think);
            let back = saved.location.split('#').next().unwrap_or("/").to_string();
            let after = self.timed(1, "GET", &back, None, 200);
            // A refused edit comes back in its editor, with why.
            if let Some(why) = after.body.split("<div class=\"error\" id=\"err-").nth(1) {
                let why: String = why.chars().take(300).collect();
                self.measured
                    .errors
                    .push(format!("{}: refused ({why})", form.action));
            } else if !after.body.contains(&value) {
                self.measured.errors.push(format!(
                    "{}: the saved text is not on the page",
                    form.action
                ));
            }
            self.pause(think);
            answered.fetch_add(2, Ordering::Relaxed);
            post += 1;
        }
    }
}

/// An edit form of a review page: where it posts, its hidden fields.
struct Form {
    action: String,
    hidden: Vec<(String, String)>,
    /// The text in its editor.
    value: String,
}

fn edit_form(html: &str) -> Option<Form> {
    let at = html.find("<form method=\"post\" action=\"/edit/")?;
    let form = &html[at..];
    let form = &form[..form.find("</form>")?];
    let at = form.find("action=\"")? + 8;
    let action = form[at..at + form[at..].find('"')?].to_string();
    let area = &form[form.find("name=\"value\"")?..];
    let text = &area[area.find('>')? + 1..area.find("</textarea>")?];
    Some(Form {
        action,
        hidden: forms::hidden_fields(form),
        value: forms::unescape(text),
    })
}

/// An answer.
struct Reply {
    status: u16,
    location: String,
    cookies: Vec<String>,
    body: String,
}

impl Reply {
    fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.iter().find_map(|c| {
            let v = c.strip_prefix(name)?.strip_prefix('=')?;
            Some(v.split(';').next()?.to_string())
        })
    }
}

/// HTTP/1.1 on one kept-alive loopback connection (answers with a length
/// or chunked).
struct Conn {
    reader: BufReader<TcpStream>,
    addr: SocketAddr,
}

impl Conn {
    fn open(addr: SocketAddr) -> Conn {
        let stream = TcpStream::connect(addr).expect("connects");
        stream.set_nodelay(true).unwrap();
        Conn {
            reader: BufReader::new(stream),
            addr,
        }
    }

    fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Reply {
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.addr);
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        let body = body.unwrap_or("");
        if method == "POST" {
            req.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
            req.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        req.push_str("\r\n");
        req.push_str(body);
        let s = self.reader.get_mut();
        s.write_all(req.as_bytes()).expect("sends");
        self.read_reply()
    }

    fn read_reply(&mut self) -> Reply {
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("a status line");
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let (mut length, mut chunked) = (None, false);
        let (mut location, mut cookies) = (String::new(), Vec::new());
        loop {
            line.clear();
            self.reader.read_line(&mut line).expect("a header");
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let Some((k, v)) = l.split_once(':') else {
                continue;
            };
            let v = v.trim();
            match k.to_ascii_lowercase().as_str() {
                "content-length" => length = v.parse::<usize>().ok(),
                "transfer-encoding" => chunked = v.eq_ignore_ascii_case("chunked"),
                "location" => location = v.to_string(),
                "set-cookie" => cookies.push(v.to_string()),
                _ => {}
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line).expect("a chunk size");
                let size = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
                let mut chunk = vec![0; size + 2];
                self.reader.read_exact(&mut chunk).expect("a chunk");
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else if let Some(n) = length {
            body.resize(n, 0);
            self.reader.read_exact(&mut body).expect("a body");
        }
        Reply {
            status,
            location,
            cookies,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }
}

fn git(root: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "user.name=Bench",
            "-c",
            "user.email=bench@example.org",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
