//! `GET /guilds/{guild_id}/invites` and `GET /channels/{channel_id}/invites`.

use alloc::vec::Vec;

use super::{Endpoint, Request, Response, ResponseError, Route, parse_invites};
use crate::invite::Invite;
use crate::primitive::snowflake::Snowflake;

/// `GET /guilds/{guild_id}/invites`: every invite of a guild. Needs `MANAGE_GUILD` (with
/// metadata) or `VIEW_AUDIT_LOG` (without).
///
/// ```
/// use invite_model::Snowflake;
/// use invite_model::endpoint::{Endpoint, GetGuildInvites, Response};
/// let e = GetGuildInvites::new(Snowflake(1046920999469330512));
/// assert_eq!(e.request().route.to_string(), "/guilds/1046920999469330512/invites");
/// assert!(e.parse(&Response::new(200, &[], b"[]")).unwrap().is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GetGuildInvites {
    guild_id: Snowflake,
}

impl GetGuildInvites {
    /// The invites of `guild_id`.
    pub const fn new(guild_id: Snowflake) -> Self {
        Self { guild_id }
    }
}

impl Endpoint for GetGuildInvites {
    type Output = Vec<Invite<'static>>;

    fn request(&self) -> Request {
        Request::new(Route::GetGuildInvites {
            guild_id: self.guild_id,
        })
    }

    fn parse(&self, response: &Response<'_>) -> Result<Vec<Invite<'static>>, ResponseError> {
        parse_invites(response)
    }
}

/// `GET /channels/{channel_id}/invites`: every invite of a channel, with metadata. Needs
/// `MANAGE_CHANNELS` for guild channels; also works for group DMs.
///
/// ```
/// use invite_model::Snowflake;
/// use invite_model::endpoint::{Endpoint, GetChannelInvites};
/// let r = GetChannelInvites::new(Snowflake(1057241425793798144)).request();
/// assert_eq!(r.route.to_string(), "/channels/1057241425793798144/invites");
/// assert_eq!(r.route.template(), "GET /channels/{channel_id}/invites");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GetChannelInvites {
    channel_id: Snowflake,
}

impl GetChannelInvites {
    /// The invites of `channel_id`.
    pub const fn new(channel_id: Snowflake) -> Self {
        Self { channel_id }
    }
}

impl Endpoint for GetChannelInvites {
    type Output = Vec<Invite<'static>>;

    fn request(&self) -> Request {
        Request::new(Route::GetChannelInvites {
            channel_id: self.channel_id,
        })
    }

    fn parse(&self, response: &Response<'_>) -> Result<Vec<Invite<'static>>, ResponseError> {
        parse_invites(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::endpoint::test_support::*;
    use alloc::string::ToString;

    #[test]
    fn requests() {
        let r = GetGuildInvites::new(Snowflake(1_046_920_999_469_330_512)).request();
        assert_eq!(r.method(), Method::Get);
        assert_eq!(r.route.to_string(), "/guilds/1046920999469330512/invites");
        assert!(r.headers.is_empty() && r.body.is_empty());
        assert_eq!(r.route.template(), "GET /guilds/{guild_id}/invites");
        assert_eq!(r.route.major(), Some(Snowflake(1_046_920_999_469_330_512)));
        assert!(r.retry_safe);

        let r = GetChannelInvites::new(Snowflake(7)).request();
        assert_eq!(r.method(), Method::Get);
        assert_eq!(r.route.to_string(), "/channels/7/invites");
        assert!(r.headers.is_empty() && r.body.is_empty());
        assert_eq!(r.route.major(), Some(Snowflake(7)));
        assert!(r.retry_safe);
    }

    #[test]
    fn parse() {
        let g = GetGuildInvites::new(Snowflake(1));
        let c = GetChannelInvites::new(Snowflake(1));
        let list = g.parse(&resp(200, INVITE_LIST)).unwrap();
        assert!(!list.is_empty());
        assert_eq!(list[0].code, "jvuBeT38");
        assert_eq!(c.parse(&resp(200, INVITE_LIST)).unwrap(), list);
        assert_eq!(c.parse(&resp(200, b"[]")).unwrap(), []);
        assert_eq!(
            g.parse(&resp(
                403,
                br#"{"message": "Missing Permissions", "code": 50013}"#
            ))
            .unwrap_err()
            .to_string(),
            "discord api error 403 (50013): Missing Permissions"
        );
        assert_eq!(
            g.parse(&resp(200, b"garbage")).unwrap_err().to_string(),
            GARBAGE_MSG
        );
        assert_eq!(
            c.parse(&resp(200, b"[{\"code\":\"ab\"},"))
                .unwrap_err()
                .to_string(),
            "cannot decode the response body (status 200): EOF while parsing a value at line 1 column 15; the body starts with \"[{\\\"code\\\":\\\"ab\\\"},\""
        );
        // One invite where a list is expected.
        let ResponseError::Decode(d) = g.parse(&resp(200, DISCORD_INVITE)).unwrap_err() else {
            panic!("not a decode error")
        };
        assert_eq!(d.status, 200);
        assert!(
            d.reason
                .starts_with("invalid type: map, expected a sequence"),
            "{}",
            d.reason
        );
        assert_eq!(
            d.excerpt.as_bytes(),
            &DISCORD_INVITE[..crate::error::DecodeError::EXCERPT_MAX]
        );
        assert_eq!(
            c.parse(&resp(204, b"")).unwrap_err().to_string(),
            "cannot decode the response body (status 204): empty body"
        );
    }
}
