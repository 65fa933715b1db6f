//! [`Error`]: everything a call can end with, and [`BuildError`] for a bad configuration.

use core::fmt;
use std::time::Duration;

use invite_model::base_url::BaseUrlError;
use invite_model::ratelimit::AttemptOutcome;
use invite_model::{
    ApiError, AuditLogReasonError, CreateInviteError, CsvError, DecodeError, ErrorCode,
    InviteCodeError, InviteMismatch, ListTooLong, RateLimited, ResponseError, TokenError,
    WaitReason,
};

/// Why a call failed.
///
/// What the response said is kept as `invite-model` read it: its [`ApiError`], [`RateLimited`]
/// (with the scope and message of the 429), [`DecodeError`], [`ListTooLong`] or
/// [`InviteMismatch`], each inside its own variant and also returned by
/// [`source()`](std::error::Error::source), so a caller walking the chain finds the model's
/// typed error. No variant ever contains the token: the model redacts server text before it
/// cuts it, and network messages are redacted before they are stored.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error status: the status, its JSON code and message, and field
    /// errors.
    Api(ApiError),
    /// The API kept answering 429 until the retry policy's rate-limit retries, or its budget of
    /// rate-limit waiting, ran out: the last 429 as the model read it (how long it asked to
    /// wait, at most [`MAX_WAIT`](invite_model::ratelimit::MAX_WAIT), whether it is global, its
    /// scope and message).
    RateLimited(RateLimited),
    /// The rate limiter, from what earlier responses said (a global 429 in force, a spent
    /// bucket), would hold the request longer than the retry policy's `max_rate_limit_wait`
    /// allows; the request was not sent (again).
    RateLimitWait {
        /// How long the limiter asked to wait.
        retry_after: Duration,
        /// Why: a global 429, the proactive global limit, the route's bucket, ...
        reason: WaitReason,
    },
    /// The input was refused before anything was sent (an invalid invite code, an out-of-range
    /// parameter, ...). The model's validation error is the source.
    InvalidInput(Box<dyn std::error::Error + Send + Sync + 'static>),
    /// The connection failed: refused, reset, closed early, TLS, or not HTTP.
    Transport(TransportError),
    /// An attempt did not complete (from the lookup to the end of the body) within the
    /// configured timeout; such an attempt is not retried.
    Timeout,
    /// The response body is larger than the configured maximum; reading stopped there.
    ResponseTooLarge {
        /// The maximum, in bytes.
        limit: u64,
    },
    /// The body is not what the endpoint returns (status and a bounded excerpt inside).
    Decode(DecodeError),
    /// A list body with more items than a list endpoint accepts
    /// ([`LIST_MAX`](invite_model::endpoint::LIST_MAX)).
    ListTooLong(ListTooLong),
    /// The invite in the response is not the one the request named: most likely a response
    /// meant for another request, sent unasked on a kept-alive connection. The client dropped
    /// its idle connections; the call is not retried.
    InviteMismatch(InviteMismatch),
    /// A kind of [`ResponseError`] this version of the client does not know (the model's enum
    /// is non-exhaustive), kept as it is.
    Response(ResponseError),
}

impl Error {
    /// Wraps a validation error from `invite-model` (or any other refusal of the input).
    pub fn invalid_input(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::InvalidInput(Box::new(error))
    }

    /// The HTTP status of the response the error was read from: [`Api`](Self::Api),
    /// [`RateLimited`](Self::RateLimited) (429), [`Decode`](Self::Decode),
    /// [`ListTooLong`](Self::ListTooLong), [`InviteMismatch`](Self::InviteMismatch),
    /// [`Response`](Self::Response).
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(e) => Some(e.status),
            Self::RateLimited(_) => Some(429),
            Self::Decode(e) => Some(e.status),
            Self::ListTooLong(e) => Some(e.status),
            Self::InviteMismatch(e) => Some(e.status),
            Self::Response(e) => Some(e.status()),
            _ => None,
        }
    }

    /// The JSON error code of an [`Api`](Self::Api) error, e.g. `ErrorCode::Discord(10006)`.
    pub fn code(&self) -> Option<&ErrorCode> {
        match self {
            Self::Api(e) => e.code.as_ref(),
            _ => None,
        }
    }

    /// How long to wait before trying again, for a rate limit that outlasted the retry policy
    /// ([`RateLimited`](Self::RateLimited) or [`RateLimitWait`](Self::RateLimitWait)).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited(r) => Some(r.retry_after),
            Self::RateLimitWait { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }

    /// Whether the call ended on a rate limit ([`RateLimited`](Self::RateLimited) or
    /// [`RateLimitWait`](Self::RateLimitWait)).
    pub fn is_rate_limited(&self) -> bool {
        self.retry_after().is_some()
    }

    /// Whether that rate limit applies to every route (a global 429, or the proactive global
    /// limit), not only to the request's bucket.
    pub fn is_global_rate_limit(&self) -> bool {
        match self {
            Self::RateLimited(r) => r.global,
            Self::RateLimitWait { reason, .. } => reason.is_global(),
            _ => false,
        }
    }

    /// What an attempt that failed with this error tells the retry tracker. Only connection
    /// failures may be retried; a timeout, an oversized body or anything else ends the call.
    pub(crate) fn attempt_outcome(&self) -> AttemptOutcome<'static> {
        match self {
            Self::Timeout => AttemptOutcome::Timeout,
            Self::Transport(e) => AttemptOutcome::Transport {
                retryable: e.kind.is_retryable(),
                sent: e.kind.may_have_been_sent(),
            },
            _ => AttemptOutcome::Transport {
                retryable: false,
                sent: true,
            },
        }
    }
}

impl From<ResponseError> for Error {
    fn from(error: ResponseError) -> Self {
        match error {
            ResponseError::Api(e) => Self::Api(e),
            ResponseError::RateLimited(r) => Self::RateLimited(r),
            ResponseError::Decode(e) => Self::Decode(e),
            ResponseError::ListTooLong(e) => Self::ListTooLong(e),
            ResponseError::InviteMismatch(e) => Self::InviteMismatch(e),
            other => Self::Response(other),
        }
    }
}

/// An invalid invite code or link.
impl From<InviteCodeError> for Error {
    fn from(error: InviteCodeError) -> Self {
        Self::invalid_input(error)
    }
}

/// An invalid create-invite body.
impl From<CreateInviteError> for Error {
    fn from(error: CreateInviteError) -> Self {
        Self::invalid_input(error)
    }
}

/// An invalid audit-log reason.
impl From<AuditLogReasonError> for Error {
    fn from(error: AuditLogReasonError) -> Self {
        Self::invalid_input(error)
    }
}

/// An invalid target-users CSV (or an empty list of target users).
impl From<CsvError> for Error {
    fn from(error: CsvError) -> Self {
        Self::invalid_input(error)
    }
}

/// `rate limited on this route: retry after 1.500s` or `rate limited globally: ...`.
fn write_rate_limit(f: &mut fmt::Formatter<'_>, global: bool, wait: Duration) -> fmt::Result {
    let scope = if global { "globally" } else { "on this route" };
    write!(
        f,
        "rate limited {scope}: retry after {:.3}s",
        wait.as_secs_f64()
    )
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The model's own wording: `discord api error 404 (10006): Unknown Invite`, then
            // `; path: message (CODE)` per field error.
            Self::Api(e) => fmt::Display::fmt(e, f),
            // The scope and the message are in the source.
            Self::RateLimited(r) => write_rate_limit(f, r.global, r.retry_after),
            Self::RateLimitWait {
                retry_after,
                reason,
            } => write_rate_limit(f, reason.is_global(), *retry_after),
            Self::InvalidInput(e) => write!(f, "invalid input: {e}"),
            Self::Transport(e) => write!(f, "transport error: {e}"),
            Self::Timeout => f.write_str("request timed out"),
            Self::ResponseTooLarge { limit } => {
                write!(f, "response body is larger than the limit of {limit} bytes")
            }
            Self::Decode(e) => fmt::Display::fmt(e, f),
            Self::ListTooLong(e) => fmt::Display::fmt(e, f),
            Self::InviteMismatch(e) => fmt::Display::fmt(e, f),
            Self::Response(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Api(e) => Some(e),
            Self::RateLimited(e) => Some(e),
            Self::InvalidInput(e) => Some(&**e),
            Self::Transport(e) => Some(e),
            Self::Decode(e) => Some(e),
            Self::ListTooLong(e) => Some(e),
            Self::InviteMismatch(e) => Some(e),
            Self::Response(e) => Some(e),
            Self::RateLimitWait { .. } | Self::Timeout | Self::ResponseTooLarge { .. } => None,
        }
    }
}

/// What kind of connection failure a [`TransportError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made: host not found, refused, unreachable.
    Connect,
    /// The connection broke: reset, closed before the response (or its body) was complete.
    Io,
    /// The server's bytes are not valid HTTP/1.1.
    Protocol,
    /// TLS failed (handshake, certificate).
    Tls,
    /// The request could not be built (a bad URL or header); not retried.
    Request,
    /// Anything else (e.g. a redirect, which the client does not follow).
    Other,
}

impl TransportErrorKind {
    /// Lowercase description.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Connect => "cannot connect",
            Self::Io => "connection broken",
            Self::Protocol => "invalid http response",
            Self::Tls => "tls failure",
            Self::Request => "invalid request",
            Self::Other => "unexpected failure",
        }
    }

    /// Whether a retry-safe request may be sent again after this failure.
    pub const fn is_retryable(self) -> bool {
        matches!(self, Self::Connect | Self::Io | Self::Protocol)
    }

    /// Whether the request may have reached the server before this failure (so the API may
    /// have acted on it): not when no connection was made or the request could not be built.
    pub const fn may_have_been_sent(self) -> bool {
        !matches!(self, Self::Connect | Self::Request)
    }
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A connection failure: its kind and the network stack's message (token removed).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TransportError {
    /// What kind of failure.
    pub kind: TransportErrorKind,
    /// The underlying message, e.g. `io: Connection refused (os error 111)`.
    pub message: String,
}

impl TransportError {
    /// A failure of this kind with this message, kept as given (the client removes the token
    /// from the messages it makes).
    ///
    /// ```
    /// use invite_http_ureq::{TransportError, TransportErrorKind};
    /// let e = TransportError::new(TransportErrorKind::Connect, "io: Connection refused");
    /// assert_eq!(e.to_string(), "cannot connect: io: Connection refused");
    /// ```
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for TransportError {}

/// Why [`ClientBuilder::build`](crate::ClientBuilder::build) refused the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildError {
    /// The token is not a Discord or Fluxer token: empty, too long, or with a character outside
    /// `A-Z a-z 0-9 . _ -` ([`check_token`](invite_model::check_token) says which and where). The
    /// token itself is not repeated here.
    InvalidToken(TokenError),
    /// The base URL is not `http(s)://host[:port][/path]`; the model's check says what is
    /// wrong (and is the `source()`).
    InvalidBaseUrl(BaseUrlError),
    /// The base URL is plain `http://` to a host that is not loopback and a token is set: the
    /// token would cross the network in clear text. Use `https://`, or
    /// [`allow_insecure_http`](crate::ClientBuilder::allow_insecure_http) when the network is
    /// trusted.
    InsecureHttp {
        /// The host, as written in the base URL.
        host: String,
    },
    /// The user agent contains characters that cannot go in a header.
    InvalidUserAgent,
    /// The maximum response size is zero.
    ZeroResponseLimit,
    /// A timeout is zero.
    ZeroTimeout,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidToken(e) => write!(f, "invalid token: {e}"),
            Self::InvalidBaseUrl(e) => write!(f, "invalid base url: {e}"),
            Self::InsecureHttp { host } => write!(
                f,
                "refusing to send the token over plain http to {host}, which is not loopback: \
                 use https, or allow_insecure_http(true) if the network is trusted"
            ),
            Self::InvalidUserAgent => {
                f.write_str("invalid user agent: it must be printable ascii without line breaks")
            }
            Self::ZeroResponseLimit => f.write_str("the maximum response size must not be zero"),
            Self::ZeroTimeout => f.write_str("a timeout must not be zero"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidToken(e) => Some(e),
            Self::InvalidBaseUrl(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use invite_model::FieldError;

    use super::*;

    #[test]
    fn display_messages() {
        let api = Error::Api(
            ApiError::new(400, Some(ErrorCode::Discord(50035)), "Invalid Form Body").with_errors(
                vec![FieldError::new(
                    "max_age",
                    "NUMBER_TYPE_MAX",
                    "Must be 604800 or less.",
                )],
            ),
        );
        assert_eq!(
            api.to_string(),
            "discord api error 400 (50035): Invalid Form Body; max_age: Must be 604800 or less. \
             (NUMBER_TYPE_MAX)"
        );
        assert_eq!(api.status(), Some(400));
        assert_eq!(api.code(), Some(&ErrorCode::Discord(50035)));
        let fluxer = Error::Api(ApiError::new(
            404,
            Some(ErrorCode::Fluxer("UNKNOWN_INVITE".into())),
            "",
        ));
        assert_eq!(fluxer.to_string(), "fluxer api error 404 (UNKNOWN_INVITE)");
        let limited = Error::RateLimited(
            RateLimited::new(Duration::from_millis(1500), true)
                .with_scope("global")
                .with_message("You are being rate limited."),
        );
        assert_eq!(
            limited.to_string(),
            "rate limited globally: retry after 1.500s"
        );
        assert_eq!(limited.status(), Some(429));
        assert_eq!(limited.retry_after(), Some(Duration::from_millis(1500)));
        assert!(limited.is_global_rate_limit());
        // The scope and message are in the source, the model's 429.
        assert_eq!(
            std::error::Error::source(&limited).map(ToString::to_string),
            Some(
                "rate limited globally (scope global): retry after 1.5s: You are being rate \
                 limited."
                    .to_owned()
            )
        );
        let held = Error::RateLimitWait {
            retry_after: Duration::from_secs(2),
            reason: invite_model::WaitReason::Bucket,
        };
        assert_eq!(
            held.to_string(),
            "rate limited on this route: retry after 2.000s"
        );
        assert!(held.is_rate_limited() && !held.is_global_rate_limit());
        assert_eq!(held.status(), None);
        assert!(std::error::Error::source(&held).is_none());
        assert_eq!(Error::Timeout.to_string(), "request timed out");
        assert_eq!(
            Error::ResponseTooLarge { limit: 1024 }.to_string(),
            "response body is larger than the limit of 1024 bytes"
        );
        assert_eq!(
            Error::Decode(DecodeError::new(
                200,
                "expected value at line 1 column 1",
                b"<html>"
            ))
            .to_string(),
            "cannot decode the response body (status 200): expected value at line 1 column 1; \
             the body starts with \"<html>\""
        );
        let transport = Error::Transport(TransportError::new(
            TransportErrorKind::Connect,
            "io: Connection refused",
        ));
        assert_eq!(
            transport.to_string(),
            "transport error: cannot connect: io: Connection refused"
        );
        assert!(std::error::Error::source(&transport).is_some());
        let invalid = BuildError::InvalidBaseUrl(BaseUrlError::Scheme);
        assert_eq!(
            invalid.to_string(),
            "invalid base url: a base url starts with http:// or https://"
        );
        assert_eq!(
            std::error::Error::source(&invalid).map(ToString::to_string),
            Some("a base url starts with http:// or https://".to_owned())
        );
        let token = BuildError::InvalidToken(invite_model::check_token("a\"b").unwrap_err());
        assert_eq!(
            token.to_string(),
            "invalid token: the token has a quote or backslash at byte 1; tokens are made of \
             A-Z, a-z, 0-9, '.', '_' and '-'"
        );
        assert!(std::error::Error::source(&token).is_some());
        assert_eq!(
            BuildError::InsecureHttp {
                host: "example.com".into()
            }
            .to_string(),
            "refusing to send the token over plain http to example.com, which is not loopback: \
             use https, or allow_insecure_http(true) if the network is trusted"
        );
    }

    #[derive(Debug)]
    struct Bad;
    impl fmt::Display for Bad {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("max_age 700000 is out of range 0..=604800")
        }
    }
    impl std::error::Error for Bad {}

    #[test]
    fn model_validation_errors_convert() {
        let e = Error::from(invite_model::InviteCode::parse("a").unwrap_err());
        assert!(matches!(e, Error::InvalidInput(_)));
        assert_eq!(
            e.to_string(),
            format!(
                "invalid input: {}",
                invite_model::InviteCode::parse("a").unwrap_err()
            )
        );
        let e = Error::from(invite_model::AuditLogReason::new("").unwrap_err());
        assert_eq!(e.to_string(), "invalid input: audit log reason is empty");
    }

    #[test]
    fn invalid_input_keeps_its_source() {
        let e = Error::invalid_input(Bad);
        assert_eq!(
            e.to_string(),
            "invalid input: max_age 700000 is out of range 0..=604800"
        );
        let source = std::error::Error::source(&e).unwrap();
        assert_eq!(
            source.to_string(),
            "max_age 700000 is out of range 0..=604800"
        );
    }

    /// Issue 9: `From<ResponseError>` dropped the scope and message of a 429, and turned any
    /// other kind into a decode error with status 0.
    #[test]
    fn from_response_error_keeps_the_models_errors() {
        let limited = RateLimited::new(Duration::from_millis(2250), false)
            .with_scope("user")
            .with_message("slow down");
        let e = Error::from(ResponseError::RateLimited(limited.clone()));
        assert!(
            matches!(&e, Error::RateLimited(r) if *r == limited),
            "{e:?}"
        );
        let source = std::error::Error::source(&e).unwrap();
        assert_eq!(source.downcast_ref::<RateLimited>(), Some(&limited));

        let too_long = ListTooLong::new(200, 10_000);
        let e = Error::from(ResponseError::ListTooLong(too_long.clone()));
        assert!(
            matches!(&e, Error::ListTooLong(l) if *l == too_long),
            "{e:?}"
        );
        assert_eq!(e.status(), Some(200));
        assert_eq!(
            e.to_string(),
            "the response lists more than 10000 items, the most accepted (status 200)"
        );
        assert!(std::error::Error::source(&e).is_some());

        let api = ApiError::new(404, Some(ErrorCode::Discord(10006)), "Unknown Invite");
        let e = Error::from(ResponseError::Api(api.clone()));
        let source = std::error::Error::source(&e).unwrap();
        assert_eq!(source.downcast_ref::<ApiError>(), Some(&api));
        let decode = DecodeError::new(200, "empty body", b"");
        let e = Error::from(ResponseError::Decode(decode.clone()));
        assert!(matches!(&e, Error::Decode(d) if *d == decode));
        assert!(std::error::Error::source(&e).is_some());
    }

    #[test]
    fn attempt_outcomes() {
        let transport = |kind| Error::Transport(TransportError::new(kind, "")).attempt_outcome();
        assert_eq!(
            transport(TransportErrorKind::Connect),
            AttemptOutcome::Transport {
                retryable: true,
                sent: false
            }
        );
        assert_eq!(
            transport(TransportErrorKind::Io),
            AttemptOutcome::Transport {
                retryable: true,
                sent: true
            }
        );
        assert_eq!(
            transport(TransportErrorKind::Request),
            AttemptOutcome::Transport {
                retryable: false,
                sent: false
            }
        );
        assert_eq!(Error::Timeout.attempt_outcome(), AttemptOutcome::Timeout);
        assert_eq!(
            Error::ResponseTooLarge { limit: 1 }.attempt_outcome(),
            AttemptOutcome::Transport {
                retryable: false,
                sent: true
            }
        );
    }
}
