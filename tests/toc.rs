//! A long 规划 opening with a table of contents (`目录`, entries with dot
//! leaders and page numbers): its lines are dropped in decode, so the
//! outline is read from the real headings and every figure lands in its
//! section. Synthetic text dumps, as `pdftotext` writes them with and
//! without `-layout`.

use notice_extract::fetch::RawDocument;
use notice_extract::{extract, Notice};

use crate::common::config;

fn extract_text(name: &str, text: &str) -> Notice {
    let raw = RawDocument::from_bytes(name, text.as_bytes().to_vec());
    extract(&raw, &config()).expect("a text dump extracts")
}

/// A paragraph wrapped at `width` ems, as a PDF's lines are (ASCII half an
/// em, the rest one).
fn wrap(par: &str, width: f32) -> String {
    let mut out = String::new();
    let mut used = 0.0;
    for c in par.chars() {
        let w = if c.is_ascii() { 0.5 } else { 1.0 };
        if used + w > width {
            out.push('\n');
            used = 0.0;
        }
        out.push(c);
        used += w;
    }
    out + "\n"
}

/// The body: headings, and paragraphs wrapped when `wrapped`.
fn body(wrapped: bool) -> String {
    let pars: &[(&str, bool)] = &[
        ("前 言", false),
        ("“十四五”时期是我市数字经济发展的关键时期，面临新的机遇和挑战。为此，根据有关规划和上级部署，结合本市实际，编制本规划，规划期为2021年至2025年，展望到2035年。", true),
        ("第一章 发展基础与形势", false),
        ("第一节 发展基础", false),
        ("“十三五”期间，全市数字经济规模达到1200亿元，年均增长15%，数字基础设施不断完善，产业数字化转型加快推进，数字政府建设成效明显，为下一步发展奠定了坚实基础。", true),
        ("第二节 面临形势", false),
        ("数字经济正在成为重组全球要素资源、重塑全球经济结构、改变全球竞争格局的关键力量，各地纷纷加快布局，区域竞争日趋激烈，我市面临不进则退的压力。", true),
        ("第二章 总体要求", false),
        ("第一节 指导思想", false),
        ("坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，立足新发展阶段，完整、准确、全面贯彻新发展理念，构建新发展格局，推动高质量发展。", true),
        ("第二节 发展目标", false),
        ("到2025年，数字经济核心产业增加值占地区生产总值比重达到10%，数字基础设施达到国内先进水平，数字技术创新能力明显增强，数字化治理体系更加完善。", true),
        ("第三章 构建泛在智联的数字基础设施体系", false),
        ("第一节 建设新一代通信网络", false),
        ("加快推进5G网络建设，新建5G基站5000个，总投资30亿元，实现城区和重点乡镇连续覆盖，推进千兆光网进小区、进楼宇、进企业，提升网络服务能力和水平。", true),
        ("第四章 保障措施", false),
        ("市财政每年安排专项资金不少于2亿元，用于支持数字经济重点项目建设、关键技术攻关和人才引进培养，各区县要加大配套投入力度，形成工作合力，确保规划目标任务落到实处。", true),
    ];
    pars.iter()
        .map(|&(p, long)| {
            if long && wrapped {
                wrap(p, 34.0)
            } else {
                format!("{p}\n")
            }
        })
        .collect()
}

const CHAPTERS: [(&str, &str); 4] = [
    ("第一章", "发展基础与形势"),
    ("第二章", "总体要求"),
    ("第三章", "构建泛在智联的数字基础设施体系"),
    ("第四章", "保障措施"),
];

/// The outline is the real chapters', the table of contents is gone, and
/// `30亿元` is in 第三章.
fn assert_read_from_the_headings(n: &Notice) {
    let sections: Vec<(&str, &str)> = n
        .sections
        .iter()
        .map(|s| (s.label.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(sections, CHAPTERS, "{:#?}", n.sections);
    let amount = n
        .amounts
        .iter()
        .find(|a| a.text == "30亿元")
        .expect("30亿元 is read");
    let third = n
        .sections
        .iter()
        .find(|s| s.label == "第三章")
        .expect("第三章");
    assert_eq!(amount.section, Some(third.number), "{amount:?}");
    assert!(
        n.warnings
            .iter()
            .any(|w| w.code == "table_of_contents_dropped"),
        "{:?}",
        n.warnings
    );
    assert!(!n.text.contains("······"), "{}", n.text);
    assert!(!n.text.contains("....."), "{}", n.text);
}

#[test]
fn a_pdftotext_layout_table_of_contents_is_not_the_outline() {
    let toc = "                        某市数字经济发展“十四五”规划

                        目    录
  前  言 ·································································· 1
  第一章 发展基础与形势 ·················································· 1
    第一节 发展基础 ······················································ 1
    第二节 面临形势 ······················································ 2
  第二章 总体要求 ························································ 3
    第一节 指导思想 ······················································ 3
    第二节 发展目标 ······················································ 3
  第三章 构建泛在智联的数字基础
    设施体系 ······························································ 4
    第一节 建设新一代通信网络 ·············································
                                                                        4
  第四章 保障措施 ························································ 5
\x0c";
    let n = extract_text("layout.txt", &format!("{toc}{}", body(false)));
    assert_read_from_the_headings(&n);
}

#[test]
fn a_plain_pdftotext_table_of_contents_is_not_the_outline() {
    // Hard-wrapped: the dump's lines are joined, the last entry to the
    // body's first heading on the next page.
    let toc = "目 录
前 言 ................................................................ 1
第一章 发展基础与形势 ............................................ 1
第一节 发展基础 .................................................... 1
第二节 面临形势 .................................................... 2
第二章 总体要求 .................................................... 3
第一节 指导思想 .................................................... 3
第二节 发展目标 .................................................... 3
第三章 构建泛在智联的数字基础设施体系 ................ 4
第一节 建设新一代通信网络 .................................... 4
第四章 保障措施 .................................................... 5
\x0c";
    let n = extract_text("plain.txt", &format!("{toc}{}", body(true)));
    assert!(
        n.warnings.iter().any(|w| w.code == "text_rewrapped"),
        "{:?}",
        n.warnings
    );
    assert_read_from_the_headings(&n);
    assert!(n.text.starts_with("前 言\n"), "{}", n.text);
}
