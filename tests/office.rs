//! Hostile office packages (issue 16): zip bombs, entries named `../x`,
//! XML with entity expansion or external entities, nesting past the limit,
//! more entries than a document has, a sparse sheet spanning a huge table,
//! a file over the size limit. Each is a specific error code, never a panic
//! or a record, and a run over them writes nothing outside its folder.
//! Beside them, a task sheet's merged cells built the same way.
//!
//! The packages are built here from the parts of the real fixtures, with a
//! zip writer of our own (a bomb lies in its headers, which no zip library
//! will write). Encrypted and truncated files made by real tools are in
//! `fixtures/broken/` (`tests/pipeline.rs` pins their codes); tampered `.doc`
//! files are in `tests/doc.rs`.

use crate::common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::write::DeflateEncoder;
use flate2::{Compress, Compression, Crc, FlushCompress};
use notice_extract::fetch::RawDocument;
use notice_extract::{extract, extract_file, Config};

const DOCX: &str = "fixtures/docx/handmade-2025-shuzi-jingji.docx";
const XLSX: &str = "fixtures/xlsx/handmade-2025-renwu-fenbiao.xlsx";
const OFD: &str = "fixtures/ofd/bengbu-2023-hanjian.ofd";
const MIB: usize = 1024 * 1024;

// ------------------------------------------------------------ zip writer

/// One entry as it will be written: the bytes as stored, and headers that
/// may lie about them.
struct Entry {
    name: String,
    method: u16,
    data: Vec<u8>,
    crc: u32,
    size: u64,
}

impl Entry {
    /// A deflated entry with honest headers.
    fn deflated(name: &str, content: &[u8]) -> Entry {
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::default());
        enc.write_all(content).expect("deflate");
        let mut crc = Crc::new();
        crc.update(content);
        Entry {
            name: name.to_string(),
            method: 8,
            data: enc.finish().expect("deflate"),
            crc: crc.sum(),
            size: content.len() as u64,
        }
    }
}

/// A raw deflate stream inflating to `mib` MiB of zeros, made of one
/// full-flushed block repeated (each block is byte-aligned and refers back
/// at distance 1 only, so copies of it chain), about 1 KiB per MiB.
fn zeros_deflated(mib: usize) -> Vec<u8> {
    let mut c = Compress::new(Compression::best(), false);
    let mut block = Vec::with_capacity(64 * 1024);
    c.compress_vec(&vec![0u8; MIB], &mut block, FlushCompress::Full)
        .expect("deflate");
    assert_eq!(c.total_in(), MIB as u64, "one call takes the whole MiB");
    let mut out = Vec::with_capacity(block.len() * mib + 16);
    for _ in 0..mib {
        out.extend_from_slice(&block);
    }
    // The final block: fixed Huffman, end of block at once.
    out.extend_from_slice(&[0x03, 0x00]);
    out
}

/// Writes entries as a zip: local headers, central directory, end record.
fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let name = e.name.as_bytes();
        let fixed = |buf: &mut Vec<u8>| {
            buf.extend_from_slice(&20u16.to_le_bytes()); // version needed
            buf.extend_from_slice(&0u16.to_le_bytes()); // flags
            buf.extend_from_slice(&e.method.to_le_bytes());
            buf.extend_from_slice(&0u16.to_le_bytes()); // time
            buf.extend_from_slice(&0x21u16.to_le_bytes()); // date 1980-01-01
            buf.extend_from_slice(&e.crc.to_le_bytes());
            buf.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            buf.extend_from_slice(&(e.size.min(u32::MAX as u64) as u32).to_le_bytes());
            buf.extend_from_slice(&(name.len() as u16).to_le_bytes());
            buf.extend_from_slice(&0u16.to_le_bytes()); // extra
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        fixed(&mut out);
        out.extend_from_slice(name);
        out.extend_from_slice(&e.data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        fixed(&mut central);
        central.extend_from_slice(&[0; 6]); // comment length, disk, internal attrs
        central.extend_from_slice(&0u32.to_le_bytes()); // external attrs
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // disk numbers
    let n = entries.len() as u16;
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out
}

/// The parts of a real fixture, inflated, in directory order.
fn parts(fixture: &str) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(common::root().join(fixture)).expect("fixture");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("fixture is a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut content = Vec::new();
            f.read_to_end(&mut content).expect("inflate");
            (f.name().to_string(), content)
        })
        .collect()
}

/// The fixture again, with `part` replaced (or added) and `extra` appended.
fn package(fixture: &str, part: &str, content: Option<&[u8]>, extra: Vec<Entry>) -> Vec<u8> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut seen = false;
    for (name, data) in parts(fixture) {
        if name == part {
            seen = true;
            if let Some(c) = content {
                entries.push(Entry::deflated(&name, c));
            }
        } else {
            entries.push(Entry::deflated(&name, &data));
        }
    }
    if let (false, Some(c)) = (seen, content) {
        entries.push(Entry::deflated(part, c));
    }
    entries.extend(extra);
    zip(&entries)
}

/// A part of a fixture with `edit` applied to its text.
fn edited(fixture: &str, part: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let (_, content) = parts(fixture)
        .into_iter()
        .find(|(n, _)| n == part)
        .unwrap_or_else(|| panic!("{fixture} has no {part}"));
    let text = String::from_utf8(content).expect("XML is UTF-8");
    let new = edit(&text);
    assert_ne!(new, text, "the edit of {part} changed nothing");
    package(fixture, part, Some(new.as_bytes()), Vec::new())
}

/// Extracts bytes as a file of the given name would be.
fn code_of(name: &str, bytes: Vec<u8>) -> String {
    code_with(name, bytes, &common::config())
}

fn code_with(name: &str, bytes: Vec<u8>, cfg: &Config) -> String {
    match extract(&RawDocument::from_bytes(name, bytes), cfg) {
        Ok(_) => panic!("{name}: a hostile package gave a record"),
        Err(e) => {
            assert!(!e.to_string().is_empty());
            e.code().to_string()
        }
    }
}

/// Entity expansion ("billion laughs"): ten levels of ten references.
fn laughs(root: &str) -> String {
    let mut dtd = String::from("<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    format!("<?xml version=\"1.0\"?><!DOCTYPE {root} [{dtd}]>")
}

/// Puts a DTD before the root element of an XML part.
fn with_dtd(xml: &str, dtd: &str, reference: &str) -> String {
    let body = xml.trim_start_matches(|c| c != '>').trim_start_matches('>');
    let body = body.replacen("<w:t>", &format!("<w:t>{reference}"), 1);
    format!("{dtd}{body}")
}

// ------------------------------------------------------------------ tests

/// The packages as built here read like the fixtures they copy, so every
/// refusal below is the edit's doing, not the writer's.
#[test]
fn rebuilt_packages_still_read() {
    for fixture in [DOCX, XLSX, OFD] {
        let bytes = package(fixture, "", None, Vec::new());
        let n = extract(&RawDocument::from_bytes(fixture, bytes), &common::config())
            .unwrap_or_else(|e| panic!("{fixture}: {e}"));
        assert!(!n.text.is_empty(), "{fixture}");
    }
}

/// A document part inflating 1,000× is refused as soon as the ratio shows,
/// after a few MiB, whatever its headers say.
#[test]
fn a_zip_bomb_is_refused_while_inflating() {
    let bomb = zeros_deflated(64);
    assert!(bomb.len() < 100 * 1024, "{} bytes", bomb.len());
    for declared in [64 * MIB as u64, 1024] {
        let entry = Entry {
            name: "word/document.xml".into(),
            method: 8,
            data: bomb.clone(),
            crc: 0,
            size: declared,
        };
        let bytes = package(DOCX, "word/document.xml", None, vec![entry]);
        assert_eq!(
            code_of("bomb.docx", bytes),
            "archive_bomb",
            "declared {declared}"
        );
    }
    // In a workbook every part is inflated (and checked) before calamine
    // sees the bytes; in an OFD, the page content.
    let entry = |name: &str| Entry {
        name: name.into(),
        method: 8,
        data: bomb.clone(),
        crc: 0,
        size: 1024,
    };
    let bytes = package(
        XLSX,
        "xl/sharedStrings.xml",
        None,
        vec![entry("xl/sharedStrings.xml")],
    );
    assert_eq!(code_of("bomb.xlsx", bytes), "archive_bomb");
    let bytes = package(
        OFD,
        "Doc_0/Pages/Page_0/Content.xml",
        None,
        vec![entry("Doc_0/Pages/Page_0/Content.xml")],
    );
    assert_eq!(code_of("bomb.ofd", bytes), "archive_bomb");
}

/// A 4 GiB part (4 MiB compressed, so under the ratio limit until 400 MiB)
/// stops at the per-part limit: no more than 64 MiB is ever inflated.
#[test]
fn a_huge_part_stops_at_the_part_limit() {
    let entry = Entry {
        name: "word/document.xml".into(),
        method: 8,
        data: zeros_deflated(4096),
        crc: 0,
        size: 4096 * MIB as u64,
    };
    let bytes = package(DOCX, "word/document.xml", None, vec![entry]);
    assert_eq!(code_of("huge.docx", bytes), "archive_part_too_large");
}

/// Parts each within bounds that together pass the total: refused at the
/// total (limits lowered so the test inflates little).
#[test]
fn parts_together_past_the_total_limit_are_refused() {
    let mut cfg = common::config();
    cfg.decode.office.max_total_bytes = 256 * 1024;
    // Incompressible parts (a xorshift stream), 100 KiB each.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut noise = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    };
    let extra: Vec<Entry> = (0..4)
        .map(|i| Entry::deflated(&format!("customXml/item{i}.xml"), &noise(100 * 1024)))
        .collect();
    let bytes = package(XLSX, "", None, extra);
    assert_eq!(code_with("total.xlsx", bytes, &cfg), "archive_too_large");
}

/// Entries whose names leave the package (`../x`, absolute, a drive) are
/// refused before anything is inflated.
#[test]
fn entries_leaving_the_package_are_refused() {
    for name in ["../x", "word/../../x", "/tmp/x", "C:\\x", "..\\x"] {
        for fixture in [DOCX, XLSX, OFD] {
            let bytes = package(fixture, "", None, vec![Entry::deflated(name, b"pwned")]);
            assert_eq!(
                code_of("evil.zip", bytes),
                "archive_unsafe_path",
                "{fixture} with {name:?}"
            );
        }
    }
}

/// A DTD is refused in every part a reader parses, so no entity ever
/// expands (billion laughs) or is fetched (an external entity naming a
/// file).
#[test]
fn xml_with_entities_is_refused() {
    let laughs_doc = edited(DOCX, "word/document.xml", |x| {
        with_dtd(x, &laughs("w:document"), "&lol9;")
    });
    assert_eq!(code_of("laughs.docx", laughs_doc), "xml_doctype");
    let external = edited(DOCX, "word/document.xml", |x| {
        with_dtd(
            x,
            "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
            "&xxe;",
        )
    });
    assert_eq!(code_of("xxe.docx", external), "xml_doctype");
    let numbering = edited(DOCX, "word/numbering.xml", |x| {
        format!(
            "{}{}",
            laughs("w:numbering"),
            x.trim_start_matches(|c| c != '>').trim_start_matches('>')
        )
    });
    assert_eq!(code_of("laughs-numbering.docx", numbering), "xml_doctype");
    let sheet = edited(XLSX, "xl/sharedStrings.xml", |x| {
        format!(
            "{}{}",
            laughs("sst"),
            x.trim_start_matches(|c| c != '>').trim_start_matches('>')
        )
    });
    assert_eq!(code_of("laughs.xlsx", sheet), "xml_doctype");
    let ofd = edited(OFD, "Doc_0/Pages/Page_0/Content.xml", |x| {
        format!(
            "{}{}",
            laughs("ofd:Page"),
            x.trim_start_matches(|c| c != '>').trim_start_matches('>')
        )
    });
    assert_eq!(code_of("laughs.ofd", ofd), "xml_doctype");
}

/// Elements nested past the limit: refused, not a stack overflow.
#[test]
fn xml_nested_past_the_limit_is_refused() {
    let deep = edited(DOCX, "word/document.xml", |x| {
        x.replacen(
            "<w:body>",
            &format!(
                "<w:body>{}{}",
                "<w:sdt>".repeat(1000),
                "</w:sdt>".repeat(1000)
            ),
            1,
        )
    });
    assert_eq!(code_of("deep.docx", deep), "xml_too_deep");
}

/// More entries than any document has.
#[test]
fn too_many_entries_are_refused() {
    let extra: Vec<Entry> = (0..10_001)
        .map(|i| Entry::deflated(&format!("word/media/x{i}.bin"), b""))
        .collect();
    let bytes = package(DOCX, "", None, extra);
    assert_eq!(code_of("many.docx", bytes), "archive_too_many_entries");
}

/// A cell at XFD1048576 beside the real table is read cell by cell, never
/// as a dense range of 17 billion cells: the workbook still reads.
#[test]
fn a_cell_at_the_end_of_the_grid_reads() {
    let bytes = edited(XLSX, "xl/worksheets/sheet1.xml", |x| {
        x.replacen(
            "</sheetData>",
            "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>末</t></is></c></row></sheetData>",
            1,
        )
        .replace("<dimension ref=\"A1:E15\"/>", "<dimension ref=\"A1:XFD1048576\"/>")
    });
    let n = extract(
        &RawDocument::from_bytes("far.xlsx", bytes),
        &common::config(),
    )
    .expect("a far cell is no reason to refuse");
    assert_eq!(n.clauses.len(), 10);
    assert!(n.text.ends_with('末'), "{}", n.text);
}

/// Cells on a diagonal, 2,100 rows by 2,100 columns: few cells, but laid
/// out as a table they span 4.4 million. Refused at the grid limit.
#[test]
fn a_sparse_sheet_spanning_a_huge_table_is_refused() {
    fn column(mut i: usize) -> String {
        let mut name = Vec::new();
        loop {
            name.push(b'A' + (i % 26) as u8);
            if i < 26 {
                break;
            }
            i = i / 26 - 1;
        }
        name.reverse();
        String::from_utf8(name).expect("ASCII")
    }
    let rows: String = (0..2100)
        .map(|i| {
            let r = i + 20;
            format!(
                "<row r=\"{r}\"><c r=\"{}{r}\"><v>{i}</v></c></row>",
                column(i)
            )
        })
        .collect();
    let bytes = edited(XLSX, "xl/worksheets/sheet1.xml", |x| {
        x.replacen("</sheetData>", &format!("{rows}</sheetData>"), 1)
    });
    assert_eq!(code_of("diagonal.xlsx", bytes), "sheet_too_large");
}

/// A task sheet as people make one: a task spanning two rows with its
/// 序号 (and task cell) merged down, and a note merged across the table
/// under the tasks. A real `.xlsx` (the fixture's package with this sheet),
/// so calamine's merged regions are what the decoder sees.
#[test]
fn merged_task_rows_are_one_task_and_a_note_is_none() {
    fn cell(r: usize, col: char, text: &str) -> String {
        format!("<c r=\"{col}{r}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
    }
    let rows: &[&[(char, &str)]] = &[
        &[('A', "某县2025年重点任务分工表")],
        &[('A', "序号"), ('B', "重点任务"), ('C', "牵头单位"), ('D', "责任单位")],
        &[('A', "一、稳增长")],
        &[('A', "1"), ('B', "建设人才创新港，引进人才500名。"), ('C', "县委组织部"), ('D', "县人力社保局")],
        &[('D', "县住建局")],
        &[('A', "2"), ('B', "改造老旧小区12个。"), ('C', "县住建局"), ('D', "武康街道")],
        &[('A', "3"), ('B', "新增学位3000个。"), ('C', "县教育局"), ('D', "县财政局")],
        &[('B', "新建幼儿园2所。"), ('C', "县住建局")],
        &[('A', "注：1.牵头单位负责统筹推进，责任单位按职责分工落实。2.请各牵头单位于每季度末前报送进展。")],
    ];
    let data: String = rows
        .iter()
        .enumerate()
        .map(|(i, cells)| {
            let r = i + 1;
            let cells: String = cells.iter().map(|&(c, t)| cell(r, c, t)).collect();
            format!("<row r=\"{r}\">{cells}</row>")
        })
        .collect();
    let merges = ["A1:D1", "A3:D3", "A4:A5", "B4:B5", "A7:A8", "A9:D9"]
        .map(|m| format!("<mergeCell ref=\"{m}\"/>"))
        .concat();
    let sheet = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<dimension ref=\"A1:D9\"/><sheetData>{data}</sheetData>\
<mergeCells count=\"6\">{merges}</mergeCells></worksheet>"
    );
    let bytes = package(
        XLSX,
        "xl/worksheets/sheet1.xml",
        Some(sheet.as_bytes()),
        Vec::new(),
    );
    let n = extract(
        &RawDocument::from_bytes("tasks.xlsx", bytes),
        &common::config(),
    )
    .expect("the sheet reads");
    let sections: Vec<&str> = n.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections, ["稳增长"]);
    let clauses: Vec<(&str, &str, Vec<&str>)> = n
        .clauses
        .iter()
        .map(|c| {
            let units = c.responsible_units.iter().map(String::as_str).collect();
            (c.label.as_str(), c.title.as_str(), units)
        })
        .collect();
    assert_eq!(
        clauses,
        [
            (
                "1",
                "建设人才创新港，引进人才500名",
                vec!["县委组织部", "县人力社保局", "县住建局"]
            ),
            ("2", "改造老旧小区12个", vec!["县住建局", "武康街道"]),
            (
                "3",
                "新增学位3000个",
                vec!["县教育局", "县财政局", "县住建局"]
            ),
        ]
    );
    assert!(n.clauses[2].text.contains("新建幼儿园2所"));
    // The note is in no section's or clause's span.
    let note = n.text.find("注：").map(|b| n.text[..b].chars().count());
    let note = note.expect("the note is in the text");
    assert!(n.sections.iter().all(|s| s.span[1] <= note));
    assert!(n.clauses.iter().all(|c| c.span[1] <= note));
}

/// A 比例 column as a workbook stores it (`0.0844`, style `0.00%`) is read
/// as the sheet shows it, `8.44%`: a percentage of its row, never a bare
/// fraction. A quoted `"%"` in a format is a literal sign: that cell's
/// number is not scaled. Built on the fixture's package, so the styles and
/// relationships are a real workbook's.
#[test]
fn percentage_cells_read_as_shown() {
    let styles = parts(XLSX)
        .into_iter()
        .find(|(n, _)| n == "xl/styles.xml")
        .map(|(_, b)| String::from_utf8(b).expect("XML is UTF-8"))
        .expect("the fixture has styles");
    let formats = styles.split("<cellXfs").nth(1).expect("cellXfs");
    let pct = formats[..formats.find("</cellXfs>").expect("cellXfs ends")]
        .matches("<xf ")
        .count();
    let literal = pct + 1;
    let styles = styles
        .replacen(
            "<numFmts count=\"2\">",
            "<numFmts count=\"3\"><numFmt numFmtId=\"200\" formatCode=\"0.0&quot;%&quot;\"/>",
            1,
        )
        .replacen(
            "</cellXfs>",
            "<xf numFmtId=\"10\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>\
             <xf numFmtId=\"200\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellXfs>",
            1,
        );
    fn text(cell: &str, t: &str) -> String {
        format!("<c r=\"{cell}\" t=\"inlineStr\"><is><t>{t}</t></is></c>")
    }
    let rows = [
        text("A1", "2025年养护补助资金分配表"),
        format!(
            "{}{}{}{}",
            text("A2", "地区"),
            text("B2", "金额（万元）"),
            text("C2", "占比"),
            text("D2", "增幅")
        ),
        format!(
            "{}<c r=\"B3\"><v>755.25</v></c><c r=\"C3\" s=\"{pct}\"><v>0.0844</v></c>\
             <c r=\"D3\" s=\"{literal}\"><v>12.5</v></c>",
            text("A3", "东城区")
        ),
        format!(
            "{}<c r=\"B4\"><v>8195.5</v></c><c r=\"C4\" s=\"{pct}\"><v>1</v></c>\
             <c r=\"D4\" s=\"{literal}\"><v>3</v></c>",
            text("A4", "西城区")
        ),
    ];
    let data: String = rows
        .iter()
        .enumerate()
        .map(|(i, cells)| format!("<row r=\"{}\">{cells}</row>", i + 1))
        .collect();
    let sheet = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<sheetData>{data}</sheetData></worksheet>"
    );
    let entries: Vec<Entry> = parts(XLSX)
        .into_iter()
        .map(|(name, data)| match name.as_str() {
            "xl/styles.xml" => Entry::deflated(&name, styles.as_bytes()),
            "xl/worksheets/sheet1.xml" => Entry::deflated(&name, sheet.as_bytes()),
            _ => Entry::deflated(&name, &data),
        })
        .collect();
    let n = extract(
        &RawDocument::from_bytes("shares.xlsx", zip(&entries)),
        &common::config(),
    )
    .expect("the sheet reads");
    assert!(n.text.contains("东城区 755.25 8.44% 12.5%"), "{}", n.text);
    assert!(n.text.contains("西城区 8195.5 100.00% 3.0%"), "{}", n.text);
    let shares: Vec<f64> = n.percentages.iter().map(|p| p.value).collect();
    assert_eq!(shares, [8.44, 12.5, 100.0, 3.0]);
}

/// A file over the size limit is refused before it is read whole.
#[test]
fn a_file_over_the_size_limit_is_refused() {
    let mut cfg = common::config();
    cfg.fetch.max_bytes = 4096;
    let e = extract_file(&common::root().join(DOCX), &cfg).expect_err("6 KiB over 4 KiB");
    assert_eq!(e.code(), "too_large");
}

/// A run over a folder of hostile packages: each is a failure with its
/// code in report.json, and nothing is written outside the output folder
/// (no `x` beside it, none above it).
#[test]
fn a_run_over_hostile_packages_writes_only_its_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    std::fs::create_dir(&input).expect("mkdir");
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "dotdot.docx",
            package(DOCX, "", None, vec![Entry::deflated("../x", b"pwned")]),
            "archive_unsafe_path",
        ),
        (
            "deep-dotdot.xlsx",
            package(XLSX, "", None, vec![Entry::deflated("../../x", b"pwned")]),
            "archive_unsafe_path",
        ),
        (
            "bomb.docx",
            package(
                DOCX,
                "word/document.xml",
                None,
                vec![Entry {
                    name: "word/document.xml".into(),
                    method: 8,
                    data: zeros_deflated(64),
                    crc: 0,
                    size: 1024,
                }],
            ),
            "archive_bomb",
        ),
        (
            "laughs.docx",
            edited(DOCX, "word/document.xml", |x| {
                with_dtd(x, &laughs("w:document"), "&lol9;")
            }),
            "xml_doctype",
        ),
    ];
    for (name, bytes, _) in &files {
        std::fs::write(input.join(name), bytes).expect("write");
    }
    let status = Command::new(env!("CARGO_BIN_EXE_notice-extract"))
        .args(["run", "--max-failures", "10", "--out"])
        .arg(&out)
        .arg(&input)
        .status()
        .expect("run");
    assert!(status.success(), "{status}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).expect("report"))
            .expect("json");
    for (name, _, want) in &files {
        let d = report["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .find(|d| d["input"].as_str().is_some_and(|i| i.ends_with(name)))
            .unwrap_or_else(|| panic!("{name} not in the report"));
        assert_eq!(d["status"], "failure", "{name}");
        assert_eq!(d["error"]["code"], *want, "{name}");
    }
    // Only in/ and out/ under the scratch folder; in/ as written.
    let mut top: Vec<PathBuf> = std::fs::read_dir(tmp.path())
        .expect("ls")
        .map(|e| e.expect("entry").path())
        .collect();
    top.sort();
    assert_eq!(top, [input.clone(), out.clone()]);
    assert_eq!(files_under(&input).len(), files.len());
    assert!(!tmp.path().parent().expect("parent").join("x").exists());
    assert!(files_under(&out)
        .iter()
        .all(|p| p.file_name().is_some_and(|n| n != "x")));
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir).expect("ls").flatten() {
        let p = e.path();
        if p.is_dir() {
            found.extend(files_under(&p));
        } else {
            found.push(p);
        }
    }
    found
}

/// An OFD text code whose `DeltaX` repeats `g 100000 v` a hundred thousand
/// times (2 MB of attribute, varied so it compresses like text, not like a
/// bomb) would ask for 40 GB of glyph advances; the reader keeps at most
/// 100,000 and the page still reads.
#[test]
fn an_ofd_delta_x_cannot_ask_for_terabytes() {
    let mut x: u32 = 12345;
    let deltas: String = (0..100_000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            format!("g 100000 {}.{} ", x % 97, (x >> 8) % 9973)
        })
        .collect();
    let bytes = edited(OFD, "Doc_0/Pages/Page_0/Content.xml", |page| {
        page.replacen("DeltaX=\"", &format!("DeltaX=\"{deltas}"), 1)
    });
    assert!(bytes.len() > 300_000, "{} bytes", bytes.len());
    let n = extract(
        &RawDocument::from_bytes("deltas.ofd", bytes),
        &common::config(),
    )
    .expect("the page reads");
    assert!(n.text.contains("此函"), "{}", n.text);
}

/// A task sheet whose unit cell holds a line break (`Alt+Enter`): the row
/// is two lines of the text, and every figure after it stays in its own
/// task's clause (the rows after the break were read one line early, and
/// each task got the figures of the next).
#[test]
fn a_line_break_in_a_cell_shifts_no_figure_to_another_clause() {
    fn cell(r: usize, col: char, text: &str) -> String {
        format!("<c r=\"{col}{r}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
    }
    let rows: &[&[(char, &str)]] = &[
        &[('A', "某市提振消费重点任务分工清单")],
        &[
            ('A', "序号"),
            ('B', "重点任务"),
            ('C', "牵头单位"),
            ('D', "配合单位"),
        ],
        &[
            ('A', "1"),
            ('B', "发放消费券，补贴比例为10%。"),
            ('C', "市商务局"),
            ('D', "市住建局、&#10;国网供电公司"),
        ],
        &[
            ('A', "2"),
            ('B', "给予最高2000元补贴。"),
            ('C', "市财政局"),
            ('D', "市商务局"),
        ],
        &[
            ('A', "3"),
            ('B', "贷款贴息比例为20%。"),
            ('C', "市金融办"),
            ('D', "市财政局"),
        ],
        &[
            ('A', "4"),
            ('B', "安排资金不少于5000万元。"),
            ('C', "市发展改革委"),
            ('D', "市财政局"),
        ],
    ];
    let data: String = rows
        .iter()
        .enumerate()
        .map(|(i, cells)| {
            let r = i + 1;
            let cells: String = cells.iter().map(|&(c, t)| cell(r, c, t)).collect();
            format!("<row r=\"{r}\">{cells}</row>")
        })
        .collect();
    let sheet = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<dimension ref=\"A1:D6\"/><sheetData>{data}</sheetData>\
<mergeCells count=\"1\"><mergeCell ref=\"A1:D1\"/></mergeCells></worksheet>"
    );
    let bytes = package(
        XLSX,
        "xl/worksheets/sheet1.xml",
        Some(sheet.as_bytes()),
        Vec::new(),
    );
    let n = extract(
        &RawDocument::from_bytes("tasks.xlsx", bytes),
        &common::config(),
    )
    .expect("the sheet reads");
    assert!(n.text.contains("市住建局、\n国网供电公司"), "{}", n.text);
    let titles: Vec<&str> = n.clauses.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "发放消费券，补贴比例为10%",
            "给予最高2000元补贴",
            "贷款贴息比例为20%",
            "安排资金不少于5000万元"
        ]
    );
    assert_eq!(
        n.clauses[0].responsible_units,
        ["市商务局", "市住建局", "国网供电公司"]
    );
    // Each clause's text is its own row's, and each figure is in it.
    assert!(n.clauses[1].text.starts_with("2 给予最高2000元补贴"));
    let percents: Vec<(f64, Option<u32>)> =
        n.percentages.iter().map(|p| (p.value, p.clause)).collect();
    assert_eq!(percents, [(10.0, Some(1)), (20.0, Some(3))]);
    let amounts: Vec<(f64, Option<u32>)> = n.amounts.iter().map(|a| (a.value, a.clause)).collect();
    assert_eq!(amounts, [(2000.0, Some(2)), (50_000_000.0, Some(4))]);
}
