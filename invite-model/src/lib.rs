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

mod application;
mod channel;
mod channel_type;
mod cow_str;
pub mod endpoint;
mod error;
mod flags;
mod guild;
mod invite;
mod invite_type;
mod job_status;
mod nsfw_level;
mod open_enum;
mod pack;
mod platform;
mod premium_tier;
mod recurrence;
mod role;
mod scheduled_event;
mod serde_util;
mod snowflake;
mod splash_card_alignment;
mod stage_instance;
mod target_type;
mod timestamp;
mod user;
mod verification_level;
mod welcome_screen;

pub use application::InviteApplication;
pub use channel::{InviteChannel, InviteRecipient};
pub use channel_type::ChannelType;
pub use cow_str::CowStr;
pub use error::{ApiError, DecodeError, ErrorCode, FieldError, RateLimited, ResponseError};
pub use flags::GuildInviteFlags;
pub use guild::InviteGuild;
pub use invite::{Invite, InviteLink};
pub use invite_type::InviteType;
pub use job_status::{JobStatus, TargetUsersJobStatus};
pub use nsfw_level::NsfwLevel;
pub use pack::InvitePack;
pub use platform::Platform;
pub use premium_tier::PremiumTier;
pub use recurrence::{
    NWeekday, RecurrenceFrequency, RecurrenceMonth, RecurrenceRule, RecurrenceWeekday,
};
pub use role::{InviteRole, RoleColors};
pub use scheduled_event::{
    EntityMetadata, GuildScheduledEvent, ScheduledEventEntityType, ScheduledEventPrivacyLevel,
    ScheduledEventStatus,
};
pub use snowflake::{DISCORD_EPOCH_MS, Snowflake};
pub use splash_card_alignment::SplashCardAlignment;
pub use stage_instance::{InviteStageInstance, StageMember};
pub use target_type::TargetType;
pub use timestamp::{Timestamp, TimestampError};
pub use user::User;
pub use verification_level::VerificationLevel;
pub use welcome_screen::{WelcomeScreen, WelcomeScreenChannel};
