//! A child process under a wall-time and a memory limit.
//!
//! Decoding runs code we do not trust with documents we do not trust: a PDF
//! parser in the `pdf-worker` child, `pdftoppm` and `tesseract` for OCR. A
//! panic can be caught in-process; a loop, a runaway allocation or a crash
//! cannot. So each runs as a child process whose address space and CPU
//! time are capped (`RLIMIT_AS`, `RLIMIT_CPU`, set between fork and exec),
//! which the kernel kills when its parent dies, and which is killed and
//! reaped when it runs past its time ([`confine`]). [`run_bounded`] is the one place that does it.

use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, ExitStatus, Stdio};
use std::time::Duration;

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

#[cfg(test)]
mod tests {
    use super::*;

    const GIB: u64 = 1024 * 1024 * 1024;

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
