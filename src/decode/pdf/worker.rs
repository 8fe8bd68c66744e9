//! PDF parsing in a child process, with a wall-time and a memory limit.
//!
//! `catch_unwind` stops panics, not loops or runaway allocations: a PDF
//! whose object graph makes a parser spin or allocate without end would hang
//! or kill the whole batch. So the parent ([`extract_in_child`]) runs
//! `<worker> pdf-worker`, writes the PDF on its stdin, and reads the
//! [`Extraction`] back as JSON on its stdout ([`worker_main`] is the child's
//! side). The child's address space is capped with `RLIMIT_AS` before it
//! starts; if it runs past [`PdfOptions::timeout`] it is killed and reaped.

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

use super::{extract_pages, Extraction, PdfError, PdfOptions};
use crate::decode::bounded::{run_bounded, BoundedError, Limits};

/// The subcommand the worker executable is run with.
pub const WORKER_COMMAND: &str = "pdf-worker";

/// What the worker writes on stdout: its result, as JSON.
type WorkerReply = Result<Extraction, PdfError>;

/// Runs [`extract_pages`] in `<exe> pdf-worker --backends …`.
///
/// # Errors
/// The worker's own [`PdfError`]; [`PdfError::Timeout`] when it ran out of
/// time, [`PdfError::TooLarge`] when it ran out of memory,
/// [`PdfError::Worker`] when it could not be started or died otherwise.
pub fn extract_in_child(
    exe: &Path,
    bytes: &[u8],
    opts: &PdfOptions,
) -> Result<Extraction, PdfError> {
    let mut cmd = Command::new(exe);
    cmd.arg(WORKER_COMMAND)
        .arg("--backends")
        .arg(opts.backends.join(","));
    let limits = Limits {
        timeout: opts.timeout,
        memory_bytes: opts.memory_limit_bytes,
    };
    let done = match run_bounded(&mut cmd, Some(bytes.to_vec()), &limits) {
        Ok(done) => done,
        Err(BoundedError::Timeout { .. }) => {
            return Err(PdfError::Timeout {
                seconds: opts.timeout.as_secs().max(1),
            })
        }
        Err(e) => {
            return Err(PdfError::Worker {
                detail: format!("{e} ({})", exe.display()),
            })
        }
    };
    if let Ok(reply) = serde_json::from_slice::<WorkerReply>(&done.stdout) {
        return reply;
    }
    // Under RLIMIT_AS a failed allocation is the memory limit.
    if done.out_of_memory() {
        return Err(PdfError::TooLarge {
            limit_mib: opts.memory_limit_bytes / (1024 * 1024),
        });
    }
    Err(PdfError::Worker {
        detail: format!(
            "{}, no reply; stderr: {}",
            done.describe_status(),
            done.last_stderr_line()
        ),
    })
}

/// The worker's side: reads a PDF on `input`, writes the JSON reply on
/// `output`.
///
/// # Errors
/// Only I/O errors on the pipes; a PDF that fails is a reply, not an error.
pub fn worker_main(
    mut input: impl Read,
    mut output: impl Write,
    backends: &[String],
) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let reply: WorkerReply = extract_pages(&bytes, backends);
    serde_json::to_writer(&mut output, &reply)?;
    output.flush()
}
