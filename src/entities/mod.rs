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
//!    [`Percentage`], or a [`PercentagePoint`] when it counts points (its
//!    reading is [`PercentUnit::Point`](figure::PercentUnit)): a
//!    difference of percentages is no percentage.
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

use crate::model::{Amount, Bound, Percentage, PercentagePoint, Warning, WarningCode};
use figure::Kind;
use lists::{interval_low_ends, list_shared_units};
use regions::{push_without_digit_runs, regions};
pub use table_money::table_amounts;

/// Money, percentages and percentage points found in one text.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Entities {
    pub amounts: Vec<Amount>,
    pub percentages: Vec<Percentage>,
    /// Differences in percentage points (`3个百分点`): read by the percent
    /// finder, but not percentages (GOLD.md counts a percentage in
    /// percent), so kept apart.
    pub percentage_points: Vec<PercentagePoint>,
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
/// // A rise of 3 points is no 3%: it is kept apart.
/// let found = find_entities("提高3%，提高3个百分点");
/// assert_eq!(found.percentages.len(), 1);
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
        let room =
            MAX_FIGURES - (out.amounts.len() + out.percentages.len() + out.percentage_points.len());
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
                Kind::Percent(unit) => match unit.percentage_unit() {
                    Some(unit) => out.percentages.push(Percentage {
                        text,
                        value: f.value,
                        unit,
                        bound,
                        section: None,
                        clause: None,
                        span,
                        low_confidence: false,
                    }),
                    None => out.percentage_points.push(PercentagePoint {
                        text,
                        value: f.value,
                        bound,
                        section: None,
                        clause: None,
                        span,
                        low_confidence: false,
                    }),
                },
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
