//! OCR's share of the machine: [`Slots`], the programs that may run at
//! once across the whole run (the thread budget), and the reading of a
//! document's pages in parallel within its slots, its memory and its
//! deadline. Separate because it is about scheduling, not about what is
//! read.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

use super::options::OcrOptions;
use super::tesseract::OcrLine;
use super::OcrError;
use crate::model::error::panic_message;

/// How many OCR programs may run at once, shared by every document of a
/// run (a clone shares the count): the run's thread budget. Default: one
/// per core.
#[derive(Clone)]
pub struct Slots {
    free: Arc<(Mutex<usize>, Condvar)>,
    capacity: usize,
}

impl Slots {
    pub fn new(capacity: usize) -> Slots {
        let capacity = capacity.max(1);
        Slots {
            free: Arc::new((Mutex::new(capacity), Condvar::new())),
            capacity,
        }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Waits for a free slot until `deadline`.
    pub(super) fn acquire(&self, deadline: Instant) -> Option<SlotGuard<'_>> {
        let (lock, cond) = &*self.free;
        let mut free = lock.lock().ok()?;
        while *free == 0 {
            let left = deadline.checked_duration_since(Instant::now())?;
            free = cond.wait_timeout(free, left).ok()?.0;
        }
        *free -= 1;
        Some(SlotGuard(self))
    }
}

/// Slots travel (to the document worker) as their capacity: the other
/// side gets slots of its own, as many.
impl serde::Serialize for Slots {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.capacity as u64)
    }
}

impl<'de> serde::Deserialize<'de> for Slots {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let capacity = u64::deserialize(d)?;
        Ok(Slots::new(usize::try_from(capacity).unwrap_or(usize::MAX)))
    }
}

impl Default for Slots {
    fn default() -> Self {
        Slots::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
    }
}

impl std::fmt::Debug for Slots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Slots({})", self.capacity)
    }
}

pub(super) struct SlotGuard<'a>(&'a Slots);

impl Drop for SlotGuard<'_> {
    fn drop(&mut self) {
        let (lock, cond) = &*self.0.free;
        if let Ok(mut free) = lock.lock() {
            *free += 1;
            cond.notify_one();
        }
    }
}

/// One page's lines, or why it could not be read.
type PageResult = Result<Vec<OcrLine>, OcrError>;

/// Runs `read_page(page, page_deadline)` for pages `1..=pages`, as many at
/// once as slots and the document's memory allow; the results in page
/// order, or the first page's error.
pub(super) fn in_parallel<F>(
    pages: usize,
    deadline: Instant,
    opts: &OcrOptions,
    read_page: F,
) -> Result<Vec<Vec<OcrLine>>, OcrError>
where
    F: Fn(usize, Instant) -> Result<Vec<OcrLine>, OcrError> + Sync,
{
    let by_memory = (opts.document_memory_bytes / opts.page_memory_bytes.max(1)).max(1) as usize;
    let workers = pages.min(opts.slots.capacity()).min(by_memory).max(1);
    let next = AtomicUsize::new(1);
    let failed = AtomicBool::new(false);
    let results: Mutex<Vec<Option<PageResult>>> = Mutex::new(vec![None; pages]);
    let timeout = || OcrError::DocumentTimeout {
        seconds: opts.document_timeout.as_secs_f64(),
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                if failed.load(Ordering::Relaxed) {
                    break;
                }
                let page = next.fetch_add(1, Ordering::Relaxed);
                if page > pages {
                    break;
                }
                let r = match opts.slots.acquire(deadline) {
                    None => Err(timeout()),
                    Some(_slot) => {
                        let page_deadline = (Instant::now() + opts.page_timeout).min(deadline);
                        // A page's panic is that page's error, with its
                        // message (the scope would only say that a thread
                        // panicked).
                        std::panic::catch_unwind(AssertUnwindSafe(|| {
                            read_page(page, page_deadline)
                        }))
                        .unwrap_or_else(|panic| {
                            Err(OcrError::Failed {
                                page,
                                detail: format!("panicked: {}", panic_message(panic.as_ref())),
                            })
                        })
                        .map_err(|e| match e {
                            OcrError::PageTimeout { .. } if Instant::now() >= deadline => timeout(),
                            other => other,
                        })
                    }
                };
                if r.is_err() {
                    failed.store(true, Ordering::Relaxed);
                }
                if let Ok(mut all) = results.lock() {
                    all[page - 1] = Some(r);
                }
            });
        }
    });
    let all = results.into_inner().unwrap_or_default();
    let mut out = Vec::with_capacity(pages);
    for r in all {
        match r {
            Some(Ok(lines)) => out.push(lines),
            Some(Err(e)) => return Err(e),
            // Not reached: a page before it failed (its error came first).
            None => return Err(timeout()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// A page whose reading panics fails with the panic's message and its
    /// page (held-out GM1 said only `a scoped thread panicked`).
    #[test]
    fn a_page_s_panic_is_its_error() {
        let opts = OcrOptions::default();
        let deadline = Instant::now() + Duration::from_secs(10);
        let err = in_parallel(3, deadline, &opts, |page, _| {
            if page == 2 {
                panic!("failed to spawn thread");
            }
            Ok(Vec::new())
        })
        .expect_err("page 2 panicked");
        match err {
            OcrError::Failed { page, detail } => {
                assert_eq!(page, 2);
                assert_eq!(detail, "panicked: failed to spawn thread");
            }
            other => panic!("not a page's failure: {other:?}"),
        }
    }

    #[test]
    fn slots_are_shared_by_clones() {
        let slots = Slots::new(1);
        let other = slots.clone();
        let deadline = Instant::now() + Duration::from_millis(50);
        let held = slots.acquire(deadline).expect("one free");
        assert!(other.acquire(deadline).is_none(), "the only slot is taken");
        drop(held);
        assert!(other
            .acquire(Instant::now() + Duration::from_secs(1))
            .is_some());
    }
}
