//! [`Route`]: every invite endpoint's method, path, query and rate-limit key, spelled once.

use core::fmt;

use crate::code::InviteCode;
use crate::primitive::percent::{PercentEncoded, percent_encode};
use crate::primitive::snowflake::Snowflake;
use crate::wire::Method;

/// One request target of an invite endpoint, with its typed parameters. It is the one source of
/// the request's method ([`method`](Self::method)), its path and query (written by `Display`,
/// without allocating) and its rate-limit key: the [`template`](Self::template) and the
/// [`major`](Self::major) parameter, so the path sent and the bucket it is counted in cannot
/// disagree.
///
/// Discord keys buckets by the route's template plus its major parameter. Only channel, guild
/// and webhook ids are major parameters: the invite-code routes share one bucket across codes,
/// so their major is `None`.
///
/// ```
/// use invite_model::endpoint::{Method, Route};
/// use invite_model::{InviteCode, Snowflake};
///
/// let route = Route::GetInvite {
///     code: InviteCode::parse("jvuBeT38").unwrap(),
///     with_counts: Some(true),
///     with_permissions: None,
///     guild_scheduled_event_id: Some(Snowflake(42)),
/// };
/// assert_eq!(route.to_string(), "/invites/jvuBeT38?with_counts=true&guild_scheduled_event_id=42");
/// assert_eq!((route.method(), route.template(), route.major()), (Method::Get, "GET /invites/{code}", None));
///
/// let route = Route::CreateChannelInvite { channel_id: Snowflake(7) };
/// assert_eq!(route.to_string(), "/channels/7/invites");
/// assert_eq!(route.major(), Some(Snowflake(7)));
/// assert!(!route.retry_safe());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Route {
    /// `GET /invites/{code}`, with its optional query flags (each sent only when set).
    GetInvite {
        /// The invite code.
        code: InviteCode,
        /// `with_counts`.
        with_counts: Option<bool>,
        /// `with_permissions` (user API).
        with_permissions: Option<bool>,
        /// `guild_scheduled_event_id`.
        guild_scheduled_event_id: Option<Snowflake>,
    },
    /// `DELETE /invites/{code}`.
    DeleteInvite {
        /// The invite code.
        code: InviteCode,
    },
    /// `POST /invites/{code}` (accept; user tokens).
    AcceptInvite {
        /// The invite code.
        code: InviteCode,
    },
    /// `GET /guilds/{guild_id}/invites`.
    GetGuildInvites {
        /// The guild (the major parameter).
        guild_id: Snowflake,
    },
    /// `GET /channels/{channel_id}/invites`.
    GetChannelInvites {
        /// The channel (the major parameter).
        channel_id: Snowflake,
    },
    /// `POST /channels/{channel_id}/invites`.
    CreateChannelInvite {
        /// The channel (the major parameter).
        channel_id: Snowflake,
    },
    /// `GET /users/@me/invites` (user tokens).
    GetFriendInvites,
    /// `POST /users/@me/invites` (user tokens).
    CreateFriendInvite,
    /// `DELETE /users/@me/invites` (user tokens).
    DeleteFriendInvites,
    /// `GET /invites/{code}/target-users`.
    GetTargetUsers {
        /// The invite code.
        code: InviteCode,
    },
    /// `PUT /invites/{code}/target-users`.
    PutTargetUsers {
        /// The invite code.
        code: InviteCode,
    },
    /// `GET /invites/{code}/target-users/job-status`.
    GetTargetUsersJobStatus {
        /// The invite code.
        code: InviteCode,
    },
    /// `GET /guilds/{guild_id}/vanity-url`.
    GetVanityUrl {
        /// The guild (the major parameter).
        guild_id: Snowflake,
    },
    /// `PATCH /guilds/{guild_id}/vanity-url` (Fluxer lets bots do it).
    SetVanityUrl {
        /// The guild (the major parameter).
        guild_id: Snowflake,
    },
    /// `PUT /guilds/{guild_id}/incident-actions` (pause invites or DMs during a raid).
    PutIncidentActions {
        /// The guild (the major parameter).
        guild_id: Snowflake,
    },
    /// `POST /lobbies/{lobby_id}/members/@me/invites` (an invite for the caller).
    CreateLobbyInviteForSelf {
        /// The lobby (not a major parameter).
        lobby_id: Snowflake,
    },
    /// `POST /lobbies/{lobby_id}/members/{user_id}/invites` (an invite for a member).
    CreateLobbyInviteForUser {
        /// The lobby (not a major parameter).
        lobby_id: Snowflake,
        /// The member the invite is for.
        user_id: Snowflake,
    },
}

impl Route {
    /// The HTTP method.
    pub const fn method(&self) -> Method {
        match self {
            Self::GetInvite { .. }
            | Self::GetGuildInvites { .. }
            | Self::GetChannelInvites { .. }
            | Self::GetFriendInvites
            | Self::GetTargetUsers { .. }
            | Self::GetTargetUsersJobStatus { .. }
            | Self::GetVanityUrl { .. } => Method::Get,
            Self::DeleteInvite { .. } | Self::DeleteFriendInvites => Method::Delete,
            Self::AcceptInvite { .. }
            | Self::CreateChannelInvite { .. }
            | Self::CreateFriendInvite
            | Self::CreateLobbyInviteForSelf { .. }
            | Self::CreateLobbyInviteForUser { .. } => Method::Post,
            Self::PutTargetUsers { .. } | Self::PutIncidentActions { .. } => Method::Put,
            Self::SetVanityUrl { .. } => Method::Patch,
        }
    }

    /// The method and path template, e.g. `GET /invites/{code}`: with the [`major`](Self::major)
    /// parameter, the rate-limit key.
    pub const fn template(&self) -> &'static str {
        match self {
            Self::GetInvite { .. } => "GET /invites/{code}",
            Self::DeleteInvite { .. } => "DELETE /invites/{code}",
            Self::AcceptInvite { .. } => "POST /invites/{code}",
            Self::GetGuildInvites { .. } => "GET /guilds/{guild_id}/invites",
            Self::GetChannelInvites { .. } => "GET /channels/{channel_id}/invites",
            Self::CreateChannelInvite { .. } => "POST /channels/{channel_id}/invites",
            Self::GetFriendInvites => "GET /users/@me/invites",
            Self::CreateFriendInvite => "POST /users/@me/invites",
            Self::DeleteFriendInvites => "DELETE /users/@me/invites",
            Self::GetTargetUsers { .. } => "GET /invites/{code}/target-users",
            Self::PutTargetUsers { .. } => "PUT /invites/{code}/target-users",
            Self::GetTargetUsersJobStatus { .. } => "GET /invites/{code}/target-users/job-status",
            Self::GetVanityUrl { .. } => "GET /guilds/{guild_id}/vanity-url",
            Self::SetVanityUrl { .. } => "PATCH /guilds/{guild_id}/vanity-url",
            Self::PutIncidentActions { .. } => "PUT /guilds/{guild_id}/incident-actions",
            Self::CreateLobbyInviteForSelf { .. } => "POST /lobbies/{lobby_id}/members/@me/invites",
            Self::CreateLobbyInviteForUser { .. } => {
                "POST /lobbies/{lobby_id}/members/{user_id}/invites"
            }
        }
    }

    /// The major parameter (a channel or guild id), `None` for routes without one: invite
    /// codes are not major parameters, so every code shares its route's bucket.
    pub const fn major(&self) -> Option<Snowflake> {
        match self {
            Self::GetGuildInvites { guild_id }
            | Self::GetVanityUrl { guild_id }
            | Self::SetVanityUrl { guild_id }
            | Self::PutIncidentActions { guild_id } => Some(*guild_id),
            Self::GetChannelInvites { channel_id } | Self::CreateChannelInvite { channel_id } => {
                Some(*channel_id)
            }
            _ => None,
        }
    }

    /// Whether sending the request twice is harmless (GET, PUT, PATCH, DELETE: the same body
    /// sets the same state again), so it may be retried after a 5xx or a broken connection. A
    /// POST could act twice (a second invite, a second use): it is not.
    pub const fn retry_safe(&self) -> bool {
        !matches!(self.method(), Method::Post)
    }

    /// The invite code of the routes that have one.
    pub const fn code(&self) -> Option<&InviteCode> {
        match self {
            Self::GetInvite { code, .. }
            | Self::DeleteInvite { code }
            | Self::AcceptInvite { code }
            | Self::GetTargetUsers { code }
            | Self::PutTargetUsers { code }
            | Self::GetTargetUsersJobStatus { code } => Some(code),
            _ => None,
        }
    }
}

/// Writes `?key=value&...` for the parameters that are set. The values written are booleans and
/// decimal ids, which are made of unreserved characters only and need no encoding.
struct Query<'f, 'a> {
    f: &'f mut fmt::Formatter<'a>,
    first: bool,
}

impl Query<'_, '_> {
    fn param(&mut self, key: &str, value: Option<impl fmt::Display>) -> fmt::Result {
        let Some(value) = value else {
            return Ok(());
        };
        let sep = if self.first { '?' } else { '&' };
        self.first = false;
        write!(self.f, "{sep}{key}={value}")
    }
}

impl fmt::Display for Route {
    /// The path and query, relative to the API base URL, starting with `/`: every dynamic
    /// segment is percent-encoded (`/invites/jvuBeT38?with_counts=true`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn code(code: &InviteCode) -> PercentEncoded<'_> {
            percent_encode(code.as_str())
        }
        match self {
            Self::GetInvite {
                code: c,
                with_counts,
                with_permissions,
                guild_scheduled_event_id,
            } => {
                write!(f, "/invites/{}", code(c))?;
                let mut query = Query { f, first: true };
                query.param("with_counts", *with_counts)?;
                query.param("with_permissions", *with_permissions)?;
                query.param("guild_scheduled_event_id", *guild_scheduled_event_id)
            }
            Self::DeleteInvite { code: c } | Self::AcceptInvite { code: c } => {
                write!(f, "/invites/{}", code(c))
            }
            Self::GetGuildInvites { guild_id } => write!(f, "/guilds/{guild_id}/invites"),
            Self::GetChannelInvites { channel_id } | Self::CreateChannelInvite { channel_id } => {
                write!(f, "/channels/{channel_id}/invites")
            }
            Self::GetFriendInvites | Self::CreateFriendInvite | Self::DeleteFriendInvites => {
                f.write_str("/users/@me/invites")
            }
            Self::GetTargetUsers { code: c } | Self::PutTargetUsers { code: c } => {
                write!(f, "/invites/{}/target-users", code(c))
            }
            Self::GetTargetUsersJobStatus { code: c } => {
                write!(f, "/invites/{}/target-users/job-status", code(c))
            }
            Self::GetVanityUrl { guild_id } | Self::SetVanityUrl { guild_id } => {
                write!(f, "/guilds/{guild_id}/vanity-url")
            }
            Self::PutIncidentActions { guild_id } => {
                write!(f, "/guilds/{guild_id}/incident-actions")
            }
            Self::CreateLobbyInviteForSelf { lobby_id } => {
                write!(f, "/lobbies/{lobby_id}/members/@me/invites")
            }
            Self::CreateLobbyInviteForUser { lobby_id, user_id } => {
                write!(f, "/lobbies/{lobby_id}/members/{user_id}/invites")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::{String, ToString};
    use alloc::vec;
    use alloc::vec::Vec;

    fn code() -> InviteCode {
        InviteCode::parse("jvuBeT38").unwrap()
    }

    fn every_route() -> Vec<Route> {
        let code = code();
        vec![
            Route::GetInvite {
                code: code.clone(),
                with_counts: None,
                with_permissions: None,
                guild_scheduled_event_id: None,
            },
            Route::DeleteInvite { code: code.clone() },
            Route::AcceptInvite { code: code.clone() },
            Route::GetGuildInvites {
                guild_id: Snowflake(1),
            },
            Route::GetChannelInvites {
                channel_id: Snowflake(2),
            },
            Route::CreateChannelInvite {
                channel_id: Snowflake(3),
            },
            Route::GetFriendInvites,
            Route::CreateFriendInvite,
            Route::DeleteFriendInvites,
            Route::GetTargetUsers { code: code.clone() },
            Route::PutTargetUsers { code: code.clone() },
            Route::GetTargetUsersJobStatus { code },
            Route::GetVanityUrl {
                guild_id: Snowflake(4),
            },
            Route::SetVanityUrl {
                guild_id: Snowflake(5),
            },
            Route::PutIncidentActions {
                guild_id: Snowflake(6),
            },
            Route::CreateLobbyInviteForSelf {
                lobby_id: Snowflake(7),
            },
            Route::CreateLobbyInviteForUser {
                lobby_id: Snowflake(8),
                user_id: Snowflake(9),
            },
        ]
    }

    /// The path a template gives once its parameter is filled in, for comparison.
    fn fill(template: &str, route: &Route) -> String {
        let path = template.split_once(' ').unwrap().1;
        let major = route.major().map(|m| m.to_string()).unwrap_or_default();
        let (lobby, user) = match route {
            Route::CreateLobbyInviteForSelf { lobby_id } => (lobby_id.to_string(), String::new()),
            Route::CreateLobbyInviteForUser { lobby_id, user_id } => {
                (lobby_id.to_string(), user_id.to_string())
            }
            _ => (String::new(), String::new()),
        };
        path.replace("{code}", "jvuBeT38")
            .replace("{guild_id}", &major)
            .replace("{channel_id}", &major)
            .replace("{lobby_id}", &lobby)
            .replace("{user_id}", &user)
    }

    #[test]
    fn path_template_method_and_major_agree() {
        let routes = every_route();
        let mut templates: Vec<&str> = routes.iter().map(Route::template).collect();
        for r in &routes {
            let path = r.to_string();
            assert_eq!(path, fill(r.template(), r), "{r:?}");
            assert!(r.template().starts_with(r.method().as_str()), "{r:?}");
            // Only guild and channel ids are major parameters (not lobby or user ids).
            let major =
                r.template().contains("{guild_id}") || r.template().contains("{channel_id}");
            assert_eq!(major, r.major().is_some(), "{r:?}");
            assert_eq!(r.template().contains("{code}"), r.code().is_some(), "{r:?}");
            assert_eq!(r.retry_safe(), r.method() != Method::Post, "{r:?}");
        }
        templates.sort_unstable();
        templates.dedup();
        assert_eq!(templates.len(), routes.len(), "one template per variant");
    }

    #[test]
    fn query_flags_are_written_only_when_set() {
        let get = |with_counts, with_permissions, event| Route::GetInvite {
            code: code(),
            with_counts,
            with_permissions,
            guild_scheduled_event_id: event,
        };
        assert_eq!(get(None, None, None).to_string(), "/invites/jvuBeT38");
        assert_eq!(
            get(Some(false), Some(true), None).to_string(),
            "/invites/jvuBeT38?with_counts=false&with_permissions=true"
        );
        assert_eq!(
            get(None, None, Some(Snowflake(9))).to_string(),
            "/invites/jvuBeT38?guild_scheduled_event_id=9"
        );
    }

    #[test]
    fn display_writes_into_a_fixed_buffer() {
        // What an adapter does with its URL buffer, here a fixed-size one.
        struct Fixed {
            buf: [u8; 96],
            len: usize,
        }
        impl fmt::Write for Fixed {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                let end = self.len + s.len();
                self.buf
                    .get_mut(self.len..end)
                    .ok_or(fmt::Error)?
                    .copy_from_slice(s.as_bytes());
                self.len = end;
                Ok(())
            }
        }
        for r in every_route() {
            let mut out = Fixed {
                buf: [0; 96],
                len: 0,
            };
            fmt::write(&mut out, format_args!("{r}")).unwrap();
            assert_eq!(&out.buf[..out.len], r.to_string().as_bytes());
        }
    }
}
