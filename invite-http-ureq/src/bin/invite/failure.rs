//! [`Failure`]: why a command stopped, its exit code, and the JSON object (`--json`) that says
//! the same to a script.
//!
//! Every failure has a [`Detail`]: the kind (`"error":"api"`, `"rate_limited"`, ...) and its
//! typed fields, built from the client's error as the model read it, never from its English.
//! The shapes are documented in `invite --help` (`JSON errors`, in `args.rs`) and the README.

use core::fmt;

use invite_http_ureq::{Error, TransportErrorKind};
use invite_model::{ErrorCode, FieldError};
use serde::Serialize;

/// Why a command failed; each kind has its exit code (see `EXIT_CODES` in `args.rs`).
///
/// The four plain variants carry only a message (their JSON objects are `usage`,
/// `invalid_input`, `api` without a status, and `network`); [`Detailed`](Self::Detailed)
/// carries the typed fields of a client error ([`from_client`](Self::from_client)) or of a
/// batch ([`batch`](Self::batch)).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Failure {
    /// Exit 1: `scan --fail-if-found` found invite links (not an error of the tool).
    Found(String),
    /// Exit 2: the command line itself is wrong (clap reports most of these).
    Usage(String),
    /// Exit 3: input refused before any request.
    Input(String),
    /// Exit 4: the API refused the request or answered with something unusable (a client
    /// error is [`from_client`](Self::from_client), a status [`api`](Self::api); this plain
    /// form for an answer the command found unusable without a status at hand).
    Api(String),
    /// Exit 5: network failure, timeout, or rate limit exhausted (a client error is
    /// [`from_client`](Self::from_client)).
    #[allow(
        dead_code,
        reason = "the plain form for commands whose failure has no client error; none does today"
    )]
    Network(String),
    /// Any exit code: a failure with the typed fields of its JSON object.
    Detailed(Box<Detail>),
}

/// A failure as a script sees it: serialized as one JSON object whose `"error"` names the
/// kind, then the kind's fields in this order. `message` is what the `error:` line says
/// (for [`Api`](Self::Api), the API's own message; the line is in `line`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub(crate) enum Detail {
    /// Exit 2: a malformed command line.
    Usage {
        /// What is wrong.
        message: String,
        /// The parser's kind of error in snake_case (`unknown_argument`, `invalid_value`),
        /// when clap found it.
        #[serde(skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
    },
    /// Exit 3: input refused before any request.
    InvalidInput {
        /// What is wrong.
        message: String,
    },
    /// Exit 4: the API answered with an error status.
    Api {
        /// The HTTP status; `None` when no status applies.
        status: Option<u16>,
        /// The JSON error code: a number on Discord, a string on Fluxer.
        code: Option<Code>,
        /// The API's message (or the status's reason phrase, or the start of a body that is
        /// not JSON).
        message: String,
        /// The field errors, in the body's order.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        errors: Vec<FieldJson>,
        /// How many more field errors the body had.
        #[serde(skip_serializing_if = "is_zero")]
        omitted_errors: usize,
        /// The whole `error:` line (status, code, message and field errors).
        #[serde(skip)]
        line: String,
    },
    /// Exit 4: the body is not what the endpoint returns.
    Decode {
        /// The HTTP status.
        status: u16,
        /// What went wrong.
        reason: String,
        /// The start of the body.
        excerpt: String,
        /// The `error:` line.
        message: String,
    },
    /// Exit 4: a list longer than a list endpoint accepts.
    ListTooLong {
        /// The HTTP status.
        status: u16,
        /// The most items accepted.
        limit: usize,
        /// The `error:` line.
        message: String,
    },
    /// Exit 4: an answer for another invite than the one asked for.
    InviteMismatch {
        /// The HTTP status.
        status: u16,
        /// The code asked for.
        requested: String,
        /// The code in the answer.
        returned: String,
        /// The `error:` line.
        message: String,
    },
    /// Exit 4: a body larger than the client reads.
    ResponseTooLarge {
        /// The limit, in bytes.
        limit: u64,
        /// The `error:` line.
        message: String,
    },
    /// Exit 4: another kind of unusable answer.
    Response {
        /// The HTTP status.
        status: u16,
        /// The `error:` line.
        message: String,
    },
    /// Exit 5: a rate limit still in force after the retries.
    RateLimited {
        /// How long to wait, in seconds.
        retry_after: f64,
        /// Whether the limit applies to every route.
        global: bool,
        /// `X-RateLimit-Scope`, if the API sent it.
        scope: Option<String>,
        /// Why the rate limiter held the request back without sending it (`bucket`,
        /// `global`, ...); absent for a 429.
        #[serde(skip_serializing_if = "Option::is_none")]
        wait_reason: Option<String>,
        /// The 429's message, if it had one.
        #[serde(skip_serializing_if = "Option::is_none")]
        api_message: Option<String>,
        /// The `error:` line.
        message: String,
    },
    /// Exit 5: an attempt did not finish in time.
    Timeout {
        /// The API's host (`host[:port]`), once known.
        host: Option<String>,
        /// The `error:` line.
        message: String,
    },
    /// Exit 5: the connection failed.
    Transport {
        /// `connect`, `io`, `protocol`, `tls`, `request` or `other`.
        kind: &'static str,
        /// The API's host (`host[:port]`), once known.
        host: Option<String>,
        /// The `error:` line (`cannot connect to discord.com: ...`).
        message: String,
        /// The kind, for the wording of `message`.
        #[serde(skip)]
        transport: TransportErrorKind,
        /// The network stack's message (`io: Connection refused`).
        #[serde(skip)]
        cause: String,
    },
    /// Exit 5: any other failure to get an answer.
    Network {
        /// The `error:` line.
        message: String,
    },
    /// A batch (`delete`, `prune`, `create --count`) in which some items failed; the exit code
    /// is the worst failure's, at least 4.
    Batch {
        /// How many items failed.
        failed: usize,
        /// How many items the batch had.
        total: usize,
        /// How many were not tried (the batch stopped: at a rate limit for a deletion, at any
        /// failure for a creation).
        not_attempted: usize,
        /// The failure that sets the exit code (always an error: a deletion's or a
        /// creation's failure; left out only if it were not one).
        #[serde(skip_serializing_if = "Option::is_none")]
        worst: Option<Box<Detail>>,
        /// The `error:` line.
        message: String,
    },
}

/// An API error code in JSON: Discord's number or Fluxer's string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub(crate) enum Code {
    /// Discord's numeric code.
    Number(u32),
    /// Fluxer's string code.
    Text(String),
}

/// One field error in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct FieldJson {
    /// The dotted path of the field (`max_age`), empty for the request as a whole.
    path: String,
    /// The error's code (`NUMBER_TYPE_MAX`), empty if none.
    code: String,
    /// The message.
    message: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl From<&ErrorCode> for Code {
    fn from(code: &ErrorCode) -> Self {
        match code {
            ErrorCode::Discord(n) => Self::Number(*n),
            other => Self::Text(other.to_string()),
        }
    }
}

impl From<&FieldError> for FieldJson {
    fn from(e: &FieldError) -> Self {
        Self {
            path: e.path.clone(),
            code: e.code.clone(),
            message: e.message.clone(),
        }
    }
}

/// The JSON name of a transport failure's kind.
fn transport_kind(kind: TransportErrorKind) -> &'static str {
    match kind {
        TransportErrorKind::Connect => "connect",
        TransportErrorKind::Io => "io",
        TransportErrorKind::Protocol => "protocol",
        TransportErrorKind::Tls => "tls",
        TransportErrorKind::Request => "request",
        _ => "other",
    }
}

/// The `error:` line of a transport failure: the host named when it is known.
fn transport_line(kind: TransportErrorKind, host: Option<&str>, cause: &str) -> String {
    let Some(host) = host else {
        return format!("transport error: {kind}: {cause}");
    };
    match kind {
        TransportErrorKind::Connect => format!("cannot connect to {host}: {cause}"),
        TransportErrorKind::Io => format!("connection to {host} failed: {cause}"),
        TransportErrorKind::Protocol => format!("invalid http response from {host}: {cause}"),
        TransportErrorKind::Tls => format!("tls failure with {host}: {cause}"),
        TransportErrorKind::Request => format!("invalid request to {host}: {cause}"),
        _ => format!("{kind} with {host}: {cause}"),
    }
}

/// `UnknownArgument` as `unknown_argument`.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (n, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if n > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

impl Detail {
    /// The process exit code.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Self::Usage { .. } => 2,
            Self::InvalidInput { .. } => 3,
            Self::Api { .. }
            | Self::Decode { .. }
            | Self::ListTooLong { .. }
            | Self::InviteMismatch { .. }
            | Self::ResponseTooLarge { .. }
            | Self::Response { .. } => 4,
            Self::RateLimited { .. }
            | Self::Timeout { .. }
            | Self::Transport { .. }
            | Self::Network { .. } => 5,
            // 4 if the worst failure is an API error (or anything but a network one), 5 if it
            // is a network failure or a rate limit.
            Self::Batch { worst, .. } => worst.as_ref().map_or(4, |w| w.exit_code().max(4)),
        }
    }

    /// The text of the `error:` line.
    fn line(&self) -> &str {
        match self {
            Self::Api { line, .. } => line,
            Self::Usage { message, .. }
            | Self::InvalidInput { message }
            | Self::Decode { message, .. }
            | Self::ListTooLong { message, .. }
            | Self::InviteMismatch { message, .. }
            | Self::ResponseTooLarge { message, .. }
            | Self::Response { message, .. }
            | Self::RateLimited { message, .. }
            | Self::Timeout { message, .. }
            | Self::Transport { message, .. }
            | Self::Network { message }
            | Self::Batch { message, .. } => message,
        }
    }

    /// Names `at` as the host of a timeout or transport failure (also the worst of a batch)
    /// that does not name one yet.
    fn locate(&mut self, at: &str) {
        match self {
            Self::Timeout { host, .. } => {
                host.get_or_insert_with(|| at.to_owned());
            }
            Self::Transport {
                host,
                message,
                transport,
                cause,
                ..
            } if host.is_none() => {
                *message = transport_line(*transport, Some(at), cause);
                *host = Some(at.to_owned());
            }
            Self::Batch {
                worst: Some(worst), ..
            } => worst.locate(at),
            _ => {}
        }
    }
}

impl Failure {
    /// The process exit code.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Self::Found(_) => 1,
            Self::Usage(_) => 2,
            Self::Input(_) => 3,
            Self::Api(_) => 4,
            Self::Network(_) => 5,
            Self::Detailed(d) => d.exit_code(),
        }
    }

    /// A client error with its typed fields (the message is the error's `Display`, which never
    /// contains the token). The host of a timeout or transport failure is named later, by
    /// [`locate`](Self::locate) (`Session::check` does both).
    pub(crate) fn from_client(error: &Error) -> Self {
        let message = error.to_string();
        let detail = match error {
            Error::InvalidInput(_) => return Self::Input(message),
            Error::Api(e) => Detail::Api {
                status: Some(e.status),
                code: e.code.as_ref().map(Code::from),
                message: e.message.clone(),
                errors: e.errors.iter().map(FieldJson::from).collect(),
                omitted_errors: e.omitted_errors,
                line: message,
            },
            Error::RateLimited(r) => Detail::RateLimited {
                retry_after: r.retry_after.as_secs_f64(),
                global: r.global,
                scope: r.scope.clone(),
                wait_reason: None,
                api_message: (!r.message.is_empty()).then(|| r.message.clone()),
                message,
            },
            Error::RateLimitWait {
                retry_after,
                reason,
            } => Detail::RateLimited {
                retry_after: retry_after.as_secs_f64(),
                global: reason.is_global(),
                scope: None,
                wait_reason: Some(reason.as_str().replace(' ', "_")),
                api_message: None,
                message,
            },
            Error::Transport(t) => Detail::Transport {
                kind: transport_kind(t.kind),
                host: None,
                message: transport_line(t.kind, None, &t.message),
                transport: t.kind,
                cause: t.message.clone(),
            },
            Error::Timeout => Detail::Timeout {
                host: None,
                message,
            },
            Error::ResponseTooLarge { limit } => Detail::ResponseTooLarge {
                limit: *limit,
                message,
            },
            Error::Decode(d) => Detail::Decode {
                status: d.status,
                reason: d.reason.clone(),
                excerpt: d.excerpt.clone(),
                message,
            },
            Error::ListTooLong(l) => Detail::ListTooLong {
                status: l.status,
                limit: l.limit,
                message,
            },
            Error::InviteMismatch(m) => Detail::InviteMismatch {
                status: m.status,
                requested: m.requested.as_str().to_owned(),
                returned: m.returned.clone(),
                message,
            },
            Error::Response(r) => Detail::Response {
                status: r.status(),
                message,
            },
            // Any future kind: a failure to get a usable answer.
            _ => Detail::Network { message },
        };
        Self::Detailed(Box::new(detail))
    }

    /// A malformed command line as clap reported it: its first paragraph on one line (without
    /// the usage and tips that follow), and its kind.
    pub(crate) fn from_clap(error: &clap::Error) -> Self {
        let rendered = error.render().to_string();
        let paragraph: Vec<&str> = rendered
            .lines()
            .map(str::trim)
            .take_while(|line| !line.is_empty())
            .collect();
        let joined = paragraph.join(" ");
        let message = joined.strip_prefix("error: ").unwrap_or(&joined).to_owned();
        Self::Detailed(Box::new(Detail::Usage {
            message,
            kind: Some(snake_case(&format!("{:?}", error.kind()))),
        }))
    }

    /// The API answered `status` with something unusable that the command found (not a
    /// client error): an `api` object without a code.
    pub(crate) fn api(status: u16, message: String) -> Self {
        Self::Detailed(Box::new(Detail::Api {
            status: Some(status),
            code: None,
            message: message.clone(),
            errors: Vec::new(),
            omitted_errors: 0,
            line: message,
        }))
    }

    /// A batch in which `failed` of `total` items failed and `not_attempted` were not tried;
    /// `worst` sets the exit code (see [`worst`](Self::worst)).
    pub(crate) fn batch(
        message: String,
        failed: usize,
        total: usize,
        not_attempted: usize,
        worst: &Self,
    ) -> Self {
        Self::Detailed(Box::new(Detail::Batch {
            failed,
            total,
            not_attempted,
            worst: worst.detail().map(Box::new),
            message,
        }))
    }

    /// Names `host` (`host[:port]`, from the client's base URL) in a timeout or transport
    /// failure that does not name one yet; other failures are returned as they are.
    #[must_use]
    pub(crate) fn locate(mut self, host: &str) -> Self {
        if let Self::Detailed(d) = &mut self {
            d.locate(host);
        }
        self
    }

    /// The typed fields of the JSON error object; `None` for [`Found`](Self::Found), which is
    /// not an error (exit 1 says it, the links are on standard output): it has no JSON object.
    pub(crate) fn detail(&self) -> Option<Detail> {
        Some(match self {
            Self::Found(_) => return None,
            Self::Usage(message) => Detail::Usage {
                message: message.clone(),
                kind: None,
            },
            Self::Input(message) => Detail::InvalidInput {
                message: message.clone(),
            },
            Self::Api(message) => Detail::Api {
                status: None,
                code: None,
                message: message.clone(),
                errors: Vec::new(),
                omitted_errors: 0,
                line: message.clone(),
            },
            Self::Network(message) => Detail::Network {
                message: message.clone(),
            },
            Self::Detailed(d) => (**d).clone(),
        })
    }

    /// The JSON error object, on one line, `"error"` first; `None` for
    /// [`Found`](Self::Found).
    pub(crate) fn json(&self) -> Option<String> {
        // A derived `Serialize` of strings, numbers and booleans does not fail.
        self.detail()
            .map(|d| serde_json::to_string(&d).unwrap_or_default())
    }

    /// The JSON error object as a value, to put inside another (a batch's report line);
    /// `None` for [`Found`](Self::Found).
    pub(crate) fn json_value(&self) -> Option<serde_json::Value> {
        self.detail()
            .map(|d| serde_json::to_value(d).unwrap_or_default())
    }

    /// Of two failures, the one whose exit code a batch reports: network failures (5) over
    /// API errors (4) over the rest.
    #[must_use]
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
        match self {
            Self::Found(m) | Self::Usage(m) | Self::Input(m) | Self::Api(m) | Self::Network(m) => {
                f.write_str(m)
            }
            Self::Detailed(d) => f.write_str(d.line()),
        }
    }
}

impl std::error::Error for Failure {}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use invite_http_ureq::TransportError;
    use invite_model::{
        ApiError, DecodeError, InviteCode, InviteMismatch, ListTooLong, RateLimited, WaitReason,
    };

    use super::*;

    /// The exit code, the `error:` line and the JSON object of a client error.
    fn of(error: &Error) -> (u8, String, String) {
        let f = Failure::from_client(error);
        (f.exit_code(), f.to_string(), f.json().unwrap())
    }

    fn api(status: u16, code: Option<ErrorCode>, message: &str) -> Error {
        Error::Api(ApiError::new(status, code, message))
    }

    #[test]
    fn api_errors() {
        assert_eq!(
            of(&api(404, Some(ErrorCode::Discord(10006)), "Unknown Invite")),
            (
                4,
                "discord api error 404 (10006): Unknown Invite".into(),
                r#"{"error":"api","status":404,"code":10006,"message":"Unknown Invite"}"#.into()
            )
        );
        let fluxer = api(
            404,
            Some(ErrorCode::Fluxer("UNKNOWN_INVITE".into())),
            "gone",
        );
        assert_eq!(
            of(&fluxer).2,
            r#"{"error":"api","status":404,"code":"UNKNOWN_INVITE","message":"gone"}"#
        );
        assert_eq!(
            of(&api(502, None, "Bad Gateway")).2,
            r#"{"error":"api","status":502,"code":null,"message":"Bad Gateway"}"#
        );
        let mut form = ApiError::new(400, Some(ErrorCode::Discord(50035)), "Invalid Form Body")
            .with_errors(vec![FieldError::new(
                "max_age",
                "NUMBER_TYPE_MAX",
                "Must be 604800 or less.",
            )]);
        form.omitted_errors = 3;
        let form = Error::Api(form);
        let (code, line, json) = of(&form);
        assert_eq!(code, 4);
        assert!(line.contains("max_age: Must be 604800 or less."), "{line}");
        assert_eq!(
            json,
            r#"{"error":"api","status":400,"code":50035,"message":"Invalid Form Body","errors":[{"path":"max_age","code":"NUMBER_TYPE_MAX","message":"Must be 604800 or less."}],"omitted_errors":3}"#
        );
    }

    #[test]
    fn rate_limits() {
        let limited = Error::RateLimited(
            RateLimited::new(Duration::from_millis(1500), false)
                .with_scope("user")
                .with_message("You are being rate limited."),
        );
        assert_eq!(
            of(&limited),
            (
                5,
                "rate limited on this route: retry after 1.500s".into(),
                r#"{"error":"rate_limited","retry_after":1.5,"global":false,"scope":"user","api_message":"You are being rate limited.","message":"rate limited on this route: retry after 1.500s"}"#.into()
            )
        );
        let bare = Error::RateLimited(RateLimited::new(Duration::from_secs(3), true));
        assert_eq!(
            of(&bare).2,
            r#"{"error":"rate_limited","retry_after":3.0,"global":true,"scope":null,"message":"rate limited globally: retry after 3.000s"}"#
        );
        let held = Error::RateLimitWait {
            retry_after: Duration::from_millis(250),
            reason: WaitReason::GlobalWindow,
        };
        assert_eq!(
            of(&held),
            (
                5,
                "rate limited globally: retry after 0.250s".into(),
                r#"{"error":"rate_limited","retry_after":0.25,"global":true,"scope":null,"wait_reason":"global_window","message":"rate limited globally: retry after 0.250s"}"#.into()
            )
        );
    }

    #[test]
    fn transport_and_timeout_name_the_host_once_located() {
        let refused = Error::Transport(TransportError::new(
            TransportErrorKind::Connect,
            "io: Connection refused",
        ));
        let f = Failure::from_client(&refused);
        assert_eq!(f.exit_code(), 5);
        assert_eq!(
            f.to_string(),
            "transport error: cannot connect: io: Connection refused"
        );
        assert_eq!(
            f.json().unwrap(),
            r#"{"error":"transport","kind":"connect","host":null,"message":"transport error: cannot connect: io: Connection refused"}"#
        );
        let f = f.locate("discord.com");
        assert_eq!(
            f.to_string(),
            "cannot connect to discord.com: io: Connection refused"
        );
        assert_eq!(
            f.json().unwrap(),
            r#"{"error":"transport","kind":"connect","host":"discord.com","message":"cannot connect to discord.com: io: Connection refused"}"#
        );
        // Located once: a second host does not replace the first.
        assert_eq!(f.clone().locate("other.example"), f);
        for (kind, name, line) in [
            (TransportErrorKind::Io, "io", "connection to h:1 failed: x"),
            (
                TransportErrorKind::Protocol,
                "protocol",
                "invalid http response from h:1: x",
            ),
            (TransportErrorKind::Tls, "tls", "tls failure with h:1: x"),
            (
                TransportErrorKind::Request,
                "request",
                "invalid request to h:1: x",
            ),
            (
                TransportErrorKind::Other,
                "other",
                "unexpected failure with h:1: x",
            ),
        ] {
            let e = Error::Transport(TransportError::new(kind, "x"));
            let f = Failure::from_client(&e).locate("h:1");
            assert_eq!(f.to_string(), line);
            assert!(
                f.json()
                    .unwrap()
                    .contains(&format!(r#""kind":"{name}","host":"h:1""#))
            );
        }
        let f = Failure::from_client(&Error::Timeout).locate("127.0.0.1:9");
        assert_eq!(
            (f.exit_code(), f.to_string()),
            (5, "request timed out".into())
        );
        assert_eq!(
            f.json().unwrap(),
            r#"{"error":"timeout","host":"127.0.0.1:9","message":"request timed out"}"#
        );
        // Other failures have no host.
        let api = Failure::from_client(&api(404, None, "x"));
        assert_eq!(api.clone().locate("h"), api);
    }

    #[test]
    fn unusable_answers_exit_4() {
        let (code, _, json) = of(&Error::Decode(DecodeError::new(
            200,
            "expected value at line 1 column 1",
            b"<html>",
        )));
        assert_eq!(code, 4);
        assert_eq!(
            json,
            r#"{"error":"decode","status":200,"reason":"expected value at line 1 column 1","excerpt":"<html>","message":"cannot decode the response body (status 200): expected value at line 1 column 1; the body starts with \"<html>\""}"#
        );
        let (code, _, json) = of(&Error::ListTooLong(ListTooLong::new(200, 10_000)));
        assert_eq!(code, 4);
        assert_eq!(
            json,
            r#"{"error":"list_too_long","status":200,"limit":10000,"message":"the response lists more than 10000 items, the most accepted (status 200)"}"#
        );
        let (code, _, json) = of(&Error::InviteMismatch(InviteMismatch::new(
            200,
            InviteCode::parse("bbbb2222").unwrap(),
            "aaaa1111",
        )));
        assert_eq!(code, 4);
        assert_eq!(
            json,
            r#"{"error":"invite_mismatch","status":200,"requested":"bbbb2222","returned":"aaaa1111","message":"the response is for invite \"aaaa1111\", not the requested \"bbbb2222\" (status 200)"}"#
        );
        let (code, _, json) = of(&Error::ResponseTooLarge { limit: 10 });
        assert_eq!(code, 4);
        assert_eq!(
            json,
            r#"{"error":"response_too_large","limit":10,"message":"response body is larger than the limit of 10 bytes"}"#
        );
    }

    #[derive(Debug)]
    struct Bad;
    impl fmt::Display for Bad {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("bad")
        }
    }
    impl std::error::Error for Bad {}

    #[test]
    fn plain_failures_have_objects_too() {
        let input = Failure::from_client(&Error::invalid_input(Bad));
        assert_eq!(input, Failure::Input("invalid input: bad".into()));
        assert_eq!(
            input.json().unwrap(),
            r#"{"error":"invalid_input","message":"invalid input: bad"}"#
        );
        assert_eq!(
            Failure::Usage("give --guild".into()).json().unwrap(),
            r#"{"error":"usage","message":"give --guild"}"#
        );
        assert_eq!(
            Failure::Api("no invite".into()).json().unwrap(),
            r#"{"error":"api","status":null,"code":null,"message":"no invite"}"#
        );
        assert_eq!(
            Failure::Network("down".into()).json().unwrap(),
            r#"{"error":"network","message":"down"}"#
        );
        assert_eq!(
            Failure::Input("x".into()).json_value().unwrap(),
            serde_json::json!({"error": "invalid_input", "message": "x"})
        );
    }

    #[test]
    fn clap_errors_are_usage_errors_with_their_kind() {
        let err = clap::Command::new("invite")
            .arg(
                clap::Arg::new("n")
                    .long("n")
                    .value_parser(clap::value_parser!(u8)),
            )
            .try_get_matches_from(["invite", "--n", "x"])
            .unwrap_err();
        let f = Failure::from_clap(&err);
        assert_eq!(f.exit_code(), 2);
        assert_eq!(
            f.json().unwrap(),
            r#"{"error":"usage","message":"invalid value 'x' for '--n <n>': invalid digit found in string","kind":"value_validation"}"#
        );
        let err = clap::Command::new("invite")
            .arg(clap::Arg::new("code").required(true))
            .try_get_matches_from(["invite"])
            .unwrap_err();
        assert_eq!(
            Failure::from_clap(&err).json().unwrap(),
            r#"{"error":"usage","message":"the following required arguments were not provided: <code>","kind":"missing_required_argument"}"#
        );
        assert_eq!(snake_case("UnknownArgument"), "unknown_argument");
        assert_eq!(snake_case("Io"), "io");
    }

    #[test]
    fn batches_report_the_worst_failure() {
        let api = Failure::from_client(&api(403, Some(ErrorCode::Discord(50013)), "Missing"));
        let net = Failure::from_client(&Error::Timeout);
        let worst = api.clone().worst(net.clone());
        let batch = Failure::batch("2 of 3 deletions failed".into(), 2, 3, 0, &worst);
        assert_eq!(batch.exit_code(), 5);
        assert_eq!(batch.to_string(), "2 of 3 deletions failed");
        assert_eq!(
            batch.clone().locate("h").json().unwrap(),
            r#"{"error":"batch","failed":2,"total":3,"not_attempted":0,"worst":{"error":"timeout","host":"h","message":"request timed out"},"message":"2 of 3 deletions failed"}"#
        );
        let batch = Failure::batch("1 of 1 deletions failed".into(), 1, 1, 0, &api);
        assert_eq!(batch.exit_code(), 4);
    }

    #[test]
    fn found_is_not_an_error_and_has_no_object() {
        let found = Failure::Found("2 invite links found in standard input".into());
        assert_eq!(found.exit_code(), 1);
        assert_eq!(found.to_string(), "2 invite links found in standard input");
        assert_eq!((found.detail(), found.json()), (None, None));
        assert_eq!(found.json_value(), None);
        assert_eq!(found.clone().locate("h"), found);
        // Were it the worst of a batch, the batch would name none and still exit 4.
        let batch = Failure::batch("1 of 1".into(), 1, 1, 0, &found);
        assert_eq!(batch.exit_code(), 4);
        assert_eq!(
            batch.json().unwrap(),
            r#"{"error":"batch","failed":1,"total":1,"not_attempted":0,"message":"1 of 1"}"#
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
