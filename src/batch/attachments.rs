//! Following a page's attachments in a run (`--attachments fetch`).
//!
//! In: the pages of the run (given by URL) with the attachment links their
//! records list. Out: the links to fetch, each as a document of its own
//! whose record names the page as `parent`; and, once those records exist,
//! the page's record completed ([`complete_page`]): each attachment's `id`
//! and `media_type`, the attachment that is the notice's own `original`
//! with an `original_differs` warning when the two disagree, and, for a
//! page whose body is only the links, the original's text and outline with
//! `text_from` naming it.
//!
//! Refused: links that are not http(s), not on the page's site or that
//! reach a private address ([`crate::fetch::links`]), and links past
//! [`AttachmentOptions::max_per_page`]; each is an
//! `attachment_not_followed` warning on the page. Pages read from local
//! files keep their links listed, never fetched: a relative link there has
//! no site to be resolved against, and a file is not a site.
//!
//! Attachments are fetched by the run's own fetch phase
//! ([`crate::fetch::Prefetch`]): same politeness, retries, cache and
//! conditional requests as pages. They are not followed further (an
//! attachment's own links are listed only).

use std::collections::HashMap;

use crate::decode::normalize::fold;
use crate::diff::{self, Kind};
use crate::fetch::links::{check_link, Refusal};
use crate::model::{Notice, Warning, WarningCode};

/// What `run` does with the attachment links of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AttachmentMode {
    /// Records list no attachments.
    None,
    /// Records list them (`attachments[]`); nothing is fetched.
    List,
    /// Pages given by URL have their attachments fetched and extracted.
    #[default]
    Fetch,
}

impl std::str::FromStr for AttachmentMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "none" => Ok(AttachmentMode::None),
            "list" => Ok(AttachmentMode::List),
            "fetch" => Ok(AttachmentMode::Fetch),
            other => Err(format!(
                "--attachments {other:?}: expected none, list or fetch"
            )),
        }
    }
}

/// How attachments are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttachmentOptions {
    pub mode: AttachmentMode,
    /// Attachments fetched per page, in link order; the rest are listed
    /// only. Default 20: real notices carry one to a dozen.
    pub max_per_page: usize,
    /// Largest attachment, in bytes (the smaller of this and
    /// `fetch.max_bytes` applies), so one page fetches at most
    /// `max_per_page × max_bytes` bytes of attachments. Default 32 MiB.
    pub max_bytes: u64,
}

impl Default for AttachmentOptions {
    fn default() -> Self {
        AttachmentOptions {
            mode: AttachmentMode::Fetch,
            max_per_page: 20,
            max_bytes: 32 * 1024 * 1024,
        }
    }
}

/// One attachment link of a page and what became of it.
#[derive(Debug, Clone)]
pub struct Link {
    /// The URL as the page's record lists it.
    pub url: String,
    /// The id of the record it is fetched into, or why it is not fetched.
    pub followed: Result<String, NotFollowed>,
}

/// Why a link was listed but not fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotFollowed {
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error("past the limit of {0} attachments fetched per page")]
    OverCount(usize),
}

/// The attachment links of a page at `page_url`, checked and limited.
pub fn plan_links(page_url: &str, urls: &[String], opts: &AttachmentOptions) -> Vec<Link> {
    let mut taken = 0;
    let mut seen: Vec<&str> = Vec::new();
    urls.iter()
        .filter(|u| {
            // A page linking one file twice (text and icon) lists it twice
            // and fetches it once.
            let dup = seen.contains(&u.as_str());
            seen.push(u);
            !dup
        })
        .map(|u| {
            let followed = match check_link(page_url, u) {
                Err(r) => Err(NotFollowed::Refused(r)),
                Ok(_) if taken >= opts.max_per_page => {
                    Err(NotFollowed::OverCount(opts.max_per_page))
                }
                Ok(url) => {
                    taken += 1;
                    Ok(crate::fetch::record_id(url.as_str()))
                }
            };
            Link {
                url: u.clone(),
                followed,
            }
        })
        .collect()
}

/// The URL to fetch for a followed link (as parsed, so its id is stable).
pub fn fetch_url(link: &str) -> String {
    url::Url::parse(link.trim()).map_or_else(|_| link.to_string(), String::from)
}

/// Completes a page's record (made from the page alone) with what its
/// attachments' records say; `records` holds those that have one, by id.
pub fn complete_page(
    mut page: Notice,
    links: &[Link],
    records: &HashMap<String, Notice>,
) -> Notice {
    let by_url: HashMap<&str, &Link> = links.iter().map(|l| (l.url.as_str(), l)).collect();
    let mut refused = Vec::new();
    let mut original: Option<&Notice> = None;
    for a in &mut page.attachments {
        let Some(link) = by_url.get(a.url.as_str()) else {
            continue;
        };
        match &link.followed {
            Err(why) => {
                if !refused.iter().any(|(u, _): &(String, String)| *u == a.url) {
                    refused.push((a.url.clone(), format!("{} <{}>: {why}", a.text, a.url)));
                }
            }
            Ok(id) => {
                if let Some(rec) = records.get(id) {
                    a.id = Some(id.clone());
                    a.media_type = Some(rec.source.media_type.clone());
                }
            }
        }
    }
    for (_, message) in refused {
        page.warnings
            .push(Warning::new(WarningCode::AttachmentNotFollowed, message));
    }
    for a in &page.attachments {
        if let Some(rec) = a.id.as_ref().and_then(|id| records.get(id)) {
            if is_original(&page, rec) {
                original = Some(rec);
                break;
            }
        }
    }
    let Some(orig) = original else {
        return page;
    };
    page.original = Some(orig.id.clone());
    let attachment_only = page
        .warnings
        .iter()
        .any(|w| WarningCode::AttachmentOnly == w.code.as_str());
    if attachment_only {
        take_text_of(&mut page, orig);
    } else if page.sections.is_empty() && page.clauses.is_empty() {
        // A page without outline that is more than its links: nothing to
        // compare, and its own text stays.
    } else if let Some(first) = first_difference(orig, &page) {
        page.warnings.push(Warning::new(
            WarningCode::OriginalDiffers,
            format!(
                "the page and its original ({}) differ; the original is authoritative. First difference (original → page): {first}",
                orig.id
            ),
        ));
    }
    page
}

/// Whether `att` is the page's own notice: the same 文號, or the same
/// title and the same clause outline (labels in order; a page without
/// clauses, whose body is only its links, has only its title to show).
fn is_original(page: &Notice, att: &Notice) -> bool {
    let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) => {
            let (a, b) = (key(a), key(b));
            !a.is_empty() && a == b
        }
        _ => false,
    };
    if same(&page.doc_number, &att.doc_number) {
        return true;
    }
    if !same(&page.title, &att.title) {
        return false;
    }
    if page.clauses.is_empty() && page.sections.is_empty() {
        return true;
    }
    let outline = |n: &Notice| -> Vec<String> { n.clauses.iter().map(|c| key(&c.label)).collect() };
    outline(page) == outline(att)
}

/// A string compared loosely: folded (width, script), without white space
/// and punctuation.
fn key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The first difference in substance between the original and the page
/// in their sections and clauses (title, words, units, figures), as one
/// line; the header and the text around the outline (where a page's
/// chrome lands) are not compared.
fn first_difference(orig: &Notice, page: &Notice) -> Option<String> {
    let changes = diff::diff_records(orig, page);
    let first = changes.into_iter().find(|c| {
        c.substance
            && matches!(
                c.kind,
                Kind::SectionAdded
                    | Kind::SectionRemoved
                    | Kind::SectionAmended
                    | Kind::SectionMoved
                    | Kind::ClauseAdded
                    | Kind::ClauseRemoved
                    | Kind::ClauseAmended
                    | Kind::ClauseMoved
            )
    })?;
    let text = diff::render::render_notice(
        std::slice::from_ref(&first),
        diff::render::Style { color: false },
    );
    // The first line is the record id.
    let lines: Vec<&str> = text
        .lines()
        .skip(1)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    Some(lines.join("; "))
}

/// An attachment-only page takes its original's text, outline and figures
/// (and the header fields it lacks); `text_from` says so, and the
/// original's warnings come along, marked.
fn take_text_of(page: &mut Notice, orig: &Notice) {
    page.text_from = Some(orig.id.clone());
    page.text.clone_from(&orig.text);
    page.sections.clone_from(&orig.sections);
    page.clauses.clone_from(&orig.clauses);
    page.tables.clone_from(&orig.tables);
    page.amounts.clone_from(&orig.amounts);
    page.percentages.clone_from(&orig.percentages);
    page.percentage_points.clone_from(&orig.percentage_points);
    fill_missing(&mut page.title, &orig.title);
    fill_missing(&mut page.policy_title, &orig.policy_title);
    fill_missing(&mut page.doc_number, &orig.doc_number);
    fill_missing(&mut page.issuers, &orig.issuers);
    fill_missing(&mut page.recipients, &orig.recipients);
    fill_missing(&mut page.signed_date, &orig.signed_date);
    fill_missing(&mut page.published_at, &orig.published_at);
    for w in &orig.warnings {
        // The original's code as it stands (a record read back may hold a
        // code of another version).
        page.warnings.push(Warning {
            code: w.code.clone(),
            message: format!("in the original {}: {}", orig.id, w.message),
        });
    }
}

/// A header field a page may lack: `None`, or an empty list.
trait HeaderField: Clone {
    fn is_missing(&self) -> bool;
}

impl<T: Clone> HeaderField for Option<T> {
    fn is_missing(&self) -> bool {
        self.is_none()
    }
}

impl<T: Clone> HeaderField for Vec<T> {
    fn is_missing(&self) -> bool {
        self.is_empty()
    }
}

/// The page's own value wins; the original's fills only a missing one.
fn fill_missing<F: HeaderField>(field: &mut F, from: &F) {
    if field.is_missing() {
        field.clone_from(from);
    }
}

// ------------------------------------------------------------ the run

use std::collections::HashSet;
use std::path::Path;

use super::{guard, in_pool, process_all, write_notice, BatchError, Outcome, Processed, Run};
use crate::fetch::cache::Cache;
use crate::fetch::{Origin, Prefetch, RawDocument, Source};
use crate::output::json;

/// After the pages of a run are processed: fetches and processes their
/// attachments (records with `parent`), then completes and writes each
/// page's record. Returns the attachments as documents of the run, in the
/// order their pages and links come.
///
/// # Errors
/// [`BatchError`] when the fetch phase cannot start (cache, client).
pub(super) fn follow(
    work: &[&Source],
    processed: &mut [Processed],
    run: &mut Run,
    cache_dir: &Path,
) -> Result<Vec<(Source, Processed)>, BatchError> {
    let opts = run.opts.attachments;
    let mut pages: Vec<(usize, Vec<Link>)> = Vec::new();
    for (i, (src, p)) in work.iter().zip(processed.iter()).enumerate() {
        if !matches!(src.origin, Origin::Url(_)) {
            continue;
        }
        let urls: Vec<String> = match (&p.held, &p.outcome) {
            (Some(n), _) => n.attachments.iter().map(|a| a.url.clone()).collect(),
            (None, Outcome::Kept) => match read_record(run, &src.id) {
                Some(n) if n.parent.is_none() => {
                    n.attachments.iter().map(|a| a.url.clone()).collect()
                }
                _ => continue,
            },
            _ => continue,
        };
        if !urls.is_empty() {
            pages.push((i, plan_links(&src.input, &urls, &opts)));
        }
    }

    let inputs: HashSet<&str> = work.iter().map(|s| s.id.as_str()).collect();
    let mut sources: Vec<Source> = Vec::new();
    let mut parents: HashMap<String, String> = HashMap::new();
    for (i, links) in &pages {
        for l in links {
            let Ok(id) = &l.followed else { continue };
            if inputs.contains(id.as_str()) || parents.contains_key(id) {
                continue;
            }
            parents.insert(id.clone(), work[*i].id.clone());
            sources.push(Source::new(&fetch_url(&l.url)));
        }
    }
    let refs: Vec<&Source> = sources.iter().collect();
    let mut fetch = run.cfg.fetch.clone();
    fetch.max_bytes = fetch.max_bytes.min(opts.max_bytes);
    run.fetched = Prefetch::run(&refs, cache_dir, &fetch, run.opts.offline)?;
    run.parents = parents;
    let done = {
        let run: &Run = run;
        in_pool(run.opts.jobs, || process_all(&refs, run))?
    };

    let changed: HashSet<&str> = work
        .iter()
        .zip(processed.iter())
        .map(|(s, p)| (s.id.as_str(), p))
        .chain(refs.iter().map(|s| s.id.as_str()).zip(done.iter()))
        .filter(|(_, p)| !matches!(p.outcome, Outcome::Kept))
        .map(|(id, _)| id)
        .collect();
    let mut rewrites: Vec<(usize, Outcome)> = Vec::new();
    for (i, links) in &pages {
        let src = work[*i];
        let held = processed[*i].held.take();
        let redo = held.is_none()
            && links.iter().any(|l| {
                l.followed
                    .as_ref()
                    .is_ok_and(|id| changed.contains(id.as_str()))
            });
        let own = match held {
            Some(n) => n,
            None if redo => match reextract(run, src, cache_dir) {
                Some(n) => n,
                None => continue,
            },
            None => continue,
        };
        let records: HashMap<String, Notice> = links
            .iter()
            .filter_map(|l| l.followed.as_ref().ok())
            .filter_map(|id| read_record(run, id).map(|n| (id.clone(), n)))
            .collect();
        let page = complete_page(own, links, &records);
        if redo {
            let same = run
                .out
                .read_record(&src.id)
                .is_ok_and(|b| b == json::to_pretty(&page).as_bytes());
            if same {
                continue;
            }
        }
        rewrites.push((*i, write_notice(run, &src.id, &page, None)));
    }
    for (i, outcome) in rewrites {
        processed[i].outcome = outcome;
    }
    Ok(sources.into_iter().zip(done).collect())
}

/// A record of the output folder, if it is there and reads.
fn read_record(run: &Run, id: &str) -> Option<Notice> {
    let bytes = run.out.read_record(id).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// A kept page made again from its cached body, to be completed anew
/// because one of its attachments changed.
fn reextract(run: &Run, src: &Source, cache_dir: &Path) -> Option<Notice> {
    let cache = Cache::open(cache_dir).ok()?;
    let (entry, bytes) = cache.load(&src.input)?;
    let raw = RawDocument {
        id: src.id.clone(),
        uri: src.input.clone(),
        bytes,
        content_type: entry.content_type,
        sha256: std::sync::OnceLock::from(entry.sha256),
    };
    match guard::extract_guarded(raw, &run.cfg, run.opts.extract_timeout) {
        Ok(n) => Some(n),
        Err(e) => {
            tracing::warn!("{}: cannot complete with its attachments: {e}", src.input);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::RawDocument;
    use crate::model::Attachment;
    use crate::Config;

    const NOTICE: &str = "关于印发若干政策的通知\n某府发〔2025〕3号\n一、支持企业\n\
        （一）加大奖励。给予最高50万元奖励。（责任单位：区科技局）\n\
        （二）优化服务。（责任单位：区经信局）";

    fn read(uri: &str, text: &str) -> Notice {
        let raw = RawDocument::from_bytes(uri, text.as_bytes().to_vec());
        crate::extract(&raw, &Config::default()).expect("extracts")
    }

    /// A page at `page.html` linking to `a.pdf`, whose record is `att`.
    fn page_with(page: Notice, att: &Notice) -> (Notice, Vec<Link>, HashMap<String, Notice>) {
        let mut page = page;
        page.attachments = vec![Attachment {
            text: "附件.pdf".into(),
            url: "https://example.gov.cn/a.pdf".into(),
            media_type: None,
            id: None,
        }];
        let links = vec![Link {
            url: "https://example.gov.cn/a.pdf".into(),
            followed: Ok(att.id.clone()),
        }];
        let records = HashMap::from([(att.id.clone(), att.clone())]);
        (page, links, records)
    }

    #[test]
    fn an_original_that_says_the_same_gives_no_warning() {
        let att = read("a.pdf", NOTICE);
        let (page, links, records) = page_with(read("page.html", NOTICE), &att);
        let done = complete_page(page, &links, &records);
        assert_eq!(done.original.as_deref(), Some(att.id.as_str()));
        assert_eq!(done.attachments[0].id.as_deref(), Some(att.id.as_str()));
        assert_eq!(
            done.attachments[0].media_type.as_deref(),
            Some("text/plain")
        );
        assert!(done.warnings.is_empty(), "{:?}", done.warnings);
        assert_eq!(done.text_from, None);
    }

    #[test]
    fn an_original_with_another_amount_or_unit_is_named_in_the_warning() {
        let att = read("a.pdf", NOTICE);
        for (changed, seen) in [
            (
                NOTICE.replace("50万元", "100万元"),
                "500000 CNY max → 1000000 CNY max",
            ),
            (NOTICE.replace("区科技局", "区财政局"), "区财政局"),
        ] {
            let (page, links, records) = page_with(read("page.html", &changed), &att);
            let done = complete_page(page, &links, &records);
            assert_eq!(done.original.as_deref(), Some(att.id.as_str()));
            let w: Vec<&Warning> = done
                .warnings
                .iter()
                .filter(|w| WarningCode::OriginalDiffers == w.code.as_str())
                .collect();
            assert_eq!(w.len(), 1, "{:?}", done.warnings);
            assert!(w[0].message.contains(seen), "{}", w[0].message);
        }
    }

    #[test]
    fn another_notice_is_not_the_original() {
        let other = NOTICE
            .replace("某府发〔2025〕3号", "某府发〔2025〕4号")
            .replace("若干政策", "实施细则");
        let att = read("a.pdf", &other);
        let (page, links, records) = page_with(read("page.html", NOTICE), &att);
        let done = complete_page(page, &links, &records);
        assert_eq!(done.original, None);
        assert_eq!(done.attachments[0].id.as_deref(), Some(att.id.as_str()));
        assert!(done.warnings.is_empty());
    }

    #[test]
    fn refused_and_over_count_links_are_warnings_and_get_no_id() {
        let opts = AttachmentOptions {
            max_per_page: 1,
            ..AttachmentOptions::default()
        };
        let urls: Vec<String> = [
            "https://www.example.gov.cn/a.pdf",
            "https://www.example.gov.cn/a.pdf",
            "https://www.example.gov.cn/b.pdf",
            "ftp://www.example.gov.cn/c.pdf",
        ]
        .map(String::from)
        .to_vec();
        let links = plan_links("https://www.example.gov.cn/n.html", &urls, &opts);
        assert_eq!(links.len(), 3, "the duplicate is one link");
        assert!(links[0].followed.is_ok());
        assert_eq!(links[1].followed, Err(NotFollowed::OverCount(1)));
        assert!(matches!(
            links[2].followed,
            Err(NotFollowed::Refused(Refusal::Scheme(_)))
        ));
    }
}
