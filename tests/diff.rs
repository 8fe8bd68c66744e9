//! The record diff on real notices: the seed against edited copies of
//! itself, renderings of one notice against each other, and two runs
//! through the binary. Every change line is validated against
//! `schemas/changes.schema.json`.
//!
//! The edited copies are made here from `fixtures/text/binjiang-2025-source.txt`
//! (the seed, see `fixtures/README.md`): its clause paragraphs are moved or
//! inserted line by line and all labels renumbered `(一)…` in reading order,
//! as a real second edition renumbers them.

use crate::common;

use std::path::Path;
use std::process::Command;

use notice_extract::diff::{diff_records, render, Change, Kind};
use notice_extract::entities::numerals::parse_numeral;
use notice_extract::fetch::RawDocument;
use notice_extract::output::{json, schema};
use notice_extract::{extract, Notice};
use serde_json::Value;

fn seed() -> String {
    std::fs::read_to_string(common::root().join("fixtures/text/binjiang-2025-source.txt"))
        .expect("seed text")
}

/// A record of `text`, always under the same URI (so the same id): the
/// copies are later editions of one notice.
fn record(text: &str) -> Notice {
    let raw = RawDocument::from_bytes("binjiang-2025.txt", text.as_bytes().to_vec());
    extract(&raw, &common::config()).expect("extracts")
}

/// The Chinese numeral of 1..=99 as clause labels write it.
fn numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match (n / 10, n % 10) {
        (0, u) => D[u as usize].to_string(),
        (1, u) => format!("十{}", D[u as usize]),
        (t, u) => format!("{}十{}", D[t as usize], D[u as usize]),
    }
}

/// The number of a clause paragraph `(十二)…`, if the line is one.
fn clause_label(line: &str) -> Option<(u32, usize)> {
    let rest = line.strip_prefix('(')?;
    let end = rest.find(')')?;
    let label = &rest[..end];
    if label.is_empty() || !label.chars().all(|c| "一二三四五六七八九十".contains(c)) {
        return None;
    }
    Some((parse_numeral(label)? as u32, end + 2))
}

/// Relabels the clause paragraphs 1, 2, 3… in reading order; the count
/// restarts at each `(一)` (the page dump holds the body twice).
fn renumber(text: &str) -> String {
    let mut n = 0;
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| match clause_label(line) {
            Some((old, len)) => {
                n = if old == 1 { 1 } else { n + 1 };
                format!("({}){}", numeral(n), &line[len..])
            }
            None => line.to_string(),
        })
        .collect();
    lines.join("\n")
}

/// Every change as JSON, each checked against the schema.
fn lines(changes: &[Change]) -> Vec<Value> {
    changes
        .iter()
        .map(|c| {
            let v = serde_json::to_value(c).expect("serializes");
            if let Err(e) = schema::validate_change_value(&v) {
                panic!("{e}\n{v}");
            }
            v
        })
        .collect()
}

fn substance(changes: &[Change]) -> Vec<&Change> {
    changes.iter().filter(|c| c.substance).collect()
}

/// The lines `notice-extract diff` would print, and its text summary
/// (`cargo test --test diff -- --nocapture` shows them).
fn print(name: &str, changes: &[Change]) {
    println!("== {name}");
    let shown: Vec<Change> = changes
        .iter()
        .filter(|c| c.shown_by_default())
        .cloned()
        .collect();
    for c in &shown {
        println!("{}", serde_json::to_string(c).expect("serializes"));
    }
    print!(
        "{}",
        render::render_notice(&shown, render::Style { color: false })
    );
}

const INSERTED: &str = "(三)推動概念驗證中心建設。對新認定的市級概念驗證中心給予最高30萬元資助。(責任單位:科技局、財政局)";

#[test]
fn seed_with_one_amount_changed_and_one_clause_inserted_gives_exactly_two_changes() {
    let old_text = seed();
    // One amount: the cap of clause (五), 50萬元 → 100萬元 (in both copies
    // of the body).
    let from = "單個企業年最高額度不超過50萬元";
    assert_eq!(old_text.matches(from).count(), 2);
    let amended = old_text.replace(from, "單個企業年最高額度不超過100萬元");
    // One clause: a new paragraph after (三); renumbering makes it (四) and
    // every later clause one more.
    let mut out = Vec::new();
    for line in amended.split('\n') {
        out.push(line.to_string());
        if clause_label(line).is_some_and(|(n, _)| n == 3) {
            out.push(String::new());
            out.push(INSERTED.to_string());
        }
    }
    let new_text = renumber(&out.join("\n"));
    assert!(new_text.contains("(四)推動概念驗證中心建設") && new_text.contains("(四十七)支持推進"));

    let (old, new) = (record(&old_text), record(&new_text));
    assert_eq!((old.clauses.len(), new.clauses.len()), (46, 47));
    let changes = diff_records(&old, &new);
    print("seed: one amount changed, one clause inserted", &changes);
    let json = lines(&changes);
    let substance = substance(&changes);
    assert_eq!(substance.len(), 2, "{json:#?}");
    // The only other difference is the source bytes.
    let kinds: Vec<Kind> = changes
        .iter()
        .filter(|c| c.shown_by_default())
        .map(|c| c.kind)
        .collect();
    assert_eq!(
        kinds,
        [Kind::Source, Kind::ClauseAdded, Kind::ClauseAmended]
    );

    let added = &json[1];
    assert_eq!(added["new"]["label"], "四");
    assert_eq!(added["new"]["section"], 1);
    assert_eq!(
        added["new"]["responsible_units"],
        serde_json::json!(["科技局", "財政局"])
    );
    assert_eq!(added["new"]["amounts"][0]["value"], 300000.0);
    assert_eq!(added["new"]["amounts"][0]["bound"], "max");

    let a = &json[2];
    // Clause (五) is (六) now: matched by content, the renumbering is no change.
    assert_eq!(
        (a["old"]["label"].as_str(), a["new"]["label"].as_str()),
        (Some("五"), Some("六"))
    );
    let pairs = a["changes"]["amounts"].as_array().expect("amounts changed");
    assert_eq!(pairs.len(), 1);
    let fig = |v: &Value| {
        format!(
            "{} {} {}",
            v["value"],
            v["currency"].as_str().unwrap_or(""),
            v["bound"].as_str().unwrap_or("")
        )
    };
    assert_eq!(fig(&pairs[0]["old"]), "500000.0 CNY max");
    assert_eq!(fig(&pairs[0]["new"]), "1000000.0 CNY max");
    let ops = a["changes"]["text"].as_array().expect("words changed");
    assert_eq!(ops.len(), 1);
    assert_eq!(
        (ops[0]["old"].as_str(), ops[0]["new"].as_str()),
        (Some("50"), Some("100"))
    );
    // Both spans point at the figure in each record's text.
    let at = |n: &Notice, span: &Value| -> String {
        let (s, e) = (
            span[0].as_u64().unwrap_or(0) as usize,
            span[1].as_u64().unwrap_or(0) as usize,
        );
        n.text.chars().skip(s).take(e - s).collect()
    };
    assert_eq!(at(&old, &ops[0]["old_span"]), "50");
    assert_eq!(at(&new, &ops[0]["new_span"]), "100");
    assert!(a["changes"].get("title").is_none() && a["changes"].get("responsible_units").is_none());
}

#[test]
fn seed_whose_only_difference_is_a_percentage_point_gives_one_change_naming_it() {
    // The seed names no percentage point: both editions get one in clause
    // (五), and the new one raises it from 3 to 5 points.
    let at = "單個企業年最高額度不超過50萬元";
    let with = |points: &str| seed().replace(at, &format!("{at},占比提高{points}個百分點"));
    let (old, new) = (record(&with("3")), record(&with("5")));
    assert_eq!(
        (old.percentage_points.len(), new.percentage_points.len()),
        (1, 1)
    );
    let changes = diff_records(&old, &new);
    print("seed: one percentage point changed", &changes);
    let json = lines(&changes);
    let substance: Vec<&Value> = json.iter().filter(|c| c["substance"] == true).collect();
    assert_eq!(substance.len(), 1, "{json:#?}");
    let c = substance[0];
    assert_eq!(c["kind"], "clause_amended");
    assert_eq!(c["new"]["label"], "五");
    let pairs = c["changes"]["percentage_points"]
        .as_array()
        .expect("the point is named");
    assert_eq!(pairs.len(), 1);
    assert_eq!(
        (&pairs[0]["old"]["value"], &pairs[0]["new"]["value"]),
        (&Value::from(3.0), &Value::from(5.0))
    );
    assert_eq!(pairs[0]["new"]["text"], "5個百分點");
    assert!(c["changes"].get("amounts").is_none() && c["changes"].get("percentages").is_none());
    // Each side lists its points beside its other figures.
    assert_eq!(c["old"]["percentage_points"][0]["value"], 3.0);
    let text = render::render_notice(
        &changes
            .iter()
            .filter(|c| c.substance)
            .cloned()
            .collect::<Vec<_>>(),
        render::Style { color: false },
    );
    assert!(
        text.contains("point 3 points exact → 5 points exact"),
        "{text}"
    );

    // The same edition twice: nothing, a point included.
    assert!(diff_records(&new, &new).is_empty());
    assert!(diff_records(&old, &record(&with("3"))).is_empty());
}

#[test]
fn a_clause_moved_to_another_section_is_one_move() {
    // Clause (三) of section 1 goes to the end of section 2 (after (十六)).
    let mut out = Vec::new();
    let mut held = None;
    for line in seed().split('\n') {
        match clause_label(line).map(|(n, _)| n) {
            Some(3) => {
                held = Some(line.to_string());
                continue;
            }
            Some(16) => {
                out.push(line.to_string());
                if let Some(h) = held.take() {
                    out.push(String::new());
                    out.push(h);
                }
                continue;
            }
            _ => out.push(line.to_string()),
        }
    }
    let new_text = renumber(&out.join("\n"));
    let (old, new) = (record(&seed()), record(&new_text));
    let changes = diff_records(&old, &new);
    print("seed: clause (三) moved to the end of section 2", &changes);
    let json = lines(&changes);
    let substance = substance(&changes);
    assert_eq!(substance.len(), 1, "{json:#?}");
    let m = substance[0];
    assert_eq!(m.kind, Kind::ClauseMoved);
    let v = serde_json::to_value(m).expect("json");
    assert_eq!(
        (v["old"]["section"].as_u64(), v["new"]["section"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(
        (v["old"]["label"].as_str(), v["new"]["label"].as_str()),
        (Some("三"), Some("十六"))
    );
    assert!(m.changes.is_empty(), "moved, not amended: {v}");
}

#[test]
fn renderings_of_the_seed_differ_only_in_source() {
    let page =
        common::extract_fixture(&common::root().join("fixtures/html/binjiang-2025-page.html"))
            .expect("page");
    for other in [
        "fixtures/text/binjiang-2025-source.txt",
        "fixtures/text/binjiang-2025-fullwidth.txt",
        "fixtures/text/binjiang-2025-simplified.txt",
    ] {
        let n = common::extract_fixture(&common::root().join(other)).expect("rendering");
        let changes = diff_records(&n, &page);
        print(&format!("{other} → page.html"), &changes);
        lines(&changes);
        let shown: Vec<Kind> = changes
            .iter()
            .filter(|c| c.shown_by_default())
            .map(|c| c.kind)
            .collect();
        assert_eq!(shown, [Kind::Source], "{other}: {changes:#?}");
        assert!(substance(&changes).is_empty());
    }
    // The page dump carries the site's navigation and footer around the
    // notice: text outside sections, not substance, printed with --all;
    // the page links its PDF original (`attachments`), the dump does not.
    let dump =
        common::extract_fixture(&common::root().join("fixtures/text/binjiang-2025-source.txt"))
            .expect("dump");
    let all: Vec<Kind> = diff_records(&dump, &page).iter().map(|c| c.kind).collect();
    assert_eq!(
        all,
        [
            Kind::Source,
            Kind::Field,
            Kind::PreambleAmended,
            Kind::ClosingAmended,
            Kind::Warnings
        ]
    );
}

// ---- the binary ----

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_notice-extract"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn write_record(dir: &Path, n: &Notice) {
    std::fs::create_dir_all(dir).expect("mkdir");
    std::fs::write(dir.join(format!("{}.json", n.id)), json::to_pretty(n)).expect("write");
}

fn write_ndjson(dir: &Path, records: &[&Notice]) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let mut sorted = records.to_vec();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let body: String = sorted.iter().map(|n| json::to_line(n) + "\n").collect();
    std::fs::write(dir.join("notices.ndjson"), body).expect("write");
}

fn stdout_lines(out: &std::process::Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("a JSON line");
            if let Err(e) = schema::validate_change_value(&v) {
                panic!("{e}\n{v}");
            }
            v
        })
        .collect()
}

/// A small notice of its own id.
fn memo(uri: &str, body: &str) -> Notice {
    let raw = RawDocument::from_bytes(
        uri,
        format!("关于印发若干政策的通知\n一、支持企业\n{body}").into_bytes(),
    );
    extract(&raw, &common::config()).expect("extracts")
}

#[test]
fn two_record_files_of_one_notice_exit_0_with_only_the_source_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = common::root();
    let a =
        common::extract_fixture(&root.join("fixtures/text/binjiang-2025-source.txt")).expect("a");
    let b =
        common::extract_fixture(&root.join("fixtures/html/binjiang-2025-page.html")).expect("b");
    write_record(dir.path(), &a);
    write_record(dir.path(), &b);
    let (pa, pb) = (
        dir.path().join(format!("{}.json", a.id)),
        dir.path().join(format!("{}.json", b.id)),
    );
    let out = bin().arg("diff").arg(&pa).arg(&pb).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = stdout_lines(&out);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["kind"], "source");
    // --all adds what is not substance; the exit status stays 0.
    let out = bin()
        .args(["diff", "--all"])
        .arg(&pa)
        .arg(&pb)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let got = stdout_lines(&out);
    assert_eq!(got.len(), 5);
    assert_eq!(got[1]["field"], "attachments");
    assert!(got.iter().all(|v| v["substance"] == false));
    // Text on a pipe: no colour codes.
    let out = bin()
        .args(["diff", "--format", "text"])
        .arg(&pa)
        .arg(&pb)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("source fixtures/text/binjiang-2025-source.txt"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "{text:?}");
}

#[test]
fn two_runs_report_added_removed_and_amended_notices_in_id_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a1 = memo(
        "a.txt",
        "（一）加大奖励。给予最高50万元奖励。（责任单位：市财政局）",
    );
    let a2 = memo(
        "a.txt",
        "（一）加大奖励。给予最高100万元奖励。（责任单位：市财政局、市科技局）",
    );
    let b = memo("b.txt", "（一）支持人才。给予10万元补助。");
    let c = memo("c.txt", "（一）优化环境。推行一日办结。");
    let d = memo("d.txt", "（一）发展会展。按租金30%补助。");
    // The old run as a folder of records, the new one as notices.ndjson.
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    for n in [&a1, &b, &c] {
        write_record(&old.join("notices"), n);
    }
    write_ndjson(&new, &[&a2, &b, &d]);
    let out = bin()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = stdout_lines(&out);
    let summary: Vec<(String, String)> = got
        .iter()
        .map(|v| {
            (
                v["id"].as_str().unwrap_or("").to_string(),
                v["kind"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let want = [
        (a2.id.clone(), "source".to_string()),
        (a2.id.clone(), "clause_amended".to_string()),
        (c.id.clone(), "notice_removed".to_string()),
        (d.id.clone(), "notice_added".to_string()),
    ];
    assert_eq!(summary, want);
    let amended = &got[1]["changes"];
    assert_eq!(amended["amounts"][0]["old"]["value"], 500000.0);
    assert_eq!(amended["amounts"][0]["new"]["value"], 1000000.0);
    assert_eq!(
        amended["responsible_units"]["added"],
        serde_json::json!(["市科技局"])
    );

    let out = bin()
        .args(["diff", "--format", "text"])
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("amount 500000 CNY max → 1000000 CNY max"),
        "{text}"
    );
    assert!(
        text.contains("3 old, 3 new: 1 added, 1 removed, 1 amended, 1 unchanged"),
        "{text}"
    );

    // The same run against itself: nothing, exit 0.
    let out = bin()
        .arg("diff")
        .arg(&new)
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_damaged_record_is_named_and_the_others_still_compared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a1 = memo("a.txt", "（一）加大奖励。给予最高50万元奖励。");
    let a2 = memo("a.txt", "（一）加大奖励。给予最高60万元奖励。");
    let b = memo("b.txt", "（一）支持人才。给予10万元补助。");
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    write_record(&old, &a1);
    write_record(&old, &b);
    write_record(&new, &a2);
    std::fs::write(new.join(format!("{}.json", b.id)), "{\"id\": \"truncated").expect("write");
    let out = bin()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}.json: not a notice record", b.id)),
        "{err}"
    );
    let got = stdout_lines(&out);
    assert!(got.iter().any(|v| v["kind"] == "clause_amended"), "{got:?}");

    // A record against a folder cannot be compared: exit 2, one line.
    let out = bin()
        .arg("diff")
        .arg(old.join(format!("{}.json", a1.id)))
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot compare one record with a set"));
}

#[test]
fn colour_is_the_callers_choice() {
    let a = memo("a.txt", "（一）加大奖励。给予最高50万元奖励。");
    let b = memo("a.txt", "（一）加大奖励。给予最高60万元奖励。");
    let changes = diff_records(&a, &b);
    let plain = render::render_notice(&changes, render::Style { color: false });
    assert!(plain.contains("给予最高[-50-]{+60+}万元奖励"), "{plain}");
    assert!(!plain.contains('\x1b'));
    let coloured = render::render_notice(&changes, render::Style { color: true });
    assert!(
        coloured.contains("\x1b[31m50\x1b[0m\x1b[32m60\x1b[0m"),
        "{coloured:?}"
    );
}

// ------------------------------------------------- between two runs (issue 14)

mod nightly {
    use std::collections::HashMap;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;
    use std::path::{Path, PathBuf};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use crate::common::all_files;
    use notice_extract::batch::{self, Finished, History, RunOptions};
    use notice_extract::fetch::{collect_sources, Source};
    use notice_extract::output::schema;
    use serde_json::Value;

    use super::{clause_label, common, renumber, seed, INSERTED};

    /// A loopback site whose pages can be swapped between runs: path →
    /// body; any other path is a 404.
    struct Site {
        base: String,
        pages: Arc<Mutex<HashMap<String, Vec<u8>>>>,
    }

    impl Site {
        fn start() -> Site {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
            let base = format!("http://{}", listener.local_addr().expect("addr"));
            let pages: Arc<Mutex<HashMap<String, Vec<u8>>>> = Arc::default();
            let shared = pages.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming().flatten() {
                    let pages = shared.clone();
                    std::thread::spawn(move || -> std::io::Result<()> {
                        let mut s = stream;
                        let mut r = BufReader::new(s.try_clone()?);
                        let mut line = String::new();
                        r.read_line(&mut line)?;
                        let path = line.split(' ').nth(1).unwrap_or("/").to_string();
                        loop {
                            let mut h = String::new();
                            if r.read_line(&mut h)? == 0 || h.trim().is_empty() {
                                break;
                            }
                        }
                        let body = pages.lock().expect("pages").get(&path).cloned();
                        let (status, body) = match body {
                            Some(b) => ("200 OK", b),
                            None => ("404 Not Found", b"gone".to_vec()),
                        };
                        write!(
                            s,
                            "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
                            body.len()
                        )?;
                        s.write_all(&body)?;
                        s.flush()
                    });
                }
            });
            Site { base, pages }
        }

        fn serve(&self, pages: &[(&str, &str)]) {
            let mut p = self.pages.lock().expect("pages");
            p.clear();
            for (path, body) in pages {
                p.insert(format!("/{path}"), body.as_bytes().to_vec());
            }
        }

        fn sources(&self, paths: &[&str]) -> Vec<Source> {
            let urls: Vec<String> = paths.iter().map(|p| format!("{}/{p}", self.base)).collect();
            collect_sources(&urls, None).expect("sources")
        }
    }

    fn config() -> notice_extract::Config {
        let mut cfg = common::config();
        let f = &mut cfg.fetch;
        f.timeout = Duration::from_secs(5);
        f.retries = 0;
        f.host_delay = Duration::ZERO;
        f.per_host = 8;
        cfg
    }

    fn run(
        sources: &[Source],
        out: &Path,
        shard: Option<&str>,
        history: Option<&Path>,
    ) -> Finished {
        let mut opts = RunOptions::new(out);
        opts.shard = shard.map(|s| s.parse().expect("shard"));
        opts.history = history.map(Path::to_path_buf);
        batch::run_batch(sources, &config(), &opts).expect("run proceeds")
    }

    /// `changes.ndjson`, each line checked against the schema.
    fn changes(out: &Path) -> Vec<Value> {
        let text = std::fs::read_to_string(out.join("changes.ndjson")).expect("changes.ndjson");
        text.lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).expect("json line");
                if let Err(e) = schema::validate_change_value(&v) {
                    panic!("{e}\n{v}");
                }
                v
            })
            .collect()
    }

    /// The seed with clause `n` dropped (in both copies of its body) and
    /// the rest renumbered.
    fn without_clause(text: &str, n: u32) -> String {
        let kept: Vec<&str> = text
            .split('\n')
            .filter(|l| clause_label(l).is_none_or(|(m, _)| m != n))
            .collect();
        renumber(&kept.join("\n"))
    }

    fn with_inserted_clause(text: &str) -> String {
        let mut out = Vec::new();
        for line in text.split('\n') {
            out.push(line.to_string());
            if clause_label(line).is_some_and(|(n, _)| n == 3) {
                out.push(String::new());
                out.push(INSERTED.to_string());
            }
        }
        renumber(&out.join("\n"))
    }

    /// The nightly story of issue 14: version 1 of six notices, then
    /// version 2 with one amount changed, one unit list changed, one clause
    /// inserted, one clause removed, one notice gone (404) and one new. The
    /// run's `changes.ndjson` names exactly those; a rerun writes it empty
    /// and leaves every file as it was; two shards merged give the same
    /// bytes as one run; `--history` keeps the versions `diff` walks.
    #[test]
    fn version_2_of_a_site_gives_exactly_its_changes() {
        let v1 = seed();
        let cap = "單個企業年最高額度不超過50萬元";
        let units = "責任單位:發改局、濱江供電分公司";
        assert_eq!((v1.matches(cap).count(), v1.matches(units).count()), (2, 2));
        let amount = v1.replace(cap, "單個企業年最高額度不超過100萬元");
        let unit_list = v1.replace(units, "責任單位:發改局、濱江供電分公司、市財政局");
        let inserted = with_inserted_clause(&v1);
        let removed = without_clause(&v1, 10);
        let other =
            std::fs::read_to_string(common::root().join("fixtures/text/sh-2025-ranqi-tiaoli.txt"))
                .expect("fixture");
        let newcomer = std::fs::read_to_string(
            common::root().join("fixtures/text/handmade-2026-guowuyuan-yijian.txt"),
        )
        .expect("fixture");

        let site = Site::start();
        let v1_pages = [
            ("amount.txt", v1.as_str()),
            ("units.txt", v1.as_str()),
            ("inserted.txt", v1.as_str()),
            ("removed.txt", v1.as_str()),
            ("gone.txt", v1.as_str()),
            ("same.txt", other.as_str()),
        ];
        let v2_pages = [
            ("amount.txt", amount.as_str()),
            ("units.txt", unit_list.as_str()),
            ("inserted.txt", inserted.as_str()),
            ("removed.txt", removed.as_str()),
            ("same.txt", other.as_str()),
            ("new.txt", newcomer.as_str()),
        ];
        let paths1 = [
            "amount.txt",
            "units.txt",
            "inserted.txt",
            "removed.txt",
            "gone.txt",
            "same.txt",
        ];
        let paths2 = [&paths1[..], &["new.txt"]].concat();
        let (s1, s2) = (site.sources(&paths1), site.sources(&paths2));
        let id = |path: &str| {
            s2.iter()
                .find(|s| s.input.ends_with(path))
                .expect("source")
                .id
                .clone()
        };

        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("out");
        let hist = tmp.path().join("history");
        let shards: Vec<PathBuf> = (1..=2)
            .map(|k| tmp.path().join(format!("shard{k}")))
            .collect();
        let merged = tmp.path().join("merged");

        site.serve(&v1_pages);
        let r1 = run(&s1, &out, None, Some(&hist));
        assert_eq!(r1.report.totals.success, 6, "{:?}", r1.report);
        assert!(
            changes(&out).is_empty(),
            "a first run has nothing to compare with"
        );
        for (k, dir) in shards.iter().enumerate() {
            run(&s1, dir, Some(&format!("{}/2", k + 1)), None);
        }

        site.serve(&v2_pages);
        let r2 = run(&s2, &out, None, Some(&hist));
        let lines = changes(&out);
        for l in &lines {
            println!("{l}");
        }
        println!("{}", r2.summary);
        let csv = std::fs::read_to_string(out.join("changes.csv")).expect("changes.csv");
        print!("{csv}");

        // In substance: exactly the six edits, one line each, in id order.
        let got: Vec<(String, &str)> = lines
            .iter()
            .filter(|l| l["substance"] == true)
            .map(|l| {
                (
                    l["id"].as_str().unwrap_or("").to_string(),
                    l["kind"].as_str().unwrap_or(""),
                )
            })
            .collect();
        let mut want = vec![
            (id("amount.txt"), "clause_amended"),
            (id("units.txt"), "clause_amended"),
            (id("inserted.txt"), "clause_added"),
            (id("removed.txt"), "clause_removed"),
            (id("gone.txt"), "notice_removed"),
            (id("new.txt"), "notice_added"),
        ];
        want.sort();
        assert_eq!(got, want);
        // Besides them, for each of the four edited pages, not substance:
        // its new bytes (`source`) and its `warnings` (the dropped second
        // copy of the body has another length).
        let other_lines: Vec<(String, &str)> = lines
            .iter()
            .filter(|l| l["substance"] == false)
            .map(|l| {
                (
                    l["id"].as_str().unwrap_or("").to_string(),
                    l["kind"].as_str().unwrap_or(""),
                )
            })
            .collect();
        let mut want_other: Vec<(String, &str)> =
            ["amount.txt", "units.txt", "inserted.txt", "removed.txt"]
                .iter()
                .flat_map(|p| [(id(p), "source"), (id(p), "warnings")])
                .collect();
        want_other.sort();
        assert_eq!(other_lines, want_other);
        let line = |path: &str, kind: &str| {
            lines
                .iter()
                .find(|l| l["id"] == id(path).as_str() && l["kind"] == kind)
                .unwrap_or_else(|| panic!("{path} {kind}"))
        };
        let a = &line("amount.txt", "clause_amended")["changes"]["amounts"][0];
        assert_eq!(
            (a["old"]["value"].as_f64(), a["new"]["value"].as_f64()),
            (Some(5e5), Some(1e6))
        );
        assert_eq!(a["new"]["bound"], "max");
        let u = &line("units.txt", "clause_amended")["changes"]["responsible_units"];
        assert_eq!(u["added"], serde_json::json!(["市財政局"]));
        assert_eq!(line("inserted.txt", "clause_added")["new"]["label"], "四");
        assert_eq!(line("removed.txt", "clause_removed")["old"]["label"], "十");
        let gone = line("gone.txt", "notice_removed");
        assert_eq!(
            (gone["reason"].as_str(), gone["error"].as_str()),
            (Some("failed"), Some("http_status"))
        );
        // Its record stays, flagged stale.
        let d = r2
            .report
            .documents
            .iter()
            .find(|d| d.id == id("gone.txt"))
            .expect("entry");
        assert!(d.stale_record && out.join(format!("notices/{}.json", d.id)).is_file());
        let c = r2.report.changes;
        assert_eq!((c.added, c.amended, c.other, c.removed), (1, 4, 0, 1));
        // changes.csv: a header and one row per line.
        assert_eq!(csv.lines().count(), lines.len() + 1);
        assert!(csv.contains(",500000 CNY max → 1000000 CNY max,"), "{csv}");

        // Rerun on version 2: nothing changed, every file as it was but
        // changes.ndjson (now empty), changes.csv and the counts.
        let before = all_files(&out);
        let r3 = run(&s2, &out, None, Some(&hist));
        assert!(changes(&out).is_empty());
        assert_eq!(r3.report.changes, batch::ChangeTotals::default());
        let again = all_files(&out);
        let differ: Vec<&String> = before
            .keys()
            .filter(|k| before.get(*k) != again.get(*k))
            .collect();
        assert_eq!(
            differ,
            [
                "changes.csv",
                "changes.ndjson",
                "datapackage.json",
                "report.json"
            ]
        );
        run(&s2, &out, None, Some(&hist));
        assert_eq!(all_files(&out), again, "a second rerun is byte-identical");

        // Shards and merge: the same changes, byte for byte.
        for (k, dir) in shards.iter().enumerate() {
            run(&s2, dir, Some(&format!("{}/2", k + 1)), None);
        }
        // One run over all inputs, version 1 then 2, to compare with.
        let one_run = tmp.path().join("one");
        site.serve(&v1_pages);
        run(&s1, &one_run, None, None);
        site.serve(&v2_pages);
        run(&s2, &one_run, None, None);
        batch::merge(&shards, &merged, Some(&Default::default())).expect("merge");
        for f in [
            "changes.ndjson",
            "changes.csv",
            "report.json",
            "notices.ndjson",
        ] {
            assert_eq!(
                std::fs::read(merged.join(f)).expect("merged"),
                std::fs::read(one_run.join(f)).expect("one run"),
                "{f}"
            );
        }

        // History: the amended notice has its two versions, in order, and
        // diff walks from one to the next; an unchanged one has none.
        let h = History::open(&hist).expect("history");
        let versions = h.versions(&id("amount.txt")).expect("versions");
        assert_eq!(versions.len(), 2);
        assert!(h.versions(&id("same.txt")).expect("versions").is_empty());
        let out_diff = std::process::Command::new(env!("CARGO_BIN_EXE_notice-extract"))
            .arg("diff")
            .args(&versions)
            .output()
            .expect("diff runs");
        assert_eq!(out_diff.status.code(), Some(1), "a change in substance");
        let stdout = String::from_utf8_lossy(&out_diff.stdout);
        assert!(stdout.contains("\"clause_amended\""), "{stdout}");
        // `diff HISTORY/<id>` walks them itself.
        let walk = std::process::Command::new(env!("CARGO_BIN_EXE_notice-extract"))
            .args(["diff", "--format", "text"])
            .arg(hist.join(id("amount.txt")))
            .output()
            .expect("diff runs");
        let text = String::from_utf8_lossy(&walk.stdout);
        println!("{text}");
        assert_eq!(walk.status.code(), Some(1));
        assert!(text.starts_with("== version 1 → 2\n"), "{text}");
        assert!(
            text.contains("amount 500000 CNY max → 1000000 CNY max"),
            "{text}"
        );
    }
}
