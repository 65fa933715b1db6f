//! [`Attribution`]: which invite brought a member, or why that is not known.

use alloc::vec::Vec;
use core::fmt;

use crate::primitive::cow_str::CowStr;
use crate::primitive::snowflake::Snowflake;
use crate::primitive::timestamp::Timestamp;

/// The tracker's answer for one `GUILD_MEMBER_ADD`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Attribution {
    /// The guild joined.
    pub guild_id: Snowflake,
    /// Who joined.
    pub user_id: Snowflake,
    /// The event's `joined_at`.
    pub joined_at: Option<Timestamp>,
    /// When the event was received.
    pub received_at: Timestamp,
    /// How they joined.
    pub source: JoinSource,
}

impl Attribution {
    /// An answer for `user_id` joining `guild_id`, received at `received_at`, without the
    /// event's `joined_at` (set the field when there is one). The tracker makes these; this is
    /// for callers that store answers and read them back.
    ///
    /// ```
    /// use invite_model::tracker::{Attribution, JoinSource};
    /// use invite_model::{Snowflake, Timestamp};
    /// let at = Timestamp::from_unix_millis(1_767_225_600_000);
    /// let a = Attribution::new(Snowflake(1), Snowflake(2), at, JoinSource::Oauth);
    /// assert_eq!((a.user_id, a.joined_at), (Snowflake(2), None));
    /// ```
    pub const fn new(
        guild_id: Snowflake,
        user_id: Snowflake,
        received_at: Timestamp,
        source: JoinSource,
    ) -> Self {
        Self {
            guild_id,
            user_id,
            joined_at: None,
            received_at,
            source,
        }
    }
}

/// How a member joined, as far as the data tells. The tracker never guesses: every
/// `Invite`, `Vanity` and `Ambiguous` answer holds in every course of events consistent with
/// what it was shown.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JoinSource {
    /// Through this invite.
    Invite {
        /// The invite's code.
        code: CowStr<'static>,
        /// Who created it, if known.
        inviter_id: Option<Snowflake>,
    },
    /// Through the guild's vanity invite.
    Vanity {
        /// The vanity code.
        code: CowStr<'static>,
    },
    /// A bot: bots join through OAuth2, not invites.
    Oauth,
    /// Through one of these invites (codes in code order; the vanity among them under its code),
    /// but the data does not tell which.
    Ambiguous {
        /// The candidate codes (two or more).
        candidates: Vec<CowStr<'static>>,
    },
    /// Not known.
    Unknown {
        /// Why.
        reason: UnknownReason,
    },
}

impl JoinSource {
    /// The lowercase name used in JSON output: `invite`, `vanity`, `oauth`, `ambiguous`,
    /// `unknown`.
    pub const fn name(&self) -> &'static str {
        match self {
            Self::Invite { .. } => "invite",
            Self::Vanity { .. } => "vanity",
            Self::Oauth => "oauth",
            Self::Ambiguous { .. } => "ambiguous",
            Self::Unknown { .. } => "unknown",
        }
    }

    /// The code of an `Invite` or `Vanity` answer.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Invite { code, .. } | Self::Vanity { code } => Some(code),
            _ => None,
        }
    }
}

/// Why a join's invite is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnknownReason {
    /// There was no snapshot of the guild's invites before the join to compare with.
    NoBaseline,
    /// Fewer invite uses appeared than joins were pending, and this join may be one that used
    /// none of the invites seen (Server Discovery, an integration, an invite deleted with its
    /// new use before the next snapshot, ...).
    NoUseSeen,
    /// The invite list came without `uses` (the token has VIEW_AUDIT_LOG but not MANAGE_GUILD),
    /// or an invite's count could not be compared.
    UsesMissing,
    /// The vanity answer was missing, failed or changed, and the vanity may have been used.
    VanityUnavailable,
    /// Fetching the guild's invites failed (this HTTP status, `None` for a transport failure)
    /// and the tracker gave up on the joins waiting for it.
    FetchFailed {
        /// The status.
        status: Option<u16>,
    },
    /// The data contradicts itself: more uses appeared than joins that could have made them
    /// (join events missed, the GUILD_MEMBERS intent missing, ...), so none of it is trusted.
    Inconsistent,
    /// The tracker's limits were reached (too many undecided joins, or intervals chained by
    /// them); see [`TrackerConfig`](crate::tracker::TrackerConfig).
    Overloaded,
    /// The guild lists more invites than the tracker keeps, or codes longer than it keeps.
    InviteLimit,
    /// More guilds than the tracker keeps.
    TooManyGuilds,
    /// The member is a guest of a voice channel, not a true member (flag `IS_GUEST`).
    Guest,
    /// The tracker was reset (or the guild forgotten) before the data decided the join.
    Reset,
    /// The input ended before the data decided the join (`finish`).
    Unsettled,
}

impl UnknownReason {
    /// A stable snake_case name, used in JSON output: `no_baseline`, `no_use_seen`,
    /// `uses_missing`, `vanity_unavailable`, `fetch_failed`, `inconsistent`, `overloaded`,
    /// `invite_limit`, `too_many_guilds`, `guest`, `reset`, `unsettled`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::NoBaseline => "no_baseline",
            Self::NoUseSeen => "no_use_seen",
            Self::UsesMissing => "uses_missing",
            Self::VanityUnavailable => "vanity_unavailable",
            Self::FetchFailed { .. } => "fetch_failed",
            Self::Inconsistent => "inconsistent",
            Self::Overloaded => "overloaded",
            Self::InviteLimit => "invite_limit",
            Self::TooManyGuilds => "too_many_guilds",
            Self::Guest => "guest",
            Self::Reset => "reset",
            Self::Unsettled => "unsettled",
        }
    }

    /// Which reason explains a join best when several apply: the one about missing data
    /// wins over "no use seen".
    pub(crate) const fn weight(self) -> u8 {
        match self {
            Self::NoUseSeen => 0,
            Self::Unsettled => 1,
            Self::VanityUnavailable => 2,
            Self::UsesMissing => 3,
            Self::Inconsistent => 4,
            Self::InviteLimit => 5,
            Self::Overloaded => 6,
            Self::FetchFailed { .. } => 7,
            Self::Reset => 8,
            Self::NoBaseline => 9,
            Self::TooManyGuilds | Self::Guest => 10,
        }
    }
}

impl fmt::Display for UnknownReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoBaseline => f.write_str("no snapshot of the guild's invites before the join"),
            Self::NoUseSeen => {
                f.write_str("fewer invite uses appeared than joins: it may have used no invite")
            }
            Self::UsesMissing => {
                f.write_str("the invite list came without uses (the token needs MANAGE_GUILD)")
            }
            Self::VanityUnavailable => f.write_str("the vanity invite's uses are not known"),
            Self::FetchFailed { status: Some(s) } => {
                write!(f, "fetching the guild's invites failed with status {s}")
            }
            Self::FetchFailed { status: None } => {
                f.write_str("fetching the guild's invites failed")
            }
            Self::Inconsistent => {
                f.write_str("more uses appeared than joins could have made (join events missed?)")
            }
            Self::Overloaded => f.write_str("too many joins pending at once for the tracker"),
            Self::InviteLimit => f.write_str("the guild has more invites than the tracker keeps"),
            Self::TooManyGuilds => f.write_str("more guilds than the tracker keeps"),
            Self::Guest => f.write_str("a guest member, not a true member"),
            Self::Reset => f.write_str("the tracker was reset before the join was settled"),
            Self::Unsettled => f.write_str("the input ended before the join was settled"),
        }
    }
}
