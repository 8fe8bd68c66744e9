//! `attachments.csv`: its columns and, below them, the function that fills them.

use super::{col, req, Kind, Rows, Table, NOTICE_ID, ORDINAL};
use crate::model::Notice;
use crate::output::release::ReleaseError;

/// `attachments.csv`: one row per file the page links to.
pub(super) const ATTACHMENTS: Table = Table {
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
