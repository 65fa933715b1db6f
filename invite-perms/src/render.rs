//! Permission names on a platform, in a style: [`Permissions::names`], [`NameStyle`],
//! [`PermissionName`], and [`UnsupportedBits`] for a bit the platform does not have.

use core::fmt;
use core::iter::FusedIterator;

use crate::permissions::{Permissions, Row, row_of_bit};
use crate::platform::Platform;

/// How [`Permissions::names`] writes each name.
///
/// Every style but [`Client`](Self::Client) reads back with
/// [`parse_permissions_with`](crate::parse_permissions_with) on the same platform; client
/// names have spaces, so they read back one at a time with
/// [`parse_permission_name`](crate::parse_permission_name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum NameStyle {
    /// The platform's canonical name: `SEND_MESSAGES`, `MANAGE_EXPRESSIONS` on Fluxer.
    #[default]
    Screaming,
    /// The canonical name in lower case: `send_messages`.
    Snake,
    /// discord.js's PascalCase (`SendMessages`, `SendTTSMessages`); for Fluxer's own names,
    /// their words capitalized (`ManageExpressions`, `UpdateRtcRegion`).
    Pascal,
    /// aoi.js's spelling, the PascalCase name in lower case: `sendmessages`, `usevad`.
    Aoi,
    /// The name the Discord client shows: `Manage Server`, `Timeout Members`,
    /// `Mention @everyone, @here, and All Roles` (for Fluxer-only bits, Fluxer's client).
    Client,
}

impl NameStyle {
    /// Every style.
    pub const ALL: &'static [NameStyle] = &[
        NameStyle::Screaming,
        NameStyle::Snake,
        NameStyle::Pascal,
        NameStyle::Aoi,
        NameStyle::Client,
    ];
}

/// One permission's name on a platform, in a style; `Display` writes it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PermissionName {
    row: &'static Row,
    platform: Platform,
    style: NameStyle,
}

impl PermissionName {
    /// The permission (one flag).
    pub const fn permissions(&self) -> Permissions {
        Permissions::from_bits_retain(self.row.bits())
    }

    /// Its bit number.
    pub const fn bit(&self) -> u8 {
        self.row.bit
    }

    /// The platform whose name this is.
    pub const fn platform(&self) -> Platform {
        self.platform
    }

    /// The style it is written in.
    pub const fn style(&self) -> NameStyle {
        self.style
    }

    /// The same permission written in another style.
    pub const fn with_style(self, style: NameStyle) -> Self {
        Self { style, ..self }
    }

    /// Whether Discord documents the permission as needing two-factor authentication on
    /// servers that require it ([`Permissions::REQUIRES_2FA`]).
    pub const fn requires_2fa(&self) -> bool {
        self.row.two_factor
    }

    /// The canonical SCREAMING_SNAKE name on the platform.
    fn canonical(&self) -> &'static str {
        // Built only for rows the platform has.
        self.row.name_on(self.platform).unwrap_or(self.row.client)
    }

    /// discord.js's name, when it is the name of this platform's permission.
    fn table_pascal(&self) -> Option<&'static str> {
        match self.row.discord {
            Some(discord) if discord != self.canonical() => None,
            _ => Some(self.row.pascal),
        }
    }

    /// Writes the PascalCase name, lowercased if `lower` (aoi.js).
    fn write_pascal(&self, f: &mut fmt::Formatter<'_>, lower: bool) -> fmt::Result {
        use fmt::Write;
        let case = |c: char, upper: bool| {
            if upper && !lower {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        };
        if let Some(pascal) = self.table_pascal() {
            return pascal
                .chars()
                .try_for_each(|c| f.write_char(if lower { c.to_ascii_lowercase() } else { c }));
        }
        for word in self.canonical().split('_') {
            for (i, c) in word.chars().enumerate() {
                f.write_char(case(c, i == 0))?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for PermissionName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        match self.style {
            NameStyle::Screaming => f.write_str(self.canonical()),
            NameStyle::Snake => self
                .canonical()
                .chars()
                .try_for_each(|c| f.write_char(c.to_ascii_lowercase())),
            NameStyle::Pascal => self.write_pascal(f, false),
            NameStyle::Aoi => self.write_pascal(f, true),
            NameStyle::Client => f.write_str(self.row.client),
        }
    }
}

impl fmt::Debug for PermissionName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PermissionName({self}, bit {})", self.row.bit)
    }
}

/// The names of a set's permissions in bit order: an iterator of [`PermissionName`], and
/// `Display` writes them joined by ` | ` (`0` for the empty set), the platform's canonical
/// text form in the [`Screaming`](NameStyle::Screaming) style.
#[derive(Clone, PartialEq, Eq)]
pub struct Names {
    rest: u64,
    platform: Platform,
    style: NameStyle,
}

impl Iterator for Names {
    type Item = PermissionName;

    fn next(&mut self) -> Option<PermissionName> {
        while self.rest != 0 {
            let bit = self.rest.trailing_zeros();
            self.rest &= self.rest - 1;
            // Every bit left is one the platform has (checked by `Permissions::names`).
            if let Some(row) = row_of_bit(bit) {
                return Some(PermissionName {
                    row,
                    platform: self.platform,
                    style: self.style,
                });
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.rest.count_ones() as usize;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Names {}

impl FusedIterator for Names {}

impl fmt::Display for Names {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.rest == 0 {
            return f.write_str("0");
        }
        for (i, name) in self.clone().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            fmt::Display::fmt(&name, f)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Names {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Names({self})")
    }
}

impl Permissions {
    /// The names of the set's permissions on `platform`, in bit order and in `style`; an error
    /// naming every bit the platform does not have (a Discord-only bit on Fluxer, bit 47, an
    /// unknown bit), so that no bit is dropped silently.
    ///
    /// ```
    /// use invite_perms::{NameStyle, Permissions, Platform};
    ///
    /// let p = Permissions::MANAGE_GUILD_EXPRESSIONS | Permissions::PIN_MESSAGES;
    /// let on = |platform, style| p.names(platform, style).map(|n| n.to_string());
    /// assert_eq!(
    ///     on(Platform::Discord, NameStyle::Screaming).as_deref(),
    ///     Ok("MANAGE_GUILD_EXPRESSIONS | PIN_MESSAGES")
    /// );
    /// assert_eq!(
    ///     on(Platform::Fluxer, NameStyle::Screaming).as_deref(),
    ///     Ok("MANAGE_EXPRESSIONS | PIN_MESSAGES")
    /// );
    /// let client: Vec<String> = p
    ///     .names(Platform::Discord, NameStyle::Client)?
    ///     .map(|name| name.to_string())
    ///     .collect();
    /// assert_eq!(client, ["Manage Expressions", "Pin Messages"]);
    ///
    /// let err = Permissions::VIEW_GUILD_INSIGHTS.names(Platform::Fluxer, NameStyle::Screaming);
    /// assert_eq!(
    ///     err.unwrap_err().to_string(),
    ///     "bits Fluxer does not define: 19 (VIEW_GUILD_INSIGHTS on Discord)"
    /// );
    /// # Ok::<(), invite_perms::UnsupportedBits>(())
    /// ```
    pub fn names(self, platform: Platform, style: NameStyle) -> Result<Names, UnsupportedBits> {
        let bits = self.undefined_bits_on(platform);
        if bits != 0 {
            return Err(UnsupportedBits { platform, bits });
        }
        Ok(Names {
            rest: self.bits(),
            platform,
            style,
        })
    }
}

/// Bits a platform does not have, met where a name was wanted: a Discord-only bit under
/// Fluxer, the reverse, or a bit neither documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnsupportedBits {
    platform: Platform,
    bits: u64,
}

impl UnsupportedBits {
    /// The platform that does not have them.
    pub const fn platform(&self) -> Platform {
        self.platform
    }

    /// The bits.
    pub const fn bits(&self) -> u64 {
        self.bits
    }
}

impl fmt::Display for UnsupportedBits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bits {} does not define: ", self.platform)?;
        write_bits(f, self.bits, self.platform)
    }
}

impl core::error::Error for UnsupportedBits {}

/// Writes bit numbers separated by `, `, each followed by its name on the other platform when
/// only that one has it: `19 (VIEW_GUILD_INSIGHTS on Discord), 47`.
pub(crate) fn write_bits(f: &mut fmt::Formatter<'_>, bits: u64, platform: Platform) -> fmt::Result {
    let mut rest = bits;
    let mut first = true;
    while rest != 0 {
        let bit = rest.trailing_zeros();
        rest &= rest - 1;
        if !first {
            f.write_str(", ")?;
        }
        first = false;
        write!(f, "{bit}")?;
        let other = platform.other();
        if let Some(name) = row_of_bit(bit).and_then(|row| row.name_on(other)) {
            write!(f, " ({name} on {other})")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::string::{String, ToString};
    use std::vec::Vec;

    use super::*;

    fn names(p: Permissions, platform: Platform, style: NameStyle) -> Vec<String> {
        p.names(platform, style)
            .unwrap()
            .map(|n| n.to_string())
            .collect()
    }

    #[test]
    fn every_style() {
        let p = Permissions::SEND_TTS_MESSAGES | Permissions::USE_VAD | Permissions::MANAGE_GUILD;
        let d = Platform::Discord;
        assert_eq!(
            names(p, d, NameStyle::Screaming),
            ["MANAGE_GUILD", "SEND_TTS_MESSAGES", "USE_VAD"]
        );
        assert_eq!(
            names(p, d, NameStyle::Snake),
            ["manage_guild", "send_tts_messages", "use_vad"]
        );
        assert_eq!(
            names(p, d, NameStyle::Pascal),
            ["ManageGuild", "SendTTSMessages", "UseVAD"]
        );
        assert_eq!(
            names(p, d, NameStyle::Aoi),
            ["manageguild", "sendttsmessages", "usevad"]
        );
        assert_eq!(
            names(p, d, NameStyle::Client),
            [
                "Manage Server",
                "Send Text-to-Speech Messages",
                "Use Voice Activity"
            ]
        );
    }

    #[test]
    fn fluxer_names_are_canonical_under_fluxer() {
        let p = Permissions::MANAGE_GUILD_EXPRESSIONS
            | Permissions::CREATE_GUILD_EXPRESSIONS
            | Permissions::FLUXER_UPDATE_RTC_REGION
            | Permissions::FLUXER_VIEW_CHANNEL_MEMBERS;
        let f = Platform::Fluxer;
        assert_eq!(
            names(p, f, NameStyle::Screaming),
            [
                "MANAGE_EXPRESSIONS",
                "CREATE_EXPRESSIONS",
                "UPDATE_RTC_REGION",
                "VIEW_CHANNEL_MEMBERS"
            ]
        );
        assert_eq!(
            names(p, f, NameStyle::Pascal),
            [
                "ManageExpressions",
                "CreateExpressions",
                "UpdateRtcRegion",
                "ViewChannelMembers"
            ]
        );
        assert_eq!(
            names(p, f, NameStyle::Aoi),
            [
                "manageexpressions",
                "createexpressions",
                "updatertcregion",
                "viewchannelmembers"
            ]
        );
        assert_eq!(
            names(p, f, NameStyle::Client),
            [
                "Manage Expressions",
                "Create Expressions",
                "Set Voice Region",
                "View Channel Members"
            ]
        );
        // Shared names keep discord.js's spelling on Fluxer too.
        assert_eq!(
            names(Permissions::SEND_TTS_MESSAGES, f, NameStyle::Pascal),
            ["SendTTSMessages"]
        );
    }

    #[test]
    fn a_bit_the_platform_lacks_is_an_error_that_names_it() {
        let err = (Permissions::ADMINISTRATOR | Permissions::FLUXER_UPDATE_RTC_REGION)
            .names(Platform::Discord, NameStyle::Screaming)
            .unwrap_err();
        assert_eq!(err.platform(), Platform::Discord);
        assert_eq!(err.bits(), 1 << 53);
        assert_eq!(
            err.to_string(),
            "bits Discord does not define: 53 (UPDATE_RTC_REGION on Fluxer)"
        );
        let err = Permissions::from_bits_retain((1 << 19) | (1 << 47) | (1 << 63))
            .names(Platform::Fluxer, NameStyle::Client)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "bits Fluxer does not define: 19 (VIEW_GUILD_INSIGHTS on Discord), 47, 63"
        );
    }

    #[test]
    fn names_of_a_set() {
        let none = Permissions::empty()
            .names(Platform::Fluxer, NameStyle::Screaming)
            .unwrap();
        assert_eq!(none.len(), 0);
        assert_eq!(none.to_string(), "0");
        let all = Permissions::DISCORD_ALL
            .names(Platform::Discord, NameStyle::Screaming)
            .unwrap();
        assert_eq!(all.len(), 52);
        assert_eq!(all.to_string(), Permissions::DISCORD_ALL.to_string());
        let two = (Permissions::KICK_MEMBERS | Permissions::SPEAK)
            .names(Platform::Discord, NameStyle::Snake)
            .unwrap();
        assert_eq!(std::format!("{two:?}"), "Names(kick_members | speak)");
        let first = two.clone().next().unwrap();
        assert_eq!(first.bit(), 1);
        assert!(first.requires_2fa());
        assert_eq!(first.permissions(), Permissions::KICK_MEMBERS);
        assert_eq!(first.platform(), Platform::Discord);
        assert_eq!(first.style(), NameStyle::Snake);
        assert_eq!(
            first.with_style(NameStyle::Client).to_string(),
            "Kick Members"
        );
        assert_eq!(
            std::format!("{first:?}"),
            "PermissionName(kick_members, bit 1)"
        );
    }

    #[test]
    fn client_names_are_the_clients() {
        let client = |p: Permissions| names(p, Platform::Discord, NameStyle::Client).remove(0);
        // Discord's documentation names these three.
        assert_eq!(client(Permissions::MANAGE_ROLES), "Manage Roles");
        assert_eq!(client(Permissions::USE_VAD), "Use Voice Activity");
        assert_eq!(client(Permissions::MODERATE_MEMBERS), "Timeout Members");
        assert_eq!(client(Permissions::MANAGE_GUILD), "Manage Server");
        assert_eq!(client(Permissions::CREATE_INSTANT_INVITE), "Create Invite");
        assert_eq!(client(Permissions::STREAM), "Video");
        // Every Discord permission has one.
        for name in Permissions::DISCORD_ALL
            .names(Platform::Discord, NameStyle::Client)
            .unwrap()
        {
            assert!(!name.to_string().is_empty());
        }
    }
}
