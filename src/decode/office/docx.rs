//! Word (`.docx`, WordprocessingML): the main document part's paragraphs in
//! order, tables as rows of cells, list numbers as Word shows them.
//!
//! What is read, and why:
//! - runs' text (`w:t`), tabs as spaces, line and page breaks as paragraph
//!   ends (a `<br>` in a page does the same); hidden text (`w:vanish`),
//!   deleted text (`w:del`; a paragraph deleted with its mark is gone,
//!   its list number uncounted), field codes (`w:instrText`) and the fallback
//!   copy of a text box (`mc:Fallback`) are not what a reader sees;
//! - automatic numbering ([`super::numbering`]): the label is put before
//!   the text, so `（一）` numbered by Word and `（一）` typed read alike;
//! - text boxes (`w:txbxContent`): their paragraphs, where they stand;
//! - a table of data (two rows or more with two filled cells) becomes one
//!   paragraph per row and a [`TextTable`], laid on its grid: a cell
//!   merged across (`w:gridSpan`) keeps its text in its first column, one
//!   merged down (`w:vMerge`) shows in every row it covers; a table used as
//!   a frame (one cell around the text) gives its paragraphs as they are;
//! - the title: Word documents carry no title mark, but a 公文 sets its
//!   title centred in a larger font (GB/T 9704: 2号小标宋 over 3号仿宋):
//!   the first block of centred lines in the document's largest font near
//!   the top, joined, is the page's title (`PageMeta::title`), the
//!   letterhead (`…文件`) excepted;
//! - hyperlinks to files (`附件1.xlsx`) are the document's attachments.
//!
//! Headers, footers (page numbers), footnotes and comments are not read.

use std::collections::HashMap;

use super::archive::Package;
use super::numbering::Numbering;
use super::xml::{attr, local, Part, Step};
use super::{OfficeError, OfficeOptions};
use crate::decode::{collapse_space, Layout, Link, MediaType, PageMeta, Parsed, Text, TextTable};

/// The main document part when `_rels/.rels` names none.
const MAIN_PART: &str = "word/document.xml";

/// Paragraphs near the top that may hold the title.
const TITLE_WITHIN: usize = 12;

/// Decodes a Word document.
///
/// # Errors
/// An [`OfficeError`]: the package's limits, a missing main part, a
/// refused or malformed XML part.
pub fn decode_docx(bytes: &[u8], opts: &OfficeOptions) -> Result<Parsed<Text>, OfficeError> {
    let mut pkg = Package::new(bytes, opts)?;
    let main = main_part(&mut pkg, opts)?;
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let rels_name = format!(
        "{}_rels/{}.rels",
        if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        },
        main.rsplit('/').next().unwrap_or(&main)
    );
    let rels = match pkg.read(&rels_name)? {
        Some(b) => relationships(&rels_name, &b, opts.max_xml_depth)?,
        None => HashMap::new(),
    };
    let part_of = |kind: &str| {
        rels.values()
            .find(|r| r.kind.ends_with(kind))
            .map(|r| join_path(&dir, &r.target))
    };
    let styles = match part_of("/styles").or_else(|| Some(format!("{dir}/styles.xml"))) {
        Some(name) => match pkg.read(&name)? {
            Some(b) => Styles::parse(&name, &b, opts.max_xml_depth)?,
            None => Styles::default(),
        },
        None => Styles::default(),
    };
    let mut numbering = match part_of("/numbering").or_else(|| Some(format!("{dir}/numbering.xml")))
    {
        Some(name) => match pkg.read(&name)? {
            Some(b) => Numbering::parse(&b, opts.max_xml_depth)?,
            None => Numbering::default(),
        },
        None => Numbering::default(),
    };
    let body = pkg.read(&main)?.ok_or_else(|| OfficeError::MissingPart {
        part: main.clone(),
        what: "content (the part is listed but missing)".into(),
    })?;
    let doc = read_body(&main, &body, &styles, &mut numbering, &rels, opts)?;
    let chars: usize = doc.paragraphs.iter().map(|p| p.text.chars().count()).sum();
    if chars == 0 {
        return Err(OfficeError::MissingPart {
            part: main,
            what: "text (an empty document, or only images)".into(),
        });
    }
    let title = find_title(&doc.paragraphs);
    let paragraphs: Vec<String> = doc.paragraphs.into_iter().map(|p| p.text).collect();
    Ok(Parsed {
        value: Text {
            media: MediaType::Docx,
            paragraphs,
            encoding: None,
            encoding_source: "container".into(),
            extractor: "docx".into(),
            meta: PageMeta {
                title,
                published: None,
                doc_number: None,
            },
            layout: Layout {
                tables: doc.tables,
                rules: Vec::new(),
            },
            attachments: doc.links,
            confidence: None,
        },
        warnings: Vec::new(),
    })
}

/// The main document part: the target of `_rels/.rels`'s officeDocument
/// relationship, else `word/document.xml`.
fn main_part(pkg: &mut Package<'_>, opts: &OfficeOptions) -> Result<String, OfficeError> {
    if let Some(b) = pkg.read("_rels/.rels")? {
        let rels = relationships("_rels/.rels", &b, opts.max_xml_depth)?;
        if let Some(r) = rels.values().find(|r| r.kind.ends_with("/officeDocument")) {
            let name = join_path("", &r.target);
            if pkg.find(&name).is_some() {
                return Ok(name);
            }
        }
    }
    Ok(MAIN_PART.to_string())
}

/// A relationship of a part: its type URI, target, and whether the target
/// is outside the package (a hyperlink).
#[derive(Debug, Clone)]
struct Rel {
    kind: String,
    target: String,
    external: bool,
}

fn relationships(
    name: &str,
    bytes: &[u8],
    max_depth: usize,
) -> Result<HashMap<String, Rel>, OfficeError> {
    let mut part = Part::new(name, bytes, max_depth);
    let mut out = HashMap::new();
    while let Some(step) = part.step()? {
        if let Step::Start(e) = step {
            if local(&e) == b"Relationship" {
                if let (Some(id), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    out.insert(
                        id,
                        Rel {
                            kind: attr(&e, b"Type").unwrap_or_default(),
                            target,
                            external: attr(&e, b"TargetMode").as_deref() == Some("External"),
                        },
                    );
                }
            }
        }
    }
    Ok(out)
}

/// A target relative to a part's folder, as a package name (`../x` inside
/// the package resolved; a leading `/` is from the package root).
fn join_path(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// What a paragraph style gives its paragraphs.
#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    num: Option<(Option<String>, Option<usize>)>,
    centered: Option<bool>,
    size: Option<u32>,
}

/// Paragraph styles and the document's default font size.
#[derive(Debug, Default)]
struct Styles {
    styles: HashMap<String, Style>,
    default_style: Option<String>,
    default_size: Option<u32>,
}

impl Styles {
    fn parse(name: &str, bytes: &[u8], max_depth: usize) -> Result<Self, OfficeError> {
        let mut part = Part::new(name, bytes, max_depth);
        let mut s = Styles::default();
        let mut current: Option<(String, Style)> = None;
        let mut in_defaults = false;
        let mut in_ppr = false;
        while let Some(step) = part.step()? {
            match step {
                Step::Start(e) => {
                    let val = || attr(&e, b"val");
                    match local(&e).as_slice() {
                        b"rPrDefault" => in_defaults = true,
                        b"style" => {
                            let paragraph = attr(&e, b"type").is_none_or(|t| t == "paragraph");
                            current = match (paragraph, attr(&e, b"styleId")) {
                                (true, Some(id)) => {
                                    if attr(&e, b"default").is_some_and(|d| d == "1" || d == "true")
                                    {
                                        s.default_style = Some(id.clone());
                                    }
                                    Some((id, Style::default()))
                                }
                                _ => None,
                            };
                        }
                        b"pPr" => in_ppr = true,
                        b"basedOn" => {
                            if let Some((_, st)) = current.as_mut() {
                                st.based_on = val();
                            }
                        }
                        b"numId" if in_ppr => {
                            if let Some((_, st)) = current.as_mut() {
                                st.num.get_or_insert((None, None)).0 = val();
                            }
                        }
                        b"ilvl" if in_ppr => {
                            if let Some((_, st)) = current.as_mut() {
                                st.num.get_or_insert((None, None)).1 =
                                    val().and_then(|v| v.parse().ok());
                            }
                        }
                        b"jc" if in_ppr => {
                            if let Some((_, st)) = current.as_mut() {
                                st.centered = Some(val().as_deref() == Some("center"));
                            }
                        }
                        b"sz" => {
                            let size = val().and_then(|v| v.parse().ok());
                            if in_defaults {
                                s.default_size = size;
                            } else if let Some((_, st)) = current.as_mut() {
                                st.size = size;
                            }
                        }
                        _ => {}
                    }
                }
                Step::End(n) => match n.as_slice() {
                    b"rPrDefault" => in_defaults = false,
                    b"pPr" => in_ppr = false,
                    b"style" => {
                        if let Some((id, st)) = current.take() {
                            s.styles.insert(id, st);
                        }
                    }
                    _ => {}
                },
                Step::Text(_) => {}
            }
        }
        Ok(s)
    }

    /// A style and the styles it is based on, nearest first (cycles cut).
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut next = id.or(self.default_style.as_deref()).map(str::to_string);
        while let Some(i) = next {
            let Some(st) = self.styles.get(&i) else { break };
            if out.len() > 16 {
                break;
            }
            out.push(st);
            next = st.based_on.clone();
        }
        out
    }
}

/// A paragraph as read, with what the title search needs.
#[derive(Debug, Clone)]
struct Paragraph {
    text: String,
    /// Largest font size of its text, in half-points.
    size: u32,
    centered: bool,
    /// In a table or a text box (never the title).
    boxed: bool,
}

/// The body: paragraphs, tables among them, file links.
struct Body {
    paragraphs: Vec<Paragraph>,
    tables: Vec<TextTable>,
    links: Vec<Link>,
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

/// A table being read: rows of cells.
#[derive(Default)]
struct OpenTable {
    rows: Vec<OpenRow>,
}

/// A row being read: grid columns skipped before its first cell
/// (`w:gridBefore`), and its cells.
#[derive(Default)]
struct OpenRow {
    before: usize,
    cells: Vec<OpenCell>,
}

/// A cell being read: its paragraphs, the grid columns it spans
/// (`w:gridSpan`), and its part in a vertical merge (`w:vMerge`).
struct OpenCell {
    paragraphs: Vec<String>,
    span: usize,
    merge: VMerge,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    /// The first cell of a vertical merge: holds the text.
    Restart,
    /// A cell below it: shows the text of the cell above.
    Continue,
}

/// Widest grid a row may claim: Word's tables have at most 63 columns; a
/// hostile `w:gridSpan` must not make a row of millions of cells.
const MAX_GRID_COLUMNS: usize = 1024;

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

fn read_body(
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

/// A `w:val` counting grid columns, capped.
fn grid_count(e: &quick_xml::events::BytesStart<'_>) -> usize {
    attr(e, b"val")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0)
        .min(MAX_GRID_COLUMNS)
}

/// A table's rows laid on its grid, as Word shows them: a cell spanning
/// columns keeps its text in its first column and leaves the others empty
/// (as a sheet's merge across does); a cell continuing a vertical merge
/// shows the text of the cell above it in its column (so a 牵头单位 merged
/// down over three tasks is each task's); rows padded to the widest.
fn grid(rows: Vec<OpenRow>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells = vec![String::new(); row.before];
        for cell in row.cells {
            let col = cells.len();
            if col >= MAX_GRID_COLUMNS {
                break;
            }
            let text = match cell.merge {
                VMerge::Continue => out
                    .last()
                    .and_then(|above| above.get(col))
                    .cloned()
                    .unwrap_or_default(),
                VMerge::None | VMerge::Restart => collapse_space(&cell.paragraphs.join(" ")),
            };
            cells.push(text);
            let span = cell.span.min(MAX_GRID_COLUMNS - col);
            cells.extend(std::iter::repeat_n(String::new(), span - 1));
        }
        out.push(cells);
    }
    let width = out.iter().map(Vec::len).max().unwrap_or(0);
    for r in &mut out {
        r.resize(width, String::new());
    }
    out
}

/// A closed table: a table of data becomes one paragraph per row and a
/// [`TextTable`]; a frame gives its cells' paragraphs. A table inside a
/// cell is text of that cell.
fn finish_table(t: OpenTable, outer: &mut [OpenTable], body: &mut Body) {
    let frame: Vec<String> = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .flat_map(|c| c.paragraphs.iter().cloned())
        .collect();
    let rows: Vec<Vec<String>> = grid(t.rows)
        .into_iter()
        .filter(|r: &Vec<String>| r.iter().any(|c| !c.is_empty()))
        .collect();
    let filled = rows
        .iter()
        .filter(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2)
        .count();
    let data = filled >= 2;
    // A table in a cell: a table of data gives a paragraph per row, a frame
    // its paragraphs as they are (pages saved as Word nest the body in
    // frames three deep, and its paragraphs must stay paragraphs).
    if let Some(cell) = outer
        .last_mut()
        .and_then(|o| o.rows.last_mut())
        .and_then(|r| r.cells.last_mut())
    {
        if data {
            cell.paragraphs.extend(
                rows.iter()
                    .map(|r| collapse_space(&r.join(" ")))
                    .filter(|s| !s.is_empty()),
            );
        } else {
            cell.paragraphs
                .extend(frame.into_iter().filter(|s| !s.is_empty()));
        }
        return;
    }
    if data {
        let start = body.paragraphs.len();
        for r in &rows {
            body.paragraphs.push(Paragraph {
                text: collapse_space(&r.join(" ")),
                size: 0,
                centered: false,
                boxed: true,
            });
        }
        body.tables.push(TextTable {
            paragraphs: start..body.paragraphs.len(),
            rows,
            row_paragraphs: Vec::new(),
        });
    } else {
        for text in frame {
            if !text.is_empty() {
                body.paragraphs.push(Paragraph {
                    text,
                    size: 0,
                    centered: false,
                    boxed: true,
                });
            }
        }
    }
}

/// The title: near the top, the block of consecutive centred paragraphs in
/// the largest font, larger than the body's; not the letterhead.
fn find_title(paragraphs: &[Paragraph]) -> Option<String> {
    // The body size: the size most characters are set in.
    let mut by_size: HashMap<u32, usize> = HashMap::new();
    for p in paragraphs.iter().filter(|p| !p.boxed) {
        *by_size.entry(p.size).or_default() += p.text.chars().count();
    }
    let (&body_size, _) = by_size.iter().max_by_key(|(s, n)| (**n, **s))?;
    let top = &paragraphs[..paragraphs.len().min(TITLE_WITHIN)];
    let mut blocks: Vec<(u32, String)> = Vec::new();
    let mut i = 0;
    while i < top.len() {
        let p = &top[i];
        if p.boxed || !p.centered || p.size <= body_size {
            i += 1;
            continue;
        }
        let mut text = p.text.clone();
        let mut j = i + 1;
        while j < top.len() && !top[j].boxed && top[j].centered && top[j].size == p.size {
            text.push_str(&top[j].text);
            j += 1;
        }
        blocks.push((p.size, text));
        i = j;
    }
    blocks
        .into_iter()
        .filter(|(_, t)| !t.ends_with("文件"))
        .max_by_key(|(s, _)| *s)
        .map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_inside_the_package() {
        assert_eq!(join_path("word", "styles.xml"), "word/styles.xml");
        assert_eq!(
            join_path("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(
            join_path("word", "/word/numbering.xml"),
            "word/numbering.xml"
        );
        assert_eq!(join_path("", "word/document.xml"), "word/document.xml");
    }
}
