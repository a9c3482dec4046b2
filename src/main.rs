//! The `relais` binary: the command line (`cli`) and one module per
//! subcommand (`cmd`) over the library.

mod cli;
mod cmd;

use std::process::ExitCode;

fn main() -> ExitCode {
    cmd::main()
}
