//! The CSV tables of a release: for each, its file, its columns (header,
//! type, meaning) and, right below, the function that turns a notice into
//! its rows, so a column and the value that fills it are read together.
//! The same columns become the Table Schemas of `datapackage.json`
//! ([`super::datapackage`]), so a header and its description cannot drift.

use serde_json::Value;
use strum::IntoEnumIterator as _;

use super::{ReleaseError, LIST_SEPARATOR, SEPARATOR_STAND_IN};
use crate::model::{Notice, WarningCode};

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

// ------------------------------------------------------------ the tables --

/// `notices.csv`: one row per notice.
const NOTICES: Table = Table {
    name: "notices",
    path: "notices.csv",
    description: "One row per notice: header fields and counts.",
    primary_key: &["id"],
    columns: &[
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
            "Character encoding the source was decoded from; empty for PDF, office and OFD documents and images.",
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
    ],
    rows: Rows::PerNotice(notice_rows),
};

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

/// `sections.csv`: one row per top-level heading `一、…`.
const SECTIONS: Table = Table {
    name: "sections",
    path: "sections.csv",
    description: "One row per top-level section (一、…).",
    primary_key: &["notice_id", "ordinal"],
    columns: &[
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
    ],
    rows: Rows::PerNotice(section_rows),
};

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

/// `clauses.csv`: one row per numbered measure `(一)`, `1.`, `第一條`.
const CLAUSES: Table = Table {
    name: "clauses",
    path: "clauses.csv",
    description: "One row per numbered clause ((一), 1., 第一條).",
    primary_key: &["notice_id", "ordinal"],
    columns: &[
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
    ],
    rows: Rows::PerNotice(clause_rows),
};

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

/// `items.csv`: one row per numbered item below a clause.
const ITEMS: Table = Table {
    name: "items",
    path: "items.csv",
    description: "One row per numbered item below a clause (1., (1), ①).",
    primary_key: &["notice_id", "ordinal"],
    columns: &[
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
    ],
    rows: Rows::PerNotice(item_rows),
};

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

/// `table_cells.csv`: one row per cell of a table of data.
const TABLE_CELLS: Table = Table {
    name: "table_cells",
    path: "table_cells.csv",
    description: "One row per cell of a table of data in a notice's text.",
    primary_key: &["notice_id", "table", "row", "column"],
    columns: &[
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
    ],
    rows: Rows::PerNotice(table_cell_rows),
};

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

/// `attachments.csv`: one row per file the page links to.
const ATTACHMENTS: Table = Table {
    name: "attachments",
    path: "attachments.csv",
    description: "One row per file a notice's page links to.",
    primary_key: &["notice_id", "ordinal"],
    columns: &[
        NOTICE_ID,
        ORDINAL,
        col("text", Kind::String, "The link's text."),
        req(
            "url",
            Kind::String,
            "Its URL, absolute when the page's own URL is known.",
        ),
    ],
    rows: Rows::PerNotice(attachment_rows),
};

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

/// `amounts.csv`: one row per sum of money.
const AMOUNTS: Table = Table {
    name: "amounts",
    path: "amounts.csv",
    description: "One row per sum of money.",
    primary_key: &["notice_id", "ordinal"],
    columns: &[
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
    ],
    rows: Rows::PerNotice(amount_rows),
};

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
                a.bound.as_str().to_string(),
                a.span[0].to_string(),
                a.span[1].to_string(),
            ])
        })
        .collect()
}

/// `percentages.csv`: one row per percentage, ratio or percentage-point figure.
const PERCENTAGES: Table = Table {
    name: "percentages",
    path: "percentages.csv",
    description: "One row per percentage, ratio or percentage-point figure.",
    primary_key: &["notice_id", "ordinal"],
    columns: &[
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
    ],
    rows: Rows::PerNotice(percentage_rows),
};

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
                p.unit.as_str().to_string(),
                p.bound.as_str().to_string(),
                p.span[0].to_string(),
                p.span[1].to_string(),
            ])
        })
        .collect()
}

/// `warnings.csv`: one row per doubt met while extracting a notice.
const WARNINGS: Table = Table {
    name: "warnings",
    path: "warnings.csv",
    description: "One row per warning raised while extracting a notice.",
    primary_key: &["notice_id", "ordinal"],
    columns: &[
        NOTICE_ID,
        ORDINAL,
        Column {
            name: "code",
            kind: Kind::String,
            description:
                "Stable machine-readable name of what was seen; the codes and their meaning \
                are listed in the README (\"Warning codes\") and allowed by this column's enum.",
            required: true,
            allowed: Allowed::WarningCodes,
        },
        col("message", Kind::String, "What was seen, for people."),
    ],
    rows: Rows::PerNotice(warning_rows),
};

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

/// `changes.csv`: one row per line of `changes.ndjson`, what changed since
/// the last run (`batch::changes`), flattened: the part's labels and spans
/// on both sides, its figures and units before and after, the changed
/// words. The JSON lines stay the authority (`schemas/changes.schema.json`).
pub(super) const CHANGES: Table = Table {
    name: "changes",
    path: "changes.csv",
    description: "One row per change since the last run into this folder (a line of \
        changes.ndjson): notices added or removed; header fields, sections and clauses added, \
        removed, moved or amended, with figures and units before and after. Empty in a \
        folder's first run and in a rerun where nothing changed.",
    primary_key: &["line"],
    columns: &[
        req(
            "line",
            Kind::Integer,
            "1-based line of changes.ndjson; the row's key.",
        ),
        req(
            "notice_id",
            Kind::String,
            "Id of the notice (of its last record for notice_removed; it may then be missing \
             from notices.csv).",
        ),
        one_of(
            "kind",
            "What changed: notice_added/_removed, source (provenance, never substance), field \
             (a header field, see field), section_ and clause_ added/removed/moved/amended, \
             preamble_/closing_amended, warnings.",
            CHANGE_KINDS,
        ),
        req(
            "substance",
            Kind::Boolean,
            "Whether the notice says something different (false: provenance, warnings, \
             script or white space, words outside sections and clauses).",
        ),
        col(
            "field",
            Kind::String,
            "The header field of a field change (title, doc_number, issuers…).",
        ),
        Column {
            name: "reason",
            kind: Kind::String,
            description: "notice_removed only: input_gone (not among the run's inputs) or failed \
                (the input failed; its last record is kept, flagged stale_record).",
            required: false,
            allowed: Allowed::These(&["input_gone", "failed"]),
        },
        col(
            "error",
            Kind::String,
            "With reason failed: the error code in report.json.",
        ),
        col(
            "old_label",
            Kind::String,
            "The section's or clause's label before ((五)).",
        ),
        col("new_label", Kind::String, "Its label after."),
        col(
            "old_section",
            Kind::Integer,
            "A clause's section number before.",
        ),
        col(
            "new_section",
            Kind::Integer,
            "A clause's section number after.",
        ),
        col(
            "title",
            Kind::String,
            "The section's or clause's title (the notice's for notice_added/_removed), as it \
             stands after (before, when removed).",
        ),
        col(
            "old_span_start",
            Kind::Integer,
            "Start of the part's span in the old record's text (code points).",
        ),
        col(
            "old_span_end",
            Kind::Integer,
            "End of that span (exclusive).",
        ),
        col(
            "new_span_start",
            Kind::Integer,
            "Start of the part's span in the new record's text (code points).",
        ),
        col(
            "new_span_end",
            Kind::Integer,
            "End of that span (exclusive).",
        ),
        col(
            "amounts",
            Kind::String,
            "Changed amounts, `old → new` each (`500000 CNY max → 1000000 CNY max`; `-` for \
             none), joined by |; for an added or removed part, its amounts.",
        ),
        col(
            "percentages",
            Kind::String,
            "Changed percentages, as amounts (`50 percent max → 60 percent max`).",
        ),
        col(
            "units_added",
            Kind::String,
            "Responsible and lead units named after but not before, joined by |.",
        ),
        col(
            "units_removed",
            Kind::String,
            "Responsible and lead units named before but not after, joined by |.",
        ),
        col(
            "text",
            Kind::String,
            "The changed words, `[-old-]{+new+}` per hunk, joined by |.",
        ),
    ],
    rows: Rows::PerChange(change_row),
};

/// The `kind`s of `schemas/changes.schema.json`.
const CHANGE_KINDS: &[&str] = &[
    "notice_added",
    "notice_removed",
    "source",
    "field",
    "section_added",
    "section_removed",
    "section_moved",
    "section_amended",
    "clause_added",
    "clause_removed",
    "clause_moved",
    "clause_amended",
    "preamble_amended",
    "closing_amended",
    "warnings",
];

fn change_row(line: usize, c: &Value) -> Vec<String> {
    let s = |v: &Value| v.as_str().map(String::from).unwrap_or_default();
    let n = |v: &Value| v.as_u64().map(|n| n.to_string()).unwrap_or_default();
    let (old, new) = (&c["old"], &c["new"]);
    let side = if new.is_object() { new } else { old };
    let span = |v: &Value, i: usize| n(&v["span"][i]);
    let figure = |f: &Value, unit: &str| {
        if f.is_null() {
            return "-".to_string();
        }
        let value = f["value"]
            .as_f64()
            .map(|v| v.to_string())
            .unwrap_or_default();
        format!("{value} {} {}", s(&f[unit]), s(&f["bound"]))
    };
    let kind = s(&c["kind"]);
    let whole = kind.ends_with("_added") || kind.ends_with("_removed");
    let figures = |key: &str, unit: &str| {
        let pairs: Vec<String> = if whole {
            // An added or removed part: what it holds.
            side[key]
                .as_array()
                .map(|v| v.iter().map(|f| figure(f, unit)).collect())
                .unwrap_or_default()
        } else {
            c["changes"][key]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| format!("{} → {}", figure(&p["old"], unit), figure(&p["new"], unit)))
                .collect()
        };
        list(&pairs)
    };
    let units = |which: &str| {
        let mut v: Vec<String> = Vec::new();
        for key in ["responsible_units", "lead_units"] {
            for u in c["changes"][key][which].as_array().into_iter().flatten() {
                let u = s(u);
                if !v.contains(&u) {
                    v.push(u);
                }
            }
        }
        list(&v)
    };
    let text: Vec<String> = c["changes"]["text"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|op| {
            let (o, w) = (s(&op["old"]), s(&op["new"]));
            let mut t = String::new();
            if !o.is_empty() {
                t.push_str(&format!("[-{o}-]"));
            }
            if !w.is_empty() {
                t.push_str(&format!("{{+{w}+}}"));
            }
            t
        })
        .collect();
    vec![
        line.to_string(),
        s(&c["id"]),
        kind,
        c["substance"].as_bool().unwrap_or(false).to_string(),
        s(&c["field"]),
        s(&c["reason"]),
        s(&c["error"]),
        s(&old["label"]),
        s(&new["label"]),
        n(&old["section"]),
        n(&new["section"]),
        s(&side["title"]),
        span(old, 0),
        span(old, 1),
        span(new, 0),
        span(new, 1),
        figures("amounts", "currency"),
        figures("percentages", "unit"),
        units("added"),
        units("removed"),
        list(&text),
    ]
}

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
