//! Interleaved timing: contenders run in alternating batches, in one process, so that the load of
//! a shared machine (which moves a sequential benchmark by tens of percent from one minute to the
//! next) falls on all of them alike. Each round times one batch of every contender, in an order
//! rotated from round to round; a ratio is taken within each round and the median over rounds
//! is reported.
//!
//! ```
//! use benches::interleave::{Contender, run};
//! let mut a = || { std::hint::black_box((0..100u32).sum::<u32>()); };
//! let mut b = || { std::hint::black_box((0..200u32).sum::<u32>()); };
//! let result = run(&mut [Contender::new("a", &mut a), Contender::new("b", &mut b)], 5, 10);
//! assert_eq!(result.rounds(), 5);
//! assert!(result.median_ratio(0, 1).is_finite());
//! ```

use std::fmt;
use std::time::{Duration, Instant};

/// One side of the comparison: a name and the operation it times.
pub struct Contender<'a> {
    name: &'static str,
    op: &'a mut dyn FnMut(),
}

impl fmt::Debug for Contender<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Contender")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl<'a> Contender<'a> {
    /// A contender named `name` running `op` once per operation.
    pub fn new(name: &'static str, op: &'a mut dyn FnMut()) -> Self {
        Self { name, op }
    }
}

/// Per-operation times of every contender in every round.
#[derive(Debug, Clone)]
pub struct Interleaved {
    names: Vec<&'static str>,
    /// `times[round][contender]`: the batch's time divided by its size.
    times: Vec<Vec<Duration>>,
}

/// Runs `rounds` rounds; each round runs a batch of `batch` operations of every contender, the
/// first contender of round `r` being contender `r % len`, and times each batch.
pub fn run(contenders: &mut [Contender<'_>], rounds: usize, batch: usize) -> Interleaved {
    let k = contenders.len();
    let batch = batch.max(1);
    let per_op = u32::try_from(batch).unwrap_or(u32::MAX);
    let mut times = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let mut row = vec![Duration::ZERO; k];
        for i in 0..k {
            let c = (round + i) % k;
            let op = &mut *contenders[c].op;
            let started = Instant::now();
            for _ in 0..batch {
                op();
            }
            row[c] = started.elapsed() / per_op;
        }
        times.push(row);
    }
    Interleaved {
        names: contenders.iter().map(|c| c.name).collect(),
        times,
    }
}

/// The median of `values` (NaN when empty); sorts them.
pub fn median(values: &mut [f64]) -> f64 {
    quantile(values, 0.5)
}

/// The `q` quantile of `values` (nearest rank; NaN when empty); sorts them.
pub fn quantile(values: &mut [f64], q: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let rank = ((values.len() - 1) as f64 * q.clamp(0.0, 1.0)).round() as usize;
    values[rank]
}

impl Interleaved {
    /// How many rounds were run.
    pub fn rounds(&self) -> usize {
        self.times.len()
    }

    /// The contenders' names, in the order given.
    pub fn names(&self) -> &[&'static str] {
        &self.names
    }

    /// The median time per operation of contender `c` over the rounds.
    pub fn median_time(&self, c: usize) -> Duration {
        let mut secs: Vec<f64> = self.times.iter().map(|r| r[c].as_secs_f64()).collect();
        Duration::from_secs_f64(median(&mut secs).max(0.0))
    }

    /// The per-round ratios time(`a`) / time(`b`).
    pub fn ratios(&self, a: usize, b: usize) -> Vec<f64> {
        self.times
            .iter()
            .map(|r| r[a].as_secs_f64() / r[b].as_secs_f64())
            .collect()
    }

    /// The median over rounds of time(`a`) / time(`b`) within the round.
    pub fn median_ratio(&self, a: usize, b: usize) -> f64 {
        median(&mut self.ratios(a, b))
    }

    /// The first and third quartiles of the per-round ratios time(`a`) / time(`b`).
    pub fn ratio_quartiles(&self, a: usize, b: usize) -> (f64, f64) {
        let mut ratios = self.ratios(a, b);
        (quantile(&mut ratios, 0.25), quantile(&mut ratios, 0.75))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles() {
        assert!(median(&mut []).is_nan());
        assert!((median(&mut [3.0, 1.0, 2.0]) - 2.0).abs() < f64::EPSILON);
        let mut v = [4.0, 1.0, 3.0, 2.0, 5.0];
        assert!((quantile(&mut v, 0.25) - 2.0).abs() < f64::EPSILON);
        assert!((quantile(&mut v, 1.0) - 5.0).abs() < f64::EPSILON);
    }

    #[test]
    fn every_contender_runs_every_round_in_rotated_order() {
        use std::cell::RefCell;
        let log = RefCell::new(Vec::new());
        let mut a = || log.borrow_mut().push('a');
        let mut b = || log.borrow_mut().push('b');
        let mut c = || log.borrow_mut().push('c');
        let result = run(
            &mut [
                Contender::new("a", &mut a),
                Contender::new("b", &mut b),
                Contender::new("c", &mut c),
            ],
            3,
            2,
        );
        assert_eq!(result.rounds(), 3);
        assert_eq!(result.names(), ["a", "b", "c"]);
        let order: String = log.into_inner().into_iter().collect();
        assert_eq!(order, "aabbcc bbccaa ccaabb".replace(' ', ""));
    }

    #[test]
    fn a_slower_contender_has_the_larger_time() {
        let mut fast = || std::thread::sleep(Duration::from_micros(10));
        let mut slow = || std::thread::sleep(Duration::from_millis(3));
        let result = run(
            &mut [
                Contender::new("fast", &mut fast),
                Contender::new("slow", &mut slow),
            ],
            3,
            2,
        );
        assert!(result.median_time(1) >= Duration::from_millis(3));
        assert!(result.median_ratio(1, 0) > 1.0, "{result:?}");
        let (q1, q3) = result.ratio_quartiles(1, 0);
        assert!(q1 <= q3);
    }
}
