//! [`RateLimiter`]: a pure, clock-free rate-limit state machine for Discord's and Fluxer's buckets.
//!
//! The limiter does no I/O and never reads a clock: every call takes `now`, the wall-clock time
//! since the Unix epoch (wall clock because `X-RateLimit-Reset` is absolute epoch seconds). An
//! adapter calls [`RateLimiter::acquire`] before it sends a request, sleeps for the returned wait
//! if it is refused, and feeds every response back with [`RateLimiter::record`] (or
//! [`RateLimiter::record_failure`] when no response came).
//!
//! # Model
//!
//! - **Global window**: Discord allows 50 requests per second per bot. The limiter counts the
//!   requests it lets through in a one-second window ([`GLOBAL_WINDOW`]) and refuses more than the
//!   configured limit ([`RateLimiter::with_global_limit`]; `None` for APIs without one, such as
//!   Fluxer).
//! - **Global 429**: a 429 marked global (`X-RateLimit-Global: true`, `"global": true` in the body,
//!   or `X-RateLimit-Scope: global`) blocks every route until its `retry_after` has passed.
//! - **Buckets**: Discord maps each route template to a bucket hash (`X-RateLimit-Bucket`); the
//!   state is kept per (bucket hash, major parameter), so routes that share a hash share their
//!   state. Fluxer sends no bucket header, so there the route itself (template and major
//!   parameter) is the key. A bucket's state is its limit, how many requests remain, and when
//!   the window resets; `X-RateLimit-Reset-After` is preferred over `X-RateLimit-Reset` since it
//!   needs no clock agreement.
//! - **Unknown buckets**: until the first response for a bucket arrives, only one request may be
//!   in flight in it, so a burst does not all land in a bucket whose limit is not known yet.
//! - **Requests in flight**: when a response reports how many requests remain, the requests still
//!   in flight are subtracted, so the same window is never over-spent.
//!
//! # Robustness
//!
//! Header values may be missing, empty, negative, `NaN`, infinite, huge or not numbers at all; the
//! limiter never panics. A value it cannot read is ignored. Every duration it is given is capped
//! at [`MAX_WAIT`], and a wait it asks for is never longer than the longest reset or
//! `retry_after` it was fed (or, for the global window, one second, or [`IN_FLIGHT_POLL`] while it
//! waits on its own request in flight). If the wall clock jumps backwards, stored deadlines move
//! back with it, so a clock adjustment never lengthens a wait.
//!
//! Memory is bounded: at most [`MAX_BUCKETS`] bucket states and [`MAX_ROUTES`] route-to-hash
//! mappings are kept. When the bucket table is full, states that carry no information (nothing
//! in flight, window over) are pruned; if it is still full, a request for a new bucket waits until
//! some request finishes.
//!
//! ```
//! use core::time::Duration;
//! use invite_model::endpoint::{Response, Route};
//! use invite_model::RateLimiter;
//!
//! let mut limiter = RateLimiter::new();
//! let route = Route { template: "GET /invites/{code}", major: String::new() };
//! let now = Duration::from_secs(1_700_000_000);
//!
//! // The bucket is unknown: one request may go, a second waits for its response.
//! assert_eq!(limiter.acquire(&route, now), Ok(()));
//! assert!(limiter.acquire(&route, now).is_err());
//!
//! // The response says the bucket is spent for 1.5 s.
//! let headers = [
//!     ("X-RateLimit-Limit", "5"),
//!     ("X-RateLimit-Remaining", "0"),
//!     ("X-RateLimit-Reset-After", "1.5"),
//!     ("X-RateLimit-Bucket", "abcd1234"),
//! ];
//! let response = Response::new(200, &headers, b"{}");
//! limiter.record(&route, &response, now);
//! assert_eq!(limiter.acquire(&route, now), Err(Duration::from_millis(1500)));
//! assert_eq!(limiter.acquire(&route, now + Duration::from_millis(1500)), Ok(()));
//! ```

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::num::NonZeroU32;
use core::time::Duration;

use crate::wire::{Response, Route};

/// The longest wait the limiter ever asks for, and the cap on every duration it is fed: one hour.
pub const MAX_WAIT: Duration = Duration::from_secs(60 * 60);

/// Discord's global limit: 50 requests per second per bot.
pub const DISCORD_GLOBAL_LIMIT: NonZeroU32 = NonZeroU32::new(50).unwrap();

/// The length of the global window.
pub const GLOBAL_WINDOW: Duration = Duration::from_secs(1);

/// The wait suggested while a request of the same bucket is in flight and its response is needed
/// first. An adapter that is woken when a response is recorded may wake earlier.
pub const IN_FLIGHT_POLL: Duration = Duration::from_millis(100);

/// After this long without news (no acquire or response in the bucket), requests counted as in
/// flight are assumed lost and no longer hold the bucket.
pub const IN_FLIGHT_EXPIRY: Duration = Duration::from_secs(120);

/// The most bucket states kept at once.
pub const MAX_BUCKETS: usize = 4096;

/// The most route-template-to-bucket-hash mappings kept. When full, new templates are keyed by
/// the route itself, as if the API sent no bucket header.
pub const MAX_ROUTES: usize = 1024;

/// The longest `X-RateLimit-Bucket` value accepted, in bytes; longer values are ignored.
pub const MAX_BUCKET_HASH_LEN: usize = 64;

/// Why [`RateLimiter::try_acquire`] refused a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WaitReason {
    /// A global 429 is in force: every route waits.
    Global,
    /// The proactive global limit (requests per [`GLOBAL_WINDOW`]) is used up.
    GlobalWindow,
    /// The route's bucket has no requests left until its window resets.
    Bucket,
    /// The bucket's limit is not known (or its reset is not), and a request of it is in flight:
    /// its response is awaited.
    InFlight,
    /// The bucket table is full of active buckets ([`MAX_BUCKETS`]).
    Capacity,
}

impl WaitReason {
    /// Whether the wait applies to every route (a global 429 or the global window).
    pub const fn is_global(self) -> bool {
        matches!(self, Self::Global | Self::GlobalWindow)
    }

    /// Lowercase name: `global`, `global window`, `bucket`, `in flight`, `capacity`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::GlobalWindow => "global window",
            Self::Bucket => "bucket",
            Self::InFlight => "in flight",
            Self::Capacity => "capacity",
        }
    }
}

impl fmt::Display for WaitReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refusal from [`RateLimiter::try_acquire`]: how long to wait before asking again, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Wait {
    /// How long to wait before asking again; never zero, never more than [`MAX_WAIT`].
    pub duration: Duration,
    /// Why.
    pub reason: WaitReason,
}

/// The rate-limit facts one response carries, read leniently: a value that cannot be read is
/// `None`.
///
/// ```
/// use core::time::Duration;
/// use invite_model::endpoint::Response;
/// use invite_model::RateLimitInfo;
///
/// let headers = [("retry-after", "3"), ("x-ratelimit-global", "true")];
/// let body = br#"{"message":"You are being rate limited.","retry_after":2.5,"global":true}"#;
/// let info = RateLimitInfo::from_response(&Response::new(429, &headers, body));
/// assert_eq!(info.retry_after, Some(Duration::from_millis(2500)));
/// assert!(info.global);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RateLimitInfo<'a> {
    /// `X-RateLimit-Limit`.
    pub limit: Option<u32>,
    /// `X-RateLimit-Remaining`.
    pub remaining: Option<u32>,
    /// `X-RateLimit-Reset`: when the window resets, as time since the Unix epoch.
    pub reset: Option<Duration>,
    /// `X-RateLimit-Reset-After`: how long until the window resets.
    pub reset_after: Option<Duration>,
    /// `X-RateLimit-Bucket`, if it is at most [`MAX_BUCKET_HASH_LEN`] bytes of visible ASCII.
    pub bucket: Option<&'a str>,
    /// Whether this is a global 429: `X-RateLimit-Global: true`, the body's `"global": true`,
    /// or `X-RateLimit-Scope: global` (only for status 429).
    pub global: bool,
    /// `X-RateLimit-Scope` (`user`, `global` or `shared`), if sent.
    pub scope: Option<&'a str>,
    /// For a 429: the body's `retry_after` (float seconds), else the `Retry-After` header
    /// (integer seconds, as Fluxer sends it).
    pub retry_after: Option<Duration>,
}

impl<'a> RateLimitInfo<'a> {
    /// Reads the rate-limit headers of `response` and, for a 429, its JSON body.
    pub fn from_response(response: &Response<'a>) -> Self {
        let headers: &'a [(&'a str, &'a str)] = response.headers;
        let header = |name: &str| -> Option<&'a str> {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.trim())
        };
        let too_many = response.status == 429;
        let scope = header("x-ratelimit-scope").filter(|s| !s.is_empty());
        let mut global = too_many
            && (header("x-ratelimit-global").is_some_and(|v| v.eq_ignore_ascii_case("true"))
                || scope.is_some_and(|s| s.eq_ignore_ascii_case("global")));
        let mut retry_after = None;
        if too_many {
            let body = parse_429_body(response.body);
            global |= body.global;
            retry_after = body
                .retry_after
                .or_else(|| header("retry-after").and_then(parse_seconds));
        }
        Self {
            limit: header("x-ratelimit-limit").and_then(parse_count),
            remaining: header("x-ratelimit-remaining").and_then(parse_count),
            reset: header("x-ratelimit-reset").and_then(parse_seconds),
            reset_after: header("x-ratelimit-reset-after").and_then(parse_seconds),
            bucket: header("x-ratelimit-bucket").filter(|h| {
                !h.is_empty()
                    && h.len() <= MAX_BUCKET_HASH_LEN
                    && h.bytes().all(|b| b.is_ascii_graphic())
            }),
            global,
            scope,
            retry_after,
        }
    }

    /// How long until the bucket's window resets, as seen at `now`: `reset_after` if sent, else
    /// `reset - now` (zero if `reset` is in the past). Capped at [`MAX_WAIT`].
    pub fn reset_in(&self, now: Duration) -> Option<Duration> {
        self.reset_after
            .or_else(|| self.reset.map(|at| at.saturating_sub(now)))
            .map(|d| d.min(MAX_WAIT))
    }
}

/// What a 429 body says (both fields optional, garbage tolerated).
struct Body429 {
    retry_after: Option<Duration>,
    global: bool,
}

fn parse_429_body(body: &[u8]) -> Body429 {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(body)
    else {
        return Body429 {
            retry_after: None,
            global: false,
        };
    };
    let retry_after = match map.get("retry_after") {
        Some(serde_json::Value::Number(n)) => n.as_f64().and_then(seconds_from_f64),
        Some(serde_json::Value::String(s)) => parse_seconds(s.trim()),
        _ => None,
    };
    let global = matches!(map.get("global"), Some(serde_json::Value::Bool(true)));
    Body429 {
        retry_after,
        global,
    }
}

/// Reads a non-negative count; decimals are truncated, huge values saturate at `u32::MAX`.
fn parse_count(text: &str) -> Option<u32> {
    let value: f64 = text.parse().ok()?;
    // Rejects NaN too; `as` saturates at u32::MAX (and +inf).
    if value.is_nan() || value < 0.0 {
        return None;
    }
    Some(value as u32)
}

/// Reads non-negative seconds with optional decimals; huge or infinite values saturate.
///
/// Plain decimals (`1470173023.123`) are read exactly, to the nanosecond; other number forms
/// (`1e3`, `inf`) go through `f64`.
fn parse_seconds(text: &str) -> Option<Duration> {
    parse_plain_decimal(text).or_else(|| seconds_from_f64(text.parse().ok()?))
}

/// `digits[.digits]` (at least one digit) as a duration; digits past nanoseconds are dropped.
fn parse_plain_decimal(text: &str) -> Option<Duration> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut secs: u64 = 0;
    for b in int.bytes() {
        secs = match secs
            .checked_mul(10)
            .and_then(|s| s.checked_add(u64::from(b - b'0')))
        {
            Some(s) => s,
            None => return Some(Duration::MAX),
        };
    }
    let mut nanos: u32 = 0;
    let mut scale: u32 = 100_000_000;
    for b in frac.bytes().take(9) {
        nanos += u32::from(b - b'0') * scale;
        scale /= 10;
    }
    Some(Duration::new(secs, nanos))
}

fn seconds_from_f64(value: f64) -> Option<Duration> {
    if value.is_nan() || value < 0.0 {
        return None;
    }
    Some(Duration::try_from_secs_f64(value).unwrap_or(Duration::MAX))
}

/// How a bucket is identified: by the API's hash, or (without one) by the route template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum BucketId {
    Hash(String),
    Route(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct BucketKey {
    id: BucketId,
    major: String,
}

#[derive(Debug, Clone, Default)]
struct Bucket {
    /// Whether any response of this bucket has been recorded.
    seen: bool,
    /// The bucket's limit per window, if known.
    limit: Option<u32>,
    /// Requests that may still be sent in this window; `None` when no limit is known.
    remaining: Option<u32>,
    /// When the window resets (time since the epoch), if known.
    reset_at: Option<Duration>,
    /// Whether `remaining` counts our own requests in a known window (so a response may only
    /// lower it), rather than just repeating the last header.
    windowed: bool,
    /// Requests let through and not yet answered.
    in_flight: u32,
    /// The last acquire or response in this bucket.
    last_activity: Duration,
}

impl Bucket {
    /// Forgets requests in flight that have been silent for [`IN_FLIGHT_EXPIRY`].
    fn expire_in_flight(&mut self, now: Duration) {
        if self.in_flight > 0 && now.saturating_sub(self.last_activity) >= IN_FLIGHT_EXPIRY {
            self.in_flight = 0;
        }
    }

    /// Starts a new window if the current one is over.
    fn roll_window(&mut self, now: Duration) {
        if self.reset_at.is_some_and(|at| now >= at) {
            self.reset_at = None;
            self.remaining = self.limit.map(|l| l.saturating_sub(self.in_flight));
            // A fresh window: from here on `remaining` counts our own requests in it.
            self.windowed = self.remaining.is_some();
        }
    }

    /// Whether the state holds nothing worth keeping: nothing in flight and no window running.
    fn is_idle(&self, now: Duration) -> bool {
        (self.in_flight == 0 || now.saturating_sub(self.last_activity) >= IN_FLIGHT_EXPIRY)
            && self.reset_at.is_none_or(|at| now >= at)
    }

    /// Whether one more request may go now; otherwise the wait.
    fn check(&self, now: Duration) -> Result<(), Wait> {
        let in_flight_wait = Wait {
            duration: IN_FLIGHT_POLL,
            reason: WaitReason::InFlight,
        };
        if !self.seen {
            return if self.in_flight == 0 {
                Ok(())
            } else {
                Err(in_flight_wait)
            };
        }
        match (self.remaining, self.reset_at) {
            (Some(0), Some(at)) => {
                // `roll_window` ran first, so `at > now` and the wait is not zero.
                Err(Wait {
                    duration: at.saturating_sub(now).min(MAX_WAIT),
                    reason: WaitReason::Bucket,
                })
            }
            // Spent, and no reset known: let one probe through at a time.
            (Some(0), None) if self.in_flight > 0 => Err(in_flight_wait),
            // No limit known, requests left, or a probe.
            _ => Ok(()),
        }
    }

    /// Reserves one request (after a successful `check`).
    fn take(&mut self, now: Duration) {
        self.in_flight = self.in_flight.saturating_add(1);
        self.last_activity = now;
        if let Some(left) = self.remaining.as_mut() {
            *left = left.saturating_sub(1);
        }
    }

    /// Applies what a response said (after its in-flight slot was released).
    fn apply(&mut self, info: &RateLimitInfo<'_>, status: u16, now: Duration) {
        self.seen = true;
        self.last_activity = now;
        if let Some(limit) = info.limit {
            self.limit = Some(limit);
        }
        let reset_in = info.reset_in(now);
        if let Some(remaining) = info.remaining {
            // The server counted every request it answered; those still in flight may not be
            // counted yet, so they are subtracted.
            let remaining = match self.limit {
                Some(limit) => remaining.min(limit),
                None => remaining,
            };
            let from_server = remaining.saturating_sub(self.in_flight);
            let new_reset = reset_in.map(|d| now.saturating_add(d));
            self.remaining = match self.remaining {
                // Within a window our own count is exact, and responses may arrive out of
                // order (an older, higher count after a newer one): only ever go down.
                Some(local) if self.windowed => Some(local.min(from_server)),
                _ => Some(from_server),
            };
            self.reset_at = match (self.reset_at, new_reset) {
                // The latest reset heard of, so a stale response does not end the window early.
                (Some(old), Some(new)) => Some(old.max(new)),
                (old, new) => new.or(old),
            };
            self.windowed = self.reset_at.is_some();
        }
        if status == 429 && !info.global {
            // The bucket is spent: wait the longest of what we were told.
            let wait = match (info.retry_after.map(|d| d.min(MAX_WAIT)), reset_in) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            self.remaining = Some(0);
            let until = wait.map(|d| now.saturating_add(d));
            self.reset_at = match (self.reset_at, until) {
                (Some(old), Some(new)) => Some(old.max(new)),
                (old, new) => new.or(old),
            };
            self.windowed = self.reset_at.is_some();
        }
    }

    /// Moves every absolute time back by `by` (the wall clock jumped backwards).
    fn shift_back(&mut self, by: Duration) {
        self.reset_at = self.reset_at.map(|at| at.saturating_sub(by));
        self.last_activity = self.last_activity.saturating_sub(by);
    }
}

/// A pure rate-limit state machine: no clock, no I/O. See the [module docs](self).
///
/// `Debug` shows only counts (buckets, routes), not the bucket hashes.
#[derive(Clone)]
pub struct RateLimiter {
    global_limit: Option<NonZeroU32>,
    /// Start of the current global window and how many requests it let through.
    window_start: Duration,
    window_count: u32,
    /// A global 429 blocks everything until this moment.
    global_until: Option<Duration>,
    /// Discord: route template → bucket hash.
    routes: BTreeMap<&'static str, String>,
    buckets: BTreeMap<BucketKey, Bucket>,
    /// The latest `now` seen, to notice the wall clock going backwards.
    last_now: Duration,
}

impl fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimiter")
            .field("global_limit", &self.global_limit)
            .field("global_until", &self.global_until)
            .field("routes", &self.routes.len())
            .field("buckets", &self.buckets.len())
            .finish_non_exhaustive()
    }
}

impl Default for RateLimiter {
    /// The same as [`RateLimiter::new`].
    fn default() -> Self {
        Self::new()
    }
}

impl RateLimiter {
    /// A limiter for Discord: a global limit of [`DISCORD_GLOBAL_LIMIT`] (50) requests per second.
    pub const fn new() -> Self {
        Self::with_global_limit(Some(DISCORD_GLOBAL_LIMIT))
    }

    /// A limiter with a proactive global limit of `limit` requests per [`GLOBAL_WINDOW`], or none
    /// (`None`, e.g. for Fluxer, which has per-route limits only). Global 429s are honoured
    /// either way.
    pub const fn with_global_limit(limit: Option<NonZeroU32>) -> Self {
        Self {
            global_limit: limit,
            window_start: Duration::ZERO,
            window_count: 0,
            global_until: None,
            routes: BTreeMap::new(),
            buckets: BTreeMap::new(),
            last_now: Duration::ZERO,
        }
    }

    /// The proactive global limit.
    pub const fn global_limit(&self) -> Option<NonZeroU32> {
        self.global_limit
    }

    /// How many bucket states are kept (at most [`MAX_BUCKETS`]).
    pub fn bucket_count(&self) -> usize {
        self.buckets.len()
    }

    /// The bucket hash learned for a route template, if any.
    pub fn bucket_hash(&self, template: &str) -> Option<&str> {
        self.routes.get(template).map(String::as_str)
    }

    /// Reserves one request of `route` at `now`, or says how long to wait before asking again.
    ///
    /// `Ok` counts the request toward the global window and its bucket; it must be followed by
    /// [`record`](Self::record) or [`record_failure`](Self::record_failure).
    pub fn acquire(&mut self, route: &Route, now: Duration) -> Result<(), Duration> {
        self.try_acquire(route, now).map_err(|wait| wait.duration)
    }

    /// [`acquire`](Self::acquire), saying why a request was refused.
    pub fn try_acquire(&mut self, route: &Route, now: Duration) -> Result<(), Wait> {
        self.observe(now);
        if let Some(until) = self.global_until {
            if now < until {
                return Err(Wait {
                    duration: until.saturating_sub(now).min(MAX_WAIT),
                    reason: WaitReason::Global,
                });
            }
            self.global_until = None;
        }
        if let Some(limit) = self.global_limit {
            let window_end = self.window_start.saturating_add(GLOBAL_WINDOW);
            if now >= window_end {
                self.window_start = now;
                self.window_count = 0;
            } else if self.window_count >= limit.get() {
                return Err(Wait {
                    duration: window_end.saturating_sub(now).min(GLOBAL_WINDOW),
                    reason: WaitReason::GlobalWindow,
                });
            }
        }
        let key = self.key_for(route);
        if let Some(bucket) = self.buckets.get_mut(&key) {
            bucket.expire_in_flight(now);
            bucket.roll_window(now);
            bucket.check(now)?;
            bucket.take(now);
        } else {
            if self.buckets.len() >= MAX_BUCKETS {
                self.prune(now);
                if self.buckets.len() >= MAX_BUCKETS {
                    return Err(Wait {
                        duration: IN_FLIGHT_POLL,
                        reason: WaitReason::Capacity,
                    });
                }
            }
            let mut bucket = Bucket::default();
            bucket.take(now);
            self.buckets.insert(key, bucket);
        }
        if self.global_limit.is_some() {
            self.window_count = self.window_count.saturating_add(1);
        }
        Ok(())
    }

    /// Feeds the response to a request of `route` that [`acquire`](Self::acquire) let through:
    /// releases its in-flight slot and learns the bucket hash, limit, remaining count, reset and,
    /// for a 429, the `retry_after` (global or per bucket).
    pub fn record(&mut self, route: &Route, response: &Response<'_>, now: Duration) {
        self.observe(now);
        let info = RateLimitInfo::from_response(response);
        if let (429, true, Some(wait)) = (response.status, info.global, info.retry_after) {
            let until = now.saturating_add(wait.min(MAX_WAIT));
            self.global_until = Some(self.global_until.map_or(until, |u| u.max(until)));
        }
        let key = self.key_for(route);
        let released = self.release(&key, now);
        let (key, mut bucket) = match info.bucket {
            Some(hash) if key.id != BucketId::Hash(String::from(hash)) => {
                if self.learn_route(route, hash) {
                    self.rekey(key, released, hash, now)
                } else {
                    (key, released)
                }
            }
            _ => (key, released),
        };
        bucket.apply(&info, response.status, now);
        self.insert(key, bucket, now);
    }

    /// Releases the in-flight slot of a request of `route` that got no response (connection
    /// failure, timeout). Nothing is learned about the bucket.
    pub fn record_failure(&mut self, route: &Route, now: Duration) {
        self.observe(now);
        let key = self.key_for(route);
        let bucket = self.release(&key, now);
        self.insert(key, bucket, now);
    }

    /// The state key of `route`: its learned bucket hash, or the route template, plus its major.
    fn key_for(&self, route: &Route) -> BucketKey {
        let id = match self.routes.get(route.template) {
            Some(hash) => BucketId::Hash(hash.clone()),
            None => BucketId::Route(route.template),
        };
        BucketKey {
            id,
            major: route.major.clone(),
        }
    }

    /// Takes the bucket at `key` out of the table with one in-flight slot released.
    fn release(&mut self, key: &BucketKey, now: Duration) -> Bucket {
        let mut bucket = self.buckets.remove(key).unwrap_or_default();
        bucket.expire_in_flight(now);
        bucket.in_flight = bucket.in_flight.saturating_sub(1);
        bucket.last_activity = now;
        bucket
    }

    /// Puts a bucket (back) into the table, pruning if it is full; dropped if it still is.
    fn insert(&mut self, key: BucketKey, bucket: Bucket, now: Duration) {
        if self.buckets.len() >= MAX_BUCKETS {
            self.prune(now);
        }
        if self.buckets.len() < MAX_BUCKETS {
            self.buckets.insert(key, bucket);
        }
    }

    /// Maps `route`'s template to `hash`; false if the mapping table is full.
    fn learn_route(&mut self, route: &Route, hash: &str) -> bool {
        if let Some(known) = self.routes.get_mut(route.template) {
            known.clear();
            known.push_str(hash);
            return true;
        }
        if self.routes.len() >= MAX_ROUTES {
            return false;
        }
        self.routes.insert(route.template, String::from(hash));
        true
    }

    /// The state a response of `key`'s route goes to now that its template maps to `hash`.
    fn rekey(
        &mut self,
        key: BucketKey,
        released: Bucket,
        hash: &str,
        now: Duration,
    ) -> (BucketKey, Bucket) {
        let new_key = BucketKey {
            id: BucketId::Hash(String::from(hash)),
            major: key.major.clone(),
        };
        match key.id {
            BucketId::Route(template) => {
                // Requests sent before the hash was known move along, into the hash's state if
                // another route already made one (routes sharing a hash share it).
                let bucket = match self.buckets.remove(&new_key) {
                    Some(mut existing) => {
                        existing.in_flight = existing.in_flight.saturating_add(released.in_flight);
                        existing
                    }
                    None => released,
                };
                self.migrate_template(template, hash);
                (new_key, bucket)
            }
            BucketId::Hash(_) => {
                // The template moved to another hash: the old state stays for the routes still
                // on it (its requests of this template expire after IN_FLIGHT_EXPIRY).
                self.insert(key, released, now);
                let bucket = self.buckets.remove(&new_key).unwrap_or_default();
                (new_key, bucket)
            }
        }
    }

    /// Moves states keyed by `template` (requests sent before its hash was known) to `hash`.
    fn migrate_template(&mut self, template: &'static str, hash: &str) {
        let old: Vec<BucketKey> = self
            .buckets
            .keys()
            .filter(|k| k.id == BucketId::Route(template))
            .cloned()
            .collect();
        for old_key in old {
            let Some(state) = self.buckets.remove(&old_key) else {
                continue;
            };
            let new_key = BucketKey {
                id: BucketId::Hash(String::from(hash)),
                major: old_key.major,
            };
            match self.buckets.get_mut(&new_key) {
                Some(existing) => {
                    existing.in_flight = existing.in_flight.saturating_add(state.in_flight);
                }
                None => {
                    self.buckets.insert(new_key, state);
                }
            }
        }
    }

    /// Drops every bucket state that holds nothing worth keeping.
    fn prune(&mut self, now: Duration) {
        self.buckets.retain(|_, bucket| !bucket.is_idle(now));
    }

    /// Notices a backwards jump of the wall clock and moves every stored deadline back with it.
    fn observe(&mut self, now: Duration) {
        if now < self.last_now {
            let by = self.last_now.saturating_sub(now);
            self.window_start = self.window_start.saturating_sub(by);
            self.global_until = self.global_until.map(|u| u.saturating_sub(by));
            for bucket in self.buckets.values_mut() {
                bucket.shift_back(by);
            }
        }
        self.last_now = now;
    }
}

#[cfg(test)]
mod tests;
