//! `POST /lobbies/{lobby_id}/members/@me/invites` and
//! `POST /lobbies/{lobby_id}/members/{user_id}/invites` (Discord's OpenAPI description:
//! `create_linked_lobby_guild_invite_for_self` and `..._for_user`).

use serde::{Deserialize, Serialize};

use super::{Endpoint, Request, Response, ResponseError, Route, parse_json};
use crate::code::InviteCode;
use crate::primitive::snowflake::Snowflake;

/// What a lobby invite request gives back (`LobbyGuildInviteResponse`): the code of a guild
/// invite to the lobby's linked channel.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LobbyInvite {
    /// The invite code.
    pub code: InviteCode,
}

/// Creates a single-use guild invite to a lobby's linked channel, valid for one hour, for the
/// caller ([`for_self`](Self::for_self): a `Bearer` token with the `sdk.social_layer` scope) or
/// for one of the lobby's members ([`for_user`](Self::for_user): the application's `Bot`
/// token). The lobby must have a linked channel. No body is sent. Never retried automatically:
/// a retry could make a second invite.
///
/// ```
/// use invite_model::Snowflake;
/// use invite_model::endpoint::{CreateLobbyInvite, Endpoint, Response};
/// let e = CreateLobbyInvite::for_user(Snowflake(1), Snowflake(2));
/// let r = e.request();
/// assert_eq!(r.route.to_string(), "/lobbies/1/members/2/invites");
/// assert!(!r.retry_safe);
/// let out = e.parse(&Response::new(200, &[], br#"{"code":"lObBy123"}"#)).unwrap();
/// assert_eq!(out.code, "lObBy123");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CreateLobbyInvite {
    lobby_id: Snowflake,
    user_id: Option<Snowflake>,
}

impl CreateLobbyInvite {
    /// An invite for the calling user (`/members/@me/invites`).
    pub const fn for_self(lobby_id: Snowflake) -> Self {
        Self {
            lobby_id,
            user_id: None,
        }
    }

    /// An invite, on behalf of the application, for the lobby member `user_id`.
    pub const fn for_user(lobby_id: Snowflake, user_id: Snowflake) -> Self {
        Self {
            lobby_id,
            user_id: Some(user_id),
        }
    }
}

impl Endpoint for CreateLobbyInvite {
    type Output = LobbyInvite;

    fn request(&self) -> Request {
        Request::new(match self.user_id {
            None => Route::CreateLobbyInviteForSelf {
                lobby_id: self.lobby_id,
            },
            Some(user_id) => Route::CreateLobbyInviteForUser {
                lobby_id: self.lobby_id,
                user_id,
            },
        })
    }

    fn parse(&self, response: &Response<'_>) -> Result<LobbyInvite, ResponseError> {
        parse_json(response)
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
        let r = CreateLobbyInvite::for_self(Snowflake(5)).request();
        assert_eq!(r.method(), Method::Post);
        assert_eq!(r.route.to_string(), "/lobbies/5/members/@me/invites");
        assert_eq!(
            r.route.template(),
            "POST /lobbies/{lobby_id}/members/@me/invites"
        );
        assert_eq!(r.route.major(), None);
        assert!(r.headers.is_empty() && r.body.is_empty());
        assert!(!r.retry_safe);
        let r = CreateLobbyInvite::for_user(Snowflake(5), Snowflake(6)).request();
        assert_eq!(r.route.to_string(), "/lobbies/5/members/6/invites");
        assert_eq!(
            r.route.template(),
            "POST /lobbies/{lobby_id}/members/{user_id}/invites"
        );
        assert!(!r.retry_safe);
    }

    #[test]
    fn parse() {
        let e = CreateLobbyInvite::for_self(Snowflake(5));
        assert_eq!(
            e.parse(&resp(200, br#"{"code":"aBc12345","extra":1}"#))
                .unwrap()
                .code,
            "aBc12345"
        );
        assert_eq!(
            e.parse(&resp(200, br#"{"code":"a/b"}"#))
                .unwrap_err()
                .to_string(),
            "cannot decode the response body (status 200): invalid character '/' (a path separator) at byte 1: invite codes contain only A-Z, a-z, 0-9 and '-' at line 1 column 13; the body starts with \"{\\\"code\\\":\\\"a/b\\\"}\""
        );
        assert_eq!(
            e.parse(&resp(200, b"{}")).unwrap_err().to_string(),
            "cannot decode the response body (status 200): missing field `code` at line 1 column 2; the body starts with \"{}\""
        );
        assert_eq!(
            e.parse(&resp(
                404,
                br#"{"message": "Unknown Lobby", "code": 10031}"#
            ))
            .unwrap_err()
            .to_string(),
            "discord api error 404 (10031): Unknown Lobby"
        );
        assert_eq!(
            e.parse(&resp(200, b"garbage")).unwrap_err().to_string(),
            GARBAGE_MSG
        );
        assert_eq!(e.parse(&resp(200, b"")).unwrap_err().to_string(), EMPTY_MSG);
    }
}
