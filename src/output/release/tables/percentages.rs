//! `percentages.csv`: its columns and, below them, the function that fills them.

use super::{
    decimal, one_of, opt_num, req, Kind, Rows, Table, BOUNDS, CLAUSE_REF, NOTICE_ID, ORDINAL,
    SECTION_REF, SPAN_END, SPAN_START,
};
use crate::model::Notice;
use crate::output::release::ReleaseError;

/// `percentages.csv`: one row per percentage or ratio, percentage points
/// included (unit `point`; `percentage_points.csv` lists them again).
pub(super) const PERCENTAGES: Table = Table {
    name: "percentages",
    path: "percentages.csv",
    description: "One row per percentage or ratio, percentage points included (unit point; percentage_points.csv lists them again): select unit = 'percent' to sum shares.",
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
            "In percent (千分之五 is 0.5), plain decimal with a point.",
        ),
        one_of(
            "unit",
            "percent for a ratio, discount for N折 (八折 is 80), tenths for N成 (七成 is 70), point for percentage points (提高3个百分点 is 3).",
            &["percent", "discount", "tenths", "point"],
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
