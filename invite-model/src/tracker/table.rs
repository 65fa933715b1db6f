//! [`InviteTable`]: what one fetch of a guild's invites (and vanity) says, and [`Change`]s: the
//! differences between two fetches. The tracker counts uses with these; `invite watch` prints
//! them. The rule for an invite that vanished ([`vanished`]) lives here, once.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

use crate::endpoint::VanityUrl;
use crate::invite::Invite;
use crate::invite::flags::GuildInviteFlags;
use crate::primitive::snowflake::Snowflake;
use crate::primitive::timestamp::Timestamp;
use crate::tracker::timing::after;

/// The longest invite code a table keeps, in bytes. Random codes have 6 to 16 characters, vanity
/// codes at most 32 (Fluxer) or 25 (Discord); a longer one is not kept (and counted in
/// [`InviteTable::skipped`]), so that a hostile list costs bounded memory per entry.
pub const CODE_MAX: usize = 64;

/// What a fetch said about one invite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct InviteState {
    /// `uses`; `None` when the list did not say (a token with VIEW_AUDIT_LOG but not
    /// MANAGE_GUILD lists invites without their metadata), or when the code was listed twice.
    pub uses: Option<u64>,
    /// `max_uses` (`0`: unlimited).
    pub max_uses: Option<u64>,
    /// When it expires ([`Invite::expiry`]).
    pub expiry: Option<Timestamp>,
    /// Who created it.
    pub inviter_id: Option<Snowflake>,
    /// Whether it is a guest invite (flag `IS_GUEST_INVITE`): its users reach a voice channel
    /// without becoming members, so its uses are no joins.
    pub guest: bool,
}

impl InviteState {
    /// The state an invite of a list says.
    pub fn of(invite: &Invite<'_>) -> Self {
        Self {
            uses: invite.uses,
            max_uses: invite.max_uses,
            expiry: invite.expiry(),
            inviter_id: invite.inviter.as_ref().map(|u| u.id),
            guest: invite
                .flags
                .is_some_and(|f| f.contains(GuildInviteFlags::IS_GUEST_INVITE)),
        }
    }
}

/// What a fetch said about the vanity invite.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum VanityState {
    /// It was not fetched.
    #[default]
    NotFetched,
    /// Fetching it failed (the HTTP status, `None` for a transport failure).
    Failed {
        /// The status.
        status: Option<u16>,
    },
    /// The answer: the code (`None`: the guild has no vanity invite) and its uses.
    Known {
        /// The code.
        code: Option<Box<str>>,
        /// Its uses, if the answer had them.
        uses: Option<u64>,
    },
}

/// Why a fetch does not make a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TableError {
    /// More invites than the limit.
    TooManyInvites {
        /// The limit.
        limit: usize,
    },
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooManyInvites { limit } => {
                write!(f, "the guild lists more than {limit} invites")
            }
        }
    }
}

impl core::error::Error for TableError {}

/// One fetch of a guild's invites (and, where fetched, its vanity invite), by code.
///
/// ```
/// use invite_model::tracker::{Change, InviteTable, Vanished};
/// use invite_model::{Invite, Timestamp};
/// let before: Vec<Invite<'_>> = serde_json::from_str(
///     r#"[{"code":"a","uses":1,"max_uses":0},{"code":"b","uses":0,"max_uses":1}]"#,
/// )?;
/// let after: Vec<Invite<'_>> = serde_json::from_str(r#"[{"code":"a","uses":3,"max_uses":0}]"#)?;
/// let (before, after) = (InviteTable::new(&before, None, 100)?, InviteTable::new(&after, None, 100)?);
/// let now: Timestamp = "2026-01-01T00:00:00Z".parse()?;
/// let changes = before.changes(&after, now, core::time::Duration::ZERO);
/// assert!(matches!(changes[0], Change::Used { code: "a", added: 2, uses: 3, .. }));
/// assert!(matches!(changes[1], Change::Gone { code: "b", how: Vanished::UsedUp, .. }));
/// # Ok::<(), Box<dyn core::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InviteTable {
    invites: BTreeMap<Box<str>, InviteState>,
    vanity: VanityState,
    skipped: usize,
}

impl InviteTable {
    /// A table of `invites` (a list answer) and the vanity answer, if it was fetched (`Err`: the
    /// status of a failed fetch). At most `limit` invites: a longer list is an error. Codes
    /// longer than [`CODE_MAX`] are not kept ([`skipped`](Self::skipped)); a code listed twice
    /// is kept once, without uses; a list entry with the vanity's code is left out (the vanity
    /// answer counts its uses).
    pub fn new(
        invites: &[Invite<'_>],
        vanity: Option<Result<&VanityUrl<'_>, Option<u16>>>,
        limit: usize,
    ) -> Result<Self, TableError> {
        if invites.len() > limit {
            return Err(TableError::TooManyInvites { limit });
        }
        let vanity = match vanity {
            None => VanityState::NotFetched,
            Some(Err(status)) => VanityState::Failed { status },
            Some(Ok(v)) => match &v.code {
                Some(code) if code.len() > CODE_MAX => VanityState::Failed { status: None },
                code => VanityState::Known {
                    code: code.as_deref().map(Box::from),
                    uses: v.uses,
                },
            },
        };
        let vanity_code = match &vanity {
            VanityState::Known { code: Some(c), .. } => Some(&**c),
            _ => None,
        };
        let mut table = BTreeMap::new();
        let mut skipped = 0;
        for invite in invites {
            let code = invite.code.as_str();
            if code.len() > CODE_MAX {
                skipped += 1;
                continue;
            }
            if Some(code) == vanity_code {
                continue;
            }
            let state = InviteState::of(invite);
            match table.get_mut(code) {
                // Listed twice: which count is right is unknown.
                Some(seen) => {
                    let seen: &mut InviteState = seen;
                    seen.uses = None;
                }
                None => {
                    table.insert(Box::from(code), state);
                }
            }
        }
        Ok(Self {
            invites: table,
            vanity,
            skipped,
        })
    }

    /// The number of invites kept.
    pub fn len(&self) -> usize {
        self.invites.len()
    }

    /// Whether no invite is kept.
    pub fn is_empty(&self) -> bool {
        self.invites.is_empty()
    }

    /// The state of `code`.
    pub fn get(&self, code: &str) -> Option<&InviteState> {
        self.invites.get(code)
    }

    /// Every invite, by code.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &InviteState)> {
        self.invites.iter().map(|(c, s)| (&**c, s))
    }

    /// What the vanity answer said.
    pub fn vanity(&self) -> &VanityState {
        &self.vanity
    }

    /// How many list entries were not kept (code longer than [`CODE_MAX`]).
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// How many invites are kept without `uses`.
    pub fn without_uses(&self) -> usize {
        self.invites.values().filter(|s| s.uses.is_none()).count()
    }

    /// What changed from `self` to `next`, fetched at `at`: codes in code order, then the
    /// vanity. A code that vanished is judged by [`vanished`] with `at` and `margin`.
    pub fn changes<'t>(
        &'t self,
        next: &'t InviteTable,
        at: Timestamp,
        margin: Duration,
    ) -> Vec<Change<'t>> {
        let mut out = Vec::new();
        let mut old = self.invites.iter().peekable();
        let mut new = next.invites.iter().peekable();
        loop {
            let step = match (old.peek(), new.peek()) {
                (None, None) => break,
                (Some(_), None) => core::cmp::Ordering::Less,
                (None, Some(_)) => core::cmp::Ordering::Greater,
                (Some((a, _)), Some((b, _))) => a.cmp(b),
            };
            match step {
                core::cmp::Ordering::Less => {
                    let Some((code, last)) = old.next() else {
                        break;
                    };
                    out.push(Change::Gone {
                        code,
                        last,
                        how: vanished(last, at, margin),
                    });
                }
                core::cmp::Ordering::Greater => {
                    let Some((code, now)) = new.next() else { break };
                    out.push(Change::Created { code, now });
                }
                core::cmp::Ordering::Equal => {
                    let (Some((code, was)), Some((_, now))) = (old.next(), new.next()) else {
                        break;
                    };
                    match (was.uses, now.uses) {
                        (Some(a), Some(b)) if b > a => out.push(Change::Used {
                            code,
                            added: b - a,
                            uses: b,
                            now,
                        }),
                        (Some(a), Some(b)) if b == a => {}
                        _ => out.push(Change::UsesUnknown { code }),
                    }
                }
            }
        }
        match (&self.vanity, &next.vanity) {
            (VanityState::NotFetched, VanityState::NotFetched) => {}
            (
                VanityState::Known { code: a, uses: was },
                VanityState::Known { code: b, uses: now },
            ) if a == b => match (a, was, now) {
                (None, _, _) => {}
                (Some(code), Some(was), Some(now)) if now >= was => {
                    if now > was {
                        out.push(Change::VanityUsed {
                            code,
                            added: now - was,
                            uses: *now,
                        });
                    }
                }
                _ => out.push(Change::VanityUnknown),
            },
            (VanityState::Known { code: a, .. }, VanityState::Known { code: b, .. }) => {
                out.push(Change::VanityChanged {
                    from: a.as_deref(),
                    to: b.as_deref(),
                });
            }
            _ => out.push(Change::VanityUnknown),
        }
        out
    }
}

/// One difference between two [`InviteTable`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change<'t> {
    /// A code listed now and not before: created since (its uses count from 0).
    Created {
        /// The code.
        code: &'t str,
        /// Its state now.
        now: &'t InviteState,
    },
    /// `uses` went up.
    Used {
        /// The code.
        code: &'t str,
        /// By how much.
        added: u64,
        /// The count now.
        uses: u64,
        /// Its state now.
        now: &'t InviteState,
    },
    /// Listed both times, but the counts cannot be compared: one is missing, or it went down.
    UsesUnknown {
        /// The code.
        code: &'t str,
    },
    /// Listed before and not now.
    Gone {
        /// The code.
        code: &'t str,
        /// Its state when last listed.
        last: &'t InviteState,
        /// Why it is gone, as far as the data tells.
        how: Vanished,
    },
    /// The vanity invite's `uses` went up.
    VanityUsed {
        /// The vanity code.
        code: &'t str,
        /// By how much.
        added: u64,
        /// The count now.
        uses: u64,
    },
    /// The vanity code changed (or was set, or removed).
    VanityChanged {
        /// The code before.
        from: Option<&'t str>,
        /// The code now.
        to: Option<&'t str>,
    },
    /// The vanity's uses cannot be compared: one of the two fetches failed, lacks the count, was
    /// not made, or the count went down.
    VanityUnknown,
}

/// Why an invite is no longer listed, as far as its last state tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Vanished {
    /// Its expiry had passed when it was found gone (or was within the margin of that time):
    /// expired invites vanish without a delete event.
    Expired,
    /// It was exactly one use short of a positive `max_uses`: its last use removed it (the API
    /// deletes a capped invite on its last use). A moderator deleting an invite exactly one use
    /// short of its limit leaves the same traces.
    UsedUp,
    /// Deleted with uses to spare (a moderator's delete), or its uses were not known.
    Deleted,
}

impl Vanished {
    /// The lowercase name: `expired`, `used up`, `deleted`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Expired => "expired",
            Self::UsedUp => "used up",
            Self::Deleted => "deleted",
        }
    }
}

impl fmt::Display for Vanished {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rule for an invite last seen as `last` and found gone at `at`: [`Vanished::Expired`] if
/// its expiry is at most `at + margin` (the margin absorbs the difference between the server's
/// clock, which `expires_at` is on, and the clock `at` was read from), else
/// [`Vanished::UsedUp`] if it was exactly one use short of a positive `max_uses`, else
/// [`Vanished::Deleted`].
pub fn vanished(last: &InviteState, at: Timestamp, margin: Duration) -> Vanished {
    if last.expiry.is_some_and(|e| e <= after(at, margin)) {
        return Vanished::Expired;
    }
    match (last.uses, last.max_uses) {
        (Some(uses), Some(max)) if max > 0 && uses.checked_add(1) == Some(max) => Vanished::UsedUp,
        _ => Vanished::Deleted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn list(json: &str) -> Vec<Invite<'_>> {
        serde_json::from_str(json).unwrap()
    }

    fn state(uses: u64, max: u64, expiry: Option<&str>) -> InviteState {
        InviteState {
            uses: Some(uses),
            max_uses: Some(max),
            expiry: expiry.map(ts),
            inviter_id: None,
            guest: false,
        }
    }

    #[test]
    fn the_vanish_rule() {
        let at = ts("2026-01-01T00:00:00Z");
        let m = Duration::from_secs(60);
        assert_eq!(vanished(&state(0, 1, None), at, m), Vanished::UsedUp);
        assert_eq!(vanished(&state(4, 5, None), at, m), Vanished::UsedUp);
        assert_eq!(vanished(&state(3, 5, None), at, m), Vanished::Deleted);
        assert_eq!(vanished(&state(5, 5, None), at, m), Vanished::Deleted);
        assert_eq!(vanished(&state(7, 0, None), at, m), Vanished::Deleted);
        let expired = Some("2025-12-31T23:00:00Z");
        assert_eq!(vanished(&state(0, 1, expired), at, m), Vanished::Expired);
        // Within the margin: it may have expired, so it is not counted as used.
        let soon = Some("2026-01-01T00:00:59Z");
        assert_eq!(vanished(&state(0, 1, soon), at, m), Vanished::Expired);
        let later = Some("2026-01-01T00:01:01Z");
        assert_eq!(vanished(&state(0, 1, later), at, m), Vanished::UsedUp);
        let unknown = InviteState {
            uses: None,
            ..state(0, 1, None)
        };
        assert_eq!(vanished(&unknown, at, m), Vanished::Deleted);
        assert_eq!(Vanished::UsedUp.to_string(), "used up");
    }

    #[test]
    fn tables_keep_what_they_can() {
        let long = "x".repeat(CODE_MAX + 1);
        let json = alloc::format!(
            r#"[{{"code":"a","uses":1}},{{"code":"a","uses":2}},{{"code":"{long}","uses":1}},{{"code":"v","uses":9}},{{"code":"g","flags":1,"uses":0}}]"#
        );
        let invites = list(&json);
        let vanity = VanityUrl::new(Some("v"), Some(3));
        let t = InviteTable::new(&invites, Some(Ok(&vanity)), 10).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t.get("a").unwrap().uses, None, "listed twice");
        assert!(t.get("v").is_none(), "the vanity counts its own uses");
        assert!(t.get("g").unwrap().guest);
        assert_eq!(t.skipped(), 1);
        assert_eq!(t.without_uses(), 1);
        assert_eq!(
            InviteTable::new(&invites, None, 4).unwrap_err().to_string(),
            "the guild lists more than 4 invites"
        );
    }

    #[test]
    fn changes_in_code_order_then_the_vanity() {
        let before =
            list(r#"[{"code":"a","uses":1},{"code":"b","uses":0,"max_uses":3},{"code":"c"}]"#);
        let after = list(r#"[{"code":"a","uses":1},{"code":"c","uses":4},{"code":"d","uses":2}]"#);
        let v1 = VanityUrl::new(Some("vv"), Some(10));
        let v2 = VanityUrl::new(Some("vv"), Some(12));
        let t1 = InviteTable::new(&before, Some(Ok(&v1)), 10).unwrap();
        let t2 = InviteTable::new(&after, Some(Ok(&v2)), 10).unwrap();
        let at = ts("2026-01-01T00:00:00Z");
        let c = t1.changes(&t2, at, Duration::ZERO);
        assert_eq!(c.len(), 4, "{c:?}");
        assert!(matches!(
            c[0],
            Change::Gone {
                code: "b",
                how: Vanished::Deleted,
                ..
            }
        ));
        assert_eq!(c[1], Change::UsesUnknown { code: "c" });
        assert!(matches!(c[2], Change::Created { code: "d", now } if now.uses == Some(2)));
        assert_eq!(
            c[3],
            Change::VanityUsed {
                code: "vv",
                added: 2,
                uses: 12
            }
        );
        let v3 = VanityUrl::new(Some("other"), Some(0));
        let t3 = InviteTable::new(&after, Some(Ok(&v3)), 10).unwrap();
        assert_eq!(
            t2.changes(&t3, at, Duration::ZERO).last(),
            Some(&Change::VanityChanged {
                from: Some("vv"),
                to: Some("other")
            })
        );
        let t4 = InviteTable::new(&after, Some(Err(Some(500))), 10).unwrap();
        assert_eq!(
            t2.changes(&t4, at, Duration::ZERO).last(),
            Some(&Change::VanityUnknown)
        );
        let none = VanityUrl::new(None, Some(0));
        let t5 = InviteTable::new(&after, Some(Ok(&none)), 10).unwrap();
        assert!(t5.changes(&t5, at, Duration::ZERO).is_empty());
    }
}
