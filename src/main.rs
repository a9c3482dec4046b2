use std::process::ExitCode;

fn main() -> ExitCode {
    relais::cmd::main()
}
