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
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Command, Stdio};

use super::{extract_pages, Extraction, PdfError, PdfOptions};

/// The subcommand the worker executable is run with.
pub const WORKER_COMMAND: &str = "pdf-worker";

/// What the worker writes on stdout: its result, as JSON.
type WorkerReply = Result<Extraction, PdfError>;

/// How much of the worker's stderr is kept for the error message.
const STDERR_KEEP: u64 = 16 * 1024;

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
    let worker_err = |what: &str, e: std::io::Error| PdfError::Worker {
        detail: format!("{what} {}: {e}", exe.display()),
    };
    let limit = opts.memory_limit_bytes;
    let mut cmd = Command::new(exe);
    cmd.arg(WORKER_COMMAND)
        .arg("--backends")
        .arg(opts.backends.join(","))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: between fork and exec only async-signal-safe calls are made
    // (setrlimit), and nothing is allocated.
    unsafe {
        cmd.pre_exec(move || {
            let as_limit = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &as_limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // An aborting worker must not leave a core file per bad PDF.
            let no_core = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &no_core);
            Ok(())
        });
    }
    let mut child = cmd.spawn().map_err(|e| worker_err("cannot start", e))?;

    // Feed stdin and drain stdout/stderr on their own threads: a child that
    // fills a pipe while we wait on another would deadlock.
    let mut stdin = child.stdin.take();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            // A child that dies early closes the pipe: its status says why.
            let _ = s.write_all(&input);
        }
    });
    let stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(mut s) = stdout {
            let _ = s.read_to_end(&mut out);
        }
        out
    });
    let stderr = child.stderr.take();
    let err_reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stderr {
            let mut s = s.take(STDERR_KEEP);
            let _ = s.read_to_end(&mut out);
            // Keep draining so the child never blocks on a full pipe.
            let _ = std::io::copy(&mut s.into_inner(), &mut std::io::sink());
        }
        out
    });

    // Wait on a thread so the answer is seen the moment the child exits
    // (polling added up to a poll interval to every PDF); on timeout the
    // child is killed by pid and the waiting thread reaps it.
    let pid = child.id() as libc::pid_t;
    let (tx, rx) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    let status = match rx.recv_timeout(opts.timeout) {
        Ok(Ok(status)) => status,
        Ok(Err(e)) => return Err(worker_err("cannot wait for", e)),
        Err(_) => {
            // SAFETY: plain kill(2); the child is not reaped yet (the waiter
            // is still blocked in wait), so the pid cannot have been reused.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
            let _ = waiter.join(); // reaps: no zombie per timed-out PDF
            let _ = writer.join();
            let _ = reader.join();
            let _ = err_reader.join();
            return Err(PdfError::Timeout {
                seconds: opts.timeout.as_secs().max(1),
            });
        }
    };
    let _ = waiter.join();
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    if let Ok(reply) = serde_json::from_slice::<WorkerReply>(&out) {
        return reply;
    }
    let err = String::from_utf8_lossy(&err);
    // Rust reports a failed allocation as "memory allocation of N bytes
    // failed" and aborts; under RLIMIT_AS that is the memory limit.
    if err.contains("memory allocation of") || err.contains("out of memory") {
        return Err(PdfError::TooLarge {
            limit_mib: opts.memory_limit_bytes / (1024 * 1024),
        });
    }
    let how = match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(sig)) => format!("killed by signal {sig}"),
        _ => status.to_string(),
    };
    let last = err
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    Err(PdfError::Worker {
        detail: format!("{how}, no reply; stderr: {last}"),
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
