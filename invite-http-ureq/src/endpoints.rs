//! One convenience method per invite endpoint, each a thin call to [`Client::execute`].
//!
//! Codes are taken as text (a bare code or any invite link `invite-model` recognises) and
//! reasons as plain text; both are validated here, so bad input ends in
//! [`Error::InvalidInput`] before anything is sent.

use invite_model::endpoint::{
    AcceptInvite, CreateChannelInvite, CreateFriendInvite, CreatedInvite, DeleteFriendInvites,
    DeleteInvite, GetChannelInvites, GetFriendInvites, GetGuildInvites, GetInvite, GetTargetUsers,
    GetTargetUsersJobStatus, GetVanityUrl, PutTargetUsers, VanityUrl,
};
use invite_model::{
    AuditLogReason, CreateInvite, Invite, InviteCode, Snowflake, TargetUsersJobStatus,
};

use crate::{Client, Error};

/// The optional query parameters of [`Client::get_invite`]. Discord only: Fluxer takes none, so
/// they are not sent there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct GetInviteOptions {
    /// Ask for `approximate_member_count` and `approximate_presence_count`.
    pub with_counts: bool,
    /// Ask for `is_nickname_changeable` (user API).
    pub with_permissions: bool,
    /// Include this scheduled event as `guild_scheduled_event`. A link's `?event=` id is used
    /// when this is `None`.
    pub guild_scheduled_event_id: Option<Snowflake>,
}

impl GetInviteOptions {
    /// Counts on, the rest off.
    pub fn with_counts() -> Self {
        Self {
            with_counts: true,
            ..Self::default()
        }
    }
}

fn reason(text: Option<&str>) -> Result<Option<AuditLogReason>, Error> {
    Ok(text.map(AuditLogReason::new).transpose()?)
}

impl Client {
    /// `GET /invites/{code}`: the invite behind a code or link.
    ///
    /// ```no_run
    /// use invite_http_ureq::{Client, GetInviteOptions};
    /// let client = Client::builder().build()?;
    /// let invite = client.get_invite("https://discord.gg/discord-developers", GetInviteOptions::with_counts())?;
    /// println!("{:?}", invite.approximate_member_count);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get_invite(
        &self,
        code: &str,
        options: GetInviteOptions,
    ) -> Result<Invite<'static>, Error> {
        let link = InviteCode::parse_link(code)?;
        let mut endpoint = GetInvite::from_link(&link).platform(self.platform());
        if options.with_counts {
            endpoint = endpoint.with_counts(true);
        }
        if options.with_permissions {
            endpoint = endpoint.with_permissions(true);
        }
        if let Some(event) = options.guild_scheduled_event_id {
            endpoint = endpoint.guild_scheduled_event_id(event);
        }
        self.execute(&endpoint)
    }

    /// `DELETE /invites/{code}`, with an optional audit-log reason. Discord returns the deleted
    /// invite; Fluxer answers 204 (`None`).
    pub fn delete_invite(
        &self,
        code: &str,
        audit_reason: Option<&str>,
    ) -> Result<Option<Invite<'static>>, Error> {
        let mut endpoint = DeleteInvite::new(InviteCode::parse(code)?);
        if let Some(r) = reason(audit_reason)? {
            endpoint = endpoint.reason(r);
        }
        self.execute(&endpoint)
    }

    /// `POST /invites/{code}`: joins through the invite (user tokens and OAuth2 `guilds.join`
    /// only; bots get an error). `session_id` is needed for guest invites.
    pub fn accept_invite(
        &self,
        code: &str,
        session_id: Option<&str>,
    ) -> Result<Invite<'static>, Error> {
        let mut endpoint = AcceptInvite::new(InviteCode::parse(code)?);
        if let Some(session_id) = session_id {
            endpoint = endpoint.session_id(session_id);
        }
        self.execute(&endpoint)
    }

    /// `GET /guilds/{guild_id}/invites`: the guild's invites (with metadata if the caller has
    /// `MANAGE_GUILD`).
    pub fn guild_invites(&self, guild_id: Snowflake) -> Result<Vec<Invite<'static>>, Error> {
        self.execute(&GetGuildInvites::new(guild_id))
    }

    /// `GET /channels/{channel_id}/invites`: the channel's invites, with metadata.
    pub fn channel_invites(&self, channel_id: Snowflake) -> Result<Vec<Invite<'static>>, Error> {
        self.execute(&GetChannelInvites::new(channel_id))
    }

    /// `POST /channels/{channel_id}/invites`: creates an invite to a guild channel. The body
    /// is checked against the client's platform first; `target_users_csv` (a `user_id` CSV,
    /// Discord only) restricts the invite to those users and makes the request multipart.
    /// Never retried after a 5xx or a broken connection (it could create two invites).
    ///
    /// ```no_run
    /// use invite_http_ureq::{Client, Token};
    /// use invite_model::{CreateInvite, Snowflake};
    /// let client = Client::new(Token::bot("..."))?;
    /// let created = client.create_invite(
    ///     Snowflake(165176875973476352),
    ///     CreateInvite::new().max_age(3600).max_uses(5),
    ///     Some("event week"),
    ///     None,
    /// )?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn create_invite(
        &self,
        channel_id: Snowflake,
        body: CreateInvite,
        audit_reason: Option<&str>,
        target_users_csv: Option<Vec<u8>>,
    ) -> Result<CreatedInvite, Error> {
        let mut endpoint = CreateChannelInvite::new(channel_id, body, self.platform())?;
        if let Some(r) = reason(audit_reason)? {
            endpoint = endpoint.reason(r);
        }
        if let Some(csv) = target_users_csv {
            endpoint = endpoint.target_users_csv(csv)?;
        }
        self.execute(&endpoint)
    }

    /// `GET /users/@me/invites`: the user's friend invites (user tokens only).
    pub fn friend_invites(&self) -> Result<Vec<Invite<'static>>, Error> {
        self.execute(&GetFriendInvites::new())
    }

    /// `POST /users/@me/invites`: creates a friend invite, optionally with a pre-generated
    /// code (user tokens only).
    pub fn create_friend_invite(&self, code: Option<&str>) -> Result<Invite<'static>, Error> {
        let mut endpoint = CreateFriendInvite::new();
        if let Some(code) = code {
            endpoint = endpoint.code(InviteCode::parse(code)?);
        }
        self.execute(&endpoint)
    }

    /// `DELETE /users/@me/invites`: revokes every friend invite and returns them (user tokens
    /// only).
    pub fn delete_friend_invites(&self) -> Result<Vec<Invite<'static>>, Error> {
        self.execute(&DeleteFriendInvites::new())
    }

    /// `GET /invites/{code}/target-users`: the users an invite is restricted to (read from the
    /// CSV the API returns).
    pub fn target_users(&self, code: &str) -> Result<Vec<Snowflake>, Error> {
        self.execute(&GetTargetUsers::new(InviteCode::parse(code)?))
    }

    /// `PUT /invites/{code}/target-users`: replaces the users an invite is restricted to
    /// (uploaded as a CSV; processed asynchronously, see
    /// [`target_users_job_status`](Self::target_users_job_status)).
    pub fn set_target_users(&self, code: &str, user_ids: &[Snowflake]) -> Result<(), Error> {
        self.execute(&PutTargetUsers::new(InviteCode::parse(code)?, user_ids))
    }

    /// `GET /invites/{code}/target-users/job-status`: how the last target-users upload is
    /// getting on.
    pub fn target_users_job_status(
        &self,
        code: &str,
    ) -> Result<TargetUsersJobStatus<'static>, Error> {
        self.execute(&GetTargetUsersJobStatus::new(InviteCode::parse(code)?))
    }

    /// `GET /guilds/{guild_id}/vanity-url`: the guild's vanity code and its uses.
    pub fn vanity_url(&self, guild_id: Snowflake) -> Result<VanityUrl<'static>, Error> {
        self.execute(&GetVanityUrl::new(guild_id))
    }
}
