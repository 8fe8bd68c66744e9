//! Header rules that go through the web page decoder: the page's meta
//! tags and the lines around its body, then the header. Each page is a
//! short stand-in for a held-out notice's layout (named above its test).

use crate::common;

use notice_extract::fetch::RawDocument;
use notice_extract::model::Notice;

fn extract_page(html: &str) -> Notice {
    let raw = RawDocument::from_bytes(
        "https://www.example.gov.cn/art/2025/5/27/art_1.html",
        html.as_bytes().to_vec(),
    );
    notice_extract::extract(&raw, &common::config()).expect("the page extracts")
}

/// Held-out b3: the 文號 in full-width digits under the `<h1>`, outside
/// the body (`<p class="fwzh">`), the info table in the page's header
/// chrome.
#[test]
fn a_full_width_doc_number_under_the_page_title() {
    let n = extract_page(
        r#"<html><head><meta charset="utf-8"><meta name="PubDate" content="2025-05-27 10:30"></head><body>
        <div class="article"><h1 class="bt">北京市人民政府辦公廳关於印發《北京市促進某某產業發展若干措施》的通知</h1>
        <p class="fwzh">京政辦發〔２０２５〕１４號</p>
        <div class="share"><span>发布时间：2025-05-27 10:30</span></div>
        <div id="mainText"><p>各區人民政府，市政府各委、辦、局：</p>
        <p>經市政府同意，現將《北京市促進某某產業發展若干措施》印發給你們，請認真貫徹落實。</p>
        <p>北京市人民政府辦公廳</p><p>２０２５年５月２０日</p>
        <p>一、強化核心技術攻關</p><p>(一)支持企業研發。對企業給予不超過３０００萬元支持。</p></div></div>
        </body></html>"#,
    );
    assert_eq!(n.doc_number.as_deref(), Some("京政辦發〔２０２５〕１４號"));
    assert_eq!(n.issuers, ["北京市人民政府辦公廳"]);
}

/// Held-out e1: a gov.cn 令 page, its first publication time in a meta
/// tag with a dash before the time, its heading with the state's name.
#[test]
fn a_state_council_order_on_gov_cn() {
    let n = extract_page(
        r#"<html><head><meta charset="utf-8">
        <meta name="firstpublishedtime" content="2025-11-10-18:00:12">
        <meta name="publishdate" content="2025-11-10"></head><body>
        <div id="UCAP-CONTENT">
        <p style="text-align: center">中华人民共和国国务院令</p>
        <p style="text-align: center">第812号</p>
        <p>《城市某某管理条例》已经2025年10月17日国务院第68次常务会议通过，现予公布，自2026年3月1日起施行。</p>
        <p style="text-align: right">总理&nbsp;&nbsp;李强</p>
        <p style="text-align: right">2025年11月3日</p>
        <p style="text-align: center">城市某某管理条例</p>
        <p>第一章　总　　则</p>
        <p>第一条　为了加强城市某某管理，制定本条例。</p>
        <p>第二条　本条例自2026年3月1日起施行。</p></div></body></html>"#,
    );
    assert_eq!(n.published_at.as_deref(), Some("2025-11-10T18:00:12+08:00"));
    assert_eq!(n.issuers, ["国务院"]);
    assert_eq!(
        n.doc_number.as_deref(),
        Some("中华人民共和国国务院令第812号")
    );
}

/// Held-out g3: a city government's 公告 with its number alone under its
/// title; the text cites another 公告's number.
#[test]
fn a_titled_announcement_s_number() {
    let n = extract_page(
        r#"<html><head><meta charset="utf-8">
        <meta name="ArticleTitle" content="某市人民政府关于调整市区生活垃圾处理费收费标准的公告"></head><body>
        <div class="wzy_tit">某市人民政府关于调整市区生活垃圾处理费收费标准的公告</div>
        <div class="wzy_info">发布时间：2025-06-05 16:20:11</div>
        <div id="zoom"><div style="text-align:center">第3号</div>
        <div>为推进生活垃圾减量化，经市政府研究同意，现就有关事项公告如下：</div>
        <div>一、适用范围。本市城市建成区内产生生活垃圾的单位和居民，均应当缴纳生活垃圾处理费。</div>
        <div>二、其他。本公告自2025年7月1日起施行，原《某市人民政府关于生活垃圾处理费的公告》（第7号）同时废止。</div>
        <div style="text-align:right">某市人民政府</div>
        <div style="text-align:right">2025年6月3日</div></div></body></html>"#,
    );
    assert_eq!(n.doc_number.as_deref(), Some("第3号"));
    assert_eq!(n.issuers, ["某市人民政府"]);
}
