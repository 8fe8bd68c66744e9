//! PDF parsing in a child process, with a wall-time and a memory limit.
//!
//! `catch_unwind` stops panics, not loops or runaway allocations: a PDF
//! whose object graph makes a parser spin or allocate without end would hang
//! or kill the whole batch. So PDFs are parsed by `<worker> pdf-worker
//! --serve`, a child whose address space and CPU time are capped
//! (`RLIMIT_AS`, `RLIMIT_CPU`), which the kernel kills when its parent dies
//! (set before it starts: [`crate::decode::bounded::confine`]), and which
//! is killed and reaped when a PDF runs past [`PdfOptions::timeout`]. The
//! CPU limit is per PDF too: before each one the worker lowers its own soft
//! limit to what it has used plus [`CPU_FLAG`]'s seconds, so a PDF that
//! spins ends with `SIGXCPU` even if nobody watches the clock.
//!
//! Each extraction thread keeps its worker from one PDF to the next:
//! starting a process per PDF made a batch of real notices slower than
//! `pdftotext` (0.84× its pages per second over 20 PDFs, issue 12) though
//! the parse itself is faster. The parent ([`extract_in_child`]) sends each
//! PDF as a frame on the worker's stdin and reads the [`Extraction`] back as
//! a JSON frame on its stdout (a frame: its length as 8 bytes little-endian,
//! then the bytes); [`serve`] is the child's side. A worker is replaced
//! after it crashed or ran out of time (it is killed), and after
//! [`PdfOptions::worker_documents`] PDFs, so a leak or a heap grown by one
//! large PDF does not outlive it.
//!
//! The limits stay per PDF: the time runs from the moment a PDF is sent, and
//! a PDF whose worker dies after having parsed others is tried once more in
//! a fresh worker, so it fails only where it would fail alone.

use std::cell::RefCell;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

use super::{extract_pages, Extraction, PdfError, PdfOptions};
pub use crate::decode::bounded::limit_cpu_from_now;
use crate::decode::bounded::{cpu_seconds_for, read_frame, write_frame, Server, ServerSpec, Stop};

/// The subcommand the worker executable is run with.
pub const WORKER_COMMAND: &str = "pdf-worker";

/// The flag that makes the worker serve PDFs until its stdin closes.
pub const SERVE_FLAG: &str = "--serve";

/// The flag giving the worker its CPU seconds per PDF.
pub const CPU_FLAG: &str = "--cpu-seconds";

/// What the worker writes for each PDF: its result, as JSON.
type WorkerReply = Result<Extraction, PdfError>;

thread_local! {
    /// This extraction thread's worker, idle between two PDFs.
    static WORKER: RefCell<Option<Server>> = const { RefCell::new(None) };
}

/// What a worker for `exe` and `opts` is started with.
fn spec(exe: &Path, opts: &PdfOptions) -> ServerSpec {
    let cpu_seconds = cpu_seconds_for(opts.timeout);
    let documents = opts.worker_documents.max(1) as u64;
    ServerSpec {
        exe: exe.to_path_buf(),
        args: vec![
            WORKER_COMMAND.into(),
            SERVE_FLAG.into(),
            "--backends".into(),
            opts.backends.join(","),
            CPU_FLAG.into(),
            cpu_seconds.to_string(),
        ],
        memory_bytes: opts.memory_limit_bytes,
        // Its CPU limit as a whole is that of all the PDFs it serves.
        cpu_seconds: cpu_seconds.saturating_mul(documents),
    }
}

/// Parses `bytes` with [`extract_pages`] in this thread's worker
/// (`<exe> pdf-worker --serve --backends …`), started when there is none.
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
    let spec = spec(exe, opts);
    let mut retried = false;
    loop {
        let idle = WORKER.with(|w| w.borrow_mut().take());
        let mut worker = match idle {
            Some(w) if w.spec == spec => w,
            _ => Server::start(spec.clone()).map_err(|e| PdfError::Worker {
                detail: format!("cannot start {}: {e}", exe.display()),
            })?,
        };
        let fresh = worker.served == 0;
        match worker.request(vec![std::sync::Arc::new(bytes.to_vec())], opts.timeout) {
            Ok(frame) => {
                let Ok(reply) = serde_json::from_slice::<WorkerReply>(&frame) else {
                    return Err(died(worker, opts));
                };
                if worker.served < opts.worker_documents {
                    WORKER.with(|w| *w.borrow_mut() = Some(worker));
                }
                return reply;
            }
            // Maybe the earlier PDFs' doing: once more, alone.
            Err(Stop::Died) if !fresh && !retried => retried = true,
            Err(Stop::Died) => return Err(died(worker, opts)),
            Err(Stop::Timeout) => {
                drop(worker); // killed and reaped
                return Err(PdfError::Timeout {
                    seconds: opts.timeout.as_secs().max(1),
                });
            }
        }
    }
}

/// The process id of this thread's idle worker, if any (for tests: a worker
/// is reused, and replaced after a failure).
#[doc(hidden)]
pub fn idle_worker_pid() -> Option<u32> {
    WORKER.with(|w| w.borrow().as_ref().map(Server::id))
}

/// The error of a worker that gave no reply: reaps it and reads its
/// stderr.
fn died(worker: Server, opts: &PdfOptions) -> PdfError {
    let done = worker.died();
    // Its CPU limit (RLIMIT_CPU) is a time limit.
    if done.out_of_cpu_time() {
        return PdfError::Timeout {
            seconds: opts.timeout.as_secs().max(1),
        };
    }
    // Under RLIMIT_AS a failed allocation is the memory limit.
    if done.out_of_memory() {
        return PdfError::TooLarge {
            limit_mib: opts.memory_limit_bytes / (1024 * 1024),
        };
    }
    PdfError::Worker {
        detail: format!(
            "{}, no reply; stderr: {}",
            done.describe_status(),
            done.last_stderr_line()
        ),
    }
}

/// The worker's side of `--serve`: parses each PDF framed on `input` and
/// writes each reply framed on `output`, until `input` ends; with
/// `cpu_seconds`, each PDF gets that much CPU time ([`limit_cpu_from_now`]).
///
/// # Errors
/// Only I/O errors on the pipes; a PDF that fails is a reply, not an error.
pub fn serve(
    input: impl Read,
    output: impl Write,
    backends: &[String],
    cpu_seconds: Option<u64>,
) -> std::io::Result<()> {
    let mut input = BufReader::new(input);
    let mut output = BufWriter::new(output);
    while let Some(bytes) = read_frame(&mut input)? {
        if let Some(secs) = cpu_seconds {
            limit_cpu_from_now(secs);
        }
        let reply: WorkerReply = extract_pages(&bytes, backends);
        write_frame(&mut output, &serde_json::to_vec(&reply)?)?;
    }
    Ok(())
}

/// The worker's side without `--serve`: reads one PDF (all of `input`),
/// writes its JSON reply on `output` (by hand: `notice-extract pdf-worker <
/// file.pdf`).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::bounded::{keep_tail, STDERR_KEEP};
    use std::sync::Mutex;

    #[test]
    fn frames_round_trip_and_end_cleanly() {
        let mut wire = Vec::new();
        write_frame(&mut wire, b"%PDF-1.4").expect("write");
        write_frame(&mut wire, b"").expect("write");
        let mut r = wire.as_slice();
        assert_eq!(
            read_frame(&mut r).expect("read"),
            Some(b"%PDF-1.4".to_vec())
        );
        assert_eq!(read_frame(&mut r).expect("read"), Some(Vec::new()));
        assert_eq!(read_frame(&mut r).expect("read"), None);
        // A frame cut short is an error, not a shorter PDF.
        let cut = &wire[..10];
        assert!(read_frame(&mut &cut[..]).is_err());
    }

    #[test]
    fn stderr_keeps_its_tail() {
        let kept = Mutex::new(Vec::new());
        let long = vec![b'x'; STDERR_KEEP as usize * 2];
        let mut input = long.clone();
        input.extend_from_slice(b"\nmemory allocation of 8 bytes failed\n");
        keep_tail(input.as_slice(), &kept);
        let k = kept.into_inner().expect("lock");
        assert_eq!(k.len(), STDERR_KEEP as usize);
        assert!(k.ends_with(b"failed\n"));
    }
}
