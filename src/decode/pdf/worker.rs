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
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{extract_pages, Extraction, PdfError, PdfOptions};
use crate::decode::bounded::{confine, cpu_seconds_for, Finished, STDERR_KEEP};

/// The subcommand the worker executable is run with.
pub const WORKER_COMMAND: &str = "pdf-worker";

/// The flag that makes the worker serve PDFs until its stdin closes.
pub const SERVE_FLAG: &str = "--serve";

/// The flag giving the worker its CPU seconds per PDF.
pub const CPU_FLAG: &str = "--cpu-seconds";

/// How long a worker that closed its stdout, or was told to stop, is given
/// to exit before it is killed.
const EXIT_GRACE: Duration = Duration::from_secs(1);

/// What the worker writes for each PDF: its result, as JSON.
type WorkerReply = Result<Extraction, PdfError>;

/// What a worker process is started with: a worker is reused only for the
/// same.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spec {
    exe: PathBuf,
    backends: Vec<String>,
    memory_bytes: u64,
    /// CPU seconds per PDF ([`cpu_seconds_for`] of the wall-clock limit).
    cpu_seconds: u64,
    /// PDFs a worker serves: its CPU limit as a whole is that many PDFs'.
    documents: usize,
}

thread_local! {
    /// This extraction thread's worker, idle between two PDFs.
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
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
    let spec = Spec {
        exe: exe.to_path_buf(),
        backends: opts.backends.clone(),
        memory_bytes: opts.memory_limit_bytes,
        cpu_seconds: cpu_seconds_for(opts.timeout),
        documents: opts.worker_documents.max(1),
    };
    let mut retried = false;
    loop {
        let idle = WORKER.with(|w| w.borrow_mut().take());
        let mut worker = match idle {
            Some(w) if w.spec == spec => w,
            _ => Worker::start(spec.clone())?,
        };
        let fresh = worker.served == 0;
        match worker.parse(bytes, opts.timeout) {
            Ok(reply) => {
                worker.served += 1;
                if worker.served < opts.worker_documents {
                    WORKER.with(|w| *w.borrow_mut() = Some(worker));
                }
                return reply;
            }
            // Maybe the earlier PDFs' doing: once more, alone.
            Err(Stop::Died) if !fresh && !retried => retried = true,
            Err(Stop::Died) => return Err(worker.died(opts)),
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
    WORKER.with(|w| w.borrow().as_ref().map(|w| w.child.id()))
}

/// Why a worker gave no reply.
enum Stop {
    /// It closed its stdout or wrote no valid reply: it crashed or aborted.
    Died,
    /// It ran past the time limit.
    Timeout,
}

/// A running worker and the threads feeding and draining its pipes (a
/// child that fills one pipe while the parent writes another would
/// deadlock).
struct Worker {
    spec: Spec,
    child: Child,
    /// PDFs to the stdin thread; `None` once the worker is told to stop.
    requests: Option<Sender<Vec<u8>>>,
    /// Reply frames from the stdout thread; an error at the end of stdout.
    replies: Receiver<std::io::Result<Vec<u8>>>,
    /// The latest [`STDERR_KEEP`] bytes of stderr, since the current PDF
    /// was sent.
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_thread: Option<JoinHandle<()>>,
    /// PDFs parsed so far.
    served: usize,
}

impl Worker {
    fn start(spec: Spec) -> Result<Worker, PdfError> {
        let cannot = |what: &str, e: std::io::Error| PdfError::Worker {
            detail: format!("cannot start {} ({what}): {e}", spec.exe.display()),
        };
        let mut cmd = Command::new(&spec.exe);
        cmd.arg(WORKER_COMMAND)
            .arg(SERVE_FLAG)
            .arg("--backends")
            .arg(spec.backends.join(","))
            .arg(CPU_FLAG)
            .arg(spec.cpu_seconds.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let whole_life = spec.cpu_seconds.saturating_mul(spec.documents as u64);
        confine(&mut cmd, spec.memory_bytes, whole_life);
        let mut child = cmd.spawn().map_err(|e| cannot("spawn", e))?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(cannot("pipes", std::io::ErrorKind::BrokenPipe.into()));
        };

        let (requests, request_rx) = channel::<Vec<u8>>();
        let (reply_tx, replies) = channel();
        let kept = Arc::new(Mutex::new(Vec::new()));
        let kept_by_thread = Arc::clone(&kept);
        let threads = [
            std::thread::Builder::new()
                .name("pdf-worker-stdin".into())
                .spawn(move || {
                    let mut w = BufWriter::new(stdin);
                    // Ends when the worker is dropped, or on a broken pipe
                    // (the worker died: its stdout says so).
                    for pdf in request_rx {
                        if write_frame(&mut w, &pdf).is_err() {
                            break;
                        }
                    }
                }),
            std::thread::Builder::new()
                .name("pdf-worker-stdout".into())
                .spawn(move || {
                    let mut r = BufReader::new(stdout);
                    loop {
                        let frame = match read_frame(&mut r) {
                            Ok(Some(frame)) => Ok(frame),
                            Ok(None) => Err(std::io::ErrorKind::UnexpectedEof.into()),
                            Err(e) => Err(e),
                        };
                        let end = frame.is_err();
                        if reply_tx.send(frame).is_err() || end {
                            break;
                        }
                    }
                }),
            std::thread::Builder::new()
                .name("pdf-worker-stderr".into())
                .spawn(move || keep_tail(stderr, &kept_by_thread)),
        ];
        let mut handles = Vec::with_capacity(3);
        for t in threads {
            match t {
                Ok(h) => handles.push(h),
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(cannot("thread", e));
                }
            }
        }
        // The stdin and stdout threads end with the pipes; only stderr's
        // is joined, for the complete message of a dead worker.
        let stderr_thread = handles.pop();
        Ok(Worker {
            spec,
            child,
            requests: Some(requests),
            replies,
            stderr: kept,
            stderr_thread,
            served: 0,
        })
    }

    /// Sends one PDF and waits for its reply within `timeout`.
    fn parse(&mut self, bytes: &[u8], timeout: Duration) -> Result<WorkerReply, Stop> {
        if let Ok(mut e) = self.stderr.lock() {
            e.clear();
        }
        let sent = self
            .requests
            .as_ref()
            .is_some_and(|r| r.send(bytes.to_vec()).is_ok());
        if !sent {
            return Err(Stop::Died);
        }
        match self.replies.recv_timeout(timeout) {
            Ok(Ok(frame)) => serde_json::from_slice(&frame).map_err(|_| Stop::Died),
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(Stop::Died),
            Err(RecvTimeoutError::Timeout) => Err(Stop::Timeout),
        }
    }

    /// The error of a worker that gave no reply: reaps it and reads its
    /// stderr.
    fn died(mut self, opts: &PdfOptions) -> PdfError {
        let status = self.stop();
        let stderr = match self.stderr_thread.take().map(JoinHandle::join) {
            Some(Ok(())) => self.stderr.lock().map(|e| e.clone()).unwrap_or_default(),
            _ => Vec::new(),
        };
        let done = Finished {
            status,
            stdout: Vec::new(),
            stderr,
        };
        // Its CPU limit (RLIMIT_CPU) is a time limit.
        if done.status.signal() == Some(libc::SIGXCPU) {
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

    /// Closes the worker's stdin (an idle worker then exits), kills it if
    /// it has not exited within [`EXIT_GRACE`], and reaps it.
    fn stop(&mut self) -> ExitStatus {
        self.requests = None;
        let deadline = Instant::now() + EXIT_GRACE;
        while Instant::now() < deadline {
            match self.child.try_wait() {
                Ok(Some(status)) => return status,
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(_) => break,
            }
        }
        // Not reaped yet, so the pid cannot have been reused.
        let _ = self.child.kill();
        self.child
            .wait()
            .unwrap_or_else(|_| std::os::unix::process::ExitStatusExt::from_raw(0))
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if self.requests.is_some() {
            // A worker busy past its time is killed at once.
            let _ = self.child.kill();
            self.stop();
        }
    }
}

/// Keeps the last [`STDERR_KEEP`] bytes read from `from` in `kept`.
fn keep_tail(mut from: impl Read, kept: &Mutex<Vec<u8>>) {
    let mut buf = [0u8; 4096];
    while let Ok(n) = from.read(&mut buf) {
        if n == 0 {
            break;
        }
        if let Ok(mut k) = kept.lock() {
            k.extend_from_slice(&buf[..n]);
            let over = k.len().saturating_sub(STDERR_KEEP as usize);
            k.drain(..over);
        }
    }
}

fn write_frame(w: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    w.write_all(&(bytes.len() as u64).to_le_bytes())?;
    w.write_all(bytes)?;
    w.flush()
}

/// One frame, or `None` at the end of the stream.
fn read_frame(r: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 8];
    match r.read_exact(&mut len) {
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        other => other?,
    }
    let len = u64::from_le_bytes(len);
    let mut bytes = Vec::new();
    r.take(len).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != len {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(bytes))
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

/// Sets this process's soft CPU limit (`RLIMIT_CPU`) to the CPU time used
/// so far plus `seconds`, within the hard limit its parent set: past it the
/// kernel sends `SIGXCPU`, which ends the process.
pub fn limit_cpu_from_now(seconds: u64) {
    // SAFETY: getrusage/getrlimit/setrlimit on this process, with structs
    // we own.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return;
        }
        let used = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) as u64 + 1;
        let mut lim: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_CPU, &mut lim) != 0 {
            return;
        }
        let want = used.saturating_add(seconds) as libc::rlim_t;
        lim.rlim_cur = if lim.rlim_max == libc::RLIM_INFINITY {
            want
        } else {
            want.min(lim.rlim_max)
        };
        libc::setrlimit(libc::RLIMIT_CPU, &lim);
    }
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
