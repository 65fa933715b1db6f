//! Batches (`delete`, `prune`, `create --count`): one request per item, up to a bounded number
//! in flight on scoped threads that share one client (and so one rate limiter), every outcome
//! reported in the items' order.
//!
//! The rate limiter decides when each request may go; the threads only let several wait for it
//! at once, so a bucket that allows L requests per window is spent in about L / N round trips
//! instead of L. How many threads: `--concurrency N`, or by default the first request alone and
//! then as many as its bucket's limit (`X-RateLimit-Limit`), at most [`MAX_CONCURRENCY`]; one
//! when the API sends no limit.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// The most requests a batch keeps in flight: 16, the connections the client keeps alive per
/// host.
pub(crate) const MAX_CONCURRENCY: usize = 16;

/// How many requests a batch keeps in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Concurrency {
    /// `--concurrency N`: at most N from the start (the limiter still lets one through at a
    /// time until the bucket's first response).
    Fixed(usize),
    /// The default: the first request alone, then what the `auto` argument of [`run`] says
    /// (the bucket's limit), at most [`MAX_CONCURRENCY`].
    Auto,
}

impl Concurrency {
    /// `--concurrency`, if given.
    pub(crate) fn from_arg(arg: Option<u8>) -> Self {
        arg.map_or(Self::Auto, |n| Self::Fixed(usize::from(n)))
    }
}

/// What happened to one item.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome<R> {
    /// The operation ran and gave this.
    Done(R),
    /// Not started: the batch stopped before it.
    NotAttempted,
}

/// Runs `op` on each of `items` with up to `concurrency` in flight, and calls `report` once
/// per item, in the items' order, as soon as the item and every one before it are done. Once an
/// outcome `stops` the batch, no further item is started (those in flight finish and are
/// reported as they ended); the rest are [`Outcome::NotAttempted`]. Items start in order, so
/// what ran is always a prefix of `items`. With
/// [`Concurrency::Auto`], `auto` is asked after the first item how many may be in flight.
pub(crate) fn run<I: Sync, R: Send>(
    items: &[I],
    concurrency: Concurrency,
    op: impl Fn(&I) -> R + Sync,
    stops: impl Fn(&R) -> bool + Sync,
    auto: impl FnOnce() -> usize,
    mut report: impl FnMut(usize, Outcome<R>),
) {
    let len = items.len();
    let mut start = 0;
    let workers = match concurrency {
        Concurrency::Fixed(n) => n,
        Concurrency::Auto => {
            let Some(first) = items.first() else {
                return;
            };
            let outcome = op(first);
            let stop = stops(&outcome);
            report(0, Outcome::Done(outcome));
            start = 1;
            if stop {
                (1..len).for_each(|n| report(n, Outcome::NotAttempted));
                return;
            }
            auto()
        }
    };
    let workers = workers.clamp(1, MAX_CONCURRENCY).min(len - start);
    if workers <= 1 {
        let mut stopped = false;
        for (n, item) in items.iter().enumerate().skip(start) {
            if stopped {
                report(n, Outcome::NotAttempted);
                continue;
            }
            let outcome = op(item);
            stopped = stops(&outcome);
            report(n, Outcome::Done(outcome));
        }
        return;
    }
    let next = AtomicUsize::new(start);
    let stopped = AtomicBool::new(false);
    let (next, stopped, op, stops) = (&next, &stopped, &op, &stops);
    std::thread::scope(|scope| {
        let (done, results) = mpsc::channel::<(usize, Outcome<R>)>();
        for _ in 0..workers {
            let done = done.clone();
            scope.spawn(move || {
                while !stopped.load(Ordering::SeqCst) {
                    let n = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(n) else {
                        break;
                    };
                    // Items are claimed in order and a claimed item always runs: what ran
                    // is a prefix of the items, what did not is the rest.
                    let outcome = op(item);
                    if stops(&outcome) {
                        stopped.store(true, Ordering::SeqCst);
                    }
                    if done.send((n, Outcome::Done(outcome))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        // Outcomes that arrived before one of an earlier item, held until it comes.
        let mut waiting: Vec<Option<Outcome<R>>> = (start..len).map(|_| None).collect();
        let mut cursor = start;
        for (n, outcome) in results {
            waiting[n - start] = Some(outcome);
            while let Some(outcome) = waiting.get_mut(cursor - start).and_then(Option::take) {
                report(cursor, outcome);
                cursor += 1;
            }
        }
        // Every thread has ended: the items no thread claimed were never started.
        for n in cursor..len {
            let outcome = waiting[n - start].take().unwrap_or(Outcome::NotAttempted);
            report(n, outcome);
        }
    });
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::time::Duration;

    use super::*;

    /// Runs a batch of `len` items whose op sleeps a little (longer for early items, so they
    /// finish out of order) and records the items started; returns the reports and the starts.
    fn batch(
        len: usize,
        concurrency: Concurrency,
        stop_at: Option<usize>,
        auto: usize,
    ) -> (Vec<(usize, Outcome<usize>)>, Vec<usize>) {
        let items: Vec<usize> = (0..len).collect();
        let started = Mutex::new(Vec::new());
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let mut reports = Vec::new();
        run(
            &items,
            concurrency,
            |&n| {
                started.lock().unwrap().push(n);
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(if n % 3 == 0 { 12 } else { 2 }));
                in_flight.fetch_sub(1, Ordering::SeqCst);
                n * 10
            },
            |&r| stop_at.is_some_and(|s| r == s * 10),
            || auto,
            |n, outcome| reports.push((n, outcome)),
        );
        let limit = match concurrency {
            Concurrency::Fixed(n) => n,
            Concurrency::Auto => auto,
        };
        assert!(most.load(Ordering::SeqCst) <= limit.clamp(1, MAX_CONCURRENCY));
        let mut started = started.into_inner().unwrap();
        started.sort_unstable();
        (reports, started)
    }

    #[test]
    fn every_item_once_in_order() {
        for concurrency in [
            Concurrency::Fixed(1),
            Concurrency::Fixed(4),
            Concurrency::Fixed(100),
            Concurrency::Auto,
        ] {
            let (reports, started) = batch(20, concurrency, None, 5);
            assert_eq!(started, (0..20).collect::<Vec<_>>(), "{concurrency:?}");
            let expected: Vec<_> = (0..20).map(|n| (n, Outcome::Done(n * 10))).collect();
            assert_eq!(reports, expected, "{concurrency:?}");
        }
        let (reports, _) = batch(0, Concurrency::Auto, None, 5);
        assert!(reports.is_empty());
        let (reports, _) = batch(1, Concurrency::Fixed(8), None, 5);
        assert_eq!(reports, [(0, Outcome::Done(0))]);
    }

    #[test]
    fn auto_runs_the_first_alone_then_asks() {
        let asked = AtomicBool::new(false);
        let mut order = Vec::new();
        run(
            &[0, 1, 2],
            Concurrency::Auto,
            |&n| n,
            |_| false,
            || {
                asked.store(true, Ordering::SeqCst);
                0
            },
            |n, _| order.push((n, asked.load(Ordering::SeqCst))),
        );
        // The first was reported before `auto` was asked; 0 means one at a time.
        assert_eq!(order, [(0, false), (1, true), (2, true)]);
    }

    #[test]
    fn a_stop_ends_the_batch_and_the_rest_is_not_attempted() {
        for concurrency in [Concurrency::Fixed(1), Concurrency::Auto] {
            let (reports, started) = batch(10, concurrency, Some(0), 4);
            assert_eq!(started, [0], "{concurrency:?}");
            assert_eq!(reports[0], (0, Outcome::Done(0)));
            assert!(
                reports[1..]
                    .iter()
                    .enumerate()
                    .all(|(i, r)| *r == (i + 1, Outcome::NotAttempted))
            );
        }
        // In parallel: those in flight finish; nothing starts after the stop; order is kept.
        let (reports, started) = batch(30, Concurrency::Fixed(4), Some(5), 4);
        assert_eq!(reports.len(), 30);
        for (i, (n, _)) in reports.iter().enumerate() {
            assert_eq!(i, *n);
        }
        let done: Vec<usize> = reports
            .iter()
            .filter(|(_, o)| matches!(o, Outcome::Done(_)))
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(done, started);
        // What ran is a prefix (items are claimed in order, and a claimed one runs) through
        // the stop; the threads finished what they had claimed, and the tail never started.
        assert_eq!(done, (0..done.len()).collect::<Vec<_>>());
        assert!(done.len() > 5, "{done:?}");
        assert!(matches!(reports[29].1, Outcome::NotAttempted), "{done:?}");
    }
}
