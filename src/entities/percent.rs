//! Percentages: `50%`, `5‰`, `-22.2%`, `百分之十二点五`, `三分之二`,
//! `千分之五`, percentage points (`3个百分点`; `25个基点` is none), tenths (`五成`,
//! `八点五成`) and discounts (`七折`, `九五折`), in a folded text.
//!
//! In: one folded region. Out: [`Figure`]s of kind percentage with the
//! value in percent (`千分之五` is 0.5, `三分之二` 66.6667: ratios are
//! rounded to four decimals; `八折` is 80, `七成` 70; a basis point is 0.01
//! of a percentage point). A sign written right before the number, or
//! `负` before or after `百分之`, makes the value negative. A range
//! `10—20%` gives two figures, `min` and `max`; `10%—20%` is two figures
//! paired later by the bound pass.
//!
//! Refused: `成` and `折` in words (`一成不变`, `三五成群`, `成员`, `折旧`),
//! and the `100%` of a formula (`(A/B)×100%`), which is a conversion
//! factor, not a figure.

use std::sync::LazyLock;

use regex::Regex;

use super::edges::{ends_figure, negate_if, sign_of, strip_word_numerals};
use super::figure::{Figure, Kind, PercentUnit};
use super::numerals::{cn_digit, parse_dec, spaced_digits, Dec};
use super::pattern::{group_indices, Group, Groups, ARABIC, CN, NUM, RANGE};
use crate::model::Bound;

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

/// What stands before the `100%` of a formula (`(A/B)×100%`, `*100%`,
/// `乘以100%`).
const FORMULA_BEFORE: &[&str] = &["×", "*", "✕", "x", "X", "·", "⋅", "乘以", "乘"];

/// A sign written right before a number.
const SIGN: &str = r"(?:-|−|负)";

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    let num = &*NUM;
    Regex::new(&format!(
        r"(?x)
        # A: 50%, 5‰, 10—20%, -22.2%, .5%
        (?P<a_sign> {SIGN} )?
        (?: (?P<a_lo> {ARABIC} | \.[0-9]+ ) \x20* {RANGE} \x20* )?
        (?P<a_num> {ARABIC} | \.[0-9]+ | {CN}+ ) \x20* (?P<a_mark> [%‰] )
        |
        # B: fractions; 百分之 and 千分之 are fractions too: 百分之二十点五,
        # 百分之五 十, 负百分之五, 百分之负三点八
        (?P<b_sign> 负 )?
        (?P<b_den> {CN}+ | {ARABIC} ) \x20? 分 \x20? 之 \x20?
        (?P<b_nsign> 负 )?
        (?P<b_num> {CN} (?: \x20? {CN} )* (?: 点 [零〇○一二三四五六七八九]+ )?
                 | 点 [零〇○一二三四五六七八九]+ | {ARABIC} )
        |
        # C: percentage points: 3个百分点, 1—2个百分点, 二十个百分点, 25个基点
        (?P<c_sign> {SIGN} )?
        (?: (?P<c_lo> {num} ) \x20* {RANGE} \x20* )?
        (?P<c_num> {num} ) \x20* 个? \x20* (?P<c_unit> 百分点 | 基点 )
        |
        # D: tenths: 五成, 七成半, 七成五, 八点五成, 7成
        (?P<d_num> [一二两三四五六七八九十] (?: 点 [一二三四五六七八九] )? | [0-9] (?: \.[0-9] )? )
        成 (?: (?P<d_half> 半 ) | (?P<d_tail> [一二三四五六七八九] ) )?
        |
        # E: discounts: 七折, 八五折, 八点五折, 7.5折, 95折, 对折
        (?P<e_num> [一二三四五六七八九] (?: 点? [一二三四五六七八九] )? | [0-9] (?: \.[0-9]{{1,2}} )?
                 | [1-9][0-9] | 对 ) 折
        "
    ))
    .expect("percent pattern compiles")
});

/// The named groups of [`PERCENT`] this module reads, by position in
/// [`GROUP_NAMES`].
const GROUP_NAMES: [&str; 16] = [
    "a_lo", "a_mark", "a_num", "a_sign", "b_den", "b_nsign", "b_num", "b_sign", "c_lo", "c_num",
    "c_sign", "c_unit", "d_half", "d_num", "d_tail", "e_num",
];
const A_LO: usize = 0;
const A_MARK: usize = 1;
const A_NUM: usize = 2;
const A_SIGN: usize = 3;
const B_DEN: usize = 4;
const B_NSIGN: usize = 5;
const B_NUM: usize = 6;
const B_SIGN: usize = 7;
const C_LO: usize = 8;
const C_NUM: usize = 9;
const C_SIGN: usize = 10;
const C_UNIT: usize = 11;
const D_HALF: usize = 12;
const D_NUM: usize = 13;
const D_TAIL: usize = 14;
const E_NUM: usize = 15;

static GROUPS: LazyLock<[usize; 16]> = LazyLock::new(|| group_indices(&PERCENT, GROUP_NAMES));

/// Whether a folded region can hold a percentage at all.
pub(crate) fn could_hold_percentage(folded: &str) -> bool {
    folded.char_indices().any(|(i, c)| match c {
        '%' | '‰' | '成' | '折' => true,
        '分' => folded[i + c.len_utf8()..].starts_with(['之', '点']),
        '基' => folded[i + c.len_utf8()..].starts_with('点'),
        _ => false,
    })
}

/// Every percentage in a folded region, in text order.
/// Stops once `out` holds `limit` figures (see `MAX_FIGURES_PER_REGION`).
pub(crate) fn find_percentages(folded: &str, out: &mut Vec<Figure>, limit: usize) {
    let mut at = 0;
    let mut locs = None;
    while let Some(m) = PERCENT.find_at(folded, at) {
        if out.len() >= limit {
            break;
        }
        let caps = match plain_percent(folded, m.start(), m.end()) {
            Some(g) => g,
            None => {
                let locs = locs.get_or_insert_with(|| PERCENT.capture_locations());
                Groups::captured(&PERCENT, locs, folded, m, &GROUPS)
            }
        };
        let all = caps.all();
        at = all.end().max(at + 1);
        if counted_name(&folded[..all.start()]) {
            // `六个百分之百`, `两个100%`: the name of a set of targets, not a
            // figure (each of the six is a 100% rule).
        } else if caps.get(A_NUM).is_some() {
            signed(folded, &caps, out);
        } else if caps.get(B_NUM).is_some() {
            if let Some(next) = fraction(folded, &caps, out) {
                at = next;
            }
        } else if caps.get(C_NUM).is_some() {
            points(folded, &caps, out);
        } else if let Some(num) = caps.get(D_NUM) {
            tenths(folded, &caps, num, out);
        } else if let Some(num) = caps.get(E_NUM) {
            discount(folded, all, num, out);
        }
        while !folded.is_char_boundary(at) {
            at += 1;
        }
    }
}

/// The groups of one match of [`PERCENT`], numbered as in [`GROUP_NAMES`].
type PercentGroups<'h> = Groups<'h, 16>;

/// The groups of a match of [`PERCENT`] that is a plain `50%` or `1.5‰`:
/// digits, a decimal part, the sign, nothing else. Shape A comes first and
/// matches it, with no sign and no low end (no range mark), so its
/// groups are known without the capture search.
fn plain_percent(folded: &str, start: usize, end: usize) -> Option<PercentGroups<'_>> {
    let text = &folded[start..end];
    let mark = text.char_indices().next_back().map(|(i, _)| i)?;
    if !matches!(&text[mark..], "%" | "‰") {
        return None;
    }
    let num = &text[..mark];
    let (int, frac) = num.split_once('.').unwrap_or((num, "1"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(int) && digits(frac)) {
        return None;
    }
    let mut g = Groups::new(folded, (start, end));
    g.set(A_NUM, start, start + mark);
    g.set(A_MARK, start + mark, end);
    Some(g)
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || cn_digit(c).is_some() || super::numerals::small_unit(c).is_some()
}

/// `50%`, `5‰`, `10—20%`, `-22.2%`.
fn signed(folded: &str, caps: &PercentGroups, out: &mut Vec<Figure>) {
    let all = caps.all();
    let (Some(num), Some(mark)) = (caps.get(A_NUM), caps.get(A_MARK)) else {
        return;
    };
    let lo = caps.get(A_LO);
    let first = lo.unwrap_or(num);
    // Only the `100%` of a formula converts a ratio; a weight
    // (`笔试成绩×50%`) is a percentage.
    if lo.is_none() && is_hundred(num.as_str()) && is_formula(&folded[..first.start()]) {
        return;
    }
    // `.5%` only where no digit comes before (`1.5%` is matched whole).
    if first.as_str().starts_with('.')
        && folded[..first.start()].ends_with(|c: char| c.is_ascii_digit())
    {
        return;
    }
    let per = if mark.as_str() == "‰" {
        Dec::TENTH
    } else {
        Dec::int(1.0)
    };
    let value = |m: Group| {
        let t = m.as_str();
        let t = if t.starts_with('.') {
            format!("0{t}")
        } else {
            t.to_string()
        };
        parse_dec(&t).map(|d| d.mul(per).to_f64())
    };
    let Some(v) = value(num) else {
        return;
    };
    let sign = sign_of(folded, caps.get(A_SIGN));
    let start = sign.map_or(first.start(), |s| s.start());
    if let Some(lo) = lo {
        if let Some(l) = value(lo) {
            let l = negate_if(l, sign);
            if l <= v {
                push_range(
                    out,
                    (start, lo.end(), l),
                    (num.start(), all.end(), v),
                    PercentUnit::Percent,
                );
                return;
            }
        }
        let mut f = percent(num.start(), all.end(), v, PercentUnit::Percent);
        f.listable(num.start(), per, num.as_str());
        out.push(f);
        return;
    }
    let mut f = percent(start, all.end(), negate_if(v, sign), PercentUnit::Percent);
    if sign.is_none() {
        f.listable(num.start(), per, num.as_str());
    }
    out.push(f);
}

/// Whether the text before a percentage counts it (`六个`, `3个`): the
/// percentage is then a slogan's name (`“六个百分之百”`), not a figure.
/// `一个百分点` is no such case: there the count is the figure itself.
fn counted_name(before: &str) -> bool {
    let mut rev = before.chars().rev();
    rev.next() == Some('个')
        && rev
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c))
}

/// Whether a number as written is 100 (`100`, `100.0`).
fn is_hundred(num: &str) -> bool {
    num.parse::<f64>().is_ok_and(|v| v == 100.0)
}

/// Whether the text before a number ends a formula's multiplication.
fn is_formula(before: &str) -> bool {
    let b = before.trim_end_matches(' ');
    FORMULA_BEFORE.iter().any(|w| b.ends_with(w))
}

/// `三分之二`, `百分之二十点五`, `负百分之五`, `百分之负三点八`. Returns
/// where the next search starts when the numerator gave back its last
/// character: in `百分之四百三十二万分之四三` the `万` is the next
/// denominator.
fn fraction(folded: &str, caps: &PercentGroups, out: &mut Vec<Figure>) -> Option<usize> {
    let (all, den, num) = (caps.all(), caps.get(B_DEN)?, caps.get(B_NUM)?);
    let mut text = num.as_str();
    let mut next = None;
    let mut end = all.end();
    if folded[end..].starts_with("分之") && text.chars().count() > 1 {
        let (i, _) = text.char_indices().next_back()?;
        text = &text[..i];
        end = num.start() + i;
        next = Some(end);
    }
    if let Some(i) = spaced_digits(text) {
        text = &text[..i];
        end = num.start() + i;
        next = Some(end);
    }
    let text = text.trim_end();
    let n = if text.starts_with('点') {
        parse_dec(&format!("零{text}"))?
    } else {
        parse_dec(text)?
    };
    // `点五零百分之…`: digits read one by one before the unit belong to
    // another number; the denominator is what follows them (`百`).
    let den_text = den.as_str();
    let den_from = den_text
        .char_indices()
        .zip(den_text.chars().skip(1))
        .filter(|&((_, a), b)| cn_digit(a).is_some() && cn_digit(b).is_some())
        .map(|((i, a), _)| i + a.len_utf8())
        .last()
        .unwrap_or(0);
    let d = parse_dec(&den_text[den_from..])?;
    if d.is_zero() {
        return next;
    }
    let negative = caps.get(B_SIGN).is_some() != caps.get(B_NSIGN).is_some();
    let v = n.to_f64() * 100.0 / d.to_f64();
    let v = if negative { -v } else { v };
    let start = match caps.get(B_SIGN) {
        Some(s) if den_from == 0 => s.start(),
        _ => den.start() + den_from,
    };
    out.push(percent(start, end, v, PercentUnit::Percent));
    next
}

/// `3个百分点`, `1—2个百分点`; `25个基点` gives none.
fn points(folded: &str, caps: &PercentGroups, out: &mut Vec<Figure>) {
    let all = caps.all();
    let (Some(num), Some(unit)) = (caps.get(C_NUM), caps.get(C_UNIT)) else {
        return;
    };
    // Basis points (`LPR减60个基点`) price a loan's rate: every hand-checked
    // answer leaves them out of the percentages, so they are matched (and
    // their number read as nothing else) but give no figure.
    if unit.as_str() == "基点" {
        return;
    }
    let per = Dec::int(1.0);
    let (start, text) = strip_word_numerals(num.start(), num.as_str());
    if spaced_digits(text).is_some() {
        return;
    }
    let Some(v) = parse_dec(text).map(|d| d.mul(per).to_f64()) else {
        return;
    };
    let sign = sign_of(folded, caps.get(C_SIGN));
    if let Some(lo) = caps.get(C_LO) {
        let (lo_start, lo_text) = strip_word_numerals(lo.start(), lo.as_str());
        if let Some(l) = parse_dec(lo_text).map(|d| d.mul(per).to_f64()) {
            let l = negate_if(l, sign);
            if l <= v {
                let lo_start = sign.map_or(lo_start, |s| s.start());
                push_range(
                    out,
                    (lo_start, lo.end(), l),
                    (start, all.end(), v),
                    PercentUnit::Point,
                );
                return;
            }
        }
        out.push(percent(start, all.end(), v, PercentUnit::Point));
        return;
    }
    let mut f = percent(
        sign.map_or(start, |s| s.start()),
        all.end(),
        negate_if(v, sign),
        PercentUnit::Point,
    );
    if sign.is_none() {
        f.listable(start, per, text);
    }
    out.push(f);
}

/// `五成`, `七成半`, `八点五成`.
fn tenths(folded: &str, caps: &PercentGroups, num: Group, out: &mut Vec<Figure>) {
    let all = caps.all();
    // `七成五`: a digit after 成 is the next place, where the figure ends
    // there (`三成五年` is not 35%).
    let tail = caps.get(D_TAIL).filter(|t| ends_figure(&folded[t.end()..]));
    let end = match (caps.get(D_TAIL), tail) {
        (Some(t), None) => t.start(),
        _ => all.end(),
    };
    let before = &folded[..all.start()];
    let after = &folded[end..];
    if before.ends_with(|c: char| is_numeral(c) || c == '第' || c == '.')
        || after.starts_with(NOT_AFTER_CHENG)
    {
        return;
    }
    let Some(v) = parse_dec(num.as_str()) else {
        return;
    };
    let next = match (caps.get(D_HALF), tail) {
        (Some(_), _) => 5.0,
        (None, Some(t)) => t
            .as_str()
            .chars()
            .next()
            .and_then(cn_digit)
            .map_or(0.0, f64::from),
        _ => 0.0,
    };
    let v = v.to_f64() * 10.0 + next;
    out.push(percent(all.start(), end, v, PercentUnit::Tenths));
}

/// `七折`, `九五折`, `7.5折`, `95折`, `对折`: the share of the price paid.
fn discount(folded: &str, all: Group, num: Group, out: &mut Vec<Figure>) {
    let before = &folded[..all.start()];
    let after = &folded[all.end()..];
    if before.ends_with(|c: char| is_numeral(c) || c == '第' || c == '.')
        || after.starts_with(NOT_AFTER_ZHE)
    {
        return;
    }
    let t = num.as_str();
    let v = if t == "对" {
        50.0
    } else if t.starts_with(|c: char| c.is_ascii_digit()) {
        let Some(v) = parse_dec(t).map(Dec::to_f64) else {
            return;
        };
        if v < 10.0 {
            v * 10.0
        } else {
            v
        }
    } else {
        // 九五: tens and units; 八点五: the same with a point.
        let digits: Vec<u8> = t.chars().filter_map(cn_digit).collect();
        match digits[..] {
            [a] => f64::from(a) * 10.0,
            [a, b] => f64::from(a) * 10.0 + f64::from(b),
            _ => return,
        }
    };
    out.push(percent(all.start(), all.end(), v, PercentUnit::Discount));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path reads every plain percentage as the capture search
    /// does.
    #[test]
    fn plain_percentages_read_as_captured() {
        let nums = ["5", "30", "1.5", "100", "0.25", ".5", "5.", "1,000", "五"];
        let before = [
            "",
            "负",
            "-",
            "−",
            "约",
            "10—",
            "10-",
            "3、",
            "第",
            "1.",
            " ",
            "百分之",
        ];
        let after = [
            "%",
            "‰",
            " %",
            "%—20%",
            "%以上",
            "个百分点",
            "成",
            "折",
            "%的",
        ];
        let (mut fast, mut locs) = (0, PERCENT.capture_locations());
        for a in after {
            for n in nums {
                for b in before {
                    let text = format!("{b}{n}{a}");
                    let mut at = 0;
                    while let Some(m) = PERCENT.find_at(&text, at) {
                        at = m.end();
                        let Some(g) = plain_percent(&text, m.start(), m.end()) else {
                            continue;
                        };
                        fast += 1;
                        let c = Groups::captured(&PERCENT, &mut locs, &text, m, &GROUPS);
                        assert_eq!(g.spans, c.spans, "{text}");
                        assert_eq!(g.all, c.all, "{text}");
                    }
                }
            }
        }
        assert!(fast > 150, "{fast}");
    }
}
