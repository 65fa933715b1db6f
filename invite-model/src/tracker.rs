//! Which invite brought each member: a sans-I/O invite tracker.
//!
//! The [`Tracker`] is fed, with the time each input was received, the guild's gateway events
//! (`GUILD_MEMBER_ADD`, `INVITE_CREATE`, `INVITE_DELETE`) and REST snapshots of its invites
//! (the list endpoint's answer and, where the caller has it, the vanity answer). It answers an
//! [`Attribution`] for every join as soon as the data decides it, and asks for a fresh
//! snapshot ([`Refresh`]) when joins wait for one, like a sans-I/O protocol asking its driver to
//! transmit. One snapshot settles every join pending since the previous one, so a busy guild is
//! not fetched once per join. It never reads a clock and never does I/O: the driver moves the
//! bytes (any gateway library, any HTTP client, or a recorded stream).
//!
//! **It never guesses.** An `Invite` / `Vanity` answer holds in every course of events
//! consistent with the data; `Ambiguous` lists exactly the codes the join may have used;
//! `Unknown` says why not. The rules:
//!
//! - uses are compared between consecutive snapshots: `uses` increases, new codes (counted from
//!   0), one use for an invite that vanished exactly one use short of a positive `max_uses`
//!   (the API deletes it on its last use) unless it may have expired (Discord sends no delete
//!   event on expiry), nothing for one deleted with uses to spare, the vanity's increase;
//! - every such use is some known join's, and each join made at most one; a join received
//!   before an invite's `INVITE_CREATE` cannot have used it; bots join through OAuth2;
//! - a join is attributed to a code when every assignment of joins to uses consistent with that
//!   gives it the code; it is `Ambiguous` when it surely used one of several; it is `Unknown`
//!   when it may have used none (fewer uses appeared than joins), or data is missing (no
//!   snapshot before it, a list without `uses`, a failed fetch).
//!
//! Timing is part of the data. The API counts a snapshot's uses at some moment between sending
//! the request and receiving the answer, so the caller gives both times; a join received in
//! between may or may not be counted, and the tracker treats it as either. The gateway may
//! deliver a join a little after a snapshot that already counts it, so a snapshot is settled
//! only [`TrackerConfig::event_lag`] after its answer, and the next one is asked for only then.
//! **What the caller must do:** feed every event of a tracked guild in the order received (the
//! gateway's order), with non-decreasing times (an earlier time is raised to the latest seen);
//! feed each snapshot with the time its request was sent and its answer received, one snapshot
//! of a guild at a time; feed failures too ([`Snapshot::failed`]); and call [`Tracker::reset`]
//! when events may have been missed (a new gateway session).
//!
//! Memory and time are bounded by [`TrackerConfig`]'s limits; beyond them joins are `Unknown`
//! ([`UnknownReason::Overloaded`], [`UnknownReason::TooManyGuilds`], ...), never guessed.
//!
//! ```
//! use invite_model::endpoint::Endpoint;
//! use invite_model::tracker::{JoinSource, Snapshot, Tracker};
//! use invite_model::event::{GatewayEvent, GatewayFrame};
//! use invite_model::{Invite, Snowflake, Timestamp};
//!
//! let t = |s: &str| s.parse::<Timestamp>().unwrap();
//! let guild = Snowflake(1046920999469330512);
//! let mut tracker = Tracker::new();
//!
//! // A baseline: the tracker asks for one as soon as the guild is watched.
//! tracker.watch_guild(guild, t("2026-01-01T10:00:00Z"));
//! let refresh = tracker.poll_refresh(t("2026-01-01T10:00:00Z")).unwrap();
//! assert_eq!(refresh.invites().request().route.to_string(), "/guilds/1046920999469330512/invites");
//! let list: Vec<Invite<'_>> = serde_json::from_str(
//!     r#"[{"code":"jvuBeT38","uses":4,"max_uses":0,"inviter":{"id":"80351110224678912","username":"nelly"}},
//!         {"code":"zqs8oqxk","uses":0,"max_uses":1}]"#,
//! )?;
//! tracker.snapshot(guild, &Snapshot::new(t("2026-01-01T10:00:00Z"), t("2026-01-01T10:00:00.300Z"), &list))?;
//!
//! // Two members join; the tracker asks for one snapshot for both.
//! for (user, at) in [("1", "2026-01-01T10:05:00Z"), ("2", "2026-01-01T10:05:01Z")] {
//!     let frame = format!(
//!         r#"{{"op":0,"t":"GUILD_MEMBER_ADD","s":1,"d":{{"guild_id":"{guild}","joined_at":"{at}","user":{{"id":"{user}"}}}}}}"#
//!     );
//!     let frame = GatewayFrame::parse(frame.as_bytes())?;
//!     tracker.event(&frame.event, t(at));
//! }
//! assert!(tracker.poll_attribution().is_none(), "nothing is decided yet");
//! let refresh = tracker.poll_refresh(t("2026-01-01T10:05:01Z")).unwrap();
//! assert_eq!(refresh.guild_id, guild);
//! assert!(tracker.poll_refresh(t("2026-01-01T10:05:01Z")).is_none(), "one snapshot for both");
//!
//! // `jvuBeT38` went up by one and the single-use `zqs8oqxk` is gone: one join each, but which?
//! let list: Vec<Invite<'_>> = serde_json::from_str(r#"[{"code":"jvuBeT38","uses":5,"max_uses":0}]"#)?;
//! tracker.snapshot(guild, &Snapshot::new(t("2026-01-01T10:05:02Z"), t("2026-01-01T10:05:02.200Z"), &list))?;
//! // Settled once the event lag (2 s by default) has passed after the answer.
//! assert_eq!(tracker.poll_timeout(), Some(t("2026-01-01T10:05:04.200000001Z")));
//! tracker.handle_timeout(t("2026-01-01T10:05:05Z"));
//! let first = tracker.poll_attribution().unwrap();
//! let second = tracker.poll_attribution().unwrap();
//! for a in [&first, &second] {
//!     let JoinSource::Ambiguous { candidates } = &a.source else { panic!("{a:?}") };
//!     assert_eq!(candidates, &["jvuBeT38", "zqs8oqxk"]);
//! }
//!
//! // Had `zqs8oqxk` been created (INVITE_CREATE) after the first join was received, that join
//! // could not have used it, and both would be attributed.
//! # Ok::<(), Box<dyn core::error::Error>>(())
//! ```

mod attribution;
mod config;
mod guild_state;
mod matching;
mod snapshot;
mod table;
mod timing;

#[cfg(test)]
mod unit_tests;

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

pub use attribution::{Attribution, JoinSource, UnknownReason};
pub use config::TrackerConfig;
pub use snapshot::{FetchFailed, Refresh, Snapshot, SnapshotError};
pub use table::{
    CODE_MAX, Change, InviteState, InviteTable, TableError, Vanished, VanityState, vanished,
};

use crate::event::frame::GatewayEvent;
use crate::event::invite_create::InviteCreate;
use crate::event::invite_delete::InviteDelete;
use crate::event::member_add::MemberAdd;
use crate::primitive::snowflake::Snowflake;
use crate::primitive::timestamp::Timestamp;
use guild_state::{Ctx, Guild, Outbox, emit_untracked};

/// The invite tracker for a set of guilds. See the [module docs](self).
#[derive(Debug)]
pub struct Tracker {
    config: TrackerConfig,
    guilds: BTreeMap<Snowflake, Guild>,
    /// The latest time seen.
    now: Option<Timestamp>,
    /// Feed order of gateway events.
    seq: u64,
    out: Outbox,
    invites: usize,
    pending: usize,
    /// The guild the last refresh went to (refreshes go round the guilds from there).
    refresh_cursor: Option<Snowflake>,
}

/// How much a [`Tracker`] holds (each bounded by its [`TrackerConfig`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct TrackerStats {
    /// Guilds tracked.
    pub guilds: usize,
    /// Invite records held over all guilds.
    pub invites: usize,
    /// Joins not yet decided.
    pub pending: usize,
    /// Snapshot intervals not yet settled, over all guilds.
    pub intervals: usize,
    /// Attributions waiting for [`Tracker::poll_attribution`].
    pub queued: usize,
    /// Attributions dropped because the queue was full.
    pub dropped: u64,
}

impl Default for Tracker {
    fn default() -> Self {
        Self::new()
    }
}

impl Tracker {
    /// A tracker with the default [`TrackerConfig`].
    pub fn new() -> Self {
        Self::with_config(TrackerConfig::default())
    }

    /// A tracker with `config`.
    pub fn with_config(config: TrackerConfig) -> Self {
        Self {
            config,
            guilds: BTreeMap::new(),
            now: None,
            seq: 0,
            out: Outbox::default(),
            invites: 0,
            pending: 0,
            refresh_cursor: None,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &TrackerConfig {
        &self.config
    }

    /// What the tracker holds.
    pub fn stats(&self) -> TrackerStats {
        TrackerStats {
            guilds: self.guilds.len(),
            invites: self.invites,
            pending: self.pending,
            intervals: self.guilds.values().map(Guild::interval_count).sum(),
            queued: self.out.queue.len(),
            dropped: self.out.dropped,
        }
    }

    /// Moves the clock to `at` (never backwards) and settles what closed meanwhile; returns the
    /// time now.
    fn advance(&mut self, at: Timestamp) -> Timestamp {
        let was = self.now;
        let now = match was {
            Some(n) if n >= at => n,
            _ => at,
        };
        self.now = Some(now);
        if was.is_some_and(|w| w == now) {
            return now;
        }
        for guild in self.guilds.values_mut() {
            if guild.pending_count() == 0 {
                continue;
            }
            in_guild(
                guild,
                &self.config,
                now,
                &mut self.out,
                &mut self.pending,
                &mut self.invites,
                |guild, ctx| guild.tick(ctx, was),
            );
        }
        now
    }

    /// Runs `f` on guild `id` (if tracked) and keeps the tracker's invite count right.
    fn with_guild<R>(
        &mut self,
        id: Snowflake,
        now: Timestamp,
        f: impl FnOnce(&mut Guild, &mut Ctx<'_>) -> R,
    ) -> Option<R> {
        let guild = self.guilds.get_mut(&id)?;
        Some(in_guild(
            guild,
            &self.config,
            now,
            &mut self.out,
            &mut self.pending,
            &mut self.invites,
            f,
        ))
    }

    /// The guild's state, created if the tracker has room.
    fn guild(&mut self, id: Snowflake) -> Option<&mut Guild> {
        if !self.guilds.contains_key(&id) && self.guilds.len() >= self.config.max_guilds {
            // Make room by forgetting an idle guild without a baseline.
            let idle = self
                .guilds
                .iter()
                .find(|(_, g)| g.is_idle() && g.invite_records() == 0)
                .map(|(&k, _)| k);
            self.guilds.remove(&idle?);
        }
        Some(self.guilds.entry(id).or_insert_with(|| Guild::new(id)))
    }

    /// Starts tracking `guild_id`: the tracker asks for a baseline snapshot at once (joins
    /// before the first snapshot cannot be attributed). Call it when the bot joins or starts.
    pub fn watch_guild(&mut self, guild_id: Snowflake, at: Timestamp) {
        self.advance(at);
        if let Some(g) = self.guild(guild_id) {
            g.watch();
        }
    }

    /// Stops tracking `guild_id`: its undecided joins are `Unknown` (`Reset`) and its memory is
    /// freed. Do not feed it the answer of a request sent before.
    pub fn forget_guild(&mut self, guild_id: Snowflake, at: Timestamp) {
        let now = self.advance(at);
        self.with_guild(guild_id, now, |g, ctx| {
            g.break_all(ctx, UnknownReason::Reset, false);
        });
        if let Some(g) = self.guilds.remove(&guild_id) {
            self.invites -= g.invite_records();
        }
    }

    /// Events may have been missed (a new gateway session, the process restarted its
    /// gateway): every undecided join is `Unknown` (`Reset`), every baseline dropped, and the
    /// tracker asks for new baselines as joins come.
    pub fn reset(&mut self, at: Timestamp) {
        let now = self.advance(at);
        let ids: Vec<Snowflake> = self.guilds.keys().copied().collect();
        for id in ids {
            self.with_guild(id, now, |g, ctx| {
                g.break_all(ctx, UnknownReason::Reset, false);
            });
        }
    }

    /// Feeds one gateway event; other events only move the clock.
    pub fn event(&mut self, event: &GatewayEvent<'_>, at: Timestamp) {
        match event {
            GatewayEvent::MemberAdd(m) => self.member_add(m, at),
            GatewayEvent::InviteCreate(e) => self.invite_create(e, at),
            GatewayEvent::InviteDelete(e) => self.invite_delete(e, at),
            _ => {
                self.advance(at);
            }
        }
    }

    /// Feeds a `GUILD_MEMBER_ADD` received at `at`. A bot is `Oauth` at once; the others wait
    /// for the snapshot that settles them.
    pub fn member_add(&mut self, member: &MemberAdd<'_>, at: Timestamp) {
        let now = self.advance(at);
        self.seq += 1;
        let seq = self.seq;
        if self.guild(member.guild_id).is_some() {
            self.with_guild(member.guild_id, now, |g, ctx| {
                g.member_add(ctx, member, seq);
            });
            return;
        }
        let source = if member.is_bot() {
            JoinSource::Oauth
        } else {
            JoinSource::Unknown {
                reason: UnknownReason::TooManyGuilds,
            }
        };
        let mut ctx = Ctx {
            config: &self.config,
            now,
            out: &mut self.out,
            others: self.invites,
            pending: &mut self.pending,
        };
        emit_untracked(&mut ctx, member, source);
    }

    /// Feeds an `INVITE_CREATE` received at `at` (invites of no guild are ignored).
    pub fn invite_create(&mut self, invite: &InviteCreate<'_>, at: Timestamp) {
        let now = self.advance(at);
        self.seq += 1;
        let seq = self.seq;
        let Some(guild_id) = invite.guild_id() else {
            return;
        };
        if self.guild(guild_id).is_some() {
            self.with_guild(guild_id, now, |g, ctx| {
                g.invite_create(ctx, invite, seq);
            });
        }
    }

    /// Feeds an `INVITE_DELETE` received at `at`: joins received more than the event lag after
    /// it cannot have used the invite.
    pub fn invite_delete(&mut self, invite: &InviteDelete<'_>, at: Timestamp) {
        let now = self.advance(at);
        self.seq += 1;
        if let Some(guild_id) = invite.guild_id {
            self.with_guild(guild_id, now, |g, ctx| {
                g.invite_delete(ctx, &invite.code);
            });
        }
    }

    /// Feeds a snapshot of `guild_id`'s invites (see [`Snapshot`]). A refused snapshot changes
    /// nothing.
    pub fn snapshot(
        &mut self,
        guild_id: Snowflake,
        snapshot: &Snapshot<'_, '_>,
    ) -> Result<(), SnapshotError> {
        let now = self.advance(snapshot.received_at);
        if self.guild(guild_id).is_none() {
            return Err(SnapshotError::TooManyGuilds);
        }
        self.with_guild(guild_id, now, |g, ctx| g.snapshot(ctx, snapshot))
            .unwrap_or(Err(SnapshotError::TooManyGuilds))
    }

    /// Moves the clock to `now`: settles snapshots whose lag has passed, makes refreshes due.
    pub fn handle_timeout(&mut self, now: Timestamp) {
        self.advance(now);
    }

    /// When the tracker next needs [`handle_timeout`](Self::handle_timeout) (a snapshot's lag
    /// ends, a refresh may be asked for); `None` if nothing waits on time.
    pub fn poll_timeout(&self) -> Option<Timestamp> {
        let now = self.now?;
        self.guilds
            .values()
            .filter_map(|g| g.deadline(&self.config, now))
            .min()
    }

    /// The next snapshot to fetch, if one is due at `now`: fetch it and feed the answer (or the
    /// failure) with [`snapshot`](Self::snapshot). Until it is fed (or
    /// [`TrackerConfig::refresh_timeout`] passes), the guild is not asked for again.
    pub fn poll_refresh(&mut self, now: Timestamp) -> Option<Refresh> {
        let now = self.advance(now);
        let start = self.refresh_cursor;
        let config = &self.config;
        let after_cursor = self
            .guilds
            .iter_mut()
            .filter(|(id, _)| start.is_none_or(|c| **id > c));
        let mut found = None;
        for (id, g) in after_cursor {
            if g.take_refresh(config, now) {
                found = Some(*id);
                break;
            }
        }
        if found.is_none() {
            for (id, g) in self
                .guilds
                .iter_mut()
                .filter(|(id, _)| start.is_some_and(|c| **id <= c))
            {
                if g.take_refresh(config, now) {
                    found = Some(*id);
                    break;
                }
            }
        }
        let guild_id = found?;
        self.refresh_cursor = Some(guild_id);
        Some(Refresh { guild_id })
    }

    /// The next decided join, in the order decided.
    pub fn poll_attribution(&mut self) -> Option<Attribution> {
        self.out.queue.pop_front()
    }

    /// No more input is coming (the end of a recorded stream): every undecided join is decided
    /// with what is known at `at`. A join that could still have been settled by data to come is
    /// `Unknown` (`Unsettled`) unless what is known already says more. The tracker can be fed
    /// again afterwards; the uses of the joins decided now are then not trusted.
    pub fn finish(&mut self, at: Timestamp) {
        let now = self.advance(at);
        let ids: Vec<Snowflake> = self.guilds.keys().copied().collect();
        for id in ids {
            self.with_guild(id, now, |g, ctx| {
                if g.pending_count() > 0 {
                    g.break_all(ctx, UnknownReason::Unsettled, true);
                }
            });
        }
    }
}

/// Runs `f` on `guild` with its context, keeping `invites` (the invite records of every guild,
/// which the guild's limit counts against) right afterwards.
fn in_guild<R>(
    guild: &mut Guild,
    config: &TrackerConfig,
    now: Timestamp,
    out: &mut Outbox,
    pending: &mut usize,
    invites: &mut usize,
    f: impl FnOnce(&mut Guild, &mut Ctx<'_>) -> R,
) -> R {
    let before = guild.invite_records();
    let mut ctx = Ctx {
        config,
        now,
        out,
        others: *invites - before,
        pending,
    };
    let result = f(guild, &mut ctx);
    *invites = *invites - before + guild.invite_records();
    result
}
