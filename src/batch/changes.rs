//! `changes.ndjson`: what a run changed in its output folder, notice by
//! notice, against the last run's records (those in `--out` before this
//! run).
//!
//! In: the folder as the last run left it — its `report.json` and
//! `notices.ndjson` are still on disk while this run writes new records to
//! `notices/`, since both are rewritten only at the end — and this run's
//! report. Out: `changes.ndjson`, one [`Change`] per line
//! (`schemas/changes.schema.json`), and the counts in `report.json`
//! ([`ChangeTotals`]).
//!
//! The state compared, per id, is "a current record, or none" (a record is
//! current when the report's status is `success` or `partial`):
//!
//! - current now, not in the last run (or not current there: it failed,
//!   and is read again now) → `notice_added`;
//! - current in both → the changes of [`diff_records`](crate::diff::diff_records)
//!   (every one, in substance or not; `substance` tells them apart);
//!   none when the record's bytes are the same;
//! - current in the last run, not now → `notice_removed` with a `reason`:
//!   `failed` (the input failed this run, with its `error` code; the last
//!   record stays in `notices/`, flagged `stale_record` in the report) or
//!   `input_gone` (not among this run's inputs; its record file is left
//!   in `notices/`, but it leaves `notices.ndjson` and the report). It is
//!   reported once, the run it went; a notice that keeps failing is no
//!   change.
//!
//! The lines are in id order, then in the order of the record diff: the
//! same two folders always give the same bytes, and a rerun on unchanged
//! inputs writes an empty file. A folder without a last run (the first run
//! into it, or a `report.json` that cannot be read) has nothing to compare
//! with: its `changes.ndjson` is empty too, and the run's summary says so.
//!
//! `merge` does not compare: each shard compared itself with its own last
//! run (a stable share of the ids), so the merged file is the shards' lines
//! in id order and the counts their sum, as one run over all inputs gives.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::history::History;
use super::report::{Report, Status};
use crate::atomic::AtomicFile;
use crate::diff::set::{self, Outcome};
use crate::diff::{Change, Kind, Removal, RemovalReason};
use crate::output::dir::{OutputDir, OutputError, CHANGES, NDJSON, REPORT};
use crate::output::json;
use crate::output::read::{self, RawRecord, ReadError, Records};

/// How many notices changed since the last run (`report.json` →
/// `changes`); each notice counts once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeTotals {
    /// `notice_added` lines.
    pub added: usize,
    /// Notices with a change in substance.
    pub amended: usize,
    /// Notices that differ, but not in substance (provenance, warnings,
    /// words outside sections and clauses).
    pub other: usize,
    /// `notice_removed` lines.
    pub removed: usize,
}

impl ChangeTotals {
    /// Counts one notice's changes (in the order the diff gives them).
    pub fn count(&mut self, changes: &[Change]) {
        match changes.first().map(|c| c.kind) {
            None => {}
            Some(Kind::NoticeAdded) => self.added += 1,
            Some(Kind::NoticeRemoved) => self.removed += 1,
            Some(_) if changes.iter().any(|c| c.substance) => self.amended += 1,
            Some(_) => self.other += 1,
        }
    }

    /// The sum of two counts (shards being merged).
    pub fn add(&mut self, other: &ChangeTotals) {
        self.added += other.added;
        self.amended += other.amended;
        self.other += other.other;
        self.removed += other.removed;
    }
}

/// Why `changes.ndjson` could not be written (the run cannot finish).
#[derive(Debug, thiserror::Error)]
pub enum ChangesError {
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot keep a record's history in {path}: {source}")]
    History {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Shard { path: PathBuf, message: String },
    #[error(transparent)]
    Read(#[from] ReadError),
}

/// Compares this run's current records (`report`) with the last run's and
/// writes `changes.ndjson`; keeps changed records' versions in `history`.
/// `None` when the folder has no last run to compare with (the file is
/// then empty).
///
/// # Errors
/// [`ChangesError`] when the file (or a history file) cannot be written or
/// a record of this run cannot be read back. A last run that cannot be
/// read is no error: it is said on stderr and nothing is compared.
pub fn compare_with_last_run(
    out: &OutputDir,
    report: &Report,
    history: Option<&History>,
) -> Result<Option<ChangeTotals>, ChangesError> {
    let Some(last) = LastRun::read(out) else {
        out.write_file(CHANGES, b"")?;
        return Ok(None);
    };
    let mut file = ChangesFile::create(out.root())?;
    let mut totals = ChangeTotals::default();
    let now: HashMap<&str, &super::DocReport> = report
        .documents
        .iter()
        .filter(|d| d.status != Status::Skipped)
        .map(|d| (d.id.as_str(), d))
        .collect();
    let old = last.records.filter(|r| match r {
        Ok(rec) => last.current.contains(&rec.id),
        Err(_) => true,
    });
    let new = report
        .documents
        .iter()
        .filter(|d| d.is_current())
        .map(|d| read_current(out, &d.id));
    let result = set::diff_sets(old, new, |o| -> Result<(), ChangesError> {
        match o {
            Outcome::Changes { changes, old, new } => {
                let mut changes = changes.to_vec();
                for c in &mut changes {
                    if c.kind == Kind::NoticeRemoved {
                        c.removal = Some(removal(now.get(c.id.as_str()).copied()));
                    }
                }
                totals.count(&changes);
                file.write(&changes)?;
                if let (Some(h), Some(new)) = (history, new) {
                    h.keep(old, new).map_err(|source| ChangesError::History {
                        path: h.root().to_path_buf(),
                        source,
                    })?;
                }
                Ok(())
            }
            // A damaged line of the last run's notices.ndjson: that notice
            // is not compared, the others are.
            Outcome::Failed(e) => {
                tracing::warn!("not compared with the last run: {e}");
                Ok(())
            }
        }
    });
    match result {
        Ok(_) => {}
        Err(ChangesError::Read(e)) => {
            // The last run's files end early or are out of order: compare
            // nothing rather than report half the folder as removed.
            tracing::warn!("cannot compare with the last run: {e}");
            out.write_file(CHANGES, b"")?;
            return Ok(None);
        }
        Err(e) => return Err(e),
    }
    file.commit()?;
    Ok(Some(totals))
}

/// Why a notice current in the last run has no current record now.
fn removal(now: Option<&super::DocReport>) -> Removal {
    match now {
        Some(d) => Removal {
            reason: RemovalReason::Failed,
            error: d.error.as_ref().map(|e| e.code.as_str().to_string()),
        },
        None => Removal {
            reason: RemovalReason::InputGone,
            error: None,
        },
    }
}

/// This run's record of `id`, on one line as `notices.ndjson` has it (so
/// an unchanged record is equal byte for byte and never parsed).
fn read_current(out: &OutputDir, id: &str) -> Result<RawRecord, ReadError> {
    let pretty = out.read_record(id).map_err(|e| match e {
        OutputError::Io { path, source } => ReadError::Io { path, source },
        other => ReadError::NotARecord {
            origin: id.to_string(),
            message: other.to_string(),
        },
    })?;
    let mut bytes = json::minify(&pretty);
    bytes.push(b'\n');
    Ok(RawRecord {
        id: id.to_string(),
        bytes,
        origin: format!("notices/{id}.json"),
    })
}

/// What the last run left: the ids whose record was current, and its
/// records in id order.
struct LastRun {
    current: HashSet<String>,
    records: Box<dyn Iterator<Item = Result<RawRecord, ReadError>> + Send>,
}

impl LastRun {
    /// `None` when there is no last run, or its files cannot be read.
    fn read(out: &OutputDir) -> Option<LastRun> {
        let bytes = out.read_file(REPORT)?;
        // Any report format: a report from an earlier build still says
        // which records were current (`Report` reads 1.0.0 and later).
        let report: Report = match serde_json::from_slice(&bytes) {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!("cannot compare with the last run: {REPORT}: {e}");
                return None;
            }
        };
        let ndjson = out.root().join(NDJSON);
        let records = match read::open(&ndjson) {
            Ok(Records::Set(set)) => set.records(),
            Ok(Records::One(_)) => return None,
            Err(e) => Err(e),
        };
        let records = match records {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!("cannot compare with the last run: {e}");
                return None;
            }
        };
        let current = report
            .documents
            .iter()
            .filter(|d| d.is_current())
            .map(|d| d.id.clone())
            .collect();
        Some(LastRun { current, records })
    }
}

/// `changes.ndjson` being written: a temp file renamed at the end.
struct ChangesFile {
    path: PathBuf,
    w: std::io::BufWriter<AtomicFile>,
}

impl ChangesFile {
    fn create(root: &Path) -> Result<Self, ChangesError> {
        let path = root.join(CHANGES);
        let tmp = AtomicFile::create(&path).map_err(|source| ChangesError::Write {
            path: path.clone(),
            source,
        })?;
        Ok(ChangesFile {
            path,
            w: std::io::BufWriter::new(tmp),
        })
    }

    fn write(&mut self, changes: &[Change]) -> Result<(), ChangesError> {
        for c in changes {
            self.line(&serde_json::to_vec(c).expect("a Change always serializes"))?;
        }
        Ok(())
    }

    fn line(&mut self, bytes: &[u8]) -> Result<(), ChangesError> {
        let err = |source| ChangesError::Write {
            path: self.path.clone(),
            source,
        };
        self.w.write_all(bytes).map_err(err)?;
        self.w.write_all(b"\n").map_err(err)
    }

    fn commit(self) -> Result<(), ChangesError> {
        let path = self.path;
        let err = |source| ChangesError::Write {
            path: path.clone(),
            source,
        };
        self.w
            .into_inner()
            .map_err(|e| err(e.into_error()))?
            .commit()
            .map_err(err)
    }
}

/// The shards' `changes.ndjson` as one: their lines by id (each shard's
/// are in id order and the shares are disjoint, so a stable sort by id
/// gives what one run writes), and the shards' counts summed.
///
/// # Errors
/// [`ChangesError::Shard`] when a shard's file is missing or a line is not
/// a change; [`ChangesError::Write`] when the merged file cannot be written.
pub fn merge_shards(
    out: &OutputDir,
    shards: &[(PathBuf, ChangeTotals)],
) -> Result<ChangeTotals, ChangesError> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: String,
    }
    let mut lines: Vec<(String, Vec<u8>)> = Vec::new();
    let mut totals = ChangeTotals::default();
    for (dir, counts) in shards {
        let path = dir.join(CHANGES);
        let bytes = std::fs::read(&path).map_err(|e| ChangesError::Shard {
            path: path.clone(),
            message: format!("{e} (a shard written by this version has one)"),
        })?;
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.is_empty() {
                continue;
            }
            let id = serde_json::from_slice::<IdOnly>(line)
                .map_err(|e| ChangesError::Shard {
                    path: path.clone(),
                    message: format!("line {}: not a change: {e}", i + 1),
                })?
                .id;
            lines.push((id, line.to_vec()));
        }
        totals.add(counts);
    }
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    let mut file = ChangesFile::create(out.root())?;
    for (_, line) in &lines {
        file.line(line)?;
    }
    file.commit()?;
    Ok(totals)
}
