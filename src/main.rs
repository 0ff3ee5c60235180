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
                let text = error.to_string();
                if text.contains("WAYLAND_DISPLAY") || text.contains("DISPLAY") {
                    eprintln!(
                        "workplan: could not open the window: no display was found (neither DISPLAY \
                         nor WAYLAND_DISPLAY is set). Run it in a desktop session; the command-line \
                         subcommands (see --help) work without one."
                    );
                } else {
                    eprintln!("workplan: could not open the window: {text}");
                }
                ExitCode::FAILURE
            }
        },
    }
}
