//! Rate limits end to end: 429s (bucket and global), bucket headers, bounded waits, and a
//! concurrent burst against a server that enforces its limit.

mod support;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use invite_http_ureq::{Error, RetryPolicy};
use support::{Burst, GetJson, Reply, Server, client};

fn gap(server: &Server, a: usize, b: usize) -> Duration {
    let requests = server.requests();
    requests[b].at.duration_since(requests[a].at)
}

#[test]
fn bucket_429_waits_retry_after_then_succeeds() {
    let server = Server::scripted(vec![
        Reply::json(
            429,
            r#"{"message":"You are being rate limited.","retry_after":0.25,"global":false}"#,
        )
        .header("Retry-After", "1")
        .header("X-RateLimit-Limit", "5")
        .header("X-RateLimit-Remaining", "0")
        .header("X-RateLimit-Reset-After", "0.250")
        .header("X-RateLimit-Bucket", "abcd1234")
        .header("X-RateLimit-Scope", "user"),
        Reply::json(200, r#"{"code":"abc"}"#),
    ]);
    let c = client(&server).build().unwrap();
    assert_eq!(c.execute(&GetJson::new("abc")).unwrap()["code"], "abc");
    assert_eq!(server.requests().len(), 2);
    let waited = gap(&server, 0, 1);
    // The body's float (0.25 s) is used, not the header's rounded-up integer.
    assert!(waited >= Duration::from_millis(250), "{waited:?}");
    assert!(waited < Duration::from_millis(900), "{waited:?}");
}

#[test]
fn fluxer_429_with_integer_retry_after() {
    let server = Server::scripted(vec![
        Reply::json(
            429,
            r#"{"code":"RATE_LIMITED","message":"You are being rate limited.","global":false}"#,
        )
        .header("Retry-After", "1")
        .header("X-RateLimit-Global", "false"),
        Reply::json(200, r#"{"code":"abc"}"#),
    ]);
    let c = client(&server)
        .platform(invite_model::Platform::Fluxer)
        .base_url(server.base_url())
        .build()
        .unwrap();
    c.execute(&GetJson::new("abc")).unwrap();
    assert!(gap(&server, 0, 1) >= Duration::from_secs(1));
}

#[test]
fn global_429_blocks_other_routes() {
    let server = Server::with_handler(|r| {
        if r.path == "/api/v10/invites/first" && r.header("x-seen").is_none() {
            // Only the first request to `first` is limited.
            static ONCE: std::sync::Once = std::sync::Once::new();
            let mut limited = false;
            ONCE.call_once(|| limited = true);
            if limited {
                return Reply::json(
                    429,
                    r#"{"message":"You are being rate limited.","retry_after":0.3,"global":true}"#,
                )
                .header("X-RateLimit-Global", "true")
                .header("X-RateLimit-Scope", "global");
            }
        }
        Reply::json(200, r#"{"ok":true}"#)
    });
    let c = client(&server).build().unwrap();
    let first = {
        let c = c.clone();
        std::thread::spawn(move || c.execute(&GetJson::new("first")))
    };
    // Let the global 429 arrive, then call an unrelated route.
    let deadline = Instant::now() + Duration::from_secs(2);
    while server.requests().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(50));
    c.execute(&GetJson::new("second")).unwrap();
    first.join().unwrap().unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let limited_at = requests[0].at;
    for r in &requests[1..] {
        let after = r.at.duration_since(limited_at);
        assert!(
            after >= Duration::from_millis(300),
            "{} after {after:?}",
            r.path
        );
    }
}

#[test]
fn spent_bucket_holds_requests_until_reset() {
    let spent = || {
        Reply::json(200, r#"{"ok":true}"#)
            .header("X-RateLimit-Limit", "1")
            .header("X-RateLimit-Remaining", "0")
            .header("X-RateLimit-Reset-After", "0.2")
            .header("X-RateLimit-Bucket", "b1")
    };
    let server = Server::scripted(vec![spent(), spent(), spent()]);
    let c = client(&server).build().unwrap();
    for _ in 0..3 {
        c.execute(&GetJson::new("same")).unwrap();
    }
    assert!(gap(&server, 0, 1) >= Duration::from_millis(200));
    assert!(gap(&server, 1, 2) >= Duration::from_millis(200));
}

#[test]
fn exhausted_429_retries_end_in_rate_limited() {
    let limited = || {
        Reply::json(
            429,
            r#"{"message":"You are being rate limited.","retry_after":0.05,"global":false}"#,
        )
    };
    let server = Server::scripted((0..6).map(|_| limited()).collect());
    let c = client(&server).build().unwrap();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    assert!(
        matches!(
            &err,
            Error::RateLimited(r) if r.retry_after == Duration::from_millis(50) && !r.global
        ),
        "{err:?}"
    );
    // The model's 429 is kept whole: its message too (and it is the source).
    let Error::RateLimited(r) = &err else {
        unreachable!()
    };
    assert_eq!(r.message, "You are being rate limited.");
    assert!(std::error::Error::source(&err).is_some());
    assert_eq!(
        err.to_string(),
        "rate limited on this route: retry after 0.050s"
    );
    // The first attempt and three retries.
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn waits_longer_than_the_policy_allows_fail_fast() {
    let server = Server::scripted(vec![Reply::json(
        429,
        r#"{"message":"You are being rate limited.","retry_after":30,"global":true}"#,
    )]);
    let c = client(&server).build().unwrap();
    let started = Instant::now();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    // The 429 itself, as the model read it: its wait does not fit the policy's budget.
    let Error::RateLimited(limited) = &err else {
        panic!("expected RateLimited, got {err:?}");
    };
    assert!(limited.global);
    assert_eq!(limited.retry_after, Duration::from_secs(30));
    assert_eq!(limited.message, "You are being rate limited.");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.requests().len(), 1);
    // Other calls fail fast too while the global limit lasts, without sending anything.
    let err = c.execute(&GetJson::new("other")).unwrap_err();
    assert!(
        matches!(
            err,
            Error::RateLimitWait {
                retry_after,
                reason: invite_model::WaitReason::Global,
            } if retry_after > Duration::from_secs(29) && retry_after <= Duration::from_secs(30)
        ),
        "{err:?}"
    );
    assert!(err.is_global_rate_limit());
    assert_eq!(
        err.to_string().get(..35),
        Some("rate limited globally: retry after ")
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
/// Issue 9: the client counted retries itself, and a 429 that named no wait paused the 5xx
/// backoff (20 ms here), outside the rate-limit budget. The model's tracker decides now: the
/// fallback wait (1 s), charged to the budget.
fn a_429_without_any_wait_pauses_the_fallback_wait() {
    use invite_model::ratelimit::FALLBACK_WAIT;
    let server = Server::scripted(vec![
        Reply::json(429, "{}"),
        Reply::json(200, r#"{"code":"abc"}"#),
    ]);
    let delays = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&delays);
    let c = client(&server)
        .log(move |event| {
            if let invite_http_ureq::LogEvent::Retry { status, delay, .. } = event {
                seen.lock().unwrap().push((*status, *delay));
            }
        })
        .build()
        .unwrap();
    c.execute(&GetJson::new("abc")).unwrap();
    assert!(
        gap(&server, 0, 1) >= FALLBACK_WAIT,
        "{:?}",
        gap(&server, 0, 1)
    );
    assert_eq!(*delays.lock().unwrap(), [(Some(429), FALLBACK_WAIT)]);

    // A budget smaller than the fallback wait: the call ends with the 429, sent once.
    let server = Server::scripted(vec![
        Reply::json(429, r#"{"message":"slow down"}"#),
        Reply::json(200, r#"{"code":"abc"}"#),
    ]);
    let c = client(&server)
        .retry_policy(RetryPolicy::default().with_max_rate_limit_wait(Duration::from_millis(500)))
        .build()
        .unwrap();
    let err = c.execute(&GetJson::new("abc")).unwrap_err();
    assert!(
        matches!(&err, Error::RateLimited(r) if r.retry_after == FALLBACK_WAIT && r.message == "slow down"),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

/// The server side of the burst: a fixed window of `LIMIT` requests per `WINDOW`, announced
/// with Discord's headers; more than that gets a 429.
struct Bucket {
    window_start: Option<Instant>,
    count: u32,
    served: HashMap<usize, u32>,
    too_many: u32,
}

const LIMIT: u32 = 10;
const WINDOW: Duration = Duration::from_millis(100);

fn ceil_ms(d: Duration) -> String {
    let ms = d.as_micros().div_ceil(1000);
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

#[test]
fn burst_from_many_threads_respects_the_bucket() {
    let state = Arc::new(Mutex::new(Bucket {
        window_start: None,
        count: 0,
        served: HashMap::new(),
        too_many: 0,
    }));
    let server_state = Arc::clone(&state);
    let server = Server::with_handler(move |r| {
        let mut b = server_state.lock().unwrap();
        let now = Instant::now();
        match b.window_start {
            Some(start) if now < start + WINDOW => {}
            _ => {
                b.window_start = Some(now);
                b.count = 0;
            }
        }
        b.count += 1;
        let reset_after = (b.window_start.unwrap() + WINDOW).saturating_duration_since(now);
        let reset_after = ceil_ms(reset_after);
        if b.count > LIMIT {
            b.too_many += 1;
            return Reply::json(
                429,
                &format!(
                    r#"{{"message":"You are being rate limited.","retry_after":{reset_after},"global":false}}"#
                ),
            )
            .header("X-RateLimit-Limit", "10")
            .header("X-RateLimit-Remaining", "0")
            .header("X-RateLimit-Reset-After", &reset_after)
            .header("X-RateLimit-Bucket", "burst");
        }
        let id: usize = r
            .query_param("guild_scheduled_event_id")
            .and_then(|v| v.parse().ok())
            .unwrap_or(usize::MAX);
        *b.served.entry(id).or_default() += 1;
        let remaining = (LIMIT - b.count).to_string();
        Reply::json(200, &format!(r#"{{"id":{id}}}"#))
            .header("X-RateLimit-Limit", "10")
            .header("X-RateLimit-Remaining", &remaining)
            .header("X-RateLimit-Reset-After", &reset_after)
            .header("X-RateLimit-Bucket", "burst")
    });
    let c = client(&server)
        .global_limit(None)
        .retry_policy(RetryPolicy::default().with_max_rate_limit_wait(Duration::from_secs(20)))
        .build()
        .unwrap();
    let started = Instant::now();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let c = c.clone();
            std::thread::spawn(move || {
                (0..25)
                    .map(|i| {
                        let id = t * 25 + i;
                        c.execute(&Burst { id }).map(|got| (id, got))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for t in threads {
        for result in t.join().unwrap() {
            let (id, got) = result.unwrap();
            assert_eq!(id, got);
        }
    }
    let elapsed = started.elapsed();
    let b = state.lock().unwrap();
    assert_eq!(b.served.len(), 200, "every request served");
    assert!(
        b.served.values().all(|&n| n == 1),
        "no request served twice"
    );
    assert!((0..200).all(|id| b.served.contains_key(&id)));
    assert!(b.too_many <= 1, "{} 429s", b.too_many);
    // 200 requests at 10 per 100 ms take at least 19 full windows.
    assert!(elapsed >= Duration::from_millis(1900), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(15), "{elapsed:?}");
}

/// Issue 9, defect 10: the client read an exhausted 429 with rules of its own: a
/// `retry_after` of `1e400` became `Duration::MAX`, and a 429 naming no wait reported 0 s where
/// the model's 429 error says 1 s. It reports the model's reading now: capped at `MAX_WAIT`,
/// the fallback wait, the scope in any case.
#[test]
fn exhausted_429s_report_the_models_bounded_wait() {
    use invite_model::ratelimit::{FALLBACK_WAIT, MAX_WAIT};
    let cases = [
        (
            Reply::json(429, r#"{"retry_after":"1e400","global":false}"#),
            MAX_WAIT,
            false,
        ),
        (Reply::json(429, "{}"), FALLBACK_WAIT, false),
        (
            Reply::json(429, r#"{"message":"x"}"#)
                .header("Retry-After", "1e400")
                .header("X-RateLimit-Scope", " Global "),
            MAX_WAIT,
            true,
        ),
    ];
    for (reply, wait, is_global) in cases {
        let server = Server::scripted(vec![reply]);
        let c = client(&server)
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap();
        let err = c.execute(&GetJson::new("abc")).unwrap_err();
        let Error::RateLimited(limited) = err else {
            panic!("expected RateLimited, got {err:?}");
        };
        assert_eq!((limited.retry_after, limited.global), (wait, is_global));
        assert_eq!(server.requests().len(), 1);
    }
}
