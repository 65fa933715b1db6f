//! [`Client`], [`ClientBuilder`], [`RetryPolicy`]: the one execute path.

use core::fmt;
use core::num::NonZeroU32;
use std::io::Read;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use invite_model::endpoint::{Endpoint, Method, Request};
use invite_model::{ApiError, DecodeError, Platform, RateLimitInfo, RateLimiter};

use crate::error::{Error, TransportError, TransportErrorKind};
use crate::log::LogEvent;
use crate::token::{Token, scrub};

/// The `User-Agent` every request carries, as Discord asks: `DiscordBot ($url, $version)`.
pub const USER_AGENT: &str = concat!(
    "DiscordBot (https://github.com/invites-rs/invites, ",
    env!("CARGO_PKG_VERSION"),
    ")"
);

/// Default time allowed to open a connection: 10 s.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default time allowed for one request, from connecting to the end of the body: 30 s.
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
    /// [`RetryPolicy`], a global limit of 50 requests per second, no log hook.
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
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Replaces the `User-Agent` (Discord wants `DiscordBot ($url, $version)`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// The time allowed to open a connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The time allowed for each attempt of a request, from connecting to the end of the body.
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

    /// A hook called with every [`LogEvent`]; no event contains the token.
    pub fn log(mut self, hook: impl Fn(&LogEvent<'_>) + Send + Sync + 'static) -> Self {
        self.log = Some(Box::new(hook));
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, crate::BuildError> {
        use crate::BuildError;
        if self.token.as_ref().is_some_and(|t| !t.is_well_formed()) {
            return Err(BuildError::InvalidToken);
        }
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        if !valid_base_url(&base_url) {
            return Err(BuildError::InvalidBaseUrl(self.base_url));
        }
        if self.user_agent.is_empty()
            || !self
                .user_agent
                .bytes()
                .all(|b| b == b' ' || b.is_ascii_graphic())
        {
            return Err(BuildError::InvalidUserAgent);
        }
        if self.max_response_size == 0 {
            return Err(BuildError::ZeroResponseLimit);
        }
        if self.timeout.is_zero() || self.connect_timeout.is_zero() {
            return Err(BuildError::ZeroTimeout);
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Per-phase timeouts, not `timeout_global`: with a global timeout ureq 3.5 resolves
            // the host on a new thread for every request, even on a kept-alive connection
            // (about 3x slower on loopback). No resolve timeout for the same reason.
            .timeout_send_request(Some(self.timeout))
            .timeout_recv_response(Some(self.timeout))
            .timeout_recv_body(Some(self.timeout))
            .timeout_connect(Some(self.connect_timeout))
            // Redirects are returned, not followed: the API does not redirect, and following
            // one could carry the request elsewhere.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .max_idle_connections_per_host(16)
            .user_agent(self.user_agent.as_str())
            .build()
            .into();
        let authorization = self.token.as_ref().map(Token::header_value);
        Ok(Client {
            inner: Arc::new(Inner {
                agent,
                platform: self.platform,
                token: self.token,
                authorization,
                base_url,
                user_agent: self.user_agent,
                max_response_size: self.max_response_size,
                retry: self.retry,
                limiter: Mutex::new(RateLimiter::with_global_limit(self.global_limit)),
                finished: Condvar::new(),
                log: self.log,
                epoch_at_start: SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .unwrap_or_default(),
                start: Instant::now(),
            }),
        })
    }
}

/// `http://` or `https://`, a non-empty host, no whitespace or control characters, no query or
/// fragment.
fn valid_base_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or_default();
    !host.is_empty() && url.bytes().all(|b| b.is_ascii_graphic()) && !url.contains(['?', '#'])
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
        self.client.inner.finished.notify_all();
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        if self.armed {
            let now = self.client.now();
            self.client
                .limiter()
                .record_failure(&self.request.route, now);
            self.client.inner.finished.notify_all();
        }
    }
}

/// A response with its body read, owned: headers with lowercase names and values lossily
/// decoded as UTF-8, the body at most the configured maximum size.
pub type RawResponse = invite_model::endpoint::OwnedResponse;

/// A blocking client for the invite endpoints: one ureq agent (kept-alive connections), one rate
/// limiter, shared by every clone. `Clone` is cheap (an `Arc`); the client is `Send + Sync`.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    agent: ureq::Agent,
    platform: Platform,
    token: Option<Token>,
    authorization: Option<String>,
    base_url: String,
    user_agent: String,
    max_response_size: u64,
    retry: RetryPolicy,
    limiter: Mutex<RateLimiter>,
    /// Signalled whenever a response (or failure) is recorded, to wake waiting callers.
    finished: Condvar,
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
    /// [`RetryPolicy`] allows) and parses the response with [`Endpoint::parse`].
    pub fn execute<E: Endpoint>(&self, endpoint: &E) -> Result<E::Output, Error> {
        let request = endpoint.request();
        let result = self.send(&request).and_then(|raw| {
            raw.with_response(|response| endpoint.parse(response))
                .map_err(|e| self.scrub_error(Error::from(e)))
        });
        if let Err(error) = &result {
            self.log(&LogEvent::Failed {
                method: request.method(),
                path: &request.route.to_string(),
                error,
            });
        }
        result
    }

    /// Sends `request` the way [`execute`](Self::execute) does (rate limits, retries, size
    /// limit) and returns the final response whatever its status: for callers that want the
    /// raw bytes.
    pub fn execute_raw(&self, request: &Request) -> Result<RawResponse, Error> {
        let result = self.send(request);
        if let Err(error) = &result {
            self.log(&LogEvent::Failed {
                method: request.method(),
                path: &request.route.to_string(),
                error,
            });
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

    fn limiter(&self) -> MutexGuard<'_, RateLimiter> {
        // The limiter never panics, so a poisoned lock (a panic elsewhere while holding it)
        // still guards a consistent state.
        self.inner
            .limiter
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The loop: acquire, send, record, retry or return.
    fn send(&self, request: &Request) -> Result<RawResponse, Error> {
        let policy = self.inner.retry;
        let mut waited = Duration::ZERO;
        let mut rate_limit_retries = 0;
        let mut retries = 0;
        let mut attempt = 0;
        loop {
            self.acquire(request, &mut waited)?;
            // Releases the slot if this attempt ends without a recorded response, even by a
            // panic, so a bucket is never held by a request that is gone.
            let slot = Slot {
                client: self,
                request,
                armed: true,
            };
            attempt += 1;
            self.log(&LogEvent::Send {
                method: request.method(),
                path: &request.route.to_string(),
                attempt,
            });
            let sent = Instant::now();
            let outcome = self.send_once(request);
            let raw = match outcome {
                Ok(raw) => raw,
                Err(error) => {
                    drop(slot);
                    let retryable = matches!(&error, Error::Transport(e) if e.kind.is_retryable());
                    if retryable && request.retry_safe && retries < policy.max_retries {
                        retries += 1;
                        self.pause(request, None, policy.backoff(retries), attempt + 1);
                        continue;
                    }
                    return Err(error);
                }
            };
            self.log(&LogEvent::Receive {
                method: request.method(),
                path: &request.route.to_string(),
                status: raw.status,
                bytes: raw.body.len(),
                elapsed: sent.elapsed(),
            });
            let now = self.now();
            let info = raw.with_response(|response| {
                self.limiter().record(&request.route, response, now);
                let info = RateLimitInfo::from_response(response);
                (info.retry_wait(), info.names_a_wait(), info.global)
            });
            slot.disarm();
            let (retry_after, names_a_wait, global) = info;
            if raw.status == 429 {
                if rate_limit_retries >= policy.max_rate_limit_retries {
                    return Err(Error::RateLimited {
                        retry_after,
                        global,
                    });
                }
                rate_limit_retries += 1;
                // The limiter now holds the wait; a 429 that gave none gets a backoff pause.
                let delay = if names_a_wait {
                    Duration::ZERO
                } else {
                    policy.backoff(rate_limit_retries)
                };
                waited = waited.saturating_add(delay);
                self.pause(request, Some(429), delay, attempt + 1);
                continue;
            }
            if raw.status >= 500 && request.retry_safe && retries < policy.max_retries {
                retries += 1;
                self.pause(
                    request,
                    Some(raw.status),
                    policy.backoff(retries),
                    attempt + 1,
                );
                continue;
            }
            return Ok(raw);
        }
    }

    /// Logs a retry and sleeps `delay`.
    fn pause(&self, request: &Request, status: Option<u16>, delay: Duration, attempt: u32) {
        self.log(&LogEvent::Retry {
            method: request.method(),
            path: &request.route.to_string(),
            status,
            delay,
            attempt,
        });
        if !delay.is_zero() {
            std::thread::sleep(delay);
        }
    }

    /// Waits until the limiter lets `request` through, adding the time waited to `waited`.
    fn acquire(&self, request: &Request, waited: &mut Duration) -> Result<(), Error> {
        let budget = self.inner.retry.max_rate_limit_wait;
        loop {
            let mut limiter = self.limiter();
            let wait = match limiter.try_acquire(&request.route, self.now()) {
                Ok(()) => return Ok(()),
                Err(wait) => wait,
            };
            if waited.saturating_add(wait.duration) > budget {
                return Err(Error::RateLimited {
                    retry_after: wait.duration,
                    global: wait.reason.is_global(),
                });
            }
            if self.inner.log.is_some() {
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
            // Woken early when any request finishes (it may free a slot).
            let (limiter, _) = self
                .inner
                .finished
                .wait_timeout(limiter, wait.duration)
                .unwrap_or_else(PoisonError::into_inner);
            drop(limiter);
            *waited = waited.saturating_add(started.elapsed());
        }
    }

    /// One attempt: send the request and read the body (bounded).
    fn send_once(&self, request: &Request) -> Result<RawResponse, Error> {
        let url = format!("{}{}", self.inner.base_url, request.route);
        let mut builder = ureq::http::Request::builder()
            .method(request.method().as_str())
            .uri(url.as_str())
            .header("User-Agent", self.inner.user_agent.as_str());
        if let Some(authorization) = &self.inner.authorization {
            builder = builder.header("Authorization", authorization.as_str());
        }
        for (name, value) in &request.headers {
            builder = builder.header(*name, value.as_str());
        }
        let bodyless =
            request.body.is_empty() && matches!(request.method(), Method::Get | Method::Delete);
        let response = if bodyless {
            builder
                .body(())
                .map_err(|e| self.request_error(&e))
                .and_then(|r| self.inner.agent.run(r).map_err(|e| self.map_ureq(&e)))
        } else {
            builder
                .body(request.body.as_slice())
                .map_err(|e| self.request_error(&e))
                .and_then(|r| self.inner.agent.run(r).map_err(|e| self.map_ureq(&e)))
        };
        let mut response = response?;
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        let limit = self.inner.max_response_size;
        let declared = headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .and_then(|(_, v)| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|len| len > limit) {
            return Err(Error::ResponseTooLarge { limit });
        }
        let mut body = Vec::new();
        let reader = response.body_mut().as_reader();
        reader
            .take(limit.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(|e| self.map_ureq(&ureq::Error::from(e)))?;
        if body.len() as u64 > limit {
            return Err(Error::ResponseTooLarge { limit });
        }
        Ok(RawResponse {
            status,
            headers,
            body,
        })
    }

    fn request_error(&self, error: &ureq::http::Error) -> Error {
        self.transport(TransportErrorKind::Request, &error.to_string())
    }

    fn transport(&self, kind: TransportErrorKind, message: &str) -> Error {
        Error::Transport(TransportError {
            kind,
            message: scrub(message, self.inner.token.as_ref()),
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

    /// Removes the token from text the server sent back (it never should, but if it echoes
    /// a header, the error must not carry it).
    fn scrub_error(&self, error: Error) -> Error {
        let token = self.inner.token.as_ref();
        match error {
            Error::Api(e) => Error::Api(ApiError {
                message: scrub(&e.message, token),
                errors: e
                    .errors
                    .into_iter()
                    .map(|mut field| {
                        field.message = scrub(&field.message, token);
                        field
                    })
                    .collect(),
                ..e
            }),
            Error::Decode(e) => Error::Decode(DecodeError {
                excerpt: scrub(&e.excerpt, token),
                reason: scrub(&e.reason, token),
                ..e
            }),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
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
    fn base_urls() {
        for ok in [
            "https://discord.com/api/v10",
            "https://api.fluxer.app/v1",
            "http://127.0.0.1:8080/api/v10",
            "http://localhost",
        ] {
            assert!(valid_base_url(ok), "{ok}");
        }
        for bad in [
            "",
            "discord.com/api",
            "ftp://x",
            "https://",
            "https:///path",
            "https://a b",
            "https://x/api?x=1",
            "https://x/\r\n",
        ] {
            assert!(!valid_base_url(bad), "{bad}");
        }
    }

    #[test]
    fn build_checks_the_configuration() {
        use crate::BuildError;
        let err = |b: ClientBuilder| b.build().unwrap_err();
        assert_eq!(
            err(ClientBuilder::new().token(Token::bot("a b"))),
            BuildError::InvalidToken
        );
        assert_eq!(
            err(ClientBuilder::new().base_url("discord.com")),
            BuildError::InvalidBaseUrl("discord.com".into())
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
