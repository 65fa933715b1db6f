//! [`MemberAdd`]: the part of `GUILD_MEMBER_ADD` that says who joined which guild, and when.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::primitive::cow_str::CowStr;
use crate::primitive::serde_util::IntoStatic;
use crate::primitive::snowflake::Snowflake;
use crate::primitive::timestamp::Timestamp;

/// `GUILD_MEMBER_ADD` (a guild member object plus `guild_id`), reduced to what an invite tracker
/// needs: the guild, the user (id, whether a bot), `joined_at`, the member `flags` and `pending`.
/// The member's roles, nickname, avatar and the rest are ignored when read.
///
/// `joined_at` is optional: guest members have `null` there (twilight#2230).
///
/// ```
/// use invite_model::event::{MemberAdd, MemberFlags};
/// use invite_model::Snowflake;
/// let m: MemberAdd<'_> = serde_json::from_str(r#"{
///     "guild_id": "1046920999469330512", "joined_at": "2026-01-02T03:04:05.678+00:00",
///     "flags": 1025, "pending": false, "roles": [], "deaf": false, "mute": false,
///     "user": {"id": "80351110224678912", "username": "nelly", "bot": false}
/// }"#)?;
/// assert_eq!(m.guild_id, Snowflake(1046920999469330512));
/// assert_eq!(m.user.id, Snowflake(80351110224678912));
/// assert!(!m.is_bot());
/// let flags = m.flags.unwrap();
/// assert!(flags.contains(MemberFlags::DID_REJOIN));
/// assert_eq!(flags.bits(), 1025, "unknown bits are kept");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MemberAdd<'a> {
    /// The guild joined.
    pub guild_id: Snowflake,
    /// Who joined.
    #[serde(borrow)]
    pub user: MemberUser<'a>,
    /// When they joined (the server's clock); `None` when `null` (guests) or absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joined_at: Option<Timestamp>,
    /// Member flags; unknown bits are kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flags: Option<MemberFlags>,
    /// Whether the member has not yet passed the guild's membership screening.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending: Option<bool>,
}

/// The `user` of a [`MemberAdd`]: its id, whether it is a bot, and its names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MemberUser<'a> {
    /// The user's id.
    pub id: Snowflake,
    /// The unique username.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub username: Option<CowStr<'a>>,
    /// The display name, if set.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub global_name: Option<CowStr<'a>>,
    /// Whether the user is a bot (bots join through OAuth2, never through an invite).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bot: Option<bool>,
}

impl MemberAdd<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> MemberAdd<'static> {
        MemberAdd {
            guild_id: self.guild_id,
            user: self.user.into_owned(),
            joined_at: self.joined_at,
            flags: self.flags,
            pending: self.pending,
        }
    }

    /// Whether the member is a bot.
    pub fn is_bot(&self) -> bool {
        self.user.bot == Some(true)
    }

    /// Whether the member left and joined again (flag `DID_REJOIN`).
    pub fn is_rejoin(&self) -> bool {
        self.flags
            .is_some_and(|f| f.contains(MemberFlags::DID_REJOIN))
    }

    /// Whether the member is a guest of one voice channel rather than a true member (flag
    /// `IS_GUEST`).
    pub fn is_guest(&self) -> bool {
        self.flags
            .is_some_and(|f| f.contains(MemberFlags::IS_GUEST))
    }
}

impl MemberUser<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> MemberUser<'static> {
        MemberUser {
            id: self.id,
            username: self.username.into_static(),
            global_name: self.global_name.into_static(),
            bot: self.bot,
        }
    }
}

bitflags::bitflags! {
    /// Flags of a guild member (`flags`). Unknown bits are kept on a round trip.
    #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
    pub struct MemberFlags: u64 {
        /// The member left and joined the guild again.
        const DID_REJOIN = 1 << 0;
        /// The member completed onboarding.
        const COMPLETED_ONBOARDING = 1 << 1;
        /// The member is exempt from the guild's verification requirements.
        const BYPASSES_VERIFICATION = 1 << 2;
        /// The member started onboarding.
        const STARTED_ONBOARDING = 1 << 3;
        /// The member is a guest who can reach only the voice channel they were invited to.
        const IS_GUEST = 1 << 4;
        /// The member started the Server Guide's new-member actions.
        const STARTED_HOME_ACTIONS = 1 << 5;
        /// The member completed the Server Guide's new-member actions.
        const COMPLETED_HOME_ACTIONS = 1 << 6;
        /// AutoMod blocked the member's username, display name or nickname.
        const AUTOMOD_QUARANTINED_USERNAME = 1 << 7;
        /// The member dismissed the DM settings upsell.
        const DM_SETTINGS_UPSELL_ACKNOWLEDGED = 1 << 9;
        /// AutoMod blocked the member's guild tag.
        const AUTOMOD_QUARANTINED_GUILD_TAG = 1 << 10;
    }
}

impl fmt::Debug for MemberFlags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MemberFlags(")?;
        bitflags::parser::to_writer(self, &mut *f)?;
        write!(f, ")")
    }
}

impl Serialize for MemberFlags {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.bits())
    }
}

impl<'de> Deserialize<'de> for MemberFlags {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        u64::deserialize(deserializer).map(Self::from_bits_retain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::ToString;

    #[test]
    fn guest_with_null_joined_at_and_no_flags() {
        let m: MemberAdd<'_> =
            serde_json::from_str(r#"{"guild_id":"1","joined_at":null,"user":{"id":"2"}}"#).unwrap();
        assert_eq!(m.joined_at, None);
        assert!(!m.is_bot() && !m.is_rejoin() && !m.is_guest());
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"guild_id":"1","user":{"id":"2"}}"#
        );
    }

    #[test]
    fn flags_keep_unknown_bits_and_show_names() {
        let f = MemberFlags::from_bits_retain((1 << 4) | (1 << 40));
        assert_eq!(serde_json::to_string(&f).unwrap(), "1099511627792");
        assert_eq!(format!("{f:?}"), "MemberFlags(IS_GUEST | 0x10000000000)");
        let back: MemberFlags = serde_json::from_str("1099511627792").unwrap();
        assert_eq!(back, f);
    }

    #[test]
    fn guild_and_user_are_required() {
        let e = serde_json::from_str::<MemberAdd<'_>>(r#"{"user":{"id":"2"}}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "missing field `guild_id` at line 1 column 19"
        );
        let e = serde_json::from_str::<MemberAdd<'_>>(r#"{"guild_id":"1"}"#).unwrap_err();
        assert_eq!(e.to_string(), "missing field `user` at line 1 column 16");
    }
}
