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
//!    `個百分點`), `分之`, or a currency sign or code (`￥`, `RMB`). Each marker's
//!    sentence (up to `。` `;` `!` `?` or a line break) is a region; text
//!    without markers (most of a notice) is never folded or matched.
//! 2. **Folding.** A region is folded (`decode::normalize::Folded`:
//!    traditional → simplified, full-width → ASCII, char for char), so the
//!    patterns are written once, in simplified characters and ASCII.
//! 3. **Figures.** [`money`] and [`percent`] find figures in the folded
//!    region; [`numerals`] gives their values.
//! 4. **Bounds.** [`bound`] decides `max`/`min`/`approx`/`exact` from the
//!    qualifier words of each figure's phrase.
//!
//! Everything is linear in the text: the regex crate never backtracks, a
//! region is scanned a fixed number of times, and the bound pass looks at
//! each character between two figures once.

pub mod numerals;

mod bound;
mod money;
mod percent;

use crate::decode::normalize::Folded;
use crate::output::record::{Amount, Bound, PercentUnit, Percentage};

/// Money and percentages found in one text.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Entities {
    pub amounts: Vec<Amount>,
    pub percentages: Vec<Percentage>,
}

/// An Arabic number, folded: `1,000`, `18.2`, `100`.
pub(crate) const ARABIC: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)";

/// Any number, folded: Arabic, Chinese, financial or mixed (`3千万`,
/// `一点五亿`, `壹佰万`). What it means is [`numerals::parse_numeral`]'s job.
pub(crate) const NUM: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|[零〇○一二两三四五六七八九]点[零〇○一二三四五六七八九]+|[零〇○一二两三四五六七八九十百千万亿壹贰叁参肆伍陆柒捌玖拾佰仟])+";

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

/// Whether `c` at byte `i` (followed by `rest`) marks a figure when a
/// numeral precedes it: the first character of a currency word or a
/// percent sign or word, in either script and width. Where the first
/// character alone is too common (`日` after every date, `人` after every
/// head count) the next one is checked too.
fn marks_after_numeral(c: char, rest: &str) -> bool {
    match c {
        '元' | '圆' | '圓' | '美' | '港' | '欧' | '歐' | '英' | '澳' | '韩' | '韓' | '卢'
        | '盧' | '瑞' | '泰' | '林' | '越' | '印' | '角' | '%' | '％' | '‰' | '成' | '折' => {
            true
        }
        '日' => rest.starts_with(['元', '圆', '圓']),
        '人' => rest.starts_with('民'),
        '新' => rest.starts_with(['加', '西', '台', '臺']),
        '加' => rest.starts_with(['元', '拿']),
        '百' => rest.starts_with('分'),
        '个' | '個' => rest.starts_with('百'),
        _ => false,
    }
}

/// Codes written in front of a number (`RMB 2,000`).
const CURRENCY_CODES: &[&str] = &["RMB", "CNY", "USD", "HKD", "EUR", "GBP", "JPY"];

/// Whether `c` (followed by `rest`) marks a figure with no numeral before
/// it: fractions (`三分之二`: the mark is `分之`) and signs or codes in
/// front of the number.
fn marks_alone(c: char, rest: &str) -> bool {
    match c {
        '分' => rest.starts_with('之'),
        '人' => rest.starts_with('民'),
        '￥' | '¥' | '$' | '＄' | '€' | '£' => true,
        'C' | 'E' | 'G' | 'H' | 'J' | 'R' | 'U' => {
            CURRENCY_CODES.iter().any(|w| rest.starts_with(&w[1..]))
        }
        _ => false,
    }
}

/// Characters that may end a number in the original text (`多`/`余` as in
/// `100多万`), in either script and width.
fn is_marker_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || numerals::cn_digit(c).is_some()
        || numerals::small_unit(c).is_some()
        || numerals::big_unit(c).is_some()
        || matches!(c, '多' | '余' | '餘')
}

/// Characters that end a sentence: a region never crosses one.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | ';' | '；' | '!' | '！' | '?' | '？' | '\n' | '\r')
}

/// Byte ranges of the sentences holding a marker, in order, disjoint.
///
/// One pass over the characters with a `match` per character: this is the
/// only work that touches the whole text, so it avoids the regex engine
/// (a DFA over CJK classes walks byte by byte, several times slower).
fn regions(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let (mut sentence, mut done) = (0, 0);
    let mut after_numeral = false;
    for (i, c) in text.char_indices() {
        let next = i + c.len_utf8();
        if ends_sentence(c) {
            sentence = next;
            after_numeral = false;
            continue;
        }
        if i < done {
            continue;
        }
        let rest = &text[next..];
        if (after_numeral && marks_after_numeral(c, rest)) || marks_alone(c, rest) {
            let end = rest.find(ends_sentence).map_or(text.len(), |k| next + k);
            out.push((sentence.max(done), end));
            done = end;
            continue;
        }
        if c != ' ' && c != '\u{3000}' {
            after_numeral = is_marker_numeral(c);
        }
    }
    out
}

/// Finds every sum of money and percentage in `text`, in text order.
///
/// # Example
///
/// ```
/// use notice_extract::entities::find_entities;
/// use notice_extract::output::record::Bound;
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
    for (start, end) in regions(text) {
        chars += text[byte..start].chars().count();
        byte = start;
        let folded = Folded::new(&text[start..end]);
        figs.clear();
        // Most sentences hold one kind of figure: skip the other pattern
        // (a capturing search costs far more than this check).
        if folded.folded.contains(money::could_hold_money) {
            money::find_amounts(&folded.folded, &mut figs);
        }
        if percent::could_hold_percentage(&folded.folded) {
            percent::find_percentages(&folded.folded, &mut figs);
        }
        figs.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        let mut last_end = 0;
        figs.retain(|f| {
            let keep = f.start >= last_end;
            if keep {
                last_end = f.end;
            }
            keep
        });
        bound::assign_bounds(&folded.folded, &mut figs);
        for f in &figs {
            let (s, e) = (folded.char_at(f.start), folded.char_at(f.end));
            let text = folded.original_slice(s, e).to_string();
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
    out
}
