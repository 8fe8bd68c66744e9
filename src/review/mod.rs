//! Review pages: a static site that shows each notice with everything
//! extracted from it marked on its text, and an index of the run.
//!
//! In: the output folder of `notice-extract run` (its `notices/*.json` and
//! `report.json`), or record files one by one. Out, in the site folder:
//!
//! | file                  | what                                             |
//! |-----------------------|--------------------------------------------------|
//! | `index.html`          | every document: title, 文号, issuer, date, status, counts, warnings; totals and a chart ([`index`]) |
//! | `notices/<id>.html`   | one notice: its text with sections, clauses, figures and units marked ([`page`]) |
//!
//! The site needs no server and nothing from the network: it opens from
//! `file://`. Each page carries its style sheet (and the index its script)
//! inline, and a Content-Security-Policy that allows exactly those by hash
//! and nothing else, so even a page that somehow held a notice's markup
//! would not run it. The first line of defence is the escaping in [`html`]:
//! record data never becomes markup. Links go to the record's JSON file
//! (relative, so the site can move with the run folder) and to the source
//! when it is an http(s) URL.
//!
//! This stage only reads records ([`read`]): it never parses notices. It
//! refuses records of another schema version rather than render them wrong.
//! A record that cannot be read gets a line in the index and in the
//! returned [`Review::failed`]; the other pages are still written.

pub mod figures;
pub mod html;
pub mod index;
pub mod marks;
pub mod page;
pub mod read;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use base64::Engine as _;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::batch::DocReport;
use html::Html;
use read::{InputError, RecordError};

/// The style sheet of every page.
pub const STYLE: &str = include_str!("assets/review.css");
/// The index page's script (sorting and filtering).
pub const INDEX_JS: &str = include_str!("assets/index.js");

/// Where the review comes from and goes.
#[derive(Debug, Clone)]
pub struct ReviewOptions {
    /// One run output folder, or record files.
    pub inputs: Vec<PathBuf>,
    /// The site folder.
    pub out: PathBuf,
}

impl ReviewOptions {
    /// The default site folder: `DIR/review` for a single run folder `DIR`
    /// (or a single path that is not a file, so that reading it reports
    /// what is wrong with it).
    pub fn default_out(inputs: &[PathBuf]) -> Option<PathBuf> {
        match inputs {
            [dir] if !dir.is_file() => Some(dir.join("review")),
            _ => None,
        }
    }
}

/// What a review wrote.
#[derive(Debug)]
pub struct Review {
    /// The index page.
    pub index: PathBuf,
    /// Notice pages written.
    pub pages: usize,
    /// Records that could not be read (each also has a row in the index).
    pub failed: Vec<RecordError>,
}

/// Why a review could not be made at all.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("nothing to review: no records and no report in {0}")]
    Empty(String),
    #[error("{}: cannot write: {source}", .path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Records read and rendered per parallel batch: bounds the pages held in
/// memory at once, while keeping the output order that of the inputs.
const CHUNK: usize = 64;

/// Writes the review site of `opts.inputs` into `opts.out`.
///
/// # Errors
/// [`ReviewError`] when the inputs are not a run folder or record files,
/// hold nothing, or the site cannot be written. A record that cannot be read
/// is not an error here: it is listed in [`Review::failed`].
pub fn write_review(opts: &ReviewOptions) -> Result<Review, ReviewError> {
    let inputs = read::list_inputs(&opts.inputs)?;
    if inputs.records.is_empty()
        && inputs
            .report
            .as_ref()
            .is_none_or(|r| r.documents.is_empty())
    {
        let names: Vec<String> = opts
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        return Err(ReviewError::Empty(names.join(", ")));
    }
    let write_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ReviewError::Write { path, source }
    };
    let pages_dir = opts.out.join("notices");
    std::fs::create_dir_all(&pages_dir).map_err(write_err(&pages_dir))?;
    let pages_abs = pages_dir.canonicalize().map_err(write_err(&pages_dir))?;

    let docs: HashMap<&str, &DocReport> = inputs
        .report
        .iter()
        .flat_map(|r| &r.documents)
        .filter(|d| d.has_record())
        .map(|d| (d.id.as_str(), d))
        .collect();
    let mut rows: Vec<index::Row> = Vec::new();
    let mut totals = index::Totals::default();
    let mut failed = Vec::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for chunk in inputs.records.chunks(CHUNK) {
        let done: Vec<Result<Rendered, RecordError>> = chunk
            .par_iter()
            .map(|path| render_one(path, &pages_abs, &docs))
            .collect();
        for (path, r) in chunk.iter().zip(done) {
            let r = r.and_then(|r| match seen.get(&r.row.id) {
                Some(first) => Err(RecordError {
                    path: path.clone(),
                    kind: read::RecordErrorKind::DuplicateId {
                        first: first.clone(),
                    },
                }),
                None => Ok(r),
            });
            match r {
                Ok(r) => {
                    let name = format!("{}.html", r.row.id);
                    write_page(&pages_dir, &name, &r.page)
                        .map_err(write_err(&pages_dir.join(&name)))?;
                    seen.insert(r.row.id.clone(), path.clone());
                    totals.merge(r.totals);
                    rows.push(r.row);
                }
                Err(e) => {
                    rows.push(unreadable_row(&e, docs.get(id_of(path)).copied()));
                    failed.push(e);
                }
            }
        }
    }
    // Documents of the run without a page: failures, skips, and records
    // the report lists but the folder lacks.
    let listed: HashSet<String> = rows.iter().map(|r| r.id.clone()).collect();
    for d in inputs.report.iter().flat_map(|r| &r.documents) {
        if listed.contains(&d.id) {
            continue;
        }
        let error = match &d.error {
            Some(e) => Some((e.code.to_string(), e.message.clone())),
            None if d.has_record() => Some((
                "missing_record".to_string(),
                format!(
                    "report.json lists a record, but notices/{}.json is not there",
                    d.id
                ),
            )),
            None => None,
        };
        rows.push(index::Row {
            id: d.id.clone(),
            status: Some(d.status),
            error,
            input: d.input.clone(),
            ..index::Row::default()
        });
    }
    if inputs.run_dir.is_some() {
        rows.sort_by(|a, b| a.id.cmp(&b.id));
    }
    remove_stale_pages(&pages_dir, &seen.keys().cloned().collect());

    let heading = match &inputs.run_dir {
        Some(d) => format!("Run {}", d.display()),
        None => format!("{} records", inputs.records.len()),
    };
    let index_html = index::index_page(&heading, &rows, &totals, inputs.report.as_ref());
    write_page(&opts.out, "index.html", &index_html)
        .map_err(write_err(&opts.out.join("index.html")))?;
    Ok(Review {
        index: opts.out.join("index.html"),
        pages: seen.len(),
        failed,
    })
}

/// A page ready to write, with its index row and figures.
struct Rendered {
    row: index::Row,
    page: String,
    totals: index::Totals,
}

fn render_one(
    path: &Path,
    pages_abs: &Path,
    docs: &HashMap<&str, &DocReport>,
) -> Result<Rendered, RecordError> {
    let n = read::read_record(path)?;
    let record = path
        .canonicalize()
        .ok()
        .and_then(|abs| html::relative_href(pages_abs, &abs));
    let links = page::PageLinks {
        index: "../index.html".to_string(),
        record,
    };
    let doc = docs.get(n.id.as_str()).copied();
    let page = page::notice_page(&n, &links, doc);
    let mut row = index::Row::of_notice(
        &n,
        format!("notices/{}.html", n.id),
        page::record_problems(&n).len(),
    );
    if let Some(d) = doc {
        row.status = Some(d.status);
        row.input = d.input.clone();
        row.stale = d.stale_record;
        row.error = d
            .error
            .as_ref()
            .map(|e| (e.code.to_string(), e.message.clone()));
    }
    let mut totals = index::Totals::default();
    totals.add(&n);
    Ok(Rendered { row, page, totals })
}

/// Writes a page atomically, with the mode of every file a run writes
/// (`crate::atomic`: readable by everyone, a site is there to be read).
fn write_page(dir: &Path, name: &str, html: &str) -> std::io::Result<()> {
    crate::atomic::write(&dir.join(name), html.as_bytes())
}

/// The id a record file is named after (`notices/<id>.json`).
fn id_of(path: &Path) -> &str {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("")
}

fn unreadable_row(e: &RecordError, doc: Option<&DocReport>) -> index::Row {
    index::Row {
        id: id_of(&e.path).to_string(),
        error: Some((e.code().to_string(), e.to_string())),
        status: doc.map(|d| d.status),
        input: e.path.display().to_string(),
        ..index::Row::default()
    }
}

/// Removes pages of notices no longer reviewed (from an earlier review
/// into the same folder); only `<id>.html` files, nothing else.
fn remove_stale_pages(dir: &Path, keep: &HashSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let stale = p.extension().is_some_and(|x| x == "html")
            && p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|id| !keep.contains(id));
        if stale {
            let _ = std::fs::remove_file(&p);
        }
    }
}

/// `<!DOCTYPE html>` to `</head>`: charset, viewport, the
/// Content-Security-Policy allowing the inline style (and `script`, if the
/// page has one: see [`page_script`]) by hash and nothing else, the title
/// and the style sheet.
pub(crate) fn page_head(h: &mut Html, title: &str, script: Option<&'static str>) {
    let hash = |s: &str| {
        let digest = Sha256::digest(s.as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    };
    let csp = format!(
        "default-src 'none'; style-src {}; script-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        hash(STYLE),
        script.map_or("'none'".to_string(), hash)
    );
    h.raw("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n")
        .open(
            "meta",
            &[
                ("http-equiv", Some("Content-Security-Policy")),
                ("content", Some(&csp)),
            ],
        )
        .raw("\n<meta name=\"referrer\" content=\"no-referrer\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .open(
            "meta",
            &[
                ("name", Some("generator")),
                (
                    "content",
                    Some(concat!("notice-extract ", env!("CARGO_PKG_VERSION"))),
                ),
            ],
        )
        .raw("\n")
        .element("title", &[], title)
        .raw("\n<style>")
        .raw(STYLE)
        .raw("</style>\n");
    h.raw("</head>\n");
}

/// The inline script whose hash [`page_head`] allowed; at the end of the
/// body, so the page it works on is there.
pub(crate) fn page_script(h: &mut Html, script: &'static str) {
    h.raw("<script>").raw(script).raw("</script>\n");
}
