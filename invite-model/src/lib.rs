//! Typed, `no_std` models of Discord's and Fluxer's server invites, and sans-I/O descriptions of
//! every invite endpoint.
//!
//! **In scope:** the invite object in every shape the APIs send (guild, group DM, friend, Fluxer
//! packs; with or without metadata), ids, timestamps, open enums, flags, invite codes and links,
//! validated request bodies, and the description of each endpoint's request and the parsing of its
//! response; the gateway's invite events ([`event`]) and an invite tracker that tells which
//! invite brought each member ([`tracker`]). **Out of scope:** I/O and clocks: this crate never
//! opens a socket and never reads the time; callers pass `now` where it matters.
//! `invite-http-ureq` executes the descriptions.
//!
//! Strings are borrowed from the input where they can be ([`CowStr`]), the channel and inviter are
//! stored inline and the guild in one box, so parsing a response buffer allocates little (one
//! allocation for a typical guild invite without escaped strings); [`Invite::into_owned`] gives a
//! `'static` value. With the `simd` feature, [`from_json_slice_mut`] parses a mutable buffer with
//! simd-json, to the same values.
//!
//! A payload does not say which platform sent it, and some fields mean different things on each
//! (`type` 2 is Discord's `FRIEND` and Fluxer's `EMOJI_PACK`): [`Invite::fluxer_only_fields`]
//! names the fields present that only Fluxer sends, so a reader can tell a Fluxer payload.
//!
//! ```
//! use invite_model::{ChannelType, Invite, InviteType, Platform, Snowflake, Timestamp};
//!
//! let body = br#"{
//!     "type": 0,
//!     "code": "jvuBeT38",
//!     "guild": {"id": "1046920999469330512", "name": "Alien Network", "features": []},
//!     "channel": {"id": "1057241425793798144", "type": 2, "name": "alien noises"},
//!     "expires_at": "2023-07-22T18:30:11+00:00",
//!     "uses": 3, "max_uses": 10, "max_age": 604800, "temporary": false,
//!     "created_at": "2023-07-15T18:30:11.047000+00:00",
//!     "some_future_field": {"ignored": true}
//! }"#;
//! let invite: Invite<'_> = serde_json::from_slice(body)?;
//!
//! assert_eq!(invite.kind, Some(InviteType::GUILD));
//! assert_eq!(invite.kind_name(Platform::Fluxer), Some("GUILD"));
//! assert_eq!(invite.code, "jvuBeT38");
//! assert!(invite.code.is_borrowed());
//! let guild = invite.guild.as_ref().unwrap();
//! assert_eq!((guild.id, guild.name.as_str()), (Snowflake(1046920999469330512), "Alien Network"));
//! let channel = invite.channel.as_ref().unwrap();
//! assert_eq!(channel.kind, ChannelType::GUILD_VOICE);
//! assert_eq!(channel.name.as_deref(), Some("alien noises"));
//! assert_eq!((invite.uses, invite.max_uses), (Some(3), Some(10)));
//! assert_eq!(invite.link(Platform::Discord).to_string(), "https://discord.gg/jvuBeT38");
//!
//! let before: Timestamp = "2023-07-20T00:00:00Z".parse()?;
//! let after: Timestamp = "2023-07-23T00:00:00Z".parse()?;
//! assert!(!invite.is_expired_at(before));
//! assert!(invite.is_expired_at(after));
//!
//! // Absent fields stay absent when written back; unknown ones are dropped.
//! let owned: Invite<'static> = invite.into_owned();
//! assert_eq!(
//!     serde_json::to_string(&owned)?,
//!     r#"{"type":0,"code":"jvuBeT38","guild":{"id":"1046920999469330512","name":"Alien Network","features":[]},"channel":{"id":"1057241425793798144","type":2,"name":"alien noises"},"expires_at":"2023-07-22T18:30:11+00:00","uses":3,"max_uses":10,"max_age":604800,"temporary":false,"created_at":"2023-07-15T18:30:11.047+00:00"}"#
//! );
//! # Ok::<(), Box<dyn core::error::Error>>(())
//! ```
//!
//! The request side: parse invite codes and links ([`InviteCode`]), build validated bodies
//! ([`CreateInvite`]), describe requests and read answers ([`endpoint`]), and get typed API
//! errors ([`ResponseError`]):
//!
//! ```
//! use invite_model::endpoint::{CreateChannelInvite, CreatedInvite, Endpoint, Response};
//! use invite_model::{AuditLogReason, CreateInvite, InviteCode, Platform, Snowflake};
//!
//! let link = InviteCode::parse_link("discord.gg/invite/jvuBeT38?event=1046920999469330512")?;
//! assert_eq!(link.code.link(Platform::Discord).to_string(), "https://discord.gg/jvuBeT38");
//!
//! let create = CreateChannelInvite::new(
//!     Snowflake(1057241425793798144),
//!     CreateInvite::new().max_age(3600).max_uses(5).unique(true),
//!     Platform::Discord,
//! )?
//! .reason(AuditLogReason::new("welcome week")?);
//! let request = create.request();
//! assert_eq!(request.route.to_string(), "/channels/1057241425793798144/invites");
//! assert_eq!(request.header("X-Audit-Log-Reason"), Some("welcome%20week"));
//! assert_eq!(request.body, br#"{"max_age":3600,"max_uses":5,"unique":true}"#);
//!
//! // Discord answers 204 for a guild whose invites it disabled.
//! let answer = Response::new(204, &[], b"");
//! assert_eq!(create.parse(&answer)?, CreatedInvite::NoContent);
//!
//! // Ranges come from each platform's table (Discord's OpenAPI description allows 60 days).
//! let too_old = CreateInvite::new().max_age(5_184_001).validate(Platform::Discord);
//! assert_eq!(too_old.unwrap_err().to_string(), "max_age 5184001 is out of range 0..=5184000");
//! # Ok::<(), Box<dyn core::error::Error>>(())
//! ```
//!
//! # Stability
//!
//! The APIs add fields and values without notice, so every exported enum and every struct with
//! public fields that may grow is `#[non_exhaustive]`: the models, the events, the tracker's
//! answers and snapshots, the errors. Read their fields freely; build them with their
//! constructors (`Snapshot::new`, `ApiError::new`, `RateLimited::new`, ...) or from
//! `Default` and field assignment (`let mut e = InviteCreate::default(); e.uses = Some(0);`), so
//! a field added in a minor release breaks no caller. The few that stay exhaustive say why in
//! their source (a newtype over a wire value such as [`Snowflake`], an iCalendar pair such as
//! `NWeekday`); clippy's `exhaustive_enums` and `exhaustive_structs` lints hold every new
//! exported type to the same choice.
//!
//! # Features
//!
//! - `alloc` (default): required, since every model holds a `Vec`, a `String` or a `Cow`.
//!   Without it the build stops at this crate's `compile_error!`, which says so. For `no_std`:
//!   `invite-model = { version = "0.1", default-features = false, features = ["alloc"] }`.
//! - `std`: implies `alloc` and turns on the `std` features of `serde`, `serde_json` and `time`.
//!   It adds no API: the errors implement `core::error::Error`, which is `std::error::Error`.
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(not(feature = "alloc"))]
compile_error!("invite-model needs the `alloc` feature (on by default)");

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod base_url;
mod body;
mod code;
pub mod endpoint;
mod error;
pub mod event;
mod invite;
mod json;
mod platform;
mod primitive;
pub mod ratelimit;
pub mod secret;
pub mod terminal;
pub mod tracker;
pub mod wire;

pub use base_url::{BaseUrl, BaseUrlError};
pub use body::audit_reason::{AuditLogReason, AuditLogReasonError};
pub use body::create_invite::{CreateGroupDmInvite, CreateInvite, CreateInviteError};
pub use body::incident_actions::{IncidentActions, IncidentActionsError};
pub use body::target_users_csv::{
    CsvError, TARGET_USERS_CSV_HEADER, parse_target_users_csv, parse_target_users_upload,
    write_target_users_csv,
};
pub use code::scan;
pub use code::scan::{
    ExtraHost, FoundLink, HostNameError, HostNameErrorKind, InviteLinks, ScanOptions,
    scan_invite_links,
};
pub use code::vanity_code::{VanityCode, VanityCodeError};
pub use code::{InviteCode, InviteCodeError, InviteLink, InviteUrl};
pub use error::codes as error_codes;
pub use error::{
    ApiError, DecodeError, ErrorCode, FieldError, InviteMismatch, ListTooLong, RateLimited,
    ResponseError, status_reason,
};
pub use event::{
    FrameError, GatewayEvent, GatewayFrame, InviteCreate, InviteDelete, MemberAdd, MemberFlags,
    MemberUser,
};
pub use invite::Invite;
pub use invite::application::InviteApplication;
pub use invite::channel::{InviteChannel, InviteRecipient};
pub use invite::channel_type::ChannelType;
pub use invite::flags::GuildInviteFlags;
pub use invite::fluxer_only::FluxerOnlyField;
pub use invite::guild::InviteGuild;
pub use invite::invite_type::InviteType;
pub use invite::job_status::{JobStatus, TargetUsersJobStatus};
pub use invite::nsfw_level::NsfwLevel;
pub use invite::pack::InvitePack;
pub use invite::premium_tier::PremiumTier;
pub use invite::recurrence::{
    NWeekday, RecurrenceFrequency, RecurrenceMonth, RecurrenceRule, RecurrenceWeekday,
};
pub use invite::role::{InviteRole, RoleColors};
pub use invite::scheduled_event::{
    EntityMetadata, GuildScheduledEvent, ScheduledEventEntityType, ScheduledEventPrivacyLevel,
    ScheduledEventStatus,
};
pub use invite::splash_card_alignment::SplashCardAlignment;
pub use invite::stage_instance::{InviteStageInstance, StageMember};
pub use invite::target_type::TargetType;
pub use invite::user::User;
pub use invite::verification_level::VerificationLevel;
pub use invite::welcome_screen::{WelcomeScreen, WelcomeScreenChannel};
pub use json::from_json_slice;
#[cfg(feature = "simd")]
#[cfg_attr(docsrs, doc(cfg(feature = "simd")))]
pub use json::{SIMD_BUFFERS_KEPT_MAX, from_json_slice_mut};
pub use platform::{InviteHost, InvitePath, Limits, Platform};
pub use primitive::cow_str::CowStr;
pub use primitive::percent::{
    PercentDecodeError, PercentEncoded, is_unreserved, percent_decode, percent_encode,
};
pub use primitive::snowflake::{DISCORD_EPOCH_MS, Snowflake};
pub use primitive::timestamp::{Timestamp, TimestampError};
pub use ratelimit::{
    AttemptOutcome, RateLimitInfo, RateLimiter, RetryDecision, RetryPolicy, RetryTracker, StopWith,
    Wait, WaitReason,
};
pub use secret::{BadTokenChar, REDACTED, Redactor, TOKEN_MAX_LEN, TokenError, check_token};
pub use tracker::{
    Attribution, JoinSource, Refresh, Snapshot, Tracker, TrackerConfig, UnknownReason,
};

/// The examples of the crate's README (its page on crates.io), compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
