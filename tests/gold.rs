//! Every hand-checked answer in `fixtures/gold/` against every rendering it
//! lists, scored field by field as `score.py` scores (`common::score`).
//!
//! Each field of each gold must reach its floor: 1.000 unless [`FLOORS`]
//! pins a lower one, with the reason. Lowering a floor is a deliberate act.
//! A gold whose fixture no reader can open yet (a `.docx` before the office
//! reader) is skipped by name — printed, and pinned in [`UNREADABLE`] so a
//! fixture that stops reading fails instead of going quiet.
//!
//! `cargo test --test gold -- --nocapture` prints the per-field F1 table.

use crate::common;

use common::score::{score, FIELDS};
use common::{extract_fixture, root};

/// Floors below 1.000: (gold, field, floor, why). Sections, clauses and
/// responsible units are held to 1.000 on every gold (the issue asks 0.98);
/// what stays below is in other stages' fields.
const FLOORS: &[(&str, &str, f64, &str)] = &[
    // Entities (issue 11): a bound the amount parser does not read yet.
    (
        "liuhe-2023-zhongdian-chanye",
        "amounts",
        0.984,
        "one `300万元以上` floor read exact",
    ),
    (
        "liuhe-zhongdian-chanye-msonormal",
        "amounts",
        0.983,
        "one `1000万元` floor missed",
    ),
    (
        "luohu-2026-aiopc",
        "amounts",
        0.968,
        "`不超过100万` (no 元) is money, not read",
    ),
    // Header: a re-rendering site's info bar shows a bare date with no
    // label; reading unlabelled dates from page chrome is not done.
    (
        "ningbo-2026-aiopc",
        "published_at",
        0.0,
        "bare `2026-04-20` in the page's source bar",
    ),
    (
        "wuhan-2026-aiopc",
        "published_at",
        0.0,
        "bare `2026-02-13` in the page's source bar",
    ),
];

/// Golds whose fixtures cannot be read on this branch: (gold, fixture).
/// Empty since the office reader (issue 16): every rendering is scored.
const UNREADABLE: &[(&str, &str)] = &[];

/// Renderings that state no publication time besides PDFs: a page saved as
/// Word keeps its text, not its `PubDate` meta tags.
const NO_PUBLICATION: &[&str] = &["docx/jx-2020-kaifaqu.docx", "docx/jx-2020-kaifaqu.doc"];

/// The seed's renderings (its gold predates the `fixtures` key); a PDF and
/// its text dump state no publication time.
const SEED: &[(&str, bool)] = &[
    ("text/binjiang-2025-source.txt", true),
    ("html/binjiang-2025-page.html", true),
    ("text/binjiang-2025-simplified.txt", true),
    ("text/binjiang-2025-fullwidth.txt", true),
    ("text/binjiang-2025-pdftotext.txt", false),
    ("pdf/binjiang-2025-original.pdf", false),
];

fn floor(gold: &str, field: &str) -> f64 {
    FLOORS
        .iter()
        .find(|(g, f, _, _)| *g == gold && *f == field)
        .map_or(1.0, |f| f.2)
}

#[test]
fn every_gold_fixture_reaches_its_floor() {
    let mut golds: Vec<_> = common::fixture_files("gold")
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    golds.sort();
    let mut failures = Vec::new();
    let mut skipped = Vec::new();
    let mut scored = 0;
    let mut kinds = std::collections::BTreeMap::new();
    println!(
        "{:<34} {:<40} {}",
        "gold",
        "fixture",
        FIELDS
            .iter()
            .map(|f| format!("{:>8}", &f[..f.len().min(8)]))
            .collect::<String>()
    );
    for path in golds {
        let name = path
            .file_name()
            .expect("file")
            .to_string_lossy()
            .trim_end_matches(".gold.json")
            .to_string();
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("gold readable"))
                .expect("gold is JSON");
        let renderings: Vec<(String, bool)> = match gold["fixtures"].as_array() {
            Some(list) => list
                .iter()
                .filter_map(|f| f.as_str())
                .map(|f| {
                    (
                        f.to_string(),
                        !f.starts_with("pdf/") && !NO_PUBLICATION.contains(&f),
                    )
                })
                .collect(),
            None if name == "binjiang-2025" => {
                SEED.iter().map(|(f, p)| (f.to_string(), *p)).collect()
            }
            None => {
                failures.push(format!("{name}: no `fixtures` key"));
                continue;
            }
        };
        for (fixture, published) in renderings {
            let record = match extract_fixture(&root().join("fixtures").join(&fixture)) {
                Ok(r) => r,
                Err(e) if e.code() == "unknown_format" => {
                    skipped.push((name.clone(), fixture.clone()));
                    println!(
                        "{name:<34} {fixture:<40} SKIPPED: no reader for this format yet ({e})"
                    );
                    continue;
                }
                Err(e) => {
                    failures.push(format!("{name} {fixture}: extraction failed: {e}"));
                    continue;
                }
            };
            scored += 1;
            if let Some((kind, _)) = fixture.split_once('/') {
                *kinds.entry(kind.to_string()).or_insert(0usize) += 1;
            }
            let scores = score(&gold, &record);
            println!(
                "{name:<34} {fixture:<40} {}",
                scores
                    .iter()
                    .map(|s| if s.name == "published_at" && !published {
                        format!("{:>8}", "-")
                    } else {
                        format!("{:>8.3}", s.f1)
                    })
                    .collect::<String>()
            );
            for s in scores {
                if s.name == "published_at" && !published {
                    continue;
                }
                let min = floor(&name, s.name);
                // A floor is written to three places: 0.556 holds 0.5556.
                if s.f1 + 5e-4 < min {
                    failures.push(format!(
                        "{name} {fixture}: {} F1={:.3} below {min:.3}; missing {:?}; extra {:?}",
                        s.name,
                        s.f1,
                        &s.missing[..s.missing.len().min(4)],
                        &s.extra[..s.extra.len().min(4)]
                    ));
                }
            }
        }
    }
    let expected: Vec<(String, String)> = UNREADABLE
        .iter()
        .map(|(g, f)| (g.to_string(), f.to_string()))
        .collect();
    assert_eq!(
        skipped, expected,
        "the golds skipped for want of a reader changed (a reader landed? pin its floors)"
    );
    assert!(scored >= 30, "only {scored} renderings scored");
    // Issue 16: a Word notice, a task workbook in both formats and an OFD
    // are scored, each field held to 1.000 unless a floor says otherwise.
    for (kind, least) in [("docx", 4), ("xlsx", 2), ("ofd", 1)] {
        let n = kinds.get(kind).copied().unwrap_or(0);
        assert!(n >= least, "{n} {kind} renderings scored, want {least}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The scorer port agrees with score.py on the cases its folding exists
/// for: full-width, traditional, white space, multisets.
#[test]
fn the_scorer_folds_as_score_py_does() {
    use common::score::fold;
    assert_eq!(fold("（責任單位：科技局） ３０％"), "(责任单位:科技局)30%");
    assert_eq!(fold("«規定»"), "《规定》");
    let gold: serde_json::Value = serde_json::from_str(
        r#"{"title":"關於某某的通知","sections":[],"clauses":[],"amounts":[],"percentages":[]}"#,
    )
    .expect("json");
    let record = extract_fixture(&root().join("fixtures/text/binjiang-2025-source.txt"))
        .expect("seed extracts");
    let by_name = |name: &str| {
        score(&gold, &record)
            .into_iter()
            .find(|s| s.name == name)
            .expect("field")
    };
    assert_eq!(by_name("title").f1, 0.0);
    // Extra sections against an empty gold list: precision 0, recall 1.
    let s = by_name("sections");
    assert_eq!((s.precision, s.recall), (0.0, 1.0));
}
