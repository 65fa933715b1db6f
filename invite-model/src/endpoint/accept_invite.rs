//! `POST /invites/{code}` (accept).

use alloc::string::String;
use alloc::vec;

use serde::Serialize;

use super::{Endpoint, Request, Response, ResponseError, Route, json_body, parse_invite_of};
use crate::code::InviteCode;
use crate::invite::Invite;

#[derive(Serialize)]
struct AcceptBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    session_id: Option<&'a str>,
}

/// `POST /invites/{code}`: joins the guild, group DM or friend list an invite is for.
///
/// **User tokens only** (or an OAuth2 token with `guilds.join`, for guild invites whose guild
/// has the application's bot): bots cannot accept invites, and Discord does not document this
/// route for them. Guest invites need the gateway `session_id`. Not retried automatically: it
/// may use up one of the invite's uses.
///
/// ```
/// use invite_model::InviteCode;
/// use invite_model::endpoint::{AcceptInvite, Endpoint};
/// let r = AcceptInvite::new(InviteCode::parse("jvuBeT38").unwrap()).session_id("abc").request();
/// assert_eq!(r.route.to_string(), "/invites/jvuBeT38");
/// assert_eq!(r.body, br#"{"session_id":"abc"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AcceptInvite {
    code: InviteCode,
    session_id: Option<String>,
}

impl AcceptInvite {
    /// Accepts the invite `code`.
    pub fn new(code: InviteCode) -> Self {
        Self {
            code,
            session_id: None,
        }
    }

    /// The gateway session that joins (needed for guest invites).
    pub fn session_id(mut self, session_id: impl Into<String>) -> Self {
        self.session_id = Some(session_id.into());
        self
    }
}

impl Endpoint for AcceptInvite {
    type Output = Invite<'static>;

    fn request(&self) -> Request {
        Request {
            headers: vec![("Content-Type", String::from("application/json"))],
            body: json_body(&AcceptBody {
                session_id: self.session_id.as_deref(),
            }),
            ..Request::new(Route::AcceptInvite {
                code: self.code.clone(),
            })
        }
    }

    /// The invite joined through; one with another code than the one accepted is an
    /// [`InviteMismatch`](crate::InviteMismatch) error.
    fn parse(&self, response: &Response<'_>) -> Result<Invite<'static>, ResponseError> {
        parse_invite_of(response, &self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::endpoint::test_support::*;
    use alloc::string::ToString;

    fn code() -> InviteCode {
        InviteCode::parse("jvuBeT38").unwrap()
    }

    #[test]
    fn request() {
        let r = AcceptInvite::new(code()).request();
        assert_eq!(r.method(), Method::Post);
        assert_eq!(r.route.to_string(), "/invites/jvuBeT38");
        assert_eq!(
            r.headers,
            [("Content-Type", String::from("application/json"))]
        );
        assert_eq!(r.body, b"{}");
        assert_eq!(r.route.template(), "POST /invites/{code}");
        assert_eq!(
            r.route.major(),
            None,
            "an invite code is not a major parameter"
        );
        assert!(!r.retry_safe);
        let r = AcceptInvite::new(code()).session_id("a\"b").request();
        assert_eq!(r.body, br#"{"session_id":"a\"b"}"#);
    }

    #[test]
    fn parse() {
        let e = AcceptInvite::new(code());
        assert_eq!(
            e.parse(&resp(200, DISCORD_INVITE)).unwrap().code,
            "jvuBeT38"
        );
        assert_eq!(
            e.parse(&resp(
                403,
                br#"{"message": "An invite was accepted to a guild the application's bot is not in.", "code": 50036}"#
            ))
            .unwrap_err()
            .to_string(),
            "discord api error 403 (50036): An invite was accepted to a guild the application's bot is not in."
        );
        assert_eq!(
            e.parse(&resp(404, UNKNOWN_INVITE)).unwrap_err().to_string(),
            UNKNOWN_INVITE_MSG
        );
        assert_eq!(
            e.parse(&resp(200, b"garbage")).unwrap_err().to_string(),
            GARBAGE_MSG
        );
        assert_eq!(
            e.parse(&resp(200, TRUNCATED)).unwrap_err().to_string(),
            TRUNCATED_MSG
        );
        assert_eq!(
            e.parse(&resp(204, b"")).unwrap_err().to_string(),
            "cannot decode the response body (status 204): empty body"
        );
        assert!(matches!(
            e.parse(&resp(200, br#"{"code":"other123"}"#)),
            Err(ResponseError::InviteMismatch(_))
        ));
    }
}
