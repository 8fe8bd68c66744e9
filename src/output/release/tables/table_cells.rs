//! `table_cells.csv`: its columns and, below them, the function that fills them.

use super::{col, opt_num, req, Kind, Rows, Table, CLAUSE_REF, NOTICE_ID, SECTION_REF};
use crate::model::Notice;
use crate::output::release::ReleaseError;

/// `table_cells.csv`: one row per cell of a table of data.
pub(super) const TABLE_CELLS: Table = Table {
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
