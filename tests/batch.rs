//! The batch runner end to end: a loopback HTTP server that misbehaves on
//! purpose, reruns, a `kill -9` in the middle of a run, shards and merge,
//! exit statuses. Only 127.0.0.1 is contacted.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::all_files;
use notice_extract::batch::{self, Finished, Report, RunOptions, Status};
use notice_extract::fetch::{collect_sources, Source};
use notice_extract::output::schema::validate_value;
use notice_extract::Config;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
const BIN: &str = env!("CARGO_BIN_EXE_notice-extract");
/// Body cap of the test client; the largest fixture page is 232 KB.
const CAP: u64 = 1024 * 1024;

// ---------------------------------------------------------------- server

/// A request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    headers: HashMap<String, String>,
    /// When its headers had been read.
    at: Instant,
}

/// A raw HTTP/1.1 server on 127.0.0.1:0, one thread per connection, every
/// response `Connection: close`, so each misbehaviour is byte-exact.
struct Server {
    base: String,
    log: Arc<Mutex<Vec<Seen>>>,
    /// When set, every `/ok/` page answers 404 (a site gone bad).
    broken: Arc<AtomicBool>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let log = Arc::new(Mutex::new(Vec::new()));
        let broken = Arc::new(AtomicBool::new(false));
        let bomb = Arc::new(gzip_zeros(50 * 1024 * 1024));
        let (l2, b2) = (log.clone(), broken.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (log, broken, bomb) = (l2.clone(), b2.clone(), bomb.clone());
                std::thread::spawn(move || {
                    let _ = handle(stream, &log, &broken, &bomb);
                });
            }
        });
        Server { base, log, broken }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn requests(&self, path: &str) -> Vec<Seen> {
        self.log
            .lock()
            .expect("log")
            .iter()
            .filter(|s| s.path == path)
            .cloned()
            .collect()
    }
}

fn gzip_zeros(n: usize) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..n / chunk.len() {
        enc.write_all(&chunk).expect("gzip");
    }
    enc.finish().expect("gzip")
}

/// The liuhe page (no charset declaration of its own) in GBK.
fn gbk_page() -> Vec<u8> {
    let text = std::fs::read_to_string(format!("{FIXTURES}/html/liuhe-2023-zhongdian-chanye.html"))
        .expect("fixture");
    assert!(!text.to_ascii_lowercase().contains("charset"));
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    bytes.into_owned()
}

fn respond(
    s: &mut TcpStream,
    status: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| *k == "Content-Length") {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes())?;
    s.write_all(body)?;
    s.flush()
}

fn handle(
    mut s: TcpStream,
    log: &Mutex<Vec<Seen>>,
    broken: &AtomicBool,
    bomb: &[u8],
) -> std::io::Result<()> {
    let mut r = BufReader::new(s.try_clone()?);
    let mut line = String::new();
    r.read_line(&mut line)?;
    let path = line.split(' ').nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if r.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let nth = {
        let mut log = log.lock().expect("log");
        log.push(Seen {
            path: path.clone(),
            headers: headers.clone(),
            at: Instant::now(),
        });
        log.iter().filter(|x| x.path == path).count()
    };
    let html = |ct: &str| vec![("Content-Type", ct.to_string())];
    match path.as_str() {
        p if p.starts_with("/ok/") => {
            if broken.load(Ordering::SeqCst) {
                return respond(&mut s, "404 Not Found", &[], b"gone");
            }
            let name = &p[4..];
            let dir = if name.ends_with(".txt") {
                "text"
            } else {
                "html"
            };
            let body = std::fs::read(format!("{FIXTURES}/{dir}/{name}"))?;
            let ct = if dir == "text" {
                "text/plain; charset=utf-8"
            } else {
                "text/html"
            };
            respond(&mut s, "200 OK", &html(ct), &body)
        }
        "/gbk.html" => respond(
            &mut s,
            "200 OK",
            &html("text/html; charset=GBK"),
            &gbk_page(),
        ),
        "/flaky.html" if nth == 1 => respond(&mut s, "500 Internal Server Error", &[], b"oops"),
        "/busy.html" if nth == 1 => respond(
            &mut s,
            "429 Too Many Requests",
            &[("Retry-After", "1".into())],
            b"slow down",
        ),
        "/flaky.html" | "/busy.html" => {
            let body = std::fs::read(format!("{FIXTURES}/html/wuhan-2026-aiopc.html"))?;
            respond(&mut s, "200 OK", &html("text/html; charset=utf-8"), &body)
        }
        "/slow.html" => {
            std::thread::sleep(Duration::from_secs(3));
            respond(&mut s, "200 OK", &html("text/html"), b"<p>late</p>")
        }
        "/loop" => respond(&mut s, "302 Found", &[("Location", "/loop".into())], b""),
        "/to-ftp" => respond(
            &mut s,
            "301 Moved Permanently",
            &[("Location", "ftp://127.0.0.1/notice.html".into())],
            b"",
        ),
        "/big.html" => respond(&mut s, "200 OK", &html("text/html"), &vec![b'a'; 2 << 20]),
        "/big-unannounced.html" => {
            // No Content-Length: the size shows only while reading.
            let head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n";
            s.write_all(head.as_bytes())?;
            s.write_all(&vec![b'a'; 2 << 20])
        }
        "/bomb.html" => respond(
            &mut s,
            "200 OK",
            &[
                ("Content-Type", "text/html".into()),
                ("Content-Encoding", "gzip".into()),
            ],
            bomb,
        ),
        "/etag.html" => {
            if headers.get("if-none-match").map(String::as_str) == Some("\"v1\"") {
                return respond(
                    &mut s,
                    "304 Not Modified",
                    &[("ETag", "\"v1\"".into())],
                    b"",
                );
            }
            let body = std::fs::read(format!("{FIXTURES}/html/ningbo-2026-aiopc.html"))?;
            respond(
                &mut s,
                "200 OK",
                &[
                    ("Content-Type", "text/html; charset=utf-8".into()),
                    ("ETag", "\"v1\"".into()),
                    ("Last-Modified", "Wed, 21 Oct 2025 07:28:00 GMT".into()),
                ],
                &body,
            )
        }
        "/truncated.html" => {
            let head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/html\r\n\
                        Content-Length: 100000\r\n\r\n";
            s.write_all(head.as_bytes())?;
            s.write_all(&[b'x'; 1000])?;
            s.flush()
            // dropped here: the connection closes 99,000 bytes short
        }
        p if p.starts_with("/site/") || p.starts_with("/module/download/") => match site_file(p) {
            Some(body) => respond_cached(&mut s, &headers, &body),
            None => respond(&mut s, "404 Not Found", &[], b"no such file"),
        },
        _ => respond(&mut s, "404 Not Found", &[], b"no such page"),
    }
}

/// The attachment site: the binjiang page (its own link to its original
/// PDF, plus an 附件 list of two office files, a file the server does not
/// have, a link to another site and a `file:` link), and a page whose body
/// is only a link to a Word file.
fn site_file(path: &str) -> Option<Vec<u8>> {
    let fixture = |p: &str| std::fs::read(format!("{FIXTURES}/{p}")).expect("fixture");
    Some(match path {
        "/site/binjiang.html" => {
            let page = std::fs::read_to_string(format!("{FIXTURES}/html/binjiang-2025-page.html"))
                .expect("fixture");
            let list = "<p>附件：<a href=\"/site/files/renwu-fenbiao.xlsx\">1.任务分表.xlsx</a> \
                <a href=\"files/shuzi-jingji.docx\">2.数字经济若干措施.docx</a> \
                <a href=\"/site/files/missing.ofd\">3.实施细则.ofd</a> \
                <a href=\"http://example.com/x.pdf\">外站.pdf</a> \
                <a href=\"file:///etc/passwd\">本地.pdf</a></p>";
            // After the first 原文下載 paragraph (the body's own; the
            // second is the print copy).
            let at = page.find("原文下載").expect("link");
            let at = at + page[at..].find("</p>").expect("end") + 4;
            format!("{}{list}{}", &page[..at], &page[at..]).into_bytes()
        }
        "/site/only.html" => "<html><head><meta charset=\"utf-8\"><title>国务院关于做好当前和今后一个时期促进就业工作的若干意见</title></head>\
            <body><h1>国务院关于做好当前和今后一个时期促进就业工作的若干意见</h1>\
            <div class=\"content\"><p>附件：<a href=\"files/guofa-39.docx\">国务院关于做好当前和今后一个时期促进就业工作的若干意见.docx</a></p></div></body></html>"
            .as_bytes()
            .to_vec(),
        p if p.starts_with("/module/download/downfile.jsp") => {
            fixture("pdf/binjiang-2025-original.pdf")
        }
        "/site/files/renwu-fenbiao.xlsx" => fixture("xlsx/handmade-2025-renwu-fenbiao.xlsx"),
        "/site/files/shuzi-jingji.docx" => fixture("docx/handmade-2025-shuzi-jingji.docx"),
        "/site/files/guofa-39.docx" => fixture("docx/govcn-2018-guofa-39.docx"),
        _ => return None,
    })
}

/// A 200 with an ETag (of the body), or a 304 when the request sent it.
fn respond_cached(
    s: &mut TcpStream,
    headers: &HashMap<String, String>,
    body: &[u8],
) -> std::io::Result<()> {
    use sha2::Digest;
    let d = sha2::Sha256::digest(body);
    let etag = format!("\"{:02x}{:02x}{:02x}{:02x}\"", d[0], d[1], d[2], d[3]);
    if headers.get("if-none-match") == Some(&etag) {
        return respond(s, "304 Not Modified", &[("ETag", etag)], b"");
    }
    respond(s, "200 OK", &[("ETag", etag)], body)
}

// ---------------------------------------------------------------- helpers

/// Short timeouts and backoffs so the whole file runs in seconds.
fn test_config() -> Config {
    let mut cfg = Config::default();
    let f = &mut cfg.fetch;
    f.max_bytes = CAP;
    f.timeout = Duration::from_millis(700);
    f.connect_timeout = Duration::from_millis(700);
    f.retries = 2;
    f.backoff = Duration::from_millis(50);
    f.backoff_max = Duration::from_secs(2);
    f.host_delay = Duration::ZERO;
    f.per_host = 8;
    f.concurrency = 8;
    cfg
}

fn run(sources: &[Source], out: &Path) -> Finished {
    batch::run_batch(sources, &test_config(), &RunOptions::new(out)).expect("run proceeds")
}

fn doc<'a>(report: &'a Report, input: &str) -> &'a batch::DocReport {
    report
        .documents
        .iter()
        .find(|d| d.input == input)
        .unwrap_or_else(|| panic!("{input} not in report"))
}

fn code(d: &batch::DocReport) -> Option<&str> {
    d.error.as_ref().map(|e| e.code.as_str())
}

/// Checks report.json against its schema, every record against the record
/// schema, and that notices.ndjson lists exactly the records.
fn check_output(out: &Path) -> Report {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/report.schema.json"
        ))
        .expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).expect("report"))
            .expect("report json");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "report.json: {errors:?}");
    let report: Report = serde_json::from_value(value).expect("report type");
    let ndjson = std::fs::read_to_string(out.join("notices.ndjson")).expect("ndjson");
    let mut lines = ndjson.lines();
    for d in report.documents.iter().filter(|d| d.has_record()) {
        let rec: serde_json::Value = serde_json::from_slice(
            &std::fs::read(out.join("notices").join(format!("{}.json", d.id))).expect("record"),
        )
        .expect("record json");
        validate_value(&rec).expect("record matches schema");
        let line: serde_json::Value =
            serde_json::from_str(lines.next().expect("ndjson line")).expect("line json");
        assert_eq!(line, rec, "ndjson line of {}", d.id);
    }
    assert!(lines.next().is_none(), "ndjson has extra lines");
    report
}

fn local_sources() -> Vec<Source> {
    collect_sources(
        &[format!("{FIXTURES}/text"), format!("{FIXTURES}/html")],
        None,
    )
    .expect("sources")
}

// ---------------------------------------------------------------- tests

#[test]
fn misbehaving_server_each_document_gets_its_status() {
    let srv = Server::start();
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let good = [
        "/ok/cangnan-2026-aiopc.html",
        "/ok/binjiang-2025-simplified.txt",
        "/gbk.html",
        "/flaky.html",
        "/busy.html",
        "/etag.html",
    ];
    let bad = [
        ("/slow.html", "http_timeout", None),
        ("/loop", "too_many_redirects", None),
        ("/to-ftp", "redirect_refused", None),
        ("/big.html", "too_large", None),
        ("/big-unannounced.html", "too_large", None),
        ("/bomb.html", "too_large", None),
        ("/truncated.html", "body_incomplete", None),
        ("/missing.html", "http_status", Some(404)),
    ];
    let mut inputs: Vec<String> = good.iter().map(|p| srv.url(p)).collect();
    inputs.extend(bad.iter().map(|(p, _, _)| srv.url(p)));
    inputs.push("ftp://127.0.0.1/x.html".into());
    let sources = collect_sources(&inputs, None).expect("sources");

    let report = run(&sources, &out).report;
    let checked = check_output(&out);
    assert_eq!(checked, report);

    for p in good {
        let d = doc(&report, &srv.url(p));
        assert!(
            matches!(d.status, Status::Success | Status::Partial),
            "{p}: {d:?}"
        );
        assert_eq!(d.http_status, Some(200), "{p}");
    }
    for (p, want, status) in bad {
        let d = doc(&report, &srv.url(p));
        assert_eq!(d.status, Status::Failure, "{p}");
        assert_eq!(code(d), Some(want), "{p}: {d:?}");
        if status.is_some() {
            assert_eq!(d.http_status, status, "{p}");
        }
    }
    assert_eq!(
        code(doc(&report, "ftp://127.0.0.1/x.html")),
        Some("bad_url")
    );
    assert_eq!(report.totals.failure, bad.len() + 1);

    // The charset came from the header only, and decoding used it.
    let gbk = doc(&report, &srv.url("/gbk.html"));
    let rec: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out.join("notices").join(format!("{}.json", gbk.id))).expect("rec"),
    )
    .expect("json");
    assert_eq!(rec["source"]["encoding_source"], "http");
    // GBK is read as its superset GB18030, as browsers do.
    assert_eq!(rec["source"]["encoding"], "gb18030");
    assert!(rec["text"].as_str().unwrap_or("").contains("柳河县"));
    assert!(
        !gbk.lost_content.iter().any(|c| c == "lossy_decode"),
        "{gbk:?}"
    );

    // Retries: 500 then 200; 429 then (after Retry-After: 1 s) 200; a 404
    // is not retried; a timeout is retried `retries` times.
    assert_eq!(srv.requests("/flaky.html").len(), 2);
    assert_eq!(srv.requests("/busy.html").len(), 2);
    assert_eq!(srv.requests("/missing.html").len(), 1);
    assert_eq!(srv.requests("/slow.html").len(), 3);
    // Retry-After: 1 s, where the backoff alone would wait at most 50 ms.
    let busy = srv.requests("/busy.html");
    let waited = busy[1].at.duration_since(busy[0].at);
    assert!(
        waited >= Duration::from_secs(1),
        "Retry-After honoured: {waited:?}"
    );
    // The User-Agent names the tool and its version.
    let ua = &srv.requests("/etag.html")[0].headers["user-agent"];
    assert_eq!(ua, &format!("notice-extract/{}", env!("CARGO_PKG_VERSION")));

    // Rerun: the good documents keep their records (the etag page by a
    // 304), the bad ones fail again, and nothing else changes: the report
    // describes the folder, so it is the same too.
    let before = all_files(&out);
    let rerun = run(&sources, &out);
    let report2 = rerun.report;
    check_output(&out);
    assert_eq!(rerun.summary.kept, good.len());
    assert_eq!(rerun.summary.extracted, 0);
    assert_eq!(rerun.summary.not_modified, 1);
    for p in good {
        assert_eq!(
            doc(&report2, &srv.url(p)).status,
            doc(&report, &srv.url(p)).status,
            "{p}"
        );
    }
    let etag = srv.requests("/etag.html");
    assert_eq!(etag.len(), 2);
    assert_eq!(etag[1].headers["if-none-match"], "\"v1\"");
    assert_eq!(
        etag[1].headers["if-modified-since"],
        "Wed, 21 Oct 2025 07:28:00 GMT"
    );
    // The 304 confirmed the cached 200: the report states that one.
    assert_eq!(doc(&report2, &srv.url("/etag.html")).http_status, Some(200));
    assert_eq!(all_files(&out), before);

    // The site goes bad: failures, but yesterday's records stay.
    srv.broken.store(true, Ordering::SeqCst);
    let report3 = run(&sources, &out).report;
    check_output(&out);
    let d = doc(&report3, &srv.url("/ok/cangnan-2026-aiopc.html"));
    assert_eq!(d.status, Status::Failure);
    assert_eq!(code(d), Some("http_status"));
    assert!(d.stale_record);
    assert!(out.join("notices").join(format!("{}.json", d.id)).is_file());

    // Offline: the cache alone re-extracts what was fetched.
    let mut opts = RunOptions::new(tmp.path().join("offline"));
    opts.cache = Some(out.join("cache"));
    opts.offline = true;
    let report4 = batch::run_batch(&sources, &test_config(), &opts)
        .expect("offline run")
        .report;
    for p in good {
        let d = doc(&report4, &srv.url(p));
        assert!(matches!(d.status, Status::Success | Status::Partial), "{p}");
    }
    assert_eq!(code(doc(&report4, &srv.url("/loop"))), Some("not_cached"));
}

#[test]
fn local_rerun_keeps_every_record_and_leaves_the_folder_byte_identical() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let sources = local_sources();
    let r1 = run(&sources, &out);
    check_output(&out);
    assert_eq!(r1.report.totals.failure, 0, "{:?}", r1.report);
    assert_eq!(r1.report.totals.documents, sources.len());
    assert_eq!(r1.summary.extracted, sources.len());
    let before = all_files(&out);
    let r2 = run(&sources, &out);
    assert_eq!(r2.summary.kept, sources.len(), "{:?}", r2.summary);
    assert_eq!(r2.summary.extracted, 0);
    assert_eq!(r2.report, r1.report);
    // Every file, report and release tables included.
    assert_eq!(all_files(&out), before);
}

#[test]
fn three_shards_merged_equal_one_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let sources = local_sources();
    let whole = tmp.path().join("whole");
    run(&sources, &whole);
    let mut dirs = Vec::new();
    let mut total = 0;
    for k in 1..=3 {
        let dir = tmp.path().join(format!("shard{k}"));
        let mut opts = RunOptions::new(&dir);
        opts.shard = Some(format!("{k}/3").parse().expect("shard"));
        let r = batch::run_batch(&sources, &test_config(), &opts).expect("shard run");
        total += r.report.totals.documents;
        dirs.push(dir);
    }
    assert_eq!(total, sources.len());
    let merged = tmp.path().join("merged");
    batch::merge(&dirs, &merged, Some(&Default::default())).expect("merge");
    check_output(&merged);
    assert_eq!(all_files(&merged), all_files(&whole));
}

/// Many distinct local notices (ids and bytes differ) for the CLI tests.
fn many_inputs(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let base = std::fs::read_to_string(format!("{FIXTURES}/text/binjiang-2025-source.txt"))
        .expect("fixture");
    for i in 0..n {
        std::fs::write(
            dir.join(format!("n{i:04}.txt")),
            format!("{base}\n第{i}号\n"),
        )
        .expect("write");
    }
}

/// Inputs of the kill test: enough that a loaded machine still kills the
/// run well before its end (400 once let a starved watcher miss the window).
const KILL_INPUTS: usize = 800;

#[test]
fn kill_9_mid_run_then_rerun_matches_an_uninterrupted_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let inputs = tmp.path().join("in");
    many_inputs(&inputs, KILL_INPUTS);
    let killed = tmp.path().join("killed");
    let mut child = Command::new(BIN)
        .args(["run", "-j", "1", "--out"])
        .arg(&killed)
        .arg(&inputs)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Kill once some records are written, well before the end.
    let t = Instant::now();
    let notices = killed.join("notices");
    // Count records under their final names only: a temp file being
    // written is hidden, and counting it let the kill land at 19 records.
    let finished = |dir: &std::path::Path| {
        std::fs::read_dir(dir).map_or(0, |d| {
            d.flatten()
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .count()
        })
    };
    while finished(&notices) < 20 {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "run made no progress"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().expect("kill -9"); // SIGKILL on Unix
    child.wait().expect("wait");
    // Whatever is there under a final name is complete JSON.
    let mut complete = 0;
    for e in std::fs::read_dir(&notices).expect("notices") {
        let e = e.expect("entry");
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue; // a temp file: hidden, removed by the next run
        }
        assert!(name.ends_with(".json"), "{name}");
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(e.path()).expect("read")).expect(&name);
        validate_value(&v).expect("complete record");
        complete += 1;
    }
    assert!((20..KILL_INPUTS).contains(&complete), "{complete} records");
    assert!(
        !killed.join("report.json").exists(),
        "killed before the end"
    );

    let status = Command::new(BIN)
        .args(["run", "--out"])
        .arg(&killed)
        .arg(&inputs)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("rerun");
    assert_eq!(status.code(), Some(0));
    let whole = tmp.path().join("whole");
    let status = Command::new(BIN)
        .args(["run", "--out"])
        .arg(&whole)
        .arg(&inputs)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run");
    assert_eq!(status.code(), Some(0));
    assert_eq!(all_files(&killed), all_files(&whole));
    let leftovers: Vec<_> = std::fs::read_dir(&notices)
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
}

#[test]
fn exit_status_0_1_2() {
    let tmp = tempfile::tempdir().expect("tmp");
    let inputs = tmp.path().join("in");
    many_inputs(&inputs, 2);
    let run = |args: &[&str]| {
        Command::new(BIN)
            .arg("run")
            .args(args)
            .current_dir(tmp.path())
            .output()
            .expect("run")
    };
    let ok = run(&["--out", "o0", "in"]);
    assert_eq!(ok.status.code(), Some(0));

    let broken = format!("{FIXTURES}/broken/binjiang-2025-scanned.pdf");
    // The scan fails only without OCR (tests/ocr.rs reads it with OCR).
    let one = run(&["--out", "o1", "--ocr", "off", "in", &broken]);
    assert_eq!(one.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&one.stderr);
    assert_eq!(
        stderr.lines().filter(|l| l.contains("scanned.pdf")).count(),
        1,
        "one line per failed document: {stderr}"
    );
    let tolerated = run(&[
        "--out",
        "o2",
        "--ocr",
        "off",
        "--max-failures",
        "1",
        "in",
        &broken,
    ]);
    assert_eq!(tolerated.status.code(), Some(0));

    std::fs::write(tmp.path().join("file"), "x").expect("write");
    assert_eq!(run(&["--out", "file", "in"]).status.code(), Some(2));
    assert_eq!(
        run(&["--out", "o3", "--manifest", "no-such-list"])
            .status
            .code(),
        Some(2)
    );
    // No inputs and no fixtures/ here: a clear refusal.
    let none = run(&["--out", "o4"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("fixtures/text"));
}

#[test]
fn every_file_a_run_writes_has_one_mode() {
    use std::os::unix::fs::PermissionsExt as _;
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    run(&local_sources(), &out);
    let mut modes = BTreeMap::new();
    for e in walkdir::WalkDir::new(&out) {
        let e = e.expect("entry");
        if e.file_type().is_file() {
            let mode = e.metadata().expect("meta").permissions().mode() & 0o777;
            modes.insert(e.path().to_string_lossy().to_string(), mode);
        }
    }
    let first = *modes.values().next().expect("files");
    assert!(
        modes.values().all(|&m| m == first),
        "modes differ: {modes:#?}"
    );
    // 0644 minus the umask (read, not set: umask(2) is process-wide).
    let status = std::fs::read_to_string("/proc/self/status").expect("status");
    let umask = status
        .lines()
        .find_map(|l| l.strip_prefix("Umask:"))
        .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        .expect("Umask line");
    assert_eq!(first, 0o644 & !umask, "{first:o}");
    assert!(modes.len() > 10, "{}", modes.len());
}

/// Inputs of the folder-lock test: enough that the first run is still
/// going when the second starts on a loaded machine (300 once let the
/// first finish while the second, starved by the other tests' processes,
/// was starting).
const LOCK_INPUTS: usize = 1500;

#[test]
fn a_second_run_on_a_folder_in_use_is_refused_at_once_and_the_first_finishes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let inputs = tmp.path().join("in");
    many_inputs(&inputs, LOCK_INPUTS);
    let out = tmp.path().join("out");
    let mut first = Command::new(BIN)
        .args(["run", "-j", "1", "--out"])
        .arg(&out)
        .arg(&inputs)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let t = Instant::now();
    while std::fs::read_dir(out.join("notices")).map_or(0, |d| d.count()) < 5 {
        assert!(t.elapsed() < Duration::from_secs(60), "no progress");
        std::thread::sleep(Duration::from_millis(10));
    }
    let second = Command::new(BIN)
        .args(["run", "--out"])
        .arg(&out)
        .arg(&inputs)
        .output()
        .expect("second run");
    assert_eq!(second.status.code(), Some(2));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains("in use by another run"), "{err}");
    assert_eq!(first.wait().expect("first").code(), Some(0));
    let report = check_output(&out);
    assert_eq!(report.totals.success, LOCK_INPUTS);
}

#[test]
fn merge_refuses_an_id_that_would_leave_the_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let shard = tmp.path().join("shard");
    run(&local_sources()[..2], &shard);
    let path = shard.join("report.json");
    let mut report: Report =
        serde_json::from_slice(&std::fs::read(&path).expect("report")).expect("json");
    report.documents[0].id = "../../escaped".into();
    std::fs::write(&path, report.to_json()).expect("write");
    let merged = tmp.path().join("merged");
    let e = batch::merge(&[shard], &merged, None).expect_err("refused");
    assert!(e.to_string().contains("not a record id"), "{e}");
    assert!(!tmp.path().join("escaped.json").exists());
}

// Issue 16, parts 1, 3, 4: a page's attachments are followed on its site.
#[test]
fn attachments_are_fetched_as_linked_records_and_a_rerun_keeps_them_all() {
    let srv = Server::start();
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let page_url = srv.url("/site/binjiang.html");
    let only_url = srv.url("/site/only.html");
    let sources = vec![Source::new(&page_url), Source::new(&only_url)];
    let mut cfg = test_config();
    cfg.fetch.max_bytes = 8 << 20;
    let opts = RunOptions::new(&out);
    let t = Instant::now();
    let r1 = batch::run_batch(&sources, &cfg, &opts).expect("run proceeds");
    let first_ms = t.elapsed().as_millis();
    let report = check_output(&out);
    assert_eq!(report, r1.report);
    let load = |id: &str| -> serde_json::Value {
        serde_json::from_slice(
            &std::fs::read(out.join("notices").join(format!("{id}.json"))).expect("record"),
        )
        .expect("json")
    };

    // The page: its record lists every link; the three fetched ones with
    // their record's id and media type.
    let page = doc(&report, &page_url);
    assert_eq!(page.status, Status::Success, "{page:?}");
    let rec = load(&page.id);
    let atts = rec["attachments"].as_array().expect("attachments");
    let by_text = |t: &str| {
        atts.iter()
            .find(|a| a["text"].as_str().is_some_and(|x| x.contains(t)))
            .unwrap_or_else(|| panic!("no attachment {t}: {atts:?}"))
    };
    let pdf = by_text("政策(2025年版)的通知(1).pdf");
    let xlsx = by_text("任务分表");
    let docx = by_text("数字经济");
    let missing = by_text("实施细则");
    assert_eq!(pdf["media_type"], "application/pdf");
    assert_eq!(
        xlsx["media_type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        docx["media_type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert!(missing.get("id").is_none() && missing.get("media_type").is_none());
    // The PDF is the notice's original (same 文號); the two others are not.
    assert_eq!(rec["original"], pdf["id"]);
    assert!(rec.get("text_from").is_none());
    // The page and its PDF say the same (checked by hand: 46 clauses,
    // the same figures and units), so no `original_differs`.
    assert!(
        !rec["warnings"].to_string().contains("original_differs"),
        "{}",
        rec["warnings"]
    );
    let not_followed: Vec<&str> = rec["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter(|w| w["code"] == "attachment_not_followed")
        .map(|w| w["message"].as_str().expect("message"))
        .collect();
    assert_eq!(not_followed.len(), 2, "{not_followed:?}");
    assert!(
        not_followed[0].contains("example.com")
            && not_followed[0].contains("not on the page's site")
    );
    assert!(
        not_followed[1].contains("file:///etc/passwd") && not_followed[1].contains("scheme file")
    );

    // Each fetched attachment is a record of its own naming the page.
    for a in [pdf, xlsx, docx] {
        let id = a["id"].as_str().expect("id");
        let d = report
            .documents
            .iter()
            .find(|d| d.id == id)
            .expect("in report");
        assert_eq!(d.parent.as_deref(), Some(page.id.as_str()));
        assert_eq!(d.status, Status::Success, "{d:?}");
        assert_eq!(load(id)["parent"], page.id.as_str());
    }
    assert!(
        load(pdf["id"].as_str().expect("id"))["clauses"]
            .as_array()
            .expect("clauses")
            .len()
            > 40
    );
    // The broken link: its own entry, a specific error, the page's id.
    let broken = doc(&report, &srv.url("/site/files/missing.ofd"));
    assert_eq!(broken.status, Status::Failure);
    assert_eq!(code(broken), Some("http_status"));
    assert_eq!(broken.http_status, Some(404));
    assert_eq!(broken.parent.as_deref(), Some(page.id.as_str()));
    // Nothing was asked of another host.
    assert!(srv.requests("/x.pdf").is_empty());

    // The page that is only a link takes its text from the Word original.
    let only = doc(&report, &only_url);
    let orec = load(&only.id);
    let word = orec["attachments"][0]["id"].as_str().expect("fetched");
    assert_eq!(orec["original"], word);
    assert_eq!(orec["text_from"], word);
    let wrec = load(word);
    assert_eq!(orec["clauses"], wrec["clauses"]);
    assert_eq!(orec["text"], wrec["text"]);
    assert_eq!(orec["clauses"].as_array().expect("clauses").len(), 15);
    assert_eq!(orec["doc_number"], "国发〔2018〕39号");
    assert_eq!(report.totals.documents, 2 + 4 + 1);
    assert_eq!(report.totals.failure, 1);

    // A rerun: every document unchanged (304s), the folder byte for byte.
    let before = all_files(&out);
    let t = Instant::now();
    let r2 = batch::run_batch(&sources, &cfg, &opts).expect("run proceeds");
    let second_ms = t.elapsed().as_millis();
    assert_eq!(r2.summary.extracted, 0, "{:?}", r2.summary);
    assert_eq!(r2.summary.kept, 6, "{:?}", r2.summary);
    assert_eq!(r2.summary.not_modified, 6, "{:?}", r2.summary);
    assert_eq!(r2.report, r1.report);
    assert_eq!(all_files(&out), before);
    let asked = srv.requests("/site/files/renwu-fenbiao.xlsx");
    assert_eq!(asked.len(), 2);
    assert!(asked[1].headers.contains_key("if-none-match"));
    eprintln!("attachments: first run {first_ms} ms, rerun {second_ms} ms");
}

#[test]
fn attachments_list_and_none_fetch_nothing() {
    let srv = Server::start();
    let tmp = tempfile::tempdir().expect("tmp");
    for (mode, listed) in [
        (batch::AttachmentMode::List, true),
        (batch::AttachmentMode::None, false),
    ] {
        let out = tmp.path().join(format!("{mode:?}"));
        let page_url = srv.url("/site/only.html");
        let mut opts = RunOptions::new(&out);
        opts.attachments.mode = mode;
        let r = batch::run_batch(&[Source::new(&page_url)], &test_config(), &opts)
            .expect("run proceeds");
        assert_eq!(r.report.totals.documents, 1, "{mode:?}");
        let id = &r.report.documents[0].id;
        let rec: serde_json::Value = serde_json::from_slice(
            &std::fs::read(out.join("notices").join(format!("{id}.json"))).expect("record"),
        )
        .expect("json");
        assert_eq!(
            rec["attachments"].as_array().expect("list").len(),
            usize::from(listed)
        );
        assert!(rec.get("original").is_none());
    }
    assert!(srv.requests("/site/files/guofa-39.docx").is_empty());
}

/// A rerun that keeps some records (their file read back for the tables)
/// and makes others anew (their rows taken as they were written) gives the
/// records, `notices.ndjson` and tables a fresh run on the same inputs
/// gives.
#[test]
fn a_rerun_keeping_some_records_writes_what_a_fresh_run_writes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    for f in [
        "govcn-2018-guofa-39.html",
        "jx-2020-kaifaqu.html",
        "jx-2020-qiangshijian.html",
    ] {
        std::fs::copy(format!("{FIXTURES}/html/{f}"), input.join(f)).expect("copy");
    }
    let sources = || collect_sources(&[input.to_string_lossy().into_owned()], None).expect("src");
    let rerun = tmp.path().join("rerun");
    run(&sources(), &rerun);
    let changed = input.join("jx-2020-kaifaqu.html");
    let mut page = std::fs::read(&changed).expect("read");
    page.extend_from_slice("<p>第九条 本办法自发布之日起施行。</p>\n".as_bytes());
    std::fs::write(&changed, page).expect("write");
    let r = run(&sources(), &rerun);
    assert_eq!(
        (r.summary.kept, r.summary.extracted),
        (2, 1),
        "{:?}",
        r.summary
    );
    let fresh = tmp.path().join("fresh");
    run(&sources(), &fresh);
    // What changed since the last run, the report (which counts the kept
    // records as unchanged) and the package hashing them differ.
    let (a, b) = (all_files(&rerun), all_files(&fresh));
    let compared = |name: &String| {
        !name.starts_with("changes.") && name != "report.json" && name != "datapackage.json"
    };
    let names: Vec<&String> = a.keys().filter(|n| compared(n)).collect();
    assert_eq!(names, b.keys().filter(|n| compared(n)).collect::<Vec<_>>());
    let differing: Vec<&&String> = names.iter().filter(|n| a[**n] != b[**n]).collect();
    assert!(differing.is_empty(), "{differing:?}");
}
