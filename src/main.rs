//! The `notice-extract` binary: parse options, run the command, map the
//! outcome to an exit status. All work is in the library.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::Parser;
mod cli;

use cli::{Command, Opts};
use notice_extract::batch::{self, ExitStatus};
use notice_extract::decode::pdf;
use notice_extract::output::json;
use notice_extract::{entities, extract_file, Config};

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
    match run(opts) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("notice-extract: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(opts: Opts) -> anyhow::Result<ExitCode> {
    let mut cfg = Config::default();
    // PDFs are parsed in a child process running this same executable
    // (`pdf-worker`), under time and memory limits.
    cfg.decode.pdf.worker = std::env::current_exe().ok();
    match opts.command {
        Command::Extract {
            file,
            compact,
            outline,
            ocr,
        } => {
            ocr.apply(&mut cfg)?;
            match extract_file(&file, &cfg) {
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
            }
        }
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
        Command::PdfWorker { backends } => {
            pdf::worker::worker_main(std::io::stdin().lock(), std::io::stdout().lock(), &backends)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Run(args) => {
            let (inputs, manifest, mut cfg, run) = args.into_config()?;
            cfg.decode.pdf.worker = std::env::current_exe().ok();
            let sources = batch::collect_sources(&inputs, manifest.as_deref())?;
            let report = batch::run_batch(&sources, &cfg, &run)?;
            summarize(&report, &run.out);
            Ok(exit(report.exit_status(run.max_failures)))
        }
        Command::Merge { dirs, out } => {
            let release = cli::crate_release_options()?;
            let report = batch::merge(&dirs, &out, Some(&release))?;
            summarize(&report, &out);
            Ok(exit(report.exit_status(0)))
        }
    }
}

fn summarize(report: &batch::Report, out: &std::path::Path) {
    let t = &report.totals;
    tracing::info!(
        "{} documents: {} success, {} partial, {} unchanged, {} failure, {} skipped -> {}",
        t.documents,
        t.success,
        t.partial,
        t.unchanged,
        t.failure,
        t.skipped,
        out.display()
    );
}

fn exit(status: ExitStatus) -> ExitCode {
    ExitCode::from(status.code())
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}
