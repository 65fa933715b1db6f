//! [`RetryPolicy`] and [`RetryTracker`]: when a call is sent again, as a pure state machine. An
//! adapter tells the tracker what each attempt gave ([`AttemptOutcome`]) and does what it answers
//! ([`RetryDecision`]); it asks before each rate-limit wait ([`RetryTracker::may_wait`]). No
//! clock, no I/O: the adapter sleeps, the tracker only counts.

use core::time::Duration;

use crate::ratelimit::headers::{FALLBACK_WAIT, RateLimitInfo};

/// When and how often a call is sent again.
///
/// - A **429** is always retried (the API did nothing), up to `max_rate_limit_retries` times,
///   after the wait it asked for (which the rate limiter holds), or [`FALLBACK_WAIT`] if it
///   named none.
/// - A **5xx** or a **broken connection** is retried up to `max_retries` times, with exponential
///   backoff (`backoff_base`, doubled each time, at most `backoff_max`), and only for requests
///   marked [`retry_safe`](crate::endpoint::Request::retry_safe): sending a non-idempotent
///   request twice could act twice. Timeouts are not retried (the timeout bounds the call).
/// - The time spent waiting for rate limits within one call (the limiter's waits and the
///   fallback waits of 429s) is at most `max_rate_limit_wait`; a wait that would go past it ends
///   the call.
///
/// So one call takes at most [`max_call_duration`](Self::max_call_duration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// How many times a 429 is retried.
    pub max_rate_limit_retries: u32,
    /// How many times a 5xx or broken connection is retried (retry-safe requests only).
    pub max_retries: u32,
    /// The first backoff pause.
    pub backoff_base: Duration,
    /// The longest backoff pause.
    pub backoff_max: Duration,
    /// The most time one call spends waiting for rate limits.
    pub max_rate_limit_wait: Duration,
}

impl Default for RetryPolicy {
    /// 3 rate-limit retries, 2 other retries, backoff 250 ms doubling up to 5 s, at most 60 s of
    /// rate-limit waits per call.
    fn default() -> Self {
        Self {
            max_rate_limit_retries: 3,
            max_retries: 2,
            backoff_base: Duration::from_millis(250),
            backoff_max: Duration::from_secs(5),
            max_rate_limit_wait: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Never retry; still wait for the rate limiter, up to the default 60 s.
    pub fn none() -> Self {
        Self {
            max_rate_limit_retries: 0,
            max_retries: 0,
            ..Self::default()
        }
    }

    /// This policy retrying a 429 at most `retries` times.
    ///
    /// ```
    /// use core::time::Duration;
    /// use invite_model::RetryPolicy;
    /// let policy = RetryPolicy::default()
    ///     .with_max_rate_limit_retries(1)
    ///     .with_max_retries(4)
    ///     .with_backoff(Duration::from_millis(100), Duration::from_secs(1))
    ///     .with_max_rate_limit_wait(Duration::from_secs(10));
    /// assert_eq!(policy.max_attempts(), 6);
    /// assert_eq!(policy.backoff(4), Duration::from_millis(800));
    /// assert_eq!(policy.max_rate_limit_wait, Duration::from_secs(10));
    /// ```
    #[must_use]
    pub const fn with_max_rate_limit_retries(mut self, retries: u32) -> Self {
        self.max_rate_limit_retries = retries;
        self
    }

    /// This policy retrying a 5xx or broken connection at most `retries` times (retry-safe
    /// requests only).
    #[must_use]
    pub const fn with_max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// This policy with the first backoff pause `base`, doubled each retry up to `max`.
    #[must_use]
    pub const fn with_backoff(mut self, base: Duration, max: Duration) -> Self {
        self.backoff_base = base;
        self.backoff_max = max;
        self
    }

    /// This policy spending at most `wait` of one call waiting for rate limits.
    #[must_use]
    pub const fn with_max_rate_limit_wait(mut self, wait: Duration) -> Self {
        self.max_rate_limit_wait = wait;
        self
    }

    /// The pause before retry number `retry` (1-based): `backoff_base * 2^(retry-1)`, at most
    /// `backoff_max`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.backoff_base
            .saturating_mul(factor)
            .min(self.backoff_max)
    }

    /// The most attempts one call makes: the first, `max_retries` after 5xx or broken
    /// connections, `max_rate_limit_retries` after 429s.
    pub const fn max_attempts(&self) -> u32 {
        1u32.saturating_add(self.max_retries)
            .saturating_add(self.max_rate_limit_retries)
    }

    /// The sum of every backoff pause one call may take: `backoff(1) + ... +
    /// backoff(max_retries)`. Computed in at most 33 steps whatever `max_retries` is.
    pub fn max_backoff_total(&self) -> Duration {
        let mut total = Duration::ZERO;
        let mut retry = 1;
        while retry <= self.max_retries {
            let pause = self.backoff(retry);
            if pause == self.backoff_max || retry > 32 {
                // Every later pause is this one (the cap, or a saturated doubling).
                let left = self.max_retries - retry + 1;
                return total.saturating_add(pause.saturating_mul(left));
            }
            total = total.saturating_add(pause);
            retry += 1;
        }
        total
    }

    /// The longest one call can take when no attempt takes longer than `attempt_timeout`:
    /// `max_attempts() * attempt_timeout + max_backoff_total() + max_rate_limit_wait`. The
    /// [`RetryTracker`] never allows more attempts, backoff or rate-limit waiting than that
    /// (the adapter adds only its own scheduling delays).
    ///
    /// ```
    /// use core::time::Duration;
    /// use invite_model::RetryPolicy;
    /// // 6 attempts of 30 s, backoffs 0.25 + 0.5 s, 60 s of rate-limit waits.
    /// assert_eq!(
    ///     RetryPolicy::default().max_call_duration(Duration::from_secs(30)),
    ///     Duration::from_millis(240_750)
    /// );
    /// assert_eq!(
    ///     RetryPolicy::none().max_call_duration(Duration::from_secs(30)),
    ///     Duration::from_secs(90)
    /// );
    /// ```
    pub fn max_call_duration(&self, attempt_timeout: Duration) -> Duration {
        attempt_timeout
            .saturating_mul(self.max_attempts())
            .saturating_add(self.max_backoff_total())
            .saturating_add(self.max_rate_limit_wait)
    }

    /// A tracker for one call of a request that is (or is not) safe to send twice.
    pub const fn tracker(&self, retry_safe: bool) -> RetryTracker {
        RetryTracker::new(*self, retry_safe)
    }
}

/// What one attempt gave, as the adapter saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttemptOutcome<'a> {
    /// A response arrived (its body read): its status and rate-limit facts.
    Response {
        /// The HTTP status.
        status: u16,
        /// The rate-limit facts of the response ([`RateLimitInfo::from_response`]).
        rate_limit: RateLimitInfo<'a>,
    },
    /// The attempt did not finish within its timeout.
    Timeout,
    /// The connection failed before a whole response came.
    Transport {
        /// Whether the failure allows sending again (a refused or reset connection, a
        /// response that is not HTTP), as opposed to one that will fail the same way (a bad
        /// request, TLS).
        retryable: bool,
        /// Whether the request may have reached the server (the connection broke after it
        /// was written), so the API may have acted on it.
        sent: bool,
    },
}

/// What to do after an attempt. Exhaustive on purpose: an adapter must handle every decision,
/// so a new one is a breaking change, not a silent fallthrough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(
    clippy::exhaustive_enums,
    reason = "an adapter must handle every decision: a new one is a breaking change, not a silent fallthrough"
)]
pub enum RetryDecision {
    /// Pause this long, then acquire from the rate limiter and send again: a backoff after a
    /// 5xx or a broken connection, or [`FALLBACK_WAIT`] after a 429 that named no wait.
    Retry {
        /// How long to pause.
        pause: Duration,
    },
    /// A 429 whose wait the rate limiter now holds (it was recorded there): acquire again,
    /// asking [`RetryTracker::may_wait`] before each wait, and send again.
    WaitForRateLimit,
    /// Stop; the call ends with what this attempt gave.
    Stop(StopWith),
}

/// What a stopped call returns (exhaustive, like [`RetryDecision`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(
    clippy::exhaustive_enums,
    reason = "an adapter must handle every way a call ends, as with `RetryDecision`"
)]
pub enum StopWith {
    /// The response of the last attempt, for the endpoint to parse: a success, an error status,
    /// or a 429 whose retries or wait budget are used up (it parses into
    /// [`RateLimited`](crate::RateLimited)).
    Response,
    /// The failure of the last attempt (its timeout or transport error).
    Failure,
}

/// The retry state of one call: told the request's retry-safety and each attempt's outcome, it
/// answers what to do next, within the bounds of its [`RetryPolicy`].
///
/// ```
/// use core::time::Duration;
/// use invite_model::endpoint::Response;
/// use invite_model::{AttemptOutcome, RateLimitInfo, RetryDecision, RetryPolicy, StopWith};
///
/// let mut call = RetryPolicy::default().tracker(true);
/// let outcome = |status| AttemptOutcome::Response {
///     status,
///     rate_limit: RateLimitInfo::from_response(&Response::new(status, &[], b"")),
/// };
/// assert_eq!(call.record(outcome(502)), RetryDecision::Retry { pause: Duration::from_millis(250) });
/// // The 502 may have acted: a 404 now may mean the first attempt already did the job.
/// assert_eq!(call.record(outcome(404)), RetryDecision::Stop(StopWith::Response));
/// assert!(call.earlier_attempt_may_have_acted());
/// assert_eq!(call.attempts(), 2);
///
/// // A timeout ends the call.
/// let mut call = RetryPolicy::default().tracker(true);
/// assert_eq!(call.record(AttemptOutcome::Timeout), RetryDecision::Stop(StopWith::Failure));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryTracker {
    policy: RetryPolicy,
    retry_safe: bool,
    attempts: u32,
    retries: u32,
    rate_limit_retries: u32,
    backoff_total: Duration,
    rate_limit_waited: Duration,
    /// A wait allowed by `may_wait` and not yet reported by `waited`.
    allowed_wait: Duration,
    /// Whether an attempt before the last one may have acted.
    acted_before: bool,
    /// Whether the last attempt may have acted.
    acted_last: bool,
    stopped: Option<StopWith>,
}

impl RetryTracker {
    /// The tracker of one call under `policy`; `retry_safe` is the request's
    /// [`retry_safe`](crate::endpoint::Request::retry_safe).
    pub const fn new(policy: RetryPolicy, retry_safe: bool) -> Self {
        Self {
            policy,
            retry_safe,
            attempts: 0,
            retries: 0,
            rate_limit_retries: 0,
            backoff_total: Duration::ZERO,
            rate_limit_waited: Duration::ZERO,
            allowed_wait: Duration::ZERO,
            acted_before: false,
            acted_last: false,
            stopped: None,
        }
    }

    /// Takes the outcome of the attempt just made and says what to do next. Once it has said
    /// [`Stop`](RetryDecision::Stop), it keeps saying so (with what the call ends with).
    pub fn record(&mut self, outcome: AttemptOutcome<'_>) -> RetryDecision {
        if let Some(with) = self.stopped {
            return RetryDecision::Stop(with);
        }
        self.attempts = self.attempts.saturating_add(1);
        self.acted_before |= self.acted_last;
        let decision = match outcome {
            AttemptOutcome::Response {
                status: 429,
                rate_limit,
            } => {
                // The API did not act on a 429.
                self.acted_last = false;
                self.after_429(&rate_limit)
            }
            AttemptOutcome::Response { status, .. } => {
                // A 5xx may come after the API acted (a gateway that timed out, a crash).
                self.acted_last = status >= 500;
                if status >= 500 {
                    self.backoff_or(StopWith::Response)
                } else {
                    RetryDecision::Stop(StopWith::Response)
                }
            }
            AttemptOutcome::Timeout => {
                // The request may have been sent; either way the timeout bounds the call.
                self.acted_last = true;
                RetryDecision::Stop(StopWith::Failure)
            }
            AttemptOutcome::Transport { retryable, sent } => {
                self.acted_last = sent;
                if retryable {
                    self.backoff_or(StopWith::Failure)
                } else {
                    RetryDecision::Stop(StopWith::Failure)
                }
            }
        };
        if let RetryDecision::Stop(with) = decision {
            self.stopped = Some(with);
        }
        decision
    }

    /// A 429: retried while rate-limit retries are left; the wait is the limiter's if the
    /// response named one, else the fallback wait, from the rate-limit budget.
    fn after_429(&mut self, info: &RateLimitInfo<'_>) -> RetryDecision {
        if self.rate_limit_retries >= self.policy.max_rate_limit_retries {
            return RetryDecision::Stop(StopWith::Response);
        }
        if info.names_a_wait() {
            self.rate_limit_retries += 1;
            return RetryDecision::WaitForRateLimit;
        }
        let waited = self.rate_limit_waited.saturating_add(FALLBACK_WAIT);
        if waited > self.policy.max_rate_limit_wait {
            return RetryDecision::Stop(StopWith::Response);
        }
        self.rate_limit_retries += 1;
        self.rate_limit_waited = waited;
        RetryDecision::Retry {
            pause: FALLBACK_WAIT,
        }
    }

    /// A 5xx or a retryable transport failure: a backoff retry for a retry-safe request with
    /// retries left, else stop.
    fn backoff_or(&mut self, stop: StopWith) -> RetryDecision {
        if !self.retry_safe || self.retries >= self.policy.max_retries {
            return RetryDecision::Stop(stop);
        }
        self.retries += 1;
        let pause = self.policy.backoff(self.retries);
        self.backoff_total = self.backoff_total.saturating_add(pause);
        RetryDecision::Retry { pause }
    }

    /// Asks whether the call may wait `wait` for the rate limiter (before an attempt): true if
    /// the time already waited plus `wait` stays within `max_rate_limit_wait`. After a `true`,
    /// the adapter waits (it may be woken early) and reports the time with
    /// [`waited`](Self::waited). A `false` ends the call: the adapter returns a rate-limit error
    /// (the 429 it was waiting out, if the last attempt got one, else one with that wait).
    pub fn may_wait(&mut self, wait: Duration) -> bool {
        let allowed =
            self.rate_limit_waited.saturating_add(wait) <= self.policy.max_rate_limit_wait;
        self.allowed_wait = if allowed { wait } else { Duration::ZERO };
        allowed
    }

    /// Reports how long the adapter waited after [`may_wait`](Self::may_wait) said yes; at most
    /// the wait it allowed is counted, so the total stays within `max_rate_limit_wait`.
    pub fn waited(&mut self, elapsed: Duration) {
        let counted = elapsed.min(self.allowed_wait);
        self.allowed_wait = Duration::ZERO;
        self.rate_limit_waited = self.rate_limit_waited.saturating_add(counted);
    }

    /// The policy.
    pub const fn policy(&self) -> RetryPolicy {
        self.policy
    }

    /// Whether the request is safe to send twice.
    pub const fn retry_safe(&self) -> bool {
        self.retry_safe
    }

    /// How many attempts were recorded (at most [`RetryPolicy::max_attempts`]).
    pub const fn attempts(&self) -> u32 {
        self.attempts
    }

    /// How many 5xx / transport retries were allowed (at most `max_retries`).
    pub const fn retries(&self) -> u32 {
        self.retries
    }

    /// How many 429 retries were allowed (at most `max_rate_limit_retries`).
    pub const fn rate_limit_retries(&self) -> u32 {
        self.rate_limit_retries
    }

    /// The backoff pauses allowed so far (at most [`RetryPolicy::max_backoff_total`]).
    pub const fn backoff_total(&self) -> Duration {
        self.backoff_total
    }

    /// The rate-limit waiting counted so far: waits reported with [`waited`](Self::waited) and
    /// fallback pauses after 429s (at most `max_rate_limit_wait`).
    pub const fn rate_limit_waited(&self) -> Duration {
        self.rate_limit_waited
    }

    /// Whether an attempt before the last one may have acted: it was sent and then failed with
    /// a 5xx, a broken connection or a timeout. So a retried DELETE that gets 404 Unknown
    /// Invite may be reported as already gone.
    pub const fn earlier_attempt_may_have_acted(&self) -> bool {
        self.acted_before
    }

    /// What the call ended with, once the tracker said [`Stop`](RetryDecision::Stop).
    pub const fn stopped(&self) -> Option<StopWith> {
        self.stopped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Response;
    use alloc::vec::Vec;
    use proptest::prelude::*;

    fn info(headers: &'static [(&'static str, &'static str)]) -> RateLimitInfo<'static> {
        RateLimitInfo::from_response(&Response::new(429, headers, b""))
    }

    fn response(status: u16) -> AttemptOutcome<'static> {
        AttemptOutcome::Response {
            status,
            rate_limit: RateLimitInfo::default(),
        }
    }

    fn limited(wait: bool) -> AttemptOutcome<'static> {
        AttemptOutcome::Response {
            status: 429,
            rate_limit: if wait {
                info(&[("retry-after", "2")])
            } else {
                info(&[])
            },
        }
    }

    const BROKEN: AttemptOutcome<'static> = AttemptOutcome::Transport {
        retryable: true,
        sent: true,
    };
    const REFUSED: AttemptOutcome<'static> = AttemptOutcome::Transport {
        retryable: true,
        sent: false,
    };

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = RetryPolicy::default();
        let got: Vec<u128> = (1..=7).map(|n| p.backoff(n).as_millis()).collect();
        assert_eq!(got, [250, 500, 1000, 2000, 4000, 5000, 5000]);
        assert_eq!(p.backoff(0).as_millis(), 250);
        assert_eq!(p.backoff(u32::MAX), Duration::from_secs(5));
        assert_eq!(RetryPolicy::none().max_retries, 0);
    }

    #[test]
    fn max_call_duration_is_the_documented_sum() {
        let p = RetryPolicy::default();
        assert_eq!(p.max_attempts(), 6);
        assert_eq!(p.max_backoff_total(), Duration::from_millis(750));
        let t = Duration::from_secs(30);
        assert_eq!(
            p.max_call_duration(t),
            t * 6 + Duration::from_millis(750) + Duration::from_secs(60)
        );
        let many = RetryPolicy {
            max_retries: 10,
            ..p
        };
        // 0.25 + 0.5 + 1 + 2 + 4, then 5 s five times.
        assert_eq!(many.max_backoff_total(), Duration::from_millis(32_750));
        let sum: Duration = (1..=10).map(|n| many.backoff(n)).sum();
        assert_eq!(many.max_backoff_total(), sum);
        let huge = RetryPolicy {
            max_retries: u32::MAX,
            max_rate_limit_retries: u32::MAX,
            backoff_base: Duration::from_secs(1),
            backoff_max: Duration::MAX,
            max_rate_limit_wait: Duration::MAX,
        };
        assert_eq!(huge.max_attempts(), u32::MAX);
        assert_eq!(huge.max_call_duration(t), Duration::MAX);
        let zero = RetryPolicy {
            backoff_base: Duration::ZERO,
            ..many
        };
        assert_eq!(zero.max_backoff_total(), Duration::ZERO);
    }

    #[test]
    fn decisions() {
        let p = RetryPolicy::default();
        // Success and client errors stop with the response.
        for status in [200, 204, 400, 404] {
            assert_eq!(
                p.tracker(true).record(response(status)),
                RetryDecision::Stop(StopWith::Response)
            );
        }
        // 5xx: backoff for a retry-safe request, twice; then the response.
        let mut t = p.tracker(true);
        assert_eq!(
            t.record(response(503)),
            RetryDecision::Retry {
                pause: Duration::from_millis(250)
            }
        );
        assert_eq!(
            t.record(BROKEN),
            RetryDecision::Retry {
                pause: Duration::from_millis(500)
            }
        );
        assert_eq!(
            t.record(response(500)),
            RetryDecision::Stop(StopWith::Response)
        );
        assert_eq!(t.attempts(), 3);
        assert_eq!(t.stopped(), Some(StopWith::Response));
        // Once stopped, it stays stopped.
        assert_eq!(
            t.record(response(200)),
            RetryDecision::Stop(StopWith::Response)
        );
        assert_eq!(t.attempts(), 3);
        // Not retry safe: no resend after a 5xx or a broken connection.
        assert_eq!(
            p.tracker(false).record(response(502)),
            RetryDecision::Stop(StopWith::Response)
        );
        assert_eq!(
            p.tracker(false).record(BROKEN),
            RetryDecision::Stop(StopWith::Failure)
        );
        // A failure that will repeat, and a timeout, stop.
        let bad = AttemptOutcome::Transport {
            retryable: false,
            sent: false,
        };
        assert_eq!(
            p.tracker(true).record(bad),
            RetryDecision::Stop(StopWith::Failure)
        );
        assert_eq!(
            p.tracker(true).record(AttemptOutcome::Timeout),
            RetryDecision::Stop(StopWith::Failure)
        );
    }

    #[test]
    fn rate_limits() {
        let p = RetryPolicy::default();
        // Even a request that is not retry safe is sent again after a 429.
        let mut t = p.tracker(false);
        for _ in 0..3 {
            assert_eq!(t.record(limited(true)), RetryDecision::WaitForRateLimit);
        }
        assert_eq!(
            t.record(limited(true)),
            RetryDecision::Stop(StopWith::Response)
        );
        assert_eq!((t.attempts(), t.rate_limit_retries()), (4, 3));
        // A 429 naming no wait pauses the fallback wait, from the rate-limit budget.
        let mut t = p.tracker(true);
        assert_eq!(
            t.record(limited(false)),
            RetryDecision::Retry {
                pause: FALLBACK_WAIT
            }
        );
        assert_eq!(t.rate_limit_waited(), FALLBACK_WAIT);
        // The budget: 59 s more fits, 59.5 s does not.
        assert!(t.may_wait(Duration::from_secs(59)));
        t.waited(Duration::from_secs(100));
        assert_eq!(t.rate_limit_waited(), Duration::from_secs(60));
        assert!(!t.may_wait(Duration::from_millis(1)));
        assert!(t.may_wait(Duration::ZERO));
        // With the budget spent, a 429 without a wait ends the call.
        assert_eq!(
            t.record(limited(false)),
            RetryDecision::Stop(StopWith::Response)
        );
        // `waited` without an allowed wait counts nothing.
        let mut t = p.tracker(true);
        t.waited(Duration::from_secs(5));
        assert_eq!(t.rate_limit_waited(), Duration::ZERO);
    }

    #[test]
    fn may_have_acted_is_about_earlier_attempts() {
        let p = RetryPolicy::default();
        // The retried DELETE of issue 9: 502, then 404.
        let mut t = p.tracker(true);
        t.record(response(502));
        assert!(!t.earlier_attempt_may_have_acted());
        t.record(response(404));
        assert!(t.earlier_attempt_may_have_acted());
        // A refused connection sent nothing, a 429 did nothing.
        let mut t = p.tracker(true);
        t.record(REFUSED);
        t.record(limited(true));
        t.record(response(404));
        assert!(!t.earlier_attempt_may_have_acted());
        // A broken connection may have acted.
        let mut t = p.tracker(true);
        t.record(BROKEN);
        t.record(response(404));
        assert!(t.earlier_attempt_may_have_acted());
    }

    #[derive(Debug, Clone)]
    enum Step {
        Status(u16),
        Limited(bool),
        Timeout,
        Transport { retryable: bool, sent: bool },
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            3 => prop::sample::select(alloc::vec![200u16, 204, 400, 404, 500, 502, 503])
                .prop_map(Step::Status),
            3 => any::<bool>().prop_map(Step::Limited),
            1 => Just(Step::Timeout),
            2 => (any::<bool>(), any::<bool>())
                .prop_map(|(retryable, sent)| Step::Transport { retryable, sent }),
        ]
    }

    fn policy() -> impl Strategy<Value = RetryPolicy> {
        (0u32..6, 0u32..6, 0u64..2_000, 0u64..10_000, 0u64..20_000).prop_map(
            |(rl, r, base, max, wait)| RetryPolicy {
                max_rate_limit_retries: rl,
                max_retries: r,
                backoff_base: Duration::from_millis(base),
                backoff_max: Duration::from_millis(max),
                max_rate_limit_wait: Duration::from_millis(wait),
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Driving a tracker with any outcomes and rate-limit waits: attempts, backoff and
        /// rate-limit waiting stay within the policy's documented bounds, a request that is not
        /// retry safe is never sent again after a 5xx or a sent-then-broken attempt, a 429 with
        /// retries and budget left is always retried, and a timeout always stops.
        #[test]
        fn decisions_stay_within_the_policy(
            policy in policy(),
            retry_safe in any::<bool>(),
            steps in prop::collection::vec((step(), 0u64..30_000, 0u64..40_000), 1..40),
        ) {
            let mut t = policy.tracker(retry_safe);
            let mut paused = Duration::ZERO;
            let mut slept = Duration::ZERO;
            for (step, wait, elapsed) in steps {
                let before = t;
                let outcome = match step {
                    Step::Status(status) => response(status),
                    Step::Limited(named) => limited(named),
                    Step::Timeout => AttemptOutcome::Timeout,
                    Step::Transport { retryable, sent } => {
                        AttemptOutcome::Transport { retryable, sent }
                    }
                };
                let decision = t.record(outcome);
                if before.stopped().is_some() {
                    prop_assert_eq!(t, before);
                    break;
                }
                match (&step, decision) {
                    (Step::Timeout, d) => prop_assert_eq!(d, RetryDecision::Stop(StopWith::Failure)),
                    (Step::Status(s), RetryDecision::Retry { .. }) => {
                        prop_assert!(*s >= 500 && retry_safe);
                    }
                    (Step::Transport { retryable, .. }, RetryDecision::Retry { .. }) => {
                        prop_assert!(*retryable && retry_safe);
                    }
                    (Step::Limited(named), d) => {
                        let retries_left = before.rate_limit_retries() < policy.max_rate_limit_retries;
                        let budget_left = *named
                            || before.rate_limit_waited() + FALLBACK_WAIT <= policy.max_rate_limit_wait;
                        prop_assert_eq!(
                            matches!(d, RetryDecision::Stop(_)),
                            !(retries_left && budget_left),
                            "{:?}", d
                        );
                    }
                    (_, RetryDecision::WaitForRateLimit) => prop_assert!(false, "wait after {:?}", step),
                    _ => {}
                }
                match decision {
                    RetryDecision::Retry { pause } => paused += pause,
                    RetryDecision::WaitForRateLimit => {}
                    RetryDecision::Stop(_) => break,
                }
                // The limiter asks for a wait before the next attempt.
                let wait = Duration::from_millis(wait);
                if t.may_wait(wait) {
                    let elapsed = Duration::from_millis(elapsed);
                    t.waited(elapsed);
                    slept += elapsed.min(wait);
                }
                prop_assert!(t.rate_limit_waited() <= policy.max_rate_limit_wait);
            }
            prop_assert!(t.attempts() <= policy.max_attempts());
            prop_assert!(t.retries() <= policy.max_retries);
            prop_assert!(t.rate_limit_retries() <= policy.max_rate_limit_retries);
            prop_assert!(t.backoff_total() <= policy.max_backoff_total());
            prop_assert!(t.rate_limit_waited() <= policy.max_rate_limit_wait);
            // Every pause said is counted: backoffs, and fallback waits in the rate-limit budget.
            prop_assert_eq!(paused + slept, t.backoff_total() + t.rate_limit_waited());
            if !retry_safe {
                prop_assert_eq!(t.retries(), 0);
            }
        }
    }
}
