//! [`InviteRole`]: a role an invite grants on joining.

use serde::{Deserialize, Serialize};

use crate::primitive::cow_str::CowStr;
use crate::primitive::serde_util::{IntoStatic, into_static_via_into_owned};
use crate::primitive::snowflake::Snowflake;

/// A partial role in an invite's `roles` (the roles granted to whoever accepts it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InviteRole<'a> {
    /// The role's id.
    pub id: Snowflake,
    /// The role's name.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub name: Option<CowStr<'a>>,
    /// Sorting position (higher is above).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    /// Legacy single colour, `0xRRGGBB` (0 for none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<u32>,
    /// The role's colours (gradient roles have more than one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colors: Option<RoleColors>,
    /// Role icon hash.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub icon: Option<CowStr<'a>>,
    /// Unicode emoji used as the role icon.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub unicode_emoji: Option<CowStr<'a>>,
}

impl InviteRole<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> InviteRole<'static> {
        InviteRole {
            id: self.id,
            name: self.name.into_static(),
            position: self.position,
            color: self.color,
            colors: self.colors,
            icon: self.icon.into_static(),
            unicode_emoji: self.unicode_emoji.into_static(),
        }
    }
}

into_static_via_into_owned!(InviteRole);

/// A role's colours, each `0xRRGGBB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoleColors {
    /// The main colour.
    #[serde(default)]
    pub primary_color: u32,
    /// The second colour of a gradient.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secondary_color: Option<u32>,
    /// The third colour (holographic roles).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tertiary_color: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_partial_role() {
        let r: InviteRole<'_> = serde_json::from_str(
            r#"{"id":"7","name":"Member","position":3,"color":16711680,
                "colors":{"primary_color":16711680,"secondary_color":null,"tertiary_color":null},
                "icon":null,"unicode_emoji":"🎉"}"#,
        )
        .unwrap();
        assert_eq!(r.id, Snowflake(7));
        assert_eq!(r.name.as_deref(), Some("Member"));
        assert_eq!(r.position, Some(3));
        assert_eq!(r.color, Some(0xff_00_00));
        assert_eq!(
            r.colors,
            Some(RoleColors {
                primary_color: 0xff_00_00,
                secondary_color: None,
                tertiary_color: None
            })
        );
        assert_eq!(r.unicode_emoji.as_deref(), Some("🎉"));
        let only_id: InviteRole<'_> = serde_json::from_str(r#"{"id":8}"#).unwrap();
        assert_eq!(only_id.name, None);
    }
}
