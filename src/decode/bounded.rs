//! A child process under a wall-time and a memory limit.
//!
//! Decoding runs code we do not trust with documents we do not trust: a PDF
//! parser in the `pdf-worker` child, `pdftoppm` and `tesseract` for OCR. A
//! panic can be caught in-process; a loop, a runaway allocation or a crash
//! cannot. So each runs as a child process whose address space and CPU
//! time are capped (`RLIMIT_AS`, `RLIMIT_CPU`, set between fork and exec),
//! which the kernel kills when its parent dies, and which is killed and
//! reaped when it runs past its time ([`confine`]). [`run_bounded`] is the one place that does it.
//!
//! One concept, a process the kernel bounds, from both sides: the parent
//! confines and times a child ([`run_bounded`] for one run, a [`Server`]
//! for many framed requests), the child tightens its own limits per request
//! ([`limit_cpu_from_now`], [`limit_memory_from_now`]).

use std::io::{BufReader, BufWriter, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How much of a child's stderr is kept for error messages.
pub const STDERR_KEEP: u64 = 16 * 1024;

/// Limits of one child process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall time before the child is killed.
    pub timeout: Duration,
    /// Address-space limit (`RLIMIT_AS`), bytes.
    pub memory_bytes: u64,
}

/// A child that exited (with any status) within its time.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    /// The first [`STDERR_KEEP`] bytes of stderr.
    pub stderr: Vec<u8>,
}

impl Finished {
    /// Whether the child died of its memory limit: Rust aborts with "memory
    /// allocation of N bytes failed", C++ with `std::bad_alloc`, C libraries
    /// report "out of memory"/"Cannot allocate memory".
    pub fn out_of_memory(&self) -> bool {
        let err = String::from_utf8_lossy(&self.stderr);
        [
            "memory allocation of",
            "out of memory",
            "bad_alloc",
            "Cannot allocate memory",
        ]
        .iter()
        .any(|s| err.contains(s))
    }

    /// Whether the child was stopped by its CPU limit (`RLIMIT_CPU`: the
    /// kernel's `SIGXCPU`), which is a time limit.
    pub fn out_of_cpu_time(&self) -> bool {
        self.status.signal() == Some(libc::SIGXCPU)
    }

    /// `exit status 3`, `killed by signal 6`, for messages.
    pub fn describe_status(&self) -> String {
        match (self.status.code(), self.status.signal()) {
            (Some(code), _) => format!("exit status {code}"),
            (None, Some(sig)) => format!("killed by signal {sig}"),
            _ => self.status.to_string(),
        }
    }

    /// The last non-empty line of stderr (the error, usually).
    pub fn last_stderr_line(&self) -> String {
        String::from_utf8_lossy(&self.stderr)
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string()
    }
}

/// Why a bounded child gave no result.
#[derive(Debug, thiserror::Error)]
pub enum BoundedError {
    #[error("cannot start {program}: {source}")]
    Spawn {
        program: String,
        source: std::io::Error,
    },
    #[error("cannot wait for {program}: {source}")]
    Wait {
        program: String,
        source: std::io::Error,
    },
    #[error("{program} ran longer than {seconds:.1} s and was killed")]
    Timeout { program: String, seconds: f64 },
}

/// Makes `cmd` start confined (all set between fork and exec):
///
/// - its address space capped at `memory_bytes` (`RLIMIT_AS`);
/// - its CPU time capped at `cpu_seconds` (`RLIMIT_CPU`: the kernel sends
///   `SIGXCPU`, which ends it) — a bound that holds even when the parent
///   cannot enforce its wall-clock one (stopped, or dead);
/// - killed (`SIGKILL`) when the parent dies (`PR_SET_PDEATHSIG`, Linux):
///   a `kill -9` of a run used to leave its PDF worker spinning at 97% CPU
///   past its budget (issue 13). The signal is tied to the thread that
///   spawned the child; every spawner here outlives its children (the
///   PDF worker is dropped, and so killed, with its extraction thread);
/// - without core files.
///
/// A parent that died between fork and `prctl` is caught by comparing the
/// parent's pid before and after: the child then exits at once.
pub fn confine(cmd: &mut Command, memory_bytes: u64, cpu_seconds: u64) {
    // SAFETY: getpid(2) in the parent; between fork and exec only
    // async-signal-safe calls are made (setrlimit, prctl, getppid, _exit),
    // and nothing is allocated.
    let parent = unsafe { libc::getpid() };
    // A confined process (the document worker) confining its own children
    // (the PDF worker, OCR programs): a child may not be given more than
    // this process's hard limits, which setrlimit would refuse.
    let memory_bytes = memory_bytes.min(hard_limit(libc::RLIMIT_AS));
    let cpu_seconds = cpu_seconds
        .max(1)
        .min(hard_limit(libc::RLIMIT_CPU).saturating_sub(1).max(1));
    unsafe {
        cmd.pre_exec(move || {
            let as_limit = libc::rlimit {
                rlim_cur: memory_bytes as libc::rlim_t,
                rlim_max: memory_bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &as_limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            let cpu = libc::rlimit {
                rlim_cur: cpu_seconds.max(1) as libc::rlim_t,
                rlim_max: cpu_seconds.max(1).saturating_add(1) as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_CPU, &cpu) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // A child that aborts must not leave a core file per bad input.
            let no_core = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &no_core);
            #[cfg(target_os = "linux")]
            {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if libc::getppid() != parent {
                    libc::_exit(1);
                }
            }
            #[cfg(not(target_os = "linux"))]
            let _ = parent;
            Ok(())
        });
    }
}

/// This process's hard limit of `resource` (`u64::MAX`: none).
fn hard_limit(resource: libc::__rlimit_resource_t) -> u64 {
    // SAFETY: getrlimit on this process, with a struct we own.
    unsafe {
        let mut lim: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(resource, &mut lim) != 0 || lim.rlim_max == libc::RLIM_INFINITY {
            return u64::MAX;
        }
        lim.rlim_max as u64
    }
}

/// CPU seconds allowed to a child whose wall-clock budget is `wall`: the
/// wall clock bounds it while the parent watches; this bounds it when the
/// parent cannot. Twice the budget plus a second, so a child using two
/// cores for its whole time is not cut short.
pub fn cpu_seconds_for(wall: Duration) -> u64 {
    wall.as_secs_f64().ceil().min(1e9) as u64 * 2 + 1
}

/// Runs `cmd` with `input` on its stdin (none: stdin is `/dev/null`),
/// collecting stdout and the start of stderr, within `limits`.
///
/// # Errors
/// [`BoundedError::Spawn`] when the program cannot be started (not
/// installed, not executable), [`BoundedError::Timeout`] when it was killed
/// at its time limit. A child that exits with an error status is a
/// [`Finished`], not an error: its caller knows what the status means.
pub fn run_bounded(
    cmd: &mut Command,
    input: Option<Vec<u8>>,
    limits: &Limits,
) -> Result<Finished, BoundedError> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    confine(cmd, limits.memory_bytes, cpu_seconds_for(limits.timeout));
    let mut child = cmd.spawn().map_err(|source| BoundedError::Spawn {
        program: program.clone(),
        source,
    })?;

    // Feed stdin and drain stdout/stderr on their own threads: a child that
    // fills a pipe while we wait on another would deadlock.
    let mut stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let (Some(s), Some(bytes)) = (stdin.as_mut(), input) {
            // A child that dies early closes the pipe: its status says why.
            let _ = s.write_all(&bytes);
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
    // (polling added up to a poll interval to every call); on timeout the
    // child is killed by pid and the waiting thread reaps it.
    let pid = child.id() as libc::pid_t;
    let (tx, rx) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    let status = match rx.recv_timeout(limits.timeout) {
        Ok(Ok(status)) => status,
        Ok(Err(source)) => return Err(BoundedError::Wait { program, source }),
        Err(_) => {
            // SAFETY: plain kill(2); the child is not reaped yet (the waiter
            // is still blocked in wait), so the pid cannot have been reused.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
            let _ = waiter.join(); // reaps: no zombie per timed-out child
            let _ = writer.join();
            let _ = reader.join();
            let _ = err_reader.join();
            return Err(BoundedError::Timeout {
                program,
                seconds: limits.timeout.as_secs_f64(),
            });
        }
    };
    let _ = waiter.join();
    let _ = writer.join();
    let stdout = reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    Ok(Finished {
        status,
        stdout,
        stderr,
    })
}

/// What a [`Server`] is started with: a server is reused only for the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerSpec {
    pub exe: PathBuf,
    pub args: Vec<String>,
    /// Its address-space limit (`RLIMIT_AS`, hard; a server may lower its
    /// own soft limit per request).
    pub memory_bytes: u64,
    /// Its CPU limit over its whole life (`RLIMIT_CPU`; a server lowers its
    /// own soft limit per request, [`limit_cpu_from_now`]).
    pub cpu_seconds: u64,
}

/// Why a [`Server`] gave no reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// It closed its stdout or wrote no reply: it crashed or aborted.
    Died,
    /// It ran past the time limit.
    Timeout,
}

/// A child serving requests until its stdin closes, confined
/// ([`confine`]): each request one or more frames on its stdin, each reply
/// one frame on its stdout (a frame: its length as 8 bytes little-endian,
/// then the bytes). Threads feed and drain its pipes (a child that fills
/// one pipe while the parent writes another would deadlock). The PDF
/// worker and the document worker are servers.
pub struct Server {
    pub spec: ServerSpec,
    child: Child,
    /// Requests to the stdin thread; `None` once the server is told to stop.
    requests: Option<Sender<Vec<Arc<Vec<u8>>>>>,
    /// Reply frames from the stdout thread; an error at the end of stdout.
    replies: Receiver<std::io::Result<Vec<u8>>>,
    /// The latest [`STDERR_KEEP`] bytes of stderr since the last reply (a
    /// fresh server's start-up included).
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_thread: Option<JoinHandle<()>>,
    /// Requests answered so far.
    pub served: usize,
}

impl Server {
    /// Starts `spec.exe spec.args…`, confined.
    ///
    /// # Errors
    /// When the process or its pipe threads cannot be started.
    pub fn start(spec: ServerSpec) -> std::io::Result<Server> {
        let mut cmd = Command::new(&spec.exe);
        cmd.args(&spec.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        confine(&mut cmd, spec.memory_bytes, spec.cpu_seconds);
        let mut child = cmd.spawn()?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::ErrorKind::BrokenPipe.into());
        };

        let (requests, request_rx) = channel::<Vec<Arc<Vec<u8>>>>();
        let (reply_tx, replies) = channel();
        let kept = Arc::new(Mutex::new(Vec::new()));
        let kept_by_thread = Arc::clone(&kept);
        let threads = [
            std::thread::Builder::new()
                .name("server-stdin".into())
                .spawn(move || {
                    let mut w = BufWriter::new(stdin);
                    // Ends when the server is dropped, or on a broken pipe
                    // (the child died: its stdout says so).
                    for frames in request_rx {
                        let frames: Vec<&[u8]> = frames.iter().map(|f| f.as_slice()).collect();
                        if write_frames(&mut w, &frames).is_err() {
                            break;
                        }
                    }
                }),
            std::thread::Builder::new()
                .name("server-stdout".into())
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
                .name("server-stderr".into())
                .spawn(move || keep_tail(stderr, &kept_by_thread)),
        ];
        let mut handles = Vec::with_capacity(3);
        for t in threads {
            match t {
                Ok(h) => handles.push(h),
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(e);
                }
            }
        }
        // The stdin and stdout threads end with the pipes; only stderr's
        // is joined, for the complete message of a dead child.
        let stderr_thread = handles.pop();
        Ok(Server {
            spec,
            child,
            requests: Some(requests),
            replies,
            stderr: kept,
            stderr_thread,
            served: 0,
        })
    }

    /// The child's process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Sends one request and waits for its reply within `timeout`.
    ///
    /// # Errors
    /// [`Stop`]: the child died, or ran out of time (it is then still
    /// running: drop the server to kill it).
    pub fn request(
        &mut self,
        frames: Vec<Arc<Vec<u8>>>,
        timeout: Duration,
    ) -> Result<Vec<u8>, Stop> {
        let sent = self
            .requests
            .as_ref()
            .is_some_and(|r| r.send(frames).is_ok());
        if !sent {
            return Err(Stop::Died);
        }
        match self.replies.recv_timeout(timeout) {
            Ok(Ok(frame)) => {
                // Stderr is kept from one reply to the next: clearing it
                // before a request raced a child that wrote and died at
                // once (its words could be read before the clearing).
                if let Ok(mut e) = self.stderr.lock() {
                    e.clear();
                }
                self.served += 1;
                Ok(frame)
            }
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(Stop::Died),
            Err(RecvTimeoutError::Timeout) => Err(Stop::Timeout),
        }
    }

    /// How a child that gave no reply ended: reaps it and reads the rest of
    /// its stderr.
    pub fn died(mut self) -> Finished {
        let status = self.stop();
        let stderr = match self.stderr_thread.take().map(JoinHandle::join) {
            Some(Ok(())) => self.stderr.lock().map(|e| e.clone()).unwrap_or_default(),
            _ => Vec::new(),
        };
        Finished {
            status,
            stdout: Vec::new(),
            stderr,
        }
    }

    /// Closes the child's stdin (an idle server then exits), kills it if
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
            .unwrap_or_else(|_| ExitStatus::from_raw(0))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.requests.is_some() {
            // A server busy past its time is killed at once.
            let _ = self.child.kill();
            self.stop();
        }
    }
}

/// How long a server that closed its stdout, or was told to stop, is given
/// to exit before it is killed.
const EXIT_GRACE: Duration = Duration::from_secs(1);

/// Keeps the last [`STDERR_KEEP`] bytes read from `from` in `kept`.
pub fn keep_tail(mut from: impl Read, kept: &Mutex<Vec<u8>>) {
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

/// Writes one frame: its length as 8 bytes little-endian, then `bytes`.
///
/// # Errors
/// Write errors.
pub fn write_frame(w: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    write_frames(w, &[bytes])
}

/// Writes `frames` ([`write_frame`] each) in one vectored write where the
/// writer takes it, then flushes.
///
/// A request or a reply goes down a pipe to a process waiting on it: each
/// separate write (a length, then the bytes past a full buffer) could wake
/// the reader for part of a frame, and a wake-up costs more than the copy.
/// A `BufWriter` passes a vectored write larger than its buffer straight
/// to the pipe (`writev`), so a frame or a request is one system call.
///
/// # Errors
/// Write errors.
pub fn write_frames(w: &mut impl Write, frames: &[&[u8]]) -> std::io::Result<()> {
    let lengths: Vec<[u8; 8]> = frames
        .iter()
        .map(|f| (f.len() as u64).to_le_bytes())
        .collect();
    let mut slices: Vec<std::io::IoSlice> = lengths
        .iter()
        .zip(frames)
        .flat_map(|(len, f)| [std::io::IoSlice::new(len), std::io::IoSlice::new(f)])
        .collect();
    let mut rest = &mut slices[..];
    while !rest.is_empty() {
        match w.write_vectored(rest) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => std::io::IoSlice::advance_slices(&mut rest, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    w.flush()
}

/// The most [`read_frame`] reserves before reading a frame.
const FRAME_RESERVE: u64 = 64 * 1024 * 1024;

/// One frame, or `None` at the end of the stream.
///
/// # Errors
/// Read errors, and a frame cut short.
pub fn read_frame(r: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 8];
    match r.read_exact(&mut len) {
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        other => other?,
    }
    let len = u64::from_le_bytes(len);
    // Room for the whole frame at once (within reason: the length is only
    // a claim), so it is read in as few calls as the pipe allows rather
    // than into a vector grown from nothing.
    let mut bytes = Vec::with_capacity(len.min(FRAME_RESERVE) as usize);
    r.take(len).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != len {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(bytes))
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

/// Sets this process's soft address-space limit (`RLIMIT_AS`) back to its
/// hard limit: what [`limit_memory_from_now`] with no bound comes to,
/// without reading `/proc/self/statm` to add to it.
pub fn lift_memory_limit() {
    // SAFETY: getrlimit/setrlimit on this process, with a struct we own.
    unsafe {
        let mut lim: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_AS, &mut lim) == 0 {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_AS, &lim);
        }
    }
}

/// Keeps glibc's own malloc to one arena. The program allocates through
/// mimalloc, but libc still mallocs inside each thread (thread start,
/// pipes' buffers), and glibc gives every thread that runs at once an
/// arena of its own, each reserving 64 MiB of address space: OCR's page
/// threads, each with the four threads of [`run_bounded`] per program run,
/// reserved 64 MiB more per program until the document's address-space
/// budget ([`limit_memory_from_now`]) refused a thread's stack (held-out
/// GM1, a three-page scan: `failed to spawn thread`). Call it at start,
/// before threads.
pub fn one_libc_arena() {
    #[cfg(target_env = "gnu")]
    // SAFETY: mallopt sets a tunable of glibc's allocator; no memory is
    // touched.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// This process's address space now, bytes (`/proc/self/statm`), if known.
pub fn address_space_bytes() -> Option<u64> {
    statm_bytes(0)
}

/// This process's resident memory now, bytes (`/proc/self/statm`), if
/// known.
pub fn resident_bytes() -> Option<u64> {
    statm_bytes(1)
}

/// Field `index` of `/proc/self/statm` (sizes in pages), in bytes.
///
/// The file is opened once and read again from its start each time (the
/// kernel makes its text anew on each read at offset 0): a document worker
/// reads it twice per document, and opening and closing a `/proc` file
/// were two of its three system calls.
fn statm_bytes(index: usize) -> Option<u64> {
    use std::os::unix::fs::FileExt;
    static STATM: std::sync::OnceLock<Option<std::fs::File>> = std::sync::OnceLock::new();
    let file = STATM
        .get_or_init(|| std::fs::File::open("/proc/self/statm").ok())
        .as_ref()?;
    // Seven numbers of pages: 128 bytes hold any address space.
    let mut buf = [0u8; 128];
    let n = file.read_at(&mut buf, 0).ok()?;
    let statm = std::str::from_utf8(&buf[..n]).ok()?;
    let pages: u64 = statm.split_whitespace().nth(index)?.parse().ok()?;
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Some(pages * u64::try_from(page).ok()?)
}

/// Sets this process's soft address-space limit (`RLIMIT_AS`) to
/// `bytes` more than it uses now, within the hard limit: an allocation past
/// it fails (Rust aborts with "memory allocation of N bytes failed").
/// Returns the limit set.
pub fn limit_memory_from_now(bytes: u64) -> Option<u64> {
    let now = address_space_bytes()?;
    // SAFETY: getrlimit/setrlimit on this process, with a struct we own.
    unsafe {
        let mut lim: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_AS, &mut lim) != 0 {
            return None;
        }
        let want = now.saturating_add(bytes) as libc::rlim_t;
        lim.rlim_cur = if lim.rlim_max == libc::RLIM_INFINITY {
            want
        } else {
            want.min(lim.rlim_max)
        };
        if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
            return None;
        }
        Some(lim.rlim_cur as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIB: u64 = 1024 * 1024 * 1024;

    /// Programs run side by side from several threads, each with its
    /// pipes' threads, add no 64 MiB arena per thread to the address
    /// space once glibc's malloc keeps one (held-out GM1: a scan's pages
    /// read two at a time outgrew the document's budget).
    #[test]
    fn threads_running_programs_keep_one_libc_arena() {
        one_libc_arena();
        let limits = Limits {
            timeout: Duration::from_secs(10),
            memory_bytes: GIB,
        };
        let before = address_space_bytes().expect("statm");
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    for _ in 0..3 {
                        run_bounded(&mut Command::new("cat"), Some(vec![b'x'; 1 << 16]), &limits)
                            .expect("cat runs");
                    }
                });
            }
        });
        let grown = address_space_bytes().expect("statm").saturating_sub(before);
        assert!(
            grown < 128 << 20,
            "address space grew by {} MiB",
            grown >> 20
        );
    }

    #[test]
    fn collects_output_and_status() {
        let limits = Limits {
            timeout: Duration::from_secs(10),
            memory_bytes: GIB,
        };
        let done = run_bounded(
            Command::new("sh").args(["-c", "cat; echo oops >&2; exit 3"]),
            Some(b"hello".to_vec()),
            &limits,
        )
        .expect("sh runs");
        assert_eq!(done.stdout, b"hello");
        assert_eq!(done.last_stderr_line(), "oops");
        assert_eq!(done.describe_status(), "exit status 3");
    }

    #[test]
    fn frames_written_together_read_back_one_by_one() {
        // Past a BufWriter's buffer (8 KiB) and the socket's: the vectored
        // write is then partial, and goes on where it stopped.
        let big: Vec<u8> = (0..2_000_000u32).map(|i| (i % 251) as u8).collect();
        let (mut r, w) = std::os::unix::net::UnixStream::pair().expect("socket pair");
        let big_sent = big.clone();
        let writer = std::thread::spawn(move || {
            let mut w = BufWriter::new(w);
            write_frames(&mut w, &[b"head", &big_sent, b""]).expect("write");
            write_frame(&mut w, b"next").expect("write");
        });
        assert_eq!(read_frame(&mut r).expect("read"), Some(b"head".to_vec()));
        assert_eq!(read_frame(&mut r).expect("read"), Some(big));
        assert_eq!(read_frame(&mut r).expect("read"), Some(Vec::new()));
        assert_eq!(read_frame(&mut r).expect("read"), Some(b"next".to_vec()));
        writer.join().expect("writer");
        assert_eq!(read_frame(&mut r).expect("read"), None);
    }

    #[test]
    fn statm_is_read_anew_each_time() {
        // Zeroed, so mapped but not touched: address space, not memory.
        let before = address_space_bytes().expect("statm");
        let held = std::hint::black_box(vec![0u8; 256 * 1024 * 1024]);
        let after = address_space_bytes().expect("statm");
        assert!(after >= before + 128 * 1024 * 1024, "{before} -> {after}");
        drop(held);
    }

    #[test]
    fn kills_at_the_time_limit() {
        let limits = Limits {
            timeout: Duration::from_millis(200),
            memory_bytes: GIB,
        };
        let start = std::time::Instant::now();
        let err =
            run_bounded(Command::new("sleep").arg("30"), None, &limits).expect_err("must time out");
        assert!(matches!(err, BoundedError::Timeout { .. }), "{err}");
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_missing_program_is_a_spawn_error() {
        let limits = Limits {
            timeout: Duration::from_secs(1),
            memory_bytes: GIB,
        };
        let err = run_bounded(&mut Command::new("/nonexistent/tesseract"), None, &limits)
            .expect_err("not installed");
        assert!(matches!(err, BoundedError::Spawn { .. }), "{err}");
    }
}
