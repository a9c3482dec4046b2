//! Budgets for paid engines: per run and per calendar month, in
//! characters (what DeepL bills), or in tokens for an LLM engine
//! (`kind = "openai"`: the estimate of `--dry-run`).
//!
//! Before anything is sent, `sync` adds up the characters each engine
//! would be sent (cache hits excluded); a run over `budget_run`, or one
//! that would take the month's total over `budget_month`, sends nothing and
//! stops with a message saying how much and what to do. What a run planned
//! to send is added to the month's ledger (`review/.cache/budget.json`, on
//! this machine, out of git): planned, not answered, so a failed run counts
//! in full — the safe side for a budget.

use crate::base::config::Config;
use crate::base::error::{Error, Result};
use crate::mt::translate::Estimate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Characters sent per month (`2026-11`) per engine.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Ledger {
    /// Month (`2026-11`) → engine name → characters that month's runs
    /// planned to send it (a run that failed counts in full).
    pub months: BTreeMap<String, BTreeMap<String, u64>>,
}

fn path(cfg: &Config) -> PathBuf {
    crate::mt::translate::cache_dir(cfg).join("budget.json")
}

fn month(now: &str) -> String {
    now.chars().take(7).collect()
}

/// What a run would send one engine, in its unit, and its budgets.
struct Planned {
    amount: u64,
    unit: &'static str,
    run: Option<u64>,
    month: Option<u64>,
}

/// Characters (tokens for an LLM) each engine would be sent, with the
/// budgets of its table.
fn planned(cfg: &Config, estimates: &[Estimate]) -> BTreeMap<String, Planned> {
    let mut out: BTreeMap<String, Planned> = BTreeMap::new();
    for (locale, e) in cfg.targets.iter().filter_map(|l| {
        estimates
            .iter()
            .find(|e| e.locale == l.to_string())
            .map(|e| (l, e))
    }) {
        let ec = cfg.engine_for(locale);
        let entry = out.entry(e.engine.clone()).or_insert(Planned {
            amount: 0,
            unit: if e.tokens.is_some() {
                "tokens"
            } else {
                "characters"
            },
            run: ec.budget_run,
            month: ec.budget_month,
        });
        entry.amount += e.tokens.unwrap_or(e.characters) as u64;
    }
    out
}

/// Refuses a run over a budget; records it in the month's ledger when it
/// may go ahead.
pub fn check_and_record(cfg: &Config, estimates: &[Estimate], now: &str) -> Result<()> {
    let plan = planned(cfg, estimates);
    if plan.values().all(|p| p.run.is_none() && p.month.is_none()) {
        return Ok(());
    }
    let ledger_path = path(cfg);
    let mut ledger: Ledger = match crate::base::fs::read_text_opt(&ledger_path)? {
        Some(t) => serde_json::from_str(&t).unwrap_or_default(),
        None => Ledger::default(),
    };
    let this_month = month(now);
    for (engine, p) in &plan {
        let (chars, unit) = (p.amount, p.unit);
        if let Some(limit) = p.run.filter(|l| chars > *l) {
            return Err(Error::Config(format!(
                "this sync would send {chars} {unit} to {engine}, over budget_run = {limit}: nothing was sent (raise it in relais.toml, or sync fewer resources: relais sync posts/<slug>)"
            )));
        }
        let used = ledger
            .months
            .get(&this_month)
            .and_then(|m| m.get(engine))
            .copied()
            .unwrap_or(0);
        if let Some(limit) = p.month.filter(|l| used + chars > *l) {
            return Err(Error::Config(format!(
                "this sync would send {chars} {unit} to {engine}; {used} of budget_month = {limit} are already used in {this_month}: nothing was sent"
            )));
        }
    }
    for (engine, p) in plan {
        *ledger
            .months
            .entry(this_month.clone())
            .or_default()
            .entry(engine)
            .or_default() += p.amount;
    }
    crate::mt::engine::cache::ensure_dir(&crate::mt::translate::cache_dir(cfg))?;
    let mut text = serde_json::to_string_pretty(&ledger).expect("ledger serialises");
    text.push('\n');
    crate::base::fs::write_if_changed(&ledger_path, &text).map(|_| ())
}
