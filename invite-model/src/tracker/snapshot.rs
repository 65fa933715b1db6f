//! The tracker's REST side: [`Snapshot`] (what the caller feeds), [`Refresh`] (what the tracker
//! asks for), [`FetchFailed`] and [`SnapshotError`].

use core::fmt;

use crate::endpoint::{GetGuildInvites, GetVanityUrl, VanityUrl};
use crate::error::ResponseError;
use crate::invite::Invite;
use crate::primitive::snowflake::Snowflake;
use crate::primitive::timestamp::Timestamp;

/// A fetch that did not give an answer: the HTTP status, or `None` for a transport failure or
/// timeout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FetchFailed {
    /// The status.
    pub status: Option<u16>,
}

impl FetchFailed {
    /// A failure with this status.
    pub const fn status(status: u16) -> Self {
        Self {
            status: Some(status),
        }
    }

    /// A failure without a status (transport, timeout).
    pub const fn transport() -> Self {
        Self { status: None }
    }

    /// Whether asking again cannot help: a 4xx other than 429 (missing permission, unknown
    /// guild).
    pub const fn is_permanent(self) -> bool {
        matches!(self.status, Some(s) if s >= 400 && s < 500 && s != 429)
    }
}

impl From<&ResponseError> for FetchFailed {
    fn from(e: &ResponseError) -> Self {
        Self::status(e.status())
    }
}

/// One fetch of a guild's invites (`GET /guilds/{guild_id}/invites`) and, where the caller has
/// it, of its vanity invite (`GET /guilds/{guild_id}/vanity-url`), with when the request was
/// sent and when the answer was received.
///
/// Both times matter: the API counted the uses at some moment between them, so a join
/// received in between may or may not be counted; the tracker treats it as either. A
/// `requested_at` later than the real sending time can make it count a join on the wrong side
/// of the snapshot; an earlier one only makes it less sure. Feed a guild's snapshots one at a
/// time, in the order they were taken: request the next only after the answer of the previous
/// one is in.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Snapshot<'s, 'a> {
    /// When the list request was sent (the earlier of the two requests if the vanity was
    /// fetched too).
    pub requested_at: Timestamp,
    /// When its answer was received (the later of the two answers).
    pub received_at: Timestamp,
    /// The list answer: the invites (the endpoint's parsed body), or the failure.
    pub invites: Result<&'s [Invite<'a>], FetchFailed>,
    /// The vanity answer, if it was fetched.
    pub vanity: Option<Result<&'s VanityUrl<'a>, FetchFailed>>,
}

impl<'s, 'a> Snapshot<'s, 'a> {
    /// A successful list fetch, without the vanity.
    pub const fn new(
        requested_at: Timestamp,
        received_at: Timestamp,
        invites: &'s [Invite<'a>],
    ) -> Self {
        Self {
            requested_at,
            received_at,
            invites: Ok(invites),
            vanity: None,
        }
    }

    /// A failed list fetch.
    pub const fn failed(requested_at: Timestamp, received_at: Timestamp, why: FetchFailed) -> Self {
        Self {
            requested_at,
            received_at,
            invites: Err(why),
            vanity: None,
        }
    }

    /// With the vanity answer.
    pub const fn with_vanity(mut self, vanity: &'s VanityUrl<'a>) -> Self {
        self.vanity = Some(Ok(vanity));
        self
    }

    /// With a failed vanity fetch.
    pub const fn with_vanity_failed(mut self, why: FetchFailed) -> Self {
        self.vanity = Some(Err(why));
        self
    }
}

/// A snapshot the tracker asks for: fetch [`invites`](Self::invites) (and, if the caller can,
/// [`vanity`](Self::vanity)) now, and feed the answer to `Tracker::snapshot` with the time the
/// request was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Refresh {
    /// The guild.
    pub guild_id: Snowflake,
}

impl Refresh {
    /// The list request.
    pub const fn invites(&self) -> GetGuildInvites {
        GetGuildInvites::new(self.guild_id)
    }

    /// The vanity request.
    pub const fn vanity(&self) -> GetVanityUrl {
        GetVanityUrl::new(self.guild_id)
    }
}

/// Why a snapshot was refused (and nothing changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SnapshotError {
    /// `received_at` is before `requested_at`.
    ReceivedBeforeRequested,
    /// The request was sent before the previous snapshot of the guild was received: the two
    /// may have been taken in either order.
    Overlaps {
        /// When the previous snapshot was received.
        previous_received_at: Timestamp,
    },
    /// The guild is not tracked and the tracker holds its most guilds.
    TooManyGuilds,
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ReceivedBeforeRequested => {
                f.write_str("the snapshot was received before it was requested")
            }
            Self::Overlaps {
                previous_received_at,
            } => write!(
                f,
                "the snapshot was requested before the previous one was received \
                 ({previous_received_at})"
            ),
            Self::TooManyGuilds => f.write_str("the tracker holds its most guilds"),
        }
    }
}

impl core::error::Error for SnapshotError {}
