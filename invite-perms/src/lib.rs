//! Discord permissions for bot invites: every permission bit, parsed from any spelling bot
//! authors write, and the OAuth2 URL that invites a bot with exactly those permissions.
//!
//! **In scope:** the [`Permissions`] bit set (every bit Discord documents, unknown bits kept),
//! names in every spelling (Discord's `SEND_MESSAGES`, discord.js's `SendMessages`,
//! `send_messages`, the aoi.js aliases such as `sendmessages` or `admin`, older names), a list
//! parser with helpful errors ([`parse_permissions`]), and the bot authorization URL
//! ([`BotAuthorizeUrl`]). **Out of scope:** I/O, and permission *computation* (overwrites,
//! role hierarchy).
//!
//! The crate is `#![no_std]` and needs no allocator: parsing, errors and URL rendering work
//! with no features enabled.
//!
//! # Features
//!
//! None is on by default; each adds to the API and needs nothing else:
//!
//! - `alloc`: `String` conveniences (`BotAuthorizeUrl::to_url_string`).
//! - `heapless`: render into a `heapless::String<N>` (`BotAuthorizeUrl::to_heapless`); a buffer
//!   too small is an error, never a cut-off URL.
//! - `serde`: `Serialize` and `Deserialize` for [`Permissions`] in Discord's wire form: a decimal
//!   string out, a string or an integer in.
//!
//! # Example: aoi.js's `$getClientInvite[administrator]`
//!
//! ```
//! use invite_perms::{BotAuthorizeUrl, Scope, parse_permissions};
//!
//! let permissions = parse_permissions("administrator")?;
//! let url = BotAuthorizeUrl::new(123456789012345678)
//!     .permissions(permissions)
//!     .scopes(&[Scope::Bot, Scope::ApplicationsCommands]);
//!
//! // Render into any `core::fmt::Write` without allocating...
//! let mut buf = String::new();
//! url.render_into(&mut buf)?;
//! assert_eq!(
//!     buf,
//!     "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=8&scope=bot+applications.commands"
//! );
//! // ...or use `Display`.
//! assert_eq!(url.to_string(), buf);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Example: a misspelled name
//!
//! ```
//! use invite_perms::parse_permissions;
//!
//! let err = parse_permissions("kick;sendmesages").unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "unknown permission `sendmesages` at 5..16; did you mean `sendmessages`?"
//! );
//! assert_eq!(err.span(), 5..16);
//! ```
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "alloc")]
extern crate alloc;

mod names;
mod oauth2;
mod parse;
mod permissions;

pub use names::Suggestion;
pub use oauth2::{
    AuthorizeUrlError, BotAuthorizeUrl, DISCORD_AUTHORIZE_URL, IntegrationType, ParseScopeError,
    Prompt, RenderError, ResponseType, Scope,
};
pub use parse::{
    Excerpt, ParseOptions, ParsePermissionsError, parse_permissions, parse_permissions_with,
};
pub use permissions::Permissions;

/// The examples of the crate's README (its page on crates.io), compiled and run as doctests
/// (they use the `heapless` feature).
#[cfg(all(doctest, feature = "heapless"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
