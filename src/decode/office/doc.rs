//! Word 97–2003 binary documents (`.doc`, and WPS Writer's `.wps`, the
//! same format), read after [MS-DOC]: the main text as the piece table
//! lays it out, its tables as rows of cells, laid out as the `.docx` reader
//! lays out its own (the same [`Body`] and [`finish_table`]), so a notice
//! saved as `.doc` and as `.docx` reads alike.
//!
//! What is read, and why:
//! - the `FIB` ([MS-DOC] 2.5.1): which table stream holds the piece table
//!   (`fWhichTblStm`), how long the main text is (`ccpText`: headers,
//!   footnotes, comments and text boxes follow it and are not read, as
//!   the `.docx` reader leaves them), where the `Clx` and the paragraph
//!   properties are;
//! - the piece table ([`pieces`]): the main text in order, 8-bit cp1252 or
//!   UTF-16LE piece by piece;
//! - paragraph properties ([`papx`]): cells, row ends, merges down,
//!   centring, list numbering;
//! - Word's marks in the text: `\r` ends a paragraph and `\x0c` (page or
//!   section break) and `\x0e` (column break) do too; `\x0b` breaks a line;
//!   `\x07` ends a cell or a row; a field `\x13 code \x14 result \x15`
//!   shows its result only (a `HYPERLINK` to a file is an attachment, as
//!   in a `.docx`); objects, pictures and note marks (`\x01 \x08 \x02`)
//!   are dropped; `\x1e` is a non-breaking hyphen, `\x1f` an optional one
//!   (not shown), `\xa0` a space.
//!
//! Not read: character properties (font sizes, so the title is the one
//! the structure stage finds in the text; hidden text; tracked deletions,
//! whose text is in the pieces), and the list tables: a label Word numbers
//! automatically (`一、`, `（一）`) is not in the text, and a document
//! numbered so gets a [`WarningCode::ListLabelsMissing`] warning.
//!
//! Every offset read from the file is checked against the stream it
//! points into, and every count is bounded by a stream's length: a cut or
//! hostile file is an [`OfficeError`] saying what was out of range.

mod papx;
mod pieces;

use super::docx::body::{Body, Paragraph};
use super::docx::find_title;
use super::docx::tables::{finish_table, OpenCell, OpenRow, OpenTable, VMerge};
use super::{OfficeError, OfficeOptions};
use crate::decode::{collapse_space, Layout, Link, MediaType, PageMeta, Parsed, Text};
use crate::model::{Warning, WarningCode};
use papx::{ParaProps, ParaRuns};

/// `FibBase.wIdent`: a Word binary file.
const WORD_IDENT: u16 = 0xA5EC;
/// `FibBase.nFib` of Word 97, which every later version writes there too;
/// Word 6.0 and 95 (101–105) lay out the file otherwise.
const NFIB_WORD97: u16 = 0x00C1;
/// `FibBase` flags: `fEncrypted` and `fWhichTblStm`.
const F_ENCRYPTED: u16 = 0x0100;
const F_WHICH_TBL_STM: u16 = 0x0200;
/// `FibRgFcLcb97` pairs used: `PlcBtePapx` and `Clx`.
const PAIR_PLCF_BTE_PAPX: usize = 13;
const PAIR_CLX: usize = 33;
/// Most characters of a field's code kept to read a `HYPERLINK`'s target;
/// a longer code is no link anyone clicks.
const MAX_FIELD_CODE: usize = 2048;

/// The `FIB` facts the reader needs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fib {
    /// `1Table` or `0Table`.
    table: &'static str,
    ccp_text: u32,
    clx: (u32, u32),
    papx: (u32, u32),
}

/// The format as errors name it.
const FORMAT: &str = "a Word 97–2003 document (.doc/.wps)";

/// Decodes a Word 97–2003 document.
///
/// # Errors
/// [`OfficeError::Encrypted`] for a password-protected document,
/// [`OfficeError::Unsupported`] for Word 6.0/95, [`OfficeError::Truncated`]
/// or [`OfficeError::Malformed`] naming what lies out of range,
/// [`OfficeError::PartTooLarge`] for a stream over the part limit,
/// [`OfficeError::MissingPart`] for a document without text.
pub fn decode_doc(bytes: &[u8], opts: &OfficeOptions) -> Result<Parsed<Text>, OfficeError> {
    let mut cf = cfb::CompoundFile::open(super::cursor(bytes))
        .map_err(|e| super::ole::container_error(e, bytes.len()))?;
    let word = read_stream(&mut cf, "WordDocument", bytes.len(), opts.max_part_bytes)?;
    let fib = read_fib(&word)?;
    let table = read_stream(&mut cf, fib.table, bytes.len(), opts.max_part_bytes)?;
    let (body, listed) = read_document(&word, &table, &fib)?;
    let chars: usize = body.paragraphs.iter().map(|p| p.text.chars().count()).sum();
    if chars == 0 {
        return Err(OfficeError::MissingPart {
            part: "WordDocument".into(),
            what: "text (an empty document, or only images)".into(),
        });
    }
    let mut warnings = Vec::new();
    if listed > 0 {
        warnings.push(Warning::new(
            WarningCode::ListLabelsMissing,
            format!(
                "{listed} paragraphs of this Word 97–2003 document are numbered by Word \
                 (automatic list numbering); their labels (一、, （一）…) are not in the \
                 text this tool reads: convert it to .docx to keep them"
            ),
        ));
    }
    let title = find_title(&body.paragraphs);
    Ok(Parsed {
        value: Text {
            media: MediaType::Doc,
            paragraphs: body.paragraphs.into_iter().map(|p| p.text).collect(),
            encoding: None,
            encoding_source: "container".into(),
            extractor: "doc".into(),
            meta: PageMeta {
                title,
                ..PageMeta::default()
            },
            layout: Layout {
                tables: body.tables,
                rules: Vec::new(),
            },
            attachments: body.links,
            confidence: None,
        },
        warnings,
    })
}

/// A stream of the compound file, whole.
fn read_stream(
    cf: &mut cfb::CompoundFile<std::io::Cursor<&[u8]>>,
    name: &str,
    file_len: usize,
    limit: u64,
) -> Result<Vec<u8>, OfficeError> {
    use std::io::Read;
    if !cf.is_stream(name) {
        return Err(OfficeError::MissingPart {
            part: name.into(),
            what: "stream (the document's FIB names it)".into(),
        });
    }
    let mut stream = cf
        .open_stream(name)
        .map_err(|e| super::ole::container_error(e, file_len))?;
    let len = stream.len();
    if len > limit {
        return Err(OfficeError::PartTooLarge {
            name: name.into(),
            limit,
        });
    }
    // Not preallocated from the claimed length: the bytes must be there.
    let mut buf = Vec::new();
    (&mut stream)
        .take(len)
        .read_to_end(&mut buf)
        .map_err(|e| super::ole::container_error(e, file_len))?;
    if (buf.len() as u64) < len {
        return Err(OfficeError::Truncated {
            detail: format!("stream {name} has {} of its {len} bytes", buf.len()),
        });
    }
    Ok(buf)
}

/// The `FIB` at the start of the `WordDocument` stream. Its variable parts
/// are found by their counts (`csw`, `cslw`, `cbRgFcLcb`), not fixed
/// offsets, though Word 97 and later put `ccpText` at 0x4C and `fcClx` at
/// 0x1A2.
fn read_fib(word: &[u8]) -> Result<Fib, OfficeError> {
    let ident = le_u16(word, 0, "the FIB's wIdent").map_err(truncated)?;
    if ident != WORD_IDENT {
        return Err(malformed(format!(
            "the WordDocument stream starts with {ident:#06x}, not a Word FIB (0xa5ec)"
        )));
    }
    let nfib = le_u16(word, 2, "the FIB's nFib").map_err(truncated)?;
    let flags = le_u16(word, 0x0A, "the FIB's flags").map_err(truncated)?;
    if flags & F_ENCRYPTED != 0 {
        return Err(OfficeError::Encrypted {
            format: FORMAT.into(),
        });
    }
    if nfib < NFIB_WORD97 - 1 {
        return Err(OfficeError::Unsupported {
            format: format!("a Word 6.0/95 document (nFib {nfib})"),
        });
    }
    let csw = usize::from(le_u16(word, 0x20, "the FIB's csw").map_err(truncated)?);
    let lw = 0x22 + 2 * csw + 2;
    let cslw = usize::from(le_u16(word, lw - 2, "the FIB's cslw").map_err(truncated)?);
    let ccp_text = le_u32(word, lw + 12, "the FIB's ccpText").map_err(truncated)?;
    let fc_lcb = lw + 4 * cslw + 2;
    let pairs = usize::from(le_u16(word, fc_lcb - 2, "the FIB's cbRgFcLcb").map_err(truncated)?);
    if pairs <= PAIR_CLX {
        return Err(malformed(format!(
            "the FIB has {pairs} offset/size pairs, too few to locate the piece table"
        )));
    }
    let pair = |i: usize, what: &str| -> Result<(u32, u32), OfficeError> {
        Ok((
            le_u32(word, fc_lcb + 8 * i, what).map_err(truncated)?,
            le_u32(word, fc_lcb + 8 * i + 4, what).map_err(truncated)?,
        ))
    };
    Ok(Fib {
        table: if flags & F_WHICH_TBL_STM != 0 {
            "1Table"
        } else {
            "0Table"
        },
        ccp_text,
        clx: pair(PAIR_CLX, "the FIB's fcClx/lcbClx")?,
        papx: pair(PAIR_PLCF_BTE_PAPX, "the FIB's fcPlcfBtePapx/lcbPlcfBtePapx")?,
    })
}

/// The body of a document from its two streams, and how many of its
/// paragraphs Word numbers from its list tables.
fn read_document(word: &[u8], table: &[u8], fib: &Fib) -> Result<(Body, usize), OfficeError> {
    let clx = table_slice(table, fib.clx, "Clx (piece table)")?;
    let pieces = pieces::read_pieces(clx, word.len())?;
    let papx = table_slice(table, fib.papx, "PlcBtePapx (paragraph properties)")?;
    let runs = ParaRuns::read(word, papx)?;
    let mut walk = Walk::new(&runs);
    pieces::for_each_char(word, &pieces, fib.ccp_text, |c, at| walk.char(c, at))?;
    Ok(walk.finish())
}

/// Bytes `fc..fc + lcb` of the table stream.
fn table_slice<'a>(
    table: &'a [u8],
    (fc, lcb): (u32, u32),
    what: &str,
) -> Result<&'a [u8], OfficeError> {
    let (fc, lcb) = (fc as usize, lcb as usize);
    table.get(fc..fc.saturating_add(lcb)).ok_or_else(|| {
        malformed(format!(
            "the FIB puts the {what} at bytes {fc}..{} of a table stream of {} bytes",
            fc.saturating_add(lcb),
            table.len()
        ))
    })
}

/// A field being read: its code so far, and whether its result has begun.
struct Field {
    code: String,
    in_result: bool,
    /// Text of its result, for a hyperlink's text.
    result: String,
}

/// The walk over the main text's characters: paragraphs, cells and rows
/// as their marks come, fields and Word's special characters.
struct Walk<'a> {
    runs: &'a ParaRuns,
    body: Body,
    /// The open paragraph's text, and lines ended by `\x0b` before it.
    text: String,
    broken: Vec<String>,
    /// The open tables, outermost first (a table in a cell is the next),
    /// each with whether its last row and that row's last cell are still
    /// open: text goes to the last cell of the last row, as in the `.docx`
    /// walk, so [`finish_table`] finds where a nested table's text goes.
    tables: Vec<OpenTable>,
    open: Vec<(bool, bool)>,
    fields: Vec<Field>,
    /// Fields on the stack still in their code: nothing is shown.
    in_code: usize,
    listed: usize,
}

impl<'a> Walk<'a> {
    fn new(runs: &'a ParaRuns) -> Self {
        Walk {
            runs,
            body: Body {
                paragraphs: Vec::new(),
                tables: Vec::new(),
                links: Vec::new(),
            },
            text: String::new(),
            broken: Vec::new(),
            tables: Vec::new(),
            open: Vec::new(),
            fields: Vec::new(),
            in_code: 0,
            listed: 0,
        }
    }

    fn char(&mut self, c: char, at: usize) {
        match c {
            '\u{13}' => {
                self.fields.push(Field {
                    code: String::new(),
                    in_result: false,
                    result: String::new(),
                });
                self.in_code += 1;
                return;
            }
            '\u{14}' => {
                if let Some(f) = self.fields.last_mut().filter(|f| !f.in_result) {
                    f.in_result = true;
                    self.in_code -= 1;
                }
                return;
            }
            '\u{15}' => {
                if let Some(f) = self.fields.pop() {
                    if !f.in_result {
                        self.in_code -= 1;
                    }
                    self.end_field(f);
                }
                return;
            }
            _ => {}
        }
        if self.in_code > 0 {
            if let Some(f) = self.fields.last_mut() {
                if f.code.len() < MAX_FIELD_CODE {
                    f.code.push(c);
                }
            }
            return;
        }
        let shown = match c {
            '\r' | '\u{0c}' | '\u{0e}' => return self.paragraph_mark(at, false),
            '\u{07}' => return self.paragraph_mark(at, true),
            '\u{0b}' => {
                let line = std::mem::take(&mut self.text);
                self.broken.push(line);
                return;
            }
            '\t' | '\u{a0}' => ' ',
            '\u{1e}' => '-',
            // Objects, pictures, note marks, optional hyphens and Word's
            // other marks.
            c if c < ' ' => return,
            c => c,
        };
        self.text.push(shown);
        for f in &mut self.fields {
            if f.result.len() < MAX_FIELD_CODE {
                f.result.push(shown);
            }
        }
    }

    /// A closed field: a `HYPERLINK` to a file is an attachment.
    fn end_field(&mut self, f: Field) {
        let mut words = f.code.split_whitespace();
        if words.next() != Some("HYPERLINK") {
            return;
        }
        // `HYPERLINK "url"`, or `HYPERLINK \l "bookmark"` (a place in the
        // document, no file).
        let Some(url) = words.next().filter(|w| !w.starts_with('\\')) else {
            return;
        };
        let url = url.trim_matches('"').to_string();
        let text = collapse_space(&f.result);
        if crate::decode::html::is_file_link(&url, &text) {
            self.body.links.push(Link { text, url });
        }
    }

    /// A paragraph's end: `\r` (or a break ending one), or `\x07` ending a
    /// cell or a row. Its properties say how deep in tables it is (a `\x07`
    /// ends a cell of the outermost table; cells and rows of a table in a
    /// cell end with `\r` marks flagged so).
    fn paragraph_mark(&mut self, at: usize, cell_mark: bool) {
        let default = ParaProps::default();
        let runs = self.runs;
        let props = runs.at(at).unwrap_or(&default);
        let mut lines = std::mem::take(&mut self.broken);
        lines.push(std::mem::take(&mut self.text));
        let lines: Vec<String> = lines
            .iter()
            .map(|l| collapse_space(l))
            .filter(|l| !l.is_empty())
            .collect();
        if props.list && !lines.is_empty() {
            self.listed += 1;
        }
        let depth = if cell_mark || props.in_table || props.inner_cell || props.inner_row_end {
            props.depth.max(1)
        } else {
            0
        };
        while self.tables.len() > depth {
            self.close_table();
        }
        while self.tables.len() < depth {
            if !self.tables.is_empty() {
                self.open_cell();
            }
            self.tables.push(OpenTable::default());
            self.open.push((false, false));
        }
        if depth == 0 {
            let centered = props.centered;
            self.body
                .paragraphs
                .extend(lines.into_iter().map(|text| Paragraph {
                    text,
                    size: 0,
                    centered,
                    boxed: false,
                }));
            return;
        }
        let row_end = if depth == 1 {
            cell_mark && props.row_end
        } else {
            props.inner_row_end
        };
        let cell_end = if depth == 1 {
            cell_mark
        } else {
            props.inner_cell
        };
        if row_end {
            if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                for (cell, merge) in row.cells.iter_mut().zip(&props.merges) {
                    cell.merge = *merge;
                }
                row.edges.clone_from(&props.edges);
            }
            if let Some(open) = self.open.last_mut() {
                *open = (false, false);
            }
            return;
        }
        self.open_cell();
        if let Some(cell) = self
            .tables
            .last_mut()
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.cells.last_mut())
        {
            cell.paragraphs.extend(lines);
        }
        if cell_end {
            if let Some(open) = self.open.last_mut() {
                open.1 = false;
            }
        }
    }

    /// Makes sure the innermost table has an open row with an open cell.
    fn open_cell(&mut self) {
        let (Some(table), Some(open)) = (self.tables.last_mut(), self.open.last_mut()) else {
            return;
        };
        if !open.0 {
            table.rows.push(OpenRow::default());
            *open = (true, false);
        }
        if !open.1 {
            if let Some(row) = table.rows.last_mut() {
                row.cells.push(new_cell());
            }
            open.1 = true;
        }
    }

    /// Ends the innermost open table, as the `.docx` reader ends one: a
    /// table of data becomes a paragraph per row and a table (in a cell, a
    /// paragraph of the cell per row), a frame its paragraphs.
    fn close_table(&mut self) {
        let Some(mut table) = self.tables.pop() else {
            return;
        };
        self.open.pop();
        // A `.doc` row gives its cells' edges, not their spans.
        spans_from_edges(&mut table);
        finish_table(table, &mut self.tables, &mut self.body);
    }

    fn finish(mut self) -> (Body, usize) {
        if !self.text.is_empty() || !self.broken.is_empty() {
            self.paragraph_mark(usize::MAX, false);
        }
        while !self.tables.is_empty() {
            self.close_table();
        }
        (self.body, self.listed)
    }
}

/// Edges of two rows this close (in twips: 30 is a 48th of an inch) are
/// one column's: Word saves a column's edge a few twips off from row to row.
const EDGE_SLACK: i32 = 30;

/// Spans and leading gaps of a table's cells from its rows' edges: a
/// `.doc` writes a cell merged across columns as one wide cell
/// (`基础设施类小计` over 序号 to 建设内容, `624` under 补助资金), so its
/// cells go to the columns of the grid all the rows' edges make. Rows
/// whose edges are missing or do not match their cells are left as read.
fn spans_from_edges(table: &mut OpenTable) {
    let mut grid: Vec<i32> = table
        .rows
        .iter()
        .flat_map(|r| r.edges.iter().map(|&e| i32::from(e)))
        .collect();
    grid.sort_unstable();
    grid.dedup_by(|b, a| *b - *a <= EDGE_SLACK);
    let column = |e: i16| grid.iter().rposition(|&g| g <= i32::from(e) + EDGE_SLACK);
    for row in &mut table.rows {
        if row.edges.len() != row.cells.len() + 1 {
            continue;
        }
        let cols: Option<Vec<usize>> = row.edges.iter().map(|&e| column(e)).collect();
        let Some(cols) = cols else { continue };
        if cols.windows(2).any(|w| w[1] <= w[0]) {
            continue;
        }
        row.before = cols[0];
        for (cell, w) in row.cells.iter_mut().zip(cols.windows(2)) {
            cell.span = w[1] - w[0];
        }
    }
}

fn new_cell() -> OpenCell {
    OpenCell {
        paragraphs: Vec::new(),
        span: 1,
        merge: VMerge::None,
    }
}

fn malformed(detail: String) -> OfficeError {
    OfficeError::Malformed { detail }
}

fn truncated(detail: String) -> OfficeError {
    OfficeError::Truncated { detail }
}

/// A little-endian u16 at `at`, or a detail naming `what` lies past the
/// end (the caller says whether that is a cut file or a wrong offset).
fn le_u16(b: &[u8], at: usize, what: &str) -> Result<u16, String> {
    b.get(at..at.saturating_add(2))
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
        .ok_or_else(|| out_of_range(b, at, what))
}

/// A little-endian u32 at `at`, as [`le_u16`].
fn le_u32(b: &[u8], at: usize, what: &str) -> Result<u32, String> {
    b.get(at..at.saturating_add(4))
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or_else(|| out_of_range(b, at, what))
}

fn out_of_range(b: &[u8], at: usize, what: &str) -> String {
    format!("{what} at byte {at} lies past the end ({} bytes)", b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the test document's parts lie in its `WordDocument` stream.
    const ASCII_AT: usize = 0x200;
    const WIDE_AT: usize = 0x300;
    const FKP_PN: usize = 3;

    fn put16(b: &mut [u8], at: usize, v: u16) {
        b[at..at + 2].copy_from_slice(&v.to_le_bytes());
    }

    fn put32(b: &mut [u8], at: usize, v: u32) {
        b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }

    /// A minimal `WordDocument`/`1Table` pair as Word lays them out: a FIB,
    /// an 8-bit piece, a UTF-16 piece with a field, a link and a table of
    /// two rows, and one page of paragraph properties marking the row ends.
    fn streams(flags: u16) -> (Vec<u8>, Vec<u8>) {
        let ascii = "Notice\r";
        let wide = "一、总则\u{13} PAGE \u{14}5\u{15}页\u{b}次行\r\
                    \u{13} HYPERLINK \"files/fujian1.pdf\" \u{14}附件1\u{15}\r\
                    甲\u{7}乙\u{7}\u{7}丙\u{7}丁\u{7}\u{7}尾\u{1e}\u{1f}\u{a0}x\u{1}\r";
        let units: Vec<u16> = wide.encode_utf16().collect();
        let mut word = vec![0u8; (FKP_PN + 1) * 512];
        put16(&mut word, 0, WORD_IDENT);
        put16(&mut word, 2, NFIB_WORD97);
        put16(&mut word, 0x0A, flags | F_WHICH_TBL_STM);
        put16(&mut word, 0x20, 14);
        put16(&mut word, 0x3E, 22);
        let ccp = (ascii.len() + units.len()) as u32;
        put32(&mut word, 0x4C, ccp);
        put16(&mut word, 0x98, 93);
        word[ASCII_AT..ASCII_AT + ascii.len()].copy_from_slice(ascii.as_bytes());
        for (i, u) in units.iter().enumerate() {
            put16(&mut word, WIDE_AT + 2 * i, *u);
        }
        // The row ends: the second `\x07` of each `\x07\x07`.
        let row_ends: Vec<usize> = units
            .windows(2)
            .enumerate()
            .filter(|(_, w)| w == &[7, 7])
            .map(|(i, _)| WIDE_AT + 2 * (i + 1))
            .collect();
        assert_eq!(row_ends.len(), 2);
        // Runs: before the first row end, each row end, between, after.
        let end = WIDE_AT + 2 * units.len();
        let bounds = [
            ASCII_AT,
            row_ends[0],
            row_ends[0] + 2,
            row_ends[1],
            row_ends[1] + 2,
            end,
        ];
        let page = FKP_PN * 512;
        let crun = bounds.len() - 1;
        for (i, b) in bounds.iter().enumerate() {
            put32(&mut word, page + 4 * i, *b as u32);
        }
        // A row end's properties at byte 0x100 of the page: cb 0, cb' 4,
        // then the style index and sprmPFInTable, sprmPFTtp.
        let papx = [0u8, 4, 0, 0, 0x16, 0x24, 1, 0x17, 0x24, 1];
        word[page + 0x100..page + 0x100 + papx.len()].copy_from_slice(&papx);
        for run in [1, 3] {
            word[page + 4 * (crun + 1) + 13 * run] = 0x80;
        }
        word[page + 511] = crun as u8;
        // The table stream: a Prc to skip, then the piece table; then the
        // paragraph property index.
        let mut table = vec![0x01, 2, 0, 0xAA, 0xBB, 0x02];
        let mut plc = Vec::new();
        for cp in [0, ascii.len() as u32, ccp] {
            plc.extend_from_slice(&cp.to_le_bytes());
        }
        for (fc, compressed) in [(ASCII_AT, true), (WIDE_AT, false)] {
            let fc = if compressed {
                (2 * fc as u32) | 0x4000_0000
            } else {
                fc as u32
            };
            plc.extend_from_slice(&[0, 0]);
            plc.extend_from_slice(&fc.to_le_bytes());
            plc.extend_from_slice(&[0, 0]);
        }
        table.extend_from_slice(&(plc.len() as u32).to_le_bytes());
        table.extend_from_slice(&plc);
        let clx_len = table.len();
        let bte_at = table.len();
        for v in [ASCII_AT as u32, end as u32, FKP_PN as u32] {
            table.extend_from_slice(&v.to_le_bytes());
        }
        put32(&mut word, 0x9A + 8 * PAIR_PLCF_BTE_PAPX, bte_at as u32);
        put32(&mut word, 0x9A + 8 * PAIR_PLCF_BTE_PAPX + 4, 12);
        put32(&mut word, 0x9A + 8 * PAIR_CLX, 0);
        put32(&mut word, 0x9A + 8 * PAIR_CLX + 4, clx_len as u32);
        (word, table)
    }

    fn read(word: &[u8], table: &[u8]) -> Result<(Body, usize), OfficeError> {
        read_document(word, table, &read_fib(word)?)
    }

    fn fail(word: &[u8], table: &[u8]) -> OfficeError {
        match read(word, table) {
            Ok(_) => panic!("read a broken document"),
            Err(e) => e,
        }
    }

    #[test]
    fn pieces_fields_cells_and_rows_read_in_order() {
        let (word, table) = streams(0);
        let (body, listed) = read(&word, &table).expect("reads");
        let texts: Vec<&str> = body.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Notice",
                "一、总则5页",
                "次行",
                "附件1",
                "甲 乙",
                "丙 丁",
                "尾- x"
            ]
        );
        assert_eq!(body.tables.len(), 1);
        assert_eq!(body.tables[0].paragraphs, 4..6);
        assert_eq!(body.tables[0].rows, [["甲", "乙"], ["丙", "丁"]]);
        assert_eq!(body.links.len(), 1);
        assert_eq!(body.links[0].url, "files/fujian1.pdf");
        assert_eq!(body.links[0].text, "附件1");
        assert_eq!(listed, 0);
    }

    #[test]
    fn the_encrypted_flag_is_encrypted() {
        let (word, _) = streams(F_ENCRYPTED);
        let e = read_fib(&word).unwrap_err();
        assert!(matches!(e, OfficeError::Encrypted { .. }), "{e}");
    }

    #[test]
    fn offsets_out_of_range_name_what() {
        let (word, table) = streams(0);
        // The Clx put past the table stream.
        let mut w = word.clone();
        put32(&mut w, 0x9A + 8 * PAIR_CLX, 1_000_000);
        let e = fail(&w, &table);
        assert!(
            matches!(&e, OfficeError::Malformed { detail } if detail.contains("Clx")),
            "{e}"
        );
        // A FIB cut short.
        let e = fail(&word[..0x100], &table);
        assert!(matches!(e, OfficeError::Truncated { .. }), "{e}");
        // Text past the stream's end.
        let e = fail(&word[..WIDE_AT + 8], &table);
        assert!(
            matches!(&e, OfficeError::Truncated { detail } if detail.contains("piece 1")),
            "{e}"
        );
        // A ccpText past the pieces.
        let mut w = word.clone();
        put32(&mut w, 0x4C, 100_000);
        let e = fail(&w, &table);
        assert!(matches!(e, OfficeError::Malformed { .. }), "{e}");
        // The paragraph property page past the stream.
        let e = fail(&word[..FKP_PN * 512], &table);
        assert!(matches!(e, OfficeError::Truncated { .. }), "{e}");
    }

    #[test]
    fn pieces_cannot_claim_more_text_than_the_stream_holds() {
        // Many pieces over the same bytes: a 2 KiB table asking for
        // megabytes of text.
        let (word, _) = streams(0);
        let n = 150u32;
        let mut plc = Vec::new();
        for i in 0..=n {
            plc.extend_from_slice(&(i * 1000).to_le_bytes());
        }
        for _ in 0..n {
            plc.extend_from_slice(&[0, 0]);
            plc.extend_from_slice(&(((2 * ASCII_AT) as u32) | 0x4000_0000).to_le_bytes());
            plc.extend_from_slice(&[0, 0]);
        }
        let mut table = vec![0x02];
        table.extend_from_slice(&(plc.len() as u32).to_le_bytes());
        table.extend_from_slice(&plc);
        let mut w = word.clone();
        put32(&mut w, 0x4C, n * 1000);
        put32(&mut w, 0x9A + 8 * PAIR_CLX + 4, table.len() as u32);
        put32(&mut w, 0x9A + 8 * PAIR_PLCF_BTE_PAPX + 4, 0);
        let e = fail(&w, &table);
        assert!(matches!(e, OfficeError::Malformed { .. }), "{e}");
    }

    /// A row whose first cell was merged across four columns (one cell
    /// between edges wider apart) puts its sum under the money column.
    #[test]
    fn a_cell_merged_across_columns_spans_them() {
        let row = |cells: &[&str], edges: &[i16]| OpenRow {
            before: 0,
            cells: cells
                .iter()
                .map(|c| OpenCell {
                    paragraphs: vec![c.to_string()],
                    span: 1,
                    merge: VMerge::None,
                })
                .collect(),
            edges: edges.to_vec(),
        };
        let mut table = OpenTable {
            rows: vec![
                row(
                    &["序号", "乡镇", "补助资金", "备注"],
                    &[0, 600, 2400, 3600, 4800],
                ),
                row(&["1", "城关镇", "150", ""], &[0, 610, 2395, 3600, 4800]),
                row(&["小计", "624", ""], &[0, 2400, 3600, 4800]),
                // Edges that do not match the cells: left as read.
                row(&["合计", "1860"], &[0, 2400]),
            ],
        };
        spans_from_edges(&mut table);
        let spans: Vec<Vec<usize>> = table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.span).collect())
            .collect();
        assert_eq!(
            spans,
            [
                vec![1, 1, 1, 1],
                vec![1, 1, 1, 1],
                vec![2, 1, 1],
                vec![1, 1]
            ]
        );
    }
}
