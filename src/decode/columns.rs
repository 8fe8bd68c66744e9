//! Column-aligned tables of a text dump of a PDF (`pdftotext -layout`):
//! a 分工表 appended to a 方案 comes out as lines of cells set apart by
//! runs of spaces, each cell wrapped over two to four lines and the lines
//! of neighbouring cells interleaved (`市经信局、市商务局、` above the row's
//! number, `（市、区）人民政府` below it). Read as prose, such lines are noise.
//!
//! A table is found by its header: a line of at least three cells, each a
//! known column name (`序号`, `重点任务`, `牵头单位`, `配合单位`, `完成时限`…:
//! [`crate::vocab`]), one of them a unit column naming a role (`牵头单位`,
//! `责任部门`). Two cells make a header too when one is a task column and
//! the other a unit column (`重点任务    责任单位`), set well apart, and at
//! least two rows below fill both: a line of prose holding two such words
//! is followed by prose, which fills one. The header's cells give the
//! columns: a piece of a later line belongs to the column whose header it
//! lies under (most overlap, else the nearest centre), positions counted as
//! a monospace dump sets them (an ideograph two columns, a digit one).
//! Rows are the bands of lines between blank lines; a band holding two
//! numbers is split between them: 序号, or without a 序号 column the
//! numbers task cells open with (`1.培育外贸龙头企业`). A row's cell is
//! its column's pieces top to bottom, wrapped lines joined without a
//! space. Page numbers, page breaks and a header repeated on the next page
//! inside the table are skipped; a band after a page break that opens no
//! row (no number, no heading `一、`) is the rest of the row the page
//! broke. The table ends at a line no column can hold (a line of prose
//! as wide as the page, a 序号 that is no number) or after a gap of blank
//! lines that no page break explains.
//!
//! [`cut_tables`] takes the tables out of the text, leaving a placeholder
//! line for each, so that the prose around them is read as before; after
//! the prose became paragraphs, [`splice_tables`] puts one paragraph per
//! row back in the placeholder's place and lists the tables, as the other
//! backends list theirs.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{collapse_space, TextTable};
use crate::decode::normalize::{fold, fold_char};
use crate::decode::pdf::repair::{is_cjk, is_han, is_page_number};
use crate::vocab;

/// A column's name in a table header (folded, white space removed): a
/// number, task or unit column, or one of the other columns a 分工表 has
/// ([`vocab`]). A unit column here is any name ending in a unit word
/// (`主管部门`, `单位`): one that names a role ([`UNIT_COLUMN`]) must be
/// among them, but the others are columns too.
static COLUMN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{}|{}|^\p{{Han}}{{0,4}}{}$|^{}$",
        vocab::number_column_pattern(),
        vocab::task_column_pattern(),
        vocab::alternation(vocab::UNIT_COLUMN_HEADS),
        vocab::alternation(vocab::OTHER_COLUMNS),
    ))
    .expect("valid regex")
});

/// A unit column's name (a role and a unit word: `牵头单位`, `责任部门`):
/// the column a task table is known by.
static UNIT_COLUMN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&vocab::unit_column_pattern()).expect("valid regex"));

/// A task column's name (`重点任务`, `工作任务`).
static TASK_COLUMN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&vocab::task_column_pattern()).expect("valid regex"));

/// A number column's name.
static NUMBER_COLUMN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&vocab::number_column_pattern()).expect("valid regex"));

/// What a number column's cell holds: `1`, `12.`, `（三）`, `十一`.
static NUMBER_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（]?(?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）.．、]?$").expect("valid regex")
});

/// A task cell's own number, where the table has no number column
/// (`1.培育外贸龙头企业`, `2、`, `（3）`): not a figure (`1.5倍`).
static TASK_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,3}[.．、]|[(（]\d{1,3}[)）])(?:$|\D)").expect("valid regex")
});

/// A section's heading (`一、…`), the whole of a row merged across the
/// table: a word processor's 分工表 groups its tasks so.
static SECTION_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[一二三四五六七八九十]{1,3}、\s*\S").expect("valid regex"));

/// A section's heading (`一、`, `（一）`) a row merged across the table
/// opens with: never the rest of the row above.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])")
        .expect("valid regex")
});

/// A note on its own line above a table saying the first unit of each
/// row leads (`（列第一位的为牵头单位）`, `（排在第一位的为牵头单位）`; folded,
/// white space removed). It is read as a note on the table's unit
/// columns, as if their headers carried it (`责任单位（列第一位…）`).
static LEAD_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[(（](?:列|排)(?:在)?(?:第一位|第一|首位)(?:的|者)?(?:单位)?(?:为|是)牵头(?:单位|部门)[，,;；]?(?:下同)?[)）]$",
    )
    .expect("valid regex")
});

/// Blank lines that may stand between a [`LEAD_NOTE`] and its header.
const MAX_NOTE_GAP: usize = 2;

/// How many monospace columns apart the two cells of a two-column
/// header must stand: a line of prose holds its words a space apart, a
/// table's header as far apart as its columns (at least a 4-ideograph
/// cell's width).
const MIN_HEADER_GAP: usize = 8;

/// The longest cell a plain table may place by the nearest centre alone:
/// a mark for an empty cell (`—`, `/`, `无`) set left in a wide column.
const MAX_MARK_CHARS: usize = 2;

/// Rows of two cells or more a table under a plain header needs: a
/// signature's names over its date fill one.
const MIN_PLAIN_ROWS: usize = 2;

/// Rows with both cells filled a two-column table needs: a line that
/// only looks like a header is followed by prose, which fills one.
const MIN_TWO_COLUMN_ROWS: usize = 2;

/// Blank lines that end a table, unless a page break falls among them: a
/// dump leaves one between rows, more only where the table stopped.
pub(super) const MAX_BLANK_LINES: usize = 3;

/// Left edges remembered per column (cells start at one or two margins).
const MAX_LEFTS: usize = 16;

/// How many times its column's width a piece may be: a cell's line spills
/// into the next column's margin, a line of prose runs across the page.
const MAX_PIECE_WIDTHS: f32 = 1.6;

/// How far (in monospace columns) a wrapped cell line may stop short of
/// its cell's longest line and still be a wrap (a line breaking before a
/// closing mark moves a character down): shorter, it ended where the
/// writer ended it (a name a line), and a space keeps the names apart.
const WRAP_SLACK: usize = 4;

/// A table found in the text: the lines it takes (indices into
/// `str::lines`) and its cells, row by row, its header first.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LayoutTable {
    pub lines: Range<usize>,
    pub rows: Vec<Vec<String>>,
}

/// A run of text on a line, set apart by two spaces or more; `left` and
/// `right` in monospace columns.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub left: usize,
    pub right: usize,
    pub text: String,
}

/// Monospace columns a character takes in a dump.
pub(super) fn cols(c: char) -> usize {
    let narrow = matches!(
        c,
        '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '\u{FF61}'..='\u{FFDC}'
    );
    if is_cjk(c) && !narrow {
        2
    } else {
        1
    }
}

/// The pieces of a line.
pub(super) fn pieces(line: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut x = 0usize;
    // The piece being read, and the spaces seen since its last character.
    let mut cur: Option<Piece> = None;
    let mut gap = 0usize;
    for c in line.chars() {
        let w = cols(c);
        if c.is_whitespace() {
            gap += w;
            if gap >= 2 {
                out.extend(cur.take());
            }
        } else {
            match cur.as_mut() {
                Some(p) => {
                    if gap > 0 {
                        p.text.push(' ');
                    }
                    p.text.push(c);
                    p.right = x + w;
                }
                None => {
                    cur = Some(Piece {
                        left: x,
                        right: x + w,
                        text: c.to_string(),
                    })
                }
            }
            gap = 0;
        }
        x += w;
    }
    out.extend(cur);
    out
}

/// A header cell's name as the vocabulary writes it: folded, without
/// white space (`序  号`, `責任單位`).
fn column_name(p: &Piece) -> String {
    fold(&p.text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A header line's cells, when every one is a column name, one of them a
/// unit column, and they are at least three, or two: a task column and a
/// unit column standing [`MIN_HEADER_GAP`] apart (`重点任务    责任单位`).
#[cfg(test)]
fn header(line: &str) -> Option<Vec<Piece>> {
    header_of(pieces(line), MAX_LIST_COLUMN_CHARS, Headers::Known).map(|(cells, _)| cells)
}

/// Which lines make a table's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Headers {
    /// The known column names only (see [`header`]): a text dump, whose
    /// navigation bar of short names set apart (`首页    政务公开    办事服务`)
    /// would look like a header.
    Known,
    /// Those, or short plain names set well apart ([`plain_header`]): a
    /// PDF's page, where lines stand where the table drew them, and a
    /// bordered table of fees or tiers names its columns as it likes
    /// (`收费项目  适用车型  参考标准  说明`).
    Plain,
}

/// Lines a header's cells may wrap to above and below its main line (a
/// cell of six lines set centred beside one-line cells).
const MAX_HEADER_LINES_AROUND: usize = 5;

/// A table's header and the lines it takes: one line ([`header`]), or a
/// line whose names make a header only with the pieces of the lines right
/// above and below it, cells taller than the others set centred in them
/// (`下达金额` / `序号  区县  项目  备注` / `（万元）`): a piece standing
/// over or under a cell of the line goes on its name, one standing in a
/// gap is a column of its own (with the pieces over and under it), each
/// name read top to bottom. Not the lines above `floor`, the end of the
/// table before.
fn header_at(
    lines: &[&str],
    i: usize,
    floor: usize,
    headers: Headers,
) -> Option<(Vec<Piece>, bool, Range<usize>)> {
    let line = |k: usize| lines[k].trim_start_matches('\x0c');
    let single = header_of(pieces(line(i)), MAX_LIST_COLUMN_CHARS, headers);
    if let Some((cells, false)) = single {
        return Some((cells, false, i..i + 1));
    }
    let stacked = stacked_header_at(lines, i, floor, headers);
    if let Some((cells, false, rows)) = stacked {
        return Some((cells, false, rows));
    }
    // A plain header opens a table: the line above it is prose or a
    // caption, not another row of cells (a wrapped row's pieces inside a
    // table can be short names too: `工程需办理  程规划许可证`). Its names
    // may be stacked as a known header's are (`序` / `支持事项  补助标准
    // 备注` / `号`: held-out GN2), which names one column more.
    let opens = |start: usize| {
        let above = (floor..start)
            .rev()
            .map(line)
            .find(|l| !l.trim().is_empty());
        above.is_none_or(|l| pieces(l).len() <= 1)
    };
    if let Some((cells, true, rows)) = stacked {
        if opens(rows.start) {
            return Some((cells, true, rows));
        }
    }
    let (cells, _) = single?;
    opens(i).then_some((cells, true, i..i + 1))
}

/// A header whose names stand on the lines around line `i` as well (see
/// [`header_at`]); the flag says it is only a [`plain_header`].
fn stacked_header_at(
    lines: &[&str],
    i: usize,
    floor: usize,
    headers: Headers,
) -> Option<(Vec<Piece>, bool, Range<usize>)> {
    let line = |k: usize| lines[k].trim_start_matches('\x0c');
    let main = pieces(line(i));
    if main.len() < 2
        || main
            .iter()
            .any(|p| p.text.chars().count() > MAX_LIST_COLUMN_CHARS)
    {
        return None;
    }
    // Only lines of short names beside the main one, no blank between.
    let part = |k: usize| -> Option<Vec<Piece>> {
        let ps = pieces(line(k));
        let names = !ps.is_empty()
            && ps.iter().all(|p| {
                p.text.chars().count() <= MAX_LIST_COLUMN_CHARS
                    && !p.text.contains([':', '：', '。', '，', '；'])
                    && !p.text.chars().any(|c| c.is_ascii_digit())
            });
        names.then_some(ps)
    };
    // Each line's pieces split once: the lines above (nearest first) and
    // below the main one that are short names.
    let mut above: Vec<Vec<Piece>> = Vec::new();
    while above.len() < MAX_HEADER_LINES_AROUND && i - above.len() > floor {
        let Some(ps) = part(i - above.len() - 1) else {
            break;
        };
        above.push(ps);
    }
    let mut below: Vec<Vec<Piece>> = Vec::new();
    while below.len() < MAX_HEADER_LINES_AROUND && i + 1 + below.len() < lines.len() {
        let Some(ps) = part(i + 1 + below.len()) else {
            break;
        };
        below.push(ps);
    }
    if above.is_empty() && below.is_empty() {
        return None;
    }
    let rows = (i - above.len())..(i + 1 + below.len());
    // The main line is the one reaching widest (`序号 … 备注`), then the
    // one of most cells: the scan comes to it in turn.
    let reach = |ps: &[Piece]| {
        let width = match (ps.first(), ps.last()) {
            (Some(a), Some(b)) => b.right - a.left,
            _ => 0,
        };
        (width, ps.len())
    };
    if above
        .iter()
        .chain(&below)
        .any(|ps| reach(ps) > reach(&main))
    {
        return None;
    }
    let block: Vec<Vec<Piece>> = above
        .into_iter()
        .rev()
        .chain(std::iter::once(main.clone()))
        .chain(below)
        .collect();
    let overlap = |a: &Piece, b: &Piece| a.right.min(b.right).saturating_sub(a.left.max(b.left));
    // Each column: where its first piece stands, and its pieces' texts,
    // top to bottom. A piece goes to the column it overlaps most (a
    // centred piece may reach into the next column's edge: `准农田建`).
    let mut columns: Vec<(Piece, Vec<String>)> =
        main.iter().map(|p| (p.clone(), Vec::new())).collect();
    for ps in block {
        for p in ps {
            // A word over two cells of the main line (`其中：`) names
            // neither alone.
            if (0..main.len())
                .filter(|&c| overlap(&p, &main[c]) > 0)
                .count()
                > 1
            {
                continue;
            }
            let best = (0..columns.len())
                .map(|c| (overlap(&p, &columns[c].0), c))
                .filter(|&(o, _)| o > 0)
                .max();
            match best {
                Some((_, c)) => columns[c].1.push(p.text),
                None => {
                    let text = p.text.clone();
                    columns.push((p, vec![text]));
                }
            }
        }
    }
    let mut cells: Vec<Piece> = columns
        .into_iter()
        .map(|(first, texts)| Piece {
            text: texts.concat(),
            ..first
        })
        .collect();
    cells.sort_by_key(|c| c.left);
    // Names of several lines are long; each piece was short.
    header_of(cells, usize::MAX, headers).map(|(c, plain)| (c, plain, rows))
}

/// The cells of a header, when their names make one (see [`header`]); a
/// numbered list of money's names at most `list_name_chars` long. The
/// flag says the header is only a [`plain_header`].
fn header_of(
    cells: Vec<Piece>,
    list_name_chars: usize,
    headers: Headers,
) -> Option<(Vec<Piece>, bool)> {
    let names: Vec<String> = cells.iter().map(column_name).collect();
    let named = names.iter().all(|n| COLUMN_NAME.is_match(n))
        && names.iter().any(|n| UNIT_COLUMN.is_match(n));
    let ok = match cells.as_slice() {
        [a, b] => {
            named
                && names.iter().any(|n| TASK_COLUMN.is_match(n))
                && b.left >= a.right + MIN_HEADER_GAP
        }
        _ => (named && cells.len() >= 3) || money_list(&names, list_name_chars),
    };
    if ok {
        return Some((cells, false));
    }
    (headers == Headers::Plain && plain_header(&cells, &names)).then_some((cells, true))
}

/// Columns a plain header names at least: two names set apart are a
/// signature's or a heading's as often as a table's.
const MIN_PLAIN_COLUMNS: usize = 3;

/// Monospace columns between two names of a plain header at least (two
/// ideographs): a line of prose or a spaced-out title holds its words
/// closer.
const MIN_PLAIN_GAP: usize = 4;

/// A header of plain names (`收费项目  适用车型  参考标准  说明`,
/// `档次  研发费用增量  补助比例  支持标准（万元）`): [`MIN_PLAIN_COLUMNS`]
/// names or more, [`MIN_PLAIN_GAP`] apart, each of two to
/// [`MAX_LIST_COLUMN_CHARS`] ideographs (a unit in brackets allowed), no
/// figure, no punctuation of a sentence, and no name a signing body's
/// (`市财政局    市科技局    市商务局` signs).
fn plain_header(cells: &[Piece], names: &[String]) -> bool {
    let name = |n: &String| {
        let k = n.chars().count();
        (2..=MAX_LIST_COLUMN_CHARS).contains(&k)
            && n.chars().next().is_some_and(is_han)
            && n.chars()
                .all(|c| is_han(c) || matches!(c, '(' | ')' | '/' | '%'))
            && n.matches('(').count() == n.matches(')').count()
            && !vocab::ISSUER_ENDINGS.iter().any(|e| n.ends_with(e))
    };
    cells.len() >= MIN_PLAIN_COLUMNS
        && names.iter().all(name)
        && cells
            .windows(2)
            .all(|w| w[1].left >= w[0].right + MIN_PLAIN_GAP)
}

/// Cells a numbered list of money needs (序号, a name or two, the sum).
const MIN_MONEY_LIST_CELLS: usize = 4;

/// The longest name of a numbered list's column (folded chars): a
/// header's names are short, a line of prose is long.
const MAX_LIST_COLUMN_CHARS: usize = 8;

/// A money column's name: a word of money and its unit in brackets
/// (`金额（万元）`, `补助资金(元)`, `资金合计（万元）`, a header of several
/// lines' `中央财政农田建设补助资金（万元）`), or without it where the
/// cells write theirs (`安排资金` over `3000万元`).
static MONEY_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{0,12}(?:金额|资金|补助|奖补|经费)(?:合计|小计|总计)?(?:[(（](?:千|万|百万|亿)?元[)）])?$")
        .expect("valid regex")
});

/// A numbered list of money (a 资金分配表 of projects: `序号  乡镇  项目名称
/// 建设内容  金额（万元）  备注`): a number column first, a money column,
/// all names short. Its cells wrap as a task table's do, so it is read as
/// one, row by row at its numbers.
fn money_list(names: &[String], max_chars: usize) -> bool {
    names.len() >= MIN_MONEY_LIST_CELLS
        && names.first().is_some_and(|n| NUMBER_COLUMN.is_match(n))
        && names.iter().any(|n| MONEY_COLUMN.is_match(n))
        && names.iter().all(|n| n.chars().count() <= max_chars)
}

/// The columns of a table, from its header's cells.
struct Columns {
    heads: Vec<Piece>,
    /// Each column's extent: from halfway to the previous header's centre
    /// to halfway to the next's.
    spans: Vec<(f32, f32)>,
    number: Option<usize>,
    /// The task column, when no number column numbers the rows: its
    /// cells may open with their own numbers (`1.培育外贸龙头企业`).
    numbered_task: Option<usize>,
    /// The task column, numbered or not: where a row's text ends a
    /// sentence at its last line.
    task: Option<usize>,
    /// Left edges of the pieces placed under each header so far: the
    /// cells' own margins, which a centred header does not show.
    lefts: Vec<Vec<usize>>,
    /// Whether the header is only a [`plain_header`]: the rows must show
    /// a table ([`MIN_PLAIN_ROWS`]), and where nothing numbers them, a line
    /// filling the first column and half the others opens a row
    /// ([`Columns::opens_plain_row`]).
    plain: bool,
    /// Pieces of more than [`MAX_MARK_CHARS`] placed under no header and
    /// at no column's margin, by the nearest centre: a plain table whose
    /// cells stand under no header of theirs is read as no table.
    guessed: usize,
}

impl Columns {
    fn new(heads: Vec<Piece>, plain: bool) -> Columns {
        let centre = |p: &Piece| (p.left + p.right) as f32 / 2.0;
        let n = heads.len();
        let spans = (0..n)
            .map(|i| {
                let c = centre(&heads[i]);
                let left = if i == 0 {
                    // A cell's text may start left of its header, which
                    // stands centred over a wide cell (`1.培育…` below
                    // `重点任务`): the first column reaches as far left of
                    // its centre as it does right.
                    let right = match heads.get(1) {
                        Some(next) => (c + centre(next)) / 2.0,
                        None => c,
                    };
                    (heads[0].left as f32).min(2.0 * c - right).max(0.0)
                } else {
                    (centre(&heads[i - 1]) + c) / 2.0
                };
                let right = if i + 1 == n {
                    // The last column reaches as far right of its centre
                    // as it starts left of it.
                    2.0 * c - left
                } else {
                    (c + centre(&heads[i + 1])) / 2.0
                };
                (left, right)
            })
            .collect();
        let number = heads
            .iter()
            .position(|h| NUMBER_COLUMN.is_match(&column_name(h)));
        let task = heads
            .iter()
            .position(|h| TASK_COLUMN.is_match(&column_name(h)));
        let numbered_task = task.filter(|_| number.is_none());
        Columns {
            lefts: vec![Vec::new(); heads.len()],
            plain,
            guessed: 0,
            heads,
            spans,
            number,
            numbered_task,
            task,
        }
    }

    /// Whether a line opens a row: it holds a number in the number
    /// column, or a task cell opening with its number where the table
    /// has no number column.
    fn opens_row(&self, line: &[(usize, Piece)]) -> bool {
        line.iter().any(|(c, p)| {
            Some(*c) == self.number
                || (Some(*c) == self.numbered_task && TASK_NUMBER.is_match(&p.text))
        })
    }

    /// Whether a line opens a row of a plain table that nothing numbers: a
    /// word processor sets each cell's text at the top of its row, so a
    /// row's first line fills the first column and at least half the
    /// columns, or (in a table of four columns or more) every column but
    /// the first; a cell's wrapped
    /// lines below fill fewer (`下）` and `光、制动等项目` under
    /// `小型汽车（9座以` and `含外观、底盘、灯`).
    fn opens_plain_row(&self, line: &[(usize, Piece)]) -> bool {
        let first = line.iter().any(|(c, _)| *c == 0);
        // Under a first column merged down over its rows (`产出指标` over
        // three indicators), a row opens filling every other column.
        let n = self.heads.len();
        (first && 2 * line.len() >= n) || (n > MIN_PLAIN_COLUMNS && line.len() + 1 >= n)
    }

    /// The column a piece lies under: the header it overlaps most; else
    /// the column whose cells above start where it starts (a cell's short
    /// last line, `局` or `统保`, under no header when the header is
    /// centred over a wider cell); else the one whose centre is nearest.
    fn of(&mut self, p: &Piece) -> usize {
        let overlap = |h: &Piece| p.right.min(h.right).saturating_sub(p.left.max(h.left));
        let best = (0..self.heads.len()).max_by_key(|&i| (overlap(&self.heads[i]), usize::MAX - i));
        if let Some(i) = best.filter(|&i| overlap(&self.heads[i]) > 0) {
            // A handful per column in a real table; a hostile one is capped.
            if !self.lefts[i].contains(&p.left) && self.lefts[i].len() < MAX_LEFTS {
                self.lefts[i].push(p.left);
            }
            return i;
        }
        if let Some(i) =
            (0..self.lefts.len()).find(|&i| self.lefts[i].iter().any(|&l| l.abs_diff(p.left) <= 1))
        {
            return i;
        }
        if p.text.chars().count() > MAX_MARK_CHARS {
            self.guessed += 1;
        }
        let mid = (p.left + p.right) as f32 / 2.0;
        let dist = |i: usize| {
            let h = &self.heads[i];
            ((h.left + h.right) as f32 / 2.0 - mid).abs()
        };
        (0..self.heads.len())
            .min_by(|&a, &b| dist(a).total_cmp(&dist(b)))
            .unwrap_or(0)
    }

    /// A section's heading set across the whole row (`一、提升政务服务效能`
    /// in a cell merged over all columns): one piece, a heading `一、`,
    /// starting at the table's left edge, before the second column. It is
    /// a row of its own, its text in the first column (as a word
    /// processor's table gives a merged cell).
    fn heading_row(&self, line: &str) -> Option<Vec<(usize, Piece)>> {
        let first = self.spans.first()?.0;
        let second = self.spans.get(1)?.0;
        let mut ps = pieces(line);
        if ps.len() != 1 {
            return None;
        }
        let p = ps.pop()?;
        let at_edge = p.left as f32 >= first - 4.0 && (p.left as f32) < second;
        (at_edge && SECTION_HEADING.is_match(&p.text)).then(|| vec![(0, p)])
    }

    /// The line's pieces with their columns, or None when the line is no
    /// row of the table (see the module doc).
    fn place(&mut self, line: &str) -> Option<Vec<(usize, Piece)>> {
        let first = self.spans.first()?.0;
        // A line that is no row (the prose after the table) guesses
        // nothing of the table's.
        let guessed = self.guessed;
        let mut out = Vec::new();
        for p in pieces(line) {
            let col = self.of(&p);
            let (l, r) = self.spans[col];
            // The last column's text may run on to the page's edge (a
            // 备注 under its short header) when it starts past the column
            // before it began.
            let last =
                col + 1 == self.spans.len() && p.left as f32 >= self.spans[col.saturating_sub(1)].0;
            let fits = (last || (p.right - p.left) as f32 <= MAX_PIECE_WIDTHS * (r - l))
                && p.left as f32 >= first - 4.0;
            // A total's name may stand in the 序号 column (`合计` set left).
            let numbered = Some(col) != self.number
                || NUMBER_CELL.is_match(&p.text.replace(' ', ""))
                || is_total(&p.text);
            if !fits || !numbered {
                self.guessed = guessed;
                return None;
            }
            out.push((col, p));
        }
        Some(out)
    }
}

/// A band: lines between blank lines, and whether a page break came
/// between it and the band above.
struct Band {
    lines: Vec<Vec<(usize, Piece)>>,
    after_break: bool,
}

/// The column-aligned tables of a text dump (see the module doc), known by
/// their headers' names.
pub(super) fn find_tables(text: &str) -> Vec<LayoutTable> {
    find_tables_with(text, Headers::Known)
}

/// The column-aligned tables of a text, known by the `headers` given.
pub(super) fn find_tables_with(text: &str, headers: Headers) -> Vec<LayoutTable> {
    let lines: Vec<&str> = text.lines().collect();
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let floor = tables.last().map_or(0, |t: &LayoutTable| t.lines.end);
        let Some((heads, plain, head_lines)) = header_at(&lines, i, floor, headers) else {
            i += 1;
            continue;
        };
        let head_text: Vec<String> = heads.iter().map(|h| h.text.clone()).collect();
        // The header's lines as a page that goes on repeats them.
        let repeated: Vec<Vec<String>> = head_lines
            .clone()
            .map(|k| {
                pieces(lines[k].trim_start_matches('\x0c'))
                    .into_iter()
                    .map(|p| p.text)
                    .collect()
            })
            .collect();
        let mut columns = Columns::new(heads, plain);
        // Bands of placed lines; the last line of the table.
        let mut bands: Vec<Band> = Vec::new();
        let mut last = head_lines.end - 1;
        let mut blank = 0usize;
        // A page break since the last placed line (`page_break` is reset
        // by a header repeated on the new page, `broke` is not).
        let mut page_break = false;
        let mut broke = false;
        let mut new_band = true;
        // The table's last line before a heading row placed last: a
        // heading opens rows under it, so one the table ends after is the
        // prose's next section (`五、保障措施` under a 分工表 set after
        // each section), no row of the table.
        let mut before_heading: Option<usize> = None;
        for (j, raw) in lines.iter().enumerate().skip(head_lines.end) {
            page_break |= raw.starts_with('\x0c');
            broke |= raw.starts_with('\x0c');
            let line = raw.trim_start_matches('\x0c');
            let t = line.trim();
            if t.is_empty() {
                blank += 1;
                new_band = true;
                continue;
            }
            if is_page_number(t) {
                continue;
            }
            if blank >= MAX_BLANK_LINES && !page_break {
                break;
            }
            // The header again, on the page the table goes on to.
            let texts: Vec<String> = pieces(line).into_iter().map(|p| p.text).collect();
            if texts == head_text || repeated.contains(&texts) {
                blank = 0;
                page_break = false;
                last = j;
                continue;
            }
            let heading = columns.heading_row(line);
            // A heading row is a band of its own: the rows above and
            // below it are split apart by it, as by a blank line. So is a
            // total's row (`合  计 … 1286`), which has no number.
            let heads_rows = heading.is_some();
            let is_heading = heads_rows || is_total(line);
            let Some(placed) = heading.or_else(|| columns.place(line)) else {
                break;
            };
            new_band |= is_heading;
            // A total's sum wrapped from its unit in the cell below
            // (`12000` / `万元`): the unit stays on the total's row.
            if blank == 0 && !is_heading && is_unit_line(&placed) {
                new_band = false;
            }
            if new_band || bands.is_empty() {
                bands.push(Band {
                    lines: Vec::new(),
                    after_break: broke,
                });
            }
            blank = 0;
            page_break = false;
            broke = false;
            before_heading = heads_rows.then_some(last);
            last = j;
            if let Some(b) = bands.last_mut() {
                b.lines.push(placed);
            }
            new_band = is_heading;
        }
        if let Some(before) = before_heading {
            bands.pop();
            last = before;
        }
        let mut rows = rows_of(&columns, bands, &head_text);
        if rows.len() >= 2 && fits(&columns, &rows) {
            let mut start = head_lines.start;
            if let Some(k) = lead_note(&lines, head_lines.start, floor) {
                // The note goes with the table, on its unit columns' headers.
                let note = lines[k].trim();
                for (head, cell) in columns.heads.iter().zip(rows[0].iter_mut()) {
                    let name = column_name(head);
                    if UNIT_COLUMN.is_match(&name) && !name.contains("牵头") {
                        cell.push_str(note);
                    }
                }
                start = k;
            }
            tables.push(LayoutTable {
                lines: start..last + 1,
                rows,
            });
        }
        i = last + 1;
    }
    // Tables of figures, whose headers name no known column.
    let figures = super::figure_columns::find_figure_tables(&lines, &tables);
    if !figures.is_empty() {
        tables.extend(figures);
        tables.sort_by_key(|t| t.lines.start);
    }
    tables
}

/// The line of a [`LEAD_NOTE`] right above the header at line `header`
/// (blank lines aside), not above line `floor`.
fn lead_note(lines: &[&str], header: usize, floor: usize) -> Option<usize> {
    let mut k = header;
    let mut blank = 0;
    while k > floor {
        k -= 1;
        let t = lines[k].trim_start_matches('\x0c').trim();
        if t.is_empty() {
            blank += 1;
            if blank > MAX_NOTE_GAP {
                return None;
            }
            continue;
        }
        let folded: String = fold(t).chars().filter(|c| !c.is_whitespace()).collect();
        return LEAD_NOTE.is_match(&folded).then_some(k);
    }
    None
}

/// Whether a table's rows fit its columns: a header of two cells (which
/// a line of prose could look like) must have [`MIN_TWO_COLUMN_ROWS`]
/// rows with both cells filled.
fn fits(columns: &Columns, rows: &[Vec<String>]) -> bool {
    if columns.plain {
        return columns.guessed == 0
            && rows
                .iter()
                .skip(1)
                .filter(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2)
                .count()
                >= MIN_PLAIN_ROWS;
    }
    columns.heads.len() > 2
        || rows
            .iter()
            .skip(1)
            .filter(|r| r.iter().all(|c| !c.is_empty()))
            .count()
            >= MIN_TWO_COLUMN_ROWS
}

/// The rows of a table's bands, its header first.
fn rows_of(columns: &Columns, bands: Vec<Band>, head: &[String]) -> Vec<Vec<String>> {
    let n = columns.heads.len();
    let mut rows = vec![head.to_vec()];
    // A row the page broke: the band after the break that opens no row
    // (no number where the rows are numbered, no heading) is the rest of
    // the row above it. A task cell's own number stands at the top of its
    // row, so a band whose first line has none goes on with the row above
    // (the next row may follow without a blank line); a 序号 may stand in
    // the middle of its row, so only a band holding none does.
    let numbered = columns.number.is_some() || columns.numbered_task.is_some();
    let mut merged: Vec<Vec<Vec<(usize, Piece)>>> = Vec::new();
    for band in bands {
        let opens = if columns.number.is_some() {
            band.lines.iter().any(|l| columns.opens_row(l))
        } else {
            band.lines.first().is_some_and(|l| columns.opens_row(l))
        };
        let goes_on = band.after_break && numbered && !opens && !opens_with_heading(&band.lines);
        match merged.last_mut() {
            Some(above) if goes_on => above.extend(band.lines),
            _ => merged.push(band.lines),
        }
    }
    let merged = if columns.number.is_some() {
        join_unnumbered(columns, merged)
    } else if columns.plain
        && !numbered
        && merged.iter().filter(|b| !opens_with_heading(b)).count() < MIN_PLAIN_ROWS
    {
        // No blank line sets the rows apart (a table drawn without
        // padding; a total's row is a band of its own all the same): the
        // lines that open rows do.
        merged
            .into_iter()
            .flat_map(|band| split_plain(columns, band))
            .collect()
    } else {
        merged
    };
    for band in merged.iter().filter(|b| !b.is_empty()) {
        // A band holding two numbered lines is two rows: split at each
        // when the band opens with one (cells set at the top of their
        // rows) or the numbers are the task cells' own (at their top),
        // else halfway between them (序号 centred in their rows).
        let numbered: Vec<usize> = band
            .iter()
            .enumerate()
            .filter(|(_, l)| columns.opens_row(l))
            .map(|(k, _)| k)
            .collect();
        let top = numbered.first() == Some(&0) || columns.number.is_none();
        let mut cuts: Vec<usize> = Vec::new();
        let mut start = 0;
        for w in numbered.windows(2) {
            let cut = if top {
                w[1]
            } else {
                centred_cut(columns, band, start, w[0], w[1])
            };
            cuts.push(cut);
            start = cut;
        }
        cuts.push(band.len());
        let mut from = 0;
        for cut in cuts {
            rows.push(cells(&band[from..cut], n));
            from = cut;
        }
    }
    rows
}

/// Bands of a numbered table joined where blank lines fall inside rows:
/// `pdftotext -layout` sets a cell's lines half a line off its
/// neighbours' (cells centred in rows of other heights) on lines of their
/// own, with blank lines between, so a band may hold no 序号 at all
/// (`内。`, a task cell's last line). A run of bands between headings
/// that holds such a band is one band, which the centred 序号 cut into
/// rows; a run whose every band holds a number keeps its bands.
fn join_unnumbered(
    columns: &Columns,
    bands: Vec<Vec<Vec<(usize, Piece)>>>,
) -> Vec<Vec<Vec<(usize, Piece)>>> {
    let mut out: Vec<Vec<Vec<(usize, Piece)>>> = Vec::new();
    let mut run: Vec<Vec<Vec<(usize, Piece)>>> = Vec::new();
    let flush = |run: &mut Vec<Vec<Vec<(usize, Piece)>>>, out: &mut Vec<_>| {
        let unnumbered = run
            .iter()
            .any(|b| !b.is_empty() && !b.iter().any(|l| columns.opens_row(l)));
        if unnumbered && run.len() > 1 {
            out.push(run.drain(..).flatten().collect());
        } else {
            out.append(run);
        }
    };
    for band in bands {
        if opens_with_heading(&band) {
            flush(&mut run, &mut out);
            out.push(band);
        } else {
            run.push(band);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A band of a plain table cut before each line that opens a row
/// ([`Columns::opens_plain_row`]): a word processor's bordered table
/// leaves no blank line between its rows.
fn split_plain(columns: &Columns, band: Vec<Vec<(usize, Piece)>>) -> Vec<Vec<Vec<(usize, Piece)>>> {
    let mut out: Vec<Vec<Vec<(usize, Piece)>>> = Vec::new();
    for line in band {
        match out.last_mut() {
            Some(row) if !columns.opens_plain_row(&line) => row.push(line),
            _ => out.push(vec![line]),
        }
    }
    out
}

/// Whether a band's first line holds a section's heading (`一、`, `（一）`).
fn opens_with_heading(lines: &[Vec<(usize, Piece)>]) -> bool {
    lines.first().is_some_and(|l| {
        l.iter().any(|(_, p)| HEADING.is_match(&p.text))
            || is_total(&l.iter().map(|(_, p)| p.text.as_str()).collect::<String>())
    })
}

/// Whether a table's line holds only money units (`万元`), a sum's unit
/// that its cell wrapped.
fn is_unit_line(line: &[(usize, Piece)]) -> bool {
    !line.is_empty()
        && line
            .iter()
            .all(|(_, p)| matches!(p.text.trim(), "元" | "万元" | "亿元" | "萬元" | "億元"))
}

/// Whether a line is a table's total (`合  计 … 1286`, `总计`, `小计`,
/// its characters spaced out or not): the row of its sums, which has no
/// number of its own.
fn is_total(line: &str) -> bool {
    let k: String = fold(line).chars().filter(|c| !c.is_whitespace()).collect();
    vocab::TOTAL_WORDS.iter().any(|t| k.starts_with(t))
}

/// Where a row whose 序号 stands centred at line `number` (its first line
/// at `start`) ends, before the next row's number at `next`: as far below
/// its number as it starts above it, a line either way where the task
/// cell's sentence ends there (a layout sets lines half a line apart in
/// rows of other heights); halfway between the numbers when that falls
/// outside them. Rows of different heights put the halfway point inside
/// one of them (`内。`, the last line of a seven-line row, read as the
/// next row's).
fn centred_cut(
    columns: &Columns,
    band: &[Vec<(usize, Piece)>],
    start: usize,
    number: usize,
    next: usize,
) -> usize {
    let halfway = (number + next).div_ceil(2);
    let centred = (2 * number + 1).saturating_sub(start);
    if centred <= number || centred > next {
        return halfway;
    }
    let ends_sentence = |cut: usize| {
        let Some(task) = columns.task else {
            return false;
        };
        band[..cut]
            .iter()
            .rev()
            .find_map(|l| l.iter().find(|(c, _)| *c == task))
            .is_some_and(|(_, p)| p.text.trim_end().ends_with(['。', '；', ';']))
    };
    [centred, centred - 1, centred + 1]
        .into_iter()
        .filter(|&c| c > number && c <= next)
        .find(|&c| ends_sentence(c))
        .unwrap_or(centred)
}

/// A row's cells from its lines: each column's pieces top to bottom.
fn cells(lines: &[Vec<(usize, Piece)>], n: usize) -> Vec<String> {
    // Each cell's longest line, to tell a wrap from a line's end.
    let mut widest = vec![0usize; n];
    for (c, p) in lines.iter().flatten() {
        widest[*c] = widest[*c].max(p.right - p.left);
    }
    let mut out = vec![String::new(); n];
    // The width of the line each cell's text last came from.
    let mut last_width = vec![0usize; n];
    for line in lines {
        let mut on_line = vec![false; n];
        for (c, p) in line {
            let cell = &mut out[*c];
            if !cell.is_empty() {
                let sep = if on_line[*c] {
                    " "
                } else {
                    separator(cell, &p.text, last_width[*c] + WRAP_SLACK <= widest[*c])
                };
                cell.push_str(sep);
            }
            cell.push_str(&p.text);
            on_line[*c] = true;
            last_width[*c] = p.right - p.left;
        }
    }
    out.iter().map(|c| collapse_space(c)).collect()
}

/// What joins a cell's line to the next: nothing within a wrapped run of
/// ideographs (`市发展改革` / `委`), a space between two Latin words or
/// numbers, or after a line that ended short of the column's width between
/// two names (`市财政局` / `市税务局`): where the line ends as a body's name
/// does (`市文化广电旅游` / `局、各县…`, short beside a wider line, goes on).
fn separator(before: &str, after: &str, short: bool) -> &'static str {
    let (Some(a), Some(b)) = (before.chars().next_back(), after.chars().next()) else {
        return "";
    };
    let words = a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric();
    let names = short && is_han(a) && is_han(b) && vocab::UNIT_ENDINGS.contains(&fold_char(a));
    if words || names {
        " "
    } else {
        ""
    }
}

/// The placeholder line standing for table `k` while the text around it is
/// read: a private-use character, one for each table, so that no two
/// placeholders look alike (a line on every page is a running footer).
fn placeholder(k: usize) -> Option<char> {
    u32::try_from(k)
        .ok()
        .filter(|&k| k < 0x1000)
        .and_then(|k| char::from_u32(0xE000 + k))
}

/// The text with each table's lines replaced by its placeholder line (page
/// breaks kept), and the tables; None when the text has none.
pub(super) fn cut_tables(text: &str) -> Option<(String, Vec<LayoutTable>)> {
    let mut tables = find_tables(text);
    tables.retain(|t| t.lines.start < 0x1000);
    tables.truncate(0x1000);
    if tables.is_empty() {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let mut next = tables.iter().enumerate().peekable();
    for (i, line) in text.lines().enumerate() {
        match next.peek() {
            Some((k, t)) if t.lines.contains(&i) => {
                if i == t.lines.start {
                    let mark = placeholder(*k).unwrap_or('\u{E000}');
                    let feed = if line.starts_with('\x0c') { "\x0c" } else { "" };
                    out.push(format!("{feed}{mark}"));
                } else if line.starts_with('\x0c') {
                    out.push("\x0c".to_string());
                }
                if i + 1 == t.lines.end {
                    next.next();
                }
            }
            _ => out.push(line.to_string()),
        }
    }
    Some((out.join("\n"), tables))
}

/// The paragraphs with each table's placeholder replaced by one paragraph
/// per row (cells joined by a space), and the tables over them. A
/// placeholder that the reading glued to a paragraph splits it.
pub(super) fn splice_tables(
    paragraphs: Vec<String>,
    tables: Vec<LayoutTable>,
) -> (Vec<String>, Vec<TextTable>) {
    let mut out: Vec<String> = Vec::with_capacity(paragraphs.len());
    let mut found: Vec<TextTable> = Vec::new();
    let mut tables: Vec<Option<LayoutTable>> = tables.into_iter().map(Some).collect();
    let table_of = |c: char| {
        (c as u32)
            .checked_sub(0xE000)
            .and_then(|k| usize::try_from(k).ok())
    };
    for p in paragraphs {
        let mut rest = p.as_str();
        while let Some((at, c)) = rest
            .char_indices()
            .find(|(_, c)| table_of(*c).is_some_and(|k| k < tables.len()))
        {
            let before = rest[..at].trim();
            if !before.is_empty() {
                out.push(before.to_string());
            }
            rest = &rest[at + c.len_utf8()..];
            let Some(t) = table_of(c)
                .and_then(|k| tables.get_mut(k))
                .and_then(Option::take)
            else {
                continue;
            };
            let start = out.len();
            for row in &t.rows {
                let line = collapse_space(
                    &row.iter()
                        .filter(|c| !c.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                out.push(line);
            }
            found.push(TextTable {
                paragraphs: start..out.len(),
                rows: t.rows,
                row_paragraphs: Vec::new(),
            });
        }
        let rest = rest.trim();
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    (out, found)
}

/// The placeholder character of table `k`, for a reader that cuts the
/// tables of [`find_tables`] out of lines of its own (the PDF backend's
/// positioned lines) and has [`splice_tables`] put their rows back.
pub(crate) fn table_mark(k: usize) -> Option<char> {
    placeholder(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 分工表 as `pdftotext -layout` sets it: cells wrapped over lines,
    /// the 序号 in the middle of its row, a page footer and a page break
    /// inside the table, prose after it.
    const DUMP: &str = "\
          云川市推进低空经济发展重点任务分工表

       序号        重点任务          牵头单位              配合单位               完成时限

                                                   市经信局、市商务局、
                 培育壮大市场主                    市投资促进局，各县
        1                             市发展改革委                              2027 年底前
                 体                                （市、区）人民政府

                 优化空域管理服     市发展改革      市公安局、市交通运输
        2                                                                       持续推进
                 务                 委              局



                                              — 6 —
\x0c
                 加强人才引育       市委组织部      市人力社保局、市教育
        3                                                                       持续推进
                                    （人才办）      局、各职业院校



    以上任务由各牵头单位会同配合单位推进落实，每季度末向市发展改革委报送工作进展情况，确保各项任务按期完成。
";

    #[test]
    fn a_layout_table_s_wrapped_cells_come_back_whole() {
        let tables = find_tables(DUMP);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.lines, 2..20);
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            t.rows,
            vec![
                row(&["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]),
                row(&[
                    "1",
                    "培育壮大市场主体",
                    "市发展改革委",
                    "市经信局、市商务局、市投资促进局，各县（市、区）人民政府",
                    "2027 年底前"
                ]),
                row(&[
                    "2",
                    "优化空域管理服务",
                    "市发展改革委",
                    "市公安局、市交通运输局",
                    "持续推进"
                ]),
                row(&[
                    "3",
                    "加强人才引育",
                    "市委组织部（人才办）",
                    "市人力社保局、市教育局、各职业院校",
                    "持续推进"
                ]),
            ]
        );
    }

    /// A word processor's 分工表 printed to PDF (held-out i3): section
    /// headings merged across the row, no blank line between rows, each
    /// 序号 centred in a row of its own height.
    #[test]
    fn merged_headings_and_rows_of_other_heights() {
        let dump = "
序号             重点任务               牵头单位      责任单位
一、优化服务
      推行某某事项集成办理。年
      内新增集成办理场景10个，                     区市场监管局、
  1   企业开办压缩至1个工作日        区数据局      区税务局
      以内，群众满意度持续提
      升。
      推行告知承诺制。承诺件占                     区发展改革局、
  2   比不低于60%。                  区数据局      区住房城乡建
                                                   设局
二、降低成本
  3   兑现惠企资金不少于1亿元。      区财政局      区经信局
";
        let tables = find_tables(dump);
        assert_eq!(tables.len(), 1);
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            tables[0].rows,
            vec![
                row(&["序号", "重点任务", "牵头单位", "责任单位"]),
                row(&["一、优化服务", "", "", ""]),
                row(&[
                    "1",
                    "推行某某事项集成办理。年内新增集成办理场景10个，企业开办压缩至1个工作日以内，群众满意度持续提升。",
                    "区数据局",
                    "区市场监管局、区税务局"
                ]),
                row(&[
                    "2",
                    "推行告知承诺制。承诺件占比不低于60%。",
                    "区数据局",
                    "区发展改革局、区住房城乡建设局"
                ]),
                row(&["二、降低成本", "", "", ""]),
                row(&["3", "兑现惠企资金不少于1亿元。", "区财政局", "区经信局"]),
            ]
        );
    }

    /// A heading after the table's last row opens the prose's next
    /// section (a 分工表 set after each section's clauses): no row.
    #[test]
    fn a_heading_after_the_last_row_is_the_next_section() {
        let dump = "
 序号          任务             牵头单位              配合单位

  1    加强关键技术攻关         市科技局     市工业和信息化局、市财政局

  2    建设高能级创新平台       市科技局     市发展改革委

    五、保障措施
    （一）加强组织领导。成立由市政府分管副市长任组长的新型储能产业发展工作专班，统筹推进。
";
        let tables = find_tables(dump);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows.len(), 3, "{:?}", tables[0].rows);
        let lines: Vec<&str> = dump.lines().collect();
        assert!(lines[tables[0].lines.end - 1].contains("建设高能级创新平台"));
    }

    /// The same table as `pdftotext -layout` prints it: cell lines half
    /// a line off their neighbours' on lines of their own, blank lines
    /// between, so that bands hold no 序号 (`升。`).
    #[test]
    fn blank_lines_inside_rows_of_a_numbered_table() {
        let dump = "
序号             重点任务               牵头单位      责任单位
一、优化服务

      推行某某事项集成办理。年

      内新增集成办理场景10个，                     区市场监管局、
  1   企业开办压缩至1个工作日        区数据局      区税务局
      以内，群众满意度持续提

      升。

      推行告知承诺制。承诺件占                     区发展改革局、
  2   比不低于60%。                  区数据局      区住房城乡建
                                                   设局
";
        let tables = find_tables(dump);
        assert_eq!(tables.len(), 1);
        let rows: Vec<(&str, &str)> = tables[0]
            .rows
            .iter()
            .map(|r| (r[0].as_str(), r[1].as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("序号", "重点任务"),
                ("一、优化服务", ""),
                (
                    "1",
                    "推行某某事项集成办理。年内新增集成办理场景10个，企业开办压缩至1个工作日以内，群众满意度持续提升。"
                ),
                ("2", "推行告知承诺制。承诺件占比不低于60%。"),
            ]
        );
    }

    /// Headers centred over wider cells: a cell's short last line (`局`,
    /// `管`) lies under no header and nearer another's centre; it goes to
    /// the column whose cells start where it starts.
    #[test]
    fn a_short_last_line_goes_with_the_cells_it_aligns_with() {
        let dump = "
 序号            重点任务                       责任单位

  1    支持企业参加国际展会       区商务局、区财政局

  2    培育新增长主体             区商务局、区财政局、区统计
                                  局

       扩大出口信用保险覆盖面，   区商务局、区财政局、某某保
  3    实施小微企业出口信用保险   险公司某某分公司、区市场监
       统保                       管局

  4    加大融资支持               区财政局、区商务局
";
        let tables = find_tables(dump);
        assert_eq!(tables.len(), 1);
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            tables[0].rows,
            vec![
                row(&["序号", "重点任务", "责任单位"]),
                row(&["1", "支持企业参加国际展会", "区商务局、区财政局"]),
                row(&["2", "培育新增长主体", "区商务局、区财政局、区统计局"]),
                row(&[
                    "3",
                    "扩大出口信用保险覆盖面，实施小微企业出口信用保险统保",
                    "区商务局、区财政局、某某保险公司某某分公司、区市场监管局"
                ]),
                row(&["4", "加大融资支持", "区财政局、区商务局"]),
            ]
        );
    }

    #[test]
    fn the_table_s_rows_become_paragraphs_in_its_place() {
        let (cut, tables) = cut_tables(DUMP).expect("a table");
        assert!(!cut.contains("市投资促进局"));
        assert!(cut.contains("以上任务由各牵头单位"));
        let paragraphs: Vec<String> = crate::decode::paragraphs_from_lines(&cut);
        let (paragraphs, tables) = splice_tables(paragraphs, tables);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].paragraphs, 1..5);
        assert_eq!(paragraphs[0], "云川市推进低空经济发展重点任务分工表");
        assert_eq!(paragraphs[1], "序号 重点任务 牵头单位 配合单位 完成时限");
        assert!(paragraphs[2].starts_with("1 培育壮大市场主体 市发展改革委"));
        assert!(paragraphs[5].starts_with("以上任务"));
    }

    /// Lines aligned in columns without a header of column names (a
    /// signature, contacts) are no table; nor is a header whose cells are
    /// not all column names.
    #[test]
    fn aligned_lines_without_a_header_are_no_table() {
        let text = "\
    联系人：张三          电话：0791-1234567       邮箱：a@b.cn
    联系人：李四          电话：0791-7654321       邮箱：c@d.cn

    序号      企业名称          牵头单位        所在县区
      1       某某科技公司      市科技局        红谷滩区
";
        assert!(find_tables(text).is_empty());
        assert!(cut_tables(text).is_none());
    }

    /// Names a cell puts one a line, each short of the column's width, are
    /// kept apart; a cell's wrapped name is joined.
    #[test]
    fn names_one_a_line_stay_apart() {
        let text = "\
    序号    工作任务              责任单位
     1      建设县级物流配送中心  市商务局
                                  市交通运输局
     2      发展村级便民商店      市供销合作
                                  社
";
        let t = &find_tables(text)[0];
        assert_eq!(t.rows[1][2], "市商务局 市交通运输局");
        assert_eq!(t.rows[2][2], "市供销合作社");
        // A name wrapped short of a wider line below it: no name ends on
        // `游`, so the line goes on.
        let text = "\
    序号    工作任务              责任单位
     1      促进文旅消费          市文化广电旅游
                                  局、各县（市、区）
                                  政府
";
        let t = &find_tables(text)[0];
        assert_eq!(t.rows[1][2], "市文化广电旅游局、各县（市、区）政府");
    }

    /// A two-column 分工表: the header centred over wide cells, each row's
    /// number in its task cell, rows without blank lines between them
    /// split at those numbers, and a row the page breaks (its footer and
    /// form feed between its lines) read whole.
    #[test]
    fn a_two_column_table_with_numbered_tasks() {
        let text = "\
各地要抓好落实。

          工作任务                       责任单位

  1.建设县级物流配送中心        市商务局牵头，市交通运输局、
                                市邮政管理局配合
  2.发展村级便民商店            市供销合作社
  3.完善农村电商公共服务        市商务局、市农业农村局、市财

                         — 5 —
\x0c
                                政局
  4.培育农村电商主体            市商务局
";
        let tables = find_tables(text);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.lines.start, 2);
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            t.rows,
            vec![
                row(&["工作任务", "责任单位"]),
                row(&[
                    "1.建设县级物流配送中心",
                    "市商务局牵头，市交通运输局、市邮政管理局配合"
                ]),
                row(&["2.发展村级便民商店", "市供销合作社"]),
                row(&["3.完善农村电商公共服务", "市商务局、市农业农村局、市财政局"]),
                row(&["4.培育农村电商主体", "市商务局"]),
            ]
        );
    }

    /// In a table with a 序号 column, a band after a page break holding no
    /// 序号 is the rest of the row the page broke; a band holding one is
    /// a row of its own (its 序号 may stand below its first line).
    #[test]
    fn a_numbered_row_broken_by_a_page_goes_on() {
        let text = "\
    序号    工作任务              责任单位
     1      建设县级物流配送中心  市商务局、市交通运
                                  输局

     2      发展村级便民商店      市供销合作社、市财

                         — 5 —
\x0c
                                  政局

            加强农村电商人才培训  市人力社保局
     3
";
        let t = &find_tables(text)[0];
        let units: Vec<&str> = t.rows.iter().skip(1).map(|r| r[2].as_str()).collect();
        assert_eq!(
            units,
            [
                "市商务局、市交通运输局",
                "市供销合作社、市财政局",
                "市人力社保局"
            ]
        );
    }

    /// A note above the table that the first unit of each row leads goes
    /// with the table, on its unit column's header, where the task reader
    /// looks for it (`责任单位（列第一位的为牵头单位）`); a note farther up,
    /// or another line, stays prose.
    #[test]
    fn a_header_cell_taller_than_the_others_is_read_over_three_lines() {
        let text = "\
      2025年资金分配表

                                                   下达金额
  序号      区县                 项目                             备注
                                                   （万元）

   1       青溪区     高标准农田配套沟渠改造             180

   2       青溪区     蔬菜冷链集配中心建设               260  续建

   3       临江区     村内道路硬化提升                   145
\x0c
                                                   下达金额
  序号      区县                 项目                             备注
                                                   （万元）
   4       临江区     稻渔综合种养基地                   210
 合计                                                    795
";
        let tables = find_tables(text);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.lines, 2..text.lines().count());
        assert_eq!(
            t.rows[0],
            ["序号", "区县", "项目", "下达金额（万元）", "备注"].map(String::from)
        );
        assert_eq!(t.rows.len(), 6, "{:?}", t.rows);
        // A total's name set left, in the 序号 column, is its row's.
        assert_eq!(t.rows[5], ["合计", "", "", "795", ""].map(String::from));
        assert_eq!(
            t.rows[2],
            ["2", "青溪区", "蔬菜冷链集配中心建设", "260", "续建"].map(String::from)
        );
        assert_eq!(t.rows[4][3], "210");
        // Without the money column's name the names are no header.
        let bare = text
            .replace("下达金额", "        ")
            .replace("（万元）", "        ");
        assert!(find_tables(&bare).is_empty());
    }

    /// Header cells wrapped over up to six lines, centred on the main
    /// line (`序号  县（区）  合计  备注`): each column's name read top to
    /// bottom, a piece reaching into the next column's edge going to the
    /// column it overlaps most; a 备注 running past its short header.
    #[test]
    fn a_header_wrapped_over_many_lines_is_read_whole() {
        // (No `\` at the first line's end: it would eat its indent.)
        let text = "                              中央财政  省级财政  市级财政  新建高标
                       资金
                              农田建设  农田建设  奖补   准农田建
 序号    县（区）      合计                                               备注
                              补助资金  配套资金  资金    设任务
                     （万元）
                              （万元）  （万元）  （万元）  （万亩）

  1       贵池区      1700      1120     420      160      0.85   含提前下达资金500万元

  2       东至县      2045     1350      505      190      1.02   其中改造提升0.20万亩
";
        let tables = find_tables(text);
        assert_eq!(tables.len(), 1, "{tables:?}");
        assert_eq!(
            tables[0].rows[0],
            [
                "序号",
                "县（区）",
                "资金合计（万元）",
                "中央财政农田建设补助资金（万元）",
                "省级财政农田建设配套资金（万元）",
                "市级财政奖补资金（万元）",
                "新建高标准农田建设任务（万亩）",
                "备注"
            ]
            .map(String::from)
        );
        assert_eq!(tables[0].rows[1][7], "含提前下达资金500万元");
        assert_eq!(tables[0].lines, 0..text.lines().count());
    }

    #[test]
    fn a_lead_note_above_the_table_goes_on_its_unit_header() {
        let text = "\
              分工表
         （列第一位的为牵头单位）

    工作任务                      责任单位

    1.建设县级物流配送中心        市商务局、市交通运输局
    2.发展村级便民商店            市供销合作社、市财政局
";
        let t = &find_tables(text)[0];
        assert_eq!(t.lines.start, 1);
        assert_eq!(
            t.rows[0],
            ["工作任务", "责任单位（列第一位的为牵头单位）"].map(String::from)
        );
        let far = text.replacen("\n\n", "\n\n\n\n\n", 1);
        let t = &find_tables(&far)[0];
        assert_eq!(t.rows[0][1], "责任单位");
        let other = text.replace("（列第一位的为牵头单位）", "（各地参照执行）");
        assert_eq!(find_tables(&other)[0].lines.start, 3);
    }

    /// Two column names are no header set a few spaces apart (prose), nor
    /// when neither is a task column, nor when the lines below fill one
    /// column only.
    #[test]
    fn a_numbered_list_of_money_reads_as_a_table() {
        let dump = "\
序号   乡镇       项目名称            建设内容       金额（万元）  备注
 1              城北水厂扩建工程    新增日供水能力        186
       城关镇                       5000吨
 2              东门片区管网改造    更新管网6.2公里      28.5
 3     桃溪乡   上坪村管网延伸工程  延伸管网9.6公里      76.8
                合 计                                   291.3
";
        let t = &find_tables(dump)[0];
        assert_eq!(t.lines, 0..6);
        let money: Vec<(&str, &str)> = t.rows[1..]
            .iter()
            .map(|r| (r[0].as_str(), r[4].as_str()))
            .collect();
        assert_eq!(
            money,
            vec![("1", "186"), ("2", "28.5"), ("3", "76.8"), ("", "291.3")]
        );
        // Without a money column, such a header is no table's.
        assert!(header("序号   乡镇       项目名称        建设内容   备注").is_none());
    }

    #[test]
    fn two_column_names_alone_are_no_header() {
        assert!(header("    主要任务  责任单位").is_none());
        assert!(header("    牵头单位              配合单位").is_none());
        assert!(header("    重点任务              责任单位").is_some());
        let prose = "\
          重点任务                       责任单位

    各地各部门要按照职责分工抓好落实，确保各项任务按期完成，
    工作中的重要情况及时报告市政府。
";
        assert!(find_tables(prose).is_empty());
    }

    /// A bordered table of a word processor's PDF (held-out FU3): plain
    /// column names, no blank line between rows, cells wrapped over lines;
    /// read only from a PDF's page ([`Headers::Plain`]), a row opening at
    /// each line that fills the first column.
    #[test]
    fn a_table_of_plain_names_from_a_pdf_page() {
        let page = "\
    排放检测合并收费的，收费标准原则上不高于下表所列参考标
准：

    收费项目           适用车型          参考标准             说明
  安全技术检验     小型汽车（9座以     每台次180元     含外观、底盘、灯
                         下）                          光、制动等项目
  尾气排放检测         小型汽车         每台次90元     简易工况法
  安全技术检验     大中型客车、货车   每台次280元—     按车辆轴数确定
                                          350元
    （三）规范代办服务收费。机动车检验代办服务实行市场调节价，应由车主自愿选择。
";
        assert!(
            find_tables(page).is_empty(),
            "a text dump knows no plain names"
        );
        let tables = find_tables_with(page, Headers::Plain);
        assert_eq!(tables.len(), 1);
        let row = |c: [&str; 4]| c.map(String::from).to_vec();
        assert_eq!(
            tables[0].rows,
            [
                row(["收费项目", "适用车型", "参考标准", "说明"]),
                row([
                    "安全技术检验",
                    "小型汽车（9座以下）",
                    "每台次180元",
                    "含外观、底盘、灯光、制动等项目"
                ]),
                row(["尾气排放检测", "小型汽车", "每台次90元", "简易工况法"]),
                row([
                    "安全技术检验",
                    "大中型客车、货车",
                    "每台次280元—350元",
                    "按车辆轴数确定"
                ]),
            ]
        );
        assert_eq!(tables[0].lines, 3..9);
    }

    /// A plain table whose first column is merged down over its rows and
    /// whose total closes it (held-out GI2): the total's row is a band of
    /// its own, and the rows above are still cut at each line filling
    /// every column but the first (they were one row of six lines).
    #[test]
    fn plain_rows_under_a_merged_column_above_a_total() {
        let page = "\
                                                                单位：万元

     类别           地区        因素法分配     项目法分配       合计
   县（市）        海安市          380            300           680
                   如皋市          400            320           720
      区           通州区          350            270           620
                   海门区          340            260           600
             合计                 1470           1150           2620
";
        let tables = find_tables_with(page, Headers::Plain);
        assert_eq!(tables.len(), 1);
        let row = |c: [&str; 5]| c.map(String::from).to_vec();
        assert_eq!(
            tables[0].rows,
            [
                row(["类别", "地区", "因素法分配", "项目法分配", "合计"]),
                row(["县（市）", "海安市", "380", "300", "680"]),
                row(["", "如皋市", "400", "320", "720"]),
                row(["区", "通州区", "350", "270", "620"]),
                row(["", "海门区", "340", "260", "600"]),
                row(["", "合计", "1470", "1150", "2620"]),
            ]
        );
    }

    /// A plain header whose first name is stacked around its line (`序` /
    /// `号`), over rows whose cells are set centred in them, and prose
    /// after (held-out GN2): the number is a column of its own, and the
    /// prose line after the table, which is no row, counts no guessed
    /// piece against it (the table was dropped as badly placed).
    #[test]
    fn a_stacked_plain_header_over_centred_rows_then_prose() {
        let page = "\
               无锡市科技创新专项资金补助标准表


  序
             支持事项               补助标准                备注
  号

       首次认定的高新技术企
  1                                  20万元              一次性奖励
                业

                               按上年度研发投入的
  4      市级新型研发机构                            最高不超过500万元
                                  20%给予补助

       技术合同登记（技术输  按技术合同成交额的2%     单个企业每年不超
  5
              出方）                给予奖励              过50万元

    第六条　企业研发费用补助。对上年度研发费用增量在
200万元以上的企业，按增量部分的10%给予补助，单个企业
";
        let tables = find_tables_with(page, Headers::Plain);
        assert_eq!(tables.len(), 1);
        let row = |c: [&str; 4]| c.map(String::from).to_vec();
        assert_eq!(
            tables[0].rows,
            [
                row(["序号", "支持事项", "补助标准", "备注"]),
                row(["1", "首次认定的高新技术企业", "20万元", "一次性奖励"]),
                row([
                    "4",
                    "市级新型研发机构",
                    "按上年度研发投入的20%给予补助",
                    "最高不超过500万元"
                ]),
                row([
                    "5",
                    "技术合同登记（技术输出方）",
                    "按技术合同成交额的2%给予奖励",
                    "单个企业每年不超过50万元"
                ]),
            ]
        );
        assert_eq!(tables[0].lines, 3..18);
    }

    /// What only looks like a plain header is none: signing bodies set
    /// side by side over their date, a row's wrapped cells inside a table
    /// (the line above holds cells too), a header whose cells stand under
    /// no header of theirs (centred headers over cells set elsewhere).
    #[test]
    fn lines_of_short_names_that_are_no_plain_header() {
        let signature = "\
    各地要抓好落实。

    市财政局          市科技局          市商务局
                      2025年4月8日
";
        assert!(find_tables_with(signature, Headers::Plain).is_empty());
        let inside = "\
    事项名称    类别    办理范围    材料
    工程需办理    程规划许可证    意见替代)    审批
    设计审查    行政许可    建设工程    主审
    规划许可    行政许可    城市规划区    容缺
";
        let tables = find_tables_with(inside, Headers::Plain);
        assert!(
            tables.iter().all(|t| t.lines.start == 0),
            "{:?}",
            tables.iter().map(|t| t.lines.clone()).collect::<Vec<_>>()
        );
        let elsewhere = "\
                                      外贸增量奖励支持标准
       档次                               上年度进出口额                                同比增幅要求               奖励标准
    第一档                      5亿美元（含）以上                        10%（含）以上            最高50万元
    第二档              1亿美元（含）—5亿美元                   15%（含）以上            最高30万元
    第三档         2000万美元（含）—1亿美元              20%（含）以上            最高15万元
";
        assert!(find_tables_with(elsewhere, Headers::Plain).is_empty());
    }

    /// A total's sum whose unit its cell wrapped (`12000` / `万元`, held-out
    /// FO4) keeps the unit on the total's row.
    #[test]
    fn a_total_s_unit_wrapped_below_stays_on_its_row() {
        let dump = "\
序号  支持方向        责任单位        安排资金
 1    境外展会补助    市商务局        3000万元
 2    贸易融资贴息    市财政局        2200万元
                      合计            12000
                                      万元
";
        let t = &find_tables(dump)[0];
        assert_eq!(t.rows.last().map(|r| r[3].as_str()), Some("12000万元"));
    }
}
