//! `notices.csv`: its columns and, below them, the function that fills them.

use super::{col, list, one_of, opt, req, Kind, Rows, Table};
use crate::model::Notice;
use crate::output::release::ReleaseError;

/// `notices.csv`: one row per notice.
pub(super) const NOTICES: Table = Table {
    name: "notices",
    path: "notices.csv",
    description: "One row per notice: header fields and counts.",
    primary_key: &["id"],
    columns: &[
        req(
            "id",
            Kind::String,
            "Record id, stable per source; the file notices/<id>.json.",
        ),
        col(
            "title",
            Kind::String,
            "The notice's own title (the line ending in 通知).",
        ),
        col(
            "policy_title",
            Kind::String,
            "Title of the policy text the notice issues.",
        ),
        col(
            "doc_number",
            Kind::String,
            "文號 as written, e.g. 杭高新〔2025〕3號.",
        ),
        col(
            "issuers",
            Kind::String,
            "Signing bodies in document order, joined by | (a | inside a name becomes ｜).",
        ),
        col(
            "recipients",
            Kind::String,
            "主送 addressees in document order, joined by | (a | inside a name becomes ｜).",
        ),
        col("signed_date", Kind::Date, "Date of signature (成文日期)."),
        col(
            "published_at",
            Kind::String,
            "Publication date or time stated by the web page, ISO 8601 with +08:00.",
        ),
        req(
            "source_uri",
            Kind::String,
            "URL, or the file path as given to the tool.",
        ),
        one_of(
            "media_type",
            "Media type of the source.",
            &crate::decode::MIME_TYPES,
        ),
        req(
            "sha256",
            Kind::String,
            "SHA-256 of the source's raw bytes, lower-case hex.",
        ),
        req("bytes", Kind::Integer, "Size of the source's raw bytes."),
        col(
            "encoding",
            Kind::String,
            "Character encoding the source was decoded from; empty for PDF, office and OFD documents and images.",
        ),
        req(
            "section_count",
            Kind::Integer,
            "Rows in sections.csv for this notice.",
        ),
        req(
            "clause_count",
            Kind::Integer,
            "Rows in clauses.csv for this notice.",
        ),
        req(
            "amount_count",
            Kind::Integer,
            "Rows in amounts.csv for this notice.",
        ),
        req(
            "percentage_count",
            Kind::Integer,
            "Rows in percentages.csv for this notice.",
        ),
        req(
            "warning_count",
            Kind::Integer,
            "Rows in warnings.csv for this notice.",
        ),
        req(
            "item_count",
            Kind::Integer,
            "Rows in items.csv for this notice.",
        ),
        req(
            "table_count",
            Kind::Integer,
            "Tables of data in the notice (table_cells.csv holds their cells).",
        ),
        req(
            "attachment_count",
            Kind::Integer,
            "Rows in attachments.csv for this notice.",
        ),
        req(
            "percentage_point_count",
            Kind::Integer,
            "Rows in percentage_points.csv for this notice.",
        ),
    ],
    rows: Rows::PerNotice(notice_rows),
};

fn notice_rows(n: &Notice) -> Result<Vec<Vec<String>>, ReleaseError> {
    Ok(vec![vec![
        n.id.clone(),
        opt(&n.title),
        opt(&n.policy_title),
        opt(&n.doc_number),
        list(&n.issuers),
        list(&n.recipients),
        opt(&n.signed_date),
        opt(&n.published_at),
        n.source.uri.clone(),
        n.source.media_type.clone(),
        n.source.sha256.clone(),
        n.source.bytes.to_string(),
        opt(&n.source.encoding),
        n.sections.len().to_string(),
        n.clauses.len().to_string(),
        n.amounts.len().to_string(),
        n.percentages.len().to_string(),
        n.warnings.len().to_string(),
        n.clauses
            .iter()
            .map(|c| c.items.len())
            .sum::<usize>()
            .to_string(),
        n.tables.len().to_string(),
        n.attachments.len().to_string(),
        n.percentage_points.len().to_string(),
    ]])
}
