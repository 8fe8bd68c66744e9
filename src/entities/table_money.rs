//! Sums of money a table states by its layout rather than its text: a
//! 资金分配表 under `单位：万元` whose cells are bare numbers (`26400`).
//! The text pass ([`super::find_entities`]) cannot read them (a bare number
//! is no money); this pass reads them from the table's cells and header, in
//! one place, by one rule:
//!
//! - a **money column** is one whose header (the rows above the first data
//!   row, at most [`HEADER_ROWS`]) holds a word of allocated money (金额,
//!   资金, 预算, 补助, 补贴, 奖励, 奖补, 拨付, 下达, 分配, 经费, 合计…) or a
//!   price or deposit (起始价, 单价, 保证金), or breaks down the money
//!   column before it (`其中：产业发展`), and has a
//!   money unit: its own (`金额（万元）`, `补助标准（元）`, `资金/亿元`) or
//!   the table's (`单位：万元` on a caption line just above it, a row above
//!   the header, or a header cell); a project list's `投资总额（亿元）` is
//!   what a project costs, not money the notice gives;
//! - never a column whose header names something else: a number or code
//!   (序号, 编号, 代码, 科目), a time (年度, 年份, 日期, 时限), a rate
//!   (比例, %, 率), a count (数量, 家数, `…数`), a name (名称, 地区,
//!   单位), or another unit in brackets (`（家）`, `（个）`, `（%）`, `（亩）`);
//!   the header's own unit wins over the table's;
//! - its money cells are those holding only a number (`26400`,
//!   `1,234.5`): a cell that writes its unit (`26400万元`) is the text
//!   pass's. Each is an amount of the number times the unit, `exact`
//!   unless the header bounds the column (`上限（万元）` is `max`), its
//!   span the cell's place in the text, so it lands in the clause holding
//!   the table (or, in a task table that is the outline, its row's).
//!
//! A table that is not money (counts, codes, years) gives nothing: a
//! number only becomes money when the table says so.

use std::sync::LazyLock;

use regex::Regex;

use super::bound::RANGE_MARKS;
use crate::decode::normalize::fold;
use crate::model::{Amount, Bound, Table};
use crate::vocab;

/// Rows from the top of a table that may be its header.
const HEADER_ROWS: usize = 3;

/// Lines just above a table that may be its caption (`…分配表`, `单位：万元`).
const CAPTION_LINES: usize = 2;

/// A caption line longer than this is body text, not a caption.
const CAPTION_MAX_CHARS: usize = 60;

/// A money unit stated for a whole table: `单位：万元`, `金额单位：元`,
/// `（单位：亿元）` (folded, white space removed).
static TABLE_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"单位[:：](?P<scale>千|万|百万|亿)?元(?:$|[^\p{Han}])").expect("valid regex")
});

/// A money unit a header names itself: `（万元）`, `(元)`, `/亿元`,
/// `（单位：万元）`, `（元/人）`, or a header ending in it (`金额万元`).
static HEADER_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[(/:：]|^|金额|资金|预算)(?:单位[:：])?(?P<scale>千|万|百万|亿)?元(?:$|[)/])")
        .expect("valid regex")
});

/// A bracket in a header: its content is a unit when short (`（家）`,
/// `（万人次）`), a note otherwise.
static BRACKET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\((?P<inner>[^()]{1,6})\)").expect("valid regex"));

/// Words of money a notice allocates: a column is money only when its
/// header holds one (and a money unit is its own or the table's). A
/// project list's `投资总额（亿元）` states what each project costs, not a
/// sum the notice gives (the bundled `jx-2020-zhongda-xiangmu` gold holds
/// none of them): 投资 and 总额 alone make no column money. A price or a
/// deposit a notice sets (a land sale's `起始价（万元）`, `竞买保证金`) is
/// a sum it states, and so is a standard in money (`标准（元/人）`: what
/// each person is paid); `评价` or `价值` is none.
static MONEY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "金额|资金|预算|补助|补贴|奖励|奖补|拨付|下达|分配|{}|经费|标准|上限|限额|价格|价款|单价|底价|限价|起始价|起拍价|挂牌价|成交价|出让价|保证金",
        vocab::alternation(vocab::TOTAL_WORDS)
    ))
        .expect("valid regex")
});

/// Headers that name something other than money, whatever else they say:
/// numbers and codes, times, rates, counts, names.
static NOT_MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"序号|编号|代码|编码|科目|年度|年份|日期|时间|时限|期限|比例|比重|占比|率|%|百分|数量|个数|家数|人数|户数|项数|面积|产量|名称|地区|单位|数$|\d{4}年$",
    )
    .expect("valid regex")
});

/// A cell holding only a number (folded): `26400`, `1,234.5`, `-3`.
static BARE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$").expect("valid regex")
});

/// The value of a folded cell that is only a number (`26400`, `1,234.5`).
fn bare_value(folded: &str) -> Option<f64> {
    BARE_NUMBER
        .is_match(folded)
        .then(|| folded.replace(',', "").parse().ok())
        .flatten()
}

/// Rows a breakdown must add up to its total in, at least: one row's sum
/// may be chance.
const MIN_SUMMED_ROWS: usize = 2;

/// Columns whose numbers add up, row by row, to a money column of totals
/// (`合计 | 产业强镇和集群 | 经营主体培育`, the parts named by what they
/// fund: held-out GS3) are money in the total's unit, whatever their
/// headers name: the arithmetic says so. Every column of numbers but the
/// total is a part, in every row that has a total; else none is.
fn add_parts_of_total(
    data: &[Vec<String>],
    headers: &[String],
    columns: &mut [Option<(f64, Bound)>],
) {
    let is_total = |h: &String| vocab::TOTAL_WORDS.iter().any(|w| key(h).contains(w));
    let Some(total) =
        (0..columns.len()).find(|&c| columns[c].is_some() && headers.get(c).is_some_and(is_total))
    else {
        return;
    };
    let number = |row: &Vec<String>, c: usize| bare_value(&key(row.get(c)?));
    let rows: Vec<(&Vec<String>, f64)> = data
        .iter()
        .filter_map(|r| Some((r, number(r, total)?)))
        .collect();
    if rows.len() < MIN_SUMMED_ROWS {
        return;
    }
    let parts: Vec<usize> = (0..columns.len())
        .filter(|&c| c != total && columns[c].is_none())
        .filter(|&c| rows.iter().all(|(r, _)| number(r, c).is_some()))
        .collect();
    if parts.len() < 2 {
        return;
    }
    let adds_up = rows.iter().all(|(r, sum)| {
        let parts_sum: f64 = parts.iter().filter_map(|&c| number(r, c)).sum();
        (parts_sum - sum).abs() < 0.011
    });
    if adds_up {
        let unit = columns[total].map(|(u, _)| u);
        for c in parts {
            columns[c] = unit.map(|u| (u, header_bound(&headers[c])));
        }
    }
}

/// The multiplier of a money unit's scale (`万` for `万元`).
fn scale(s: Option<&str>) -> f64 {
    match s {
        Some("千") => 1e3,
        Some("万") => 1e4,
        Some("百万") => 1e6,
        Some("亿") => 1e8,
        _ => 1.0,
    }
}

/// Folded, white space removed: how headers and captions are matched.
fn key(s: &str) -> String {
    fold(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// The money unit a table states for all its columns, from its caption
/// lines (`before`, nearest last) or its rows above the data.
fn table_unit(before: &[&str], header: &[Vec<String>]) -> Option<f64> {
    let lines = before
        .iter()
        .copied()
        .filter(|l| l.chars().count() <= CAPTION_MAX_CHARS)
        .map(key);
    let cells = header.iter().flatten().map(|c| key(c));
    lines.chain(cells).find_map(|k| {
        TABLE_UNIT
            .captures(&k)
            .map(|c| scale(c.name("scale").map(|m| m.as_str())))
    })
}

/// The multiplier of a column whose header is `header` (its header rows'
/// cells, joined), None when the column is not money.
fn column_unit(header: &str, table: Option<f64>) -> Option<f64> {
    let k = key(header);
    // `单位：万元` in a header names its unit, not a column of units.
    let named = k.replace("单位:", "").replace("单位：", "");
    if k.is_empty() || NOT_MONEY.is_match(&named) {
        return None;
    }
    if !MONEY_WORD.is_match(&k) {
        return None;
    }
    if let Some(c) = HEADER_UNIT.captures(&k) {
        return Some(scale(c.name("scale").map(|m| m.as_str())));
    }
    // Another unit in brackets (`（家）`, `（%）`): a count, not money.
    if BRACKET
        .captures_iter(&k)
        .any(|c| !c["inner"].contains('元'))
    {
        return None;
    }
    table
}

/// A labelled value (folded, white space removed): `文号：东财工〔2025〕41号`,
/// `日期：2025年5月20日`, `单位：万元`.
static LABELLED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Han}{1,6}[:：].").expect("valid regex"));

/// Whether a row above the header is the sheet's particulars (`文号：…`,
/// `日期：…`): every filled cell a labelled value. Such a row names no
/// column (a `日期：` cell over the money column would make it a time);
/// a `单位：万元` in it still gives the table's unit.
fn is_particulars(row: &[String]) -> bool {
    let mut filled = row
        .iter()
        .map(|c| key(c))
        .filter(|k| !k.is_empty())
        .peekable();
    filled.peek().is_some() && filled.all(|k| LABELLED.is_match(&k))
}

/// A cell stating a figure with a few words around it (`不少于40个`,
/// `约3000人`, `8%以上`), folded, white space removed: a data row's, as
/// no header writes a figure but a year (`2025年`, see [`YEAR_CELL`]).
static WORDED_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{0,4}\d[\d,.]*(?:\p{Han}|%){0,3}$").expect("valid regex")
});

/// A year heading a column (`2025年`, `2024年度`).
static YEAR_CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:19|20)\d{2}年度?$").expect("valid regex"));

/// Whether a row is data, not a header: it holds a bare number, a number
/// with its unit ([`DATA_CELL`]: `10%`, `30万元`), a bare range
/// (`200-300` under `支持标准（万元）`) or a figure with a few words
/// ([`WORDED_FIGURE`]), which no header writes.
fn is_data(row: &[String]) -> bool {
    row.iter().any(|c| {
        let c = key(c);
        BARE_NUMBER.is_match(&c)
            || DATA_CELL.is_match(&c)
            || CELL_PIECE
                .captures(&c)
                .is_some_and(|m| m["label"].is_empty() && m.name("hi").is_some())
            || (WORDED_FIGURE.is_match(&c) && !YEAR_CELL.is_match(&c))
    })
}

/// The amounts the money columns of `tables` hold (see the module doc),
/// with spans into `text` (code points), `section`/`clause` left null.
/// `limit` caps how many are read.
pub fn table_amounts(text: &str, tables: &[Table], limit: usize) -> Vec<Amount> {
    let mut out = Vec::new();
    for t in tables {
        if out.len() >= limit {
            break;
        }
        let Some((start, end)) = byte_range(text, t.span) else {
            continue;
        };
        let Some(data_from) = t.rows.iter().take(HEADER_ROWS + 1).position(|r| is_data(r)) else {
            continue;
        };
        if data_from == 0 {
            continue;
        }
        let header_rows = &t.rows[..data_from];
        let before: Vec<&str> = text[..start]
            .trim_end_matches('\n')
            .rsplit('\n')
            .take(CAPTION_LINES)
            .collect();
        let unit = table_unit(&before, header_rows);
        let mut columns: Vec<Option<(f64, Bound)>> = Vec::new();
        let headers = column_headers(t, data_from);
        for header in &headers {
            // `其中：产业发展` breaks down the column before it: a part of
            // its money, in its unit; so does a level of government's share
            // (`资金合计 | 中央 | 省级`, the `其中：` over them lost where a
            // layout set it on a line of its own).
            let part_of = || {
                let k = key(header);
                (k.starts_with("其中") || GOVERNMENT_SHARE.is_match(&k))
                    .then(|| columns.last().copied().flatten().map(|(u, _)| u))
                    .flatten()
            };
            let unit = column_unit(header, unit).or_else(part_of);
            columns.push(unit.map(|u| (u, header_bound(header))));
        }
        add_parts_of_total(&t.rows[data_from..], &headers, &mut columns);
        if columns.iter().all(Option::is_none) {
            continue;
        }
        data_cells(text, (start, end), t, data_from, |_, c, at, cell| {
            let Some((mult, bound)) = columns.get(c).copied().flatten() else {
                return;
            };
            for figure in cell_figures(cell, bound) {
                if out.len() >= limit {
                    return;
                }
                let value = (figure.number * mult * 100.0).round() / 100.0;
                if !value.is_finite() {
                    continue;
                }
                let s = at + figure.at;
                out.push(Amount {
                    text: figure.text,
                    value,
                    currency: "CNY".to_string(),
                    bound: figure.bound,
                    section: None,
                    clause: None,
                    span: [s, s + figure.len],
                    low_confidence: false,
                });
            }
        });
    }
    out
}

/// A data cell: a number, perhaps with its unit (`26400`, `30 万元`,
/// `50%`). The first row holding one ends a table's header when the
/// table is read for its columns' bounds, whatever its money.
static DATA_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[+-]?\d[\d,]*(?:\.\d+)?\s*(?:[千万亿]*元|%)?$").expect("valid regex")
});

/// The cells of the columns whose header bounds them (`年度兑付上限`,
/// `最高补助`, `下限`): each cell's span in `text` (code points) up to
/// its first phrase end, and the header's bound. A figure the text pass reads in such a cell (`30万元`
/// writes its unit) says no bound of its own; the header is its phrase,
/// as it is a bare number's (see [`header_bound`]).
pub fn bounded_cells(text: &str, tables: &[Table]) -> Vec<([usize; 2], Bound)> {
    let mut out = Vec::new();
    for t in tables {
        let Some((start, end)) = byte_range(text, t.span) else {
            continue;
        };
        let Some(data_from) = t.rows.iter().take(HEADER_ROWS + 1).position(|r| is_data(r)) else {
            continue;
        };
        if data_from == 0 {
            continue;
        }
        let bounds: Vec<Bound> = column_headers(t, data_from)
            .iter()
            .map(|h| header_bound(h))
            .collect();
        if bounds.iter().all(|b| *b == Bound::Exact) {
            continue;
        }
        data_cells(
            text,
            (start, end),
            t,
            data_from,
            |_, c, at, cell| match bounds.get(c).copied() {
                Some(bound) if bound != Bound::Exact => {
                    // The header is the phrase of the cell's first
                    // clause only: past a `，` a cell says a new thing
                    // (`带动3人以上就业的，提高至1万元` under `补贴上限`:
                    // the raised subsidy, no cap; held-out GO4).
                    let reach = cell
                        .chars()
                        .take_while(|c| !matches!(c, '，' | ',' | '；' | ';' | '。'))
                        .count();
                    out.push(([at, at + reach], bound));
                }
                _ => {}
            },
        );
    }
    out
}

/// A cell's span in a text (code points) and its text.
pub type CellSpan = ([usize; 2], String);

/// The data cells of every table (rows from the first holding a number,
/// in rows of two cells or more): each cell's span in `text` (code
/// points) and its text. A cell is a phrase of its own: the text pass
/// reads a row as one line, and a word of one cell must not bound the
/// figure of the next (see [`super::Entities::add_table_amounts`]).
pub fn data_cell_spans(text: &str, tables: &[Table]) -> Vec<CellSpan> {
    let mut out = Vec::new();
    for t in tables {
        let Some((start, end)) = byte_range(text, t.span) else {
            continue;
        };
        let Some(data_from) = t.rows.iter().position(|r| is_data(r)) else {
            continue;
        };
        // Each row's cells, in text order.
        let mut rows: Vec<(usize, Vec<CellSpan>)> = Vec::new();
        data_cells(text, (start, end), t, data_from, |r, _, at, cell| {
            let span = [at, at + cell.chars().count()];
            match rows.last_mut() {
                Some((row, cells)) if *row == r => cells.push((span, cell.to_string())),
                _ => rows.push((r, vec![(span, cell.to_string())])),
            }
        });
        out.extend(
            rows.into_iter()
                .filter(|(_, cells)| cells.len() >= 2)
                .flat_map(|(_, cells)| cells),
        );
    }
    out
}

/// A column named by a level of government alone (`中央`, `省级`,
/// `市级财政`): its share of the money in the column before it.
static GOVERNMENT_SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:中央|地方|省级|市级|县级|区级|乡级|镇级)(?:财政|配套)?$").expect("valid regex")
});

/// Words in a column's header that bound its every cell (GOLD.md's
/// qualifiers, the header being the cells' phrase): `上限（万元）`,
/// `最高补助（元）` are caps, `下限` a floor. (`最低` is left out: a header's
/// `最低工资标准` names the minimum wage.)
static HEADER_MAX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"上限|最高|封顶|不超过|限额").expect("valid regex"));
static HEADER_MIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"下限|不低于|不少于").expect("valid regex"));

/// The bound a column's header puts on its cells.
fn header_bound(header: &str) -> Bound {
    let k = key(header);
    if HEADER_MAX.is_match(&k) {
        Bound::Max
    } else if HEADER_MIN.is_match(&k) {
        Bound::Min
    } else {
        Bound::Exact
    }
}

/// Header rows with a cell merged across the columns below it (`资金安排`
/// over `中央` | `省级`) written into each of them: a reader leaves the
/// merge's text in its first cell and the others empty, so the second
/// column (`省级`) would lose the word saying it is money.
fn spread_merged(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = rows.to_vec();
    for r in 0..out.len().saturating_sub(1) {
        for c in 1..out[r].len() {
            let below = out[r + 1].get(c).is_some_and(|b| !b.trim().is_empty());
            if out[r][c].trim().is_empty() && below && !out[r][c - 1].trim().is_empty() {
                out[r][c] = out[r][c - 1].clone();
            }
        }
    }
    out
}

/// Each column's header: the cells of the table's rows above its first
/// data row (`data_from`) joined, a cell merged across the columns below
/// it written into each ([`spread_merged`]), a particulars row left out.
fn column_headers(t: &Table, data_from: usize) -> Vec<String> {
    let rows = spread_merged(&t.rows[..data_from]);
    let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            rows.iter()
                .filter(|r| !is_particulars(r))
                .filter_map(|r| r.get(c))
                .map(String::as_str)
                .collect()
        })
        .collect()
}

/// Finds each cell of the data rows (from `data_from`) of table `t` in
/// its text `text[start..end]` (its rows' cells in order, white space
/// between) and calls `found(row, column, code point offset in text,
/// cell)` for each standing alone there, in text order.
fn data_cells(
    text: &str,
    (start, end): (usize, usize),
    t: &Table,
    data_from: usize,
    mut found: impl FnMut(usize, usize, usize, &str),
) {
    let body = &text[start..end];
    // Code points before `body[..counted]`: cells are found in text order,
    // so one walk counts them all.
    let (mut counted, mut chars) = (0, t.span[0]);
    // The header rows come first in the text: the cursor starts after them.
    let mut cursor = 0;
    for row in &t.rows[..data_from] {
        cursor = find_row(body, cursor, row, |_, _, _| {});
    }
    for (r, row) in t.rows.iter().enumerate().skip(data_from) {
        cursor = find_row(body, cursor, row, |c, at, cell| {
            chars += body[counted..at].chars().count();
            counted = at;
            found(r, c, chars, cell);
        });
    }
}

/// A figure a money cell holds: its number (in the column's unit), its
/// text, where it starts in the cell and its length (code points).
#[derive(Debug, PartialEq)]
struct CellFigure {
    number: f64,
    text: String,
    at: usize,
    len: usize,
    bound: Bound,
}

/// One piece of a money cell written as text (folded): a short label
/// (`省级`, `A类`, `最高`) and a number, or a range of two (`10—30`), or a
/// number and a word after it (`30以内`; a word that bounds nothing, such
/// as `3年`'s, makes the cell no money's).
/// The range marks are the text pass's ([`RANGE_MARKS`]).
static CELL_PIECE: LazyLock<Regex> = LazyLock::new(|| {
    let marks: Vec<String> = RANGE_MARKS.iter().map(|m| regex::escape(m)).collect();
    Regex::new(&format!(
        r"^(?P<label>[\p{{Han}}A-Za-z]{{0,6}}?)(?P<lo>\d+(?:\.\d+)?)(?:(?:{})(?P<hi>\d+(?:\.\d+)?)|(?P<after>\p{{Han}}{{1,4}}))?$",
        marks.join("|")
    ))
    .expect("valid regex")
});

/// Where a money cell's text parts its pieces: `省级50；市级20`,
/// `A类100、B类60`.
const CELL_SEPARATORS: &[char] = &['；', ';', '、', '，', ','];

/// The figures a money column's cell holds: a bare number (`26400`,
/// `1,234.5`), or text made only of labelled numbers and ranges in the
/// column's unit (`10—30` is a floor and a cap; `省级50；市级20` two
/// sums; `最高50` a cap). A cell saying anything else (`3年`, `50万元`,
/// `按实际发生额`) gives none: one that writes its unit is the text
/// pass's, and the rest is no money this column states. `bound` is the
/// column's own (its header's) for a figure no word bounds.
fn cell_figures(cell: &str, bound: Bound) -> Vec<CellFigure> {
    let folded = fold(cell);
    let chars: Vec<char> = cell.chars().collect();
    let figure = |from: usize, to: usize, number: f64, bound: Bound| CellFigure {
        number,
        text: chars[from..to].iter().collect(),
        at: from,
        len: to - from,
        bound,
    };
    if BARE_NUMBER.is_match(&folded) {
        return bare_value(&folded)
            .map(|n| vec![figure(0, chars.len(), n, bound)])
            .unwrap_or_default();
    }
    let mut out = Vec::new();
    let mut from = 0; // char offset of the piece in the cell
    for piece in folded.split(CELL_SEPARATORS) {
        let piece_chars = piece.chars().count();
        let trimmed = piece.trim_start();
        let lead = piece_chars - trimmed.chars().count();
        let Some(c) = CELL_PIECE.captures(trimmed.trim_end()) else {
            return Vec::new();
        };
        let at = |m: regex::Match| from + lead + trimmed[..m.start()].chars().count();
        let label_bound = header_bound(&c["label"]);
        let lo = c.name("lo").expect("lo is not optional");
        let lo_at = at(lo);
        let Ok(lo_n) = lo.as_str().parse::<f64>() else {
            return Vec::new();
        };
        match c.name("hi") {
            Some(hi) => {
                let Ok(hi_n) = hi.as_str().parse::<f64>() else {
                    return Vec::new();
                };
                let hi_at = at(hi);
                out.push(figure(lo_at, lo_at + lo.as_str().len(), lo_n, Bound::Min));
                out.push(figure(hi_at, hi_at + hi.as_str().len(), hi_n, Bound::Max));
            }
            None => {
                let after = match c.name("after") {
                    Some(w) => match super::bound::after_word(w.as_str()) {
                        Some(b) => Some(b),
                        None => return Vec::new(),
                    },
                    None => None,
                };
                let b = match (after, label_bound) {
                    (Some(b), _) => b,
                    (None, Bound::Exact) => bound,
                    (None, b) => b,
                };
                out.push(figure(lo_at, lo_at + lo.as_str().len(), lo_n, b));
            }
        }
        from += piece_chars + 1;
    }
    out
}

/// Finds the filled cells of `row` in `body` from `cursor` on, in order,
/// each within the room the rest of the row takes (a cell the text does
/// not show where expected, such as one merged down, is skipped rather than
/// looked for further on); calls `found(column, byte offset, cell)` for
/// each cell found standing alone. Returns the cursor after the row.
fn find_row(
    body: &str,
    mut cursor: usize,
    row: &[String],
    mut found: impl FnMut(usize, usize, &str),
) -> usize {
    let cells: Vec<(usize, &str)> = row
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.trim()))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    for (k, &(col, cell)) in cells.iter().enumerate() {
        let room: usize = cells[k..].iter().map(|(_, c)| c.len() + 1).sum::<usize>() + 2;
        let window_end = floor_boundary(body, (cursor + room).min(body.len()));
        let Some(at) = body[cursor..window_end].find(cell).map(|i| cursor + i) else {
            continue;
        };
        let after = at + cell.len();
        let alone = body[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
            && body[after..].chars().next().is_none_or(char::is_whitespace);
        if alone {
            found(col, at, cell);
        }
        cursor = after;
    }
    cursor
}

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte range of a code-point span of `text`, None when it is not in it.
fn byte_range(text: &str, span: [usize; 2]) -> Option<(usize, usize)> {
    if span[0] > span[1] {
        return None;
    }
    let mut it = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let start = it.nth(span[0])?;
    let end = if span[1] == span[0] {
        start
    } else {
        it.nth(span[1] - span[0] - 1)?
    };
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str, rows: &[&[&str]]) -> Table {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        let first = rows[0].iter().find(|c| !c.is_empty()).expect("a cell");
        let at = text.find(first.as_str()).expect("table in text");
        let start = text[..at].chars().count();
        Table {
            rows,
            section: None,
            clause: None,
            span: [start, text.chars().count()],
        }
    }

    fn values(text: &str, t: &Table) -> Vec<(String, f64)> {
        table_amounts(text, std::slice::from_ref(t), 100)
            .into_iter()
            .map(|a| {
                let at: String = text
                    .chars()
                    .skip(a.span[0])
                    .take(a.span[1] - a.span[0])
                    .collect();
                assert_eq!(at, a.text, "span points at the cell");
                (a.text, a.value)
            })
            .collect()
    }

    /// A header merged across two columns (`资金安排` over `中央` |
    /// `省级`) makes both money; a header's cap (`上限（万元）`) bounds its
    /// cells.
    #[test]
    fn merged_headers_and_capped_columns() {
        let text = "分配表\n单位：万元\n地区 合计 资金安排\n地区 合计 中央 省级\n\
合计 300 200 100\n甲市 300 200 100";
        let t = table(
            text,
            &[
                &["地区", "合计", "资金安排", ""],
                &["地区", "合计", "中央", "省级"],
                &["合计", "300", "200", "100"],
                &["甲市", "300", "200", "100"],
            ],
        );
        let v = values(text, &t);
        assert_eq!(v.len(), 6, "{v:?}");
        assert_eq!(v[2], ("100".to_string(), 1e6));
        let text = "标准\n类别 补助标准（元/平方米） 上限（万元）\n外墙改造 120 80";
        let t = table(
            text,
            &[
                &["类别", "补助标准（元/平方米）", "上限（万元）"],
                &["外墙改造", "120", "80"],
            ],
        );
        let bounds: Vec<(f64, Bound)> = table_amounts(text, std::slice::from_ref(&t), 10)
            .into_iter()
            .map(|a| (a.value, a.bound))
            .collect();
        assert_eq!(bounds, vec![(120.0, Bound::Exact), (8e5, Bound::Max)]);
    }

    /// Columns that add up to the total's, row by row, are its parts in
    /// its unit, whatever they are named (held-out GS3: `产业强镇和集群`);
    /// numbers that do not add up (counts beside a total) are not money.
    #[test]
    fn columns_adding_up_to_a_total_are_money() {
        let rows: &[&[&str]] = &[
            &["序号", "地区", "合计", "产业强镇和集群", "经营主体培育"],
            &["", "合计", "9,260", "6,000", "3,260"],
            &["1", "长沙市", "1,420", "900", "520"],
        ];
        let text = "单位：万元\n序号 地区 合计 产业强镇和集群 经营主体培育\n合计 9,260 6,000 3,260\n1 长沙市 1,420 900 520";
        let v = values(text, &table(text, rows));
        assert_eq!(
            v.iter().map(|(_, x)| *x).collect::<Vec<_>>(),
            [9.26e7, 6e7, 3.26e7, 1.42e7, 9e6, 5.2e6]
        );
        let text = "单位：万元\n序号 地区 合计 项目个数 受益户数\n合计 9,260 60 3,200\n1 长沙市 1,420 9 520";
        let counts: &[&[&str]] = &[
            &["序号", "地区", "合计", "项目个数", "受益户数"],
            &["", "合计", "9,260", "60", "3,200"],
            &["1", "长沙市", "1,420", "9", "520"],
        ];
        assert_eq!(values(text, &table(text, counts)).len(), 2);
    }

    /// An allocation table's columns by method (`因素法分配`,
    /// `项目法分配`) are money as their total is (held-out GI2: the total
    /// alone was read); a share of an allocation (`分配比例`) is none.
    #[test]
    fn an_allocation_column_is_money() {
        let text =
            "分配表\n单位：万元\n地区 因素法分配 项目法分配 分配比例 合计\n甲市 380 300 20 680";
        let t = table(
            text,
            &[
                &["地区", "因素法分配", "项目法分配", "分配比例", "合计"],
                &["甲市", "380", "300", "20", "680"],
            ],
        );
        let v: Vec<f64> = values(text, &t).into_iter().map(|(_, v)| v).collect();
        assert_eq!(v, [3_800_000.0, 3_000_000.0, 6_800_000.0]);
    }

    /// A `其中：…` column breaks down the money column before it: its cells
    /// are money in that unit. A score column beside them is none.
    #[test]
    fn a_breakdown_column_is_money_like_the_column_it_breaks_down() {
        let text = "分配表\n单位：万元\n序号 县区 分配资金 其中：产业发展 评价得分\n\
1 甲县 420 250 85\n2 乙县 760 460 90";
        let t = table(
            text,
            &[
                &["序号", "县区", "分配资金", "其中：产业发展", "评价得分"],
                &["1", "甲县", "420", "250", "85"],
                &["2", "乙县", "760", "460", "90"],
            ],
        );
        assert_eq!(
            values(text, &t),
            [
                ("420".to_string(), 4_200_000.0),
                ("250".to_string(), 2_500_000.0),
                ("760".to_string(), 7_600_000.0),
                ("460".to_string(), 4_600_000.0),
            ]
        );
    }

    /// A level of government's share after a money column is money; the
    /// same name after a count is not.
    #[test]
    fn a_government_s_share_after_a_money_column_is_money() {
        let text = "分配表\n单位：万元\n序号 市（州） 资金合计 中央 省级 任务（万亩）\n\
1 兰州市 6528 4896 1632 3.4";
        let t = table(
            text,
            &[
                &[
                    "序号",
                    "市（州）",
                    "资金合计",
                    "中央",
                    "省级",
                    "任务（万亩）",
                ],
                &["1", "兰州市", "6528", "4896", "1632", "3.4"],
            ],
        );
        let got: Vec<f64> = values(text, &t).into_iter().map(|(_, v)| v).collect();
        assert_eq!(got, [65_280_000.0, 48_960_000.0, 16_320_000.0]);
        let text = "项目数表\n序号 市（州） 项目个数 中央 省级\n1 兰州市 12 8 4";
        let t = table(
            text,
            &[
                &["序号", "市（州）", "项目个数", "中央", "省级"],
                &["1", "兰州市", "12", "8", "4"],
            ],
        );
        assert!(values(text, &t).is_empty());
    }

    /// A land sale's price and deposit columns, their unit in the header.
    #[test]
    fn a_price_and_a_deposit_column_are_money() {
        let text = "地块编号 出让面积（平方米） 起始价（万元） 竞买保证金（万元） 增价幅度\n\
A-1 27468 1236 248 10万元";
        let t = table(
            text,
            &[
                &[
                    "地块编号",
                    "出让面积（平方米）",
                    "起始价（万元）",
                    "竞买保证金（万元）",
                    "增价幅度",
                ],
                &["A-1", "27468", "1236", "248", "10万元"],
            ],
        );
        assert_eq!(
            values(text, &t),
            [
                ("1236".to_string(), 12_360_000.0),
                ("248".to_string(), 2_480_000.0),
            ]
        );
    }

    /// A sheet's particulars row above its header (`文号：…` `日期：…`)
    /// names no column: the `日期：` cell over the money column does not make
    /// it a time.
    #[test]
    fn a_particulars_row_above_the_header_names_no_column() {
        let text = "文号：某财工〔2025〕41号 日期：2025年5月20日\n\
序号 项目名称 承担单位 补助金额（万元） 备注\n合计 6014.3\n\
1 智能工厂建设项目 某科技有限公司 500 项目总投资2.6亿元";
        let rows: &[&[&str]] = &[
            &[
                "文号：某财工〔2025〕41号",
                "",
                "",
                "日期：2025年5月20日",
                "",
            ],
            &["序号", "项目名称", "承担单位", "补助金额（万元）", "备注"],
            &["合计", "", "", "6014.3", ""],
            &[
                "1",
                "智能工厂建设项目",
                "某科技有限公司",
                "500",
                "项目总投资2.6亿元",
            ],
        ];
        let t = table(text, rows);
        assert_eq!(
            values(text, &t),
            [
                ("6014.3".to_string(), 60_143_000.0),
                ("500".to_string(), 5_000_000.0),
            ]
        );
    }

    #[test]
    fn an_allocation_table_under_a_money_unit_gives_its_money_cells() {
        let text = "分配表\n单位：万元\n序号 地区 企业（家） 平台（个） 预算金额\n\
1 北京市 42 2 26400\n2 河北省 25 1 15600\n合计 67 3 42000";
        let t = table(
            text,
            &[
                &["序号", "地区", "企业（家）", "平台（个）", "预算金额"],
                &["1", "北京市", "42", "2", "26400"],
                &["2", "河北省", "25", "1", "15600"],
                &["合计", "", "67", "3", "42000"],
            ],
        );
        assert_eq!(
            values(text, &t),
            [
                ("26400".to_string(), 264_000_000.0),
                ("15600".to_string(), 156_000_000.0),
                ("42000".to_string(), 420_000_000.0),
            ]
        );
    }

    #[test]
    fn a_header_naming_its_money_unit_needs_no_caption() {
        let text = "编号 项目 补助标准（元） 金额（亿元）\n2150805 甲 1,500 2.5";
        let t = table(
            text,
            &[
                &["编号", "项目", "补助标准（元）", "金额（亿元）"],
                &["2150805", "甲", "1,500", "2.5"],
            ],
        );
        assert_eq!(
            values(text, &t),
            [
                ("1,500".to_string(), 1500.0),
                ("2.5".to_string(), 250_000_000.0)
            ]
        );
    }

    #[test]
    fn counts_codes_years_and_rates_are_never_money() {
        // A table-wide money unit, but no column is money: counts, a code,
        // a year, a rate, a column naming another unit.
        let text = "单位：万元\n科目代码 年度 企业数 占比 资金（项）\n2150805 2025 42 30 7";
        let t = table(
            text,
            &[
                &["科目代码", "年度", "企业数", "占比", "资金（项）"],
                &["2150805", "2025", "42", "30", "7"],
            ],
        );
        assert!(values(text, &t).is_empty());
        // A project list: what each project costs is no money the notice
        // gives, unit or not.
        let text = "序号 项目名称 投资总额（亿元）\n1 某项目 150";
        let t = table(
            text,
            &[
                &["序号", "项目名称", "投资总额（亿元）"],
                &["1", "某项目", "150"],
            ],
        );
        assert!(values(text, &t).is_empty());
        // Money words without a money unit anywhere: not money either.
        let text = "序号 地区 资金\n1 北京市 26400";
        let t = table(
            text,
            &[&["序号", "地区", "资金"], &["1", "北京市", "26400"]],
        );
        assert!(values(text, &t).is_empty());
        // A cell writing its own unit is the text pass's, not read twice.
        let text = "单位：万元\n地区 金额\n北京市 26400万元\n河北省 100";
        let t = table(
            text,
            &[
                &["地区", "金额"],
                &["北京市", "26400万元"],
                &["河北省", "100"],
            ],
        );
        assert_eq!(values(text, &t), [("100".to_string(), 1_000_000.0)]);
    }

    /// A money column's cell written as text in the column's unit: a
    /// range is a floor and a cap, labelled figures are sums each, a
    /// bounding word bounds its figure; a cell saying anything else gives
    /// none (`3年`), and one writing its unit is the text pass's.
    #[test]
    fn figures_written_as_text_in_a_money_cell() {
        let text = "清单\n序号 事项 补助标准（万元）\n1 研发 10—30\n2 平台 省级50；市级20\n\
3 人才 最高8\n4 期限 3年\n7 贴息 30以内\n5 首台套 50万元\n6 认定 12";
        let t = table(
            text,
            &[
                &["序号", "事项", "补助标准（万元）"],
                &["1", "研发", "10—30"],
                &["2", "平台", "省级50；市级20"],
                &["3", "人才", "最高8"],
                &["4", "期限", "3年"],
                &["7", "贴息", "30以内"],
                &["5", "首台套", "50万元"],
                &["6", "认定", "12"],
            ],
        );
        let got: Vec<(String, f64, Bound)> = table_amounts(text, std::slice::from_ref(&t), 20)
            .into_iter()
            .map(|a| (a.text, a.value, a.bound))
            .collect();
        let want = [
            ("10", 1e5, Bound::Min),
            ("30", 3e5, Bound::Max),
            ("50", 5e5, Bound::Exact),
            ("20", 2e5, Bound::Exact),
            ("8", 8e4, Bound::Max),
            ("30", 3e5, Bound::Max),
            ("12", 1.2e5, Bound::Exact),
        ];
        let want: Vec<(String, f64, Bound)> = want
            .iter()
            .map(|&(t, v, b)| (t.to_string(), v, b))
            .collect();
        assert_eq!(got, want);
        // Each span points at its figure in the text.
        assert_eq!(values(text, &t).len(), 7);
    }

    #[test]
    fn a_cell_the_text_does_not_show_in_place_is_skipped() {
        // The 金额 cell of the second row is merged down from the first:
        // the text shows it once; no other row's number is taken for it.
        let text = "单位：万元\n地区 金额\n北京市 500\n天津市\n河北省 300";
        let t = table(
            text,
            &[
                &["地区", "金额"],
                &["北京市", "500"],
                &["天津市", "500"],
                &["河北省", "300"],
            ],
        );
        assert_eq!(
            values(text, &t),
            [
                ("500".to_string(), 5_000_000.0),
                ("300".to_string(), 3_000_000.0)
            ]
        );
    }
}
