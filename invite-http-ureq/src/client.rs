//! [`Client`], [`ClientBuilder`], [`RetryPolicy`]: the one execute path.

use core::fmt;
use core::num::NonZeroU32;
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use invite_model::base_url::BaseUrl;
use invite_model::endpoint::{Endpoint, Method, Request, Response};
use invite_model::ratelimit::{AttemptOutcome, RetryDecision, RetryTracker, Wait};
use invite_model::{Platform, RateLimitInfo, RateLimiter, Redactor, ResponseError};
use ureq::http::HeaderValue;
use ureq::http::header::{AUTHORIZATION, CONTENT_LENGTH, USER_AGENT as USER_AGENT_HEADER};
use ureq::unversioned::transport::DefaultConnector;

use crate::error::{Error, TransportError, TransportErrorKind};
use crate::log::LogEvent;
use crate::resolver::CachingResolver;
use crate::token::Token;

/// The `User-Agent` every request carries, as Discord asks: `DiscordBot ($url, $version)`.
pub const USER_AGENT: &str = concat!(
    "DiscordBot (https://github.com/invites-rs/invites, ",
    env!("CARGO_PKG_VERSION"),
    ")"
);

/// Default time allowed to open a connection: 10 s.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default deadline of one attempt of a request, from looking up the host to the end of the
/// body: 30 s (see [`ClientBuilder::timeout`]).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Default largest response body accepted: 8 MiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 8 * 1024 * 1024;

/// The retry policy lives in the model, with the pure retry tracker; re-exported here so its
/// path in this crate keeps working.
pub use invite_model::ratelimit::RetryPolicy;

type LogHook = dyn Fn(&LogEvent<'_>) + Send + Sync + 'static;

/// Configures and builds a [`Client`].
///
/// ```
/// use std::time::Duration;
/// use invite_http_ureq::{ClientBuilder, Token};
///
/// let client = ClientBuilder::new()
///     .token(Token::bot("MTIz.abc.def"))
///     .timeout(Duration::from_secs(10))
///     .build()
///     .unwrap();
/// assert_eq!(client.base_url(), "https://discord.com/api/v10");
/// ```
#[must_use]
pub struct ClientBuilder {
    token: Option<Token>,
    platform: Platform,
    base_url: String,
    user_agent: String,
    connect_timeout: Duration,
    timeout: Duration,
    max_response_size: u64,
    retry: RetryPolicy,
    global_limit: Option<NonZeroU32>,
    allow_insecure_http: bool,
    log: Option<Box<LogHook>>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("token", &self.token)
            .field("platform", &self.platform)
            .field("base_url", &self.base_url)
            .field("user_agent", &self.user_agent)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_response_size", &self.max_response_size)
            .field("retry", &self.retry)
            .field("global_limit", &self.global_limit)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("log", &self.log.is_some())
            .finish()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ClientBuilder {
    /// Discord's base URL, no token, [`USER_AGENT`], the default timeouts, size limit and
    /// [`RetryPolicy`], a global limit of 50 requests per second, plain `http://` refused with a
    /// token except to loopback, no log hook.
    pub fn new() -> Self {
        Self {
            token: None,
            platform: Platform::Discord,
            base_url: Platform::Discord.base_url().to_owned(),
            user_agent: USER_AGENT.to_owned(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            retry: RetryPolicy::default(),
            global_limit: Platform::Discord.global_limit(),
            allow_insecure_http: false,
            log: None,
        }
    }

    /// The credential sent with every request. Without one, requests go unauthenticated
    /// (enough for `GET /invites/{code}`).
    pub fn token(mut self, token: Token) -> Self {
        self.token = Some(token);
        self
    }

    /// Presets for a platform: its base URL and global limit (Discord: 50 per second; Fluxer:
    /// none, its limits are per route), and the rules the convenience methods apply (which
    /// query parameters are sent, create-invite ranges). Call [`base_url`](Self::base_url)
    /// afterwards to point it elsewhere (a test server, a proxy).
    pub fn platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
        platform.base_url().clone_into(&mut self.base_url);
        self.global_limit = platform.global_limit();
        self
    }

    /// Any base URL, e.g. `http://127.0.0.1:8080/api/v10`; request paths are appended to it.
    /// [`build`](Self::build) checks it with [`BaseUrl::parse`]: `http://` or `https://`, a
    /// host, an optional port and path, no query, fragment or user info. With a token, plain
    /// `http://` is refused unless the host is loopback or
    /// [`allow_insecure_http`](Self::allow_insecure_http) is set.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Replaces the `User-Agent` (Discord wants `DiscordBot ($url, $version)`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// The time allowed to open a connection (TCP and TLS); it counts towards the attempt's
    /// [`timeout`](Self::timeout) too.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The deadline of each attempt of a request: looking up the host, connecting, sending the
    /// request, receiving the response head and the whole body must all be done within
    /// `timeout` of the attempt's start (one deadline, not one per phase: a server that answers
    /// every phase just in time still runs out of it). An attempt that runs out ends the call
    /// with [`Error::Timeout`] and is not retried.
    ///
    /// A whole call, with its retries, backoffs and rate-limit waits, takes at most
    /// [`RetryPolicy::max_call_duration`]`(timeout)`: 240.75 s with the defaults (30 s here and
    /// [`RetryPolicy::default`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body read, in bytes; a larger one ends the call with
    /// [`Error::ResponseTooLarge`] and reading stops at the limit.
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// The retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The proactive global limit in requests per second (`None`: only honour global 429s).
    pub fn global_limit(mut self, limit: Option<NonZeroU32>) -> Self {
        self.global_limit = limit;
        self
    }

    /// Whether a token may be sent over plain `http://` to a host that is not loopback
    /// ([`BaseUrl::is_cleartext_remote`]), where anyone on the way can read it. Off by default:
    /// [`build`](Self::build) then refuses such a base URL with
    /// [`BuildError::InsecureHttp`](crate::BuildError::InsecureHttp). Without a token it is
    /// never refused.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// A hook called with every [`LogEvent`]; no event contains the token.
    pub fn log(mut self, hook: impl Fn(&LogEvent<'_>) + Send + Sync + 'static) -> Self {
        self.log = Some(Box::new(hook));
        self
    }

    /// Checks the configuration and builds the client. A token must be a Discord or Fluxer token
    /// ([`check_token`](invite_model::check_token): `A-Z a-z 0-9 . _ -`), else
    /// [`BuildError::InvalidToken`](crate::BuildError::InvalidToken) says what is wrong and
    /// where, without repeating it.
    pub fn build(self) -> Result<Client, crate::BuildError> {
        use crate::BuildError;
        // Checked, and built once: every request clones it (a reference count, no copy).
        let authorization = self
            .token
            .as_ref()
            .map(Token::header)
            .transpose()
            .map_err(BuildError::InvalidToken)?;
        let url = BaseUrl::parse(&self.base_url).map_err(BuildError::InvalidBaseUrl)?;
        if self.token.is_some() && url.is_cleartext_remote() && !self.allow_insecure_http {
            return Err(BuildError::InsecureHttp {
                host: url.host().to_owned(),
            });
        }
        let base_url = url.as_str().to_owned();
        if self.user_agent.is_empty()
            || !self
                .user_agent
                .bytes()
                .all(|b| b == b' ' || b.is_ascii_graphic())
        {
            return Err(BuildError::InvalidUserAgent);
        }
        let user_agent_header =
            HeaderValue::from_str(&self.user_agent).map_err(|_| BuildError::InvalidUserAgent)?;
        if self.max_response_size == 0 {
            return Err(BuildError::ZeroResponseLimit);
        }
        if self.timeout.is_zero() || self.connect_timeout.is_zero() {
            return Err(BuildError::ZeroTimeout);
        }
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // One deadline per attempt (each `run` is a new call; the body is read before
            // `send_once` returns), from the lookup to the end of the body.
            .timeout_global(Some(self.timeout))
            .timeout_connect(Some(self.connect_timeout))
            // Redirects are returned, not followed: the API does not redirect, and following
            // one could carry the request elsewhere.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .max_idle_connections_per_host(16)
            .user_agent(self.user_agent.as_str())
            .build();
        // ureq's own resolver would look the host up on a new thread for every request once a
        // deadline is set; this one answers IP hosts at once and caches names.
        let resolver = CachingResolver::default();
        let agent = new_agent(&config, &resolver);
        let redactor = self
            .token
            .as_ref()
            .map_or_else(Redactor::new, Token::redactor);
        Ok(Client {
            inner: Arc::new(Inner {
                agent: RwLock::new(agent),
                config,
                resolver,
                redactor,
                platform: self.platform,
                token: self.token,
                authorization,
                base_url,
                user_agent: self.user_agent,
                user_agent_header,
                max_response_size: self.max_response_size,
                retry: self.retry,
                limiter: Mutex::new(RateLimiter::with_global_limit(self.global_limit)),
                finished: Condvar::new(),
                waiting: AtomicUsize::new(0),
                log: self.log,
                epoch_at_start: SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .unwrap_or_default(),
                start: Instant::now(),
            }),
        })
    }
}

/// An agent (a pool of kept-alive connections) with the client's configuration and resolver.
fn new_agent(config: &ureq::config::Config, resolver: &CachingResolver) -> ureq::Agent {
    ureq::Agent::with_parts(
        config.clone(),
        DefaultConnector::default(),
        resolver.clone(),
    )
}

/// The most bytes reserved for a body ahead of reading it, from its `Content-Length`: 1 MiB
/// (a larger body grows the buffer as it arrives, up to the size limit).
const PREALLOC_MAX: u64 = 1024 * 1024;

/// The model's method as `http`'s (a constant, nothing parsed).
fn http_method(method: Method) -> ureq::http::Method {
    match method {
        Method::Get => ureq::http::Method::GET,
        Method::Post => ureq::http::Method::POST,
        Method::Put => ureq::http::Method::PUT,
        Method::Patch => ureq::http::Method::PATCH,
        Method::Delete => ureq::http::Method::DELETE,
    }
}

/// A rate-limit slot taken for one attempt: released on drop unless a response was recorded.
struct Slot<'c> {
    client: &'c Client,
    request: &'c Request,
    armed: bool,
}

impl Slot<'_> {
    /// The response was recorded (which released the slot); wakes waiting callers.
    fn disarm(mut self) {
        self.armed = false;
        self.client.wake_waiters();
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        if self.armed {
            let now = self.client.now();
            self.client
                .limiter()
                .record_failure(&self.request.route, now);
            self.client.wake_waiters();
        }
    }
}

/// A response with its body read, owned: headers with lowercase names and values lossily
/// decoded as UTF-8, the body at most the configured maximum size.
pub type RawResponse = invite_model::endpoint::OwnedResponse;

/// One attempt's response as read off the wire: ureq's header map (names lowercase) and the
/// body, at most the configured size. Viewed as the model's [`Response`] without copying a
/// header; copied into a [`RawResponse`] only for [`Client::execute_raw`].
struct Received {
    status: u16,
    headers: ureq::http::HeaderMap,
    body: Vec<u8>,
}

impl Received {
    /// Calls `f` with the model's view of the response, whose errors hide `redactor`'s secrets.
    /// The header pairs borrow from the map; a value that is not UTF-8 (rare) is decoded
    /// lossily, as in [`RawResponse`].
    fn with_view<R>(&self, redactor: &Redactor, f: impl FnOnce(&Response<'_>) -> R) -> R {
        let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(self.headers.len());
        for (name, value) in &self.headers {
            if let Ok(value) = std::str::from_utf8(value.as_bytes()) {
                pairs.push((name.as_str(), value));
            } else {
                let owned = self.lossy_headers();
                let pairs: Vec<(&str, &str)> = owned
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                return f(&Response::new(self.status, &pairs, &self.body).with_redactor(redactor));
            }
        }
        f(&Response::new(self.status, &pairs, &self.body).with_redactor(redactor))
    }

    /// The headers as owned pairs, values decoded lossily as UTF-8.
    fn lossy_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect()
    }

    /// The owned response [`Client::execute_raw`] returns.
    fn into_raw(self) -> RawResponse {
        let headers = self.lossy_headers();
        RawResponse::new(self.status, headers, self.body)
    }
}

/// What one attempt's response leads to.
enum Step<T> {
    /// The call ends: what `finish` made of the response.
    Done(T),
    /// Another attempt, after this pause or wait.
    Again(RetryDecision),
}

/// A blocking client for the invite endpoints: one ureq agent (kept-alive connections), one rate
/// limiter, shared by every clone. `Clone` is cheap (an `Arc`); the client is `Send + Sync`.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    /// The agent each attempt runs on (cloned out, so the lock is never held across I/O);
    /// replaced by a fresh one, without connections, when a response turns out not to be the
    /// answer to its request.
    agent: RwLock<ureq::Agent>,
    /// The agent's configuration, to build that fresh one.
    config: ureq::config::Config,
    /// The agent's resolver, to forget cached addresses after a failed connection.
    resolver: CachingResolver,
    /// Hides the token in everything read from the server and the network stack.
    redactor: Redactor,
    platform: Platform,
    token: Option<Token>,
    /// `Authorization`, built and checked once, marked sensitive.
    authorization: Option<HeaderValue>,
    base_url: String,
    user_agent: String,
    /// `User-Agent`, built once.
    user_agent_header: HeaderValue,
    max_response_size: u64,
    retry: RetryPolicy,
    limiter: Mutex<RateLimiter>,
    /// Signalled whenever a response (or failure) is recorded, to wake waiting callers.
    finished: Condvar,
    /// How many callers wait on `finished` (changed with the limiter's lock held): with none,
    /// a finished request skips the wake-up, a system call.
    waiting: AtomicUsize,
    log: Option<Box<LogHook>>,
    /// Wall clock at build time and the monotonic clock since: `now` never goes backwards.
    epoch_at_start: Duration,
    start: Instant,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("token", &self.inner.token)
            .field("platform", &self.inner.platform)
            .field("base_url", &self.inner.base_url)
            .field("user_agent", &self.inner.user_agent)
            .field("max_response_size", &self.inner.max_response_size)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for Discord with `token` and every other setting at its default.
    pub fn new(token: Token) -> Result<Self, crate::BuildError> {
        ClientBuilder::new().token(token).build()
    }

    /// A [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The base URL requests go to (without a trailing slash).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The platform whose rules the convenience methods apply.
    pub fn platform(&self) -> Platform {
        self.inner.platform
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.inner.retry
    }

    /// Calls `endpoint`: sends its request (waiting for the rate limiter, retrying as the
    /// [`RetryPolicy`] allows) and parses the response with [`Endpoint::parse`], through a view
    /// that hides the token (the model redacts the body before it cuts excerpts) and says
    /// whether an earlier attempt may have acted
    /// ([`Response::with_earlier_attempt_may_have_acted`](invite_model::endpoint::Response::with_earlier_attempt_may_have_acted),
    /// so a retried DELETE that finds the invite gone reports it gone).
    ///
    /// A response for another invite than the one asked for ([`Error::InviteMismatch`]: most
    /// likely an answer sent unasked on a kept-alive connection, read as the answer to this
    /// request) is not believed: the client drops its idle connections, so the next call does
    /// not read the answer still waiting on one, and returns the error without retrying.
    ///
    /// An endpoint of your own keeps the token out of its errors by building them from the
    /// response with the model's constructors
    /// ([`ResponseError::from_response`], [`DecodeError::from_response`](invite_model::DecodeError::from_response)),
    /// which redact with the response's [`Redactor`](invite_model::Redactor).
    pub fn execute<E: Endpoint>(&self, endpoint: &E) -> Result<E::Output, Error> {
        let request = endpoint.request();
        let result = self
            .call(&request, |response| endpoint.parse(response))
            .and_then(|(parsed, _)| {
                parsed.map_err(|e| {
                    if matches!(e, ResponseError::InviteMismatch(_)) {
                        self.drop_connections();
                    }
                    Error::from(e)
                })
            });
        if let Err(error) = &result {
            self.log_failed(&request, error);
        }
        result
    }

    /// Sends `request` the way [`execute`](Self::execute) does (rate limits, retries, size
    /// limit) and returns the final response whatever its status: for callers that want the
    /// raw bytes (which, unlike the errors of [`execute`](Self::execute), are not redacted).
    pub fn execute_raw(&self, request: &Request) -> Result<RawResponse, Error> {
        let result = self
            .call(request, |_| ())
            .map(|((), received)| received.into_raw());
        if let Err(error) = &result {
            self.log_failed(request, error);
        }
        result
    }

    /// The rate-limit clock: wall time at build plus monotonic time since.
    fn now(&self) -> Duration {
        self.inner
            .epoch_at_start
            .saturating_add(self.inner.start.elapsed())
    }

    fn log(&self, event: &LogEvent<'_>) {
        if let Some(hook) = &self.inner.log {
            hook(event);
        }
    }

    /// Whether a log hook is set: the events' paths are only formatted then.
    fn logging(&self) -> bool {
        self.inner.log.is_some()
    }

    fn log_failed(&self, request: &Request, error: &Error) {
        if self.logging() {
            self.log(&LogEvent::Failed {
                method: request.method(),
                path: &request.route.to_string(),
                error,
            });
        }
    }

    /// Wakes the callers waiting for a rate-limit slot, if there are any.
    fn wake_waiters(&self) {
        // A waiter counts itself with the limiter's lock held and before it sleeps (releasing
        // the lock); a response is recorded with that lock held before this runs. So either
        // the waiter is counted here, or it saw the recorded response and did not sleep.
        if self.inner.waiting.load(Ordering::SeqCst) > 0 {
            self.inner.finished.notify_all();
        }
    }

    fn limiter(&self) -> MutexGuard<'_, RateLimiter> {
        // The limiter never panics, so a poisoned lock (a panic elsewhere while holding it)
        // still guards a consistent state.
        self.inner
            .limiter
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The limit per window of the rate-limit bucket `route` is counted in, as the last
    /// response in it said (`X-RateLimit-Limit`), `None` before that: the most requests of the
    /// route that may be in flight at once, e.g. to choose how many threads share the client
    /// for a batch (the limiter lets no more through than the bucket has left, whatever the
    /// number of threads). Shared by every clone.
    pub fn bucket_limit(&self, route: &invite_model::endpoint::Route) -> Option<u32> {
        self.limiter().bucket_limit(route)
    }

    /// The [`ureq::Agent`] this client sends on: its configuration (the per-attempt deadline,
    /// connect timeout, no redirects, user agent, pool size), its resolver and its pool of
    /// kept-alive connections, shared with the client. A request sent on it directly gets none
    /// of what [`execute`](Self::execute) adds: no token, no rate limiter, no retries, no size
    /// limit, no redaction. For requests the crate has no endpoint for, and for measuring the
    /// client against ureq with the same configuration.
    pub fn ureq_agent(&self) -> ureq::Agent {
        self.agent()
    }

    /// The agent to run the next attempt on.
    fn agent(&self) -> ureq::Agent {
        self.inner
            .agent
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Replaces the agent by a fresh one with the same configuration: its idle connections,
    /// and any unread bytes on them, are dropped with the old one (attempts in flight finish on
    /// it). Every clone of the client shares the new agent.
    fn drop_connections(&self) {
        let fresh = new_agent(&self.inner.config, &self.inner.resolver);
        *self
            .inner
            .agent
            .write()
            .unwrap_or_else(PoisonError::into_inner) = fresh;
    }

    /// One call: acquire from the limiter, send, record, and sleep or stop as the model's
    /// [`RetryTracker`] says. Every decision (whether to send again, how long to pause, whether
    /// a rate-limit wait fits the budget) is the tracker's; this loop only moves bytes and
    /// sleeps. The call ends with `finish` applied to the last response (viewed through the
    /// token's redactor, saying whether an earlier attempt may have acted), and that response.
    fn call<T>(
        &self,
        request: &Request,
        finish: impl Fn(&Response<'_>) -> T,
    ) -> Result<(T, Received), Error> {
        let redactor = &self.inner.redactor;
        let mut tracker = self.inner.retry.tracker(request.retry_safe);
        let finish_with = |response: &Response<'_>, tracker: &RetryTracker| {
            finish(
                &response
                    .with_earlier_attempt_may_have_acted(tracker.earlier_attempt_may_have_acted()),
            )
        };
        // The 429 the call is waiting out: what it ends with if the wait does not fit.
        let mut limited: Option<Received> = None;
        loop {
            if let Err(wait) = self.acquire(request, &mut tracker) {
                return match limited {
                    Some(received) => {
                        let done = received.with_view(redactor, |r| finish_with(r, &tracker));
                        Ok((done, received))
                    }
                    None => Err(Error::RateLimitWait {
                        retry_after: wait.duration,
                        reason: wait.reason,
                    }),
                };
            }
            limited = None;
            // Releases the slot if this attempt ends without a recorded response, even by a
            // panic, so a bucket is never held by a request that is gone.
            let slot = Slot {
                client: self,
                request,
                armed: true,
            };
            let attempt = tracker.attempts().saturating_add(1);
            if self.logging() {
                self.log(&LogEvent::Send {
                    method: request.method(),
                    path: &request.route.to_string(),
                    attempt,
                });
            }
            let sent = Instant::now();
            let received = match self.send_once(request) {
                Ok(received) => received,
                Err(error) => {
                    drop(slot);
                    match tracker.record(error.attempt_outcome()) {
                        RetryDecision::Retry { pause } => {
                            self.pause(request, None, pause, attempt.saturating_add(1));
                        }
                        RetryDecision::WaitForRateLimit => {
                            self.pause(request, None, Duration::ZERO, attempt.saturating_add(1));
                        }
                        RetryDecision::Stop(_) => return Err(error),
                    }
                    continue;
                }
            };
            if self.logging() {
                self.log(&LogEvent::Receive {
                    method: request.method(),
                    path: &request.route.to_string(),
                    status: received.status,
                    bytes: received.body.len(),
                    elapsed: sent.elapsed(),
                });
            }
            let now = self.now();
            // One view of the response for the limiter, the tracker and `finish`.
            let step = received.with_view(redactor, |response| {
                let info = RateLimitInfo::from_response(response);
                self.limiter()
                    .record_info(&request.route, response.status, &info, now);
                let decision = tracker.record(AttemptOutcome::Response {
                    status: response.status,
                    rate_limit: info,
                });
                slot.disarm();
                match decision {
                    RetryDecision::Stop(_) => Step::Done(finish_with(response, &tracker)),
                    again => Step::Again(again),
                }
            });
            let status = Some(received.status);
            match step {
                Step::Done(done) => return Ok((done, received)),
                // A backoff after a 5xx, or the fallback wait after a 429 that named none.
                Step::Again(RetryDecision::Retry { pause }) => {
                    self.pause(request, status, pause, attempt.saturating_add(1));
                    if received.status == 429 {
                        limited = Some(received);
                    }
                }
                // The limiter holds the 429's wait: `acquire` waits it out.
                Step::Again(_) => {
                    self.pause(request, status, Duration::ZERO, attempt.saturating_add(1));
                    limited = Some(received);
                }
            }
        }
    }

    /// Logs a retry and sleeps `delay`.
    fn pause(&self, request: &Request, status: Option<u16>, delay: Duration, attempt: u32) {
        if self.logging() {
            self.log(&LogEvent::Retry {
                method: request.method(),
                path: &request.route.to_string(),
                status,
                delay,
                attempt,
            });
        }
        if !delay.is_zero() {
            std::thread::sleep(delay);
        }
    }

    /// Waits until the limiter lets `request` through, each wait allowed by the tracker first
    /// and reported to it after; the wait it did not allow, if any.
    fn acquire(&self, request: &Request, tracker: &mut RetryTracker) -> Result<(), Wait> {
        // The reason of the last wait logged: woken early (another request finished) into the
        // same wait, a caller does not log it again.
        let mut logged: Option<invite_model::WaitReason> = None;
        loop {
            let mut limiter = self.limiter();
            let wait = match limiter.try_acquire(&request.route, self.now()) {
                Ok(()) => return Ok(()),
                Err(wait) => wait,
            };
            if !tracker.may_wait(wait.duration) {
                return Err(wait);
            }
            if self.logging() && logged != Some(wait.reason) {
                logged = Some(wait.reason);
                // Never call the hook with the lock held: it may use the client.
                drop(limiter);
                self.log(&LogEvent::RateLimitWait {
                    method: request.method(),
                    path: &request.route.to_string(),
                    wait: wait.duration,
                    reason: wait.reason,
                });
                limiter = self.limiter();
            }
            let started = Instant::now();
            // Woken early when any request finishes (it may free a slot); counted as waiting
            // with the lock held, so that finish does not skip the wake-up.
            self.inner.waiting.fetch_add(1, Ordering::SeqCst);
            let (limiter, _) = self
                .inner
                .finished
                .wait_timeout(limiter, wait.duration)
                .unwrap_or_else(PoisonError::into_inner);
            self.inner.waiting.fetch_sub(1, Ordering::SeqCst);
            drop(limiter);
            tracker.waited(started.elapsed());
        }
    }

    /// One attempt: send the request and read the body (bounded).
    fn send_once(&self, request: &Request) -> Result<Received, Error> {
        use std::fmt::Write as _;
        // Base URL and path in one buffer, handed to the URI without a copy.
        let mut url = String::with_capacity(self.inner.base_url.len() + 128);
        url.push_str(&self.inner.base_url);
        // Writing to a `String` cannot fail.
        let _ = write!(url, "{}", request.route);
        let uri = ureq::http::Uri::try_from(url)
            .map_err(|e| self.request_error(&ureq::http::Error::from(e)))?;
        let mut builder = ureq::http::Request::builder()
            .method(http_method(request.method()))
            .uri(uri)
            .header(USER_AGENT_HEADER, self.inner.user_agent_header.clone());
        if let Some(authorization) = &self.inner.authorization {
            builder = builder.header(AUTHORIZATION, authorization.clone());
        }
        for (name, value) in &request.headers {
            builder = builder.header(*name, value.as_str());
        }
        let bodyless =
            request.body.is_empty() && matches!(request.method(), Method::Get | Method::Delete);
        let agent = self.agent();
        let response = if bodyless {
            builder
                .body(())
                .map_err(|e| self.request_error(&e))
                .and_then(|r| agent.run(r).map_err(|e| self.run_error(&e)))
        } else {
            builder
                .body(request.body.as_slice())
                .map_err(|e| self.request_error(&e))
                .and_then(|r| agent.run(r).map_err(|e| self.run_error(&e)))
        };
        let (parts, body) = response?.into_parts();
        let limit = self.inner.max_response_size;
        let declared = parts
            .headers
            .get(CONTENT_LENGTH)
            .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|len| len > limit) {
            return Err(Error::ResponseTooLarge { limit });
        }
        // Room for the declared length (at most PREALLOC_MAX ahead of the bytes), so the
        // body is read without growing the buffer.
        let capacity = declared.map_or(0, |len| len.min(PREALLOC_MAX) as usize);
        let mut bytes = Vec::with_capacity(capacity);
        body.into_reader()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| self.map_ureq(&ureq::Error::from(e)))?;
        if bytes.len() as u64 > limit {
            return Err(Error::ResponseTooLarge { limit });
        }
        Ok(Received {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body: bytes,
        })
    }

    /// Maps an error of `run` (up to the response head); when no connection could be made,
    /// the cached addresses of the host are forgotten so the next attempt looks it up again.
    fn run_error(&self, error: &ureq::Error) -> Error {
        let mapped = self.map_ureq(error);
        let connect_failed = matches!(error, ureq::Error::Timeout(ureq::Timeout::Connect))
            || matches!(&mapped, Error::Transport(t) if t.kind == TransportErrorKind::Connect);
        if connect_failed {
            self.inner.resolver.forget();
        }
        mapped
    }

    fn request_error(&self, error: &ureq::http::Error) -> Error {
        self.transport(TransportErrorKind::Request, &error.to_string())
    }

    fn transport(&self, kind: TransportErrorKind, message: &str) -> Error {
        Error::Transport(TransportError {
            kind,
            message: self.inner.redactor.redact(message).into_owned(),
        })
    }

    /// Maps ureq's error: timeouts, oversized bodies and connection failures apart.
    fn map_ureq(&self, error: &ureq::Error) -> Error {
        use std::io::ErrorKind;
        use ureq::Error as U;
        let kind = match error {
            U::Timeout(_) => return Error::Timeout,
            U::BodyExceedsLimit(_) => {
                return Error::ResponseTooLarge {
                    limit: self.inner.max_response_size,
                };
            }
            U::Io(e) => match e.kind() {
                ErrorKind::TimedOut | ErrorKind::WouldBlock => return Error::Timeout,
                ErrorKind::ConnectionRefused
                | ErrorKind::AddrNotAvailable
                | ErrorKind::HostUnreachable
                | ErrorKind::NetworkUnreachable => TransportErrorKind::Connect,
                _ => TransportErrorKind::Io,
            },
            U::HostNotFound | U::ConnectionFailed => TransportErrorKind::Connect,
            U::Protocol(_) => TransportErrorKind::Protocol,
            U::Tls(_) | U::Pem(_) | U::Rustls(_) => TransportErrorKind::Tls,
            U::Http(_) | U::BadUri(_) | U::InvalidProxyUrl => TransportErrorKind::Request,
            _ => TransportErrorKind::Other,
        };
        self.transport(kind, &error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use invite_model::base_url::BaseUrlError;

    use super::*;

    #[test]
    fn user_agent_names_the_crate_version() {
        assert_eq!(
            USER_AGENT,
            format!(
                "DiscordBot (https://github.com/invites-rs/invites, {})",
                env!("CARGO_PKG_VERSION")
            )
        );
    }

    #[test]
    fn build_checks_the_configuration() {
        use crate::BuildError;
        let err = |b: ClientBuilder| b.build().unwrap_err();
        assert_eq!(
            err(ClientBuilder::new().token(Token::bot("a b"))),
            BuildError::InvalidToken(invite_model::TokenError::BadCharacter {
                position: 1,
                kind: invite_model::BadTokenChar::Whitespace
            })
        );
        // Issue 9, defect 5: `\` and `"` are visible ASCII, and were let through.
        for secret in ["abc\\def", "abc\"def"] {
            assert!(matches!(
                err(ClientBuilder::new().token(Token::bot(secret))),
                BuildError::InvalidToken(invite_model::TokenError::BadCharacter {
                    position: 3,
                    ..
                })
            ));
        }
        assert_eq!(
            err(ClientBuilder::new().base_url("discord.com")),
            BuildError::InvalidBaseUrl(BaseUrlError::Scheme)
        );
        assert_eq!(
            err(ClientBuilder::new().base_url("https://x/api?v=1")),
            BuildError::InvalidBaseUrl(BaseUrlError::Query { at: 13 })
        );
        assert_eq!(
            err(ClientBuilder::new().user_agent("x\ny")),
            BuildError::InvalidUserAgent
        );
        assert_eq!(
            err(ClientBuilder::new().max_response_size(0)),
            BuildError::ZeroResponseLimit
        );
        assert_eq!(
            err(ClientBuilder::new().timeout(Duration::ZERO)),
            BuildError::ZeroTimeout
        );
        let c = ClientBuilder::new()
            .platform(Platform::Fluxer)
            .base_url("https://api.fluxer.app/v1/")
            .build()
            .unwrap();
        assert_eq!(c.base_url(), "https://api.fluxer.app/v1");
        let fluxer = ClientBuilder::new().platform(Platform::Fluxer);
        assert_eq!(fluxer.global_limit, None);
        assert_eq!(fluxer.base_url, "https://api.fluxer.app/v1");
    }

    #[test]
    fn plain_http_with_a_token_only_to_loopback_or_when_allowed() {
        use crate::BuildError;
        let with_token = |url: &str| {
            ClientBuilder::new()
                .token(Token::bot("MTIz.abc.def"))
                .base_url(url)
        };
        for remote in [
            "http://example.com/api/v10",
            "http://10.0.0.7:8080",
            "http://[::2]",
            "http://127.1",
        ] {
            let err = with_token(remote).build().unwrap_err();
            let host = BaseUrl::parse(remote).unwrap().host().to_owned();
            assert_eq!(err, BuildError::InsecureHttp { host }, "{remote}");
            assert!(
                with_token(remote).allow_insecure_http(true).build().is_ok(),
                "{remote}"
            );
            // Without a token there is nothing to leak.
            assert!(
                ClientBuilder::new().base_url(remote).build().is_ok(),
                "{remote}"
            );
        }
        for fine in [
            "http://127.0.0.1:9/api/v10",
            "http://[::1]:9",
            "http://localhost:9",
            "https://example.com/api",
        ] {
            assert!(with_token(fine).build().is_ok(), "{fine}");
        }
        assert!(
            format!("{:?}", ClientBuilder::new().allow_insecure_http(true))
                .contains("allow_insecure_http: true")
        );
    }

    #[test]
    fn debug_redacts_the_token() {
        let b = ClientBuilder::new().token(Token::bot("very.secret.value"));
        let text = format!("{b:?}");
        assert!(!text.contains("very.secret.value"), "{text}");
        assert!(text.contains("Token(<redacted>)"), "{text}");
        let c = b.build().unwrap();
        let text = format!("{c:?}");
        assert!(!text.contains("very.secret.value"), "{text}");
        assert!(text.starts_with(
            "Client { token: Some(Token(<redacted>)), platform: Discord, base_url: \
             \"https://discord.com/api/v10\""
        ));
    }

    #[test]
    fn client_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone + 'static>() {}
        check::<Client>();
    }
}
