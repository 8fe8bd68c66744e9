//! The run's last pass: `changes.ndjson`, then `notices.ndjson`, the
//! report and the release tables, from the records the run wrote or kept.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use super::{
    changes, BatchError, ChangeTotals, Finished, History, Made, RecordCounts, Report, Summary,
};
use crate::model::Notice;
use crate::output::dir::{OutputDir, REPORT};
use crate::output::release::{self, ReleaseOptions, ReleaseWriter};

/// Where a folder's `changes.ndjson` comes from.
pub(super) enum Changes<'a> {
    /// Compared with the last run's records in the folder (a run).
    SinceLastRun(Option<&'a History>),
    /// The shards' files and counts, combined (`merge`).
    Shards(Vec<(PathBuf, ChangeTotals)>),
}

/// Writes `changes.ndjson` (while `notices.ndjson` is still the last
/// run's), then `notices.ndjson` (the records of the report's documents,
/// by id), `report.json` and the release, from the records on disk.
///
/// Each record file is read once, by the pass that writes
/// `notices.ndjson`. The summary and the release tables take a record
/// written in this run from its [`Made`] (in `made`, by id); any other
/// record from the same bytes as the NDJSON, parsed once, on the pool's
/// threads a bounded number of records ahead of the writer. A release
/// that fails leaves `notices.ndjson` and `report.json` written, and its
/// error is returned after them.
pub(super) fn finish(
    out: &OutputDir,
    mut report: Report,
    release: Option<&ReleaseOptions>,
    mut summary: Summary,
    changes: Changes,
    made: HashMap<String, Mutex<Option<Made>>>,
) -> Result<Finished, BatchError> {
    let totals = match changes {
        Changes::SinceLastRun(history) => changes::compare_with_last_run(out, &report, history)?,
        Changes::Shards(shards) => Some(changes::merge_shards(out, &shards)?),
    };
    report.changes = totals.unwrap_or_default();
    summary.changes = totals;
    // The release's first error, if any, stops its tables (not the NDJSON).
    let mut tables = release.map(|opts| start_release(out, &report, opts));
    let release_rows = matches!(tables, Some(Ok(_)));
    let root = out.root();
    // On the pool's threads: one parse per record, feeding the summary and,
    // with a release, its rows; the writer then only appends in id order.
    let prepare = |id: &str, record: &[u8]| {
        // Each id comes once: its `Made` is taken by the one task that
        // prepares it (the lock is never contended).
        let this_run = made
            .get(id)
            .and_then(|m| m.lock().ok().and_then(|mut m| m.take()));
        if let Some(m) = this_run {
            return (Some(m.counts), m.rows.filter(|_| release_rows));
        }
        if !release_rows {
            return (RecordCounts::of_json(record), None);
        }
        let parsed = serde_json::from_slice::<Notice>(record);
        let counts = match &parsed {
            Ok(n) => Some(RecordCounts::of_notice(n)),
            Err(_) => RecordCounts::of_json(record),
        };
        (
            counts,
            Some(release::PreparedRecord::new(root, id, record, parsed)),
        )
    };
    let ndjson = out.write_ndjson(report.record_ids(), prepare, |id, (counts, rows)| {
        if let Some(c) = counts {
            summary.add_counts(c);
        }
        if let (Some(Ok(writer)), Some(rows)) = (&mut tables, rows) {
            if let Err(e) = writer.add_prepared(id, rows) {
                tables = Some(Err(e));
            }
        }
    })?;
    out.write_file(REPORT, report.to_json().as_bytes())?;
    if let Some(tables) = tables {
        // `cache/` is not output and is not described.
        tables?.finish(Some(ndjson))?;
    }
    summary.add_report(&report);
    Ok(Finished { report, summary })
}

/// The open-data tables and package, started before `notices.ndjson` is
/// written so they take its records as they are read.
fn start_release<'a>(
    out: &'a OutputDir,
    report: &Report,
    opts: &'a ReleaseOptions,
) -> Result<ReleaseWriter<'a>, release::ReleaseError> {
    // `notices.ndjson` holds each id once; the release refuses a repeat.
    let ids: Vec<&str> = report.record_ids().collect();
    if let Some(pair) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(release::ReleaseError::DuplicateId(pair[0].to_string()));
    }
    ReleaseWriter::create(out.root(), opts)
}
