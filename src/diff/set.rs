//! Diff of two sets of records (two runs): records matched by id, then
//! [`diff_records`] per pair.
//!
//! Both sets are read in id order and merged like two sorted lists, a batch
//! of pairs at a time: the pairs of a batch are parsed and compared on
//! rayon, and their changes handed out in id order, so memory stays flat
//! and the output does not depend on the number of threads. A pair whose
//! bytes are equal is not even parsed.

use rayon::prelude::*;

use crate::output::read::{self, RawRecord, ReadError};

use super::{diff_records, notice_added, notice_removed, Change};

/// Pairs compared in parallel at a time: enough to keep the threads busy,
/// few enough that a batch of records (tens of kB each) stays small.
const BATCH: usize = 64;

/// What a diff of two sets found, per record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SetSummary {
    /// Records read on each side.
    pub old: usize,
    pub new: usize,
    pub added: usize,
    pub removed: usize,
    /// In both sets with a change in substance.
    pub amended: usize,
    /// In both sets and differing, but not in substance.
    pub other: usize,
    pub unchanged: usize,
    /// Records that could not be read or parsed (reported, then skipped).
    pub failed: usize,
}

/// What one id of the merged sets gave.
pub enum Outcome<'a> {
    /// The changes of one id, with the records compared (a run's history
    /// keeps their bytes).
    Changes {
        changes: &'a [Change],
        old: Option<&'a RawRecord>,
        new: Option<&'a RawRecord>,
    },
    Failed(&'a ReadError),
}

type Pair = (Option<RawRecord>, Option<RawRecord>);

/// Compares two sets of records by id; `emit` gets each id's outcome in id
/// order (nothing for an unchanged record).
///
/// # Errors
/// The first error that ends a set ([`ReadError::Io`],
/// [`ReadError::Unsorted`], [`ReadError::Duplicate`]), or the first error
/// `emit` returns.
pub fn diff_sets<E: From<ReadError>>(
    old: impl Iterator<Item = Result<RawRecord, ReadError>>,
    new: impl Iterator<Item = Result<RawRecord, ReadError>>,
    mut emit: impl FnMut(Outcome<'_>) -> Result<(), E>,
) -> Result<SetSummary, E> {
    let mut sum = SetSummary::default();
    let mut old = old.peekable();
    let mut new = new.peekable();
    let mut batch: Vec<Pair> = Vec::with_capacity(BATCH);
    loop {
        // A record that cannot be read is reported in place; an error that
        // ends a set ends the diff.
        let failed = match take_error(&mut old, &mut sum.old)? {
            Some(e) => Some(e),
            None => take_error(&mut new, &mut sum.new)?,
        };
        if let Some(e) = failed {
            flush(&mut batch, &mut sum, &mut emit)?;
            sum.failed += 1;
            emit(Outcome::Failed(&e))?;
            continue;
        }
        let pair = match (old.peek(), new.peek()) {
            (None, None) => break,
            (Some(Ok(a)), Some(Ok(b))) => match a.id.cmp(&b.id) {
                std::cmp::Ordering::Less => (old.next(), None),
                std::cmp::Ordering::Greater => (None, new.next()),
                std::cmp::Ordering::Equal => (old.next(), new.next()),
            },
            (Some(_), None) => (old.next(), None),
            (None, Some(_)) => (None, new.next()),
            _ => unreachable!("errors were taken above"),
        };
        let (a, b) = (pair.0.and_then(Result::ok), pair.1.and_then(Result::ok));
        sum.old += usize::from(a.is_some());
        sum.new += usize::from(b.is_some());
        batch.push((a, b));
        if batch.len() == BATCH {
            flush(&mut batch, &mut sum, &mut emit)?;
        }
    }
    flush(&mut batch, &mut sum, &mut emit)?;
    Ok(sum)
}

/// The next item of a set if it is a per-record error (counted as read).
fn take_error<I: Iterator<Item = Result<RawRecord, ReadError>>>(
    it: &mut std::iter::Peekable<I>,
    count: &mut usize,
) -> Result<Option<ReadError>, ReadError> {
    if !matches!(it.peek(), Some(Err(_))) {
        return Ok(None);
    }
    match it.next() {
        Some(Err(e)) if e.is_per_record() => {
            *count += 1;
            Ok(Some(e))
        }
        Some(Err(e)) => Err(e),
        _ => Ok(None),
    }
}

fn flush<E>(
    batch: &mut Vec<Pair>,
    sum: &mut SetSummary,
    emit: &mut impl FnMut(Outcome<'_>) -> Result<(), E>,
) -> Result<(), E> {
    let results: Vec<Result<Vec<Change>, ReadError>> = batch.par_iter().map(compare).collect();
    for (r, (old, new)) in results.iter().zip(batch.iter()) {
        match r {
            Err(e) => {
                sum.failed += 1;
                emit(Outcome::Failed(e))?;
            }
            Ok(changes) => {
                match changes.first().map(|c| c.kind) {
                    None => sum.unchanged += 1,
                    Some(super::Kind::NoticeAdded) => sum.added += 1,
                    Some(super::Kind::NoticeRemoved) => sum.removed += 1,
                    Some(_) if changes.iter().any(|c| c.substance) => sum.amended += 1,
                    Some(_) => sum.other += 1,
                }
                if !changes.is_empty() {
                    emit(Outcome::Changes {
                        changes,
                        old: old.as_ref(),
                        new: new.as_ref(),
                    })?;
                }
            }
        }
    }
    batch.clear();
    Ok(())
}

fn compare(pair: &Pair) -> Result<Vec<Change>, ReadError> {
    match pair {
        (Some(a), Some(b)) if a.bytes == b.bytes => Ok(Vec::new()),
        (Some(a), Some(b)) => Ok(diff_records(&read::parse(a)?, &read::parse(b)?)),
        (Some(a), None) => Ok(vec![notice_removed(&read::parse(a)?)]),
        (None, Some(b)) => Ok(vec![notice_added(&read::parse(b)?)]),
        (None, None) => Ok(Vec::new()),
    }
}
