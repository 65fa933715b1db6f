//! [`IncidentActions`]: the validated body of `PUT /guilds/{guild_id}/incident-actions`.

use core::fmt;

use serde::Serialize;

use crate::platform::{Limits, Platform};
use crate::primitive::timestamp::Timestamp;

/// What to pause in a guild during a raid, and until when: the body of
/// `PUT /guilds/{guild_id}/incident-actions` (Discord's OpenAPI `GuildIncidentActionsRequest`).
///
/// Each action is left out (not sent), paused until a time (sent as that time), or resumed
/// (sent as `null`). A pause may reach at most [`Limits::incident_pause_max_secs`] ahead
/// (Discord: 24 hours) of the `now` the caller passes to [`validate`](Self::validate); there is
/// no clock in this crate. Discord's docs do not say whether the API keeps or clears an action
/// that is left out of the body.
///
/// ```
/// use invite_model::{IncidentActions, Platform, Timestamp};
/// let now: Timestamp = "2026-01-01T12:00:00Z".parse().unwrap();
/// let body = IncidentActions::new().pause_invites_until("2026-01-01T14:00:00Z".parse().unwrap());
/// body.validate(Platform::Discord, now).unwrap();
/// assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"invites_disabled_until":"2026-01-01T14:00:00+00:00"}"#);
/// assert_eq!(serde_json::to_string(&IncidentActions::new().resume_invites()).unwrap(), r#"{"invites_disabled_until":null}"#);
/// let too_far = IncidentActions::new().pause_invites_until("2026-01-02T12:00:01Z".parse().unwrap());
/// assert_eq!(
///     too_far.validate(Platform::Discord, now).unwrap_err().to_string(),
///     "invites_disabled_until 2026-01-02T12:00:01+00:00 is more than 86400 s after now (2026-01-01T12:00:00+00:00)"
/// );
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct IncidentActions {
    /// Invites: `None` left out, `Some(None)` resumed, `Some(Some(t))` paused until `t`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invites_disabled_until: Option<Option<Timestamp>>,
    /// Direct messages: `None` left out, `Some(None)` resumed, `Some(Some(t))` paused until `t`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dms_disabled_until: Option<Option<Timestamp>>,
}

/// Why an [`IncidentActions`] body would be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IncidentActionsError {
    /// The platform has no incident actions.
    Unsupported {
        /// The platform.
        platform: Platform,
    },
    /// Neither action is set: the request would change nothing.
    Empty,
    /// A pause that ends before (or at) `now`.
    NotInFuture {
        /// The field.
        field: &'static str,
        /// The end given.
        until: Timestamp,
        /// The caller's now.
        now: Timestamp,
    },
    /// A pause that ends further ahead than allowed.
    TooFar {
        /// The field.
        field: &'static str,
        /// The end given.
        until: Timestamp,
        /// The caller's now.
        now: Timestamp,
        /// The longest pause, in seconds.
        max_secs: u32,
    },
}

impl fmt::Display for IncidentActionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unsupported { platform } => {
                write!(f, "{platform} has no incident actions (pausing invites)")
            }
            Self::Empty => {
                f.write_str("no incident action given: pause or resume invites or direct messages")
            }
            Self::NotInFuture { field, until, now } => {
                write!(f, "{field} {until} is not after now ({now})")
            }
            Self::TooFar {
                field,
                until,
                now,
                max_secs,
            } => write!(
                f,
                "{field} {until} is more than {max_secs} s after now ({now})"
            ),
        }
    }
}

impl core::error::Error for IncidentActionsError {}

impl IncidentActions {
    /// A body that changes nothing yet.
    pub const fn new() -> Self {
        Self {
            invites_disabled_until: None,
            dms_disabled_until: None,
        }
    }

    /// Pauses invites until `until`.
    pub const fn pause_invites_until(mut self, until: Timestamp) -> Self {
        self.invites_disabled_until = Some(Some(until));
        self
    }

    /// Resumes invites (`null`).
    pub const fn resume_invites(mut self) -> Self {
        self.invites_disabled_until = Some(None);
        self
    }

    /// Pauses direct messages until `until`.
    pub const fn pause_dms_until(mut self, until: Timestamp) -> Self {
        self.dms_disabled_until = Some(Some(until));
        self
    }

    /// Resumes direct messages (`null`).
    pub const fn resume_dms(mut self) -> Self {
        self.dms_disabled_until = Some(None);
        self
    }

    /// Checks the body against `platform`'s limits at the caller's `now`; see
    /// [`validate_with`](Self::validate_with).
    pub fn validate(&self, platform: Platform, now: Timestamp) -> Result<(), IncidentActionsError> {
        self.validate_with(platform, &platform.limits(), now)
    }

    /// Checks the body against `limits`: the platform has incident actions
    /// ([`Limits::incident_pause_max_secs`] is set), at least one action is set, and every
    /// pause ends after `now` and at most that many seconds after it.
    pub fn validate_with(
        &self,
        platform: Platform,
        limits: &Limits,
        now: Timestamp,
    ) -> Result<(), IncidentActionsError> {
        let Some(max_secs) = limits.incident_pause_max_secs else {
            return Err(IncidentActionsError::Unsupported { platform });
        };
        if self.invites_disabled_until.is_none() && self.dms_disabled_until.is_none() {
            return Err(IncidentActionsError::Empty);
        }
        let latest = now.unix_millis().saturating_add(i64::from(max_secs) * 1000);
        for (field, value) in [
            ("invites_disabled_until", self.invites_disabled_until),
            ("dms_disabled_until", self.dms_disabled_until),
        ] {
            let Some(Some(until)) = value else {
                continue;
            };
            if until.unix_millis() <= now.unix_millis() {
                return Err(IncidentActionsError::NotInFuture { field, until, now });
            }
            if until.unix_millis() > latest {
                return Err(IncidentActionsError::TooFar {
                    field,
                    until,
                    now,
                    max_secs,
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::{String, ToString};

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    const NOW: &str = "2026-01-01T12:00:00Z";

    fn err(body: IncidentActions, p: Platform) -> String {
        body.validate(p, t(NOW)).unwrap_err().to_string()
    }

    #[test]
    fn bodies() {
        let both = IncidentActions::new()
            .pause_invites_until(t("2026-01-01T13:00:00Z"))
            .resume_dms();
        assert_eq!(
            serde_json::to_string(&both).unwrap(),
            r#"{"invites_disabled_until":"2026-01-01T13:00:00+00:00","dms_disabled_until":null}"#
        );
        both.validate(Platform::Discord, t(NOW)).unwrap();
        let dms = IncidentActions::new().pause_dms_until(t("2026-01-02T12:00:00Z"));
        assert_eq!(
            serde_json::to_string(&dms).unwrap(),
            r#"{"dms_disabled_until":"2026-01-02T12:00:00+00:00"}"#
        );
        // Exactly 24 hours is allowed.
        dms.validate(Platform::Discord, t(NOW)).unwrap();
        IncidentActions::new()
            .resume_invites()
            .resume_dms()
            .validate(Platform::Discord, t(NOW))
            .unwrap();
    }

    #[test]
    fn refusals() {
        let d = Platform::Discord;
        assert_eq!(
            err(IncidentActions::new(), d),
            "no incident action given: pause or resume invites or direct messages"
        );
        assert_eq!(
            err(IncidentActions::new().pause_invites_until(t(NOW)), d),
            "invites_disabled_until 2026-01-01T12:00:00+00:00 is not after now (2026-01-01T12:00:00+00:00)"
        );
        assert_eq!(
            err(
                IncidentActions::new().pause_dms_until(t("2026-01-02T12:00:00.001Z")),
                d
            ),
            "dms_disabled_until 2026-01-02T12:00:00.001+00:00 is more than 86400 s after now (2026-01-01T12:00:00+00:00)"
        );
        assert_eq!(
            err(IncidentActions::new().resume_invites(), Platform::Fluxer),
            "fluxer has no incident actions (pausing invites)"
        );
        // A platform that allows longer pauses.
        let limits = d.limits().with_incident_pause_max_secs(Some(2 * 86_400));
        IncidentActions::new()
            .pause_dms_until(t("2026-01-03T12:00:00Z"))
            .validate_with(d, &limits, t(NOW))
            .unwrap();
        // Offsets are compared as moments.
        IncidentActions::new()
            .pause_invites_until(t("2026-01-01T14:00:00+02:00"))
            .validate(d, t(NOW))
            .unwrap_err();
    }
}
