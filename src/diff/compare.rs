//! What differs between two matched parts: the one place that knows what a
//! section, a clause or a region is made of. A field added to the record
//! (a clause's `items`, a table) is compared here and nowhere else.

use serde_json::Value;
use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::output::record::{Amount, Percentage, Warning};

use super::change::{Amendments, ListChange, Pair};
use super::parts::{key_of, Part, Parts};
use super::words;

/// A clause against its match: title, words, responsible units, figures.
pub fn clause(o: &Parts, oc: &Part, n: &Parts, nc: &Part) -> Amendments {
    let (a, b) = (&o.notice.clauses[oc.index], &n.notice.clauses[nc.index]);
    let mut am = Amendments {
        title: title(&oc.title_key, &a.title, &nc.title_key, &b.title),
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
    if op.key != np.key {
        am.text = words::diff(&op.words, &o.chars, &np.words, &n.chars);
    }
    let (oa, na) = (
        pick(&o.notice.amounts, &op.amounts),
        pick(&n.notice.amounts, &np.amounts),
    );
    am.amounts = figures(&oa, &na, amount_key);
    let (oq, nq) = (
        pick(&o.notice.percentages, &op.percentages),
        pick(&n.notice.percentages, &np.percentages),
    );
    am.percentages = figures(&oq, &nq, percentage_key);
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

/// What identifies an amount: value, currency and bound (its text may be
/// written another way: `50萬元` and `500000元` are the same sum).
fn amount_key(a: &Amount) -> String {
    format!("{}|{}|{:?}", a.value, a.currency, a.bound)
}

fn percentage_key(p: &Percentage) -> String {
    format!("{}|{:?}|{:?}", p.value, p.unit, p.bound)
}

/// Figures before and after, aligned as sequences (Myers over their keys):
/// an unchanged figure pairs with itself wherever it moved to; within a
/// changed stretch the n-th old figure pairs with the n-th new one
/// (`500000 CNY max → 1000000 CNY max`) and the rest are added or removed.
pub fn figures<T: Clone>(old: &[T], new: &[T], key: fn(&T) -> String) -> Vec<Pair<Option<T>>> {
    let ok: Vec<String> = old.iter().map(key).collect();
    let nk: Vec<String> = new.iter().map(key).collect();
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
        let mut rest: Vec<&Warning> = b.iter().collect();
        a.iter()
            .filter(|w| match rest.iter().position(|r| r == w) {
                Some(i) => {
                    rest.swap_remove(i);
                    false
                }
                None => true,
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    (only(new, old), only(old, new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::record::Bound;

    fn amount(value: f64, bound: Bound) -> Amount {
        Amount {
            text: format!("{value}元"),
            value,
            currency: "CNY".into(),
            bound,
            section: None,
            clause: None,
            span: [0, 0],
        }
    }

    #[test]
    fn a_changed_figure_pairs_old_with_new_and_the_rest_stay() {
        let old = [amount(5e5, Bound::Max), amount(2e5, Bound::Max)];
        let new = [amount(1e6, Bound::Max), amount(2e5, Bound::Max)];
        let d = figures(&old, &new, amount_key);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].old.as_ref().map(|a| a.value), Some(5e5));
        assert_eq!(d[0].new.as_ref().map(|a| a.value), Some(1e6));
        // A cap read as a floor now is a change too.
        let d = figures(&old[..1], &[amount(5e5, Bound::Min)], amount_key);
        assert_eq!(d.len(), 1);
        // One more figure: added, nothing paired with it.
        let d = figures(
            &old,
            &[old[0].clone(), amount(3e4, Bound::Exact), old[1].clone()],
            amount_key,
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].old.is_none());
        assert!(figures(&old, &old, amount_key).is_empty());
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
