//! The command line as typed: clap definitions only, no behaviour.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// relais: machine translation of a French site's posts into reviewed
/// Fluent bundles.
#[derive(Debug, Parser)]
#[command(name = "relais", version, about, long_about = None)]
pub struct Cli {
    /// Run as if relais was started in DIR.
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,
    /// Print one JSON document on stdout (diagnostics stay on stderr).
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write relais.toml and the locale folders (safe to run again).
    Init,
    /// Check a French draft, place it in posts/ and sync it.
    Submit {
        /// The Markdown file of the draft.
        file: PathBuf,
    },
    /// Extract posts, machine-translate what is new or changed, write
    /// target bundles and review state.
    Sync {
        /// Resources to sync (`posts/<slug>`, `site`); all when none.
        resources: Vec<String>,
        /// Only these target locales (repeatable).
        #[arg(long = "locale", short = 'l', value_name = "L")]
        locales: Vec<String>,
        /// Say what would be sent (segments, characters); send nothing,
        /// write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Show a post as it reads in a locale now (any review state).
    Preview {
        /// The post (`posts/<slug>`).
        resource: String,
        #[arg(long, short = 'l', value_name = "L")]
        locale: String,
    },
    /// Check every bundle against its French source: syntax, messages,
    /// attributes, variables and references, plurals, markup, formatting.
    Check {
        /// Only these target locales (repeatable).
        #[arg(long = "locale", short = 'l', value_name = "L")]
        locales: Vec<String>,
        /// Warnings fail the run too.
        #[arg(long)]
        strict: bool,
    },
    /// Export what is approved for the site build: the French in full,
    /// approved messages and finished posts per locale, a manifest.
    Export {
        /// The folder to write (replaced as a whole).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Fail unless every UI resource is at least this percent approved
        /// in every target locale.
        #[arg(long, value_name = "PERCENT")]
        min_complete: Option<f64>,
    },
    /// Review states per resource and locale.
    Status {
        /// Resources to show; all when none.
        resources: Vec<String>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
