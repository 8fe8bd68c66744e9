//! The `notice-extract` binary: parse options, run the command, map the
//! outcome to an exit status. All work is in the library.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::Parser;
mod cli;

use cli::{Command, Opts};
use notice_extract::output::json;
use notice_extract::{entities, extract_file, Config};

fn main() -> ExitCode {
    let opts = Opts::parse();
    match run(opts) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("notice-extract: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(opts: Opts) -> anyhow::Result<ExitCode> {
    let cfg = Config::default();
    match opts.command {
        Command::Extract {
            file,
            compact,
            outline,
        } => match extract_file(&file, &cfg) {
            Ok(notice) => {
                let out = if outline {
                    notice_extract::output::outline::outline(&notice)
                } else if compact {
                    json::to_line(&notice) + "\n"
                } else {
                    json::to_pretty(&notice)
                };
                write_stdout(out.as_bytes())?;
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("{}: {}: {}", file.display(), e.code(), e);
                Ok(ExitCode::from(1))
            }
        },
        Command::Entities => {
            let stdin = std::io::stdin();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for line in stdin.lock().lines() {
                let line = line?;
                let found = entities::find_entities(&line);
                let s = serde_json::to_string(&found)?;
                if writeln!(out, "{s}").is_err() {
                    return Ok(ExitCode::SUCCESS); // reader went away: not an error
                }
            }
            let _ = out.flush();
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}
