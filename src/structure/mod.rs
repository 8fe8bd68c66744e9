//! Structure: the paragraphs of a notice become its header fields, its
//! outline (sections, clauses and their items) and its tables, each with a
//! code-point span into the text.
//!
//! Everything here reads the *folded* text (see `decode::normalize`), so one
//! pattern written in simplified characters and ASCII punctuation matches
//! 責任單位 and 责任单位, `(` and `（`; values are cut from the original text
//! by code-point offsets, keeping the source's characters.
//!
//! Parts: `header` (title, 文號, issuers, dates, 主送), `labels` (the
//! numbering a paragraph opens with), `bounds` (where the outline stops: a
//! signature, attachments, links, a table of contents), `outline` (levels
//! from the document's own nesting, sections, clauses, items), `units`
//! (responsibility statements: responsible and lead units), `tasks` (a
//! task table's rows as clauses when the text has no outline), `start`
//! (where the notice starts under a repost's headline: its title's line).

mod bounds;
mod header;
mod labels;
mod outline;
mod start;
mod tasks;
mod units;

pub use header::Header;
pub use start::{link_lists, notice_start};
pub use units::split_units;

use crate::decode::normalize::Folded;
use crate::decode::{Layout, PageMeta};
use crate::model::{Clause, Paragraphs, Parsed, Section, Table, Warning, WarningCode};

/// What the structure stage finds in a notice.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Structure {
    /// Title, 文號, issuers, dates, 主送.
    pub header: Header,
    pub sections: Vec<Section>,
    pub clauses: Vec<Clause>,
    /// Tables of data, located in the outline.
    pub tables: Vec<Table>,
}

/// One paragraph (line) of the text: code-point range and both forms.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Para<'a> {
    /// Code-point offsets of the paragraph in the text (no newline).
    pub start: usize,
    pub end: usize,
    /// The folded paragraph (for matching).
    pub folded: &'a str,
    /// The paragraph as the source has it.
    pub original: &'a str,
}

/// The paragraphs of a notice with their offsets, in both forms (`f`
/// folds `text.text()`).
fn paragraphs<'a>(f: &'a Folded<'a>, text: &'a Paragraphs) -> Vec<Para<'a>> {
    let mut start = 0;
    text.iter()
        .map(|(_, line)| {
            let end = start + line.chars().count();
            let p = Para {
                start,
                end,
                folded: f.folded_slice(start, end),
                original: line,
            };
            start = end + 1;
            p
        })
        .collect()
}

/// Finds the structure of a notice's text; `layout` says which paragraphs
/// are table rows and where rules stood.
pub fn find_structure(text: &Paragraphs, meta: &PageMeta, layout: &Layout) -> Parsed<Structure> {
    let folded = Folded::new(text.text());
    let paras = paragraphs(&folded, text);
    let mut warnings: Vec<Warning> = Vec::new();
    let mut flags = outline::ParaFlags {
        in_table: vec![false; paras.len()],
        rule_before: vec![false; paras.len()],
    };
    let tables: Vec<_> = layout
        .tables
        .iter()
        .filter(|t| t.paragraphs.start < t.paragraphs.end && t.paragraphs.end <= paras.len())
        .collect();
    for t in &tables {
        for f in &mut flags.in_table[t.paragraphs.clone()] {
            *f = true;
        }
    }
    for &r in &layout.rules {
        if let Some(f) = flags.rule_before.get_mut(r) {
            *f = true;
        }
    }
    let mut body = outline::find_body(&paras, &flags, &mut warnings);
    // A text with no outline of its own may be a task table (a workbook,
    // a page that is only a 任务分工表): its rows are the clauses.
    // So is a notice whose own requirements (`一、提高思想认识`, headings
    // without clauses, all before its signature) come before the task
    // table it issues as its attachment (held-out m4): the policy is the
    // table, and the notice's requirements are no sections of it.
    let notice_items_only = body.clauses.is_empty()
        && !tables.is_empty()
        && body.closing_from.is_some_and(|c| {
            tables.iter().all(|t| t.paragraphs.start >= c)
                && body.sections.iter().all(|s| s.span[0] < paras[c].start)
        });
    // An outline of clauses that each head a table (a sheet per category,
    // `一、消费提振类（牵头单位：…）` right above its header) or stand in
    // one is the tables' to read.
    let in_tables = |at: usize| {
        tables.iter().any(|t| {
            let before = t.paragraphs.start.saturating_sub(1);
            paras[before].start <= at && at < paras[t.paragraphs.end - 1].end
        })
    };
    // (Headings read as sections keep them: a task table in a section
    // without clauses gives it its clauses, below.)
    let outline_in_tables = body.sections.is_empty()
        && !body.clauses.is_empty()
        && body.clauses.iter().all(|c| in_tables(c.span[0]));
    // Numbered notes after every table (a workbook's 填报说明 sheet after
    // its 政策清单: `1. 本清单所列政策有效期…`) are no outline of it either.
    let notes_after_tables = body.sections.is_empty()
        && !tables.is_empty()
        && body.clauses.iter().all(|c| {
            tables
                .iter()
                .all(|t| paras[t.paragraphs.end - 1].end <= c.span[0])
        });
    let no_outline = (body.sections.is_empty() && body.clauses.is_empty())
        || outline_in_tables
        || notes_after_tables;
    if no_outline || notice_items_only {
        if let Some((sections, clauses, first)) = tasks::task_outline(&paras, &tables, no_outline) {
            body.sections = sections;
            body.clauses = clauses;
            body.first_marker = Some(first);
        }
    } else {
        // A task table inside a section without clauses holds its clauses;
        // one beside the outline names the clauses it assigns.
        tasks::clauses_of_section_tables(&paras, &body.sections, &mut body.clauses, &tables);
        tasks::units_from_task_tables(&mut body.clauses, &tables);
    }
    let header = header::find_header(&paras, body.first_marker, body.closing_from, meta);
    let mut st = Structure {
        header,
        sections: body.sections,
        clauses: body.clauses,
        tables: Vec::new(),
    };
    st.tables = tables
        .iter()
        .map(|t| {
            let span = [
                paras[t.paragraphs.start].start,
                paras[t.paragraphs.end - 1].end,
            ];
            let (section, clause) = locate(&st, span[0]);
            Table {
                rows: t.rows.clone(),
                section,
                clause,
                span,
            }
        })
        .collect();
    if st.header.title.is_none() {
        warnings.push(Warning::new(
            WarningCode::NoTitle,
            "no title (a line ending in 通知 or the page's article title) was found",
        ));
    }
    Parsed {
        value: st,
        warnings,
    }
}

/// The (section, clause) numbers holding a code-point offset: a section's
/// span runs to the next section or the closing text, a clause's to its end.
pub fn locate(st: &Structure, at: usize) -> (Option<u32>, Option<u32>) {
    let section = st
        .sections
        .iter()
        .find(|s| s.span[0] <= at && at < s.span[1])
        .map(|s| s.number);
    let clause = st
        .clauses
        .iter()
        .find(|c| c.span[0] <= at && at < c.span[1]);
    match clause {
        Some(c) => (c.section.or(section), Some(c.number)),
        None => (section, None),
    }
}

/// The `take` chars of `s` from char `skip` on: what
/// `s.chars().skip(skip).take(take)` yields, sliced rather than copied a
/// char at a time.
pub(crate) fn char_range(s: &str, skip: usize, take: usize) -> &str {
    let byte_of = |s: &str, n: usize| s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    let rest = &s[byte_of(s, skip)..];
    &rest[..byte_of(rest, take)]
}

/// Value of a Chinese or Arabic numeral used as a label (`四十六`, `12`,
/// `一百零五`); None for anything that is not a whole number. The numeral
/// grammar lives in `entities::numerals`, shared with amounts.
pub(crate) fn label_value(label: &str) -> Option<u32> {
    let v = crate::entities::numerals::parse_numeral(label)?;
    (v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v)).then_some(v as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::TextTable;

    /// The structure of a text, read with `layout`.
    fn structure_of(text: &str, layout: &Layout) -> Structure {
        find_structure(&Paragraphs::from_text(text), &PageMeta::default(), layout).value
    }

    /// A layout holding one table over `paragraphs`, its rows' cells.
    fn one_table(paragraphs: std::ops::Range<usize>, rows: &[&[&str]]) -> Layout {
        Layout {
            tables: vec![TextTable {
                paragraphs,
                rows: rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.to_string()).collect())
                    .collect(),
                row_paragraphs: Vec::new(),
            }],
            rules: Vec::new(),
        }
    }

    #[test]
    fn signature_above_the_closing_date_is_not_clause_text() {
        let text = "关于支持小微企业发展的若干意见\n第一条 为支持小微企业发展，制定本意见。\n第二条 给予奖励10万元。\n第三条 本意见自印发之日起施行。\n某县人民政府\n2023年5月8日";
        let st = structure_of(text, &Layout::default());
        assert_eq!(st.clauses.len(), 3);
        assert_eq!(st.clauses[2].text, "第三条 本意见自印发之日起施行。");
        assert_eq!(st.header.issuers, ["某县人民政府"]);
        assert_eq!(st.header.signed_date.as_deref(), Some("2023-05-08"));
    }

    /// A notice's own requirements (`一、提高思想认识`, no clauses) before
    /// its signature, and the 分工表 it issues as its attachment (held-out
    /// m4): the table's rows are the outline, not the requirements.
    #[test]
    fn a_notice_s_requirements_before_its_task_table_are_no_sections() {
        let lines = [
            "某县人民政府办公室关于印发某县重点任务分工方案的通知",
            "各乡镇人民政府：",
            "现将方案印发给你们，请认真贯彻落实。",
            "一、提高思想认识。各单位要高度重视。",
            "二、严格督查考核。县政府督查室定期通报。",
            "附件：某县重点任务分工方案",
            "某县人民政府办公室",
            "2025年3月14日",
            "某县重点任务分工方案",
            "序号 主要任务 责任单位",
            "一、优化政务服务",
            "1 深化一网通办改革。给予补助10万元。 县数据局、县市场监管局",
            "2 推行拿地即开工。 县住房城乡建设局",
        ];
        let text = lines.join("\n");
        let layout = one_table(
            9..13,
            &[
                &["序号", "主要任务", "责任单位"],
                &["一、优化政务服务", "", ""],
                &[
                    "1",
                    "深化一网通办改革。给予补助10万元。",
                    "县数据局、县市场监管局",
                ],
                &["2", "推行拿地即开工。", "县住房城乡建设局"],
            ],
        );
        let st = structure_of(&text, &layout);
        let sections: Vec<&str> = st.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(sections, ["优化政务服务"]);
        let clauses: Vec<(&str, &[String])> = st
            .clauses
            .iter()
            .map(|c| (c.title.as_str(), c.responsible_units.as_slice()))
            .collect();
        assert_eq!(clauses.len(), 2, "{clauses:?}");
        assert_eq!(clauses[0].0, "深化一网通办改革");
        assert_eq!(clauses[0].1, ["县数据局", "县市场监管局"]);
        assert_eq!(st.header.signed_date.as_deref(), Some("2025-03-14"));
    }

    /// A notice with requirements of its own (`一、` headings with text
    /// under them) that issues a regulation of articles without chapters
    /// (held-out B3): its headings are the sections, the articles clauses
    /// with no section, and its signature between the two is read.
    #[test]
    fn a_notice_s_own_headings_before_a_regulation_without_chapters() {
        let text = [
            "某市农业农村局 某市财政局关于印发《某市农机补贴实施细则》的通知",
            "各县（市、区）农业农村局、财政局：",
            "现将实施细则印发给你们，并就有关事项通知如下。",
            "一、明确补贴范围和标准",
            "对薄弱环节机具实行市级累加补贴，单台最高10万元。",
            "二、规范申报兑付程序",
            "补贴资金在核验通过后30个工作日内兑付。",
            "某市农业农村局　某市财政局",
            "2025年4月8日",
            "附件",
            "某市农机补贴实施细则",
            "第一条　为规范补贴实施，制定本细则。",
            "第二条　补贴对象为从事农业生产的个人和组织。",
            "第三条　本细则自2025年5月1日起施行。",
        ]
        .join("\n");
        let st = structure_of(&text, &Layout::default());
        let sections: Vec<&str> = st.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(sections, ["明确补贴范围和标准", "规范申报兑付程序"]);
        let clauses: Vec<(&str, Option<u32>)> = st
            .clauses
            .iter()
            .map(|c| (c.label.as_str(), c.section))
            .collect();
        assert_eq!(
            clauses,
            [("第一条", None), ("第二条", None), ("第三条", None)]
        );
        assert_eq!(st.header.issuers, ["某市农业农村局", "某市财政局"]);
        assert_eq!(st.header.signed_date.as_deref(), Some("2025-04-08"));
    }

    /// A section whose tasks are a table and no `(一)` clauses (held-out
    /// E3): the table's rows are its clauses, numbered through with the
    /// clauses around them; a section with clauses of its own keeps them.
    #[test]
    fn a_task_table_inside_a_section_without_clauses_holds_its_clauses() {
        let lines = [
            "某区加快培育消费新场景实施方案",
            "一、总体要求",
            "（一）坚持市场主导。发挥企业主体作用。（区商务局负责）",
            "二、重点任务",
            "对照年度目标，重点抓好以下任务：",
            "序号 任务 责任单位",
            "1 建设夜游消费带 区文广旅体局、区城投集团",
            "2 改造提升老街 区住建局",
            "三、保障措施",
            "（一）加强组织领导。建立工作专班。（区商务局负责）",
        ];
        let text = lines.join("\n");
        let rows: &[&[&str]] = &[
            &["序号", "任务", "责任单位"],
            &["1", "建设夜游消费带", "区文广旅体局、区城投集团"],
            &["2", "改造提升老街", "区住建局"],
        ];
        let layout = one_table(5..8, rows);
        let st = structure_of(&text, &layout);
        let clauses: Vec<(u32, Option<u32>, &str, &[String])> = st
            .clauses
            .iter()
            .map(|c| {
                (
                    c.number,
                    c.section,
                    c.title.as_str(),
                    c.responsible_units.as_slice(),
                )
            })
            .collect();
        assert_eq!(clauses.len(), 4, "{clauses:?}");
        assert_eq!(clauses[0].1, Some(1));
        assert_eq!(
            (clauses[1].0, clauses[1].1, clauses[1].2),
            (2, Some(2), "建设夜游消费带")
        );
        assert_eq!(clauses[1].3, ["区文广旅体局", "区城投集团"]);
        assert_eq!((clauses[2].0, clauses[2].2), (3, "改造提升老街"));
        assert_eq!(
            (clauses[3].0, clauses[3].1, clauses[3].2),
            (4, Some(3), "加强组织领导")
        );
        // The same table under a name of its own is an appended 分工表.
        let named = text.replace("对照年度目标，重点抓好以下任务：", "某区重点任务分工表");
        let st = structure_of(&named, &layout);
        assert_eq!(st.clauses.len(), 2, "{:?}", st.clauses);
        // A section's own heading naming a list (`二、政策清单`, a
        // workbook's sheet) right above its table is no name apart.
        let headed = text
            .replace("二、重点任务", "二、政策清单")
            .replace("对照年度目标，重点抓好以下任务：\n", "");
        let st = structure_of(&headed, &one_table(4..7, rows));
        assert_eq!(st.clauses.len(), 4, "{:?}", st.clauses);
    }

    #[test]
    fn articles_with_spaced_digits_count() {
        // A PDF's layout pasted into a page: `第 1 0 条`.
        let mut text = String::from("关于支持重点产业发展的实施意见");
        for n in 1..=11 {
            let spaced: Vec<String> = n.to_string().chars().map(String::from).collect();
            text.push_str(&format!("\n第 {} 条 鼓励第{n}项。", spaced.join(" ")));
        }
        let st = structure_of(&text, &Layout::default());
        let labels: Vec<&str> = st.clauses.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels.len(), 11, "{labels:?}");
        assert_eq!(labels[9..], ["第10条", "第11条"]);
        assert_eq!(st.clauses[10].number, 11);
    }

    #[test]
    fn a_title_set_over_two_lines_is_joined() {
        let title = |text: &str| structure_of(text, &Layout::default()).header.title;
        let split = "某区人民政府办公室文件\n关于印发某区促进人工智能产业发展\n若干政策的通知\n各街道办事处：\n一、支持算力建设";
        assert_eq!(
            title(split).as_deref(),
            Some("关于印发某区促进人工智能产业发展若干政策的通知")
        );
        // The issuers' line above a title that starts with 关于 is part of
        // it (a joint document's title, as the liuhe gold reads it).
        let joint = "中共某县委 某县人民政府\n关于支持重点产业加快发展的实施意见\n一、政策支持";
        assert_eq!(
            title(joint).as_deref(),
            Some("中共某县委 某县人民政府关于支持重点产业加快发展的实施意见")
        );
        // A PDF's title over three lines, the first the issuing body.
        let organ = "河北省人民政府办公厅\n关于印发河北省推进数字乡村建设实施方案\n（2024—2026年）的通知\n冀政办字〔2024〕45号\n各市人民政府：\n一、总体要求";
        assert_eq!(
            title(organ).as_deref(),
            Some("河北省人民政府办公厅关于印发河北省推进数字乡村建设实施方案（2024—2026年）的通知")
        );
        let ministries =
            "国家发展改革委 国家能源局关于做好\n2021年电力中长期合同签订工作的通知\n各省：";
        assert_eq!(
            title(ministries).as_deref(),
            Some("国家发展改革委 国家能源局关于做好2021年电力中长期合同签订工作的通知")
        );
    }

    #[test]
    fn label_values() {
        for (s, v) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("四十六", 46),
            ("一百零五", 105),
            ("12", 12),
        ] {
            assert_eq!(label_value(s), Some(v), "{s}");
        }
        assert_eq!(label_value("甲"), None);
    }
}
