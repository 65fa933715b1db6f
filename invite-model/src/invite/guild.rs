//! [`InviteGuild`]: the partial guild of a guild invite.

use alloc::vec::Vec;

use serde::Serialize;

use crate::invite::nsfw_level::NsfwLevel;
use crate::invite::premium_tier::PremiumTier;
use crate::invite::splash_card_alignment::SplashCardAlignment;
use crate::invite::verification_level::VerificationLevel;
use crate::invite::welcome_screen::WelcomeScreen;
use crate::primitive::cow_str::CowStr;
use crate::primitive::serde_util::{IntoStatic, into_static_via_into_owned};
use crate::primitive::snowflake::Snowflake;

/// The partial guild of an invite, Discord's and Fluxer's fields together.
///
/// Only `id` and `name` are required; `features` is empty when absent or `null`. Discord-only
/// fields are `None` on Fluxer payloads and the other way round.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct InviteGuild<'a> {
    /// The guild's id.
    pub id: Snowflake,
    /// The guild's name.
    pub name: CowStr<'a>,
    /// Icon hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icon: Option<CowStr<'a>>,
    /// Invite splash hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub splash: Option<CowStr<'a>>,
    /// Banner hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub banner: Option<CowStr<'a>>,
    /// The guild's description (Discord).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<CowStr<'a>>,
    /// Guild feature names (`COMMUNITY`, `VANITY_URL`, ...).
    pub features: Vec<CowStr<'a>>,
    /// What members need before they can talk (Discord).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_level: Option<VerificationLevel>,
    /// The vanity invite code, if the guild has one (Discord).
    #[serde(skip_serializing_if = "Option::is_none")]
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
    #[serde(skip_serializing_if = "Option::is_none")]
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
    #[serde(skip_serializing_if = "Option::is_none")]
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

crate::primitive::struct_de::deserialize_struct! {
    InviteGuild, "InviteGuild",
    id: required = b"id",
    name: required = b"name",
    icon: optional = b"icon",
    splash: optional = b"splash",
    banner: optional = b"banner",
    description: optional = b"description",
    features: null_default = b"features",
    verification_level: optional = b"verification_level",
    vanity_url_code: optional = b"vanity_url_code",
    nsfw_level: optional = b"nsfw_level",
    nsfw: optional = b"nsfw",
    premium_subscription_count: optional = b"premium_subscription_count",
    premium_tier: optional = b"premium_tier",
    welcome_screen: optional = b"welcome_screen",
    banner_width: optional = b"banner_width",
    banner_height: optional = b"banner_height",
    splash_width: optional = b"splash_width",
    splash_height: optional = b"splash_height",
    splash_card_alignment: optional = b"splash_card_alignment",
    embed_splash: optional = b"embed_splash",
    embed_splash_width: optional = b"embed_splash_width",
    embed_splash_height: optional = b"embed_splash_height",
}

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
