//! `DELETE /invites/{code}`.

use alloc::string::ToString;
use alloc::vec::Vec;

use super::{Endpoint, Request, Response, ResponseError, Route, check_status, parse_invite};
use crate::body::audit_reason::AuditLogReason;
use crate::code::InviteCode;
use crate::invite::Invite;

/// `DELETE /invites/{code}`: revokes an invite. Needs `MANAGE_CHANNELS` on its channel or
/// `MANAGE_GUILD` (Fluxer: `MANAGE_GUILD`). Takes an audit-log reason.
///
/// Discord answers with the deleted invite (`Some`); Fluxer answers 204 without a body
/// (`None`). Either platform's answer is read whatever the endpoint was built for.
///
/// ```
/// use invite_model::{AuditLogReason, InviteCode};
/// use invite_model::endpoint::{DeleteInvite, Endpoint, Response};
/// let e = DeleteInvite::new(InviteCode::parse("jvuBeT38").unwrap())
///     .reason(AuditLogReason::new("leaked link").unwrap());
/// let r = e.request();
/// assert_eq!(r.route.to_string(), "/invites/jvuBeT38");
/// assert_eq!(r.header("X-Audit-Log-Reason"), Some("leaked%20link"));
/// assert_eq!(e.parse(&Response::new(204, &[], b"")).unwrap(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DeleteInvite {
    code: InviteCode,
    reason: Option<AuditLogReason>,
}

impl DeleteInvite {
    /// Deletes the invite `code`.
    pub fn new(code: InviteCode) -> Self {
        Self { code, reason: None }
    }

    /// Sets the audit-log reason.
    pub fn reason(mut self, reason: AuditLogReason) -> Self {
        self.reason = Some(reason);
        self
    }
}

impl Endpoint for DeleteInvite {
    type Output = Option<Invite<'static>>;

    fn request(&self) -> Request {
        let mut headers = Vec::new();
        if let Some(reason) = &self.reason {
            headers.push((AuditLogReason::HEADER, reason.header_value().to_string()));
        }
        Request {
            headers,
            ..Request::new(Route::DeleteInvite {
                code: self.code.clone(),
            })
        }
    }

    fn parse(&self, response: &Response<'_>) -> Result<Option<Invite<'static>>, ResponseError> {
        check_status(response)?;
        if response.status == 204 || response.body.is_empty() {
            return Ok(None);
        }
        parse_invite(response).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::endpoint::test_support::*;
    use alloc::string::String;

    fn code() -> InviteCode {
        InviteCode::parse("jvuBeT38").unwrap()
    }

    #[test]
    fn request() {
        let r = DeleteInvite::new(code()).request();
        assert_eq!(r.method(), Method::Delete);
        assert_eq!(r.route.to_string(), "/invites/jvuBeT38");
        assert!(r.headers.is_empty());
        assert!(r.body.is_empty());
        assert_eq!(r.route.template(), "DELETE /invites/{code}");
        assert_eq!(
            r.route.major(),
            None,
            "an invite code is not a major parameter"
        );
        assert!(r.retry_safe);

        let r = DeleteInvite::new(code())
            .reason(AuditLogReason::new("raid: «revoke» 100%").unwrap())
            .request();
        assert_eq!(
            r.headers,
            [(
                "X-Audit-Log-Reason",
                String::from("raid%3A%20%C2%ABrevoke%C2%BB%20100%25")
            )]
        );
    }

    #[test]
    fn parse_both_dialects() {
        let e = DeleteInvite::new(code());
        let invite = e.parse(&resp(200, DISCORD_INVITE)).unwrap().unwrap();
        assert_eq!(invite.code, "jvuBeT38");
        assert_eq!(e.parse(&resp(204, b"")).unwrap(), None);
        assert_eq!(e.parse(&resp(200, b"")).unwrap(), None);
        assert_eq!(
            e.parse(&resp(404, UNKNOWN_INVITE)).unwrap_err().to_string(),
            UNKNOWN_INVITE_MSG
        );
        assert_eq!(
            e.parse(&resp(
                403,
                br#"{"code":"MISSING_PERMISSIONS","message":"Missing Permissions"}"#
            ))
            .unwrap_err()
            .to_string(),
            "fluxer api error 403 (MISSING_PERMISSIONS): Missing Permissions"
        );
        assert_eq!(
            e.parse(&resp(200, b"garbage")).unwrap_err().to_string(),
            GARBAGE_MSG
        );
        assert_eq!(
            e.parse(&resp(200, TRUNCATED)).unwrap_err().to_string(),
            TRUNCATED_MSG
        );
    }
}
