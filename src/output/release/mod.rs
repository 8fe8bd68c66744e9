//! Release: turns a batch output folder into an open-data package that
//! spreadsheets, SQL engines and Frictionless tools read with zero glue.
//!
//! The batch runner writes the records (`notices/<id>.json`,
//! `notices.ndjson`, `report.json`), and the release adds flat CSV tables,
//! a copy of the record schema and a `datapackage.json` describing every
//! file. The runner feeds a [`ReleaseWriter`] from the pass that writes
//! `notices.ndjson`, so each record file is read once for both, its bytes
//! parsed for the rows and hashed for the package; [`write_release`] does
//! the same from records in memory. The release never changes a record.
//!
//! # Format
//!
//! | file                  | written by | one row / item per                      |
//! |-----------------------|------------|-----------------------------------------|
//! | `notices/<id>.json`   | batch      | notice (pretty JSON, the record)        |
//! | `notices.ndjson`      | batch      | notice (one record per line, by id)     |
//! | `report.json`         | batch      | run (statuses); described if present    |
//! | `notices.csv`         | release    | notice                                  |
//! | `sections.csv`        | release    | section (`一、…`)                        |
//! | `clauses.csv`         | release    | clause (`(一)…`, `第一條…`)              |
//! | `items.csv`           | release    | item below a clause (`1.`, `(1)`, `①`)  |
//! | `table_cells.csv`     | release    | cell of a table of data in the text     |
//! | `attachments.csv`     | release    | file the page links to                  |
//! | `amounts.csv`         | release    | sum of money                            |
//! | `percentages.csv`     | release    | percentage or ratio                     |
//! | `percentage_points.csv` | release  | percentage-point figure (3個百分點)      |
//! | `warnings.csv`        | release    | extraction warning                      |
//! | `changes.ndjson`      | batch      | change since the last run (if present)  |
//! | `changes.csv`         | release    | line of `changes.ndjson`                |
//! | `notice.schema.json`  | release    | the JSON Schema every record follows    |
//! | `datapackage.json`    | release    | the package: every file above           |
//!
//! The columns of each CSV, with their types and meaning, are in
//! [`tables`], each table's next to the function that fills them; the same
//! columns become the Table Schemas in `datapackage.json`
//! ([`datapackage`]), so the header and its description cannot drift.
//! The options are in `options`, the file writing (temporary tables
//! that hash their bytes, atomic writes) in `io`.
//!
//! CSV conventions, chosen for DuckDB, pandas, R and Frictionless first:
//!
//! - UTF-8 **without** a BOM. A BOM helps Excel guess the encoding, but it
//!   becomes part of the first column name in tools that do not strip it
//!   (Python's `csv` without `utf-8-sig`, `cut`, awk), breaking `id` lookups.
//!   Excel users import through Data → From Text/CSV (UTF-8).
//! - RFC 4180 quoting (only fields holding `,` `"` CR or LF are quoted, `"`
//!   is doubled), but `\n` line ends rather than CRLF: every reader above
//!   accepts both, and LF keeps `wc -l`, `diff` and git quiet. The dialect is
//!   declared in `datapackage.json`.
//! - A header row; columns in the fixed order of the constants.
//! - An empty field is null (`missingValues: [""]`). Text that is empty in
//!   the record (a clause with no title) is also written empty: the JSON
//!   records are the authority where that difference matters.
//! - Lists (issuers, units) are joined by [`LIST_SEPARATOR`] `|`, which no
//!   Chinese unit name contains; an item that does contain one has it
//!   replaced by the full-width `｜` so splitting stays exact. An empty list
//!   is an empty field.
//! - Numbers are plain decimals, never `1e9`. `value` columns (Table Schema
//!   `number`) always carry a point (`1820000000.0`, `0.5`) so DuckDB and
//!   pandas infer a floating type from any sample of rows; integer columns
//!   (counts, numbers, spans) never do (`325`).
//! - Spans are `[start, end)` in Unicode code points into the record's
//!   `text`, as in the JSON.
//! - Rows are sorted by notice id, then by position in the record's array
//!   (the `ordinal` column), so the same records always give the same bytes.
//!
//! # Keys
//!
//! `notices.id` is unique ([`ReleaseError::DuplicateId`] otherwise). Each
//! other table's key is `(notice_id, ordinal)`, the 1-based position in the
//! record's array (for items, in reading order over all the notice's
//! clauses; for cells, `(notice_id, table, row, column)`), which holds by
//! construction; `number` is the document's
//! own numbering and is not declared unique, since extraction cannot promise
//! a document numbers without repeats. `notice_id` references `notices.id`.
//! `(notice_id, clause)` joins amounts to clauses' `(notice_id, number)`, but
//! is not declared as a foreign key because `clause` is null outside clauses.
//!
//! # Determinism
//!
//! Same records and same files → byte-identical tables and package. The only
//! time stamp is the package's `created`, taken from
//! [`ReleaseOptions::created`]; [`ReleaseOptions::from_env`] fills it from
//! `SOURCE_DATE_EPOCH` (reproducible-builds.org), and without either the
//! property is left out rather than set to the wall clock.

use std::fs;
use std::path::{Path, PathBuf};

use super::digest::FileDigest;
use super::dir::{CHANGES as CHANGES_NDJSON, NDJSON, NOTICES, REPORT};
use super::schema::NOTICE_SCHEMA;
use crate::model::Notice;
use datapackage::{DataPackage, Resource};
use tables::{CHANGES, TABLES};

mod datapackage;
mod io;
mod options;
mod tables;

use io::{hash_file, render_rows, write_atomic, TableWriter};
use options::check_created;
pub use options::ReleaseOptions;

/// Joins the items of a list field in one CSV cell.
pub const LIST_SEPARATOR: char = '|';

/// Stands in for [`LIST_SEPARATOR`] inside an item, so splitting is exact.
const SEPARATOR_STAND_IN: char = '｜';

/// Version of notice-extract that wrote the package.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why a release could not be written. Data and input errors are found
/// before the first write; each file is then replaced atomically, and
/// `datapackage.json` comes last.
#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is missing; the batch runner writes the records before the release")]
    Missing { path: PathBuf },
    #[error("two records share the id {0:?}; ids must be unique in a release")]
    DuplicateId(String),
    #[error("record {id} was given after {previous}; records go into a release sorted by id")]
    Unsorted { id: String, previous: String },
    #[error("record {id}: {field} is {value}, not a finite number")]
    NonFinite {
        id: String,
        field: &'static str,
        value: f64,
    },
    #[error("SOURCE_DATE_EPOCH is {value:?}; expected whole seconds since 1970, as `date +%s`")]
    BadSourceDateEpoch { value: String },
    #[error("created is {0:?}; expected RFC 3339 such as 2025-02-28T00:00:00Z")]
    BadCreated(String),
    #[error("cannot render {file}: {source}")]
    Csv {
        file: &'static str,
        source: csv::Error,
    },
}

/// Writes the CSV tables, `notice.schema.json` and `datapackage.json` into
/// `dir`, beside the records the batch runner wrote there.
///
/// `records` may come in any order; output is sorted by id. Every
/// `notices/<id>.json` and `notices.ndjson` must exist (they are hashed into
/// the package); `report.json` is described when present.
///
/// # Errors
/// [`ReleaseError`]: a missing record file, duplicate ids, a non-finite
/// number, a malformed `created`, or I/O trouble (with the path).
///
/// # Example
/// ```
/// use notice_extract::output::release::{write_release, ReleaseOptions};
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("notices.ndjson"), "").unwrap();
/// write_release(dir.path(), &[], &ReleaseOptions::default()).unwrap();
/// assert!(dir.path().join("datapackage.json").exists());
/// ```
pub fn write_release(
    dir: &Path,
    records: &[Notice],
    opts: &ReleaseOptions,
) -> Result<(), ReleaseError> {
    let mut sorted: Vec<&Notice> = records.iter().collect();
    sorted.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    if let Some(pair) = sorted.windows(2).find(|w| w[0].id == w[1].id) {
        return Err(ReleaseError::DuplicateId(pair[0].id.clone()));
    }
    let mut release = ReleaseWriter::create(dir, opts)?;
    for notice in sorted {
        let file = format!("{NOTICES}/{}.json", notice.id);
        release.add_notice(&notice.id, notice, || hash_file(dir, &file))?;
    }
    release.finish(None)
}

/// [`write_release`] reading one record at a time: `load` gives the bytes
/// of an id's record file, so memory stays flat however many records the
/// release holds, and each file is read once here: the same bytes are
/// parsed for the tables and hashed for the package. (The batch runner
/// uses [`ReleaseWriter`] instead, fed by the pass that writes
/// `notices.ndjson`.)
///
/// # Errors
/// As [`write_release`], plus whatever `load` returns, and a record file
/// that is not a record.
pub fn write_release_streaming(
    dir: &Path,
    mut ids: Vec<String>,
    mut load: impl FnMut(&str) -> Result<Vec<u8>, ReleaseError>,
    opts: &ReleaseOptions,
) -> Result<(), ReleaseError> {
    check_created(opts)?;
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(ReleaseError::DuplicateId(pair[0].clone()));
    }
    let mut release = ReleaseWriter::create(dir, opts)?;
    for id in &ids {
        release.add_record(id, &load(id)?)?;
    }
    release.finish(None)
}

/// A record made ready for a [`ReleaseWriter`] away from it: its rows in
/// every table, rendered as CSV lines, and its file's digest. The batch
/// runner makes these on its worker threads, a bounded number ahead of
/// the writer, which then only appends bytes in id order.
pub struct PreparedRecord(Result<(TableRows, FileDigest), ReleaseError>);

/// A record's rows in every table, as CSV bytes, one entry per table; or
/// the data error that stops its tables.
type TableRows = Result<Vec<Vec<u8>>, ReleaseError>;

impl PreparedRecord {
    /// The record of `id` in the release `dir`, from the bytes of its file
    /// and their parse (`serde_json::from_slice(file)`, which the caller
    /// may have used for more).
    pub fn new(
        dir: &Path,
        id: &str,
        file: &[u8],
        parsed: Result<Notice, serde_json::Error>,
    ) -> PreparedRecord {
        PreparedRecord(match parsed {
            Ok(notice) => Ok((rows_of(&notice), FileDigest::of(file))),
            Err(e) => Err(ReleaseError::Read {
                path: dir.join(format!("{NOTICES}/{id}.json")),
                source: std::io::Error::other(e),
            }),
        })
    }

    /// The record `notice` whose file holds `file` (its pretty JSON, as
    /// written): what [`PreparedRecord::new`] makes of that file and its
    /// parse, without parsing it. A record round-trips through its JSON
    /// (floats are printed shortest and read back exactly), so the rows of
    /// the record in memory are those of its file. The batch runner makes
    /// these as it writes each record, so the final pass need not read the
    /// record back into a [`Notice`].
    pub fn of_notice(notice: &Notice, file: &[u8]) -> PreparedRecord {
        PreparedRecord(Ok((rows_of(notice), FileDigest::of(file))))
    }

    /// [`PreparedRecord::of_notice`] from the notice's rows, made
    /// elsewhere by [`rows_of`] (a document worker makes them).
    pub fn of_rows(rows: Vec<Vec<u8>>, file: &[u8]) -> PreparedRecord {
        PreparedRecord(Ok((Ok(rows), FileDigest::of(file))))
    }
}

/// A notice's rows in each of the release's tables, as CSV lines, in the
/// order [`PreparedRecord::of_rows`] takes them.
///
/// # Errors
/// The data error that stops the tables (a figure not finite).
pub fn rows_of(notice: &Notice) -> Result<Vec<Vec<u8>>, ReleaseError> {
    TABLES.iter().map(|t| render_rows(t, notice)).collect()
}

/// A release being written, one record at a time, in order of id: the
/// rows go to temporary table files as each record comes, and
/// [`ReleaseWriter::finish`] renames them and writes the package. Memory
/// holds one record and a digest per record file, never the records.
///
/// Everything that can fail on the data or the inputs happens before the
/// first rename, so a refused release leaves the folder as it was (the
/// temporary files go with their handles, as when the writer is dropped).
pub struct ReleaseWriter<'a> {
    dir: &'a Path,
    opts: &'a ReleaseOptions,
    tables: Vec<TableWriter>,
    /// Each record file's id and digest, in the order added.
    record_files: Vec<(String, FileDigest)>,
}

impl<'a> ReleaseWriter<'a> {
    /// Starts a release in `dir`: checks the options and opens the tables'
    /// temporary files.
    ///
    /// # Errors
    /// [`ReleaseError::BadCreated`], or [`ReleaseError::Write`] when a
    /// temporary file cannot be made.
    pub fn create(dir: &'a Path, opts: &'a ReleaseOptions) -> Result<Self, ReleaseError> {
        check_created(opts)?;
        let tables = TABLES
            .iter()
            .map(|&table| TableWriter::create(dir, table))
            .collect::<Result<Vec<_>, ReleaseError>>()?;
        Ok(ReleaseWriter {
            dir,
            opts,
            tables,
            record_files: Vec::new(),
        })
    }

    /// Adds the record of `id` from the bytes of its file
    /// (`notices/<id>.json`, as written): parsed for the tables, hashed
    /// for the package.
    ///
    /// # Errors
    /// [`ReleaseError::Read`] when the bytes are not a record,
    /// [`ReleaseError::DuplicateId`] or [`ReleaseError::Unsorted`] when
    /// `id` does not come after the last one added, and what writing the
    /// rows returns.
    pub fn add_record(&mut self, id: &str, file: &[u8]) -> Result<(), ReleaseError> {
        let parsed = serde_json::from_slice(file);
        self.add_prepared(id, PreparedRecord::new(self.dir, id, file, parsed))
    }

    /// Adds a record made ready by [`PreparedRecord::new`] (on any thread,
    /// ahead of its turn): as [`ReleaseWriter::add_record`] with the same
    /// bytes, with the same errors in the same order.
    ///
    /// # Errors
    /// As [`ReleaseWriter::add_record`].
    pub fn add_prepared(&mut self, id: &str, record: PreparedRecord) -> Result<(), ReleaseError> {
        let (rows, digest) = record.0?;
        self.append(id, rows, || Ok(digest))
    }

    /// Adds `notice`, whose file is `notices/<id>.json`, with that file's
    /// digest (taken after the rows, so a record's data errors come first).
    fn add_notice(
        &mut self,
        id: &str,
        notice: &Notice,
        digest: impl FnOnce() -> Result<FileDigest, ReleaseError>,
    ) -> Result<(), ReleaseError> {
        self.append(id, rows_of(notice), digest)
    }

    /// Refuses an id that does not come after the last one added.
    fn check_order(&self, id: &str) -> Result<(), ReleaseError> {
        if let Some((last, _)) = self.record_files.last() {
            match last.as_str().cmp(id) {
                std::cmp::Ordering::Less => {}
                std::cmp::Ordering::Equal => return Err(ReleaseError::DuplicateId(id.into())),
                std::cmp::Ordering::Greater => {
                    return Err(ReleaseError::Unsorted {
                        id: id.into(),
                        previous: last.clone(),
                    })
                }
            }
        }
        Ok(())
    }

    /// Writes a record's rendered rows (after its order is checked) and
    /// keeps its file's digest.
    fn append(
        &mut self,
        id: &str,
        rows: Result<Vec<Vec<u8>>, ReleaseError>,
        digest: impl FnOnce() -> Result<FileDigest, ReleaseError>,
    ) -> Result<(), ReleaseError> {
        self.check_order(id)?;
        for (t, lines) in self.tables.iter_mut().zip(rows?) {
            t.write_lines(&lines)?;
        }
        self.record_files.push((id.to_string(), digest()?));
        Ok(())
    }

    /// Finishes the release once `notices.ndjson` and `report.json` are
    /// written: `ndjson` is the digest of `notices.ndjson` when its writer
    /// took it (else the file is hashed here).
    ///
    /// # Errors
    /// [`ReleaseError`]: a missing `notices.ndjson`, a malformed
    /// `changes.ndjson`, or I/O trouble (with the path).
    pub fn finish(self, ndjson: Option<FileDigest>) -> Result<(), ReleaseError> {
        let ReleaseWriter {
            dir,
            opts,
            tables,
            record_files,
        } = self;
        // What changed since the last run, when the batch runner compared.
        let changes_path = dir.join(CHANGES_NDJSON);
        let changes = match fs::File::open(&changes_path) {
            Ok(file) => {
                let mut t = TableWriter::create(dir, &CHANGES)?;
                let digest = t.write_change_rows(file, &changes_path)?;
                Some((t, digest))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(ReleaseError::Read {
                    path: changes_path,
                    source,
                })
            }
        };
        let ndjson = match ndjson {
            Some(d) => d,
            None => hash_file(dir, NDJSON)?,
        };
        let report = match hash_file(dir, REPORT) {
            Ok(d) => Some(d),
            Err(ReleaseError::Missing { .. }) => None,
            Err(e) => return Err(e),
        };

        let mut resources = Vec::new();
        for t in tables {
            let (table, digest) = t.persist(dir)?;
            resources.push(Resource::table(table, &digest));
        }
        resources.push(Resource::file(
            "records",
            NDJSON,
            "ndjson",
            "application/x-ndjson",
            "Every record, one JSON object per line, sorted by id; follows notice.schema.json.",
            &ndjson,
            Some("notice.schema.json"),
        ));
        if let Some((t, ndjson_digest)) = changes {
            let (table, digest) = t.persist(dir)?;
            resources.push(Resource::table(table, &digest));
            resources.push(Resource::file(
                "changes-ndjson",
                CHANGES_NDJSON,
                "ndjson",
                "application/x-ndjson",
                "What changed since the last run, one change per line, by notice id; follows \
                 changes.schema.json of notice-extract (https://notice-extract.github.io/schemas/\
                 changes/2.2.1/changes.schema.json).",
                &ndjson_digest,
                None,
            ));
        }
        if let Some(digest) = &report {
            resources.push(Resource::json(
                "report",
                REPORT,
                "Per-document statuses of the batch run that produced the records.",
                digest,
                None,
            ));
        }
        let path = "notice.schema.json";
        write_atomic(dir, path, NOTICE_SCHEMA.as_bytes())?;
        resources.push(Resource::file(
            "notice-schema",
            path,
            "json",
            "application/schema+json",
            "JSON Schema (draft 2020-12) of the records, as built into the tool that wrote them.",
            &FileDigest::of(NOTICE_SCHEMA.as_bytes()),
            None,
        ));
        for (id, digest) in &record_files {
            resources.push(Resource::json(
                &format!("record-{id}"),
                &format!("{NOTICES}/{id}.json"),
                "One record, pretty-printed; follows notice.schema.json.",
                digest,
                Some("notice.schema.json"),
            ));
        }

        let package = DataPackage::new(opts.created.as_deref(), resources);
        let mut json = serde_json::to_vec_pretty(&package).map_err(|e| ReleaseError::Write {
            path: dir.join("datapackage.json"),
            source: e.into(),
        })?;
        json.push(b'\n');
        write_atomic(dir, "datapackage.json", &json)
    }
}
