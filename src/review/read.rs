//! Reading what a review shows: records (`notices/<id>.json` of a run, or
//! record files named one by one) and the run's `report.json`.
//!
//! A record is accepted only if it was written for the record schema this
//! program renders: same major and minor version (a patch changes only
//! descriptions), and valid against `schemas/notice.schema.json`. A record
//! of another version fails with a message naming both versions and what to
//! do, instead of being rendered with fields missing or misread.

use std::path::{Path, PathBuf};

use crate::batch::{self, Report};
use crate::model::{Notice, SCHEMA_VERSION};
use crate::output::dir::{NOTICES, REPORT};
use crate::output::schema::{self, SchemaError};

/// Why one record could not be read for review.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", .path.display())]
pub struct RecordError {
    pub path: PathBuf,
    pub kind: RecordErrorKind,
}

impl RecordError {
    /// Stable name of the reason, for the index page and stderr.
    pub fn code(&self) -> &'static str {
        match self.kind {
            RecordErrorKind::Io(_) => "io_error",
            RecordErrorKind::Json(_) => "not_json",
            RecordErrorKind::NoVersion => "no_schema_version",
            RecordErrorKind::Version { .. } => "schema_version",
            RecordErrorKind::Schema(_) => "schema_violation",
            RecordErrorKind::DuplicateId { .. } => "duplicate_id",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RecordErrorKind {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("not a JSON record: {0}")]
    Json(#[from] serde_json::Error),
    #[error("no schema_version: not a notice-extract record")]
    NoVersion,
    #[error(
        "written for record schema {found}, this notice-extract renders schema {SCHEMA_VERSION}: {}",
        version_hint(found)
    )]
    Version { found: String },
    #[error("{0}")]
    Schema(SchemaError),
    #[error("same id as {}, shown instead", .first.display())]
    DuplicateId { first: PathBuf },
}

/// What to do about a record of another schema version.
fn version_hint(found: &str) -> &'static str {
    match (parse_version(found), parse_version(SCHEMA_VERSION)) {
        (Some(f), Some(ours)) if f < ours => {
            "written by an older notice-extract; rerun `notice-extract run` on its source to rewrite it"
        }
        (Some(_), Some(_)) => {
            "written by a newer notice-extract; review it with that version"
        }
        _ => "not a version notice-extract writes",
    }
}

fn parse_version(v: &str) -> Option<(u64, u64, u64)> {
    let mut it = v.split('.').map(|p| p.parse::<u64>().ok());
    let out = (it.next()??, it.next()??, it.next()??);
    it.next().is_none().then_some(out)
}

/// Reads and checks one record file.
///
/// # Errors
/// [`RecordError`] when the file cannot be read, is not JSON, is of another
/// schema version or breaks the schema.
pub fn read_record(path: &Path) -> Result<Notice, RecordError> {
    let err = |kind| RecordError {
        path: path.to_path_buf(),
        kind,
    };
    let bytes = std::fs::read(path).map_err(|e| err(e.into()))?;
    parse_record(&bytes).map_err(err)
}

/// Checks and decodes a record's JSON (see the module doc).
///
/// # Errors
/// The reason the bytes are not a record this program can render.
pub fn parse_record(bytes: &[u8]) -> Result<Notice, RecordErrorKind> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes)?;
    let found = value
        .get("schema_version")
        .and_then(|v| v.as_str())
        .ok_or(RecordErrorKind::NoVersion)?
        .to_string();
    let ours = parse_version(SCHEMA_VERSION).expect("SCHEMA_VERSION is semver");
    match parse_version(&found) {
        Some((major, minor, _)) if (major, minor) == (ours.0, ours.1) => {}
        _ => return Err(RecordErrorKind::Version { found }),
    }
    // A patch release changes no valid record: check it as ours.
    value["schema_version"] = SCHEMA_VERSION.into();
    schema::validate_value(&value).map_err(RecordErrorKind::Schema)?;
    let mut notice: Notice = serde_json::from_value(value)?;
    notice.schema_version = found;
    Ok(notice)
}

/// Where the records to review come from.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Record files in the order they are shown (a run's by id).
    pub records: Vec<PathBuf>,
    /// The run's report, when a run folder was given and has one.
    pub report: Option<Report>,
    /// The run folder, when one was given.
    pub run_dir: Option<PathBuf>,
}

/// Why the inputs of a review could not be listed.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{}: no such file or folder", .0.display())]
    Missing(PathBuf),
    #[error(
        "{}: not an output folder of `notice-extract run` (it has no notices/ folder)",
        .0.display()
    )]
    NotARun(PathBuf),
    #[error("{}: cannot list: {source}", .path.display())]
    List {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: an unreadable report.json: {message}", .path.display())]
    Report { path: PathBuf, message: String },
    #[error("give one run folder, or record files (several run folders cannot share one index)")]
    SeveralRuns,
}

/// Lists the records named by `paths`: one run folder (its `notices/*.json`
/// sorted by name, and its `report.json`), or record files.
///
/// # Errors
/// [`InputError`] when a path does not exist, a folder is not a run's
/// output, or more than one folder is given.
pub fn list_inputs(paths: &[PathBuf]) -> Result<Inputs, InputError> {
    let mut inputs = Inputs::default();
    for p in paths {
        if p.is_dir() {
            if inputs.run_dir.is_some() {
                return Err(InputError::SeveralRuns);
            }
            let notices = p.join(NOTICES);
            if !notices.is_dir() {
                return Err(InputError::NotARun(p.clone()));
            }
            let list = |e| InputError::List {
                path: notices.clone(),
                source: e,
            };
            let mut files: Vec<PathBuf> = std::fs::read_dir(&notices)
                .map_err(list)?
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<_, _>>()
                .map_err(list)?;
            // Record files only: hidden temp files of a running batch and
            // anything else in the folder are not records.
            files.retain(|f| {
                f.extension().is_some_and(|x| x == "json")
                    && !f
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            });
            files.sort();
            inputs.records.extend(files);
            if p.join(REPORT).is_file() {
                inputs.report = Some(read_report(p)?);
            }
            inputs.run_dir = Some(p.clone());
        } else if p.is_file() {
            inputs.records.push(p.clone());
        } else {
            return Err(InputError::Missing(p.clone()));
        }
    }
    if inputs.run_dir.is_some() && paths.len() > 1 {
        return Err(InputError::SeveralRuns);
    }
    Ok(inputs)
}

fn read_report(dir: &Path) -> Result<Report, InputError> {
    let path = dir.join(REPORT);
    let bad = |message: String| InputError::Report {
        path: path.clone(),
        message,
    };
    let bytes = std::fs::read(&path).map_err(|e| bad(e.to_string()))?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
    let version = value
        .get("schema_version")
        .and_then(|v| v.as_str())
        .unwrap_or("");
    if version != batch::REPORT_SCHEMA_VERSION {
        return Err(bad(format!(
            "report schema {version:?}, this notice-extract reads {}",
            batch::REPORT_SCHEMA_VERSION
        )));
    }
    serde_json::from_value(value).map_err(|e| bad(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> serde_json::Value {
        let notice = crate::extract(
            &crate::fetch::RawDocument::from_bytes(
                "memo.txt",
                "关于印发若干政策的通知\n一、支持企业发展\n（一）给予最高100万元奖励。".into(),
            ),
            &crate::Config::default(),
        )
        .expect("extracts");
        serde_json::to_value(notice).expect("json")
    }

    #[test]
    fn a_record_of_this_version_reads() {
        let v = seed();
        let n = parse_record(v.to_string().as_bytes()).expect("reads");
        assert_eq!(n.amounts[0].value, 1e6);
    }

    #[test]
    fn records_of_other_versions_fail_naming_both_versions() {
        for (found, hint) in [
            ("4.2.0", "newer"),
            ("4.0.0", "older"),
            ("1.0.0", "older"),
            ("2.0.0", "older"),
            ("2.2.0", "older"),
            ("3.0.0", "older"),
            ("5.0.0", "newer"),
        ] {
            let mut v = seed();
            v["schema_version"] = found.into();
            let e = parse_record(v.to_string().as_bytes()).expect_err(found);
            let msg = e.to_string();
            assert!(
                msg.contains(found) && msg.contains(SCHEMA_VERSION) && msg.contains(hint),
                "{msg}"
            );
        }
        let mut v = seed();
        v["schema_version"] = "4.1.7".into(); // a patch: same records
        assert_eq!(
            parse_record(v.to_string().as_bytes())
                .expect("reads")
                .schema_version,
            "4.1.7"
        );
        let mut v = seed();
        v.as_object_mut().expect("object").remove("schema_version");
        assert!(matches!(
            parse_record(v.to_string().as_bytes()),
            Err(RecordErrorKind::NoVersion)
        ));
    }

    #[test]
    fn a_record_that_breaks_the_schema_or_is_not_json_fails() {
        let mut v = seed();
        v["clauses"][0]["not_a_field"] = serde_json::json!([]); // unknown to the schema
        let e = parse_record(v.to_string().as_bytes()).expect_err("extra field");
        assert!(matches!(e, RecordErrorKind::Schema(_)), "{e}");
        assert!(matches!(
            parse_record(b"<html>"),
            Err(RecordErrorKind::Json(_))
        ));
    }
}
