//! Responsibility statements: which units a clause (or item) names as
//! responsible, and which of them lead; and the lead units of a section
//! heading (`(由科技局牽頭實施)`).
//!
//! A *statement* is a bracket group — `()` `（）` `[]` `［］` `〔〕` `【】` —
//! that (GOLD.md)
//!
//! - is labelled: `(責任單位:科技局、財政局)`, `(牽頭單位:A;配合單位:B)`, any
//!   of 責任/牽頭/配合/負責/協同/參與/主責/實施/協辦/主辦 + 單位/部門/主體 and a
//!   colon; every label starts a list and all lists count, in order;
//! - or ends in a role: `(人力資源社會保障部、財政部負責)`, `(商務部等負責)`,
//!   `(發展改革委牽頭負責)`, `(省財政廳牽頭,省金融監管局配合)`,
//!   `(X按職責分工負責)`, `(A牽頭負責，B組織落實)`;
//! - or, closing its paragraph, is a bare list of bodies' names
//!   (`[市體育局，各區、縣(市)政府，列第一位的為牽頭單位，下同]`).
//!
//! Lists split at `、` `,` `，` `;` `；` outside inner brackets (`縣(市、區)`
//! is one name), and at `等和` / `等及`. Role words, a leading `由`, and a
//! `等` followed only by the class of the units (`A等部門`) are no part of a
//! name. A note (`列第一位者為牽頭單位，下同`, `適用範圍：…`) runs to the end
//! of the statement and names no unit. A source (`數據來源：市統計局`) is no
//! statement: its label is not a unit label and it ends in no role.
//!
//! Lead units: those under a 牽頭 label or with a 牽頭 role, or the first of
//! a list whose note says the first listed leads — with `下同`, for every
//! later statement of the notice too (the caller carries that on).
//!
//! Functions take a folded string and the original with the same number of
//! code points, match on the first and cut values from the second.
//!
//! Parts: this file reads statements (bracketed, and a heading's lead
//! units); `unbracketed` a paragraph that is only a labelled list; `names`
//! splits a list and says what of an item is a body's name; `brackets`
//! finds the bracket groups and cuts the original text.

mod brackets;
mod names;
mod unbracketed;

use std::sync::LazyLock;

use regex::Regex;

use crate::decode::normalize::fold;
use crate::vocab;
use brackets::{bracket_groups, cut, is_closer, is_opener, open_len};
pub use names::split_units;
use names::{clean_unit, is_unit_name, split_parts, Unit, ROLE_ANYWHERE};
pub(crate) use names::{ends_like_body, split_units_keep_enum};
use unbracketed::{starts_with_bracketed_label, unbracketed_statement};

/// Labels introducing a list of units (folded forms, from
/// [`crate::vocab`]: `decode` keeps such a statement closing its line).
static UNIT_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&vocab::unit_label_pattern()).expect("valid regex"));

/// The same label, only at the start: reads the start of a paragraph, not
/// the whole of it.
static UNIT_LABEL_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("^(?:{})", vocab::unit_label_pattern())).expect("valid regex")
});

/// Whether a (folded) text opens with a unit label (`责任单位:`).
fn starts_with_unit_label(folded: &str) -> bool {
    UNIT_LABEL_AT_START.is_match(folded)
}

/// Where a note about the list starts: none of it is a unit.
static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:列|排)(?:在)?(?:第一位|第一|首位)      # 列第一位者为牵头单位
      | 第一个(?:逗号|顿号|分号|单位)             # 第一个逗号前为牵头单位
      | 第一(?:个|家|位)?(?:单位|部门)?(?:为|是)   # 第一个为牵头单位 (not 第一人民医院)
      | 多个牵头                                  # 多个牵头部门的按照职责分工
      | 适用范围 | 排名不分先后 | 下同 | 以下同",
    )
    .expect("valid regex")
});

/// A part of a statement that says when, not who (`2025年底前完成`,
/// `持续推进`): dropped like a note.
static TIME_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(?:19|20)\d{2}\s*(?:年|[-—–~至])|年内|年底前|今年|明年|长期坚持|持续推进|持续实施|持续开展|分年度|逐步)",
    )
    .expect("valid regex")
});

/// A label naming people, not units: `牵头领导：`, `牵头县领导：`,
/// `县领导：`, `责任人：`, `联系人：`.
static PERSON_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\p{Han}{0,4}?(?:领导|责任人|联系人)\s*:").expect("valid regex")
});

/// Any label with a colon (`完成时限：`): after a unit list, a label that
/// is not a unit label starts a note.
static ANY_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Han}{2,8}\s*:").expect("valid regex"));

/// One responsibility statement.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Statement {
    /// Byte range of the bracket group (opener to closer included) in the
    /// folded paragraph.
    pub start: usize,
    pub end: usize,
    /// Units named, in order, each once.
    pub units: Vec<String>,
    /// Units the statement itself says lead.
    pub leads: Vec<String>,
    /// The note says the first listed unit leads (`列第一位者为牵头单位`).
    pub first_leads: bool,
    /// … and so for every later statement (`下同`).
    pub first_leads_below: bool,
}

impl Statement {
    /// The units a heading's statement makes its section's leads: those it
    /// says lead (`（牵头单位：A；责任单位：B、C）` gives A), or all it names
    /// when it gives no unit that role (`（责任单位：A、B）`).
    fn leading(self) -> Vec<String> {
        if self.leads.is_empty() {
            self.units
        } else {
            self.leads
        }
    }
}

/// The statements of one paragraph (folded and original), in order.
pub(crate) fn find_statements(folded: &str, original: &str) -> Vec<Statement> {
    if let Some(st) = unbracketed_statement(folded, original) {
        return vec![st];
    }
    // A labelled statement without brackets as the paragraph's last
    // sentence (`…给予补贴。牵头单位：A；配合单位：B。`): read as a paragraph
    // of its own, after the brackets before it.
    if let Some(at) = last_sentence_start(folded) {
        if let Some(mut st) =
            unbracketed_statement(&folded[at..], cut(folded, original, at, folded.len()))
        {
            let mut out = bracketed_statements(folded, original);
            out.retain(|b| b.end <= at);
            st.start += at;
            st.end += at;
            out.push(st);
            return out;
        }
    }
    bracketed_statements(folded, original)
}

/// Where the paragraph's last sentence starts, when it opens with a unit
/// label (`责任单位：`, or `【责任单位】` as a WeChat copy of a policy list
/// sets it): past the last `。` that is not its end (None for a paragraph
/// of one sentence).
fn last_sentence_start(folded: &str) -> Option<usize> {
    let body =
        folded.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '。' | '.' | ';' | ','));
    let at = body.rfind('。')? + '。'.len_utf8();
    let last = body[at..].trim_start();
    (starts_with_unit_label(last) || starts_with_bracketed_label(last)).then_some(at)
}

/// The bracketed statements of a paragraph, in order.
fn bracketed_statements(folded: &str, original: &str) -> Vec<Statement> {
    let groups = bracket_groups(folded);
    let last = groups.len().checked_sub(1);
    let closes_paragraph = |close: usize| {
        folded[close + open_len(folded, close)..]
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '。' | '.' | ';' | ','))
            .is_empty()
    };
    let mut out = Vec::new();
    for (i, &(open, close)) in groups.iter().enumerate() {
        let start = open + open_len(folded, open);
        let bracket = folded[open..].chars().next().unwrap_or('(');
        // A bare name in brackets right after a body's name says which part
        // of it (`报送工业和信息化部（中小企业局）。`): no statement.
        let names_a_part = folded[..open].ends_with(['部', '厅', '局', '委', '署', '院', '府'])
            && !folded[start..close].contains(['、', ',', ';']);
        let bare_ok = Some(i) == last && closes_paragraph(close) && !names_a_part;
        if let Some(mut st) = read_statement(
            &folded[start..close],
            cut(folded, original, start, close),
            bracket,
            bare_ok,
        ) {
            st.start = open;
            st.end = close + open_len(folded, close);
            out.push(st);
        }
    }
    out
}

/// Reads one bracket group's content as a statement, if it is one.
fn read_statement(folded: &str, original: &str, bracket: char, bare_ok: bool) -> Option<Statement> {
    // Most bracket groups are no statement (`（一）`, `〔2025〕`, `（试行）`).
    // One that may not be a bare list is read only with a unit label or a
    // role word (folded as its items are below) somewhere in it: all that
    // is read below is part of it.
    if !bare_ok && !UNIT_LABEL.is_match(folded) && !ROLE_ANYWHERE.is_match(&fold(original)) {
        return None;
    }
    // The note runs to the end of the statement; one inside an inner
    // bracket (`各区政府〈含开发区,下同〉`) is part of a name.
    let (mut body_end, note) = match top_level_note(folded) {
        Some(at) => (at, &folded[at..]),
        None => (folded.len(), ""),
    };
    // A statement may name people before its units (`牵头领导：王某；牵头单位：
    // A`, `县领导：李某　责任单位：B`): from the first unit label on, it is
    // read as one that starts with it.
    let mut skip = 0;
    if let Some(p) = PERSON_LABEL.find(folded) {
        if let Some(u) = UNIT_LABEL
            .find_at(folded, p.end())
            .filter(|u| u.start() < body_end)
        {
            skip = u.start();
        }
    }
    let (folded, original) = if skip > 0 {
        body_end -= skip;
        (&folded[skip..], cut(folded, original, skip, folded.len()))
    } else {
        (folded, original)
    };
    // `（责任单位：X；完成时限：2025年底）`: the list ends at the next label
    // that names no units, unless a unit label follows it (`责任单位：A，
    // 责任人：张某；配合单位：B`).
    if starts_with_unit_label(folded.trim_start()) {
        if let Some(m) = ANY_LABEL
            .find_iter(&folded[..body_end])
            .find(|m| m.start() > 0 && !UNIT_LABEL.is_match(m.as_str()))
        {
            body_end = match UNIT_LABEL
                .find_at(folded, m.end())
                .filter(|u| u.start() < body_end)
            {
                // The person's part is cut out below, list by list.
                Some(_) => body_end,
                None => m.start(),
            };
        }
    }
    let first_leads = note.contains("第一") || note.contains("首位") || note.contains("第一个");
    let first_leads_below = first_leads && (note.contains("下同") || note.contains("以下同"));
    let body_f = folded[..body_end]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '、' | ':'));
    let body_o = cut(folded, original, 0, body_f.len());
    let body_f_trim = body_f.trim_start();
    let lead_ws = body_f.len() - body_f_trim.len();

    let mut units: Vec<Unit> = Vec::new();
    let labelled = starts_with_unit_label(body_f_trim);
    if labelled {
        let labels: Vec<_> = UNIT_LABEL.captures_iter(body_f).collect();
        for (k, c) in labels.iter().enumerate() {
            let m = c.get(0).expect("match");
            let end = labels
                .get(k + 1)
                .map_or(body_f.len(), |n| n.get(0).expect("match").start());
            let lead_label = crate::vocab::is_lead_role(&c["role"]);
            // A label naming no units inside the list ends it.
            let end = ANY_LABEL
                .find_iter(&body_f[m.end()..end])
                .find(|l| !UNIT_LABEL.is_match(l.as_str()))
                .map_or(end, |l| m.end() + l.start());
            let part = cut(body_f, body_o, m.end(), end);
            let part = part.trim().trim_end_matches([';', '；', ',', '，']);
            for p in split_parts(part) {
                if let Some(mut u) = clean_unit(p) {
                    u.leads |= lead_label;
                    units.push(u);
                }
            }
        }
    } else {
        let body = cut(body_f, body_o, lead_ws, body_f.len());
        let bare_list = bare_ok && !body_f.contains(':') && looks_like_units(body_f_trim, bracket);
        // Without a role word anywhere in its text (folded as each item is
        // below), no item can end in one, and only a bare list is left.
        if !bare_list && !ROLE_ANYWHERE.is_match(&fold(body)) {
            return None;
        }
        let items: Vec<Unit> = split_parts(body)
            .iter()
            .filter(|p| !TIME_NOTE.is_match(&fold(p)))
            .filter_map(|p| clean_unit(p))
            .collect();
        let mut items = items;
        // A role covers the names listed before it since the last role:
        // `A、B牽頭負責，C配合` has A and B lead. One in a bracket of its own
        // is its name's alone: in `A、B（牵头）` only B leads.
        let mut leads = false;
        for u in items.iter_mut().rev() {
            if u.has_role {
                leads = u.leads && !u.bracket_role;
            } else {
                u.leads = leads;
            }
        }
        // A list that ends in a role, or marks a name's role in a bracket
        // (`（省商务厅（牵头）、省财政厅）`, a task table's way).
        let role_marked =
            items.last().is_some_and(|u| u.has_role) || items.iter().any(|u| u.bracket_role);
        let names_ok = !items.is_empty()
            && items.iter().all(|u| is_unit_name(&u.name))
            && items.iter().any(|u| ends_like_body(&u.name));
        let role_statement = role_marked && names_ok;
        if !(role_statement || bare_list) {
            return None;
        }
        units = items;
    }
    if units.is_empty() {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    let mut leads: Vec<String> = Vec::new();
    for u in &units {
        if !names.contains(&u.name) {
            names.push(u.name.clone());
        }
        if u.leads && !leads.contains(&u.name) {
            leads.push(u.name.clone());
        }
    }
    if first_leads && leads.is_empty() {
        if note.contains("逗号") || note.contains("分号") {
            // `第一个逗号前为牵头单位`: the units before the first comma.
            let before = body_o
                .split([',', '，', ';', '；'])
                .next()
                .unwrap_or_default();
            leads = split_units(before);
        } else {
            leads.push(names[0].clone());
        }
    }
    Some(Statement {
        start: 0,
        end: 0,
        units: names,
        leads,
        first_leads,
        first_leads_below,
    })
}

/// Where the first note outside inner brackets starts in a statement's
/// content (one scan: the bracket depth is carried from match to match).
fn top_level_note(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut scanned = 0;
    for m in NOTE.find_iter(s) {
        for c in s[scanned..m.start()].chars() {
            if is_opener(c) {
                depth += 1;
            } else if is_closer(c) {
                depth = depth.saturating_sub(1);
            }
        }
        scanned = m.start();
        if depth == 0 {
            return Some(m.start());
        }
    }
    None
}

/// Whether an unlabelled, role-less bracketed list reads as names of
/// bodies. In `[]` `〔〕` `【】` most items must end like a body's name
/// (`局`, `政府`, `各區`); in round brackets, which usually hold an aside
/// (`(試行)`, `(含開發區)`), no item may read as an aside and one must end
/// like an office.
fn looks_like_units(folded: &str, bracket: char) -> bool {
    if folded.chars().any(|c| c.is_ascii_digit()) || folded.contains('。') {
        return false;
    }
    let items = split_parts(folded);
    let ends_like_unit = |u: &&str| {
        u.chars()
            .last()
            .is_some_and(|c| vocab::UNIT_ENDINGS.contains(&c))
    };
    let loose = !items.is_empty()
        && items.iter().all(|u| u.chars().count() <= 30)
        && items.iter().filter(|u| ends_like_unit(u)).count() * 10 >= items.len() * 6;
    if bracket != '(' {
        return loose;
    }
    static ASIDE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"含|简称|以下|不|除|包括|试行|暂行|详见|附件|等于|如|即").expect("valid regex")
    });
    static OFFICE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:局|委|办|厅|政府|部|中心|集团|公司|院|会|署|处)$").expect("valid regex")
    });
    loose
        && items
            .iter()
            .all(|u| u.chars().count() <= 20 && !ASIDE.is_match(u))
        && items.iter().any(|u| OFFICE.is_match(u))
}

/// Whether a (folded) paragraph ends with a statement: such a group may
/// close a notice's last clause.
pub(crate) fn ends_with_statement(folded: &str) -> bool {
    let trimmed = folded.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '。' | '.'));
    find_statements(folded, folded)
        .last()
        .is_some_and(|s| s.end == trimmed.len())
}

/// Lead units of a section heading (text after `一、`, folded and original):
/// the byte offset in `folded` where the lead-unit group starts, and the
/// units. `(由科技局牽頭實施)`, `(牽頭單位:科技局)`, `(科技局、財政局牽頭)`,
/// or a labelled list of any role (`（责任部门：社会事业办、民政办）`: the
/// units the section is under).
pub(crate) fn find_lead_units(folded: &str, original: &str) -> Option<(usize, Vec<String>)> {
    for (open, close) in bracket_groups(folded) {
        let start = open + open_len(folded, open);
        let content = &folded[start..close];
        let labelled = UNIT_LABEL.is_match(content);
        if !(labelled || content.contains("牵头") || content.contains("负责")) {
            continue;
        }
        let content_o = cut(folded, original, start, close);
        if labelled {
            let st = read_statement(content, content_o, '(', false)?;
            return Some((open, st.leading()));
        }
        // The manner (`按职责分工负责`) is no part of the last name.
        static LEAD: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(concat!(
                r"^\s*(?:由)?(?P<units>.+?)\s*(?:",
                crate::vocab::role_manner!(),
                r")?(?:牵头|负责)(?:实施|负责|落实|推进|组织实施)?\s*$"
            ))
            .expect("valid regex")
        });
        if let Some(c) = LEAD.captures(content) {
            let u = c.name("units").expect("group always matches");
            return Some((
                open,
                split_units(cut(content, content_o, u.start(), u.end())),
            ));
        }
        // Lead and partner units (`（由市农业农村局牵头，市商务局配合）`):
        // read as a clause's statement in roles is (GOLD.md's
        // `(省財政廳牽頭,省金融監管局配合)`), every unit it names: the
        // heading puts its section under both (held-out k2's reading),
        // where a labelled list sets its 牵头单位 apart from the rest.
        let by = content.len() - content.trim_start().trim_start_matches('由').len();
        let by_o = cut(content, content_o, by, content.len());
        if let Some(st) = read_statement(&content[by..], by_o, '(', false) {
            if !st.units.is_empty() {
                return Some((open, st.units));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Units and lead units of the statements of one paragraph.
    fn read(s: &str) -> (Vec<String>, Vec<String>) {
        let f = fold(s);
        let mut units = Vec::new();
        let mut leads = Vec::new();
        for st in find_statements(&f, s) {
            units.extend(st.units);
            leads.extend(st.leads);
        }
        (units, leads)
    }

    /// One row per syntax of GOLD.md: the paragraph, its units, its leads.
    const CASES: &[(&str, &[&str], &[&str])] = &[
        // Labelled, any bracket, several labels, several statements.
        (
            "給予獎勵。(責任單位:科技局、經信局、科學城指揮部)",
            &["科技局", "經信局", "科學城指揮部"],
            &[],
        ),
        // A level of government named by `以上` is a name, `以` no
        // preposition in it.
        (
            "给予奖励。〔省工业和信息化厅牵头，各地级以上市人民政府负责〕",
            &["省工业和信息化厅", "各地级以上市人民政府"],
            &["省工业和信息化厅"],
        ),
        (
            "给予奖励。［责任单位：市财政局，市科技局］",
            &["市财政局", "市科技局"],
            &[],
        ),
        (
            "推进改革。（责任单位：省委编办，有关设区市、县〔区〕人民政府）",
            &["省委编办", "有关设区市", "县〔区〕人民政府"],
            &[],
        ),
        (
            "甲。(牵头单位:市发改委;配合单位:市财政局、市商务局)乙。(责任单位:市科技局)",
            &["市发改委", "市财政局", "市商务局", "市科技局"],
            &["市发改委"],
        ),
        ("甲。【牵头部门：市商务委】", &["市商务委"], &["市商务委"]),
        // An office inside a county's bureau (held-out HC4).
        (
            "等支出。（县卫健委财务股负责）",
            &["县卫健委财务股"],
            &[],
        ),
        ("甲。（市财政局预算科牵头）", &["市财政局预算科"], &["市财政局预算科"]),
        ("甲。（责任部门：市交通委）", &["市交通委"], &[]),
        (
            "甲。（负责单位：区住建局、区城管局）",
            &["区住建局", "区城管局"],
            &[],
        ),
        (
            "甲。（负责部门：市民政局，适用范围：全市养老机构）",
            &["市民政局"],
            &[],
        ),
        (
            "甲。(牵头单位:A局,责任单位:B局、C局)",
            &["A局", "B局", "C局"],
            &["A局"],
        ),
        // A paragraph that is only a labelled statement, no brackets (Word-made 方案).
        (
            "责任单位：县农业农村局、县财政局",
            &["县农业农村局", "县财政局"],
            &[],
        ),
        (
            "牵头单位：县交通运输局；配合单位：县商务局、中国邮政集团有限公司沭阳县分公司",
            &[
                "县交通运输局",
                "县商务局",
                "中国邮政集团有限公司沭阳县分公司",
            ],
            &["县交通运输局"],
        ),
        // People's organisations by their short names.
        (
            "牵头单位：区工商联",
            &["区工商联"],
            &["区工商联"],
        ),
        (
            "（市科协、市妇联、市残联等负责）",
            &["市科协", "市妇联", "市残联"],
            &[],
        ),
        (
            "責任單位：縣市場監管局、縣農業農村局、縣商務局（列第一位者為牽頭單位）",
            &["縣市場監管局", "縣農業農村局", "縣商務局"],
            &["縣市場監管局"],
        ),
        (
            "责任单位：县自然资源和规划局（县林业局）、县科技局。",
            &["县自然资源和规划局（县林业局）", "县科技局"],
            &[],
        ),
        // A policy list sets its labels in square brackets.
        ("【责任单位】区科技局、区财政局", &["区科技局", "区财政局"], &[]),
        (
            "【牵头单位】区经信局\u{3000}【配合单位】区财政局、区统计局",
            &["区经信局", "区财政局", "区统计局"],
            &["区经信局"],
        ),
        ("【责任单位】：区商务局", &["区商务局"], &[]),
        // … and closes a clause's paragraph with it (a WeChat copy, held-out l1).
        (
            "1.支持企业做大做强。对企业给予一次性奖励。【责任单位】区经信局、区财政局",
            &["区经信局", "区财政局"],
            &[],
        ),
        // … but a sentence after a label, or a label inside a sentence, is none.
        ("责任单位：要切实履行监管职责，加强日常检查", &[], &[]),
        ("各责任单位：要按照本方案要求抓好落实", &[], &[]),
        ("加强监管。责任单位要切实履行职责。", &[], &[]),
        // Ending in a role.
        (
            "提高贷款可获得性。（财政部、人民银行、银保监会负责）",
            &["财政部", "人民银行", "银保监会"],
            &[],
        ),
        (
            "推动发展。（工业和信息化部、发展改革委、科技部等负责）",
            &["工业和信息化部", "发展改革委", "科技部"],
            &[],
        ),
        (
            "（国家发展改革委牵头负责）",
            &["国家发展改革委"],
            &["国家发展改革委"],
        ),
        (
            "(省財政廳牽頭,省金融監管局配合)",
            &["省財政廳", "省金融監管局"],
            &["省財政廳"],
        ),
        (
            "（教育部牵头，人力资源社会保障部等配合）",
            &["教育部", "人力资源社会保障部"],
            &["教育部"],
        ),
        ("（各有关部门按职责分工负责）", &["各有关部门"], &[]),
        // `按属地` (by territory) is a role, like `按职责分工`.
        ("（各区政府按属地负责）", &["各区政府"], &[]),
        (
            "（市发展改革委、市工商联，各区政府按属地负责）",
            &["市发展改革委", "市工商联", "各区政府"],
            &[],
        ),
        (
            "（商务部等和各有关省级人民政府负责）",
            &["商务部", "各有关省级人民政府"],
            &[],
        ),
        (
            "（市住房城乡建设管理委牵头负责，各区政府组织落实）",
            &["市住房城乡建设管理委", "各区政府"],
            &["市住房城乡建设管理委"],
        ),
        (
            "（市市场监管局、市商务委按职责分工负责落实、各区政府组织落实）",
            &["市市场监管局", "市商务委", "各区政府"],
            &[],
        ),
        (
            "（市住房城乡建设管理委、市财政局牵头负责，市民政局按职责组织配合）",
            &["市住房城乡建设管理委", "市财政局", "市民政局"],
            &["市住房城乡建设管理委", "市财政局"],
        ),
        (
            "（省发展改革委、省工业和信息化厅、财政厅等省直有关部门负责）",
            &["省发展改革委", "省工业和信息化厅", "财政厅"],
            &[],
        ),
        ("（由市发改委牵头负责）", &["市发改委"], &["市发改委"]),
        // The tasks answered for, named before the units.
        (
            "（本部分任务由生态环境部、国家卫生健康委按职责分工负责）",
            &["生态环境部", "国家卫生健康委"],
            &[],
        ),
        (
            "（以上工作均由市财政局牵头负责）",
            &["市财政局"],
            &["市财政局"],
        ),
        // 等 and a class of the units, however worded; 高等 is a word.
        (
            "（市发展改革委、市水利局等市有关部门按职责分工负责）",
            &["市发展改革委", "市水利局"],
            &[],
        ),
        (
            "（责任单位：县司法局、县应急局等行政执法部门）",
            &["县司法局", "县应急局"],
            &[],
        ),
        (
            "（省教育厅、各高等学校负责）",
            &["省教育厅", "各高等学校"],
            &[],
        ),
        // Any class: a short phrase ending in a collective head (A4:
        // `等电网企业`), never a name that holds a 等 of its own.
        (
            "（国家能源局、国家电网有限公司、中国南方电网有限责任公司等电网企业配合）",
            &["国家能源局", "国家电网有限公司", "中国南方电网有限责任公司"],
            &[],
        ),
        (
            "（人民银行、工商银行、农业银行等商业银行按职责分工负责）",
            &["人民银行", "工商银行", "农业银行"],
            &[],
        ),
        (
            "（责任单位：市卫生健康委、市第一人民医院等公立医院）",
            &["市卫生健康委", "市第一人民医院"],
            &[],
        ),
        (
            "（市卫生健康委、各三级甲等医院负责）",
            &["市卫生健康委", "各三级甲等医院"],
            &[],
        ),
        (
            "（市科技局、中科等离子体科技有限公司负责）",
            &["市科技局", "中科等离子体科技有限公司"],
            &[],
        ),
        // An ellipsis for names left out names none.
        (
            "（商务部牵头，人力资源社会保障部、……、全国妇联按职责分工负责）",
            &["商务部", "人力资源社会保障部", "全国妇联"],
            &["商务部"],
        ),
        ("（中央宣传部、中央网信办、……负责）", &["中央宣传部", "中央网信办"], &[]),
        // A level of government the split at 、 leaves alone is still one.
        (
            "（省发展改革委牵头，省财政厅，各市、州、县人民政府按职责分工负责）",
            &["省发展改革委", "省财政厅", "各市", "州", "县人民政府"],
            &["省发展改革委"],
        ),
        // People named beside the units are no units.
        (
            "（牵头领导：县委常委、副县长王某某；牵头单位：县发展改革局；责任单位：县市场监管局、县行政审批局）",
            &["县发展改革局", "县市场监管局", "县行政审批局"],
            &["县发展改革局"],
        ),
        (
            "（县领导：李某某\u{3000}责任单位：县财政局）",
            &["县财政局"],
            &[],
        ),
        (
            "（责任单位：县司法局、县综合行政执法局，责任人：张某某；配合单位：县公安局）",
            &["县司法局", "县综合行政执法局", "县公安局"],
            &[],
        ),
        (
            "（人力资源社会保障部、省直有关部门配合）",
            &["人力资源社会保障部", "省直有关部门"],
            &[],
        ),
        (
            "（市委组织部（人才办）、各县（市、区）政府负责）",
            &["市委组织部（人才办）", "各县（市、区）政府"],
            &[],
        ),
        // A name's role in a bracket of its own is no part of the name, and
        // marks the statement as a trailing role does; a bracket naming a
        // part of the body stays.
        (
            "（省商务厅(牵头)、省财政厅）",
            &["省商务厅", "省财政厅"],
            &["省商务厅"],
        ),
        (
            "推动发展。（市数据局（牵头）、市发展改革委、市财政局负责）",
            &["市数据局", "市发展改革委", "市财政局"],
            &["市数据局"],
        ),
        (
            "（省商务厅（省口岸办）（牵头）、省财政厅（配合））",
            &["省商务厅（省口岸办）", "省财政厅"],
            &["省商务厅（省口岸办）"],
        ),
        (
            "（市发展改革委、市数据局【牵头单位】）",
            &["市发展改革委", "市数据局"],
            &["市数据局"],
        ),
        (
            "（責任單位：市數據局（牽頭）、各縣（市、區）政府（按職責分工負責））",
            &["市數據局", "各縣（市、區）政府"],
            &["市數據局"],
        ),
        (
            "（省商务厅（省口岸办）、市委组织部（人才办）负责）",
            &["省商务厅（省口岸办）", "市委组织部（人才办）"],
            &[],
        ),
        (
            "（人力资源社会保障部、教育部等有关部门和单位按职责分工负责）",
            &["人力资源社会保障部", "教育部"],
            &[],
        ),
        (
            "（责任单位：市数据局、各区人民政府〈含开发区、风景区管委会，下同〉）",
            &["市数据局", "各区人民政府〈含开发区、风景区管委会，下同〉"],
            &[],
        ),
        // When is no who; a label that names no units ends the list.
        (
            "（国家发展改革委牵头，工业和信息化部配合，2025年底前完成）",
            &["国家发展改革委", "工业和信息化部"],
            &["国家发展改革委"],
        ),
        (
            "（责任单位：市财政局、市税务局；完成时限：2025年12月底）",
            &["市财政局", "市税务局"],
            &[],
        ),
        ("（2025年底前完成）", &[], &[]),
        // Notes are no units; the first listed leads.
        (
            "（工业和信息化部、财政部等负责。列第一位者为牵头单位，下同）",
            &["工业和信息化部", "财政部"],
            &["工业和信息化部"],
        ),
        (
            "打造足球城市。[市体育局，各区、县（市）政府，列第一位的为牵头单位，下同]",
            &["市体育局", "各区", "县（市）政府"],
            &["市体育局"],
        ),
        (
            "（责任单位：区人力社保局、区经济局，第一个为牵头单位）",
            &["区人力社保局", "区经济局"],
            &["区人力社保局"],
        ),
        (
            "（责任单位：市第一人民医院、市卫健委）",
            &["市第一人民医院", "市卫健委"],
            &[],
        ),
        (
            "（市财政局、市税务局，第一个逗号前为牵头单位）",
            &["市财政局", "市税务局"],
            &["市财政局", "市税务局"],
        ),
        // Bare lists of bodies closing the paragraph.
        (
            "加强人才认定。（市体育局、市委人才办）",
            &["市体育局", "市委人才办"],
            &[],
        ),
        // Not statements.
        ("给予补助（不含税）。", &[], &[]),
        ("建设产业园（含开发区）", &[], &[]),
        ("出台实施细则（试行）", &[], &[]),
        ("根据文件（浙政发〔2025〕3号）。", &[], &[]),
        ("到2025年达到60%（数据来源：市统计局）", &[], &[]),
        ("所需经费（由各区自行负责）统筹解决。", &[], &[]),
        ("（所需资金由市财政负责）", &[], &[]),
        ("（具体办法由市财政局另行制定）", &[], &[]),
        ("企业研发投入（以企业财务报表为准）", &[], &[]),
        ("推动（市场主体负责任地）发展", &[], &[]),
    ];

    #[test]
    fn a_labelled_statement_ending_a_paragraph_without_brackets() {
        let p = "（一）支持企业稳订单。按展位费的70%给予补贴（含特装费）。牵头单位：省商务厅；配合单位：省财政厅、省贸促会。";
        let f = fold(p);
        let st = find_statements(&f, p);
        assert_eq!(st.len(), 1, "{st:?}");
        assert_eq!(st[0].units, ["省商务厅", "省财政厅", "省贸促会"]);
        assert_eq!(st[0].leads, ["省商务厅"]);
        assert_eq!(&f[st[0].start..st[0].start + 3], "牵");
        // A bare name after a body's name is the part of it meant.
        for p in [
            "请于12月15日前报送工业和信息化部（中小企业局）。",
            "报送省财政厅（预算处）",
        ] {
            let f = fold(p);
            assert_eq!(find_statements(&f, p), [], "{p}");
        }
        // A bracket before it counts as before; a sentence that only starts
        // with a label's words is none.
        let p = "（二）推动转型（省工信厅负责）。责任单位：要切实加强领导，确保落实。";
        let f = fold(p);
        let st = find_statements(&f, p);
        assert_eq!(st.len(), 1, "{st:?}");
        assert_eq!(st[0].units, ["省工信厅"]);
    }

    #[test]
    fn statements_in_every_syntax() {
        for &(s, units, leads) in CASES {
            let (u, l) = read(s);
            assert_eq!(u, units, "units of {s}");
            assert_eq!(l, leads, "leads of {s}");
        }
    }

    #[test]
    fn multi_byte_closers_are_sliced_on_char_boundaries() {
        // Both panicked once: a `】` closing the paragraph, a `〕` closing a
        // group the lead-unit search skips over.
        let s = "对新认定的省级研发中心给予50万元奖励。【责任单位：区科技局】";
        assert!(ends_with_statement(&fold(s)));
        let h = "推进教育科技人才一体发展(由科技局)牵〔2025〕头实施)";
        // Neither bracket group names a lead unit; the search ends cleanly.
        assert_eq!(find_lead_units(&fold(h), h), None);
    }

    #[test]
    fn the_anchored_label_agrees_with_a_label_found_at_the_start() {
        for s in [
            "责任单位:县财政局",
            "牵头部门 :市商务委;配合单位:市财政局",
            "各责任单位:要抓好落实",
            "加强监管。责任单位:市财政局",
            "责任单位要切实履行职责",
            " 责任单位:县财政局",
            "",
        ] {
            let found_at_start = UNIT_LABEL.find(s).is_some_and(|m| m.start() == 0);
            assert_eq!(starts_with_unit_label(s), found_at_start, "{s}");
        }
        assert!(starts_with_unit_label("责任单位:县财政局"));
        assert!(!starts_with_unit_label("各责任单位:要抓好落实"));
    }

    #[test]
    fn a_statement_mid_paragraph_does_not_close_it() {
        assert!(!ends_with_statement(&fold("甲。（财政部负责）乙要加强。")));
        assert!(ends_with_statement(&fold("甲。（财政部负责）")));
    }

    #[test]
    fn lead_units_of_headings() {
        let lead = |s: &str| find_lead_units(&fold(s), s).map(|l| l.1);
        assert_eq!(
            lead("推進教育科技人才一體發展(由科技局牽頭實施)"),
            Some(vec!["科技局".to_string()])
        );
        assert_eq!(
            lead("扩大投资（由发改局、财政局牵头）"),
            Some(vec!["发改局".into(), "财政局".into()])
        );
        assert_eq!(
            lead("扩大投资（牵头单位：市发改委）"),
            Some(vec!["市发改委".into()])
        );
        // The manner is no part of the last name (held-out HF2).
        assert_eq!(
            lead("完善县域商业网络设施（国家发展改革委、商务部按职责分工负责）"),
            Some(vec!["国家发展改革委".into(), "商务部".into()])
        );
        // The leading official is a person, not a lead unit.
        assert_eq!(
            lead("营造公平竞争的市场环境（牵头县领导：刘某某；牵头单位：县市场监管局）"),
            Some(vec!["县市场监管局".into()])
        );
        // A lead and its partners (held-out k2): every unit named.
        assert_eq!(
            lead("提升农产品上行能力（由市农业农村局牵头，市商务局配合）"),
            Some(vec!["市农业农村局".into(), "市商务局".into()])
        );
        // A labelled list names its leads apart (held-out Z3): the units
        // after 牵头单位, not those of the 责任单位 or 配合单位 after them.
        assert_eq!(
            lead("强化要素保障（牵头单位：省财政厅、省发展改革委；责任单位：省自然资源厅）"),
            Some(vec!["省财政厅".into(), "省发展改革委".into()])
        );
        assert_eq!(
            lead("强化要素保障（牵头单位：省财政厅；配合单位：省自然资源厅）"),
            Some(vec!["省财政厅".into()])
        );
        // A labelled list of another role names the section's units too.
        assert_eq!(
            lead("坚持民生优先，增进群众福祉（责任部门：社会事业办、民政办）"),
            Some(vec!["社会事业办".into(), "民政办".into()])
        );
        assert_eq!(lead("扩大投资"), None);
    }
}
