//! Entities: sums of money and percentages found in text.
//!
//! Works on plain `&str` (a notice's text, or one line), returns figures
//! with code-point spans relative to that text; `section`/`clause` are left
//! null here and filled by the pipeline from the structure's spans.
//!
//! # How
//!
//! 1. **Regions.** A cheap scan of the original text finds *markers*: a
//!    numeral followed by a currency or percent sign (`萬元`, `0%`, `五成`),
//!    `分之`, `百分點`, or a currency sign (`￥`, `RMB`). Each marker's
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

use std::sync::LazyLock;

use regex::Regex;

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

/// Markers of a figure in the original text, either script and width:
/// a numeral then the first character of a currency or percent word, or a
/// word that needs no numeral before it. A loose net on purpose (`25日`
/// is caught by `日元`'s 日): it only decides which sentences get a closer
/// look, and a miss would lose a figure while a false hit costs a little
/// time.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        [0-9０-９零〇○一二两兩三四五六七八九十百千万萬亿億壹贰貳叁叄参參肆伍陆陸柒捌玖拾佰仟多余餘个個]
        [\x20\u3000]*
        [元圆圓美港欧歐日英澳加新韩韓卢盧瑞泰林越印人角%％‰成折个個百]
        | 分之 | [￥¥$＄€£] | RMB | CNY | USD | HKD | EUR | GBP | JPY
        ",
    )
    .expect("marker pattern compiles")
});

/// Characters that end a sentence: a region never crosses one.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | ';' | '；' | '!' | '！' | '?' | '？' | '\n' | '\r')
}

/// Byte ranges of the sentences holding a marker, in order, disjoint.
fn regions(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut done = 0;
    for m in MARKER.find_iter(text) {
        if m.start() < done {
            continue;
        }
        let head = &text[done..m.start()];
        let start = head
            .char_indices()
            .rev()
            .find(|&(_, c)| ends_sentence(c))
            .map_or(done, |(i, c)| done + i + c.len_utf8());
        let end = text[m.end()..]
            .find(ends_sentence)
            .map_or(text.len(), |i| m.end() + i);
        out.push((start, end));
        done = end;
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
        money::find_amounts(&folded.folded, &mut figs);
        percent::find_percentages(&folded.folded, &mut figs);
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
                }),
                Kind::Percent(unit) => out.percentages.push(Percentage {
                    text,
                    value: f.value,
                    unit,
                    bound,
                    section: None,
                    clause: None,
                    span,
                }),
            }
        }
    }
    out
}
