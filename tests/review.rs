//! Review pages in a real browser.
//!
//! `notice-extract review` is run on the bundled run (`output/`, every
//! fixture's record) and on a hostile record; headless Chromium (Debian's
//! `chromium`, installed by `.ci/run`) loads each page from `file://` and
//! prints its DOM after scripts ran (`--dump-dom`). From that DOM the tests
//! check that every highlighted element's text is exactly the record's
//! `text[span]` (amounts, percentages, clauses, sections), that the text of
//! the page is the record's text, that the index sorts and filters, and
//! that a hostile notice's markup is shown as text and never runs. The seed
//! notice's page is photographed into `target/tmp/review/seed.png` (printed;
//! an artefact to look at, not compared pixel by pixel).
//!
//! Without Chromium these tests fail, naming the package: they never pass
//! by skipping.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use notice_extract::model::{
    Amount, Attachment, Bound, Clause, Notice, Percentage, PercentagePoint, PercentageUnit,
    Section, Source, Span, Table, Warning, SCHEMA_VERSION,
};
use scraper::{ElementRef, Html, Node, Selector};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_notice-extract"));
    c.current_dir(root());
    c
}

/// The Chromium executable: `$CHROMIUM`, else `chromium` on the PATH.
fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return PathBuf::from(p);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            let p = dir.join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!(
        "headless Chromium is needed by the review tests and is not installed: \
         install the Debian package `chromium` (apt-get install -y chromium; .ci/run does), \
         or set CHROMIUM to its path"
    );
}

/// Longest a page may take to load and print.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(120);

/// Runs headless Chromium on `url` with `args` (a fresh profile each time,
/// so runs in parallel do not share one), returning stdout.
fn browse(url: &str, args: &[&str]) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    // The background-networking flags keep Chromium from trying to reach
    // Google services, which a closed network refuses (and which would
    // slow every run).
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium().display()));
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).map(|_| s)
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "chromium {url}: {status}");
            break;
        }
        if start.elapsed() > BROWSER_TIMEOUT {
            let _ = child.kill();
            panic!("chromium took over {BROWSER_TIMEOUT:?} on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().expect("reader").expect("utf-8 DOM")
}

fn file_url(path: &Path) -> String {
    let abs = path.canonicalize().expect("page exists");
    format!("file://{}", abs.display())
}

/// The DOM of a page after its scripts ran.
fn dump_dom(url: &str) -> Html {
    let dom = browse(url, &["--dump-dom"]);
    assert!(
        dom.contains("</html>"),
        "no DOM printed for {url}: {dom:.200}"
    );
    Html::parse_document(&dom)
}

fn select<'a>(dom: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    dom.select(&Selector::parse(css).expect("selector"))
        .collect()
}

/// An element's text less its `data-chrome` parts (labels the page adds).
fn doc_text(el: ElementRef) -> String {
    fn walk(node: ego_tree::NodeRef<Node>, out: &mut String) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if e.attr("data-chrome").is_some() => {}
                Node::Element(_) => walk(child, out),
                _ => {}
            }
        }
    }
    let mut s = String::new();
    walk(*el, &mut s);
    s
}

fn at(text: &str, span: Span) -> String {
    text.chars().skip(span[0]).take(span[1] - span[0]).collect()
}

/// How many marked elements of each kind a page check compared.
#[derive(Debug, Default, Clone, Copy)]
struct Checked {
    amounts: usize,
    percentages: usize,
    points: usize,
    clauses: usize,
    sections: usize,
    elements: usize,
}

/// Checks a notice page's DOM against its record: every `data-ref`
/// element (fragments joined in document order) holds exactly
/// `shown(text[span])`, every amount, percentage, clause and section has
/// one, and the text of `div.doc` is the whole record text.
fn check_page(dom: &Html, n: &Notice, shown: impl Fn(&str) -> String) -> Checked {
    let mut got: HashMap<String, String> = HashMap::new();
    let mut checked = Checked::default();
    for el in select(dom, "[data-ref]") {
        let r = el.value().attr("data-ref").expect("data-ref").to_string();
        got.entry(r).or_default().push_str(&doc_text(el));
        checked.elements += 1;
    }
    let expect = |path: String, span: Span, count: &mut usize| {
        let want = shown(&at(&n.text, span));
        let have = got
            .get(&path)
            .unwrap_or_else(|| panic!("{}: no element marks {path}", n.id));
        assert_eq!(have, &want, "{}: {path} marks other characters", n.id);
        *count += 1;
    };
    for (i, a) in n.amounts.iter().enumerate() {
        expect(format!("/amounts/{i}"), a.span, &mut checked.amounts);
    }
    // A point is marked once, as a percentage point (below).
    for (i, p) in n
        .percentages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.is_point())
    {
        expect(
            format!("/percentages/{i}"),
            p.span,
            &mut checked.percentages,
        );
    }
    for (i, p) in n.percentage_points.iter().enumerate() {
        expect(
            format!("/percentage_points/{i}"),
            p.span,
            &mut checked.points,
        );
    }
    for (i, c) in n.clauses.iter().enumerate() {
        expect(format!("/clauses/{i}"), c.span, &mut checked.clauses);
    }
    for (i, s) in n.sections.iter().enumerate() {
        expect(format!("/sections/{i}"), s.span, &mut checked.sections);
    }
    let marked = n.amounts.len()
        + n.percentages.iter().filter(|p| !p.is_point()).count()
        + n.percentage_points.len()
        + n.clauses.len()
        + n.sections.len();
    assert_eq!(
        got.len(),
        marked,
        "{}: a data-ref that marks nothing of the record",
        n.id
    );
    let article = select(dom, "div.doc");
    assert_eq!(article.len(), 1, "{}: one div.doc", n.id);
    assert_eq!(
        doc_text(article[0]),
        shown(&n.text),
        "{}: the page's text is the record's",
        n.id
    );
    // Figures carry their bound as a class (the colour and symbol).
    for (i, a) in n.amounts.iter().enumerate() {
        let el = select(dom, &format!("#a{}", i + 1));
        assert_eq!(el.len(), 1, "{}: anchor of amounts[{i}]", n.id);
        let class = el[0].value().attr("class").unwrap_or_default();
        let bound = serde_json::to_value(a.bound).expect("bound");
        assert!(
            class
                .split(' ')
                .any(|c| c == format!("b-{}", bound.as_str().unwrap_or(""))),
            "{}: amounts[{i}] class {class}",
            n.id
        );
    }
    checked
}

/// Pages must parse without a single HTML parse error (html5ever, the
/// parser of Servo and of this crate's HTML decoding).
fn assert_parses_cleanly(path: &Path) {
    let src = std::fs::read_to_string(path).expect("page");
    let doc = Html::parse_document(&src);
    assert!(
        doc.errors.is_empty(),
        "{}: {:?}",
        path.display(),
        doc.errors
    );
}

fn records(dir: &Path) -> Vec<Notice> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("records")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| serde_json::from_slice(&std::fs::read(f).expect("record")).expect("a record"))
        .collect()
}

/// Where the tests leave what a person may want to look at.
fn artefacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("review");
    std::fs::create_dir_all(&dir).expect("artefact dir");
    dir
}

#[test]
fn the_bundled_runs_review_marks_every_figure_and_clause_on_its_characters() {
    let site = artefacts().join("site");
    let _ = std::fs::remove_dir_all(&site);
    let out = bin()
        .arg("review")
        .arg("output")
        .arg("--out")
        .arg(&site)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let notices = records(&root().join("output/notices"));
    assert!(notices.len() >= 20, "the bundled run has its records");
    // Chromium uses more than one core per page: two pages at a time.
    let work: Vec<&Notice> = notices.iter().collect();
    let results: Vec<(String, Checked)> = std::thread::scope(|s| {
        let handles: Vec<_> = work
            .chunks(work.len().div_ceil(2))
            .map(|chunk| {
                let site = &site;
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|n| {
                            let page = site.join("notices").join(format!("{}.html", n.id));
                            assert_parses_cleanly(&page);
                            let dom = dump_dom(&file_url(&page));
                            // Record text has nothing HTML must show otherwise.
                            (n.id.clone(), check_page(&dom, n, |s| s.to_string()))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("page checks"))
            .collect()
    });
    let mut total = Checked::default();
    for (id, c) in &results {
        println!(
            "{id}: {} amounts, {} percentages, {} clauses, {} sections ({} elements)",
            c.amounts, c.percentages, c.clauses, c.sections, c.elements
        );
        total.amounts += c.amounts;
        total.percentages += c.percentages;
        total.points += c.points;
        total.clauses += c.clauses;
        total.sections += c.sections;
        total.elements += c.elements;
    }
    println!(
        "checked in Chromium: {} pages, {} amounts, {} percentages, {} clauses, {} sections, {} marked elements",
        results.len(),
        total.amounts,
        total.percentages,
        total.clauses,
        total.sections,
        total.elements
    );
    assert_eq!(results.len(), notices.len());
    assert!(
        total.amounts > 300 && total.percentages > 100 && total.clauses > 300,
        "{total:?}"
    );

    // The seed's page, photographed.
    let seed = notices
        .iter()
        .find(|n| n.source.uri == "fixtures/html/binjiang-2025-page.html")
        .expect("the seed's page is in the bundled run");
    let page = site.join("notices").join(format!("{}.html", seed.id));
    let png = artefacts().join("seed.png");
    let _ = std::fs::remove_file(&png);
    let shot = format!("--screenshot={}", png.display());
    browse(&file_url(&page), &[&shot, "--window-size=1280,1600"]);
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let width = u32::from_be_bytes(bytes[16..20].try_into().expect("IHDR"));
    assert_eq!(width, 1280, "window width");
    println!(
        "seed page screenshot: {} ({} bytes)",
        png.display(),
        bytes.len()
    );
    println!("review site: {}", site.join("index.html").display());
}

#[test]
fn the_index_lists_every_document_and_sorts_and_filters_in_the_page() {
    let dir = tempfile::tempdir().expect("tmp");
    let site = dir.path().join("site");
    let out = bin()
        .arg("review")
        .arg("output")
        .arg("--out")
        .arg(&site)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = site.join("index.html");
    assert_parses_cleanly(&index);
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("output/report.json")).expect("report"))
            .expect("json");
    let documents = report["documents"].as_array().expect("documents").len();

    let rows = |dom: &Html| -> Vec<(String, bool, usize)> {
        select(dom, "#notices tbody tr")
            .iter()
            .map(|tr| {
                let id = tr
                    .value()
                    .attr("id")
                    .unwrap_or_default()
                    .trim_start_matches("row-")
                    .to_string();
                let cells: Vec<ElementRef> =
                    tr.select(&Selector::parse("td").expect("td")).collect();
                let amounts = cells[6]
                    .text()
                    .collect::<String>()
                    .trim()
                    .parse()
                    .expect("a count");
                (id, tr.value().attr("hidden").is_some(), amounts)
            })
            .collect()
    };

    let dom = dump_dom(&file_url(&index));
    assert_eq!(
        select(&dom, "#notices[data-ready]").len(),
        1,
        "the index script ran (its CSP hash lets it)"
    );
    let plain = rows(&dom);
    assert_eq!(plain.len(), documents, "one row per document of the run");
    let mut ids: Vec<&str> = plain.iter().map(|r| r.0.as_str()).collect();
    let sorted = {
        let mut s = ids.clone();
        s.sort_unstable();
        s
    };
    assert_eq!(ids, sorted, "rows in id order before any sort");
    for (id, _, amounts) in &plain {
        let n: Notice = serde_json::from_slice(
            &std::fs::read(root().join("output/notices").join(format!("{id}.json")))
                .expect("record"),
        )
        .expect("record");
        assert_eq!(*amounts, n.amounts.len(), "{id}: amounts column");
    }

    // Sorted by amounts, biggest first, from the URL's fragment.
    let dom = dump_dom(&format!("{}#sort=amounts&desc=1", file_url(&index)));
    let by_amounts: Vec<usize> = rows(&dom).iter().map(|r| r.2).collect();
    assert!(
        by_amounts.windows(2).all(|w| w[0] >= w[1]),
        "{by_amounts:?}"
    );
    assert!(by_amounts[0] > by_amounts[by_amounts.len() - 1]);
    let th = select(&dom, "th[data-key=amounts]");
    assert_eq!(th[0].value().attr("aria-sort"), Some("descending"));

    // Filtered by text: only the Jiangxi notices stay visible.
    let dom = dump_dom(&format!("{}#q=jx-2020", file_url(&index)));
    let visible: Vec<String> = rows(&dom)
        .into_iter()
        .filter(|r| !r.1)
        .map(|r| r.0)
        .collect();
    ids.retain(|id| id.contains("jx-2020"));
    assert_eq!(visible, ids);
    assert!(visible.len() >= 4, "{visible:?}");
    let shown = select(&dom, "#shown")[0].text().collect::<String>();
    assert_eq!(shown, format!("{} of {documents}", visible.len()));
}

/// Payloads that run if a page ever lets a notice's text become markup;
/// each leaves a mark on `<html>` saying where it came from.
fn payload(place: &str) -> [String; 4] {
    let act = format!("document.documentElement.setAttribute('data-pwned','{place}')");
    [
        format!("<script>{act}</script>"),
        format!("<img src=x onerror=\"{act}\">"),
        format!("\"><svg onload=\"{act}\"></svg>"),
        format!("' onmouseover='{act}' autofocus onfocus='{act}' x='"),
    ]
}

/// A record whose every string field tries to inject markup, with spans
/// over CJK and supplementary-plane characters, entity look-alikes and
/// characters HTML cannot carry (CR, NUL, DEL) at the end of the text.
fn hostile_notice() -> Notice {
    let mut text = String::new();
    let mut push = |s: &str| -> Span {
        let start = text.chars().count();
        text.push_str(s);
        [start, start + s.chars().count()]
    };
    let [t_script, t_img, ..] = payload("text");
    let title = format!(
        "关于{}</title></textarea></style>印发的通知",
        payload("title")[0]
    );
    push(&title);
    push("\n");
    let s1_start = push("一、支持<b onmouseover=\"alert(1)\">企业</b>发展（由")[0];
    let lead = format!("{}局", payload("lead")[0]);
    push(&lead);
    push("牵头实施）\n");
    let c1_start = push(&format!("（一）对{t_img}认定的企业给予最高"))[0];
    let a1 = push("100万元");
    push("奖励，𠀀𠀁补助不超过");
    let p1 = push("50%");
    let unit1 = format!("市{}局", payload("unit")[1]);
    let unit2 = format!("{}局", payload("attr")[3]);
    let c1 = [
        c1_start,
        push(&format!("。（责任单位：{unit1}、{unit2}）"))[1],
    ];
    push("\n");
    let c2_start = push(&format!("（二）{t_script}javascript:alert(1) 给予约"))[0];
    let a2 = push("20万元");
    push("支持，--><!-- 年增长");
    let p2 = push("10%");
    push("以上，<i>提高</i>");
    let pt1 = push("3个百分点");
    let end = push("以上。<!--&lt;&amp;")[1];
    let (c2, s1) = ([c2_start, end], [s1_start, end]);
    push("\n");
    let s2_start = push(&format!("二、保障{}", payload("heading")[2]))[0];
    push("\n");
    let c3_start = push("（三）${alert(1)}{{constructor.constructor('alert(1)')()}}给予")[0];
    let a3 = push("1000美元");
    let end = push("。</div></p></mark>")[1];
    let (c3, s2) = ([c3_start, end], [s2_start, end]);
    push("\n签发\r\u{0}\u{7F}尾");

    let clause = |number, section, span: Span, units: Vec<String>| Clause {
        number,
        label: ["一", "二", "三"][number as usize - 1].to_string(),
        section: Some(section),
        title: format!("<i>clause {number}</i>"),
        text: at(&text, span),
        responsible_units: units,
        lead_units: vec![],
        items: vec![],
        span,
    };
    let amount = |span: Span, value, currency: &str, bound, section, clause| Amount {
        text: at(&text, span),
        value,
        currency: currency.to_string(),
        bound,
        section: Some(section),
        clause: Some(clause),
        span,
        low_confidence: false,
    };
    let percentage = |span: Span, value, bound, clause| Percentage {
        text: at(&text, span),
        value,
        unit: PercentageUnit::Percent,
        bound,
        section: Some(1),
        clause: Some(clause),
        span,
        low_confidence: false,
    };
    Notice {
        schema_version: SCHEMA_VERSION.to_string(),
        id: "hostile-notice-000000000000".to_string(),
        source: Source {
            uri: format!(
                " JaVa\tScRiPt:{}",
                "document.documentElement.setAttribute('data-pwned','uri')"
            ),
            media_type: "text/plain".to_string(),
            sha256: "0".repeat(64),
            bytes: text.len() as u64,
            encoding: Some(payload("encoding")[0].clone()),
            encoding_source: "sniffed".to_string(),
            extractor: payload("extractor")[1].clone(),
        },
        parent: None,
        original: None,
        text_from: None,
        title: Some(title.clone()),
        policy_title: Some(payload("policy")[2].clone()),
        doc_number: Some(format!("{}〔2025〕1号", payload("doc_number")[3])),
        issuers: vec![format!(
            "<iframe srcdoc=\"<script>parent.{}</script>\"></iframe>",
            "document.documentElement.setAttribute('data-pwned','iframe')"
        )],
        recipients: vec![payload("recipients")[1].clone()],
        signed_date: Some("2025-03-01".to_string()),
        published_at: None,
        sections: vec![
            Section {
                number: 1,
                label: "一".to_string(),
                title: "支持<b onmouseover=\"alert(1)\">企业</b>发展".to_string(),
                lead_units: vec![lead.clone()],
                span: s1,
            },
            Section {
                number: 2,
                label: payload("section_label")[0].clone(),
                title: payload("section_title")[1].clone(),
                lead_units: vec![],
                span: s2,
            },
        ],
        clauses: vec![
            Clause {
                lead_units: vec![unit1.clone()],
                ..clause(1, 1, c1, vec![unit1.clone(), unit2.clone()])
            },
            clause(2, 1, c2, vec![]),
            clause(3, 2, c3, vec![payload("missing_unit")[0].clone()]),
        ],
        tables: vec![Table {
            rows: vec![
                vec!["任务".to_string(), payload("table_head")[1].clone()],
                vec![payload("table_cell")[0].clone(), "市财政局".to_string()],
            ],
            section: Some(1),
            clause: Some(1),
            span: c1,
        }],
        attachments: vec![Attachment {
            text: payload("attachment")[2].clone(),
            url: "javascript:document.documentElement.setAttribute('data-pwned','href')"
                .to_string(),
            media_type: None,
            id: None,
        }],
        amounts: vec![
            amount(a1, 1e6, "CNY", Bound::Max, 1, 1),
            amount(a2, 2e5, "CNY", Bound::Approx, 1, 2),
            amount(a3, 1000.0, "USD", Bound::Exact, 2, 3),
        ],
        percentages: vec![
            percentage(p1, 50.0, Bound::Max, 1),
            percentage(p2, 10.0, Bound::Min, 2),
        ],
        percentage_points: vec![PercentagePoint {
            text: at(&text, pt1),
            value: 3.0,
            bound: Bound::Min,
            section: Some(1),
            clause: Some(2),
            span: pt1,
            low_confidence: false,
        }],
        text,
        // A code no version emits: a record read back may hold any string.
        warnings: vec![Warning {
            code: "hostile".to_string(),
            message: payload("warning")[0].clone(),
        }],
    }
}

/// No payload ran, and none became markup: no `data-pwned` anywhere, no
/// event-handler attribute, no element a payload would add, no link to a
/// `javascript:` URL.
fn assert_nothing_injected(dom: &Html, what: &str) {
    for el in select(dom, "*") {
        for (name, value) in el.value().attrs() {
            assert_ne!(name, "data-pwned", "{what}: a payload ran ({value})");
            assert!(
                !name.starts_with("on"),
                "{what}: <{} {name}=…> injected",
                el.value().name()
            );
            assert_ne!(name, "autofocus", "{what}: an attribute injected");
        }
    }
    for tag in ["script", "img", "iframe", "b[onmouseover]", "textarea", "i"] {
        assert!(
            select(dom, &format!("body {tag}")).is_empty(),
            "{what}: a <{tag}> injected"
        );
    }
    assert!(select(dom, "svg").is_empty(), "{what}: an <svg> injected");
    assert_eq!(
        select(dom, "style").len(),
        1,
        "{what}: only the page's own style"
    );
    for a in select(dom, "a[href]") {
        let href: String = a
            .value()
            .attr("href")
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_lowercase();
        assert!(
            !href.starts_with("javascript:"),
            "{what}: a javascript: link {href}"
        );
    }
}

#[test]
fn a_hostile_notice_is_shown_as_text_and_its_script_never_runs() {
    let n = hostile_notice();
    let dir = tempfile::tempdir().expect("tmp");
    let run = dir.path().join("run");
    std::fs::create_dir_all(run.join("notices")).expect("dirs");
    let json = serde_json::to_string_pretty(&n).expect("json");
    std::fs::write(run.join("notices").join(format!("{}.json", n.id)), &json).expect("record");
    let out = bin().arg("review").arg(&run).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = run.join("review/notices").join(format!("{}.html", n.id));
    assert_parses_cleanly(&page);
    assert_parses_cleanly(&run.join("review/index.html"));

    // CR, NUL and DEL are shown as their Control Pictures, one for one.
    let shown = |s: &str| {
        s.replace('\r', "␍")
            .replace('\0', "␀")
            .replace('\u{7F}', "␡")
    };
    let dom = dump_dom(&file_url(&page));
    assert_nothing_injected(&dom, "notice page");
    let checked = check_page(&dom, &n, shown);
    assert_eq!(
        (
            checked.amounts,
            checked.percentages,
            checked.points,
            checked.clauses
        ),
        (3, 2, 1, 3)
    );
    // The markup is there, as text.
    let title = select(&dom, "title")[0].text().collect::<String>();
    assert!(
        title.starts_with(n.title.as_deref().unwrap_or_default()),
        "{title}"
    );
    assert_eq!(
        select(&dom, "h1")[0].text().collect::<String>(),
        n.title.clone().unwrap_or_default()
    );
    let body = select(&dom, "body")[0].text().collect::<String>();
    for s in [
        &n.issuers[0],
        &n.recipients[0],
        &n.warnings[0].message,
        &n.clauses[0].responsible_units[1],
        &n.tables[0].rows[1][0],
        &n.attachments[0].text,
        &n.attachments[0].url,
    ] {
        assert!(body.contains(s.as_str()), "shown as text: {s}");
    }
    assert!(
        body.contains("&lt;&amp;"),
        "entity look-alikes stay as written"
    );
    // The clause's lead unit is a lead chip beside its responsible units;
    // the table is shown cell by cell.
    let lead: Vec<String> = select(&dom, ".cmeta .chip.lead")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(lead, [n.clauses[0].lead_units[0].clone()]);
    assert_eq!(select(&dom, "table.cells td").len(), 4);
    // A source that is not a web URL is not linked.
    assert!(
        select(&dom, "a[rel=noreferrer]").is_empty(),
        "the javascript: source is not linked"
    );

    // Escaping alone holds: the same page without its Content-Security-Policy.
    let html = std::fs::read_to_string(&page).expect("page");
    let csp_start = html
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .expect("a CSP");
    let csp_end = csp_start + html[csp_start..].find('>').expect("meta end") + 1;
    let bare = dir.path().join("no-csp.html");
    std::fs::write(&bare, format!("{}{}", &html[..csp_start], &html[csp_end..])).expect("write");
    let dom = dump_dom(&file_url(&bare));
    assert_nothing_injected(&dom, "page without its CSP");

    let index = dump_dom(&file_url(&run.join("review/index.html")));
    assert_nothing_injected_but_our_script(&index);

    // The detector works: the same payloads written raw do run.
    let raw = dir.path().join("raw.html");
    let payloads: Vec<String> = payload("control").into_iter().take(2).collect();
    std::fs::write(
        &raw,
        format!(
            "<!DOCTYPE html><html><body><p>{}</p></body></html>",
            payloads.join("")
        ),
    )
    .expect("write");
    let dom = dump_dom(&file_url(&raw));
    let root_el = select(&dom, "html")[0];
    assert_eq!(
        root_el.value().attr("data-pwned"),
        Some("control"),
        "unescaped payloads run"
    );
}

/// The index has one script, its own; otherwise as for notice pages.
fn assert_nothing_injected_but_our_script(dom: &Html) {
    assert_eq!(select(dom, "script").len(), 1, "index: only its own script");
    assert_eq!(
        select(dom, "#notices[data-ready]").len(),
        1,
        "index: its script ran"
    );
    for el in select(dom, "*") {
        for (name, value) in el.value().attrs() {
            assert_ne!(name, "data-pwned", "index: a payload ran ({value})");
            assert!(!name.starts_with("on"), "index: an event handler injected");
        }
    }
    assert!(
        select(dom, "body img, body iframe").is_empty(),
        "index: an element injected"
    );
}

#[test]
fn records_of_another_schema_version_fail_clearly_and_the_rest_is_reviewed() {
    let dir = tempfile::tempdir().expect("tmp");
    let run = dir.path().join("run");
    std::fs::create_dir_all(run.join("notices")).expect("dirs");
    let good = hostile_notice();
    std::fs::write(
        run.join("notices").join(format!("{}.json", good.id)),
        serde_json::to_string(&good).expect("json"),
    )
    .expect("write");
    let mut newer = serde_json::to_value(&good).expect("json");
    newer["id"] = "newer-000000000000".into();
    newer["schema_version"] = "4.2.0".into();
    newer["tables"] = serde_json::json!([]);
    std::fs::write(
        run.join("notices/newer-000000000000.json"),
        newer.to_string(),
    )
    .expect("write");
    std::fs::write(
        run.join("notices/broken-000000000000.json"),
        "{\"schema_version\": ",
    )
    .expect("write");

    // The run's report: the good record succeeded, one document failed.
    let doc = |id: &str, status: &str, error: serde_json::Value| {
        serde_json::json!({
            "input": format!("in/{id}.html"), "id": id, "status": status, "error": error,
            "lost_content": [], "http_status": null, "bytes": 1, "sha256": null,
            "warnings": 0, "stale_record": false
        })
    };
    let report = serde_json::json!({
        "schema_version": notice_extract::batch::REPORT_SCHEMA_VERSION, "tool_version": "0.1.0", "extractor_version": "0.1.0+schema.1.0.0",
        "totals": {"documents": 2, "success": 1, "partial": 0, "failure": 1, "unchanged": 0, "skipped": 0},
        "documents": [
            doc("failed-doc-000000000000", "failure",
                serde_json::json!({"code": "http_timeout", "stage": "fetch", "message": "timed out after 60 s"})),
            doc(&good.id, "success", serde_json::Value::Null),
        ]
    });
    std::fs::write(run.join("report.json"), report.to_string()).expect("write");

    let out = bin().arg("review").arg(&run).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("newer-000000000000.json"))
        .unwrap_or_else(|| panic!("a line names the newer record: {err}"));
    assert!(
        line.contains("schema_version")
            && line.contains("4.2.0")
            && line.contains(SCHEMA_VERSION)
            && line.contains("newer notice-extract"),
        "{line}"
    );
    assert!(
        err.lines()
            .any(|l| l.contains("broken-000000000000.json") && l.contains("not_json")),
        "{err}"
    );
    let pages = run.join("review/notices");
    assert!(
        pages.join(format!("{}.html", good.id)).is_file(),
        "the good record is reviewed"
    );
    assert!(
        !pages.join("newer-000000000000.html").exists(),
        "no page rendered from a 4.2.0 record"
    );
    let index = std::fs::read_to_string(run.join("review/index.html")).expect("index");
    assert!(
        index.contains("row-newer-000000000000") && index.contains("unreadable"),
        "listed in the index"
    );
    let failed = &index[index
        .find("id=\"row-failed-doc-000000000000\"")
        .expect("the failed document's row")..];
    let failed = &failed[..failed.find("</tr>").expect("row end")];
    assert!(
        failed.contains("class=\"failed\"")
            && failed.contains("failure")
            && failed.contains("http_timeout"),
        "{failed}"
    );
    let ok = &index[index
        .find(&format!("id=\"row-{}\"", good.id))
        .expect("the good row")..];
    assert!(ok[..ok.find("</tr>").expect("row end")].contains("status success"));

    // Record files one by one need --out; a folder that is not a run is refused.
    let one = run.join("notices").join(format!("{}.json", good.id));
    let out = bin().arg("review").arg(&one).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out"));
    let site = dir.path().join("one");
    let out = bin()
        .arg("review")
        .arg(&one)
        .arg("--out")
        .arg(&site)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(site.join("notices").join(format!("{}.html", good.id)))
        .expect("page");
    assert!(
        page.contains("href=\"../../run/notices/hostile-notice-000000000000.json\""),
        "record linked relatively"
    );
    let out = bin().arg("review").arg(dir.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no notices/ folder"));
    let missing = dir.path().join("no-such-run");
    let out = bin().arg("review").arg(&missing).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file or folder"));
    assert!(!missing.exists(), "nothing created for a missing input");
}
