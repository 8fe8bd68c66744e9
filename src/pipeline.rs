//! The stages in order, for one document: decode → structure → entities →
//! record → schema check. Pure: the bytes come in, a record goes out.

use std::path::Path;

use crate::decode::{self, Parsed};
use crate::entities;
use crate::fetch::{self, RawDocument};
use crate::output::record::{Notice, Source, Warning, SCHEMA_VERSION};
use crate::output::schema;
use crate::structure;
use crate::{Config, DocError};

/// Extracts one document into a schema-valid record.
///
/// # Errors
/// A [`DocError`] when the bytes cannot be decoded or the record would
/// break the schema; doubts that leave a usable record are `warnings`.
pub fn extract(raw: &RawDocument, cfg: &Config) -> Result<Notice, DocError> {
    let Parsed {
        value: text,
        warnings: mut all_warnings,
    } = decode::decode(raw, &cfg.decode)?;
    let body = text.paragraphs.join("\n");
    let Parsed {
        value: st,
        warnings,
    } = structure::find_structure(&body, &text.meta);
    all_warnings.extend(warnings);
    let mut found = entities::find_entities(&body);
    for a in &mut found.amounts {
        (a.section, a.clause) = structure::locate(&st, a.span[0]);
    }
    for p in &mut found.percentages {
        (p.section, p.clause) = structure::locate(&st, p.span[0]);
    }
    if st.sections.is_empty() && st.clauses.is_empty() {
        all_warnings.push(Warning::new(
            "no_structure",
            "no sections (一、) and no clauses ((一), 1., 第一條) were found",
        ));
    }
    let notice = Notice {
        schema_version: SCHEMA_VERSION.to_string(),
        id: raw.id.clone(),
        source: Source {
            uri: raw.uri.clone(),
            media_type: text.media.as_mime().to_string(),
            sha256: raw.sha256(),
            bytes: raw.bytes.len() as u64,
            encoding: text.encoding.clone(),
            encoding_source: text.encoding_source.clone(),
            extractor: text.extractor.clone(),
        },
        title: st.header.title,
        policy_title: st.header.policy_title,
        doc_number: st.header.doc_number,
        issuers: st.header.issuers,
        recipients: st.header.recipients,
        signed_date: st.header.signed_date,
        published_at: st.header.published_at,
        sections: st.sections,
        clauses: st.clauses,
        amounts: found.amounts,
        percentages: found.percentages,
        text: body,
        warnings: all_warnings,
    };
    schema::validate(&notice)?;
    Ok(notice)
}

/// Reads a local file and extracts it.
///
/// # Errors
/// As [`extract`], plus a fetch-stage error when the file cannot be read.
pub fn extract_file(path: &Path, cfg: &Config) -> Result<Notice, DocError> {
    let raw = fetch::file::read_file(path, cfg.fetch.max_bytes)?;
    extract(&raw, cfg)
}
