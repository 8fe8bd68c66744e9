//! A paragraph's text as the stages after decode read it: one line,
//! trimmed, runs of white space collapsed to one ([`collapse_space`],
//! [`paragraphs_from_lines`]), and [`Text::one_line_each`], which makes
//! every paragraph one line and moves every index into them. White
//! space is read on the bytes ([`count_non_space`]): every character of
//! every page passes here.

use std::sync::LazyLock;

use regex::Regex;

use super::normalize::fold;
use super::{Layout, Text};
use crate::vocab::{self, LABEL_NUMERAL};

impl Text {
    /// Makes every paragraph one line, the one place that guarantees it:
    /// a backend may hand over a paragraph holding a line break (a sheet
    /// cell's `Alt+Enter`, a page's text node whose newline survives
    /// [`collapse_space`], a `w:t` holding one), and the stages after
    /// decode read the joined text's lines as the paragraphs
    /// (`model::Paragraphs`). Each such paragraph becomes its lines
    /// (trimmed, empty ones dropped) and every index into the paragraphs
    /// (tables, their rows, rules, OCR confidences) follows: left as they
    /// were, the tables after it would point one line early per break, and
    /// a task table's figures would land in the clause before their own.
    pub(crate) fn one_line_each(&mut self) {
        if !self.paragraphs.iter().any(|p| p.contains('\n')) {
            return;
        }
        let old = std::mem::take(&mut self.paragraphs);
        let mut conf = self.confidence.take();
        let mut new_conf: Option<Vec<Vec<f32>>> = conf.as_ref().map(|_| Vec::new());
        // `starts[i]`: the first line of old paragraph `i`; one more entry
        // for the end.
        let mut starts = Vec::with_capacity(old.len() + 1);
        for (i, p) in old.into_iter().enumerate() {
            starts.push(self.paragraphs.len());
            let mut c = conf
                .as_mut()
                .and_then(|c| c.get_mut(i))
                .map(std::mem::take)
                .unwrap_or_default()
                .into_iter();
            if !p.contains('\n') {
                if let Some(nc) = new_conf.as_mut() {
                    nc.push(c.collect());
                }
                self.paragraphs.push(p);
                continue;
            }
            let before = self.paragraphs.len();
            for line in p.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
                if let Some(nc) = new_conf.as_mut() {
                    nc.push(c.by_ref().take(count_non_space(line)).collect());
                }
                self.paragraphs.push(line.to_string());
            }
            // Only white space: still a paragraph, so no row is left
            // without one.
            if self.paragraphs.len() == before {
                if let Some(nc) = new_conf.as_mut() {
                    nc.push(Vec::new());
                }
                self.paragraphs.push(String::new());
            }
        }
        starts.push(self.paragraphs.len());
        self.confidence = new_conf;
        self.layout.follow_lines(&starts);
    }
}

impl Text {
    /// Joins a figure that a line break split from its unit: a page's
    /// `<br>` or a markdown hard break inside `最高200<br>万元`, or
    /// `20<br>%`, left the number ending one paragraph and the unit
    /// starting the next, and neither reads as money or a percentage on
    /// its own. Only where a paragraph ends in a digit (or a digit and its
    /// scale word, `5亿` / `元`) and the next starts with a currency or `%`:
    /// a paragraph ends in a bare number nowhere else. Table rows are
    /// never joined (a cell's number and the next cell's unit are
    /// columns), nor across a rule.
    pub(crate) fn join_split_figures(&mut self) {
        let mut i = 0;
        while i + 1 < self.paragraphs.len() {
            if !(ends_in_figure(&self.paragraphs[i]) && starts_with_unit(&self.paragraphs[i + 1]))
                || self.layout.in_table(i)
                || self.layout.in_table(i + 1)
                || self.layout.rules.contains(&(i + 1))
            {
                i += 1;
                continue;
            }
            self.join_next(i);
        }
    }

    /// Appends paragraph `i + 1` (trimmed) to paragraph `i`, with its OCR
    /// confidences, and moves every index after it one up.
    fn join_next(&mut self, i: usize) {
        let next = self.paragraphs.remove(i + 1);
        self.paragraphs[i].push_str(next.trim());
        if let Some(conf) = self.confidence.as_mut() {
            if i + 1 < conf.len() {
                let c = conf.remove(i + 1);
                conf[i].extend(c);
            }
        }
        self.layout.remove(i + 1..i + 2);
    }
}

/// A paragraph holding a unit label (`责任单位`, `【牵头部门】`), folded:
/// the vocabulary's roles and heads.
static UNIT_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "(?:{})(?:{})",
        vocab::alternation(vocab::UNIT_LABEL_ROLES),
        vocab::alternation(vocab::UNIT_LABEL_HEADS)
    ))
    .expect("valid regex")
});

/// A unit list cut at a line break: it ends on `、`, or on `、` and the
/// first characters of the next name (`县` of `县供销社`; not a whole short
/// name, `、财政局`, which the list may end on), folded.
static OPEN_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"、(?P<start>\p{Han}{0,2})$").expect("valid regex"));

/// The most characters of a unit list's rest on a line of its own.
const LIST_REST_MAX_CHARS: usize = 40;

impl Text {
    /// Joins a unit list that a hard line break cut (`【责任单位】县商务局、
    /// 县发展改革局、县` / `供销社`): a dump that keeps a page's line breaks
    /// left the rest of the list, a name's last part, as a paragraph of its
    /// own. Only a paragraph naming units by a label that ends on `、` (and
    /// perhaps a name's first characters), joined to a short next one
    /// made of names: no sentence, no label of its own, ending as a name or
    /// a statement does. Table rows are never joined.
    pub(crate) fn join_wrapped_unit_lists(&mut self) {
        let mut i = 0;
        while i + 1 < self.paragraphs.len() {
            let (p, next) = (&self.paragraphs[i], &self.paragraphs[i + 1]);
            // Most paragraphs end on no `、`: they are not folded to find out.
            let open = p.trim_end().chars().rev().take(3).any(|c| c == '、') && {
                let f = fold(p.trim_end());
                UNIT_LABELLED.is_match(&f)
                    && OPEN_LIST
                        .captures(&f)
                        .is_some_and(|c| !is_whole_name(&c["start"]))
            };
            let joins = open
                && is_list_rest(next)
                && !self.layout.in_table(i)
                && !self.layout.in_table(i + 1)
                && !self.layout.rules.contains(&(i + 1));
            if !joins {
                i += 1;
                continue;
            }
            self.join_next(i);
        }
    }
}

/// Whether the text after a list's last `、` is a whole short name
/// (`妇联`, `团委`) rather than a name's first characters (`县`, `市`: a
/// level of government alone names no body).
fn is_whole_name(start: &str) -> bool {
    start.chars().count() >= 2
        && start
            .chars()
            .last()
            .is_some_and(|l| vocab::UNIT_ENDINGS.contains(&l))
}

/// Whether a paragraph reads as the rest of a unit list: short, names
/// only (no sentence punctuation, no `：`), not opening with a label, and
/// ending as a body's name or a statement's bracket does.
fn is_list_rest(p: &str) -> bool {
    let f = fold(p.trim());
    // The list's own end (`县财政局。`) may close the rest.
    let f = f.strip_suffix(['。', ';', '；']).unwrap_or(&f);
    let Some(last) = f.chars().last() else {
        return false;
    };
    let opens_label = f.starts_with(['(', '（', '[', '【', '第'])
        || f.chars().next().is_some_and(|c| c.is_ascii_digit())
        || f.chars().nth(1) == Some('、');
    f.chars().count() <= LIST_REST_MAX_CHARS
        && !opens_label
        && !f.contains(['。', ',', ':', ';', '，', '：', '；'])
        && (vocab::UNIT_ENDINGS.contains(&last) || matches!(last, ')' | '）' | ']' | '】'))
}

/// A chapter's heading run into its first article on one line
/// (`第一章 总则第一条 为了…`): the heading's label and short title, up to
/// where the article's label starts.
static RUN_IN_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    let num = format!(r"(?:{LABEL_NUMERAL}{{1,5}}|\d{{1,3}})");
    Regex::new(&format!(
        r"^\s*第\s*{num}\s*[章节節][\s\u{{3000}}]*\p{{Han}}{{1,20}}?[\s\u{{3000}}]*(第\s*{num}\s*[条條])",
    ))
    .expect("valid regex")
});

impl Text {
    /// Breaks a chapter's heading from the article run into it on the
    /// same line: a crawler that lost the paragraph break between them
    /// (`**第一章　总则**第一条　为了…`, `### 第三章 收集运输 第九条 …`) left
    /// the heading's title running on through the article, and the
    /// article's label, mid-line, opened no clause. Not in a table's rows.
    /// The break is a line break, which [`Text::one_line_each`] splits.
    pub(crate) fn break_run_in_articles(&mut self) {
        for (i, p) in self.paragraphs.iter_mut().enumerate() {
            let Some(article) = RUN_IN_ARTICLE.captures(p).and_then(|c| c.get(1)) else {
                continue;
            };
            if !self.layout.in_table(i) {
                p.insert(article.start(), '\n');
            }
        }
    }
}

/// Whether `p` ends in a number: a digit, or a digit and a scale word.
fn ends_in_figure(p: &str) -> bool {
    let mut rev = p.chars().rev();
    let last = rev.next();
    let digit =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    match last {
        Some('万' | '亿' | '萬' | '億') => digit(rev.next()),
        c => digit(c),
    }
}

/// Whether `p` starts with a currency or a percent sign.
fn starts_with_unit(p: &str) -> bool {
    const UNITS: [&str; 12] = [
        "元",
        "万元",
        "亿元",
        "萬元",
        "億元",
        "美元",
        "欧元",
        "歐元",
        "港元",
        "%",
        "％",
        "万美元",
    ];
    UNITS.iter().any(|u| p.starts_with(u))
}

impl Layout {
    /// Whether paragraph `i` is a row of a table.
    fn in_table(&self, i: usize) -> bool {
        self.tables.iter().any(|t| t.paragraphs.contains(&i))
    }

    /// Follows paragraphs split into lines: `starts[i]` is the first line
    /// of old paragraph `i`, `starts[len]` the number of lines. A table's
    /// rows keep their lines: a row whose paragraph became several names
    /// them (`row_paragraphs`), so no later row shifts onto another's line.
    fn follow_lines(&mut self, starts: &[usize]) {
        let end = starts.last().copied().unwrap_or(0);
        let at = |i: usize| starts.get(i).copied().unwrap_or(end);
        for t in &mut self.tables {
            let (a, b) = (t.paragraphs.start, t.paragraphs.end);
            let base = at(a);
            if !t.row_paragraphs.is_empty() {
                for r in &mut t.row_paragraphs {
                    *r = at(a + r.start) - base..at(a + r.end) - base;
                }
            } else if t.rows.len() == b.saturating_sub(a) && at(b) - base != b - a {
                // Row `r` was paragraph `a + r`: it is its lines now.
                t.row_paragraphs = (a..b).map(|i| at(i) - base..at(i + 1) - base).collect();
            }
            t.paragraphs = base..at(b).max(base);
        }
        for r in &mut self.rules {
            *r = at(*r);
        }
    }
}

/// Splits text into trimmed, non-empty paragraphs, one per line, with runs
/// of white space inside a line collapsed to one space.
pub fn paragraphs_from_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(collapse_space)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Trims and collapses runs of white space (U+00A0 and U+3000 included) to a
/// single space, keeping which white space char came first.
pub fn collapse_space(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // The first white-space character of the run being read (bytes).
    let mut pending: Option<(usize, usize)> = None;
    // Where the run of other characters being read started: a run is
    // copied whole when white space ends it (every line of every page
    // passes here). Bytes, not chars: only a few lead bytes can start white
    // space, so the text of a run is skipped a byte at a time without
    // decoding it (decoding each char was a tenth of decoding a page).
    let mut word: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let w = space_len(b, i);
        if w > 0 {
            if let Some(start) = word.take() {
                out.push_str(&s[start..i]);
            }
            if pending.is_none() {
                pending = Some((i, i + w));
            }
            i += w;
        } else {
            if word.is_none() {
                if let Some((from, to)) = pending.take() {
                    if !out.is_empty() {
                        out.push_str(&s[from..to]);
                    }
                }
                word = Some(i);
            }
            i += 1;
            while i < b.len() && !MAY_START_SPACE[b[i] as usize] {
                i += 1;
            }
        }
    }
    if let Some(start) = word {
        out.push_str(&s[start..]);
    }
    out
}

/// Bytes that may start a white-space character (`char::is_whitespace`):
/// the ASCII ones and the lead bytes of U+0085, U+00A0, U+1680,
/// U+2000..U+205F and U+3000.
const MAY_START_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let lead: [u8; 10] = [
        b'\t', b'\n', 0x0B, 0x0C, b'\r', b' ', 0xC2, 0xE1, 0xE2, 0xE3,
    ];
    while k < lead.len() {
        t[lead[k] as usize] = true;
        k += 1;
    }
    t
};

/// The length in bytes of the white-space character (`char::is_whitespace`)
/// starting at `b[i]`, or 0 when another character (or the middle of one)
/// is there. Read on the bytes: every character of every page is asked.
#[inline(always)]
fn space_len(b: &[u8], i: usize) -> usize {
    let c = b[i];
    if !MAY_START_SPACE[c as usize] {
        return 0;
    }
    match c {
        0xC2 => match b.get(i + 1) {
            Some(0x85 | 0xA0) => 2,
            _ => 0,
        },
        0xE1 => match b.get(i + 1..i + 3) {
            Some([0x9A, 0x80]) => 3,
            _ => 0,
        },
        0xE2 => match b.get(i + 1..i + 3) {
            Some([0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0x81, 0x9F]) => 3,
            _ => 0,
        },
        0xE3 => match b.get(i + 1..i + 3) {
            Some([0x80, 0x80]) => 3,
            _ => 0,
        },
        _ => 1,
    }
}

/// The byte offset where each character other than white space starts,
/// read on the bytes: a character is decoded only where its first byte may
/// start white space ([`MAY_START_SPACE`]).
fn non_space_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let at = i;
            if b[at] & 0xC0 == 0x80 {
                // Inside a character.
                i += 1;
                continue;
            }
            match if MAY_START_SPACE[b[at] as usize] {
                space_len(b, at)
            } else {
                0
            } {
                0 => {
                    i += 1;
                    return Some(at);
                }
                w => i += w,
            }
        }
        None
    })
}

/// The byte where the `(max + 1)`-th character other than white space
/// (as [`count_non_space`] counts) starts, or `s.len()`: `s[..at]` is the
/// longest prefix with at most `max` of them, found without reading on.
pub(crate) fn non_space_limit(s: &str, max: usize) -> usize {
    non_space_starts(s).nth(max).unwrap_or(s.len())
}

/// The characters of `s` that are not white space
/// (`s.chars().filter(|c| !c.is_whitespace()).count()`, on the bytes).
///
/// Its characters (the bytes that start one) less its white-space ones:
/// two plain passes over the bytes the compiler runs without a branch per
/// character, where stepping from character to character
/// ([`non_space_starts`]) was most of counting a page's text. A byte that
/// may start white space never continues a character, so each white-space
/// character is subtracted once, from its first byte.
pub(crate) fn count_non_space(s: &str) -> usize {
    let b = s.as_bytes();
    let chars = b.iter().filter(|&&c| c & 0xC0 != 0x80).count();
    let spaces = (0..b.len())
        .filter(|&i| MAY_START_SPACE[b[i] as usize] && space_len(b, i) > 0)
        .count();
    chars - spaces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::TextTable;

    /// A `<br>` between a figure and its unit: the paragraphs are joined,
    /// and the table after them still points at its own rows. A table's
    /// cells and a paragraph ending in a year are left alone.
    #[test]
    fn a_figure_split_from_its_unit_by_a_line_break_is_joined() {
        let mut t = Text {
            paragraphs: [
                "（一）推进改造。按费用的20",
                "%给予补助，最高200",
                "万元；另有5亿",
                "元。",
                "数量 100",
                "万元 合计",
                "有效期至2027",
                "年底。",
            ]
            .map(String::from)
            .to_vec(),
            layout: Layout {
                tables: vec![TextTable {
                    paragraphs: 4..6,
                    rows: vec![
                        vec!["数量".into(), "100".into()],
                        vec!["万元".into(), "合计".into()],
                    ],
                    row_paragraphs: Vec::new(),
                }],
                rules: vec![6],
            },
            ..Default::default()
        };
        t.join_split_figures();
        assert_eq!(
            t.paragraphs,
            [
                "（一）推进改造。按费用的20%给予补助，最高200万元；另有5亿元。",
                "数量 100",
                "万元 合计",
                "有效期至2027",
                "年底。",
            ]
        );
        assert_eq!(t.layout.tables[0].paragraphs, 1..3);
        assert_eq!(t.layout.rules, [3]);
    }

    /// A unit list cut by a line break inside a name goes on; a list
    /// that ends on a whole name, or a next line that is a sentence or a
    /// label, stays apart.
    #[test]
    fn a_unit_list_cut_by_a_line_break_is_joined() {
        let mut t = Text {
            paragraphs: [
                "（八）完善冷链物流设施。按建设投资的30%予以补助。",
                "【责任单位】县商务局、县农业农村局、县",
                "供销社",
                "（九）推进农业机械化。",
                "【责任单位】县农业农村局、财政局",
                "某县人民政府办公室",
                "责任单位：县发展改革局、",
                "县财政局。",
                "（十）其他。",
            ]
            .map(String::from)
            .to_vec(),
            ..Default::default()
        };
        t.join_wrapped_unit_lists();
        assert_eq!(
            t.paragraphs,
            [
                "（八）完善冷链物流设施。按建设投资的30%予以补助。",
                "【责任单位】县商务局、县农业农村局、县供销社",
                "（九）推进农业机械化。",
                "【责任单位】县农业农村局、财政局",
                "某县人民政府办公室",
                "责任单位：县发展改革局、县财政局。",
                "（十）其他。",
            ]
        );
    }

    #[test]
    fn a_paragraph_holding_line_breaks_becomes_its_lines_and_indices_follow() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let mut t = Text {
            paragraphs: [
                "标题",
                "1 甲 A、\nB",
                "2 乙 C",
                "段\n落",
                "3 丙 D\n E",
                "4 丁 F",
            ]
            .map(String::from)
            .to_vec(),
            layout: Layout {
                tables: vec![
                    // Rows one paragraph each.
                    TextTable {
                        paragraphs: 1..3,
                        rows: vec![row(&["1", "甲", "A、\nB"]), row(&["2", "乙", "C"])],
                        row_paragraphs: Vec::new(),
                    },
                    // Rows that already name their paragraphs.
                    TextTable {
                        paragraphs: 4..6,
                        rows: vec![row(&["3", "丙", "D E"]), row(&["4", "丁", "F"])],
                        row_paragraphs: vec![0..1, 1..2],
                    },
                ],
                rules: vec![3, 4],
            },
            confidence: Some(vec![
                vec![90.0; 2],
                vec![1.0, 2.0, 3.0, 4.0, 5.0],
                vec![90.0; 3],
                vec![7.0, 8.0],
                vec![90.0; 5],
                vec![90.0; 3],
            ]),
            ..Default::default()
        };
        let text = crate::model::Paragraphs::join(&t.paragraphs)
            .into_text()
            .replace("\n ", "\n");
        t.one_line_each();
        // The same text (lines trimmed), one line per paragraph.
        assert_eq!(crate::model::Paragraphs::join(&t.paragraphs).text(), text);
        assert!(t.paragraphs.iter().all(|p| !p.contains('\n')));
        assert_eq!(
            t.paragraphs,
            [
                "标题",
                "1 甲 A、",
                "B",
                "2 乙 C",
                "段",
                "落",
                "3 丙 D",
                "E",
                "4 丁 F"
            ]
        );
        let tables = &t.layout.tables;
        assert_eq!(tables[0].paragraphs, 1..4);
        assert_eq!(tables[0].row_paragraphs, [0..2, 2..3]);
        assert_eq!(tables[1].paragraphs, 6..9);
        assert_eq!(tables[1].row_paragraphs, [0..2, 2..3]);
        assert_eq!(t.layout.rules, [4, 6]);
        let conf = t.confidence.expect("kept");
        assert_eq!(conf.len(), t.paragraphs.len());
        assert_eq!(conf[1], [1.0, 2.0, 3.0, 4.0]);
        assert_eq!(conf[2], [5.0]);
        assert_eq!(
            (conf[4].as_slice(), conf[5].as_slice()),
            (&[7.0][..], &[8.0][..])
        );
    }

    #[test]
    fn collapses_space() {
        assert_eq!(collapse_space("  a \u{a0} b\t"), "a b");
        assert_eq!(
            collapse_space("\u{3000}一、 \u{a0}总体\n要求 "),
            "一、 总体\n要求"
        );
        assert_eq!(collapse_space("甲\u{a0} 乙"), "甲\u{a0}乙");
        assert_eq!(collapse_space(" \t "), "");
    }

    /// A chapter's heading and its first article on one line become two
    /// paragraphs; an article that names a chapter (`第二章第五条`) in its
    /// text, a long heading and a table's row stay whole.
    #[test]
    fn a_chapter_heading_run_into_its_first_article_is_broken() {
        let mut t = Text {
            paragraphs: [
                "第一章　总则第一条　为了加强管理，制定本办法。",
                "第三章 收集运输 第九条 运输单位应当符合下列条件：",
                "第二条 依照本办法第二章第五条的规定处理。",
                "第四章 关于本市建筑垃圾消纳场所设置和日常运营管理的若干规定第十条 内容。",
                "第五章 附则第二十条 本办法自发布之日起施行。",
            ]
            .map(String::from)
            .to_vec(),
            layout: Layout {
                tables: vec![TextTable {
                    paragraphs: 4..5,
                    rows: vec![vec!["第五章 附则第二十条 本办法自发布之日起施行。".into()]],
                    row_paragraphs: Vec::new(),
                }],
                rules: Vec::new(),
            },
            ..Default::default()
        };
        t.break_run_in_articles();
        t.one_line_each();
        assert_eq!(
            t.paragraphs,
            [
                "第一章　总则",
                "第一条　为了加强管理，制定本办法。",
                "第三章 收集运输",
                "第九条 运输单位应当符合下列条件：",
                "第二条 依照本办法第二章第五条的规定处理。",
                "第四章 关于本市建筑垃圾消纳场所设置和日常运营管理的若干规定第十条 内容。",
                "第五章 附则第二十条 本办法自发布之日起施行。",
            ]
        );
        assert_eq!(t.layout.tables[0].paragraphs, 6..7);
    }

    #[test]
    fn white_space_is_read_on_the_bytes_as_char_is_whitespace_says() {
        let all: String = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        let b = all.as_bytes();
        for (i, c) in all.char_indices() {
            let want = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(space_len(b, i), want, "{:X}", c as u32);
        }
        let s = "\u{3000}一、 \u{a0}总体\n要求\u{2029}x\u{205F}";
        assert_eq!(
            count_non_space(s),
            s.chars().filter(|c| !c.is_whitespace()).count()
        );
        assert_eq!(collapse_space("a\u{2028}\u{85}b\u{3000}"), "a\u{2028}b");
    }
    #[test]
    fn the_non_space_limit_agrees_with_the_count() {
        for s in [
            "",
            "第一章　总则……3",
            "  a b\u{3000}c  d",
            "甲乙丙丁戊己庚辛",
        ] {
            for max in 0..10 {
                let at = non_space_limit(s, max);
                assert!(count_non_space(&s[..at]) <= max, "{s:?} {max}");
                if at < s.len() {
                    assert_eq!(count_non_space(&s[..at]), max, "{s:?} {max}");
                    assert!(
                        count_non_space(
                            &s[..at + s[at..].chars().next().map_or(0, char::len_utf8)]
                        ) > max
                    );
                }
            }
        }
    }
}
