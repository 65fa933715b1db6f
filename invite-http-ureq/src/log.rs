//! [`LogEvent`]: what the client reports to the optional log hook.

use core::fmt;
use std::time::Duration;

use invite_model::WaitReason;
use invite_model::endpoint::Method;

use crate::Error;

/// One thing the client did, passed to the hook set with
/// [`ClientBuilder::log`](crate::ClientBuilder::log). `Display` renders it as one log line; no
/// event ever contains the token.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum LogEvent<'a> {
    /// A request is about to be sent.
    Send {
        /// The method.
        method: Method,
        /// Path and query, relative to the base URL.
        path: &'a str,
        /// 1 for the first attempt, 2 for the first retry, ...
        attempt: u32,
    },
    /// A response arrived (its body is read).
    Receive {
        /// The method.
        method: Method,
        /// Path and query.
        path: &'a str,
        /// The HTTP status.
        status: u16,
        /// Body size in bytes.
        bytes: usize,
        /// Time from sending to the end of the body.
        elapsed: Duration,
    },
    /// The rate limiter asked to wait before sending.
    RateLimitWait {
        /// The method.
        method: Method,
        /// Path and query.
        path: &'a str,
        /// How long (at most; a finished request may wake the caller earlier).
        wait: Duration,
        /// Why.
        reason: WaitReason,
    },
    /// The request will be sent again.
    Retry {
        /// The method.
        method: Method,
        /// Path and query.
        path: &'a str,
        /// The status that caused it (429, 5xx), if a response came.
        status: Option<u16>,
        /// The pause before the retry (beyond any rate-limit wait).
        delay: Duration,
        /// The attempt that comes next.
        attempt: u32,
    },
    /// The call failed with this error.
    Failed {
        /// The method.
        method: Method,
        /// Path and query.
        path: &'a str,
        /// The error returned to the caller.
        error: &'a Error,
    },
}

impl fmt::Display for LogEvent<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Send {
                method,
                path,
                attempt,
            } => write!(f, "send {method} {path} (attempt {attempt})"),
            Self::Receive {
                method,
                path,
                status,
                bytes,
                elapsed,
            } => write!(
                f,
                "receive {method} {path}: status {status}, {bytes} bytes in {}ms",
                elapsed.as_millis()
            ),
            Self::RateLimitWait {
                method,
                path,
                wait,
                reason,
            } => write!(
                f,
                "wait {}ms before {method} {path} ({reason} rate limit)",
                wait.as_millis()
            ),
            Self::Retry {
                method,
                path,
                status,
                delay,
                attempt,
            } => {
                write!(f, "retry {method} {path} (attempt {attempt}")?;
                if let Some(status) = status {
                    write!(f, ", after status {status}")?;
                }
                write!(f, ") in {}ms", delay.as_millis())
            }
            Self::Failed {
                method,
                path,
                error,
            } => write!(f, "failed {method} {path}: {error}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        let path = "/invites/abc";
        let cases = [
            (
                LogEvent::Send {
                    method: Method::Get,
                    path,
                    attempt: 1,
                },
                "send GET /invites/abc (attempt 1)",
            ),
            (
                LogEvent::Receive {
                    method: Method::Get,
                    path,
                    status: 200,
                    bytes: 42,
                    elapsed: Duration::from_millis(17),
                },
                "receive GET /invites/abc: status 200, 42 bytes in 17ms",
            ),
            (
                LogEvent::RateLimitWait {
                    method: Method::Delete,
                    path,
                    wait: Duration::from_millis(250),
                    reason: WaitReason::Bucket,
                },
                "wait 250ms before DELETE /invites/abc (bucket rate limit)",
            ),
            (
                LogEvent::Retry {
                    method: Method::Get,
                    path,
                    status: Some(503),
                    delay: Duration::from_millis(100),
                    attempt: 2,
                },
                "retry GET /invites/abc (attempt 2, after status 503) in 100ms",
            ),
            (
                LogEvent::Failed {
                    method: Method::Get,
                    path,
                    error: &Error::Timeout,
                },
                "failed GET /invites/abc: request timed out",
            ),
        ];
        for (event, line) in cases {
            assert_eq!(event.to_string(), line);
        }
    }
}
