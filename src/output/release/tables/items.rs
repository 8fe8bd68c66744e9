//! `items.csv`: its columns and, below them, the function that fills them.

use super::{col, list, req, Kind, Rows, Table, NOTICE_ID, ORDINAL, SPAN_END, SPAN_START};
use crate::model::Notice;
use crate::output::release::ReleaseError;

/// `items.csv`: one row per numbered item below a clause.
pub(super) const ITEMS: Table = Table {
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
