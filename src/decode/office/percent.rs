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
