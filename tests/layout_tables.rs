//! 分工表 in `pdftotext -layout` dumps: a two-column table (`重点任务 |
//! 责任单位`) appended to a policy whose measures are `1.` `2.` … without
//! a `(一)` level gives each measure the units of its row, as the same
//! table in a page or a Word file does. Every input is made here,
//! synthetic: a body wrapped as the dump wraps it, the table's cells
//! wrapped within their columns, a page footer and a form feed inside a
//! wrapped cell.

use notice_extract::fetch::RawDocument;
use notice_extract::{extract, Notice};

use crate::common::config;

fn extract_text(name: &str, text: &str) -> Notice {
    let raw = RawDocument::from_bytes(name, text.as_bytes().to_vec());
    extract(&raw, &config()).expect("a text dump extracts")
}

/// A paragraph as `pdftotext -layout` sets it: wrapped at 28 ems, its
/// first line indented two ems.
fn wrap(par: &str) -> String {
    let mut out = "    ".to_string();
    let mut used = 2.0f32;
    for c in par.chars() {
        let w = if c.is_ascii() { 0.5 } else { 1.0 };
        if used + w > 28.0 {
            out.push('\n');
            used = 0.0;
        }
        out.push(c);
        used += w;
    }
    out + "\n"
}

/// The policy's measures, none stating who answers for it.
const MEASURES: [&str; 5] = [
    "1.培育外贸龙头企业。支持外贸企业做大做强，对年进出口额首次突破10亿元的企业给予奖励，培育一批具有国际竞争力的龙头企业。",
    "2.拓展多元化国际市场。支持企业参加境外重点展会，巩固传统市场，开拓新兴市场，扩大对共建“一带一路”国家出口。",
    "3.优化跨境贸易便利化服务。深化通关便利化改革，压缩进出口整体通关时间，降低进出口环节合规成本。",
    "4.加大出口信用保险支持力度。扩大短期出口信用保险承保规模，提高小微外贸企业投保覆盖面。",
    "5.发展外贸新业态新模式。支持跨境电商综合试验区建设，培育海外仓龙头企业，发展市场采购贸易。",
];

/// The 分工表 as the dump sets it: the header centred over its cells,
/// each row's number in its task cell, row 3 broken by the page's end
/// (its footer `— 5 —` and a form feed between its two lines).
const TABLE: &str = "\
\x0c附件

        云川省促进外贸稳规模优结构重点任务分工表
              （列第一位的为牵头单位）

          重点任务                       责任单位

  1.培育外贸龙头企业            省商务厅牵头，省财政厅、长沙
                                海关，各市州人民政府配合

  2.拓展多元化国际市场          省商务厅、省贸促会，各市州人
                                民政府

  3.优化跨境贸易便利化服        长沙海关、省商务厅、省交通运


                         — 5 —
\x0c  务                            输厅，各市州人民政府

  4.加大出口信用保险支持力      省地方金融管理局、省商务厅、
  度                            中国信保云川分公司

  5.发展外贸新业态新模式        省商务厅、长沙海关、省邮政管理
                                局



                         — 6 —
";

/// A 通知 issuing the policy, the policy, and its 分工表.
fn dump() -> String {
    let mut text = "          云川省人民政府办公厅关于印发《云川省促进外贸\n              稳规模优结构若干措施》的通知\n\n各市州人民政府，省政府各厅委、各直属机构：\n".to_string();
    text += &wrap(
        "《云川省促进外贸稳规模优结构若干措施》已经省人民政府同意，现印发给你们，请认真贯彻执行。",
    );
    text += "\n                                        云川省人民政府办公厅\n                                          2025 年 3 月 5 日\n\n";
    text += "          云川省促进外贸稳规模优结构若干措施\n\n";
    text += &wrap("为深入贯彻落实党中央、国务院关于推动外贸稳规模优结构的决策部署，推动全省外贸高质量发展，制定如下措施。");
    for m in MEASURES {
        text += &wrap(m);
    }
    text += "\n\n                         — 4 —\n";
    text + TABLE
}

/// Each row's units, in the order the cells give them, role words
/// (`牵头`, `配合`) dropped, a cell wrapped over a page break read whole.
const UNITS: [&[&str]; 5] = [
    &["省商务厅", "省财政厅", "长沙海关", "各市州人民政府"],
    &["省商务厅", "省贸促会", "各市州人民政府"],
    &["长沙海关", "省商务厅", "省交通运输厅", "各市州人民政府"],
    &["省地方金融管理局", "省商务厅", "中国信保云川分公司"],
    &["省商务厅", "长沙海关", "省邮政管理局"],
];

fn clauses(n: &Notice) -> Vec<(&str, &str, Vec<&str>)> {
    n.clauses
        .iter()
        .map(|c| {
            let units = c.responsible_units.iter().map(String::as_str).collect();
            (c.label.as_str(), c.title.as_str(), units)
        })
        .collect()
}

const TITLES: [&str; 5] = [
    "培育外贸龙头企业",
    "拓展多元化国际市场",
    "优化跨境贸易便利化服务",
    "加大出口信用保险支持力度",
    "发展外贸新业态新模式",
];

fn expected() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    ["1", "2", "3", "4", "5"]
        .into_iter()
        .zip(TITLES)
        .zip(UNITS)
        .map(|((l, t), u)| (l, t, u.to_vec()))
        .collect()
}

/// The table's rows name the measures `1.`…`5.` by label and title: each
/// measure gets its row's units, and the rows are no clauses of their own.
#[test]
fn a_two_column_layout_table_gives_each_numbered_measure_its_units() {
    let n = extract_text("waimao.txt", &dump());
    assert_eq!(clauses(&n), expected());
    assert_eq!(n.clauses[0].lead_units, ["省商务厅"]);
    assert_eq!(n.tables.len(), 1);
    let rows = &n.tables[0].rows;
    // The lead note above the header goes on the unit column's header,
    // where the task reader finds it.
    assert_eq!(rows[0], ["重点任务", "责任单位（列第一位的为牵头单位）"]);
    assert_eq!(rows.len(), 6);
    assert_eq!(
        rows[3],
        [
            "3.优化跨境贸易便利化服务",
            "长沙海关、省商务厅、省交通运输厅，各市州人民政府"
        ]
    );
    // The table's lines are not in any measure's text.
    assert!(n.clauses.iter().all(|c| !c.text.contains("省贸促会")));
}

/// The table alone (a dump of the attachment only) is the outline: its
/// rows are the clauses, labelled by the numbers their task cells open
/// with, titled by what follows.
#[test]
fn a_two_column_layout_table_alone_is_the_outline() {
    let only = TABLE.replacen("\x0c附件\n", "", 1);
    let n = extract_text("fenbiao.txt", &only);
    assert_eq!(clauses(&n), expected());
}

/// Two column names a line of prose sets a few spaces apart, or a header
/// whose lines below fill one column only, make no table: the lines stay
/// the text's.
#[test]
fn two_column_names_over_prose_are_no_table() {
    let prose = "\
    主要任务  责任单位
    各地各部门要按照职责分工抓好落实，确保各项任务按期完成。
";
    let n = extract_text("prose.txt", &format!("{}{prose}", dump_head()));
    assert!(n.tables.is_empty());
    assert_eq!(n.clauses.len(), MEASURES.len());
    let one_column = "\
          重点任务                       责任单位

    各地各部门要按照职责分工抓好落实，确保各项任务按期完成，
    工作中的重要情况及时报告省政府。
";
    let n = extract_text("one.txt", &format!("{}{one_column}", dump_head()));
    assert!(n.tables.is_empty());
    assert_eq!(n.clauses.len(), MEASURES.len());
}

/// The policy without its table.
fn dump_head() -> String {
    let d = dump();
    let end = d.find(TABLE).unwrap_or(d.len());
    d[..end].to_string()
}

/// A 台账 that is only a table, in a `-layout` dump: no 序号 column, the
/// sections' rows (`一、稳增长`) alone on their lines under the task
/// column, the tasks numbered through under them. The rows are the
/// outline: sections, and the tasks their clauses with their units.
#[test]
fn section_rows_of_a_layout_table_without_numbers_are_sections() {
    let text = "\
              某县人民政府办公室关于印发某县2025年重点工作任务台账的通知

各乡镇人民政府，县政府各部门：
    现将《某县2025年重点工作任务台账》印发给你们，请抓好落实。

                         某县2025年重点工作任务台账

          工作任务                       责任单位                完成时限

  一、稳增长

  1.建设人才创新港，引进人才    县委组织部、县人力社保局      年底前
  500名。

  2.改造老旧小区12个。          县住建局                      年底前

  二、惠民生

  3.新增学位3000个。            县教育局、县财政局            9月底前
";
    let n = extract_text("taizhang.txt", text);
    let sections: Vec<(&str, &str)> = n
        .sections
        .iter()
        .map(|s| (s.label.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(sections, [("一", "稳增长"), ("二", "惠民生")]);
    let got: Vec<(&str, Option<u32>, Vec<&str>)> = n
        .clauses
        .iter()
        .map(|c| {
            (
                c.label.as_str(),
                c.section,
                c.responsible_units.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("1", Some(1), vec!["县委组织部", "县人力社保局"]),
            ("2", Some(1), vec!["县住建局"]),
            ("3", Some(2), vec!["县教育局", "县财政局"]),
        ]
    );
}
