//! [`Platform`]: which API's permission set and OAuth2 rules apply. A leaf module.

use core::fmt;

/// Discord's authorization URL, the default base of a Discord
/// [`BotAuthorizeUrl`](crate::BotAuthorizeUrl).
pub const DISCORD_AUTHORIZE_URL: &str = "https://discord.com/oauth2/authorize";

/// Fluxer's authorization URL, the default base of a Fluxer
/// [`BotAuthorizeUrl`](crate::BotAuthorizeUrl) (self-hosted instances set their own with
/// [`with_base`](crate::BotAuthorizeUrl::with_base)).
pub const FLUXER_AUTHORIZE_URL: &str = "https://web.fluxer.app/oauth2/authorize";

/// A Discord-compatible platform: its permission bits and names, and its OAuth2 parameters.
///
/// The two share most permission bits, but not all: Fluxer has no `VIEW_GUILD_INSIGHTS` (bit
/// 19) nor bits 31–36, 38, 39, 41, 42, 44–50, and has bits 53 (`UPDATE_RTC_REGION`) and 54
/// (`VIEW_CHANNEL_MEMBERS`) that Discord does not document; bits 30 and 43 carry other names
/// (`MANAGE_EXPRESSIONS`, `CREATE_EXPRESSIONS`). See
/// [`Platform::permissions`](Platform::permissions).
///
/// `Display` writes the platform's name (`Discord`, `Fluxer`); [`as_str`](Self::as_str) the
/// lowercase identifier used in JSON (`discord`, `fluxer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[non_exhaustive]
pub enum Platform {
    /// Discord (the default).
    #[default]
    Discord,
    /// Fluxer (`fluxerapp/fluxer`).
    Fluxer,
}

impl Platform {
    /// Every platform.
    pub const ALL: &'static [Platform] = &[Platform::Discord, Platform::Fluxer];

    /// The lowercase identifier: `discord` or `fluxer`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Discord => "discord",
            Self::Fluxer => "fluxer",
        }
    }

    /// The name as written in prose: `Discord` or `Fluxer`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Discord => "Discord",
            Self::Fluxer => "Fluxer",
        }
    }

    /// The default OAuth2 authorization URL: [`DISCORD_AUTHORIZE_URL`] or
    /// [`FLUXER_AUTHORIZE_URL`].
    pub const fn authorize_url(self) -> &'static str {
        match self {
            Self::Discord => DISCORD_AUTHORIZE_URL,
            Self::Fluxer => FLUXER_AUTHORIZE_URL,
        }
    }

    /// The other platform (for messages that say where a bit does exist).
    pub(crate) const fn other(self) -> Self {
        match self {
            Self::Discord => Self::Fluxer,
            Self::Fluxer => Self::Discord,
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::string::ToString;

    use super::*;

    #[test]
    fn names_and_urls() {
        assert_eq!(Platform::default(), Platform::Discord);
        assert_eq!(Platform::Discord.as_str(), "discord");
        assert_eq!(Platform::Fluxer.as_str(), "fluxer");
        assert_eq!(Platform::Fluxer.to_string(), "Fluxer");
        assert_eq!(
            Platform::Discord.authorize_url(),
            "https://discord.com/oauth2/authorize"
        );
        assert_eq!(
            Platform::Fluxer.authorize_url(),
            "https://web.fluxer.app/oauth2/authorize"
        );
        assert_eq!(Platform::Discord.other(), Platform::Fluxer);
        assert_eq!(Platform::Fluxer.other(), Platform::Discord);
        assert_eq!(Platform::ALL.len(), 2);
    }
}
