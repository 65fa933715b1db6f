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
//! - **Requests in flight**: within a window, the limiter counts its own requests. A response
//!   reporting at least as many remaining as that count is explained by them (the server may
//!   have counted some whose answers are still on the way: with requests in parallel, answers
//!   arrive in any order), so the count stands and the window can be spent to its last request.
//!   A response reporting fewer shows other clients on the bucket; then the requests still in
//!   flight are subtracted from what it reports, as if the server had not counted them yet. The
//!   first response of a bucket (one request in flight) sets the count.
//!
//! # Robustness
//!
//! Header values may be missing, empty, negative, `NaN`, infinite, huge or not numbers at all; the
//! limiter never panics. A value it cannot read is ignored. Every duration read from a response
//! is capped at [`MAX_WAIT`] by the reader ([`RateLimitInfo`]), so deadlines are never more than
//! that ahead, and a wait the limiter asks for is never longer than the longest reset or
//! `retry_after` it was fed (or, for the global window, one second, or [`IN_FLIGHT_POLL`] while it
//! waits on its own request in flight). If the wall clock jumps backwards, stored deadlines move
//! back with it, so a clock adjustment never lengthens a wait.
//!
//! Memory is bounded: at most [`MAX_BUCKETS`] bucket states and [`MAX_ROUTES`] route-to-hash
//! mappings are kept, and a bucket's key (its hash, at most [`MAX_BUCKET_HASH_LEN`] bytes, and
//! its major parameter) is stored inline: asking and recording allocate nothing once a bucket
//! exists. When the bucket table is full, states that carry no information (nothing in flight,
//! window over) are dropped first; if it is still full, an eighth of the table is evicted among
//! the states with nothing in flight: buckets that are not spent first, then the least recently
//! used. So responses that name ever new buckets cannot lock new routes out; only a table in
//! which every state has a request in flight makes a new bucket wait
//! ([`WaitReason::Capacity`]) until one finishes.
//!
//! The rate-limit facts of a response are read by [`RateLimitInfo`] (the one reader, with the
//! one cap [`MAX_WAIT`] and the one fallback [`FALLBACK_WAIT`]); when to send again is decided by
//! the pure [`RetryTracker`] under a [`RetryPolicy`].
//!
//! ```
//! use core::time::Duration;
//! use invite_model::endpoint::{Response, Route};
//! use invite_model::{InviteCode, RateLimiter};
//!
//! let mut limiter = RateLimiter::new();
//! let route = Route::DeleteInvite { code: InviteCode::parse("jvuBeT38")? };
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
//! # Ok::<(), invite_model::InviteCodeError>(())
//! ```

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;
use core::num::NonZeroU32;
use core::time::Duration;

use crate::platform::Platform;
use crate::primitive::snowflake::Snowflake;
use crate::wire::{Response, Route};

mod headers;
mod retry;

pub use headers::{FALLBACK_WAIT, MAX_BUCKET_HASH_LEN, MAX_SCOPE_LEN, MAX_WAIT, RateLimitInfo};
pub use retry::{AttemptOutcome, RetryDecision, RetryPolicy, RetryTracker, StopWith};

/// Discord's global limit: 50 requests per second per bot ([`Platform::global_limit`]).
pub const DISCORD_GLOBAL_LIMIT: NonZeroU32 = Platform::Discord.global_limit().unwrap();

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

/// How many states are evicted at once when the table is full of states worth keeping: an
/// eighth of it, so a run of ever new buckets costs one pass over the table per 512 of them.
const EVICT_BATCH: usize = MAX_BUCKETS / 8;

/// The most route-template-to-bucket-hash mappings kept. When full, new templates are keyed by
/// the route itself, as if the API sent no bucket header.
pub const MAX_ROUTES: usize = 1024;

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
    /// The bucket table ([`MAX_BUCKETS`]) is full of buckets that each have a request in
    /// flight; one finishing makes room.
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
#[non_exhaustive]
pub struct Wait {
    /// How long to wait before asking again; never zero, never more than [`MAX_WAIT`].
    pub duration: Duration,
    /// Why.
    pub reason: WaitReason,
}

/// A bucket hash, stored inline (at most [`MAX_BUCKET_HASH_LEN`] bytes, as `RateLimitInfo`
/// accepts them), so keys are copied without allocating.
type BucketHash = heapless::String<MAX_BUCKET_HASH_LEN>;

/// How a bucket is identified: by the API's hash, or (without one) by the route template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum BucketId {
    Hash(BucketHash),
    Route(&'static str),
}

impl BucketId {
    fn is_hash(&self, hash: &str) -> bool {
        matches!(self, Self::Hash(h) if h.as_str() == hash)
    }
}

/// A bucket state's key: its id and the route's major parameter (a channel or guild id).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct BucketKey {
    id: BucketId,
    major: Option<Snowflake>,
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

    /// Whether requests counted as in flight still hold the bucket (they are not older than
    /// [`IN_FLIGHT_EXPIRY`]).
    fn has_in_flight(&self, now: Duration) -> bool {
        self.in_flight > 0 && now.saturating_sub(self.last_activity) < IN_FLIGHT_EXPIRY
    }

    /// Whether the state holds nothing worth keeping: nothing in flight and no window running.
    fn is_idle(&self, now: Duration) -> bool {
        !self.has_in_flight(now) && self.reset_at.is_none_or(|at| now >= at)
    }

    /// Whether the bucket is spent until a reset still to come.
    fn is_spent(&self, now: Duration) -> bool {
        self.remaining == Some(0) && self.reset_at.is_some_and(|at| now < at)
    }

    /// How readily the state is evicted when the table is full, smallest first: a bucket that
    /// is not spent before a spent one (forgetting it costs at most one request sent as if to an
    /// unknown bucket), then the least recently used. `None` (never evicted) while requests are
    /// in flight.
    fn eviction_rank(&self, now: Duration) -> Option<(bool, Duration)> {
        (!self.has_in_flight(now)).then_some((self.is_spent(now), self.last_activity))
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
                // `roll_window` ran first, so `at > now` and the wait is not zero; `at` is at
                // most MAX_WAIT ahead (every duration read is capped, and a clock that goes back
                // moves deadlines back with it).
                Err(Wait {
                    duration: at.saturating_sub(now),
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
                // order (an older, higher count after a newer one): only ever go down. A count
                // at least ours is explained by our own requests (the server may have counted
                // some still in flight): ours stands. A lower one shows other clients on the
                // bucket: then none of ours in flight is assumed counted yet.
                Some(local) if self.windowed && remaining >= local => Some(local),
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
            let wait = match (info.retry_after, reset_in) {
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
    routes: BTreeMap<&'static str, BucketHash>,
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

    /// A limiter with `platform`'s proactive global limit ([`Platform::global_limit`]).
    pub const fn for_platform(platform: Platform) -> Self {
        Self::with_global_limit(platform.global_limit())
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
        self.routes.get(template).map(BucketHash::as_str)
    }

    /// The limit per window of the bucket `route` is counted in, as its last response said
    /// (`X-RateLimit-Limit`): how many of its requests may be in flight at once at most. `None`
    /// until a response with the header was recorded.
    ///
    /// ```
    /// use core::time::Duration;
    /// use invite_model::endpoint::{Response, Route};
    /// use invite_model::{InviteCode, RateLimiter};
    ///
    /// let mut limiter = RateLimiter::new();
    /// let route = Route::DeleteInvite { code: InviteCode::parse("jvuBeT38")? };
    /// let now = Duration::from_secs(1_700_000_000);
    /// assert_eq!(limiter.bucket_limit(&route), None);
    /// limiter.acquire(&route, now).unwrap();
    /// let headers = [("X-RateLimit-Limit", "5"), ("X-RateLimit-Remaining", "4")];
    /// limiter.record(&route, &Response::new(200, &headers, b"{}"), now);
    /// assert_eq!(limiter.bucket_limit(&route), Some(5));
    /// # Ok::<(), invite_model::InviteCodeError>(())
    /// ```
    pub fn bucket_limit(&self, route: &Route) -> Option<u32> {
        self.buckets.get(&self.key_for(route))?.limit
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
                // At most MAX_WAIT ahead, like every deadline.
                return Err(Wait {
                    duration: until.saturating_sub(now),
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
            if !self.make_room(now) {
                return Err(Wait {
                    duration: IN_FLIGHT_POLL,
                    reason: WaitReason::Capacity,
                });
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
        self.record_info(
            route,
            response.status,
            &RateLimitInfo::from_response(response),
            now,
        );
    }

    /// [`record`](Self::record) of a response already read with
    /// [`RateLimitInfo::from_response`] (an adapter that also hands the facts to the
    /// [`RetryTracker`] reads the headers once): `status` and `info` are the response's.
    pub fn record_info(
        &mut self,
        route: &Route,
        status: u16,
        info: &RateLimitInfo<'_>,
        now: Duration,
    ) {
        self.observe(now);
        if let (429, true, Some(wait)) = (status, info.global, info.retry_after) {
            let until = now.saturating_add(wait);
            self.global_until = Some(self.global_until.map_or(until, |u| u.max(until)));
        }
        let key = self.key_for(route);
        let released = self.release(&key, now);
        let (key, mut bucket) = match info.bucket {
            Some(hash) if !key.id.is_hash(hash) => {
                if self.learn_route(route, hash) {
                    self.rekey(key, released, hash, now)
                } else {
                    (key, released)
                }
            }
            _ => (key, released),
        };
        bucket.apply(info, status, now);
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
        let template = route.template();
        let id = match self.routes.get(template) {
            Some(hash) => BucketId::Hash(hash.clone()),
            None => BucketId::Route(template),
        };
        BucketKey {
            id,
            major: route.major(),
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

    /// Puts a bucket (back) into the table, making room if it is full; dropped if no room can
    /// be made.
    fn insert(&mut self, key: BucketKey, bucket: Bucket, now: Duration) {
        if self.buckets.contains_key(&key) || self.make_room(now) {
            self.buckets.insert(key, bucket);
        }
    }

    /// Makes room for one more state if the table is full: drops the idle states, and if that
    /// is not enough, evicts [`EVICT_BATCH`] states with nothing in flight, ranked by
    /// [`Bucket::eviction_rank`] (a bucket that is not spent before a spent one, then the least
    /// recently used). False if every state has a request in flight.
    fn make_room(&mut self, now: Duration) -> bool {
        if self.buckets.len() < MAX_BUCKETS {
            return true;
        }
        self.prune(now);
        if self.buckets.len() < MAX_BUCKETS {
            return true;
        }
        // The rank of the last state to go: the EVICT_BATCH-th smallest.
        let mut ranks: Vec<(bool, Duration)> = self
            .buckets
            .values()
            .filter_map(|b| b.eviction_rank(now))
            .collect();
        let Some(last) = EVICT_BATCH.min(ranks.len()).checked_sub(1) else {
            return false;
        };
        let (_, &mut threshold, _) = ranks.select_nth_unstable(last);
        // States ranked like the threshold go too, until EVICT_BATCH are gone.
        let mut ties = last + 1 - ranks.iter().filter(|r| **r < threshold).count();
        self.buckets.retain(|_, b| match b.eviction_rank(now) {
            Some(rank) if rank < threshold => false,
            Some(rank) if rank == threshold && ties > 0 => {
                ties -= 1;
                false
            }
            _ => true,
        });
        true
    }

    /// Maps `route`'s template to `hash`; false if the mapping table is full (or the hash is
    /// too long, which `RateLimitInfo` already prevents).
    fn learn_route(&mut self, route: &Route, hash: &str) -> bool {
        let Ok(hash) = BucketHash::try_from(hash) else {
            return false;
        };
        let template = route.template();
        if let Some(known) = self.routes.get_mut(template) {
            *known = hash;
            return true;
        }
        if self.routes.len() >= MAX_ROUTES {
            return false;
        }
        self.routes.insert(template, hash);
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
        let Ok(hash_id) = BucketHash::try_from(hash) else {
            return (key, released);
        };
        let new_key = BucketKey {
            id: BucketId::Hash(hash_id.clone()),
            major: key.major,
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
                self.migrate_template(template, &hash_id);
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
    fn migrate_template(&mut self, template: &'static str, hash: &BucketHash) {
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
                id: BucketId::Hash(hash.clone()),
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
