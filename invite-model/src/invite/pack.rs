//! [`InvitePack`]: the emoji or sticker pack of a Fluxer pack invite.

use serde::{Deserialize, Serialize};

use crate::invite::user::User;
use crate::primitive::cow_str::CowStr;
use crate::primitive::serde_util::{IntoStatic, into_static_via_into_owned};
use crate::primitive::snowflake::Snowflake;
use crate::primitive::timestamp::Timestamp;

/// A Fluxer pack (`pack` of an invite of type 2 or 3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InvitePack<'a> {
    /// The pack's id.
    pub id: Snowflake,
    /// The pack's name.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub name: Option<CowStr<'a>>,
    /// The pack's description.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub description: Option<CowStr<'a>>,
    /// What the pack holds: `"emoji"` or `"sticker"` (kept as sent).
    #[serde(rename = "type", borrow, skip_serializing_if = "Option::is_none")]
    pub kind: Option<CowStr<'a>>,
    /// Who made the pack.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<Snowflake>,
    /// When the pack was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// When the pack last changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    /// The user who made the pack.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub creator: Option<User<'a>>,
}

impl InvitePack<'_> {
    /// The pack type value for emoji packs.
    pub const EMOJI: &'static str = "emoji";
    /// The pack type value for sticker packs.
    pub const STICKER: &'static str = "sticker";

    /// A copy that owns its strings.
    pub fn into_owned(self) -> InvitePack<'static> {
        InvitePack {
            id: self.id,
            name: self.name.into_static(),
            description: self.description.into_static(),
            kind: self.kind.into_static(),
            creator_id: self.creator_id,
            created_at: self.created_at,
            updated_at: self.updated_at,
            creator: self.creator.into_static(),
        }
    }

    /// Whether this is an emoji pack (`type` is `"emoji"`).
    pub fn is_emoji(&self) -> bool {
        self.kind.as_deref() == Some(Self::EMOJI)
    }

    /// Whether this is a sticker pack (`type` is `"sticker"`).
    pub fn is_sticker(&self) -> bool {
        self.kind.as_deref() == Some(Self::STICKER)
    }
}

into_static_via_into_owned!(InvitePack);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_pack() {
        let p: InvitePack<'_> = serde_json::from_str(
            r#"{"id":"3","name":"Blobs","description":null,"type":"emoji","creator_id":"4",
                "created_at":"2025-06-01T00:00:00Z","updated_at":"2025-06-02T00:00:00Z",
                "creator":{"id":"4","username":"maker","discriminator":"0001","flags":0}}"#,
        )
        .unwrap();
        assert!(p.is_emoji());
        assert!(!p.is_sticker());
        assert_eq!(p.creator_id, Some(Snowflake(4)));
        assert_eq!(p.description, None);
        assert_eq!(p.creator.map(|c| c.flags), Some(Some(0)));
    }
}
