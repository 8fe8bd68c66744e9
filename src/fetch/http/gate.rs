//! Politeness on one host: a [`HostGate`] admits at most `per_host`
//! requests in flight and spaces two request starts by `host_delay`.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Per-host admission: at most `per_host` requests in flight and `delay`
/// between two starts on one host.
pub(super) struct HostGate {
    per_host: usize,
    delay: Duration,
    state: Mutex<HashMap<String, HostState>>,
    changed: Condvar,
}

#[derive(Default)]
struct HostState {
    in_flight: usize,
    next_start: Option<Instant>,
}

/// A request slot on one host, given back on drop.
pub(super) struct Slot<'a> {
    gate: &'a HostGate,
    host: String,
}

impl HostGate {
    pub(super) fn new(per_host: usize, delay: Duration) -> Self {
        HostGate {
            per_host,
            delay,
            state: Mutex::new(HashMap::new()),
            changed: Condvar::new(),
        }
    }

    pub(super) fn acquire(&self, host: &str) -> Slot<'_> {
        let mut map = self.state.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let now = Instant::now();
            let st = map.entry(host.to_string()).or_default();
            let wait = st.next_start.map(|t| t.saturating_duration_since(now));
            if st.in_flight < self.per_host && wait.is_none_or(|w| w.is_zero()) {
                st.in_flight += 1;
                st.next_start = Some(now + self.delay);
                return Slot {
                    gate: self,
                    host: host.to_string(),
                };
            }
            let timeout = match wait {
                Some(w) if !w.is_zero() => w,
                // Full: wait for a release (with a bound, in case of a
                // missed wake-up).
                _ => Duration::from_millis(200),
            };
            map = self
                .changed
                .wait_timeout(map, timeout)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut map = self.gate.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(st) = map.get_mut(&self.host) {
            st.in_flight = st.in_flight.saturating_sub(1);
        }
        drop(map);
        self.gate.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_gate_spaces_starts_on_one_host_only() {
        // A delay long enough that a loaded machine cannot blur the two
        // cases: another host is not held back by it, the same host is.
        let delay = Duration::from_secs(1);
        let gate = HostGate::new(1, delay);
        drop(gate.acquire("a"));
        let t = Instant::now();
        drop(gate.acquire("b"));
        assert!(t.elapsed() < delay / 2, "{:?}", t.elapsed());
        drop(gate.acquire("a"));
        assert!(t.elapsed() >= delay, "{:?}", t.elapsed());
    }
}
