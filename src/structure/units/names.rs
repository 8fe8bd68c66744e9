//! Lists of units and the rules for a body's name: where a list splits,
//! what of an item is no part of the name (role words, a leading `由`, `等`
//! with the class of the units), and whether what is left reads as a body.

use std::sync::LazyLock;

use regex::Regex;

use super::brackets::{cut, is_closer, is_opener};
use crate::decode::normalize::fold;
use crate::vocab;
use crate::vocab::ROLE_WORDS;

/// A role closing a part of a statement.
static ROLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?x){ROLE_WORDS}$")).expect("valid regex"));

/// A bracket closing an item that holds only role words, and perhaps the
/// `单位`/`部门` of a column's label (`市数据局（牵头）`, `省财政厅(配合)`,
/// `市商务局【牵头单位】`), as task tables and some statements mark the
/// lead: the role of the name before it, no part of it (GOLD.md drops the
/// role words, and a bracket left empty goes with them). A bracket that
/// names anything else is part of the name (`市委组织部（人才办）`).
static BRACKETED_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)[(\[〔【〖〈<]\s*(?:(?:{ROLE_WORDS})\s*[、,]?\s*)+(?:单位|部门)?\s*[)\]〕】〗〉>]$"
    ))
    .expect("valid regex")
});

/// Role words anywhere: a text without them has no part closed by a role.
pub(super) static ROLE_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?x){ROLE_WORDS}")).expect("valid regex"));

/// Heads of a class of units (folded): the noun a `等` ending a list calls
/// the units it stands for by (`等部门`, `等电网企业`, `等商业银行`,
/// `等科研院所`, `等行业协会`; a ministry's `等司局`, a bureau's `等处室`).
/// GOLD.md: `A等部門`, `A等省直有關部門`.
const CLASS_HEADS: &[&str] = &[
    "部门",
    "单位",
    "机构",
    "部委",
    "方面",
    "企业",
    "公司",
    "银行",
    "高校",
    "院校",
    "学校",
    "医院",
    "院所",
    "平台",
    "协会",
    "商会",
    "组织",
    "团体",
    "主体",
    "园区",
    "基地",
    "媒体",
    "机关",
    "司局",
    "处室",
    "科室",
    "厅局",
    "委办局",
];

/// A `等` ending a list, with the class of the units listed: nothing, or a
/// short noun phrase ending in a class head (`等`, `等部门`, `等省直有关部门`,
/// `等行政执法部门`, `等电网企业`, `等有关部门和单位`). The phrase is
/// ideographs only: a figure or a bracket is no class's.
static ETC_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    let class = class_pattern();
    Regex::new(&format!(r"等(?:{class}(?:(?:和|及|与){class})*)?$")).expect("valid regex")
});

/// A class of units: a short noun phrase of ideographs ending in a class
/// head (see [`ETC_CLASS`]), shortest first.
fn class_pattern() -> String {
    format!(
        r"[\p{{Han}}&&[^等]]{{0,{CLASS_MAX_CHARS}}}?{}",
        crate::vocab::alternation(CLASS_HEADS)
    )
}

/// `等`, a class and the conjunction after it (folded), at a text's start.
static ETC_CLASS_AND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^等{}(?:和|及|与)", class_pattern())).expect("valid regex")
});

/// A class at a text's start (folded): what follows a conjunction and is
/// one more class of the same list (`等有关部门和单位`).
static CLASS_AT_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{}", class_pattern())).expect("valid regex"));

/// Where `s`, starting at a `等`, has the class of the units before it and
/// then a conjunction opening a unit of another kind (`等有关部门及各地区`):
/// the characters of `等` and the class, and those with the conjunction.
/// GOLD.md's `等和` / `等及` end one item and start the next; a class
/// between `等` and the conjunction does not change that. None when what
/// follows the conjunction is one more class (`等有关部门和单位`: one
/// class) or nothing.
fn class_then_next_item(s: &str) -> Option<(usize, usize)> {
    let f: String = s.chars().map(crate::decode::normalize::fold_char).collect();
    let m = ETC_CLASS_AND.find(&f)?;
    let rest = f[m.end()..].trim_start();
    if rest.is_empty() || CLASS_AT_START.is_match(rest) {
        return None;
    }
    let with_conj = f[..m.end()].chars().count();
    Some((with_conj - 1, with_conj))
}

/// Longest modifier of a class head after `等`, in characters
/// (`等其他有关行政执法部门` has eight).
const CLASS_MAX_CHARS: usize = 12;

/// Marks of a company's registered name (`有限公司`, `股份`, `集团`): a
/// phrase holding one is a name, not a class, though it follows a `等`
/// (`中科等离子体科技有限公司`).
const NAME_MARKS: &[&str] = &["有限", "股份", "集团"];

/// Where the `等` that ends a (folded) item's list starts, with the class
/// of the units after it; None when the item has none, or its `等` is part
/// of a word: `高等`, `同等`, `平等`, `甲等` before it, `等级`, `等同`,
/// `等于` after it.
fn etc_class_start(f: &str) -> Option<usize> {
    let m = ETC_CLASS.find(f)?;
    let before = &f[..m.start()];
    let class = &m.as_str()['等'.len_utf8()..];
    let word_before = before.ends_with([
        '高', '同', '平', '中', '初', '上', '均', '对', '甲', '乙', '丙', '特', '优', '头', '次',
        '相', '何',
    ]);
    let word_after = class.starts_with([
        '级', '待', '候', '同', '于', '额', '量', '比', '值', '距', '价', '效',
    ]);
    let name = NAME_MARKS.iter().any(|w| class.contains(w));
    (m.start() > 0 && !word_before && !word_after && !name).then_some(m.start())
}

/// Words a body's name never holds (folded): a clause's aside, not a unit
/// (`(所需资金由市财政负责)`, `(企业自行负责)`). `以` is a preposition but
/// in a level of government (`各地级以上市人民政府`, `县级以上人民政府`).
static NOT_A_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d|的|将|对|按|为|以(?:$|[^上])|以上(?:$|[^市城人地各])|并|从|给予|自行|自主|另行|具体|所需|资金|经费|费用|其中|如|即|详见|参见|见附件|:")
        .expect("valid regex")
});

/// The tasks a statement is about, before the `由` of its units
/// (`本部分任务由`, `以上工作均由`, `上述各项措施由`), folded.
static TASKS_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:本|以上|上述|此|该|前述)(?:部分|节|章|条|项|款)?(?:各项|所列)?(?:任务|工作|措施|事项|内容)(?:均|分别)?由")
        .expect("valid regex")
});

/// Splits a list of units at `、` `,` `，` `;` `；` (outside nested brackets),
/// trimming each and dropping role words, a leading `由`, a trailing `等`
/// with its class, and notes.
///
/// ```
/// use notice_extract::structure::split_units;
/// assert_eq!(split_units("科技局、經信局,各區、縣(市)政府"), ["科技局", "經信局", "各區", "縣(市)政府"]);
/// assert_eq!(split_units("商務部等和各有關省級人民政府負責"), ["商務部", "各有關省級人民政府"]);
/// ```
pub fn split_units(s: &str) -> Vec<String> {
    split_parts(s)
        .into_iter()
        .filter_map(|p| clean_unit(p).map(|u| u.name))
        .collect()
}

/// A list's items as written (before cleaning), split at the separators
/// outside nested brackets and at `等和` / `等及`. A `。` ends the list.
/// Each item is a run of the text between separators: a slice of it.
pub(super) fn split_parts(s: &str) -> Vec<&str> {
    let s = match s.find('。') {
        Some(i) => &s[..i],
        None => s,
    };
    let mut out = Vec::new();
    let mut depth = 0usize;
    // Where the current item starts.
    let mut from = 0;
    let mut chars = s
        .char_indices()
        .map(|(i, c)| (i, c, crate::decode::normalize::fold_char(c)))
        .peekable();
    while let Some((i, c, f)) = chars.next() {
        if is_opener(f) {
            depth += 1;
        } else if is_closer(f) {
            depth = depth.saturating_sub(1);
        }
        if depth == 0 && matches!(f, '、' | ',' | ';') {
            out.push(&s[from..i]);
            from = i + c.len_utf8();
        } else if depth == 0
            && f == '等'
            && matches!(chars.peek(), Some((_, _, '和' | '及' | '与')))
        {
            out.push(&s[from..i]);
            // `等` and the conjunction after it are no part of either item.
            let (j, n, _) = chars.next().expect("peeked");
            from = j + n.len_utf8();
        } else if depth == 0 && f == '等' {
            if let Some((class, with_conj)) = class_then_next_item(&s[i..]) {
                // The item keeps its `等` and class, which cleaning drops
                // (or keeps, where the `等` is a word's: `各高等学校`).
                let at = |n: usize| s[i..].char_indices().nth(n).map_or(s.len(), |(j, _)| i + j);
                out.push(&s[from..at(class)]);
                from = at(with_conj);
                while chars.peek().is_some_and(|&(j, _, _)| j < from) {
                    chars.next();
                }
            }
        }
    }
    out.push(&s[from..]);
    out.retain(|p| !p.trim().is_empty());
    out
}

/// One item of a list, cleaned.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Unit {
    pub(super) name: String,
    /// A 牽頭 role closed the item.
    pub(super) leads: bool,
    /// A role closed the item.
    pub(super) has_role: bool,
    /// … set in a bracket of its own (`市数据局（牵头）`), with no role
    /// word after it: the role is this name's alone, not the list's before it.
    pub(super) bracket_role: bool,
}

/// An item of a list without role words, `由`, `等`+class and stray marks.
pub(super) fn clean_unit(raw: &str) -> Option<Unit> {
    // A leading `*` marks the lead unit on some sites.
    let mut s: &str = raw
        .trim()
        .trim_end_matches(['。', '.'])
        .trim()
        .trim_start_matches(['*', '＊'])
        .trim();
    // The item is folded once: `fold` maps each code point to one, so the
    // fold of a part of `s` is the part of `folded` at the same code points
    // (`cut` from `s` into `f`), and `f` is always the fold of `s`.
    let folded = fold(s);
    let mut f: &str = &folded;
    let mut leads = false;
    let mut has_role = false;
    let mut bracket_role = false;
    // `A牵头负责` → A; `B等按职责分工负责` → B等 → B; `C（牵头）` → C.
    loop {
        let (m, bracketed) = match ROLE.find(f) {
            Some(m) => (m, false),
            None => match BRACKETED_ROLE.find(f) {
                Some(m) => (m, true),
                None => break,
            },
        };
        if m.start() == 0 {
            break;
        }
        // The last role of the item says whose it is.
        if !has_role {
            bracket_role = bracketed;
        }
        has_role = true;
        leads |= m.as_str().contains("牵头");
        (s, f) = (cut(f, s, 0, m.start()), &f[..m.start()]);
        (s, f) = trim_both(s, f);
    }
    if let Some(at) = etc_class_start(f) {
        (s, f) = (cut(f, s, 0, at), &f[..at]);
    }
    // The tasks a statement answers for, named before its units
    // (`本部分任务由A、B按职责分工负责`): no part of the first name.
    if let Some(m) = TASKS_BY.find(f) {
        if m.end() < f.len() {
            (s, f) = (cut(f, s, m.end(), f.len()), &f[m.end()..]);
        }
    }
    if f.starts_with('由') && f.chars().count() > 2 {
        s = &s[s.chars().next().map_or(0, char::len_utf8)..];
    }
    let name = s.trim().to_string();
    // An ellipsis standing for names left out (`A、……、B负责`) is none.
    let names_something = name.chars().any(char::is_alphanumeric);
    names_something.then_some(Unit {
        name,
        leads,
        has_role,
        bracket_role,
    })
}

/// `s` trimmed of white space, and its fold `f` cut at the same code points.
fn trim_both<'s, 'f>(s: &'s str, f: &'f str) -> (&'s str, &'f str) {
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len().max(start);
    (&s[start..end], cut(s, f, start, end))
}

/// Whether a cleaned item reads as a body's name (`市财政局`, `各区政府`,
/// `有关部门`), not a phrase.
pub(super) fn is_unit_name(name: &str) -> bool {
    let f = fold(name);
    let n = f.chars().count();
    // One character is a level of government in an enumeration that the
    // split at `、` cuts apart (`各市、州、县人民政府`: 市州 is Hubei's).
    (n == 1 && "州县区市盟旗".contains(f.as_str()))
        || ((2..=30).contains(&n) && !NOT_A_NAME.is_match(&f.replace(LEGAL_CITY, "")))
}

/// `设区的市` is the law's name for a city with districts (`设区的市科技局`,
/// `不设区的市人民政府`): its `的` is no phrase's (held-out GQ3).
const LEGAL_CITY: &str = "设区的市";

/// Whether a name ends as a body's does (`局`, `政府`), starts with `各`,
/// or names a class (`有关部门`). A bracket closing it names a part of
/// the body (`省商务厅（省口岸办）`, `市委组织部（人才办）`): the name before
/// it says.
pub(crate) fn ends_like_body(name: &str) -> bool {
    let f = fold(name);
    let before_part = &f[..opener_of_last_group(&f).unwrap_or(f.len())];
    [f.as_str(), before_part].iter().any(|s| {
        s.trim_end()
            .chars()
            .last()
            .is_some_and(|c| vocab::UNIT_ENDINGS.contains(&c))
    }) || f.starts_with('各')
        || f.contains("有关")
}

/// Byte offset of the opener of the bracket group closing `s` (nested
/// groups inside it skipped), or None when `s` ends in no closer or the
/// group never opens.
fn opener_of_last_group(s: &str) -> Option<usize> {
    if !s.ends_with(is_closer) {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        if is_closer(c) {
            depth += 1;
        } else if is_opener(c) {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Splits a 主送 line at `,` `，` `;` `；`, and at `、` only where the next
/// name starts anew with 各 (`區級機關各部門、各直屬單位` are two, `各區、縣(市)
/// 人民政府` is one).
pub(crate) fn split_units_keep_enum(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        let f = crate::decode::normalize::fold_char(c);
        if is_opener(f) {
            depth += 1;
        } else if is_closer(f) {
            depth = depth.saturating_sub(1);
        }
        let split = depth == 0
            && (matches!(f, ',' | ';')
                || (f == '、' && chars.get(i + 1).is_some_and(|&n| n == '各')));
        if split {
            if !current.trim().is_empty() {
                out.push(current.trim().to_string());
            }
            current.clear();
        } else {
            current.push(c);
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `clean_unit` as it read before it folded once: folding the item
    /// again after every cut. The two must agree on every item.
    fn clean_unit_folding_each_cut(raw: &str) -> Option<Unit> {
        let mut s: String = raw
            .trim()
            .trim_end_matches(['。', '.'])
            .trim()
            .trim_start_matches(['*', '＊'])
            .trim()
            .to_string();
        let mut leads = false;
        let mut has_role = false;
        loop {
            let f = fold(&s);
            let Some(m) = ROLE.find(&f) else { break };
            if m.start() == 0 {
                break;
            }
            has_role = true;
            leads |= m.as_str().contains("牵头");
            s = s.chars().take(f[..m.start()].chars().count()).collect();
            s = s.trim().to_string();
        }
        let f = fold(&s);
        if let Some(at) = etc_class_start(&f) {
            s = s.chars().take(f[..at].chars().count()).collect();
        }
        let f = fold(&s);
        if f.starts_with('由') && f.chars().count() > 2 {
            s = s.chars().skip(1).collect();
        }
        let name = s.trim().to_string();
        let names_something = name.chars().any(char::is_alphanumeric);
        names_something.then_some(Unit {
            name,
            leads,
            has_role,
            bracket_role: false,
        })
    }

    #[test]
    fn one_fold_cleans_as_a_fold_after_every_cut() {
        for raw in [
            "  市財政局\u{3000}牽頭\u{3000}負責。",
            "＊省發展改革委 牵头 ",
            "由市發改委牽頭負責",
            "由局",
            "商務部等 按職責分工負責",
            "市科技局等市直有關部門",
            "各高等學校負責",
            "縣（市、區）政府 組織落實",
            "市住房城鄉建設管理委\u{00A0}牽頭\u{2003}配合",
            "……",
            " 牵头",
            "",
            "ＡＢＣ集团公司负责",
            "人力資源社會保障部、財政部負責",
        ] {
            assert_eq!(clean_unit(raw), clean_unit_folding_each_cut(raw), "{raw:?}");
        }
        let u = clean_unit("  市財政局\u{3000}牽頭\u{3000}負責。").expect("a unit");
        assert_eq!(
            (u.name.as_str(), u.leads, u.has_role),
            ("市財政局", true, true)
        );
    }

    /// A class between `等` and `和`/`及` ends the item as `等及` does
    /// (`…等有关部门及各地区`); a conjunction joining two classes does not.
    #[test]
    fn a_class_then_a_conjunction_starts_the_next_item() {
        assert_eq!(
            split_units("市场监管总局、商务部等有关部门及各地区按职责分工负责"),
            ["市场监管总局", "商务部", "各地区"]
        );
        assert_eq!(
            split_units("財政部、中國人民銀行等部門和各省級人民政府負責"),
            ["財政部", "中國人民銀行", "各省級人民政府"]
        );
        assert_eq!(split_units("教育部等有关部门和单位负责"), ["教育部"]);
        assert_eq!(split_units("教育部等有关部门和单位"), ["教育部"]);
        assert_eq!(
            split_units("省教育厅、各高等学校和各地区负责"),
            ["省教育厅", "各高等学校", "各地区"]
        );
    }

    /// Where the list's `等` is cut, per item (folded): the class after it
    /// goes too; a `等` of a word or of a registered name stays.
    #[test]
    fn a_class_after_deng_ends_the_item() {
        const CASES: &[(&str, Option<&str>)] = &[
            ("商务部等", Some("商务部")),
            ("市水利局等市有关部门", Some("市水利局")),
            ("财政厅等省直有关部门", Some("财政厅")),
            ("财务司等司局", Some("财务司")),
            ("办公室等处室", Some("办公室")),
            ("县应急局等行政执法部门", Some("县应急局")),
            ("教育部等有关部门和单位", Some("教育部")),
            (
                "中国南方电网有限责任公司等电网企业",
                Some("中国南方电网有限责任公司"),
            ),
            ("农业银行等商业银行", Some("农业银行")),
            ("北京大学等高校", Some("北京大学")),
            ("中国科学院等科研院所", Some("中国科学院")),
            ("市工商联等行业协会和商会", Some("市工商联")),
            ("县住建局等负有监管职责的部门", Some("县住建局")),
            // No 等, or a 等 that is part of a word or of a name.
            ("国家电网有限公司", None),
            ("电网企业", None),
            ("各高等学校", None),
            ("各中等职业学校", None),
            ("各三级甲等医院", None),
            ("市等级医院", None),
            ("中科等离子体科技有限公司", None),
            ("等部门", None),
            // A figure or bracket is no class's.
            ("市财政局等2家单位", None),
        ];
        for &(item, kept) in CASES {
            assert_eq!(etc_class_start(item).map(|at| &item[..at]), kept, "{item}");
        }
    }

    /// A role in a bracket of its own closing an item is no part of the
    /// name (GOLD.md drops role words; the bracket left empty goes too),
    /// and says the role; a bracket naming anything else stays.
    #[test]
    fn a_bracketed_role_is_no_part_of_the_name() {
        const CASES: &[(&str, &str, bool)] = &[
            ("市数据局（牵头）", "市数据局", true),
            ("省商务厅(牵头)", "省商务厅", true),
            ("市財政局（配合）", "市財政局", false),
            ("各区政府（按职责分工负责）", "各区政府", false),
            ("县住建局（负责）", "县住建局", false),
            ("市发展改革委 （ 牵头单位 ）", "市发展改革委", true),
            ("市商务局【牵头】", "市商务局", true),
            ("省商务厅（省口岸办）（牵头）", "省商务厅（省口岸办）", true),
            ("市数据局（牵头）负责", "市数据局", true),
            // A part of the body, a level of government, an aside: kept.
            ("市委组织部（人才办）", "市委组织部（人才办）", false),
            ("各县（市、区）政府", "各县（市、区）政府", false),
            ("省商务厅（省口岸办）", "省商务厅（省口岸办）", false),
            (
                "市数据局（牵头组织专家评审）",
                "市数据局（牵头组织专家评审）",
                false,
            ),
        ];
        for &(raw, name, leads) in CASES {
            let u = clean_unit(raw).expect("a unit");
            assert_eq!((u.name.as_str(), u.leads), (name, leads), "{raw}");
        }
        assert!(clean_unit("市数据局（牵头）").is_some_and(|u| u.bracket_role));
        assert!(clean_unit("市数据局（牵头）负责").is_some_and(|u| !u.bracket_role));
        assert_eq!(
            split_units("市数据局（牵头）、市发展改革委、市财政局"),
            ["市数据局", "市发展改革委", "市财政局"]
        );
    }

    /// `设区的市` is a name's word; another `的` makes a phrase.
    #[test]
    fn the_laws_city_with_districts_is_a_name() {
        assert!(is_unit_name("设区的市科技局"));
        assert!(is_unit_name("各設區的市人民政府"));
        assert!(!is_unit_name("市里的科技局"));
    }

    #[test]
    fn a_name_closed_by_a_part_of_the_body_ends_like_a_body() {
        assert!(ends_like_body("省商务厅（省口岸办）"));
        assert!(ends_like_body("市委组织部（人才办）"));
        assert!(ends_like_body("市委组织部（人才办（外专局））"));
        assert!(!ends_like_body("具体办法（试行）"));
        assert!(!ends_like_body("）"));
        assert!(!ends_like_body(""));
    }

    #[test]
    fn parts_are_runs_between_separators() {
        assert_eq!(
            split_parts("科技局、經信局，各區、縣（市、區）政府；商務部等和省政府。其他"),
            [
                "科技局",
                "經信局",
                "各區",
                "縣（市、區）政府",
                "商務部",
                "省政府"
            ]
        );
        assert_eq!(split_parts("A等及B等"), ["A", "B等"]);
        assert_eq!(split_parts("、 ,A"), ["A"]);
        assert!(split_parts("").is_empty());
    }
}
