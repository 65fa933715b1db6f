//! [`InviteDelete`]: the `INVITE_DELETE` dispatch.

use serde::{Deserialize, Serialize};

use crate::primitive::cow_str::CowStr;
use crate::primitive::snowflake::Snowflake;

/// `INVITE_DELETE`: an invite was deleted (by a moderator, or by the API on its last use). Discord
/// sends none when an invite expires.
///
/// Discord and Fluxer send `{channel_id, guild_id?, code}`; only `code` is required here.
///
/// ```
/// use invite_model::event::InviteDelete;
/// let d: InviteDelete<'_> = serde_json::from_str(
///     r#"{"channel_id":"1057241425793798144","code":"jvuBeT38"}"#,
/// )?;
/// assert_eq!((d.code.as_str(), d.guild_id), ("jvuBeT38", None));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InviteDelete<'a> {
    /// The channel the invite was for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<Snowflake>,
    /// The guild, absent for invites that belong to no guild.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<Snowflake>,
    /// The deleted invite's code.
    #[serde(borrow)]
    pub code: CowStr<'a>,
}

impl InviteDelete<'_> {
    /// A copy that owns its strings.
    pub fn into_owned(self) -> InviteDelete<'static> {
        InviteDelete {
            channel_id: self.channel_id,
            guild_id: self.guild_id,
            code: self.code.into_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn code_is_required_and_the_rest_optional() {
        let d: InviteDelete<'_> = serde_json::from_str(r#"{"code":"abc","extra":[1]}"#).unwrap();
        assert_eq!(d.code, "abc");
        assert!(d.code.is_borrowed());
        assert_eq!(serde_json::to_string(&d).unwrap(), r#"{"code":"abc"}"#);
        let e = serde_json::from_str::<InviteDelete<'_>>(r#"{"guild_id":"1"}"#).unwrap_err();
        assert_eq!(e.to_string(), "missing field `code` at line 1 column 16");
        let owned = d.clone().into_owned();
        assert_eq!(owned, d);
    }
}
