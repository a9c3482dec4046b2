//! `relais doctor`: is this site ready to run? Configuration, glossary,
//! posts and bundles, and for every target locale its engine: key present,
//! server reachable, pair installed (one short test translation, free for
//! Apertium and LibreTranslate), DeepL key accepted (through `/v2/usage`,
//! which costs nothing).

use crate::base::config::{Config, EngineKind};
use crate::mt::engine::{self, Context, Pair};
use serde::Serialize;
use std::sync::Arc;

/// How serious a finding of `relais doctor` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The check passed.
    Ok,
    /// Worth a look, but nothing is broken (files with warnings, DeepL usage
    /// unknown).
    Warning,
    /// The site cannot run as configured: a missing key, an engine that does
    /// not answer, an unreadable glossary, errors in files.
    Error,
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct Finding {
    /// How serious it is.
    pub level: Level,
    /// What was checked (`glossary`, `posts and bundles`, `engine for en (deepl)`).
    pub what: String,
    /// What was found, in a sentence (an error's message when it failed).
    pub detail: String,
}

/// What `relais doctor` found: one finding per check.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// The findings in the order the checks ran: configuration, glossary,
    /// files, then each target locale's engine.
    pub findings: Vec<Finding>,
}

impl Report {
    fn push(&mut self, level: Level, what: impl Into<String>, detail: impl Into<String>) {
        self.findings.push(Finding {
            level,
            what: what.into(),
            detail: detail.into(),
        });
    }
}

/// Runs every check.
pub async fn run(cfg: &Config) -> Report {
    let mut report = Report::default();
    report.push(
        Level::Ok,
        "configuration",
        format!(
            "{} → {}",
            cfg.source,
            cfg.targets
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    let glossary = match crate::mt::glossary::Glossary::load(&cfg.root) {
        Ok(g) => {
            report.push(Level::Ok, "glossary", "readable");
            g
        }
        Err(e) => {
            report.push(Level::Error, "glossary", e.to_string());
            crate::mt::glossary::Glossary::default()
        }
    };
    site_files(cfg, &mut report);
    repository(cfg, &mut report);
    for locale in &cfg.targets {
        engine_for(cfg, locale, &glossary, &mut report).await;
    }
    report
}

/// The site's git repository: branch, remote reachable, ahead and behind,
/// conflict branches waiting.
fn repository(cfg: &Config, report: &mut Report) {
    use crate::base::git::Repo;
    let what = "git repository";
    let Some(repo) = Repo::find(&cfg.root) else {
        report.push(
            Level::Ok,
            what,
            "the site is not in a git repository: nothing is committed",
        );
        return;
    };
    let branch = repo.branch().unwrap_or_else(|_| "?".into());
    let commits = if cfg.git.commit == Some(false) {
        "relais serve does not commit ([git] commit = false)"
    } else {
        "relais serve commits every change"
    };
    report.push(Level::Ok, what, format!("branch {branch}; {commits}"));
    if let Some(remote) = &cfg.git.remote {
        let theirs = cfg.git.branch.clone().unwrap_or_else(|| branch.clone());
        let what = format!("git remote {remote}");
        match repo.git(&["fetch", "--quiet", remote, &theirs]) {
            Err(e) => report.push(
                Level::Warning,
                what,
                format!(
                    "cannot be reached ({e}); commits wait here and are pushed when it answers"
                ),
            ),
            Ok(_) => match repo.ahead_behind(remote, &theirs) {
                Ok((ahead, behind)) => report.push(
                    Level::Ok,
                    what,
                    format!(
                        "reachable; {ahead} commits to push, {behind} to pull ({remote}/{theirs})"
                    ),
                ),
                Err(e) => report.push(Level::Warning, what, e.to_string()),
            },
        }
    }
    match repo.conflict_branches() {
        Ok(b) if !b.is_empty() => report.push(
            Level::Warning,
            "git conflict branches",
            format!(
                "{}: local changes that did not rebase on the remote, kept there (merge them, then delete the branch)",
                b.join(", ")
            ),
        ),
        _ => {}
    }
}

fn site_files(cfg: &Config, report: &mut Report) {
    let check = crate::check::site::check_site(cfg, &[]);
    let level = if check.errors > 0 {
        Level::Error
    } else if check.warnings > 0 {
        Level::Warning
    } else {
        Level::Ok
    };
    report.push(
        level,
        "posts and bundles",
        format!(
            "{} files checked: {} errors, {} warnings (details: relais check)",
            check.files, check.errors, check.warnings
        ),
    );
}

async fn engine_for(
    cfg: &Config,
    locale: &unic_langid::LanguageIdentifier,
    glossary: &crate::mt::glossary::Glossary,
    report: &mut Report,
) {
    let ec = cfg.engine_for(locale);
    let what = format!("engine for {locale} ({})", ec.kind.name());
    if let Err(e) = engine::key::from_env(ec, &cfg.engine_table(locale)) {
        report.push(Level::Error, what, e);
        return;
    }
    if ec.kind == EngineKind::Deepl {
        deepl_usage(cfg, locale, what, report).await;
        return;
    }
    let ctx = Context {
        meter: Arc::new(engine::Meter::default()),
        glossary: Arc::new(glossary.clone()),
        cache_dir: std::env::temp_dir(),
    };
    let pair = Pair {
        source: cfg.source.clone(),
        target: locale.clone(),
    };
    // A probe answers at once: no retries, a short timeout.
    let probe = crate::base::config::EngineConfig {
        retries: 0,
        timeout: ec.timeout.min(20),
        ..ec.clone()
    };
    let result = match engine::build(&probe, &ctx) {
        Ok(e) => e.translate(&pair, &["Bonjour".to_string()]).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(t) => {
            let via = t
                .first()
                .and_then(|t| t.pivot.clone())
                .map(|p| format!(" through {p}"))
                .unwrap_or_default();
            report.push(
                Level::Ok,
                what,
                format!(
                    "reachable, {}→{locale}{via}: « Bonjour » → « {} »",
                    cfg.source,
                    t.first().map_or("", |t| t.text.as_str())
                ),
            );
        }
        Err(e) => report.push(Level::Error, what, e.to_string()),
    }
}

async fn deepl_usage(
    cfg: &Config,
    locale: &unic_langid::LanguageIdentifier,
    what: String,
    report: &mut Report,
) {
    let usage = crate::mt::usage::deepl(cfg).await;
    let Some(u) = usage
        .iter()
        .find(|u| u.locales.contains(&locale.to_string()))
    else {
        report.push(Level::Warning, what, "usage unknown");
        return;
    };
    match (&u.error, u.characters_left) {
        (Some(e), _) => report.push(Level::Error, what, e.clone()),
        (None, Some(0)) => report.push(
            Level::Error,
            what,
            "key accepted, but no characters left this billing period",
        ),
        (None, left) => report.push(
            Level::Ok,
            what,
            format!(
                "key accepted; {} characters left this period",
                left.map_or("?".into(), |l| l.to_string())
            ),
        ),
    }
}
