//! `changes.csv`: its columns and, below them, the function that fills them.

use serde_json::Value;

use super::{col, list, one_of, req, Allowed, Column, Kind, Rows, Table};

/// `changes.csv`: one row per line of `changes.ndjson`, what changed since
/// the last run (`batch::changes`), flattened: the part's labels and spans
/// on both sides, its figures and units before and after, the changed
/// words. The JSON lines stay the authority (`schemas/changes.schema.json`).
pub(in crate::output::release) const CHANGES: Table = Table {
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
        col(
            "percentage_points",
            Kind::String,
            "Changed percentage points, as amounts (`3 points exact → 5 points exact`); \
             since changes schema 2.1.0, appended.",
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
    let figure = |f: &Value, unit: Unit| {
        if f.is_null() {
            return "-".to_string();
        }
        let value = f["value"]
            .as_f64()
            .map(|v| v.to_string())
            .unwrap_or_default();
        let unit = match unit {
            Unit::Field(key) => s(&f[key]),
            Unit::Named(name) => name.to_string(),
        };
        format!("{value} {unit} {}", s(&f["bound"]))
    };
    let kind = s(&c["kind"]);
    let whole = kind.ends_with("_added") || kind.ends_with("_removed");
    let figures = |key: &str, unit: Unit| {
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
        figures("amounts", Unit::Field("currency")),
        figures("percentages", Unit::Field("unit")),
        units("added"),
        units("removed"),
        list(&text),
        figures("percentage_points", Unit::Named("points")),
    ]
}

/// Where a figure's unit is read from: a field of the figure (`currency`,
/// `unit`), or the one unit its kind has (a percentage point's).
#[derive(Clone, Copy)]
enum Unit {
    Field(&'static str),
    Named(&'static str),
}
