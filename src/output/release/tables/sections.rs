//! `sections.csv`: its columns and, below them, the function that fills them.

use super::{col, list, req, Kind, Rows, Table, NOTICE_ID, ORDINAL, SPAN_END, SPAN_START};
use crate::model::Notice;
use crate::output::release::ReleaseError;

/// `sections.csv`: one row per top-level heading `一、…`.
pub(super) const SECTIONS: Table = Table {
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
