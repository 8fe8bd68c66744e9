//! The `notice-extract` binary: parse options, run the command, map the
//! outcome to an exit status (`notice_extract::ExitStatus`, the only place
//! that decides one; clap exits 2 on bad usage itself). All work is in the
//! library.

use std::io::{IsTerminal, Write};
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
mod cli;

use cli::{Command, DiffFormat, Opts};
use notice_extract::batch;
use notice_extract::decode::ocr::OcrMode;
use notice_extract::decode::pdf;
use notice_extract::diff::{diff_records, render, set, Change};
use notice_extract::error::one_line;
use notice_extract::fetch::file::read_file;
use notice_extract::output::json;
use notice_extract::output::read::{self, Records};
use notice_extract::output::release::ReleaseOptions;
use notice_extract::{entities, review, ExitStatus};
use std::sync::Arc;
use std::time::Duration;

/// mimalloc, not glibc's malloc: a batch makes and drops millions of small
/// strings and vectors (parse trees, folded text, JSON values), and glibc's
/// malloc and free were the largest part of its cost outside any one stage
/// (issue 12: see the `mimalloc` line in Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    notice_extract::decode::bounded::one_libc_arena();
    let opts = Opts::parse();
    // Log lines (one per failed document in `run`) go to stderr;
    // RUST_LOG overrides the level.
    // The PDF worker's only output is its JSON reply: it logs nothing (its
    // panics and fallbacks travel in the reply).
    if !matches!(
        opts.command,
        Command::PdfWorker { .. } | Command::DocWorker { .. }
    ) {
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_env_filter(
                tracing_subscriber::EnvFilter::try_from_default_env()
                    // html5ever's parse-recovery notes (`foster parenting`,
                    // one per misplaced tag) say nothing a user can act on.
                    .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,html5ever=error")),
            )
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .without_time()
            .with_target(false)
            .init();
    }
    let status = run(opts).unwrap_or_else(|e| {
        eprintln!("notice-extract: {}", one_line(&format!("{e:#}")));
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
            extract_timeout,
            memory,
            ocr,
        } => {
            let mut cfg = cli::base_config();
            ocr.apply(&mut cfg)?;
            memory.apply(&mut cfg);
            let mut timeout = Duration::from_secs_f64(extract_timeout);
            if cfg.decode.ocr.mode != OcrMode::Off {
                timeout += cfg.decode.ocr.document_timeout;
            }
            let span = tracing::warn_span!("doc", input = %one_line(&file.display().to_string()));
            let in_doc = span.enter();
            // Under the same budget as in `run`: in the document worker.
            let extracted = read_file(&file, cfg.fetch.max_bytes)
                .map_err(notice_extract::DocError::from)
                .and_then(|raw| batch::guard::extract_guarded(raw, &Arc::new(cfg), timeout));
            drop(in_doc);
            match extracted {
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
                    let line = format!("{}: {}: {e}", file.display(), e.code());
                    eprintln!("{}", one_line(&line));
                    Ok(ExitStatus::SomeFailed)
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
                    return Ok(ExitStatus::Ok); // reader went away: not an error
                }
            }
            let _ = out.flush();
            Ok(ExitStatus::Ok)
        }
        Command::PdfWorker {
            backends,
            serve,
            cpu_seconds,
        } => {
            let (input, output) = (std::io::stdin().lock(), std::io::stdout().lock());
            if serve {
                pdf::worker::serve(input, output, &backends, cpu_seconds)?;
            } else {
                pdf::worker::worker_main(input, output, &backends)?;
            }
            Ok(ExitStatus::Ok)
        }
        Command::DocWorker { .. } => {
            // Its stdout as a plain file: std's stdout is line-buffered, and
            // a reply (pretty JSON) went down the pipe in pieces, one
            // wake-up of the parent each; `serve` buffers and writes each
            // reply at once.
            let output = std::fs::File::from(std::io::stdout().as_fd().try_clone_to_owned()?);
            batch::worker::serve(std::io::stdin().lock(), output)?;
            Ok(ExitStatus::Ok)
        }
        Command::Run(args) => {
            let plan = (*args).into_plan()?;
            let done = batch::run_batch(&plan.sources, &plan.config, &plan.options)?;
            eprint!("{}", done.summary);
            Ok(ExitStatus::from_failures(
                done.report.totals.failure,
                plan.options.max_failures,
            ))
        }
        Command::Review(args) => {
            let opts = args.into_options()?;
            let review = review::write_review(&opts)?;
            for e in &review.failed {
                let line = format!("{}: {}: {}", e.path.display(), e.code(), e.kind);
                eprintln!("{}", one_line(&line));
            }
            tracing::info!(
                "{} notice pages, {} unreadable records -> {}",
                review.pages,
                review.failed.len(),
                review.index.display()
            );
            Ok(ExitStatus::from_failures(review.failed.len(), 0))
        }
        Command::Diff {
            old,
            new,
            format,
            all,
        } => match new {
            Some(new) => diff(&old, &new, format, all),
            None => walk_history(&old, format, all),
        },
        Command::Merge { dirs, out } => {
            let release = ReleaseOptions::from_env()?;
            let done = batch::merge(&dirs, &out, Some(&release))?;
            eprint!("{}", done.summary);
            Ok(ExitStatus::from_failures(done.report.totals.failure, 0))
        }
        Command::Schema => {
            print!(
                "{}",
                notice_extract::output::schema::generated_notice_schema()
            );
            Ok(ExitStatus::Ok)
        }
    }
}

/// `diff DIR/<id>` of a `--history` folder: each version against the next,
/// oldest first; the status is the worst of the steps.
fn walk_history(dir: &Path, format: DiffFormat, all: bool) -> anyhow::Result<ExitStatus> {
    let list = dir.join(batch::history::VERSIONS);
    let versions: Vec<PathBuf> = std::fs::read_to_string(&list)
        .map_err(|e| {
            anyhow::anyhow!(
                "{}: {e}; with one path, diff walks a --history folder of one notice (HISTORY/<id>)",
                list.display()
            )
        })?
        .lines()
        .filter(|l| !l.is_empty())
        .map(|h| dir.join(format!("{h}.json")))
        .collect();
    let mut status = ExitStatus::of_diff(false, 0);
    for (i, pair) in versions.windows(2).enumerate() {
        if format == DiffFormat::Text {
            write_stdout(format!("== version {} → {}\n", i + 1, i + 2).as_bytes())?;
        }
        status = status.merge(diff(&pair[0], &pair[1], format, all)?);
    }
    Ok(status)
}

/// `diff OLD NEW`: two records, or two sets of records matched by id.
fn diff(old: &Path, new: &Path, format: DiffFormat, all: bool) -> anyhow::Result<ExitStatus> {
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
            Ok(ExitStatus::of_diff(substance, 0))
        }
        (Records::Set(a), Records::Set(b)) => {
            let mut failed = 0;
            let result = set::diff_sets(
                a.records()?,
                b.records()?,
                |o| -> Result<(), DiffRunError> {
                    match o {
                        set::Outcome::Changes { changes, .. } => {
                            print(changes).map_err(DiffRunError::Write)
                        }
                        set::Outcome::Failed(e) => {
                            failed += 1;
                            eprintln!("notice-extract: {}", one_line(&e.to_string()));
                            Ok(())
                        }
                    }
                },
            );
            let sum = match result {
                Err(DiffRunError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    return Ok(ExitStatus::of_diff(substance, 0))
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
            Ok(ExitStatus::of_diff(substance, failed))
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

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}
