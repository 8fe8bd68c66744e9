//! Percentages: `50%`, `5‰`, `百分之十二点五`, `三分之二`, `五成`, `七折`,
//! and percentage points (`3个百分点`), in a folded text.
//!
//! In: one folded region. Out: [`Figure`]s of kind percentage with the
//! value in percent (`千分之五` is 0.5, `三分之二` 66.6667: ratios are
//! rounded to four decimals). A range `10—20%` gives two figures, `min`
//! and `max`; `10%—20%` is two figures paired later by the bound pass.
//!
//! Refused: `成` and `折` in words (`一成不变`, `三五成群`, `成员`, `折旧`).

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::money::strip_word_numerals;
use super::numerals::parse_dec;
use super::{Figure, Kind, ARABIC, NUM, RANGE};
use crate::output::record::{Bound, PercentUnit};

/// Characters after `N成` that make it a word, not tenths (`三成员`,
/// `一成不变`, `七成熟`); from reading notices and a word list of 成.
const NOT_AFTER_CHENG: &[char] = &[
    '员', '本', '为', '果', '功', '立', '交', '绩', '长', '都', '品', '型', '群', '不', '效', '就',
    '熟', '份', '分', '套', '年', '人', '家', '个',
];

/// Characters after `N折` that make it a word (`折旧`, `七折八扣`).
const NOT_AFTER_ZHE: &[char] = &[
    '旧', '算', '合', '扣', '叠', '线', '射', '腾', '返', '损', '现', '中', '服', '纸', '页', '八',
    '桂', '痕', '价',
];

/// Chinese numerals, for fractions (`三分之二`).
const CN_NUM: &str = r"[零〇○一二两三四五六七八九十百千万亿壹贰叁参肆伍陆柒捌玖拾佰仟]+";

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        # A: 50%, 5‰, 10—20%
        (?: (?P<a_lo> {ARABIC} ) \x20* {RANGE} \x20* )?
        (?P<a_num> {ARABIC} ) \x20* (?P<a_sign> [%‰] )
        |
        # B: fractions; 百分之 and 千分之 are fractions too
        (?P<b_den> {CN_NUM} | {ARABIC} ) 分之
        (?P<b_num> {CN_NUM} (?: 点 [零〇○一二三四五六七八九]+ )? | {ARABIC} )
        |
        # C: percentage points: 3个百分点, 1—2个百分点
        (?: (?P<c_lo> {NUM} ) \x20* {RANGE} \x20* )?
        (?P<c_num> {NUM} ) \x20* 个? 百分点
        |
        # D: tenths: 五成, 七成半
        (?P<d_num> [一二两三四五六七八九十] ) 成 (?P<d_half> 半 )?
        |
        # E: discounts: 七折, 八五折, 7.5折
        (?P<e_num> [一二三四五六七八九]{{1,2}} | [0-9] (?: \.[0-9] )? ) 折
        "
    ))
    .expect("percent pattern compiles")
});

/// Whether a folded region can hold a percentage at all.
pub(crate) fn could_hold_percentage(folded: &str) -> bool {
    folded.contains(['%', '‰', '成', '折']) || folded.contains("分之") || folded.contains("百分")
}

/// Every percentage in a folded region, in text order.
pub(crate) fn find_percentages(folded: &str, out: &mut Vec<Figure>) {
    for caps in PERCENT.captures_iter(folded) {
        let Some(all) = caps.get(0) else { continue };
        let before = &folded[..all.start()];
        let after = &folded[all.end()..];
        if caps.name("a_num").is_some() {
            signed(&caps, out);
        } else if let (Some(den), Some(num)) = (caps.name("b_den"), caps.name("b_num")) {
            let (Some(d), Some(n)) = (parse_dec(den.as_str()), parse_dec(num.as_str())) else {
                continue;
            };
            if d.is_zero() {
                continue;
            }
            let v = n.to_f64() * 100.0 / d.to_f64();
            out.push(percent(all.start(), all.end(), v, PercentUnit::Percent));
        } else if let Some(num) = caps.name("c_num") {
            points(&caps, num, all.end(), out);
        } else if let Some(num) = caps.name("d_num") {
            if before.ends_with(|c: char| is_numeral(c) || c == '第')
                || after.starts_with(NOT_AFTER_CHENG)
            {
                continue;
            }
            let Some(v) = parse_dec(num.as_str()) else {
                continue;
            };
            let half = if caps.name("d_half").is_some() {
                5.0
            } else {
                0.0
            };
            let v = v.to_f64() * 10.0 + half;
            out.push(percent(all.start(), all.end(), v, PercentUnit::Percent));
        } else if let Some(num) = caps.name("e_num") {
            if before.ends_with(|c: char| is_numeral(c) || c == '第' || c == '.')
                || after.starts_with(NOT_AFTER_ZHE)
            {
                continue;
            }
            let Some(v) = parse_dec(num.as_str()).map(|d| d.to_f64()) else {
                continue;
            };
            let v = if v < 10.0 { v * 10.0 } else { v };
            out.push(percent(all.start(), all.end(), v, PercentUnit::Percent));
        }
    }
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || super::numerals::cn_digit(c).is_some()
        || super::numerals::small_unit(c).is_some()
}

/// `50%`, `5‰`, `10—20%`.
fn signed(caps: &Captures, out: &mut Vec<Figure>) {
    let (Some(all), Some(num), Some(sign)) = (caps.get(0), caps.name("a_num"), caps.name("a_sign"))
    else {
        return;
    };
    let per = if sign.as_str() == "‰" { 10.0 } else { 1.0 };
    let Some(v) = parse_dec(num.as_str()).map(|d| d.to_f64() / per) else {
        return;
    };
    if let Some(lo) = caps.name("a_lo") {
        if let Some(l) = parse_dec(lo.as_str()).map(|d| d.to_f64() / per) {
            if l <= v {
                push_range(
                    out,
                    (lo.start(), lo.end(), l),
                    (num.start(), all.end(), v),
                    PercentUnit::Percent,
                );
                return;
            }
        }
    }
    out.push(percent(num.start(), all.end(), v, PercentUnit::Percent));
}

/// `3个百分点`, `1—2个百分点`.
fn points(caps: &Captures, num: regex::Match, end: usize, out: &mut Vec<Figure>) {
    let (start, text) = strip_word_numerals(num.start(), num.as_str());
    let Some(v) = parse_dec(text).map(|d| d.to_f64()) else {
        return;
    };
    if let Some(lo) = caps.name("c_lo") {
        let (lo_start, lo_text) = strip_word_numerals(lo.start(), lo.as_str());
        if let Some(l) = parse_dec(lo_text).map(|d| d.to_f64()) {
            if l <= v {
                push_range(
                    out,
                    (lo_start, lo.end(), l),
                    (start, end, v),
                    PercentUnit::Point,
                );
                return;
            }
        }
    }
    out.push(percent(start, end, v, PercentUnit::Point));
}

fn push_range(
    out: &mut Vec<Figure>,
    lo: (usize, usize, f64),
    hi: (usize, usize, f64),
    unit: PercentUnit,
) {
    let mut low = percent(lo.0, lo.1, lo.2, unit);
    low.bound = Some(Bound::Min);
    out.push(low);
    let mut high = percent(hi.0, hi.1, hi.2, unit);
    high.bound = Some(Bound::Max);
    out.push(high);
}

/// A percentage figure, its value rounded to four decimals.
fn percent(start: usize, end: usize, v: f64, unit: PercentUnit) -> Figure {
    let v = (v * 1e4).round() / 1e4;
    Figure::new(start, end, v, Kind::Percent(unit), false)
}
