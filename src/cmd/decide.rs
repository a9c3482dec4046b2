//! `relais approve`, `relais unapprove`, `relais accept-suggestion`.

use crate::cli::Decide;
use relais::base::config::Config;
use relais::base::error::{Error, Result};
use relais::review::decide::{self, Action, Outcome, Report, Request};
use std::collections::BTreeMap;

pub(crate) fn run(cfg: &Config, action: Action, args: &Decide, json: bool) -> Result<u8> {
    let req = Request {
        action,
        resources: args.resources.clone(),
        locale: super::parse_locales(cfg, std::slice::from_ref(&args.locale))?.remove(0),
        messages: args.messages.clone(),
        all: args.all,
        reviewer: reviewer(cfg, args.reviewer.as_deref()),
        // The terminal shows no stale view.
        seen: BTreeMap::new(),
    };
    let report = decide::run(cfg, &req)?;
    super::report(&report.errors, json, &report, text);
    Ok(super::exit::of_decision(&report))
}

/// `--reviewer`, else `RELAIS_REVIEWER`, else `git config user.name` in
/// the site.
pub(crate) fn reviewer(cfg: &Config, flag: Option<&str>) -> Option<String> {
    let non_empty = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    if let Some(name) = flag {
        return non_empty(name.to_string());
    }
    if let Some(name) = std::env::var("RELAIS_REVIEWER").ok().and_then(non_empty) {
        return Some(name);
    }
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(&cfg.root)
        .args(["config", "user.name"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    non_empty(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn text(report: &Report) -> String {
    let verb = match report.action {
        Action::Approve => "approved",
        Action::Unapprove => "unapproved",
        Action::AcceptSuggestion => "took the suggestion for",
    };
    let by = report
        .reviewer
        .as_deref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    let mut out = String::new();
    for ((resource, locale), ids) in by_resource(&report.changed) {
        out.push_str(&format!(
            "{verb}{by}: {resource} ({locale}): {}\n",
            ids.join(", ")
        ));
    }
    for ((resource, locale), ids) in by_resource(&report.unchanged) {
        let what = match report.action {
            Action::Approve => "already approved",
            Action::Unapprove => "not approved",
            Action::AcceptSuggestion => "unchanged",
        };
        out.push_str(&format!(
            "{what}: {resource} ({locale}): {}\n",
            ids.join(", ")
        ));
    }
    for o in &report.skipped {
        let why = o.reason.as_deref().unwrap_or("");
        out.push_str(&format!(
            "skipped: {} ({}) {}: {why}\n",
            o.resource, o.locale, o.id
        ));
    }
    if report.changed.is_empty() {
        out.push_str("nothing changed\n");
    }
    out
}

fn by_resource(outcomes: &[Outcome]) -> BTreeMap<(&str, &str), Vec<&str>> {
    let mut map: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for o in outcomes {
        map.entry((&o.resource, &o.locale)).or_default().push(&o.id);
    }
    map
}

/// What `relais comment` was given.
pub(crate) struct CommentArgs<'a> {
    pub(crate) resource: &'a str,
    pub(crate) locale: &'a str,
    pub(crate) message: &'a str,
    pub(crate) resolve: Option<usize>,
    pub(crate) by: Option<&'a str>,
    pub(crate) text: Option<&'a str>,
}

/// `relais comment`: leaves a comment on a message, or resolves one.
pub(crate) fn comment(cfg: &Config, args: &CommentArgs, json: bool) -> Result<u8> {
    use relais::review::comment::{self, Action as Do, Request as Ask};
    let locale = super::parse_locales(cfg, &[args.locale.to_string()])?
        .pop()
        .ok_or_else(|| Error::Config("--locale: a target locale".into()))?;
    let action = match (args.resolve, args.text) {
        (Some(n), None) => Do::Resolve(n),
        (None, Some(t)) => Do::Add(t.to_string()),
        (Some(_), Some(_)) => {
            return Err(Error::Config(
                "either a comment's text or --resolve N, not both".into(),
            ));
        }
        (None, None) => {
            return Err(Error::Config(
                "give the comment's text (or --resolve N)".into(),
            ));
        }
    };
    let by = reviewer(cfg, args.by).ok_or_else(|| {
        Error::Config("who comments? --by NAME, or RELAIS_REVIEWER, or git config user.name".into())
    })?;
    let req = Ask {
        resource: args.resource.to_string(),
        locale,
        id: args.message.to_string(),
        by,
        action,
    };
    let written = comment::run(cfg, &req)?;
    if json {
        super::print_json(&serde_json::json!({ "written": written }));
    } else {
        super::print_out(&format!("{} written\n", written.join(", ")));
    }
    Ok(0)
}
