//! A blocking client for Discord's and Fluxer's invite endpoints, on [`ureq`] 3.
//!
//! The endpoints themselves (paths, query strings, bodies, response parsing) are described by
//! `invite-model`, which does no I/O; this crate only moves bytes. [`Client::execute`] is the one
//! path every call takes:
//!
//! 1. ask the shared [`RateLimiter`](invite_model::RateLimiter) for a slot (waiting, bounded, if
//!    a bucket or the global limit is spent);
//! 2. send the request with `Authorization`, `User-Agent` and the endpoint's headers and body,
//!    and read at most the configured number of body bytes;
//! 3. feed the response to the limiter; on a 429, wait as asked and retry; on a 5xx or a
//!    broken connection, retry with backoff if the request is safe to repeat;
//! 4. parse the response with the endpoint, into its typed output or a typed [`Error`].
//!
//! One [`ureq::Agent`] keeps connections alive; [`Client`] is `Clone + Send + Sync` and every
//! clone shares the agent and the limiter. The token is never printed: not by `Debug`, not in
//! errors, not in log lines.
//!
//! ```
//! use invite_http_ureq::{Client, Token};
//!
//! let token = Token::bot("MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.secret");
//! let client = Client::new(token.clone()).unwrap();
//! assert_eq!(token.to_string(), "Token(<redacted>)");
//! assert!(!format!("{client:?}").contains("secret"));
//! assert_eq!(client.base_url(), "https://discord.com/api/v10");
//! ```
//!
//! Calling an endpoint (any type implementing
//! [`Endpoint`](invite_model::endpoint::Endpoint)):
//!
//! ```no_run
//! use std::time::Duration;
//! use invite_http_ureq::{Client, Error, Token};
//! use invite_model::endpoint::{Endpoint, Method, Request, Response, ResponseError, Route};
//!
//! /// `GET /invites/{code}`, returning the raw JSON.
//! struct RawInvite(&'static str);
//!
//! impl Endpoint for RawInvite {
//!     type Output = Vec<u8>;
//!     fn request(&self) -> Request {
//!         Request {
//!             method: Method::Get,
//!             path: format!("/invites/{}?with_counts=true", self.0),
//!             headers: Vec::new(),
//!             body: Vec::new(),
//!             route: Route { template: "GET /invites/{code}", major: self.0.into() },
//!             retry_safe: true,
//!         }
//!     }
//!     fn parse(&self, response: &Response<'_>) -> Result<Vec<u8>, ResponseError> {
//!         Ok(response.body.to_vec())
//!     }
//! }
//!
//! let client = Client::builder()
//!     .token(Token::bot(std::env::var("DISCORD_TOKEN").unwrap()))
//!     .timeout(Duration::from_secs(10))
//!     .build()?;
//! let json = client.execute(&RawInvite("discord-developers"))?;
//! println!("{}", String::from_utf8_lossy(&json));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

mod client;
mod endpoints;
mod error;
mod log;
mod token;

pub use client::{
    Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT,
    RawResponse, RetryPolicy, USER_AGENT,
};
pub use endpoints::GetInviteOptions;
pub use error::{BuildError, Error, TransportError, TransportErrorKind};
pub use log::LogEvent;
pub use token::Token;

/// The model crate, re-exported so callers can name its types with one dependency.
pub use invite_model;
