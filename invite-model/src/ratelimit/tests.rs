use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use proptest::prelude::*;

use super::headers::{parse_moment, parse_seconds};
use super::*;
use crate::code::InviteCode;

const T0: Duration = Duration::from_secs(1_700_000_000);

/// The route of `template` with the major parameter `major` (a guild or channel id). Invite-code
/// routes have no major parameter: every code shares the bucket, so `major` is ignored there.
fn route(template: &'static str, major: u64) -> Route {
    let code = InviteCode::parse("abc").unwrap();
    let id = Snowflake(major);
    let r = match template {
        "GET /invites/{code}" => Route::GetInvite {
            code,
            with_counts: None,
            with_permissions: None,
            guild_scheduled_event_id: None,
        },
        "DELETE /invites/{code}" => Route::DeleteInvite { code },
        "GET /guilds/{guild_id}/invites" => Route::GetGuildInvites { guild_id: id },
        "GET /channels/{channel_id}/invites" => Route::GetChannelInvites { channel_id: id },
        "POST /channels/{channel_id}/invites" => Route::CreateChannelInvite { channel_id: id },
        other => panic!("no route for {other}"),
    };
    assert_eq!(r.template(), template);
    r
}

const GUILDS: &str = "GET /guilds/{guild_id}/invites";

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn feed(
    limiter: &mut RateLimiter,
    route: &Route,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    now: Duration,
) {
    limiter.record(route, &Response::new(status, headers, body), now);
}

fn wait(limiter: &mut RateLimiter, route: &Route, now: Duration) -> Wait {
    limiter
        .try_acquire(route, now)
        .expect_err("the limiter let a request through")
}

const GET: &str = "GET /invites/{code}";

#[test]
fn unknown_bucket_allows_one_request_in_flight() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    assert_eq!(l.acquire(&r, T0), Ok(()));
    assert_eq!(
        wait(&mut l, &r, T0),
        Wait {
            duration: IN_FLIGHT_POLL,
            reason: WaitReason::InFlight
        }
    );
    // A response without rate-limit headers: the route has no known limit.
    feed(&mut l, &r, 200, &[], b"{}", T0 + ms(10));
    for _ in 0..10 {
        assert_eq!(l.acquire(&r, T0 + ms(10)), Ok(()));
    }
}

#[test]
fn record_info_is_record_of_the_same_facts() {
    let r = route("DELETE /invites/{code}", 0);
    let headers = [
        ("X-RateLimit-Limit", "5"),
        ("X-RateLimit-Remaining", "0"),
        ("X-RateLimit-Reset-After", "0.75"),
        ("X-RateLimit-Bucket", "cafe"),
    ];
    let body = br#"{"retry_after": 0.75, "global": false}"#;
    for status in [200, 429] {
        let response = Response::new(status, &headers, body);
        let (mut a, mut b) = (RateLimiter::new(), RateLimiter::new());
        for l in [&mut a, &mut b] {
            l.acquire(&r, T0).unwrap();
        }
        a.record(&r, &response, T0 + ms(5));
        b.record_info(
            &r,
            status,
            &RateLimitInfo::from_response(&response),
            T0 + ms(5),
        );
        assert_eq!(a.bucket_hash(r.template()), Some("cafe"));
        assert_eq!(b.bucket_hash(r.template()), Some("cafe"));
        assert_eq!(wait(&mut a, &r, T0 + ms(5)), wait(&mut b, &r, T0 + ms(5)));
        assert_eq!(wait(&mut b, &r, T0 + ms(5)).duration, ms(750));
    }
}

#[test]
fn record_failure_releases_the_unknown_slot() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    assert_eq!(l.acquire(&r, T0), Ok(()));
    assert!(l.acquire(&r, T0).is_err());
    l.record_failure(&r, T0 + ms(5));
    assert_eq!(l.acquire(&r, T0 + ms(5)), Ok(()));
    assert!(l.acquire(&r, T0 + ms(5)).is_err());
}

#[test]
fn discord_decimal_headers() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    l.acquire(&r, T0).unwrap();
    let headers = [
        ("X-RateLimit-Limit", "5"),
        ("X-RateLimit-Remaining", "4"),
        ("X-RateLimit-Reset", "1700000002.500"),
        ("X-RateLimit-Reset-After", "2.5"),
        ("X-RateLimit-Bucket", "41f9cd5d28af77da04563bcb1d67fdfd"),
    ];
    feed(&mut l, &r, 200, &headers, b"{}", T0);
    assert_eq!(l.bucket_hash(GET), Some("41f9cd5d28af77da04563bcb1d67fdfd"));
    for _ in 0..4 {
        assert_eq!(l.acquire(&r, T0 + ms(100)), Ok(()));
    }
    assert_eq!(
        wait(&mut l, &r, T0 + ms(100)),
        Wait {
            duration: ms(2400),
            reason: WaitReason::Bucket
        }
    );
    // The reset passes: a new window of 5, minus the 4 still in flight.
    assert_eq!(l.acquire(&r, T0 + ms(2500)), Ok(()));
    assert_eq!(wait(&mut l, &r, T0 + ms(2500)).reason, WaitReason::InFlight);
}

#[test]
fn absolute_reset_is_used_without_reset_after() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    l.acquire(&r, T0).unwrap();
    let headers = [
        ("x-ratelimit-limit", "1"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset", "1700000001.250"),
    ];
    feed(&mut l, &r, 200, &headers, b"", T0);
    assert_eq!(l.acquire(&r, T0), Err(ms(1250)));
    assert_eq!(l.acquire(&r, T0 + ms(1250)), Ok(()));
}

#[test]
fn reset_after_is_preferred_over_reset() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    l.acquire(&r, T0).unwrap();
    let headers = [
        ("x-ratelimit-limit", "1"),
        ("x-ratelimit-remaining", "0"),
        // A skewed server clock: 100 s ahead.
        ("x-ratelimit-reset", "1700000100.5"),
        ("x-ratelimit-reset-after", "0.5"),
    ];
    feed(&mut l, &r, 200, &headers, b"", T0);
    assert_eq!(l.acquire(&r, T0), Err(ms(500)));
}

#[test]
fn fluxer_integer_headers_and_429() {
    let mut l = RateLimiter::with_global_limit(None);
    let r = route("DELETE /invites/{code}", 0);
    l.acquire(&r, T0).unwrap();
    let headers = [
        ("X-RateLimit-Limit", "20"),
        ("X-RateLimit-Remaining", "0"),
        ("X-RateLimit-Reset", "1700000005"),
    ];
    feed(&mut l, &r, 204, &headers, b"", T0);
    assert_eq!(l.bucket_hash("DELETE /invites/{code}"), None);
    assert_eq!(l.acquire(&r, T0 + ms(1000)), Err(ms(4000)));
    assert_eq!(l.acquire(&r, T0 + ms(5000)), Ok(()));
    // A 429 with Fluxer's integer Retry-After and a non-global flag.
    let headers = [
        ("X-RateLimit-Limit", "20"),
        ("X-RateLimit-Remaining", "0"),
        ("X-RateLimit-Reset", "1700000008"),
        ("X-RateLimit-Global", "false"),
        ("Retry-After", "3"),
    ];
    let body = br#"{"code":"RATE_LIMITED","message":"You are being rate limited.","global":false,"retry_after":3}"#;
    feed(&mut l, &r, 429, &headers, body, T0 + ms(5000));
    assert_eq!(
        wait(&mut l, &r, T0 + ms(5000)),
        Wait {
            duration: ms(3000),
            reason: WaitReason::Bucket
        }
    );
    // Another route is not affected.
    let other = route("GET /invites/{code}", 0);
    assert_eq!(l.acquire(&other, T0 + ms(5000)), Ok(()));
    assert_eq!(l.acquire(&r, T0 + ms(8000)), Ok(()));
}

#[test]
fn routes_sharing_a_hash_share_state() {
    let mut l = RateLimiter::new();
    let a = route("GET /channels/{channel_id}/invites", 1);
    let b = route("POST /channels/{channel_id}/invites", 1);
    l.acquire(&a, T0).unwrap();
    let h = |rem: &'static str| {
        [
            ("x-ratelimit-limit", "3"),
            ("x-ratelimit-remaining", rem),
            ("x-ratelimit-reset-after", "1"),
            ("x-ratelimit-bucket", "shared"),
        ]
    };
    feed(&mut l, &a, 200, &h("2"), b"[]", T0);
    l.acquire(&b, T0).unwrap();
    // `b`'s hash is not known yet, so it is keyed by its route until its response.
    feed(&mut l, &b, 200, &h("1"), b"{}", T0);
    assert_eq!(
        l.bucket_hash("POST /channels/{channel_id}/invites"),
        Some("shared")
    );
    assert_eq!(l.acquire(&a, T0), Ok(()));
    assert_eq!(l.acquire(&b, T0), Err(ms(1000)));
    assert_eq!(l.acquire(&a, T0), Err(ms(1000)));
    assert_eq!(l.bucket_count(), 1);
}

#[test]
fn major_parameters_have_separate_state() {
    let mut l = RateLimiter::new();
    let one = route("GET /guilds/{guild_id}/invites", 1);
    let two = route("GET /guilds/{guild_id}/invites", 2);
    l.acquire(&one, T0).unwrap();
    let headers = [
        ("x-ratelimit-limit", "1"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset-after", "4"),
        ("x-ratelimit-bucket", "g"),
    ];
    feed(&mut l, &one, 200, &headers, b"[]", T0);
    assert_eq!(l.acquire(&one, T0), Err(ms(4000)));
    // Guild 2 shares the hash but not the state; its state is unknown: one in flight.
    assert_eq!(l.acquire(&two, T0), Ok(()));
    assert_eq!(wait(&mut l, &two, T0).reason, WaitReason::InFlight);
}

#[test]
fn requests_sent_before_the_hash_was_known_are_released() {
    let mut l = RateLimiter::new();
    let one = route("GET /guilds/{guild_id}/invites", 1);
    let two = route("GET /guilds/{guild_id}/invites", 2);
    l.acquire(&one, T0).unwrap();
    l.acquire(&two, T0).unwrap();
    let headers = [
        ("x-ratelimit-limit", "5"),
        ("x-ratelimit-remaining", "4"),
        ("x-ratelimit-reset-after", "1"),
        ("x-ratelimit-bucket", "g"),
    ];
    feed(&mut l, &one, 200, &headers, b"[]", T0);
    // Guild 2's request moved to the hash's key: still in flight.
    assert_eq!(wait(&mut l, &two, T0).reason, WaitReason::InFlight);
    feed(&mut l, &two, 200, &headers, b"[]", T0);
    for _ in 0..4 {
        assert_eq!(l.acquire(&two, T0), Ok(()));
    }
    assert_eq!(l.acquire(&two, T0), Err(ms(1000)));
    assert_eq!(l.bucket_count(), 2);
}

#[test]
fn remaining_subtracts_requests_in_flight() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    l.acquire(&r, T0).unwrap();
    let h = |rem: &'static str| {
        [
            ("x-ratelimit-limit", "5"),
            ("x-ratelimit-remaining", rem),
            ("x-ratelimit-reset-after", "1"),
        ]
    };
    feed(&mut l, &r, 200, &h("4"), b"", T0);
    for _ in 0..4 {
        l.acquire(&r, T0).unwrap();
    }
    // The first of the four answers: the server saw 2 of 5, 3 are still in flight.
    feed(&mut l, &r, 200, &h("3"), b"", T0 + ms(10));
    assert_eq!(l.acquire(&r, T0 + ms(10)), Err(ms(1000)));
}

#[test]
fn out_of_order_responses_never_raise_remaining_within_a_window() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    let h = |rem: &'static str| {
        [
            ("x-ratelimit-limit", "5"),
            ("x-ratelimit-remaining", rem),
            ("x-ratelimit-reset-after", "1"),
        ]
    };
    l.acquire(&r, T0).unwrap();
    feed(&mut l, &r, 200, &h("4"), b"", T0);
    for _ in 0..4 {
        l.acquire(&r, T0).unwrap();
    }
    // The server answered these in the order 3, 2, 1, 0; they arrive as 0, then 3.
    feed(&mut l, &r, 200, &h("0"), b"", T0 + ms(10));
    feed(&mut l, &r, 200, &h("3"), b"", T0 + ms(11));
    assert_eq!(wait(&mut l, &r, T0 + ms(11)).reason, WaitReason::Bucket);
    // A stale response's earlier reset does not end the window early.
    feed(
        &mut l,
        &r,
        200,
        &[
            ("x-ratelimit-limit", "5"),
            ("x-ratelimit-remaining", "2"),
            ("x-ratelimit-reset-after", "0.1"),
        ],
        b"",
        T0 + ms(12),
    );
    assert_eq!(l.acquire(&r, T0 + ms(500)), Err(ms(511)));
    // The window ends: five again, minus the one still in flight.
    for _ in 0..4 {
        assert_eq!(l.acquire(&r, T0 + ms(1011)), Ok(()));
    }
    assert!(l.acquire(&r, T0 + ms(1011)).is_err());
}

/// Requests in parallel: the server counts them as they arrive and answers in any order, so the
/// first answer may be the one it counted last. Our own count was not lowered by it before the
/// fix, which lost most of every window after the first to requests it thought in flight twice.
#[test]
fn our_own_answers_in_any_order_keep_our_count() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    let h = |rem: &'static str| {
        [
            ("x-ratelimit-limit", "30"),
            ("x-ratelimit-remaining", rem),
            ("x-ratelimit-reset-after", "1"),
        ]
    };
    l.acquire(&r, T0).unwrap();
    feed(&mut l, &r, 200, &h("29"), b"", T0);
    for _ in 0..16 {
        l.acquire(&r, T0).unwrap();
    }
    // The 17th request the server counted answers first: 13 left, 15 of ours still in flight.
    feed(&mut l, &r, 200, &h("13"), b"", T0 + ms(10));
    // Then one it counted earlier.
    feed(&mut l, &r, 200, &h("20"), b"", T0 + ms(11));
    for _ in 0..13 {
        assert_eq!(l.acquire(&r, T0 + ms(11)), Ok(()));
    }
    assert_eq!(wait(&mut l, &r, T0 + ms(11)).reason, WaitReason::Bucket);
}

/// A count below ours shows another client spending the bucket: our requests in flight are then
/// assumed not counted yet.
#[test]
fn a_lower_count_than_ours_means_another_client() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    let h = |rem: &'static str| {
        [
            ("x-ratelimit-limit", "30"),
            ("x-ratelimit-remaining", rem),
            ("x-ratelimit-reset-after", "1"),
        ]
    };
    l.acquire(&r, T0).unwrap();
    feed(&mut l, &r, 200, &h("29"), b"", T0);
    for _ in 0..10 {
        l.acquire(&r, T0).unwrap();
    }
    // Ours say 19 at most; the server says 12: 7 went to someone else. 9 of ours in flight.
    feed(&mut l, &r, 200, &h("12"), b"", T0 + ms(10));
    for _ in 0..3 {
        assert_eq!(l.acquire(&r, T0 + ms(10)), Ok(()));
    }
    assert_eq!(wait(&mut l, &r, T0 + ms(10)).reason, WaitReason::Bucket);
}

#[test]
fn remaining_without_any_reset_follows_the_header() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    l.acquire(&r, T0).unwrap();
    feed(&mut l, &r, 200, &[("x-ratelimit-remaining", "0")], b"", T0);
    // Spent, no reset known: one probe at a time.
    l.acquire(&r, T0).unwrap();
    assert_eq!(wait(&mut l, &r, T0).reason, WaitReason::InFlight);
    feed(&mut l, &r, 200, &[("x-ratelimit-remaining", "3")], b"", T0);
    for _ in 0..3 {
        assert_eq!(l.acquire(&r, T0), Ok(()));
    }
    assert_eq!(wait(&mut l, &r, T0).reason, WaitReason::InFlight);
}

#[test]
fn global_429_blocks_every_route() {
    let mut l = RateLimiter::new();
    let a = route(GET, 0);
    let b = route("POST /channels/{channel_id}/invites", 9);
    l.acquire(&a, T0).unwrap();
    let body = br#"{"message":"You are being rate limited.","retry_after":1.5,"global":true}"#;
    feed(&mut l, &a, 429, &[("x-ratelimit-global", "true")], body, T0);
    for r in [&a, &b] {
        assert_eq!(
            wait(&mut l, r, T0 + ms(500)),
            Wait {
                duration: ms(1000),
                reason: WaitReason::Global
            }
        );
    }
    assert_eq!(l.acquire(&b, T0 + ms(1500)), Ok(()));
    assert_eq!(l.acquire(&a, T0 + ms(1500)), Ok(()));
}

#[test]
fn global_429_from_headers_or_scope() {
    for headers in [
        &[("X-RateLimit-Global", "true"), ("Retry-After", "2")][..],
        &[("X-RateLimit-Scope", "global"), ("Retry-After", "2")][..],
    ] {
        let mut l = RateLimiter::with_global_limit(None);
        let a = route(GET, 0);
        l.acquire(&a, T0).unwrap();
        feed(&mut l, &a, 429, headers, b"not json", T0);
        let other = route("GET /guilds/{guild_id}/invites", 1);
        assert_eq!(l.acquire(&other, T0), Err(ms(2000)));
        assert_eq!(l.acquire(&other, T0 + ms(2000)), Ok(()));
    }
}

#[test]
fn bucket_429_waits_the_longest_given() {
    let mut l = RateLimiter::new();
    let r = route(GUILDS, 1);
    l.acquire(&r, T0).unwrap();
    let headers = [
        ("x-ratelimit-limit", "5"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset-after", "0.25"),
        ("x-ratelimit-scope", "shared"),
        ("retry-after", "1"),
    ];
    let body = br#"{"message":"You are being rate limited.","retry_after":0.75,"global":false}"#;
    feed(&mut l, &r, 429, &headers, body, T0);
    // The body's float wins over the header's integer; the longest of it and the reset is kept.
    assert_eq!(l.acquire(&r, T0), Err(ms(750)));
    let other = route(GUILDS, 2);
    assert_eq!(l.acquire(&other, T0), Ok(()));
}

#[test]
fn a_429_without_any_wait_lets_one_probe_through() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    l.acquire(&r, T0).unwrap();
    feed(&mut l, &r, 429, &[], b"", T0);
    assert_eq!(l.acquire(&r, T0), Ok(()));
    assert_eq!(wait(&mut l, &r, T0).reason, WaitReason::InFlight);
    feed(&mut l, &r, 200, &[], b"", T0 + ms(1));
    assert_eq!(l.acquire(&r, T0 + ms(1)), Ok(()));
}

#[test]
fn global_window_limits_requests_per_second() {
    let mut l = RateLimiter::new();
    let majors: Vec<u64> = (0..51).collect();
    for &major in &majors[..50] {
        assert_eq!(l.acquire(&route(GUILDS, major), T0 + ms(200)), Ok(()));
    }
    assert_eq!(
        wait(&mut l, &route(GUILDS, majors[50]), T0 + ms(700)),
        Wait {
            duration: ms(500),
            reason: WaitReason::GlobalWindow
        }
    );
    assert_eq!(l.acquire(&route(GUILDS, majors[50]), T0 + ms(1200)), Ok(()));

    let mut none = RateLimiter::with_global_limit(None);
    for &major in &majors {
        assert_eq!(none.acquire(&route(GUILDS, major), T0), Ok(()));
    }
    let mut two = RateLimiter::with_global_limit(NonZeroU32::new(2));
    assert_eq!(two.global_limit(), NonZeroU32::new(2));
    two.acquire(&route(GUILDS, 1), T0).unwrap();
    two.acquire(&route(GUILDS, 2), T0).unwrap();
    assert_eq!(two.acquire(&route(GUILDS, 3), T0), Err(ms(1000)));
}

#[test]
fn odd_header_values_are_ignored() {
    for value in [
        "", " ", "-1", "-0.5", "NaN", "nan", "inf", "-inf", "abc", "1e400", "1,5", "0x10", "½",
    ] {
        let mut l = RateLimiter::new();
        let r = route(GET, 0);
        l.acquire(&r, T0).unwrap();
        let headers = [
            ("x-ratelimit-limit", value),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", value),
            ("x-ratelimit-reset-after", value),
            ("x-ratelimit-bucket", value),
            ("retry-after", value),
        ];
        feed(&mut l, &r, 429, &headers, value.as_bytes(), T0);
        let got = l.try_acquire(&r, T0);
        if let Err(w) = got {
            assert!(w.duration <= MAX_WAIT, "{value:?}: {w:?}");
            assert!(!w.duration.is_zero(), "{value:?}");
        }
    }
}

#[test]
fn huge_and_infinite_waits_are_capped() {
    for value in ["inf", "1e300", "18446744073709551616"] {
        let mut l = RateLimiter::new();
        let r = route(GET, 0);
        l.acquire(&r, T0).unwrap();
        let headers = [
            ("x-ratelimit-limit", "1"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset-after", value),
        ];
        feed(&mut l, &r, 200, &headers, b"", T0);
        assert_eq!(l.acquire(&r, T0), Err(MAX_WAIT), "{value}");
        assert_eq!(l.acquire(&r, T0 + MAX_WAIT), Ok(()));
    }
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    l.acquire(&r, T0).unwrap();
    let body = br#"{"retry_after":1e308,"global":true}"#;
    feed(&mut l, &r, 429, &[], body, Duration::MAX);
    assert_eq!(l.acquire(&r, Duration::MAX), Ok(()));
}

#[test]
fn a_reset_in_the_past_means_the_window_is_over() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    l.acquire(&r, T0).unwrap();
    let headers = [
        ("x-ratelimit-limit", "1"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset", "1699999990"),
    ];
    feed(&mut l, &r, 200, &headers, b"", T0);
    assert_eq!(l.acquire(&r, T0), Ok(()));
}

#[test]
fn the_clock_going_backwards_does_not_lengthen_waits() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    l.acquire(&r, T0).unwrap();
    let headers = [
        ("x-ratelimit-limit", "1"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset-after", "2"),
    ];
    feed(&mut l, &r, 200, &headers, b"", T0);
    let earlier = T0.saturating_sub(Duration::from_secs(3600));
    assert_eq!(l.acquire(&r, earlier), Err(ms(2000)));
    assert_eq!(l.acquire(&r, earlier + ms(2000)), Ok(()));
}

#[test]
fn overlong_bucket_hashes_are_ignored() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    l.acquire(&r, T0).unwrap();
    let long = "a".repeat(MAX_BUCKET_HASH_LEN + 1);
    feed(&mut l, &r, 200, &[("x-ratelimit-bucket", &long)], b"", T0);
    assert_eq!(l.bucket_hash(GET), None);
    l.acquire(&r, T0).unwrap();
    let ok = "a".repeat(MAX_BUCKET_HASH_LEN);
    feed(&mut l, &r, 200, &[("x-ratelimit-bucket", &ok)], b"", T0);
    assert_eq!(l.bucket_hash(GET), Some(ok.as_str()));
}

#[test]
fn a_route_moving_to_another_hash() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    let h = |bucket: &'static str, rem: &'static str| {
        [
            ("x-ratelimit-limit", "2"),
            ("x-ratelimit-remaining", rem),
            ("x-ratelimit-reset-after", "1"),
            ("x-ratelimit-bucket", bucket),
        ]
    };
    l.acquire(&r, T0).unwrap();
    feed(&mut l, &r, 200, &h("one", "1"), b"", T0);
    l.acquire(&r, T0).unwrap();
    feed(&mut l, &r, 200, &h("two", "0"), b"", T0);
    assert_eq!(l.bucket_hash(GET), Some("two"));
    assert_eq!(l.acquire(&r, T0), Err(ms(1000)));
    assert_eq!(l.acquire(&r, T0 + ms(1000)), Ok(()));
}

#[test]
fn lost_requests_in_flight_expire() {
    let mut l = RateLimiter::new();
    let r = route(GET, 0);
    l.acquire(&r, T0).unwrap();
    assert!(
        l.acquire(&r, T0 + IN_FLIGHT_EXPIRY.saturating_sub(ms(1)))
            .is_err()
    );
    assert_eq!(l.acquire(&r, T0 + IN_FLIGHT_EXPIRY + ms(1)), Ok(()));
}

#[test]
fn bucket_states_are_bounded() {
    let mut l = RateLimiter::with_global_limit(None);
    let headers = [
        ("x-ratelimit-limit", "5"),
        ("x-ratelimit-remaining", "4"),
        ("x-ratelimit-reset-after", "0.01"),
    ];
    let mut now = T0;
    for i in 0..(MAX_BUCKETS * 2 + 10) {
        let r = route(GUILDS, i as u64);
        l.acquire(&r, now).unwrap();
        feed(&mut l, &r, 200, &headers, b"", now);
        now += ms(1);
        assert!(l.bucket_count() <= MAX_BUCKETS);
    }
    // A table full of requests in flight refuses new buckets until one finishes.
    let mut l = RateLimiter::with_global_limit(None);
    for i in 0..MAX_BUCKETS {
        l.acquire(&route(GUILDS, i as u64), T0).unwrap();
    }
    let extra = route(GUILDS, u64::MAX);
    assert_eq!(
        wait(&mut l, &extra, T0),
        Wait {
            duration: IN_FLIGHT_POLL,
            reason: WaitReason::Capacity
        }
    );
    l.record_failure(&route(GUILDS, 0), T0);
    assert_eq!(l.acquire(&extra, T0), Ok(()));
    assert_eq!(l.bucket_count(), MAX_BUCKETS);
}

/// Issue 9, defect 9: 4,097 responses that each name a new bucket hash (4 left, reset in an
/// hour) used to fill every slot, and from then on every new bucket was refused locally for an
/// hour although no response said stop. States with nothing in flight are evicted instead.
#[test]
fn new_bucket_hashes_cannot_starve_the_limiter() {
    let mut l = RateLimiter::with_global_limit(None);
    let mut now = T0;
    for i in 0..=MAX_BUCKETS {
        let r = route(GUILDS, i as u64);
        assert_eq!(l.try_acquire(&r, now), Ok(()), "request {i}");
        let hash = alloc::format!("hash-{i}");
        let headers = [
            ("x-ratelimit-limit", "5"),
            ("x-ratelimit-remaining", "4"),
            ("x-ratelimit-reset-after", "3600"),
            ("x-ratelimit-bucket", hash.as_str()),
        ];
        feed(&mut l, &r, 200, &headers, b"", now);
        assert!(l.bucket_count() <= MAX_BUCKETS);
        now += ms(1);
    }
    assert!(l.bucket_count() <= MAX_BUCKETS);
    // Routes never seen still go, on every template.
    for template in [GET, "POST /channels/{channel_id}/invites", GUILDS] {
        let fresh = route(template, u64::MAX);
        assert_eq!(l.try_acquire(&fresh, now), Ok(()), "{template}");
        l.record_failure(&fresh, now);
    }
    // The least recently used state went first: the newest buckets are still known (4 left,
    // minus this one), the oldest is forgotten (unknown again: one request at a time).
    let newest = route(GUILDS, MAX_BUCKETS as u64);
    for _ in 0..4 {
        assert_eq!(l.try_acquire(&newest, now), Ok(()));
    }
    assert_eq!(wait(&mut l, &newest, now).reason, WaitReason::Bucket);
    let oldest = route(GUILDS, 0);
    assert_eq!(l.try_acquire(&oldest, now), Ok(()));
    assert_eq!(wait(&mut l, &oldest, now).reason, WaitReason::InFlight);
}

/// Eviction prefers states whose bucket is not spent: a spent bucket keeps holding its
/// requests even when newer buckets crowd the table.
#[test]
fn eviction_keeps_spent_buckets_longest() {
    let mut l = RateLimiter::with_global_limit(None);
    let spent = route(GUILDS, 0);
    l.acquire(&spent, T0).unwrap();
    let headers = [
        ("x-ratelimit-limit", "1"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset-after", "3600"),
    ];
    feed(&mut l, &spent, 200, &headers, b"", T0);
    let open = [
        ("x-ratelimit-limit", "5"),
        ("x-ratelimit-remaining", "4"),
        ("x-ratelimit-reset-after", "3600"),
    ];
    for i in 1..=(MAX_BUCKETS as u64 * 2) {
        let r = route(GUILDS, i);
        let now = T0 + ms(i);
        l.acquire(&r, now).unwrap();
        feed(&mut l, &r, 200, &open, b"", now);
    }
    assert!(l.bucket_count() <= MAX_BUCKETS);
    assert_eq!(
        wait(&mut l, &spent, T0 + ms(10_000)).reason,
        WaitReason::Bucket
    );
}

#[test]
fn info_parses_every_header() {
    let headers = [
        ("X-RateLimit-Limit", "10"),
        ("X-RateLimit-Remaining", "9"),
        ("X-RateLimit-Reset", "1470173023.123"),
        ("X-RateLimit-Reset-After", "64.57"),
        ("X-RateLimit-Bucket", "abcd1234"),
        ("X-RateLimit-Scope", "user"),
        ("Retry-After", "65"),
    ];
    let info = RateLimitInfo::from_response(&Response::new(200, &headers, b""));
    assert_eq!(
        info,
        RateLimitInfo {
            limit: Some(10),
            remaining: Some(9),
            reset: Some(Duration::new(1_470_173_023, 123_000_000)),
            reset_after: Some(Duration::new(64, 570_000_000)),
            bucket: Some("abcd1234"),
            global: false,
            scope: Some("user"),
            // Only read for a 429.
            retry_after: None,
        }
    );
    assert_eq!(info.reset_in(T0), Some(Duration::new(64, 570_000_000)));
    let info = RateLimitInfo::from_response(&Response::new(
        429,
        &[("retry-after", " 7 ")],
        br#"{"retry_after":"oops","global":"yes"}"#,
    ));
    assert_eq!(info.retry_after, None.or(Some(Duration::from_secs(7))));
    assert!(!info.global);
    assert_eq!(WaitReason::GlobalWindow.to_string(), "global window");
    assert!(WaitReason::Global.is_global());
    assert!(!WaitReason::InFlight.is_global());
}

#[test]
fn debug_shows_counts_only() {
    let mut l = RateLimiter::with_global_limit(None);
    let r = route(GET, 0);
    l.acquire(&r, T0).unwrap();
    feed(
        &mut l,
        &r,
        200,
        &[("x-ratelimit-bucket", "secret-ish")],
        b"",
        T0,
    );
    assert_eq!(
        alloc::format!("{l:?}"),
        "RateLimiter { global_limit: None, global_until: None, routes: 1, buckets: 1, .. }"
    );
}

// ---- properties ----

const TEMPLATES: [&str; 3] = [
    "GET /invites/{code}",
    "DELETE /invites/{code}",
    "POST /channels/{channel_id}/invites",
];

#[derive(Debug, Clone)]
enum Op {
    Acquire {
        route: usize,
        major: u8,
    },
    Record {
        route: usize,
        major: u8,
        status: u16,
        headers: Vec<(usize, String)>,
        body: String,
    },
    Fail {
        route: usize,
        major: u8,
    },
    Advance(u64),
    Rewind(u64),
}

const HEADER_NAMES: [&str; 8] = [
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "x-ratelimit-reset-after",
    "x-ratelimit-bucket",
    "x-ratelimit-global",
    "x-ratelimit-scope",
    "retry-after",
];

fn header_value() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..20).prop_map(|n| n.to_string()),
        (0.0f64..5.0).prop_map(|f| alloc::format!("{f:.3}")),
        (1_699_999_990u64..1_700_000_100).prop_map(|n| n.to_string()),
        (1_699_999_990.0f64..1_700_000_100.0).prop_map(|f| alloc::format!("{f:.3}")),
        prop::sample::select(vec![
            "",
            "-1",
            "NaN",
            "inf",
            "-inf",
            "1e400",
            "true",
            "false",
            "global",
            "shared",
            "abc",
            "b1",
            "b2",
            "18446744073709551616",
        ])
        .prop_map(String::from),
        ".{0,12}",
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        (any::<f64>(), any::<bool>()).prop_map(|(f, g)| alloc::format!(
            r#"{{"message":"x","retry_after":{f},"global":{g}}}"#
        )),
        (0.0f64..5.0, any::<bool>())
            .prop_map(|(f, g)| alloc::format!(r#"{{"retry_after":{f},"global":{g}}}"#)),
        ".{0,20}",
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let target = (0..TEMPLATES.len(), 0u8..3);
    prop_oneof![
        4 => target.clone().prop_map(|(route, major)| Op::Acquire { route, major }),
        3 => (
            target.clone(),
            prop::sample::select(vec![200u16, 204, 404, 429, 500]),
            prop::collection::vec((0..HEADER_NAMES.len(), header_value()), 0..8),
            body(),
        )
            .prop_map(|((route, major), status, headers, body)| Op::Record {
                route,
                major,
                status,
                headers,
                body
            }),
        1 => target.prop_map(|(route, major)| Op::Fail { route, major }),
        2 => (0u64..3_000).prop_map(Op::Advance),
        1 => (0u64..3_000).prop_map(Op::Rewind),
    ]
}

/// The longest wait a header value or body of this record could ask for. Values are read with
/// the limiter's own number reader, which `plain_decimals_are_exact` checks separately.
fn fed_waits(headers: &[(usize, String)], body: &str, now: Duration) -> Duration {
    let secs = |v: &str| parse_seconds(v.trim());
    let mut longest = Duration::ZERO;
    for (name, value) in headers {
        let d = match HEADER_NAMES[*name] {
            "x-ratelimit-reset-after" | "retry-after" => secs(value),
            "x-ratelimit-reset" => parse_moment(value.trim()).map(|at| at.saturating_sub(now)),
            _ => None,
        };
        longest = longest.max(d.unwrap_or_default());
    }
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(body)
        && let Some(f) = map.get("retry_after").and_then(serde_json::Value::as_f64)
        && f >= 0.0
    {
        longest = longest.max(Duration::try_from_secs_f64(f).unwrap_or(Duration::MAX));
    }
    longest
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary header sequences and times never panic, every wait is positive, at most
    /// MAX_WAIT, and at most the longest reset or retry_after fed (or one second for the global
    /// window, IN_FLIGHT_POLL while waiting on a request in flight); once everything in flight
    /// is answered and every wait has passed, every route is allowed again.
    #[test]
    fn waits_are_bounded_by_what_was_fed(
        global in prop::option::of(1u32..5),
        start in 0u64..4_000_000_000_000,
        ops in prop::collection::vec(op(), 1..60),
    ) {
        let mut l = RateLimiter::with_global_limit(global.and_then(NonZeroU32::new));
        let mut now = Duration::from_millis(start);
        let mut longest_fed = Duration::ZERO;
        let mut in_flight: Vec<Route> = Vec::new();
        let majors = [0u64, 1, 2];
        for op in ops {
            match op {
                Op::Acquire { route: i, major } => {
                    let r = route(TEMPLATES[i], majors[usize::from(major)]);
                    match l.try_acquire(&r, now) {
                        Ok(()) => in_flight.push(r),
                        Err(w) => {
                            prop_assert!(!w.duration.is_zero());
                            prop_assert!(w.duration <= MAX_WAIT);
                            let bound = match w.reason {
                                WaitReason::GlobalWindow => GLOBAL_WINDOW,
                                WaitReason::InFlight | WaitReason::Capacity => IN_FLIGHT_POLL,
                                _ => longest_fed,
                            };
                            prop_assert!(w.duration <= bound, "{w:?} > {bound:?}");
                        }
                    }
                }
                Op::Record { route: i, major, status, headers, body } => {
                    let r = route(TEMPLATES[i], majors[usize::from(major)]);
                    longest_fed = longest_fed.max(fed_waits(&headers, &body, now));
                    let pairs: Vec<(&str, &str)> =
                        headers.iter().map(|(n, v)| (HEADER_NAMES[*n], v.as_str())).collect();
                    feed(&mut l, &r, status, &pairs, body.as_bytes(), now);
                    if let Some(pos) = in_flight.iter().position(|x| *x == r) {
                        in_flight.swap_remove(pos);
                    }
                }
                Op::Fail { route: i, major } => {
                    let r = route(TEMPLATES[i], majors[usize::from(major)]);
                    l.record_failure(&r, now);
                    if let Some(pos) = in_flight.iter().position(|x| *x == r) {
                        in_flight.swap_remove(pos);
                    }
                }
                Op::Advance(n) => now = now.saturating_add(Duration::from_millis(n)),
                Op::Rewind(n) => now = now.saturating_sub(Duration::from_millis(n)),
            }
        }
        for r in in_flight.drain(..) {
            l.record_failure(&r, now);
        }
        let mut later = now + longest_fed.min(MAX_WAIT) + IN_FLIGHT_EXPIRY + GLOBAL_WINDOW;
        for template in TEMPLATES {
            for major in majors {
                let r = route(template, major);
                prop_assert_eq!(l.try_acquire(&r, later), Ok(()));
                l.record_failure(&r, later);
                // A new global window for the next one.
                later += GLOBAL_WINDOW;
            }
        }
    }

    /// `secs.frac` is read to the nanosecond, and agrees with `f64` within two microseconds.
    #[test]
    fn plain_decimals_are_exact(secs in 0u64..4_000_000_000, frac in "[0-9]{0,12}") {
        let text = if frac.is_empty() { secs.to_string() } else { alloc::format!("{secs}.{frac}") };
        let mut nanos = 0u32;
        for (i, b) in frac.bytes().take(9).enumerate() {
            nanos += u32::from(b - b'0') * 10u32.pow(8 - i as u32);
        }
        let exact = parse_moment(&text);
        prop_assert_eq!(exact, Some(Duration::new(secs, nanos)));
        let float = Duration::from_secs_f64(text.parse::<f64>().unwrap());
        let diff = float.abs_diff(exact.unwrap());
        prop_assert!(diff < Duration::from_micros(2));
    }

    /// Parsing any header text never panics, and a count or duration is read only from a
    /// non-negative number.
    #[test]
    fn info_never_panics(
        status in 100u16..600,
        values in prop::collection::vec((0..HEADER_NAMES.len(), ".{0,24}"), 0..10),
        body in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let pairs: Vec<(&str, &str)> =
            values.iter().map(|(n, v)| (HEADER_NAMES[*n], v.as_str())).collect();
        let info = RateLimitInfo::from_response(&Response::new(status, &pairs, &body));
        if status != 429 {
            prop_assert!(!info.global);
            prop_assert_eq!(info.retry_after, None);
        }
        prop_assert!(info.reset_in(T0).is_none_or(|d| d <= MAX_WAIT));
        if let Some(b) = info.bucket {
            prop_assert!(b.len() <= MAX_BUCKET_HASH_LEN && !b.is_empty());
        }
    }
}

/// A server bucket as Discord keeps one: at most `limit` requests in a window of `window`,
/// the window starting at the first request after the last one ended.
struct ServerBucket {
    limit: u32,
    window: Duration,
    start: Option<Duration>,
    count: u32,
}

impl ServerBucket {
    /// Counts a request arriving at `now`: the remaining count and reset-after it answers with,
    /// or `None` for a 429.
    fn take(&mut self, now: Duration) -> Option<(u32, Duration)> {
        let start = match self.start {
            Some(start) if now < start + self.window => start,
            _ => {
                self.start = Some(now);
                self.count = 0;
                now
            }
        };
        if self.count >= self.limit {
            return None;
        }
        self.count += 1;
        Some((
            self.limit - self.count,
            (start + self.window).saturating_sub(now),
        ))
    }
}

/// Seconds with millisecond decimals, rounded up, as a reset-after header.
fn reset_after_header(d: Duration) -> String {
    let ms = d.as_micros().div_ceil(1000);
    alloc::format!("{}.{:03}", ms / 1000, ms % 1000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Alone on a bucket, with up to 16 requests in flight answered in any order and after any
    /// delay: the limiter never lets more requests into one of the server's windows than its
    /// limit (no 429), and once all answers of a window are in, a new window is used in full.
    #[test]
    fn alone_on_a_bucket_in_parallel_never_exceeds_it(
        limit in 1u32..40,
        window_ms in 20u64..2000,
        steps in prop::collection::vec((0u8..3, 0usize..16, 0u64..80), 1..400),
    ) {
        let window = ms(window_ms);
        let mut server = ServerBucket { limit, window, start: None, count: 0 };
        let mut l = RateLimiter::with_global_limit(None);
        let r = route("DELETE /invites/{code}", 0);
        let mut now = T0;
        // Answers on the way: (remaining, reset-after) as the server counted them.
        let mut pending: Vec<(u32, Duration)> = Vec::new();
        for (kind, pick, advance) in steps {
            match kind {
                // Send as many as the limiter allows, up to 16 in flight.
                0 => {
                    while pending.len() < 16 && l.acquire(&r, now).is_ok() {
                        let answer = server.take(now);
                        prop_assert!(answer.is_some(), "a 429: the limiter exceeded the bucket");
                        pending.extend(answer);
                    }
                }
                // One answer arrives, any of them.
                1 if !pending.is_empty() => {
                    let (remaining, reset_after) = pending.swap_remove(pick % pending.len());
                    let remaining = alloc::format!("{remaining}");
                    let reset = reset_after_header(reset_after);
                    let limit = alloc::format!("{limit}");
                    let headers = [
                        ("x-ratelimit-limit", limit.as_str()),
                        ("x-ratelimit-remaining", remaining.as_str()),
                        ("x-ratelimit-reset-after", reset.as_str()),
                        ("x-ratelimit-bucket", "abc"),
                    ];
                    feed(&mut l, &r, 200, &headers, b"", now);
                }
                _ => now += ms(advance),
            }
        }
        // Every answer in, every window over: the next window is used in full.
        while let Some((remaining, reset_after)) = pending.pop() {
            let remaining = alloc::format!("{remaining}");
            let reset = reset_after_header(reset_after);
            let limit = alloc::format!("{limit}");
            let headers = [
                ("x-ratelimit-limit", limit.as_str()),
                ("x-ratelimit-remaining", remaining.as_str()),
                ("x-ratelimit-reset-after", reset.as_str()),
                ("x-ratelimit-bucket", "abc"),
            ];
            feed(&mut l, &r, 200, &headers, b"", now);
        }
        now += window + ms(1);
        let mut sent = 0;
        while l.acquire(&r, now).is_ok() {
            prop_assert!(server.take(now).is_some(), "a 429 in a fresh window");
            sent += 1;
            prop_assert!(sent <= limit);
        }
        // The first request of a bucket goes alone; after that, the whole limit.
        if l.bucket_limit(&r).is_some() {
            prop_assert_eq!(sent, limit);
        }
    }
}
