#!/usr/bin/env python3
"""Writes fuzz/dict/*.dict from the readable token lists below (libFuzzer
dictionaries take printable ASCII only: everything else is \\xNN).
Run: python3 fuzz/dict/make_dicts.py fuzz/dict"""
import sys, os
out = sys.argv[1]

def esc(s):
    b = s.encode('utf-8') if isinstance(s, str) else s
    r = []
    for c in b:
        if c == 0x22: r.append('\\"')
        elif c == 0x5c: r.append('\\\\')
        elif 0x20 <= c < 0x7f: r.append(chr(c))
        else: r.append('\\x%02X' % c)
    return ''.join(r)

def write(name, header, groups):
    lines = [f"# {header}", "# Generated readable: each entry's comment shows it as text; non-ASCII",
             "# bytes are \\xNN escapes (libFuzzer takes printable ASCII only).", ""]
    n = 0
    for title, entries in groups:
        lines.append(f"# --- {title}")
        for e in entries:
            if len(e.encode('utf-8') if isinstance(e, str) else e) > 64:
                print('skip (libFuzzer keeps 64 bytes at most):', e); continue
            if isinstance(e, str) and any(ord(c) > 126 or ord(c) < 32 for c in e):
                lines.append("# " + e.replace("\n", "\\n"))
            n += 1
            lines.append(f'"{esc(e)}"')
        lines.append("")
    open(os.path.join(out, name), 'w').write("\n".join(lines))
    print(name, n)

outline = ["一、", "二、", "十一、", "（一）", "(一)", "（十二）", "第一章", "第二章", "第一条", "第十二条",
           "第一節", "第一條", "1.", "2.", "1、", "（1）", "(1)", "①", "②", "⑩", "一是", "二是", "附件", "附件1",
           "目录", "目錄", "\n一、", "\n（一）", "\n第一条 ", "\n1.", "\n（1）", "\n①"]
units = ["责任单位：", "責任單位:", "（责任单位：市财政局、市科技局）", "牵头", "牽頭", "（由市发改委牵头实施）",
         "负责", "（市商务局等负责）", "配合", "、", "，", "；", "。", "：", "（", "）", "区政府", "市财政局",
         "各街道：", "主送", "抄送"]
figures = ["亿", "億", "万元", "萬元", "元", "亿元", "百分之", "点", "點", "%", "％", "‰", "折", "成",
           "不超过", "不超過", "以上", "以下", "最高", "上限", "不低于", "约", "左右", "个百分点", "三分之二",
           "千分之五", "负", "-", "+", "一", "二", "十", "百", "千", "万", "零", "〇", "两", "壹", "贰", "拾",
           "佰", "仟", "1", "0", "9", "1.5", "100", "0.5", "１００", "美元", "港元", "欧元", "人民币",
           "〔2025〕3号", "杭高新〔2025〕3號", "2025年3月14日", "二〇二五年三月十四日",
           "亿亿亿亿亿亿亿亿", "一亿亿亿亿", "万万万万万万", "九九九九九九九九九九", "99999999999999999999",
           "%%%%%%%%", "1%1%1%1%1%1%", "50%50%50%50%", "百分之百分之百分之", "元元元元元",
           "1.1.1.1.1.1.1.1", "１．５"]
deep_text = ["一、一、一、一、一、一、", "（一）（一）（一）（一）", "第一章第一章第一章",
             "（（（（（（（（（（", "））））））））））", "((((((((((", "))))))))))",
             "【【【【【", "“”“”“”", "\n\n\n\n\n\n\n\n", "——3——", "— 3 —", "- 3 -", "\u3000\u3000\u3000\u3000",
             "\r\n", "\t", " ", "\u00a0", "\ufeff", "\ufffd"]
html_tags = ["<html>", "</html>", "<head>", "<body>", "</body>", "<div>", "</div>", "<div id=zoom>",
             "<div class=\"TRS_Editor\">", "<span>", "</span>", "<p>", "</p>", "<br>", "<br/>", "<table>",
             "</table>", "<tr>", "</tr>", "<td>", "</td>", "<td rowspan=", "<td colspan=", "<td rowspan=99999>",
             "<td colspan=1000>", "<th>", "<tbody>", "<h1>", "<h2>", "<title>", "</title>", "<script>", "</script>",
             "<style>", "</style>", "<a href=\"", "\">", "<a href=\"附件.pdf\">", "<img src=", "<strong>", "<b>",
             "<font face=", "<o:p></o:p>", "<![CDATA[", "<!--", "-->", "<!doctype html>", "<article>", "<section>",
             "<meta charset=gbk>", "<meta charset=utf-8>", "<meta charset=gb2312>", "<meta charset=big5>",
             "content=\"text/html; charset=", "charset=",
             "<meta name=\"ArticleTitle\" content=\"", "<meta name=\"PubDate\" content=\"",
             "<meta name=\"ContentSource\" content=\"", "<input type=hidden>", "<li>", "<ul>", "<ol>",
             " id=", " class=", " style=\"display:none\"", " a=1", " a=1 a=1 a=1 a=1",
             "&nbsp;", "&amp;", "&lt;", "&#x", "&#x4e00;", "&#19968;", "&#", "&#xFFFFFFFF;", "&#0;", "&ensp;",
             "<div><div><div><div><div><div><div><div>", "</div></div></div></div>",
             "<span><span><span><span><span><span>", "<table><tr><td><table><tr><td>",
             "<table><tr><td rowspan=2>", "<p><p><p><p><p>", "<b><i><b><i><b><i>", "<a><a><a><a>"]
gbk = [("一、".encode('gbk')), ("（一）".encode('gbk')), ("万元".encode('gbk')), ("责任单位：".encode('gbk')),
       "\xff".encode('latin1'), b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00"]
markdown = ["# ", "## ", "### ", "**", "*", "| ", " | ", "|---|---|", "\n|---|\n", "> ", "- ", "[", "](", ")", "```",
            "---\n", "![", "<br>", "\\", "__"]
header = ["关于印发", "的通知", "通知", "意见", "办法", "方案", "杭州市人民政府", "印发", "发布日期：", "来源：",
          "索引号", "发文机关", "成文日期", "主题分类", "关于", "政策"]
pdf = ["%PDF-1.4\n", "%PDF-1.7\n", "%%EOF", "%%EOF\n", "obj", " 0 obj\n", "endobj\n", "stream\n", "\nendstream",
       "/Filter /FlateDecode", "/Filter /ASCIIHexDecode", "/Filter /LZWDecode", "/Filter [/FlateDecode /FlateDecode]",
       "/DecodeParms <</Predictor 12 /Columns 4>>", "/Length ", "/Length 0", "/Length 999999999", "xref\n",
       "0000000000 65535 f \n", "0000000009 00000 n \n", "trailer\n", "startxref\n", "<<", ">>", "[", "]",
       "/Type /Page", "/Type /Pages", "/Type /Catalog", "/Kids [", "/Count ", "/Count 99999999", "/Parent ",
       "/Root ", "/Size ", "/Prev ", "/MediaBox [0 0 595 842]", "/Contents ", "/Resources <<", "/Font <<",
       "/F1 ", "/Type /Font", "/Subtype /Type0", "/Subtype /Type1", "/Subtype /TrueType", "/Encoding /GBK-EUC-H",
       "/Encoding /UniGB-UCS2-H", "/Encoding /Identity-H", "/ToUnicode ", "/DescendantFonts [", "/CIDSystemInfo",
       "/BaseFont /STSong-Light", "/W [", "/Widths [", "/FirstChar 0", "/Encrypt ", "/ObjStm", "/Type /ObjStm",
       "/N ", "/First ", "/Type /XRef", "/W [1 2 1]", "/Index [", "1 0 R", "2 0 R", "0 0 R", "9999999 0 R",
       "BT", "ET", "Tf", "Td", "TD", "Tm", "Tj", "TJ", "'", "\"", "T*", "Tc", "Tw", "Tz", "TL", "q", "Q", "cm",
       "Do", "BI", "ID", "EI", "/F1 12 Tf", "1 0 0 1 72 720 Tm", "(", ")", "<", ">", "<4e00>", "<d2bb>",
       "(\\", "\\(", "\\)", "\\ddd", "begincmap", "endcmap", "beginbfchar", "endbfchar", "beginbfrange",
       "endbfrange", "begincodespacerange", "<0000> <FFFF>", "usecmap", "/CMapName", "-0", "1e9", "-2147483648",
       "4294967296", "3.4e38", "null", "true", "false", "%",
       "<<<<<<<<<<<<<<<<", ">>>>>>>>>>>>>>>>", "[[[[[[[[[[[[[[[[", "]]]]]]]]]]]]]]]]",
       "/Kids [1 0 R 1 0 R]", "/Parent 1 0 R", "1 0 obj\n<</Type /Pages /Kids [1 0 R] /Count 1>>\nendobj\n"]

write("html.dict", "HTML path: tags, deep and repeated markup, charsets, entities, and the text inside.",
      [("tags and structure", html_tags), ("outline labels", outline), ("units", units), ("figures", figures),
       ("deep / repetitive text", deep_text), ("header", header), ("encodings (GBK bytes, BOMs)", gbk)])
write("text.dict", "Text path: outline labels, units, figures, markdown, line structure, encodings.",
      [("outline labels", outline), ("units", units), ("figures", figures), ("deep / repetitive text", deep_text),
       ("markdown", markdown), ("header", header), ("encodings (GBK bytes, BOMs)", gbk), ("markup sniffing", ["<div", "<p>", "%PDF-"])])
write("pdf.dict", "PDF path: objects, streams, xref, page trees (incl. cycles), fonts, CMaps, text operators.",
      [("PDF syntax", pdf), ("text in strings", ["(一、)", "(（一）)", "(100万元)", "(30%)", "(责任单位：)"])])
write("entities.dict", "Entity parser: figures, numerals, bounds, and long repetitions of them.",
      [("figures", figures), ("units and labels around figures", units + outline[:12]), ("repetitive", deep_text[:8])])
