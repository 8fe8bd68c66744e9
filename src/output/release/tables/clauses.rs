//! `clauses.csv`: its columns and, below them, the function that fills them.

use super::{
    col, list, opt_num, req, Kind, Rows, Table, NOTICE_ID, ORDINAL, SECTION_REF, SPAN_END,
    SPAN_START,
};
use crate::model::Notice;
use crate::output::release::ReleaseError;

/// `clauses.csv`: one row per numbered measure `(一)`, `1.`, `第一條`.
pub(super) const CLAUSES: Table = Table {
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
