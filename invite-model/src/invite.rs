//! [`Invite`]: one type for every invite the APIs send, with or without metadata.

pub(crate) mod application;
pub(crate) mod channel;
pub(crate) mod channel_type;
pub(crate) mod flags;
pub(crate) mod fluxer_only;
pub(crate) mod guild;
pub(crate) mod invite_type;
pub(crate) mod job_status;
pub(crate) mod nsfw_level;
pub(crate) mod pack;
pub(crate) mod premium_tier;
pub(crate) mod recurrence;
pub(crate) mod role;
pub(crate) mod scheduled_event;
pub(crate) mod splash_card_alignment;
pub(crate) mod stage_instance;
pub(crate) mod target_type;
pub(crate) mod user;
pub(crate) mod verification_level;
pub(crate) mod welcome_screen;

use alloc::boxed::Box;
use alloc::vec::Vec;

use serde::Serialize;

use crate::code::InviteUrl;
use crate::invite::application::InviteApplication;
use crate::invite::channel::InviteChannel;
use crate::invite::flags::GuildInviteFlags;
use crate::invite::guild::InviteGuild;
use crate::invite::invite_type::InviteType;
use crate::invite::job_status::TargetUsersJobStatus;
use crate::invite::pack::InvitePack;
use crate::invite::role::InviteRole;
use crate::invite::scheduled_event::GuildScheduledEvent;
use crate::invite::stage_instance::InviteStageInstance;
use crate::invite::target_type::TargetType;
use crate::invite::user::User;
use crate::platform::Platform;
use crate::primitive::cow_str::CowStr;
use crate::primitive::serde_util::{IntoStatic, into_static_via_into_owned};
use crate::primitive::snowflake::Snowflake;
use crate::primitive::timestamp::Timestamp;

/// An invite: Discord guild, group DM and friend invites, Fluxer guild, group DM and pack invites,
/// as returned by every endpoint (with or without the metadata fields `uses`, `max_uses`,
/// `max_age`, `temporary`, `created_at`).
///
/// Everything but `code` is optional: a field the API did not send (or sent as `null`) is `None`,
/// unknown fields are ignored, and `None` fields are not written back, so a value survives a
/// serialize → deserialize round trip unchanged. The channel and inviter are stored inline, the
/// guild in one box, and strings borrow from the input ([`CowStr`]), so parsing a typical guild
/// invite from a byte slice allocates once (the guild), plus once per non-empty array and escaped
/// string. The rare sub-objects (`target_user`, `target_application`, `guild_scheduled_event`,
/// `stage_instance`, `target_users_job_status`, `pack`) are boxed too: one allocation each when
/// present. So the struct is 584 bytes (952 with the guild inline, 1,688 with `target_user` and
/// `target_application` inline too), which every element of a list holds; the boxed sub-objects
/// are built in their boxes, not moved there. Discord's user-API `profile` object is ignored when
/// read.
///
/// ```
/// use invite_model::{Invite, InviteType, Platform, Timestamp};
/// let json = br#"{"type":0,"code":"jvuBeT38","guild":{"id":"1046920999469330512",
///     "name":"Alien Network","features":[]},"channel":{"id":"1057241425793798144","type":2,
///     "name":"alien noises"},"expires_at":"2023-07-22T18:30:11+00:00","uses":0,"max_uses":0}"#;
/// let invite: Invite<'_> = serde_json::from_slice(json).unwrap();
/// assert_eq!(invite.kind, Some(InviteType::GUILD));
/// assert_eq!(invite.link(Platform::Discord).to_string(), "https://discord.gg/jvuBeT38");
/// let now: Timestamp = "2023-07-23T00:00:00Z".parse().unwrap();
/// assert!(invite.is_expired_at(now));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
#[non_exhaustive]
pub struct Invite<'a> {
    /// What the invite leads to (`type`); its meaning depends on the platform. Absent in very
    /// old payloads (see [`inferred_kind`](Self::inferred_kind)).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<InviteType>,
    /// The invite code (the part after `discord.gg/`).
    pub code: CowStr<'a>,
    /// The guild of a guild invite. Boxed: inline, its 376 bytes would be in every element of a
    /// list, and every move of an invite would copy them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guild: Option<Box<InviteGuild<'a>>>,
    /// The guild's id (Discord sends it beside `guild`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<Snowflake>,
    /// The channel; `None` when absent or `null` (friend invites without a DM channel, pack
    /// invites).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<InviteChannel<'a>>,
    /// Who created the invite.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inviter: Option<User<'a>>,
    /// What a voice-channel invite opens. Also read from `target_user_type`, its name before
    /// 2021 (a payload with both keys is rejected as a duplicate field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_type: Option<TargetType>,
    /// The streaming user of a `STREAM` invite. Boxed (rare).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_user: Option<Box<User<'a>>>,
    /// The application of an `EMBEDDED_APPLICATION` invite. Boxed (rare and large).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_application: Option<Box<InviteApplication<'a>>>,
    /// Approximate member count (Discord, with `with_counts`). See
    /// [`member_count()`](Self::member_count).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approximate_member_count: Option<u64>,
    /// Approximate online member count (Discord, with `with_counts`). See
    /// [`presence_count()`](Self::presence_count).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approximate_presence_count: Option<u64>,
    /// Member count (Fluxer's name for `approximate_member_count`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_count: Option<u64>,
    /// Online member count (Fluxer's name for `approximate_presence_count`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presence_count: Option<u64>,
    /// When the invite expires; `None` if it never does (or the key was absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Timestamp>,
    /// The scheduled event asked for with `guild_scheduled_event_id` (boxed: rare and large).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guild_scheduled_event: Option<Box<GuildScheduledEvent<'a>>>,
    /// The live stage of a stage-channel invite. **Deprecated** by Discord. Boxed (rare).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_instance: Option<Box<InviteStageInstance<'a>>>,
    /// Whether `@everyone` may change nicknames in the guild (Get Invite with
    /// `with_permissions`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_nickname_changeable: Option<bool>,
    /// Guild invite flags; unknown bits are kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flags: Option<GuildInviteFlags>,
    /// Roles granted to whoever accepts the invite.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<InviteRole<'a>>>,
    /// Whether the accepting user is new to the guild (Accept Invite only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_member: Option<bool>,
    /// Whether to show the member verification form (Accept Invite only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_verification_form: Option<bool>,
    /// The target-users job of the invite (List Guild Invites, user API). Boxed (rare).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_users_job_status: Option<Box<TargetUsersJobStatus<'a>>>,
    /// The emoji or sticker pack of a Fluxer pack invite. Boxed (rare and large).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pack: Option<Box<InvitePack<'a>>>,
    /// The inviter's friend count (Discord friend invites).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friends_count: Option<u64>,
    /// Whether the inviter is one of the user's contacts (Discord).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_contact: Option<bool>,
    /// Metadata: how many times the invite was used (not tracked for group DMs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uses: Option<u64>,
    /// Metadata: how many uses are allowed; `0` means unlimited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_uses: Option<u64>,
    /// Metadata: lifetime in seconds; `0` means forever (Fluxer does not send it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u64>,
    /// Whether accepting grants only temporary membership (metadata on Discord, always sent by
    /// Fluxer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temporary: Option<bool>,
    /// Metadata: when the invite was created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
}

impl Invite<'_> {
    /// A copy that owns its strings, independent of the input buffer.
    pub fn into_owned(self) -> Invite<'static> {
        Invite {
            kind: self.kind,
            code: self.code.into_owned(),
            guild: self.guild.into_static(),
            guild_id: self.guild_id,
            channel: self.channel.into_static(),
            inviter: self.inviter.into_static(),
            target_type: self.target_type,
            target_user: self.target_user.into_static(),
            target_application: self.target_application.into_static(),
            approximate_member_count: self.approximate_member_count,
            approximate_presence_count: self.approximate_presence_count,
            member_count: self.member_count,
            presence_count: self.presence_count,
            expires_at: self.expires_at,
            guild_scheduled_event: self.guild_scheduled_event.into_static(),
            stage_instance: self.stage_instance.into_static(),
            is_nickname_changeable: self.is_nickname_changeable,
            flags: self.flags,
            roles: self.roles.into_static(),
            new_member: self.new_member,
            show_verification_form: self.show_verification_form,
            target_users_job_status: self.target_users_job_status.into_static(),
            pack: self.pack.into_static(),
            friends_count: self.friends_count,
            is_contact: self.is_contact,
            uses: self.uses,
            max_uses: self.max_uses,
            max_age: self.max_age,
            temporary: self.temporary,
            created_at: self.created_at,
        }
    }

    /// The guild's member count: Discord's `approximate_member_count`, else Fluxer's
    /// `member_count`.
    pub fn member_count(&self) -> Option<u64> {
        self.approximate_member_count.or(self.member_count)
    }

    /// The guild's online member count: Discord's `approximate_presence_count`, else Fluxer's
    /// `presence_count`.
    pub fn presence_count(&self) -> Option<u64> {
        self.approximate_presence_count.or(self.presence_count)
    }

    /// The guild's id, from `guild_id` or else `guild.id`.
    pub fn guild_id(&self) -> Option<Snowflake> {
        self.guild_id.or(self.guild.as_ref().map(|g| g.id))
    }

    /// The invite's type: `kind` if sent, else a guess for old payloads without `type`
    /// ([`InviteType::GUILD`] if there is a guild, [`InviteType::GROUP_DM`] if the channel is a
    /// group DM), else `None`.
    pub fn inferred_kind(&self) -> Option<InviteType> {
        if self.kind.is_some() {
            return self.kind;
        }
        if self.guild.is_some() || self.guild_id.is_some() {
            return Some(InviteType::GUILD);
        }
        match &self.channel {
            Some(c) if c.kind == crate::invite::channel_type::ChannelType::GROUP_DM => {
                Some(InviteType::GROUP_DM)
            }
            _ => None,
        }
    }

    /// The name of the invite's `type` on `platform` (`GUILD`, `FRIEND`, `EMOJI_PACK`, ...), or
    /// `None` if the type is absent or unknown there.
    pub fn kind_name(&self, platform: Platform) -> Option<&'static str> {
        self.kind.and_then(|k| k.name(platform))
    }

    /// When the invite stops working because of time: `expires_at`, or, if that is absent,
    /// `created_at + max_age` when `max_age` is positive; `None` if it never expires (as far as
    /// the payload says).
    pub fn expiry(&self) -> Option<Timestamp> {
        expiry_of(self.expires_at, self.created_at, self.max_age)
    }

    /// Whether the invite no longer works at `now`: its [`expiry`](Self::expiry) has passed, or a
    /// positive `max_uses` has been reached by `uses`.
    pub fn is_expired_at(&self, now: Timestamp) -> bool {
        let timed_out = self.expiry().is_some_and(|t| t <= now);
        let used_up = matches!((self.uses, self.max_uses), (Some(u), Some(m)) if m > 0 && u >= m);
        timed_out || used_up
    }

    /// The shareable link (`https://discord.gg/CODE`, `https://fluxer.gg/CODE`), formatted
    /// without allocating.
    pub fn link(&self, platform: Platform) -> InviteUrl<'_> {
        InviteUrl::new(platform, &self.code)
    }
}

into_static_via_into_owned!(Invite);

crate::primitive::struct_de::deserialize_struct! {
    Invite, "Invite",
    kind: optional = b"type",
    code: required = b"code",
    guild: in_place = b"guild",
    guild_id: optional = b"guild_id",
    channel: in_place = b"channel",
    inviter: in_place = b"inviter",
    target_type: optional = b"target_type" | b"target_user_type",
    target_user: in_place = b"target_user",
    target_application: optional = b"target_application",
    approximate_member_count: optional = b"approximate_member_count",
    approximate_presence_count: optional = b"approximate_presence_count",
    member_count: optional = b"member_count",
    presence_count: optional = b"presence_count",
    expires_at: optional = b"expires_at",
    guild_scheduled_event: optional = b"guild_scheduled_event",
    stage_instance: optional = b"stage_instance",
    is_nickname_changeable: optional = b"is_nickname_changeable",
    flags: optional = b"flags",
    roles: optional = b"roles",
    new_member: optional = b"new_member",
    show_verification_form: optional = b"show_verification_form",
    target_users_job_status: optional = b"target_users_job_status",
    pack: optional = b"pack",
    friends_count: optional = b"friends_count",
    is_contact: optional = b"is_contact",
    uses: optional = b"uses",
    max_uses: optional = b"max_uses",
    max_age: optional = b"max_age",
    temporary: optional = b"temporary",
    created_at: optional = b"created_at",
}

/// The one expiry rule of invites and invite events: `expires_at` if sent, else `created_at +
/// max_age` when `max_age` is positive, else `None` (never, as far as the payload says).
pub(crate) fn expiry_of(
    expires_at: Option<Timestamp>,
    created_at: Option<Timestamp>,
    max_age: Option<u64>,
) -> Option<Timestamp> {
    if expires_at.is_some() {
        return expires_at;
    }
    let max_age = i64::try_from(max_age?).ok().filter(|&s| s > 0)?;
    created_at?
        .0
        .checked_add(time::Duration::seconds(max_age))
        .map(Timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    /// Every element of a list holds a whole `Invite`: keep the guild and the rare sub-objects
    /// boxed so that it stays small (2752 bytes with all of them inline, 1688 with `target_user`
    /// and `target_application` inline, 952 with the guild inline, 584 now; the target is 600).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn invite_stays_small() {
        let size = core::mem::size_of::<Invite<'_>>();
        assert!(size <= 600, "Invite is {size} bytes");
        assert_eq!(size, 584, "update the docs when the size changes");
    }

    #[test]
    fn minimal_invite_needs_only_code() {
        let i: Invite<'_> = serde_json::from_slice(br#"{"code":"abc"}"#).unwrap();
        assert_eq!(i.code, "abc");
        assert_eq!(
            i,
            Invite {
                code: CowStr::from("abc"),
                ..Invite::default()
            }
        );
        assert_eq!(serde_json::to_string(&i).unwrap(), r#"{"code":"abc"}"#);
        let e = serde_json::from_str::<Invite<'_>>(r#"{"type":0}"#).unwrap_err();
        assert_eq!(e.to_string(), "missing field `code` at line 1 column 10");
    }

    #[test]
    fn counts_prefer_discord_then_fluxer() {
        let mut i = Invite {
            member_count: Some(10),
            presence_count: Some(3),
            ..Invite::default()
        };
        assert_eq!((i.member_count(), i.presence_count()), (Some(10), Some(3)));
        i.approximate_member_count = Some(12);
        i.approximate_presence_count = Some(4);
        assert_eq!((i.member_count(), i.presence_count()), (Some(12), Some(4)));
        assert_eq!(Invite::default().member_count(), None);
    }

    #[test]
    fn expiry_by_time_and_by_uses() {
        let now = ts("2023-07-20T00:00:00Z");
        let mut i = Invite {
            expires_at: Some(ts("2023-07-22T18:30:11+00:00")),
            ..Invite::default()
        };
        assert!(!i.is_expired_at(now));
        assert!(i.is_expired_at(ts("2023-07-22T18:30:11Z")));
        assert!(i.is_expired_at(ts("2023-07-22T20:30:12+02:00")));
        i.uses = Some(5);
        i.max_uses = Some(5);
        assert!(i.is_expired_at(now));
        i.max_uses = Some(0);
        assert!(!i.is_expired_at(now), "max_uses 0 means unlimited");
        i.expires_at = None;
        assert_eq!(i.expiry(), None);
        assert!(!i.is_expired_at(now));
    }

    #[test]
    fn expiry_falls_back_to_created_at_plus_max_age() {
        let mut i = Invite {
            created_at: Some(ts("2023-07-15T18:30:11.047+00:00")),
            max_age: Some(604_800),
            ..Invite::default()
        };
        assert_eq!(i.expiry(), Some(ts("2023-07-22T18:30:11.047+00:00")));
        i.max_age = Some(0);
        assert_eq!(i.expiry(), None);
        i.max_age = Some(u64::MAX);
        assert_eq!(i.expiry(), None);
    }

    #[test]
    fn links() {
        let i = Invite {
            code: CowStr::from("jvuBeT38"),
            ..Invite::default()
        };
        assert_eq!(
            i.link(Platform::Discord).to_string(),
            "https://discord.gg/jvuBeT38"
        );
        assert_eq!(
            i.link(Platform::Fluxer).to_string(),
            "https://fluxer.gg/jvuBeT38"
        );
        assert_eq!(
            InviteUrl::new(Platform::Discord, "é x/").to_string(),
            "https://discord.gg/%C3%A9%20x%2F"
        );
        assert_eq!(
            InviteUrl::new(Platform::Discord, "").to_string(),
            "https://discord.gg/"
        );
        assert_eq!(
            InviteUrl::new(Platform::Discord, "a😀").to_string(),
            "https://discord.gg/a%F0%9F%98%80"
        );
    }

    #[test]
    fn kinds() {
        let mut i = Invite::default();
        assert_eq!(i.inferred_kind(), None);
        assert_eq!(i.kind_name(Platform::Discord), None);
        i.channel = Some(InviteChannel {
            kind: crate::invite::channel_type::ChannelType::GROUP_DM,
            ..InviteChannel::default()
        });
        assert_eq!(i.inferred_kind(), Some(InviteType::GROUP_DM));
        i.guild_id = Some(Snowflake(1));
        assert_eq!(i.inferred_kind(), Some(InviteType::GUILD));
        assert_eq!(i.guild_id(), Some(Snowflake(1)));
        i.kind = Some(InviteType(2));
        assert_eq!(i.inferred_kind(), Some(InviteType(2)));
        assert_eq!(i.kind_name(Platform::Discord), Some("FRIEND"));
        assert_eq!(i.kind_name(Platform::Fluxer), Some("EMOJI_PACK"));
    }

    #[test]
    fn into_owned_outlives_the_input() {
        let buf = alloc::string::String::from(
            r#"{"code":"abc","guild":{"id":"1","name":"G","features":["X"]},"inviter":{"id":"2","username":"u"}}"#,
        );
        let borrowed: Invite<'_> = serde_json::from_str(&buf).unwrap();
        assert!(borrowed.code.is_borrowed());
        let owned: Invite<'static> = borrowed.clone().into_owned();
        drop(buf);
        assert_eq!(owned.code, "abc");
        assert!(!owned.code.is_borrowed());
        assert_eq!(
            owned.guild.map(|g| g.features),
            Some(alloc::vec![CowStr::from("X")])
        );
    }
}
