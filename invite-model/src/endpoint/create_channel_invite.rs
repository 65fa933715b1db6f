//! `POST /channels/{channel_id}/invites`.

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::target_users::{TARGET_USERS_FILE_FIELD, TARGET_USERS_FILE_NAME};
use super::{
    Endpoint, Multipart, Request, Response, ResponseError, Route, check_status, json_body,
    parse_invite,
};
use crate::body::audit_reason::AuditLogReason;
use crate::body::create_invite::{CreateGroupDmInvite, CreateInvite, CreateInviteError};
use crate::body::target_users_csv::{parse_target_users_upload, write_target_users_csv};
use crate::invite::Invite;
use crate::platform::{Limits, Platform};
use crate::primitive::snowflake::Snowflake;

/// The body of a [`CreateChannelInvite`]: a guild channel's or a group DM's.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CreateInviteBody {
    /// For a guild channel.
    Guild(CreateInvite),
    /// For a group DM.
    GroupDm(CreateGroupDmInvite),
}

/// What a create-invite request gave back.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CreatedInvite {
    /// The new (or reused) invite, with metadata (boxed: an invite is large, the other variant
    /// empty).
    Invite(Box<Invite<'static>>),
    /// `204 No Content`: Discord answers so, instead of an invite, for a guild whose invites it
    /// has disabled. No invite was created.
    NoContent,
}

impl CreatedInvite {
    /// The invite, if one was returned.
    pub fn into_invite(self) -> Option<Invite<'static>> {
        match self {
            Self::Invite(invite) => Some(*invite),
            Self::NoContent => None,
        }
    }
}

/// `POST /channels/{channel_id}/invites`: creates an invite. Needs `CREATE_INSTANT_INVITE`
/// (`role_ids` also `MANAGE_ROLES`, the `IS_APPLICATION_BYPASS` flag `KICK_MEMBERS`, target users
/// `MANAGE_GUILD`). Takes an audit-log reason. Never retried automatically: a retry could create
/// a second invite.
///
/// The body is validated when the endpoint is built. It is sent as JSON, or, with target users,
/// as `multipart/form-data` with a `payload_json` part (the JSON) and a `target_users_file` part
/// (the CSV).
///
/// ```
/// use invite_model::{CreateInvite, Platform, Snowflake};
/// use invite_model::endpoint::{CreateChannelInvite, Endpoint};
/// let e = CreateChannelInvite::new(Snowflake(1057241425793798144), CreateInvite::new().max_uses(1), Platform::Discord)
///     .unwrap();
/// let r = e.request();
/// assert_eq!(r.route.to_string(), "/channels/1057241425793798144/invites");
/// assert_eq!(r.body, br#"{"max_uses":1}"#);
/// assert_eq!(
///     CreateChannelInvite::new(Snowflake(1), CreateInvite::new().max_age(5184001), Platform::Discord)
///         .unwrap_err()
///         .to_string(),
///     "max_age 5184001 is out of range 0..=5184000"
/// );
/// // A platform that changed its limits: pass them.
/// let limits = Platform::Discord.limits().with_max_age(0..=604_800);
/// assert!(
///     CreateChannelInvite::with_limits(Snowflake(1), CreateInvite::new().max_age(604801), Platform::Discord, &limits)
///         .is_err()
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateChannelInvite {
    channel_id: Snowflake,
    body: CreateInviteBody,
    platform: Platform,
    reason: Option<AuditLogReason>,
    target_users_csv: Option<Vec<u8>>,
}

impl CreateChannelInvite {
    /// An invite to the guild channel `channel_id`, after checking `body` against `platform`'s
    /// rules ([`CreateInvite::validate`]).
    pub fn new(
        channel_id: Snowflake,
        body: CreateInvite,
        platform: Platform,
    ) -> Result<Self, CreateInviteError> {
        Self::with_limits(channel_id, body, platform, &platform.limits())
    }

    /// Like [`new`](Self::new), with the ranges of `limits` instead of the platform's
    /// ([`CreateInvite::validate_with`]).
    pub fn with_limits(
        channel_id: Snowflake,
        body: CreateInvite,
        platform: Platform,
        limits: &Limits,
    ) -> Result<Self, CreateInviteError> {
        body.validate_with(platform, limits)?;
        Ok(Self {
            channel_id,
            body: CreateInviteBody::Guild(body),
            platform,
            reason: None,
            target_users_csv: None,
        })
    }

    /// An invite to the group DM `channel_id`, after checking `body`
    /// ([`CreateGroupDmInvite::validate`]).
    pub fn group_dm(
        channel_id: Snowflake,
        body: CreateGroupDmInvite,
        platform: Platform,
    ) -> Result<Self, CreateInviteError> {
        Self::group_dm_with_limits(channel_id, body, platform, &platform.limits())
    }

    /// Like [`group_dm`](Self::group_dm), with the ranges of `limits` instead of the
    /// platform's ([`CreateGroupDmInvite::validate_with`]).
    pub fn group_dm_with_limits(
        channel_id: Snowflake,
        body: CreateGroupDmInvite,
        platform: Platform,
        limits: &Limits,
    ) -> Result<Self, CreateInviteError> {
        body.validate_with(limits)?;
        Ok(Self {
            channel_id,
            body: CreateInviteBody::GroupDm(body),
            platform,
            reason: None,
            target_users_csv: None,
        })
    }

    /// Sets the audit-log reason.
    pub fn reason(mut self, reason: AuditLogReason) -> Self {
        self.reason = Some(reason);
        self
    }

    /// Restricts the invite to `user_ids` (sent as a `target_users_file` CSV), at least one.
    /// Only for guild channels on Discord.
    pub fn target_users(self, user_ids: &[Snowflake]) -> Result<Self, CreateInviteError> {
        self.target_users_csv(write_target_users_csv(user_ids))
    }

    /// Restricts the invite to the users of a CSV, sent as it is after checking that it parses
    /// and names at least one user
    /// ([`parse_target_users_upload`](crate::parse_target_users_upload)). Only for guild
    /// channels on Discord.
    pub fn target_users_csv(mut self, csv: Vec<u8>) -> Result<Self, CreateInviteError> {
        if self.platform == Platform::Fluxer {
            return Err(CreateInviteError::Unsupported {
                field: TARGET_USERS_FILE_FIELD,
                platform: self.platform,
            });
        }
        if matches!(self.body, CreateInviteBody::GroupDm(_)) {
            return Err(CreateInviteError::NotForGroupDm {
                field: TARGET_USERS_FILE_FIELD,
            });
        }
        parse_target_users_upload(&csv).map_err(CreateInviteError::TargetUsersCsv)?;
        self.target_users_csv = Some(csv);
        Ok(self)
    }

    /// The validated body.
    pub fn body(&self) -> &CreateInviteBody {
        &self.body
    }
}

impl Endpoint for CreateChannelInvite {
    type Output = CreatedInvite;

    fn request(&self) -> Request {
        let json = match &self.body {
            CreateInviteBody::Guild(b) => json_body(b),
            CreateInviteBody::GroupDm(b) => json_body(b),
        };
        let mut headers = Vec::new();
        let body = match &self.target_users_csv {
            None => {
                headers.push(("Content-Type", String::from("application/json")));
                json
            }
            Some(csv) => {
                let (content_type, body) = Multipart::new()
                    .field("payload_json", "application/json", &json)
                    .file(
                        TARGET_USERS_FILE_FIELD,
                        TARGET_USERS_FILE_NAME,
                        "text/csv",
                        csv,
                    )
                    .finish();
                headers.push(("Content-Type", content_type));
                body
            }
        };
        if let Some(reason) = &self.reason {
            headers.push((AuditLogReason::HEADER, reason.header_value().to_string()));
        }
        Request {
            headers,
            body,
            ..Request::new(Route::CreateChannelInvite {
                channel_id: self.channel_id,
            })
        }
    }

    fn parse(&self, response: &Response<'_>) -> Result<CreatedInvite, ResponseError> {
        check_status(response)?;
        if response.status == 204 {
            return Ok(CreatedInvite::NoContent);
        }
        parse_invite(response).map(|invite| CreatedInvite::Invite(Box::new(invite)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::endpoint::test_support::*;
    use crate::invite::flags::GuildInviteFlags;
    use crate::invite::target_type::TargetType;

    const CHANNEL: Snowflake = Snowflake(1_057_241_425_793_798_144);

    fn discord(body: CreateInvite) -> CreateChannelInvite {
        CreateChannelInvite::new(CHANNEL, body, Platform::Discord).unwrap()
    }

    #[test]
    fn json_request() {
        let r = discord(CreateInvite::new()).request();
        assert_eq!(r.method(), Method::Post);
        assert_eq!(r.route.to_string(), "/channels/1057241425793798144/invites");
        assert_eq!(
            r.headers,
            [("Content-Type", String::from("application/json"))]
        );
        assert_eq!(r.body, b"{}");
        assert_eq!(r.route.template(), "POST /channels/{channel_id}/invites");
        assert_eq!(r.route.major(), Some(Snowflake(1_057_241_425_793_798_144)));
        assert!(!r.retry_safe);

        let r = discord(
            CreateInvite::new()
                .max_age(0)
                .unique(true)
                .role_id(Snowflake(3))
                .flags(GuildInviteFlags::IS_GUEST_INVITE),
        )
        .reason(AuditLogReason::new("event night").unwrap())
        .request();
        assert_eq!(
            r.headers,
            [
                ("Content-Type", String::from("application/json")),
                ("X-Audit-Log-Reason", String::from("event%20night")),
            ]
        );
        assert_eq!(
            r.body,
            br#"{"max_age":0,"unique":true,"role_ids":["3"],"flags":1}"#
        );
    }

    #[test]
    fn group_dm_and_fluxer_requests() {
        let e = CreateChannelInvite::group_dm(
            Snowflake(5),
            CreateGroupDmInvite::new().max_age(3600),
            Platform::Discord,
        )
        .unwrap();
        assert_eq!(e.request().body, br#"{"max_age":3600}"#);
        assert_eq!(
            e.body(),
            &CreateInviteBody::GroupDm(CreateGroupDmInvite::new().max_age(3600))
        );
        assert_eq!(
            CreateChannelInvite::group_dm(
                Snowflake(5),
                CreateGroupDmInvite::new().max_age(0),
                Platform::Discord
            )
            .unwrap_err()
            .to_string(),
            "max_age 0 is out of range 1..=604800"
        );
        assert_eq!(
            e.target_users(&[Snowflake(1)]).unwrap_err().to_string(),
            "target_users_file is not supported for group dm invites"
        );

        let body = CreateInvite::new()
            .max_uses(50)
            .max_age(302_400)
            .unique(true)
            .temporary(true);
        let e = CreateChannelInvite::new(Snowflake(5), body, Platform::Fluxer).unwrap();
        assert_eq!(
            e.request().body,
            br#"{"max_age":302400,"max_uses":50,"temporary":true,"unique":true}"#
        );
        assert_eq!(
            e.target_users(&[Snowflake(1)]).unwrap_err().to_string(),
            "target_users_file is not supported by fluxer"
        );
        assert_eq!(
            CreateChannelInvite::new(
                Snowflake(5),
                CreateInvite::new().stream(Snowflake(1)),
                Platform::Fluxer
            )
            .unwrap_err(),
            CreateInviteError::Unsupported {
                field: "target_type",
                platform: Platform::Fluxer
            }
        );
        assert_eq!(
            CreateChannelInvite::new(
                Snowflake(5),
                CreateInvite::new().target_type(TargetType::EMBEDDED_APPLICATION),
                Platform::Discord
            )
            .unwrap_err()
            .to_string(),
            "target_type 2 (EMBEDDED_APPLICATION) needs target_application_id"
        );
    }

    #[test]
    fn multipart_request_is_exact() {
        let e = discord(CreateInvite::new().max_uses(1))
            .target_users(&[
                Snowflake(710_570_210_159_099_984),
                Snowflake(1_081_815_963_990_761_542),
            ])
            .unwrap()
            .reason(AuditLogReason::new("vip").unwrap());
        let r = e.request();
        let content_type = r.header("Content-Type").unwrap();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=invite-model-")
            .map(|hex| alloc::format!("invite-model-{hex}"))
            .unwrap();
        assert_eq!(boundary.len(), "invite-model-".len() + 16);
        assert_eq!(r.header("X-Audit-Log-Reason"), Some("vip"));
        let expected = alloc::format!(
            "--{boundary}\r\n\
             Content-Disposition: form-data; name=\"payload_json\"\r\n\
             Content-Type: application/json\r\n\
             \r\n\
             {{\"max_uses\":1}}\r\n\
             --{boundary}\r\n\
             Content-Disposition: form-data; name=\"target_users_file\"; filename=\"target_users.csv\"\r\n\
             Content-Type: text/csv\r\n\
             \r\n\
             user_id\n710570210159099984\n1081815963990761542\n\r\n\
             --{boundary}--\r\n"
        );
        assert_eq!(String::from_utf8(r.body).unwrap(), expected);
        assert!(!r.retry_safe);

        // A CSV given as is is sent as is, after checking it.
        let e = discord(CreateInvite::new())
            .target_users_csv(b"user_id\r\n5\r\n".to_vec())
            .unwrap();
        let body = String::from_utf8(e.request().body).unwrap();
        assert!(body.contains("\r\n\r\nuser_id\r\n5\r\n\r\n--invite-model-"));
        assert!(body.contains("\r\n\r\n{}\r\n--invite-model-"));
        assert_eq!(
            discord(CreateInvite::new())
                .target_users_csv(b"user_id\nx\n".to_vec())
                .unwrap_err()
                .to_string(),
            "target_users_file: line 2: invalid user id \"x\""
        );
        // At least one user: the rule lives here, not in each caller.
        for empty in [&b"user_id\n"[..], b""] {
            assert_eq!(
                discord(CreateInvite::new())
                    .target_users_csv(empty.to_vec())
                    .unwrap_err(),
                CreateInviteError::TargetUsersCsv(
                    crate::body::target_users_csv::CsvError::NoUserIds
                )
            );
        }
        assert_eq!(
            discord(CreateInvite::new())
                .target_users(&[])
                .unwrap_err()
                .to_string(),
            "target_users_file: no user ids (expected the header `user_id`, then one id a line)"
        );
    }

    #[test]
    fn parse() {
        let e = discord(CreateInvite::new());
        let CreatedInvite::Invite(invite) = e.parse(&resp(200, DISCORD_INVITE)).unwrap() else {
            panic!("no invite")
        };
        assert_eq!(invite.code, "jvuBeT38");
        assert_eq!(invite.max_age, Some(604_800));
        let created = e.parse(&resp(200, FLUXER_CREATED)).unwrap();
        assert!(created.into_invite().unwrap().created_at.is_some());
        assert_eq!(e.parse(&resp(204, b"")).unwrap(), CreatedInvite::NoContent);
        assert_eq!(CreatedInvite::NoContent.into_invite(), None);

        let err = e
            .parse(&resp(
                400,
                br#"{"code": 50035, "errors": {"max_age": {"_errors": [{"code": "NUMBER_TYPE_MAX", "message": "int value should be less than or equal to 604800."}]}}, "message": "Invalid Form Body"}"#,
            ))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "discord api error 400 (50035): Invalid Form Body; max_age: int value should be less than or equal to 604800. (NUMBER_TYPE_MAX)"
        );
        let err = e
            .parse(&resp(
                400,
                br#"{"code":"MAX_INVITES","message":"Maximum number of invites reached"}"#,
            ))
            .unwrap_err();
        assert!(err.as_api().unwrap().is_max_invites());
        assert_eq!(
            e.parse(&resp(200, b"garbage")).unwrap_err().to_string(),
            GARBAGE_MSG
        );
        assert_eq!(
            e.parse(&resp(200, TRUNCATED)).unwrap_err().to_string(),
            TRUNCATED_MSG
        );
        assert_eq!(
            e.parse(&resp(201, b"")).unwrap_err().to_string(),
            "cannot decode the response body (status 201): empty body"
        );
    }
}
