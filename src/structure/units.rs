//! Lead units (`(由科技局牽頭實施)`) of sections and responsible units
//! (`(責任單位:科技局、經信局)`) of clauses.
//!
//! Variants seen in real notices: any bracket pair — `()` `（）` `[]` `［］`
//! `〔〕` `【】` — around a labelled list (`責任單位：`, `牽頭單位:…;配合單位:…`,
//! several in one clause), and unlabelled bracketed lists at the end of a
//! clause (`[市體育局，各區、縣（市）政府，列第一位的為牽頭單位，下同]`),
//! whose notes about the convention are not units. Lists split at `、` `,`
//! `，` `;` `；`, never inside a nested bracket (`縣(市)`, `縣〔區〕`).
//!
//! Functions take a folded string and the original with the same number of
//! code points, match on the first and cut values from the second.

use std::sync::LazyLock;

use regex::Regex;

/// Labels introducing a list of units (folded forms).
static UNIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:责任|牵头|配合|协同|参与|主责|实施|负责|协办|主办)(?:单位|部门|主体)\s*:")
        .expect("valid regex")
});

/// Notes about the unit-list convention, not units (`列第一位的為牽頭單位`).
static CONVENTION_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:为|是)牵头(?:单位|部门)|^下同$|按职责分工|分别负责|^等$|排名不分先后")
        .expect("valid regex")
});

const OPENERS: &[char] = &['(', '[', '〔', '【', '〖', '〈', '<'];
const CLOSERS: &[char] = &[')', ']', '〕', '】', '〗', '〉', '>'];

/// Last characters of names of government bodies (folded), used to accept
/// an unlabelled bracketed list as units.
const UNIT_ENDINGS: &[char] = &[
    '局', '委', '办', '厅', '府', '部', '院', '会', '心', '司', '团', '所', '处', '室', '行', '署',
    '队', '馆', '站', '社', '校', '关', '镇', '乡', '道', '门', '区', '县', '市', '省', '台', '园',
    '组', '庭', '监', '管',
];

fn is_opener(c: char) -> bool {
    OPENERS.contains(&c)
}
fn is_closer(c: char) -> bool {
    CLOSERS.contains(&c)
}

/// Cuts the original text matching a byte range of the folded text.
fn cut(folded: &str, original: &str, start: usize, end: usize) -> String {
    let skip = folded[..start].chars().count();
    let take = folded[start..end].chars().count();
    original.chars().skip(skip).take(take).collect()
}

/// Byte offset of the closer matching the bracket group whose content starts
/// at `from` (depth 1 there), or None when it never closes.
fn matching_close(s: &str, from: usize) -> Option<usize> {
    let mut depth = 1usize;
    for (i, c) in s[from..].char_indices() {
        if is_opener(c) {
            depth += 1;
        } else if is_closer(c) {
            depth -= 1;
            if depth == 0 {
                return Some(from + i);
            }
        }
    }
    None
}

/// The bracket group closing a paragraph (after trailing `。` and spaces):
/// byte offsets of its opener and closer.
fn final_group(folded: &str) -> Option<(usize, usize)> {
    let trimmed = folded.trim_end_matches(|c: char| c.is_whitespace() || c == '。' || c == '.');
    let close_char = trimmed.chars().last().filter(|&c| is_closer(c))?;
    let close = trimmed.len() - close_char.len_utf8();
    let mut depth = 0usize;
    for (i, c) in trimmed.char_indices().rev() {
        if is_closer(c) {
            depth += 1;
        } else if is_opener(c) {
            depth -= 1;
            if depth == 0 {
                return Some((i, close));
            }
        }
    }
    None
}

/// Splits a list of units at `、` `,` `，` `;` `；` (outside nested brackets),
/// trimming each and dropping convention notes.
///
/// ```
/// use notice_extract::structure::split_units;
/// assert_eq!(split_units("科技局、經信局,各區、縣(市)政府"), ["科技局", "經信局", "各區", "縣(市)政府"]);
/// ```
pub fn split_units(s: &str) -> Vec<String> {
    // A `。` ends the list: what follows is a note (`下同。以下均需…落實`).
    let s = match s.find('。') {
        Some(i) => &s[..i],
        None => s,
    };
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in s.chars() {
        let folded = crate::decode::normalize::fold_char(c);
        if is_opener(folded) {
            depth += 1;
        } else if is_closer(folded) {
            depth = depth.saturating_sub(1);
        }
        if depth == 0 && matches!(folded, '、' | ',' | ';') {
            push_unit(&mut out, &current);
            current.clear();
        } else {
            current.push(c);
        }
    }
    push_unit(&mut out, &current);
    out
}

fn push_unit(out: &mut Vec<String>, raw: &str) {
    // A leading `*` marks the lead unit on some sites; it is not part of the name.
    let unit = raw
        .trim()
        .trim_end_matches(['。', '.'])
        .trim()
        .trim_start_matches(['*', '＊'])
        .trim();
    if unit.is_empty() {
        return;
    }
    let folded = crate::decode::normalize::fold(unit);
    if CONVENTION_NOTE.is_match(&folded) {
        return;
    }
    // Prose lists end with what the units do (`(財政部、人民銀行負責)`): not
    // part of the last name.
    static DUTY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:按职责分工|按职责|分别|共同)?(?:负责|牵头)$").expect("valid regex")
    });
    let keep = match DUTY.find(&folded) {
        Some(m) => folded[..m.start()].chars().count(),
        None => unit.chars().count(),
    };
    let unit: String = unit.chars().take(keep).collect();
    let unit = unit.trim();
    if !unit.is_empty() {
        out.push(unit.to_string());
    }
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

/// Units of a labelled list inside one bracket group's content: the text
/// after each `…單位:` label, up to the next label.
fn labelled_units(folded: &str, original: &str) -> Vec<String> {
    let labels: Vec<_> = UNIT_LABEL.find_iter(folded).collect();
    let mut out = Vec::new();
    for (i, m) in labels.iter().enumerate() {
        let end = labels.get(i + 1).map_or(folded.len(), |n| n.start());
        let part = cut(folded, original, m.end(), end);
        let part = part.trim().trim_end_matches([';', '；', ',', '，']);
        out.extend(split_units(part));
    }
    out
}

/// Whether an unlabelled bracketed list reads as names of bodies. In `[]`
/// `〔〕` `【】` most items must end like a body's name (`局`, `政府`, `各區`);
/// in round brackets, which usually hold an aside (`(試行)`, `(含開發區)`),
/// no item may read as an aside and one must end like an office.
fn looks_like_units(folded: &str, bracket: char) -> bool {
    if folded.chars().any(|c| c.is_ascii_digit()) || folded.contains('。') {
        return false;
    }
    let items = split_units(folded);
    let ends_like_unit = |u: &String| u.chars().last().is_some_and(|c| UNIT_ENDINGS.contains(&c));
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

/// Responsible units of a clause (its paragraphs, folded and original), in
/// order, each once.
pub(crate) fn find_responsible_units(folded: &[&str], original: &[&str]) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    for (f, o) in folded.iter().zip(original) {
        let mut labelled_any = false;
        let mut search = 0;
        while let Some(m) = UNIT_LABEL.find_at(f, search) {
            search = m.end();
            // The label must open a bracket group: `(責任單位:`.
            let before = f[..m.start()].trim_end();
            if !before.chars().last().is_some_and(is_opener) {
                continue;
            }
            let content_start = before.len();
            let Some(close) = matching_close(f, content_start) else {
                continue;
            };
            units.extend(labelled_units(
                &f[content_start..close],
                &cut(f, o, content_start, close),
            ));
            labelled_any = true;
            search = close;
        }
        if !labelled_any {
            if let Some((open, close)) = final_group(f) {
                let content = &f[open + open_len(f, open)..close];
                let bracket = f[open..].chars().next().unwrap_or('(');
                if looks_like_units(content, bracket) {
                    let start = open + open_len(f, open);
                    units.extend(split_units(&cut(f, o, start, close)));
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    units.retain(|u| seen.insert(u.clone()));
    units
}

fn open_len(s: &str, at: usize) -> usize {
    s[at..].chars().next().map_or(1, char::len_utf8)
}

/// Whether a (folded) paragraph holds a labelled unit list (`(責任單位:…)`).
pub(crate) fn has_unit_label(folded: &str) -> bool {
    UNIT_LABEL.is_match(folded)
}

/// Whether a (folded) paragraph ends with a responsible-unit group: such a
/// group closes its clause.
pub(crate) fn ends_with_unit_marker(folded: &str) -> bool {
    let Some((open, close)) = final_group(folded) else {
        return false;
    };
    let content = &folded[open + open_len(folded, open)..close];
    if UNIT_LABEL.is_match(content) {
        return true;
    }
    let bracket = folded[open..].chars().next().unwrap_or('(');
    looks_like_units(content, bracket)
}

/// Lead units of a section heading (text after `一、`, folded and original):
/// the byte offset in `folded` where the lead-unit group starts, and the
/// units. `(由科技局牽頭實施)`, `(牽頭單位:科技局)`, `(科技局、財政局牽頭)`.
pub(crate) fn find_lead_units(folded: &str, original: &str) -> Option<(usize, Vec<String>)> {
    let mut search = 0;
    while let Some(rel) = folded[search..].find(|c: char| is_opener(c)) {
        let open = search + rel;
        let start = open + open_len(folded, open);
        let close = matching_close(folded, start)?;
        let content = &folded[start..close];
        if content.contains("牵头") || content.contains("负责") {
            if UNIT_LABEL.is_match(content) {
                return Some((
                    open,
                    labelled_units(content, &cut(folded, original, start, close)),
                ));
            }
            static LEAD: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^\s*(?:由)?(?P<units>.+?)\s*(?:共同)?(?:牵头|负责)(?:实施|负责|落实|推进|组织实施)?\s*$")
                    .expect("valid regex")
            });
            if let Some(c) = LEAD.captures(content) {
                let u = c.name("units").expect("group always matches");
                return Some((
                    open,
                    split_units(&cut(
                        content,
                        &cut(folded, original, start, close),
                        u.start(),
                        u.end(),
                    )),
                ));
            }
        }
        search = close + open_len(folded, close);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::normalize::fold;

    #[test]
    fn multi_byte_closers_are_sliced_on_char_boundaries() {
        // Both panicked once: a `】` closing the paragraph, a `〕` closing a
        // group the lead-unit search skips over.
        let s = "对新认定的省级研发中心给予50万元奖励。【责任单位：区科技局】";
        assert!(ends_with_unit_marker(&fold(s)));
        let h = "推进教育科技人才一体发展(由科技局)牵〔2025〕头实施)";
        // Neither bracket group names a lead unit; the search ends cleanly.
        assert_eq!(find_lead_units(&fold(h), h), None);
    }

    fn responsible(s: &str) -> Vec<String> {
        let f = fold(s);
        find_responsible_units(&[f.as_str()], &[s])
    }

    #[test]
    fn labelled_lists_in_any_bracket() {
        assert_eq!(
            responsible("給予獎勵。(責任單位:科技局、經信局、科學城指揮部)"),
            ["科技局", "經信局", "科學城指揮部"]
        );
        assert_eq!(
            responsible("给予奖励。［责任单位：市财政局，市科技局］"),
            ["市财政局", "市科技局"]
        );
        assert_eq!(
            responsible("推进改革。（责任单位：省委编办，有关设区市、县〔区〕人民政府）"),
            ["省委编办", "有关设区市", "县〔区〕人民政府"]
        );
        assert_eq!(
            responsible(
                "甲。(牵头单位:市发改委;配合单位:市财政局、市商务局)乙。(责任单位:市科技局)"
            ),
            ["市发改委", "市财政局", "市商务局", "市科技局"]
        );
    }

    #[test]
    fn unlabelled_bracket_list_with_convention_note() {
        assert_eq!(
            responsible("打造足球城市。[市体育局，各区、县（市）政府，列第一位的为牵头单位，下同]"),
            ["市体育局", "各区", "县（市）政府"]
        );
        // An explanation in parentheses is not a unit list; a list of
        // offices is.
        assert!(responsible("给予补助（不含税）。").is_empty());
        assert!(responsible("建设产业园（含开发区）").is_empty());
        assert!(responsible("出台实施细则（试行）").is_empty());
        assert_eq!(
            responsible("加强人才认定。（市体育局、市委人才办）"),
            ["市体育局", "市委人才办"]
        );
        // Central-government prose: what the units do is not a name.
        assert_eq!(
            responsible("提高贷款可获得性。（财政部、人民银行、银保监会负责）"),
            ["财政部", "人民银行", "银保监会"]
        );
        assert!(responsible("根据文件（浙政发〔2025〕3号）。").is_empty());
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
        assert_eq!(lead("扩大投资"), None);
    }
}
