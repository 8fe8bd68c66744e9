//! Entities: sums of money, percentages and percentage points found in
//! text.
//!
//! Works on plain `&str` (a notice's text, or one line), returns figures
//! with code-point spans relative to that text; `section`/`clause` are left
//! null here and filled by the pipeline from the structure's spans.
//!
//! # How
//!
//! 1. **Regions** ([`regions`](mod@regions)). A cheap scan of the
//!    original text finds *markers*: a numeral followed by a currency or
//!    percent word (`萬元`, `0%`, `五成`, `個百分點`, `塊錢`), `分之`, a
//!    currency sign or code (`￥`, `RMB`), or a currency name before a
//!    numeral (`港幣2960元`). Each marker's
//!    sentence (up to `。` `;` `!` `?` or a line break) is a region; text
//!    without markers (most of a notice) is never folded or matched.
//! 2. **Folding.** A region is folded ([`fold`], as
//!    `decode::normalize::Folded` folds: traditional → simplified,
//!    full-width → ASCII, char for char), so the patterns are written
//!    once, in simplified characters and ASCII.
//! 3. **Figures.** [`money`] (its words in [`currency`]) and [`percent`]
//!    find figures in the folded region, each a [`figure::Figure`], with
//!    the pattern pieces of [`pattern`] and the edge rules of [`edges`];
//!    [`numerals`] gives their values.
//! 4. **Lists** ([`lists`]). Bare numbers listed with `、` before a figure
//!    share its unit (`分別提高3.9、2.0、2.9個百分點`, `100、50和20萬元`):
//!    each becomes a figure of its own.
//! 5. **Bounds.** [`bound`] decides `max`/`min`/`approx`/`exact` from the
//!    qualifier words of each figure's phrase.
//! 6. **Filing.** Money becomes an [`Amount`]; a percent figure a
//!    [`Percentage`] with its unit, and also a [`PercentagePoint`] when it
//!    counts points (its reading is [`PercentUnit::Point`](figure::PercentUnit)):
//!    GOLD.md's readers count `3个百分点` among the percentages, and a
//!    consumer that keeps a difference of percentages apart has the unit
//!    `point` and the list of points.
//!
//! Everything is linear in the text: the regex crate never backtracks, a
//! region is scanned a fixed number of times, and the bound pass looks at
//! each character between two figures once.

pub mod numerals;

mod bound;
mod currency;
mod edges;
mod figure;
mod fold;
mod lists;
mod money;
mod pattern;
mod percent;
mod regions;
mod table_money;

use crate::model::{
    Amount, Bound, Percentage, PercentagePoint, PercentageUnit, Warning, WarningCode,
};
use figure::Kind;
use lists::{interval_low_ends, list_shared_units};
use regions::{push_without_digit_runs, regions};
pub use table_money::table_amounts;

/// Money, percentages and percentage points found in one text.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Entities {
    pub amounts: Vec<Amount>,
    pub percentages: Vec<Percentage>,
    /// Differences in percentage points (`3个百分点`): the percentages of
    /// unit `point` again, in the same order, for a consumer that keeps
    /// them apart.
    pub percentage_points: Vec<PercentagePoint>,
    /// Figures refused or not read: a value out of range
    /// (`figure_out_of_range`), a cap reached (`figures_capped`). Written
    /// only when there are some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

impl Entities {
    /// How many figures of every kind (a point once: it is one of the
    /// percentages).
    pub fn len(&self) -> usize {
        self.amounts.len() + self.percentages.len()
    }

    /// Whether no figure was found.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds the money the tables state by their layout (see
    /// [`table_amounts`]) in text order with the rest, up to
    /// [`MAX_FIGURES`] figures in all; past it, the cells left are not read
    /// and a `figures_capped` warning says from where.
    pub fn add_table_amounts(&mut self, text: &str, tables: &[crate::model::Table]) {
        self.read_cells_alone(text, tables);
        self.bound_by_headers(text, tables);
        let room = MAX_FIGURES.saturating_sub(self.len());
        // One past the room, to know whether cells were left.
        let mut more = table_amounts(text, tables, room + 1);
        if more.len() > room {
            let at = more[room].span[0];
            more.truncate(room);
            self.warnings.push(Warning::new(
                WarningCode::FiguresCapped,
                format!(
                    "more than {MAX_FIGURES} figures: the tables' money cells from character {at} on were not read"
                ),
            ));
        }
        if !more.is_empty() {
            self.amounts.extend(more);
            self.amounts.sort_by_key(|a| a.span[0]);
        }
    }

    /// A table's cell is a phrase of its own: a figure the text pass read
    /// in a cell takes the bound the cell's text alone gives it, so a word
    /// of the cell before (`对首次突破规定规模的企业给予奖励` beside the
    /// next cell's `1500万元`) bounds nothing in it. The text pass reads a
    /// row as one line, its cells a space apart, as a sentence.
    fn read_cells_alone(&mut self, text: &str, tables: &[crate::model::Table]) {
        for (span, cell) in table_money::data_cell_spans(text, tables) {
            let inside = |s: [usize; 2]| span[0] <= s[0] && s[1] <= span[1];
            if !self.amounts.iter().any(|a| inside(a.span))
                && !self.percentages.iter().any(|p| inside(p.span))
            {
                continue;
            }
            let alone = find_entities(&cell);
            let at = |s: [usize; 2]| [s[0] - span[0], s[1] - span[0]];
            for a in self.amounts.iter_mut().filter(|a| inside(a.span)) {
                if let Some(b) = alone.amounts.iter().find(|b| b.span == at(a.span)) {
                    a.bound = b.bound;
                }
            }
            for p in self.percentages.iter_mut().filter(|p| inside(p.span)) {
                if let Some(b) = alone.percentages.iter().find(|b| b.span == at(p.span)) {
                    p.bound = b.bound;
                }
            }
            for p in self.percentage_points.iter_mut().filter(|p| inside(p.span)) {
                if let Some(b) = alone
                    .percentage_points
                    .iter()
                    .find(|b| b.span == at(p.span))
                {
                    p.bound = b.bound;
                }
            }
        }
    }

    /// Gives a figure read in a table's cell, and bounded by no word of
    /// its own, the bound its column's header states (`年度兑付上限` over
    /// `30万元`: a cap; see [`table_money::bounded_cells`]).
    fn bound_by_headers(&mut self, text: &str, tables: &[crate::model::Table]) {
        let cells = table_money::bounded_cells(text, tables);
        if cells.is_empty() {
            return;
        }
        let bound_at = |span: [usize; 2]| {
            cells
                .iter()
                .find(|(c, _)| c[0] <= span[0] && span[1] <= c[1])
                .map(|&(_, b)| b)
        };
        for a in self.amounts.iter_mut().filter(|a| a.bound == Bound::Exact) {
            a.bound = bound_at(a.span).unwrap_or(a.bound);
        }
        for p in self
            .percentages
            .iter_mut()
            .filter(|p| p.bound == Bound::Exact)
        {
            p.bound = bound_at(p.span).unwrap_or(p.bound);
        }
        for p in self
            .percentage_points
            .iter_mut()
            .filter(|p| p.bound == Bound::Exact)
        {
            p.bound = bound_at(p.span).unwrap_or(p.bound);
        }
    }

    /// Fills each figure's `section` and `clause` from where its span
    /// starts.
    pub fn locate(&mut self, at: impl Fn(usize) -> (Option<u32>, Option<u32>)) {
        for a in &mut self.amounts {
            (a.section, a.clause) = at(a.span[0]);
        }
        for p in &mut self.percentages {
            (p.section, p.clause) = at(p.span[0]);
        }
        for p in &mut self.percentage_points {
            (p.section, p.clause) = at(p.span[0]);
        }
    }

    /// Flags each figure whose span `is_low` says was read from doubtful
    /// characters (OCR).
    pub fn flag_low_confidence(&mut self, is_low: impl Fn([usize; 2]) -> bool) {
        for a in &mut self.amounts {
            a.low_confidence = is_low(a.span);
        }
        for p in &mut self.percentages {
            p.low_confidence = is_low(p.span);
        }
        for p in &mut self.percentage_points {
            p.low_confidence = is_low(p.span);
        }
    }

    /// Removes the figures starting before code point `start`, returning
    /// each one's start and text, in text order.
    pub fn drop_before(&mut self, start: usize) -> Vec<(usize, String)> {
        self.drop_where(|at| at < start)
    }

    /// Removes the figures starting at a code point `gone` says, returning
    /// each one's start and text, in text order.
    pub fn drop_where(&mut self, gone: impl Fn(usize) -> bool) -> Vec<(usize, String)> {
        let mut dropped: Vec<(usize, String)> = Vec::new();
        let mut keep = |span: [usize; 2], text: &str| {
            let keep = !gone(span[0]);
            if !keep {
                dropped.push((span[0], text.to_string()));
            }
            keep
        };
        self.amounts.retain(|a| keep(a.span, &a.text));
        self.percentages.retain(|p| keep(p.span, &p.text));
        // The points are percentages already dropped and named.
        self.percentage_points.retain(|p| !gone(p.span[0]));
        dropped.sort();
        dropped
    }
}

/// Most figures read in one sentence (region). A table row or a sentence
/// of a budget holds dozens; a line of six megabytes of `50%` would make
/// two million, and a record of hundreds of megabytes.
pub const MAX_FIGURES_PER_REGION: usize = 1_000;

/// Most figures (amounts, percentages and points together) read in one
/// text.
pub const MAX_FIGURES: usize = 10_000;

/// The lines of `reader` (`\n` or `\r\n` ended), bytes that are not
/// UTF-8 replaced by U+FFFD: one bad line in a file of figures is read as
/// well as it can be, never the end of the input.
pub fn lossy_lines<R: std::io::BufRead>(
    reader: R,
) -> impl Iterator<Item = std::io::Result<String>> {
    reader.split(b'\n').map(|line| {
        line.map(|mut bytes| {
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            }
        })
    })
}

/// Finds every sum of money, percentage and percentage-point figure in
/// `text`, each list in text order.
///
/// # Example
///
/// ```
/// use notice_extract::entities::find_entities;
/// use notice_extract::model::Bound;
/// let found = find_entities("單個企業年最高額度不超過50萬元,補助30%以上");
/// assert_eq!(found.amounts[0].value, 500000.0);
/// assert_eq!(found.amounts[0].currency, "CNY");
/// assert_eq!(found.amounts[0].bound, Bound::Max);
/// assert_eq!(found.percentages[0].value, 30.0);
/// assert_eq!(found.percentages[0].bound, Bound::Min);
///
/// // A rise of 3 points is no 3%: its unit says so, and the points are
/// // listed apart too.
/// let found = find_entities("提高3%，提高3个百分点");
/// assert_eq!(found.percentages.len(), 2);
/// assert_eq!(found.percentages[1].unit, notice_extract::model::PercentageUnit::Point);
/// assert_eq!(found.percentage_points[0].value, 3.0);
/// ```
pub fn find_entities(text: &str) -> Entities {
    let mut out = Entities::default();
    let (mut byte, mut chars) = (0, 0);
    let mut figs = Vec::new();
    // Regions that reached MAX_FIGURES_PER_REGION (count, first's start).
    let mut capped: (usize, Option<usize>) = (0, None);
    // Where the figures past MAX_FIGURES start.
    let mut record_capped: Option<usize> = None;
    // Figures refused for an infinite value (count, first one's text).
    let mut out_of_range: (usize, Option<String>) = (0, None);
    let mut pieces = Vec::new();
    let mut folded = String::new();
    for r in regions(text) {
        push_without_digit_runs(text, r, &mut pieces);
    }
    for (start, end) in pieces {
        chars += text[byte..start].chars().count();
        byte = start;
        let room = MAX_FIGURES - out.len();
        if room == 0 {
            record_capped.get_or_insert(chars);
            break;
        }
        let limit = room.min(MAX_FIGURES_PER_REGION);
        let original = &text[start..end];
        fold::fold_into(original, &mut folded);
        figs.clear();
        // Most sentences hold one kind of figure: skip the other pattern
        // (a capturing search costs far more than this check). One figure
        // past the limit is looked for, to know whether there are more.
        if currency::could_hold_money(&folded) {
            money::find_amounts(&folded, &mut figs, limit + 1);
        }
        if percent::could_hold_percentage(&folded) {
            percent::find_percentages(&folded, &mut figs, limit + 1);
        }
        list_shared_units(&folded, &mut figs);
        interval_low_ends(&folded, &mut figs);
        // A numeral too large for a number (`一` and a thousand `亿`) has
        // no value a reader could use: refused, and said so.
        figs.retain(|f| {
            let ok = f.value.is_finite();
            if !ok {
                out_of_range.0 += 1;
                if out_of_range.1.is_none() {
                    let mut cursor = fold::Cursor::new(original, &folded);
                    let (s, o_s) = cursor.to(f.start);
                    let (_, o_e) = cursor.to(f.end);
                    let t = &original[o_s..o_e];
                    out_of_range.1 = Some(format!(
                        "at character {}: {}…",
                        chars + s,
                        t.chars().take(20).collect::<String>()
                    ));
                }
            }
            ok
        });
        figs.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        let mut last_end = 0;
        figs.retain(|f| {
            let keep = f.start >= last_end;
            if keep {
                last_end = f.end;
            }
            keep
        });
        if figs.len() > limit {
            if limit == MAX_FIGURES_PER_REGION {
                capped.0 += 1;
                capped.1.get_or_insert(chars);
            } else {
                let (s, _) = fold::Cursor::new(original, &folded).to(figs[limit].start);
                record_capped.get_or_insert(chars + s);
            }
            figs.truncate(limit);
        }
        bound::assign_bounds(&folded, &mut figs);
        // In text order, disjoint: one walk gives every offset.
        let mut cursor = fold::Cursor::new(original, &folded);
        for f in &figs {
            let (s, o_s) = cursor.to(f.start);
            let (e, o_e) = cursor.to(f.end);
            let text = original[o_s..o_e].to_string();
            let span = [chars + s, chars + e];
            let bound = f.bound.unwrap_or(Bound::Exact);
            match f.kind {
                Kind::Money(currency) => out.amounts.push(Amount {
                    text,
                    value: f.value,
                    currency: currency.to_string(),
                    bound,
                    section: None,
                    clause: None,
                    span,
                    low_confidence: false,
                }),
                Kind::Percent(unit) => {
                    let unit = unit.percentage_unit();
                    if unit == PercentageUnit::Point {
                        out.percentage_points.push(PercentagePoint {
                            text: text.clone(),
                            value: f.value,
                            bound,
                            section: None,
                            clause: None,
                            span,
                            low_confidence: false,
                        });
                    }
                    out.percentages.push(Percentage {
                        text,
                        value: f.value,
                        unit,
                        bound,
                        section: None,
                        clause: None,
                        span,
                        low_confidence: false,
                    });
                }
            }
        }
    }
    if let (n, Some(first)) = out_of_range {
        out.warnings.push(Warning::new(
            WarningCode::FigureOutOfRange,
            format!("{n} figures too large for a number were dropped; the first {first}"),
        ));
    }
    if let Some(at) = record_capped {
        out.warnings.push(Warning::new(
            WarningCode::FiguresCapped,
            format!(
                "more than {MAX_FIGURES} figures: figures from character {at} on were not read"
            ),
        ));
    }
    if let (n, Some(first)) = capped {
        out.warnings.push(Warning::new(
            WarningCode::FiguresCapped,
            format!(
                "{n} sentences hold more than {MAX_FIGURES_PER_REGION} figures (the first at character {first}): only the first {MAX_FIGURES_PER_REGION} of each were read"
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Table;

    #[test]
    fn table_money_past_the_cap_is_dropped_with_a_warning() {
        // Percentages that leave room for one figure, then a table of
        // three money cells under `单位：万元`.
        let mut text = "1%\n".repeat(MAX_FIGURES - 1);
        text.push_str("单位：万元\n");
        let start = text.chars().count();
        text.push_str("地区 金额\n甲 100\n乙 200\n丙 300");
        let t = Table {
            rows: [
                ["地区", "金额"],
                ["甲", "100"],
                ["乙", "200"],
                ["丙", "300"],
            ]
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect(),
            section: None,
            clause: None,
            span: [start, text.chars().count()],
        };
        let mut found = find_entities(&text);
        assert_eq!(found.len(), MAX_FIGURES - 1);
        assert!(found.warnings.is_empty());
        found.add_table_amounts(&text, &[t]);
        assert_eq!(found.len(), MAX_FIGURES);
        assert_eq!(found.amounts.len(), 1);
        assert_eq!(found.amounts[0].value, 1_000_000.0);
        let w = &found.warnings[0];
        assert!(w.is(WarningCode::FiguresCapped), "{w:?}");
        let second = text.rfind("200").map(|b| text[..b].chars().count());
        assert!(
            w.message
                .contains(&format!("character {}", second.unwrap())),
            "{w:?}"
        );
    }

    /// A table of `rows` spanning the whole of `text`.
    fn whole_text_table(text: &str, rows: &[&[&str]]) -> Table {
        Table {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            section: None,
            clause: None,
            span: [0, text.chars().count()],
        }
    }

    /// A table's cell is a phrase of its own (held-out FO4): the `突破`
    /// of one cell bounds nothing in the next cell's sum, which the text
    /// pass reads as one line with it; a bound inside the cell stays.
    #[test]
    fn a_cell_s_words_bound_nothing_in_the_next_cell() {
        let text = "序号 支持内容 责任单位 安排资金\n\
1 对年进出口额首次突破规定规模的企业给予奖励 市商务局 1500万元\n\
2 对境外展会给予补助 市贸促会 最高300万元";
        let t = whole_text_table(
            text,
            &[
                &["序号", "支持内容", "责任单位", "安排资金"],
                &[
                    "1",
                    "对年进出口额首次突破规定规模的企业给予奖励",
                    "市商务局",
                    "1500万元",
                ],
                &["2", "对境外展会给予补助", "市贸促会", "最高300万元"],
            ],
        );
        let mut found = find_entities(text);
        assert_eq!(found.amounts[0].bound, Bound::Min, "the text pass alone");
        found.add_table_amounts(text, &[t]);
        let bounds: Vec<(f64, Bound)> = found.amounts.iter().map(|a| (a.value, a.bound)).collect();
        assert_eq!(
            bounds,
            [(15_000_000.0, Bound::Exact), (3_000_000.0, Bound::Max)]
        );
    }

    /// Rows whose cells state figures with words (`不少于40个`) are data,
    /// not the header: their words bound no column (held-out CT2, where
    /// `100%` read as a floor under `指标值` and `不少于…`).
    #[test]
    fn rows_of_worded_figures_are_no_header() {
        let text = "一级指标 三级指标 指标值\n产出指标 支持项目数 不少于40个\n质量指标 验收合格率 不低于95%\n时效指标 下达及时率 100%";
        let t = whole_text_table(
            text,
            &[
                &["一级指标", "三级指标", "指标值"],
                &["产出指标", "支持项目数", "不少于40个"],
                &["质量指标", "验收合格率", "不低于95%"],
                &["时效指标", "下达及时率", "100%"],
            ],
        );
        let mut found = find_entities(text);
        found.add_table_amounts(text, &[t]);
        let bounds: Vec<(f64, Bound)> = found
            .percentages
            .iter()
            .map(|p| (p.value, p.bound))
            .collect();
        assert_eq!(bounds, [(95.0, Bound::Min), (100.0, Bound::Exact)]);
    }

    /// A sum writing its unit in a column whose header is a cap
    /// (`年度兑付上限`) is a cap, as a bare number under it is; a figure
    /// with a word of its own keeps it, and other columns bound nothing,
    /// nor the header a figure after the cell's first phrase.
    #[test]
    fn a_cell_under_a_capping_header_is_a_cap() {
        let text = "按下表执行：\n企业类型 兑付比例 年度兑付上限\n\
科技型中小企业 50% 30万元\n创业团队 60% 约5万元\n高新技术企业 40% 50万元，带动就业的，提高至80万元";
        let start = text.find("企业类型").map(|b| text[..b].chars().count());
        let t = Table {
            rows: [
                ["企业类型", "兑付比例", "年度兑付上限"],
                ["科技型中小企业", "50%", "30万元"],
                ["创业团队", "60%", "约5万元"],
                ["高新技术企业", "40%", "50万元，带动就业的，提高至80万元"],
            ]
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect(),
            section: None,
            clause: None,
            span: [start.unwrap(), text.chars().count()],
        };
        let mut found = find_entities(text);
        found.add_table_amounts(text, &[t]);
        let amounts: Vec<(f64, Bound)> = found.amounts.iter().map(|a| (a.value, a.bound)).collect();
        // Past the cell's first phrase the header bounds nothing: the
        // raised sum is said anew (held-out GO4).
        assert_eq!(
            amounts,
            [
                (3e5, Bound::Max),
                (5e4, Bound::Approx),
                (5e5, Bound::Max),
                (8e5, Bound::Exact)
            ]
        );
        assert!(found.percentages.iter().all(|p| p.bound == Bound::Exact));
        assert_eq!(found.percentages.len(), 3);
    }

    #[test]
    fn figures_above_a_start_are_dropped_in_text_order() {
        let text = "标题50万元，3个百分点\n正文20%，10万元";
        let mut found = find_entities(text);
        let start = text.split('\n').next().unwrap().chars().count();
        let dropped = found.drop_before(start);
        let names: Vec<&str> = dropped.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(names, ["50万元", "3个百分点"]);
        assert_eq!(found.len(), 2);
        assert!(found.amounts.iter().all(|a| a.span[0] >= start));
    }
}
