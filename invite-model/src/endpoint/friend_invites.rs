//! Friend invites: `GET`, `POST` and `DELETE /users/@me/invites` (Discord user API).
//!
//! These routes are for **user tokens only** and documented only by the unofficial user-API
//! documentation; Fluxer has no friend invites.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use serde::Serialize;

use super::{
    Endpoint, Request, Response, ResponseError, Route, json_body, parse_invite, parse_invites,
};
use crate::code::InviteCode;
use crate::invite::Invite;

/// `GET /users/@me/invites`: the current user's friend invites, with metadata (user tokens
/// only).
///
/// ```
/// use invite_model::endpoint::{Endpoint, GetFriendInvites};
/// assert_eq!(GetFriendInvites::new().request().route.to_string(), "/users/@me/invites");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct GetFriendInvites;

impl GetFriendInvites {
    /// The request.
    pub const fn new() -> Self {
        Self
    }
}

impl Endpoint for GetFriendInvites {
    type Output = Vec<Invite<'static>>;

    fn request(&self) -> Request {
        Request::new(Route::GetFriendInvites)
    }

    fn parse(&self, response: &Response<'_>) -> Result<Vec<Invite<'static>>, ResponseError> {
        parse_invites(response)
    }
}

#[derive(Serialize)]
struct CreateFriendInviteBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
}

/// `POST /users/@me/invites`: creates a friend invite, optionally from a pre-generated code
/// (user tokens only). Not retried automatically.
///
/// ```
/// use invite_model::endpoint::{CreateFriendInvite, Endpoint};
/// assert_eq!(CreateFriendInvite::new().request().body, b"{}");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct CreateFriendInvite {
    code: Option<InviteCode>,
}

impl CreateFriendInvite {
    /// A friend invite with a new code.
    pub const fn new() -> Self {
        Self { code: None }
    }

    /// A friend invite from a pre-generated code.
    pub fn code(mut self, code: InviteCode) -> Self {
        self.code = Some(code);
        self
    }
}

impl Endpoint for CreateFriendInvite {
    type Output = Invite<'static>;

    fn request(&self) -> Request {
        Request {
            headers: vec![("Content-Type", String::from("application/json"))],
            body: json_body(&CreateFriendInviteBody {
                code: self.code.as_ref().map(InviteCode::as_str),
            }),
            ..Request::new(Route::CreateFriendInvite)
        }
    }

    fn parse(&self, response: &Response<'_>) -> Result<Invite<'static>, ResponseError> {
        parse_invite(response)
    }
}

/// `DELETE /users/@me/invites`: revokes every friend invite of the current user and returns
/// them (user tokens only).
///
/// ```
/// use invite_model::endpoint::{DeleteFriendInvites, Endpoint, Method};
/// assert_eq!(DeleteFriendInvites::new().request().method(), Method::Delete);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct DeleteFriendInvites;

impl DeleteFriendInvites {
    /// The request.
    pub const fn new() -> Self {
        Self
    }
}

impl Endpoint for DeleteFriendInvites {
    type Output = Vec<Invite<'static>>;

    fn request(&self) -> Request {
        Request::new(Route::DeleteFriendInvites)
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
    use crate::invite::invite_type::InviteType;
    use alloc::string::ToString;

    #[test]
    fn requests() {
        let r = GetFriendInvites::new().request();
        assert_eq!(r.method(), Method::Get);
        assert_eq!(r.route.to_string(), "/users/@me/invites");
        assert!(r.headers.is_empty() && r.body.is_empty());
        assert_eq!(r.route.template(), "GET /users/@me/invites");
        assert_eq!(r.route.major(), None);
        assert!(r.retry_safe);

        let r = CreateFriendInvite::new().request();
        assert_eq!(r.method(), Method::Post);
        assert_eq!(r.route.to_string(), "/users/@me/invites");
        assert_eq!(
            r.headers,
            [("Content-Type", String::from("application/json"))]
        );
        assert_eq!(r.body, b"{}");
        assert_eq!(r.route.template(), "POST /users/@me/invites");
        assert!(!r.retry_safe);
        let r = CreateFriendInvite::new()
            .code(InviteCode::parse("fR1enDx7").unwrap())
            .request();
        assert_eq!(r.body, br#"{"code":"fR1enDx7"}"#);

        let r = DeleteFriendInvites::new().request();
        assert_eq!(r.method(), Method::Delete);
        assert_eq!(r.route.to_string(), "/users/@me/invites");
        assert!(r.headers.is_empty() && r.body.is_empty());
        assert_eq!(r.route.template(), "DELETE /users/@me/invites");
        assert!(r.retry_safe);
    }

    #[test]
    fn parse() {
        let invite = CreateFriendInvite::new()
            .parse(&resp(200, FRIEND_INVITE))
            .unwrap();
        assert_eq!(invite.code, "fR1enDx7");
        assert_eq!(invite.kind, Some(InviteType::FRIEND));
        let mut list = alloc::vec::Vec::from(&b"["[..]);
        list.extend_from_slice(FRIEND_INVITE);
        list.push(b']');
        assert_eq!(
            GetFriendInvites::new().parse(&resp(200, &list)).unwrap(),
            core::slice::from_ref(&invite)
        );
        assert_eq!(
            DeleteFriendInvites::new().parse(&resp(200, &list)).unwrap(),
            [invite]
        );
        assert_eq!(
            GetFriendInvites::new()
                .parse(&resp(
                    401,
                    br#"{"message": "401: Unauthorized", "code": 0}"#
                ))
                .unwrap_err()
                .to_string(),
            "discord api error 401 (0): 401: Unauthorized"
        );
        assert_eq!(
            CreateFriendInvite::new()
                .parse(&resp(200, b"garbage"))
                .unwrap_err()
                .to_string(),
            GARBAGE_MSG
        );
        assert_eq!(
            CreateFriendInvite::new()
                .parse(&resp(200, TRUNCATED))
                .unwrap_err()
                .to_string(),
            TRUNCATED_MSG
        );
        assert_eq!(
            DeleteFriendInvites::new()
                .parse(&resp(204, b""))
                .unwrap_err()
                .to_string(),
            "cannot decode the response body (status 204): empty body"
        );
    }
}
