//! The [`Permissions`] bit set, and the permission table: one row per documented bit with its
//! canonical names. The table is the one source of canonical names; the name index
//! (`names.rs`) and every rendering read them from here.
//!
//! This module imports only the leaf modules `number` and `platform`: lookups by name live in
//! `names.rs`, rendering names per platform in `render.rs` and the list parser (`FromStr`) in
//! `parse.rs`, which all build on this one.

use core::fmt;
use core::ops::{BitAnd, BitAndAssign, BitOr, BitOrAssign, BitXor, BitXorAssign, Sub, SubAssign};

use bitflags::{Flag, Flags};

use crate::platform::Platform;

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

/// One row of the permission table: a bit, its canonical name on each platform, its name in
/// the client and whether it needs two-factor authentication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row {
    /// The bit number (0–63).
    pub(crate) bit: u8,
    /// Discord's name, SCREAMING_SNAKE (`SEND_MESSAGES`; the constant has the same name), or
    /// `None` when Discord does not document the bit.
    pub(crate) discord: Option<&'static str>,
    /// discord.js's PascalCase name (`SendMessages`, `SendTTSMessages`); for a Fluxer-only bit,
    /// Fluxer's name in PascalCase.
    pub(crate) pascal: &'static str,
    /// Fluxer's name, SCREAMING_SNAKE (`MANAGE_EXPRESSIONS`), or `None` when Fluxer does not
    /// have the bit.
    pub(crate) fluxer: Option<&'static str>,
    /// The name the Discord client shows (English): `Manage Server`, `Timeout Members`; for a
    /// Fluxer-only bit, the Fluxer client's.
    pub(crate) client: &'static str,
    /// Whether Discord documents the permission as needing two-factor authentication on
    /// servers that require it.
    pub(crate) two_factor: bool,
}

impl Row {
    /// The row's single bit.
    pub(crate) const fn bits(&self) -> u64 {
        1 << self.bit
    }

    /// The canonical SCREAMING_SNAKE name on `platform`, if the platform has the bit.
    pub(crate) const fn name_on(&self, platform: Platform) -> Option<&'static str> {
        match platform {
            Platform::Discord => self.discord,
            Platform::Fluxer => self.fluxer,
        }
    }
}

/// `fluxer: same`, `fluxer: none` or `fluxer: "NAME"` in [`permission_table!`].
macro_rules! fluxer_name {
    (same, $discord:expr) => {
        Some($discord)
    };
    (none, $discord:expr) => {
        None
    };
    ($name:literal, $discord:expr) => {
        Some($name)
    };
}

/// The optional `2fa` mark in [`permission_table!`].
macro_rules! two_factor {
    () => {
        false
    };
    (two_factor) => {
        true
    };
}

/// Declares the permission constants, the permission table and the `bitflags` flag list from
/// one list. Discord's rows give the constant's name, which is Discord's canonical name.
macro_rules! permission_table {
    (
        discord {$(
            $(#[$doc:meta])*
            $bit:literal $name:ident $pascal:literal,
            fluxer: $fluxer:tt, client: $client:literal $(, $tfa:ident)?;
        )*}
        fluxer_only {$(
            $(#[$fdoc:meta])*
            $fbit:literal $fconst:ident $fname:literal $fpascal:literal, client: $fclient:literal;
        )*}
    ) => {
        impl Permissions {
            $(
                $(#[$doc])*
                pub const $name: Self = Self(1 << $bit);
            )*
            $(
                $(#[$fdoc])*
                pub const $fconst: Self = Self(1 << $fbit);
            )*
        }

        /// The permission table, in bit order (checked by a test).
        pub(crate) const ROWS: &[Row] = &[
            $(Row {
                bit: $bit,
                discord: Some(stringify!($name)),
                pascal: $pascal,
                fluxer: fluxer_name!($fluxer, stringify!($name)),
                client: $client,
                two_factor: two_factor!($($tfa)?),
            },)*
            $(Row {
                bit: $fbit,
                discord: None,
                pascal: $fpascal,
                fluxer: Some($fname),
                client: $fclient,
                two_factor: false,
            },)*
        ];

        /// Discord's flags in the form `bitflags` wants.
        const FLAG_LIST: &[Flag<Permissions>] = &[$(Flag::new(stringify!($name), Permissions::$name),)*];
    };
}

// Sources: Discord's permission table (discord-api-docs `developers/topics/permissions.mdx`,
// 2026: names, bits, and the `*` marking the permissions that need 2FA); discord.js's
// `PermissionFlagsBits` for the PascalCase names; Fluxer's `Permissions` in
// `packages/constants/src/ChannelConstants.ts` (fluxerapp/fluxer) for Fluxer's bits and names;
// the English Discord client for the client names (the docs confirm "Manage Permissions",
// "Use Voice Activity" and "Timeout Members"), the Fluxer client (`fluxer_app`
// `PermissionUtils.tsx`) for bit 53's.
permission_table! {
    discord {
        /// Create instant invites.
        0 CREATE_INSTANT_INVITE "CreateInstantInvite", fluxer: same, client: "Create Invite";
        /// Kick members (needs 2FA on servers that require it).
        1 KICK_MEMBERS "KickMembers", fluxer: same, client: "Kick Members", two_factor;
        /// Ban members (needs 2FA on servers that require it).
        2 BAN_MEMBERS "BanMembers", fluxer: same, client: "Ban Members", two_factor;
        /// Every permission, and channel overwrites no longer apply (needs 2FA where required).
        3 ADMINISTRATOR "Administrator", fluxer: same, client: "Administrator", two_factor;
        /// Create, edit and delete channels (needs 2FA where required).
        4 MANAGE_CHANNELS "ManageChannels", fluxer: same, client: "Manage Channels", two_factor;
        /// Change the server's settings ("Manage Server"; needs 2FA where required).
        5 MANAGE_GUILD "ManageGuild", fluxer: same, client: "Manage Server", two_factor;
        /// Add new reactions to messages.
        6 ADD_REACTIONS "AddReactions", fluxer: same, client: "Add Reactions";
        /// Read the audit log.
        7 VIEW_AUDIT_LOG "ViewAuditLog", fluxer: same, client: "View Audit Log";
        /// Be heard over other speakers in a voice channel.
        8 PRIORITY_SPEAKER "PrioritySpeaker", fluxer: same, client: "Priority Speaker";
        /// Go live (stream) in a voice channel ("Video" in the client).
        9 STREAM "Stream", fluxer: same, client: "Video";
        /// See a channel (and read its messages in text channels).
        10 VIEW_CHANNEL "ViewChannel", fluxer: same, client: "View Channels";
        /// Send messages, and create threads in forum channels.
        11 SEND_MESSAGES "SendMessages", fluxer: same, client: "Send Messages and Create Posts";
        /// Send text-to-speech (`/tts`) messages.
        12 SEND_TTS_MESSAGES "SendTTSMessages", fluxer: same, client: "Send Text-to-Speech Messages";
        /// Delete other members' messages (needs 2FA where required).
        13 MANAGE_MESSAGES "ManageMessages", fluxer: same, client: "Manage Messages", two_factor;
        /// Links posted are embedded automatically.
        14 EMBED_LINKS "EmbedLinks", fluxer: same, client: "Embed Links";
        /// Upload files.
        15 ATTACH_FILES "AttachFiles", fluxer: same, client: "Attach Files";
        /// Read a channel's earlier messages.
        16 READ_MESSAGE_HISTORY "ReadMessageHistory", fluxer: same, client: "Read Message History";
        /// Mention `@everyone`, `@here` and every role.
        17 MENTION_EVERYONE "MentionEveryone", fluxer: same, client: "Mention @everyone, @here, and All Roles";
        /// Use emoji from other servers.
        18 USE_EXTERNAL_EMOJIS "UseExternalEmojis", fluxer: same, client: "Use External Emoji";
        /// See the server's insights (Discord only).
        19 VIEW_GUILD_INSIGHTS "ViewGuildInsights", fluxer: none, client: "View Server Insights";
        /// Join a voice channel.
        20 CONNECT "Connect", fluxer: same, client: "Connect";
        /// Talk in a voice channel.
        21 SPEAK "Speak", fluxer: same, client: "Speak";
        /// Mute other members in voice.
        22 MUTE_MEMBERS "MuteMembers", fluxer: same, client: "Mute Members";
        /// Deafen other members in voice.
        23 DEAFEN_MEMBERS "DeafenMembers", fluxer: same, client: "Deafen Members";
        /// Move members between voice channels.
        24 MOVE_MEMBERS "MoveMembers", fluxer: same, client: "Move Members";
        /// Speak on voice activity instead of push-to-talk ("Use Voice Activity").
        25 USE_VAD "UseVAD", fluxer: same, client: "Use Voice Activity";
        /// Change one's own nickname.
        26 CHANGE_NICKNAME "ChangeNickname", fluxer: same, client: "Change Nickname";
        /// Change other members' nicknames.
        27 MANAGE_NICKNAMES "ManageNicknames", fluxer: same, client: "Manage Nicknames";
        /// Manage roles ("Manage Permissions" on channels; needs 2FA where required).
        28 MANAGE_ROLES "ManageRoles", fluxer: same, client: "Manage Roles", two_factor;
        /// Create, edit and delete webhooks (needs 2FA where required).
        29 MANAGE_WEBHOOKS "ManageWebhooks", fluxer: same, client: "Manage Webhooks", two_factor;
        /// Edit and delete all emoji, stickers and soundboard sounds (formerly
        /// `MANAGE_EMOJIS_AND_STICKERS`; `MANAGE_EXPRESSIONS` on Fluxer; needs 2FA where
        /// required).
        30 MANAGE_GUILD_EXPRESSIONS "ManageGuildExpressions", fluxer: "MANAGE_EXPRESSIONS", client: "Manage Expressions", two_factor;
        /// Use slash commands and context-menu commands (Discord only).
        31 USE_APPLICATION_COMMANDS "UseApplicationCommands", fluxer: none, client: "Use Application Commands";
        /// Ask to speak in a stage channel (Discord only).
        32 REQUEST_TO_SPEAK "RequestToSpeak", fluxer: none, client: "Request to Speak";
        /// Edit and delete all scheduled events (Discord only).
        33 MANAGE_EVENTS "ManageEvents", fluxer: none, client: "Manage Events";
        /// Rename, archive, lock and delete threads (Discord only; needs 2FA where required).
        34 MANAGE_THREADS "ManageThreads", fluxer: none, client: "Manage Threads and Posts", two_factor;
        /// Create public and announcement threads (Discord only).
        35 CREATE_PUBLIC_THREADS "CreatePublicThreads", fluxer: none, client: "Create Public Threads";
        /// Create private threads (Discord only).
        36 CREATE_PRIVATE_THREADS "CreatePrivateThreads", fluxer: none, client: "Create Private Threads";
        /// Use stickers from other servers.
        37 USE_EXTERNAL_STICKERS "UseExternalStickers", fluxer: same, client: "Use External Stickers";
        /// Send messages in threads (Discord only).
        38 SEND_MESSAGES_IN_THREADS "SendMessagesInThreads", fluxer: none, client: "Send Messages in Threads and Posts";
        /// Use Activities (formerly `START_EMBEDDED_ACTIVITIES`; Discord only).
        39 USE_EMBEDDED_ACTIVITIES "UseEmbeddedActivities", fluxer: none, client: "Use Activities";
        /// Time members out ("Timeout Members").
        40 MODERATE_MEMBERS "ModerateMembers", fluxer: same, client: "Timeout Members";
        /// See role-subscription insights (Discord only; needs 2FA where required).
        41 VIEW_CREATOR_MONETIZATION_ANALYTICS "ViewCreatorMonetizationAnalytics", fluxer: none, client: "View Server Subscription Insights", two_factor;
        /// Play soundboard sounds (Discord only).
        42 USE_SOUNDBOARD "UseSoundboard", fluxer: none, client: "Use Soundboard";
        /// Create emoji, stickers and soundboard sounds, and edit or delete one's own
        /// (`CREATE_EXPRESSIONS` on Fluxer; split from bit 30, in force since 2026-02-23).
        43 CREATE_GUILD_EXPRESSIONS "CreateGuildExpressions", fluxer: "CREATE_EXPRESSIONS", client: "Create Expressions";
        /// Create scheduled events, and edit or delete one's own (Discord only; split from bit
        /// 33, in force since 2026-02-23).
        44 CREATE_EVENTS "CreateEvents", fluxer: none, client: "Create Events";
        /// Play soundboard sounds from other servers (Discord only).
        45 USE_EXTERNAL_SOUNDS "UseExternalSounds", fluxer: none, client: "Use External Sounds";
        /// Send voice messages (Discord only).
        46 SEND_VOICE_MESSAGES "SendVoiceMessages", fluxer: none, client: "Send Voice Messages";
        /// Set a voice channel's status (Discord only).
        48 SET_VOICE_CHANNEL_STATUS "SetVoiceChannelStatus", fluxer: none, client: "Set Voice Channel Status";
        /// Create polls (Discord only).
        49 SEND_POLLS "SendPolls", fluxer: none, client: "Create Polls";
        /// Let user-installed apps send public replies (otherwise they are ephemeral; Discord
        /// only).
        50 USE_EXTERNAL_APPS "UseExternalApps", fluxer: none, client: "Use External Apps";
        /// Pin and unpin messages (split from `MANAGE_MESSAGES` in 2025, in force since
        /// 2026-02-23).
        51 PIN_MESSAGES "PinMessages", fluxer: same, client: "Pin Messages";
        /// Ignore a channel's slowmode (in force since 2026-02-23).
        52 BYPASS_SLOWMODE "BypassSlowmode", fluxer: same, client: "Bypass Slowmode";
    }
    fluxer_only {
        /// **Fluxer only**: bit 53, `UPDATE_RTC_REGION` on Fluxer (change a voice channel's
        /// region; "Set Voice Region" in Fluxer's client).
        ///
        /// Discord's official documentation does not define bit 53, so it is not part of
        /// [`DISCORD_ALL`](Self::DISCORD_ALL): under Discord a number that sets it is an
        /// undefined bit to [`parse_permissions`](crate::parse_permissions) (write it as
        /// `0x20000000000000`) and the name `UPDATE_RTC_REGION` is refused. The unofficial
        /// userdoccers documentation gives bit 53 another meaning on Discord
        /// (`MANAGE_OFFICIAL_MESSAGES`), so do not send this bit to Discord.
        53 FLUXER_UPDATE_RTC_REGION "UPDATE_RTC_REGION" "UpdateRtcRegion", client: "Set Voice Region";
        /// **Fluxer only**: bit 54, `VIEW_CHANNEL_MEMBERS` on Fluxer (see a channel's member
        /// list). Not part of [`DISCORD_ALL`](Self::DISCORD_ALL).
        54 FLUXER_VIEW_CHANNEL_MEMBERS "VIEW_CHANNEL_MEMBERS" "ViewChannelMembers", client: "View Channel Members";
    }
}

/// `BY_BIT[bit]` is the index of that bit in [`ROWS`], or `u8::MAX` when no platform defines
/// the bit.
const BY_BIT: [u8; 64] = {
    let mut table = [u8::MAX; 64];
    let mut i = 0;
    while i < ROWS.len() {
        table[ROWS[i].bit as usize] = i as u8;
        i += 1;
    }
    table
};

/// The row of bit `bit`, if any platform defines it.
pub(crate) const fn row_of_bit(bit: u32) -> Option<&'static Row> {
    if bit >= 64 {
        return None;
    }
    match BY_BIT[bit as usize] {
        u8::MAX => None,
        i => Some(&ROWS[i as usize]),
    }
}

/// The row of the single flag `p`, if it is one and some platform defines it.
pub(crate) const fn row_of(p: Permissions) -> Option<&'static Row> {
    if p.0.count_ones() != 1 {
        return None;
    }
    row_of_bit(p.0.trailing_zeros())
}

/// The union of the bits in [`ROWS`] that `platform` has.
const fn all_bits(platform: Platform) -> u64 {
    let mut bits = 0;
    let mut i = 0;
    while i < ROWS.len() {
        if ROWS[i].name_on(platform).is_some() {
            bits |= ROWS[i].bits();
        }
        i += 1;
    }
    bits
}

/// Every bit Discord documents.
const DISCORD_ALL_BITS: u64 = all_bits(Platform::Discord);

/// The union of the bits in [`ROWS`] marked as needing two-factor authentication.
const TWO_FACTOR_BITS: u64 = {
    let mut bits = 0;
    let mut i = 0;
    while i < ROWS.len() {
        if ROWS[i].two_factor {
            bits |= ROWS[i].bits();
        }
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

    /// Every permission Fluxer has: bits 0–18, 20–30, 37, 40, 43 and 51–54
    /// (`0x78_0920_7FF7_FFFF`, decimal `33787032395841535`).
    pub const FLUXER_ALL: Self = Self(all_bits(Platform::Fluxer));

    /// The permissions that need two-factor authentication on servers that require it, as
    /// Discord documents them: `KICK_MEMBERS`, `BAN_MEMBERS`, `ADMINISTRATOR`,
    /// `MANAGE_CHANNELS`, `MANAGE_GUILD`, `MANAGE_MESSAGES`, `MANAGE_ROLES`, `MANAGE_WEBHOOKS`,
    /// `MANAGE_GUILD_EXPRESSIONS`, `MANAGE_THREADS` and `VIEW_CREATOR_MONETIZATION_ANALYTICS`.
    ///
    /// Fluxer documents no such list; the same marks apply to the bits it shares with Discord.
    pub const REQUIRES_2FA: Self = Self(TWO_FACTOR_BITS);

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

    /// The bits of this set that `platform` does not have (0 if there are none).
    ///
    /// ```
    /// use invite_perms::{Permissions, Platform};
    ///
    /// let p = Permissions::VIEW_GUILD_INSIGHTS | Permissions::FLUXER_UPDATE_RTC_REGION;
    /// assert_eq!(p.undefined_bits_on(Platform::Discord), 1 << 53);
    /// assert_eq!(p.undefined_bits_on(Platform::Fluxer), 1 << 19);
    /// ```
    pub const fn undefined_bits_on(self, platform: Platform) -> u64 {
        self.0 & !platform.permissions().0
    }

    /// The permissions of this set that need two-factor authentication on servers that
    /// require it ([`REQUIRES_2FA`](Self::REQUIRES_2FA)).
    ///
    /// ```
    /// use invite_perms::Permissions;
    ///
    /// let p = Permissions::ADMINISTRATOR | Permissions::SEND_MESSAGES;
    /// assert_eq!(p.requires_2fa(), Permissions::ADMINISTRATOR);
    /// ```
    pub const fn requires_2fa(self) -> Self {
        Self(self.0 & TWO_FACTOR_BITS)
    }

    /// The canonical SCREAMING_SNAKE name on `platform` if `self` is exactly one flag that
    /// the platform has.
    ///
    /// ```
    /// use invite_perms::{Permissions, Platform};
    ///
    /// let p = Permissions::MANAGE_GUILD_EXPRESSIONS;
    /// assert_eq!(p.name_on(Platform::Discord), Some("MANAGE_GUILD_EXPRESSIONS"));
    /// assert_eq!(p.name_on(Platform::Fluxer), Some("MANAGE_EXPRESSIONS"));
    /// assert_eq!(Permissions::FLUXER_UPDATE_RTC_REGION.name_on(Platform::Discord), None);
    /// ```
    pub const fn name_on(self, platform: Platform) -> Option<&'static str> {
        match row_of(self) {
            Some(row) => row.name_on(platform),
            None => None,
        }
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
            Some(row) => row.discord,
            None => None,
        }
    }

    /// The discord.js name (`SendMessages`, `SendTTSMessages`) if `self` is exactly one
    /// documented flag.
    pub const fn pascal_name(self) -> Option<&'static str> {
        match row_of(self) {
            Some(Row {
                discord: Some(_),
                pascal,
                ..
            }) => Some(pascal),
            _ => None,
        }
    }
}

impl Platform {
    /// Every permission bit the platform has: [`Permissions::DISCORD_ALL`] or
    /// [`Permissions::FLUXER_ALL`].
    pub const fn permissions(self) -> Permissions {
        match self {
            Platform::Discord => Permissions::DISCORD_ALL,
            Platform::Fluxer => Permissions::FLUXER_ALL,
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
        assert_eq!(ROWS.iter().filter(|r| r.discord.is_some()).count(), 52);
        assert!(!Permissions::DISCORD_ALL.contains(Permissions::FLUXER_UPDATE_RTC_REGION));
        assert_eq!(Platform::Discord.permissions(), Permissions::DISCORD_ALL);
        assert_eq!(
            Permissions::from_bits_retain(1 << 47).undefined_bits(),
            1 << 47
        );
    }

    #[test]
    fn fluxer_mask() {
        // Fluxer's `packages/constants/src/ChannelConstants.ts`: bits 0-18, 20-30, 37, 40, 43,
        // 51 (PIN_MESSAGES), 52 (BYPASS_SLOWMODE), 53 (UPDATE_RTC_REGION) and 54
        // (VIEW_CHANNEL_MEMBERS).
        let mut want = 0u64;
        for bit in (0..=18).chain(20..=30).chain([37, 40, 43, 51, 52, 53, 54]) {
            want |= 1 << bit;
        }
        assert_eq!(Permissions::FLUXER_ALL.bits(), want);
        assert_eq!(Permissions::FLUXER_ALL.bits(), 0x78_0920_7FF7_FFFF);
        assert_eq!(Permissions::FLUXER_ALL.bits(), 33_787_032_395_841_535);
        assert_eq!(Platform::Fluxer.permissions(), Permissions::FLUXER_ALL);
        assert_eq!(ROWS.iter().filter(|r| r.fluxer.is_some()).count(), 37);
        let fluxer_name = |p: Permissions| p.name_on(Platform::Fluxer);
        assert_eq!(
            fluxer_name(Permissions::MANAGE_GUILD_EXPRESSIONS),
            Some("MANAGE_EXPRESSIONS")
        );
        assert_eq!(
            fluxer_name(Permissions::CREATE_GUILD_EXPRESSIONS),
            Some("CREATE_EXPRESSIONS")
        );
        assert_eq!(
            fluxer_name(Permissions::FLUXER_UPDATE_RTC_REGION),
            Some("UPDATE_RTC_REGION")
        );
        assert_eq!(
            fluxer_name(Permissions::FLUXER_VIEW_CHANNEL_MEMBERS),
            Some("VIEW_CHANNEL_MEMBERS")
        );
        assert_eq!(fluxer_name(Permissions::PIN_MESSAGES), Some("PIN_MESSAGES"));
        assert_eq!(fluxer_name(Permissions::VIEW_GUILD_INSIGHTS), None);
        assert_eq!(fluxer_name(Permissions::USE_APPLICATION_COMMANDS), None);
        assert_eq!(
            Permissions::FLUXER_VIEW_CHANNEL_MEMBERS.name_on(Platform::Discord),
            None
        );
        // Only bits 30 and 43 have other names on Fluxer.
        for row in ROWS {
            if let (Some(d), Some(f)) = (row.discord, row.fluxer) {
                assert_eq!(d == f, ![30, 43].contains(&row.bit), "bit {}", row.bit);
            }
        }
    }

    #[test]
    fn two_factor_marks_as_discord_documents_them() {
        let want = Permissions::KICK_MEMBERS
            | Permissions::BAN_MEMBERS
            | Permissions::ADMINISTRATOR
            | Permissions::MANAGE_CHANNELS
            | Permissions::MANAGE_GUILD
            | Permissions::MANAGE_MESSAGES
            | Permissions::MANAGE_ROLES
            | Permissions::MANAGE_WEBHOOKS
            | Permissions::MANAGE_GUILD_EXPRESSIONS
            | Permissions::MANAGE_THREADS
            | Permissions::VIEW_CREATOR_MONETIZATION_ANALYTICS;
        assert_eq!(Permissions::REQUIRES_2FA, want);
        assert_eq!(Permissions::DISCORD_ALL.requires_2fa(), want);
        assert_eq!(
            (Permissions::SEND_MESSAGES | Permissions::MODERATE_MEMBERS).requires_2fa(),
            Permissions::empty()
        );
        assert_eq!(Permissions::from_bits_retain(u64::MAX).requires_2fa(), want);
    }

    #[test]
    fn platform_undefined_bits() {
        let p = Permissions::from_bits_retain(u64::MAX);
        assert_eq!(
            p.undefined_bits_on(Platform::Discord),
            !Permissions::DISCORD_ALL.bits()
        );
        assert_eq!(
            p.undefined_bits_on(Platform::Fluxer),
            !Permissions::FLUXER_ALL.bits()
        );
        assert_eq!(
            Permissions::ADMINISTRATOR.undefined_bits_on(Platform::Fluxer),
            0
        );
    }

    #[test]
    fn named_table_is_in_bit_order_and_matches_constants() {
        let mut previous = None;
        for row in ROWS {
            assert!(previous < Some(row.bit));
            previous = Some(row.bit);
            let p = Permissions(row.bits());
            assert_eq!(row_of(p), Some(row));
            assert_eq!(row_of_bit(u32::from(row.bit)), Some(row));
            assert!(row.discord.is_some() || row.fluxer.is_some());
            assert!(!row.client.is_empty());
            assert!(!row.pascal.is_empty());
            if let Some(name) = row.discord {
                assert_eq!(p.name(), Some(name));
                assert_eq!(p.pascal_name(), Some(row.pascal));
                assert_eq!(<Permissions as Flags>::from_name(name), Some(p));
            } else {
                assert_eq!(p.name(), None);
                assert_eq!(p.pascal_name(), None);
            }
        }
        assert_eq!(row_of_bit(47), None);
        assert_eq!(row_of_bit(64), None);
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
