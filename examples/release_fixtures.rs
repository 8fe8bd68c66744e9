//! Stand-in for `notice-extract run … --out DIR` until the batch runner
//! lands: extracts every file under `fixtures/{text,html}`, writes the
//! records as the batch runner will (`notices/<id>.json`, `notices.ndjson`
//! sorted by id, a minimal `report.json`), then calls `write_release`.
//!
//! ```text
//! cargo run --example release_fixtures -- /tmp/release
//! .ci/check-release.sh /tmp/release
//! ```
//!
//! `created` comes from `SOURCE_DATE_EPOCH` when set.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use notice_extract::output::json;
use notice_extract::output::release::{write_release, ReleaseOptions};
use notice_extract::{extract_file, Config};

fn main() -> Result<()> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .context("usage: release_fixtures OUT_DIR")?,
    );
    let opts = ReleaseOptions::from_env()?;
    let cfg = Config::default();
    std::fs::create_dir_all(out.join("notices"))?;

    let mut inputs: Vec<PathBuf> = Vec::new();
    for sub in ["fixtures/text", "fixtures/html"] {
        for entry in std::fs::read_dir(sub).with_context(|| format!("reading {sub}"))? {
            inputs.push(entry?.path());
        }
    }
    inputs.sort();

    let mut records = Vec::new();
    let mut statuses = Vec::new();
    for path in &inputs {
        let input = path.display().to_string();
        match extract_file(Path::new(&input), &cfg) {
            Ok(notice) => {
                std::fs::write(
                    out.join("notices").join(format!("{}.json", notice.id)),
                    json::to_pretty(&notice),
                )?;
                statuses.push(serde_json::json!({
                    "input": input, "id": notice.id, "status": "success",
                }));
                records.push(notice);
            }
            Err(e) => statuses.push(serde_json::json!({
                "input": input, "status": "failure", "error": e.to_string(),
            })),
        }
    }
    records.sort_by(|a, b| a.id.cmp(&b.id));
    let ndjson: String = records.iter().map(|r| json::to_line(r) + "\n").collect();
    std::fs::write(out.join("notices.ndjson"), ndjson)?;
    let report = serde_json::json!({ "documents": statuses });
    std::fs::write(
        out.join("report.json"),
        serde_json::to_string_pretty(&report)? + "\n",
    )?;

    write_release(&out, &records, &opts)?;
    eprintln!("{} records, release in {}", records.len(), out.display());
    Ok(())
}
