//! A page interpreting a policy (政策解读) that holds the policy's original
//! text below the interpretation: the record is the original's, end to
//! end (title, 文号, dates, outline, units, figures), never the
//! interpretation's summary of it.

use crate::common;

use notice_extract::fetch::RawDocument;
use notice_extract::model::Notice;

fn extract_page(html: &str) -> Notice {
    let raw = RawDocument::from_bytes(
        "https://www.example.gov.cn/art/2025/3/20/art_2.html",
        html.as_bytes().to_vec(),
    );
    notice_extract::extract(&raw, &common::config()).expect("the page extracts")
}

/// The interpretation's info bar dates it 2025-03-20 and its summary
/// states 5% and 500万元; the original (under `政策原文`, with its info
/// table) was published 2025-02-28 and states 20%, 30万元 and 3%.
#[test]
fn an_interpretation_page_is_extracted_as_the_original_it_holds() {
    let n = extract_page(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8">
        <title>《某区促进科技服务业高质量发展若干政策》政策解读_政策解读_某区人民政府</title></head><body>
        <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zcjd">政策解读</a></div>
        <div class="main"><h1 class="title">《某区促进科技服务业高质量发展若干政策》政策解读</h1>
        <div class="info"><span>发布时间：2025-03-20 09:15</span><span>来源：区科技局</span></div>
        <div class="TRS_Editor">
        <p>一、出台背景</p><p>为加快发展科技服务业，区科技局牵头起草了本政策。</p>
        <p>二、主要内容</p><p>（一）支持研发服务机构。对新认定的研发服务机构给予最高500万元奖励。</p>
        <p>（二）支持技术转移。按技术合同成交额的5%给予奖励，最高200万元。</p>
        <p>三、政策亮点</p><p>政策突出精准支持。</p>
        <p>五、解读机关及联系方式</p><p>解读机关：某区科技局　联系电话：0571-12345678</p></div>
        <div class="yw"><h3>政策原文</h3>
        <table class="xxgk"><tr><td>索引号</td><td>11330100MB0000000X/2025-00012</td><td>发布机构</td><td>某区人民政府</td></tr>
        <tr><td>成文日期</td><td>2025-02-26</td><td>文号</td><td>某政发〔2025〕3号</td></tr>
        <tr><td>发布日期</td><td>2025-02-28</td><td>主题分类</td><td>科技</td></tr>
        <tr><td>标题</td><td colspan="3">某区人民政府关于印发《某区促进科技服务业高质量发展若干政策》的通知</td></tr></table>
        <div class="zoom">
        <p style="text-align:center">某区人民政府关于印发《某区促进科技服务业高质量发展若干政策》的通知</p>
        <p style="text-align:center">某政发〔2025〕3号</p>
        <p>各街道办事处，区政府各部门、各直属单位：</p>
        <p>现将《某区促进科技服务业高质量发展若干政策》印发给你们，请认真贯彻执行。</p>
        <p style="text-align:right">某区人民政府</p><p style="text-align:right">2025年2月26日</p>
        <p style="text-align:center">某区促进科技服务业高质量发展若干政策</p>
        <p>一、支持研发服务机构发展</p>
        <p>（一）支持新型研发机构建设。对新认定的研发服务机构，按其研发投入的20%给予最高500万元奖励。</p>
        <p>【牵头单位：区科技局；配合单位：区财政局】</p>
        <p>（二）支持检验检测服务。对新获得资质认定的检验检测机构给予30万元奖励。</p>
        <p>【牵头单位：区市场监管局】</p>
        <p>二、促进技术转移转化</p>
        <p>（三）支持技术交易。按技术合同成交额的3%给予奖励，单个机构每年最高200万元。</p>
        <p>【牵头单位：区科技局；配合单位：区财政局、区统计局】</p>
        <p>三、附则</p><p>本政策自2025年3月1日起施行，有效期3年。</p>
        </div></div></div>
        <div class="footer">版权所有 某区人民政府</div></body></html>"#,
    );
    assert_eq!(
        n.title.as_deref(),
        Some("某区人民政府关于印发《某区促进科技服务业高质量发展若干政策》的通知")
    );
    assert_eq!(n.doc_number.as_deref(), Some("某政发〔2025〕3号"));
    assert_eq!(n.issuers, ["某区人民政府"]);
    assert_eq!(n.signed_date.as_deref(), Some("2025-02-26"));
    assert_eq!(n.published_at.as_deref(), Some("2025-02-28"));
    let sections: Vec<&str> = n.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        sections,
        ["支持研发服务机构发展", "促进技术转移转化", "附则"]
    );
    let clauses: Vec<&str> = n.clauses.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        clauses,
        ["支持新型研发机构建设", "支持检验检测服务", "支持技术交易"]
    );
    assert_eq!(
        n.clauses[2].responsible_units,
        ["区科技局", "区财政局", "区统计局"]
    );
    let amounts: Vec<f64> = n.amounts.iter().map(|a| a.value).collect();
    assert_eq!(amounts, [5_000_000.0, 300_000.0, 2_000_000.0]);
    let percents: Vec<f64> = n.percentages.iter().map(|p| p.value).collect();
    assert_eq!(percents, [20.0, 3.0]);
    assert!(!n.text.contains("出台背景"), "{}", n.text);
    assert!(n.tables.is_empty());
}
