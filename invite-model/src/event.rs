//! Gateway events an invite tracker reads: `INVITE_CREATE`, `INVITE_DELETE`, the part of
//! `GUILD_MEMBER_ADD` that says who joined, and the frame reader that picks them out of the
//! gateway's stream.
//!
//! Like [`Invite`](crate::Invite), every model borrows its strings from the input where it can
//! ([`CowStr`](crate::CowStr)), ignores unknown fields, keeps unknown enum values and flag bits,
//! writes absent fields back as absent, and has an `into_owned` for a `'static` copy.
//!
//! The peers' known mistakes are avoided on purpose: `target_type` is read as `target_type`
//! (with the pre-2021 `target_user_type` as an alias only), `guild_id` is optional, `uses` is an
//! integer, `expires_at` is read, and `target_user` / `target_application` are objects, not ids.
//! Fluxer's `INVITE_CREATE`, which carries the whole invite-with-metadata object (nested `guild`
//! and `channel`, `member_count`, ...), reads into the same [`InviteCreate`].
//!
//! ```
//! use invite_model::event::{GatewayEvent, GatewayFrame};
//! use invite_model::Snowflake;
//!
//! let frame = br#"{"t":"INVITE_DELETE","s":42,"op":0,
//!     "d":{"guild_id":"1046920999469330512","code":"jvuBeT38","channel_id":"1057241425793798144"}}"#;
//! let frame = GatewayFrame::parse(frame)?;
//! assert_eq!(frame.sequence, Some(42));
//! let GatewayEvent::InviteDelete(delete) = &frame.event else { panic!("not a delete") };
//! assert_eq!(delete.code, "jvuBeT38");
//! assert_eq!(delete.guild_id, Some(Snowflake(1046920999469330512)));
//!
//! // Every other dispatch, and every other opcode, is "other": never an error.
//! let typing = GatewayFrame::parse(br#"{"op":0,"t":"TYPING_START","s":43,"d":{"x":1}}"#)?;
//! assert_eq!(typing.event, GatewayEvent::Other);
//! assert_eq!(typing.name.as_deref(), Some("TYPING_START"));
//! let heartbeat_ack = GatewayFrame::parse(br#"{"op":11}"#)?;
//! assert_eq!(heartbeat_ack.event, GatewayEvent::Other);
//! # Ok::<(), invite_model::event::FrameError>(())
//! ```

pub(crate) mod frame;
pub(crate) mod invite_create;
pub(crate) mod invite_delete;
pub(crate) mod member_add;

pub use frame::{
    DISPATCH, FrameError, GUILD_MEMBER_ADD, GatewayEvent, GatewayFrame, INVITE_CREATE,
    INVITE_DELETE,
};
pub use invite_create::InviteCreate;
pub use invite_delete::InviteDelete;
pub use member_add::{MemberAdd, MemberFlags, MemberUser};
