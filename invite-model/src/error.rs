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
//!
//! Hostile bodies cost little: every piece of server text an error keeps is redacted with the
//! response's [`Redactor`] and then cut to a documented maximum ([`ApiError::MESSAGE_MAX`],
//! [`FieldError::PATH_MAX`], [`FieldError::CODE_MAX`], [`FieldError::MESSAGE_MAX`],
//! [`ErrorCode::FLUXER_MAX`], [`RateLimited::MESSAGE_MAX`], [`DecodeError::REASON_MAX`],
//! [`DecodeError::EXCERPT_MAX`], [`InviteMismatch::RETURNED_MAX`]); at most
//! [`ApiError::ERRORS_MAX`] field errors are kept and the rest counted
//! ([`ApiError::omitted_errors`]); and the heap used while reading a body is linear
//! in it: at most 64 bytes per byte of body plus 1 KiB, and about 100 KiB whatever the body
//! (`tests/bounded_memory.rs` checks it with a counting allocator). The reading itself is in
//! `error/parse.rs`.

pub mod codes;
mod parse;

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

use crate::code::InviteCode;
use crate::error::codes::{discord, fluxer};
use crate::platform::Platform;
use crate::secret::Redactor;
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
    /// A list body with more items than a list endpoint accepts.
    ListTooLong(ListTooLong),
    /// A success whose invite is not the one the request named.
    InviteMismatch(InviteMismatch),
}

/// An error status with whatever the body said.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The JSON error code, if the body had one.
    pub code: Option<ErrorCode>,
    /// The body's `message` (at most [`MESSAGE_MAX`](Self::MESSAGE_MAX) bytes); for a body
    /// without one, the status's reason phrase (`Not Found`), or the start of a body that is not
    /// JSON (at most [`DecodeError::EXCERPT_MAX`] bytes).
    pub message: String,
    /// Field errors, flattened to dotted paths (`max_age`, `role_ids.0`), in the body's order:
    /// the first [`ERRORS_MAX`](Self::ERRORS_MAX).
    pub errors: Vec<FieldError>,
    /// How many more field errors the body had beyond [`errors`](Self::errors).
    pub omitted_errors: usize,
}

/// A JSON error code: Discord's integers or Fluxer's strings (a string code read from a body is at
/// most [`ErrorCode::FLUXER_MAX`] bytes).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// Discord's numeric code, e.g. 10006 (Unknown Invite).
    Discord(u32),
    /// Fluxer's string code, e.g. `UNKNOWN_INVITE`.
    Fluxer(String),
}

/// One field's error from a form-body error. Read from a body, each part is bounded:
/// [`PATH_MAX`](Self::PATH_MAX), [`CODE_MAX`](Self::CODE_MAX),
/// [`MESSAGE_MAX`](Self::MESSAGE_MAX).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldError {
    /// Dotted path of the field (`max_age`, `role_ids.0`, `target_users_file`); empty for
    /// request-level errors. A longer path is cut and ends with [`PATH_CUT`](Self::PATH_CUT).
    pub path: String,
    /// The error's code (`NUMBER_TYPE_MAX`, `BASE_TYPE_REQUIRED`), empty if none was given.
    pub code: String,
    /// The human-readable message.
    pub message: String,
}

/// A 429 answer.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RateLimited {
    /// How long to wait before trying again: [`RateLimitInfo::retry_wait`](crate::RateLimitInfo::retry_wait)
    /// (the body's `retry_after`, else `Retry-After`, else `X-RateLimit-Reset-After`, else
    /// [`FALLBACK_WAIT`](crate::ratelimit::FALLBACK_WAIT)), at most
    /// [`MAX_WAIT`](crate::ratelimit::MAX_WAIT).
    pub retry_after: Duration,
    /// Whether the global limit (not the route's bucket) was hit.
    pub global: bool,
    /// `X-RateLimit-Scope`: `user`, `global` or `shared`, if sent.
    pub scope: Option<String>,
    /// The body's `message` (at most [`MESSAGE_MAX`](Self::MESSAGE_MAX) bytes), or empty.
    pub message: String,
}

/// A body that does not decode as what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeError {
    /// The HTTP status.
    pub status: u16,
    /// What went wrong (the JSON error, or `empty body`), at most
    /// [`REASON_MAX`](Self::REASON_MAX) bytes.
    pub reason: String,
    /// The start of the body: at most [`EXCERPT_MAX`](Self::EXCERPT_MAX) bytes of text, invalid
    /// UTF-8 replaced by `U+FFFD`, secrets replaced by `<redacted>`.
    pub excerpt: String,
}

/// A success status whose body is a list with more items than a list endpoint accepts
/// ([`LIST_MAX`](crate::endpoint::LIST_MAX)). Parsing stopped at the first item past the limit.
///
/// ```
/// use invite_model::endpoint::{Endpoint, GetGuildInvites, LIST_MAX, Response, ResponseError};
/// use invite_model::Snowflake;
/// let body = format!("[{}{{}}]", r#"{"code":"ab"},"#.repeat(LIST_MAX));
/// let err = GetGuildInvites::new(Snowflake(1)).parse(&Response::new(200, &[], body.as_bytes())).unwrap_err();
/// assert!(matches!(&err, ResponseError::ListTooLong(e) if e.limit == 10_000));
/// assert_eq!(err.to_string(), "the response lists more than 10000 items, the most accepted (status 200)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListTooLong {
    /// The HTTP status.
    pub status: u16,
    /// The most items accepted.
    pub limit: usize,
}

/// A success status whose invite is not the one the request named: `GET`, `DELETE` or `POST
/// /invites/{code}` answered with another code. The API does not do that; a response that was
/// not for this request does (one sent unasked on a kept-alive connection, read as the answer
/// to the next request), so the result must not be believed.
///
/// Codes are compared ignoring ASCII case (vanity codes are looked up that way).
///
/// ```
/// use invite_model::endpoint::{DeleteInvite, Endpoint, Response, ResponseError};
/// use invite_model::InviteCode;
/// let delete = DeleteInvite::new(InviteCode::parse("bbbb2222")?);
/// let stray = Response::new(200, &[], br#"{"code":"aaaa1111"}"#);
/// let err = delete.parse(&stray).unwrap_err();
/// assert!(matches!(&err, ResponseError::InviteMismatch(m) if m.returned == "aaaa1111"));
/// assert_eq!(
///     err.to_string(),
///     "the response is for invite \"aaaa1111\", not the requested \"bbbb2222\" (status 200)"
/// );
/// # Ok::<(), invite_model::InviteCodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InviteMismatch {
    /// The HTTP status.
    pub status: u16,
    /// The code the request named.
    pub requested: InviteCode,
    /// The code of the invite in the response: at most [`RETURNED_MAX`](Self::RETURNED_MAX)
    /// bytes, secrets replaced by `<redacted>`.
    pub returned: String,
}

impl InviteMismatch {
    /// The longest [`returned`](Self::returned) code kept, in bytes (a real code has at most
    /// [`InviteCode::MAX_LEN`]).
    pub const RETURNED_MAX: usize = 64;

    /// A mismatch with these parts, kept as given (the bound and redaction of
    /// [`returned`](Self::returned) apply to what is read from a response).
    ///
    /// ```
    /// use invite_model::{InviteCode, InviteMismatch};
    /// let m = InviteMismatch::new(200, InviteCode::parse("bbbb2222")?, "aaaa1111");
    /// assert_eq!(
    ///     m.to_string(),
    ///     "the response is for invite \"aaaa1111\", not the requested \"bbbb2222\" (status 200)"
    /// );
    /// # Ok::<(), invite_model::InviteCodeError>(())
    /// ```
    pub fn new(status: u16, requested: InviteCode, returned: impl Into<String>) -> Self {
        Self {
            status,
            requested,
            returned: returned.into(),
        }
    }

    /// The mismatch error if the invite code `returned` in `response` is not `requested`
    /// (ignoring ASCII case), else `None`.
    pub(crate) fn check(
        response: &Response<'_>,
        requested: &InviteCode,
        returned: &str,
    ) -> Option<Self> {
        if returned.eq_ignore_ascii_case(requested.as_str()) {
            return None;
        }
        Some(Self {
            status: response.status,
            requested: requested.clone(),
            returned: response.redactor().excerpt(returned, Self::RETURNED_MAX),
        })
    }
}

impl DecodeError {
    /// The longest body excerpt kept, in bytes.
    pub const EXCERPT_MAX: usize = 256;
    /// The longest [`reason`](Self::reason) kept, in bytes (JSON errors quote the body).
    pub const REASON_MAX: usize = 256;

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
        Self::redacted(status, reason, body, &Redactor::new())
    }

    /// [`new`](Self::new) for the status and body of `response`, hiding the secrets of its
    /// [`redactor`](Response::redactor) in the reason and the excerpt.
    pub fn from_response(response: &Response<'_>, reason: impl fmt::Display) -> Self {
        Self::redacted(response.status, reason, response.body, response.redactor())
    }

    fn redacted(status: u16, reason: impl fmt::Display, body: &[u8], redactor: &Redactor) -> Self {
        Self {
            status,
            reason: redactor.excerpt_display(&reason, Self::REASON_MAX),
            excerpt: redactor.excerpt_bytes(body, Self::EXCERPT_MAX),
        }
    }

    /// The first [`EXCERPT_MAX`](Self::EXCERPT_MAX) bytes of `body` as text: cut on a character
    /// boundary, invalid UTF-8 replaced by `U+FFFD`. No secrets are hidden; see
    /// [`Redactor::excerpt_bytes`] for that.
    pub fn excerpt_of(body: &[u8]) -> String {
        Redactor::new().excerpt_bytes(body, Self::EXCERPT_MAX)
    }
}

impl RateLimited {
    /// The longest [`message`](Self::message) kept from a body, in bytes.
    pub const MESSAGE_MAX: usize = ApiError::MESSAGE_MAX;

    /// A 429 asking to wait `retry_after`, for the global limit or not, without a scope or a
    /// message (add them with [`with_scope`](Self::with_scope) and
    /// [`with_message`](Self::with_message)). Kept as given: the bounds apply to what is read
    /// from a response.
    ///
    /// ```
    /// use core::time::Duration;
    /// use invite_model::RateLimited;
    /// let r = RateLimited::new(Duration::from_millis(1500), true)
    ///     .with_scope("global")
    ///     .with_message("You are being rate limited.");
    /// assert_eq!(
    ///     r.to_string(),
    ///     "rate limited globally (scope global): retry after 1.5s: You are being rate limited."
    /// );
    /// ```
    pub const fn new(retry_after: Duration, global: bool) -> Self {
        Self {
            retry_after,
            global,
            scope: None,
            message: String::new(),
        }
    }

    /// This 429 with `X-RateLimit-Scope` `scope`.
    #[must_use]
    pub fn with_scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// This 429 with the body's `message`.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }
}

impl ListTooLong {
    /// A list answered with `status` that had more than `limit` items.
    ///
    /// ```
    /// use invite_model::ListTooLong;
    /// assert_eq!(
    ///     ListTooLong::new(200, 10_000).to_string(),
    ///     "the response lists more than 10000 items, the most accepted (status 200)"
    /// );
    /// ```
    pub const fn new(status: u16, limit: usize) -> Self {
        Self { status, limit }
    }
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
    /// let err = ResponseError::from_response(&Response::new(404, &[], body));
    /// assert_eq!(err.to_string(), "discord api error 404 (10006): Unknown Invite");
    /// ```
    ///
    /// Whatever it keeps of the body is bounded and has the secrets of the response's
    /// [`redactor`](Response::redactor) replaced; the heap it uses is linear in the body.
    pub fn from_response(response: &Response<'_>) -> Self {
        let body = parse::ErrorBody::parse(response.body, response.redactor());
        if response.status == 429 {
            return Self::RateLimited(RateLimited::from_parts(response, body, response.redactor()));
        }
        Self::Api(ApiError::from_parts(
            response.status,
            body,
            response.body,
            response.redactor(),
        ))
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        match self {
            Self::Api(e) => e.status,
            Self::RateLimited(_) => 429,
            Self::Decode(e) => e.status,
            Self::ListTooLong(e) => e.status,
            Self::InviteMismatch(e) => e.status,
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

impl From<ListTooLong> for ResponseError {
    fn from(e: ListTooLong) -> Self {
        Self::ListTooLong(e)
    }
}

impl From<InviteMismatch> for ResponseError {
    fn from(e: InviteMismatch) -> Self {
        Self::InviteMismatch(e)
    }
}

impl ApiError {
    /// The most field errors kept; the rest are counted in
    /// [`omitted_errors`](Self::omitted_errors).
    pub const ERRORS_MAX: usize = 100;
    /// The longest [`message`](Self::message) kept from a body's `message`, in bytes.
    pub const MESSAGE_MAX: usize = 1024;

    /// An error `status` with this code and message and no field errors (add them with
    /// [`with_errors`](Self::with_errors)). Kept as given: the bounds apply to what is read from
    /// a response.
    ///
    /// ```
    /// use invite_model::{ApiError, ErrorCode, FieldError};
    /// let e = ApiError::new(400, Some(ErrorCode::Discord(50035)), "Invalid Form Body")
    ///     .with_errors(vec![FieldError::new("max_age", "NUMBER_TYPE_MAX", "Must be 604800 or less.")]);
    /// assert!(e.is_invalid_form_body());
    /// assert_eq!(
    ///     e.to_string(),
    ///     "discord api error 400 (50035): Invalid Form Body; max_age: Must be 604800 or less. (NUMBER_TYPE_MAX)"
    /// );
    /// ```
    pub fn new(status: u16, code: Option<ErrorCode>, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            errors: Vec::new(),
            omitted_errors: 0,
        }
    }

    /// This error with these field errors (replacing any it had;
    /// [`omitted_errors`](Self::omitted_errors) is left as it is).
    #[must_use]
    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors;
        self
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
    /// The longest Fluxer string code kept from a body, in bytes (the known ones are at most 34).
    pub const FLUXER_MAX: usize = 64;

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
    /// The longest [`path`](Self::path) kept from a body, in bytes, [`PATH_CUT`](Self::PATH_CUT)
    /// included.
    pub const PATH_MAX: usize = 256;
    /// What ends a path that was cut to [`PATH_MAX`](Self::PATH_MAX).
    pub const PATH_CUT: &'static str = "…";
    /// The longest [`code`](Self::code) kept from a body, in bytes.
    pub const CODE_MAX: usize = 64;
    /// The longest [`message`](Self::message) kept from a body, in bytes.
    pub const MESSAGE_MAX: usize = 512;

    /// The error of the field at `path` (`""` for the request itself), kept as given: the
    /// bounds apply to what is read from a body.
    ///
    /// ```
    /// use invite_model::FieldError;
    /// let e = FieldError::new("target_users_file", "", "Line 5: invalid user ID");
    /// assert_eq!(e.csv_line(), Some(5));
    /// ```
    pub fn new(
        path: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            path: path.into(),
            code: code.into(),
            message: message.into(),
        }
    }

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
    /// `discord api error 404 (10006): Unknown Invite`, then `; path: message` per field error,
    /// then `; and N more` if errors were omitted.
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
        if self.omitted_errors > 0 {
            write!(f, "; and {} more", self.omitted_errors)?;
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

impl fmt::Display for ListTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response lists more than {} items, the most accepted (status {})",
            self.limit, self.status
        )
    }
}

impl fmt::Display for InviteMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response is for invite {:?}, not the requested {:?} (status {})",
            self.returned,
            self.requested.as_str(),
            self.status
        )
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(e) => fmt::Display::fmt(e, f),
            Self::RateLimited(e) => fmt::Display::fmt(e, f),
            Self::Decode(e) => fmt::Display::fmt(e, f),
            Self::ListTooLong(e) => fmt::Display::fmt(e, f),
            Self::InviteMismatch(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl core::error::Error for ApiError {}
impl core::error::Error for RateLimited {}
impl core::error::Error for DecodeError {}
impl core::error::Error for ListTooLong {}
impl core::error::Error for InviteMismatch {}
impl core::error::Error for FieldError {}

impl core::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Api(e) => Some(e),
            Self::RateLimited(e) => Some(e),
            Self::Decode(e) => Some(e),
            Self::ListTooLong(e) => Some(e),
            Self::InviteMismatch(e) => Some(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

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

    #[test]
    fn omitted_errors_and_list_limits_display() {
        let e = ApiError {
            status: 400,
            code: Some(ErrorCode::Discord(50035)),
            message: "Invalid Form Body".into(),
            errors: vec![FieldError {
                path: "a".into(),
                code: String::new(),
                message: "m".into(),
            }],
            omitted_errors: 7,
        };
        assert_eq!(
            e.to_string(),
            "discord api error 400 (50035): Invalid Form Body; a: m; and 7 more"
        );
        let r: ResponseError = ListTooLong {
            status: 200,
            limit: 10,
        }
        .into();
        assert_eq!(r.status(), 200);
        assert_eq!(
            r.to_string(),
            "the response lists more than 10 items, the most accepted (status 200)"
        );
        assert!(core::error::Error::source(&r).is_some());
    }

    #[test]
    fn decode_errors_are_bounded_and_redacted() {
        let redactor = Redactor::new().with_secret("tok3n.s3cr3t");
        let body = alloc::format!("{}tok3n.s3cr3t{}", "x".repeat(250), "y".repeat(9000));
        let reason = alloc::format!("invalid type: string \"{}tok3n.s3cr3t\"", "q".repeat(5000));
        let response = Response::new(200, &[], body.as_bytes()).with_redactor(&redactor);
        let e = DecodeError::from_response(&response, &reason);
        assert!(e.reason.len() <= DecodeError::REASON_MAX);
        assert!(e.reason.starts_with("invalid type: string \"qqq"));
        assert!(e.excerpt.len() <= DecodeError::EXCERPT_MAX);
        assert_eq!(e.excerpt, alloc::format!("{}<redacted>", "x".repeat(246)));
        assert!(!e.to_string().contains("tok3n"));
        // Without a redactor, only the bounds.
        let e = DecodeError::new(200, &reason, body.as_bytes());
        assert_eq!(e.reason.len(), DecodeError::REASON_MAX);
        assert_eq!(e.excerpt.len(), DecodeError::EXCERPT_MAX);
    }
}
