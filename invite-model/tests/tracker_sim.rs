//! The tracker against a simulated guild whose ground truth is known.
//!
//! The simulation runs one clock for the server and the bot. The server holds invites (some at
//! the start, more created as it runs), a vanity invite, and members who join through an
//! invite, the vanity, no invite at all (Server Discovery) or OAuth2 (bots); invites expire,
//! are used up (and deleted by the API on their last use, with or without an `INVITE_DELETE`),
//! and are deleted by moderators. The gateway delivers each event in order, up to the event lag
//! late. The bot's driver follows the tracker's refresh requests (and sometimes fetches on its
//! own); the server counts a snapshot at a random moment between the request and the answer,
//! and some fetches fail.
//!
//! What the data can show, the simulation honours: events arrive within the lag; no moderator
//! deletes an invite exactly one use short of its limit (that looks like its last use, see
//! `Vanished::UsedUp`). Everything else is random.
//!
//! Checked on every run:
//! - every join gets exactly one answer, and no answer is wrong: an `Invite`/`Vanity` code is the
//!   one used, an `Ambiguous` list holds it, `Oauth` only for bots;
//! - no join is `Unknown` for a reason honest data cannot cause (`Inconsistent`, a limit);
//! - on small runs, every answer is exactly what an independent brute force over the same data
//!   finds (every join the data determines is attributed; ambiguous candidates are exactly the
//!   possible codes; unknown exactly when the join may have used no invite).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::time::Duration;

use invite_model::endpoint::VanityUrl;
use invite_model::tracker::{
    FetchFailed, JoinSource, Snapshot, Tracker, TrackerConfig, UnknownReason,
};
use invite_model::{
    CowStr, Invite, InviteCreate, InviteDelete, MemberAdd, Snowflake, Timestamp, User,
};
use proptest::prelude::*;

const BASE_MS: u64 = 1_767_225_600_000;
const GUILD: Snowflake = Snowflake(42);
/// The tracker's default clock skew: an invite vanishing this close to its expiry is expired.
const SKEW_MS: u64 = 60_000;

fn ts(ms: u64) -> Timestamp {
    Timestamp::from_unix_millis(BASE_MS + ms)
}

/// A timestamp back to simulation milliseconds, rounded up.
fn ms_of(t: Timestamp) -> u64 {
    let nanos = t.0.unix_timestamp_nanos() - i128::from(BASE_MS) * 1_000_000;
    u64::try_from((nanos + 999_999) / 1_000_000).unwrap_or(0)
}

/// SplitMix64: the simulation's only source of randomness, seeded by proptest.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    fn one_in(&mut self, n: u64) -> bool {
        n > 0 && self.below(n) == 0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// What the run is made of.
#[derive(Debug, Clone, Copy)]
struct Knobs {
    seed: u64,
    /// Server actions.
    actions: usize,
    /// Largest gateway delay, and the tracker's event lag.
    lag_ms: u64,
    /// Whether the guild has a vanity invite.
    vanity: bool,
    /// One fetch in this many fails (0: none).
    fail_one_in: u64,
    /// Largest time from sending a request to its answer.
    rtt_ms: u64,
    /// Largest gap between two server actions.
    gap_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Truth {
    Code(String),
    Vanity(String),
    NoInvite,
    Bot,
}

#[derive(Debug, Clone)]
struct ServerInvite {
    uses: u64,
    max_uses: u64,
    max_age: u64,
    created_at: u64,
    expires_at: Option<u64>,
    inviter: u64,
    gone: bool,
}

#[derive(Debug, Clone)]
enum Gateway {
    Join { user: u64, bot: bool },
    Create { code: String, invite: ServerInvite },
    Delete { code: String },
}

#[derive(Debug, Clone)]
enum Ev {
    /// A server action at its time.
    Act,
    /// The gateway delivers an event.
    Deliver(Gateway),
    /// The driver sends its request.
    Send,
    /// The server counts the snapshot of the request sent at `q`.
    Read { q: u64 },
    /// The answer arrives.
    Answer {
        q: u64,
        list: Option<Vec<(String, ServerInvite)>>,
        vanity: Option<(String, u64)>,
    },
}

/// What the tracker was fed, in order (for the brute force and for failure reports).
#[derive(Debug, Clone)]
enum Fed {
    Join {
        user: u64,
        r: u64,
        seq: u64,
        bot: bool,
    },
    Create {
        code: String,
        r: u64,
        seq: u64,
        invite: ServerInvite,
    },
    Delete {
        code: String,
        r: u64,
    },
    Snap {
        q: u64,
        r: u64,
        table: BTreeMap<String, ServerInvite>,
        vanity: Option<(String, u64)>,
    },
    Failed {
        q: u64,
        r: u64,
    },
}

struct Sim {
    knobs: Knobs,
    rng: Rng,
    tracker: Tracker,
    now: u64,
    order: u64,
    queue: BTreeMap<(u64, u64), Ev>,
    actions_left: usize,
    invites: BTreeMap<String, ServerInvite>,
    vanity: Option<(String, u64)>,
    next_code: u64,
    next_user: u64,
    truth: BTreeMap<u64, Truth>,
    gateway_last: u64,
    in_flight: bool,
    want_send: bool,
    failures_in_a_row: u32,
    seq: u64,
    fed: Vec<Fed>,
    answers: BTreeMap<u64, Vec<JoinSource>>,
}

impl Sim {
    fn new(knobs: Knobs) -> Self {
        let config = TrackerConfig::new()
            .event_lag(Duration::from_millis(knobs.lag_ms))
            .max_intervals(1_000)
            .max_pending_per_guild(10_000);
        let mut sim = Self {
            knobs,
            rng: Rng(knobs.seed),
            tracker: Tracker::with_config(config),
            now: 0,
            order: 0,
            queue: BTreeMap::new(),
            actions_left: knobs.actions,
            invites: BTreeMap::new(),
            vanity: knobs.vanity.then(|| ("party".to_owned(), 7)),
            next_code: 0,
            next_user: 1,
            truth: BTreeMap::new(),
            gateway_last: 0,
            in_flight: false,
            want_send: false,
            failures_in_a_row: 0,
            seq: 0,
            fed: Vec::new(),
            answers: BTreeMap::new(),
        };
        for _ in 0..sim.rng.below(4) {
            let uses = sim.rng.below(5);
            let max_uses = sim.rng.pick(&[0, uses + 1, uses + 1, uses + 2, uses + 5]);
            let max_age = sim.rng.pick(&[0, 0, 20_000, 200_000]);
            let invite = ServerInvite {
                uses,
                max_uses,
                max_age: max_age / 1000,
                created_at: 0,
                expires_at: (max_age > 0).then_some(max_age),
                inviter: 500 + sim.rng.below(3),
                gone: false,
            };
            let code = sim.new_code();
            sim.invites.insert(code, invite);
        }
        sim
    }

    fn new_code(&mut self) -> String {
        self.next_code += 1;
        format!("c{:03}", self.next_code)
    }

    fn schedule(&mut self, at: u64, ev: Ev) {
        self.order += 1;
        self.queue.insert((at, self.order), ev);
    }

    /// Runs until the tracker has nothing left to decide; false if it did not get there.
    fn run(&mut self) -> bool {
        self.tracker.watch_guild(GUILD, ts(0));
        self.drive();
        let gap = self.knobs.gap_ms;
        let first = 1 + self.rng.below(gap);
        self.schedule(first, Ev::Act);
        for _ in 0..1_000_000 {
            let next = self.queue.keys().next().map(|&(t, _)| t);
            let wake = self.tracker.poll_timeout().map(ms_of);
            match (next, wake) {
                (None, None) => return true,
                (n, Some(w)) if n.is_none_or(|n| w < n) => {
                    self.now = w.max(self.now);
                    self.tracker.handle_timeout(ts(self.now));
                    if self
                        .tracker
                        .poll_timeout()
                        .is_some_and(|t| ms_of(t) <= self.now)
                    {
                        // Due now but waiting on the driver (a request in flight).
                        self.now += 1;
                    }
                }
                _ => {
                    let Some(((t, _), ev)) = self.queue.pop_first() else {
                        return true;
                    };
                    self.now = t;
                    self.step(ev);
                }
            }
            self.drive();
        }
        false
    }

    /// The driver: collects answers, sends what the tracker asks for.
    fn drive(&mut self) {
        while let Some(a) = self.tracker.poll_attribution() {
            assert_eq!(a.guild_id, GUILD);
            self.answers
                .entry(a.user_id.get())
                .or_default()
                .push(a.source);
        }
        if self.tracker.poll_refresh(ts(self.now)).is_some() {
            self.want_send = true;
        }
        if self.want_send && !self.in_flight {
            self.want_send = false;
            self.in_flight = true;
            let at = self.now + self.rng.below(30);
            self.schedule(at, Ev::Send);
        }
    }

    fn deliver(&mut self, t: u64, event: Gateway) {
        let at = (t + self.rng.below(self.knobs.lag_ms + 1)).max(self.gateway_last);
        self.gateway_last = at;
        self.schedule(at, Ev::Deliver(event));
    }

    fn step(&mut self, ev: Ev) {
        let now = self.now;
        match ev {
            Ev::Act => {
                self.act();
                self.actions_left -= 1;
                if self.actions_left > 0 {
                    let gap = if self.rng.one_in(8) {
                        self.rng.below(self.knobs.gap_ms * 20)
                    } else {
                        self.rng.below(self.knobs.gap_ms)
                    };
                    self.schedule(now + gap, Ev::Act);
                }
            }
            Ev::Deliver(g) => self.feed(g),
            Ev::Send => {
                let s = now + self.rng.below(self.knobs.rtt_ms / 2 + 1);
                self.schedule(s, Ev::Read { q: now });
            }
            Ev::Read { q } => {
                let fail = self.failures_in_a_row < 2 && self.rng.one_in(self.knobs.fail_one_in);
                self.failures_in_a_row = if fail { self.failures_in_a_row + 1 } else { 0 };
                let list = (!fail).then(|| {
                    self.invites
                        .iter()
                        .filter(|(_, i)| !i.gone && i.expires_at.is_none_or(|e| e > now))
                        .map(|(c, i)| (c.clone(), i.clone()))
                        .collect()
                });
                let r = now + self.rng.below(self.knobs.rtt_ms / 2 + 1);
                let vanity = self.vanity.clone();
                self.schedule(r, Ev::Answer { q, list, vanity });
            }
            Ev::Answer { q, list, vanity } => {
                self.in_flight = false;
                self.answer(q, list, vanity);
            }
        }
    }

    /// One server action.
    fn act(&mut self) {
        let t = self.now;
        match self.rng.below(20) {
            0..=12 => self.join(t),
            13..=15 => {
                let code = self.new_code();
                let max_age = self.rng.pick(&[0, 0, 0, 3_000, 20_000, 120_000]);
                let invite = ServerInvite {
                    uses: 0,
                    max_uses: self.rng.pick(&[0, 1, 1, 2, 3]),
                    max_age: max_age / 1000,
                    created_at: t,
                    expires_at: (max_age > 0).then_some(t + max_age),
                    inviter: 500 + self.rng.below(3),
                    gone: false,
                };
                self.invites.insert(code.clone(), invite.clone());
                // Without MANAGE_CHANNELS a bot misses creates: the data then says less.
                if !self.rng.one_in(6) {
                    self.deliver(t, Gateway::Create { code, invite });
                }
            }
            16 => {
                // A moderator deletes an invite that is not one use short of its limit.
                let candidates: Vec<String> = self
                    .invites
                    .iter()
                    .filter(|(_, i)| !(i.gone || i.max_uses > 0 && i.uses + 1 == i.max_uses))
                    .map(|(c, _)| c.clone())
                    .collect();
                if !candidates.is_empty() {
                    let code = candidates[self.rng.below(candidates.len() as u64) as usize].clone();
                    if let Some(i) = self.invites.get_mut(&code) {
                        i.gone = true;
                    }
                    self.deliver(t, Gateway::Delete { code });
                }
            }
            // The driver fetches on its own.
            17 if !self.in_flight => {
                self.in_flight = true;
                self.schedule(t, Ev::Send);
            }
            _ => {}
        }
    }

    fn join(&mut self, t: u64) {
        let user = self.next_user;
        self.next_user += 1;
        let usable: Vec<String> = self
            .invites
            .iter()
            .filter(|(_, i)| {
                !i.gone
                    && i.expires_at.is_none_or(|e| t < e)
                    && (i.max_uses == 0 || i.uses < i.max_uses)
            })
            .map(|(c, _)| c.clone())
            .collect();
        let roll = self.rng.below(20);
        let truth = if roll < 2 {
            Truth::Bot
        } else if roll < 5 {
            Truth::NoInvite
        } else if let Some(v) = self.vanity.as_mut().filter(|_| roll < 8) {
            v.1 += 1;
            Truth::Vanity(v.0.clone())
        } else if usable.is_empty() {
            Truth::NoInvite
        } else {
            let code = usable[self.rng.below(usable.len() as u64) as usize].clone();
            let invite = self.invites.get_mut(&code).unwrap();
            invite.uses += 1;
            if invite.max_uses > 0 && invite.uses == invite.max_uses {
                // The API deletes it on its last use.
                invite.gone = true;
                if self.rng.one_in(2) {
                    self.deliver(t, Gateway::Delete { code: code.clone() });
                }
            }
            Truth::Code(code)
        };
        let bot = truth == Truth::Bot;
        self.truth.insert(user, truth);
        self.deliver(t, Gateway::Join { user, bot });
    }

    fn feed(&mut self, g: Gateway) {
        let r = self.now;
        match g {
            Gateway::Join { user, bot } => {
                self.seq += 1;
                let mut member = MemberAdd::default();
                member.guild_id = GUILD;
                member.user.id = Snowflake(user);
                member.user.bot = Some(bot);
                member.joined_at = Some(ts(r));
                self.tracker.member_add(&member, ts(r));
                self.fed.push(Fed::Join {
                    user,
                    r,
                    seq: self.seq,
                    bot,
                });
            }
            Gateway::Create { code, invite } => {
                self.seq += 1;
                let mut event = InviteCreate::default();
                event.guild_id = Some(GUILD);
                event.channel_id = Some(Snowflake(7));
                event.code = CowStr::from(code.clone());
                event.created_at = Some(ts(invite.created_at));
                event.max_age = Some(invite.max_age);
                event.max_uses = Some(invite.max_uses);
                event.uses = Some(0);
                event.expires_at = invite.expires_at.map(ts);
                event.temporary = Some(false);
                event.inviter = Some(user(invite.inviter));
                self.tracker.invite_create(&event, ts(r));
                self.fed.push(Fed::Create {
                    code,
                    r,
                    seq: self.seq,
                    invite,
                });
            }
            Gateway::Delete { code } => {
                self.seq += 1;
                let mut event = InviteDelete::default();
                event.guild_id = Some(GUILD);
                event.channel_id = Some(Snowflake(7));
                event.code = CowStr::from(code.clone());
                self.tracker.invite_delete(&event, ts(r));
                self.fed.push(Fed::Delete { code, r });
            }
        }
    }

    fn answer(
        &mut self,
        q: u64,
        list: Option<Vec<(String, ServerInvite)>>,
        vanity: Option<(String, u64)>,
    ) {
        let r = self.now;
        let Some(list) = list else {
            let s = Snapshot::failed(ts(q), ts(r), FetchFailed::status(500));
            self.tracker.snapshot(GUILD, &s).unwrap();
            self.fed.push(Fed::Failed { q, r });
            return;
        };
        let invites: Vec<Invite<'static>> = list
            .iter()
            .map(|(code, i)| {
                let mut invite = Invite::default();
                invite.code = CowStr::from(code.clone());
                invite.uses = Some(i.uses);
                invite.max_uses = Some(i.max_uses);
                invite.max_age = Some(i.max_age);
                invite.created_at = Some(ts(i.created_at));
                invite.expires_at = i.expires_at.map(ts);
                invite.inviter = Some(user(i.inviter));
                invite.temporary = Some(false);
                invite
            })
            .collect();
        let answer = vanity
            .as_ref()
            .map(|(c, u)| VanityUrl::new(Some(c), Some(*u)));
        let mut s = Snapshot::new(ts(q), ts(r), &invites);
        if let Some(v) = &answer {
            s = s.with_vanity(v);
        }
        self.tracker.snapshot(GUILD, &s).unwrap();
        self.fed.push(Fed::Snap {
            q,
            r,
            table: list.into_iter().collect(),
            vanity,
        });
    }

    /// The course of events, for a failure report.
    fn report(&self) -> String {
        let mut s = format!("{:?}\ntruth: {:?}\nfed:\n", self.knobs, self.truth);
        for f in &self.fed {
            match f {
                Fed::Failed { q, r } => {
                    let _ = writeln!(s, "  failed fetch sent {q} received {r}");
                }
                f => {
                    let _ = writeln!(s, "  {f:?}");
                }
            }
        }
        let _ = writeln!(s, "answers: {:?}", self.answers);
        s
    }
}

fn user(id: u64) -> User<'static> {
    let mut user = User::default();
    user.id = Snowflake(id);
    user.username = CowStr::from("inviter");
    user
}

/// Checks every answer against the ground truth; returns the first problem.
fn check_truth(sim: &Sim) -> Result<(), String> {
    for (user, truth) in &sim.truth {
        let answers = sim.answers.get(user).cloned().unwrap_or_default();
        let [answer] = answers.as_slice() else {
            return Err(format!(
                "user {user} got {} answers: {answers:?}",
                answers.len()
            ));
        };
        let ok = match (answer, truth) {
            (JoinSource::Oauth, Truth::Bot) => true,
            (JoinSource::Invite { code, .. }, Truth::Code(c))
            | (JoinSource::Vanity { code }, Truth::Vanity(c)) => code.as_str() == c,
            (JoinSource::Ambiguous { candidates }, Truth::Code(c) | Truth::Vanity(c)) => {
                candidates.len() > 1 && candidates.iter().any(|x| x.as_str() == c)
            }
            (JoinSource::Unknown { reason }, _) => matches!(
                reason,
                UnknownReason::NoBaseline
                    | UnknownReason::NoUseSeen
                    | UnknownReason::UsesMissing
                    | UnknownReason::VanityUnavailable
            ),
            _ => false,
        };
        if !ok {
            return Err(format!("user {user}: answered {answer:?}, truth {truth:?}"));
        }
    }
    Ok(())
}

// ---- the brute force ----

/// Uses of one code in one interval, and what limits who may have made them.
#[derive(Debug)]
struct Unit {
    code: String,
    count: u64,
    created_seq: Option<u64>,
    deleted_at: Option<u64>,
    expiry: Option<u64>,
}

/// A good snapshot as fed: feed index, sent, received, list, vanity.
type SnapRef<'f> = (
    usize,
    u64,
    u64,
    &'f BTreeMap<String, ServerInvite>,
    &'f Option<(String, u64)>,
);

/// A plain re-statement of the tracker's rules (see `tracker/guild_state.rs`), computed from
/// what it was fed. Returns, per non-bot join, the set of possible answers (`None`: no use), or
/// `None` if the enumeration would be too large.
fn brute_force(fed: &[Fed], lag: u64) -> Option<BTreeMap<u64, BTreeSet<Option<String>>>> {
    let snaps: Vec<SnapRef<'_>> = fed
        .iter()
        .enumerate()
        .filter_map(|(i, f)| match f {
            Fed::Snap {
                q,
                r,
                table,
                vanity,
            } => Some((i, *q, *r, table, vanity)),
            _ => None,
        })
        .collect();
    // `INVITE_CREATE`s and `INVITE_DELETE`s, by code, with their feed index.
    let mut marks: BTreeMap<String, (usize, u64, u64, ServerInvite)> = BTreeMap::new();
    let mut deletes: BTreeMap<String, (usize, u64)> = BTreeMap::new();
    for (i, f) in fed.iter().enumerate() {
        match f {
            Fed::Create {
                code,
                r,
                seq,
                invite,
            } => {
                marks.insert(code.clone(), (i, *r, *seq, invite.clone()));
            }
            Fed::Delete { code, r } => {
                deletes.entry(code.clone()).or_insert((i, *r));
            }
            _ => {}
        }
    }
    let created_seq =
        |code: &str, before: usize| marks.get(code).filter(|m| m.0 < before).map(|m| m.2);
    let deleted_at =
        |code: &str, before: usize| deletes.get(code).filter(|d| d.0 < before).map(|d| d.1);
    let mut intervals: Vec<Vec<Unit>> = vec![Vec::new()];
    let mut dead: BTreeSet<String> = BTreeSet::new();
    for (k, &(idx, q, r, table, vanity)) in snaps.iter().enumerate() {
        let mut units = Vec::new();
        let unit = |code: &str, count: u64, expiry: Option<u64>| Unit {
            code: code.to_owned(),
            count,
            created_seq: created_seq(code, idx),
            deleted_at: deleted_at(code, idx),
            expiry,
        };
        let old = (k > 0).then(|| snaps[k - 1].3);
        if let Some(old) = old {
            let codes: BTreeSet<&String> = old.keys().chain(table.keys()).collect();
            for code in codes {
                match (old.get(code), table.get(code)) {
                    (Some(a), Some(b)) if b.uses > a.uses => {
                        units.push(unit(code, b.uses - a.uses, b.expires_at));
                    }
                    (None, Some(b)) if b.uses > 0 => units.push(unit(code, b.uses, b.expires_at)),
                    (Some(a), None) => {
                        let expired = a.expires_at.is_some_and(|e| e <= r + SKEW_MS);
                        if !expired && a.max_uses > 0 && a.uses + 1 == a.max_uses {
                            units.push(unit(code, 1, a.expires_at));
                        }
                    }
                    _ => {}
                }
            }
            match (&snaps[k - 1].4, vanity) {
                (Some((c1, u1)), Some((c2, u2))) if c1 == c2 && u2 > u1 => {
                    units.push(unit(c2, u2 - u1, None));
                }
                _ => {}
            }
        }
        // Invites created and gone again without being listed: counted in this interval only
        // if surely created after the previous snapshot and before this one.
        for (code, &(ci, rc, _, ref invite)) in &marks {
            if ci > idx || dead.contains(code) || table.contains_key(code) {
                continue;
            }
            if old.is_some_and(|o| o.contains_key(code)) {
                dead.insert(code.clone());
                continue;
            }
            let after_previous = k > 0 && rc > snaps[k - 1].2 + lag;
            if after_previous && rc < q {
                let expired = invite.expires_at.is_some_and(|e| e <= r + SKEW_MS);
                if !expired && invite.max_uses == 1 {
                    units.push(unit(code, 1, invite.expires_at));
                }
            }
            if rc < q {
                dead.insert(code.clone());
            }
        }
        if k > 0 {
            intervals.push(units);
        }
    }
    let n = snaps.len();
    let q_of = |k: usize| snaps[k].1;
    let r_of = |k: usize| snaps[k].2;
    // Non-bot joins, with their candidate uses: (unit index) list.
    let mut flat: Vec<(usize, &Unit)> = Vec::new();
    for (k, units) in intervals.iter().enumerate() {
        for u in units {
            flat.push((k, u));
        }
    }
    let joins: Vec<(u64, Vec<usize>)> = fed
        .iter()
        .filter_map(|f| match f {
            Fed::Join {
                user,
                r,
                seq,
                bot: false,
            } => Some((*user, *r, *seq)),
            _ => None,
        })
        .map(|(user, r, seq)| {
            let in_interval =
                |k: usize| (k == 0 || r > q_of(k - 1)) && (k == n || r <= r_of(k) + lag);
            let options = flat
                .iter()
                .enumerate()
                .filter(|(_, (k, u))| {
                    in_interval(*k)
                        && u.created_seq.is_none_or(|c| c < seq)
                        && u.deleted_at.is_none_or(|d| r <= d + lag)
                        && u.expiry.is_none_or(|e| r <= e + lag + SKEW_MS)
                })
                .map(|(i, _)| i)
                .collect();
            (user, options)
        })
        .collect();
    if joins.len() > 9 || flat.iter().map(|(_, u)| u.count).sum::<u64>() > 9 {
        return None;
    }
    let mut left: Vec<u64> = flat.iter().map(|(_, u)| u.count).collect();
    let mut possible: BTreeMap<u64, BTreeSet<Option<String>>> = BTreeMap::new();
    let mut choice: Vec<Option<usize>> = Vec::new();
    fn go(
        j: usize,
        joins: &[(u64, Vec<usize>)],
        flat: &[(usize, &Unit)],
        left: &mut Vec<u64>,
        choice: &mut Vec<Option<usize>>,
        possible: &mut BTreeMap<u64, BTreeSet<Option<String>>>,
    ) {
        let remaining: u64 = left.iter().sum();
        if remaining > (joins.len() - j) as u64 {
            return;
        }
        if j == joins.len() {
            for (k, c) in choice.iter().enumerate() {
                possible
                    .entry(joins[k].0)
                    .or_default()
                    .insert(c.map(|i| flat[i].1.code.clone()));
            }
            return;
        }
        choice.push(None);
        go(j + 1, joins, flat, left, choice, possible);
        choice.pop();
        for &i in &joins[j].1 {
            if left[i] > 0 {
                left[i] -= 1;
                choice.push(Some(i));
                go(j + 1, joins, flat, left, choice, possible);
                choice.pop();
                left[i] += 1;
            }
        }
    }
    go(0, &joins, &flat, &mut left, &mut choice, &mut possible);
    Some(possible)
}

/// Checks every non-bot answer against the brute force.
fn check_exact(sim: &Sim) -> Result<bool, String> {
    let Some(possible) = brute_force(&sim.fed, sim.knobs.lag_ms) else {
        return Ok(false);
    };
    for (user, truth) in &sim.truth {
        if *truth == Truth::Bot {
            continue;
        }
        let Some(options) = possible.get(user) else {
            return Err(format!(
                "user {user}: the data admits no course of events at all"
            ));
        };
        let answer = &sim.answers[user][0];
        let expected = if options.contains(&None) {
            "unknown".to_owned()
        } else if options.len() == 1 {
            format!("code {}", options.iter().next().unwrap().as_ref().unwrap())
        } else {
            let codes: Vec<&str> = options.iter().map(|c| c.as_deref().unwrap()).collect();
            format!("ambiguous {}", codes.join(" "))
        };
        let got = match answer {
            JoinSource::Unknown { .. } => "unknown".to_owned(),
            JoinSource::Invite { code, .. } | JoinSource::Vanity { code } => format!("code {code}"),
            JoinSource::Ambiguous { candidates } => {
                let codes: Vec<&str> = candidates.iter().map(CowStr::as_str).collect();
                format!("ambiguous {}", codes.join(" "))
            }
            other => format!("{other:?}"),
        };
        if got != expected {
            return Err(format!(
                "user {user}: answered {got}, the data says {expected} ({options:?})"
            ));
        }
    }
    Ok(true)
}

fn knobs(actions: std::ops::Range<usize>) -> impl Strategy<Value = Knobs> {
    (
        any::<u64>(),
        actions,
        prop_oneof![Just(0u64), 1u64..=50, 200u64..=3_000],
        any::<bool>(),
        prop_oneof![Just(0u64), 3u64..=8],
        1u64..=1_500,
        prop_oneof![10u64..=200, 200u64..=3_000],
    )
        .prop_map(
            |(seed, actions, lag_ms, vanity, fail_one_in, rtt_ms, gap_ms)| Knobs {
                seed,
                actions,
                lag_ms,
                vanity,
                fail_one_in,
                rtt_ms,
                gap_ms,
            },
        )
}

fn simulate(knobs: Knobs) -> Sim {
    let mut sim = Sim::new(knobs);
    assert!(sim.run(), "the run did not end: {}", sim.report());
    sim.tracker.finish(ts(sim.now + 1));
    sim.drive();
    sim
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Small runs: exactly what the brute force says, and never wrong.
    #[test]
    fn small_guilds_are_attributed_exactly(knobs in knobs(1..14)) {
        let sim = simulate(knobs);
        if let Err(e) = check_truth(&sim) {
            prop_assert!(false, "{e}\n{}", sim.report());
        }
        if let Err(e) = check_exact(&sim) {
            prop_assert!(false, "{e}\n{}", sim.report());
        }
        prop_assert_eq!(sim.tracker.stats().pending, 0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Busy runs: never a wrong answer.
    #[test]
    fn busy_guilds_are_never_misattributed(knobs in knobs(40..400)) {
        let sim = simulate(knobs);
        if let Err(e) = check_truth(&sim) {
            prop_assert!(false, "{e}\n{}", sim.report());
        }
        prop_assert_eq!(sim.tracker.stats().pending, 0);
    }
}

/// The simulation is not vacuous: over many runs, most joins through an invite or the vanity
/// are attributed, and every kind of answer occurs.
#[test]
fn the_simulation_attributes_most_joins() {
    let mut kinds = BTreeMap::<&str, usize>::new();
    let (mut through_invites, mut attributed, mut exact_runs) = (0, 0, 0);
    for seed in 0..200u64 {
        let sim = simulate(Knobs {
            seed,
            actions: 12,
            lag_ms: 300,
            vanity: seed % 2 == 0,
            fail_one_in: 6,
            rtt_ms: 400,
            gap_ms: 1_500,
        });
        check_truth(&sim).unwrap_or_else(|e| panic!("{e}\n{}", sim.report()));
        if check_exact(&sim).unwrap_or_else(|e| panic!("{e}\n{}", sim.report())) {
            exact_runs += 1;
        }
        for (user, truth) in &sim.truth {
            let answer = &sim.answers[user][0];
            if matches!(truth, Truth::Code(_) | Truth::Vanity(_)) {
                through_invites += 1;
                if answer.code().is_some() {
                    attributed += 1;
                }
            }
            let name = match answer {
                JoinSource::Unknown { reason } => reason.name(),
                other => other.name(),
            };
            *kinds.entry(name).or_default() += 1;
        }
    }
    assert!(
        exact_runs > 150,
        "only {exact_runs} runs were checked exactly: {kinds:?}"
    );
    assert!(
        attributed * 5 > through_invites * 3,
        "{attributed} of {through_invites} attributed: {kinds:?}"
    );
    for kind in [
        "invite",
        "vanity",
        "oauth",
        "ambiguous",
        "no_use_seen",
        "no_baseline",
    ] {
        assert!(
            kinds.get(kind).is_some_and(|&n| n > 0),
            "no {kind}: {kinds:?}"
        );
    }
}

/// Found by `busy_guilds_are_never_misattributed`: an invite listed once and used up, whose
/// `INVITE_CREATE` arrived (within the lag) only after the snapshot that found it gone, was
/// counted a second time in the next interval and given to a join that used no invite.
#[test]
fn a_late_invite_create_is_not_counted_twice() {
    let sim = simulate(Knobs {
        seed: 9_439_875_401_735_547_380,
        actions: 40,
        lag_ms: 2105,
        vanity: false,
        fail_one_in: 0,
        rtt_ms: 690,
        gap_ms: 1835,
    });
    check_truth(&sim).unwrap_or_else(|e| panic!("{e}\n{}", sim.report()));
}

/// Found by `small_guilds_are_attributed_exactly`: joins received before the baseline while
/// the driver had a request of its own on the way were decided at once and their uses then
/// distrusted, so a later join the data pins down stayed unknown.
#[test]
fn joins_before_the_baseline_wait_for_it() {
    let sim = simulate(Knobs {
        seed: 18_391_678_022_242_226_793,
        actions: 11,
        lag_ms: 0,
        vanity: false,
        fail_one_in: 4,
        rtt_ms: 454,
        gap_ms: 189,
    });
    check_truth(&sim).unwrap_or_else(|e| panic!("{e}\n{}", sim.report()));
    assert!(check_exact(&sim).unwrap_or_else(|e| panic!("{e}\n{}", sim.report())));
}
