//! Errors the API returns, parsed from a response: Discord's and Fluxer's JSON error bodies, the
//! 429 body, and bodies that do not decode.
//!
//! [`ResponseError::from_response`] reads any error response:
//! - Discord: `{"code": 50035, "message": "...", "errors": {"max_age": {"_errors": [{"code":
//!   "NUMBER_TYPE_MAX", "message": "..."}]}}}`; nested errors are flattened to dotted paths
//!   (`max_age`, `role_ids.0`), request-level `errors._errors` get the path `""`;
//! - Fluxer: `{"code": "INVALID_FORM_BODY", "message": "...", "errors": [{"path": "max_age",
//!   "message": "..."}]}`;
//! - the body of a failed target-users upload: `{"target_users_file": ["Line 5: ..."]}`;
//! - 429s, from the body (`retry_after`, `global`) and the headers (`Retry-After`,
//!   `X-RateLimit-Global`, `X-RateLimit-Scope`);
//! - empty or non-JSON bodies (a proxy's HTML page): the message is a bounded excerpt of the body
//!   or the status's reason phrase.

pub mod codes;

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::codes::{discord, fluxer};
use crate::platform::Platform;
use crate::ratelimit::RateLimitInfo;
use crate::wire::Response;

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
    /// The body's `message`; for a body without one, the status's reason phrase (`Not Found`),
    /// or the start of a body that is not JSON.
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

/// A 429 answer, read by [`RateLimitInfo`](crate::RateLimitInfo) (the one reader of rate-limit
/// facts, which the rate limiter uses too).
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimited {
    /// How long to wait before trying again: [`RateLimitInfo::retry_wait`](crate::RateLimitInfo::retry_wait)
    /// (the body's `retry_after`, else `Retry-After`, else `X-RateLimit-Reset-After`, else
    /// [`FALLBACK_WAIT`](crate::ratelimit::FALLBACK_WAIT)), at most
    /// [`MAX_WAIT`](crate::ratelimit::MAX_WAIT).
    pub retry_after: Duration,
    /// Whether the global limit (not the route's bucket) was hit.
    pub global: bool,
    /// `X-RateLimit-Scope`: `user`, `global` or `shared`, if sent (a short token, trimmed).
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

    /// A decode error for `body` received with `status`, keeping a bounded excerpt of the body.
    ///
    /// ```
    /// use invite_model::DecodeError;
    /// let e = DecodeError::new(200, "expected value at line 1 column 1", b"<html>oops</html>");
    /// assert_eq!(
    ///     e.to_string(),
    ///     "cannot decode the response body (status 200): expected value at line 1 column 1; the body starts with \"<html>oops</html>\""
    /// );
    /// ```
    pub fn new(status: u16, reason: impl fmt::Display, body: &[u8]) -> Self {
        Self {
            status,
            reason: reason.to_string(),
            excerpt: Self::excerpt_of(body),
        }
    }

    /// The first [`EXCERPT_MAX`](Self::EXCERPT_MAX) bytes of `body` as text: cut on a character
    /// boundary, invalid UTF-8 replaced by `U+FFFD`.
    pub fn excerpt_of(body: &[u8]) -> String {
        excerpt(body, Self::EXCERPT_MAX)
    }
}

/// The first `max` bytes of `bytes` as text, cut on a character boundary, invalid UTF-8 replaced.
pub(crate) fn excerpt(bytes: &[u8], max: usize) -> String {
    let mut cut = bytes.len().min(max);
    if cut < bytes.len() {
        // Do not split a multi-byte character: back up over (up to 3) continuation bytes.
        let mut backed = 0;
        while backed < 3 && cut > 0 && bytes.get(cut).is_some_and(|b| b & 0xC0 == 0x80) {
            cut -= 1;
            backed += 1;
        }
    }
    String::from_utf8_lossy(bytes.get(..cut).unwrap_or_default()).into_owned()
}

/// The reason phrase of an HTTP status, used as the message of an error without a body.
pub fn status_reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ if (400..500).contains(&status) => "Client Error",
        _ if (500..600).contains(&status) => "Server Error",
        _ => "Unexpected Status",
    }
}

impl ResponseError {
    /// Reads an error response (any status that is not the endpoint's success): a 429 becomes
    /// [`ResponseError::RateLimited`], anything else [`ResponseError::Api`] with whatever the
    /// body said. Never fails and never panics, whatever the bytes.
    ///
    /// ```
    /// use invite_model::ResponseError;
    /// use invite_model::endpoint::Response;
    /// let body = br#"{"message": "Unknown Invite", "code": 10006}"#;
    /// let err = ResponseError::from_response(&Response { status: 404, headers: &[], body });
    /// assert_eq!(err.to_string(), "discord api error 404 (10006): Unknown Invite");
    /// ```
    pub fn from_response(response: &Response<'_>) -> Self {
        let body = ErrorBody::parse(response.body);
        if response.status == 429 {
            return Self::RateLimited(RateLimited::from_parts(response, body));
        }
        Self::Api(ApiError::from_parts(response.status, body, response.body))
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        match self {
            Self::Api(e) => e.status,
            Self::RateLimited(_) => 429,
            Self::Decode(e) => e.status,
        }
    }

    /// The API error, if this is one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ApiError> for ResponseError {
    fn from(e: ApiError) -> Self {
        Self::Api(e)
    }
}

impl From<RateLimited> for ResponseError {
    fn from(e: RateLimited) -> Self {
        Self::RateLimited(e)
    }
}

impl From<DecodeError> for ResponseError {
    fn from(e: DecodeError) -> Self {
        Self::Decode(e)
    }
}

impl RateLimited {
    fn from_parts(response: &Response<'_>, body: Option<ErrorBody>) -> Self {
        // The wait, the scope and whether it is global: read once, by the rate-limit reader.
        let info = RateLimitInfo::from_response(response);
        Self {
            retry_after: info.retry_wait(),
            global: info.global,
            scope: info.scope.map(String::from),
            message: body.and_then(|b| b.message).unwrap_or_default(),
        }
    }
}

impl ApiError {
    fn from_parts(status: u16, body: Option<ErrorBody>, raw: &[u8]) -> Self {
        let Some(mut body) = body else {
            let excerpt = DecodeError::excerpt_of(raw);
            let excerpt = excerpt.trim();
            return Self {
                status,
                code: None,
                message: if excerpt.is_empty() {
                    String::from(status_reason(status))
                } else {
                    String::from(excerpt)
                },
                errors: Vec::new(),
            };
        };
        if body.code.is_none() && body.message.is_none() {
            body.errors.append(&mut body.loose);
        }
        Self {
            status,
            code: body.code,
            message: body
                .message
                .unwrap_or_else(|| String::from(status_reason(status))),
            errors: body.errors,
        }
    }

    /// Whether the code is `discord_code` on Discord or `fluxer_code` on Fluxer.
    pub fn has_code(&self, discord_code: u32, fluxer_code: &str) -> bool {
        self.code
            .as_ref()
            .is_some_and(|c| c.is(discord_code, fluxer_code))
    }

    /// The invite does not exist, expired or was deleted (10006, `UNKNOWN_INVITE`).
    pub fn is_unknown_invite(&self) -> bool {
        self.has_code(discord::UNKNOWN_INVITE, fluxer::UNKNOWN_INVITE)
    }

    /// The caller lacks a permission (50013, `MISSING_PERMISSIONS`).
    pub fn is_missing_permissions(&self) -> bool {
        self.has_code(discord::MISSING_PERMISSIONS, fluxer::MISSING_PERMISSIONS)
    }

    /// The guild has the maximum number of invites (30016, `MAX_INVITES`).
    pub fn is_max_invites(&self) -> bool {
        self.has_code(discord::MAX_INVITES, fluxer::MAX_INVITES)
    }

    /// The body was refused field by field (50035, `INVALID_FORM_BODY`); see
    /// [`errors`](Self::errors).
    pub fn is_invalid_form_body(&self) -> bool {
        self.has_code(discord::INVALID_FORM_BODY, fluxer::INVALID_FORM_BODY)
    }

    /// Invites are disabled in the guild (Fluxer's `INVITES_DISABLED`).
    pub fn is_invites_disabled(&self) -> bool {
        matches!(&self.code, Some(ErrorCode::Fluxer(c)) if c == fluxer::INVITES_DISABLED)
    }

    /// The first field error at `path` (`max_age`, `role_ids.0`; `""` for request-level ones).
    pub fn field(&self, path: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.path == path)
    }
}

impl ErrorCode {
    /// The platform whose dialect this code is in.
    pub fn platform(&self) -> Platform {
        match self {
            Self::Discord(_) => Platform::Discord,
            Self::Fluxer(_) => Platform::Fluxer,
        }
    }

    /// Whether this is `discord_code` (a Discord code) or `fluxer_code` (a Fluxer code).
    pub fn is(&self, discord_code: u32, fluxer_code: &str) -> bool {
        match self {
            Self::Discord(c) => *c == discord_code,
            Self::Fluxer(c) => c == fluxer_code,
        }
    }

    /// The code's name in [`error_codes`](crate::error_codes) (`UNKNOWN_INVITE`), if known.
    pub fn name(&self) -> Option<&'static str> {
        match self {
            Self::Discord(c) => discord::ALL
                .iter()
                .find(|(code, _, _)| code == c)
                .map(|(_, name, _)| *name),
            Self::Fluxer(c) => fluxer::ALL
                .iter()
                .find(|(code, _)| code == c)
                .map(|(code, _)| *code),
        }
    }

    /// What the code means, if it is one of the invite-relevant codes in
    /// [`error_codes`](crate::error_codes).
    ///
    /// ```
    /// use invite_model::ErrorCode;
    /// assert_eq!(ErrorCode::Discord(30016).description(), Some("maximum number of invites reached (1000)"));
    /// assert_eq!(ErrorCode::Fluxer("UNKNOWN_INVITE".into()).description(), Some("unknown invite"));
    /// assert_eq!(ErrorCode::Discord(1).description(), None);
    /// ```
    pub fn description(&self) -> Option<&'static str> {
        match self {
            Self::Discord(c) => discord::ALL
                .iter()
                .find(|(code, _, _)| code == c)
                .map(|(_, _, d)| *d),
            Self::Fluxer(c) => fluxer::ALL
                .iter()
                .find(|(code, _)| code == c)
                .map(|(_, d)| *d),
        }
    }
}

impl FieldError {
    /// The line number of a target-users CSV error (`Line 5: invalid user ID - ...` gives 5).
    pub fn csv_line(&self) -> Option<u32> {
        let rest = self.message.get(..5)?;
        if !rest.eq_ignore_ascii_case("line ") {
            return None;
        }
        let tail = self.message.get(5..)?;
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        tail.get(..digits)?.parse().ok()
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Discord(c) => write!(f, "{c}"),
            Self::Fluxer(c) => f.write_str(c),
        }
    }
}

impl fmt::Display for FieldError {
    /// `path: message (CODE)`; the path and the code are left out when empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if !self.code.is_empty() {
            write!(f, " ({})", self.code)?;
        }
        Ok(())
    }
}

impl fmt::Display for ApiError {
    /// `discord api error 404 (10006): Unknown Invite`, then `; path: message` per field error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.code {
            Some(code) => write!(f, "{} api error {} ({code})", code.platform(), self.status)?,
            None => write!(f, "api error {}", self.status)?,
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        for e in &self.errors {
            write!(f, "; {e}")?;
        }
        Ok(())
    }
}

impl fmt::Display for RateLimited {
    /// `rate limited (scope user): retry after 1.5s: You are being rate limited.`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.global {
            "rate limited globally"
        } else {
            "rate limited"
        })?;
        if let Some(scope) = &self.scope {
            write!(f, " (scope {scope})")?;
        }
        write!(f, ": retry after {}s", self.retry_after.as_secs_f64())?;
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        Ok(())
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot decode the response body (status {}): {}",
            self.status, self.reason
        )?;
        if !self.excerpt.is_empty() {
            write!(f, "; the body starts with {:?}", self.excerpt)?;
        }
        Ok(())
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(e) => fmt::Display::fmt(e, f),
            Self::RateLimited(e) => fmt::Display::fmt(e, f),
            Self::Decode(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl core::error::Error for ApiError {}
impl core::error::Error for RateLimited {}
impl core::error::Error for DecodeError {}
impl core::error::Error for FieldError {}

impl core::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Api(e) => Some(e),
            Self::RateLimited(e) => Some(e),
            Self::Decode(e) => Some(e),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Body parsing: one pass over the JSON with visitors, keeping the document order of the errors
// and tolerating any type in any place.

/// What an error body said.
#[derive(Default)]
struct ErrorBody {
    code: Option<ErrorCode>,
    message: Option<String>,
    errors: Vec<FieldError>,
    /// Other top-level keys whose values are error lists (`{"target_users_file": ["..."]}`);
    /// used only when the body has neither `code` nor `message`.
    loose: Vec<FieldError>,
}

impl ErrorBody {
    /// `None` unless the body is a JSON object.
    fn parse(body: &[u8]) -> Option<Self> {
        serde_json::from_slice(body).ok()
    }
}

/// Any JSON value, keeping only strings and integers.
enum Scalar {
    Str(String),
    Int(i128),
    Other,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(i128::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Int(i128::from(v)))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Str(String::from(v)))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

impl Scalar {
    fn into_string(self) -> Option<String> {
        match self {
            Self::Str(s) => Some(s),
            _ => None,
        }
    }

    fn into_code(self) -> Option<ErrorCode> {
        match self {
            Self::Int(n) => u32::try_from(n).ok().map(ErrorCode::Discord),
            Self::Str(s) => Some(ErrorCode::Fluxer(s)),
            Self::Other => None,
        }
    }
}

impl<'de> Deserialize<'de> for ErrorBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ErrorBodyVisitor)
    }
}

struct ErrorBodyVisitor;

impl<'de> Visitor<'de> for ErrorBodyVisitor {
    type Value = ErrorBody;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorBody, A::Error> {
        let mut body = ErrorBody::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "code" if body.code.is_none() => {
                    body.code = map.next_value::<Scalar>()?.into_code();
                }
                "message" if body.message.is_none() => {
                    body.message = map.next_value::<Scalar>()?.into_string();
                }
                "errors" => map.next_value_seed(Flatten {
                    path: String::new(),
                    out: &mut body.errors,
                })?,
                // A 429's wait and scope are read by `RateLimitInfo`, not here.
                "retry_after" | "global" => {
                    map.next_value::<IgnoredAny>()?;
                }
                _ => map.next_value_seed(Loose {
                    path: key,
                    out: &mut body.loose,
                })?,
            }
        }
        Ok(body)
    }
}

/// A top-level key whose value may be a list of error strings.
struct Loose<'o> {
    path: String,
    out: &'o mut Vec<FieldError>,
}

impl<'de> DeserializeSeed<'de> for Loose<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Loose<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<Scalar>()? {
            if let Some(message) = item.into_string() {
                self.out.push(FieldError {
                    path: self.path.clone(),
                    code: String::new(),
                    message,
                });
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// The `errors` value (or a node inside it), flattened into field errors under `path`.
struct Flatten<'o> {
    path: String,
    out: &'o mut Vec<FieldError>,
}

impl<'de> DeserializeSeed<'de> for Flatten<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Flatten<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("nested field errors")
    }

    /// Discord's nesting: `{"role_ids": {"0": {"_errors": [...]}}}`.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let path = if key == "_errors" {
                self.path.clone()
            } else if self.path.is_empty() {
                key
            } else {
                format!("{}.{key}", self.path)
            };
            map.next_value_seed(Flatten {
                path,
                out: &mut *self.out,
            })?;
        }
        Ok(())
    }

    /// `_errors: [{code, message}]` (Discord) or `errors: [{path, message}]` (Fluxer).
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(Item {
                path: &self.path,
                out: &mut *self.out,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.out.push(FieldError {
            path: self.path,
            code: String::new(),
            message: String::from(v),
        });
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// One element of an error list: `{code?, message, path?}` or a bare string.
struct Item<'p, 'o> {
    path: &'p str,
    out: &'o mut Vec<FieldError>,
}

impl<'de> DeserializeSeed<'de> for Item<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Item<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field error")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (mut path, mut code, mut message) = (None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value::<Scalar>()?;
            match key.as_str() {
                "path" => path = value.into_string(),
                "code" => code = value.into_string(),
                "message" => message = value.into_string(),
                _ => {}
            }
        }
        let path = match path {
            Some(p) if self.path.is_empty() => p,
            Some(p) => format!("{}.{p}", self.path),
            None => String::from(self.path),
        };
        self.out.push(FieldError {
            path,
            code: code.unwrap_or_default(),
            message: message.unwrap_or_default(),
        });
        Ok(())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.out.push(FieldError {
            path: String::from(self.path),
            code: String::new(),
            message: String::from(v),
        });
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use proptest::prelude::*;

    fn from(status: u16, headers: &[(&str, &str)], body: &str) -> ResponseError {
        ResponseError::from_response(&Response {
            status,
            headers,
            body: body.as_bytes(),
        })
    }

    fn api(status: u16, body: &str) -> ApiError {
        match from(status, &[], body) {
            ResponseError::Api(e) => e,
            other => panic!("not an api error: {other:?}"),
        }
    }

    fn fe(path: &str, code: &str, message: &str) -> FieldError {
        FieldError {
            path: path.into(),
            code: code.into(),
            message: message.into(),
        }
    }

    #[test]
    fn discord_simple_error() {
        let e = api(404, r#"{"message": "Unknown Invite", "code": 10006}"#);
        assert_eq!(e.code, Some(ErrorCode::Discord(10006)));
        assert!(e.is_unknown_invite());
        assert!(!e.is_missing_permissions());
        assert_eq!(
            e.to_string(),
            "discord api error 404 (10006): Unknown Invite"
        );
        assert_eq!(e.code.as_ref().unwrap().name(), Some("UNKNOWN_INVITE"));
    }

    #[test]
    fn discord_nested_form_errors_flatten_in_order() {
        let body = r#"{
            "code": 50035,
            "errors": {
                "max_age": {"_errors": [{"code": "NUMBER_TYPE_MAX", "message": "int value should be less than or equal to 604800."}]},
                "role_ids": {"0": {"_errors": [{"code": "NUMBER_TYPE_COERCE", "message": "Value \"x\" is not snowflake."}]},
                             "10": {"_errors": [{"code": "A", "message": "m10"}]},
                             "2": {"_errors": [{"code": "B", "message": "m2"}, {"code": "C", "message": "m2b"}]}},
                "_errors": [{"code": "REQUEST_LEVEL", "message": "whole request"}]
            },
            "message": "Invalid Form Body"
        }"#;
        let e = api(400, body);
        assert!(e.is_invalid_form_body());
        assert_eq!(
            e.errors,
            vec![
                fe(
                    "max_age",
                    "NUMBER_TYPE_MAX",
                    "int value should be less than or equal to 604800."
                ),
                fe(
                    "role_ids.0",
                    "NUMBER_TYPE_COERCE",
                    "Value \"x\" is not snowflake."
                ),
                fe("role_ids.10", "A", "m10"),
                fe("role_ids.2", "B", "m2"),
                fe("role_ids.2", "C", "m2b"),
                fe("", "REQUEST_LEVEL", "whole request"),
            ]
        );
        assert_eq!(e.field("role_ids.10").unwrap().message, "m10");
        assert_eq!(
            e.to_string(),
            "discord api error 400 (50035): Invalid Form Body; max_age: int value should be less than or equal to 604800. (NUMBER_TYPE_MAX); role_ids.0: Value \"x\" is not snowflake. (NUMBER_TYPE_COERCE); role_ids.10: m10 (A); role_ids.2: m2 (B); role_ids.2: m2b (C); whole request (REQUEST_LEVEL)"
        );
    }

    #[test]
    fn fluxer_errors() {
        let e = api(
            400,
            r#"{"code":"INVALID_FORM_BODY","message":"Input Validation Error","errors":[{"path":"max_age","message":"Number must be less than or equal to 604800"},{"path":"a.b.0","message":"bad"}]}"#,
        );
        assert_eq!(e.code, Some(ErrorCode::Fluxer("INVALID_FORM_BODY".into())));
        assert!(e.is_invalid_form_body());
        assert_eq!(
            e.errors,
            vec![
                fe("max_age", "", "Number must be less than or equal to 604800"),
                fe("a.b.0", "", "bad"),
            ]
        );
        assert_eq!(
            e.to_string(),
            "fluxer api error 400 (INVALID_FORM_BODY): Input Validation Error; max_age: Number must be less than or equal to 604800; a.b.0: bad"
        );
        let e = api(
            404,
            r#"{"code":"UNKNOWN_INVITE","message":"Unknown invite"}"#,
        );
        assert!(e.is_unknown_invite());
        assert_eq!(
            e.to_string(),
            "fluxer api error 404 (UNKNOWN_INVITE): Unknown invite"
        );
        let e = api(
            403,
            r#"{"code":"INVITES_DISABLED","message":"Invites are disabled"}"#,
        );
        assert!(e.is_invites_disabled());
        assert_eq!(
            e.code.unwrap().description(),
            Some("invites are disabled in this guild")
        );
    }

    #[test]
    fn target_users_upload_errors() {
        let e = api(
            400,
            r#"{"target_users_file": ["Line 5: invalid user ID - abc", "Line 12: invalid user ID - 1.5"]}"#,
        );
        assert_eq!(e.code, None);
        assert_eq!(e.message, "Bad Request");
        assert_eq!(
            e.errors,
            vec![
                fe("target_users_file", "", "Line 5: invalid user ID - abc"),
                fe("target_users_file", "", "Line 12: invalid user ID - 1.5"),
            ]
        );
        assert_eq!(e.errors[0].csv_line(), Some(5));
        assert_eq!(e.errors[1].csv_line(), Some(12));
        assert_eq!(fe("", "", "oops").csv_line(), None);
        assert_eq!(fe("", "", "line x").csv_line(), None);
        assert_eq!(
            e.to_string(),
            "api error 400: Bad Request; target_users_file: Line 5: invalid user ID - abc; target_users_file: Line 12: invalid user ID - 1.5"
        );
        // Extra keys of an error with a code are not field errors.
        let e = api(
            403,
            r#"{"code":"MISSING_PERMISSIONS","message":"m","permissions":["X"]}"#,
        );
        assert!(e.errors.is_empty());
        assert!(e.is_missing_permissions());
    }

    #[test]
    fn empty_and_non_json_bodies() {
        let e = api(404, "");
        assert_eq!(e.to_string(), "api error 404: Not Found");
        let e = api(502, "<html><body>502 Bad Gateway</body></html>\n");
        assert_eq!(e.message, "<html><body>502 Bad Gateway</body></html>");
        assert_eq!(e.code, None);
        let e = api(500, "   ");
        assert_eq!(e.to_string(), "api error 500: Internal Server Error");
        let e = api(400, r#"["not", "an", "object"]"#);
        assert_eq!(e.message, r#"["not", "an", "object"]"#);
        let e = api(400, r#"{"code": 50035, "mess"#);
        assert_eq!(e.message, r#"{"code": 50035, "mess"#);
        let long = "x".repeat(1000);
        assert_eq!(api(503, &long).message.len(), DecodeError::EXCERPT_MAX);
        // An object without a message: the status's reason phrase.
        let e = api(401, r#"{"code": 0}"#);
        assert_eq!(e.to_string(), "discord api error 401 (0): Unauthorized");
        // Odd types are tolerated.
        let e = api(
            400,
            r#"{"code": -5, "message": 7, "errors": {"a": "flat", "b": [1, "s", null, {"message": "m"}]}}"#,
        );
        assert_eq!(e.code, None);
        assert_eq!(e.message, "Bad Request");
        assert_eq!(
            e.errors,
            vec![fe("a", "", "flat"), fe("b", "", "s"), fe("b", "", "m")]
        );
        let e = api(418, "{}");
        assert_eq!(e.to_string(), "api error 418: Client Error");
    }

    #[test]
    #[allow(clippy::float_cmp)] // the values are parsed exactly, not computed
    fn rate_limits() {
        use crate::ratelimit::{FALLBACK_WAIT, MAX_WAIT};
        let r = from(
            429,
            &[("retry-after", "2"), ("X-RateLimit-Scope", "shared")],
            r#"{"message": "You are being rate limited.", "retry_after": 1.337, "global": false}"#,
        );
        assert_eq!(
            r,
            ResponseError::RateLimited(RateLimited {
                retry_after: Duration::from_millis(1337),
                global: false,
                scope: Some("shared".into()),
                message: "You are being rate limited.".into(),
            })
        );
        assert_eq!(
            r.to_string(),
            "rate limited (scope shared): retry after 1.337s: You are being rate limited."
        );
        assert_eq!(r.status(), 429);

        // Fluxer: integer Retry-After header, X-RateLimit-Global.
        let r = from(
            429,
            &[("Retry-After", "3"), ("X-RateLimit-Global", "true")],
            r#"{"code":"RATE_LIMITED","message":"You are being rate limited.","global":false}"#,
        );
        let ResponseError::RateLimited(r) = r else {
            panic!()
        };
        assert_eq!(r.retry_after, Duration::from_secs(3));
        assert!(r.global);
        assert_eq!(
            r.to_string(),
            "rate limited globally: retry after 3s: You are being rate limited."
        );

        // Cloudflare's HTML 429 without headers: the fallback wait.
        let ResponseError::RateLimited(r) = from(429, &[], "<html>banned</html>") else {
            panic!()
        };
        assert_eq!(r.retry_after, FALLBACK_WAIT);
        assert!(!r.global);
        assert_eq!(r.message, "");

        // Odd numbers: unreadable ones are ignored, huge ones capped at the one cap.
        let ResponseError::RateLimited(r) = from(429, &[], r#"{"retry_after": -4}"#) else {
            panic!()
        };
        assert_eq!(r.retry_after, FALLBACK_WAIT);
        let ResponseError::RateLimited(r) = from(429, &[], r#"{"retry_after": 1e300}"#) else {
            panic!()
        };
        assert_eq!(r.retry_after, MAX_WAIT);
        let ResponseError::RateLimited(r) = from(
            429,
            &[("Retry-After", "NaN"), ("X-RateLimit-Reset-After", "0.5")],
            "",
        ) else {
            panic!()
        };
        assert_eq!(r.retry_after, Duration::from_millis(500));
        let ResponseError::RateLimited(r) = from(429, &[("X-RateLimit-Scope", "global")], "{}")
        else {
            panic!()
        };
        assert!(r.global);
    }

    /// Issue 9, defect 10: the 429 error and the rate limiter's reader used to disagree on
    /// the scope (exact vs trimmed, any case), the fallback wait and the cap; they are one
    /// reader now.
    #[test]
    fn the_429_error_agrees_with_the_rate_limit_reader() {
        use crate::ratelimit::MAX_WAIT;
        let cases: [(&[(&str, &str)], &str); 6] = [
            (&[("X-RateLimit-Scope", " Global ")], "{}"),
            (&[("x-ratelimit-scope", "GLOBAL")], ""),
            (&[("Retry-After", "1e400")], "{}"),
            (&[], r#"{"retry_after":"1e400"}"#),
            (&[("Retry-After", "7200")], ""),
            (&[], r#"{"retry_after":1e300,"global":true}"#),
        ];
        for (headers, body) in cases {
            let response = Response {
                status: 429,
                headers,
                body: body.as_bytes(),
            };
            let info = RateLimitInfo::from_response(&response);
            let ResponseError::RateLimited(r) = ResponseError::from_response(&response) else {
                panic!()
            };
            assert_eq!(r.global, info.global, "{headers:?} {body}");
            assert_eq!(r.retry_after, info.retry_wait(), "{headers:?} {body}");
            assert!(r.retry_after <= MAX_WAIT, "{headers:?} {body}");
            assert_eq!(r.scope.as_deref(), info.scope);
        }
        let ResponseError::RateLimited(r) = from(429, &[("X-RateLimit-Scope", " Global ")], "{}")
        else {
            panic!()
        };
        assert!(r.global);
        assert_eq!(r.scope.as_deref(), Some("Global"));
        let ResponseError::RateLimited(r) = from(429, &[("Retry-After", "1e400")], "{}") else {
            panic!()
        };
        assert_eq!(r.retry_after, MAX_WAIT);
    }

    #[test]
    fn decode_errors_and_excerpts() {
        let e = DecodeError::new(200, "empty body", b"");
        assert_eq!(
            e.to_string(),
            "cannot decode the response body (status 200): empty body"
        );
        let mut body = vec![b'a'; DecodeError::EXCERPT_MAX - 1];
        body.extend_from_slice("é".as_bytes());
        assert_eq!(
            DecodeError::excerpt_of(&body).len(),
            DecodeError::EXCERPT_MAX - 1
        );
        body.push(b'z');
        let ex = DecodeError::excerpt_of(&body);
        assert!(ex.ends_with('a') && ex.len() == DecodeError::EXCERPT_MAX - 1);
        assert_eq!(DecodeError::excerpt_of(b"ok\xff"), "ok\u{fffd}");
        let r: ResponseError = e.clone().into();
        assert_eq!(r.status(), 200);
        assert!(core::error::Error::source(&r).is_some());
        assert!(r.as_api().is_none());
    }

    #[test]
    fn every_spec_code_has_a_description() {
        for code in [
            10003, 10004, 10006, 10011, 10013, 10070, 10124, 10129, 30001, 30016, 40001, 40002,
            40007, 40333, 50001, 50013, 50014, 50020, 50024, 50025, 50035, 50036, 50109, 340_015,
        ] {
            assert!(ErrorCode::Discord(code).description().is_some(), "{code}");
        }
        for code in [
            "UNKNOWN_INVITE",
            "MAX_INVITES",
            "MISSING_PERMISSIONS",
            "INVITES_DISABLED",
            "TEMPORARY_INVITE_REQUIRES_PRESENCE",
            "RATE_LIMITED",
            "INVALID_FORM_BODY",
        ] {
            let c = ErrorCode::Fluxer(code.into());
            assert!(c.description().is_some(), "{code}");
            assert_eq!(c.name(), Some(code));
        }
        assert!(discord::ALL.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(ErrorCode::Discord(50_013).to_string(), "50013");
        assert_eq!(ErrorCode::Discord(1).name(), None);
        assert!(ErrorCode::Discord(30_016).is(30_016, "MAX_INVITES"));
        assert!(ErrorCode::Fluxer("MAX_INVITES".into()).is(30_016, "MAX_INVITES"));
        assert_eq!(ErrorCode::Fluxer("X".into()).platform(), Platform::Fluxer);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn never_panics_on_bytes(status in any::<u16>(), body in proptest::collection::vec(any::<u8>(), 0..300), ra in ".{0,8}") {
            let headers = [("Retry-After", ra.as_str())];
            let e = ResponseError::from_response(&Response { status, headers: &headers, body: &body });
            let _ = e.to_string();
            if let ResponseError::RateLimited(r) = &e {
                prop_assert!(r.retry_after <= crate::ratelimit::MAX_WAIT);
            }
        }

        #[test]
        fn never_panics_on_json_like(status in 400u16..600, body in r#"[{}\[\]",:0-9a-z_ .-]{0,120}"#) {
            let e = ResponseError::from_response(&Response { status, headers: &[], body: body.as_bytes() });
            let _ = e.to_string();
        }

        #[test]
        fn deep_nesting_is_fine(depth in 0usize..300) {
            let body = format!("{{\"code\":1,\"errors\":{}1{}}}", "{\"a\":".repeat(depth), "}".repeat(depth));
            let _ = ResponseError::from_response(&Response { status: 400, headers: &[], body: body.as_bytes() });
        }
    }
}
