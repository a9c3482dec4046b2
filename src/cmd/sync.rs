//! `relais sync`.

use relais::base::config::Config;
use relais::base::error::Result;
use relais::mt::translate::Progress;
use relais::sync::{self, Options, Report};
use std::io::IsTerminal;
use std::sync::Arc;

pub(crate) fn run(
    cfg: &Config,
    resources: &[String],
    locales: &[String],
    dry_run: bool,
    json: bool,
) -> Result<u8> {
    let opts = Options {
        resources: resources.to_vec(),
        locales: super::parse_locales(cfg, locales)?,
        dry_run,
        progress: progress_bar(json),
    };
    let report = super::runtime()?.block_on(sync::run(cfg, &opts));
    print(&report, json);
    Ok(super::exit::of_sync(&report))
}

/// A progress bar on stderr, only when stderr is a terminal and the output
/// is not `--json`.
fn progress_bar(json: bool) -> Option<Arc<dyn Progress>> {
    if json || !std::io::stderr().is_terminal() {
        return None;
    }
    Some(Arc::new(Bar(indicatif::ProgressBar::hidden())))
}

struct Bar(indicatif::ProgressBar);

impl Progress for Bar {
    fn start(&self, total: usize) {
        if total == 0 {
            return;
        }
        self.0.set_length(total as u64);
        let style = indicatif::ProgressStyle::with_template(
            "translating {bar:30} {pos}/{len} segments, {elapsed} (eta {eta})",
        )
        .expect("valid template");
        self.0.set_style(style);
        self.0
            .set_draw_target(indicatif::ProgressDrawTarget::stderr());
    }

    fn advance(&self, n: usize) {
        self.0.inc(n as u64);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

fn print(report: &Report, json: bool) {
    for e in &report.errors {
        eprintln!("error: {e}");
    }
    if let Some(e) = &report.engine_error {
        eprintln!("error: {e}");
        eprintln!(
            "  {} translation(s) left for the next `relais sync`; everything finished so far is kept",
            report.left
        );
    }
    if json {
        super::print_json(report);
        return;
    }
    if report.dry_run {
        let mut out = String::from("would send (nothing sent):\n");
        if report.unchanged > 0 {
            out = format!(
                "{} resources unchanged since the last sync (not read again)\n{out}",
                report.unchanged
            );
        }
        for e in &report.estimate {
            let tokens = e
                .tokens
                .map_or(String::new(), |t| format!(", about {t} tokens"));
            out.push_str(&format!(
                "  {:<4} {:<15} {:>6} segments {:>9} characters   ({} in the cache, not sent{tokens})\n",
                e.locale, e.engine, e.segments, e.characters, e.cached
            ));
        }
        super::print_out(&out);
        return;
    }
    let mut out = format!(
        "{} translated, {} reused, {} invalid; {} requests, {} characters sent; {} files written",
        report.translated,
        report.reused,
        report.invalid,
        report.requests,
        report.characters,
        report.written.len() + report.removed.len()
    );
    if report.retries > 0 {
        out.push_str(&format!("; {} requests retried", report.retries));
    }
    if report.unchanged > 0 {
        out.push_str(&format!(
            "; {} resources unchanged since the last sync (not read again)",
            report.unchanged
        ));
    }
    if let Some(t) = report.tokens {
        out.push_str(&format!(
            "; {} tokens ({} prompt, {} completion)",
            t.prompt + t.completion,
            t.prompt,
            t.completion
        ));
    }
    out.push('\n');
    super::print_out(&out);
}
