//! The rate limiter fed arbitrary sequences of acquires, responses (rate-limit headers, 429
//! bodies) and failures at arbitrary times (forwards and backwards) never panics, and never asks
//! to wait zero, nor longer than the longest reset or `retry_after` it was fed (or its own
//! documented waits: the one-second global window, the in-flight poll), nor than `MAX_WAIT`.
#![no_main]

use invite_model::RateLimiter;
use invite_model::ratelimit::MAX_WAIT;
use invites_fuzz::{Op, ratelimit_script};
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((global, steps)) = ratelimit_script(&mut Unstructured::new(data)) else {
        return;
    };
    let mut limiter = if global {
        RateLimiter::new()
    } else {
        RateLimiter::with_global_limit(None)
    };
    for s in steps {
        match &s.op {
            Op::Acquire => {
                if let Err(wait) = limiter.acquire(&s.route, s.now) {
                    assert!(!wait.is_zero(), "zero wait");
                    assert!(
                        wait <= s.bound.min(MAX_WAIT),
                        "waits {wait:?}, bound {:?}",
                        s.bound
                    );
                }
            }
            Op::Failure => limiter.record_failure(&s.route, s.now),
            Op::Record(answer) => answer.with_response(|r| limiter.record(&s.route, r, s.now)),
        }
    }
});
