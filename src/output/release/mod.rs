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
//! | `percentages.csv`     | release    | percentage or percentage-point figure   |
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
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use super::digest::{FileDigest, HashingReader, HashingWriter};
use super::dir::{CHANGES as CHANGES_NDJSON, NDJSON, NOTICES, REPORT};
use super::schema::NOTICE_SCHEMA;
use crate::atomic::AtomicFile;
use crate::model::Notice;
use datapackage::{DataPackage, Resource};
use tables::{Rows, Table, CHANGES, TABLES};

mod datapackage;
mod tables;

/// Joins the items of a list field in one CSV cell.
pub const LIST_SEPARATOR: char = '|';

/// Stands in for [`LIST_SEPARATOR`] inside an item, so splitting is exact.
const SEPARATOR_STAND_IN: char = '｜';

/// Version of notice-extract that wrote the package.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Options of the release step, built once by the caller.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReleaseOptions {
    /// `created` of `datapackage.json`, RFC 3339 (`2025-02-28T00:00:00Z`).
    /// Default `None`: the property is left out, keeping the package
    /// reproducible. [`ReleaseOptions::from_env`] sets it from
    /// `SOURCE_DATE_EPOCH`.
    pub created: Option<String>,
}

impl ReleaseOptions {
    /// Options with `created` from a `SOURCE_DATE_EPOCH` value (seconds
    /// since 1970-01-01 UTC, as `date +%s` prints), or none when unset.
    ///
    /// # Errors
    /// [`ReleaseError::BadSourceDateEpoch`] when the value is not a
    /// non-negative whole number: the reproducible-builds spec asks tools to
    /// fail rather than silently fall back to the clock.
    ///
    /// # Example
    /// ```
    /// use notice_extract::output::release::ReleaseOptions;
    /// let opts = ReleaseOptions::from_source_date_epoch(Some("1740700800")).unwrap();
    /// assert_eq!(opts.created.as_deref(), Some("2025-02-28T00:00:00Z"));
    /// ```
    pub fn from_source_date_epoch(value: Option<&str>) -> Result<Self, ReleaseError> {
        let created = match value {
            None => None,
            Some(v) => {
                let secs: u64 = v
                    .trim()
                    .parse()
                    .map_err(|_| ReleaseError::BadSourceDateEpoch {
                        value: v.to_string(),
                    })?;
                Some(rfc3339_utc(secs))
            }
        };
        Ok(ReleaseOptions { created })
    }

    /// Options from the environment: `SOURCE_DATE_EPOCH` if set.
    ///
    /// # Errors
    /// As [`ReleaseOptions::from_source_date_epoch`].
    pub fn from_env() -> Result<Self, ReleaseError> {
        let value = std::env::var("SOURCE_DATE_EPOCH").ok();
        Self::from_source_date_epoch(value.as_deref())
    }
}

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
        let notice: Notice = serde_json::from_slice(file).map_err(|e| ReleaseError::Read {
            path: self.dir.join(format!("{NOTICES}/{id}.json")),
            source: std::io::Error::other(e),
        })?;
        self.add_notice(id, &notice, || Ok(FileDigest::of(file)))
    }

    /// Adds `notice`, whose file is `notices/<id>.json`, with that file's
    /// digest (taken after the rows, so a record's data errors come first).
    fn add_notice(
        &mut self,
        id: &str,
        notice: &Notice,
        digest: impl FnOnce() -> Result<FileDigest, ReleaseError>,
    ) -> Result<(), ReleaseError> {
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
        for t in &mut self.tables {
            t.write_rows(notice)?;
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
                 changes/1.2.0/changes.schema.json).",
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

fn check_created(opts: &ReleaseOptions) -> Result<(), ReleaseError> {
    match &opts.created {
        Some(created) if !RFC3339.is_match(created) => {
            Err(ReleaseError::BadCreated(created.clone()))
        }
        _ => Ok(()),
    }
}

/// Shape of the `created` values `frictionless` accepts.
static RFC3339: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
        .expect("RFC 3339 pattern compiles")
});

/// `secs` since the epoch as `YYYY-MM-DDTHH:MM:SSZ`, without a date crate:
/// the days-to-civil step is Howard Hinnant's `civil_from_days`.
fn rfc3339_utc(secs: u64) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

// ------------------------------------------------------------------ I/O --

/// One CSV table being written: rows go to a temporary file in the release
/// folder through a writer that counts and hashes the bytes.
struct TableWriter {
    table: &'static Table,
    csv: csv::Writer<HashingWriter<std::io::BufWriter<AtomicFile>>>,
}

impl TableWriter {
    fn create(dir: &Path, table: &'static Table) -> Result<Self, ReleaseError> {
        let tmp = temp_file(dir, table.path)?;
        let mut csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(HashingWriter::new(std::io::BufWriter::new(tmp)));
        csv.write_record(table.columns.iter().map(|c| c.name))
            .map_err(|source| ReleaseError::Csv {
                file: table.path,
                source,
            })?;
        Ok(TableWriter { table, csv })
    }

    fn write_rows(&mut self, notice: &Notice) -> Result<(), ReleaseError> {
        let Rows::PerNotice(rows) = self.table.rows else {
            return Ok(());
        };
        for row in rows(notice)? {
            debug_assert_eq!(
                row.len(),
                self.table.columns.len(),
                "{} row width",
                self.table.path
            );
            self.csv
                .write_record(&row)
                .map_err(|source| ReleaseError::Csv {
                    file: self.table.path,
                    source,
                })?;
        }
        Ok(())
    }

    /// The rows of `changes.ndjson` (`file`, opened at `path`), read a line
    /// at a time and hashed in the same pass.
    fn write_change_rows(
        &mut self,
        file: fs::File,
        path: &Path,
    ) -> Result<FileDigest, ReleaseError> {
        use std::io::BufRead as _;
        let read = |source| ReleaseError::Read {
            path: path.to_path_buf(),
            source,
        };
        let mut reader = std::io::BufReader::new(HashingReader::new(file));
        if let Rows::PerChange(row) = self.table.rows {
            for (i, line) in (&mut reader).lines().enumerate() {
                let line = line.map_err(read)?;
                let change: serde_json::Value = serde_json::from_str(&line)
                    .map_err(|e| read(std::io::Error::other(format!("line {}: {e}", i + 1))))?;
                self.csv
                    .write_record(row(i + 1, &change))
                    .map_err(|source| ReleaseError::Csv {
                        file: self.table.path,
                        source,
                    })?;
            }
        }
        // Whatever the lines left unread still counts in the digest.
        std::io::copy(&mut reader, &mut std::io::sink()).map_err(read)?;
        Ok(reader.into_inner().finish())
    }

    /// Flushes the table and renames it to its final name.
    fn persist(self, dir: &Path) -> Result<(&'static Table, FileDigest), ReleaseError> {
        let path = dir.join(self.table.path);
        let err = |source| ReleaseError::Write {
            path: path.clone(),
            source,
        };
        let hashing = self.csv.into_inner().map_err(|e| err(e.into_error()))?;
        let (inner, digest) = hashing.finish();
        let tmp = inner.into_inner().map_err(|e| err(e.into_error()))?;
        finish_temp(tmp, &path)?;
        Ok((self.table, digest))
    }
}

/// Size and hash of `dir/rel`, read in blocks (`notices.ndjson` holds every
/// record: it is never loaded whole).
fn hash_file(dir: &Path, rel: &str) -> Result<FileDigest, ReleaseError> {
    let path = dir.join(rel);
    let file = fs::File::open(&path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            ReleaseError::Missing { path: path.clone() }
        } else {
            ReleaseError::Read {
                path: path.clone(),
                source,
            }
        }
    })?;
    let mut hashing = HashingWriter::new(std::io::sink());
    std::io::copy(&mut std::io::BufReader::new(file), &mut hashing)
        .map_err(|source| ReleaseError::Read { path, source })?;
    Ok(hashing.finish().1)
}

/// A hidden temporary file beside `dir/rel` (`crate::atomic`: the run's
/// prefix and mode, so a killed run's leftovers are swept by the next run).
fn temp_file(dir: &Path, rel: &str) -> Result<AtomicFile, ReleaseError> {
    let path = dir.join(rel);
    AtomicFile::create(&path).map_err(|source| ReleaseError::Write { path, source })
}

/// Renames a finished temporary file to its final path.
fn finish_temp(tmp: AtomicFile, path: &Path) -> Result<(), ReleaseError> {
    tmp.commit().map_err(|source| ReleaseError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes `bytes` to `dir/rel` through a temporary file in the same folder
/// and a rename, so a reader never sees a half-written file and a failed
/// release leaves the previous file in place.
fn write_atomic(dir: &Path, rel: &str, bytes: &[u8]) -> Result<(), ReleaseError> {
    let path = dir.join(rel);
    let mut tmp = temp_file(dir, rel)?;
    tmp.write_all(bytes).map_err(|source| ReleaseError::Write {
        path: path.clone(),
        source,
    })?;
    finish_temp(tmp, &path)
}
