//! The rate limiter fed arbitrary sequences of acquires, responses (rate-limit headers, 429
//! bodies) and failures at arbitrary times (forwards and backwards) never panics, and never asks
//! to wait zero, nor longer than the longest reset or `retry_after` it was fed (or its own
//! documented waits: the one-second global window, the in-flight poll), nor than `MAX_WAIT`.
//! Floods of responses naming new buckets never lock a route out: the script never has a table
//! full of requests in flight, so no request is refused for capacity.
#![no_main]

use std::time::Duration;

use invite_model::endpoint::{Response, Route};
use invite_model::ratelimit::{MAX_BUCKETS, MAX_WAIT};
use invite_model::{RateLimiter, Snowflake, WaitReason};
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
                if let Err(wait) = limiter.try_acquire(&s.route, s.now) {
                    assert_ne!(wait.reason, WaitReason::Capacity, "refused for capacity");
                    let wait = wait.duration;
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
            Op::Flood(extra) => {
                for i in 0..MAX_BUCKETS + usize::from(*extra) {
                    let route = Route::GetGuildInvites {
                        guild_id: Snowflake(1_000 + i as u64),
                    };
                    let now = s.now + Duration::from_millis(i as u64);
                    match limiter.try_acquire(&route, now) {
                        Ok(()) => {}
                        Err(wait) => {
                            assert_ne!(wait.reason, WaitReason::Capacity, "refused for capacity");
                            continue;
                        }
                    }
                    let hash = format!("flood-{i}");
                    let headers = [
                        ("x-ratelimit-limit", "5"),
                        ("x-ratelimit-remaining", "4"),
                        ("x-ratelimit-reset-after", "3600"),
                        ("x-ratelimit-bucket", hash.as_str()),
                    ];
                    let response = Response::new(200, &headers, b"");
                    limiter.record(&route, &response, now);
                    assert!(limiter.bucket_count() <= MAX_BUCKETS);
                }
            }
        }
    }
});
