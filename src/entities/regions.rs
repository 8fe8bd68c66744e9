//! Regions: the sentences of a text that may hold a figure (step 1 of the
//! [module doc](super)), found by one scan of the original text for
//! markers, and cut where a run of digits is too long to be a figure.

use std::sync::LazyLock;

use super::numerals;

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
pub(super) fn ends_sentence(c: char) -> bool {
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
pub(super) fn regions(text: &str) -> Vec<(usize, usize)> {
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

/// Longest run of ASCII digits a figure can hold; a longer run (an account
/// number, a dump of digits) is no figure, and is cut out of its region so
/// the capture search never walks it (on a megabyte of digits that search
/// is the whole cost).
const MAX_DIGIT_RUN: usize = 40;

/// The parts of a region outside its runs of more than [`MAX_DIGIT_RUN`]
/// ASCII digits, pushed onto `out`: the region itself when it has none,
/// as nearly all do.
pub(super) fn push_without_digit_runs(
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
