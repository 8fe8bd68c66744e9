//! Release: turns a batch output folder into an open-data package that
//! spreadsheets, SQL engines and Frictionless tools read with zero glue.
//!
//! The batch runner writes the records (`notices/<id>.json`,
//! `notices.ndjson`, `report.json`) and then calls [`write_release`], which
//! adds flat CSV tables, a copy of the record schema and a
//! `datapackage.json` describing every file. It reads nothing but the
//! records it is given and the files it hashes; it never changes a record.
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
//! | `notice.schema.json`  | release    | the JSON Schema every record follows    |
//! | `datapackage.json`    | release    | the package: every file above           |
//!
//! The columns of each CSV, with their types and meaning, are the
//! `*_COLUMNS` constants below; the same constants become the Table Schemas
//! in `datapackage.json`, so the header and its description cannot drift.
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
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::record::{Bound, Notice, PercentUnit, SCHEMA_VERSION};
use super::schema::NOTICE_SCHEMA;
use crate::atomic::AtomicFile;

/// Joins the items of a list field in one CSV cell.
pub const LIST_SEPARATOR: char = '|';

/// Stands in for [`LIST_SEPARATOR`] inside an item, so splitting is exact.
const SEPARATOR_STAND_IN: char = '｜';

/// Version of notice-extract that wrote the package.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Frictionless Data Package v2 profile; `frictionless validate` (v5)
/// accepts it without network access.
const DATAPACKAGE_PROFILE: &str = "https://datapackage.org/profiles/2.0/datapackage.json";

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
    let by_id: std::collections::HashMap<&str, &Notice> =
        records.iter().map(|n| (n.id.as_str(), n)).collect();
    if by_id.len() < records.len() {
        let mut ids: Vec<&str> = records.iter().map(|n| n.id.as_str()).collect();
        ids.sort_unstable();
        let dup = ids.windows(2).find(|w| w[0] == w[1]).map_or("", |w| w[0]);
        return Err(ReleaseError::DuplicateId(dup.to_string()));
    }
    let ids = records.iter().map(|n| n.id.clone()).collect();
    write_release_streaming(dir, ids, |id| Ok(by_id[id].clone()), opts)
}

/// [`write_release`] reading one record at a time: `load` gives the record
/// of an id (the batch runner reads `notices/<id>.json`), so memory stays
/// flat however many records the release holds. The tables are written to
/// temporary files and renamed only when every record went through.
///
/// # Errors
/// As [`write_release`], plus whatever `load` returns.
pub fn write_release_streaming(
    dir: &Path,
    mut ids: Vec<String>,
    mut load: impl FnMut(&str) -> Result<Notice, ReleaseError>,
    opts: &ReleaseOptions,
) -> Result<(), ReleaseError> {
    if let Some(created) = &opts.created {
        if !RFC3339.is_match(created) {
            return Err(ReleaseError::BadCreated(created.clone()));
        }
    }
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(ReleaseError::DuplicateId(pair[0].clone()));
    }

    // Everything that can fail on the data or the inputs happens before the
    // first rename, so a refused release leaves the folder as it was (the
    // temporary files go with their handles).
    let mut tables = TABLES
        .iter()
        .map(|table| TableWriter::create(dir, table))
        .collect::<Result<Vec<_>, ReleaseError>>()?;
    let mut record_files = Vec::with_capacity(ids.len());
    for id in &ids {
        let notice = load(id)?;
        for t in &mut tables {
            t.write_rows(&notice)?;
        }
        let path = format!("notices/{id}.json");
        let digest = hash_file(dir, &path)?;
        record_files.push((id, path, digest));
    }
    let ndjson = hash_file(dir, "notices.ndjson")?;
    let report = match hash_file(dir, "report.json") {
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
        "notices.ndjson",
        "ndjson",
        "application/x-ndjson",
        "Every record, one JSON object per line, sorted by id; follows notice.schema.json.",
        &ndjson,
        Some("notice.schema.json"),
    ));
    if let Some(digest) = &report {
        resources.push(Resource::json(
            "report",
            "report.json",
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
    for (id, path, digest) in &record_files {
        resources.push(Resource::json(
            &format!("record-{id}"),
            path,
            "One record, pretty-printed; follows notice.schema.json.",
            digest,
            Some("notice.schema.json"),
        ));
    }

    let package = DataPackage {
        schema: DATAPACKAGE_PROFILE,
        name: "notice-extract-release",
        title: "Chinese government policy notices, extracted by notice-extract",
        description: "Records of policy notices (sections, clauses, responsible units, \
            amounts of money, percentages) as JSON, NDJSON and flat CSV tables.",
        created: opts.created.as_deref(),
        notice_extract: ToolInfo {
            tool_version: TOOL_VERSION,
            schema_version: SCHEMA_VERSION,
            record_schema: "notice.schema.json",
            list_separator: LIST_SEPARATOR,
        },
        resources,
    };
    let mut json = serde_json::to_vec_pretty(&package).map_err(|e| ReleaseError::Write {
        path: dir.join("datapackage.json"),
        source: e.into(),
    })?;
    json.push(b'\n');
    write_atomic(dir, "datapackage.json", &json)
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

// ---------------------------------------------------------------- tables --

/// Table Schema field types used here.
#[derive(Debug, Clone, Copy)]
enum Kind {
    String,
    Integer,
    Number,
    Date,
}

/// One CSV column: its header, type and meaning.
#[derive(Debug)]
struct Column {
    name: &'static str,
    kind: Kind,
    description: &'static str,
    /// Never empty.
    required: bool,
    /// The only values allowed, when the column is an enumeration.
    allowed: &'static [&'static str],
}

const fn col(name: &'static str, kind: Kind, description: &'static str) -> Column {
    Column {
        name,
        kind,
        description,
        required: false,
        allowed: &[],
    }
}

const fn req(name: &'static str, kind: Kind, description: &'static str) -> Column {
    Column {
        name,
        kind,
        description,
        required: true,
        allowed: &[],
    }
}

const fn one_of(
    name: &'static str,
    description: &'static str,
    allowed: &'static [&'static str],
) -> Column {
    Column {
        name,
        kind: Kind::String,
        description,
        required: true,
        allowed,
    }
}

const BOUNDS: &[&str] = &["max", "min", "approx", "exact"];
const NOTICE_ID: Column = req(
    "notice_id",
    Kind::String,
    "Id of the notice (notices.id; notices/<id>.json).",
);
const ORDINAL: Column = req(
    "ordinal",
    Kind::Integer,
    "1-based position in the record's array; with notice_id, the row's key.",
);
const SECTION_REF: Column = col(
    "section",
    Kind::Integer,
    "Number of the enclosing section (sections.number); empty outside sections.",
);
const CLAUSE_REF: Column = col(
    "clause",
    Kind::Integer,
    "Number of the enclosing clause (clauses.number); empty outside clauses.",
);
const SPAN_START: Column = req(
    "span_start",
    Kind::Integer,
    "Start of the span, in Unicode code points into the record's text (inclusive).",
);
const SPAN_END: Column = req(
    "span_end",
    Kind::Integer,
    "End of the span, in Unicode code points into the record's text (exclusive).",
);

/// `notices.csv`: one row per notice.
const NOTICES_COLUMNS: &[Column] = &[
    req(
        "id",
        Kind::String,
        "Record id, stable per source; the file notices/<id>.json.",
    ),
    col(
        "title",
        Kind::String,
        "The notice's own title (the line ending in 通知).",
    ),
    col(
        "policy_title",
        Kind::String,
        "Title of the policy text the notice issues.",
    ),
    col(
        "doc_number",
        Kind::String,
        "文號 as written, e.g. 杭高新〔2025〕3號.",
    ),
    col(
        "issuers",
        Kind::String,
        "Signing bodies in document order, joined by | (a | inside a name becomes ｜).",
    ),
    col(
        "recipients",
        Kind::String,
        "主送 addressees in document order, joined by | (a | inside a name becomes ｜).",
    ),
    col("signed_date", Kind::Date, "Date of signature (成文日期)."),
    col(
        "published_at",
        Kind::String,
        "Publication date or time stated by the web page, ISO 8601 with +08:00.",
    ),
    req(
        "source_uri",
        Kind::String,
        "URL, or the file path as given to the tool.",
    ),
    one_of(
        "media_type",
        "Media type of the source.",
        &crate::decode::MIME_TYPES,
    ),
    req(
        "sha256",
        Kind::String,
        "SHA-256 of the source's raw bytes, lower-case hex.",
    ),
    req("bytes", Kind::Integer, "Size of the source's raw bytes."),
    col(
        "encoding",
        Kind::String,
        "Character encoding the source was decoded from; empty for PDF, office and OFD documents.",
    ),
    req(
        "section_count",
        Kind::Integer,
        "Rows in sections.csv for this notice.",
    ),
    req(
        "clause_count",
        Kind::Integer,
        "Rows in clauses.csv for this notice.",
    ),
    req(
        "amount_count",
        Kind::Integer,
        "Rows in amounts.csv for this notice.",
    ),
    req(
        "percentage_count",
        Kind::Integer,
        "Rows in percentages.csv for this notice.",
    ),
    req(
        "warning_count",
        Kind::Integer,
        "Rows in warnings.csv for this notice.",
    ),
    req(
        "item_count",
        Kind::Integer,
        "Rows in items.csv for this notice.",
    ),
    req(
        "table_count",
        Kind::Integer,
        "Tables of data in the notice (table_cells.csv holds their cells).",
    ),
    req(
        "attachment_count",
        Kind::Integer,
        "Rows in attachments.csv for this notice.",
    ),
];

/// `sections.csv`: one row per top-level heading `一、…`.
const SECTIONS_COLUMNS: &[Column] = &[
    NOTICE_ID,
    ORDINAL,
    req(
        "number",
        Kind::Integer,
        "1-based position among the sections, as the record gives it.",
    ),
    req("label", Kind::String, "The numeral as written (一)."),
    col(
        "title",
        Kind::String,
        "Heading text before any lead-unit parenthesis.",
    ),
    col(
        "lead_units",
        Kind::String,
        "Units from (由…牽頭實施), joined by | (a | inside a name becomes ｜).",
    ),
    SPAN_START,
    SPAN_END,
];

/// `clauses.csv`: one row per numbered measure `(一)`, `1.`, `第一條`.
const CLAUSES_COLUMNS: &[Column] = &[
    NOTICE_ID,
    ORDINAL,
    SECTION_REF,
    req(
        "number",
        Kind::Integer,
        "1…N in reading order through the notice, whatever the labels say.",
    ),
    req(
        "label",
        Kind::String,
        "The label as written, without brackets (一, 1, 第一條).",
    ),
    col(
        "title",
        Kind::String,
        "Text after the label up to the first 。",
    ),
    col(
        "responsible_units",
        Kind::String,
        "Units its responsibility statements name (its items' included), in order, joined by | (a | inside a name becomes ｜).",
    ),
    SPAN_START,
    SPAN_END,
    col(
        "lead_units",
        Kind::String,
        "The responsible units the notice says lead (牽頭), joined by |.",
    ),
    req(
        "item_count",
        Kind::Integer,
        "Rows in items.csv for this clause.",
    ),
];

/// `items.csv`: one row per numbered item below a clause.
const ITEMS_COLUMNS: &[Column] = &[
    NOTICE_ID,
    ORDINAL,
    req(
        "clause",
        Kind::Integer,
        "Number of the clause holding the item (clauses.number).",
    ),
    req(
        "level",
        Kind::Integer,
        "1 for an item right under its clause, 2 under such an item, …",
    ),
    req(
        "label",
        Kind::String,
        "The label as written, without brackets (1, 一, ①).",
    ),
    col(
        "responsible_units",
        Kind::String,
        "Units its responsibility statements name, in order, joined by |.",
    ),
    col(
        "lead_units",
        Kind::String,
        "The responsible units it says lead, joined by |.",
    ),
    SPAN_START,
    SPAN_END,
];

/// `table_cells.csv`: one row per cell of a table of data.
const TABLE_CELLS_COLUMNS: &[Column] = &[
    NOTICE_ID,
    req(
        "table",
        Kind::Integer,
        "1-based position of the table in the record's tables.",
    ),
    req("row", Kind::Integer, "1-based row, header rows included."),
    req("column", Kind::Integer, "1-based column."),
    SECTION_REF,
    CLAUSE_REF,
    col("text", Kind::String, "The cell as written."),
];

/// `attachments.csv`: one row per file the page links to.
const ATTACHMENTS_COLUMNS: &[Column] = &[
    NOTICE_ID,
    ORDINAL,
    col("text", Kind::String, "The link's text."),
    req(
        "url",
        Kind::String,
        "Its URL, absolute when the page's own URL is known.",
    ),
];

/// `amounts.csv`: one row per sum of money.
const AMOUNTS_COLUMNS: &[Column] = &[
    NOTICE_ID,
    ORDINAL,
    SECTION_REF,
    CLAUSE_REF,
    req("text", Kind::String, "The amount as the source writes it (18.2億元)."),
    req(
        "value",
        Kind::Number,
        "In the currency's major unit (yuan), plain decimal with a point (1820000000.0).",
    ),
    req("currency", Kind::String, "ISO 4217 code (CNY, USD)."),
    one_of(
        "bound",
        "max = a cap (最高, 不超過), min = a floor (以上), approx = an estimate (約), exact = anything else.",
        BOUNDS,
    ),
    SPAN_START,
    SPAN_END,
];

/// `percentages.csv`: one row per percentage, ratio or percentage-point figure.
const PERCENTAGES_COLUMNS: &[Column] = &[
    NOTICE_ID,
    ORDINAL,
    SECTION_REF,
    CLAUSE_REF,
    req(
        "text",
        Kind::String,
        "The figure as the source writes it (50%).",
    ),
    req(
        "value",
        Kind::Number,
        "In percent (千分之五 is 0.5) or in points, plain decimal with a point.",
    ),
    one_of(
        "unit",
        "percent for a ratio, point for percentage points (3個百分點), discount for N折 (八折 is 80), tenths for N成 (七成 is 70).",
        &["percent", "point", "discount", "tenths"],
    ),
    one_of(
        "bound",
        "max = a cap, min = a floor, approx = an estimate, exact = anything else.",
        BOUNDS,
    ),
    SPAN_START,
    SPAN_END,
];

/// `warnings.csv`: one row per doubt met while extracting a notice.
const WARNINGS_COLUMNS: &[Column] = &[
    NOTICE_ID,
    ORDINAL,
    req(
        "code",
        Kind::String,
        "Stable machine-readable name (clause_number_gap, no_sections…).",
    ),
    col("message", Kind::String, "What was seen, for people."),
];

/// A CSV file: where it goes, what it holds, and how a notice becomes rows.
struct Table {
    name: &'static str,
    path: &'static str,
    description: &'static str,
    columns: &'static [Column],
    primary_key: &'static [&'static str],
    rows: fn(&Notice) -> Result<Vec<Vec<String>>, ReleaseError>,
}

const TABLES: &[Table] = &[
    Table {
        name: "notices",
        path: "notices.csv",
        description: "One row per notice: header fields and counts.",
        columns: NOTICES_COLUMNS,
        primary_key: &["id"],
        rows: notice_rows,
    },
    Table {
        name: "sections",
        path: "sections.csv",
        description: "One row per top-level section (一、…).",
        columns: SECTIONS_COLUMNS,
        primary_key: &["notice_id", "ordinal"],
        rows: section_rows,
    },
    Table {
        name: "clauses",
        path: "clauses.csv",
        description: "One row per numbered clause ((一), 1., 第一條).",
        columns: CLAUSES_COLUMNS,
        primary_key: &["notice_id", "ordinal"],
        rows: clause_rows,
    },
    Table {
        name: "items",
        path: "items.csv",
        description: "One row per numbered item below a clause (1., (1), ①).",
        columns: ITEMS_COLUMNS,
        primary_key: &["notice_id", "ordinal"],
        rows: item_rows,
    },
    Table {
        name: "table_cells",
        path: "table_cells.csv",
        description: "One row per cell of a table of data in a notice's text.",
        columns: TABLE_CELLS_COLUMNS,
        primary_key: &["notice_id", "table", "row", "column"],
        rows: table_cell_rows,
    },
    Table {
        name: "attachments",
        path: "attachments.csv",
        description: "One row per file a notice's page links to.",
        columns: ATTACHMENTS_COLUMNS,
        primary_key: &["notice_id", "ordinal"],
        rows: attachment_rows,
    },
    Table {
        name: "amounts",
        path: "amounts.csv",
        description: "One row per sum of money.",
        columns: AMOUNTS_COLUMNS,
        primary_key: &["notice_id", "ordinal"],
        rows: amount_rows,
    },
    Table {
        name: "percentages",
        path: "percentages.csv",
        description: "One row per percentage, ratio or percentage-point figure.",
        columns: PERCENTAGES_COLUMNS,
        primary_key: &["notice_id", "ordinal"],
        rows: percentage_rows,
    },
    Table {
        name: "warnings",
        path: "warnings.csv",
        description: "One row per warning raised while extracting a notice.",
        columns: WARNINGS_COLUMNS,
        primary_key: &["notice_id", "ordinal"],
        rows: warning_rows,
    },
];

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
        for row in (self.table.rows)(notice)? {
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

/// Size and SHA-256 of a file, as the package states them.
struct FileDigest {
    bytes: u64,
    hash: String,
}

impl FileDigest {
    fn of(bytes: &[u8]) -> Self {
        FileDigest {
            bytes: bytes.len() as u64,
            hash: hex_hash(Sha256::digest(bytes).as_slice()),
        }
    }
}

/// A writer that counts and hashes what goes through it.
struct HashingWriter<W> {
    inner: W,
    sha: Sha256,
    bytes: u64,
}

impl<W> HashingWriter<W> {
    fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            sha: Sha256::new(),
            bytes: 0,
        }
    }

    fn finish(self) -> (W, FileDigest) {
        let hash = hex_hash(self.sha.finalize().as_slice());
        (
            self.inner,
            FileDigest {
                bytes: self.bytes,
                hash,
            },
        )
    }
}

impl<W: std::io::Write> std::io::Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.sha.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn opt_num(value: Option<u32>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

fn list(items: &[String]) -> String {
    let sep = LIST_SEPARATOR.to_string();
    items
        .iter()
        .map(|item| item.replace(LIST_SEPARATOR, &SEPARATOR_STAND_IN.to_string()))
        .collect::<Vec<_>>()
        .join(&sep)
}

/// A plain decimal with a point: Rust's `Display` for `f64` never uses an
/// exponent; the `.0` it leaves off whole numbers is put back, so a column
/// of whole yuan still reads as a floating type. DuckDB sniffs types from
/// a sample of rows: a column typed BIGINT from whole numbers in the sample
/// would fail on a `0.5` after it.
fn decimal(notice: &Notice, field: &'static str, value: f64) -> Result<String, ReleaseError> {
    if !value.is_finite() {
        return Err(ReleaseError::NonFinite {
            id: notice.id.clone(),
            field,
            value,
        });
    }
    // `-0` would read back as a distinct value in some tools.
    let value = if value == 0.0 { 0.0 } else { value };
    let mut s = value.to_string();
    if !s.contains('.') {
        s.push_str(".0");
    }
    Ok(s)
}

fn bound_name(bound: Bound) -> &'static str {
    match bound {
        Bound::Max => "max",
        Bound::Min => "min",
        Bound::Approx => "approx",
        Bound::Exact => "exact",
    }
}

fn unit_name(unit: PercentUnit) -> &'static str {
    match unit {
        PercentUnit::Percent => "percent",
        PercentUnit::Point => "point",
        PercentUnit::Discount => "discount",
        PercentUnit::Tenths => "tenths",
    }
}

fn notice_rows(n: &Notice) -> Result<Vec<Vec<String>>, ReleaseError> {
    Ok(vec![vec![
        n.id.clone(),
        opt(&n.title),
        opt(&n.policy_title),
        opt(&n.doc_number),
        list(&n.issuers),
        list(&n.recipients),
        opt(&n.signed_date),
        opt(&n.published_at),
        n.source.uri.clone(),
        n.source.media_type.clone(),
        n.source.sha256.clone(),
        n.source.bytes.to_string(),
        opt(&n.source.encoding),
        n.sections.len().to_string(),
        n.clauses.len().to_string(),
        n.amounts.len().to_string(),
        n.percentages.len().to_string(),
        n.warnings.len().to_string(),
        n.clauses
            .iter()
            .map(|c| c.items.len())
            .sum::<usize>()
            .to_string(),
        n.tables.len().to_string(),
        n.attachments.len().to_string(),
    ]])
}

fn section_rows(n: &Notice) -> Result<Vec<Vec<String>>, ReleaseError> {
    Ok(n.sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                n.id.clone(),
                (i + 1).to_string(),
                s.number.to_string(),
                s.label.clone(),
                s.title.clone(),
                list(&s.lead_units),
                s.span[0].to_string(),
                s.span[1].to_string(),
            ]
        })
        .collect())
}

fn clause_rows(n: &Notice) -> Result<Vec<Vec<String>>, ReleaseError> {
    Ok(n.clauses
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                n.id.clone(),
                (i + 1).to_string(),
                opt_num(c.section),
                c.number.to_string(),
                c.label.clone(),
                c.title.clone(),
                list(&c.responsible_units),
                c.span[0].to_string(),
                c.span[1].to_string(),
                list(&c.lead_units),
                c.items.len().to_string(),
            ]
        })
        .collect())
}

fn item_rows(n: &Notice) -> Result<Vec<Vec<String>>, ReleaseError> {
    Ok(n.clauses
        .iter()
        .flat_map(|c| c.items.iter().map(move |item| (c.number, item)))
        .enumerate()
        .map(|(i, (clause, item))| {
            vec![
                n.id.clone(),
                (i + 1).to_string(),
                clause.to_string(),
                item.level.to_string(),
                item.label.clone(),
                list(&item.responsible_units),
                list(&item.lead_units),
                item.span[0].to_string(),
                item.span[1].to_string(),
            ]
        })
        .collect())
}

fn table_cell_rows(n: &Notice) -> Result<Vec<Vec<String>>, ReleaseError> {
    let mut out = Vec::new();
    for (t, table) in n.tables.iter().enumerate() {
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                out.push(vec![
                    n.id.clone(),
                    (t + 1).to_string(),
                    (r + 1).to_string(),
                    (c + 1).to_string(),
                    opt_num(table.section),
                    opt_num(table.clause),
                    cell.clone(),
                ]);
            }
        }
    }
    Ok(out)
}

fn attachment_rows(n: &Notice) -> Result<Vec<Vec<String>>, ReleaseError> {
    Ok(n.attachments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                n.id.clone(),
                (i + 1).to_string(),
                a.text.clone(),
                a.url.clone(),
            ]
        })
        .collect())
}

fn amount_rows(n: &Notice) -> Result<Vec<Vec<String>>, ReleaseError> {
    n.amounts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            Ok(vec![
                n.id.clone(),
                (i + 1).to_string(),
                opt_num(a.section),
                opt_num(a.clause),
                a.text.clone(),
                decimal(n, "amounts.value", a.value)?,
                a.currency.clone(),
                bound_name(a.bound).to_string(),
                a.span[0].to_string(),
                a.span[1].to_string(),
            ])
        })
        .collect()
}

fn percentage_rows(n: &Notice) -> Result<Vec<Vec<String>>, ReleaseError> {
    n.percentages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Ok(vec![
                n.id.clone(),
                (i + 1).to_string(),
                opt_num(p.section),
                opt_num(p.clause),
                p.text.clone(),
                decimal(n, "percentages.value", p.value)?,
                unit_name(p.unit).to_string(),
                bound_name(p.bound).to_string(),
                p.span[0].to_string(),
                p.span[1].to_string(),
            ])
        })
        .collect()
}

fn warning_rows(n: &Notice) -> Result<Vec<Vec<String>>, ReleaseError> {
    Ok(n.warnings
        .iter()
        .enumerate()
        .map(|(i, w)| {
            vec![
                n.id.clone(),
                (i + 1).to_string(),
                w.code.clone(),
                w.message.clone(),
            ]
        })
        .collect())
}

// ----------------------------------------------------------- the package --
//
// `datapackage.json`, field by field (Frictionless Data Package v2):
//
// - `$schema`: the Data Package v2 profile.
// - `name`, `title`, `description`: fixed text.
// - `created`: from `ReleaseOptions::created`; absent when none.
// - `notice_extract`: `tool_version` (Cargo version of the writer),
//   `schema_version` (`SCHEMA_VERSION` of the records), `record_schema`
//   (path of the JSON Schema copy), `list_separator`.
// - `resources`: the six tables (`type: table`, with `dialect` and a Table
//   Schema), then `records` (notices.ndjson), `report` (if present),
//   `notice-schema`, and one `record-<id>` per notices/<id>.json, by id.
//   Each has `path`, `format`, `mediatype`, `encoding`, `bytes` and
//   `hash` (`sha256:<hex>`); JSON records carry `jsonSchema`, the path of
//   the schema they follow (a notice-extract property; Frictionless ignores
//   it, `.ci/check-release.sh` validates against it).

#[derive(Serialize)]
struct DataPackage<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    name: &'static str,
    title: &'static str,
    description: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<&'a str>,
    notice_extract: ToolInfo,
    resources: Vec<Resource>,
}

#[derive(Serialize)]
struct ToolInfo {
    tool_version: &'static str,
    schema_version: &'static str,
    record_schema: &'static str,
    list_separator: char,
}

#[derive(Serialize)]
struct Resource {
    name: String,
    /// `table` for CSVs, `json` for single JSON documents Frictionless
    /// should parse, `file` for the rest (NDJSON would otherwise be read
    /// as a table and need Frictionless's JSON extra).
    #[serde(rename = "type")]
    kind: &'static str,
    path: String,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    bytes: u64,
    hash: String,
    description: &'static str,
    #[serde(rename = "jsonSchema", skip_serializing_if = "Option::is_none")]
    json_schema: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dialect: Option<Dialect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schema: Option<TableSchema>,
}

impl Resource {
    fn table(table: &Table, digest: &FileDigest) -> Self {
        let foreign_keys = if table.name == "notices" {
            Vec::new()
        } else {
            vec![ForeignKey {
                fields: vec!["notice_id"],
                reference: Reference {
                    resource: "notices",
                    fields: vec!["id"],
                },
            }]
        };
        Resource {
            name: table.name.to_string(),
            kind: "table",
            path: table.path.to_string(),
            format: "csv",
            mediatype: "text/csv",
            encoding: "utf-8",
            bytes: digest.bytes,
            hash: digest.hash.clone(),
            description: table.description,
            json_schema: None,
            dialect: Some(Dialect {
                header: true,
                delimiter: ',',
                line_terminator: "\n",
                quote_char: '"',
                double_quote: true,
            }),
            schema: Some(TableSchema {
                fields: table.columns.iter().map(Field::from).collect(),
                missing_values: vec![""],
                primary_key: table.primary_key.to_vec(),
                foreign_keys,
            }),
        }
    }

    fn file(
        name: &str,
        path: &str,
        format: &'static str,
        mediatype: &'static str,
        description: &'static str,
        digest: &FileDigest,
        json_schema: Option<&'static str>,
    ) -> Self {
        Resource {
            name: name.to_string(),
            kind: "file",
            path: path.to_string(),
            format,
            mediatype,
            encoding: "utf-8",
            bytes: digest.bytes,
            hash: digest.hash.clone(),
            description,
            json_schema,
            dialect: None,
            schema: None,
        }
    }

    fn json(
        name: &str,
        path: &str,
        description: &'static str,
        digest: &FileDigest,
        json_schema: Option<&'static str>,
    ) -> Self {
        Resource {
            kind: "json",
            ..Resource::file(
                name,
                path,
                "json",
                "application/json",
                description,
                digest,
                json_schema,
            )
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dialect {
    header: bool,
    delimiter: char,
    line_terminator: &'static str,
    quote_char: char,
    double_quote: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TableSchema {
    fields: Vec<Field>,
    missing_values: Vec<&'static str>,
    primary_key: Vec<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    foreign_keys: Vec<ForeignKey>,
}

#[derive(Serialize)]
struct Field {
    name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    description: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    constraints: Option<Constraints>,
}

impl From<&Column> for Field {
    fn from(c: &Column) -> Self {
        let constraints = (c.required || !c.allowed.is_empty()).then(|| Constraints {
            required: c.required,
            allowed: (!c.allowed.is_empty()).then_some(c.allowed),
        });
        Field {
            name: c.name,
            kind: match c.kind {
                Kind::String => "string",
                Kind::Integer => "integer",
                Kind::Number => "number",
                Kind::Date => "date",
            },
            description: c.description,
            constraints,
        }
    }
}

#[derive(Serialize)]
struct Constraints {
    required: bool,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    allowed: Option<&'static [&'static str]>,
}

#[derive(Serialize)]
struct ForeignKey {
    fields: Vec<&'static str>,
    reference: Reference,
}

#[derive(Serialize)]
struct Reference {
    resource: &'static str,
    fields: Vec<&'static str>,
}

// ------------------------------------------------------------------ I/O --

fn hex_hash(digest: &[u8]) -> String {
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
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
