//! The wire types: what an adapter sends ([`Request`], its [`Method`] and rate-limit [`Route`]) and
//! what it hands back ([`Response`], [`OwnedResponse`]). A leaf module: it imports nothing else of
//! this crate, so [`endpoint`](crate::endpoint), `error` and
//! [`ratelimit`](crate::ratelimit) can all use it without importing each other.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// An HTTP method used by the invite endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// The rate-limit route of a request: Discord keys buckets by the route's template plus its major
/// parameter. Only channel, guild and webhook ids are major parameters: the invite-code routes
/// share one bucket across codes, so their `major` is empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Route {
    /// Method and path template, e.g. `POST /channels/{channel_id}/invites`.
    pub template: &'static str,
    /// The major parameter's value (`channel_id` or `guild_id`), empty if the route has none.
    pub major: String,
}

/// A request ready to send, relative to the API base URL.
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// Path and query, starting with `/`; every dynamic segment and query value is
    /// percent-encoded, e.g. `/invites/jvuBeT38?with_counts=true`.
    pub path: String,
    /// Headers beyond `Authorization` and `User-Agent` (which the adapter adds): `Content-Type`
    /// when there is a body, `X-Audit-Log-Reason` (already percent-encoded).
    pub headers: Vec<(&'static str, String)>,
    /// The body bytes; empty when the request has no body.
    pub body: Vec<u8>,
    /// The rate-limit route.
    pub route: Route,
    /// Whether sending it twice is harmless, so the adapter may retry it after a 5xx or a broken
    /// connection. 429s are always retried: the API did not act on them.
    pub retry_safe: bool,
}

impl Request {
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
            .field("method", &self.method)
            .field("path", &self.path)
            .field("headers", &self.headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .field("route", &self.route)
            .field("retry_safe", &self.retry_safe)
            .finish()
    }
}

/// A response as the adapter read it.
#[derive(Debug, Clone, Copy)]
pub struct Response<'a> {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers (names in any case).
    pub headers: &'a [(&'a str, &'a str)],
    /// The body bytes (possibly empty, truncated or not JSON).
    pub body: &'a [u8],
}

impl Response<'_> {
    /// The value of the first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
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
/// let owned = OwnedResponse {
///     status: 204,
///     headers: vec![("x-ratelimit-remaining".into(), "4".into())],
///     body: Vec::new(),
/// };
/// let remaining = owned.with_response(|r| r.header("X-RateLimit-Remaining").map(String::from));
/// assert_eq!(remaining.as_deref(), Some("4"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OwnedResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The headers, in the order they came.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl OwnedResponse {
    /// Calls `f` with the borrowed [`Response`] view of this response.
    pub fn with_response<R>(&self, f: impl FnOnce(&Response<'_>) -> R) -> R {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        f(&Response {
            status: self.status,
            headers: &headers,
            body: &self.body,
        })
    }
}

/// Whether `status` is a success (2xx).
pub const fn is_success(status: u16) -> bool {
    status >= 200 && status < 300
}
