//! The command line as typed: clap definitions only, no behaviour.

use clap::{ArgGroup, Parser, Subcommand};
use relais::review::paint::When;
use relais::review::state::State;
use std::path::PathBuf;

/// relais: machine translation of a French site's posts into reviewed
/// Fluent bundles.
#[derive(Debug, Parser)]
#[command(name = "relais", version, about, long_about = None)]
pub(crate) struct Cli {
    /// Run as if relais was started in DIR.
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,
    /// Print one JSON document on stdout (diagnostics stay on stderr).
    #[arg(long, global = true)]
    pub json: bool,
    /// Commit what the command changed to the site's git repository (as
    /// `[git] commit_cli = true` does for every command that writes).
    #[arg(long, global = true)]
    pub commit: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Write relais.toml and the locale folders (safe to run again).
    Init,
    /// Is the site ready? Configuration, glossary, files, and every
    /// engine: key present, server reachable, pair installed.
    Doctor,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff) generated from these definitions.
    Man,
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
        /// Where the files go: plain (relais's own), hugo or zola; default
        /// `[export] layout` of relais.toml, else plain.
        #[arg(long, value_name = "LAYOUT")]
        layout: Option<relais::base::config::Layout>,
    },
    /// Rename a post with its translations and review state.
    Mv {
        /// The post now (`posts/<slug>` or its file).
        from: String,
        /// Its new name.
        to: String,
    },
    /// Review states per resource and locale.
    Status {
        /// Resources to show; all when none.
        resources: Vec<String>,
    },
    /// What needs a reviewer: the French, the machine text, the text now,
    /// and word diffs between them.
    Review {
        /// Resources to review; all when none.
        resources: Vec<String>,
        /// Only these target locales (repeatable).
        #[arg(long = "locale", short = 'l', value_name = "L")]
        locales: Vec<String>,
        /// Only messages in these states (repeatable; default: machine,
        /// edited, stale, invalid).
        #[arg(long = "state", short = 's', value_name = "S")]
        states: Vec<State>,
        /// Colour: auto (on a terminal, without NO_COLOR), always, never.
        #[arg(long, value_name = "WHEN", default_value = "auto")]
        color: When,
        /// Each message with its history: who did what, when, and the
        /// difference to the text now.
        #[arg(long)]
        history: bool,
        /// Each message with the approved translations of similar French
        /// (fuzzy memory, `fuzzy_threshold` % and more).
        #[arg(long)]
        memory: bool,
        /// Ask the `[suggest.NAME]` engine of relais.toml to translate the
        /// messages listed (each answer cached, counted in its budget),
        /// then list them with its answers.
        #[arg(long, value_name = "NAME")]
        suggest: Option<String>,
    },
    /// Approve translations as they are now: records who, when, and the
    /// hashes of the French and of the translation.
    Approve(Decide),
    /// Withdraw the approval of translations.
    Unapprove(Decide),
    /// Replace the text of stale messages by the machine suggestion for
    /// the new French (the replaced text is kept in the state's history).
    AcceptSuggestion(Decide),
    /// Find messages whose French or translation holds words (accents and
    /// case folded), with their state.
    Search {
        /// The words to find (all of them, in any order; none: every
        /// message the filters keep).
        #[arg(value_name = "WORDS")]
        text: Vec<String>,
        /// Only these target locales (repeatable).
        #[arg(long = "locale", short = 'l', value_name = "L")]
        locales: Vec<String>,
        /// Only messages in these states (repeatable).
        #[arg(long = "state", short = 's', value_name = "S")]
        states: Vec<State>,
        /// Only this resource (repeatable).
        #[arg(long = "resource", value_name = "R")]
        resources: Vec<String>,
        /// Only messages last approved by this person.
        #[arg(long)]
        reviewer: Option<String>,
        /// Only messages with words the engine did not know.
        #[arg(long)]
        unknown: bool,
        /// Only messages with open comments.
        #[arg(long)]
        comments: bool,
    },
    /// Leave a comment on a message (a doubt on a translation, a question
    /// on the French), or mark one resolved.
    Comment {
        /// The resource (`posts/<slug>`, `site`).
        resource: String,
        /// The target locale.
        #[arg(long = "locale", short = 'l', value_name = "L")]
        locale: String,
        /// The message id.
        #[arg(long = "message", short = 'm', value_name = "ID")]
        message: String,
        /// Mark comment N (1 is the oldest) resolved instead.
        #[arg(long, value_name = "N")]
        resolve: Option<usize>,
        /// Who comments (default: RELAIS_REVIEWER, else git's user.name).
        #[arg(long)]
        by: Option<String>,
        /// The comment.
        text: Option<String>,
    },
    /// Post-edit distance between machine text and approved text, per
    /// locale, engine, reviewer and resource.
    Stats {
        /// Resources to count; all when none.
        resources: Vec<String>,
        /// Also list every approved message.
        #[arg(long)]
        messages: bool,
    },
    /// Review, edit and approve in a browser, submit drafts, and pull the
    /// export (for the site build) over HTTP.
    Serve {
        /// Address to listen on (loopback by default; port 0 picks one).
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8737")]
        addr: std::net::SocketAddr,
    },
    /// Tokens for `relais serve` (hashes stored in RELAIS_TOKENS, else
    /// ~/.config/relais/tokens.toml).
    #[command(subcommand)]
    Token(TokenCommand),
}

/// `relais token …`.
#[derive(Debug, Subcommand)]
pub(crate) enum TokenCommand {
    /// Create a token; it is printed once, only its hash is kept.
    Add {
        /// What the token allows.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// A reviewer's locales (repeatable).
        #[arg(long = "locale", short = 'l', value_name = "L")]
        locales: Vec<String>,
        /// Who holds it (shown on approvals).
        #[arg(long, value_name = "NAME")]
        name: String,
    },
    /// List tokens (names, roles, locales; never the tokens).
    List,
    /// Remove the token of a person: their sessions end at once.
    Remove {
        #[arg(long, value_name = "NAME")]
        name: String,
    },
}

/// Which messages a reviewer decides on.
#[derive(Debug, clap::Args)]
#[command(group(ArgGroup::new("which").required(true).args(["messages", "all"])))]
pub(crate) struct Decide {
    /// Resources (`posts/<slug>`, `site`).
    #[arg(required = true)]
    pub resources: Vec<String>,
    /// The target locale.
    #[arg(long, short = 'l', value_name = "L")]
    pub locale: String,
    /// Message ids, in every named resource (repeatable).
    #[arg(long = "message", short = 'm', value_name = "ID", num_args = 1..)]
    pub messages: Vec<String>,
    /// Every message of the named resources (approve: every valid one).
    #[arg(long)]
    pub all: bool,
    /// Who decides; else RELAIS_REVIEWER, else git's user.name.
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
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

/// `--role`, as typed (the library's `Role` knows nothing of clap).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum RoleArg {
    /// Reviews, edits and approves in their locales.
    Reviewer,
    /// Submits French drafts.
    Writer,
    /// Pulls the export (the site build): read-only.
    Reader,
}

impl From<RoleArg> for relais::serve::tokens::Role {
    fn from(r: RoleArg) -> Self {
        use relais::serve::tokens::Role;
        match r {
            RoleArg::Reviewer => Role::Reviewer,
            RoleArg::Writer => Role::Writer,
            RoleArg::Reader => Role::Reader,
        }
    }
}
