//! Sans-I/O descriptions of the invite endpoints.
//!
//! Each endpoint is a value built from validated input (so building it is where bad input is
//! refused) that implements [`Endpoint`]: [`Endpoint::request`] describes the HTTP request
//! ([`Request`]: method, path with query, extra headers, body bytes, rate-limit route), and
//! [`Endpoint::parse`] turns what came back ([`Response`]: status, headers, body bytes) into the
//! typed result or a [`ResponseError`]. An adapter such as `invite-http-ureq` only moves bytes.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

pub use crate::error::ResponseError;

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
/// parameter (the guild or channel id, or here the invite code).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Route {
    /// Method and path template, e.g. `POST /channels/{channel_id}/invites`.
    pub template: &'static str,
    /// The major parameter's value (`channel_id`, `guild_id`, or the invite code), empty if none.
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

/// An invite endpoint: describes its request and parses its response.
pub trait Endpoint {
    /// The typed result of a successful call.
    type Output;

    /// The request to send. Infallible: the endpoint value was validated when it was built.
    fn request(&self) -> Request;

    /// Turns the response into the typed result, or a typed error for an error status, a rate
    /// limit, or a body that does not decode.
    fn parse(&self, response: &Response<'_>) -> Result<Self::Output, ResponseError>;
}
