//! [`Failure`]: why a command stopped, and its exit code.

use core::fmt;

use invite_http_ureq::Error;

/// Why a command failed; each kind has its exit code (see `EXIT_CODES` in `args.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Exit 1: `scan --fail-if-found` found invite links (not an error of the tool).
    Found(String),
    /// Exit 2: the command line itself is wrong (clap reports most of these).
    Usage(String),
    /// Exit 3: input refused before any request.
    Input(String),
    /// Exit 4: the API refused the request or answered with something unusable.
    Api(String),
    /// Exit 5: network failure, timeout, or rate limit exhausted.
    Network(String),
}

impl Failure {
    /// The process exit code.
    pub(crate) const fn exit_code(&self) -> u8 {
        match self {
            Self::Found(_) => 1,
            Self::Usage(_) => 2,
            Self::Input(_) => 3,
            Self::Api(_) => 4,
            Self::Network(_) => 5,
        }
    }

    /// Sorts a client error into its exit-code class; the message is the error's `Display`
    /// (which never contains the token).
    pub(crate) fn from_client(error: &Error) -> Self {
        let message = error.to_string();
        match error {
            Error::InvalidInput(_) => Self::Input(message),
            // The API refused, or answered with something unusable.
            Error::Api(_)
            | Error::Decode(_)
            | Error::ListTooLong(_)
            | Error::InviteMismatch(_)
            | Error::Response(_)
            | Error::ResponseTooLarge { .. } => Self::Api(message),
            // Transport, timeout, rate limit exhausted, and any future kind.
            _ => Self::Network(message),
        }
    }

    /// Of two failures, the one whose exit code a batch reports: network failures (5) over
    /// API errors (4) over the rest.
    pub(crate) fn worst(self, other: Self) -> Self {
        if other.exit_code() > self.exit_code() {
            other
        } else {
            self
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (Self::Found(m) | Self::Usage(m) | Self::Input(m) | Self::Api(m) | Self::Network(m)) =
            self;
        f.write_str(m)
    }
}

impl std::error::Error for Failure {}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use invite_http_ureq::{TransportError, TransportErrorKind};
    use invite_model::{ApiError, ErrorCode};

    use super::*;

    #[test]
    fn client_errors_map_to_exit_codes() {
        let api = Error::Api(ApiError {
            status: 404,
            code: Some(ErrorCode::Discord(10006)),
            message: "Unknown Invite".into(),
            errors: Vec::new(),
            omitted_errors: 0,
        });
        let f = Failure::from_client(&api);
        assert_eq!(f.exit_code(), 4);
        assert_eq!(
            f.to_string(),
            "discord api error 404 (10006): Unknown Invite"
        );
        assert_eq!(Failure::from_client(&Error::Timeout).exit_code(), 5);
        assert_eq!(
            Failure::from_client(&Error::RateLimited(invite_model::RateLimited {
                retry_after: Duration::from_secs(3),
                global: false,
                scope: None,
                message: String::new(),
            })),
            Failure::Network("rate limited on this route: retry after 3.000s".into())
        );
        assert_eq!(
            Failure::from_client(&Error::RateLimitWait {
                retry_after: Duration::from_secs(3),
                reason: invite_model::WaitReason::Global,
            }),
            Failure::Network("rate limited globally: retry after 3.000s".into())
        );
        let too_long = Error::ListTooLong(invite_model::ListTooLong {
            status: 200,
            limit: 10_000,
        });
        assert_eq!(Failure::from_client(&too_long).exit_code(), 4);
        let refused = Error::Transport(TransportError {
            kind: TransportErrorKind::Connect,
            message: "io: Connection refused".into(),
        });
        assert_eq!(Failure::from_client(&refused).exit_code(), 5);
        assert_eq!(
            Failure::from_client(&Error::ResponseTooLarge { limit: 10 }).exit_code(),
            4
        );
        let input = Error::invalid_input(Failure::Input("bad".into()));
        assert_eq!(
            Failure::from_client(&input),
            Failure::Input("invalid input: bad".into())
        );
    }

    #[test]
    fn worst_prefers_network_then_api() {
        let api = Failure::Api("a".into());
        let net = Failure::Network("n".into());
        assert_eq!(api.clone().worst(net.clone()), net);
        assert_eq!(net.clone().worst(api.clone()), net);
        assert_eq!(api.clone().worst(Failure::Api("b".into())), api);
        assert_eq!(
            [1, 2, 3, 4, 5],
            [
                Failure::Found(String::new()).exit_code(),
                Failure::Usage(String::new()).exit_code(),
                Failure::Input(String::new()).exit_code(),
                api.exit_code(),
                net.exit_code()
            ]
        );
    }
}
