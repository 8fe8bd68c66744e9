//! The guard around one document's extraction: a panic (PDF crates can
//! panic on malformed files) or a run over the time limit becomes that
//! document's [`DocError`], and the batch goes on.
//!
//! With [`crate::config::WorkerOptions::exe`] set (the CLI sets it), the
//! document is extracted in a worker process instead ([`super::worker`]),
//! under a memory budget too, and killed at its time limit.
//!
//! Without, each rayon worker keeps one extraction thread from one document to the
//! next (spawning a thread per document costs more than a small page's
//! extraction). A thread that times out cannot be killed: it is abandoned
//! and its result dropped, and the next document gets a new thread.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender};
use std::sync::Arc;
use std::time::Duration;

use crate::error::DocErrorKind;
use crate::fetch::RawDocument;
use crate::model::Stage;
use crate::{extract, Config, DocError, Notice};

/// The extraction a thread runs ([`extract`]; tests pass one that panics
/// or hangs).
pub(crate) type ExtractFn = fn(&RawDocument, &Config) -> Result<Notice, DocError>;

type Job = (RawDocument, Arc<Config>, ExtractFn);
type Reply = std::thread::Result<Result<Notice, DocError>>;

/// A thread extracting documents for one rayon worker.
struct Extractor {
    jobs: SyncSender<Job>,
    replies: Receiver<Reply>,
}

impl Extractor {
    fn spawn() -> std::io::Result<Extractor> {
        let (jobs, job_rx) = sync_channel::<Job>(1);
        let (tx, replies) = sync_channel(1);
        std::thread::Builder::new()
            .name("extract".into())
            .spawn(move || {
                // Ends when the worker drops its end: at the end of the run,
                // or after a timeout (then `send` fails and it ends too).
                while let Ok((raw, cfg, run)) = job_rx.recv() {
                    // Library log lines (the HTML parser's, a backend's)
                    // name the document they are about.
                    let span =
                        tracing::warn_span!("doc", input = %crate::error::one_line(&raw.uri));
                    let _in_doc = span.enter();
                    let r = std::panic::catch_unwind(AssertUnwindSafe(|| run(&raw, &cfg)));
                    if tx.send(r).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Extractor { jobs, replies })
    }
}

thread_local! {
    static EXTRACTOR: std::cell::RefCell<Option<Extractor>> = const { std::cell::RefCell::new(None) };
}

/// Extracts `raw` in this thread's document worker when
/// [`crate::config::WorkerOptions::exe`] is set, else on this worker's
/// extraction thread, giving up after `timeout`.
///
/// # Errors
/// The extraction's own [`DocError`], or one of stage `extract`: a panic, a
/// time-out, a thread or worker that could not be started, a worker past
/// its memory budget or dead.
pub fn extract_guarded(
    raw: RawDocument,
    cfg: &Arc<Config>,
    timeout: Duration,
) -> Result<Notice, DocError> {
    match extract_record(raw, cfg, timeout, false)? {
        Extraction::Notice(n) => Ok(*n),
        Extraction::Record(r) => r.notice(),
    }
}

/// A document extracted: on a thread, the notice; in a document worker,
/// the record as the worker sent it (its file's bytes, counts and rows).
pub enum Extraction {
    Notice(Box<Notice>),
    Record(super::worker::Extracted),
}

/// [`extract_guarded`], as the batch wants it: a worker's record is left
/// as it came (with its rows in the release tables when `rows`), so that
/// a record written as extracted is neither parsed nor printed here.
///
/// # Errors
/// As [`extract_guarded`].
pub fn extract_record(
    raw: RawDocument,
    cfg: &Arc<Config>,
    timeout: Duration,
    rows: bool,
) -> Result<Extraction, DocError> {
    // With a worker executable the document is extracted in a child
    // process: its memory is bounded, and past its time it is killed.
    if let Some(exe) = &cfg.worker.exe {
        return super::worker::extract_in_child(exe, raw, cfg, timeout, rows)
            .map(Extraction::Record);
    }
    extract_guarded_with(extract, raw, cfg, timeout).map(|n| Extraction::Notice(Box::new(n)))
}

pub(crate) fn extract_guarded_with(
    run: ExtractFn,
    raw: RawDocument,
    cfg: &Arc<Config>,
    timeout: Duration,
) -> Result<Notice, DocError> {
    let failed = |kind| DocError::new(Stage::Extract, kind);
    let worker = match EXTRACTOR.with(|e| e.borrow_mut().take()) {
        Some(w) => w,
        None => Extractor::spawn().map_err(|e| failed(DocErrorKind::Spawn(e)))?,
    };
    let reply = match worker.jobs.send((raw, Arc::clone(cfg), run)) {
        Ok(()) => worker.replies.recv_timeout(timeout),
        Err(_) => Err(RecvTimeoutError::Disconnected),
    };
    if reply.is_ok() {
        EXTRACTOR.with(|e| *e.borrow_mut() = Some(worker));
    }
    match reply {
        Ok(Ok(result)) => result,
        Ok(Err(panic)) => Err(failed(DocErrorKind::Panic(
            crate::model::error::panic_message(panic.as_ref()),
        ))),
        Err(RecvTimeoutError::Timeout) => Err(failed(DocErrorKind::Timeout(timeout))),
        Err(RecvTimeoutError::Disconnected) => {
            Err(failed(DocErrorKind::Panic("extraction thread died".into())))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::model::ErrorCode;

    fn memo() -> RawDocument {
        RawDocument::from_bytes(
            "memo.txt",
            "关于印发若干政策的通知\n一、支持企业\n（一）给予100万元奖励。"
                .as_bytes()
                .to_vec(),
        )
    }

    fn panics(_: &RawDocument, _: &Config) -> Result<Notice, DocError> {
        panic!("injected panic")
    }

    /// Longer than any time-out below by a wide margin, so a loaded
    /// machine cannot make the time-out look like a result.
    const HANG: Duration = Duration::from_secs(5);

    fn hangs(raw: &RawDocument, cfg: &Config) -> Result<Notice, DocError> {
        std::thread::sleep(HANG);
        extract(raw, cfg)
    }

    #[test]
    fn a_panic_or_a_hang_is_the_documents_error_and_the_next_document_extracts() {
        let cfg = Arc::new(Config::default());
        let long = Duration::from_secs(60);
        let e = extract_guarded_with(panics, memo(), &cfg, long).expect_err("panics");
        assert_eq!((e.code(), e.stage), (ErrorCode::Panic, Stage::Extract));
        assert!(e.to_string().contains("injected panic"), "{e}");
        // The same worker thread survives a panic.
        let n = extract_guarded(memo(), &cfg, long).expect("extracts after a panic");
        assert_eq!(n.clauses.len(), 1);

        let t = Instant::now();
        let e = extract_guarded_with(hangs, memo(), &cfg, Duration::from_millis(200))
            .expect_err("times out");
        assert_eq!(e.code(), ErrorCode::ExtractTimeout);
        assert!(t.elapsed() < HANG / 2, "{:?}", t.elapsed());
        // The hung thread is abandoned; a new one takes the next document.
        let n = extract_guarded(memo(), &cfg, long).expect("extracts after a timeout");
        assert_eq!(n.clauses.len(), 1);
    }
}
