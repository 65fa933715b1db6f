//! Errors the API returns, parsed from a response: Discord's and Fluxer's JSON error bodies, the
//! 429 body, and bodies that do not decode.

use alloc::string::String;
use alloc::vec::Vec;

/// Why a response is not the expected result.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ResponseError {
    /// The API answered with an error status (4xx other than 429, or 5xx).
    Api(ApiError),
    /// The API answered 429.
    RateLimited(RateLimited),
    /// A success (or error) status whose body is not what the endpoint returns.
    Decode(DecodeError),
}

/// An error status with whatever the body said.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The JSON error code, if the body had one.
    pub code: Option<ErrorCode>,
    /// The body's `message`, or empty.
    pub message: String,
    /// Field errors, flattened to dotted paths (`max_age`, `role_ids.0`).
    pub errors: Vec<FieldError>,
}

/// A JSON error code: Discord's integers or Fluxer's strings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// Discord's numeric code, e.g. 10006 (Unknown Invite).
    Discord(u32),
    /// Fluxer's string code, e.g. `UNKNOWN_INVITE`.
    Fluxer(String),
}

/// One field's error from a form-body error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Dotted path of the field (`max_age`, `role_ids.0`, `target_users_file`); empty for
    /// request-level errors.
    pub path: String,
    /// The error's code (`NUMBER_TYPE_MAX`, `BASE_TYPE_REQUIRED`), empty if none was given.
    pub code: String,
    /// The human-readable message.
    pub message: String,
}

/// A 429 answer.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimited {
    /// Seconds to wait before trying again (from the body's `retry_after`, or the
    /// `Retry-After` header).
    pub retry_after: f64,
    /// Whether the global limit (not the route's bucket) was hit.
    pub global: bool,
    /// `X-RateLimit-Scope`: `user`, `global` or `shared`, if sent.
    pub scope: Option<String>,
    /// The body's `message`, or empty.
    pub message: String,
}

/// A body that does not decode as what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The HTTP status.
    pub status: u16,
    /// What went wrong (the JSON error, or `empty body`).
    pub reason: String,
    /// The start of the body (at most [`DecodeError::EXCERPT_MAX`] bytes, lossily decoded).
    pub excerpt: String,
}

impl DecodeError {
    /// The longest body excerpt kept, in bytes.
    pub const EXCERPT_MAX: usize = 256;
}
