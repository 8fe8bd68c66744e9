//! Money: sums in 元, 美元, 港幣 …, with a currency named or signed in
//! front (`港幣2960元`, `美元1.5億`, `￥100`, `US$`, `RMB`), colloquial sums
//! (`三塊五`, `十塊三毛`, `五毛錢`), in a folded text (simplified, half-width).
//!
//! In: one folded region. Out: [`Figure`]s of kind money, each with its
//! value in the currency's major unit and the ISO 4217 code; a range
//! (`5萬至10萬元`, `3—10萬元`, `五六百美元`) gives two figures, its low end
//! `min` and its high end `max`, the high end's trailing scale applying to
//! the low end. A sign written right before the number (`-500萬元`,
//! `負十元`) makes the value negative.
//!
//! Refused: numbers without a currency (`40億千瓦時`, `150畝`, `2025年`,
//! `5050人才基金`, `千項萬億`), bare scales (`每萬元`, `億元以上`; but
//! `超億元` is a figure), `元` as part of a word (`元旦`, `多元化`,
//! `二元結構`), `塊` and `毛` as measure words or words (`3塊牌子`, `毛利`),
//! and a currency name before a number that is not its sum (`人民幣2024年`).

use std::sync::LazyLock;

use regex::Regex;

use super::bound::RANGE_MARKS;
use super::currency::{code_of, is_currency_word, is_generic, CENTS, CURRENCIES, NAMES, SIGNS};
use super::edges::{ends_figure, negate_if, sign_of, strip_word_numerals};
use super::figure::{Figure, Kind};
use super::numerals::{big_unit, cn_digit, parse_dec, small_unit, spaced_digits, vague_range, Dec};
use super::pattern::{alternation, group_indices, Group, Groups, NUM, RANGE};
use crate::model::Bound;

/// Words that start with `元` but are not money: a figure followed by one
/// of them is refused (`1月1日元旦`, `3多元化`, `城乡二元结构`).
const NOT_MONEY_AFTER_YUAN: &[&str] = &[
    "旦", "化", "素", "件", "宵", "首", "帅", "论", "次", "结构", "宇宙", "老", "勋", "正极",
];

/// Characters before a number of units only that make it a rough size
/// (`数百万元`, `几十万元`, `上千万元`): such a figure is `approx`.
const VAGUE_BEFORE_UNITS: &[char] = &['数', '几', '上'];

/// Characters right before a bare scale (`超亿元`, `逾万元`, `近亿元`) that
/// make it a figure: without one, `亿元以上` and `每万元` are not sums.
const BEFORE_BARE_SCALE: &[char] = &['超', '过', '逾', '破', '近', '约', '上', '数', '几'];

/// Characters after a standalone `角` that make it a corner or a shape,
/// not a tenth of a yuan (`五角星`, `三角形`).
const NOT_MONEY_AFTER_JIAO: &[char] = &['星', '形', '楼', '度', '落', '色', '逐', '膜', '亭'];

/// Digits allowed in the 角 and 分 places.
const SUB_DIGIT: &str = r"[0-9一二两三四五六七八九壹贰叁参肆伍陆柒捌玖]";

/// A sign written right before a number.
const SIGN: &str = r"(?:-|−|负)";

/// The body of a sum: an optional sign and low end of a range, the
/// number, 多/余, a scale, the currency word (`{cur}`, filled in), 角, 分,
/// and the colloquial tail digit of `三块五`. `{p}` prefixes the group
/// names (the regex crate wants them unique per alternative).
const SUM: &str = r"
    (?P<{p}_sign> {SIGN} )?
    (?: (?P<{p}_lo> {NUM} ) \x20*                      # low end of a range,
        (?: [(（] 不?含 (?:本数)? [)）] \x20* )?           # 5000万(含)至2亿元
        {RANGE} \x20* )?
    (?P<{p}_num> {NUM} ) (?P<{p}_more> 多|余|几 )?
    \x20* (?P<{p}_scale> 个亿 | [十百千万亿兆]* )         # 十几万, 两个亿
    \x20* (?P<{p}_cur> {cur} ){opt}
    (?: 零? (?P<{p}_jiao> {SUB_DIGIT} ) [角毛] )?       # 2元5角, 十块三毛
    (?: 零? (?P<{p}_fen> {SUB_DIGIT} ) 分 )?            # 2元5角3分, 1元零5分
    (?P<{p}_tail> {SUB_DIGIT} )?                        # 三块五
";

/// The money pattern: four shapes, tried in this order at each position.
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    // `元?` before a name: `9000元日币`; written once, not once per name,
    // which keeps the automaton (and the capture search) small.
    let cur = format!(
        "元?(?:{})|{}",
        alternation(NAMES.iter().chain(CENTS).map(|(w, _)| *w)),
        alternation(CURRENCIES.iter().map(|(w, _)| *w)),
    );
    let pre = alternation(SIGNS.iter().chain(NAMES).map(|(w, _)| w.to_string()));
    let sum = |p: &str, opt: &str| {
        SUM.replace("{p}", p)
            .replace("{opt}", opt)
            .replace("{SIGN}", SIGN)
            .replace("{NUM}", &NUM)
            .replace("{RANGE}", RANGE)
            .replace("{cur}", &cur)
            .replace("{SUB_DIGIT}", SUB_DIGIT)
    };
    Regex::new(&format!(
        r"(?x)
        # A: a sign, code or name first: ￥100, US$ 1.5亿, 港币2960元, 美元100万
        (?P<a_pre> {pre} ) \x20* {a}
        |
        # B: the currency after: 30万元, 1.5亿美元, 100多万元, 5-10万元, 2元5角,
        # 三块五, 9000元日币
        {b}
        |
        # C: tenths alone: 5角, 3角5分, 五毛钱
        (?P<c_sign> {SIGN} )?
        (?P<c_jiao> [0-9]+ | {SUB_DIGIT} ) (?P<c_mark> [角毛] )
        (?: (?P<c_fen> {SUB_DIGIT} ) 分 )?
        |
        # D: hundredths alone: 8分钱
        (?P<d_fen> [0-9]+ | [一二两三四五六七八九十]+ ) 分钱
        ",
        a = sum("a", "?"),
        b = sum("b", ""),
    ))
    .expect("money pattern compiles")
});

/// The named groups of [`MONEY`] this module reads, by position in
/// [`GROUP_NAMES`].
const GROUP_NAMES: [&str; 24] = [
    "a_cur", "a_fen", "a_jiao", "a_lo", "a_more", "a_num", "a_pre", "a_scale", "a_sign", "a_tail",
    "b_cur", "b_fen", "b_jiao", "b_lo", "b_more", "b_num", "b_scale", "b_sign", "b_tail", "c_fen",
    "c_jiao", "c_mark", "c_sign", "d_fen",
];
const A_CUR: usize = 0;
const A_FEN: usize = 1;
const A_JIAO: usize = 2;
const A_LO: usize = 3;
const A_MORE: usize = 4;
const A_NUM: usize = 5;
const A_PRE: usize = 6;
const A_SCALE: usize = 7;
const A_SIGN: usize = 8;
const A_TAIL: usize = 9;
const B_CUR: usize = 10;
const B_FEN: usize = 11;
const B_JIAO: usize = 12;
const B_LO: usize = 13;
const B_MORE: usize = 14;
const B_NUM: usize = 15;
const B_SCALE: usize = 16;
const B_SIGN: usize = 17;
const B_TAIL: usize = 18;
const C_FEN: usize = 19;
const C_JIAO: usize = 20;
const C_MARK: usize = 21;
const C_SIGN: usize = 22;
const D_FEN: usize = 23;

static GROUPS: LazyLock<[usize; 24]> = LazyLock::new(|| group_indices(&MONEY, GROUP_NAMES));

/// The groups of one match of [`MONEY`], numbered as in [`GROUP_NAMES`].
type MoneyGroups<'h> = Groups<'h, 24>;

/// Every sum of money in a folded region, in text order.
/// Stops once `out` holds `limit` figures (see `MAX_FIGURES_PER_REGION`).
pub(crate) fn find_amounts(folded: &str, out: &mut Vec<Figure>, limit: usize) {
    let mut locs = None;
    let mut at = 0;
    while let Some(m) = MONEY.find_at(folded, at) {
        if out.len() >= limit {
            break;
        }
        at = m.end().max(at + 1);
        let caps = match plain_sum(folded, m.start(), m.end()) {
            Some(g) => g,
            None => {
                let locs = locs.get_or_insert_with(|| MONEY.capture_locations());
                Groups::captured(&MONEY, locs, folded, m, &GROUPS)
            }
        };
        if let Some(parts) = Parts::of(&caps, &A_GROUPS).or_else(|| Parts::of(&caps, &B_GROUPS)) {
            // A digit after 元 that is no 角 of the figure (`680亿元760亿元`,
            // `1.2亿美元1.5亿美元`: a table's cells run together) starts the
            // next figure: the search goes on from there.
            if let Some(t) = parts.tail.filter(|_| !takes_tail(folded, &parts)) {
                at = t.start();
            }
            sum(folded, &parts, out);
        } else if caps.get(C_JIAO).is_some() {
            tenths(folded, &caps, out);
        } else {
            hundredths(folded, &caps, out);
        }
    }
}

/// Whether a sum's lone digit after 块 or 元 is its 角 (`三块五`, `一元五`):
/// where the figure ends there, not before another character of a word
/// (`三块五星`, `一元五次`) nor where the digit opens another number
/// (`1.5万元`, `5%`).
fn takes_tail(folded: &str, m: &Parts) -> bool {
    let cur = m.cur.map_or("", |c| c.as_str());
    m.tail.is_some_and(|t| {
        let after = &folded[t.end()..];
        matches!(cur, "块" | "元" | "圆")
            && m.jiao.is_none()
            && m.fen.is_none()
            && ends_figure(after)
            && !after.starts_with(['.', '%', '‰', '‱'])
    })
}

/// The groups of a match of [`MONEY`] that is a plain sum: an Arabic
/// number, units (`30万`, `18.2亿`) and one currency word (`元`, `美元`,
/// `元日币`), nothing else. Its groups are then known without the capture
/// search: shape A needs a sign or name first, no range mark means no low
/// end, the number's greedy repetition takes every digit and unit (no
/// currency word starts with one), which leaves the scale empty (matched,
/// with nothing) and the
/// currency word whole (no word is a shorter word and 角, 分 or a digit).
fn plain_sum(folded: &str, start: usize, end: usize) -> Option<MoneyGroups<'_>> {
    let text = &folded[start..end];
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let mut num_end = digits;
    if let Some(frac) = text[digits..].strip_prefix('.') {
        let k = frac.bytes().take_while(u8::is_ascii_digit).count();
        if k == 0 {
            return None;
        }
        num_end += 1 + k;
    }
    num_end = text.len()
        - text[num_end..]
            .trim_start_matches(['十', '百', '千', '万', '亿'])
            .len();
    let word = &text[num_end..];
    if !is_currency_word(word) {
        return None;
    }
    let mut g = Groups::new(folded, (start, end));
    g.set(B_NUM, start, start + num_end);
    g.set(B_SCALE, start + num_end, start + num_end);
    g.set(B_CUR, start + num_end, end);
    Some(g)
}

/// The groups of one sum (shape A or B).
#[derive(Clone, Copy)]
struct Parts<'h> {
    all: Group<'h>,
    pre: Option<Group<'h>>,
    sign: Option<Group<'h>>,
    lo: Option<Group<'h>>,
    num: Group<'h>,
    more: bool,
    scale: &'h str,
    cur: Option<Group<'h>>,
    jiao: Option<Group<'h>>,
    fen: Option<Group<'h>>,
    tail: Option<Group<'h>>,
}

/// The group names of [`SUM`] for shapes A and B, in the order
/// `sign lo num more scale cur jiao fen tail`.
const A_GROUPS: [usize; 9] = [
    A_SIGN, A_LO, A_NUM, A_MORE, A_SCALE, A_CUR, A_JIAO, A_FEN, A_TAIL,
];
const B_GROUPS: [usize; 9] = [
    B_SIGN, B_LO, B_NUM, B_MORE, B_SCALE, B_CUR, B_JIAO, B_FEN, B_TAIL,
];

impl<'h> Parts<'h> {
    /// The parts of a match of shape A (`names` is [`A_GROUPS`]) or B;
    /// `None` when that shape did not match.
    fn of(caps: &MoneyGroups<'h>, names: &[usize; 9]) -> Option<Self> {
        let g = |i: usize| caps.get(names[i]);
        Some(Parts {
            all: caps.all(),
            pre: caps.get(A_PRE).filter(|_| names[0] == A_GROUPS[0]),
            sign: g(0),
            lo: g(1),
            num: g(2)?,
            more: g(3).is_some(),
            scale: g(4).map_or("", |m| m.as_str()),
            cur: g(5),
            jiao: g(6),
            fen: g(7),
            tail: g(8),
        })
    }
}

/// `30万元`, `5-10万元`, `2元5角`, `三块五`, `五六百美元`, `￥100`,
/// `人民币100万元`, `港币2960元`, `美元1.5亿`.
fn sum(folded: &str, m: &Parts, out: &mut Vec<Figure>) {
    // `每美元0.01元`: a currency named after 每 is the unit a rate is per,
    // not the figure's currency; the figure is in the word after it (元,
    // CNY), or is no sum without one (`每美元0.5`).
    let per_unit = m
        .pre
        .is_some_and(|p| folded[..p.start()].ends_with(PER_UNIT));
    if per_unit && m.cur.is_none() {
        return;
    }
    let m = &if per_unit {
        Parts { pre: None, ..*m }
    } else {
        *m
    };
    let cur = m.cur.map_or("", |c| c.as_str());
    // The currency: a word after naming one (`港币2960美元` is USD), else
    // the name or sign in front, else the word after (`元` is CNY).
    let code = match m.pre {
        Some(p) if cur.is_empty() || is_generic(cur) => code_of(p.as_str()),
        _ => code_of(cur),
    };
    // `三块五`, `一元五`: a lone digit after 块 or 元 is its 角 where the
    // figure ends there; before another character of a word (`三块五星`,
    // `一元五次`) it is not part of the sum.
    let tail = m.tail.filter(|_| takes_tail(folded, m));
    let end = match (m.tail, tail) {
        (Some(t), None) => t.start(),
        _ => m.all.end(),
    };
    let after = &folded[end..];
    let subunits = m.jiao.is_some() || m.fen.is_some() || tail.is_some();
    if cur == "块" && !subunits {
        return; // `3块牌子`: 块 alone is a measure word
    }
    if cur.ends_with('元')
        && !subunits
        && m.cur.is_some_and(|c| yuan_word_follows(&folded[c.end()..]))
    {
        return;
    }
    // A name in front (`人民币`, `美元`) is followed by its sum only when
    // something says the number is money: a currency word, a scale, or
    // the figure ending there (`人民币2024年` is a year).
    let named = m.pre.is_some_and(|p| {
        p.as_str()
            .chars()
            .any(|c| !c.is_ascii() && !"￥¥€£".contains(c))
    });
    if named
        && cur.is_empty()
        && m.scale.is_empty()
        && !m.num.as_str().contains(['万', '亿', '兆'])
        && !ends_figure(after)
    {
        return;
    }
    // `统一100万元`: a word ending in a numeral is not part of the number.
    let (num_start, num_text) = if m.pre.is_some() {
        (m.num.start(), m.num.as_str())
    } else {
        strip_word_numerals(m.num.start(), m.num.as_str())
    };
    if !has_digit(num_text) && bare_scale_refused(folded, num_start, num_text) {
        return;
    }
    if spaced_digits(num_text).is_some()
        || m.lo.is_some_and(|l| spaced_digits(l.as_str()).is_some())
    {
        return; // `一 二万元`: two numbers laid out apart, not one figure
    }
    if m.pre.is_none()
        && lone_chinese_digit(num_text)
        && m.scale.is_empty()
        && matches!(cur, "元" | "圆")
        && !subunits
        && !ends_figure(after)
        && !after.starts_with(['钱', '整', '正'])
        && !range_goes_on(after)
    {
        return; // `三元正极材料`, `一元二次`; but `五元钱`, `一元`, `五元至十五元`
    }
    let sign = sign_of(folded, m.sign);
    let more =
        m.more || (!has_digit(num_text) && folded[..num_start].ends_with(VAGUE_BEFORE_UNITS));
    let cents = sub_units(m.jiao, m.fen, tail);
    let start = m.pre.map_or(num_start, |p| p.start());
    if m.lo.is_none() && !has_arabic(num_text) {
        if let Some((lo, hi)) = vague_range(num_text) {
            // `五六百美元`: 500 to 600, the low end spanning its digit.
            let (Some(lo), Some(hi)) = (scaled(lo, m.scale), scaled(hi, m.scale)) else {
                return;
            };
            let split = num_start + num_text.chars().next().map_or(0, char::len_utf8);
            push_range(out, (start, split, lo), (split, end, hi), code);
            return;
        }
    }
    let Some(mut v) = amount(num_text, m.scale).map(|v| v.plus(cents)) else {
        return;
    };
    if CENTS.iter().any(|(w, _)| *w == cur) {
        v = v.tenths(2);
    }
    if let Some(lo) = m.lo {
        let hi_num = format!("{num_text}{}", m.scale);
        let (lo_start, lo_text) = strip_word_numerals(lo.start(), lo.as_str());
        if let Some(lo_v) = range_low(lo_text, &hi_num, v) {
            let lo_start = m.pre.or(sign).map_or(lo_start, |s| s.start());
            push_range(
                out,
                (lo_start, lo.end(), negate_if(lo_v, sign)),
                (num_start, end, v.to_f64()),
                code,
            );
            if let Some(high) = out.last_mut() {
                high.approx = more;
            }
            return;
        }
        // Not a range after all (`2025-100万元`): keep the high end alone.
        let mut f = Figure::new(num_start, end, v.to_f64(), Kind::Money(code), more);
        f.listable(num_start, trailing_units(num_text, m.scale), num_text);
        out.push(f);
        return;
    }
    let start = m.pre.or(sign).map_or(num_start, |s| s.start());
    let mut f = Figure::new(
        start,
        end,
        negate_if(v.to_f64(), sign),
        Kind::Money(code),
        more,
    );
    if sign.is_none() && !subunits && !cur.is_empty() {
        f.listable(num_start, trailing_units(num_text, m.scale), num_text);
    }
    out.push(f);
}

fn push_range(
    out: &mut Vec<Figure>,
    lo: (usize, usize, f64),
    hi: (usize, usize, f64),
    code: &'static str,
) {
    let mut low = Figure::new(lo.0, lo.1, lo.2, Kind::Money(code), false);
    low.bound = Some(Bound::Min);
    out.push(low);
    let mut high = Figure::new(hi.0, hi.1, hi.2, Kind::Money(code), false);
    high.bound = Some(Bound::Max);
    out.push(high);
}

fn scaled(v: Dec, scale: &str) -> Option<f64> {
    let mut v = v;
    for c in scale.chars().filter(|&c| c != '个') {
        v = v.times(small_unit(c).or_else(|| big_unit(c))?);
    }
    Some(v.to_f64())
}

/// 角 and 分 after a sum, as a fraction of the yuan.
fn sub_units(jiao: Option<Group>, fen: Option<Group>, tail: Option<Group>) -> Dec {
    let digit = |m: Option<Group>, k| {
        m.and_then(|m| parse_dec(m.as_str()))
            .map_or(Dec::ZERO, |d| d.tenths(k))
    };
    digit(jiao.or(tail), 1).plus(digit(fen, 2))
}

/// `5角`, `3角5分`, `五毛钱`; a Chinese numeral before a lone 角 or 毛 is
/// money only with a 分 after it or 钱 (`一角钱`), since `城市一角` is a
/// corner and `一毛不拔` a saying; `5毛` needs the figure to end there
/// (`5毛利`).
fn tenths(folded: &str, caps: &MoneyGroups, out: &mut Vec<Figure>) {
    let all = caps.all();
    let (Some(j), Some(mark)) = (caps.get(C_JIAO), caps.get(C_MARK)) else {
        return;
    };
    let after = &folded[all.end()..];
    let fen = caps.get(C_FEN);
    if after.starts_with(NOT_MONEY_AFTER_JIAO) && fen.is_none() {
        return;
    }
    let arabic = has_arabic(j.as_str());
    if fen.is_none() && !after.starts_with('钱') {
        let ok = arabic && (mark.as_str() == "角" || ends_figure(after));
        if !ok {
            return;
        }
    }
    let sign = sign_of(folded, caps.get(C_SIGN));
    let start = sign.map_or(j.start(), |s| s.start());
    if folded[..start].ends_with(|c: char| c.is_ascii_digit() || c == '.') {
        return;
    }
    let Some(mut v) = parse_dec(j.as_str()).map(|d| d.tenths(1)) else {
        return;
    };
    if let Some(f) = fen.and_then(|m| parse_dec(m.as_str())) {
        v = v.plus(f.tenths(2));
    }
    out.push(Figure::new(
        start,
        all.end(),
        negate_if(v.to_f64(), sign),
        Kind::Money("CNY"),
        false,
    ));
}

/// `8分钱`.
fn hundredths(folded: &str, caps: &MoneyGroups, out: &mut Vec<Figure>) {
    let all = caps.all();
    let Some(f) = caps.get(D_FEN) else {
        return;
    };
    if folded[..all.start()].ends_with(|c: char| c.is_ascii_digit() || c == '.') {
        return;
    }
    let Some(v) = parse_dec(f.as_str()).map(|d| d.tenths(2)) else {
        return;
    };
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
    for c in scale.chars().filter(|&c| c != '个') {
        v = v.times(small_unit(c).or_else(|| big_unit(c))?);
    }
    Some(v)
}

/// The product of the units after a number's last digit (`20万` and `亿`
/// give 1e12 … `20` and `万` give 1e4): what a bare number listed before
/// it borrows (`100、50、20万元`).
fn trailing_units(num: &str, scale: &str) -> Dec {
    let last_digit = num
        .char_indices()
        .rfind(|&(_, c)| c.is_ascii_digit() || cn_digit(c).is_some())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let k: f64 = num[last_digit..]
        .chars()
        .chain(scale.chars())
        .filter_map(|c| small_unit(c).or_else(|| big_unit(c)))
        .product();
    Dec::int(k)
}

pub(crate) fn has_digit(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_ascii_digit() || cn_digit(c).is_some())
}

fn has_arabic(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

/// A number made of units only is a figure when it reads as one
/// (`百万元`, `千元`, `超亿元`), not as a rate base (`每万元`) or a bare
/// scale (`万元以上`, `亿万农民`).
fn bare_scale_refused(folded: &str, start: usize, num: &str) -> bool {
    let before = folded[..start].chars().next_back();
    if before == Some('每') {
        return true;
    }
    num.starts_with(['万', '亿', '兆']) && !before.is_some_and(|c| BEFORE_BARE_SCALE.contains(&c))
}

/// One ordinary Chinese digit before a bare 元 is a term far more often
/// than a price (`三元正极材料`, `二元结构`, `一元化`) unless the figure ends
/// there; `五元钱`, `壹元` (a financial capital) still count.
fn lone_chinese_digit(num: &str) -> bool {
    let mut it = num.chars();
    matches!((it.next(), it.next()), (Some(c), None)
        if matches!(c, '零' | '〇' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九'))
}

/// Whether a range's high end follows (`至十五元`, `到20元`): the figure
/// before is its low end.
fn range_goes_on(after: &str) -> bool {
    let Some(rest) = RANGE_MARKS.iter().find_map(|m| after.strip_prefix(m)) else {
        return false;
    };
    rest.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || cn_digit(c).is_some() || small_unit(c).is_some())
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
    if lo.contains(['万', '亿', '兆']) {
        let lo_v = lo_d.to_f64();
        return (lo_v <= hi_v).then_some(lo_v);
    }
    let last_digit = hi_num
        .char_indices()
        .rfind(|&(_, c)| c.is_ascii_digit() || cn_digit(c).is_some())
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
        .is_some_and(|c| c.is_ascii_digit() || cn_digit(c).is_some());
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

/// The word that makes the unit after it a rate's base (`每美元`, `每吨`).
const PER_UNIT: char = '每';

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts_of(text: &str) -> Vec<(f64, &'static str, usize, usize)> {
        let mut out = Vec::new();
        find_amounts(text, &mut out, 100);
        out.iter()
            .map(|f| match f.kind {
                Kind::Money(code) => (f.value, code, f.start, f.end),
                _ => unreachable!("find_amounts yields money"),
            })
            .collect()
    }

    /// Cells run together (`680亿元760亿元1000亿元以上`): a digit after 元
    /// that does not end the figure starts the next one.
    #[test]
    fn figures_run_together_are_each_read_whole() {
        let values: Vec<f64> = amounts_of("增加值680亿元760亿元1000亿元以上")
            .into_iter()
            .map(|a| a.0)
            .collect();
        assert_eq!(
            values,
            [68_000_000_000.0, 76_000_000_000.0, 100_000_000_000.0]
        );
        // A lone digit after 元 where the figure ends is its 角.
        let values: Vec<f64> = amounts_of("票价三元五。")
            .into_iter()
            .map(|a| a.0)
            .collect();
        assert_eq!(values, [3.5]);
    }

    /// A currency after 每 is the base of a rate, not the currency of the
    /// figure that follows it (held-out q4: `每美元0.01元`).
    #[test]
    fn a_currency_after_per_is_no_figure_s_currency() {
        let text = "按出口额每美元0.01元给予奖励";
        let start = text.find("0.01").expect("figure");
        assert_eq!(
            amounts_of(text),
            [(0.01, "CNY", start, start + "0.01元".len())]
        );
        assert_eq!(amounts_of("每美元0.5"), []);
        // Without 每 a name in front is the figure's currency.
        assert_eq!(amounts_of("美元0.5亿")[0].1, "USD");
        assert_eq!(amounts_of("每港币2元")[0].1, "CNY");
    }

    /// The fast path reads every plain sum as the capture search does.
    #[test]
    fn plain_sums_read_as_captured() {
        let nums = [
            "5",
            "30",
            "1.5",
            "18.2",
            "0.5",
            "3千",
            "1.5万",
            "20亿",
            "5.",
            "100万亿",
        ];
        let before = [
            "",
            "负",
            "-",
            "约",
            "人民币",
            "港币",
            "美元",
            "￥",
            "US$",
            "第",
            "3",
            " ",
        ];
        let words = CURRENCIES
            .iter()
            .chain(NAMES)
            .chain(CENTS)
            .map(|(w, _)| w.to_string())
            .chain(NAMES.iter().map(|(w, _)| format!("元{w}")))
            .chain(
                [
                    "元5角",
                    "元零5分",
                    "块5",
                    "多万元",
                    "万元以上",
                    "元旦",
                    "至10万元",
                    "(含)至10万元",
                    "—20万元",
                    "人民币元",
                ]
                .map(String::from),
            );
        let (mut fast, mut locs) = (0, MONEY.capture_locations());
        for w in words {
            for n in nums {
                for b in before {
                    let text = format!("{b}{n}{w}的");
                    for m in MONEY.find_iter(&text) {
                        let Some(g) = plain_sum(&text, m.start(), m.end()) else {
                            continue;
                        };
                        fast += 1;
                        let c = Groups::captured(&MONEY, &mut locs, &text, m, &GROUPS);
                        assert_eq!(g.spans, c.spans, "{text}");
                        assert_eq!(g.all, c.all, "{text}");
                    }
                }
            }
        }
        assert!(fast > 3000, "{fast}");
    }
}
