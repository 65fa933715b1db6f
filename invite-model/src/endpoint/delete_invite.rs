//! `DELETE /invites/{code}`.

use alloc::boxed::Box;
use alloc::string::ToString;
use alloc::vec::Vec;

use super::{Endpoint, Request, Response, ResponseError, Route, check_status, parse_invite_of};
use crate::body::audit_reason::AuditLogReason;
use crate::code::InviteCode;
use crate::error::ApiError;
use crate::invite::Invite;

/// What a delete-invite request gave back.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DeletedInvite {
    /// The deleted invite, as Discord returns it (boxed: an invite is large, the other variants
    /// empty). Its code is the one asked for.
    Invite(Box<Invite<'static>>),
    /// `204 No Content` (or an empty 2xx body), as Fluxer answers: deleted, nothing returned.
    NoContent,
    /// 404 Unknown Invite in answer to a retry after an attempt that may have deleted it (sent,
    /// then a 5xx, a broken connection or a timeout;
    /// [`Response::earlier_attempt_may_have_acted`]): the invite is gone, most likely deleted by
    /// that attempt.
    AlreadyGone,
}

impl DeletedInvite {
    /// The invite, if one was returned.
    pub fn into_invite(self) -> Option<Invite<'static>> {
        match self {
            Self::Invite(invite) => Some(*invite),
            Self::NoContent | Self::AlreadyGone => None,
        }
    }

    /// Whether the invite was found already gone on a retry.
    pub const fn is_already_gone(&self) -> bool {
        matches!(self, Self::AlreadyGone)
    }
}

/// `DELETE /invites/{code}`: revokes an invite. Needs `MANAGE_CHANNELS` on its channel or
/// `MANAGE_GUILD` (Fluxer: `MANAGE_GUILD`). Takes an audit-log reason.
///
/// Discord answers with the deleted invite ([`DeletedInvite::Invite`], whose code must be the
/// one asked for: another is an [`InviteMismatch`](crate::InviteMismatch) error); Fluxer answers
/// 204 without a body ([`DeletedInvite::NoContent`]). Either platform's answer is read whatever
/// the endpoint was built for. A retry that finds the invite gone after an attempt that may
/// have deleted it is [`DeletedInvite::AlreadyGone`].
///
/// ```
/// use invite_model::{AuditLogReason, InviteCode};
/// use invite_model::endpoint::{DeleteInvite, DeletedInvite, Endpoint, Response};
/// let e = DeleteInvite::new(InviteCode::parse("jvuBeT38").unwrap())
///     .reason(AuditLogReason::new("leaked link").unwrap());
/// let r = e.request();
/// assert_eq!(r.route.to_string(), "/invites/jvuBeT38");
/// assert_eq!(r.header("X-Audit-Log-Reason"), Some("leaked%20link"));
/// assert_eq!(e.parse(&Response::new(204, &[], b"")).unwrap(), DeletedInvite::NoContent);
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

    /// The code of the invite to delete.
    pub fn code(&self) -> &InviteCode {
        &self.code
    }
}

impl Endpoint for DeleteInvite {
    type Output = DeletedInvite;

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

    fn parse(&self, response: &Response<'_>) -> Result<DeletedInvite, ResponseError> {
        if let Err(error) = check_status(response) {
            let gone = response.status == 404
                && response.earlier_attempt_may_have_acted()
                && error.as_api().is_some_and(ApiError::is_unknown_invite);
            return if gone {
                Ok(DeletedInvite::AlreadyGone)
            } else {
                Err(error)
            };
        }
        if response.status == 204 || response.body.is_empty() {
            return Ok(DeletedInvite::NoContent);
        }
        parse_invite_of(response, &self.code).map(|invite| DeletedInvite::Invite(Box::new(invite)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::endpoint::test_support::*;
    use crate::error::InviteMismatch;
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
        let invite = e
            .parse(&resp(200, DISCORD_INVITE))
            .unwrap()
            .into_invite()
            .unwrap();
        assert_eq!(invite.code, "jvuBeT38");
        assert_eq!(e.parse(&resp(204, b"")).unwrap(), DeletedInvite::NoContent);
        assert_eq!(e.parse(&resp(200, b"")).unwrap(), DeletedInvite::NoContent);
        assert_eq!(e.code(), &code());
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

    /// Issue 9, defect 7: a stray response (another invite's) was believed, and a refused
    /// deletion reported as done.
    #[test]
    fn another_invite_is_a_mismatch() {
        let e = DeleteInvite::new(InviteCode::parse("bbbb2222").unwrap());
        let err = e.parse(&resp(200, br#"{"code":"aaaa1111"}"#)).unwrap_err();
        let ResponseError::InviteMismatch(m) = &err else {
            panic!("{err:?}");
        };
        assert_eq!((m.status, m.requested.as_str()), (200, "bbbb2222"));
        assert_eq!(m.returned, "aaaa1111");
        assert_eq!(err.status(), 200);
        assert!(core::error::Error::source(&err).is_some());
        // The same code in another case is the same invite (vanity codes).
        assert!(e.parse(&resp(200, br#"{"code":"BBBB2222"}"#)).is_ok());
        // The returned code is server text: bounded and redacted.
        let secret = "s3cr3t.t0k3n";
        let redactor = crate::secret::Redactor::new().with_secret(secret);
        let body = alloc::format!(r#"{{"code":"{secret}{}"}}"#, "x".repeat(10_000));
        let response = Response::new(200, &[], body.as_bytes()).with_redactor(&redactor);
        let ResponseError::InviteMismatch(m) = e.parse(&response).unwrap_err() else {
            panic!("a mismatch");
        };
        assert!(
            m.returned.len() <= InviteMismatch::RETURNED_MAX,
            "{}",
            m.returned
        );
        assert!(m.returned.starts_with("<redacted>xxx"), "{}", m.returned);
    }

    /// Issue 9, defect 8: a retried DELETE whose first attempt acted (then 502) got 404 Unknown
    /// Invite, and that was reported as a failure.
    #[test]
    fn unknown_invite_after_an_acting_attempt_is_already_gone() {
        let e = DeleteInvite::new(code());
        let retried = |status, body| resp(status, body).with_earlier_attempt_may_have_acted(true);
        assert_eq!(
            e.parse(&retried(404, UNKNOWN_INVITE)).unwrap(),
            DeletedInvite::AlreadyGone
        );
        assert!(DeletedInvite::AlreadyGone.is_already_gone());
        assert_eq!(DeletedInvite::AlreadyGone.into_invite(), None);
        let fluxer = br#"{"code":"UNKNOWN_INVITE","message":"Unknown Invite"}"#;
        assert_eq!(
            e.parse(&retried(404, fluxer)).unwrap(),
            DeletedInvite::AlreadyGone
        );
        // Only Unknown Invite, only with a 404, only after an attempt that may have acted.
        assert!(e.parse(&resp(404, UNKNOWN_INVITE)).is_err());
        assert!(
            e.parse(&retried(404, br#"{"message":"404: Not Found","code":0}"#))
                .is_err()
        );
        assert!(e.parse(&retried(403, UNKNOWN_INVITE)).is_err());
        assert!(e.parse(&retried(500, b"")).is_err());
        assert!(!e.parse(&retried(204, b"")).unwrap().is_already_gone());
    }
}
