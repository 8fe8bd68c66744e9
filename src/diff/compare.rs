//! What differs between two matched parts: the one place that knows what a
//! section, a clause or a region is made of. A field added to the record
//! (a clause's `items`, a table) is compared here and nowhere else.

use serde_json::Value;
use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::model::{Amount, Attachment, Percentage, PercentagePoint, Table, Warning};

use super::change::{Amendments, ListChange, Pair};
use super::parts::{key_of, Part, Parts};
use super::words;

/// A clause against its match: title, words, lead and responsible units,
/// figures.
pub fn clause(o: &Parts, oc: &Part, n: &Parts, nc: &Part) -> Amendments {
    let (a, b) = (&o.notice.clauses[oc.index], &n.notice.clauses[nc.index]);
    let mut am = Amendments {
        title: title(&oc.title_key, &a.title, &nc.title_key, &b.title),
        lead_units: list(&a.lead_units, &b.lead_units),
        responsible_units: list(&a.responsible_units, &b.responsible_units),
        ..Amendments::default()
    };
    words_and_figures(&mut am, o, oc, n, nc);
    am
}

/// A section against its match: heading, lead units, its own text and
/// figures (its clauses are compared one by one).
pub fn section(o: &Parts, os: &Part, n: &Parts, ns: &Part) -> Amendments {
    let (a, b) = (&o.notice.sections[os.index], &n.notice.sections[ns.index]);
    let mut am = Amendments {
        title: title(&os.title_key, &a.title, &ns.title_key, &b.title),
        lead_units: list(&a.lead_units, &b.lead_units),
        ..Amendments::default()
    };
    words_and_figures(&mut am, o, os, n, ns);
    am
}

/// The preamble or the closing: words and figures.
pub fn region(o: &Parts, or: &Part, n: &Parts, nr: &Part) -> Amendments {
    let mut am = Amendments::default();
    words_and_figures(&mut am, o, or, n, nr);
    am
}

fn words_and_figures(am: &mut Amendments, o: &Parts, op: &Part, n: &Parts, np: &Part) {
    if op.raw != np.raw && op.key(&o.text) != np.key(&n.text) {
        am.text = words::diff(op.words(&o.text), &o.text, np.words(&n.text), &n.text);
    }
    am.amounts = figures(
        &pick_refs(&o.notice.amounts, &op.amounts),
        &pick_refs(&n.notice.amounts, &np.amounts),
        amount_key,
    );
    am.percentages = figures(
        &pick_refs(&o.notice.percentages, &op.percentages),
        &pick_refs(&n.notice.percentages, &np.percentages),
        percentage_key,
    );
    am.percentage_points = figures(
        &pick_refs(&o.notice.percentage_points, &op.percentage_points),
        &pick_refs(&n.notice.percentage_points, &np.percentage_points),
        point_key,
    );
}

fn pick_refs<'a, T>(all: &'a [T], indices: &[usize]) -> Vec<&'a T> {
    indices.iter().filter_map(|&i| all.get(i)).collect()
}

pub fn pick<T: Clone>(all: &[T], indices: &[usize]) -> Vec<T> {
    indices
        .iter()
        .filter_map(|&i| all.get(i).cloned())
        .collect()
}

fn title(ok: &str, old: &str, nk: &str, new: &str) -> Option<Pair<String>> {
    (ok != nk).then(|| Pair {
        old: old.to_string(),
        new: new.to_string(),
    })
}

/// Two lists of names: `None` when the same names stand in the same order
/// (across scripts and widths); else both lists and what entered and left.
pub fn list(old: &[String], new: &[String]) -> Option<ListChange> {
    let (ok, nk): (Vec<String>, Vec<String>) = (
        old.iter().map(|s| key_of(s)).collect(),
        new.iter().map(|s| key_of(s)).collect(),
    );
    if ok == nk {
        return None;
    }
    let added = new
        .iter()
        .zip(&nk)
        .filter(|(_, k)| !ok.contains(k))
        .map(|(s, _)| s.clone())
        .collect();
    let removed = old
        .iter()
        .zip(&ok)
        .filter(|(_, k)| !nk.contains(k))
        .map(|(s, _)| s.clone())
        .collect();
    Some(ListChange {
        old: old.to_vec(),
        new: new.to_vec(),
        added,
        removed,
    })
}

/// Two lists of header names (`issuers`, `recipients`) as one text, as the
/// gold scorer compares them: where one name ends is not always clear
/// (`各區、縣(市)人民政府`), so the same text split another way is no
/// change. `Some((added, removed))` otherwise.
pub fn names(old: &[String], new: &[String]) -> Option<(Value, Value)> {
    let joined = |v: &[String]| {
        v.iter()
            .flat_map(|s| key_of(s).chars().collect::<Vec<_>>())
            .filter(|c| !matches!(c, '、' | ',' | ';' | ':'))
            .collect::<String>()
    };
    if joined(old) == joined(new) {
        return None;
    }
    let c = list(old, new)?;
    Some((Value::from(c.added), Value::from(c.removed)))
}

/// Tables outside every section and clause (an appended indicator or task
/// table), compared row by row after folding: `Some((added, removed))`
/// rows when they differ. A table inside a section or clause is part of
/// that part's words and is compared there.
pub fn loose_tables(old: &[Table], new: &[Table]) -> Option<(Value, Value)> {
    let rows = |v: &[Table]| -> Vec<(Vec<String>, Vec<String>)> {
        v.iter()
            .filter(|t| t.section.is_none() && t.clause.is_none())
            .flat_map(|t| t.rows.iter())
            .map(|r| (r.iter().map(|c| key_of(c)).collect(), r.clone()))
            .collect()
    };
    let (o, n) = (rows(old), rows(new));
    if o.iter().map(|r| &r.0).eq(n.iter().map(|r| &r.0)) {
        return None;
    }
    let only = |a: &[(Vec<String>, Vec<String>)], b: &[(Vec<String>, Vec<String>)]| {
        one_side(a, b, |r| r.0.clone())
            .into_iter()
            .map(|r| Value::from(r.1.clone()))
            .collect::<Vec<_>>()
    };
    Some((Value::from(only(&n, &o)), Value::from(only(&o, &n))))
}

/// Attachment links by URL and folded link text: `Some((added, removed))`
/// when the lists differ other than in order.
pub fn attachments(old: &[Attachment], new: &[Attachment]) -> Option<(Value, Value)> {
    let key = |a: &Attachment| (a.url.clone(), key_of(&a.text));
    let only = |a: &[Attachment], b: &[Attachment]| {
        one_side(a, b, key)
            .into_iter()
            .map(|x| serde_json::to_value(x).unwrap_or(Value::Null))
            .collect::<Vec<_>>()
    };
    let (added, removed) = (only(new, old), only(old, new));
    (!added.is_empty() || !removed.is_empty()).then(|| (Value::from(added), Value::from(removed)))
}

/// What identifies an amount: value, currency and bound (its text may be
/// written another way: `50萬元` and `500000元` are the same sum). The value
/// is compared exactly (its bits): both sides come from the same parser.
fn amount_key(a: &Amount) -> (u64, &str, u8) {
    (a.value.to_bits(), a.currency.as_str(), a.bound as u8)
}

fn percentage_key(p: &Percentage) -> (u64, &str, u8) {
    (p.value.to_bits(), "", ((p.unit as u8) << 4) | p.bound as u8)
}

/// A percentage point's: value and bound (a point is its only unit).
fn point_key(p: &PercentagePoint) -> (u64, &str, u8) {
    (p.value.to_bits(), "", p.bound as u8)
}

/// Figures before and after, aligned as sequences (Myers over their keys):
/// an unchanged figure pairs with itself wherever it moved to; within a
/// changed stretch the n-th old figure pairs with the n-th new one
/// (`500000 CNY max → 1000000 CNY max`) and the rest are added or removed.
pub fn figures<'t, T: Clone>(
    old: &[&'t T],
    new: &[&'t T],
    key: fn(&'t T) -> (u64, &'t str, u8),
) -> Vec<Pair<Option<T>>> {
    let ok: Vec<_> = old.iter().map(|t| key(t)).collect();
    let nk: Vec<_> = new.iter().map(|t| key(t)).collect();
    if ok == nk {
        return Vec::new();
    }
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ok, &nk) {
        if let DiffOp::Equal { .. } = op {
            continue;
        }
        let (or, nr) = (op.old_range(), op.new_range());
        for i in 0..or.len().max(nr.len()) {
            out.push(Pair {
                old: or.clone().nth(i).map(|j| old[j].clone()),
                new: nr.clone().nth(i).map(|j| new[j].clone()),
            });
        }
    }
    out
}

/// Warnings on one side only, by code and message (as multisets).
pub fn warnings(old: &[Warning], new: &[Warning]) -> (Vec<Warning>, Vec<Warning>) {
    let only = |a: &[Warning], b: &[Warning]| {
        one_side(a, b, Warning::clone)
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
    };
    (only(new, old), only(old, new))
}

/// The items of `a` left once each item of `b` has cancelled one item of
/// `a` with the same key: a multiset difference, in `a`'s order. A row or
/// link that occurs twice on one side and once on the other is one left
/// over, not none (the lists are short: a notice's links, warnings and
/// loose table rows).
fn one_side<'a, T, K: PartialEq>(a: &'a [T], b: &[T], key: impl Fn(&T) -> K) -> Vec<&'a T> {
    let mut rest: Vec<K> = b.iter().map(&key).collect();
    a.iter()
        .filter(|x| {
            let k = key(x);
            match rest.iter().position(|r| *r == k) {
                Some(i) => {
                    rest.swap_remove(i);
                    false
                }
                None => true,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Bound;

    fn amount(value: f64, bound: Bound) -> Amount {
        Amount {
            text: format!("{value}元"),
            value,
            currency: "CNY".into(),
            bound,
            section: None,
            clause: None,
            span: [0, 0],
            low_confidence: false,
        }
    }

    fn r(v: &[Amount]) -> Vec<&Amount> {
        v.iter().collect()
    }

    #[test]
    fn a_changed_figure_pairs_old_with_new_and_the_rest_stay() {
        let old = [amount(5e5, Bound::Max), amount(2e5, Bound::Max)];
        let new = [amount(1e6, Bound::Max), amount(2e5, Bound::Max)];
        let d = figures(&r(&old), &r(&new), amount_key);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].old.as_ref().map(|a| a.value), Some(5e5));
        assert_eq!(d[0].new.as_ref().map(|a| a.value), Some(1e6));
        // A cap read as a floor now is a change too.
        let d = figures(&r(&old[..1]), &r(&[amount(5e5, Bound::Min)]), amount_key);
        assert_eq!(d.len(), 1);
        // One more figure: added, nothing paired with it.
        let more = [old[0].clone(), amount(3e4, Bound::Exact), old[1].clone()];
        let d = figures(&r(&old), &r(&more), amount_key);
        assert_eq!(d.len(), 1);
        assert!(d[0].old.is_none());
        assert!(figures(&r(&old), &r(&old), amount_key).is_empty());
    }

    #[test]
    fn one_side_is_a_multiset_difference() {
        let key = |s: &&str| s.to_string();
        assert_eq!(one_side(&["a", "b", "a"], &["a"], key), [&"b", &"a"]);
        assert_eq!(one_side(&["a"], &["a", "a"], key), Vec::<&&str>::new());
        assert_eq!(one_side(&["c"], &[], key), [&"c"]);
        // Through a caller: a link listed twice, once now, is one removed
        // (the set difference the links once had found none).
        let link = |t: &str| Attachment {
            text: t.into(),
            url: "https://example.gov.cn/a.pdf".into(),
            ..Attachment::default()
        };
        let (added, removed) =
            attachments(&[link("附件"), link("附件")], &[link("附件")]).expect("one gone");
        assert_eq!(
            (
                added.as_array().map(Vec::len),
                removed.as_array().map(Vec::len)
            ),
            (Some(0), Some(1))
        );
    }

    #[test]
    fn lists_compare_across_scripts() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&s(&["財政局"]), &s(&["财政局"])), None);
        let c = list(&s(&["科技局", "財政局"]), &s(&["科技局", "市財政局"])).expect("changed");
        assert_eq!((c.added, c.removed), (s(&["市財政局"]), s(&["財政局"])));
        // Reordered: a change (the first unit leads), nothing added or removed.
        let c = list(&s(&["A", "B"]), &s(&["B", "A"])).expect("reordered");
        assert!(c.added.is_empty() && c.removed.is_empty());
        // Header names split another way are the same text.
        assert_eq!(
            names(
                &s(&["各區、縣(市)人民政府"]),
                &s(&["各區", "縣(市)人民政府"])
            ),
            None
        );
    }
}
