//! `GET /invites/{code}`.

use super::{Endpoint, Request, Response, ResponseError, Route, parse_invite_of};
use crate::code::{InviteCode, InviteLink};
use crate::invite::Invite;
use crate::platform::Platform;
use crate::primitive::snowflake::Snowflake;

/// `GET /invites/{code}`: an invite, without metadata. Works without authentication on Discord.
///
/// Query parameters are sent only when set. Fluxer takes none (it always sends `member_count`
/// and `presence_count`), so with [`Platform::Fluxer`] they are left out.
///
/// ```
/// use invite_model::{InviteCode, Snowflake};
/// use invite_model::endpoint::{Endpoint, GetInvite};
/// let link = InviteCode::parse_link("https://discord.gg/jvuBeT38?event=1046920999469330512").unwrap();
/// let e = GetInvite::from_link(&link).with_counts(true);
/// assert_eq!(
///     e.request().route.to_string(),
///     "/invites/jvuBeT38?with_counts=true&guild_scheduled_event_id=1046920999469330512"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GetInvite {
    code: InviteCode,
    with_counts: Option<bool>,
    with_permissions: Option<bool>,
    guild_scheduled_event_id: Option<Snowflake>,
    platform: Platform,
}

impl GetInvite {
    /// The invite `code` on Discord.
    pub fn new(code: InviteCode) -> Self {
        Self {
            code,
            with_counts: None,
            with_permissions: None,
            guild_scheduled_event_id: None,
            platform: Platform::Discord,
        }
    }

    /// The invite a parsed link points at: its code, its `?event=` id as
    /// `guild_scheduled_event_id`, and its platform (Discord for a bare code).
    pub fn from_link(link: &InviteLink) -> Self {
        Self {
            guild_scheduled_event_id: link.event_id,
            platform: link.platform.unwrap_or_default(),
            ..Self::new(link.code.clone())
        }
    }

    /// Asks for `approximate_member_count` and `approximate_presence_count` (`with_counts`).
    pub fn with_counts(mut self, with_counts: bool) -> Self {
        self.with_counts = Some(with_counts);
        self
    }

    /// Asks for `is_nickname_changeable` (`with_permissions`; user API).
    pub fn with_permissions(mut self, with_permissions: bool) -> Self {
        self.with_permissions = Some(with_permissions);
        self
    }

    /// Includes this scheduled event as `guild_scheduled_event`.
    pub fn guild_scheduled_event_id(mut self, event_id: Snowflake) -> Self {
        self.guild_scheduled_event_id = Some(event_id);
        self
    }

    /// Sets the platform.
    pub fn platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
        self
    }

    /// The code of the invite asked for.
    pub fn code(&self) -> &InviteCode {
        &self.code
    }
}

impl Endpoint for GetInvite {
    type Output = Invite<'static>;

    fn request(&self) -> Request {
        // Fluxer takes no query parameters.
        let discord = self.platform != Platform::Fluxer;
        Request::new(Route::GetInvite {
            code: self.code.clone(),
            with_counts: self.with_counts.filter(|_| discord),
            with_permissions: self.with_permissions.filter(|_| discord),
            guild_scheduled_event_id: self.guild_scheduled_event_id.filter(|_| discord),
        })
    }

    /// The invite; one with another code than the one asked for is an
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
    fn request_without_params() {
        let r = GetInvite::new(code()).request();
        assert_eq!(r.method(), Method::Get);
        assert_eq!(r.route.to_string(), "/invites/jvuBeT38");
        assert!(r.headers.is_empty());
        assert!(r.body.is_empty());
        assert_eq!(r.route.template(), "GET /invites/{code}");
        assert_eq!(
            r.route.major(),
            None,
            "an invite code is not a major parameter"
        );
        assert!(r.retry_safe);
    }

    #[test]
    fn request_with_every_param() {
        let e = GetInvite::new(code())
            .with_counts(true)
            .with_permissions(false)
            .guild_scheduled_event_id(Snowflake(42));
        assert_eq!(
            e.request().route.to_string(),
            "/invites/jvuBeT38?with_counts=true&with_permissions=false&guild_scheduled_event_id=42"
        );
        // Fluxer takes no query parameters.
        assert_eq!(
            e.platform(Platform::Fluxer).request().route.to_string(),
            "/invites/jvuBeT38"
        );
        let link = InviteCode::parse_link("fluxer.gg/jvuBeT38?event=9").unwrap();
        assert_eq!(
            GetInvite::from_link(&link)
                .with_counts(true)
                .request()
                .route
                .to_string(),
            "/invites/jvuBeT38"
        );
        let link = InviteCode::parse_link("jvuBeT38").unwrap();
        assert_eq!(GetInvite::from_link(&link), GetInvite::new(code()));
    }

    #[test]
    fn parses_invites() {
        let e = GetInvite::new(code());
        let invite = e.parse(&resp(200, DISCORD_INVITE)).unwrap();
        assert_eq!(invite.code, "jvuBeT38");
        assert_eq!(invite.max_age, Some(604_800));
        let fluxer = GetInvite::new(InviteCode::parse("Xk3pQ9aZ").unwrap());
        let invite = fluxer.parse(&resp(200, FLUXER_INVITE)).unwrap();
        assert_eq!(invite.code, "Xk3pQ9aZ");
        assert!(invite.member_count.is_some());
        // Another invite than the one asked for is not believed.
        let err = e.parse(&resp(200, FLUXER_INVITE)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the response is for invite \"Xk3pQ9aZ\", not the requested \"jvuBeT38\" (status 200)"
        );
    }

    #[test]
    fn parse_errors() {
        let e = GetInvite::new(code());
        assert_eq!(
            e.parse(&resp(404, UNKNOWN_INVITE)).unwrap_err().to_string(),
            UNKNOWN_INVITE_MSG
        );
        assert!(
            e.parse(&resp(404, UNKNOWN_INVITE))
                .unwrap_err()
                .as_api()
                .unwrap()
                .is_unknown_invite()
        );
        assert_eq!(
            e.parse(&resp(200, b"garbage")).unwrap_err().to_string(),
            GARBAGE_MSG
        );
        assert_eq!(
            e.parse(&resp(200, TRUNCATED)).unwrap_err().to_string(),
            TRUNCATED_MSG
        );
        assert_eq!(e.parse(&resp(200, b"")).unwrap_err().to_string(), EMPTY_MSG);
        assert_eq!(
            e.parse(&resp(204, b"")).unwrap_err().to_string(),
            "cannot decode the response body (status 204): empty body"
        );
        assert_eq!(
            e.parse(&resp(200, br#"{"type":0}"#))
                .unwrap_err()
                .to_string(),
            "cannot decode the response body (status 200): missing field `code` at line 1 column 10; the body starts with \"{\\\"type\\\":0}\""
        );
        let limited = e
            .parse(&Response::new(429, &[("Retry-After", "3")], br#"{"code":"RATE_LIMITED","message":"You are being rate limited.","global":false,"retry_after":2.5}"#))
            .unwrap_err();
        assert_eq!(
            limited.to_string(),
            "rate limited: retry after 2.5s: You are being rate limited."
        );
    }
}
