//! A blocking client for Discord's and Fluxer's invite endpoints, on [`ureq`] 3.
//!
//! The endpoints themselves (paths, query strings, bodies, response parsing) are described by
//! `invite-model`, which does no I/O; this crate only moves bytes. [`Client::execute`] is the one
//! path every call takes:
//!
//! 1. ask the shared [`RateLimiter`](invite_model::RateLimiter) for a slot (waiting, bounded, if
//!    a bucket or the global limit is spent);
//! 2. send the request with `Authorization`, `User-Agent` and the endpoint's headers and body,
//!    and read at most the configured number of body bytes, all within one deadline per attempt
//!    (the whole call has a bound too: [`RetryPolicy::max_call_duration`]);
//! 3. feed the response to the limiter and its outcome to the model's
//!    [`RetryTracker`](invite_model::ratelimit::RetryTracker), and do what it answers: on a 429,
//!    wait as asked and retry; on a 5xx or a broken connection, retry with backoff if the request
//!    is safe to repeat; else stop;
//! 4. parse the response with the endpoint, into its typed output or a typed [`Error`] that
//!    holds the model's error (the token redacted before excerpts are cut).
//!
//! One [`ureq::Agent`] keeps connections alive; [`Client`] is `Clone + Send + Sync` and every
//! clone shares the agent and the limiter. A response for another invite than the one asked for
//! is not believed ([`Error::InviteMismatch`]) and the idle connections are dropped. The token is
//! never printed: not by `Debug`, not in errors, not in log lines.
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
//! Calling endpoints, through a convenience method or [`Client::execute`] with any
//! [`Endpoint`](invite_model::endpoint::Endpoint) of `invite-model`. Both take the model's checked
//! types (codes, links, reasons, the endpoint values), so bad input is refused where it is built:
//!
//! ```no_run
//! use std::time::Duration;
//! use invite_http_ureq::{Client, Error, Token};
//! use invite_model::endpoint::{DeletedInvite, GetInvite};
//! use invite_model::{AuditLogReason, InviteCode};
//!
//! let client = Client::builder()
//!     .token(Token::bot(std::env::var("DISCORD_TOKEN")?))
//!     .timeout(Duration::from_secs(10))
//!     .build()?;
//!
//! let link = InviteCode::parse_link("https://discord.gg/discord-developers")?;
//! let invite = client.get_invite(&GetInvite::from_link(&link).with_counts(true))?;
//! println!("{} members", invite.approximate_member_count.unwrap_or(0));
//!
//! let same = client.execute(&GetInvite::new(InviteCode::parse("discord-developers")?))?;
//! assert_eq!(same.code, invite.code);
//!
//! let reason = AuditLogReason::new("cleanup")?;
//! match client.delete_invite(&InviteCode::parse("jvuBeT38")?, Some(&reason)) {
//!     Ok(DeletedInvite::AlreadyGone) => println!("already gone (an earlier attempt deleted it)"),
//!     Ok(_) => println!("deleted"),
//!     Err(e) if e.code().is_some_and(|c| *c == invite_model::ErrorCode::Discord(10006)) => {
//!         println!("no such invite")
//!     }
//!     Err(Error::RateLimited(limited)) => {
//!         println!("try again in {:?} ({:?})", limited.retry_after, limited.scope)
//!     }
//!     Err(e) => return Err(e.into()),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The invites crates
//!
//! - [`invite-model`](invite_model) (`no_std` + `alloc`, re-exported here): the invite models,
//!   codes and links, validated request bodies, the sans-I/O endpoint descriptions, the error
//!   types and the rate limiter.
//! - [`invite-perms`](https://docs.rs/invite-perms) (`no_std`, no allocator): permission bits,
//!   permission names in every spelling, and the OAuth2 bot invite URL.
//! - `invite-http-ureq` (this crate): the client and the `invite` CLI.
//!
//! # Features
//!
//! - `cli` (off by default): the `invite` command-line tool (`src/bin/invite/`), installed with
//!   `cargo install invite-http-ureq --features cli`. It pulls in `clap`, `serde` and
//!   `invite-perms`, so library users do not compile them. The library has no features.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod client;
mod endpoints;
mod error;
mod log;
mod resolver;
mod token;

pub use client::{
    Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT,
    RawResponse, RetryPolicy, USER_AGENT,
};
pub use error::{BuildError, Error, TransportError, TransportErrorKind};
pub use log::LogEvent;
pub use token::Token;

/// The model crate, re-exported so callers can name its types with one dependency.
pub use invite_model;

/// The examples of the crate's README (its page on crates.io), compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
