use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = claimdesk::cli::Cli::parse();
    match claimdesk::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `claimdesk claims | head -1`: the reader left; that is not an error.
        Err(e) if claimdesk::cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // The message can quote user text (a file name, a title): never raw to a terminal.
            let message = format!("{e:#}");
            eprintln!(
                "error: {}",
                claimdesk::cli::output::sanitize(&message, false)
            );
            ExitCode::from(claimdesk::error::exit_code(&e))
        }
    }
}
