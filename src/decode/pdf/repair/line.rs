//! Step 1 of the repair: one line of a PDF's text layer cleaned on its
//! own: compatibility forms and odd punctuation folded, white space made
//! plain, the layout's gaps around digits and inside letter-spaced lines
//! removed. Needs nothing but the line, so it comes first and the other
//! steps compare cleaned lines.

use crate::decode::normalize::compat_char;

/// CJK ideographs, punctuation and full-width forms (the characters a
/// Chinese page sets on a full em).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3FFFF}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Han ideographs (no punctuation).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Punctuation that ends a sentence, or a lead-in (`：`), full-width or as
/// a PDF's text layer maps it to ASCII: a line ending in one may end its
/// paragraph. One list for the page-break join ([`super::layout`]) and for
/// telling a hard-wrapped text dump (`decode::text::rewrap`).
pub(crate) fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '：' | ':')
}

/// A closing bracket or quote (full-width): ends a paragraph at a page's
/// foot as a full stop does (`…（责任单位：市财政局）`), but not a wrapped
/// line, so only the page-break join counts it.
pub(super) fn closes_bracket(c: char) -> bool {
    matches!(c, '）' | '」' | '』' | '”' | '》' | '】' | '〕')
}

/// Characters that stick to a neighbouring ideograph across a layout gap.
pub(super) fn is_numeric(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '%' | '.' | '０'..='９' | '％')
}

/// A gap of this many spaces or more is wider than any letter-spacing:
/// it sets apart two words (`泉 州 市 商 务 局      泉 州 市 财 政 局`,
/// two signing names on one line).
const WORD_GAP: &str = "    ";

/// Cleans one line of text: compatibility forms, white space, layout gaps.
pub fn repair_line(text: &str) -> String {
    // Two letter-spaced words set a word gap apart keep one space between
    // them; a letter-spaced word beside plain text (`文 化 和 旅 游 部
    // 文件`) is read as one run, as before.
    let words: Vec<&str> = text
        .split(WORD_GAP)
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() >= 2
        && words
            .iter()
            .all(|w| is_letter_spaced(&crate::decode::collapse_space(w)))
    {
        return words
            .iter()
            .map(|w| repair_line(w))
            .collect::<Vec<_>>()
            .join(" ");
    }
    // Fold radicals, compatibility ideographs and ꎬꎮꎻ; keep full-width
    // ASCII as the document wrote it (the web page of the same notice has
    // the same `（一）` and `：`), but make every white space a plain space.
    let folded: String = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => c,
            c if c.is_whitespace() => ' ',
            c => compat_char(c),
        })
        .collect();
    let collapsed = crate::decode::collapse_space(&folded);
    let chars: Vec<char> = collapsed.chars().collect();
    let letter_spaced = is_letter_spaced(&collapsed);
    let mut out = String::with_capacity(collapsed.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() {
            let (a, b) = (chars[i - 1], chars[i + 1]);
            // `2025 年`, `18.2 億元`, `第 3 條`: a gap of the layout, not
            // of the text.
            let digit_gap = (is_han(a) && is_numeric(b)) || (is_numeric(a) && is_han(b));
            // But a figure's scale word and the next figure are two cells
            // (`0.4—1.2万   5860万元`): closed, they would read as one
            // number (`1.2万5860万元`).
            let figures_apart = crate::vocab::is_scale_word(a)
                && i >= 2
                && is_numeric(chars[i - 2])
                && is_numeric(b);
            if (digit_gap && !figures_apart) || (letter_spaced && is_cjk(a) && is_cjk(b)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Whether a line is spaced out (`杭 州 市 濱 江 區`, justified by the
/// typesetter): more single gaps between CJK characters than CJK
/// neighbours.
fn is_letter_spaced(text: &str) -> bool {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let (mut spaced, mut adjacent) = (0, 0);
    for i in 0..chars.len().saturating_sub(1) {
        if is_cjk(chars[i]) && is_cjk(chars[i + 1]) {
            adjacent += 1;
        }
        if i + 2 < chars.len() && is_cjk(chars[i]) && chars[i + 1] == ' ' && is_cjk(chars[i + 2]) {
            spaced += 1;
        }
    }
    spaced >= 2 && spaced > adjacent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_layout_gaps() {
        assert_eq!(
            repair_line("杭 州 市 濱 江 區 人 民 政 府"),
            "杭州市濱江區人民政府"
        );
        assert_eq!(repair_line("全年預算安排 800 億元"), "全年預算安排800億元");
        assert_eq!(repair_line("2025 年 2 月 25 日"), "2025年2月25日");
        assert_eq!(repair_line("增長 18.2 %"), "增長18.2 %");
        // Two figures in two cells stay two: the scale word ends one.
        assert_eq!(
            repair_line("成都市    0.4—1.2万   5860万元"),
            "成都市0.4—1.2万 5860万元"
        );
        // A real space between two words of a title stays.
        assert_eq!(
            repair_line("杭州高新開發區(濱江)管委會 政府印發"),
            "杭州高新開發區(濱江)管委會 政府印發"
        );
        // Two letter-spaced names a word gap apart stay two words; one
        // beside plain text is read as one run.
        assert_eq!(
            repair_line("云 川 市 商 务 局        云 川 市 财 政 局"),
            "云川市商务局 云川市财政局"
        );
        assert_eq!(
            repair_line("文 化 和 旅 游 部      文件"),
            "文化和旅游部文件"
        );
        assert_eq!(repair_line("第 一 章  总  则"), "第一章总则");
        // Radicals and odd punctuation from some fonts.
        assert_eq!(repair_line("⼈⺠政府ꎬ通知ꎮ"), "人民政府,通知。");
        assert_eq!(repair_line("（一）加强"), "（一）加强");
    }
}
