//! [`TrackerConfig`]: the tracker's assumptions about timing and its memory limits.

use core::time::Duration;

/// How the tracker reads time, and how much it holds. [`Default`] gives the values documented
/// on each field.
///
/// Memory: a tracker holds at most [`max_guilds`](Self::max_guilds) guilds (about 512 bytes
/// each, plus 160 per interval it may keep, [`max_intervals`](Self::max_intervals)), at most
/// [`max_invites`](Self::max_invites) invite records over all of them (snapshot entries, invite
/// events seen, the uses of unsettled intervals: at most 320 bytes each, code included), at most
/// [`max_pending`](Self::max_pending) undecided joins (at most
/// [`max_pending_per_guild`](Self::max_pending_per_guild) in one; 128 bytes each), and at most
/// [`max_queued`](Self::max_queued) attributions not yet taken with `poll_attribution` (192
/// bytes each, plus their candidate codes). With the defaults that is about 55 MB at the very
/// worst, and a few hundred bytes per quiet guild plus its invites in practice
/// (`tests/bounded_memory.rs` fills a tracker to its limits and checks these figures).
///
/// Time: settling a guild (when a snapshot arrives or its lag passes) costs O(J·E) for its J
/// undecided joins and the E ≤ J·U pairs of a join and a use it may have made, with U ≤
/// J·[`max_intervals`](Self::max_intervals) uses: about 10⁸ elementary steps at the very worst
/// with the defaults (every join of a full guild possibly having made every use), a few hundred
/// for a typical snapshot. Feeding an event is O(guilds) at most (the clock may close intervals
/// anywhere).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TrackerConfig {
    /// How long after an invite use the gateway may deliver its `GUILD_MEMBER_ADD`, counted
    /// from the moment a snapshot's answer was received: a join received less than this after
    /// a snapshot's answer may be counted in it. A snapshot is only settled once this has
    /// passed after its answer (so joins still on their way are waited for), and the next
    /// snapshot is only asked for then. Default 2 s. Too small a value is the one way to get a
    /// wrong attribution from honest data: make it larger if the gateway can fall behind (a
    /// resumed session replays missed events late: call `reset` instead).
    pub event_lag: Duration,
    /// How far the server's clock (which `expires_at` is on) and the clock of the times given
    /// to the tracker may differ. An invite that vanished within this of its expiry is taken as
    /// expired, not used up. Default 60 s.
    pub clock_skew: Duration,
    /// The most guilds tracked at once; joins of further guilds are `Unknown` (`TooManyGuilds`).
    /// Default 10,000.
    pub max_guilds: usize,
    /// The most invites one guild's snapshot may list (a larger list is `Unknown`
    /// (`InviteLimit`) for the joins it would settle). Default 5,000 (a guild holds at most
    /// 1,000 on both platforms).
    pub max_invites_per_guild: usize,
    /// The most invite records over all guilds (snapshot entries, created and deleted invites
    /// seen since, uses of unsettled intervals). Default 100,000.
    pub max_invites: usize,
    /// The most undecided joins of one guild; further joins are `Unknown` (`Overloaded`) at
    /// once. Default 256.
    pub max_pending_per_guild: usize,
    /// The most undecided joins over all guilds. Default 16,384.
    pub max_pending: usize,
    /// The most snapshot intervals of one guild kept unsettled (joins that may lie in several
    /// chain them); beyond it, every undecided join of the guild is decided with what is known.
    /// Default 8.
    pub max_intervals: usize,
    /// The most attributions kept for `poll_attribution`; beyond it the oldest is dropped (and
    /// counted in the stats). Default 16,384.
    pub max_queued: usize,
    /// How long an asked-for snapshot may stay unanswered before it is asked for again.
    /// Default 300 s (more than a client's whole call with its retries).
    pub refresh_timeout: Duration,
    /// The wait before asking again after a failed snapshot; doubled for each further failure
    /// in a row. Default 1 s.
    pub failure_backoff: Duration,
    /// After this many failed snapshots in a row (or at once for a 4xx other than 429), the
    /// guild's undecided joins are `Unknown` (`FetchFailed`) and its baseline is dropped.
    /// Default 3.
    pub max_fetch_failures: u32,
}

impl Default for TrackerConfig {
    fn default() -> Self {
        Self {
            event_lag: Duration::from_secs(2),
            clock_skew: Duration::from_secs(60),
            max_guilds: 10_000,
            max_invites_per_guild: 5_000,
            max_invites: 100_000,
            max_pending_per_guild: 256,
            max_pending: 16_384,
            max_intervals: 8,
            max_queued: 16_384,
            refresh_timeout: Duration::from_secs(300),
            failure_backoff: Duration::from_secs(1),
            max_fetch_failures: 3,
        }
    }
}

impl TrackerConfig {
    /// The defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`event_lag`](Self::event_lag).
    pub fn event_lag(mut self, lag: Duration) -> Self {
        self.event_lag = lag;
        self
    }

    /// Sets [`clock_skew`](Self::clock_skew).
    pub fn clock_skew(mut self, skew: Duration) -> Self {
        self.clock_skew = skew;
        self
    }

    /// Sets [`max_guilds`](Self::max_guilds).
    pub fn max_guilds(mut self, n: usize) -> Self {
        self.max_guilds = n;
        self
    }

    /// Sets [`max_invites_per_guild`](Self::max_invites_per_guild).
    pub fn max_invites_per_guild(mut self, n: usize) -> Self {
        self.max_invites_per_guild = n;
        self
    }

    /// Sets [`max_invites`](Self::max_invites).
    pub fn max_invites(mut self, n: usize) -> Self {
        self.max_invites = n;
        self
    }

    /// Sets [`max_pending_per_guild`](Self::max_pending_per_guild).
    pub fn max_pending_per_guild(mut self, n: usize) -> Self {
        self.max_pending_per_guild = n;
        self
    }

    /// Sets [`max_pending`](Self::max_pending).
    pub fn max_pending(mut self, n: usize) -> Self {
        self.max_pending = n;
        self
    }

    /// Sets [`max_intervals`](Self::max_intervals) (at least 1).
    pub fn max_intervals(mut self, n: usize) -> Self {
        self.max_intervals = n.max(1);
        self
    }

    /// Sets [`max_queued`](Self::max_queued) (at least 1).
    pub fn max_queued(mut self, n: usize) -> Self {
        self.max_queued = n.max(1);
        self
    }

    /// Sets [`refresh_timeout`](Self::refresh_timeout).
    pub fn refresh_timeout(mut self, timeout: Duration) -> Self {
        self.refresh_timeout = timeout;
        self
    }

    /// Sets [`failure_backoff`](Self::failure_backoff).
    pub fn failure_backoff(mut self, backoff: Duration) -> Self {
        self.failure_backoff = backoff;
        self
    }

    /// Sets [`max_fetch_failures`](Self::max_fetch_failures) (at least 1).
    pub fn max_fetch_failures(mut self, n: u32) -> Self {
        self.max_fetch_failures = n.max(1);
        self
    }
}
