//! One file per subcommand: resolve flags, call the library, print.
//! stdout carries data (tables, JSON); stderr carries diagnostics.

mod check;
mod decide;
mod doctor;
mod exit;
mod export;
mod init;
mod preview;
mod rename;
mod review;
mod serve;
mod stats;
mod status;
mod submit;
mod sync;
mod token;

use crate::cli::{Cli, Command};
use clap::Parser;
use relais::base::config::Config;
use relais::base::error::Error;
use relais::review::decide::Action;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Entry point of the binary.
pub(crate) fn main() -> ExitCode {
    init_tracing();
    let cli = Cli::parse();
    let result = resolve_root(&cli).and_then(|root| dispatch(&cli, &root));
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => fail(&e),
    }
}

/// Runs the command asked for; commands that write the site hold its lock.
fn dispatch(cli: &Cli, root: &Path) -> Result<u8, Error> {
    let json = cli.json;
    match &cli.command {
        Command::Init => init::run(root, json),
        Command::Mv { from, to } => with_writer_lock(root, |cfg| rename::run(cfg, from, to, json)),
        Command::Doctor => with_config(root, |cfg| doctor::run(cfg, json)),
        Command::Completions { shell } => completions(*shell),
        Command::Man => man(),
        Command::Submit { file } => with_writer_lock(root, |cfg| submit::run(cfg, file, json)),
        Command::Sync {
            resources,
            locales,
            dry_run,
        } => {
            let run = |cfg: &Config| sync::run(cfg, resources, locales, *dry_run, json);
            // A dry run writes nothing: it needs no lock.
            match dry_run {
                true => with_config(root, run),
                false => with_writer_lock(root, run),
            }
        }
        Command::Preview { resource, locale } => {
            with_config(root, |cfg| preview::run(cfg, resource, locale))
        }
        Command::Check { locales, strict } => {
            with_config(root, |cfg| check::run(cfg, locales, *strict, json))
        }
        Command::Export {
            out,
            min_complete,
            layout,
        } => {
            let out = root.join(out);
            with_config(root, |cfg| {
                export::run(
                    cfg,
                    &out,
                    *min_complete,
                    layout.unwrap_or(cfg.export.layout),
                    json,
                )
            })
        }
        Command::Status { resources } => with_config(root, |cfg| status::run(cfg, resources, json)),
        Command::Review {
            resources,
            locales,
            states,
            color,
            history,
            memory,
            suggest,
        } => {
            let run = |cfg: &Config| {
                let what = review::What {
                    resources,
                    locales,
                    states,
                    history: *history,
                    memory: *memory,
                    suggest: suggest.as_deref(),
                };
                review::run(cfg, &what, *color, json)
            };
            // Asking an engine writes its answers: the writer's lock.
            match suggest {
                Some(_) => with_writer_lock(root, run),
                None => with_config(root, run),
            }
        }
        Command::Approve(args) => decision(root, Action::Approve, args, json),
        Command::Unapprove(args) => decision(root, Action::Unapprove, args, json),
        Command::AcceptSuggestion(args) => decision(root, Action::AcceptSuggestion, args, json),
        Command::Search {
            text,
            locales,
            states,
            resources,
            reviewer,
            unknown,
            comments,
        } => with_config(root, |cfg| {
            let q = relais::review::search::Query {
                text: text.join(" "),
                locales: parse_locales(cfg, locales)?,
                states: states.clone(),
                resources: resources.clone(),
                reviewer: reviewer.clone(),
                unknown: *unknown,
                comments: *comments,
            };
            let found = relais::review::search::search(cfg, &q);
            report(&found.errors, json, &found, |f| {
                let mut out = String::new();
                for i in &f.items {
                    out.push_str(&format!(
                        "{} ({}) {}  {}\n    {}\n    {}\n",
                        i.resource,
                        i.locale,
                        i.id,
                        i.state.name(),
                        i.source,
                        i.current.as_deref().unwrap_or("—")
                    ));
                }
                out.push_str(&format!("{} messages found\n", f.items.len()));
                out
            });
            Ok(u8::from(!found.errors.is_empty()))
        }),
        Command::Comment {
            resource,
            locale,
            message,
            resolve,
            by,
            text,
        } => with_writer_lock(root, |cfg| {
            let what = decide::CommentArgs {
                resource,
                locale,
                message,
                resolve: *resolve,
                by: by.as_deref(),
                text: text.as_deref(),
            };
            decide::comment(cfg, &what, json)
        }),
        Command::Stats {
            resources,
            messages,
        } => with_config(root, |cfg| stats::run(cfg, resources, *messages, json)),
        Command::Serve { addr } => with_config(root, |cfg| serve::run(cfg, *addr)),
        Command::Token(command) => token::run(command, json),
    }
}

fn decision(
    root: &Path,
    action: Action,
    args: &crate::cli::Decide,
    json: bool,
) -> Result<u8, Error> {
    with_writer_lock(root, |cfg| decide::run(cfg, action, args, json))
}

/// `relais completions SHELL`: the shell's completion script on stdout.
fn completions(shell: clap_complete::Shell) -> Result<u8, Error> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "relais", &mut out);
    print_out(&String::from_utf8_lossy(&out));
    Ok(0)
}

/// `relais man`: the man page on stdout.
fn man() -> Result<u8, Error> {
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
    page.render(&mut out)
        .map_err(|e| Error::Config(format!("man page: {e}")))?;
    print_out(&String::from_utf8_lossy(&out));
    Ok(0)
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RELAIS_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .init();
}

fn resolve_root(cli: &Cli) -> Result<PathBuf, Error> {
    let dir = cli.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    std::fs::canonicalize(&dir).map_err(|e| Error::Config(format!("-C {}: {e}", dir.display())))
}

fn with_config(
    root: &std::path::Path,
    f: impl FnOnce(&Config) -> Result<u8, Error>,
) -> Result<u8, Error> {
    let cfg = Config::load(root)?;
    f(&cfg)
}

/// How long a writer waits for another: `RELAIS_LOCK_WAIT` seconds, else
/// `default`.
pub(crate) fn lock_wait(default: std::time::Duration) -> std::time::Duration {
    std::env::var("RELAIS_LOCK_WAIT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(default, std::time::Duration::from_secs_f64)
}

/// Like [`with_config`], holding the site's write lock: one writer at a time.
fn with_writer_lock(
    root: &std::path::Path,
    f: impl FnOnce(&Config) -> Result<u8, Error>,
) -> Result<u8, Error> {
    let wait = lock_wait(relais::base::lock::DEFAULT_WAIT);
    let asked = std::env::args().any(|a| a == "--commit");
    with_config(root, |cfg| {
        let _lock = relais::base::lock::SiteLock::acquire(cfg, wait, |holder| {
            eprintln!("waiting for another relais ({holder}) to finish writing this site…");
        })?;
        if !(asked || cfg.git.commit_cli) {
            return f(cfg);
        }
        let recording = relais::base::fs::Recording::start(&cfg.root);
        let result = f(cfg);
        commit_cli(cfg, recording.finish());
        result
    })
}

/// Commits what a command wrote, by git's own identity, the command line
/// as the message; a site outside git, or a failure, is said on stderr.
fn commit_cli(cfg: &Config, files: Vec<PathBuf>) {
    let Some(repo) = relais::base::git::Repo::find(&cfg.root) else {
        eprintln!(
            "warning: --commit: {} is not in a git repository",
            cfg.root.display()
        );
        return;
    };
    let words: Vec<String> = std::env::args()
        .skip(1)
        .scan(false, |skip, a| {
            let keep = !*skip && !matches!(a.as_str(), "--commit" | "--json" | "-C");
            *skip = a == "-C";
            Some(keep.then_some(a))
        })
        .flatten()
        .collect();
    let message = format!("relais {}", words.join(" "));
    match repo.commit(&files, None, &message) {
        Ok(Some(id)) => eprintln!("committed {} ({})", &id[..12.min(id.len())], message),
        Ok(None) => {}
        Err(e) => eprintln!("warning: nothing committed: {e}"),
    }
}

fn fail(e: &Error) -> ExitCode {
    eprintln!("error: {e:#}");
    ExitCode::from(exit::of_error(e))
}

/// Prints a report: its errors on stderr, then the report as JSON or as
/// the text `text` makes of it on stdout.
pub(crate) fn report<T: serde::Serialize>(
    errors: &[String],
    json: bool,
    value: &T,
    text: impl FnOnce(&T) -> String,
) {
    for e in errors {
        eprintln!("error: {e}");
    }
    if json {
        print_json(value);
    } else {
        print_out(&text(value));
    }
}

/// Prints a JSON document on stdout; a closed pipe is not an error.
pub(crate) fn print_json<T: serde::Serialize>(value: &T) {
    let mut text = serde_json::to_string_pretty(value).expect("reports serialise");
    text.push('\n');
    print_out(&text);
}

/// Writes to stdout, treating a broken pipe as success.
pub(crate) fn print_out(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: stdout: {e}");
    }
}

/// Builds the async runtime commands that talk to engines use.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    build_runtime(&mut tokio::runtime::Builder::new_multi_thread())
}

/// The runtime of `relais serve`: requests read the site on a few
/// threads (four a core, at least eight), waiting their turn beyond — no
/// faster with more on these cores, and every thread more is memory the
/// allocator keeps.
pub(crate) fn serve_runtime() -> Result<tokio::runtime::Runtime, Error> {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    build_runtime(
        tokio::runtime::Builder::new_multi_thread().max_blocking_threads((4 * cores).max(8)),
    )
}

fn build_runtime(builder: &mut tokio::runtime::Builder) -> Result<tokio::runtime::Runtime, Error> {
    builder
        .enable_all()
        .build()
        .map_err(|e| Error::Config(format!("cannot start the async runtime: {e}")))
}

/// Parses `--locale` values against the configured targets.
pub(crate) fn parse_locales(
    cfg: &Config,
    raw: &[String],
) -> Result<Vec<unic_langid::LanguageIdentifier>, Error> {
    raw.iter()
        .map(|l| {
            let id: unic_langid::LanguageIdentifier = l
                .parse()
                .map_err(|_| Error::Config(format!("--locale {l}: not a locale")))?;
            if cfg.targets.contains(&id) {
                Ok(id)
            } else {
                let known: Vec<String> = cfg.targets.iter().map(ToString::to_string).collect();
                Err(Error::Config(format!(
                    "--locale {l}: not a target locale (targets: {})",
                    known.join(", ")
                )))
            }
        })
        .collect()
}
