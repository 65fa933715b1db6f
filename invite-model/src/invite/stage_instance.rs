//! [`InviteStageInstance`]: the stage of a stage-channel invite (deprecated by Discord).

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::invite::user::User;
use crate::primitive::cow_str::CowStr;
use crate::primitive::serde_util::{
    IntoStatic, into_static_via_into_owned, is_empty, null_as_default,
};
use crate::primitive::snowflake::Snowflake;
use crate::primitive::timestamp::Timestamp;

/// An invite's `stage_instance`: the live stage of the invite's stage channel.
///
/// **Deprecated by Discord** (removed from its docs); kept so that older payloads still parse.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InviteStageInstance<'a> {
    /// Some of the speakers.
    #[serde(
        borrow,
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "is_empty"
    )]
    pub members: Vec<StageMember<'a>>,
    /// How many users are in the stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participant_count: Option<u64>,
    /// How many users are speaking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_count: Option<u64>,
    /// The stage's topic.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub topic: Option<CowStr<'a>>,
}

impl InviteStageInstance<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> InviteStageInstance<'static> {
        InviteStageInstance {
            members: self.members.into_static(),
            participant_count: self.participant_count,
            speaker_count: self.speaker_count,
            topic: self.topic.into_static(),
        }
    }
}

/// A partial guild member speaking in a stage. Only the light fields are kept; `deaf`, `mute`,
/// `flags`, `communication_disabled_until` and the like are ignored when read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StageMember<'a> {
    /// The user.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub user: Option<User<'a>>,
    /// Guild nickname.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub nick: Option<CowStr<'a>>,
    /// Guild avatar hash.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<CowStr<'a>>,
    /// The member's role ids.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "is_empty"
    )]
    pub roles: Vec<Snowflake>,
    /// When the member joined (`null` for guests).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joined_at: Option<Timestamp>,
    /// Since when the member boosts the guild.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub premium_since: Option<Timestamp>,
    /// Whether the member has not passed membership screening yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending: Option<bool>,
}

impl StageMember<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> StageMember<'static> {
        StageMember {
            user: self.user.into_static(),
            nick: self.nick.into_static(),
            avatar: self.avatar.into_static(),
            roles: self.roles,
            joined_at: self.joined_at,
            premium_since: self.premium_since,
            pending: self.pending,
        }
    }
}

into_static_via_into_owned!(InviteStageInstance, StageMember);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_shape() {
        let s: InviteStageInstance<'_> = serde_json::from_str(
            r#"{"members":[{"user":{"id":"1","username":"a"},"nick":null,"roles":["2"],
                "joined_at":null,"deaf":false,"mute":false}],
                "participant_count":12,"speaker_count":1,"topic":"Q&A"}"#,
        )
        .unwrap();
        assert_eq!(s.members.len(), 1);
        assert_eq!(s.members[0].roles, [Snowflake(2)]);
        assert_eq!(s.members[0].joined_at, None);
        assert_eq!(
            s.members[0].user.as_ref().map(|u| u.username.as_str()),
            Some("a")
        );
        assert_eq!((s.participant_count, s.speaker_count), (Some(12), Some(1)));
        assert_eq!(s.topic.as_deref(), Some("Q&A"));
        let none: InviteStageInstance<'_> = serde_json::from_str(r#"{"members":null}"#).unwrap();
        assert!(none.members.is_empty());
    }
}
