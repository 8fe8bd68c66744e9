//! Money: sums in 元, 美元, 港幣 … and with a sign or code in front (`￥`,
//! `US$`, `RMB`), in a folded text (simplified, half-width).
//!
//! In: one folded region. Out: [`Figure`]s of kind money, each with its
//! value in the currency's major unit and the ISO 4217 code; a range
//! (`5萬至10萬元`, `3—10萬元`) gives two figures, its low end `min` and its
//! high end `max`, the high end's trailing scale applying to the low end.
//!
//! Refused: numbers without a currency (`40億千瓦時`, `150畝`, `2025年`,
//! `5050人才基金`, `千項萬億`), bare scales (`每萬元`, `億元以上`), and
//! `元` as part of a word (`元旦`, `多元化`, `二元結構`).

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::numerals::{big_unit, parse_dec, small_unit, Dec};
use super::{Figure, Kind, NUM, RANGE};

/// Currency words written after the number, simplified, with their ISO
/// 4217 codes. Source: the currencies named in Chinese government notices
/// and the Recognizers-Text Chinese currency list. Order does not matter:
/// the pattern is built longest first (`澳门元` before `元`).
const CURRENCIES: &[(&str, &str)] = &[
    ("元", "CNY"),
    ("圆", "CNY"),
    ("人民币", "CNY"),
    ("人民币元", "CNY"),
    ("元人民币", "CNY"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("欧元", "EUR"),
    ("日元", "JPY"),
    ("日圆", "JPY"),
    ("英镑", "GBP"),
    ("澳元", "AUD"),
    ("澳大利亚元", "AUD"),
    ("加元", "CAD"),
    ("加拿大元", "CAD"),
    ("新加坡元", "SGD"),
    ("新西兰元", "NZD"),
    ("新台币", "TWD"),
    ("澳门元", "MOP"),
    ("澳门币", "MOP"),
    ("韩元", "KRW"),
    ("卢布", "RUB"),
    ("瑞士法郎", "CHF"),
    ("泰铢", "THB"),
    ("林吉特", "MYR"),
    ("越南盾", "VND"),
    ("印度卢比", "INR"),
];

/// Signs and codes written before the number. `￥`/`¥` is the yuan here:
/// the notices are Chinese.
const PREFIXES: &[(&str, &str)] = &[
    ("人民币", "CNY"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
    ("￥", "CNY"),
    ("¥", "CNY"),
    ("US$", "USD"),
    ("USD", "USD"),
    ("$", "USD"),
    ("HK$", "HKD"),
    ("HKD", "HKD"),
    ("EUR", "EUR"),
    ("€", "EUR"),
    ("GBP", "GBP"),
    ("£", "GBP"),
    ("JPY", "JPY"),
];

/// Words that start with `元` but are not money: a figure followed by one
/// of them is refused (`1月1日元旦`, `3多元化`, `城乡二元结构`).
const NOT_MONEY_AFTER_YUAN: &[&str] = &[
    "旦", "化", "素", "件", "宵", "首", "帅", "论", "次", "结构", "宇宙", "老", "勋",
];

/// Characters before a number of units only that make it a rough size
/// (`数百万元`, `几十万元`, `上千万元`): such a figure is `approx`.
const VAGUE_BEFORE_UNITS: &[char] = &['数', '几', '上'];

/// Characters after a standalone `角` that make it a corner or a shape,
/// not a tenth of a yuan (`五角星`, `三角形`).
const NOT_MONEY_AFTER_JIAO: &[char] = &['星', '形', '楼', '度', '落', '色', '逐', '膜', '亭'];

/// Digits allowed in the 角 and 分 places.
const SUB_DIGIT: &str = r"[0-9一二两三四五六七八九]";

/// The money pattern: three shapes, tried in this order at each position.
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    let cur = alternation(CURRENCIES.iter().map(|(w, _)| *w));
    let pre = alternation(PREFIXES.iter().map(|(w, _)| *w));
    Regex::new(&format!(
        r"(?x)
        # A: a sign or code first: ￥100, US$ 1.5亿, 人民币100万(元)
        (?P<a_pre> {pre} ) \x20*
        (?P<a_num> {NUM} ) (?P<a_more> 多|余 )? \x20* (?P<a_scale> [十百千万亿]* )
        \x20* (?P<a_cur> {cur} )?
        |
        # B: the currency after: 30万元, 1.5亿美元, 100多万元, 5-10万元, 2元5角
        (?: (?P<b_lo> {NUM} ) \x20* {RANGE} \x20* )?     # low end of a range
        (?P<b_num> {NUM} ) (?P<b_more> 多|余 )? \x20* (?P<b_scale> [十百千万亿]* )
        \x20* (?P<b_cur> {cur} )
        (?: (?P<b_jiao> {SUB_DIGIT} ) 角 )?               # 2元5角
        (?: (?P<b_fen> {SUB_DIGIT} ) 分 )?                # 2元5角3分
        |
        # C: tenths alone: 5角, 3角5分
        (?P<c_jiao> [0-9]+ | {SUB_DIGIT} ) 角
        (?: (?P<c_fen> {SUB_DIGIT} ) 分 )?
        "
    ))
    .expect("money pattern compiles")
});

/// `a|b|c` of escaped words, longest first so the longest word wins.
pub(crate) fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut v: Vec<&str> = words.collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    v.iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

fn code_of(table: &[(&str, &'static str)], word: &str) -> &'static str {
    table
        .iter()
        .find(|(w, _)| *w == word)
        .map_or("CNY", |(_, c)| c)
}

/// Whether a folded character can end a currency word or be a sign or
/// code in front of a number: a region without one holds no money.
pub(crate) fn could_hold_money(c: char) -> bool {
    matches!(
        c,
        '元' | '圆'
            | '币'
            | '金'
            | '镑'
            | '布'
            | '郎'
            | '铢'
            | '特'
            | '盾'
            | '比'
            | '角'
            | '￥'
            | '¥'
            | '$'
            | '€'
            | '£'
            | 'A'..='Z'
    )
}

/// Every sum of money in a folded region, in text order.
pub(crate) fn find_amounts(folded: &str, out: &mut Vec<Figure>) {
    for caps in MONEY.captures_iter(folded) {
        if caps.name("a_pre").is_some() {
            prefixed(folded, &caps, out);
        } else if caps.name("b_num").is_some() {
            suffixed(folded, &caps, out);
        } else {
            tenths(folded, &caps, out);
        }
    }
}

/// `￥100`, `人民币100万元`.
fn prefixed(folded: &str, caps: &Captures, out: &mut Vec<Figure>) {
    let (Some(all), Some(pre), Some(num)) = (caps.get(0), caps.name("a_pre"), caps.name("a_num"))
    else {
        return;
    };
    let cur = caps.name("a_cur");
    let code = match cur {
        Some(c) => code_of(CURRENCIES, c.as_str()),
        None => code_of(PREFIXES, pre.as_str()),
    };
    if cur.is_some_and(|c| c.as_str().ends_with('元')) && yuan_word_follows(&folded[all.end()..]) {
        return;
    }
    let Some(v) = amount(
        num.as_str(),
        caps.name("a_scale").map_or("", |m| m.as_str()),
    ) else {
        return;
    };
    out.push(Figure::new(
        all.start(),
        all.end(),
        v.to_f64(),
        Kind::Money(code),
        caps.name("a_more").is_some(),
    ));
}

/// `30万元`, `5-10万元`, `2元5角`.
fn suffixed(folded: &str, caps: &Captures, out: &mut Vec<Figure>) {
    let (Some(all), Some(num), Some(cur)) = (caps.get(0), caps.name("b_num"), caps.name("b_cur"))
    else {
        return;
    };
    if cur.as_str().ends_with('元') && yuan_word_follows(&folded[all.end()..]) {
        return;
    }
    let code = code_of(CURRENCIES, cur.as_str());
    let scale = caps.name("b_scale").map_or("", |m| m.as_str());
    // `统一100万元`: a word ending in a numeral is not part of the number.
    let (num_start, num_text) = strip_word_numerals(num.start(), num.as_str());
    let Some(mut v) = amount(num_text, scale) else {
        return;
    };
    if !has_digit(num_text) && bare_scale_refused(folded, num_start, num_text) {
        return;
    }
    let subunits = caps.name("b_jiao").is_some() || caps.name("b_fen").is_some();
    if lone_chinese_digit(num_text)
        && scale.is_empty()
        && matches!(cur.as_str(), "元" | "圆")
        && !subunits
        && !folded[all.end()..].starts_with('钱')
    {
        return;
    }
    if let Some(j) = caps.name("b_jiao").and_then(|m| parse_dec(m.as_str())) {
        v = v.plus(j.tenths(1));
    }
    if let Some(f) = caps.name("b_fen").and_then(|m| parse_dec(m.as_str())) {
        v = v.plus(f.tenths(2));
    }
    let more = caps.name("b_more").is_some()
        || (!has_digit(num_text) && folded[..num_start].ends_with(VAGUE_BEFORE_UNITS));
    if let Some(lo) = caps.name("b_lo") {
        let hi_num = format!("{num_text}{scale}");
        let (lo_start, lo_text) = strip_word_numerals(lo.start(), lo.as_str());
        if let Some(lo_v) = range_low(lo_text, &hi_num, v) {
            let mut low = Figure::new(lo_start, lo.end(), lo_v, Kind::Money(code), false);
            low.bound = Some(crate::output::record::Bound::Min);
            out.push(low);
            let mut high = Figure::new(num_start, all.end(), v.to_f64(), Kind::Money(code), more);
            high.bound = Some(crate::output::record::Bound::Max);
            out.push(high);
            return;
        }
        // Not a range after all (`2025-100万元`): keep the high end alone.
    }
    out.push(Figure::new(
        num_start,
        all.end(),
        v.to_f64(),
        Kind::Money(code),
        more,
    ));
}

/// `5角`, `3角5分`; a Chinese numeral before a lone 角 is money only with a
/// 分 after it or 钱 (`一角钱`), since `城市一角` is a corner.
fn tenths(folded: &str, caps: &Captures, out: &mut Vec<Figure>) {
    let (Some(all), Some(j)) = (caps.get(0), caps.name("c_jiao")) else {
        return;
    };
    let after = &folded[all.end()..];
    let fen = caps.name("c_fen");
    if after.starts_with(NOT_MONEY_AFTER_JIAO) && fen.is_none() {
        return;
    }
    if !has_arabic(j.as_str()) && fen.is_none() && !after.starts_with('钱') {
        return;
    }
    if folded[..all.start()].ends_with(|c: char| c.is_ascii_digit() || c == '.') {
        return;
    }
    let Some(mut v) = parse_dec(j.as_str()).map(|d| d.tenths(1)) else {
        return;
    };
    if let Some(f) = fen.and_then(|m| parse_dec(m.as_str())) {
        v = v.plus(f.tenths(2));
    }
    out.push(Figure::new(
        all.start(),
        all.end(),
        v.to_f64(),
        Kind::Money("CNY"),
        false,
    ));
}

/// The value of a number and the scale characters after a 多/余.
fn amount(num: &str, scale: &str) -> Option<Dec> {
    let mut v = parse_dec(num)?;
    for c in scale.chars() {
        v = v.times(small_unit(c).or_else(|| big_unit(c))?);
    }
    Some(v)
}

/// Drops Chinese numerals in front of the first Arabic digit: they end a
/// word (`统一`, `进一步`, `第三`), they do not start the number.
pub(crate) fn strip_word_numerals(start: usize, num: &str) -> (usize, &str) {
    match num.find(|c: char| c.is_ascii_digit()) {
        Some(i) if i > 0 => (start + i, &num[i..]),
        _ => (start, num),
    }
}

pub(crate) fn has_digit(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_ascii_digit() || super::numerals::cn_digit(c).is_some())
}

fn has_arabic(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

/// A number made of units only is a figure when it reads as one
/// (`百万元`, `千元`), not as a rate base (`每万元`) or a bare scale
/// (`万元以上`).
fn bare_scale_refused(folded: &str, start: usize, num: &str) -> bool {
    num.starts_with(['万', '亿']) || folded[..start].ends_with('每')
}

/// One Chinese digit before a bare 元 is a term far more often than a
/// price (`三元正极材料`, `二元结构`, `一元化`); `五元钱` still counts.
fn lone_chinese_digit(num: &str) -> bool {
    let mut it = num.chars();
    matches!((it.next(), it.next()), (Some(c), None) if super::numerals::cn_digit(c).is_some())
}

fn yuan_word_follows(after: &str) -> bool {
    NOT_MONEY_AFTER_YUAN.iter().any(|w| after.starts_with(w))
}

/// Value of the low end of a range, borrowing the high end's trailing
/// units when it has none of its own: `3—10万` is 3万, `三至五千万` is
/// 三千万, `五至二十万` is 五万 (五十万 would exceed the high end).
pub(crate) fn range_low(lo: &str, hi_num: &str, hi: Dec) -> Option<f64> {
    let lo_d = parse_dec(lo)?;
    let hi_v = hi.to_f64();
    if lo.contains(['万', '亿']) {
        let lo_v = lo_d.to_f64();
        return (lo_v <= hi_v).then_some(lo_v);
    }
    let last_digit = hi_num
        .char_indices()
        .rfind(|&(_, c)| c.is_ascii_digit() || super::numerals::cn_digit(c).is_some())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let trailing = &hi_num[last_digit..];
    let all: f64 = trailing
        .chars()
        .filter_map(|c| small_unit(c).or_else(|| big_unit(c)))
        .product();
    let big: f64 = trailing.chars().filter_map(big_unit).product();
    let ends_in_digit = lo
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_digit() || super::numerals::cn_digit(c).is_some());
    let candidates: &[f64] = if ends_in_digit {
        &[all, big, 1.0]
    } else {
        &[big, 1.0]
    };
    candidates
        .iter()
        .map(|&m| lo_d.times(m).to_f64())
        .find(|&v| v <= hi_v && v > 0.0)
}
