//! [`InviteGuild`]: the partial guild of a guild invite.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::invite::nsfw_level::NsfwLevel;
use crate::invite::premium_tier::PremiumTier;
use crate::invite::splash_card_alignment::SplashCardAlignment;
use crate::invite::verification_level::VerificationLevel;
use crate::invite::welcome_screen::WelcomeScreen;
use crate::primitive::cow_str::CowStr;
use crate::primitive::serde_util::{IntoStatic, into_static_via_into_owned, null_as_default};
use crate::primitive::snowflake::Snowflake;

/// The partial guild of an invite, Discord's and Fluxer's fields together.
///
/// Only `id` and `name` are required; `features` is empty when absent or `null`. Discord-only
/// fields are `None` on Fluxer payloads and the other way round.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct InviteGuild<'a> {
    /// The guild's id.
    pub id: Snowflake,
    /// The guild's name.
    #[serde(borrow)]
    pub name: CowStr<'a>,
    /// Icon hash.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub icon: Option<CowStr<'a>>,
    /// Invite splash hash.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub splash: Option<CowStr<'a>>,
    /// Banner hash.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub banner: Option<CowStr<'a>>,
    /// The guild's description (Discord).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub description: Option<CowStr<'a>>,
    /// Guild feature names (`COMMUNITY`, `VANITY_URL`, ...).
    #[serde(borrow, default, deserialize_with = "null_as_default")]
    pub features: Vec<CowStr<'a>>,
    /// What members need before they can talk (Discord).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_level: Option<VerificationLevel>,
    /// The vanity invite code, if the guild has one (Discord).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub vanity_url_code: Option<CowStr<'a>>,
    /// Age-restriction level (Discord).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nsfw_level: Option<NsfwLevel>,
    /// Whether the guild is NSFW. **Deprecated** by Discord in favour of `nsfw_level`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nsfw: Option<bool>,
    /// Number of boosts (Discord).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub premium_subscription_count: Option<u64>,
    /// Boost level (Discord).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub premium_tier: Option<PremiumTier>,
    /// The welcome screen of a community guild (Discord).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub welcome_screen: Option<WelcomeScreen<'a>>,
    /// Banner width in pixels (Fluxer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub banner_width: Option<u64>,
    /// Banner height in pixels (Fluxer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub banner_height: Option<u64>,
    /// Splash width in pixels (Fluxer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub splash_width: Option<u64>,
    /// Splash height in pixels (Fluxer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub splash_height: Option<u64>,
    /// Where the invite card sits over the splash (Fluxer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub splash_card_alignment: Option<SplashCardAlignment>,
    /// Splash hash for link embeds (Fluxer).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub embed_splash: Option<CowStr<'a>>,
    /// Embed splash width in pixels (Fluxer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embed_splash_width: Option<u64>,
    /// Embed splash height in pixels (Fluxer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embed_splash_height: Option<u64>,
}

impl InviteGuild<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> InviteGuild<'static> {
        InviteGuild {
            id: self.id,
            name: self.name.into_owned(),
            icon: self.icon.into_static(),
            splash: self.splash.into_static(),
            banner: self.banner.into_static(),
            description: self.description.into_static(),
            features: self.features.into_static(),
            verification_level: self.verification_level,
            vanity_url_code: self.vanity_url_code.into_static(),
            nsfw_level: self.nsfw_level,
            nsfw: self.nsfw,
            premium_subscription_count: self.premium_subscription_count,
            premium_tier: self.premium_tier,
            welcome_screen: self.welcome_screen.into_static(),
            banner_width: self.banner_width,
            banner_height: self.banner_height,
            splash_width: self.splash_width,
            splash_height: self.splash_height,
            splash_card_alignment: self.splash_card_alignment,
            embed_splash: self.embed_splash.into_static(),
            embed_splash_width: self.embed_splash_width,
            embed_splash_height: self.embed_splash_height,
        }
    }

    /// Whether the guild lists `feature` (exact, case-sensitive match).
    pub fn has_feature(&self, feature: &str) -> bool {
        self.features.iter().any(|f| f.as_str() == feature)
    }
}

into_static_via_into_owned!(InviteGuild);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_null_or_absent() {
        let g: InviteGuild<'_> =
            serde_json::from_str(r#"{"id":"1","name":"G","features":null}"#).unwrap();
        assert!(g.features.is_empty());
        let g: InviteGuild<'_> = serde_json::from_str(r#"{"id":"1","name":"G"}"#).unwrap();
        assert!(g.features.is_empty());
        let g: InviteGuild<'_> =
            serde_json::from_str(r#"{"id":"1","name":"G","features":["COMMUNITY"]}"#).unwrap();
        assert!(g.has_feature("COMMUNITY"));
        assert!(!g.has_feature("community"));
        assert_eq!(
            serde_json::to_string(&g).unwrap(),
            r#"{"id":"1","name":"G","features":["COMMUNITY"]}"#
        );
    }
}
