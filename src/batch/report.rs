//! The run report, `report.json` (`schemas/report.schema.json`): the state
//! of the output folder, one entry per document. It is a function of the
//! inputs and the extractor version alone, so a rerun on the same inputs
//! writes the same bytes (what this run did — re-extracted or kept a
//! record, got a 304 — is on the terminal, `batch::summary`).
//!
//! # Format
//!
//! - `schema_version`: [`REPORT_SCHEMA_VERSION`]; `tool_version`: the crate
//!   version; `extractor_version`: crate version + record schema version +
//!   rules revision ([`RULES_REVISION`]) — a record made by another
//!   extractor version is re-extracted.
//! - `totals`: `documents` and the count per status.
//! - `changes`: how many notices were added, amended (in substance),
//!   changed otherwise and removed since the last run; the lines are in
//!   `changes.ndjson` ([`super::changes`]). All 0 in a folder's first run.
//! - `documents`, sorted by `id` (so a merged set of shards equals one run):
//!   - `input`: the input as given (a directory's files as `dir/file`);
//!   - `id`: the record id ([`crate::fetch::record_id`] of the input);
//!   - `status` ([`Status`]): `success` (the record is current), `partial`
//!     (the record is current, but a warning in `lost_content` says text
//!     may be lost), `failure` (no current record), `skipped` (an earlier
//!     input has the same id); a record kept from an earlier run because
//!     its bytes did not change keeps its status;
//!   - `error`: `{code, stage, message}` for `failure` and `skipped`, else
//!     null; `code` is an [`ErrorCode`], `stage` a [`Stage`];
//!   - `lost_content`: the warning codes that made it `partial`;
//!   - `http_status`: status of the response the bytes are from (a 304
//!     stands for the cached response it confirmed; null for files);
//!     `bytes` and `sha256` of the raw document (null when it could not be
//!     read); `warnings`: how many the record has;
//!   - `stale_record`: a failed document whose earlier record is kept in
//!     `notices/` (and in `notices.ndjson`);
//!   - `parent`: for an attachment a page linked to and the run fetched,
//!     the page's id (absent for the inputs themselves);
//!   - `timings_ms` `{fetch, extract}`: only with `--timings`, since wall
//!     clock times would make two runs on the same inputs differ.

use serde::{Deserialize, Serialize};

use super::changes::ChangeTotals;
use crate::model::{ErrorCode, Stage, WarningCode, SCHEMA_VERSION};
use crate::DocError;

/// Version of the report format.
pub const REPORT_SCHEMA_VERSION: &str = "1.2.2";

/// Revision of the extraction rules: raised whenever a change of the rules
/// changes any record, so that a folder's next run re-extracts records an
/// older build made from the same bytes (a nightly job upgraded to a build
/// that reads `公告（第97号）` or a wrapped 主送 differently must not keep
/// the old answers for unchanged pages). The test
/// `rules_revision_follows_the_records` holds it to the committed records
/// of the bundled fixtures: when they change, it fails until this revision
/// and [`FIXTURE_RECORDS_SHA256`] are raised together.
pub const RULES_REVISION: u32 = 24;

/// SHA-256 of the committed `output/notices.ndjson` (the bundled fixtures'
/// records) that [`RULES_REVISION`] was set for. A new record schema
/// version changes it without a rules revision: the extractor version
/// names the schema version too (3.0.0 moved percentage points out of
/// `percentages`, 4.0.0 lists them there again as unit `point`; the rules
/// read the same figures).
pub const FIXTURE_RECORDS_SHA256: &str =
    "3c9160ac07497d41c1934bb5cd98026579ded1775e62bf2539ae47a48b4c94a9";

/// Version of what makes records: a record from another version is redone.
pub fn extractor_version() -> String {
    format!(
        "{}+schema.{}+rules.{}",
        env!("CARGO_PKG_VERSION"),
        SCHEMA_VERSION,
        RULES_REVISION
    )
}

/// The state of a document's record after the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The record is current.
    Success,
    /// The record is current but may miss text (see `lost_content`).
    Partial,
    /// No current record.
    Failure,
    /// Written by earlier builds for a record kept from an earlier run;
    /// read in their reports, never written now (a kept record keeps its
    /// `success` or `partial`, so a rerun leaves `report.json` as it was).
    Unchanged,
    /// An earlier input has the same id.
    Skipped,
}

/// A document's error in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    pub code: ErrorCode,
    pub stage: Stage,
    pub message: String,
}

impl From<&DocError> for ErrorInfo {
    fn from(e: &DocError) -> Self {
        ErrorInfo {
            code: e.code(),
            stage: e.stage,
            message: e.to_string(),
        }
    }
}

/// Fetch and extraction times in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timings {
    pub fetch: u64,
    pub extract: u64,
}

/// One document's entry in the report (see the module doc).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocReport {
    pub input: String,
    pub id: String,
    pub status: Status,
    pub error: Option<ErrorInfo>,
    pub lost_content: Vec<WarningCode>,
    pub http_status: Option<u16>,
    pub bytes: Option<u64>,
    pub sha256: Option<String>,
    pub warnings: usize,
    pub stale_record: bool,
    /// For an attachment followed from a page: the page's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timings_ms: Option<Timings>,
}

impl DocReport {
    /// An entry for a document with no facts yet.
    pub fn new(input: &str, id: &str, status: Status) -> Self {
        DocReport {
            input: input.to_string(),
            id: id.to_string(),
            status,
            error: None,
            lost_content: Vec::new(),
            http_status: None,
            bytes: None,
            sha256: None,
            warnings: 0,
            stale_record: false,
            parent: None,
            timings_ms: None,
        }
    }

    /// Whether `notices/<id>.json` belongs to this document after the run.
    pub fn has_record(&self) -> bool {
        self.is_current() || self.stale_record
    }

    /// Whether the document's record is current (made from its bytes).
    pub fn is_current(&self) -> bool {
        matches!(
            self.status,
            Status::Success | Status::Partial | Status::Unchanged
        )
    }

    /// `success` or `partial`, as the lost-content warnings say.
    pub fn status_of(lost_content: &[WarningCode]) -> Status {
        if lost_content.is_empty() {
            Status::Success
        } else {
            Status::Partial
        }
    }
}

/// Counts per status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub documents: usize,
    pub success: usize,
    pub partial: usize,
    pub failure: usize,
    /// Always 0 in reports written now (see [`Status::Unchanged`]); kept so
    /// readers of the 1.0.0 format keep working.
    pub unchanged: usize,
    pub skipped: usize,
}

/// The run's `report.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: String,
    pub tool_version: String,
    pub extractor_version: String,
    pub totals: Totals,
    /// Absent from reports before 1.2.0 (read as all 0).
    #[serde(default)]
    pub changes: ChangeTotals,
    pub documents: Vec<DocReport>,
}

impl Report {
    /// A report over `documents`, sorted by id (stable: duplicates keep
    /// their input order), with totals.
    pub fn from_documents(mut documents: Vec<DocReport>) -> Self {
        documents.sort_by(|a, b| a.id.cmp(&b.id));
        let mut t = Totals {
            documents: documents.len(),
            ..Totals::default()
        };
        for d in &documents {
            match d.status {
                Status::Success => t.success += 1,
                Status::Partial => t.partial += 1,
                Status::Failure => t.failure += 1,
                Status::Unchanged => t.unchanged += 1,
                Status::Skipped => t.skipped += 1,
            }
        }
        Report {
            schema_version: REPORT_SCHEMA_VERSION.to_string(),
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            extractor_version: extractor_version(),
            totals: t,
            changes: ChangeTotals::default(),
            documents,
        }
    }

    /// A report read back (an earlier run's, a shard's), if it is of this
    /// format and extractor version; `Err` says why not.
    ///
    /// # Errors
    /// A message naming what does not match.
    pub fn parse_current(bytes: &[u8]) -> Result<Report, String> {
        let report: Report = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if report.schema_version != REPORT_SCHEMA_VERSION {
            return Err(format!(
                "report format {}, this is {REPORT_SCHEMA_VERSION}",
                report.schema_version
            ));
        }
        if report.extractor_version != extractor_version() {
            return Err(format!(
                "made by extractor {}, this is {}",
                report.extractor_version,
                extractor_version()
            ));
        }
        Ok(report)
    }

    /// The ids whose `notices/<id>.json` belongs to the run, by id.
    pub fn record_ids(&self) -> impl Iterator<Item = &str> {
        self.documents
            .iter()
            .filter(|d| d.has_record())
            .map(|d| d.id.as_str())
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a Report always serializes");
        s.push('\n');
        s
    }
}
