//! Interleaved timing: ratios that hold on a shared, noisy machine.
//!
//! Criterion times one benchmark after another, so load that comes and goes (other builds on the
//! same two cores) lands on some benchmarks and not on others, and the ratio of two medians moves
//! by tens of percent between runs. [`measure`] instead runs the contenders in rounds: in each
//! round every contender runs one batch (in a rotating order, so no one always goes first), the
//! round's ratio of each contender to the reference is taken, and the result is the median of
//! those ratios over all rounds. Load that lasts longer than a round slows every contender of that
//! round alike and cancels out of its ratio.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// One contender: a name and the work to time (its result is passed to `black_box`).
pub struct Contender<'a> {
    /// Shown in the table.
    pub name: &'static str,
    /// One call of the work.
    pub run: Box<dyn FnMut() + 'a>,
}

impl std::fmt::Debug for Contender<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Contender")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl<'a> Contender<'a> {
    /// A contender whose result is kept from the optimizer and then dropped (inside the timing).
    pub fn new<T>(name: &'static str, mut f: impl FnMut() -> T + 'a) -> Self {
        Self {
            name,
            run: Box::new(move || {
                black_box(f());
            }),
        }
    }
}

/// What one contender did: its time per call in each round.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The contender's name.
    pub name: &'static str,
    /// Nanoseconds per call, one entry per round.
    pub per_round: Vec<f64>,
}

impl Series {
    /// The median time of one call over the rounds, in nanoseconds.
    pub fn median_ns(&self) -> f64 {
        median(&mut self.per_round.clone())
    }

    /// The median over the rounds of (this series' time / `reference`'s time in the same round).
    pub fn ratio_to(&self, reference: &Series) -> f64 {
        median(&mut self.ratios_to(reference))
    }

    /// The per-round ratios (this series' time / `reference`'s time in the same round).
    pub fn ratios_to(&self, reference: &Series) -> Vec<f64> {
        self.per_round
            .iter()
            .zip(&reference.per_round)
            .map(|(a, b)| a / b)
            .collect()
    }
}

/// How long a run takes and how it is cut into rounds.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Rounds to run (each gives one ratio per contender).
    pub rounds: usize,
    /// About how long one contender's batch takes (the batch size is set from a calibration).
    pub batch: Duration,
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            rounds: 200,
            batch: Duration::from_millis(2),
        }
    }
}

/// The median of `v` (the mean of the middle two for an even length); `NaN` if empty.
pub fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v[mid]
    } else {
        f64::midpoint(v[mid - 1], v[mid])
    }
}

/// The `q` quantile of `v` (nearest rank, `q` clamped to 0..=1); `NaN` if empty. Sorts `v`.
pub fn quantile(v: &mut [f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let rank = ((v.len() - 1) as f64 * q.clamp(0.0, 1.0)).round() as usize;
    v[rank]
}

fn time_batch(run: &mut dyn FnMut(), iterations: u64) -> f64 {
    let start = Instant::now();
    for _ in 0..iterations {
        run();
    }
    start.elapsed().as_nanos() as f64 / iterations as f64
}

/// Times `contenders` interleaved as the module says. Every contender runs the same number of
/// calls per batch, chosen so that the slowest takes about `plan.batch`.
pub fn measure(contenders: &mut [Contender<'_>], plan: Plan) -> Vec<Series> {
    assert!(!contenders.is_empty(), "nothing to measure");
    // Warm up and calibrate: the slowest contender's time per call.
    let mut slowest = 0f64;
    for c in contenders.iter_mut() {
        let mut iterations = 1u64;
        let per_call = loop {
            let start = Instant::now();
            for _ in 0..iterations {
                (c.run)();
            }
            let elapsed = start.elapsed();
            if elapsed >= Duration::from_millis(20) || iterations >= 1 << 30 {
                break elapsed.as_nanos() as f64 / iterations as f64;
            }
            iterations *= 2;
        };
        slowest = slowest.max(per_call);
    }
    let iterations = ((plan.batch.as_nanos() as f64 / slowest.max(1.0)) as u64).max(1);
    measure_fixed(contenders, plan.rounds, iterations)
}

/// Times `contenders` interleaved as the module says, without calibration: `rounds` rounds of
/// `iterations` calls per contender per batch (for work, such as a request to a server, whose
/// warm-up the caller does itself and whose count matters).
pub fn measure_fixed(
    contenders: &mut [Contender<'_>],
    rounds: usize,
    iterations: u64,
) -> Vec<Series> {
    let iterations = iterations.max(1);
    let n = contenders.len();
    let mut series: Vec<Series> = contenders
        .iter()
        .map(|c| Series {
            name: c.name,
            per_round: Vec::with_capacity(rounds),
        })
        .collect();
    for round in 0..rounds {
        for k in 0..n {
            let i = (round + k) % n;
            let t = time_batch(&mut *contenders[i].run, iterations);
            series[i].per_round.push(t);
        }
    }
    series
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert!((median(&mut [3.0, 1.0, 2.0]) - 2.0).abs() < 1e-12);
        assert!((median(&mut [4.0, 1.0, 2.0, 3.0]) - 2.5).abs() < 1e-12);
        assert!(median(&mut []).is_nan());
        assert!((quantile(&mut [4.0, 1.0, 2.0, 3.0, 5.0], 0.25) - 2.0).abs() < 1e-12);
        assert!((quantile(&mut [4.0, 1.0, 2.0, 3.0, 5.0], 1.0) - 5.0).abs() < 1e-12);
        assert!(quantile(&mut [], 0.5).is_nan());
    }

    #[test]
    fn fixed_batches_run_exactly_as_often_as_asked() {
        let (mut a, mut b) = (0u32, 0u32);
        let mut contenders = [
            Contender::new("a", || a += 1),
            Contender::new("b", || b += 1),
        ];
        let t = measure_fixed(&mut contenders, 3, 4);
        drop(contenders);
        assert_eq!((a, b), (12, 12));
        assert_eq!(t[1].ratios_to(&t[0]).len(), 3);
    }

    #[test]
    fn ratios_see_work_that_is_twice_as_long() {
        let work = |n: u64| (0..n).fold(0u64, |a, b| a.wrapping_mul(31).wrapping_add(black_box(b)));
        let mut contenders = [
            Contender::new("one", || work(black_box(20_000))),
            Contender::new("two", || work(black_box(40_000))),
        ];
        let plan = Plan {
            rounds: 30,
            batch: Duration::from_millis(1),
        };
        let t = measure(&mut contenders, plan);
        assert!((t[0].ratio_to(&t[0]) - 1.0).abs() < 1e-12);
        assert_eq!((t[0].name, t[1].name), ("one", "two"));
        assert_eq!(t[1].per_round.len(), 30);
        // Loose bounds: the test machine is shared.
        let r = t[1].ratio_to(&t[0]);
        assert!((1.4..2.8).contains(&r), "{r} {t:?}");
        assert!(t[1].median_ns() > t[0].median_ns());
    }
}
