//! The CSV tables of a release: one file here per table, holding its
//! columns (header, type, meaning) and, right below, the function that
//! turns a notice into its rows, so a column and the value that fills it
//! are read together. This file holds what they share: the column types,
//! the columns many tables have, and how values are written.
//! The same columns become the Table Schemas of `datapackage.json`
//! ([`super::datapackage`]), so a header and its description cannot drift.

use serde_json::Value;
use strum::IntoEnumIterator as _;

use super::{ReleaseError, LIST_SEPARATOR, SEPARATOR_STAND_IN};
use crate::model::{Notice, WarningCode};
use amounts::AMOUNTS;
use attachments::ATTACHMENTS;
pub(super) use changes::CHANGES;
use clauses::CLAUSES;
use items::ITEMS;
use notices::NOTICES;
use percentage_points::PERCENTAGE_POINTS;
use percentages::PERCENTAGES;
use sections::SECTIONS;
use table_cells::TABLE_CELLS;
use warnings::WARNINGS;

mod amounts;
mod attachments;
mod changes;
mod clauses;
mod items;
mod notices;
mod percentage_points;
mod percentages;
mod sections;
mod table_cells;
mod warnings;

/// Table Schema field types used here.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    String,
    Integer,
    Number,
    Date,
    Boolean,
}

/// One CSV column: its header, type and meaning.
#[derive(Debug)]
pub(super) struct Column {
    pub(super) name: &'static str,
    pub(super) kind: Kind,
    pub(super) description: &'static str,
    /// Never empty.
    pub(super) required: bool,
    /// The only values allowed, when the column is an enumeration.
    pub(super) allowed: Allowed,
}

/// The values an enumeration column allows.
#[derive(Debug, Clone, Copy)]
pub(super) enum Allowed {
    Any,
    These(&'static [&'static str]),
    /// Every [`WarningCode`], so the package cannot document a code the
    /// tool never writes, nor miss one it does.
    WarningCodes,
}

impl Allowed {
    /// The values, or `None` for any.
    pub(super) fn values(self) -> Option<Vec<&'static str>> {
        match self {
            Allowed::Any => None,
            Allowed::These(v) => Some(v.to_vec()),
            Allowed::WarningCodes => Some(WarningCode::iter().map(WarningCode::as_str).collect()),
        }
    }
}

const fn col(name: &'static str, kind: Kind, description: &'static str) -> Column {
    Column {
        name,
        kind,
        description,
        required: false,
        allowed: Allowed::Any,
    }
}

const fn req(name: &'static str, kind: Kind, description: &'static str) -> Column {
    Column {
        name,
        kind,
        description,
        required: true,
        allowed: Allowed::Any,
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
        allowed: Allowed::These(allowed),
    }
}

/// A CSV file: where it goes, what it holds, and how a notice becomes rows.
pub(super) struct Table {
    pub(super) name: &'static str,
    pub(super) path: &'static str,
    pub(super) description: &'static str,
    pub(super) columns: &'static [Column],
    pub(super) primary_key: &'static [&'static str],
    pub(super) rows: Rows,
}

/// Where a table's rows come from.
pub(super) enum Rows {
    /// From each record, in id order.
    PerNotice(fn(&Notice) -> Result<Vec<Vec<String>>, ReleaseError>),
    /// From each line of `changes.ndjson` (its 1-based number and the
    /// change).
    PerChange(fn(usize, &Value) -> Vec<String>),
}

/// Every table, in the order of the package's resources.
pub(super) const TABLES: &[&Table] = &[
    &NOTICES,
    &SECTIONS,
    &CLAUSES,
    &ITEMS,
    &TABLE_CELLS,
    &ATTACHMENTS,
    &AMOUNTS,
    &PERCENTAGES,
    &PERCENTAGE_POINTS,
    &WARNINGS,
];

// ------------------------------------------------- columns in many tables --

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

// ---------------------------------------------------------------- values --

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of every table has the header's width, on every fixture;
    /// each table gets rows from some fixture, so none passes by being
    /// empty (release builds do not run the writer's `debug_assert`).
    #[test]
    fn every_row_has_the_header_width() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut seen = vec![0usize; TABLES.len()];
        for dir in ["text", "html", "pdf"] {
            let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
                .expect("fixture folder")
                .flatten()
                .map(|e| e.path())
                .collect();
            files.sort();
            for path in files {
                let notice = crate::extract_file(&path, &crate::Config::default())
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                for (table, n) in TABLES.iter().zip(&mut seen) {
                    let Rows::PerNotice(rows) = table.rows else {
                        continue;
                    };
                    for row in rows(&notice).expect("rows") {
                        assert_eq!(
                            row.len(),
                            table.columns.len(),
                            "{}: a row of {}",
                            table.path,
                            path.display()
                        );
                        *n += 1;
                    }
                }
            }
        }
        for (table, n) in TABLES.iter().zip(&seen) {
            assert!(*n > 0, "no fixture gives {} a row", table.path);
        }
    }
}
