//! The wire types: what an adapter sends ([`Request`], its [`Method`] and rate-limit [`Route`]) and
//! what it hands back ([`Response`], [`OwnedResponse`]). A leaf module: besides the value types a
//! route carries (invite codes, snowflakes, percent-encoding) and the leaf
//! [`secret`](crate::secret) it imports nothing of this crate, so [`endpoint`](crate::endpoint),
//! `error` and [`ratelimit`](crate::ratelimit) can all use it without importing each other.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

mod route;

pub use route::Route;

use crate::secret::{NO_SECRETS, Redactor};

/// An HTTP method used by the invite endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(
    clippy::exhaustive_enums,
    reason = "an adapter maps every method to its HTTP library: one it cannot send must not compile"
)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as it goes on the wire (`GET`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request ready to send, relative to the API base URL.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Request {
    /// The route: the method ([`Request::method`]), the path and query (its `Display`, starting
    /// with `/`, every dynamic segment percent-encoded, e.g. `/invites/jvuBeT38?with_counts=true`)
    /// and the rate-limit key, all from one value.
    pub route: Route,
    /// Headers beyond `Authorization` and `User-Agent` (which the adapter adds): `Content-Type`
    /// when there is a body, `X-Audit-Log-Reason` (already percent-encoded).
    pub headers: Vec<(&'static str, String)>,
    /// The body bytes; empty when the request has no body.
    pub body: Vec<u8>,
    /// Whether sending it twice is harmless, so the adapter may retry it after a 5xx or a broken
    /// connection. 429s are always retried: the API did not act on them.
    pub retry_safe: bool,
}

impl Request {
    /// A request of `route` without headers or body, retried as its method allows
    /// ([`Route::retry_safe`]).
    pub fn new(route: Route) -> Self {
        Self {
            retry_safe: route.retry_safe(),
            route,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// This request with the header `name: value` added after the others (a header the
    /// adapter sets itself, `Authorization` or `User-Agent`, does not belong here).
    ///
    /// ```
    /// use invite_model::endpoint::{Request, Route};
    /// use invite_model::Snowflake;
    /// let r = Request::new(Route::CreateChannelInvite { channel_id: Snowflake(1) })
    ///     .with_header("Content-Type", "application/json")
    ///     .with_body(b"{}".to_vec());
    /// assert_eq!(r.header("content-type"), Some("application/json"));
    /// assert_eq!(r.body, b"{}");
    /// assert!(!r.retry_safe);
    /// ```
    #[must_use]
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// This request with `body` as its body (replacing any it had).
    #[must_use]
    pub fn with_body(mut self, body: Vec<u8>) -> Self {
        self.body = body;
        self
    }

    /// This request, marked safe (or not) to send twice; [`new`](Self::new) takes it from the
    /// route's method.
    #[must_use]
    pub const fn with_retry_safe(mut self, retry_safe: bool) -> Self {
        self.retry_safe = retry_safe;
        self
    }

    /// The method, from the route.
    pub const fn method(&self) -> Method {
        self.route.method()
    }

    /// The value of the first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("route", &self.route)
            .field("headers", &self.headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .field("retry_safe", &self.retry_safe)
            .finish()
    }
}

/// A response as the adapter read it, with the [`Redactor`] that hides the caller's secrets in
/// whatever the errors parsed from it keep of the body.
///
/// ```
/// use invite_model::endpoint::{Endpoint, GetInvite, Response};
/// use invite_model::{InviteCode, Redactor};
///
/// let redactor = Redactor::new().with_secret("s3cr3t.t0ken");
/// let body = b"<html>bad header: Bot s3cr3t.t0ken</html>";
/// let response = Response::new(502, &[], body).with_redactor(&redactor);
/// let err = GetInvite::new(InviteCode::parse("jvuBeT38")?).parse(&response).unwrap_err();
/// assert_eq!(err.to_string(), "api error 502: <html>bad header: Bot <redacted></html>");
/// # Ok::<(), invite_model::InviteCodeError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Response<'a> {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers (names in any case).
    pub headers: &'a [(&'a str, &'a str)],
    /// The body bytes (possibly empty, truncated or not JSON).
    pub body: &'a [u8],
    redactor: &'a Redactor,
    earlier_attempt_may_have_acted: bool,
}

impl<'a> Response<'a> {
    /// A response with these parts and no secrets to hide.
    pub const fn new(status: u16, headers: &'a [(&'a str, &'a str)], body: &'a [u8]) -> Self {
        Self {
            status,
            headers,
            body,
            redactor: &NO_SECRETS,
            earlier_attempt_may_have_acted: false,
        }
    }

    /// This response, with `redactor` hiding its secrets in every error parsed from it.
    #[must_use]
    pub const fn with_redactor(mut self, redactor: &'a Redactor) -> Self {
        self.redactor = redactor;
        self
    }

    /// The redactor errors parsed from this response use (one without secrets by default).
    pub const fn redactor(&self) -> &'a Redactor {
        self.redactor
    }

    /// This response, marked as the answer to a retry after an attempt that may have acted:
    /// one that was sent and then failed with a 5xx, a broken connection or a timeout
    /// ([`RetryTracker::earlier_attempt_may_have_acted`](crate::ratelimit::RetryTracker::earlier_attempt_may_have_acted)).
    /// An endpoint whose effect may then already be done reads "not found" as done:
    /// [`DeleteInvite`](crate::endpoint::DeleteInvite) reads 404 Unknown Invite as
    /// [`AlreadyGone`](crate::endpoint::DeletedInvite::AlreadyGone).
    ///
    /// ```
    /// use invite_model::endpoint::{DeleteInvite, DeletedInvite, Endpoint, Response};
    /// use invite_model::InviteCode;
    /// let delete = DeleteInvite::new(InviteCode::parse("jvuBeT38")?);
    /// let gone = Response::new(404, &[], br#"{"message": "Unknown Invite", "code": 10006}"#);
    /// assert!(delete.parse(&gone).is_err());
    /// let retried = gone.with_earlier_attempt_may_have_acted(true);
    /// assert_eq!(delete.parse(&retried)?, DeletedInvite::AlreadyGone);
    /// # Ok::<(), Box<dyn core::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn with_earlier_attempt_may_have_acted(mut self, may_have_acted: bool) -> Self {
        self.earlier_attempt_may_have_acted = may_have_acted;
        self
    }

    /// Whether this answers a retry after an attempt that may have acted (false unless set with
    /// [`with_earlier_attempt_may_have_acted`](Self::with_earlier_attempt_may_have_acted)).
    pub const fn earlier_attempt_may_have_acted(&self) -> bool {
        self.earlier_attempt_may_have_acted
    }

    /// The value of the first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }
}

/// A response that owns its parts, as an adapter reads it off the wire; [`with_response`]
/// lends the borrowed [`Response`] view that [`Endpoint::parse`](crate::endpoint::Endpoint::parse) takes.
///
/// [`with_response`]: OwnedResponse::with_response
///
/// ```
/// use invite_model::endpoint::OwnedResponse;
/// let owned = OwnedResponse::new(204, vec![("x-ratelimit-remaining".into(), "4".into())], Vec::new());
/// let remaining = owned.with_response(|r| r.header("X-RateLimit-Remaining").map(String::from));
/// assert_eq!(remaining.as_deref(), Some("4"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct OwnedResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The headers, in the order they came.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl OwnedResponse {
    /// A response with these parts.
    pub const fn new(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }

    /// Calls `f` with the borrowed [`Response`] view of this response (no secrets to hide).
    pub fn with_response<R>(&self, f: impl FnOnce(&Response<'_>) -> R) -> R {
        self.with_redacting_response(&NO_SECRETS, f)
    }

    /// Calls `f` with the borrowed [`Response`] view of this response, whose errors hide the
    /// secrets of `redactor`.
    ///
    /// ```
    /// use invite_model::endpoint::{OwnedResponse, ResponseError};
    /// use invite_model::Redactor;
    /// let owned = OwnedResponse::new(500, Vec::new(), b"echo: tok3n".to_vec());
    /// let redactor = Redactor::new().with_secret("tok3n");
    /// let err = owned.with_redacting_response(&redactor, ResponseError::from_response);
    /// assert_eq!(err.to_string(), "api error 500: echo: <redacted>");
    /// ```
    pub fn with_redacting_response<R>(
        &self,
        redactor: &Redactor,
        f: impl FnOnce(&Response<'_>) -> R,
    ) -> R {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        f(&Response::new(self.status, &headers, &self.body).with_redactor(redactor))
    }
}

/// Whether `status` is a success (2xx).
pub const fn is_success(status: u16) -> bool {
    status >= 200 && status < 300
}
