//! The `notice-extract` binary: parse options, run the command, map the
//! outcome to an exit status (`notice_extract::ExitStatus`, the only place
//! that decides one; clap exits 2 on bad usage itself). All work is in the
//! library.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::Parser;
mod cli;

use cli::{Command, Opts};
use notice_extract::batch;
use notice_extract::decode::pdf;
use notice_extract::output::json;
use notice_extract::output::release::ReleaseOptions;
use notice_extract::{entities, extract_file, ExitStatus};

fn main() -> ExitCode {
    let opts = Opts::parse();
    // Log lines (one per failed document in `run`) go to stderr;
    // RUST_LOG overrides the level.
    // The PDF worker's only output is its JSON reply: it logs nothing (its
    // panics and fallbacks travel in the reply).
    if !matches!(opts.command, Command::PdfWorker { .. }) {
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_env_filter(
                tracing_subscriber::EnvFilter::try_from_default_env()
                    .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
            )
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .without_time()
            .with_target(false)
            .init();
    }
    let status = run(opts).unwrap_or_else(|e| {
        eprintln!("notice-extract: {e:#}");
        ExitStatus::Fatal
    });
    status.into()
}

fn run(opts: Opts) -> anyhow::Result<ExitStatus> {
    match opts.command {
        Command::Extract {
            file,
            compact,
            outline,
        } => match extract_file(&file, &cli::base_config()) {
            Ok(notice) => {
                let out = if outline {
                    notice_extract::output::outline::outline(&notice)
                } else if compact {
                    json::to_line(&notice) + "\n"
                } else {
                    json::to_pretty(&notice)
                };
                write_stdout(out.as_bytes())?;
                Ok(ExitStatus::Ok)
            }
            Err(e) => {
                eprintln!("{}: {}: {}", file.display(), e.code(), e);
                Ok(ExitStatus::SomeFailed)
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
                    return Ok(ExitStatus::Ok); // reader went away: not an error
                }
            }
            let _ = out.flush();
            Ok(ExitStatus::Ok)
        }
        Command::PdfWorker { backends } => {
            pdf::worker::worker_main(std::io::stdin().lock(), std::io::stdout().lock(), &backends)?;
            Ok(ExitStatus::Ok)
        }
        Command::Run(args) => {
            let plan = args.into_plan()?;
            let done = batch::run_batch(&plan.sources, &plan.config, &plan.options)?;
            eprint!("{}", done.summary);
            Ok(ExitStatus::from_failures(
                done.report.totals.failure,
                plan.options.max_failures,
            ))
        }
        Command::Merge { dirs, out } => {
            let release = ReleaseOptions::from_env()?;
            let done = batch::merge(&dirs, &out, Some(&release))?;
            eprint!("{}", done.summary);
            Ok(ExitStatus::from_failures(done.report.totals.failure, 0))
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
