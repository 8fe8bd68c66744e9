//! The edges of a figure's number in folded text, shared by money and
//! percentages: whether a sign before it is one, numerals in front of it
//! that end a word, and whether the figure may end where it does.

use super::pattern::Group;

/// A sign that really is one: `-` right after a digit, letter, `%` or
/// bracket is a range mark or a hyphen (`2024-100万元`, `A-1`); `负` ending
/// a word is no sign (`减负2亿元` relieves a burden of 2亿元, `正负5%` is a
/// tolerance).
pub(crate) fn sign_of<'h>(folded: &str, sign: Option<Group<'h>>) -> Option<Group<'h>> {
    let s = sign?;
    let before = folded[..s.start()].chars().next_back();
    let not_sign = if s.as_str() == "负" {
        before.is_some_and(|c| NEGATIVE_WORD_HEADS.contains(c))
    } else {
        before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '%' | '.' | ')'))
    };
    (!not_sign).then_some(s)
}

/// Characters that make a word with a following `负` (减负, 担负, 抱负,
/// 胜负, 肩负, 背负, 辜负, 自负, 欺负, 重负, 身负, 欠负, 正负): in folded
/// (simplified) text.
const NEGATIVE_WORD_HEADS: &str = "减担抱胜肩背辜自欺重身欠正";

pub(crate) fn negate_if(v: f64, sign: Option<Group>) -> f64 {
    if sign.is_some() {
        -v
    } else {
        v
    }
}

/// Whether a figure may end right before `after`: the text ends, or goes
/// on with punctuation, a space, a qualifier word or a per-unit slash —
/// not with another character of a word (`2024年`, `3块牌子`, `毛利`).
pub(crate) fn ends_figure(after: &str) -> bool {
    let Some(c) = after.chars().next() else {
        return true;
    };
    const GOES_ON: &[&str] = &[
        "以上", "以下", "以内", "左右", "上下", "之内", "及以", "的", "每",
    ];
    if GOES_ON.iter().any(|w| after.starts_with(w)) {
        return true;
    }
    !(c.is_alphanumeric())
}

/// Drops Chinese numerals in front of the first Arabic digit: they end a
/// word (`统一`, `进一步`, `第三`), they do not start the number.
pub(crate) fn strip_word_numerals(start: usize, num: &str) -> (usize, &str) {
    match num.find(|c: char| c.is_ascii_digit()) {
        Some(i) if i > 0 && !num[..i].ends_with('点') => (start + i, &num[i..]),
        _ => (start, num),
    }
}
