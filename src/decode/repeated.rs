//! The repeated-body pass: a body the source holds twice (a page
//! template's hidden print copy, a text dump that shows it twice) is
//! kept once, so no later stage reads its clauses twice.
//! [`drop_repeated_body`] finds the longest run of paragraphs that
//! repeats and drops the second copy; [`SpreadHash`], the hasher of its
//! rolling hashes, also serves maps keyed by a parsed page's node ids.

use super::normalize::fold_char;
use crate::model::{Warning, WarningCode};

/// Shortest run of repeated paragraphs taken for a repeated body rather than
/// two paragraphs that happen to say the same thing.
const REPEAT_MIN_PARAGRAPHS: usize = 4;
/// ... and the run must hold at least this many characters.
const REPEAT_MIN_CHARS: usize = 200;

/// Removes a second copy of a run of paragraphs (a page template's print
/// block, a text dump that shows the body twice). Keeps the first copy.
/// Returns a warning saying what was dropped, and the dropped range.
///
/// The copy is the longest run of paragraphs that occurs twice without
/// overlapping, starting at a paragraph of 10 characters or more. It is
/// found in O(n log n) for n paragraphs: each paragraph becomes a number
/// (one hash lookup), and a binary search over the run's length asks, for
/// each length, whether some window of that many numbers repeats (rolling
/// hashes, every match checked). Comparing every pair of equal paragraphs
/// was quadratic: 160,000 lines took 30 s.
pub fn drop_repeated_body(
    paragraphs: &mut Vec<String>,
) -> Option<(Warning, std::ops::Range<usize>)> {
    use std::collections::HashMap;
    // A paragraph's number is that of its folded text without white space:
    // a portal's 繁體 page and its template's print copy in 简体 (or in
    // other widths, or indented otherwise) are one body twice.
    let mut numbers: HashMap<String, u64> = HashMap::new();
    let ids: Vec<u64> = paragraphs
        .iter()
        .map(|p| {
            let next = numbers.len() as u64 + 1;
            let key: String = p
                .chars()
                .map(fold_char)
                .filter(|c| !c.is_whitespace())
                .collect();
            *numbers.entry(key).or_insert(next)
        })
        .collect();
    let long: Vec<bool> = paragraphs
        .iter()
        .map(|p| p.chars().nth(9).is_some())
        .collect();
    drop(numbers);
    let (mut lo, mut hi) = (0, ids.len() / 2);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if repeated_window(&ids, &long, mid).is_some() {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let len = lo;
    if len < REPEAT_MIN_PARAGRAPHS {
        return None;
    }
    let (i, j) = repeated_window(&ids, &long, len)?;
    let chars: usize = paragraphs[j..j + len]
        .iter()
        .map(|p| p.chars().count())
        .sum();
    if chars < REPEAT_MIN_CHARS {
        return None;
    }
    paragraphs.drain(j..j + len);
    Some((
        Warning::new(
            WarningCode::RepeatedBodyDropped,
            format!(
                "paragraphs {}..{} repeat paragraphs {}..{} ({} characters); the second copy was dropped",
                j + 1,
                j + len,
                i + 1,
                i + len,
                chars
            ),
        ),
        j..j + len,
    ))
}

/// The first window of `len` numbers in `ids` starting where `long` is
/// true that occurs again later without overlapping itself: (first start,
/// second start). Linear: a rolling hash modulo the prime 2^61 - 1, each
/// hash match compared in full (a collision is skipped, never taken).
fn repeated_window(ids: &[u64], long: &[bool], len: usize) -> Option<(usize, usize)> {
    const P: u64 = (1 << 61) - 1;
    const BASE: u64 = 0x1F3D_5B79_A2C4_E681 % P;
    let mul = |a: u64, b: u64| ((u128::from(a) * u128::from(b)) % u128::from(P)) as u64;
    if len == 0 || 2 * len > ids.len() {
        return None;
    }
    let mut top = 1; // BASE^(len - 1)
    for _ in 1..len {
        top = mul(top, BASE);
    }
    let mut first: std::collections::HashMap<u64, usize, SpreadHash> =
        std::collections::HashMap::with_capacity_and_hasher(ids.len() - len + 1, SpreadHash);
    let mut h = 0;
    for k in 0..ids.len() {
        if k >= len {
            h = (h + P - mul(ids[k - len] % P, top)) % P;
        }
        h = (mul(h, BASE) + ids[k] % P) % P;
        if k + 1 < len {
            continue;
        }
        let s = k + 1 - len;
        if !long[s] {
            continue;
        }
        match first.get(&h) {
            Some(&i) if i + len <= s && ids[i..i + len] == ids[s..s + len] => return Some((i, s)),
            Some(_) => {}
            None => {
                first.insert(h, s);
            }
        }
    }
    None
}

/// Hashes a key that is already a hash (a rolling hash below 2^61) by one
/// multiplication, spreading it over all 64 bits: SipHash, the default,
/// was most of the time of [`repeated_window`]. Also for the sets and maps
/// of a parsed page's node ids (one entry per element): those are numbered
/// by the parser, so no page can choose keys that collide. Never for keys a
/// document writes (tag names, text): SipHash keeps those from colliding.
#[derive(Clone, Copy, Default)]
pub(crate) struct SpreadHash;

impl std::hash::BuildHasher for SpreadHash {
    type Hasher = Spread;
    fn build_hasher(&self) -> Spread {
        Spread(0)
    }
}

pub(crate) struct Spread(u64);

impl std::hash::Hasher for Spread {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_usize(&mut self, v: usize) {
        self.0 = (self.0.rotate_left(8) ^ v as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_repeat_is_found_in_n_log_n() {
        // Every paragraph the same: the first half is the body, the second
        // its copy.
        let mut ps = vec![
            "同一行的文字，足夠長以免被當作短行忽略掉的內容。".to_string();
            1000
        ];
        let (_, dropped) = drop_repeated_body(&mut ps).unwrap();
        assert_eq!(dropped, 500..1000);
        assert_eq!(ps.len(), 500);
        // Two copies with a different paragraph between.
        let body: Vec<String> = (0..300)
            .map(|i| format!("第{i}段的文字，足夠長的內容"))
            .collect();
        let mut ps = body.clone();
        ps.push("分隔".into());
        ps.extend(body.iter().take(200).cloned());
        let (_, dropped) = drop_repeated_body(&mut ps).unwrap();
        assert_eq!(dropped, 301..501);
    }

    #[test]
    fn repeated_body_is_kept_once() {
        let body: Vec<String> = (0..6)
            .map(|i| format!("第{i}段的文字，足夠長以免被當作短行忽略掉的內容。").repeat(3))
            .collect();
        let mut ps = vec!["標題".to_string()];
        ps.extend(body.clone());
        ps.push("Produced By".into());
        ps.extend(body.clone());
        let w = drop_repeated_body(&mut ps);
        assert!(w.is_some());
        assert_eq!(ps.len(), 1 + 6 + 1);
    }

    #[test]
    fn a_print_copy_in_the_other_script_is_the_body_again() {
        // A portal's 繁體 rendering, then its template's print block in
        // 简体, indented otherwise: the second copy goes, the first stays.
        let traditional: Vec<String> = (1..=5)
            .map(|i| {
                format!(
                    "（{i}）補貼資金撥付後，區財政局應當加強監督檢查，確保專款專用，嚴禁擠占挪用。"
                )
            })
            .collect();
        let simplified: Vec<String> = (1..=5)
            .map(|i| format!("　　（{i}）补贴资金拨付后，区财政局应当加强监督检查，确保专款专用，严禁挤占挪用。"))
            .collect();
        let mut ps = traditional.clone();
        ps.push("打印正文".into());
        ps.extend(simplified);
        let (_, dropped) = drop_repeated_body(&mut ps).unwrap();
        assert_eq!(dropped, 6..11);
        assert_eq!(ps[..5], traditional[..]);
    }
}
