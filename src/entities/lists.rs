//! Lists and intervals: bare numbers that share the unit of the figure
//! after them (step 4 of the [module doc](super)): `100、50和20万元`,
//! `(0,5%]`.

use super::figure::{Figure, Kind};
use super::numerals;
use super::regions::ends_sentence;

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
pub(super) fn list_shared_units(folded: &str, figs: &mut Vec<Figure>) {
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
pub(super) fn interval_low_ends(folded: &str, figs: &mut Vec<Figure>) {
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
