//! Counts heap allocations of the rate limiter in steady state: bucket keys (the route's
//! template, its major id, the learned hash) are stored inline, so asking for and recording a
//! request of a known bucket allocates nothing, whatever the route.
//!
//! A single test in its own binary, so that no other test allocates while it measures.

use std::alloc::System;
use std::time::Duration;

use invite_model::endpoint::{Response, Route};
use invite_model::{InviteCode, RateLimiter, Snowflake};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

#[test]
fn acquire_and_record_of_known_buckets_allocate_nothing() {
    let routes = [
        Route::DeleteInvite {
            code: InviteCode::parse("jvuBeT38").unwrap(),
        },
        Route::GetGuildInvites {
            guild_id: Snowflake(1_046_920_999_469_330_512),
        },
        Route::CreateChannelInvite {
            channel_id: Snowflake(1_057_241_425_793_798_144),
        },
    ];
    let headers = [
        ("X-RateLimit-Limit", "1000"),
        ("X-RateLimit-Remaining", "999"),
        ("X-RateLimit-Reset-After", "60"),
        ("X-RateLimit-Bucket", "41f9cd5d28af77da04563bcb1d67fdfd"),
    ];
    let response = Response::new(200, &headers, b"{}");
    let mut limiter = RateLimiter::with_global_limit(None);
    let mut now = Duration::from_secs(1_700_000_000);
    // Warm up: every bucket seen, its hash learned.
    for route in &routes {
        limiter.acquire(route, now).unwrap();
        limiter.record(route, &response, now);
    }
    let region = Region::new(GLOBAL);
    for _ in 0..300 {
        for route in &routes {
            assert_eq!(limiter.acquire(route, now), Ok(()));
            limiter.record(route, &response, now);
        }
        now += Duration::from_millis(10);
    }
    let allocations = region.change().allocations;
    assert_eq!(allocations, 0, "900 requests allocated {allocations} times");
}
