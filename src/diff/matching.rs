//! Which old item is which new item, and which matched items moved.
//!
//! Matching never goes by position, so an inserted clause does not shift
//! every later one:
//!
//! 1. items with the same words (label left out, compared across scripts,
//!    widths and white space) are the same item, paired in reading order
//!    when several are alike;
//! 2. every remaining pair is scored by the caller (title and content
//!    similarity, which must reach a threshold, plus a bonus for the same
//!    label or section) and pairs are taken best first while both are
//!    free; ties go to the pair closest in relative position, then to
//!    reading order, so the result never depends on hash order.
//!
//! A renumbered clause matches in step 1 (its label is not part of its
//! words); an amended one in step 2; a clause deleted where another was
//! inserted stays unmatched on both sides when their contents differ, even
//! with the same label in the same place.

use std::collections::{HashMap, VecDeque};

/// The pairs found: `old_to_new[i]` is the new index of old item `i`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    pub old_to_new: Vec<Option<usize>>,
    pub new_to_old: Vec<Option<usize>>,
}

impl Matching {
    fn new(old: usize, new: usize) -> Self {
        Matching {
            old_to_new: vec![None; old],
            new_to_old: vec![None; new],
        }
    }

    fn pair(&mut self, o: usize, n: usize) {
        self.old_to_new[o] = Some(n);
        self.new_to_old[n] = Some(o);
    }

    /// The matched pairs in old order.
    pub fn pairs(&self) -> Vec<(usize, usize)> {
        self.old_to_new
            .iter()
            .enumerate()
            .filter_map(|(o, n)| n.map(|n| (o, n)))
            .collect()
    }
}

/// Matches items by equal `keys` first, then by `score` (called only for
/// pairs still free after the first step; `None`: never this pair).
pub fn match_items(
    old_keys: &[&str],
    new_keys: &[&str],
    score: impl FnMut(usize, usize) -> Option<f64>,
) -> Matching {
    let mut m = match_equal(old_keys, new_keys);
    match_scored(&mut m, score);
    m
}

/// Step 1: items with equal keys, paired in reading order.
pub fn match_equal(old_keys: &[&str], new_keys: &[&str]) -> Matching {
    let mut m = Matching::new(old_keys.len(), new_keys.len());
    pair_equal(&mut m, old_keys, new_keys);
    m
}

/// Step 1 again with other keys (the text as written first, then its
/// folded words), among the items still free; the keys of matched items
/// are not looked at.
pub fn pair_equal(m: &mut Matching, old_keys: &[&str], new_keys: &[&str]) {
    let mut by_key: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (o, k) in old_keys.iter().enumerate() {
        if m.old_to_new[o].is_none() {
            by_key.entry(k).or_default().push_back(o);
        }
    }
    for (n, k) in new_keys.iter().enumerate() {
        if m.new_to_old[n].is_some() {
            continue;
        }
        if let Some(o) = by_key.get_mut(k).and_then(|q| q.pop_front()) {
            m.pair(o, n);
        }
    }
}

/// Step 2: the items still free, best score first; a pair scored `None`
/// (below the caller's threshold) is never made.
pub fn match_scored(m: &mut Matching, mut score: impl FnMut(usize, usize) -> Option<f64>) {
    let (old_len, new_len) = (m.old_to_new.len(), m.new_to_old.len());
    let free_old: Vec<usize> = (0..old_len)
        .filter(|&o| m.old_to_new[o].is_none())
        .collect();
    let free_new: Vec<usize> = (0..new_len)
        .filter(|&n| m.new_to_old[n].is_none())
        .collect();
    if free_old.is_empty() || free_new.is_empty() {
        return;
    }
    let rel = |i: usize, len: usize| i as f64 / len.max(1) as f64;
    let mut candidates: Vec<(f64, f64, usize, usize)> = Vec::new();
    for &o in &free_old {
        for &n in &free_new {
            if let Some(s) = score(o, n) {
                let distance = (rel(o, old_len) - rel(n, new_len)).abs();
                candidates.push((s, distance, o, n));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    for (_, _, o, n) in candidates {
        if m.old_to_new[o].is_none() && m.new_to_old[n].is_none() {
            m.pair(o, n);
        }
    }
}

/// Of pairs `(old, new)` sorted by old index, which keep their order: the
/// longest run increasing in new index (patience sorting, O(n log n)).
/// The others moved. Among equally long runs the one ending earliest wins,
/// which is deterministic.
pub fn in_order(pairs: &[(usize, usize)]) -> Vec<bool> {
    // tails[k]: index into `pairs` of the smallest tail of a run of k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (i, &(_, n)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].1 < n);
        prev[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut keep = vec![false; pairs.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = prev[i];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_pair_in_order_whatever_their_positions() {
        let m = match_items(&["a", "b", "b", "c"], &["x", "a", "b", "b", "c"], |_, _| {
            None
        });
        assert_eq!(m.old_to_new, [Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(m.new_to_old[0], None);
    }

    #[test]
    fn best_score_first_then_nearest_position() {
        // Old 0 scores 0.9 with new 1 and 0.8 with new 0; old 1 scores 0.8
        // with both: the best pair is taken first, old 1 gets what is left.
        let s = [[0.8, 0.9], [0.8, 0.8]];
        let m = match_items(&["p", "q"], &["r", "s"], |o, n| Some(s[o][n]));
        assert_eq!(m.old_to_new, [Some(1), Some(0)]);
        // Equal scores: nearest relative position wins.
        let m = match_items(&["p", "q"], &["r", "s"], |_, _| Some(0.7));
        assert_eq!(m.old_to_new, [Some(0), Some(1)]);
        // Below the caller's threshold: no pair.
        let m = match_items(&["p"], &["r"], |_, _| None);
        assert_eq!(m.old_to_new, [None]);
    }

    #[test]
    fn in_order_keeps_the_longest_increasing_run() {
        // An item taken from position 1 to the end: only it moved.
        let pairs = [(0, 0), (1, 4), (2, 1), (3, 2), (4, 3)];
        assert_eq!(in_order(&pairs), [true, false, true, true, true]);
        // Insertions shift indices but keep the order: nothing moved.
        let pairs = [(0, 0), (1, 2), (2, 3), (3, 7)];
        assert!(in_order(&pairs).iter().all(|&k| k));
        assert!(in_order(&[]).is_empty());
    }
}
