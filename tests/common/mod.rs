//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod score;

use std::path::{Path, PathBuf};

use notice_extract::decode::normalize::fold;
use notice_extract::fetch::RawDocument;
use notice_extract::{extract, Config, DocError, Notice};

/// The repository root (where `fixtures/` is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files of `fixtures/<sub>`, sorted by name.
pub fn fixture_files(sub: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures").join(sub))
        .unwrap_or_else(|e| panic!("fixtures/{sub}: {e}"))
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// A fixture path relative to the repository root, `/`-separated, so ids and
/// `source.uri` do not depend on where the repository is checked out.
pub fn relative(path: &Path) -> String {
    let rel = path.strip_prefix(root()).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Extracts a fixture, naming it by its relative path.
pub fn extract_fixture(path: &Path) -> Result<Notice, DocError> {
    let bytes = std::fs::read(path).expect("fixture is readable");
    let raw = RawDocument::from_bytes(&relative(path), bytes);
    extract(&raw, &config())
}

/// Checks a fixture's record against the one the bundled run committed in
/// `output/notices/<id>.json`, byte for byte as the run writes it. On a
/// difference it names the first differing line and how to regenerate.
pub fn assert_matches_committed_record(record: &Notice) {
    let rel = format!("output/notices/{}.json", record.id);
    let regenerate = "if the change is intended: `rm -rf output && cargo run --release -- \
         run --out output`, then review `git diff output/` and commit it";
    let committed = std::fs::read_to_string(root().join(&rel)).unwrap_or_else(|e| {
        panic!("{rel}: {e}: the bundled run has no record for this fixture; {regenerate}")
    });
    let actual = notice_extract::output::json::to_pretty(record);
    if actual == committed {
        return;
    }
    let (a, c): (Vec<&str>, Vec<&str>) = (actual.lines().collect(), committed.lines().collect());
    let at = a
        .iter()
        .zip(&c)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(c.len()));
    let show = |lines: &[&str]| {
        lines
            .iter()
            .skip(at)
            .take(3)
            .copied()
            .collect::<Vec<_>>()
            .join("\n")
    };
    panic!(
        "{rel} differs from this extraction at line {}:\n--- committed\n{}\n+++ extracted\n{}\n{regenerate}",
        at + 1,
        show(&c),
        show(&a),
    );
}

/// The configuration tests run with: PDFs go through the real worker binary
/// when the pipeline supports one.
pub fn config() -> Config {
    let mut cfg = Config::default();
    cfg.decode.pdf.worker = Some(PathBuf::from(env!("CARGO_BIN_EXE_notice-extract")));
    cfg
}

/// Folds a string the way the gold scorer does: NFKC-like width folding,
/// traditional to simplified, white space dropped.
pub fn key(s: &str) -> String {
    fold(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// The gold answer of the seed notice.
pub fn gold() -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("fixtures/gold/binjiang-2025.gold.json"))
        .expect("gold file");
    serde_json::from_str(&text).expect("gold is JSON")
}

/// Compares a record's structure fields with the seed's gold answer; returns
/// the list of differences (empty when every field matches).
pub fn structure_differences(
    n: &Notice,
    gold: &serde_json::Value,
    check_published: bool,
) -> Vec<String> {
    let mut diffs = Vec::new();
    let s = |v: &serde_json::Value| v.as_str().map(key);
    let mut field = |name: &str, got: Option<String>| {
        let want = s(&gold[name]);
        if got.as_deref().map(key) != want {
            diffs.push(format!("{name}: got {got:?}, want {want:?}"));
        }
    };
    field("doc_number", n.doc_number.clone());
    field("title", n.title.clone());
    field("signed_date", n.signed_date.clone());
    if check_published {
        let want = gold["published_at"].as_str().unwrap_or_default();
        let got = n.published_at.clone().unwrap_or_default();
        if !got.starts_with(want) {
            diffs.push(format!("published_at: got {got:?}, want {want:?}"));
        }
    }
    let list = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().filter_map(|x| x.as_str().map(key)).collect())
            .unwrap_or_default()
    };
    let keys = |v: &[String]| v.iter().map(|x| key(x)).collect::<Vec<_>>();
    if keys(&n.issuers) != list(&gold["issuers"]) {
        diffs.push(format!("issuers: got {:?}", n.issuers));
    }
    let joined = |v: Vec<String>| v.concat().replace(['、', ',', ';', ':'], "");
    if joined(keys(&n.recipients)) != joined(list(&gold["recipients"])) {
        diffs.push(format!("recipients: got {:?}", n.recipients));
    }
    let gold_sections: Vec<(u64, String, Vec<String>)> = gold["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|g| {
            (
                g["number"].as_u64().unwrap_or(0),
                key(g["title"].as_str().unwrap_or("")),
                list(&g["lead_units"]),
            )
        })
        .collect();
    let got_sections: Vec<(u64, String, Vec<String>)> = n
        .sections
        .iter()
        .map(|x| (x.number as u64, key(&x.title), keys(&x.lead_units)))
        .collect();
    if got_sections != gold_sections {
        diffs.push(format!("sections differ: got {got_sections:?}"));
    }
    let gold_clauses: Vec<(u64, u64, String, Vec<String>)> = gold["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .map(|g| {
            (
                g["number"].as_u64().unwrap_or(0),
                g["section"].as_u64().unwrap_or(0),
                key(g["title"].as_str().unwrap_or("")),
                list(&g["responsible_units"]),
            )
        })
        .collect();
    let got_clauses: Vec<(u64, u64, String, Vec<String>)> = n
        .clauses
        .iter()
        .map(|c| {
            (
                c.number as u64,
                c.section.unwrap_or(0) as u64,
                key(&c.title),
                keys(&c.responsible_units),
            )
        })
        .collect();
    for (g, c) in gold_clauses.iter().zip(&got_clauses) {
        if g != c {
            diffs.push(format!("clause {}: got {c:?}, want {g:?}", g.0));
        }
    }
    if gold_clauses.len() != got_clauses.len() {
        diffs.push(format!(
            "{} clauses, want {}",
            got_clauses.len(),
            gold_clauses.len()
        ));
    }
    diffs
}

/// Every file under `dir` but the cache, path → bytes (to compare two
/// output folders byte for byte).
pub fn all_files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.expect("entry");
        let rel = e.path().strip_prefix(dir).expect("under dir");
        if e.file_type().is_file() && !rel.starts_with("cache") {
            files.insert(
                rel.to_string_lossy().to_string(),
                std::fs::read(e.path()).expect("read"),
            );
        }
    }
    files
}
