//! What the figure patterns share: the pieces of a number and of a range
//! (in folded text), the alternation of a word list, and the groups of a
//! match, read by index from the capture search or set by a module's fast
//! path.

use std::sync::LazyLock;

/// An Arabic number, folded: `1,000`, `18.2`, `100`.
pub(crate) const ARABIC: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)";

/// A Chinese numeral character, folded: digits, units, 廿/卅/卌, capitals.
pub(crate) const CN: &str =
    "[零〇○一二两三四五六七八九十百千万亿兆廿卅卌壹贰叁参肆伍陆柒捌玖拾佰仟]";

/// Any number, folded: Arabic, Chinese, financial or mixed (`3千万`,
/// `一点五亿`, `二十点五`, `壹佰万`), with layout spaces between Chinese
/// characters (`五 十`; never between Arabic digits, which would merge two
/// figures). What it means is [`super::numerals::parse_numeral`]'s job.
pub(crate) static NUM: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|{CN}(?:\x20?{CN})*(?:点[零〇○一二三四五六七八九0-9]+)?)+"
    )
});

/// Indices of named capture groups, resolved once: `Captures::name` hashes
/// the name on every call, which showed in profiles of the hot loop.
pub(crate) fn group_indices<const N: usize>(re: &regex::Regex, names: [&str; N]) -> [usize; N] {
    names.map(|n| {
        re.capture_names()
            .position(|c| c == Some(n))
            .expect("the pattern names this group")
    })
}

/// One group of a match: its byte span in the folded region and its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Group<'h> {
    start: usize,
    end: usize,
    text: &'h str,
}

impl<'h> Group<'h> {
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn end(&self) -> usize {
        self.end
    }

    pub(crate) fn as_str(&self) -> &'h str {
        self.text
    }
}

/// The groups of one match of a pattern with `N` named groups, by the
/// module's own numbering of them. Read from the regex's capture search,
/// or set by a module's fast path that reads a plain match (`30万元`,
/// `20%`, nearly every figure) without that search: it costs far more
/// than finding the match.
pub(crate) struct Groups<'h, const N: usize> {
    hay: &'h str,
    pub(super) all: (usize, usize),
    pub(super) spans: [Option<(usize, usize)>; N],
}

impl<'h, const N: usize> Groups<'h, N> {
    /// A match over `all` in `hay` with no group set.
    pub(crate) fn new(hay: &'h str, all: (usize, usize)) -> Self {
        Groups {
            hay,
            all,
            spans: [None; N],
        }
    }

    /// The groups of the match of `re` starting where `m` does, `index`
    /// giving each group's index in `re`: the leftmost-first match from a
    /// position is the same whatever the search started from, so this
    /// reads `m` itself.
    pub(crate) fn captured(
        re: &regex::Regex,
        locs: &mut regex::CaptureLocations,
        hay: &'h str,
        m: regex::Match,
        index: &[usize; N],
    ) -> Self {
        let mut g = Groups::new(hay, (m.start(), m.end()));
        if re.captures_read_at(locs, hay, m.start()).is_some() {
            for (span, &i) in g.spans.iter_mut().zip(index) {
                *span = locs.get(i);
            }
        }
        g
    }

    pub(crate) fn set(&mut self, i: usize, start: usize, end: usize) {
        self.spans[i] = Some((start, end));
    }

    pub(crate) fn all(&self) -> Group<'h> {
        self.group(self.all)
    }

    pub(crate) fn get(&self, i: usize) -> Option<Group<'h>> {
        self.spans[i].map(|s| self.group(s))
    }

    fn group(&self, (start, end): (usize, usize)) -> Group<'h> {
        Group {
            start,
            end,
            text: &self.hay[start..end],
        }
    }
}

/// The mark between the ends of a range: `3—10万元`, `5至10万元`.
pub(crate) const RANGE: &str = r"(?:——|—|-|–|−|―|~|至|到)";

/// `a|b|c` of escaped words, longest first so the longest word wins.
pub(crate) fn alternation<S: AsRef<str>>(words: impl Iterator<Item = S>) -> String {
    let mut v: Vec<S> = words.collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.as_ref().chars().count()));
    v.iter()
        .map(|w| regex::escape(w.as_ref()))
        .collect::<Vec<_>>()
        .join("|")
}
