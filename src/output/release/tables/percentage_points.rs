//! `percentage_points.csv`: its columns and, below them, the function that fills them.

use super::{
    decimal, one_of, opt_num, req, Kind, Rows, Table, BOUNDS, CLAUSE_REF, NOTICE_ID, ORDINAL,
    SECTION_REF, SPAN_END, SPAN_START,
};
use crate::model::Notice;
use crate::output::release::ReleaseError;

/// `percentage_points.csv`: one row per percentage-point figure, the
/// record's `percentage_points` (its columns are the JSON keys).
pub(super) const PERCENTAGE_POINTS: Table = Table {
    name: "percentage_points",
    path: "percentage_points.csv",
    description: "One row per difference of percentages in percentage points (提高3個百分點); \
                  not percentages, which are in percentages.csv.",
    primary_key: &["notice_id", "ordinal"],
    columns: &[
        NOTICE_ID,
        ORDINAL,
        SECTION_REF,
        CLAUSE_REF,
        req(
            "text",
            Kind::String,
            "The figure as the source writes it (3個百分點).",
        ),
        req(
            "value",
            Kind::Number,
            "In percentage points (3個百分點 is 3), plain decimal with a point.",
        ),
        one_of(
            "bound",
            "max = a cap, min = a floor, approx = an estimate, exact = anything else.",
            BOUNDS,
        ),
        SPAN_START,
        SPAN_END,
    ],
    rows: Rows::PerNotice(point_rows),
};

fn point_rows(n: &Notice) -> Result<Vec<Vec<String>>, ReleaseError> {
    n.percentage_points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Ok(vec![
                n.id.clone(),
                (i + 1).to_string(),
                opt_num(p.section),
                opt_num(p.clause),
                p.text.clone(),
                decimal(n, "percentage_points.value", p.value)?,
                p.bound.as_str().to_string(),
                p.span[0].to_string(),
                p.span[1].to_string(),
            ])
        })
        .collect()
}
