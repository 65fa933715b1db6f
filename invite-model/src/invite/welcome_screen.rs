//! [`WelcomeScreen`]: a guild's welcome screen, as sent in a partial invite guild.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::primitive::cow_str::CowStr;
use crate::primitive::serde_util::{IntoStatic, into_static_via_into_owned, null_as_default};
use crate::primitive::snowflake::Snowflake;

/// The welcome screen of a community guild (`guild.welcome_screen`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WelcomeScreen<'a> {
    /// The guild description shown on the screen.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub description: Option<CowStr<'a>>,
    /// Up to five suggested channels.
    #[serde(borrow, default, deserialize_with = "null_as_default")]
    pub welcome_channels: Vec<WelcomeScreenChannel<'a>>,
}

impl WelcomeScreen<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> WelcomeScreen<'static> {
        WelcomeScreen {
            description: self.description.into_static(),
            welcome_channels: self.welcome_channels.into_static(),
        }
    }
}

/// A channel suggested on a welcome screen.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WelcomeScreenChannel<'a> {
    /// The channel's id.
    pub channel_id: Snowflake,
    /// What the channel is for.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub description: Option<CowStr<'a>>,
    /// The id of a custom emoji shown beside it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emoji_id: Option<Snowflake>,
    /// The Unicode emoji (or custom emoji name) shown beside it.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub emoji_name: Option<CowStr<'a>>,
}

impl WelcomeScreenChannel<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> WelcomeScreenChannel<'static> {
        WelcomeScreenChannel {
            channel_id: self.channel_id,
            description: self.description.into_static(),
            emoji_id: self.emoji_id,
            emoji_name: self.emoji_name.into_static(),
        }
    }
}

into_static_via_into_owned!(WelcomeScreen, WelcomeScreenChannel);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        let w: WelcomeScreen<'_> = serde_json::from_str(
            r#"{"description":"Hi","welcome_channels":[{"channel_id":"1","description":"Rules",
                "emoji_id":null,"emoji_name":"📜"}]}"#,
        )
        .unwrap();
        assert_eq!(w.description.as_deref(), Some("Hi"));
        assert_eq!(w.welcome_channels[0].channel_id, Snowflake(1));
        assert_eq!(w.welcome_channels[0].emoji_name.as_deref(), Some("📜"));
        let empty: WelcomeScreen<'_> =
            serde_json::from_str(r#"{"welcome_channels":null}"#).unwrap();
        assert!(empty.welcome_channels.is_empty());
    }
}
