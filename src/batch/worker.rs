//! The document worker: the whole per-document pipeline ([`crate::extract`]:
//! decode → structure → entities → record → schema check) in a child
//! process, `<exe> doc-worker --serve`, under a memory and a CPU budget.
//!
//! A thread cannot be stopped and an allocation cannot fail gracefully: a
//! web page or a text file that makes the pipeline allocate gigabytes
//! (6 MB of `50%`, a 50 MB line of figures) would take the whole run down
//! with it, and two at once could get it killed by the kernel. A counting
//! allocator could see the budget crossed but not undo the allocation (it
//! must not unwind), so the limit that holds is the kernel's: each
//! document runs in a process whose address space (`RLIMIT_AS`) is its
//! budget ([`crate::config::MemoryBudget`], a floor plus a multiple of its
//! size) and whose CPU time (`RLIMIT_CPU`) is twice its wall-clock limit.
//! Past its memory the worker aborts ("memory allocation of N bytes
//! failed"), and the document fails with `memory_budget`; past its time it
//! is killed (`extract_timeout`); any other death is `worker_failed`. Its
//! extraction thread then starts a fresh worker for the next document.
//!
//! Like the PDF worker ([`crate::decode::pdf::worker`], which it runs in
//! turn for PDFs), each extraction thread keeps its worker from one
//! document to the next ([`crate::config::WorkerOptions::documents`]); the
//! budget is set before each document, on top of what the idle worker
//! holds (freed heap it keeps is reused, not added to), so a document
//! fails only where it would fail alone; freed heap past 64 MiB is given
//! back to the system after the document that left it. A worker that dies after
//! having extracted others gets the document once more in a fresh worker.
//!
//! The wire: the parent sends two frames per document ([`Request`] as
//! JSON, then the bytes); the worker answers one frame, ending in a byte
//! that says what it holds ([`REPLY_RECORD`], [`REPLY_FAILED`]): the
//! document's error (code, stage, message) as JSON, or the record — the
//! pretty JSON its file holds ([`crate::output::json::to_pretty`]), then
//! its rows in the release tables (CSV, when asked for), then a [`Head`]
//! (JSON: the parts' lengths, the record's summary counts) and its length.
//! The batch writes the record's bytes as they came and takes its counts
//! and rows as made: it neither parses the record nor prints it again (a
//! record round-trips through its JSON, so a parse printed again gave the
//! same bytes, at the cost of both).

use std::cell::RefCell;
use std::io::{BufReader, BufWriter, Read, Write};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::decode::bounded::{
    cpu_seconds_for, lift_memory_limit, limit_cpu_from_now, limit_memory_from_now, read_frame,
    resident_bytes, write_frame, Server, ServerSpec, Stop,
};
use crate::decode::DecodeOptions;
use crate::error::DocErrorKind;
use crate::fetch::RawDocument;
use crate::model::{ErrorCode, Stage};
use crate::output::release;

use super::RecordCounts;
use crate::{Config, DocError, Notice};

/// The subcommand the worker executable is run with.
pub const WORKER_COMMAND: &str = "doc-worker";

/// The flag that makes the worker serve documents until its stdin closes.
pub const SERVE_FLAG: &str = "--serve";

/// Address space the worker's hard limit allows beyond the largest budget:
/// the idle worker (its code, stacks, the PDF worker's pipe threads).
const WORKER_OWN_BYTES: u64 = 512 * 1024 * 1024;

/// What the worker is told about a document, besides its bytes.
#[derive(Debug, Serialize, Deserialize)]
struct Request {
    id: String,
    uri: String,
    content_type: Option<String>,
    sha256: Option<String>,
    decode: DecodeOptions,
    /// Address space the document may add to the idle worker.
    memory_bytes: u64,
    /// CPU seconds the document may use.
    cpu_seconds: u64,
    /// Whether to send the record's rows in the release tables.
    rows: bool,
}

/// A document's error as it crosses the process boundary.
#[derive(Debug, Serialize, Deserialize)]
struct Failed {
    stage: Stage,
    code: ErrorCode,
    message: String,
}

/// What the worker answers for a document.
type Reply = Result<Notice, Failed>;

/// The last byte of a reply frame holding a record (pretty JSON).
const REPLY_RECORD: u8 = b'R';

/// The last byte of a reply frame holding a [`Failed`] (JSON).
const REPLY_FAILED: u8 = b'F';

/// A record extracted in a worker, as it came: its file's bytes, and what
/// the batch needs of it besides, made from the notice in the worker.
pub struct Extracted {
    /// The record's file (`to_pretty(&notice)`).
    pub pretty: Vec<u8>,
    /// Its summary counts ([`RecordCounts::of_notice`]).
    pub counts: RecordCounts,
    /// Whether it lists attachments.
    pub attachments: bool,
    /// Its rows in the release tables ([`release::rows_of`]), when they
    /// were asked for and could be made (else the notice tells why not).
    pub rows: Option<Vec<Vec<u8>>>,
}

impl Extracted {
    /// The notice, read back from its record.
    ///
    /// # Errors
    /// `worker_failed` when the record does not read (the worker wrote
    /// something else).
    pub fn notice(&self) -> Result<Notice, DocError> {
        serde_json::from_slice(&self.pretty).map_err(|e| {
            DocError::new(
                Stage::Extract,
                DocErrorKind::Worker {
                    detail: format!("unreadable record in the reply: {e}"),
                },
            )
        })
    }
}

/// The end of a record's reply, before its length: where its parts end,
/// and what is known of the record.
#[derive(Debug, Serialize, Deserialize)]
struct Head {
    /// Bytes of the record's pretty JSON, at the start of the frame.
    record: u64,
    /// Bytes of its rows in each release table, after it.
    rows: Option<Vec<u64>>,
    counts: RecordCounts,
    attachments: bool,
}

thread_local! {
    /// This extraction thread's worker, idle between two documents.
    static WORKER: RefCell<Option<Server>> = const { RefCell::new(None) };
}

/// Extracts `raw` in this thread's document worker (started when there is
/// none) within `timeout` and the document's memory budget.
///
/// # Errors
/// The document's own [`DocError`] as the worker reported it; stage
/// `extract`: `memory_budget` past its memory, `extract_timeout` past its
/// time (wall clock, or CPU time), `worker_failed` when the worker could
/// not be started or died otherwise.
pub fn extract_in_child(
    exe: &std::path::Path,
    raw: RawDocument,
    cfg: &Config,
    timeout: Duration,
    rows: bool,
) -> Result<Extracted, DocError> {
    let opts = &cfg.worker;
    let cpu_seconds = cpu_seconds_for(timeout);
    let spec = ServerSpec {
        exe: exe.to_path_buf(),
        args: vec![WORKER_COMMAND.into(), SERVE_FLAG.into()],
        // Room for the idle worker itself (40 MiB or so) under its
        // documents' budgets, each set on top of it.
        memory_bytes: opts.memory.max_bytes.saturating_add(WORKER_OWN_BYTES),
        cpu_seconds: cpu_seconds.saturating_mul(opts.documents.max(1) as u64),
    };
    let input_bytes = raw.bytes.len() as u64;
    let memory_bytes = opts.memory.for_input(input_bytes);
    let failed = |kind| DocError::new(Stage::Extract, kind);
    let request = Request {
        id: raw.id.clone(),
        uri: raw.uri.clone(),
        content_type: raw.content_type.clone(),
        sha256: raw.sha256.get().cloned(),
        decode: cfg.decode.clone(),
        memory_bytes,
        cpu_seconds,
        rows,
    };
    let header = Arc::new(serde_json::to_vec(&request).map_err(|e| {
        failed(DocErrorKind::Worker {
            detail: format!("cannot encode the request: {e}"),
        })
    })?);
    let bytes = Arc::new(raw.bytes);
    let mut retried = false;
    loop {
        let idle = WORKER.with(|w| w.borrow_mut().take());
        let mut worker = match idle {
            Some(w) if w.spec == spec => w,
            _ => Server::start(spec.clone()).map_err(|e| {
                failed(DocErrorKind::Worker {
                    detail: format!("cannot start {}: {e}", exe.display()),
                })
            })?,
        };
        let fresh = worker.served == 0;
        match worker.request(vec![Arc::clone(&header), Arc::clone(&bytes)], timeout) {
            Ok(frame) => {
                let Some(reply) = decode_reply(frame) else {
                    return Err(died(worker, timeout, memory_bytes, input_bytes));
                };
                if worker.served < opts.documents {
                    WORKER.with(|w| *w.borrow_mut() = Some(worker));
                }
                return reply.map_err(|f| {
                    DocError::new(
                        f.stage,
                        DocErrorKind::Reported {
                            code: f.code,
                            message: f.message,
                        },
                    )
                });
            }
            // Maybe the earlier documents' doing: once more, alone.
            Err(Stop::Died) if !fresh && !retried => {
                let done = worker.died();
                if done.out_of_memory() || done.out_of_cpu_time() {
                    // Its own budget, set on top of the idle worker: the
                    // document's doing, not the earlier ones'.
                    return Err(reason(&done, timeout, memory_bytes, input_bytes));
                }
                retried = true;
            }
            Err(Stop::Died) => return Err(died(worker, timeout, memory_bytes, input_bytes)),
            Err(Stop::Timeout) => {
                drop(worker); // killed and reaped
                return Err(failed(DocErrorKind::Timeout(timeout)));
            }
        }
    }
}

/// A reply frame read: `None` when it is not one (a worker that wrote
/// something else is as good as dead).
fn decode_reply(mut frame: Vec<u8>) -> Option<Result<Extracted, Failed>> {
    match frame.pop()? {
        REPLY_RECORD => {
            let head_end = frame.len().checked_sub(8)?;
            let head_len = u64::from_le_bytes(frame[head_end..].try_into().ok()?);
            let head_start = head_end.checked_sub(usize::try_from(head_len).ok()?)?;
            let head: Head = serde_json::from_slice(&frame[head_start..head_end]).ok()?;
            frame.truncate(head_start);
            let record = usize::try_from(head.record).ok()?;
            let mut at = record;
            let rows = match head.rows {
                Some(lengths) => {
                    let mut rows = Vec::with_capacity(lengths.len());
                    for len in lengths {
                        let end = at.checked_add(usize::try_from(len).ok()?)?;
                        rows.push(frame.get(at..end)?.to_vec());
                        at = end;
                    }
                    Some(rows)
                }
                None => None,
            };
            if at != frame.len() {
                return None;
            }
            frame.truncate(record);
            Some(Ok(Extracted {
                pretty: frame,
                counts: head.counts,
                attachments: head.attachments,
                rows,
            }))
        }
        REPLY_FAILED => serde_json::from_slice::<Failed>(&frame).ok().map(Err),
        _ => None,
    }
}

/// A reply as a frame (see the module doc); the record's rows with it
/// when `rows`.
fn encode_reply(reply: &Reply, rows: bool) -> serde_json::Result<Vec<u8>> {
    let notice = match reply {
        Ok(notice) => notice,
        Err(failed) => {
            let mut frame = serde_json::to_vec(failed)?;
            frame.push(REPLY_FAILED);
            return Ok(frame);
        }
    };
    let mut frame = crate::output::json::to_pretty(notice).into_bytes();
    let record = frame.len() as u64;
    // Rows that cannot be made are left to the parent, which reads the
    // notice back and meets the same error.
    let rows = rows
        .then(|| release::rows_of(notice).ok())
        .flatten()
        .map(|rows| {
            rows.iter()
                .map(|r| {
                    frame.extend_from_slice(r);
                    r.len() as u64
                })
                .collect()
        });
    let head = serde_json::to_vec(&Head {
        record,
        rows,
        counts: RecordCounts::of_notice(notice),
        attachments: !notice.attachments.is_empty(),
    })?;
    frame.extend_from_slice(&head);
    frame.extend_from_slice(&(head.len() as u64).to_le_bytes());
    frame.push(REPLY_RECORD);
    Ok(frame)
}

/// The process id of this thread's idle document worker, if any (for
/// tests: a worker is reused, and replaced after a failure).
#[doc(hidden)]
pub fn idle_worker_pid() -> Option<u32> {
    WORKER.with(|w| w.borrow().as_ref().map(Server::id))
}

/// The error of a worker that gave no reply: reaps it and reads its stderr.
fn died(worker: Server, timeout: Duration, memory_bytes: u64, input_bytes: u64) -> DocError {
    reason(&worker.died(), timeout, memory_bytes, input_bytes)
}

fn reason(
    done: &crate::decode::bounded::Finished,
    timeout: Duration,
    memory_bytes: u64,
    input_bytes: u64,
) -> DocError {
    let kind = if done.out_of_cpu_time() {
        // Its CPU limit (RLIMIT_CPU) is a time limit.
        DocErrorKind::Timeout(timeout)
    } else if done.out_of_memory() {
        // Under RLIMIT_AS a failed allocation is the memory budget.
        DocErrorKind::MemoryBudget {
            limit_mib: memory_bytes / (1024 * 1024),
            input_bytes,
        }
    } else {
        DocErrorKind::Worker {
            detail: format!(
                "{}, no reply; stderr: {}",
                done.describe_status(),
                done.last_stderr_line()
            ),
        }
    };
    DocError::new(Stage::Extract, kind)
}

/// The worker's side of `--serve`: extracts each document framed on
/// `input` and writes each reply framed on `output`, until `input` ends.
///
/// # Errors
/// Only I/O errors on the pipes (and a request that is not JSON); a
/// document that fails is a reply, not an error.
pub fn serve(input: impl Read, output: impl Write) -> std::io::Result<()> {
    let mut input = BufReader::new(input);
    let mut output = BufWriter::new(output);
    let mut trimmed = resident_bytes().unwrap_or(0);
    while let Some(header) = read_frame(&mut input)? {
        let bytes = read_frame(&mut input)?
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::UnexpectedEof))?;
        let request: Request = serde_json::from_slice(&header).map_err(std::io::Error::other)?;
        drop(header);
        limit_cpu_from_now(request.cpu_seconds);
        limit_memory_from_now(request.memory_bytes);
        let rows = request.rows;
        let frame = encode_reply(&extract_one(request, bytes), rows)?;
        write_frame(&mut output, &frame)?;
        drop(frame);
        give_back_memory(&mut trimmed);
    }
    Ok(())
}

/// One document, in the worker: its record or its error.
fn extract_one(request: Request, bytes: Vec<u8>) -> Reply {
    let raw = RawDocument {
        id: request.id,
        uri: request.uri,
        bytes,
        content_type: request.content_type,
        sha256: request
            .sha256
            .map(std::sync::OnceLock::from)
            .unwrap_or_default(),
    };
    // Not `..Config::default()`: that would build a default `DecodeOptions`
    // only to drop it, and its OCR defaults ask the system for the number
    // of CPUs (reading cgroup files) — 1.5% of a run, once per document.
    let cfg = Config {
        decode: request.decode,
        fetch: crate::config::FetchOptions::default(),
        worker: crate::config::WorkerOptions::default(),
    };
    match std::panic::catch_unwind(AssertUnwindSafe(|| crate::extract(&raw, &cfg))) {
        Ok(Ok(notice)) => Ok(notice),
        Ok(Err(e)) => Err(Failed {
            stage: e.stage,
            code: e.code(),
            message: e.to_string(),
        }),
        Err(panic) => {
            let e = DocError::new(
                Stage::Extract,
                DocErrorKind::Panic(crate::model::error::panic_message(panic.as_ref())),
            );
            Err(Failed {
                stage: e.stage,
                code: e.code(),
                message: e.to_string(),
            })
        }
    }
}

/// Freed heap a worker may keep resident between two documents, for the
/// next ones to reuse.
const KEEP_FREED_BYTES: u64 = 64 * 1024 * 1024;

/// Between two documents: the memory limit back to the worker's own, and,
/// when the worker holds more than [`KEEP_FREED_BYTES`] of memory beyond
/// what it held after its last trim (`trimmed`), the heap the documents
/// freed back to the system.
///
/// The budget of the next document does not depend on the trim: its limit
/// is an address-space one (`RLIMIT_AS`), set on top of what the worker
/// holds, and freed heap the worker keeps is address space the next
/// document reuses rather than adds to (`malloc_trim` gives pages back
/// with `madvise`, which leaves them in the address space, and shrinks
/// only the top of the heap, which the next document would grow again).
/// What the trim gives back is resident memory. Trimming after every
/// document cost 4–8% of the CPU of a run of 594 web pages (two
/// measurements on a loaded machine: the `madvise` calls, then
/// the page faults of the next document on the pages given back), for
/// heaps of a few MiB that the next page reuses anyway; a document that
/// left more still has it given back at once.
fn give_back_memory(trimmed: &mut u64) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if resident_bytes().is_none_or(|now| now > trimmed.saturating_add(KEEP_FREED_BYTES)) {
        // SAFETY: malloc_trim only releases free memory of glibc's heap.
        unsafe {
            libc::malloc_trim(0);
        }
        *trimmed = resident_bytes().unwrap_or(0);
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = trimmed;
    lift_memory_limit();
}
