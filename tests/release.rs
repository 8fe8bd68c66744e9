//! The release step on hand-built records: CSV shape and quoting, nulls,
//! the list separator, the package's byte counts and hashes, determinism
//! and `created`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use notice_extract::model::WarningCode;
use notice_extract::model::{
    Amount, Attachment, Bound, Clause, Item, Notice, Percentage, PercentagePoint, PercentageUnit,
    Section, Source, Table, Warning, SCHEMA_VERSION,
};
use notice_extract::output::json;
use notice_extract::output::release::{write_release, ReleaseError, ReleaseOptions};
use sha2::{Digest, Sha256};

fn notice(id: &str) -> Notice {
    Notice {
        schema_version: SCHEMA_VERSION.to_string(),
        id: id.to_string(),
        source: Source {
            uri: format!("fixtures/text/{id}.txt"),
            media_type: "text/plain".to_string(),
            sha256: "0".repeat(64),
            bytes: 120,
            encoding: Some("UTF-8".to_string()),
            encoding_source: "sniffed".to_string(),
            extractor: "text".to_string(),
        },
        parent: None,
        original: None,
        text_from: None,
        title: None,
        policy_title: None,
        doc_number: None,
        issuers: vec![],
        recipients: vec![],
        signed_date: None,
        published_at: None,
        sections: vec![],
        clauses: vec![],
        tables: vec![],
        attachments: vec![],
        amounts: vec![],
        percentages: vec![],
        percentage_points: vec![],
        text: String::new(),
        warnings: vec![],
    }
}

/// A notice exercising quoting, lists, nulls and numbers.
fn rich() -> Notice {
    let mut n = notice("seed-0001");
    n.title = Some("關于印發\"若干政策\"的通知, 2025\n第二行".to_string());
    n.doc_number = Some("杭高新〔2025〕3號".to_string());
    n.issuers = vec!["杭州高新區管委會".to_string(), "濱江區人民政府".to_string()];
    n.recipients = vec!["各街道|辦事處".to_string()];
    n.signed_date = Some("2025-02-25".to_string());
    n.sections = vec![Section {
        number: 1,
        label: "一".to_string(),
        title: "推進教育科技人才一體發展".to_string(),
        lead_units: vec!["科技局".to_string()],
        span: [10, 200],
    }];
    n.clauses = vec![Clause {
        number: 1,
        label: "一".to_string(),
        section: Some(1),
        title: "強化企業科技創新主體地位".to_string(),
        text: "(一)強化企業科技創新主體地位。".to_string(),
        responsible_units: vec!["科技局".to_string(), "經信局".to_string()],
        lead_units: vec!["科技局".to_string()],
        items: vec![Item {
            label: "1".to_string(),
            level: 1,
            text: "1.加快。(責任單位:經信局)".to_string(),
            responsible_units: vec!["經信局".to_string()],
            lead_units: vec![],
            span: [60, 120],
        }],
        span: [20, 120],
    }];
    n.tables = vec![Table {
        rows: vec![
            vec!["指標".to_string(), "2025年".to_string()],
            vec!["研發投入, 強度".to_string(), "3.5%".to_string()],
        ],
        section: Some(1),
        clause: None,
        span: [130, 160],
    }];
    n.attachments = vec![Attachment {
        text: "附件1.pdf".to_string(),
        url: "https://example.gov.cn/a/附件1.pdf".to_string(),
        media_type: None,
        id: None,
    }];
    n.amounts = vec![
        Amount {
            text: "18.2億元".to_string(),
            value: 1_820_000_000.0,
            currency: "CNY".to_string(),
            bound: Bound::Exact,
            section: Some(1),
            clause: None,
            span: [12, 18],
            low_confidence: false,
        },
        Amount {
            text: "最高100萬元".to_string(),
            value: 1_000_000.0,
            currency: "CNY".to_string(),
            bound: Bound::Max,
            section: Some(1),
            clause: Some(1),
            span: [40, 47],
            low_confidence: false,
        },
    ];
    n.percentages = vec![Percentage {
        text: "千分之五".to_string(),
        value: 0.5,
        unit: PercentageUnit::Percent,
        bound: Bound::Max,
        section: None,
        clause: None,
        span: [150, 154],
        low_confidence: false,
    }];
    n.percentage_points = vec![PercentagePoint {
        text: "3個百分點".to_string(),
        value: 3.0,
        bound: Bound::Min,
        section: Some(1),
        clause: Some(1),
        span: [160, 165],
        low_confidence: false,
    }];
    n.warnings = vec![Warning::new(
        WarningCode::ClauseNumberGap,
        "(三) follows (一)",
    )];
    n
}

/// Writes the records as the batch runner does.
fn write_records(dir: &Path, records: &[Notice]) {
    fs::create_dir_all(dir.join("notices")).unwrap();
    let mut sorted: Vec<&Notice> = records.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut ndjson = String::new();
    for r in sorted {
        fs::write(
            dir.join("notices").join(format!("{}.json", r.id)),
            json::to_pretty(r),
        )
        .unwrap();
        ndjson.push_str(&json::to_line(r));
        ndjson.push('\n');
    }
    fs::write(dir.join("notices.ndjson"), ndjson).unwrap();
    fs::write(dir.join("report.json"), "{\"documents\": []}\n").unwrap();
}

fn release(records: &[Notice], opts: &ReleaseOptions) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_records(dir.path(), records);
    write_release(dir.path(), records, opts).unwrap();
    dir
}

/// Header and rows of a CSV, parsed back with an RFC 4180 reader.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn row_map(header: &[String], row: &[String]) -> BTreeMap<String, String> {
    header.iter().cloned().zip(row.iter().cloned()).collect()
}

fn package(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(dir.join("datapackage.json")).unwrap()).unwrap()
}

/// Every file under `dir`, relative, with its bytes.
fn all_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn notices_csv_has_fixed_header_and_quotes_commas_quotes_newlines() {
    let dir = release(&[rich()], &ReleaseOptions::default());
    let raw = fs::read_to_string(dir.path().join("notices.csv")).unwrap();
    assert!(!raw.starts_with('\u{feff}'), "no BOM");
    assert!(!raw.contains('\r'), "LF line ends");
    assert!(raw.starts_with(
        "id,title,policy_title,doc_number,issuers,recipients,signed_date,published_at,\
         source_uri,media_type,sha256,bytes,encoding,section_count,clause_count,\
         amount_count,percentage_count,warning_count,item_count,table_count,\
         attachment_count,percentage_point_count\n"
    ));
    assert!(raw.contains("\"關于印發\"\"若干政策\"\"的通知, 2025\n第二行\""));

    let (header, rows) = read_csv(&dir.path().join("notices.csv"));
    assert_eq!(rows.len(), 1);
    let row = row_map(&header, &rows[0]);
    assert_eq!(row["title"], "關于印發\"若干政策\"的通知, 2025\n第二行");
    assert_eq!(row["issuers"], "杭州高新區管委會|濱江區人民政府");
    // A separator inside an item is replaced, so splitting on `|` is exact.
    assert_eq!(row["recipients"], "各街道｜辦事處");
    assert_eq!(row["policy_title"], "", "null is an empty field");
    assert_eq!(row["published_at"], "");
    assert_eq!(row["signed_date"], "2025-02-25");
    assert_eq!(row["bytes"], "120");
    assert_eq!(
        (
            &row["section_count"][..],
            &row["clause_count"][..],
            &row["amount_count"][..],
            &row["percentage_count"][..],
            &row["warning_count"][..]
        ),
        ("1", "1", "2", "1", "1")
    );
}

#[test]
fn child_tables_hold_one_row_per_item_with_plain_numbers_and_empty_nulls() {
    let dir = release(&[rich()], &ReleaseOptions::default());

    let (header, rows) = read_csv(&dir.path().join("amounts.csv"));
    assert_eq!(
        header,
        [
            "notice_id",
            "ordinal",
            "section",
            "clause",
            "text",
            "value",
            "currency",
            "bound",
            "span_start",
            "span_end"
        ]
    );
    assert_eq!(
        rows,
        [
            [
                "seed-0001",
                "1",
                "1",
                "",
                "18.2億元",
                "1820000000.0",
                "CNY",
                "exact",
                "12",
                "18"
            ],
            [
                "seed-0001",
                "2",
                "1",
                "1",
                "最高100萬元",
                "1000000.0",
                "CNY",
                "max",
                "40",
                "47"
            ],
        ]
    );

    let (header, rows) = read_csv(&dir.path().join("percentages.csv"));
    assert_eq!(header[6], "unit");
    assert_eq!(
        rows,
        [[
            "seed-0001",
            "1",
            "",
            "",
            "千分之五",
            "0.5",
            "percent",
            "max",
            "150",
            "154"
        ]]
    );

    // Percentage points have their own table, its columns the JSON keys
    // (no unit: a point is its only one); percentages.csv has none.
    let (header, rows) = read_csv(&dir.path().join("percentage_points.csv"));
    assert_eq!(
        header,
        [
            "notice_id",
            "ordinal",
            "section",
            "clause",
            "text",
            "value",
            "bound",
            "span_start",
            "span_end"
        ]
    );
    assert_eq!(
        rows,
        [[
            "seed-0001",
            "1",
            "1",
            "1",
            "3個百分點",
            "3.0",
            "min",
            "160",
            "165"
        ]]
    );

    let (header, rows) = read_csv(&dir.path().join("clauses.csv"));
    let row = row_map(&header, &rows[0]);
    assert_eq!(row["responsible_units"], "科技局|經信局");
    assert_eq!(row["section"], "1");
    assert_eq!(row["number"], "1");

    assert_eq!(row["lead_units"], "科技局");
    assert_eq!(row["item_count"], "1");

    let (header, rows) = read_csv(&dir.path().join("sections.csv"));
    assert_eq!(row_map(&header, &rows[0])["lead_units"], "科技局");

    let (header, rows) = read_csv(&dir.path().join("items.csv"));
    assert_eq!(
        header,
        [
            "notice_id",
            "ordinal",
            "clause",
            "level",
            "label",
            "responsible_units",
            "lead_units",
            "span_start",
            "span_end"
        ]
    );
    assert_eq!(
        rows,
        [["seed-0001", "1", "1", "1", "1", "經信局", "", "60", "120"]]
    );

    // One row per cell; a comma in a cell is quoted, not split.
    let (header, rows) = read_csv(&dir.path().join("table_cells.csv"));
    assert_eq!(
        header,
        [
            "notice_id",
            "table",
            "row",
            "column",
            "section",
            "clause",
            "text"
        ]
    );
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[2],
        ["seed-0001", "1", "2", "1", "1", "", "研發投入, 強度"]
    );

    let (_, rows) = read_csv(&dir.path().join("attachments.csv"));
    assert_eq!(
        rows,
        [[
            "seed-0001",
            "1",
            "附件1.pdf",
            "https://example.gov.cn/a/附件1.pdf"
        ]]
    );

    let (_, rows) = read_csv(&dir.path().join("warnings.csv"));
    assert_eq!(
        rows,
        [["seed-0001", "1", "clause_number_gap", "(三) follows (一)"]]
    );
}

#[test]
fn rows_are_sorted_by_notice_id_whatever_the_input_order() {
    let records = [notice("zeta"), rich(), notice("alpha")];
    let dir = release(&records, &ReleaseOptions::default());
    let (_, rows) = read_csv(&dir.path().join("notices.csv"));
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["alpha", "seed-0001", "zeta"]);
}

#[test]
fn package_lists_every_file_with_matching_bytes_and_hash() {
    let records = [rich(), notice("alpha")];
    let dir = release(&records, &ReleaseOptions::default());
    let pkg = package(dir.path());
    assert_eq!(pkg["notice_extract"]["schema_version"], SCHEMA_VERSION);
    assert_eq!(
        pkg["notice_extract"]["tool_version"],
        env!("CARGO_PKG_VERSION")
    );

    let mut files = all_files(dir.path());
    files.remove("datapackage.json");
    let resources = pkg["resources"].as_array().unwrap();
    let mut listed = Vec::new();
    for res in resources {
        let path = res["path"].as_str().unwrap();
        let bytes = &files[path];
        assert_eq!(res["bytes"], bytes.len() as u64, "{path}");
        let hex: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(res["hash"], format!("sha256:{hex}"), "{path}");
        listed.push(path.to_string());
    }
    listed.sort();
    let on_disk: Vec<String> = files.keys().cloned().collect();
    assert_eq!(
        listed, on_disk,
        "every file is a resource, and no temp file is left"
    );

    let amounts = resources.iter().find(|r| r["name"] == "amounts").unwrap();
    assert_eq!(
        amounts["schema"]["primaryKey"],
        serde_json::json!(["notice_id", "ordinal"])
    );
    assert_eq!(
        amounts["schema"]["foreignKeys"][0]["reference"],
        serde_json::json!({"resource": "notices", "fields": ["id"]})
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("notice.schema.json")).unwrap(),
        notice_extract::output::schema::NOTICE_SCHEMA
    );
}

#[test]
fn same_records_give_byte_identical_output() {
    let opts = ReleaseOptions::from_source_date_epoch(Some("1740700800")).unwrap();
    let a = release(&[rich(), notice("alpha")], &opts);
    let b = release(&[notice("alpha"), rich()], &opts);
    let files_a = all_files(a.path());
    assert_eq!(files_a, all_files(b.path()));
    // A rerun over its own output changes nothing either.
    write_release(a.path(), &[rich(), notice("alpha")], &opts).unwrap();
    assert_eq!(files_a, all_files(a.path()));
}

#[test]
fn created_comes_from_source_date_epoch_or_is_left_out() {
    let dir = release(&[rich()], &ReleaseOptions::default());
    assert!(package(dir.path()).get("created").is_none());

    let opts = ReleaseOptions::from_source_date_epoch(Some("1740700800")).unwrap();
    assert_eq!(opts.created.as_deref(), Some("2025-02-28T00:00:00Z"));
    let dir = release(&[rich()], &opts);
    assert_eq!(package(dir.path())["created"], "2025-02-28T00:00:00Z");

    assert_eq!(
        ReleaseOptions::from_source_date_epoch(Some("0"))
            .unwrap()
            .created
            .as_deref(),
        Some("1970-01-01T00:00:00Z")
    );
    assert_eq!(
        ReleaseOptions::from_source_date_epoch(Some("951827696"))
            .unwrap()
            .created
            .as_deref(),
        Some("2000-02-29T12:34:56Z")
    );
    assert!(matches!(
        ReleaseOptions::from_source_date_epoch(Some("yesterday")),
        Err(ReleaseError::BadSourceDateEpoch { .. })
    ));
    // Past any calendar chrono reads: refused, not wrapped around.
    assert!(matches!(
        ReleaseOptions::from_source_date_epoch(Some("18446744073709551615")),
        Err(ReleaseError::BadSourceDateEpoch { .. })
    ));
}

#[test]
fn source_date_epoch_is_read_from_the_environment() {
    // Through the binary: setting the variable in this multi-threaded test
    // process would race every other test reading the environment.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("memo.txt");
    std::fs::write(
        &input,
        "关于印发若干政策的通知\n一、支持企业\n（一）给予100万元奖励。",
    )
    .unwrap();
    let out = dir.path().join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_notice-extract"))
        .args(["run", "--out"])
        .arg(&out)
        .arg(&input)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let package: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("datapackage.json")).unwrap()).unwrap();
    assert_eq!(package["created"], "2023-11-14T22:13:20Z");
}

#[test]
fn bad_inputs_are_refused_with_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    write_records(dir.path(), &[rich()]);
    let created = ReleaseOptions {
        created: Some("28 Feb 2025".to_string()),
    };
    assert!(matches!(
        write_release(dir.path(), &[rich()], &created),
        Err(ReleaseError::BadCreated(_))
    ));
    // The right shape but no such day.
    let no_such_day = ReleaseOptions {
        created: Some("2025-02-30T00:00:00Z".to_string()),
    };
    assert!(matches!(
        write_release(dir.path(), &[rich()], &no_such_day),
        Err(ReleaseError::BadCreated(_))
    ));
    assert!(matches!(
        write_release(dir.path(), &[rich(), rich()], &ReleaseOptions::default()),
        Err(ReleaseError::DuplicateId(id)) if id == "seed-0001"
    ));
    assert!(matches!(
        write_release(dir.path(), &[notice("absent")], &ReleaseOptions::default()),
        Err(ReleaseError::Missing { path }) if path.ends_with("notices/absent.json")
    ));
    let mut nan = rich();
    nan.amounts[0].value = f64::NAN;
    assert!(matches!(
        write_release(dir.path(), &[nan], &ReleaseOptions::default()),
        Err(ReleaseError::NonFinite { .. })
    ));
}

#[test]
fn a_refused_release_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write_records(dir.path(), &[rich()]);
    let before = all_files(dir.path());
    let mut nan = rich();
    nan.percentages[0].value = f64::INFINITY;
    assert!(write_release(dir.path(), &[nan], &ReleaseOptions::default()).is_err());
    assert!(write_release(dir.path(), &[notice("absent")], &ReleaseOptions::default()).is_err());
    assert_eq!(before, all_files(dir.path()));
}

#[test]
fn values_never_use_an_exponent() {
    let mut n = rich();
    n.amounts[0].value = 1e21;
    n.amounts[1].value = 0.0001;
    let dir = release(&[n], &ReleaseOptions::default());
    let (_, rows) = read_csv(&dir.path().join("amounts.csv"));
    assert_eq!(rows[0][5], "1000000000000000000000.0");
    assert_eq!(rows[1][5], "0.0001");
}

/// The media types a record may have are one list: the record schema's
/// enum, `notices.csv`'s constraint in datapackage.json, and the decoder's
/// names (a new format added to one and not the others fails here, not in
/// a consumer's validator).
#[test]
fn media_types_agree_between_schema_table_and_decoder() {
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/notice.schema.json"
        ))
        .expect("schema"),
    )
    .expect("json");
    let in_schema: Vec<&str> = schema["properties"]["source"]["properties"]["media_type"]["enum"]
        .as_array()
        .expect("enum")
        .iter()
        .map(|v| v.as_str().expect("string"))
        .collect();
    assert_eq!(in_schema, notice_extract::decode::MIME_TYPES);
    let out = release(&[notice("a")], &ReleaseOptions::default());
    let pkg: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("datapackage.json")).expect("package"))
            .expect("json");
    let notices = pkg["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .find(|r| r["name"] == "notices")
        .expect("notices resource");
    let field = notices["schema"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["name"] == "media_type")
        .expect("media_type column");
    let in_table: Vec<&str> = field["constraints"]["enum"]
        .as_array()
        .expect("enum constraint")
        .iter()
        .map(|v| v.as_str().expect("string"))
        .collect();
    assert_eq!(in_table, notice_extract::decode::MIME_TYPES);
}

/// `warnings.csv`'s codes are the tool's own list (issue 14: the package
/// once documented a code, `no_sections`, that no build ever wrote).
#[test]
fn warning_codes_in_the_package_are_the_tools_own() {
    use strum::IntoEnumIterator as _;
    let dir = release(&[rich()], &ReleaseOptions::default());
    let pkg = package(dir.path());
    let warnings = pkg["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "warnings")
        .unwrap();
    let code = warnings["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "code")
        .unwrap();
    let allowed: Vec<&str> = code["constraints"]["enum"]
        .as_array()
        .expect("an enum")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let ours: Vec<&str> = notice_extract::model::WarningCode::iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(allowed, ours);
    assert!(!pkg.to_string().contains("no_sections"));
}

/// `changes.csv`: one row per line of `changes.ndjson`, flattened, with a
/// Table Schema; no foreign key (a removed notice's id may be gone).
#[test]
fn changes_csv_has_one_row_per_change_line() {
    use notice_extract::diff::{diff_records, notice_removed};
    use notice_extract::fetch::RawDocument;
    let read = |uri: &str, t: &str| {
        let raw = RawDocument::from_bytes(uri, t.as_bytes().to_vec());
        notice_extract::extract(&raw, &notice_extract::Config::default()).unwrap()
    };
    let head = "关于印发若干政策的通知\n一、支持企业\n";
    let old = read(
        "memo.txt",
        &format!("{head}（一）加大奖励。给予最高50万元奖励。（责任单位：科技局）"),
    );
    let new = read(
        "memo.txt",
        &format!(
            "{head}（一）加大奖励。给予最高100万元奖励，覆盖率提高2个百分点。（责任单位：科技局、财政局）"
        ),
    );
    let gone = read("gone.txt", &format!("{head}（一）其他。"));
    let mut changes = diff_records(&old, &new);
    changes.push(notice_removed(&gone));
    let dir = tempfile::tempdir().unwrap();
    write_records(dir.path(), std::slice::from_ref(&new));
    let lines: String = changes
        .iter()
        .map(|c| serde_json::to_string(c).unwrap() + "\n")
        .collect();
    fs::write(dir.path().join("changes.ndjson"), &lines).unwrap();
    write_release(
        dir.path(),
        std::slice::from_ref(&new),
        &ReleaseOptions::default(),
    )
    .unwrap();

    let (header, rows) = read_csv(&dir.path().join("changes.csv"));
    assert_eq!(rows.len(), changes.len());
    let amended = rows
        .iter()
        .map(|r| row_map(&header, r))
        .find(|r| r["kind"] == "clause_amended")
        .expect("an amended clause");
    assert_eq!(amended["substance"], "true");
    assert_eq!(amended["amounts"], "500000 CNY max → 1000000 CNY max");
    assert_eq!(amended["units_added"], "财政局");
    assert_eq!(
        amended["text"],
        "[-50-]{+100+}|{+，覆盖率提高2个百分点+}|{+、财政局+}"
    );
    // Appended with changes schema 2.1.0: the point the new edition adds.
    assert_eq!(header.last().map(String::as_str), Some("percentage_points"));
    assert_eq!(amended["percentage_points"], "- → 2 points exact");
    let last = row_map(&header, rows.last().unwrap());
    assert_eq!(
        (&last["kind"][..], &last["line"][..]),
        ("notice_removed", &*rows.len().to_string())
    );

    let pkg = package(dir.path());
    let res = pkg["resources"].as_array().unwrap();
    let table = res.iter().find(|r| r["name"] == "changes").unwrap();
    assert_eq!(table["schema"]["primaryKey"], serde_json::json!(["line"]));
    assert!(table["schema"].get("foreignKeys").is_none());
    let fields: Vec<&str> = table["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        header.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(res.iter().any(|r| r["path"] == "changes.ndjson"));
}
