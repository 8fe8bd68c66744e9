//! Entities: sums of money and percentages found in text.
//!
//! Works on plain `&str` (a notice's text, or one line), returns figures
//! with code-point spans relative to that text; `section`/`clause` are left
//! null here and filled by the pipeline from the structure's spans.
//!
//! # How
//!
//! 1. **Regions.** A cheap scan of the original text finds *markers*: a
//!    numeral followed by a currency or percent word (`萬元`, `0%`, `五成`,
//!    `個百分點`, `塊錢`), `分之`, a currency sign or code (`￥`, `RMB`), or a
//!    currency name before a numeral (`港幣2960元`). Each marker's
//!    sentence (up to `。` `;` `!` `?` or a line break) is a region; text
//!    without markers (most of a notice) is never folded or matched.
//! 2. **Folding.** A region is folded ([`fold`], as
//!    `decode::normalize::Folded` folds: traditional → simplified,
//!    full-width → ASCII, char for char), so the patterns are written
//!    once, in simplified characters and ASCII.
//! 3. **Figures.** [`money`] and [`percent`] find figures in the folded
//!    region; [`numerals`] gives their values.
//! 4. **Lists.** Bare numbers listed with `、` before a figure share its
//!    unit (`分別提高3.9、2.0、2.9個百分點`, `100、50和20萬元`): each becomes
//!    a figure of its own.
//! 5. **Bounds.** [`bound`] decides `max`/`min`/`approx`/`exact` from the
//!    qualifier words of each figure's phrase.
//!
//! Everything is linear in the text: the regex crate never backtracks, a
//! region is scanned a fixed number of times, and the bound pass looks at
//! each character between two figures once.

pub mod numerals;

mod bound;
mod fold;
mod money;
mod percent;

use crate::model::{Amount, Bound, PercentUnit, Percentage, Warning, WarningCode};
use numerals::Dec;
use std::sync::LazyLock;

/// Money and percentages found in one text.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Entities {
    pub amounts: Vec<Amount>,
    pub percentages: Vec<Percentage>,
    /// Figures refused or not read: a value out of range
    /// (`figure_out_of_range`), a cap reached (`figures_capped`). Written
    /// only when there are some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// Most figures read in one sentence (region). A table row or a sentence
/// of a budget holds dozens; a line of six megabytes of `50%` would make
/// two million, and a record of hundreds of megabytes.
pub const MAX_FIGURES_PER_REGION: usize = 1_000;

/// Most figures (amounts and percentages together) read in one text.
pub const MAX_FIGURES: usize = 10_000;

/// An Arabic number, folded: `1,000`, `18.2`, `100`.
pub(crate) const ARABIC: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)";

/// A Chinese numeral character, folded: digits, units, 廿/卅/卌, capitals.
pub(crate) const CN: &str =
    "[零〇○一二两三四五六七八九十百千万亿兆廿卅卌壹贰叁参肆伍陆柒捌玖拾佰仟]";

/// Any number, folded: Arabic, Chinese, financial or mixed (`3千万`,
/// `一点五亿`, `二十点五`, `壹佰万`), with layout spaces between Chinese
/// characters (`五 十`; never between Arabic digits, which would merge two
/// figures). What it means is [`numerals::parse_numeral`]'s job.
pub(crate) static NUM: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|{CN}(?:\x20?{CN})*(?:点[零〇○一二三四五六七八九0-9]+)?)+"
    )
});

/// Indices of named capture groups, resolved once: `Captures::name` hashes
/// the name on every call, which showed in profiles of the hot loop.
pub(crate) fn group_indices<const N: usize>(re: &regex::Regex, names: [&str; N]) -> [usize; N] {
    names.map(|n| {
        re.capture_names()
            .position(|c| c == Some(n))
            .expect("the pattern names this group")
    })
}

/// One group of a match: its byte span in the folded region and its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Group<'h> {
    start: usize,
    end: usize,
    text: &'h str,
}

impl<'h> Group<'h> {
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn end(&self) -> usize {
        self.end
    }

    pub(crate) fn as_str(&self) -> &'h str {
        self.text
    }
}

/// The groups of one match of a pattern with `N` named groups, by the
/// module's own numbering of them. Read from the regex's capture search,
/// or set by a module's fast path that reads a plain match (`30万元`,
/// `20%`, nearly every figure) without that search: it costs far more
/// than finding the match.
pub(crate) struct Groups<'h, const N: usize> {
    hay: &'h str,
    all: (usize, usize),
    spans: [Option<(usize, usize)>; N],
}

impl<'h, const N: usize> Groups<'h, N> {
    /// A match over `all` in `hay` with no group set.
    pub(crate) fn new(hay: &'h str, all: (usize, usize)) -> Self {
        Groups {
            hay,
            all,
            spans: [None; N],
        }
    }

    /// The groups of the match of `re` starting where `m` does, `index`
    /// giving each group's index in `re`: the leftmost-first match from a
    /// position is the same whatever the search started from, so this
    /// reads `m` itself.
    pub(crate) fn captured(
        re: &regex::Regex,
        locs: &mut regex::CaptureLocations,
        hay: &'h str,
        m: regex::Match,
        index: &[usize; N],
    ) -> Self {
        let mut g = Groups::new(hay, (m.start(), m.end()));
        if re.captures_read_at(locs, hay, m.start()).is_some() {
            for (span, &i) in g.spans.iter_mut().zip(index) {
                *span = locs.get(i);
            }
        }
        g
    }

    pub(crate) fn set(&mut self, i: usize, start: usize, end: usize) {
        self.spans[i] = Some((start, end));
    }

    pub(crate) fn all(&self) -> Group<'h> {
        self.group(self.all)
    }

    pub(crate) fn get(&self, i: usize) -> Option<Group<'h>> {
        self.spans[i].map(|s| self.group(s))
    }

    fn group(&self, (start, end): (usize, usize)) -> Group<'h> {
        Group {
            start,
            end,
            text: &self.hay[start..end],
        }
    }
}

/// The mark between the ends of a range: `3—10万元`, `5至10万元`.
pub(crate) const RANGE: &str = r"(?:——|—|-|–|−|―|~|至|到)";

/// A figure while it is being found: byte offsets into the folded region.
#[derive(Debug, Clone)]
pub(crate) struct Figure {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub kind: Kind,
    /// Set by a range (`min`/`max`) or by the bound pass.
    pub bound: Option<Bound>,
    /// Written with 多 or 余 (`100多万元`): approximate unless a word says
    /// otherwise.
    pub approx: bool,
    /// For a figure whose Arabic number bare numbers listed before it may
    /// share (`100、50、20万元`): where its number starts and what a bare
    /// number is multiplied by (1e4 for `万元`, 0.1 for `‰`).
    pub list: Option<(usize, Dec)>,
}

impl Figure {
    pub(crate) fn new(start: usize, end: usize, value: f64, kind: Kind, approx: bool) -> Self {
        Figure {
            start,
            end,
            value,
            kind,
            bound: None,
            approx,
            list: None,
        }
    }

    /// Lets bare numbers listed before this figure share its unit, when
    /// its number (`num`, starting at `num_start`) is Arabic.
    pub(crate) fn listable(&mut self, num_start: usize, per: Dec, num: &str) {
        if num.starts_with(|c: char| c.is_ascii_digit()) {
            self.list = Some((num_start, per));
        }
    }
}

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Money in the currency with this ISO 4217 code.
    Money(&'static str),
    Percent(PercentUnit),
}

/// A test of the text after a character: whether the character, followed
/// by it, marks a figure.
type Check = fn(&str) -> bool;

/// Whether `c` (followed by the text a [`Check`] gets) marks a figure
/// when a numeral precedes it: the first character of a currency word or
/// a percent sign or word, in either script and width. `None` for a
/// character that never does. Where the first character alone is too
/// common (`日` after every date, `人` after every head count) the next
/// one is checked too.
fn after_numeral_check(c: char) -> Option<Check> {
    Some(match c {
        '元' | '圆' | '圓' | '美' | '港' | '欧' | '歐' | '英' | '澳' | '韩' | '韓' | '卢'
        | '盧' | '瑞' | '泰' | '林' | '越' | '印' | '角' | '毛' | '块' | '塊' | '%' | '％'
        | '‰' | '成' | '折' => |_| true,
        '日' => |r| r.starts_with(['元', '圆', '圓', '币', '幣']),
        '人' => |r| r.starts_with('民'),
        '新' => |r| r.starts_with(['加', '西', '台', '臺', '币', '幣']),
        '加' => |r| r.starts_with(['元', '拿', '币', '幣']),
        '台' | '臺' => |r| r.starts_with(['币', '幣']),
        '分' => |r| r.starts_with(['钱', '錢']),
        '百' => |r| r.starts_with('分'),
        '个' | '個' => |r| r.starts_with(['百', '基']),
        _ => return None,
    })
}

/// Whether `rest` goes on with the rest of a currency name and a numeral
/// (`港幣2960元`, `美元 1.5億`): a name before its sum. Looks at most four
/// characters ahead for the name's last character.
fn name_then_numeral(rest: &str) -> bool {
    let mut it = rest.char_indices().take(4);
    let Some((i, c)) = it.find(|&(_, c)| {
        matches!(
            c,
            '元' | '圆' | '圓' | '币' | '幣' | '金' | '镑' | '鎊' | '布'
        )
    }) else {
        return false;
    };
    rest[i + c.len_utf8()..]
        .trim_start_matches([' ', '\u{3000}'])
        .starts_with(|n: char| {
            n.is_ascii_digit() || ('０'..='９').contains(&n) || numerals::cn_digit(n).is_some()
        })
}

/// Codes written in front of a number (`RMB 2,000`).
const CURRENCY_CODES: &[&str] = &[
    "RMB", "CNY", "USD", "HKD", "EUR", "GBP", "JPY", "NT$", "TWD",
];

/// Whether `c` (followed by the text a [`Check`] gets) marks a figure
/// with no numeral before it: fractions (`三分之二`: the mark is `分之`),
/// signs, codes and names in front of the number. `None` for a character
/// that never does.
fn alone_check(c: char) -> Option<Check> {
    Some(match c {
        '分' => |r| r.starts_with('之'),
        '人' => |r| r.starts_with('民'),
        '对' | '對' => |r| r.starts_with('折'),
        '￥' | '¥' | '$' | '＄' | '€' | '£' => |_| true,
        'C' | 'E' | 'G' | 'H' | 'J' | 'N' | 'R' | 'T' | 'U' => {
            |r| CURRENCY_CODES.iter().any(|w| r.starts_with(&w[1..]))
        }
        // First characters of currency names: most of them start common
        // words (`日期`, `创新`, `加快`), so the second character is checked
        // before the name is looked for.
        '美' | '港' | '欧' | '歐' | '日' | '英' | '韩' | '韓' | '台' | '臺' | '卢' | '盧'
        | '澳' | '加' | '新' => |r| {
            r.starts_with([
                '元', '金', '刀', '币', '幣', '镑', '鎊', '布', '圆', '圓', '台', '臺', '加', '西',
                '门', '門', '拿', '大',
            ]) && name_then_numeral(r)
        },
        _ => return None,
    })
}

/// Characters that may end a number in the original text (`多`/`余` as in
/// `100多万`), in either script and width.
fn is_marker_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || numerals::cn_digit(c).is_some()
        || numerals::small_unit(c).is_some()
        || numerals::big_unit(c).is_some()
        || numerals::tens_digit(c).is_some()
        || matches!(c, '多' | '余' | '餘' | '几' | '幾' | '点' | '點')
}

/// Characters that end a sentence: a region never crosses one.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | ';' | '；' | '!' | '！' | '?' | '？' | '\n' | '\r')
}

/// What the regions scan needs to know of a character, as bits.
const NUMERAL: u8 = 1;
const SENTENCE_END: u8 = 2;
const AFTER_NUMERAL: u8 = 4;
const ALONE: u8 = 8;
const SPACE: u8 = 16;

fn class_of(c: char) -> u8 {
    let mut k = 0;
    if is_marker_numeral(c) {
        k |= NUMERAL;
    }
    if ends_sentence(c) {
        k |= SENTENCE_END;
    }
    if after_numeral_check(c).is_some() {
        k |= AFTER_NUMERAL;
    }
    if alone_check(c).is_some() {
        k |= ALONE;
    }
    if c == ' ' || c == '\u{3000}' {
        k |= SPACE;
    }
    k
}

/// [`class_of`] for every character of the Basic Multilingual Plane,
/// where nearly all text is, and a bitmap of the characters whose class
/// is not 0: nearly every character of a notice is of class 0, and the
/// 8 KiB of bits say so from the first-level cache, where the 64 KiB
/// table, read only for the others, does not stay.
struct Classes {
    nonzero: Box<[u64]>,
    class: Box<[u8]>,
}

static CLASSES: LazyLock<Classes> = LazyLock::new(|| {
    let class: Box<[u8]> = (0..=0xFFFF_u32)
        .map(|u| char::from_u32(u).map_or(0, class_of))
        .collect();
    let mut nonzero = vec![0u64; class.len() / 64].into_boxed_slice();
    for (u, _) in class.iter().enumerate().filter(|(_, &k)| k != 0) {
        nonzero[u / 64] |= 1 << (u % 64);
    }
    Classes { nonzero, class }
});

impl Classes {
    /// [`class_of`] the character of code point `u`.
    #[inline(always)]
    fn of_u32(&self, u: u32) -> u8 {
        let u = u as usize;
        match self.nonzero.get(u / 64) {
            Some(bits) if bits >> (u % 64) & 1 == 0 => 0,
            Some(_) => self.class[u],
            None => char::from_u32(u as u32).map_or(0, class_of),
        }
    }
}

/// Byte ranges of the sentences holding a marker, in order, disjoint.
///
/// One pass over the characters with a table lookup per character: this
/// is the only work that touches the whole text, so it avoids the regex
/// engine (a DFA over CJK classes walks byte by byte, several times
/// slower) and decodes the UTF-8 itself (`char_indices` cost twice the
/// table lookup). The rest of a sentence found to hold a marker is
/// skipped.
fn regions(text: &str) -> Vec<(usize, usize)> {
    let classes = &*CLASSES;
    let bytes = text.as_bytes();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let (mut sentence, mut done) = (0, 0);
    let mut after_numeral = false;
    let mut i = 0;
    while i < bytes.len() {
        let (u, len) = decode(bytes, i);
        let k = classes.of_u32(u);
        i += len;
        if k == 0 {
            after_numeral = false;
            continue;
        }
        if k & SENTENCE_END != 0 {
            sentence = i;
            after_numeral = false;
            continue;
        }
        let c = char::from_u32(u).unwrap_or('\0');
        let rest = &text[i..];
        let marks = |check: Option<Check>| check.is_some_and(|f| f(rest));
        if (after_numeral && k & AFTER_NUMERAL != 0 && marks(after_numeral_check(c)))
            || (k & ALONE != 0 && marks(alone_check(c)))
        {
            // On at the sentence's end: its character resets the state.
            let mut end = i;
            while end < bytes.len() {
                let (u, len) = decode(bytes, end);
                if classes.of_u32(u) & SENTENCE_END != 0 {
                    break;
                }
                end += len;
            }
            out.push((sentence.max(done), end));
            done = end;
            i = end;
            continue;
        }
        if k & SPACE == 0 {
            after_numeral = k & NUMERAL != 0;
        }
    }
    out
}

/// The code point starting at `bytes[i]` (a character boundary of a
/// `str`) and its length in bytes.
#[inline(always)]
fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
    let b0 = u32::from(bytes[i]);
    let cont = |k: usize| u32::from(bytes[i + k] & 0x3F);
    if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        ((b0 & 0x1F) << 6 | cont(1), 2)
    } else if b0 < 0xF0 {
        ((b0 & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)
    } else {
        (
            (b0 & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3),
            4,
        )
    }
}

/// Words that may join the last two numbers of a list (`3、5和8万元`).
const LAST_JOINTS: &[&str] = &["和", "及", "与", "或"];

/// `s` without the joint that ends it: `、`, or, before the last number of
/// a list (`last`), one of [`LAST_JOINTS`].
fn strip_joint(s: &str, last: bool) -> Option<&str> {
    let s = s.trim_end_matches(' ');
    s.strip_suffix('、').or_else(|| {
        LAST_JOINTS
            .iter()
            .filter(|_| last)
            .find_map(|j| s.strip_suffix(j))
    })
}

/// Rule 4 of the module doc: bare Arabic numbers joined by `、` right
/// before a figure share its unit (`3.9、2.0、2.9个百分点`,
/// `100、50、20万元`). Refused where the list starts its phrase (`2、100
/// 万元以上的项目` is an item label and a figure) or follows `第`.
fn list_shared_units(folded: &str, figs: &mut Vec<Figure>) {
    let n = figs.len();
    for k in 0..n {
        let Some((num_start, per)) = figs[k].list else {
            continue;
        };
        let kind = figs[k].kind;
        let first = figs.len();
        let mut pos = num_start;
        // `0.3、0.5和0.2个百分点`: the last joint may be a word.
        while let Some(b) = strip_joint(&folded[..pos], pos == num_start) {
            let b = b.trim_end_matches(' ');
            let start = b
                .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
                .len();
            let text = &b[start..];
            let Some(v) = text
                .starts_with(|c: char| c.is_ascii_digit())
                .then(|| numerals::parse_dec(text))
                .flatten()
            else {
                break;
            };
            figs.push(Figure::new(
                start,
                b.len(),
                v.mul(per).to_f64(),
                kind,
                false,
            ));
            pos = start;
        }
        let head = folded[..pos].trim_end_matches(' ');
        let label = head.is_empty()
            || head.ends_with(|c: char| {
                ends_sentence(c) || c.is_ascii_alphanumeric() || matches!(c, '第' | ')' | '(' | '.')
            })
            // `标准:1、100万元以上`: one small whole number after a colon or
            // comma is an item label too.
            || (figs.len() == first + 1
                && head.ends_with([':', ','])
                && folded[pos..].starts_with(|c: char| c.is_ascii_digit())
                && figs[first].value.fract() == 0.0
                && folded[pos..].find('、').is_some_and(|i| i <= 2));
        if label {
            figs.truncate(first);
        } else if let Kind::Percent(_) = kind {
            for f in &mut figs[first..] {
                f.value = (f.value * 1e4).round() / 1e4;
            }
        }
    }
}

/// A table's interval whose low end is a bare number (`(0,5%]`,
/// `[10,20)万元`): the low end shares the high end's unit, as a list's
/// numbers do, and the bound pass pairs the two (`bound`, rule 1).
fn interval_low_ends(folded: &str, figs: &mut Vec<Figure>) {
    for k in 0..figs.len() {
        let Some((num_start, per)) = figs[k].list else {
            continue;
        };
        let after = folded[figs[k].end..].trim_start_matches(' ');
        if !after.starts_with([')', ']', '】', '〕']) {
            continue;
        }
        let Some(head) = folded[..num_start].trim_end_matches(' ').strip_suffix(',') else {
            continue;
        };
        let head = head.trim_end_matches(' ');
        let start = head
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
        let opened = head[..start]
            .trim_end_matches(' ')
            .ends_with(['(', '[', '【', '〔']);
        let text = &head[start..];
        let Some(v) = (opened && text.starts_with(|c: char| c.is_ascii_digit()))
            .then(|| numerals::parse_dec(text))
            .flatten()
        else {
            continue;
        };
        let kind = figs[k].kind;
        let mut low = Figure::new(start, head.len(), v.mul(per).to_f64(), kind, false);
        if let Kind::Percent(_) = kind {
            low.value = (low.value * 1e4).round() / 1e4;
        }
        figs.push(low);
    }
}

/// Longest run of ASCII digits a figure can hold; a longer run (an account
/// number, a dump of digits) is no figure, and is cut out of its region so
/// the capture search never walks it (on a megabyte of digits that search
/// is the whole cost).
const MAX_DIGIT_RUN: usize = 40;

/// The parts of a region outside its runs of more than [`MAX_DIGIT_RUN`]
/// ASCII digits, pushed onto `out`: the region itself when it has none,
/// as nearly all do.
fn push_without_digit_runs(
    text: &str,
    (start, end): (usize, usize),
    out: &mut Vec<(usize, usize)>,
) {
    let bytes = &text.as_bytes()[start..end];
    // First a pass without branches on the bytes (digits and CJK
    // alternate, which defeats branch prediction): is there a long run?
    let longest = bytes
        .iter()
        .fold((0, 0), |(run, longest): (usize, usize), b| {
            let run = if b.is_ascii_digit() { run + 1 } else { 0 };
            (run, longest.max(run))
        })
        .1;
    if longest <= MAX_DIGIT_RUN {
        out.push((start, end));
        return;
    }
    let mut parts = Vec::new();
    let (mut from, mut run) = (start, 0);
    for (i, b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            run += 1;
            continue;
        }
        if run > MAX_DIGIT_RUN {
            parts.push((from, start + i - run));
            from = start + i;
        }
        run = 0;
    }
    if run > MAX_DIGIT_RUN {
        parts.push((from, end - run));
    } else {
        parts.push((from, end));
    }
    out.extend(parts.into_iter().filter(|(a, b)| a < b));
}

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

/// Finds every sum of money and percentage in `text`, in text order.
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
        let room = MAX_FIGURES - (out.amounts.len() + out.percentages.len());
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
        if money::could_hold_money(&folded) {
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
                Kind::Percent(unit) => out.percentages.push(Percentage {
                    text,
                    value: f.value,
                    unit,
                    bound,
                    section: None,
                    clause: None,
                    span,
                    low_confidence: false,
                }),
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
