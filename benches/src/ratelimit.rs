//! A periodic stream of responses for the rate-limiter benchmark: one bucket with a limit of 50
//! per one-second window, and a request every 25 ms (40 per window), so the limiter always says
//! yes and every decision does the full work (bucket lookup, header parsing, window update).

use std::time::Duration;

use invite_model::endpoint::{Response, Route};
use invite_model::{InviteCode, RateLimiter};

/// Requests per simulated window.
pub const PER_WINDOW: usize = 40;
/// Time between two requests.
pub const STEP: Duration = Duration::from_millis(25);

/// The headers a server sends for each request of one window, precomputed so that formatting
/// is not timed.
#[derive(Debug, Clone)]
pub struct Script {
    headers: Vec<[(String, String); 5]>,
}

impl Script {
    /// The headers of the `i`-th request of a window (`remaining` counts down, the reset comes
    /// closer).
    pub fn new() -> Self {
        let headers = (0..PER_WINDOW)
            .map(|i| {
                let left = 1000 - 25 * i as u64;
                [
                    ("X-RateLimit-Limit".into(), "50".into()),
                    ("X-RateLimit-Remaining".into(), (49 - i).to_string()),
                    (
                        "X-RateLimit-Reset".into(),
                        format!("{}.{:03}", 1_700_000_001, 0),
                    ),
                    (
                        "X-RateLimit-Reset-After".into(),
                        format!("{}.{:03}", left / 1000, left % 1000),
                    ),
                    (
                        "X-RateLimit-Bucket".into(),
                        "41f9cd5d28af77da04563bcb1d67fdfd".into(),
                    ),
                ]
            })
            .collect();
        Self { headers }
    }
}

impl Default for Script {
    fn default() -> Self {
        Self::new()
    }
}

/// A limiter driven through the script: each [`step`](Self::step) is one request's decision
/// (`acquire`) and its response (`record`).
#[derive(Debug)]
pub struct Driver {
    limiter: RateLimiter,
    route: Route,
    script: Script,
    now: Duration,
    i: usize,
}

impl Driver {
    /// A fresh Discord limiter (global limit 50/s) on `GET /invites/{code}`.
    pub fn new() -> Self {
        Self {
            limiter: RateLimiter::new(),
            route: Route::GetInvite {
                code: InviteCode::parse("jvuBeT38").expect("a valid code"),
                with_counts: None,
                with_permissions: None,
                guild_scheduled_event_id: None,
            },
            script: Script::new(),
            now: Duration::from_secs(1_700_000_000),
            i: 0,
        }
    }

    /// One request: acquire (which must succeed), then record its response. Returns the
    /// acquire's answer.
    pub fn step(&mut self) -> Result<(), Duration> {
        let decision = self.limiter.acquire(&self.route, self.now);
        let owned = &self.script.headers[self.i];
        let headers: [(&str, &str); 5] =
            std::array::from_fn(|k| (owned[k].0.as_str(), owned[k].1.as_str()));
        let response = Response::new(200, &headers, b"");
        self.limiter.record(&self.route, &response, self.now);
        self.now += STEP;
        self.i = (self.i + 1) % PER_WINDOW;
        decision
    }
}

impl Default for Driver {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_request_is_allowed() {
        let mut d = Driver::new();
        for n in 0..10 * PER_WINDOW {
            assert_eq!(d.step(), Ok(()), "request {n}");
        }
    }
}
