//! [`InviteApplication`]: the embedded application an invite opens.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::invite::user::User;
use crate::primitive::cow_str::CowStr;
use crate::primitive::serde_util::{IntoStatic, into_static_via_into_owned};
use crate::primitive::snowflake::Snowflake;

/// The partial application of an invite's `target_application`.
///
/// The API may send any subset of the application object, so every field is optional. Keys not
/// listed here (`embedded_activity_config`, `install_params`, `integration_types_config`, ...)
/// are ignored when read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InviteApplication<'a> {
    /// The application's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Snowflake>,
    /// The application's name.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub name: Option<CowStr<'a>>,
    /// Icon hash.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub icon: Option<CowStr<'a>>,
    /// Description.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub description: Option<CowStr<'a>>,
    /// Summary (deprecated by Discord, usually empty).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub summary: Option<CowStr<'a>>,
    /// Cover image hash.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub cover_image: Option<CowStr<'a>>,
    /// Application flags (bit set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flags: Option<u64>,
    /// Whether anyone can add the application's bot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bot_public: Option<bool>,
    /// Whether adding the bot needs the full OAuth2 code grant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bot_require_code_grant: Option<bool>,
    /// Hex key for verifying interactions.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub verify_key: Option<CowStr<'a>>,
    /// Maximum participants of an activity; `-1` for no limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_participants: Option<i64>,
    /// Up to five tags describing the application.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<CowStr<'a>>>,
    /// The application's bot user.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub bot: Option<User<'a>>,
    /// Application type (often `null`).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<u32>,
    /// Whether the application is a webhook-style (hook) application.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hook: Option<bool>,
    /// Terms of service URL.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub terms_of_service_url: Option<CowStr<'a>>,
    /// Privacy policy URL.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub privacy_policy_url: Option<CowStr<'a>>,
    /// Store page slug.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub slug: Option<CowStr<'a>>,
    /// The guild linked to the application.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<Snowflake>,
    /// The application's main store SKU.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_sku_id: Option<Snowflake>,
    /// Custom authorization URL for adding the application.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub custom_install_url: Option<CowStr<'a>>,
    /// RPC origin URLs (elements may be `null`).
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub rpc_origins: Option<Vec<Option<CowStr<'a>>>>,
    /// Whether the application sells something.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_monetized: Option<bool>,
    /// Whether the application is verified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_verified: Option<bool>,
    /// Whether the application is listed in the app directory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_discoverable: Option<bool>,
    /// Whether the application has a store front.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storefront_available: Option<bool>,
}

impl InviteApplication<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> InviteApplication<'static> {
        InviteApplication {
            id: self.id,
            name: self.name.into_static(),
            icon: self.icon.into_static(),
            description: self.description.into_static(),
            summary: self.summary.into_static(),
            cover_image: self.cover_image.into_static(),
            flags: self.flags,
            bot_public: self.bot_public,
            bot_require_code_grant: self.bot_require_code_grant,
            verify_key: self.verify_key.into_static(),
            max_participants: self.max_participants,
            tags: self.tags.into_static(),
            bot: self.bot.into_static(),
            kind: self.kind,
            hook: self.hook,
            terms_of_service_url: self.terms_of_service_url.into_static(),
            privacy_policy_url: self.privacy_policy_url.into_static(),
            slug: self.slug.into_static(),
            guild_id: self.guild_id,
            primary_sku_id: self.primary_sku_id,
            custom_install_url: self.custom_install_url.into_static(),
            rpc_origins: self.rpc_origins.into_static(),
            is_monetized: self.is_monetized,
            is_verified: self.is_verified,
            is_discoverable: self.is_discoverable,
            storefront_available: self.storefront_available,
        }
    }
}

into_static_via_into_owned!(InviteApplication);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_subset_parses() {
        let a: InviteApplication<'_> = serde_json::from_str("{}").unwrap();
        assert_eq!(a, InviteApplication::default());
        let a: InviteApplication<'_> = serde_json::from_str(
            r#"{"id":"9","max_participants":-1,"type":null,"rpc_origins":["https://a",null],
                "embedded_activity_config":{"x":[1,{"y":2}]}}"#,
        )
        .unwrap();
        assert_eq!(a.id, Some(Snowflake(9)));
        assert_eq!(a.max_participants, Some(-1));
        assert_eq!(a.kind, None);
        assert_eq!(
            a.rpc_origins,
            Some(alloc::vec![Some(CowStr::from("https://a")), None])
        );
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"id":"9","max_participants":-1,"rpc_origins":["https://a",null]}"#
        );
    }
}
