//! Which cells of a workbook show their number as a percentage.
//!
//! A 比例 column stores `0.0844` and shows `8.44%`: the number format
//! (`0.00%`) is the cell's style's, and calamine reads styles only to tell
//! dates. A notice's reader sees the percentage, and so must we; a bare
//! `0.0844` is no figure at all. So the styles part is read for the cell
//! formats (`cellXfs`) whose number format shows a percentage (built-in
//! 9 `0%` and 10 `0.00%`, a custom code with a `%`, or one with a quoted
//! `"%"` sign after the number as stored), and only when there is one are the sheets scanned for the cells that
//! use it (`<c r="F6" s="7">`). The package was checked whole before
//! ([`super::archive::Package::check_all`]), so reading its parts again
//! passes the same limits.

use std::collections::HashMap;

use super::archive::Package;
use super::rels::{join_path, relationships};
use super::xml::{attr, local, Part, Step};
use super::{OfficeError, OfficeOptions};

/// How each percentage cell of one sheet shows its number, by (row,
/// column) from 0.
pub(super) type Percents = HashMap<(u32, u32), Shown>;

/// The percentage cells of each sheet, by sheet name; empty when no cell
/// format shows a percentage.
///
/// # Errors
/// As [`Part::step`] for the workbook, its relationships, the styles and
/// the sheets; [`Package::read`]'s.
pub(super) fn percent_cells(
    bytes: &[u8],
    opts: &OfficeOptions,
) -> Result<HashMap<String, Percents>, OfficeError> {
    let mut pkg = Package::new(bytes, opts)?;
    let depth = opts.max_xml_depth;
    let rels_name = "xl/_rels/workbook.xml.rels";
    let rels = match pkg.read(rels_name)? {
        Some(b) => relationships(rels_name, &b, depth)?,
        None => return Ok(HashMap::new()),
    };
    let styles_name = rels
        .values()
        .find(|r| r.kind.ends_with("/styles"))
        .map_or_else(
            || "xl/styles.xml".to_string(),
            |r| join_path("xl", &r.target),
        );
    let Some(styles) = pkg.read(&styles_name)? else {
        return Ok(HashMap::new());
    };
    let shown = percent_styles(&styles_name, &styles, depth)?;
    if shown.is_empty() {
        return Ok(HashMap::new());
    }
    let Some(workbook) = pkg.read("xl/workbook.xml")? else {
        return Ok(HashMap::new());
    };
    let mut out = HashMap::new();
    for (name, id) in sheet_ids(&workbook, depth)? {
        let Some(rel) = rels.get(&id) else { continue };
        let part = join_path("xl", &rel.target);
        if let Some(xml) = pkg.read(&part)? {
            let cells = styled_cells(&part, &xml, &shown, depth)?;
            if !cells.is_empty() {
                out.insert(name, cells);
            }
        }
    }
    Ok(out)
}

/// How each cell format (`cellXfs` index) that shows a percentage shows it.
fn percent_styles(
    name: &str,
    xml: &[u8],
    depth: usize,
) -> Result<HashMap<usize, Shown>, OfficeError> {
    let mut part = Part::new(name, xml, depth);
    let mut codes: HashMap<String, String> = HashMap::new();
    let mut in_cell_xfs = false;
    let mut xf = 0usize;
    let mut out = HashMap::new();
    while let Some(step) = part.step()? {
        match step {
            Step::Start(e) => match local(&e).as_slice() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, b"numFmtId"), attr(&e, b"formatCode"))
                    {
                        codes.insert(id, code);
                    }
                }
                b"cellXfs" => in_cell_xfs = true,
                b"xf" if in_cell_xfs => {
                    let id = attr(&e, b"numFmtId").unwrap_or_default();
                    let shown = match id.as_str() {
                        "9" => percent_format("0%"),
                        "10" => percent_format("0.00%"),
                        _ => codes.get(&id).and_then(|c| percent_format(c)),
                    };
                    if let Some(f) = shown {
                        out.insert(xf, f);
                    }
                    xf += 1;
                }
                _ => {}
            },
            Step::End(n) if n == b"cellXfs" => in_cell_xfs = false,
            _ => {}
        }
    }
    Ok(out)
}

/// How a number format shows a percentage: scaled by 100 (`0.00%`) or as
/// stored with a literal sign (`0.0"%"`, `0.0\\%`), with its decimals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Shown {
    scale: f64,
    decimals: usize,
}

impl Shown {
    /// A number as a cell with this format shows it: `0.0844` → `8.44%`.
    pub(super) fn render(self, value: f64) -> String {
        format!("{:.*}%", self.decimals, value * self.scale)
    }
}

/// How a number format code shows a positive number, when it shows it as
/// a percentage: `0.00%` scales by 100 with 2 decimals; a quoted or
/// escaped `%` is a literal sign after the number as stored.
fn percent_format(code: &str) -> Option<Shown> {
    // The first section is for positive numbers (`0.0%;[Red]-0.0%`).
    let mut digits = String::new();
    let (mut quoted, mut escaped, mut bracket) = (false, false, false);
    let (mut scaled, mut literal) = (false, false);
    for c in code.chars() {
        if escaped {
            escaped = false;
            literal |= c == '%';
            continue;
        }
        match c {
            '"' => quoted = !quoted,
            '%' if quoted => literal = true,
            _ if quoted => {}
            '\\' => escaped = true,
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            ';' => break,
            '%' => scaled = true,
            c => digits.push(c),
        }
    }
    if !scaled && !literal {
        return None;
    }
    let decimals = digits.split_once('.').map_or(0, |(_, frac)| {
        frac.chars()
            .take_while(|c| matches!(c, '0' | '#' | '?'))
            .count()
    });
    Some(Shown {
        scale: if scaled { 100.0 } else { 1.0 },
        decimals,
    })
}

/// The sheets of `xl/workbook.xml`: (name, relationship id), in order.
fn sheet_ids(xml: &[u8], depth: usize) -> Result<Vec<(String, String)>, OfficeError> {
    let mut part = Part::new("xl/workbook.xml", xml, depth);
    let mut out = Vec::new();
    while let Some(step) = part.step()? {
        if let Step::Start(e) = step {
            if local(&e) == b"sheet" {
                if let (Some(name), Some(id)) = (attr(&e, b"name"), attr(&e, b"id")) {
                    out.push((name, id));
                }
            }
        }
    }
    Ok(out)
}

/// The cells of a sheet part whose style is one of `shown`'s, with how it
/// shows them. A cell without its `r` reference follows the one
/// before it (as Excel reads it); a row without `r` follows the row
/// before.
fn styled_cells(
    name: &str,
    xml: &[u8],
    shown: &HashMap<usize, Shown>,
    depth: usize,
) -> Result<Percents, OfficeError> {
    let mut part = Part::new(name, xml, depth);
    let mut out = Percents::new();
    let (mut row, mut col): (u32, Option<u32>) = (0, None);
    let mut first_row = true;
    while let Some(step) = part.step()? {
        let Step::Start(e) = step else { continue };
        match local(&e).as_slice() {
            b"row" => {
                row = match attr(&e, b"r").and_then(|r| r.parse::<u32>().ok()) {
                    Some(r) => r.saturating_sub(1),
                    None if first_row => 0,
                    None => row + 1,
                };
                first_row = false;
                col = None;
            }
            b"c" => {
                let pos = attr(&e, b"r")
                    .and_then(|r| cell_ref(&r))
                    .unwrap_or((row, col.map_or(0, |c| c + 1)));
                col = Some(pos.1);
                let style = attr(&e, b"s").and_then(|s| s.parse::<usize>().ok());
                if let Some(d) = style.and_then(|s| shown.get(&s)) {
                    out.insert(pos, *d);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// BIFF8 records read for an `.xls`'s percentage cells.
pub(super) const BIFF_BOF: u16 = 0x0809;
const BIFF_EOF: u16 = 0x000A;
const BIFF_FORMAT: u16 = 0x041E;
const BIFF_XF: u16 = 0x00E0;
const BIFF_BOUNDSHEET: u16 = 0x0085;
const BIFF_NUMBER: u16 = 0x0203;
const BIFF_RK: u16 = 0x027E;
pub(super) const BIFF_MULRK: u16 = 0x00BD;
const BIFF_FORMULA: u16 = 0x0006;

/// The percentage cells of each sheet of an `.xls`'s `Workbook` stream,
/// by sheet name: the globals' `FORMAT` codes and `XF` records (in order,
/// their index the cells' `ixfe`) tell which formats show a percentage;
/// each sheet's number cells (`NUMBER`, `RK`, `MULRK`, `FORMULA`) using
/// one are listed. Records are read as far as they go: a short or odd
/// record is skipped (calamine reports what is wrong with the file).
pub(super) fn xls_percent_cells(stream: &[u8]) -> HashMap<String, Percents> {
    let records = || {
        let mut pos = 0usize;
        std::iter::from_fn(move || {
            let head = stream.get(pos..pos + 4)?;
            let typ = u16::from_le_bytes([head[0], head[1]]);
            let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
            let at = pos;
            let data = stream.get(pos + 4..(pos + 4 + len).min(stream.len()))?;
            pos += 4 + len;
            Some((at, typ, data))
        })
    };
    let u16_at = |d: &[u8], i: usize| d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    // The globals: formats, cell formats, sheets (name by BOF offset).
    let mut codes: HashMap<u16, String> = HashMap::new();
    let mut xfs: Vec<u16> = Vec::new();
    let mut sheets: HashMap<usize, String> = HashMap::new();
    for (_, typ, data) in records().skip(1).take_while(|(_, t, _)| *t != BIFF_EOF) {
        match typ {
            BIFF_FORMAT => {
                let code = data.get(2..).and_then(|d| biff_string(d, 2));
                if let (Some(id), Some(code)) = (u16_at(data, 0), code) {
                    codes.insert(id, code);
                }
            }
            BIFF_XF => xfs.extend(u16_at(data, 2)),
            BIFF_BOUNDSHEET => {
                let offset = data
                    .get(0..4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
                if let (Some(offset), Some(name)) =
                    (offset, data.get(6..).and_then(|d| biff_string(d, 1)))
                {
                    sheets.insert(offset, name);
                }
            }
            _ => {}
        }
    }
    let shown: HashMap<u16, Shown> = xfs
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let f = match id {
                9 => percent_format("0%"),
                10 => percent_format("0.00%"),
                id => codes.get(id).and_then(|c| percent_format(c)),
            }?;
            Some((u16::try_from(i).ok()?, f))
        })
        .collect();
    let mut out = HashMap::new();
    if shown.is_empty() {
        return out;
    }
    let mut current: Option<(String, Percents)> = None;
    for (at, typ, data) in records() {
        match typ {
            BIFF_BOF => {
                if let Some((name, cells)) = current.take().filter(|(_, c)| !c.is_empty()) {
                    out.insert(name, cells);
                }
                current = sheets.get(&at).map(|n| (n.clone(), Percents::new()));
            }
            BIFF_NUMBER | BIFF_RK | BIFF_FORMULA => {
                if let (Some((_, cells)), Some(r), Some(c), Some(x)) = (
                    current.as_mut(),
                    u16_at(data, 0),
                    u16_at(data, 2),
                    u16_at(data, 4),
                ) {
                    if let Some(f) = shown.get(&x) {
                        cells.insert((u32::from(r), u32::from(c)), *f);
                    }
                }
            }
            BIFF_MULRK => {
                if let (Some((_, cells)), Some(r), Some(c0)) =
                    (current.as_mut(), u16_at(data, 0), u16_at(data, 2))
                {
                    // (ixfe, rk) pairs of 6 bytes after row and first column.
                    let pairs = data.len().saturating_sub(6) / 6;
                    for k in 0..pairs {
                        if let Some(f) = u16_at(data, 4 + 6 * k).and_then(|x| shown.get(&x)) {
                            cells.insert((u32::from(r), u32::from(c0) + k as u32), *f);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if let Some((name, cells)) = current.filter(|(_, c)| !c.is_empty()) {
        out.insert(name, cells);
    }
    out
}

/// A BIFF8 unicode string: its length (`len_bytes` of 1 or 2), a flags
/// byte (bit 0: two bytes a character, else one, Latin-1), the characters.
fn biff_string(d: &[u8], len_bytes: usize) -> Option<String> {
    let n = match len_bytes {
        1 => usize::from(*d.first()?),
        _ => usize::from(u16::from_le_bytes([*d.first()?, *d.get(1)?])),
    };
    let flags = *d.get(len_bytes)?;
    let chars = d.get(len_bytes + 1..)?;
    if flags & 1 == 1 {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(n)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(chars.iter().take(n).map(|&b| char::from(b)).collect())
    }
}

/// `F6` → (5, 5): row and column from 0.
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1));
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_codes_that_show_a_percentage() {
        let shows = |code: &str, v: f64| percent_format(code).map(|f| f.render(v));
        assert_eq!(shows("0.00%", 0.0844).as_deref(), Some("8.44%"));
        assert_eq!(shows("0%", 1.0).as_deref(), Some("100%"));
        assert_eq!(shows("0.0%;[Red]-0.0%", 0.25).as_deref(), Some("25.0%"));
        assert_eq!(shows("[Blue]#,##0.000%", 0.5).as_deref(), Some("50.000%"));
        // A quoted or escaped sign is literal: the number is not scaled.
        assert_eq!(shows("0.00\"%\"", 12.5).as_deref(), Some("12.50%"));
        assert_eq!(shows("0.0\\%", 3.0).as_deref(), Some("3.0%"));
        assert_eq!(shows("#,##0.00", 0.5), None);
        assert_eq!(shows("yyyy-mm-dd", 0.5), None);
    }

    /// An `.xls`'s globals (a custom `0.0%` format, three cell formats, one
    /// sheet) and its sheet's number cells: the cells whose `ixfe` names a
    /// percent format are listed, by the sheet's name.
    #[test]
    fn xls_percentage_cells_from_biff_records() {
        fn record(typ: u16, data: &[u8]) -> Vec<u8> {
            let mut r = typ.to_le_bytes().to_vec();
            r.extend_from_slice(&(data.len() as u16).to_le_bytes());
            r.extend_from_slice(data);
            r
        }
        let xf = |ifmt: u16| {
            let mut d = vec![0, 0];
            d.extend_from_slice(&ifmt.to_le_bytes());
            d.extend_from_slice(&[0; 16]);
            record(BIFF_XF, &d)
        };
        let mut format = 200u16.to_le_bytes().to_vec();
        format.extend_from_slice(&4u16.to_le_bytes());
        format.push(0);
        format.extend_from_slice(b"0.0%");
        let mut globals = record(BIFF_BOF, &[0; 16]);
        globals.extend(record(BIFF_FORMAT, &format));
        for ifmt in [0, 10, 200] {
            globals.extend(xf(ifmt));
        }
        // BOUNDSHEET: the sheet's BOF offset, state, type, name "明细"
        // in UTF-16 (flags bit 0).
        let sheet_at = globals.len() + (4 + 4 + 2 + 1 + 1 + 4) + 4;
        let mut bound = (sheet_at as u32).to_le_bytes().to_vec();
        bound.extend_from_slice(&[0, 0, 2, 1]);
        for u in "明细".encode_utf16() {
            bound.extend_from_slice(&u.to_le_bytes());
        }
        globals.extend(record(BIFF_BOUNDSHEET, &bound));
        globals.extend(record(BIFF_EOF, &[]));
        assert_eq!(globals.len(), sheet_at);
        let mut stream = globals;
        stream.extend(record(BIFF_BOF, &[0; 16]));
        let mut number = Vec::new();
        for v in [1u16, 2, 1] {
            number.extend_from_slice(&v.to_le_bytes());
        }
        number.extend_from_slice(&0.0844f64.to_le_bytes());
        stream.extend(record(BIFF_NUMBER, &number));
        // MULRK on row 3 from column 0: ixfe 0 (no percent), ixfe 2 (0.0%).
        let mut mulrk = Vec::new();
        for v in [3u16, 0, 0] {
            mulrk.extend_from_slice(&v.to_le_bytes());
        }
        mulrk.extend_from_slice(&[0; 4]);
        mulrk.extend_from_slice(&2u16.to_le_bytes());
        mulrk.extend_from_slice(&[0; 4]);
        mulrk.extend_from_slice(&1u16.to_le_bytes());
        stream.extend(record(BIFF_MULRK, &mulrk));
        stream.extend(record(BIFF_EOF, &[]));
        let cells = xls_percent_cells(&stream);
        let sheet = cells.get("明细").expect("the sheet's percentage cells");
        let shown: Vec<((u32, u32), String)> = {
            let mut v: Vec<_> = sheet.iter().map(|(k, f)| (*k, f.render(0.25))).collect();
            v.sort();
            v
        };
        assert_eq!(
            shown,
            [
                ((1, 2), "25.00%".to_string()),
                ((3, 1), "25.0%".to_string())
            ]
        );
    }

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("F6"), Some((5, 5)));
        assert_eq!(cell_ref("AA10"), Some((9, 26)));
        assert_eq!(cell_ref("a1"), None);
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("12"), None);
    }

    #[test]
    fn styled_cells_with_and_without_references() {
        let f = percent_format("0.00%").unwrap();
        let shown = HashMap::from([(2usize, f)]);
        let xml = r#"<worksheet><sheetData>
            <row r="3"><c r="B3" s="2"><v>0.5</v></c><c s="1"/><c s="2"><v>1</v></c></row>
            <row><c s="2"><v>0.1</v></c></row>
        </sheetData></worksheet>"#;
        let cells = styled_cells("s.xml", xml.as_bytes(), &shown, 16).unwrap();
        assert_eq!(
            cells,
            Percents::from([((2, 1), f), ((2, 3), f), ((3, 0), f)])
        );
    }
}
