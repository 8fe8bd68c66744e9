//! The `notice-extract` binary: parse options, run the command, map the
//! outcome to an exit status. All work is in the library.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
mod cli;

use cli::{Command, DiffFormat, Opts};
use notice_extract::batch::{self, ExitStatus};
use notice_extract::decode::pdf;
use notice_extract::diff::{diff_records, render, set, Change};
use notice_extract::output::json;
use notice_extract::output::read::{self, Records};
use notice_extract::{entities, extract_file, review, Config};

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
            for line in entities::lossy_lines(stdin.lock()) {
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
        Command::Review(args) => {
            let opts = args.into_options()?;
            let review = review::write_review(&opts)?;
            for e in &review.failed {
                eprintln!("{}: {}: {}", e.path.display(), e.code(), e.kind);
            }
            tracing::info!(
                "{} notice pages, {} unreadable records -> {}",
                review.pages,
                review.failed.len(),
                review.index.display()
            );
            Ok(if review.failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Diff {
            old,
            new,
            format,
            all,
        } => diff(&old, &new, format, all),
        Command::Merge { dirs, out } => {
            let release = cli::crate_release_options()?;
            let report = batch::merge(&dirs, &out, Some(&release))?;
            summarize(&report, &out);
            Ok(exit(report.exit_status(0)))
        }
    }
}

/// `diff OLD NEW`: two records, or two sets of records matched by id.
fn diff(old: &Path, new: &Path, format: DiffFormat, all: bool) -> anyhow::Result<ExitCode> {
    let style = render::Style {
        // Colour only for a person at a terminal, and never under NO_COLOR
        // (https://no-color.org: any non-empty value).
        color: format == DiffFormat::Text
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut substance = false;
    // Prints one notice's changes; Err(BrokenPipe) stops quietly.
    let mut print = |changes: &[Change]| -> std::io::Result<()> {
        let shown: Vec<Change> = changes
            .iter()
            .filter(|c| all || c.shown_by_default())
            .cloned()
            .collect();
        substance |= changes.iter().any(|c| c.substance);
        match format {
            DiffFormat::Json => {
                for c in &shown {
                    serde_json::to_writer(&mut out, c)?;
                    out.write_all(b"\n")?;
                }
            }
            DiffFormat::Text if !shown.is_empty() => {
                out.write_all(render::render_notice(&shown, style).as_bytes())?;
            }
            DiffFormat::Text => {}
        }
        Ok(())
    };
    let quiet_pipe = |r: std::io::Result<()>| match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    };
    match (read::open(old)?, read::open(new)?) {
        (Records::One(a), Records::One(b)) => {
            let (a, b) = (read::read_record(&a)?, read::read_record(&b)?);
            let changes = diff_records(&a, &b);
            let shown = changes.iter().any(|c| all || c.shown_by_default());
            quiet_pipe(print(&changes).and_then(|_| out.flush()))?;
            drop(out);
            if format == DiffFormat::Text && !shown {
                write_stdout(b"no change\n")?;
            }
            Ok(ExitCode::from(u8::from(substance)))
        }
        (Records::Set(a), Records::Set(b)) => {
            let mut failed = 0;
            let result = set::diff_sets(
                a.records()?,
                b.records()?,
                |o| -> Result<(), DiffRunError> {
                    match o {
                        set::Outcome::Changes(c) => print(c).map_err(DiffRunError::Write),
                        set::Outcome::Failed(e) => {
                            failed += 1;
                            eprintln!("notice-extract: {e}");
                            Ok(())
                        }
                    }
                },
            );
            let sum = match result {
                Err(DiffRunError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    return Ok(ExitCode::from(u8::from(substance)))
                }
                r => r?,
            };
            quiet_pipe(out.flush())?;
            drop(out);
            let line = format!(
                "{} old, {} new: {} added, {} removed, {} amended, {} unchanged in substance, {} unreadable",
                sum.old,
                sum.new,
                sum.added,
                sum.removed,
                sum.amended,
                sum.unchanged + sum.other,
                sum.failed
            );
            // The summary goes with the text; beside JSON lines, to stderr.
            if format == DiffFormat::Text {
                write_stdout(format!("{line}\n").as_bytes())?;
            } else {
                tracing::info!("{line}");
            }
            let code = if failed > 0 { 2 } else { u8::from(substance) };
            Ok(ExitCode::from(code))
        }
        (Records::One(_), Records::Set(_)) | (Records::Set(_), Records::One(_)) => anyhow::bail!(
            "cannot compare one record with a set of records: give two record files or two folders"
        ),
    }
}

/// Why a diff of two sets stopped.
#[derive(Debug, thiserror::Error)]
enum DiffRunError {
    #[error(transparent)]
    Read(#[from] notice_extract::output::read::ReadError),
    #[error("cannot write the changes: {0}")]
    Write(std::io::Error),
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
