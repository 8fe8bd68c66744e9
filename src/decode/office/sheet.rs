//! Workbooks (`.xlsx`, and `.xls` in its OLE2 container), read with
//! calamine: each visible worksheet becomes a table of data.
//!
//! A sheet as people make them: a title in a merged row on top (and an
//! `附件1` tag), a header row, data rows, merged cells where one value
//! stands for several rows (one 牵头单位 for three tasks). So:
//! - leading rows with one filled cell are plain paragraphs (the first of
//!   them that reads like a title is the page's title);
//! - the rest of the sheet is a [`TextTable`], one paragraph per row, cells
//!   joined by a space; columns no cell uses are left out; unless most of
//!   its rows have one cell: then it is a document written a paragraph a
//!   row, and its rows are only paragraphs;
//! - a value merged down over rows is repeated in each row of its column
//!   (what the sheet shows each of those rows to mean); a value merged
//!   across columns stays in its first column (a title is not repeated).
//!   A task's 序号 merged down over its two rows is so repeated too: that
//!   the second row goes on with the task is `structure::tasks`'s reading.
//!
//! Cells read as shown: text as is, whole numbers without `.0`, dates as
//! `YYYY-MM-DD`, an `.xlsx` cell formatted as a percentage (`0.3` shown
//! `30%`) as its percentage ([`super::percent`], since calamine reads
//! number formats only to tell dates). Other number formats (thousands
//! separators, fixed decimals) are not applied: they change no figure.
//! An `.xls`'s percentage cells are found the same way in its BIFF
//! records (`FORMAT`, `XF`, the cells' `ixfe`).
//!
//! Whether rows are tasks with responsible units is the structure stage's
//! question (`structure::tasks`), not this backend's.
//!
//! Bounds: an `.xlsx` is first inflated under [`super::archive`]'s limits
//! (calamine itself has none), then read cell by cell (never as calamine's
//! dense `Range`, which a cell at XFD1048576 would blow up), up to
//! [`OfficeOptions::max_cells`] cells and [`OfficeOptions::max_grid_cells`]
//! rows × used columns. An `.xls` is parsed whole by calamine into dense
//! ranges as it opens, so its records are walked first ([`check_xls_grid`])
//! and a sheet spanning more than `max_grid_cells` is refused before.

use std::collections::{BTreeMap, BTreeSet};

use calamine::{DataRef, Dimensions, Reader, SheetType, SheetVisible};

use super::archive::Package;
use super::percent::{self, BIFF_BOF, BIFF_MULRK};
use super::{OfficeError, OfficeOptions};
use crate::decode::{collapse_space, Layout, MediaType, PageMeta, Parsed, Text, TextTable};

/// The non-empty cells of one sheet, by (row, column).
type Cells = BTreeMap<(u32, u32), String>;

/// Decodes an `.xlsx` workbook.
///
/// # Errors
/// An [`OfficeError`]: the package's limits, a refused XML part, a sheet
/// over the cell limits, a workbook calamine cannot read.
pub fn decode_xlsx(bytes: &[u8], opts: &OfficeOptions) -> Result<Parsed<Text>, OfficeError> {
    let mut pkg = Package::new(bytes, opts)?;
    pkg.check_all()?;
    let mut wb: calamine::Xlsx<_> =
        calamine::Xlsx::new(super::cursor(bytes)).map_err(xlsx_error)?;
    wb.load_merged_regions().map_err(xlsx_error)?;
    let percents = percent::percent_cells(bytes, opts)?;
    let no_percents = percent::Percents::new();
    let mut sheets = Vec::new();
    let mut total = 0usize;
    for name in visible_sheets(wb.sheets_metadata()) {
        let mut cells = Cells::new();
        let shown = percents.get(&name).unwrap_or(&no_percents);
        let mut reader = wb.worksheet_cells_reader(&name).map_err(xlsx_error)?;
        while let Some(cell) = reader.next_cell().map_err(xlsx_error)? {
            let text = match (shown.get(&cell.get_position()), cell.get_value()) {
                (Some(shown), DataRef::Float(f)) => shown.render(*f),
                #[allow(clippy::cast_precision_loss)]
                (Some(shown), DataRef::Int(i)) => shown.render(*i as f64),
                (_, v) => render_ref(v),
            };
            if text.is_empty() {
                continue;
            }
            total += 1;
            if total > opts.max_cells {
                return Err(OfficeError::SheetTooLarge {
                    cells: total,
                    limit: opts.max_cells,
                });
            }
            cells.insert(cell.get_position(), text);
        }
        drop(reader);
        let merges: Vec<Dimensions> = wb
            .merged_regions_by_sheet(&name)
            .into_iter()
            .map(|(_, _, d)| *d)
            .collect();
        fill_merges(&mut cells, &merges);
        sheets.push((name, cells));
    }
    build(sheets, MediaType::Xlsx, "xlsx", opts)
}

/// Decodes an `.xls` workbook (BIFF8 in an OLE2 compound file).
///
/// # Errors
/// [`OfficeError::Encrypted`] for a password-protected workbook; others as
/// [`decode_xlsx`].
pub fn decode_xls(bytes: &[u8], opts: &OfficeOptions) -> Result<Parsed<Text>, OfficeError> {
    // The records are read once: for the grid check, then the percentages.
    let stream = workbook_stream(bytes);
    check_xls_grid(stream.as_deref(), opts)?;
    let mut wb: calamine::Xls<_> = calamine::Xls::new(super::cursor(bytes)).map_err(xls_error)?;
    let percents = stream
        .map(|s| percent::xls_percent_cells(&s))
        .unwrap_or_default();
    let no_percents = percent::Percents::new();
    let mut sheets = Vec::new();
    let mut total = 0usize;
    for name in visible_sheets(wb.sheets_metadata()) {
        let range = wb.worksheet_range(&name).map_err(xls_error)?;
        let mut cells = Cells::new();
        let shown = percents.get(&name).unwrap_or(&no_percents);
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, v) in range.used_cells() {
            let at = (r0 + r as u32, c0 + c as u32);
            let text = match (shown.get(&at), v) {
                (Some(f), calamine::Data::Float(x)) => f.render(*x),
                #[allow(clippy::cast_precision_loss)]
                (Some(f), calamine::Data::Int(i)) => f.render(*i as f64),
                (_, v) => render(v),
            };
            if text.is_empty() {
                continue;
            }
            total += 1;
            if total > opts.max_cells {
                return Err(OfficeError::SheetTooLarge {
                    cells: total,
                    limit: opts.max_cells,
                });
            }
            cells.insert(at, text);
        }
        let merges = wb.worksheet_merge_cells(&name).unwrap_or_default();
        fill_merges(&mut cells, &merges);
        sheets.push((name, cells));
    }
    build(sheets, MediaType::Xls, "xls", opts)
}

/// BIFF record types that start with the (row, column) of a cell: Number,
/// Label, BoolErr, Formula, RK, LabelSst, Blank. MulRk (0x00BD) gives a
/// row and a first and last column.
const BIFF_CELLS: [u16; 7] = [0x0203, 0x0204, 0x0205, 0x0006, 0x027E, 0x00FD, 0x0201];
const BIFF_DIMENSIONS: u16 = 0x0200;

/// Refuses an `.xls` whose sheets calamine would lay out as dense grids
/// past [`OfficeOptions::max_grid_cells`], before calamine sees it.
///
/// calamine parses every sheet when the workbook is opened, reserving
/// room for the rows × columns a sheet's DIMENSIONS record claims and then
/// a dense `Range` over the span of its cells: a 5 KiB file with a cell at
/// A1 and one at IV65536 costs a gigabyte, and a DIMENSIONS record
/// claiming 2³² rows aborts the process. So the `Workbook` stream's
/// records are walked here first (4-byte headers, nothing else decoded)
/// and each sheet's larger span, claimed or used, is counted. `stream` is
/// the file's `Workbook` stream ([`workbook_stream`]), None when the
/// container holds none.
///
/// # Errors
/// [`OfficeError::SheetTooLarge`]; [`OfficeError::Malformed`] for a
/// DIMENSIONS record whose last row comes before its first (calamine's
/// arithmetic would wrap).
fn check_xls_grid(stream: Option<&[u8]>, opts: &OfficeOptions) -> Result<(), OfficeError> {
    let Some(stream) = stream else {
        // calamine says what is wrong with the container.
        return Ok(());
    };
    let mut total = 0usize;
    let mut sheet = Span::default();
    let mut pos = 0usize;
    while pos + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[pos], stream[pos + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[pos + 2], stream[pos + 3]]));
        let data = &stream[pos + 4..(pos + 4 + len).min(stream.len())];
        pos += 4 + len;
        let u16_at = |i: usize| {
            data.get(i..i + 2)
                .map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])))
        };
        let u32_at = |i: usize| {
            data.get(i..i + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        match typ {
            BIFF_BOF => {
                total = total.saturating_add(sheet.cells());
                sheet = Span::default();
            }
            BIFF_DIMENSIONS => {
                // BIFF8: first row, last row + 1 (u32), first column, last
                // column + 1 (u16); BIFF5 has u16 rows.
                let (rf, rl, cf, cl) = if data.len() >= 14 {
                    (u32_at(0), u32_at(4), u16_at(8), u16_at(10))
                } else {
                    (u16_at(0), u16_at(2), u16_at(4), u16_at(6))
                };
                let (Some(rf), Some(rl), Some(cf), Some(cl)) = (rf, rl, cf, cl) else {
                    continue;
                };
                if rl >= 1 && cl >= 1 {
                    if rl - 1 < rf {
                        return Err(OfficeError::Malformed {
                            detail: format!(
                                "an .xls sheet's dimensions end at row {rl} before they start at row {rf}"
                            ),
                        });
                    }
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    sheet.claimed = (rl - rf) as usize * (cl - cf) as usize;
                }
            }
            BIFF_MULRK => {
                if let (Some(r), Some(c0), Some(c1)) =
                    (u16_at(0), u16_at(2), u16_at(data.len().saturating_sub(2)))
                {
                    sheet.add(r, c0);
                    sheet.add(r, c1);
                }
            }
            t if BIFF_CELLS.contains(&t) => {
                if let (Some(r), Some(c)) = (u16_at(0), u16_at(2)) {
                    sheet.add(r, c);
                }
            }
            _ => {}
        }
    }
    total = total.saturating_add(sheet.cells());
    if total > opts.max_grid_cells {
        return Err(OfficeError::SheetTooLarge {
            cells: total,
            limit: opts.max_grid_cells,
        });
    }
    Ok(())
}

/// The `Workbook` (or Excel 5 `Book`) stream of an OLE2 file.
fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    std::panic::catch_unwind(|| {
        let mut cf = cfb::CompoundFile::open(super::cursor(bytes)).ok()?;
        let name = cf
            .read_root_storage()
            .map(|e| e.name().to_string())
            .find(|n| n.eq_ignore_ascii_case("Workbook") || n.eq_ignore_ascii_case("Book"))?;
        let mut stream = cf.open_stream(format!("/{name}")).ok()?;
        let mut out = Vec::new();
        // A stream is sectors of the file: never larger than the file.
        stream
            .by_ref()
            .take(bytes.len() as u64)
            .read_to_end(&mut out)
            .ok()?;
        Some(out)
    })
    .ok()
    .flatten()
}

/// What one sheet of an `.xls` will cost calamine: the cells its
/// DIMENSIONS record claims, and the span of the cells it has.
#[derive(Default)]
struct Span {
    claimed: usize,
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Span {
    fn add(&mut self, r: u32, c: u32) {
        let widen =
            |s: Option<(u32, u32)>, v: u32| Some(s.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
        self.rows = widen(self.rows, r);
        self.cols = widen(self.cols, c);
    }

    fn cells(&self) -> usize {
        let used = match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (r1 - r0 + 1) as usize * (c1 - c0 + 1) as usize,
            _ => 0,
        };
        used.max(self.claimed)
    }
}

/// The worksheets a reader sees: visible, not charts or macros.
fn visible_sheets(meta: &[calamine::Sheet]) -> Vec<String> {
    meta.iter()
        .filter(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

fn xlsx_error(e: calamine::XlsxError) -> OfficeError {
    use calamine::XlsxError as E;
    match e {
        E::Password => OfficeError::Encrypted {
            format: "the workbook".into(),
        },
        E::Xml(x) => OfficeError::XmlMalformed {
            part: "a worksheet part".into(),
            detail: x.to_string(),
        },
        other => OfficeError::Spreadsheet {
            detail: other.to_string(),
        },
    }
}

fn xls_error(e: calamine::XlsError) -> OfficeError {
    match e {
        calamine::XlsError::Password => OfficeError::Encrypted {
            format: "the .xls workbook".into(),
        },
        other => OfficeError::Spreadsheet {
            detail: other.to_string(),
        },
    }
}

/// A cell as the sheet shows it.
fn render_ref(v: &DataRef<'_>) -> String {
    match v {
        DataRef::String(s) => collapse_space(s),
        DataRef::SharedString(s) => collapse_space(s),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => float(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => date(d),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

fn render(v: &calamine::Data) -> String {
    use calamine::Data;
    match v {
        Data::String(s) => collapse_space(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => date(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// A number as a sheet shows it by default: `3`, not `3.0`.
fn float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// An Excel date as `YYYY-MM-DD` (with the time when it has one).
fn date(d: &calamine::ExcelDateTime) -> String {
    if d.is_duration() {
        return float(d.as_f64());
    }
    let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{da:02}")
    } else {
        format!("{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}:{s:02}")
    }
}

/// Repeats a value merged down over rows in each row of its first column,
/// for the rows that hold anything (a merge may span a whole sheet).
fn fill_merges(cells: &mut Cells, merges: &[Dimensions]) {
    let rows: BTreeSet<u32> = cells.keys().map(|(r, _)| *r).collect();
    for m in merges {
        let (r0, c0) = m.start;
        let (r1, _) = m.end;
        if r1 <= r0 {
            continue;
        }
        let Some(v) = cells.get(&(r0, c0)).cloned() else {
            continue;
        };
        for &r in rows.range(r0.saturating_add(1)..=r1) {
            cells.entry((r, c0)).or_insert_with(|| v.clone());
        }
    }
}

/// Paragraphs and tables from the sheets' cells.
fn build(
    sheets: Vec<(String, Cells)>,
    media: MediaType,
    extractor: &str,
    opts: &OfficeOptions,
) -> Result<Parsed<Text>, OfficeError> {
    // Each sheet with whether it holds the notice's particulars, asked once.
    let mut sheets: Vec<(String, Cells, bool)> = sheets
        .into_iter()
        .filter(|(_, c)| !c.is_empty())
        .map(|(name, cells)| {
            let particulars = is_particulars(&cells);
            (name, cells, particulars)
        })
        .collect();
    // A sheet of the notice's particulars (`文号 | 宿政办发〔2025〕11号`,
    // `成文日期 | 2025年3月28日`) heads the text, wherever the workbook
    // keeps it: the header is read from the top.
    if let Some(i) = sheets.iter().position(|(_, _, p)| *p) {
        let particulars = sheets.remove(i);
        sheets.insert(0, particulars);
    }
    let mut paragraphs: Vec<String> = Vec::new();
    let mut tables = Vec::new();
    let mut title = None;
    let mut grid = 0usize;
    let named = sheets.len() > 1;
    for (name, cells, particulars) in sheets {
        let cols: Vec<u32> = cells
            .keys()
            .map(|(_, c)| *c)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut last_row = None;
        for ((r, c), v) in &cells {
            if last_row != Some(*r) {
                grid += cols.len();
                if grid > opts.max_grid_cells {
                    return Err(OfficeError::SheetTooLarge {
                        cells: grid,
                        limit: opts.max_grid_cells,
                    });
                }
                rows.push(vec![String::new(); cols.len()]);
                last_row = Some(*r);
            }
            let at = cols.binary_search(c).unwrap_or(0);
            if let Some(row) = rows.last_mut() {
                row[at] = v.clone();
            }
        }
        if named {
            paragraphs.push(collapse_space(&name));
        }
        let filled = |r: &Vec<String>| r.iter().filter(|c| !c.is_empty()).count();
        let lead = rows.iter().take_while(|r| filled(r) <= 1).count();
        for r in &rows[..lead] {
            let text = r
                .iter()
                .find(|c| !c.is_empty())
                .cloned()
                .unwrap_or_default();
            if title.is_none() && looks_like_title(&text) {
                title = Some(text.clone());
            }
            paragraphs.push(text);
        }
        let body = &rows[lead..];
        if particulars {
            // As a notice's page prints them: `文号：…`, and the 主送 as the
            // line of addressees it is (`各县、区人民政府，…：`).
            for r in body {
                let mut kv = r.iter().filter(|c| !c.is_empty());
                let (Some(label), Some(value)) = (kv.next(), kv.next()) else {
                    continue;
                };
                let label = label_of(label);
                paragraphs.push(if label.starts_with("主送") {
                    format!("{}：", value.trim_end_matches(['：', ':']))
                } else {
                    format!("{label}：{value}")
                });
            }
            continue;
        }
        let data_rows = body.iter().filter(|r| filled(r) >= 2).count();
        let start = paragraphs.len();
        for r in body {
            let cells: Vec<&str> = r
                .iter()
                .map(String::as_str)
                .filter(|c| !c.is_empty())
                .collect();
            paragraphs.push(cells.join(" "));
        }
        // A sheet whose rows are mostly one cell each is a document
        // written a paragraph a row (a notice pasted into column A, its
        // signature's two issuers side by side): its text, not a table.
        if data_rows >= 2 && data_rows * 2 >= body.len() {
            tables.push(TextTable {
                paragraphs: start..paragraphs.len(),
                rows: body.to_vec(),
                row_paragraphs: Vec::new(),
            });
        }
    }
    if paragraphs.is_empty() {
        return Err(OfficeError::MissingPart {
            part: "every worksheet".into(),
            what: "filled cells".into(),
        });
    }
    Ok(Parsed {
        value: Text {
            media,
            paragraphs,
            encoding: None,
            encoding_source: "container".into(),
            extractor: extractor.into(),
            meta: PageMeta {
                title,
                ..PageMeta::default()
            },
            layout: Layout {
                tables,
                rules: Vec::new(),
            },
            attachments: Vec::new(),
            confidence: None,
        },
        warnings: Vec::new(),
    })
}

/// Labels of a notice's particulars in a sheet of label | value rows.
const PARTICULAR_LABELS: &[&str] = &[
    "标题",
    "文件标题",
    "名称",
    "文件名称",
    "文号",
    "发文字号",
    "发文文号",
    "成文日期",
    "发文日期",
    "印发日期",
    "发布日期",
    "发文机关",
    "发文单位",
    "发布机构",
    "主送",
    "主送机关",
    "主送单位",
];

/// Whether a sheet holds a notice's particulars: every row under its
/// leading one-cell rows is a label and its value, and two labels or more
/// name particulars ([`PARTICULAR_LABELS`]).
fn is_particulars(cells: &Cells) -> bool {
    let mut rows: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for ((r, _), v) in cells {
        rows.entry(*r).or_default().push(v.trim());
    }
    let pairs: Vec<&Vec<&str>> = rows.values().skip_while(|r| r.len() == 1).collect();
    let known = pairs
        .iter()
        .filter(|r| PARTICULAR_LABELS.contains(&label_of(r[0])))
        .count();
    known >= 2
        && pairs
            .iter()
            .all(|r| r.len() == 2 && r[0].chars().count() <= 8)
}

/// A particulars label cell without its colon (`文号：` is `文号`).
fn label_of(cell: &str) -> &str {
    cell.trim().trim_end_matches(['：', ':'])
}

/// A leading row that reads like a title: not an `附件1` tag, not a
/// `填报单位：` note, long enough to name something.
fn looks_like_title(s: &str) -> bool {
    let n = s.chars().count();
    (6..=80).contains(&n) && !s.starts_with("附件") && !s.contains(['：', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sheet's cells from its rows (empty strings are empty cells).
    fn sheet(rows: &[&[&str]]) -> Cells {
        let mut cells = Cells::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
                cells.insert((r as u32, c as u32), v.to_string());
            }
        }
        cells
    }

    /// A notice pasted into a sheet a paragraph a row, its two issuers
    /// side by side on one row, is text; a sheet of data rows under its
    /// title is a table.
    #[test]
    fn a_sheet_written_a_paragraph_a_row_is_text_not_a_table() {
        let text = |rows: &[&[&str]]| {
            build(
                vec![("Sheet1".into(), sheet(rows))],
                MediaType::Xlsx,
                "calamine",
                &OfficeOptions::default(),
            )
            .expect("a sheet")
            .value
        };
        let notice = text(&[
            &["关于印发某细则的通知"],
            &["甲局", "乙局"],
            &["各乡镇："],
            &["第一章　总则"],
            &["第一条　为规范补助资金，制定本细则。"],
            &["第二条　本细则自印发之日起施行。"],
            &["甲局", "", "乙局"],
        ]);
        assert!(notice.layout.tables.is_empty());
        assert_eq!(notice.paragraphs[3], "第一章　总则");
        let data = text(&[
            &["补助资金分配表"],
            &["乡镇", "户数", "金额"],
            &["甲镇", "12", "48万元"],
            &["乙镇", "9", "36万元"],
        ]);
        assert_eq!(data.layout.tables.len(), 1);
    }

    /// A workbook's sheet of the notice's particulars, after its list:
    /// read first, each row as a page prints it, the 主送 as its line.
    #[test]
    fn a_sheet_of_particulars_heads_the_text() {
        let list = sheet(&[
            &["某市若干政策清单"],
            &["序号", "政策条款", "责任部门"],
            &["1", "技改奖补", "市工信局"],
            &["2", "人才引育", "市人社局"],
        ]);
        let particulars = sheet(&[
            &["文件信息"],
            &["文件标题", "某市人民政府办公室关于印发某市若干政策的通知"],
            &["文号：", "某政办发〔2025〕11号"],
            &["主送", "各县、区人民政府，市各直属单位"],
            &["成文日期", "2025年3月28日"],
        ]);
        let text = build(
            vec![("政策清单".into(), list), ("说明".into(), particulars)],
            MediaType::Xlsx,
            "calamine",
            &OfficeOptions::default(),
        )
        .expect("a workbook")
        .value;
        assert_eq!(
            text.paragraphs[..6],
            [
                "说明",
                "文件信息",
                "文件标题：某市人民政府办公室关于印发某市若干政策的通知",
                "文号：某政办发〔2025〕11号",
                "各县、区人民政府，市各直属单位：",
                "成文日期：2025年3月28日",
            ]
        );
        assert_eq!(text.layout.tables.len(), 1);
        assert_eq!(text.layout.tables[0].paragraphs, 8..11);
        // Two columns of data are no particulars.
        assert!(!is_particulars(&sheet(&[
            &["乡镇", "金额"],
            &["甲镇", "48万元"],
            &["乙镇", "36万元"],
        ])));
    }

    #[test]
    fn merged_down_values_repeat_only_in_rows_that_exist() {
        let mut cells = Cells::new();
        cells.insert((1, 0), "1".into());
        cells.insert((1, 3), "市发改委".into());
        cells.insert((2, 0), "2".into());
        cells.insert((3, 0), "3".into());
        // 市发改委 merged over rows 1–3; a merge down the whole sheet; a
        // merge across one row.
        let merges = [
            Dimensions {
                start: (1, 0),
                end: (1, 3),
            },
            Dimensions {
                start: (1, 3),
                end: (3, 3),
            },
            Dimensions {
                start: (1, 0),
                end: (1_048_575, 0),
            },
        ];
        fill_merges(&mut cells, &merges);
        assert_eq!(cells.get(&(3, 3)).map(String::as_str), Some("市发改委"));
        assert_eq!(cells.len(), 6);
    }

    /// An OLE2 file whose `Workbook` stream holds the given BIFF records.
    fn xls_with(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
        use std::io::Write;
        let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
        let mut stream = cf.create_stream("/Workbook").expect("stream");
        for (typ, data) in records {
            stream.write_all(&typ.to_le_bytes()).expect("write");
            stream
                .write_all(&(data.len() as u16).to_le_bytes())
                .expect("write");
            stream.write_all(data).expect("write");
        }
        drop(stream);
        cf.flush().expect("flush");
        cf.into_inner().into_inner()
    }

    fn dimensions(rf: u32, rl: u32, cf: u16, cl: u16) -> (u16, Vec<u8>) {
        let mut d = Vec::new();
        d.extend_from_slice(&rf.to_le_bytes());
        d.extend_from_slice(&rl.to_le_bytes());
        d.extend_from_slice(&cf.to_le_bytes());
        d.extend_from_slice(&cl.to_le_bytes());
        d.extend_from_slice(&[0, 0]);
        (BIFF_DIMENSIONS, d)
    }

    fn number(r: u16, c: u16) -> (u16, Vec<u8>) {
        let mut d = Vec::new();
        d.extend_from_slice(&r.to_le_bytes());
        d.extend_from_slice(&c.to_le_bytes());
        d.extend_from_slice(&[0; 10]);
        (0x0203, d)
    }

    #[test]
    fn xls_grids_are_counted_before_calamine_lays_them_out() {
        let opts = OfficeOptions::default();
        let bof = (BIFF_BOF, vec![0; 16]);
        // A DIMENSIONS record claiming 2³² rows (calamine would reserve
        // them and abort), one whose end comes before its start (its
        // arithmetic would wrap), cells at A1 and IV65536.
        let claims = xls_with(&[bof.clone(), dimensions(0, u32::MAX, 0, 256)]);
        assert!(matches!(
            check_xls_grid(workbook_stream(&claims).as_deref(), &opts),
            Err(OfficeError::SheetTooLarge { .. })
        ));
        let reversed = xls_with(&[bof.clone(), dimensions(10, 5, 0, 1)]);
        assert!(matches!(
            check_xls_grid(workbook_stream(&reversed).as_deref(), &opts),
            Err(OfficeError::Malformed { .. })
        ));
        let far = xls_with(&[bof.clone(), number(0, 0), number(65535, 255)]);
        assert!(matches!(
            check_xls_grid(workbook_stream(&far).as_deref(), &opts),
            Err(OfficeError::SheetTooLarge {
                cells: 16_777_216,
                ..
            })
        ));
        // Sheets add up: two of 3,000,000 cells pass alone, not together.
        let one = (number(0, 0), number(29_999, 99));
        let two = xls_with(&[
            bof.clone(),
            one.0.clone(),
            one.1.clone(),
            bof.clone(),
            one.0.clone(),
            one.1.clone(),
        ]);
        let one_sheet = xls_with(&[bof.clone(), one.0, one.1]);
        assert!(check_xls_grid(workbook_stream(&one_sheet).as_deref(), &opts).is_ok());
        assert!(matches!(
            check_xls_grid(workbook_stream(&two).as_deref(), &opts),
            Err(OfficeError::SheetTooLarge {
                cells: 6_000_000,
                ..
            })
        ));
        // Through the decoder: refused, not aborted.
        assert!(matches!(
            decode_xls(&claims, &opts),
            Err(OfficeError::SheetTooLarge { .. })
        ));
    }

    #[test]
    fn numbers_read_as_shown() {
        assert_eq!(float(3.0), "3");
        assert_eq!(float(0.25), "0.25");
    }
}
