//! `PUT /guilds/{guild_id}/incident-actions`.

use alloc::string::String;
use alloc::vec;

use serde::{Deserialize, Serialize};

use super::{Endpoint, Request, Response, ResponseError, Route, json_body, parse_json};
use crate::body::incident_actions::{IncidentActions, IncidentActionsError};
use crate::platform::{Limits, Platform};
use crate::primitive::snowflake::Snowflake;
use crate::primitive::timestamp::Timestamp;

/// A guild's incident actions after the change (the OpenAPI description's
/// `GuildIncidentsDataResponse`; the prose docs' incidents data object adds the two detection
/// times). Every field may be `null` or absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IncidentsData {
    /// When invites are enabled again; `None` when they are not paused.
    #[serde(default)]
    pub invites_disabled_until: Option<Timestamp>,
    /// When direct messages are enabled again; `None` when they are not paused.
    #[serde(default)]
    pub dms_disabled_until: Option<Timestamp>,
    /// When DM spam was detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dm_spam_detected_at: Option<Timestamp>,
    /// When a raid was detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raid_detected_at: Option<Timestamp>,
}

/// `PUT /guilds/{guild_id}/incident-actions`: pauses (or resumes) a guild's invites and direct
/// messages during a raid. Needs `MANAGE_GUILD`. Discord only. The body is checked when the
/// endpoint is built, against the `now` the caller passes: a pause ends after now and at most
/// 24 hours later. Retried like any PUT (the same body sets the same state again).
///
/// ```
/// use invite_model::{IncidentActions, Platform, Snowflake, Timestamp};
/// use invite_model::endpoint::{Endpoint, PutIncidentActions, Response};
/// let now = Timestamp::from_unix_millis(1_767_268_800_000); // 2026-01-01T12:00:00Z
/// let until = Timestamp::from_unix_millis(1_767_268_800_000 + 2 * 3_600_000);
/// let e = PutIncidentActions::new(Snowflake(9), IncidentActions::new().pause_invites_until(until), Platform::Discord, now)?;
/// let r = e.request();
/// assert_eq!(r.route.to_string(), "/guilds/9/incident-actions");
/// assert_eq!(r.body, br#"{"invites_disabled_until":"2026-01-01T14:00:00+00:00"}"#);
/// let out = e.parse(&Response::new(200, &[], br#"{"invites_disabled_until":"2026-01-01T14:00:00+00:00","dms_disabled_until":null}"#))?;
/// assert_eq!(out.invites_disabled_until, Some(until));
/// # Ok::<(), Box<dyn core::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PutIncidentActions {
    guild_id: Snowflake,
    actions: IncidentActions,
}

impl PutIncidentActions {
    /// Changes the incident actions of `guild_id`, after checking `actions` against
    /// `platform`'s limits at `now` ([`IncidentActions::validate`]).
    pub fn new(
        guild_id: Snowflake,
        actions: IncidentActions,
        platform: Platform,
        now: Timestamp,
    ) -> Result<Self, IncidentActionsError> {
        Self::with_limits(guild_id, actions, platform, &platform.limits(), now)
    }

    /// Like [`new`](Self::new), with `limits` instead of the platform's.
    pub fn with_limits(
        guild_id: Snowflake,
        actions: IncidentActions,
        platform: Platform,
        limits: &Limits,
        now: Timestamp,
    ) -> Result<Self, IncidentActionsError> {
        actions.validate_with(platform, limits, now)?;
        Ok(Self { guild_id, actions })
    }

    /// The validated body.
    pub fn actions(&self) -> &IncidentActions {
        &self.actions
    }
}

impl Endpoint for PutIncidentActions {
    type Output = IncidentsData;

    fn request(&self) -> Request {
        Request {
            headers: vec![("Content-Type", String::from("application/json"))],
            body: json_body(&self.actions),
            ..Request::new(Route::PutIncidentActions {
                guild_id: self.guild_id,
            })
        }
    }

    fn parse(&self, response: &Response<'_>) -> Result<IncidentsData, ResponseError> {
        parse_json(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::endpoint::test_support::*;
    use alloc::string::ToString;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn pause() -> PutIncidentActions {
        PutIncidentActions::new(
            Snowflake(5),
            IncidentActions::new().pause_invites_until(t("2026-01-01T14:00:00Z")),
            Platform::Discord,
            t("2026-01-01T12:00:00Z"),
        )
        .unwrap()
    }

    #[test]
    fn requests() {
        let r = pause().request();
        assert_eq!(r.method(), Method::Put);
        assert_eq!(r.route.to_string(), "/guilds/5/incident-actions");
        assert_eq!(
            r.route.template(),
            "PUT /guilds/{guild_id}/incident-actions"
        );
        assert_eq!(r.route.major(), Some(Snowflake(5)));
        assert_eq!(
            r.headers,
            [("Content-Type", String::from("application/json"))]
        );
        assert_eq!(
            r.body,
            br#"{"invites_disabled_until":"2026-01-01T14:00:00+00:00"}"#
        );
        assert!(r.retry_safe, "a PUT with the same body is idempotent");
        assert_eq!(
            pause().actions().invites_disabled_until,
            Some(Some(t("2026-01-01T14:00:00Z")))
        );
        let resume = PutIncidentActions::new(
            Snowflake(5),
            IncidentActions::new().resume_invites(),
            Platform::Discord,
            t("2026-01-01T12:00:00Z"),
        )
        .unwrap();
        assert_eq!(resume.request().body, br#"{"invites_disabled_until":null}"#);
        assert_eq!(
            PutIncidentActions::new(
                Snowflake(5),
                IncidentActions::new().resume_invites(),
                Platform::Fluxer,
                t("2026-01-01T12:00:00Z"),
            )
            .unwrap_err(),
            IncidentActionsError::Unsupported {
                platform: Platform::Fluxer
            }
        );
    }

    #[test]
    fn parse() {
        let e = pause();
        let out = e
            .parse(&resp(
                200,
                br#"{"invites_disabled_until":"2026-01-01T14:00:00+00:00","dms_disabled_until":null,"raid_detected_at":"2026-01-01T11:59:00Z"}"#,
            ))
            .unwrap();
        assert_eq!(out.invites_disabled_until, Some(t("2026-01-01T14:00:00Z")));
        assert_eq!(out.dms_disabled_until, None);
        assert_eq!(out.raid_detected_at, Some(t("2026-01-01T11:59:00Z")));
        assert_eq!(out.dm_spam_detected_at, None);
        assert_eq!(
            serde_json::to_string(&out).unwrap(),
            r#"{"invites_disabled_until":"2026-01-01T14:00:00+00:00","dms_disabled_until":null,"raid_detected_at":"2026-01-01T11:59:00+00:00"}"#
        );
        assert_eq!(
            e.parse(&resp(200, b"{}")).unwrap(),
            IncidentsData::default()
        );
        assert_eq!(
            e.parse(&resp(
                403,
                br#"{"message": "Missing Permissions", "code": 50013}"#
            ))
            .unwrap_err()
            .to_string(),
            "discord api error 403 (50013): Missing Permissions"
        );
        assert_eq!(
            e.parse(&resp(200, br#"{"invites_disabled_until":"soon"}"#))
                .unwrap_err()
                .to_string(),
            "cannot decode the response body (status 200): not an RFC 3339 timestamp: unexpected input at byte 0 at line 1 column 32; the body starts with \"{\\\"invites_disabled_until\\\":\\\"soon\\\"}\""
        );
        assert_eq!(
            e.parse(&resp(200, b"garbage")).unwrap_err().to_string(),
            GARBAGE_MSG
        );
        assert_eq!(
            e.parse(&resp(204, b"")).unwrap_err().to_string(),
            "cannot decode the response body (status 204): empty body"
        );
    }
}
