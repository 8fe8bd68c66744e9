//! Dates: the signature date and the publication time.

use std::sync::LazyLock;

use regex::Regex;

use super::*;

/// A date as the text writes it, digits letter-spaced or not (a PDF's
/// dump sets `2 0 2 4 年 3 月 1 5 日`): `2024年3月15日`,
/// `二〇二四年三月十五日`. Shared with `bounds`, which stops the outline at
/// a date line or a publication line.
pub(crate) const DATE_TEXT: &str = r"(?:\d(?:\x20?\d){3}|[〇零一二三四五六七八九○O](?:\x20?[〇零一二三四五六七八九○O]){3})\s*年[^年]{1,5}?月[^月]{1,5}?日";

pub(super) static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*
        (?P<y>\d(?:\x20?\d){3} | [〇零一二三四五六七八九○O](?:\x20?[〇零一二三四五六七八九○O]){3}) \s*年\s*
        (?P<m>\d(?:\x20?\d)? | [一二三四五六七八九十](?:\x20?[一二三四五六七八九十])?) \s*月\s*
        (?P<d>\d(?:\x20?\d)? | [一二三四五六七八九十](?:\x20?[一二三四五六七八九十]){0,2}) \s*日\s*$",
    )
    .expect("valid regex")
});

/// A publication day as a page writes it (`2024-06-28`, `2025年2月28日`),
/// read by [`published_at`]: groups `y`, `m`, `d`.
pub(super) const PUBLISHED_DAY: &str = r"(?P<y>\d{4})[-/年.](?P<m>\d{1,2})[-/月.](?P<d>\d{1,2})日?";

/// A time of day after the day (`17:30`, `17:30:05`): groups `H`, `M`, `S`.
pub(super) const PUBLISHED_TIME: &str = r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?";

/// A labelled publication time. `发文日期` and `成文日期` are not among the
/// labels: they date the signing (an info block states `发文日期：2024-04-08`
/// above `发布时间：2024-04-12 16:05`), never the publication.
pub(super) static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:发布时间|发布日期|公开日期|发布于)\s*:?\s*{PUBLISHED_DAY}(?:\s*{PUBLISHED_TIME})?",
    ))
    .expect("valid regex")
});

/// The date of a publication line (`某某局2026年4月24日发布`): when the
/// page states no time of its own, the notice was published that day.
pub(super) fn publication_date(paras: &[Para<'_>]) -> Option<String> {
    static DATE_PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?P<date>{DATE_TEXT})\s*发布\s*(?:$|[。,;])")).expect("valid regex")
    });
    paras.iter().find_map(|p| {
        // The line says 发布: the others are spared the date pattern.
        if !p.folded.contains("发布") {
            return None;
        }
        let c = DATE_PUBLISHED.captures(p.folded)?;
        parse_date(&c["date"])
    })
}

/// `2025年2月25日` or `二〇二五年二月二十五日` alone on a line (or in
/// brackets, as a dateline under a title) → `2025-02-25`.
pub(crate) fn parse_date(folded: &str) -> Option<String> {
    let t = folded.trim();
    let folded = t
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(folded);
    // Both forms end in 日 or a digit (`2025年2月25日`, `2025-02-25`): a
    // line ending otherwise is spared their patterns.
    let last = folded.trim_end().chars().next_back();
    if !last.is_some_and(|c| c == '日' || c.is_numeric()) {
        return None;
    }
    let c = DATE.captures(folded).or_else(|| {
        static ISO: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s*(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\s*$")
                .expect("valid regex")
        });
        ISO.captures(folded)
    })?;
    let digits = |k: &str| -> String { c[k].chars().filter(|c| *c != ' ').collect() };
    let year = label_value(&digits("y").replace(['○', 'O'], "〇"))?;
    let month = label_value(&digits("m"))?;
    let day = label_value(&digits("d"))?;
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// A page's publication time (a meta tag's bare value, or a labelled
/// `發布時間：…`) → ISO 8601 with the China offset.
pub(super) fn parse_published(s: &str) -> Option<String> {
    let f = fold(s);
    parse_labelled_published(&f).or_else(|| parse_labelled_published(&format!("发布时间:{f}")))
}

/// A page's unlabelled publication stamp: a date with its time of day at
/// the start of a line, alone or before the page's 来源/作者/字号 chrome
/// (`2024-06-28 17:30　来源：中国政府网`), or before the place a social
/// media post shows (`2025年03月14日 18:06 山东`). A signature date never
/// has a time of day.
pub(super) fn parse_stamped_time(folded: &str) -> Option<String> {
    static STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^\s*{PUBLISHED_DAY}\s*{PUBLISHED_TIME}\s*(?:$|来源|信息来源|作者|浏览|点击|字号|字体|【|\p{{Han}}{{2,6}}\s*$)"
        ))
        .expect("valid regex")
    });
    // A post's byline: `原创`, the account's names, the time, the place
    // its platform shows (a province): `原创 某某发布 某某发布 2025年05月20日
    // 19:30 浙江`. Without `原创` the place must be there, so that a line
    // such as `会议时间 2025年5月20日 19:30` is no byline.
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^\s*(?P<original>原创)?\s*(?:[^\s,;:。!?]{{1,20}}\s+){{0,3}}{PUBLISHED_DAY}\s*{PUBLISHED_TIME}\s*(?P<place>{PROVINCES})?\s*$"
        ))
        .expect("valid regex")
    });
    // A portal's info bar that labels its day `日期` alone, the source
    // after it (`日期：２０２５－０３－１１　　来源：种植业管理司`: held-out
    // HB4); a form's `日期：` line has no source.
    static DATED_BAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^\s*日\s*期\s*:\s*{PUBLISHED_DAY}(?:\s*{PUBLISHED_TIME})?\s*(?:信息)?来源\s*:"
        ))
        .expect("valid regex")
    });
    // Both forms have a time of day (`17:30`): a line without a colon is
    // neither, and is spared their patterns.
    if !folded.contains(':') {
        return None;
    }
    if let Some(c) = DATED_BAR.captures(folded) {
        return published_at(&c);
    }
    STAMP
        .captures(folded)
        .or_else(|| {
            BYLINE
                .captures(folded)
                .filter(|c| c.name("original").is_some() || c.name("place").is_some())
        })
        .and_then(|c| published_at(&c))
}

/// The places a social media post's byline shows: provinces and regions
/// (folded).
const PROVINCES: &str = "北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|香港|澳门|台湾";

/// Only a *labelled* time in the text counts: a bare date line is the
/// signature date, not a publication time (a PDF states none).
pub(super) fn parse_labelled_published(folded: &str) -> Option<String> {
    let Some(c) = PUBLISHED.captures(folded) else {
        // A dump that knows only the month (`发布日期: 2025年4月`).
        static MONTH: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:发布时间|发布日期|公开日期)\s*:?\s*(?P<y>\d{4})\s*[-/年.]\s*(?P<m>\d{1,2})\s*月?\s*$")
                .expect("valid regex")
        });
        let c = MONTH.captures(folded)?;
        let (y, m): (u32, u32) = (c["y"].parse().ok()?, c["m"].parse().ok()?);
        return (1..=12).contains(&m).then(|| format!("{y:04}-{m:02}"));
    };
    published_at(&c)
}

/// A publication time whose label stands alone on the line above it, as a
/// dump of an index table's cells has it (`发布日期：` / `2025年06月25日`).
pub(super) fn published_label_above(label: &str, value: &str) -> Option<String> {
    static LABEL_ALONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:发布时间|发布日期|公开日期)\s*:\s*$").expect("valid regex")
    });
    LABEL_ALONE
        .is_match(label)
        .then(|| parse_labelled_published(&format!("{}{}", label.trim(), value.trim())))
        .flatten()
}

/// The ISO 8601 day, or time with the China offset, of a match of
/// [`PUBLISHED_DAY`] and [`PUBLISHED_TIME`]; `None` for a month or day out
/// of range.
pub(super) fn published_at(c: &regex::Captures<'_>) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (
        c["y"].parse().ok()?,
        c["m"].parse().ok()?,
        c["d"].parse().ok()?,
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(match (c.name("H"), c.name("M")) {
        (Some(h), Some(mi)) => {
            let sec: u32 = c.name("S").map_or(Ok(0), |s| s.as_str().parse()).ok()?;
            format!(
                "{y:04}-{m:02}-{d:02}T{:02}:{}:{sec:02}+08:00",
                h.as_str().parse::<u32>().ok()?,
                mi.as_str()
            )
        }
        _ => format!("{y:04}-{m:02}-{d:02}"),
    })
}
