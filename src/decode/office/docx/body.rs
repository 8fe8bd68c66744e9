//! The walk over the main document part: paragraphs and their runs (text,
//! size, hidden and deleted text, breaks), text boxes, hyperlinks to
//! files, and the cells of tables as they open and close. A paragraph's
//! list label is put before its text here, from its style and
//! [`Numbering`]. What becomes of a closed table is [`super::tables`].

use std::collections::HashMap;

use super::styles::Styles;
use super::tables::{finish_table, grid_count, OpenCell, OpenRow, OpenTable, VMerge};
use crate::decode::office::numbering::Numbering;
use crate::decode::office::rels::Rel;
use crate::decode::office::xml::{attr, local, Part, Step};
use crate::decode::office::{OfficeError, OfficeOptions};
use crate::decode::{collapse_space, Link, TextTable};

/// A paragraph as read, with what the title search needs.
#[derive(Debug, Clone)]
pub(in crate::decode::office) struct Paragraph {
    pub(in crate::decode::office) text: String,
    /// Largest font size of its text, in half-points.
    pub(in crate::decode::office) size: u32,
    pub(in crate::decode::office) centered: bool,
    /// In a table or a text box (never the title).
    pub(in crate::decode::office) boxed: bool,
}

/// The body: paragraphs, tables among them, file links.
pub(in crate::decode::office) struct Body {
    pub(in crate::decode::office) paragraphs: Vec<Paragraph>,
    pub(in crate::decode::office) tables: Vec<TextTable>,
    pub(in crate::decode::office) links: Vec<Link>,
}

/// A paragraph being read.
#[derive(Default)]
struct OpenParagraph {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
    centered: Option<bool>,
    size: u32,
    /// Text of the current run and its size.
    run_size: Option<u32>,
    run_hidden: bool,
    /// The paragraph mark is a tracked deletion (`w:del` in the mark's
    /// `w:rPr`): accepted, the paragraph merges into the next.
    mark_deleted: bool,
    /// Pieces ended by a line break before the paragraph's end.
    broken: Vec<String>,
}

/// Elements whose content a reader does not see.
const SKIPPED: &[&[u8]] = &[
    b"del",
    b"moveFrom",
    b"instrText",
    b"delInstrText",
    b"Fallback",
    b"footnoteReference",
    b"endnoteReference",
    b"commentReference",
    b"sectPr",
];

pub(super) fn read_body(
    name: &str,
    bytes: &[u8],
    styles: &Styles,
    numbering: &mut Numbering,
    rels: &HashMap<String, Rel>,
    opts: &OfficeOptions,
) -> Result<Body, OfficeError> {
    let mut part = Part::new(name, bytes, opts.max_xml_depth);
    let mut body = Body {
        paragraphs: Vec::new(),
        tables: Vec::new(),
        links: Vec::new(),
    };
    // Paragraphs nest (a text box's inside a run of its anchor paragraph),
    // and so do tables.
    let mut paras: Vec<OpenParagraph> = Vec::new();
    let mut tables: Vec<OpenTable> = Vec::new();
    let mut depth = 0usize;
    let mut skip_until: Option<usize> = None;
    // Inside the paragraph mark's properties (`pPr/rPr`): only a tracked
    // deletion of the mark is read there.
    let mut in_mark: Option<usize> = None;
    let mut in_ppr = 0usize;
    let mut in_text = false;
    let mut boxes = 0usize;
    let mut link: Option<(String, String)> = None;
    let default_size = styles.default_size.unwrap_or(21);
    while let Some(step) = part.step()? {
        match step {
            Step::Start(e) => {
                depth += 1;
                if skip_until.is_some() {
                    continue;
                }
                let name = local(&e);
                let n = name.as_slice();
                // A run's properties are read (size, hidden); the
                // paragraph mark's (an `rPr` inside `pPr`) are not, but for
                // a tracked deletion of the mark.
                if in_mark.is_some() {
                    if n == b"del" || n == b"moveFrom" {
                        if let Some(p) = paras.last_mut() {
                            p.mark_deleted = true;
                        }
                    }
                    continue;
                }
                if n == b"rPr" && in_ppr > 0 {
                    in_mark = Some(depth);
                    continue;
                }
                if SKIPPED.contains(&n) {
                    skip_until = Some(depth);
                    continue;
                }
                match n {
                    b"p" => paras.push(OpenParagraph::default()),
                    b"pPr" => in_ppr += 1,
                    b"pStyle" if in_ppr > 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.style = attr(&e, b"val");
                        }
                    }
                    b"numId" if in_ppr > 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.num_id = attr(&e, b"val");
                        }
                    }
                    b"ilvl" if in_ppr > 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.ilvl = attr(&e, b"val").and_then(|v| v.parse().ok());
                        }
                    }
                    b"jc" if in_ppr > 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.centered = Some(attr(&e, b"val").as_deref() == Some("center"));
                        }
                    }
                    b"r" => {
                        if let Some(p) = paras.last_mut() {
                            p.run_size = None;
                            p.run_hidden = false;
                        }
                    }
                    b"sz" => {
                        if let Some(p) = paras.last_mut() {
                            p.run_size = attr(&e, b"val").and_then(|v| v.parse().ok());
                        }
                    }
                    b"vanish" => {
                        if let Some(p) = paras.last_mut() {
                            p.run_hidden =
                                attr(&e, b"val").is_none_or(|v| v != "0" && v != "false");
                        }
                    }
                    b"t" => in_text = true,
                    b"tab" if in_ppr == 0 => push_text(&mut paras, " "),
                    b"noBreakHyphen" => push_text(&mut paras, "-"),
                    b"br" | b"cr" => {
                        if let Some(p) = paras.last_mut() {
                            let piece = std::mem::take(&mut p.text);
                            p.broken.push(piece);
                        }
                    }
                    b"txbxContent" => boxes += 1,
                    b"tbl" => tables.push(OpenTable::default()),
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(OpenRow::default());
                        }
                    }
                    b"gridBefore" => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                            row.before = grid_count(&e);
                        }
                    }
                    b"tc" => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                            row.cells.push(OpenCell {
                                paragraphs: Vec::new(),
                                span: 1,
                                merge: VMerge::None,
                            });
                        }
                    }
                    b"gridSpan" | b"vMerge" => {
                        if let Some(cell) = tables
                            .last_mut()
                            .and_then(|t| t.rows.last_mut())
                            .and_then(|r| r.cells.last_mut())
                        {
                            if n == b"gridSpan" {
                                cell.span = grid_count(&e).max(1);
                            } else {
                                cell.merge = match attr(&e, b"val").as_deref() {
                                    Some("restart") => VMerge::Restart,
                                    _ => VMerge::Continue,
                                };
                            }
                        }
                    }
                    b"hyperlink" => {
                        let target = attr(&e, b"id")
                            .and_then(|id| rels.get(&id))
                            .filter(|r| r.external)
                            .map(|r| r.target.clone());
                        link = target.map(|t| (t, String::new()));
                    }
                    _ => {}
                }
            }
            Step::End(name) => {
                let closing = depth;
                depth = depth.saturating_sub(1);
                if let Some(d) = skip_until {
                    if closing == d {
                        skip_until = None;
                    }
                    continue;
                }
                if let Some(d) = in_mark {
                    if closing == d {
                        in_mark = None;
                    }
                    continue;
                }
                match name.as_slice() {
                    b"pPr" => in_ppr = in_ppr.saturating_sub(1),
                    b"t" => in_text = false,
                    b"txbxContent" => boxes = boxes.saturating_sub(1),
                    b"hyperlink" => {
                        if let Some((url, text)) = link.take() {
                            let text = collapse_space(&text);
                            if crate::decode::html::is_file_link(&url, &text) {
                                body.links.push(Link { text, url });
                            }
                        }
                    }
                    b"p" => {
                        if let Some(p) = paras.pop() {
                            // A paragraph deleted whole (its text and its
                            // mark) is gone once the changes are accepted:
                            // it shows nothing and its list number does
                            // not count.
                            if p.mark_deleted
                                && p.text.trim().is_empty()
                                && p.broken.iter().all(|b| b.trim().is_empty())
                            {
                                continue;
                            }
                            let in_table = !tables.is_empty();
                            let done = finish_paragraph(p, styles, numbering, default_size);
                            for (text, size, centered) in done {
                                if in_table && boxes == 0 {
                                    if let Some(cell) = tables
                                        .last_mut()
                                        .and_then(|t| t.rows.last_mut())
                                        .and_then(|r| r.cells.last_mut())
                                    {
                                        cell.paragraphs.push(text);
                                    }
                                } else {
                                    body.paragraphs.push(Paragraph {
                                        text,
                                        size,
                                        centered,
                                        boxed: boxes > 0 || in_table,
                                    });
                                }
                            }
                        }
                    }
                    b"tbl" => {
                        if let Some(t) = tables.pop() {
                            finish_table(t, &mut tables, &mut body);
                        }
                    }
                    _ => {}
                }
            }
            Step::Text(t) => {
                if skip_until.is_some() || !in_text {
                    continue;
                }
                if let Some((_, text)) = link.as_mut() {
                    text.push_str(&t);
                }
                let hidden = paras.last().is_some_and(|p| p.run_hidden);
                if !hidden {
                    push_text(&mut paras, &t);
                    if let Some(p) = paras.last_mut() {
                        let size = p.run_size.unwrap_or(0);
                        p.size = p.size.max(size);
                    }
                }
            }
        }
    }
    Ok(body)
}

fn push_text(paras: &mut [OpenParagraph], s: &str) {
    if let Some(p) = paras.last_mut() {
        p.text.push_str(s);
    }
}

/// A finished paragraph's lines (its text split at line breaks), with its
/// numbering label before the first, each with size and alignment.
fn finish_paragraph(
    p: OpenParagraph,
    styles: &Styles,
    numbering: &mut Numbering,
    default_size: u32,
) -> Vec<(String, u32, bool)> {
    let chain = styles.chain(p.style.as_deref());
    let style_num = chain.iter().find_map(|s| s.num.clone());
    let num_id = p
        .num_id
        .clone()
        .or_else(|| style_num.as_ref().and_then(|n| n.0.clone()));
    let ilvl = p
        .ilvl
        .or_else(|| style_num.as_ref().and_then(|n| n.1))
        .unwrap_or(0);
    let centered = p
        .centered
        .or_else(|| chain.iter().find_map(|s| s.centered))
        .unwrap_or(false);
    let size = if p.size > 0 {
        p.size
    } else {
        chain.iter().find_map(|s| s.size).unwrap_or(default_size)
    };
    let mut pieces = p.broken;
    pieces.push(p.text);
    let mut lines: Vec<String> = pieces
        .iter()
        .map(|s| collapse_space(s))
        .filter(|s| !s.is_empty())
        .collect();
    // An empty numbered paragraph still counts in Word (it shows its
    // label): count it, show nothing.
    let label = num_id.and_then(|id| numbering.next_label(&id, ilvl));
    if let (Some((label, sep)), Some(first)) = (label, lines.first_mut()) {
        *first = if sep {
            format!("{label} {first}")
        } else {
            format!("{label}{first}")
        };
    }
    lines.into_iter().map(|l| (l, size, centered)).collect()
}
