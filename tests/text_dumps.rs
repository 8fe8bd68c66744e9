//! Text dumps of PDFs (`pdftotext` with and without `-layout`) and of
//! portal pages: header fields and clause titles that the dump's layout
//! used to hide. Every input is made here, synthetic, one behaviour each.

use notice_extract::fetch::RawDocument;
use notice_extract::{extract, Notice};

use crate::common::config;

fn extract_text(name: &str, text: &str) -> Notice {
    let raw = RawDocument::from_bytes(name, text.as_bytes().to_vec());
    extract(&raw, &config()).expect("a text dump extracts")
}

/// Width in ems as a dump's estimate counts it: ASCII half, the rest full.
fn em(c: char) -> f32 {
    if c.is_ascii() {
        0.5
    } else {
        1.0
    }
}

/// A paragraph as `pdftotext` lays it out: wrapped at `width` ems, its
/// first line indented by `indent` spaces.
fn wrap(par: &str, width: f32, indent: usize) -> String {
    let mut out = " ".repeat(indent);
    let mut used = indent as f32 * 0.5;
    for c in par.chars() {
        if used + em(c) > width {
            out.push('\n');
            used = 0.0;
        }
        out.push(c);
        used += em(c);
    }
    out + "\n"
}

/// A right-aligned line ending at `width` ems.
fn right(line: &str, width: f32) -> String {
    let w: f32 = line.chars().map(em).sum();
    format!(
        "{}{line}\n",
        " ".repeat(((width - w) * 2.0).max(0.0) as usize)
    )
}

/// The body of a `pdftotext -layout` dump of a 通知: enough wrapped
/// lines for the dump to be read as hard-wrapped.
fn layout_body() -> String {
    let pars = [
        "各地要把植树造林工作摆上重要议事日程，明确责任分工，细化工作措施，确保各项任务落到实处，工作中的重要情况及时报告市政府。",
        "市财政安排专项资金五百万元，用于苗木补助和养护管理，各县（市、区）要统筹用好各类资金，加强资金监管，提高资金使用效益。",
        "各有关部门要按照职责分工，加强协调配合和督促指导，形成工作合力，推动植树造林工作取得实效，为建设美丽云川作出贡献。",
    ];
    let mut body = "一、加强组织领导\n".to_string();
    body += &wrap(pars[0], 28.0, 4);
    body += "二、强化资金保障\n";
    body += &wrap(pars[1], 28.0, 4);
    body += &wrap(pars[2], 28.0, 4);
    body
}

/// A `pdftotext -layout` dump of a 通知 with the given header lines (title,
/// 文号) and closing lines (signature, 版记).
fn layout_dump(header: &str, closing: &str) -> String {
    format!(
        "{header}各县（市、区）人民政府，市政府各部门：\n{}{closing}",
        layout_body()
    )
}

const TITLE: &str = "      云川市人民政府办公室关于做好春季植树造林工作的通知\n";

#[test]
fn a_signature_date_spaced_by_pdftotext_is_the_signed_date() {
    let signature = format!(
        "{}                                   2025 年 4 月 18 日\n（此件公开发布）\n",
        right("云川市人民政府办公室", 24.0)
    );
    let n = extract_text("sig.txt", &layout_dump(TITLE, &signature));
    assert_eq!(n.signed_date.as_deref(), Some("2025-04-18"));
    assert_eq!(n.issuers, ["云川市人民政府办公室"]);
    // With the 版记 under it, the printing date stays the 版记's.
    let closing = format!("{signature}抄送：市委各部门。\n云川市人民政府办公室                        2025 年 4 月 20 日印发\n");
    let n = extract_text("sig-banji.txt", &layout_dump(TITLE, &closing));
    assert_eq!(n.signed_date.as_deref(), Some("2025-04-18"));
    // A 版记's spaced date is never the signing date.
    let closing =
        "抄送：市委各部门。\n云川市人民政府办公室                        2025 年 4 月 20 日印发\n";
    let n = extract_text("banji.txt", &layout_dump(TITLE, closing));
    assert_eq!(n.signed_date, None);
}

#[test]
fn a_title_wrapped_before_its_bracketed_years_keeps_them() {
    let header = "   云川市人民政府办公室关于印发云川市推进\n          低空经济高质量发展三年行动计划\n              （2025—2027 年）的通知\n";
    for text in [
        layout_dump(header, ""),
        // The same lines in a dump without layout.
        header
            .lines()
            .map(|l| format!("{}\n", l.trim()))
            .collect::<String>()
            + "各县（市、区）人民政府，市政府各部门：\n一、总体要求\n加快低空经济发展。\n",
    ] {
        let n = extract_text("title.txt", &text);
        let title: String = n
            .title
            .as_deref()
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(
            title,
            "云川市人民政府办公室关于印发云川市推进低空经济高质量发展三年行动计划（2025—2027年）的通知",
            "{text}"
        );
    }
}

/// A title centred over two lines, its second line ending near the right
/// margin (where a wrapped line ends), the 主送 flush left under it: the
/// title is both lines, the 主送 only the names.
#[test]
fn a_title_s_last_line_near_the_margin_keeps_the_addressees_apart() {
    // The second line: 24 ems at 2, ending 2 short of the body's 28.
    let header = "           云川市人民政府办公室关于印发云川市\n    推进全域植树造林和城乡绿化美化发展若干措施的通知\n\n";
    let n = extract_text("title-two-lines.txt", &layout_dump(header, ""));
    assert_eq!(
        n.title.as_deref(),
        Some("云川市人民政府办公室关于印发云川市推进全域植树造林和城乡绿化美化发展若干措施的通知")
    );
    assert!(n.recipients[0].starts_with("各县"), "{:?}", n.recipients);
    assert!(
        n.recipients.iter().all(|r| !r.contains("通知")),
        "{:?}",
        n.recipients
    );
}

#[test]
fn a_doc_number_in_full_width_digits_is_kept_as_written() {
    // Flush with the right margin (where a wrapped line ends) above a long
    // 主送, and on its own line in a dump without layout.
    let recipients = "各区人民政府，市政府各委、办、局，各市属机构，各有关单位，各街道办事处，各开发区管委会：\n";
    for number in ["京政辦發〔２０２５〕１４號", "京政办发〔２０２５〕１４号"]
    {
        let header = format!("{TITLE}{}", right(number, 28.0));
        let text = format!(
            "{header}{}{}",
            wrap(recipients.trim_end(), 28.0, 0),
            layout_body()
        );
        let n = extract_text("docnum.txt", &text);
        assert_eq!(n.doc_number.as_deref(), Some(number), "{text}");
        assert!(n.recipients[0].starts_with("各区"), "{:?}", n.recipients);
        let text = format!(
            "{}\n{number}\n{recipients}一、总体要求\n加强绿化管理。\n",
            TITLE.trim()
        );
        let n = extract_text("docnum-plain.txt", &text);
        assert_eq!(n.doc_number.as_deref(), Some(number), "{text}");
    }
}

#[test]
fn a_portal_dump_s_publication_time_is_not_its_signing_date() {
    let text = "索引号：11110000000000000X/2024-00012\n发文机关：云川市人民政府办公室\n发文日期：2024-04-08\n发布时间：2024-04-12 16:05\n云川市人民政府办公室关于做好防汛工作的通知\n各县（市、区）人民政府，市政府各部门：\n一、压实责任\n各地要落实防汛责任。\n二、强化保障\n所需经费列入预算。\n";
    let n = extract_text("portal.txt", text);
    assert_eq!(n.published_at.as_deref(), Some("2024-04-12T16:05:00+08:00"));
    assert_eq!(n.signed_date.as_deref(), Some("2024-04-08"));
    // 成文日期 alone dates the signing only.
    let text = text
        .replace("发文日期", "成文日期")
        .replace("发布时间：2024-04-12 16:05\n", "");
    let n = extract_text("portal-signed.txt", &text);
    assert_eq!(n.published_at, None);
    assert_eq!(n.signed_date.as_deref(), Some("2024-04-08"));
}

#[test]
fn a_wrapped_line_opening_with_a_date_goes_on_its_article() {
    // `pdftotext` without `-layout`: no indents, lines of 28 ems; the
    // fifth article's first line stops short where `7 月` did not fit.
    let articles = [
        "第一条　为了规范低空经济示范城市推荐工作，根据有关规定，结合本省实际，制定本办法。",
        "第二条　本办法适用于本省行政区域内低空经济示范城市的申报、推荐、评审和管理等工作，各地应当认真组织实施。",
        "第三条　示范城市推荐工作坚持公开、公平、公正的原则，按照自愿申报、择优推荐的方式组织开展，确保推荐质量。",
        "第四条　申报城市应当具备较好的产业基础，低空经济相关企业数量不少于二十家，年产值达到一定规模，具有较强的示范带动作用。",
        "第五条　省级工业和信息化主管部门会同财政部门于每年\n7 月 31 日前，将推荐城市申报材料报送工业和信息化部，并抄送有关部门。",
        "第六条　推荐城市应当按照要求编制实施方案，明确发展目标、重点任务和保障措施，并于每年年底前报送年度工作总结。",
        "第七条　本办法自印发之日起施行，由省级工业和信息化主管部门负责解释，各地应当认真组织实施。",
    ];
    let mut text = "某省低空经济示范城市推荐管理办法\n".to_string();
    for a in articles {
        for part in a.split('\n') {
            text += &wrap(part, 28.0, 0);
        }
    }
    let n = extract_text("articles.txt", &text);
    let titles: Vec<&str> = n.clauses.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles.len(), 7, "{titles:#?}");
    assert_eq!(
        titles[4],
        "省级工业和信息化主管部门会同财政部门于每年7月31日前，将推荐城市申报材料报送工业和信息化部，并抄送有关部门"
    );
    // A numbered item under it still starts its own paragraph.
    let text = text.replace("第六条", "7.编制实施方案，明确发展目标和重点任务。\n第六条");
    let n = extract_text("articles-items.txt", &text);
    assert!(n.text.contains("\n7.编制实施方案"), "{}", n.text);
}

/// A page dump one paragraph a line (g2, a 国发 意见): its section
/// headings of one length and its information table's lines are no wrap
/// width, so a heading is never joined to the paragraph after it.
#[test]
fn a_paragraph_per_line_dump_keeps_its_headings_apart() {
    let sentence =
        "加快推广智能网联汽车、智能穿戴等数字消费产品，规范发展直播电商、即时零售等新模式。";
    let mut text = "索引号：000014349/2025-00061\n主题分类：商贸、海关、旅游\n发文机关：国务院\n成文日期：2025年05月12日\n发文字号：国发〔2025〕11号\n发布日期：2025年05月20日\n国务院关于加快培育新型消费扩大内需的意见\n国发〔2025〕11号\n各省、自治区、直辖市人民政府：\n".to_string();
    let sections = [
        "一、总体要求",
        "二、培育壮大新型消费业态",
        "三、完善新型消费基础设施",
        "四、优化新型消费发展环境",
        "五、加大政策支持力度",
    ];
    for (n, heading) in sections.iter().enumerate() {
        text += &format!("{heading}\n");
        if n == 4 {
            text += "统筹用好超长期特别国债，2025年安排资金3000亿元支持“以旧换新”。\n";
        }
        text += &format!(
            "（{}）{}\n",
            ["一", "二", "三", "四", "五"][n],
            sentence.repeat(n + 2)
        );
    }
    text += "国务院\n2025年5月12日\n";
    let n = extract_text("yijian.txt", &text);
    let titles: Vec<&str> = n.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        sections.map(|s| &s[s.find('、').map_or(0, |i| i + '、'.len_utf8())..])
    );
    let sum = n
        .amounts
        .iter()
        .find(|a| a.value == 3.0e11)
        .expect("3000亿元");
    assert_eq!((sum.section, sum.clause), (Some(5), None));
}

/// A WeChat repost copied as text: its summary before `以下为政策原文` is
/// not the notice, and adds no figures.
#[test]
fn a_repost_s_summary_before_the_official_text_adds_no_figures() {
    let text = "重磅！稳就业新措施来了\n原创 某某人社 2025年04月08日 18:30 湖南\n近日，市政府办公室印发若干措施，小编帮大家划好了重点。\n吸纳就业每人补贴1000元！创业贷款最高30万元！\n以下为政策原文\n某某市人民政府办公室关于印发若干措施的通知\n某政办发〔2025〕9号\n各县市区人民政府：\n一、强化企业吸纳就业支持\n（一）发放补贴。每人补贴1000元。\n";
    let n = extract_text("repost.txt", text);
    let values: Vec<f64> = n.amounts.iter().map(|a| a.value).collect();
    assert_eq!(values, [1000.0]);
    assert_eq!(n.amounts[0].clause, Some(1));
    assert_eq!(n.published_at.as_deref(), Some("2025-04-08T18:30:00+08:00"));
    assert!(!n.text.contains("小编"));
}
