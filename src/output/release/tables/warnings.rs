//! `warnings.csv`: its columns and, below them, the function that fills them.

use super::{col, Allowed, Column, Kind, Rows, Table, NOTICE_ID, ORDINAL};
use crate::model::Notice;
use crate::output::release::ReleaseError;

/// `warnings.csv`: one row per doubt met while extracting a notice.
pub(super) const WARNINGS: Table = Table {
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
