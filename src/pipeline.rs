//! The stages in order, for one document: decode → structure → entities →
//! record → schema check. Pure: the bytes come in, a record goes out.

use std::path::Path;

use crate::decode::{self, ocr};
use crate::entities;
use crate::fetch::{self, RawDocument};
use crate::model::{
    Attachment, Notice, Paragraphs, Parsed, Source, Warning, WarningCode, SCHEMA_VERSION,
};
use crate::output::{json, schema};
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
    // Joined once: structure walks its paragraphs, entities read the text,
    // and it becomes the record's `text`, every span an offset into it.
    let joined = Paragraphs::join(&text.paragraphs);
    let Parsed {
        value: st,
        warnings,
    } = structure::find_structure(&joined, &text.meta, &text.layout);
    all_warnings.extend(warnings);
    let body = joined.into_text();
    let mut found = entities::find_entities(&body);
    all_warnings.append(&mut found.warnings);
    // Money a table states by its layout (a 资金分配表 under `单位：万元`).
    found.add_table_amounts(&body, &st.tables);
    found.locate(|at| structure::locate(&st, at));
    // A repost's headline and lead-in above the notice's title are the
    // page's, not the notice's: their figures go (with a warning).
    if let Some(start) = structure::notice_start(&body, &st) {
        all_warnings.extend(drop_figures_before(&mut found, start));
    }
    // So are the headlines of the pages it links to (`相关链接：`).
    all_warnings.extend(drop_figures_in_links(
        &mut found,
        &structure::link_lists(&body),
    ));
    let attachments: Vec<Attachment> = text
        .attachments
        .iter()
        .map(|l| Attachment {
            text: l.text.clone(),
            url: l.url.clone(),
            media_type: None,
            id: None,
        })
        .collect();
    if let Some(conf) = &text.confidence {
        let conf = ocr::char_confidences(&text.paragraphs, conf);
        let below = cfg.decode.ocr.low_confidence_below;
        found.flag_low_confidence(|span| ocr::is_low(&conf, span, below));
        all_warnings.extend(low_confidence_units(&body, &st, &conf, below));
    }
    if st.sections.is_empty() && st.clauses.is_empty() {
        all_warnings.push(if is_attachment_only(&body, &attachments) {
            Warning::new(
                WarningCode::AttachmentOnly,
                format!(
                    "the body holds only links to attachments; the notice is in them: {}",
                    attachments
                        .iter()
                        .map(|a| format!("{} <{}>", a.text, a.url))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        } else {
            Warning::new(
                WarningCode::NoStructure,
                "no sections (一、) and no clauses ((一), 1., 第一條) were found",
            )
        });
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
        parent: None,
        original: None,
        text_from: None,
        title: st.header.title,
        policy_title: st.header.policy_title,
        doc_number: st.header.doc_number,
        issuers: st.header.issuers,
        recipients: st.header.recipients,
        signed_date: st.header.signed_date,
        published_at: st.header.published_at,
        sections: st.sections,
        clauses: st.clauses,
        tables: st.tables,
        attachments,
        amounts: found.amounts,
        percentages: found.percentages,
        percentage_points: found.percentage_points,
        text: body,
        warnings: all_warnings,
    };
    let bytes = json::estimated_bytes(&notice);
    if bytes > json::MAX_RECORD_BYTES {
        return Err(DocError::new(
            crate::model::Stage::Output,
            crate::error::DocErrorKind::TooLargeRecord { bytes },
        ));
    }
    schema::validate(&notice)?;
    Ok(notice)
}

/// Most figures a [`WarningCode::FiguresBeforeTitle`] warning names.
const FIGURES_NAMED: usize = 5;

/// Drops the figures before code point `start` (above the notice's title,
/// see [`structure::notice_start`]) and says which: not the notice's, but
/// read from its text, so a reader of the record learns where they went.
fn drop_figures_before(found: &mut entities::Entities, start: usize) -> Option<Warning> {
    let dropped = found.drop_before(start);
    if dropped.is_empty() {
        return None;
    }
    Some(Warning::new(
        WarningCode::FiguresBeforeTitle,
        format!(
            "{} figures above the notice's title (character {start}), a repost's headline or lead-in, are not the notice's and were not counted: {}",
            dropped.len(),
            named_figures(&dropped)
        ),
    ))
}

/// Drops the figures in the page's lists of links (see
/// [`structure::link_lists`]) and says which.
fn drop_figures_in_links(
    found: &mut entities::Entities,
    lists: &[std::ops::Range<usize>],
) -> Option<Warning> {
    if lists.is_empty() {
        return None;
    }
    let dropped = found.drop_where(|at| lists.iter().any(|r| r.contains(&at)));
    if dropped.is_empty() {
        return None;
    }
    Some(Warning::new(
        WarningCode::FiguresInPageLinks,
        format!(
            "{} figures in the page's list of links (character {}), other pages' headlines, are not the notice's and were not counted: {}",
            dropped.len(),
            dropped[0].0,
            named_figures(&dropped)
        ),
    ))
}

/// The first [`FIGURES_NAMED`] of dropped figures, `、`-joined.
fn named_figures(dropped: &[(usize, String)]) -> String {
    let named: Vec<&str> = dropped
        .iter()
        .take(FIGURES_NAMED)
        .map(|(_, t)| t.as_str())
        .collect();
    let more = if dropped.len() > FIGURES_NAMED {
        "、…"
    } else {
        ""
    };
    format!("{}{more}", named.join("、"))
}

/// Most text a body holding "only attachments" has besides the links'
/// names: a title, a 文號, a line of the covering note (`详见附件`).
const ATTACHMENT_ONLY_MAX_CHARS: usize = 300;

/// Whether a body without outline is just links to its attachments: it has
/// some, and little text beyond their names.
fn is_attachment_only(body: &str, attachments: &[Attachment]) -> bool {
    if attachments.is_empty() {
        return false;
    }
    let mut rest: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    for a in attachments {
        let name: String = a.text.chars().filter(|c| !c.is_whitespace()).collect();
        if !name.is_empty() {
            rest = rest.replace(&name, "");
        }
    }
    rest.chars().count() <= ATTACHMENT_ONLY_MAX_CHARS
}

/// Units (responsible and lead) read by OCR from doubtful words: one
/// `ocr_low_confidence_units` warning per clause or section naming them.
/// Units are plain strings in the record, so the flag travels as a warning
/// rather than on the item.
fn low_confidence_units(
    body: &str,
    st: &structure::Structure,
    conf: &[Option<f32>],
    below: f32,
) -> Vec<Warning> {
    // Where a unit is: its last occurrence in the clause (the statement
    // closes the clause), or the section heading's first paragraph.
    let find = |span: [usize; 2], unit: &str| -> Option<[usize; 2]> {
        let start = body
            .char_indices()
            .nth(span[0])
            .map_or(body.len(), |(b, _)| b);
        let end = body
            .char_indices()
            .nth(span[1])
            .map_or(body.len(), |(b, _)| b);
        let at = body.get(start..end)?.rfind(unit)?;
        let s = span[0] + body[start..start + at].chars().count();
        Some([s, s + unit.chars().count()])
    };
    let flagged = |span: [usize; 2], units: &[String]| -> Vec<String> {
        units
            .iter()
            .filter(|u| find(span, u).is_some_and(|s| ocr::is_low(conf, s, below)))
            .cloned()
            .collect()
    };
    let mut out = Vec::new();
    for s in &st.sections {
        let heading_end = body
            .chars()
            .skip(s.span[0])
            .take(s.span[1] - s.span[0])
            .position(|c| c == '\n')
            .map_or(s.span[1], |n| s.span[0] + n);
        let units = flagged([s.span[0], heading_end], &s.lead_units);
        if !units.is_empty() {
            out.push(Warning::new(
                WarningCode::OcrLowConfidenceUnits,
                format!(
                    "section {}: lead units read from low-confidence words: {}",
                    s.number,
                    units.join("、")
                ),
            ));
        }
    }
    for c in &st.clauses {
        let units = flagged(c.span, &c.responsible_units);
        if !units.is_empty() {
            out.push(Warning::new(
                WarningCode::OcrLowConfidenceUnits,
                format!(
                    "clause {}: responsible units read from low-confidence words: {}",
                    c.number,
                    units.join("、")
                ),
            ));
        }
    }
    out
}

/// Reads a local file and extracts it.
///
/// # Errors
/// As [`extract`], plus a fetch-stage error when the file cannot be read.
pub fn extract_file(path: &Path, cfg: &Config) -> Result<Notice, DocError> {
    let raw = fetch::file::read_file(path, cfg.fetch.max_bytes)?;
    extract(&raw, cfg)
}
