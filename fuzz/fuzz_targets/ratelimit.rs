//! The rate limiter fed arbitrary sequences of acquires, responses (rate-limit headers, 429
//! bodies) and failures at arbitrary times (forwards and backwards) never panics, and never asks
//! to wait zero or longer than the longest reset or `retry_after` it was fed, or its own
//! documented waits (the one-second global window, the in-flight poll), capped at `MAX_WAIT`.
#![no_main]

use std::time::Duration;

use invite_model::RateLimiter;
use invite_model::endpoint::{Response, Route};
use invite_model::ratelimit::{GLOBAL_WINDOW, IN_FLIGHT_POLL, MAX_WAIT};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

const TEMPLATES: [&str; 3] = [
    "GET /invites/{code}",
    "POST /channels/{channel_id}/invites",
    "GET /guilds/{guild_id}/invites",
];

/// A header value: seconds we know (with the duration they mean), or text that is no number.
fn seconds(u: &mut Unstructured<'_>, now: Duration, absolute: bool) -> Result<(String, Duration)> {
    let base = if absolute { now.as_secs() } else { 0 };
    Ok(match u.int_in_range(0u8..=5)? {
        0 => {
            let ms: u32 = u.int_in_range(0..=120_000)?;
            let at = Duration::from_secs(base) + Duration::from_millis(ms.into());
            (format!("{}.{:03}", at.as_secs(), at.subsec_millis()), at)
        }
        1 => {
            let s = base.saturating_add(u.int_in_range(0..=7200)?);
            (s.to_string(), Duration::from_secs(s))
        }
        2 => ("inf".into(), Duration::MAX),
        3 => ("1e3".into(), Duration::from_secs(1000)),
        4 => {
            let s: u64 = u.arbitrary()?;
            (s.to_string(), Duration::from_secs(s))
        }
        _ => (
            u.choose(&["", "soon", "-1", "NaN", "-inf", " "])?
                .to_string(),
            Duration::ZERO,
        ),
    })
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let mut limiter = if u.arbitrary()? {
        RateLimiter::new()
    } else {
        RateLimiter::with_global_limit(None)
    };
    let mut now = Duration::from_secs(1_700_000_000);
    // The longest wait the limiter may ask for, given what it was fed so far.
    let mut bound = GLOBAL_WINDOW.max(IN_FLIGHT_POLL);
    for _ in 0..u.int_in_range(1u8..=64)? {
        // Time moves forwards mostly, backwards sometimes.
        let step = Duration::from_millis(u.int_in_range(0..=5_000)?);
        now = if u.ratio(1, 8)? {
            now.saturating_sub(step)
        } else {
            now + step
        };
        let route = Route {
            template: u.choose(&TEMPLATES)?,
            major: u.choose(&["", "1", "2"])?.to_string(),
        };
        match u.int_in_range(0u8..=2)? {
            0 => {
                if let Err(wait) = limiter.acquire(&route, now) {
                    assert!(wait > Duration::ZERO, "zero wait");
                    assert!(
                        wait <= bound.min(MAX_WAIT),
                        "waits {wait:?}, bound {bound:?}"
                    );
                }
            }
            1 => limiter.record_failure(&route, now),
            _ => {
                let mut headers: Vec<(String, String)> = Vec::new();
                let mut push = |name: &str, value: String| headers.push((name.to_string(), value));
                if u.arbitrary()? {
                    push("X-RateLimit-Limit", u.int_in_range(0u32..=10)?.to_string());
                }
                if u.arbitrary()? {
                    push(
                        "x-ratelimit-remaining",
                        u.int_in_range(0u32..=10)?.to_string(),
                    );
                }
                if u.arbitrary()? {
                    let (text, at) = seconds(u, now, true)?;
                    bound = bound.max(at.saturating_sub(now));
                    push("X-RateLimit-Reset", text);
                }
                for name in ["X-RateLimit-Reset-After", "Retry-After"] {
                    if u.arbitrary()? {
                        let (text, d) = seconds(u, now, false)?;
                        bound = bound.max(d);
                        push(name, text);
                    }
                }
                if u.arbitrary()? {
                    push(
                        "X-RateLimit-Bucket",
                        u.choose(&["abcd", "efgh", "", "a b"])?.to_string(),
                    );
                }
                if u.arbitrary()? {
                    push(
                        "X-RateLimit-Global",
                        u.choose(&["true", "false", "TRUE"])?.to_string(),
                    );
                }
                if u.arbitrary()? {
                    push(
                        "X-RateLimit-Scope",
                        u.choose(&["user", "global", "shared"])?.to_string(),
                    );
                }
                let status = *u.choose(&[200u16, 204, 429, 429, 500])?;
                let body = if status == 429 && u.arbitrary()? {
                    let (text, d) = seconds(u, now, false)?;
                    bound = bound.max(d);
                    // Numbers go in as JSON numbers (with a nanosecond of float slack), the rest
                    // as strings.
                    let value = if text.parse::<f64>().is_ok_and(f64::is_finite) {
                        bound = bound.max(d.saturating_add(Duration::from_micros(1)));
                        text
                    } else {
                        format!("{text:?}")
                    };
                    format!(
                        r#"{{"retry_after":{value},"global":{}}}"#,
                        u.arbitrary::<bool>()?
                    )
                } else {
                    String::new()
                };
                let headers: Vec<(&str, &str)> = headers
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                let response = Response {
                    status,
                    headers: &headers,
                    body: body.as_bytes(),
                };
                limiter.record(&route, &response, now);
            }
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
