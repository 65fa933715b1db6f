//! [`InviteChannel`]: the channel an invite is for.

use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::invite::channel_type::ChannelType;
use crate::primitive::cow_str::CowStr;
use crate::primitive::serde_util::{IntoStatic, into_static_via_into_owned};
use crate::primitive::snowflake::Snowflake;

/// The partial channel of an invite.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
pub struct InviteChannel<'a> {
    /// The channel's id.
    pub id: Snowflake,
    /// The channel's type (`type`).
    #[serde(rename = "type")]
    pub kind: ChannelType,
    /// The channel's name; `None` for an unnamed group DM (sent as `null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<CowStr<'a>>,
    /// A group DM's icon hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icon: Option<CowStr<'a>>,
    /// A group DM's members, by username (with `with_counts`, and always on Fluxer group DMs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<InviteRecipient<'a>>>,
}

impl InviteChannel<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> InviteChannel<'static> {
        InviteChannel {
            id: self.id,
            kind: self.kind,
            name: self.name.into_static(),
            icon: self.icon.into_static(),
            recipients: self.recipients.into_static(),
        }
    }
}

/// One member of a group DM, as listed in an invite's channel.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct InviteRecipient<'a> {
    /// The member's username.
    #[serde(borrow)]
    pub username: CowStr<'a>,
}

impl InviteRecipient<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> InviteRecipient<'static> {
        InviteRecipient {
            username: self.username.into_owned(),
        }
    }
}

into_static_via_into_owned!(InviteChannel, InviteRecipient);

crate::primitive::struct_de::deserialize_struct! {
    InviteChannel, "InviteChannel",
    id: required = b"id",
    kind: required = b"type",
    name: optional = b"name",
    icon: optional = b"icon",
    recipients: optional = b"recipients",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unnamed_group_dm() {
        let c: InviteChannel<'_> = serde_json::from_str(
            r#"{"id":"5","type":3,"name":null,"recipients":[{"username":"a"},{"username":"b"}]}"#,
        )
        .unwrap();
        assert_eq!(c.kind, ChannelType::GROUP_DM);
        assert_eq!(c.name, None);
        let names: Vec<&str> = c
            .recipients
            .iter()
            .flatten()
            .map(|r| r.username.as_str())
            .collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"id":"5","type":3,"recipients":[{"username":"a"},{"username":"b"}]}"#
        );
    }
}
