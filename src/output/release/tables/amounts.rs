//! `amounts.csv`: its columns and, below them, the function that fills them.

use super::{
    decimal, one_of, opt_num, req, Kind, Rows, Table, BOUNDS, CLAUSE_REF, NOTICE_ID, ORDINAL,
    SECTION_REF, SPAN_END, SPAN_START,
};
use crate::model::Notice;
use crate::output::release::ReleaseError;

/// `amounts.csv`: one row per sum of money.
pub(super) const AMOUNTS: Table = Table {
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
