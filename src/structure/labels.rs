//! Labels: the numbering a paragraph opens with (`第一章`, `一、`, `（一）`,
//! `1.`, `（1）`, `①`, `1.1`, `第一條`, a box's `专栏1`), recognised one
//! paragraph at a time. Decoration before a label (`### 📌 一、`,
//! `**▍二、`, `★13．`) is skipped, never part of label or title.
//!
//! A label is only a candidate here: whether `（二）` is a clause, an item or
//! an enumeration inside a sentence is decided by [`super::outline`] from
//! the document's own nesting and sequence. Everything reads the folded
//! paragraph (ASCII brackets and digits, simplified characters).

use std::sync::LazyLock;

use regex::Regex;

use super::label_value;
use crate::vocab::LABEL_NUMERAL as CN;

/// The kinds of numbering Chinese notices use, each a possible level of the
/// outline. The derive order is the usual nesting, top first; a document's
/// own nesting overrides it (see [`super::outline`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// `第一编`, `第一部分`.
    Part,
    /// `第一章`.
    Chapter,
    /// `第一节`.
    Jie,
    /// `第一条`, `第 1 条`, and `第1` followed by a space where a page lost
    /// the 条 (a transcribed regulation).
    Article,
    /// `一、` (also `一.` `一．`).
    Cn,
    /// A bare `1` before a heading (`1 总体要求`), only when `1.1` follows.
    Decimal1,
    /// `(一)` / `（一）`.
    ParenCn,
    /// `1.` `1、` `１．`.
    Arabic,
    /// `1.1`.
    Decimal2,
    /// `(1)` / `（1）` / `1)`.
    ParenArabic,
    /// `1.1.1`.
    Decimal3,
    /// `①`…`⑳`.
    Circled,
    /// `专栏1 重大工程`: the title of a box a 规划 sets in its text, listing
    /// projects (`1.金融服务提升工程`). Never a section or clause: the box
    /// and its items belong to the measure it stands in. Last in the usual
    /// order; [`super::outline`] opens it under whatever level is open.
    Panel,
}

impl Kind {
    /// Headings of a part of the text rather than numbered measures: these
    /// may be the record's sections.
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Kind::Part | Kind::Chapter | Kind::Jie | Kind::Cn | Kind::Decimal1
        )
    }

    /// Kinds whose first label may be missing (`（二）` opening a list whose
    /// `（一）` a page lost), taken with a warning. Headings must start at
    /// one (`三、四月份…` opening a line is no section), and Arabic lists are
    /// too often plain enumerations to guess.
    pub fn tolerates_missing_start(self) -> bool {
        matches!(self, Kind::Article | Kind::ParenCn)
    }
}

/// A label at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    pub kind: Kind,
    /// The label's number (for decimals, the last component).
    pub value: u32,
    /// For decimals, the components before the last (`1.2.3` → `[1, 2]`).
    pub parents: Vec<u32>,
    /// Byte offset in the folded paragraph where the text after the label
    /// starts.
    pub rest: usize,
}

impl Label {
    /// `rest` in chars of the folded paragraph (the same offset in the
    /// original: folding keeps one char for one).
    pub fn rest_chars(&self, folded: &str) -> usize {
        folded.get(..self.rest).map_or(0, |h| h.chars().count())
    }
}

/// `第一编/部分/章/节/条` with Chinese or Arabic numerals; a PDF's layout may
/// space the digits (`第 1 0 条`).
static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*第\s*(?P<num>{CN}{{1,5}}|\d(?:\s?\d){{0,2}})\s*(?P<unit>编|部分|章|节|条)\s*"
    ))
    .expect("valid regex")
});

/// `第1` + white space + text: an article whose 条 a page lost.
static ORDINAL_BARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*第(?P<num>\d{1,3})\s+").expect("valid regex"));

/// `一、` (and the sloppier `一.` / `一．`).
static CN_NUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s*(?P<num>{CN}{{1,4}})\s*[、.]\s*")).expect("valid regex")
});

/// `(一)`, `(1)`, `1)` (brackets folded to ASCII).
static PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?:\(\s*(?P<cn>{CN}{{1,4}})\s*\)|\(\s*(?P<ar>\d{{1,3}})\s*\)|(?P<half>\d{{1,2}})\))\s*"
    ))
    .expect("valid regex")
});

/// `1.` `1、` and decimals `1.1` `1.1.1`; a bare `1` before a heading.
static ARABIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<nums>\d{1,3}(?:\.\d{1,3}){0,2})(?P<sep>\s*[.、]|\s+)?(?P<gap>\s*)")
        .expect("valid regex")
});

/// What may follow a number that is a figure, not a label: `1.5万元`,
/// `2 万元`, `3%`, `10个`, `2025年`, `17 时` (a time of day; not `时间`,
/// `时限`…, which a heading may open with: `1 时间安排`).
static FIGURE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:万|亿|元|%|‰|倍|个|家|人|年|月|日|号|次|项|条|名|户|亩|米|平方|公里|千|百|小时|天|周|岁|kV|千瓦|兆瓦|吨|时(?:$|[^间代期限效段机]))")
        .expect("valid regex")
});

/// Decoration before a label or right after it, never part of either: a
/// work plan's key-task marks (`★13．`, `17.★支持…`, `※`), and what WeChat
/// and markdown copies put before a heading (`### 📌 一、`, `**▍二、…**`,
/// `■ 三、`, `◆（一）`): markdown's heading, bold and quote marks, any
/// symbol (Unicode So and Sk: ▍■◆●★▶➤✅📌🔥…) with the variation selector,
/// joiner and keycap that complete an emoji, and white space.
static DECORATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s|[#*>▲△※]|\p{So}|\p{Sk}|[\u{FE0E}\u{FE0F}\u{200D}\u{20E3}])*")
        .expect("valid regex")
});

/// Byte length of the decoration a (folded or original) paragraph opens
/// with.
pub(crate) fn decoration_len(s: &str) -> usize {
    DECORATION.find(s).map_or(0, |m| m.end())
}

/// Finds the label a (folded) paragraph opens with, if any; decoration
/// before or right after it is skipped (`rest` starts after it).
pub(crate) fn find_label(folded: &str) -> Option<Label> {
    let mut from = decoration_len(folded);
    // A heading a page sets in lenticular brackets (`【一、加大财税支持
    // 力度】（牵头单位：…）`, a crawler's copy of a bold heading): the
    // bracket opens the line, the label follows it. A bracket after the
    // label opens a statement (`1.【牵头单位：…】`) and stays.
    if folded[from..].starts_with('【') {
        from += '【'.len_utf8();
    }
    let mut label = find_bare_label(&folded[from..])?;
    label.rest += from;
    label.rest += decoration_len(&folded[label.rest..]);
    Some(label)
}

/// `—、` at the start of a paragraph: an OCR text layer's 一 read as a
/// dash (a dash never stands before `、`).
static DASH_ONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[—―‐‑–－ー-]\s*、\s*").expect("valid regex"));

/// `专栏1 重大工程`, `专栏二：`, `专栏 重点项目`: a box's title, a line of
/// its own (no `。`). Prose that cites a box (`专栏3所列项目`, `专栏中的`)
/// goes on with a word, not a title.
static PANEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*专栏\s*(?P<num>\d{{1,2}}|{CN}{{1,3}})?(?:\s*[:：]\s*|\s+|$|(?P<glued>[^所中内的列为是和及、,，。\s\d一二三四五六七八九十百零〇两]))"
    ))
    .expect("valid regex")
});

/// A box's title (`专栏1 重大工程`), never a sentence.
fn panel(folded: &str) -> Option<Label> {
    if folded.contains('。') {
        return None;
    }
    let c = PANEL.captures(folded)?;
    let end = c.get(0)?.end() - c.name("glued").map_or(0, |g| g.len());
    let value = match c.name("num") {
        Some(n) => label_value(n.as_str())?,
        None => 0,
    };
    Some(Label {
        kind: Kind::Panel,
        value,
        parents: Vec::new(),
        rest: end,
    })
}

fn find_bare_label(folded: &str) -> Option<Label> {
    if let Some(m) = DASH_ONE.find(folded) {
        return Some(Label {
            kind: Kind::Cn,
            value: 1,
            parents: Vec::new(),
            rest: m.end(),
        });
    }
    // The first char tells the forms apart (`第`, a bracket or a digit): a
    // paragraph is spared the patterns that cannot start with it.
    let first = folded.trim_start().chars().next()?;
    if first == '专' {
        return panel(folded);
    }
    let ordinal = first == '第';
    let digit = first.is_numeric();
    if let Some(c) = ordinal.then(|| ORDINAL.captures(folded)).flatten() {
        let num: String = c["num"].chars().filter(|c| !c.is_whitespace()).collect();
        let kind = match &c["unit"] {
            "编" | "部分" => Kind::Part,
            "章" => Kind::Chapter,
            "节" => Kind::Jie,
            _ => Kind::Article,
        };
        let end = c.get(0)?.end();
        // `第一条规定的…` in a sentence is no label, but an article's text
        // follows its label directly; only a figure right after rules it out.
        return Some(Label {
            kind,
            value: label_value(&num)?,
            parents: Vec::new(),
            rest: end,
        });
    }
    if let Some(c) = ordinal.then(|| ORDINAL_BARE.captures(folded)).flatten() {
        let end = c.get(0)?.end();
        if !FIGURE_TAIL.is_match(&folded[end..]) {
            return Some(Label {
                kind: Kind::Article,
                value: c["num"].parse().ok()?,
                parents: Vec::new(),
                rest: end,
            });
        }
    }
    if let Some(c) = CN_NUM.captures(folded) {
        let end = c.get(0)?.end();
        // `一.5` is no label; `十、` is, and so is `一、2025年1月28日起…`
        // (a 通告's paragraph opening with its date).
        let decimal =
            !c[0].contains('、') && folded[end..].starts_with(|c: char| c.is_ascii_digit());
        if !decimal {
            return Some(Label {
                kind: Kind::Cn,
                value: label_value(&c["num"])?,
                parents: Vec::new(),
                rest: end,
            });
        }
    }
    if let Some(c) = (first == '(' || digit)
        .then(|| PAREN.captures(folded))
        .flatten()
    {
        let end = c.get(0)?.end();
        let (kind, value) = if let Some(n) = c.name("cn") {
            (Kind::ParenCn, label_value(n.as_str())?)
        } else {
            let n = c.name("ar").or_else(|| c.name("half"))?;
            (Kind::ParenArabic, n.as_str().parse().ok()?)
        };
        return Some(Label {
            kind,
            value,
            parents: Vec::new(),
            rest: end,
        });
    }
    if let Some(l) = circled(folded) {
        return Some(l);
    }
    digit.then(|| arabic(folded)).flatten()
}

/// `①`…`⑳` (U+2460…U+2473) and `⑴`…`⒇` (U+2474…U+2487).
fn circled(folded: &str) -> Option<Label> {
    let trimmed = folded.trim_start();
    let c = trimmed.chars().next()?;
    let value = match c {
        '\u{2460}'..='\u{2473}' => c as u32 - 0x2460 + 1,
        '\u{2474}'..='\u{2487}' => c as u32 - 0x2474 + 1,
        _ => return None,
    };
    let kind = if c >= '\u{2474}' {
        Kind::ParenArabic
    } else {
        Kind::Circled
    };
    let after = folded.len() - trimmed.len() + c.len_utf8();
    let rest = after + (folded[after..].len() - folded[after..].trim_start().len());
    Some(Label {
        kind,
        value,
        parents: Vec::new(),
        rest,
    })
}

/// `1.` / `1、` items and decimal headings `1.1`, `1.1.1`, `1 总则`.
fn arabic(folded: &str) -> Option<Label> {
    let c = ARABIC.captures(folded)?;
    let nums: Vec<u32> = c["nums"]
        .split('.')
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    let sep = c.name("sep").map(|m| m.as_str());
    let end = c.get(0)?.end();
    let tail = &folded[end..];
    let first = tail.chars().next()?;
    // A figure (`1.5万元`, `2 万元`, `30%`) is not a label; a number with
    // its label mark is one whatever word follows (`3.人选确定`).
    let marked = nums.len() == 1 && matches!(sep.map(str::trim), Some(".") | Some("、"));
    if !marked && FIGURE_TAIL.is_match(tail) {
        return None;
    }
    let gap = c.name("gap").map_or("", |m| m.as_str());
    match (nums.len(), sep.map(str::trim)) {
        // `1.` `1、`: `1. 5家` is item 1 whose text starts with a figure;
        // `1.5` was read as a decimal above, and `1.5万元` refused.
        (1, Some(".") | Some("、")) if !(first.is_ascii_digit() && gap.is_empty()) => {
            Some(Label {
                kind: Kind::Arabic,
                value: nums[0],
                parents: Vec::new(),
                rest: end,
            })
        }
        // A bare `1` then a space and a heading's text.
        (1, Some("")) if !first.is_ascii_digit() && is_cjk(first) => Some(Label {
            kind: Kind::Decimal1,
            value: nums[0],
            parents: Vec::new(),
            rest: end,
        }),
        // `1.1 总则` / `1.1总则`, never `1.1.` (a date) or `1.12%`.
        (2 | 3, sep) if sep.is_none_or(str::is_empty) && is_cjk(first) => Some(Label {
            kind: if nums.len() == 2 {
                Kind::Decimal2
            } else {
                Kind::Decimal3
            },
            value: nums[nums.len() - 1],
            parents: nums[..nums.len() - 1].to_vec(),
            rest: end,
        }),
        _ => None,
    }
}

/// `4．5G+工业互联网`: an item's number and mark followed directly by a
/// figure that starts its text, which [`find_label`] reads as the decimal
/// `4.5` (or, with `、`, as an enumeration `4、5号楼`).
static GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<num>\d{1,3})[.、](?P<figure>\d{1,5})").expect("valid regex")
});

/// What may follow the figure of a glued reading that is a decimal or a
/// range after all (`4.5亿元`, `4.5级`, `4.5-6万元`, `4.5.1`), beyond
/// [`FIGURE_TAIL`].
static DECIMAL_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[.\d%‰~～\-—–－/:×*]|至|到|级|度|所|分|秒|克|升|台|辆|套|株|只|头|间|座|批|期|轮|层|代|倍|成|折)")
        .expect("valid regex")
});

/// The other reading of a paragraph [`find_label`] reads no `1.` item in:
/// an Arabic item whose text starts with a figure (`4．5G+工业互联网`). Only
/// a candidate, weaker than a label: the outline takes it only where it
/// goes on with the open list (item 3 before it, the same mark), so
/// `4.5亿元用于…` opening a sentence stays text.
pub(crate) fn find_glued_label(folded: &str) -> Option<Label> {
    let from = decoration_len(folded);
    let c = GLUED.captures(&folded[from..])?;
    let figure = c.name("figure")?;
    let tail = &folded[from + figure.end()..];
    if tail.is_empty() || FIGURE_TAIL.is_match(tail) || DECIMAL_TAIL.is_match(tail) {
        return None;
    }
    Some(Label {
        kind: Kind::Arabic,
        value: c["num"].parse().ok()?,
        parents: Vec::new(),
        rest: from + figure.start(),
    })
}

/// An ideograph (a heading's first character), not CJK punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{20000}'..='\u{3FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::normalize::fold;

    fn label(s: &str) -> Option<(Kind, u32, String)> {
        let f = fold(s);
        find_label(&f).map(|l| (l.kind, l.value, f[l.rest..].to_string()))
    }

    #[test]
    fn every_numbering_kind() {
        use Kind::*;
        let cases: &[(&str, Kind, u32, &str)] = &[
            ("第一编 总则", Part, 1, "总则"),
            ("第三部分 保障措施", Part, 3, "保障措施"),
            ("第二章 规划与建设", Chapter, 2, "规划与建设"),
            ("第二章　规划", Chapter, 2, "规划"),
            ("第一节 一般规定", Jie, 1, "一般规定"),
            ("第十二条 本办法所称…", Article, 12, "本办法所称…"),
            ("第 1 0 条 鼓励", Article, 10, "鼓励"),
            ("第12条（目的）", Article, 12, "(目的)"),
            ("第5 湖北电力调峰", Article, 5, "湖北电力调峰"),
            ("第27 24小时内", Article, 27, "24小时内"),
            ("一、总体要求", Cn, 1, "总体要求"),
            (
                "一、2025年1月28日起禁止燃放",
                Cn,
                1,
                "2025年1月28日起禁止燃放",
            ),
            ("十一、 保障", Cn, 11, "保障"),
            ("三．加强", Cn, 3, "加强"),
            ("（一）强化企业", ParenCn, 1, "强化企业"),
            ("(十二)加强", ParenCn, 12, "加强"),
            ("1.组织排查", Arabic, 1, "组织排查"),
            ("30. 加快出台", Arabic, 30, "加快出台"),
            ("２、建立台账", Arabic, 2, "建立台账"),
            ("38．推进", Arabic, 38, "推进"),
            ("1. 5家企业", Arabic, 1, "5家企业"),
            // A marked number is a label before a word that could be a
            // figure's unit (jx-2022-waiban-kaoshi-dagang: `3.人选确定`).
            ("3.人选确定：根据", Arabic, 3, "人选确定:根据"),
            ("2、年度目标", Arabic, 2, "年度目标"),
            ("（1）按照规则", ParenArabic, 1, "按照规则"),
            ("2)建设", ParenArabic, 2, "建设"),
            ("⑶其他", ParenArabic, 3, "其他"),
            ("①申报", Circled, 1, "申报"),
            // An OCR text layer's 一 read as a dash.
            ("—、总体要求", Cn, 1, "总体要求"),
            // A work plan's key-task mark, before or after the label.
            ("★13．推行包容审慎监管", Arabic, 13, "推行包容审慎监管"),
            ("17.★支持企业科技创新", Arabic, 17, "支持企业科技创新"),
            ("（三）▲ 强化保障", ParenCn, 3, "强化保障"),
            ("⑩ 其他", Circled, 10, "其他"),
            ("1 总体要求", Decimal1, 1, "总体要求"),
            ("1 时间安排", Decimal1, 1, "时间安排"),
            ("7 加强组织领导", Decimal1, 7, "加强组织领导"),
            ("7.时间节点", Arabic, 7, "时间节点"),
            ("1.1 适用范围", Decimal2, 1, "适用范围"),
            ("2.3总则", Decimal2, 3, "总则"),
            ("1.2.1 申报条件", Decimal3, 1, "申报条件"),
        ];
        for &(s, kind, value, rest) in cases {
            assert_eq!(label(s), Some((kind, value, rest.to_string())), "{s}");
        }
    }

    #[test]
    fn figures_and_prose_are_no_labels() {
        for s in [
            "1.5万元以上的项目",
            "一.5倍",
            "2 万元",
            "30%以上",
            "2025年起",
            "10个工作日内",
            "3 人以上",
            "一是加强",
            "第一，加强",
            "各区政府",
            "（此件公开发布）",
            "(含开发区)",
            "1.12%",
            "2025.3.1",
            "第12号",
            // A wrapped line that opens with a date or a time of day.
            "7 月 31 日前，将推荐城市申报材料报送",
            "17 时前报送",
            "24时前",
        ] {
            assert_eq!(label(s), None, "{s}");
        }
    }

    #[test]
    fn decoration_before_a_label_hides_nothing() {
        use Kind::*;
        let cases: &[(&str, Kind, u32, &str)] = &[
            (
                "### 📌 一、强化企业吸纳就业支持",
                Cn,
                1,
                "强化企业吸纳就业支持",
            ),
            ("**▍二、稳定岗位**", Cn, 2, "稳定岗位**"),
            ("■ 三、兜牢底线", Cn, 3, "兜牢底线"),
            ("◆（一）扩大补贴范围", ParenCn, 1, "扩大补贴范围"),
            ("🔥🔥 （二）提高标准", ParenCn, 2, "提高标准"),
            ("✅1.申请条件", Arabic, 1, "申请条件"),
            ("▶️ 2. 办理流程", Arabic, 2, "办理流程"),
            ("> ➤ 第三条 适用范围", Article, 3, "适用范围"),
            ("四、📌加强宣传", Cn, 4, "加强宣传"),
        ];
        for &(s, kind, value, rest) in cases {
            assert_eq!(label(s), Some((kind, value, rest.to_string())), "{s}");
        }
        // Decoration before prose is still prose.
        for s in ["📌 各区政府", "■ 30%以上", "▍一是加强"] {
            assert_eq!(label(s), None, "{s}");
        }
    }

    #[test]
    fn a_box_title_is_a_panel_label() {
        for (s, value, rest) in [
            ("专栏1 金融服务重点工程", 1, "金融服务重点工程"),
            ("专栏 2：数字经济重大项目", 2, "数字经济重大项目"),
            ("专栏三重大平台", 3, "重大平台"),
        ] {
            assert_eq!(
                label(s),
                Some((Kind::Panel, value, rest.to_string())),
                "{s}"
            );
        }
        for s in [
            "专栏3所列项目由市发展改革委统筹。",
            "专栏1中的项目",
            "专项资金",
        ] {
            assert_eq!(label(s), None, "{s}");
        }
    }

    #[test]
    fn a_glued_item_is_only_a_candidate() {
        let glued = |s: &str| {
            let f = fold(s);
            find_glued_label(&f).map(|l| (l.value, f[l.rest..].to_string()))
        };
        assert_eq!(label("4．5G+工业互联网融合应用"), None);
        assert_eq!(
            glued("4．5G+工业互联网融合应用"),
            Some((4, "5G+工业互联网融合应用".to_string()))
        );
        assert_eq!(
            glued("★7、8K超高清视频"),
            Some((7, "8K超高清视频".to_string()))
        );
        for s in [
            "4.5亿元用于",
            "4.5%",
            "4.5级地震",
            "4.5-6万元",
            "4.5.1 总则",
            "5、6月份",
            "4.5",
            "2025.3",
        ] {
            assert_eq!(glued(s), None, "{s}");
        }
    }

    #[test]
    fn decimals_keep_their_parents() {
        let f = fold("2.3.4 申报");
        let l = find_label(&f).expect("label");
        assert_eq!(
            (l.kind, l.value, l.parents),
            (Kind::Decimal3, 4, vec![2, 3])
        );
    }
}
