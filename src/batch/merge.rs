//! `merge`: the output folders of `run --shard K/N` combined into one,
//! identical byte for byte to what a single run over all inputs writes
//! (with timings off).
//!
//! Every id read from a shard's report is checked before it names a file
//! (`OutputDir::record_name`), and records are read without following
//! symlinks: a tampered shard cannot make `merge` read or write outside
//! the folders it was given.

use std::path::{Path, PathBuf};

use super::report::Report;
use super::{finish, BatchError, Changes, Finished, Summary};
use crate::output::dir::{OutputDir, REPORT};
use crate::output::release::ReleaseOptions;

/// Combines shard outputs into `out`.
///
/// # Errors
/// [`BatchError::Merge`] when a shard has no readable report of this
/// format and extractor version, names an invalid id, or misses a record;
/// [`BatchError::Output`] when `out` cannot be written or is in use.
pub fn merge(
    dirs: &[PathBuf],
    out: &Path,
    release: Option<&ReleaseOptions>,
) -> Result<Finished, BatchError> {
    let target = OutputDir::open(out)?;
    let mut docs = Vec::new();
    let mut changes = Vec::new();
    for dir in dirs {
        let merr = |message: String| BatchError::Merge {
            path: dir.clone(),
            message,
        };
        let shard = OutputDir::read_only(dir);
        let bytes = shard
            .read_file(REPORT)
            .ok_or_else(|| merr(format!("no readable {REPORT}")))?;
        let report = Report::parse_current(&bytes).map_err(|e| merr(format!("{REPORT}: {e}")))?;
        let same_dir = dir.canonicalize().ok() == out.canonicalize().ok();
        for d in &report.documents {
            OutputDir::record_name(&d.id).map_err(|e| merr(e.to_string()))?;
            if d.has_record() && !same_dir {
                let rec = shard
                    .read_record(&d.id)
                    .map_err(|e| merr(format!("record {}: {e}", d.id)))?;
                target.write_record(&d.id, &rec)?;
            }
        }
        changes.push((dir.clone(), report.changes));
        docs.extend(report.documents);
    }
    let report = Report::from_documents(docs);
    let mut summary = Summary::new(out);
    summary.kept = report.record_ids().count();
    // A merge writes no record: each is read from its shard's file.
    let made = std::collections::HashMap::new();
    finish(
        &target,
        report,
        release,
        summary,
        Changes::Shards(changes),
        made,
    )
}
