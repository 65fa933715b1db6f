//! The [`Permissions`] bit set, and the permission table: one row per documented bit with its
//! canonical names. The table is the one source of canonical names; the name index
//! (`names.rs`) and every rendering read them from here.
//!
//! This module imports only the leaf `number` module: lookups by name live in `names.rs` and
//! the list parser (`FromStr`) in `parse.rs`, which both build on this one.

use core::fmt;
use core::ops::{BitAnd, BitAndAssign, BitOr, BitOrAssign, BitXor, BitXorAssign, Sub, SubAssign};

use bitflags::{Flag, Flags};

/// A set of Discord permission bits (a `u64`; Discord sends it as a decimal string).
///
/// Every bit Discord documents has a constant (bits 0–46 and 48–52; bit 47 is unused). Bits that
/// no constant names are **kept** everywhere: [`from_bits_retain`](Self::from_bits_retain), the
/// operators, serde and [`parse_permissions`](crate::parse_permissions) never drop them, so a
/// value Discord sends back after it adds a new permission survives a round trip.
///
/// `Display` writes the canonical text form, which [`parse_permissions`](crate::parse_permissions)
/// reads back to the same value: the names of the set flags in bit order joined by ` | `, then
/// any bits without a name as one `0x…` hexadecimal item; the empty set is written `0`.
///
/// ```
/// use invite_perms::Permissions;
///
/// let p = Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES;
/// assert_eq!(p.bits(), 3072);
/// assert_eq!(p.to_string(), "VIEW_CHANNEL | SEND_MESSAGES");
///
/// let future = Permissions::from_bits_retain(p.bits() | 1 << 60);
/// assert_eq!(future.to_string(), "VIEW_CHANNEL | SEND_MESSAGES | 0x1000000000000000");
/// assert_eq!(future.to_string().parse::<Permissions>(), Ok(future));
/// ```
///
/// The type implements [`bitflags::Flags`], so the `bitflags` tools (iteration, its text
/// parser) work with it too. The inherent [`from_name`](Self::from_name) accepts every spelling
/// this crate knows, not just the canonical constant names.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[repr(transparent)]
pub struct Permissions(u64);

/// One row of the permission table: a bit and its canonical names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row {
    /// The bit number (0–63).
    pub(crate) bit: u8,
    /// Discord's name, SCREAMING_SNAKE (`SEND_MESSAGES`); the constant has the same name.
    pub(crate) name: &'static str,
    /// discord.js's PascalCase name (`SendMessages`, `SendTTSMessages`).
    pub(crate) pascal: &'static str,
}

impl Row {
    /// The row's single bit.
    pub(crate) const fn bits(&self) -> u64 {
        1 << self.bit
    }
}

/// Declares the permission constants and the permission table from one list.
macro_rules! permission_table {
    ($( $(#[$doc:meta])* $bit:literal $name:ident $pascal:literal; )*) => {
        impl Permissions {
            $(
                $(#[$doc])*
                pub const $name: Self = Self(1 << $bit);
            )*
        }

        /// The permission table, in bit order (checked by a test).
        pub(crate) const ROWS: &[Row] = &[$(Row { bit: $bit, name: stringify!($name), pascal: $pascal },)*];

        /// The same flags in the form `bitflags` wants.
        const FLAG_LIST: &[Flag<Permissions>] = &[$(Flag::new(stringify!($name), Permissions::$name),)*];
    };
}

permission_table! {
    /// Create instant invites.
    0 CREATE_INSTANT_INVITE "CreateInstantInvite";
    /// Kick members (needs 2FA on servers that require it).
    1 KICK_MEMBERS "KickMembers";
    /// Ban members (needs 2FA on servers that require it).
    2 BAN_MEMBERS "BanMembers";
    /// Every permission, and channel overwrites no longer apply (needs 2FA where required).
    3 ADMINISTRATOR "Administrator";
    /// Create, edit and delete channels (needs 2FA where required).
    4 MANAGE_CHANNELS "ManageChannels";
    /// Change the server's settings (needs 2FA where required).
    5 MANAGE_GUILD "ManageGuild";
    /// Add new reactions to messages.
    6 ADD_REACTIONS "AddReactions";
    /// Read the audit log.
    7 VIEW_AUDIT_LOG "ViewAuditLog";
    /// Be heard over other speakers in a voice channel.
    8 PRIORITY_SPEAKER "PrioritySpeaker";
    /// Go live (stream) in a voice channel.
    9 STREAM "Stream";
    /// See a channel (and read its messages in text channels).
    10 VIEW_CHANNEL "ViewChannel";
    /// Send messages, and create threads in forum channels.
    11 SEND_MESSAGES "SendMessages";
    /// Send text-to-speech (`/tts`) messages.
    12 SEND_TTS_MESSAGES "SendTTSMessages";
    /// Delete other members' messages (needs 2FA where required).
    13 MANAGE_MESSAGES "ManageMessages";
    /// Links posted are embedded automatically.
    14 EMBED_LINKS "EmbedLinks";
    /// Upload files.
    15 ATTACH_FILES "AttachFiles";
    /// Read a channel's earlier messages.
    16 READ_MESSAGE_HISTORY "ReadMessageHistory";
    /// Mention `@everyone`, `@here` and every role.
    17 MENTION_EVERYONE "MentionEveryone";
    /// Use emoji from other servers.
    18 USE_EXTERNAL_EMOJIS "UseExternalEmojis";
    /// See the server's insights.
    19 VIEW_GUILD_INSIGHTS "ViewGuildInsights";
    /// Join a voice channel.
    20 CONNECT "Connect";
    /// Talk in a voice channel.
    21 SPEAK "Speak";
    /// Mute other members in voice.
    22 MUTE_MEMBERS "MuteMembers";
    /// Deafen other members in voice.
    23 DEAFEN_MEMBERS "DeafenMembers";
    /// Move members between voice channels.
    24 MOVE_MEMBERS "MoveMembers";
    /// Speak on voice activity instead of push-to-talk.
    25 USE_VAD "UseVAD";
    /// Change one's own nickname.
    26 CHANGE_NICKNAME "ChangeNickname";
    /// Change other members' nicknames.
    27 MANAGE_NICKNAMES "ManageNicknames";
    /// Manage roles ("Manage Permissions" on channels; needs 2FA where required).
    28 MANAGE_ROLES "ManageRoles";
    /// Create, edit and delete webhooks (needs 2FA where required).
    29 MANAGE_WEBHOOKS "ManageWebhooks";
    /// Edit and delete all emoji, stickers and soundboard sounds (formerly
    /// `MANAGE_EMOJIS_AND_STICKERS`; needs 2FA where required).
    30 MANAGE_GUILD_EXPRESSIONS "ManageGuildExpressions";
    /// Use slash commands and context-menu commands.
    31 USE_APPLICATION_COMMANDS "UseApplicationCommands";
    /// Ask to speak in a stage channel.
    32 REQUEST_TO_SPEAK "RequestToSpeak";
    /// Edit and delete all scheduled events.
    33 MANAGE_EVENTS "ManageEvents";
    /// Rename, archive, lock and delete threads (needs 2FA where required).
    34 MANAGE_THREADS "ManageThreads";
    /// Create public and announcement threads.
    35 CREATE_PUBLIC_THREADS "CreatePublicThreads";
    /// Create private threads.
    36 CREATE_PRIVATE_THREADS "CreatePrivateThreads";
    /// Use stickers from other servers.
    37 USE_EXTERNAL_STICKERS "UseExternalStickers";
    /// Send messages in threads.
    38 SEND_MESSAGES_IN_THREADS "SendMessagesInThreads";
    /// Use Activities (formerly `START_EMBEDDED_ACTIVITIES`).
    39 USE_EMBEDDED_ACTIVITIES "UseEmbeddedActivities";
    /// Time members out ("Timeout Members").
    40 MODERATE_MEMBERS "ModerateMembers";
    /// See role-subscription insights (needs 2FA where required).
    41 VIEW_CREATOR_MONETIZATION_ANALYTICS "ViewCreatorMonetizationAnalytics";
    /// Play soundboard sounds.
    42 USE_SOUNDBOARD "UseSoundboard";
    /// Create emoji, stickers and soundboard sounds, and edit or delete one's own.
    43 CREATE_GUILD_EXPRESSIONS "CreateGuildExpressions";
    /// Create scheduled events, and edit or delete one's own.
    44 CREATE_EVENTS "CreateEvents";
    /// Play soundboard sounds from other servers.
    45 USE_EXTERNAL_SOUNDS "UseExternalSounds";
    /// Send voice messages.
    46 SEND_VOICE_MESSAGES "SendVoiceMessages";
    /// Set a voice channel's status.
    48 SET_VOICE_CHANNEL_STATUS "SetVoiceChannelStatus";
    /// Create polls.
    49 SEND_POLLS "SendPolls";
    /// Let user-installed apps send public replies (otherwise they are ephemeral).
    50 USE_EXTERNAL_APPS "UseExternalApps";
    /// Pin and unpin messages (split from `MANAGE_MESSAGES` in 2025).
    51 PIN_MESSAGES "PinMessages";
    /// Ignore a channel's slowmode.
    52 BYPASS_SLOWMODE "BypassSlowmode";
}

/// `BY_BIT[bit]` is the index of that bit in [`ROWS`], or `u8::MAX` when Discord does not
/// define the bit.
const BY_BIT: [u8; 64] = {
    let mut table = [u8::MAX; 64];
    let mut i = 0;
    while i < ROWS.len() {
        table[ROWS[i].bit as usize] = i as u8;
        i += 1;
    }
    table
};

/// The row of the single documented flag `p`, if it is one.
pub(crate) const fn row_of(p: Permissions) -> Option<&'static Row> {
    if p.0.count_ones() != 1 {
        return None;
    }
    match BY_BIT[p.0.trailing_zeros() as usize] {
        u8::MAX => None,
        i => Some(&ROWS[i as usize]),
    }
}

/// The union of every bit in [`ROWS`].
const DISCORD_ALL_BITS: u64 = {
    let mut bits = 0;
    let mut i = 0;
    while i < ROWS.len() {
        bits |= ROWS[i].bits();
        i += 1;
    }
    bits
};

impl Permissions {
    /// Every permission Discord documents: bits 0–46 and 48–52
    /// (`0x1F_7FFF_FFFF_FFFF`, decimal `8866461766385663`).
    ///
    /// [`FLUXER_UPDATE_RTC_REGION`](Self::FLUXER_UPDATE_RTC_REGION) is not part of it.
    pub const DISCORD_ALL: Self = Self(DISCORD_ALL_BITS);

    /// **Fluxer only**: bit 53, `UPDATE_RTC_REGION` on Fluxer (change a voice channel's region).
    ///
    /// Discord's official documentation does not define bit 53, so it is not part of
    /// [`DISCORD_ALL`](Self::DISCORD_ALL), has no name in this crate's tables and is an
    /// undefined bit to [`parse_permissions`](crate::parse_permissions) (write it as
    /// `0x20000000000000`). The unofficial userdoccers documentation gives bit 53 another
    /// meaning on Discord (`MANAGE_OFFICIAL_MESSAGES`), so do not send this bit to Discord.
    pub const FLUXER_UPDATE_RTC_REGION: Self = Self(1 << 53);

    /// The empty set.
    pub const fn empty() -> Self {
        Self(0)
    }

    /// Every permission Discord documents; the same as [`DISCORD_ALL`](Self::DISCORD_ALL).
    pub const fn all() -> Self {
        Self::DISCORD_ALL
    }

    /// The raw bits.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// The set with exactly these bits, undefined ones included (nothing is truncated).
    pub const fn from_bits_retain(bits: u64) -> Self {
        Self(bits)
    }

    /// The set with these bits, or `None` if any bit is one Discord does not define.
    pub const fn from_bits(bits: u64) -> Option<Self> {
        if bits & !DISCORD_ALL_BITS == 0 {
            Some(Self(bits))
        } else {
            None
        }
    }

    /// The set with these bits, dropping any bit Discord does not define.
    pub const fn from_bits_truncate(bits: u64) -> Self {
        Self(bits & DISCORD_ALL_BITS)
    }

    /// The bits of this set that Discord does not define (0 if there are none).
    pub const fn undefined_bits(self) -> u64 {
        self.0 & !DISCORD_ALL_BITS
    }

    /// Whether no bit is set.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every bit of `other` is set in `self`.
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether `self` and `other` have a bit in common.
    pub const fn intersects(self, other: Self) -> bool {
        self.0 & other.0 != 0
    }

    /// The bits set in either (`|`).
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// The bits set in both (`&`).
    pub const fn intersection(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    /// The bits of `self` that are not in `other` (`-`).
    pub const fn difference(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }

    /// The bits set in exactly one of the two (`^`).
    pub const fn symmetric_difference(self, other: Self) -> Self {
        Self(self.0 ^ other.0)
    }

    /// Sets the bits of `other`.
    pub fn insert(&mut self, other: Self) {
        self.0 |= other.0;
    }

    /// Clears the bits of `other`.
    pub fn remove(&mut self, other: Self) {
        self.0 &= !other.0;
    }

    /// Flips the bits of `other`.
    pub fn toggle(&mut self, other: Self) {
        self.0 ^= other.0;
    }

    /// Sets (`value` true) or clears (`value` false) the bits of `other`.
    pub fn set(&mut self, other: Self, value: bool) {
        if value {
            self.insert(other);
        } else {
            self.remove(other);
        }
    }

    /// The set flags one by one in bit order, then any undefined bits as one final value.
    pub fn iter(self) -> bitflags::iter::Iter<Self> {
        Flags::iter(&self)
    }

    /// The set flags with their canonical names, in bit order (undefined bits are skipped).
    pub fn iter_names(self) -> bitflags::iter::IterNames<Self> {
        Flags::iter_names(&self)
    }

    /// The canonical Discord name (`SEND_MESSAGES`) if `self` is exactly one documented flag.
    ///
    /// ```
    /// use invite_perms::Permissions;
    ///
    /// assert_eq!(Permissions::SEND_MESSAGES.name(), Some("SEND_MESSAGES"));
    /// assert_eq!((Permissions::SPEAK | Permissions::STREAM).name(), None);
    /// ```
    pub const fn name(self) -> Option<&'static str> {
        match row_of(self) {
            Some(row) => Some(row.name),
            None => None,
        }
    }

    /// The discord.js name (`SendMessages`, `SendTTSMessages`) if `self` is exactly one
    /// documented flag.
    pub const fn pascal_name(self) -> Option<&'static str> {
        match row_of(self) {
            Some(row) => Some(row.pascal),
            None => None,
        }
    }
}

impl Flags for Permissions {
    const FLAGS: &'static [Flag<Self>] = FLAG_LIST;

    type Bits = u64;

    fn bits(&self) -> u64 {
        self.0
    }

    fn from_bits_retain(bits: u64) -> Self {
        Self(bits)
    }
}

impl fmt::Display for Permissions {
    /// The canonical text form; see the type's documentation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 0 {
            return f.write_str("0");
        }
        let mut first = true;
        for (name, _) in self.iter_names() {
            if !first {
                f.write_str(" | ")?;
            }
            f.write_str(name)?;
            first = false;
        }
        let rest = self.undefined_bits();
        if rest != 0 {
            if !first {
                f.write_str(" | ")?;
            }
            write!(f, "{rest:#x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Permissions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Permissions({self})")
    }
}

impl From<Permissions> for u64 {
    fn from(p: Permissions) -> u64 {
        p.0
    }
}

impl IntoIterator for Permissions {
    type Item = Permissions;
    type IntoIter = bitflags::iter::Iter<Permissions>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl FromIterator<Permissions> for Permissions {
    fn from_iter<I: IntoIterator<Item = Permissions>>(iter: I) -> Self {
        iter.into_iter().fold(Self::empty(), Self::union)
    }
}

impl Extend<Permissions> for Permissions {
    fn extend<I: IntoIterator<Item = Permissions>>(&mut self, iter: I) {
        for p in iter {
            self.insert(p);
        }
    }
}

macro_rules! binary_ops {
    ($($Op:ident $op:ident $OpAssign:ident $op_assign:ident $method:ident;)*) => {$(
        impl $Op for Permissions {
            type Output = Self;

            /// See the method of the same meaning on [`Permissions`].
            fn $op(self, rhs: Self) -> Self {
                self.$method(rhs)
            }
        }

        impl $OpAssign for Permissions {
            fn $op_assign(&mut self, rhs: Self) {
                *self = self.$method(rhs);
            }
        }
    )*};
}

binary_ops! {
    BitOr bitor BitOrAssign bitor_assign union;
    BitAnd bitand BitAndAssign bitand_assign intersection;
    BitXor bitxor BitXorAssign bitxor_assign symmetric_difference;
    Sub sub SubAssign sub_assign difference;
}

#[cfg(feature = "serde")]
mod serde_impl {
    use core::fmt;

    use serde::de::{self, Unexpected, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Permissions;

    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    impl Serialize for Permissions {
        /// Discord's wire form: the bits as a decimal string (`"2112"`).
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(&self.0)
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    impl<'de> Deserialize<'de> for Permissions {
        /// A decimal string (`"2112"`) or a non-negative integer (`2112`); every bit is kept.
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(BitsVisitor)
        }
    }

    struct BitsVisitor;

    impl Visitor<'_> for BitsVisitor {
        type Value = Permissions;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("permission bits as a decimal string or a non-negative integer")
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Permissions, E> {
            Ok(Permissions(v))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Permissions, E> {
            u64::try_from(v)
                .map(Permissions)
                .map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Permissions, E> {
            crate::number::parse_decimal(v.as_bytes())
                .ok()
                .map(Permissions)
                .ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::string::ToString;

    use super::*;

    #[test]
    fn documented_mask() {
        let low = (1u64 << 47) - 1;
        let high = 0x1F << 48;
        assert_eq!(Permissions::DISCORD_ALL.bits(), low | high);
        assert_eq!(Permissions::DISCORD_ALL.bits(), 0x1F_7FFF_FFFF_FFFF);
        assert_eq!(Permissions::DISCORD_ALL.bits(), 8_866_461_766_385_663);
        assert_eq!(ROWS.len(), 52);
        assert!(!Permissions::DISCORD_ALL.contains(Permissions::FLUXER_UPDATE_RTC_REGION));
        assert_eq!(
            Permissions::from_bits_retain(1 << 47).undefined_bits(),
            1 << 47
        );
    }

    #[test]
    fn named_table_is_in_bit_order_and_matches_constants() {
        let mut previous = None;
        for row in ROWS {
            assert!(previous < Some(row.bit));
            previous = Some(row.bit);
            let p = Permissions(row.bits());
            assert_eq!(p.name(), Some(row.name));
            assert_eq!(p.pascal_name(), Some(row.pascal));
            assert_eq!(row_of(p), Some(row));
            assert_eq!(<Permissions as Flags>::from_name(row.name), Some(p));
        }
        assert_eq!(Permissions(1 << 47).name(), None);
        assert_eq!(Permissions::FLUXER_UPDATE_RTC_REGION.name(), None);
        assert_eq!(Permissions::empty().name(), None);
        assert_eq!(Permissions(0b11).name(), None);
    }

    #[test]
    fn specific_bits() {
        assert_eq!(Permissions::ADMINISTRATOR.bits(), 8);
        assert_eq!(Permissions::SEND_MESSAGES.bits(), 2048);
        assert_eq!(Permissions::SET_VOICE_CHANNEL_STATUS.bits(), 1 << 48);
        assert_eq!(Permissions::SEND_POLLS.bits(), 1 << 49);
        assert_eq!(Permissions::USE_EXTERNAL_APPS.bits(), 1 << 50);
        assert_eq!(Permissions::PIN_MESSAGES.bits(), 1 << 51);
        assert_eq!(Permissions::BYPASS_SLOWMODE.bits(), 1 << 52);
        assert_eq!(Permissions::FLUXER_UPDATE_RTC_REGION.bits(), 1 << 53);
        assert_eq!(
            Permissions::SEND_TTS_MESSAGES.pascal_name(),
            Some("SendTTSMessages")
        );
        assert_eq!(Permissions::USE_VAD.pascal_name(), Some("UseVAD"));
    }

    #[test]
    fn unknown_bits_are_kept() {
        let raw = (1 << 63) | (1 << 53) | (1 << 47) | 8;
        let p = Permissions::from_bits_retain(raw);
        assert_eq!(p.bits(), raw);
        assert_eq!((p | Permissions::SPEAK).bits(), raw | (1 << 21));
        assert_eq!((p - Permissions::ADMINISTRATOR).bits(), raw & !8);
        assert_eq!(p.undefined_bits(), (1 << 63) | (1 << 53) | (1 << 47));
        assert_eq!(Permissions::from_bits(raw), None);
        assert_eq!(Permissions::from_bits(8), Some(Permissions::ADMINISTRATOR));
        assert_eq!(
            Permissions::from_bits_truncate(raw),
            Permissions::ADMINISTRATOR
        );
        assert_eq!(p.iter().fold(Permissions::empty(), |a, b| a | b), p);
        assert_eq!(p.into_iter().collect::<Permissions>(), p);
        let names: std::vec::Vec<_> = p.iter_names().map(|(n, _)| n).collect();
        assert_eq!(names, ["ADMINISTRATOR"]);
    }

    #[test]
    fn set_operations() {
        let mut p = Permissions::empty();
        p.insert(Permissions::SPEAK);
        p.set(Permissions::STREAM, true);
        assert!(p.contains(Permissions::SPEAK | Permissions::STREAM));
        p.toggle(Permissions::SPEAK);
        assert!(!p.contains(Permissions::SPEAK));
        assert!(p.intersects(Permissions::STREAM | Permissions::SPEAK));
        p.set(Permissions::STREAM, false);
        assert!(p.is_empty());
        let mut q = Permissions::SPEAK;
        q |= Permissions::STREAM;
        q &= Permissions::STREAM;
        assert_eq!(q, Permissions::STREAM);
        q ^= Permissions::SPEAK;
        assert_eq!(q, Permissions::STREAM | Permissions::SPEAK);
        q -= Permissions::SPEAK;
        assert_eq!(q, Permissions::STREAM);
        q.extend([Permissions::CONNECT]);
        assert_eq!(q, Permissions::STREAM | Permissions::CONNECT);
        assert_eq!(u64::from(q), (1 << 9) | (1 << 20));
        assert_eq!(Permissions::all(), Permissions::DISCORD_ALL);
    }

    #[test]
    fn display_and_debug() {
        assert_eq!(Permissions::empty().to_string(), "0");
        assert_eq!(Permissions::ADMINISTRATOR.to_string(), "ADMINISTRATOR");
        assert_eq!(
            (Permissions::SEND_MESSAGES | Permissions::KICK_MEMBERS).to_string(),
            "KICK_MEMBERS | SEND_MESSAGES"
        );
        assert_eq!(
            Permissions::FLUXER_UPDATE_RTC_REGION.to_string(),
            "0x20000000000000"
        );
        assert_eq!(
            std::format!(
                "{:?}",
                Permissions::SPEAK | Permissions::from_bits_retain(1 << 47)
            ),
            "Permissions(SPEAK | 0x800000000000)"
        );
    }
}
