//! Typed, `no_std` models of Discord's and Fluxer's server invites, and sans-I/O descriptions of
//! every invite endpoint.
//!
//! **In scope:** the invite object in every shape the APIs send (guild, group DM, friend, Fluxer
//! packs; with or without metadata), ids, timestamps, open enums, flags, invite codes and links,
//! validated request bodies, and the description of each endpoint's request and the parsing of its
//! response. **Out of scope:** I/O and clocks: this crate never opens a socket and never reads the
//! time; callers pass `now` where it matters. `invite-http-ureq` executes the descriptions.
//!
//! Strings are borrowed from the input where they can be ([`CowStr`]), so parsing a response
//! buffer allocates little; `Invite::into_owned` gives a `'static` value.
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(not(feature = "alloc"))]
compile_error!("invite-model needs the `alloc` feature (on by default)");

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod cow_str;
pub mod endpoint;
mod error;
mod flags;
mod open_enum;
mod platform;
pub mod ratelimit;
mod snowflake;
mod target_type;
mod timestamp;

pub use cow_str::CowStr;
pub use error::{ApiError, DecodeError, ErrorCode, FieldError, RateLimited, ResponseError};
pub use flags::GuildInviteFlags;
pub use platform::Platform;
pub use ratelimit::{RateLimitInfo, RateLimiter, Wait, WaitReason};
pub use snowflake::{DISCORD_EPOCH_MS, Snowflake};
pub use target_type::TargetType;
pub use timestamp::{Timestamp, TimestampError};
