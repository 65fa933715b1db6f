//! One convenience method per invite endpoint, each a thin call to [`Client::execute`].
//!
//! They take `invite-model`'s checked types ([`InviteCode`], [`AuditLogReason`], [`Snowflake`],
//! the endpoint values such as [`GetInvite`]), so input is parsed and validated once, where the
//! caller builds it, and nothing here parses it again. What the client's platform decides
//! (which query parameters are sent, the create-invite ranges) is applied here.

use invite_model::endpoint::{
    AcceptInvite, CreateChannelInvite, CreateFriendInvite, CreatedInvite, DeleteFriendInvites,
    DeleteInvite, DeletedInvite, GetChannelInvites, GetFriendInvites, GetGuildInvites, GetInvite,
    GetTargetUsers, GetTargetUsersJobStatus, GetVanityUrl, PutTargetUsers, VanityUrl,
};
use invite_model::{
    AuditLogReason, CreateInvite, Invite, InviteCode, Snowflake, TargetUsersJobStatus,
};

use crate::{Client, Error};

impl Client {
    /// `GET /invites/{code}`: the invite `invite` asks for, with its query parameters
    /// ([`GetInvite::with_counts`], [`GetInvite::guild_scheduled_event_id`], ... ;
    /// [`GetInvite::from_link`] takes a link's `?event=`). They are sent on Discord only: the
    /// request is built for the client's platform, whatever `invite` was built for. An invite
    /// with another code than the one asked for is an [`Error::InviteMismatch`].
    ///
    /// ```no_run
    /// use invite_http_ureq::Client;
    /// use invite_model::InviteCode;
    /// use invite_model::endpoint::GetInvite;
    /// let client = Client::builder().build()?;
    /// let link = InviteCode::parse_link("https://discord.gg/discord-developers")?;
    /// let invite = client.get_invite(&GetInvite::from_link(&link).with_counts(true))?;
    /// println!("{:?}", invite.approximate_member_count);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get_invite(&self, invite: &GetInvite) -> Result<Invite<'static>, Error> {
        self.execute(&invite.clone().platform(self.platform()))
    }

    /// `DELETE /invites/{code}`, with an optional audit-log reason. Discord returns the deleted
    /// invite ([`DeletedInvite::Invite`]), Fluxer answers 204 ([`DeletedInvite::NoContent`]);
    /// a retry after an attempt that may have deleted it (a 5xx, a broken connection) that
    /// finds it gone is [`DeletedInvite::AlreadyGone`].
    ///
    /// ```no_run
    /// use invite_http_ureq::{Client, Token};
    /// use invite_model::{AuditLogReason, InviteCode};
    /// let client = Client::new(Token::bot("MTIz.abc.def"))?;
    /// let reason = AuditLogReason::new("leaked link")?;
    /// let deleted = client.delete_invite(&InviteCode::parse("jvuBeT38")?, Some(&reason))?;
    /// if deleted.is_already_gone() {
    ///     println!("it was already gone");
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn delete_invite(
        &self,
        code: &InviteCode,
        audit_reason: Option<&AuditLogReason>,
    ) -> Result<DeletedInvite, Error> {
        let mut endpoint = DeleteInvite::new(code.clone());
        if let Some(reason) = audit_reason {
            endpoint = endpoint.reason(reason.clone());
        }
        self.execute(&endpoint)
    }

    /// `POST /invites/{code}`: joins through the invite (user tokens and OAuth2 `guilds.join`
    /// only; bots get an error). `session_id` is needed for guest invites.
    pub fn accept_invite(
        &self,
        code: &InviteCode,
        session_id: Option<&str>,
    ) -> Result<Invite<'static>, Error> {
        let mut endpoint = AcceptInvite::new(code.clone());
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
    /// is checked against the client's platform first; `target_users` (Discord only, at least
    /// one) restricts the invite to those users and makes the request multipart. Never retried
    /// after a 5xx or a broken connection (it could create two invites). To send a CSV file as
    /// it is, build a [`CreateChannelInvite`] with
    /// [`target_users_csv`](CreateChannelInvite::target_users_csv) and call
    /// [`execute`](Self::execute).
    ///
    /// ```no_run
    /// use invite_http_ureq::{Client, Token};
    /// use invite_model::{AuditLogReason, CreateInvite, Snowflake};
    /// let client = Client::new(Token::bot("MTIz.abc.def"))?;
    /// let created = client.create_invite(
    ///     Snowflake(165176875973476352),
    ///     CreateInvite::new().max_age(3600).max_uses(5),
    ///     Some(&AuditLogReason::new("event week")?),
    ///     None,
    /// )?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn create_invite(
        &self,
        channel_id: Snowflake,
        body: CreateInvite,
        audit_reason: Option<&AuditLogReason>,
        target_users: Option<&[Snowflake]>,
    ) -> Result<CreatedInvite, Error> {
        let mut endpoint = CreateChannelInvite::new(channel_id, body, self.platform())?;
        if let Some(reason) = audit_reason {
            endpoint = endpoint.reason(reason.clone());
        }
        if let Some(ids) = target_users {
            endpoint = endpoint.target_users(ids)?;
        }
        self.execute(&endpoint)
    }

    /// `GET /users/@me/invites`: the user's friend invites (user tokens only).
    pub fn friend_invites(&self) -> Result<Vec<Invite<'static>>, Error> {
        self.execute(&GetFriendInvites::new())
    }

    /// `POST /users/@me/invites`: creates a friend invite, optionally with a pre-generated
    /// code (user tokens only).
    pub fn create_friend_invite(
        &self,
        code: Option<&InviteCode>,
    ) -> Result<Invite<'static>, Error> {
        let mut endpoint = CreateFriendInvite::new();
        if let Some(code) = code {
            endpoint = endpoint.code(code.clone());
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
    pub fn target_users(&self, code: &InviteCode) -> Result<Vec<Snowflake>, Error> {
        self.execute(&GetTargetUsers::new(code.clone()))
    }

    /// `PUT /invites/{code}/target-users`: replaces the users an invite is restricted to, at
    /// least one (uploaded as a CSV; processed asynchronously, see
    /// [`target_users_job_status`](Self::target_users_job_status)). An empty list is
    /// [`Error::InvalidInput`] ([`CsvError::NoUserIds`](invite_model::CsvError::NoUserIds)),
    /// refused before anything is sent.
    pub fn set_target_users(&self, code: &InviteCode, user_ids: &[Snowflake]) -> Result<(), Error> {
        self.execute(&PutTargetUsers::new(code.clone(), user_ids)?)
    }

    /// `GET /invites/{code}/target-users/job-status`: how the last target-users upload is
    /// getting on.
    pub fn target_users_job_status(
        &self,
        code: &InviteCode,
    ) -> Result<TargetUsersJobStatus<'static>, Error> {
        self.execute(&GetTargetUsersJobStatus::new(code.clone()))
    }

    /// `GET /guilds/{guild_id}/vanity-url`: the guild's vanity code and its uses.
    pub fn vanity_url(&self, guild_id: Snowflake) -> Result<VanityUrl<'static>, Error> {
        self.execute(&GetVanityUrl::new(guild_id))
    }
}
