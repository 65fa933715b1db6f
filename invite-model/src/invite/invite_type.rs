//! [`InviteType`]: what an invite leads to, a number whose meaning depends on the platform.

use core::fmt;

use serde::{Deserialize, Serialize};

use crate::platform::Platform;

/// The `type` of an invite.
///
/// A plain number rather than an enum, because Discord and Fluxer disagree about it: `2` is a
/// friend invite on Discord and an emoji-pack invite on Fluxer, and `3` is a sticker-pack invite on
/// Fluxer but unknown on Discord. [`name`](Self::name) reads it for one platform. Any value is kept
/// on a round trip.
///
/// ```
/// use invite_model::{InviteType, Platform};
/// let t: InviteType = serde_json::from_str("2").unwrap();
/// assert_eq!(t.name(Platform::Discord), Some("FRIEND"));
/// assert_eq!(t.name(Platform::Fluxer), Some("EMOJI_PACK"));
/// assert_eq!(format!("{t:?}"), "InviteType(2: discord FRIEND, fluxer EMOJI_PACK)");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
#[allow(
    clippy::exhaustive_structs,
    reason = "a newtype over the wire value: any `u8` is a valid type"
)]
pub struct InviteType(pub u8);

impl InviteType {
    /// A guild invite (both platforms).
    pub const GUILD: Self = Self(0);
    /// A group DM invite (both platforms).
    pub const GROUP_DM: Self = Self(1);
    /// A friend invite (Discord; the same number as [`FLUXER_EMOJI_PACK`](Self::FLUXER_EMOJI_PACK)).
    pub const FRIEND: Self = Self(2);
    /// An emoji-pack invite (Fluxer; the same number as [`FRIEND`](Self::FRIEND)).
    pub const FLUXER_EMOJI_PACK: Self = Self(2);
    /// A sticker-pack invite (Fluxer; unknown on Discord).
    pub const FLUXER_STICKER_PACK: Self = Self(3);

    /// The raw wire value.
    pub const fn get(self) -> u8 {
        self.0
    }

    /// The documented name of this value on `platform` (`GUILD`, `GROUP_DM`, `FRIEND`,
    /// `EMOJI_PACK`, `STICKER_PACK`), or `None` if that platform does not define it.
    pub const fn name(self, platform: Platform) -> Option<&'static str> {
        match (self.0, platform) {
            (0, _) => Some("GUILD"),
            (1, _) => Some("GROUP_DM"),
            (2, Platform::Discord) => Some("FRIEND"),
            (2, Platform::Fluxer) => Some("EMOJI_PACK"),
            (3, Platform::Fluxer) => Some("STICKER_PACK"),
            _ => None,
        }
    }

    /// Whether `platform` defines this value.
    pub const fn is_known(self, platform: Platform) -> bool {
        self.name(platform).is_some()
    }
}

impl From<u8> for InviteType {
    fn from(v: u8) -> Self {
        Self(v)
    }
}

impl From<InviteType> for u8 {
    fn from(v: InviteType) -> Self {
        v.0
    }
}

impl fmt::Debug for InviteType {
    /// The number and its reading on each platform, e.g. `InviteType(0: GUILD)`,
    /// `InviteType(2: discord FRIEND, fluxer EMOJI_PACK)`, `InviteType(7: unknown)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let discord = self.name(Platform::Discord);
        let fluxer = self.name(Platform::Fluxer);
        match (discord, fluxer) {
            (Some(d), Some(x)) if d == x => write!(f, "InviteType({}: {d})", self.0),
            (None, None) => write!(f, "InviteType({}: unknown)", self.0),
            (d, x) => write!(
                f,
                "InviteType({}: discord {}, fluxer {})",
                self.0,
                d.unwrap_or("unknown"),
                x.unwrap_or("unknown")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn names_per_platform() {
        use Platform::{Discord, Fluxer};
        assert_eq!(InviteType::GUILD.name(Discord), Some("GUILD"));
        assert_eq!(InviteType::GUILD.name(Fluxer), Some("GUILD"));
        assert_eq!(InviteType::GROUP_DM.name(Fluxer), Some("GROUP_DM"));
        assert_eq!(InviteType::FRIEND, InviteType::FLUXER_EMOJI_PACK);
        assert_eq!(InviteType::FRIEND.name(Discord), Some("FRIEND"));
        assert_eq!(InviteType::FRIEND.name(Fluxer), Some("EMOJI_PACK"));
        assert_eq!(
            InviteType::FLUXER_STICKER_PACK.name(Fluxer),
            Some("STICKER_PACK")
        );
        assert_eq!(InviteType::FLUXER_STICKER_PACK.name(Discord), None);
        assert!(!InviteType(3).is_known(Discord));
        assert!(InviteType(3).is_known(Fluxer));
        assert_eq!(InviteType(7).name(Fluxer), None);
    }

    #[test]
    fn debug_is_honest() {
        assert_eq!(format!("{:?}", InviteType::GUILD), "InviteType(0: GUILD)");
        assert_eq!(
            format!("{:?}", InviteType(2)),
            "InviteType(2: discord FRIEND, fluxer EMOJI_PACK)"
        );
        assert_eq!(
            format!("{:?}", InviteType(3)),
            "InviteType(3: discord unknown, fluxer STICKER_PACK)"
        );
        assert_eq!(format!("{:?}", InviteType(7)), "InviteType(7: unknown)");
    }

    #[test]
    fn unknown_values_round_trip() {
        let t: InviteType = serde_json::from_str("7").unwrap();
        assert_eq!(t, InviteType(7));
        assert_eq!(serde_json::to_string(&t).unwrap(), "7");
        assert_eq!(u8::from(t), 7);
        assert!(serde_json::from_str::<InviteType>("256").is_err());
    }
}
