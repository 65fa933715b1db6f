//! [`Error`]: everything a call can end with, and [`BuildError`] for a bad configuration.

use core::fmt;
use std::time::Duration;

use invite_model::base_url::BaseUrlError;
use invite_model::{
    ApiError, AuditLogReasonError, CreateInviteError, CsvError, DecodeError, ErrorCode,
    InviteCodeError, ResponseError,
};

/// Why a call failed.
///
/// No variant ever contains the token: messages from the network stack and the server are
/// scrubbed before they are stored.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error status: the status, its JSON code and message, and field
    /// errors.
    Api(ApiError),
    /// The API kept answering 429 until the retry policy ran out, or waiting for the rate limit
    /// would have gone past the policy's longest wait.
    RateLimited {
        /// How long the API (or the limiter) asked to wait.
        retry_after: Duration,
        /// Whether the limit is global (every route) rather than the route's bucket.
        global: bool,
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
}

impl Error {
    /// Wraps a validation error from `invite-model` (or any other refusal of the input).
    pub fn invalid_input(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::InvalidInput(Box::new(error))
    }

    /// The HTTP status of an [`Api`](Self::Api) or [`Decode`](Self::Decode) error.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(e) => Some(e.status),
            Self::Decode(e) => Some(e.status),
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
}

impl From<ResponseError> for Error {
    fn from(error: ResponseError) -> Self {
        match error {
            ResponseError::Api(e) => Self::Api(e),
            ResponseError::RateLimited(r) => Self::RateLimited {
                // Already a bounded `Duration` (at most `invite_model::ratelimit::MAX_WAIT`).
                retry_after: r.retry_after,
                global: r.global,
            },
            ResponseError::Decode(e) => Self::Decode(e),
            // `ResponseError` is non-exhaustive: a future kind is reported as undecodable.
            other => Self::Decode(DecodeError {
                status: 0,
                reason: format!("{other:?}"),
                excerpt: String::new(),
            }),
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

/// An invalid target-users CSV.
impl From<CsvError> for Error {
    fn from(error: CsvError) -> Self {
        Self::invalid_input(error)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The model's own wording: `discord api error 404 (10006): Unknown Invite`, then
            // `; path: message (CODE)` per field error.
            Self::Api(e) => fmt::Display::fmt(e, f),
            Self::RateLimited {
                retry_after,
                global,
            } => {
                let scope = if *global { "globally" } else { "on this route" };
                write!(
                    f,
                    "rate limited {scope}: retry after {:.3}s",
                    retry_after.as_secs_f64()
                )
            }
            Self::InvalidInput(e) => write!(f, "invalid input: {e}"),
            Self::Transport(e) => write!(f, "transport error: {e}"),
            Self::Timeout => f.write_str("request timed out"),
            Self::ResponseTooLarge { limit } => {
                write!(f, "response body is larger than the limit of {limit} bytes")
            }
            Self::Decode(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidInput(e) => Some(&**e),
            Self::Transport(e) => Some(e),
            _ => None,
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
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A connection failure: its kind and the network stack's message (token removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    /// What kind of failure.
    pub kind: TransportErrorKind,
    /// The underlying message, e.g. `io: Connection refused (os error 111)`.
    pub message: String,
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
    /// The token is empty or contains characters that cannot go in a header (spaces, line
    /// breaks, non-ASCII). The token itself is not repeated here.
    InvalidToken,
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
            Self::InvalidToken => f.write_str(
                "invalid token: it must be non-empty visible ascii without spaces or line breaks",
            ),
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
            Self::InvalidBaseUrl(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use invite_model::{FieldError, RateLimited};

    use super::*;

    #[test]
    fn display_messages() {
        let api = Error::Api(ApiError {
            status: 400,
            code: Some(ErrorCode::Discord(50035)),
            message: "Invalid Form Body".into(),
            errors: vec![FieldError {
                path: "max_age".into(),
                code: "NUMBER_TYPE_MAX".into(),
                message: "Must be 604800 or less.".into(),
            }],
            omitted_errors: 0,
        });
        assert_eq!(
            api.to_string(),
            "discord api error 400 (50035): Invalid Form Body; max_age: Must be 604800 or less. \
             (NUMBER_TYPE_MAX)"
        );
        assert_eq!(api.status(), Some(400));
        assert_eq!(api.code(), Some(&ErrorCode::Discord(50035)));
        let fluxer = Error::Api(ApiError {
            status: 404,
            code: Some(ErrorCode::Fluxer("UNKNOWN_INVITE".into())),
            message: String::new(),
            errors: vec![],
            omitted_errors: 0,
        });
        assert_eq!(fluxer.to_string(), "fluxer api error 404 (UNKNOWN_INVITE)");
        assert_eq!(
            Error::RateLimited {
                retry_after: Duration::from_millis(1500),
                global: true
            }
            .to_string(),
            "rate limited globally: retry after 1.500s"
        );
        assert_eq!(Error::Timeout.to_string(), "request timed out");
        assert_eq!(
            Error::ResponseTooLarge { limit: 1024 }.to_string(),
            "response body is larger than the limit of 1024 bytes"
        );
        assert_eq!(
            Error::Decode(DecodeError {
                status: 200,
                reason: "expected value at line 1 column 1".into(),
                excerpt: "<html>".into(),
            })
            .to_string(),
            "cannot decode the response body (status 200): expected value at line 1 column 1; \
             the body starts with \"<html>\""
        );
        let transport = Error::Transport(TransportError {
            kind: TransportErrorKind::Connect,
            message: "io: Connection refused".into(),
        });
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

    #[test]
    fn from_response_error() {
        let e = Error::from(ResponseError::RateLimited(RateLimited {
            retry_after: Duration::from_millis(2250),
            global: false,
            scope: None,
            message: String::new(),
        }));
        assert!(matches!(
            e,
            Error::RateLimited { retry_after, global: false } if retry_after == Duration::from_millis(2250)
        ));
    }
}
