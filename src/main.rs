use std::process::ExitCode;

use clap::Parser;
use workplan::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command, &mut std::io::stdout(), &mut std::io::stderr()),
        None => match workplan::ui::run(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("workplan: could not open the window: {error}");
                ExitCode::FAILURE
            }
        },
    }
}
