//! [`InviteCreate`]: the `INVITE_CREATE` dispatch, in Discord's shape and in Fluxer's.

use alloc::boxed::Box;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::invite::application::InviteApplication;
use crate::invite::channel::InviteChannel;
use crate::invite::flags::GuildInviteFlags;
use crate::invite::guild::InviteGuild;
use crate::invite::invite_type::InviteType;
use crate::invite::target_type::TargetType;
use crate::invite::user::User;
use crate::primitive::cow_str::CowStr;
use crate::primitive::serde_util::IntoStatic;
use crate::primitive::snowflake::Snowflake;
use crate::primitive::timestamp::Timestamp;

/// `INVITE_CREATE`: an invite was created.
///
/// Discord sends `channel_id`, `code`, `created_at`, `guild_id?`, `inviter?`, `max_age`,
/// `max_uses`, `target_type?`, `target_user?`, `target_application?`, `temporary`, `uses`
/// (always 0), `expires_at` (nullable), `role_ids?`, and, without documenting them, `type`,
/// `flags` and `is_nickname_changeable`. Fluxer sends its whole invite-with-metadata object
/// instead: nested `guild` and `channel` rather than their ids, `member_count`, `presence_count`,
/// and no `max_age`. Both read into this type; [`guild_id`](Self::guild_id) and
/// [`channel_id`](Self::channel_id) look in either place.
///
/// Only `code` is required; every other field is `None` when absent (or `null`) and is then left
/// out when written back, so a value survives a round trip unchanged. `guild`, `channel`,
/// `target_user` and `target_application` are boxed (one allocation each when present: Discord
/// never sends the first two).
///
/// ```
/// use invite_model::event::InviteCreate;
/// use invite_model::{InviteType, Snowflake, Timestamp};
/// let e: InviteCreate<'_> = serde_json::from_str(r#"{
///     "uses": 0, "type": 0, "temporary": false, "max_uses": 0, "max_age": 43200,
///     "is_nickname_changeable": false, "guild_id": "1294290832219963563",
///     "expires_at": "2025-08-11T15:51:03+00:00",
///     "created_at": "2025-08-11T03:51:03.054974+00:00",
///     "code": "jvuBeT38", "channel_id": "1352514922462052423"
/// }"#)?;
/// assert_eq!(e.guild_id(), Some(Snowflake(1294290832219963563)));
/// assert_eq!(e.kind, Some(InviteType::GUILD));
/// assert_eq!((e.uses, e.max_uses), (Some(0), Some(0)));
/// assert_eq!(e.expiry(), Some("2025-08-11T15:51:03Z".parse::<Timestamp>()?));
/// # Ok::<(), Box<dyn core::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InviteCreate<'a> {
    /// The channel the invite is for (Discord; Fluxer sends `channel`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<Snowflake>,
    /// The invite code.
    #[serde(borrow)]
    pub code: CowStr<'a>,
    /// When the invite was created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// The guild (Discord; absent for invites that belong to no guild; Fluxer sends `guild`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<Snowflake>,
    /// Who created the invite.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub inviter: Option<User<'a>>,
    /// Lifetime in seconds; `0` means forever (Fluxer does not send it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u64>,
    /// How many uses are allowed; `0` means unlimited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_uses: Option<u64>,
    /// What a voice-channel invite opens (also read from `target_user_type`, its name before
    /// 2021; a payload with both keys is rejected as a duplicate field).
    #[serde(alias = "target_user_type", skip_serializing_if = "Option::is_none")]
    pub target_type: Option<TargetType>,
    /// The streaming user of a `STREAM` invite: a user object, not an id. Boxed.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub target_user: Option<Box<User<'a>>>,
    /// The application of an `EMBEDDED_APPLICATION` invite (partial). Boxed.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub target_application: Option<Box<InviteApplication<'a>>>,
    /// Whether accepting grants only temporary membership.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temporary: Option<bool>,
    /// How many times it was used: an integer (0 on Discord), not a flag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uses: Option<u64>,
    /// When the invite expires; `None` if it never does (sent as `null`) or the key is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Timestamp>,
    /// Roles granted to whoever accepts the invite.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_ids: Option<Vec<Snowflake>>,
    /// The invite's type (`type`; sent by Discord without documenting it, and by Fluxer).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<InviteType>,
    /// Guild invite flags (undocumented on this event); unknown bits are kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flags: Option<GuildInviteFlags>,
    /// Whether `@everyone` may change nicknames (undocumented on this event).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_nickname_changeable: Option<bool>,
    /// The guild (Fluxer). Boxed.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub guild: Option<Box<InviteGuild<'a>>>,
    /// The channel (Fluxer). Boxed.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Box<InviteChannel<'a>>>,
    /// The guild's member count (Fluxer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_count: Option<u64>,
    /// The guild's online member count (Fluxer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presence_count: Option<u64>,
}

impl InviteCreate<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> InviteCreate<'static> {
        InviteCreate {
            channel_id: self.channel_id,
            code: self.code.into_owned(),
            created_at: self.created_at,
            guild_id: self.guild_id,
            inviter: self.inviter.into_static(),
            max_age: self.max_age,
            max_uses: self.max_uses,
            target_type: self.target_type,
            target_user: self.target_user.into_static(),
            target_application: self.target_application.into_static(),
            temporary: self.temporary,
            uses: self.uses,
            expires_at: self.expires_at,
            role_ids: self.role_ids,
            kind: self.kind,
            flags: self.flags,
            is_nickname_changeable: self.is_nickname_changeable,
            guild: self.guild.into_static(),
            channel: self.channel.into_static(),
            member_count: self.member_count,
            presence_count: self.presence_count,
        }
    }

    /// The guild's id: `guild_id` (Discord), else `guild.id` (Fluxer).
    pub fn guild_id(&self) -> Option<Snowflake> {
        self.guild_id.or(self.guild.as_ref().map(|g| g.id))
    }

    /// The channel's id: `channel_id` (Discord), else `channel.id` (Fluxer).
    pub fn channel_id(&self) -> Option<Snowflake> {
        self.channel_id.or(self.channel.as_ref().map(|c| c.id))
    }

    /// The inviter's id.
    pub fn inviter_id(&self) -> Option<Snowflake> {
        self.inviter.as_ref().map(|u| u.id)
    }

    /// When the invite stops working because of time: `expires_at`, or else `created_at +
    /// max_age` when `max_age` is positive; `None` if it never expires (as far as the event
    /// says). The same rule as [`Invite::expiry`](crate::Invite::expiry).
    pub fn expiry(&self) -> Option<Timestamp> {
        crate::invite::expiry_of(self.expires_at, self.created_at, self.max_age)
    }

    /// Whether this is a guest invite (flag `IS_GUEST_INVITE`): its users reach one voice
    /// channel without becoming members.
    pub fn is_guest(&self) -> bool {
        self.flags
            .is_some_and(|f| f.contains(GuildInviteFlags::IS_GUEST_INVITE))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn discord_shape_reads_and_writes_back() {
        let json = r#"{"channel_id":"2","code":"abc","created_at":"2025-08-11T03:51:03.054974+00:00","max_age":0,"max_uses":1,"temporary":false,"uses":0,"expires_at":null,"flags":9,"type":0}"#;
        let e: InviteCreate<'_> = serde_json::from_str(json).unwrap();
        assert_eq!(e.channel_id(), Some(Snowflake(2)));
        assert_eq!(e.guild_id(), None);
        assert_eq!(e.expires_at, None);
        assert_eq!(e.expiry(), None, "max_age 0 never expires");
        assert!(e.is_guest());
        assert_eq!(e.flags.map(|f| f.bits()), Some(9));
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"channel_id":"2","code":"abc","created_at":"2025-08-11T03:51:03.054974+00:00","max_age":0,"max_uses":1,"temporary":false,"uses":0,"type":0,"flags":9}"#
        );
    }

    #[test]
    fn expiry_from_max_age_when_expires_at_is_absent() {
        let e: InviteCreate<'_> = serde_json::from_str(
            r#"{"code":"a","created_at":"2025-08-11T00:00:00Z","max_age":3600}"#,
        )
        .unwrap();
        assert_eq!(e.expiry(), Some("2025-08-11T01:00:00Z".parse().unwrap()));
    }

    #[test]
    fn uses_is_a_number_and_ids_are_objects() {
        let e =
            serde_json::from_str::<InviteCreate<'_>>(r#"{"code":"a","uses":false}"#).unwrap_err();
        assert!(
            e.to_string().starts_with("invalid type: boolean `false`"),
            "{e}"
        );
        let e = serde_json::from_str::<InviteCreate<'_>>(r#"{"code":"a","target_user":"1"}"#)
            .unwrap_err();
        assert!(e.to_string().starts_with("invalid type: string"), "{e}");
        let e: InviteCreate<'_> =
            serde_json::from_str(r#"{"code":"a","target_user_type":1}"#).unwrap();
        assert_eq!(e.target_type, Some(TargetType::STREAM));
    }
}
