#!/usr/bin/env python3
"""Writes the generated seeds of one fuzz target into a directory: deep and
repetitive structure the fixtures do not have (the shapes issue 13 found
crashing or slow), plus small PDFs built here with a correct xref.

    python3 fuzz/seeds.py TARGET OUT_DIR

Called by fuzz/run.sh; the fixtures themselves are read from fixtures/."""
import os
import re
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BODY = ("<p>关于印发若干政策的通知</p><p>各街道：</p><p>一、总体要求</p>"
        "<p>（一）对新认定的企业给予最高100万元奖励。（责任单位：市财政局、市科技局）</p>"
        "<p>二、保障措施</p><p>（二）补助比例不超过30%，由市发改委牵头实施。</p>")
TEXT = ("关于印发若干政策的通知\n杭高新〔2025〕3号\n各街道：\n一、总体要求\n"
        "（一）对新认定的企业给予最高100万元奖励。（责任单位：市财政局、市科技局）\n"
        "1.补助比例不超过30%。\n（1）增长5个百分点以上。\n①给予八折优惠。\n"
        "二、保障措施\n（二）由市发改委牵头实施，资金1.5亿元。\n")


def html_seeds():
    page = "<html><head><meta charset=utf-8><title>通知</title></head><body><div id=zoom>{}</div></body></html>"
    yield "deep-div", page.format(BODY + "<div>" * 3000 + "深层" + "</div>" * 3000)
    yield "deep-span", page.format(BODY + "<span>" * 3000 + "深层" + "</span>" * 3000)
    yield "deep-table", page.format(BODY + "<table><tr><td>" * 200 + "格" + "</td></tr></table>" * 200)
    yield "rowspan", page.format(BODY + "<table>" + "<tr><td rowspan=9999>甲</td><td colspan=500>乙</td></tr>" * 50 + "</table>")
    yield "attributes", page.format("<p " + " ".join(f"a{i}=1" for i in range(2000)) + ">一、</p>" + BODY)
    yield "numeral", page.format(BODY + "<p>一" + "亿" * 2000 + "元</p>")
    yield "repeated-body", page.format(BODY * 200)
    yield "percent-run", page.format("<p>" + "50%" * 3000 + "</p>" + BODY)
    yield "entities", page.format("&#x4e00;&#x3001;" * 500 + BODY)
    gbk = page.replace("utf-8", "gbk").format(BODY).encode("gbk")
    yield "gbk", gbk
    yield "gbk-bad-byte", gbk[: len(gbk) // 2] + b"\xff" + gbk[len(gbk) // 2:]
    yield "utf16", "\ufeff".encode("utf-16-le") + page.format(BODY).encode("utf-16-le")


def text_seeds():
    yield "outline", TEXT
    yield "deep-outline", "关于印发若干政策的通知\n" + "".join(
        f"{i}、第{i}部分\n（{i}）条款\n{i}.项\n（{i}）小项\n①目\n" for i in "一二三四五六七八九十" * 30)
    yield "chapters", "办法\n" + "".join(f"第{i}章 总则\n第{i}条 内容100万元。\n" for i in "一二三四五六七八九十" * 30)
    yield "numeral", "一" + "亿" * 2000 + "元\n" + TEXT
    yield "percent-run", "50%" * 3000 + "\n" + TEXT
    yield "units", "（责任单位：" + "、".join(["市财政局"] * 500) + "）\n" + TEXT
    yield "brackets", "（" * 2000 + TEXT + "）" * 2000
    yield "repeated-lines", TEXT * 100
    yield "markdown", "# 通知\n\n## 一、总体要求\n\n| 序号 | 任务 | 责任单位 |\n|---|---|---|\n" + "| 1 | 100万元 | 市财政局 |\n" * 200
    yield "wrapped", "\n".join(TEXT[i:i + 7] for i in range(0, len(TEXT), 7)) + "\n— 3 —\n"
    yield "gbk", TEXT.encode("gbk")
    yield "gbk-bad-byte", TEXT.encode("gbk") + b"\xff" + TEXT.encode("gbk")
    yield "utf16", b"\xff\xfe" + TEXT.encode("utf-16-le")


def pdf(pages_content, deep_tree=0, flate=False):
    """A PDF with a GBK-EUC-H Type0 font (as fixtures/pdf/handmade-gbk-euc-h.pdf)
    and a correct xref. `pages_content`: one content stream per page."""
    objs = {}
    n_pages = len(pages_content)
    font, desc, fd = 3, 4, 5
    objs[font] = b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H /DescendantFonts [4 0 R] >>"
    objs[desc] = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) "
                  b"/Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 >>")
    objs[fd] = (b"<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 "
                b"/Ascent 859 /Descent -141 /CapHeight 859 /StemV 80 >>")
    nxt = 6
    page_ids = []
    # Pages tree: 2 is the root; `deep_tree` intermediate nodes in a chain.
    parent = 2
    chain = []
    for _ in range(deep_tree):
        chain.append(nxt)
        nxt += 1
    leaf_parent = chain[-1] if chain else 2
    for content in pages_content:
        data = content.encode("latin1")
        extra = b""
        if flate:
            data = zlib.compress(data)
            extra = b" /Filter /FlateDecode"
        cid, pid = nxt, nxt + 1
        nxt += 2
        objs[cid] = b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"
        objs[pid] = (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                     b"/Contents %d 0 R >>" % (leaf_parent, cid))
        page_ids.append(pid)
    kids = " ".join(f"{p} 0 R" for p in page_ids).encode()
    if chain:
        objs[2] = b"<< /Type /Pages /Kids [%d 0 R] /Count %d >>" % (chain[0], n_pages)
        for i, c in enumerate(chain):
            par = 2 if i == 0 else chain[i - 1]
            k = kids if i == len(chain) - 1 else b"%d 0 R" % chain[i + 1]
            objs[c] = b"<< /Type /Pages /Parent %d 0 R /Kids [%s] /Count %d >>" % (par, k, n_pages)
    else:
        objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages)
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for i in sorted(objs):
        offsets[i] = len(out)
        out += b"%d 0 obj\n" % i + objs[i] + b"\nendobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for i in range(1, size):
        out += b"%010d 00000 n \n" % offsets.get(i, 0)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def lines(text, y0=760):
    ops = []
    for i, line in enumerate(text.split("\n")):
        if line:
            ops.append(f"BT /F1 14 Tf 72 {y0 - 20 * i} Td <{line.encode('gbk').hex()}> Tj ET")
    return "\n".join(ops)


def pdf_seeds():
    yield "text", pdf([lines(TEXT)])
    yield "flate", pdf([lines(TEXT)], flate=True)
    yield "pages", pdf([lines(TEXT)] * 30)
    yield "deep-tree", pdf([lines(TEXT)], deep_tree=300)
    yield "split-figure", pdf([lines("（一）给予最高10\n亿元奖励。（责任单位：市财\n政局）\n— 3 —")])
    yield "tj-array", pdf(["BT /F1 14 Tf 72 700 Td [<d2bb> -200 <a1a2> 120 <d7dc>] TJ ET\n" * 100])


def entity_seeds():
    yield "numeral", "一" + "亿" * 500 + "元"
    yield "percent-run", "50%" * 1000
    yield "mixed", "单个企业年最高不超过50万元，补助30%以上，增长5个百分点，三分之二，千分之五，八折，七成，1.5亿美元"
    # Lines of the text fixtures that hold a figure.
    seen = set()
    figure = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿]+.{0,3}(元|%|％|‰|百分|折|成)")
    for name in sorted(os.listdir(os.path.join(ROOT, "fixtures", "text"))):
        with open(os.path.join(ROOT, "fixtures", "text", name), encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.strip()
                if figure.search(line) and line not in seen and len(seen) < 400:
                    seen.add(line)
                    yield f"line{len(seen):03}", line


def main():
    target, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    gen = {"html": html_seeds, "text": text_seeds, "pdf": pdf_seeds, "entities": entity_seeds}[target]
    for name, data in gen():
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(os.path.join(out, f"gen-{name}"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
