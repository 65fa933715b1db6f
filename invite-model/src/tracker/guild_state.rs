//! One guild's tracking state: the last snapshot (the baseline), the snapshot intervals not yet
//! settled with the uses that appeared in each, the joins not yet decided, and the invite
//! events seen since the baseline; and the settling that turns them into attributions.
//!
//! Time model. Snapshot `k` was taken by the server at some moment `s_k` between its
//! `requested_at` (`Q_k`) and `received_at` (`R_k`); a join received at `r` happened at some
//! moment in `[r - lag, r]` (`lag` is [`TrackerConfig::event_lag`]). Interval `k` holds the
//! uses counted by snapshot `k` and not by snapshot `k - 1`, so a join received at `r` may lie
//! in interval `k` iff `r > Q_{k-1}` (it may have happened after snapshot `k - 1`) and
//! `r <= R_k + lag` (it may have happened before snapshot `k`). Interval 0 lies before the first
//! snapshot (no baseline). The interval after the last snapshot is open. An interval is
//! *closed* once `now > R_k + lag`: no join received from then on can lie in it.
//!
//! Uses. Interval `k`'s uses are the changes from snapshot `k - 1` to `k`
//! ([`InviteTable::changes`]): each `uses` increase, each new code's uses, one use for an invite
//! that vanished one use short of its limit ([`vanished`]), the vanity's increase; guest
//! invites' uses are no joins and are left out. A use of an invite whose `INVITE_CREATE` was
//! received can only be a join received after that event (the gateway delivers a guild's
//! events in order); a use of an invite whose `INVITE_DELETE` was received at `d` only a join
//! received by `d + lag`; a use of an invite that expires at `e` only a join received by
//! `e + lag + clock_skew`.
//!
//! Attribution. Every use of a closed interval is some known join's (closed world); a join
//! makes at most one. The possible assignments are read off one matching ([`matching`]): a
//! join that can be without a use is `Unknown`, one with a single possible code is that
//! invite, one with several is `Ambiguous`. A join whose possibilities may still change (it is
//! connected, through uses it shares with other joins, to a join that may lie in an open
//! interval) waits, unless it already has a single possible code (more data only removes
//! possibilities). If the uses of an interval cannot all be given to joins, the data
//! contradicts the model and that interval's uses are dropped (`Inconsistent`): dropping uses
//! only ever makes answers less sure, never wrong.
//!
//! [`matching`]: crate::tracker::matching

use alloc::boxed::Box;
use alloc::collections::{BTreeMap, VecDeque};
use alloc::vec;
use alloc::vec::Vec;
use core::time::Duration;

use crate::event::invite_create::InviteCreate;
use crate::event::member_add::MemberAdd;
use crate::primitive::cow_str::CowStr;
use crate::primitive::snowflake::Snowflake;
use crate::primitive::timestamp::Timestamp;
use crate::tracker::attribution::{Attribution, JoinSource, UnknownReason};
use crate::tracker::config::TrackerConfig;
use crate::tracker::matching::{Graph, SlotRange};
use crate::tracker::snapshot::{FetchFailed, Snapshot, SnapshotError};
use crate::tracker::table::{CODE_MAX, Change, InviteState, InviteTable, Vanished, vanished};
use crate::tracker::timing::{after, just_after, latest};

/// What settling is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Decide what is decided.
    Normal,
    /// Decide every join now: those that may still lie in an open interval and may be without
    /// a use get this reason.
    All(UnknownReason),
}

/// The tracker-wide things a guild's operations touch.
pub(crate) struct Ctx<'c> {
    pub(crate) config: &'c TrackerConfig,
    pub(crate) now: Timestamp,
    pub(crate) out: &'c mut Outbox,
    /// Invite records held by the other guilds (see [`Guild::invite_records`]).
    pub(crate) others: usize,
    /// Undecided joins over all guilds.
    pub(crate) pending: &'c mut usize,
}

/// Attributions waiting for `poll_attribution`, at most `max_queued`; the oldest are dropped
/// beyond that, and counted.
#[derive(Debug, Default)]
pub(crate) struct Outbox {
    pub(crate) queue: VecDeque<Attribution>,
    pub(crate) dropped: u64,
}

impl Outbox {
    fn push(&mut self, attribution: Attribution, max: usize) {
        while self.queue.len() >= max.max(1) {
            self.queue.pop_front();
            self.dropped += 1;
        }
        self.queue.push_back(attribution);
    }
}

#[derive(Debug)]
struct Join {
    user_id: Snowflake,
    joined_at: Option<Timestamp>,
    received_at: Timestamp,
    /// Feed order among the tracker's gateway events.
    seq: u64,
    /// Already reported (its single possible code was known early); it stays until its
    /// component settles, for the use it holds.
    reported: bool,
}

/// Uses of one code in one interval.
#[derive(Debug)]
struct Unit {
    code: Box<str>,
    vanity: bool,
    count: u32,
    inviter_id: Option<Snowflake>,
    created_seq: Option<u64>,
    deleted_at: Option<Timestamp>,
    expiry: Option<Timestamp>,
}

#[derive(Debug)]
struct Interval {
    /// The closing snapshot's times.
    end_q: Timestamp,
    end_r: Timestamp,
    units: Vec<Unit>,
    /// Its uses are unknown or not trusted: every join in it may be without a use.
    unitless: bool,
    /// Why uses may be missing from it.
    missing: Option<UnknownReason>,
}

impl Interval {
    fn taint(&mut self, reason: UnknownReason) {
        self.units.clear();
        self.unitless = true;
        self.note(reason);
    }

    fn note(&mut self, reason: UnknownReason) {
        if self.missing.is_none_or(|m| reason.weight() > m.weight()) {
            self.missing = Some(reason);
        }
    }
}

/// An `INVITE_CREATE` seen.
#[derive(Debug, Clone, Copy)]
struct Created {
    /// Feed order.
    seq: u64,
    /// What it said.
    state: InviteState,
    received_at: Timestamp,
}

/// Invite events seen for a code: kept while the code is listed, or may still be.
#[derive(Debug, Default)]
struct Marks {
    /// The `INVITE_CREATE`.
    created: Option<Created>,
    /// When an `INVITE_DELETE` was received.
    deleted_at: Option<Timestamp>,
}

/// A span of join times whose uses are not accounted for.
#[derive(Debug, Clone, Copy)]
struct Foreign {
    from: Timestamp,
    until: Timestamp,
    reason: UnknownReason,
}

#[derive(Debug)]
struct Baseline {
    table: InviteTable,
    requested_at: Timestamp,
    received_at: Timestamp,
}

/// One guild.
#[derive(Debug)]
pub(crate) struct Guild {
    id: Snowflake,
    baseline: Option<Baseline>,
    /// Where `intervals[0]` starts (the `requested_at` of the snapshot before it); `None`:
    /// before any snapshot.
    first_start_q: Option<Timestamp>,
    intervals: VecDeque<Interval>,
    pending: Vec<Join>,
    marks: BTreeMap<Box<str>, Marks>,
    /// The `received_at` of the last snapshot fed (even a failed one).
    last_received: Option<Timestamp>,
    /// When the last refresh was handed out, until its snapshot is fed.
    outstanding: Option<Timestamp>,
    failures: u32,
    retry_at: Option<Timestamp>,
    want_baseline: bool,
    /// Joins received in this span were decided without their uses being accounted for: an
    /// interval that may hold one of them has untrusted uses.
    foreign: Option<Foreign>,
    /// Why joins before the first snapshot are unknown.
    prebase_reason: UnknownReason,
}

impl Guild {
    pub(crate) fn new(id: Snowflake) -> Self {
        Self {
            id,
            baseline: None,
            first_start_q: None,
            intervals: VecDeque::new(),
            pending: Vec::new(),
            marks: BTreeMap::new(),
            last_received: None,
            outstanding: None,
            failures: 0,
            retry_at: None,
            want_baseline: false,
            foreign: None,
            prebase_reason: UnknownReason::NoBaseline,
        }
    }

    pub(crate) fn pending_count(&self) -> usize {
        self.pending.len()
    }

    pub(crate) fn interval_count(&self) -> usize {
        self.intervals.len()
    }

    /// Invite records held: the baseline's invites, the marks, and the uses of the unsettled
    /// intervals (each names a code).
    pub(crate) fn invite_records(&self) -> usize {
        self.baseline.as_ref().map_or(0, |b| b.table.len())
            + self.marks.len()
            + self
                .intervals
                .iter()
                .map(|iv| iv.units.len())
                .sum::<usize>()
    }

    pub(crate) fn is_idle(&self) -> bool {
        self.pending.is_empty() && self.outstanding.is_none() && !self.want_baseline
    }

    pub(crate) fn watch(&mut self) {
        if self.baseline.is_none() {
            self.want_baseline = true;
        }
    }

    fn emit(&self, ctx: &mut Ctx<'_>, join: &Join, source: JoinSource) {
        emit(ctx, self.id, join, source);
    }

    // ---- inputs ----

    pub(crate) fn member_add(&mut self, ctx: &mut Ctx<'_>, m: &MemberAdd<'_>, seq: u64) {
        let join = Join {
            user_id: m.user.id,
            joined_at: m.joined_at,
            received_at: ctx.now,
            seq,
            reported: false,
        };
        if m.is_bot() {
            return self.emit(ctx, &join, JoinSource::Oauth);
        }
        if m.is_guest() {
            // Guest invites' uses are left out of every interval, so the guest is too.
            let reason = UnknownReason::Guest;
            return self.emit(ctx, &join, JoinSource::Unknown { reason });
        }
        if self.pending.len() >= ctx.config.max_pending_per_guild
            || *ctx.pending >= ctx.config.max_pending
        {
            let reason = UnknownReason::Overloaded;
            self.taint_from(ctx, join.received_at, reason);
            return self.emit(ctx, &join, JoinSource::Unknown { reason });
        }
        if self.baseline.is_none() {
            // It waits for the baseline: a snapshot that may have been taken after it (one
            // already on its way) would settle it; one surely taken later makes it `Unknown`.
            self.want_baseline = true;
        }
        self.pending.push(join);
        *ctx.pending += 1;
    }

    pub(crate) fn invite_create(&mut self, ctx: &mut Ctx<'_>, e: &InviteCreate<'_>, seq: u64) {
        let state = InviteState {
            uses: e.uses,
            max_uses: e.max_uses,
            expiry: e.expiry(),
            inviter_id: e.inviter_id(),
            guest: e.is_guest(),
        };
        if let Some(marks) = self.marks_mut(ctx, &e.code) {
            marks.created = Some(Created {
                seq,
                state,
                received_at: ctx.now,
            });
        }
    }

    pub(crate) fn invite_delete(&mut self, ctx: &mut Ctx<'_>, code: &str) {
        let at = ctx.now;
        if let Some(marks) = self.marks_mut(ctx, code) {
            marks.deleted_at.get_or_insert(at);
        }
    }

    /// The marks of `code`, created if the budget allows.
    fn marks_mut(&mut self, ctx: &mut Ctx<'_>, code: &str) -> Option<&mut Marks> {
        if code.len() > CODE_MAX {
            return None;
        }
        if !self.marks.contains_key(code) {
            if self.marks.len() >= ctx.config.max_invites_per_guild
                || ctx.others + self.invite_records() >= ctx.config.max_invites
            {
                return None;
            }
            self.marks.insert(Box::from(code), Marks::default());
        }
        self.marks.get_mut(code)
    }

    pub(crate) fn snapshot(
        &mut self,
        ctx: &mut Ctx<'_>,
        s: &Snapshot<'_, '_>,
    ) -> Result<(), SnapshotError> {
        let (q, r) = (s.requested_at, s.received_at);
        if r < q {
            return Err(SnapshotError::ReceivedBeforeRequested);
        }
        if let Some(previous) = self.last_received.filter(|&p| q < p) {
            return Err(SnapshotError::Overlaps {
                previous_received_at: previous,
            });
        }
        self.outstanding = None;
        self.last_received = Some(r);
        let invites = match s.invites {
            Ok(invites) => invites,
            Err(why) => {
                self.fetch_failed(ctx, why);
                return Ok(());
            }
        };
        let vanity = s.vanity.map(|v| v.map_err(|f: FetchFailed| f.status));
        let limit = ctx.config.max_invites_per_guild;
        // Everything this guild holds but its old baseline, plus the new one.
        let kept = self.invite_records() - self.baseline.as_ref().map_or(0, |b| b.table.len());
        let table = match InviteTable::new(invites, vanity, limit) {
            Ok(t) if ctx.others + kept + t.len() <= ctx.config.max_invites => t,
            _ => {
                self.break_all(ctx, UnknownReason::InviteLimit, false);
                return Ok(());
            }
        };
        self.failures = 0;
        self.retry_at = None;
        self.want_baseline = false;
        let mut interval = Interval {
            end_q: q,
            end_r: r,
            units: Vec::new(),
            unitless: true,
            missing: Some(self.prebase_reason),
        };
        if let Some(base) = &self.baseline {
            interval.unitless = false;
            interval.missing = None;
            self.uses_between(
                (&base.table, base.received_at),
                &table,
                (q, r),
                ctx.config,
                &mut interval,
            );
            let start = base.requested_at;
            if let Some(f) = self
                .foreign
                .filter(|f| start < f.until && f.from <= after(r, ctx.config.event_lag))
            {
                interval.taint(f.reason);
            }
            let total: u64 = interval.units.iter().map(|u| u64::from(u.count)).sum();
            if total > ctx.config.max_pending_per_guild as u64 {
                interval.taint(UnknownReason::Inconsistent);
            }
        } else {
            self.first_start_q = None;
            self.prebase_reason = UnknownReason::NoBaseline;
        }
        if self.foreign.is_some_and(|f| q >= f.until) {
            self.foreign = None;
        }
        self.intervals.push_back(interval);
        // The marks of codes listed now stay (their create order and deletes still matter),
        // and those of invites that may have been created after this snapshot was taken; the
        // others were used for this interval.
        let old_table = self.baseline.as_ref().map(|b| &b.table);
        self.marks.retain(|code, marks| {
            if table.get(code).is_some() {
                return true;
            }
            let Some(created) = &marks.created else {
                return false;
            };
            // Gone, or surely created before this snapshot and not listed by it: done with.
            if created.received_at < q || old_table.is_some_and(|t| t.get(code).is_some()) {
                return false;
            }
            // It may have been created after this snapshot was taken.
            true
        });
        self.baseline = Some(Baseline {
            table,
            requested_at: q,
            received_at: r,
        });
        let over = ctx.others + self.invite_records() > ctx.config.max_invites;
        if let Some(newest) = self.intervals.back_mut().filter(|_| over) {
            newest.taint(UnknownReason::Overloaded);
        }
        if self.intervals.len() > ctx.config.max_intervals {
            self.break_all(ctx, UnknownReason::Overloaded, true);
            return Ok(());
        }
        self.settle(ctx, Mode::Normal);
        Ok(())
    }

    fn fetch_failed(&mut self, ctx: &mut Ctx<'_>, why: FetchFailed) {
        self.failures = self.failures.saturating_add(1);
        if why.is_permanent() || self.failures >= ctx.config.max_fetch_failures {
            self.failures = 0;
            self.retry_at = None;
            let reason = UnknownReason::FetchFailed { status: why.status };
            self.break_all(ctx, reason, false);
            return;
        }
        let doubling = 1u32 << (self.failures - 1).min(16);
        let wait = ctx.config.failure_backoff.saturating_mul(doubling);
        self.retry_at = Some(after(ctx.now, wait));
    }

    /// Fills `interval` with the uses from `old` (received at `previous`) to `new` (requested
    /// at `requested_at`, received at `at`).
    fn uses_between(
        &self,
        (old, previous): (&InviteTable, Timestamp),
        new: &InviteTable,
        (requested_at, at): (Timestamp, Timestamp),
        config: &TrackerConfig,
        interval: &mut Interval,
    ) {
        let skew = config.clock_skew;
        let add =
            |interval: &mut Interval, code: &str, count: u64, state: &InviteState, vanity: bool| {
                if count == 0 {
                    return;
                }
                let marks = self.marks.get(code);
                let created = marks.and_then(|m| m.created);
                interval.units.push(Unit {
                    code: Box::from(code),
                    vanity,
                    count: u32::try_from(count).unwrap_or(u32::MAX),
                    inviter_id: state
                        .inviter_id
                        .or(created.and_then(|c| c.state.inviter_id)),
                    created_seq: created.map(|c| c.seq),
                    deleted_at: marks.and_then(|m| m.deleted_at),
                    expiry: state.expiry,
                });
            };
        let no_state = InviteState {
            uses: None,
            max_uses: None,
            expiry: None,
            inviter_id: None,
            guest: false,
        };
        for change in old.changes(new, at, skew) {
            match change {
                Change::Created { now, .. } | Change::Used { now, .. } if now.guest => {}
                Change::Created { code, now } => match now.uses {
                    Some(uses) => add(interval, code, uses, now, false),
                    None => interval.note(UnknownReason::UsesMissing),
                },
                Change::Used {
                    code, added, now, ..
                } => add(interval, code, added, now, false),
                Change::UsesUnknown { .. } => interval.note(UnknownReason::UsesMissing),
                Change::Gone { last, .. } if last.guest => {}
                Change::Gone { code, last, how } => {
                    if last.uses.is_none() {
                        interval.note(UnknownReason::UsesMissing);
                    } else if how == Vanished::UsedUp {
                        add(interval, code, 1, last, false);
                    }
                }
                Change::VanityUsed { code, added, .. } => {
                    add(interval, code, added, &no_state, true);
                }
                Change::VanityChanged { .. } | Change::VanityUnknown => {
                    interval.note(UnknownReason::VanityUnavailable);
                }
            }
        }
        // Created and gone again without being listed: judged by the event, if the invite
        // surely existed before this snapshot was taken (its event came before the request).
        for (code, marks) in &self.marks {
            let Some(created) = marks.created else {
                continue;
            };
            let state = created.state;
            if state.guest || old.get(code).is_some() || new.get(code).is_some() {
                continue;
            }
            if state.uses.is_none() {
                interval.note(UnknownReason::UsesMissing);
            } else if vanished(&state, at, skew) == Vanished::UsedUp {
                // Counted here only if the invite surely came to be after the previous
                // snapshot (its event came more than the lag after that answer: else that
                // snapshot or an earlier one may have listed it, and its use may be counted
                // already) and before this one (its event came before the request).
                let after_previous = created.received_at > after(previous, config.event_lag);
                if !after_previous || created.received_at >= requested_at {
                    // Its use may lie in this interval or another.
                    interval.note(UnknownReason::UsesMissing);
                } else {
                    add(interval, code, 1, &state, false);
                }
            }
        }
        if old.skipped() > 0 || new.skipped() > 0 {
            interval.note(UnknownReason::InviteLimit);
        }
    }

    // ---- time ----

    /// Where interval `p` starts (`None`: before any snapshot).
    fn start_q(&self, p: usize) -> Option<Timestamp> {
        if p == 0 {
            self.first_start_q
        } else {
            Some(self.intervals[p - 1].end_q)
        }
    }

    /// The intervals a join received at `r` may lie in: `lo..=hi`, where
    /// `intervals.len()` is the open interval after the last snapshot.
    fn range(&self, r: Timestamp, lag: Duration) -> (usize, usize) {
        let len = self.intervals.len();
        let lo = (0..len)
            .find(|&p| r <= after(self.intervals[p].end_r, lag))
            .unwrap_or(len);
        let hi = (0..=len)
            .rev()
            .find(|&p| self.start_q(p).is_none_or(|q| r > q))
            .unwrap_or(0);
        (lo, hi.max(lo))
    }

    /// How many leading intervals are closed at `now`.
    fn closed_count(&self, now: Timestamp, lag: Duration) -> usize {
        self.intervals
            .iter()
            .take_while(|iv| now > after(iv.end_r, lag))
            .count()
    }

    /// Makes untrusted the uses of every interval still open to a join received at `r` that
    /// is decided without them, and of the next one if it may hold it.
    fn taint_from(&mut self, ctx: &Ctx<'_>, r: Timestamp, reason: UnknownReason) {
        let lag = ctx.config.event_lag;
        let (lo, hi) = self.range(r, lag);
        for p in lo..=hi.min(self.intervals.len().saturating_sub(1)) {
            if p < self.intervals.len() {
                self.intervals[p].taint(reason);
            }
        }
        self.add_foreign(r, r, reason);
    }

    /// Records that joins received from `from` to `until` were decided without their uses.
    fn add_foreign(&mut self, from: Timestamp, until: Timestamp, reason: UnknownReason) {
        self.foreign = Some(match self.foreign {
            Some(f) => Foreign {
                from: if from < f.from { from } else { f.from },
                until: latest(f.until, until),
                reason: if reason.weight() > f.reason.weight() {
                    reason
                } else {
                    f.reason
                },
            },
            None => Foreign {
                from,
                until,
                reason,
            },
        });
    }

    /// When this guild next needs the tracker's attention: an interval holding undecided
    /// joins closes, or a refresh may be asked for.
    pub(crate) fn deadline(&self, config: &TrackerConfig, now: Timestamp) -> Option<Timestamp> {
        let lag = config.event_lag;
        let close = if self.pending.is_empty() {
            None
        } else {
            self.intervals
                .iter()
                .map(|iv| just_after(after(iv.end_r, lag)))
                .find(|&t| t > now)
        };
        match (close, self.refresh_at(config)) {
            (Some(a), Some(b)) => Some(if a < b { a } else { b }),
            (a, b) => a.or(b),
        }
    }

    /// From when a refresh may be asked for, if one is needed: joins wait for a snapshot (or a
    /// baseline is wanted), paced after the last snapshot's lag, after a failure's backoff, or
    /// after an unanswered request's timeout.
    fn refresh_at(&self, config: &TrackerConfig) -> Option<Timestamp> {
        let open_start = self.start_q(self.intervals.len());
        let waiting = self.want_baseline
            || self
                .pending
                .iter()
                .any(|j| open_start.is_none_or(|q| j.received_at > q));
        if !waiting {
            return None;
        }
        let mut at = self
            .last_received
            .map(|r| just_after(after(r, config.event_lag)));
        let mut later = |t: Timestamp| at = Some(at.map_or(t, |a| latest(a, t)));
        if let Some(asked) = self.outstanding {
            later(after(asked, config.refresh_timeout));
        }
        if let Some(retry) = self.retry_at {
            later(retry);
        }
        Some(at.unwrap_or(Timestamp(time::OffsetDateTime::UNIX_EPOCH)))
    }

    /// Hands out a refresh if one is due at `now`.
    pub(crate) fn take_refresh(&mut self, config: &TrackerConfig, now: Timestamp) -> bool {
        if self.refresh_at(config).is_some_and(|t| t <= now) {
            self.outstanding = Some(now);
            return true;
        }
        false
    }

    /// Settles if an interval holding undecided joins has closed by `now`.
    pub(crate) fn tick(&mut self, ctx: &mut Ctx<'_>, was: Option<Timestamp>) {
        if self.pending.is_empty() {
            return;
        }
        let lag = ctx.config.event_lag;
        let now = ctx.now;
        let newly_closed = self.intervals.iter().any(|iv| {
            let close = after(iv.end_r, lag);
            now > close && was.is_none_or(|w| w <= close)
        });
        if newly_closed {
            self.settle(ctx, Mode::Normal);
        }
    }

    // ---- deciding ----

    /// Decides every undecided join now (see [`Mode::All`]), then forgets the intervals; keeps
    /// the baseline if asked, else drops it (the next snapshot is a new baseline, and joins
    /// before it get `reason`). Uses of the decided joins that a later snapshot may count are
    /// not trusted.
    pub(crate) fn break_all(
        &mut self,
        ctx: &mut Ctx<'_>,
        reason: UnknownReason,
        keep_baseline: bool,
    ) {
        let first_join = self.pending.iter().map(|j| j.received_at).min();
        let last_join = self.pending.iter().map(|j| j.received_at).max();
        self.settle(ctx, Mode::All(reason));
        if let (Some(from), Some(until)) = (first_join, last_join) {
            self.add_foreign(from, until, reason);
        }
        self.intervals.clear();
        if keep_baseline {
            self.first_start_q = self.baseline.as_ref().map(|b| b.requested_at);
        } else {
            self.baseline = None;
            self.marks.clear();
            self.first_start_q = None;
            self.prebase_reason = reason;
            self.want_baseline = false;
        }
    }

    /// Decides what can be decided (all of it in [`Mode::All`]).
    fn settle(&mut self, ctx: &mut Ctx<'_>, mode: Mode) {
        let lag = ctx.config.event_lag;
        let skew = ctx.config.clock_skew;
        let now = ctx.now;
        loop {
            self.drop_settled_front(now, lag);
            let len = self.intervals.len();
            let closed = self.closed_count(now, lag);
            let ranges: Vec<(usize, usize)> = self
                .pending
                .iter()
                .map(|j| self.range(j.received_at, lag))
                .collect();
            // More uses than joins that may lie in the interval: contradictory at once.
            let mut contradicted = false;
            for p in 0..closed {
                let iv = &self.intervals[p];
                if iv.unitless {
                    continue;
                }
                let uses: u64 = iv.units.iter().map(|u| u64::from(u.count)).sum();
                let joins = ranges
                    .iter()
                    .filter(|&&(lo, hi)| lo <= p && p <= hi)
                    .count();
                if uses > joins as u64 {
                    self.intervals[p].taint(UnknownReason::Inconsistent);
                    contradicted = true;
                }
            }
            if contradicted {
                continue;
            }
            // One slot per use of the closed intervals, in interval order.
            let mut slots: Vec<(u32, u32)> = Vec::new();
            let mut first_slot = vec![0u32; closed + 1];
            for (p, iv) in self.intervals.iter().enumerate().take(closed) {
                first_slot[p] = slots.len() as u32;
                for (u, unit) in iv.units.iter().enumerate() {
                    for _ in 0..unit.count {
                        slots.push((p as u32, u as u32));
                    }
                }
            }
            first_slot[closed] = slots.len() as u32;
            let slot_ranges: Vec<SlotRange> = ranges
                .iter()
                .map(|&(lo, hi)| (first_slot[lo.min(closed)], first_slot[(hi + 1).min(closed)]))
                .collect();
            let intervals = &self.intervals;
            let pending = &self.pending;
            let allowed = |j: usize, s: usize| {
                let (p, u) = slots[s];
                let unit = &intervals[p as usize].units[u as usize];
                may_have_used(&pending[j], unit, lag, skew)
            };
            let graph = Graph {
                ranges: &slot_ranges,
                slots: slots.len(),
                allowed,
            };
            let matching = graph.max_matching();
            let mut unmatched: Vec<usize> =
                matching.free_slots().map(|s| slots[s].0 as usize).collect();
            if !unmatched.is_empty() {
                unmatched.dedup();
                for p in unmatched {
                    self.intervals[p].taint(UnknownReason::Inconsistent);
                }
                continue;
            }
            let components = graph.components(&matching);
            // Which joins may still lie in an open interval whose uses are to come.
            let open: Vec<bool> = ranges
                .iter()
                .map(|&(lo, hi)| {
                    (lo..=hi).any(|p| p == len || (p >= closed && !self.intervals[p].unitless))
                })
                .collect();
            // Joins connected through shared uses settle together; a group with an open join
            // waits.
            let mut groups = UnionFind::new(pending.len() + slots.len());
            for (j, &(lo, hi)) in slot_ranges.iter().enumerate() {
                for s in lo..hi {
                    if (graph.allowed)(j, s as usize) {
                        groups.union(j, pending.len() + s as usize);
                    }
                }
            }
            let mut group_open = vec![false; pending.len() + slots.len()];
            for (j, &o) in open.iter().enumerate() {
                if o {
                    let root = groups.find(j);
                    group_open[root] = true;
                }
            }
            let mut decided: Vec<(usize, Option<JoinSource>)> = Vec::new();
            for j in 0..pending.len() {
                let settled = matches!(mode, Mode::All(_)) || !group_open[groups.find(j)];
                let avoidable = components.avoidable(&matching, j);
                if !settled {
                    if avoidable || pending[j].reported {
                        continue;
                    }
                    let source =
                        self.source_of(j, slot_ranges[j], &slots, &graph, &matching, &components);
                    if matches!(
                        source,
                        JoinSource::Invite { .. } | JoinSource::Vanity { .. }
                    ) {
                        decided.push((j, Some(source)));
                    }
                    continue;
                }
                if pending[j].reported {
                    decided.push((j, None));
                    continue;
                }
                let source = if avoidable {
                    let reason = match mode {
                        Mode::All(reason) if open[j] => reason,
                        _ => self.reason_of(ranges[j]),
                    };
                    JoinSource::Unknown { reason }
                } else {
                    self.source_of(j, slot_ranges[j], &slots, &graph, &matching, &components)
                };
                decided.push((j, Some(source)));
            }
            // The uses of settled groups go with their joins.
            let mut consumed: Vec<(usize, usize)> = Vec::new();
            for (s, &(p, u)) in slots.iter().enumerate() {
                let settled =
                    matches!(mode, Mode::All(_)) || !group_open[groups.find(pending.len() + s)];
                if settled {
                    consumed.push((p as usize, u as usize));
                }
            }
            let mut remove = vec![false; self.pending.len()];
            for (j, source) in decided {
                let early = !matches!(mode, Mode::All(_)) && group_open[groups.find(j)];
                if let Some(source) = source {
                    self.emit(ctx, &self.pending[j], source);
                }
                if early {
                    self.pending[j].reported = true;
                } else {
                    remove[j] = true;
                }
            }
            let mut k = 0;
            let before = self.pending.len();
            self.pending.retain(|_| {
                k += 1;
                !remove[k - 1]
            });
            *ctx.pending -= before - self.pending.len();
            for (p, u) in consumed {
                let unit = &mut self.intervals[p].units[u];
                unit.count = unit.count.saturating_sub(1);
            }
            for iv in &mut self.intervals {
                iv.units.retain(|u| u.count > 0);
            }
            self.drop_settled_front(now, lag);
            return;
        }
    }

    /// The answer for an unavoidable join: its possible codes.
    fn source_of<F: Fn(usize, usize) -> bool>(
        &self,
        j: usize,
        (lo, hi): SlotRange,
        slots: &[(u32, u32)],
        graph: &Graph<'_, F>,
        matching: &crate::tracker::matching::Matching,
        components: &crate::tracker::matching::Components,
    ) -> JoinSource {
        let mut codes: Vec<&Unit> = Vec::new();
        for s in lo..hi {
            let s = s as usize;
            if (graph.allowed)(j, s) && components.can_take(matching, j, s) {
                let (p, u) = slots[s];
                let unit = &self.intervals[p as usize].units[u as usize];
                if !codes.iter().any(|c| c.code == unit.code) {
                    codes.push(unit);
                }
            }
        }
        codes.sort_by(|a, b| a.code.cmp(&b.code));
        match codes.as_slice() {
            [] => JoinSource::Unknown {
                reason: UnknownReason::NoUseSeen,
            },
            [one] if one.vanity => JoinSource::Vanity {
                code: CowStr::from(alloc::string::String::from(&*one.code)),
            },
            [one] => JoinSource::Invite {
                code: CowStr::from(alloc::string::String::from(&*one.code)),
                inviter_id: one.inviter_id,
            },
            many => JoinSource::Ambiguous {
                candidates: many
                    .iter()
                    .map(|u| CowStr::from(alloc::string::String::from(&*u.code)))
                    .collect(),
            },
        }
    }

    /// Why a join that may be without a use is unknown: the weightiest note of the intervals it
    /// may lie in, else "no use seen".
    fn reason_of(&self, (lo, hi): (usize, usize)) -> UnknownReason {
        let mut reason = UnknownReason::NoUseSeen;
        for p in lo..=hi.min(self.intervals.len().saturating_sub(1)) {
            if let Some(m) = self
                .intervals
                .get(p)
                .and_then(|iv| iv.missing)
                .filter(|m| m.weight() > reason.weight())
            {
                reason = m;
            }
        }
        reason
    }

    /// Drops leading closed intervals no undecided join may lie in.
    fn drop_settled_front(&mut self, now: Timestamp, lag: Duration) {
        while let Some(first) = self.intervals.front() {
            let closed = now > after(first.end_r, lag);
            let start = self.first_start_q;
            let end = after(first.end_r, lag);
            let held = self
                .pending
                .iter()
                .any(|j| start.is_none_or(|q| j.received_at > q) && j.received_at <= end);
            if !closed || held {
                return;
            }
            if let Some(done) = self.intervals.pop_front() {
                self.first_start_q = Some(done.end_q);
            }
        }
    }
}

/// Whether `join` may have made one of `unit`'s uses, as far as timing tells.
fn may_have_used(join: &Join, unit: &Unit, lag: Duration, skew: Duration) -> bool {
    unit.created_seq.is_none_or(|c| c < join.seq)
        && unit
            .deleted_at
            .is_none_or(|d| join.received_at <= after(d, lag))
        && unit
            .expiry
            .is_none_or(|e| join.received_at <= after(after(e, lag), skew))
}

fn emit(ctx: &mut Ctx<'_>, guild_id: Snowflake, join: &Join, source: JoinSource) {
    let attribution = Attribution {
        guild_id,
        user_id: join.user_id,
        joined_at: join.joined_at,
        received_at: join.received_at,
        source,
    };
    ctx.out.push(attribution, ctx.config.max_queued);
}

/// Emits an answer for a join that never becomes pending (a guild the tracker cannot hold).
pub(crate) fn emit_untracked(ctx: &mut Ctx<'_>, m: &MemberAdd<'_>, source: JoinSource) {
    let join = Join {
        user_id: m.user.id,
        joined_at: m.joined_at,
        received_at: ctx.now,
        seq: 0,
        reported: false,
    };
    emit(ctx, m.guild_id, &join, source);
}

/// Disjoint sets with path halving and union by size.
struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        Self {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] as usize != x {
            let grand = self.parent[self.parent[x] as usize];
            self.parent[x] = grand;
            x = grand as usize;
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            core::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a as u32;
        self.size[a] += self.size[b];
    }
}
