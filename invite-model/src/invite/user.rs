//! [`User`]: the partial user of an invite's `inviter`, `target_user` and other sub-objects.

use serde::Serialize;

use crate::primitive::cow_str::CowStr;
use crate::primitive::serde_util::{IntoStatic, into_static_via_into_owned};
use crate::primitive::snowflake::Snowflake;

/// A partial user, as Discord and Fluxer send it inside invites.
///
/// Only `id` and `username` are required. Discord's decoration objects (`avatar_decoration_data`,
/// `collectibles`, `primary_guild`) are cosmetic, change shape often, and are ignored when read
/// (so they are not written back either).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct User<'a> {
    /// The user's id.
    pub id: Snowflake,
    /// The unique username (not the display name).
    pub username: CowStr<'a>,
    /// The legacy four-digit tag; `"0"` for users who moved to unique usernames.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<CowStr<'a>>,
    /// The display name, if set (absent in older payloads).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global_name: Option<CowStr<'a>>,
    /// Avatar hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar: Option<CowStr<'a>>,
    /// Colour shown behind a missing avatar, as `0xRRGGBB` (Fluxer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar_color: Option<u32>,
    /// Whether the user is a bot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bot: Option<bool>,
    /// Whether the user is an official system user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<bool>,
    /// Profile banner hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub banner: Option<CowStr<'a>>,
    /// Profile accent colour, as `0xRRGGBB`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accent_color: Option<u32>,
    /// Public badges (Discord's user flags that others can see).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_flags: Option<u64>,
    /// User flags (Fluxer always sends these instead of `public_flags`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flags: Option<u64>,
}

impl User<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> User<'static> {
        User {
            id: self.id,
            username: self.username.into_owned(),
            discriminator: self.discriminator.into_static(),
            global_name: self.global_name.into_static(),
            avatar: self.avatar.into_static(),
            avatar_color: self.avatar_color,
            bot: self.bot,
            system: self.system,
            banner: self.banner.into_static(),
            accent_color: self.accent_color,
            public_flags: self.public_flags,
            flags: self.flags,
        }
    }

    /// The name to show: the global (display) name if set, else the username.
    pub fn display_name(&self) -> &str {
        self.global_name.as_deref().unwrap_or(&self.username)
    }
}

into_static_via_into_owned!(User);

crate::primitive::struct_de::deserialize_struct! {
    User, "User",
    id: required = b"id",
    username: required = b"username",
    discriminator: optional = b"discriminator",
    global_name: optional = b"global_name",
    avatar: optional = b"avatar",
    avatar_color: optional = b"avatar_color",
    bot: optional = b"bot",
    system: optional = b"system",
    banner: optional = b"banner",
    accent_color: optional = b"accent_color",
    public_flags: optional = b"public_flags",
    flags: optional = b"flags",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_name_prefers_global_name() {
        let u: User<'_> =
            serde_json::from_str(r#"{"id":"1","username":"alien","global_name":"Alien"}"#).unwrap();
        assert_eq!(u.display_name(), "Alien");
        let u: User<'_> =
            serde_json::from_str(r#"{"id":"1","username":"alien","global_name":null}"#).unwrap();
        assert_eq!(u.display_name(), "alien");
    }

    #[test]
    fn requires_id_and_username() {
        let e = serde_json::from_str::<User<'_>>(r#"{"id":"1"}"#).unwrap_err();
        assert_eq!(
            alloc::string::ToString::to_string(&e),
            "missing field `username` at line 1 column 10"
        );
    }
}
