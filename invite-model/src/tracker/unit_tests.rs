//! One test per rule of the tracker, each on a small hand-made course of events.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::time::Duration;

use super::*;
use crate::endpoint::Endpoint as _;
use crate::endpoint::VanityUrl;
use crate::invite::Invite;
use crate::primitive::cow_str::CowStr;

const G: Snowflake = Snowflake(100);
const H: Snowflake = Snowflake(200);

/// `2026-01-01T00:00:00Z` plus `ms` milliseconds.
fn at(ms: u64) -> Timestamp {
    Timestamp::from_unix_millis(1_767_225_600_000 + ms)
}

fn list(json: &str) -> Vec<Invite<'static>> {
    serde_json::from_str::<Vec<Invite<'_>>>(json)
        .unwrap()
        .into_iter()
        .map(Invite::into_owned)
        .collect()
}

fn member(guild: Snowflake, user: u64, bot: bool) -> MemberAdd<'static> {
    let json = format!(
        r#"{{"guild_id":"{guild}","joined_at":"2026-01-01T00:00:00Z","user":{{"id":"{user}","bot":{bot}}}}}"#
    );
    serde_json::from_str::<MemberAdd<'_>>(&json)
        .unwrap()
        .into_owned()
}

fn create(guild: Snowflake, code: &str, max_uses: u64) -> InviteCreate<'static> {
    let json = format!(
        r#"{{"guild_id":"{guild}","channel_id":"1","code":"{code}","uses":0,"max_uses":{max_uses},"max_age":0,"temporary":false,"created_at":"2026-01-01T00:00:00Z","expires_at":null,"inviter":{{"id":"77","username":"inviter"}}}}"#
    );
    serde_json::from_str::<InviteCreate<'_>>(&json)
        .unwrap()
        .into_owned()
}

/// A tracker with a 1 s event lag, and helpers to drive it.
struct T {
    tracker: Tracker,
}

impl T {
    fn new() -> Self {
        Self::with(TrackerConfig::new().event_lag(Duration::from_secs(1)))
    }

    fn with(config: TrackerConfig) -> Self {
        Self {
            tracker: Tracker::with_config(config),
        }
    }

    fn join(&mut self, guild: Snowflake, user: u64, ms: u64) {
        self.tracker.member_add(&member(guild, user, false), at(ms));
    }

    fn snap(&mut self, guild: Snowflake, q: u64, r: u64, json: &str) {
        let invites = list(json);
        self.tracker
            .snapshot(guild, &Snapshot::new(at(q), at(r), &invites))
            .unwrap();
    }

    fn snap_vanity(&mut self, guild: Snowflake, q: u64, r: u64, json: &str, vanity: (&str, u64)) {
        let invites = list(json);
        let vanity = VanityUrl::new(Some(vanity.0), Some(vanity.1));
        let s = Snapshot::new(at(q), at(r), &invites).with_vanity(&vanity);
        self.tracker.snapshot(guild, &s).unwrap();
    }

    /// Every attribution so far, as `user: answer` lines sorted by user.
    fn answers(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        while let Some(a) = self.tracker.poll_attribution() {
            out.push((a.user_id, describe(&a.source)));
        }
        out.sort();
        out.into_iter().map(|(u, s)| format!("{u}: {s}")).collect()
    }

    /// Lets the lag pass and returns the answers.
    fn settle(&mut self, ms: u64) -> Vec<String> {
        self.tracker.handle_timeout(at(ms));
        self.answers()
    }
}

fn describe(s: &JoinSource) -> String {
    match s {
        JoinSource::Invite { code, inviter_id } => match inviter_id {
            Some(i) => format!("invite {code} by {i}"),
            None => format!("invite {code}"),
        },
        JoinSource::Vanity { code } => format!("vanity {code}"),
        JoinSource::Oauth => "oauth".into(),
        JoinSource::Ambiguous { candidates } => {
            let c: Vec<&str> = candidates.iter().map(CowStr::as_str).collect();
            format!("ambiguous {}", c.join(" "))
        }
        JoinSource::Unknown { reason } => format!("unknown {}", reason.name()),
    }
}

#[test]
fn k_uses_on_one_invite_and_k_joins_are_all_that_invite() {
    let mut t = T::new();
    t.snap(
        G,
        0,
        100,
        r#"[{"code":"aaa","uses":4,"inviter":{"id":"9","username":"x"}},{"code":"bbb","uses":2}]"#,
    );
    for user in 1..=3 {
        t.join(G, user, 5_000 + user);
    }
    assert!(t.answers().is_empty());
    t.snap(
        G,
        6_000,
        6_100,
        r#"[{"code":"aaa","uses":7},{"code":"bbb","uses":2}]"#,
    );
    assert!(t.answers().is_empty(), "settled only after the lag");
    assert_eq!(
        t.settle(7_101),
        ["1: invite aaa", "2: invite aaa", "3: invite aaa"]
    );
    // The inviter is the one the latest listing names, if any: this list named none.
    assert_eq!(t.tracker.stats().pending, 0);
}

#[test]
fn the_inviter_comes_from_the_listing() {
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 5_000);
    t.snap(
        G,
        6_000,
        6_100,
        r#"[{"code":"aaa","uses":1,"inviter":{"id":"9","username":"x"}}]"#,
    );
    assert_eq!(t.settle(7_200), ["1: invite aaa by 9"]);
}

#[test]
fn deltas_that_do_not_tell_who_used_which_are_ambiguous() {
    let mut t = T::new();
    t.snap_vanity(
        G,
        0,
        100,
        r#"[{"code":"aaa","uses":0},{"code":"bbb","uses":5}]"#,
        ("cool", 10),
    );
    for user in 1..=3 {
        t.join(G, user, 1_000 * user);
    }
    t.snap_vanity(
        G,
        9_000,
        9_100,
        r#"[{"code":"aaa","uses":1},{"code":"bbb","uses":6}]"#,
        ("cool", 11),
    );
    assert_eq!(
        t.settle(10_200),
        [
            "1: ambiguous aaa bbb cool",
            "2: ambiguous aaa bbb cool",
            "3: ambiguous aaa bbb cool"
        ]
    );
}

#[test]
fn a_join_received_before_an_invite_create_did_not_use_it() {
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 1_000);
    t.tracker.invite_create(&create(G, "new", 0), at(2_000));
    t.join(G, 2, 3_000);
    t.snap(
        G,
        9_000,
        9_100,
        r#"[{"code":"aaa","uses":1},{"code":"new","uses":1}]"#,
    );
    // Join 1 cannot have used `new`, so it used `aaa`, so join 2 used `new`.
    assert_eq!(t.settle(10_200), ["1: invite aaa", "2: invite new by 77"]);
}

#[test]
fn fewer_uses_than_joins_is_unknown_not_ambiguous() {
    let mut t = T::new();
    t.snap(
        G,
        0,
        100,
        r#"[{"code":"aaa","uses":0},{"code":"bbb","uses":0}]"#,
    );
    for user in 1..=3 {
        t.join(G, user, 1_000 * user + 500);
    }
    t.snap(
        G,
        9_000,
        9_100,
        r#"[{"code":"aaa","uses":1},{"code":"bbb","uses":1}]"#,
    );
    assert_eq!(
        t.settle(10_200),
        [
            "1: unknown no_use_seen",
            "2: unknown no_use_seen",
            "3: unknown no_use_seen"
        ]
    );
    // A join the timing pins down is still attributed.
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 1_500);
    t.join(G, 2, 2_000);
    t.tracker.invite_create(&create(G, "new", 0), at(2_500));
    t.join(G, 3, 3_000);
    t.snap(
        G,
        9_000,
        9_100,
        r#"[{"code":"aaa","uses":1},{"code":"new","uses":1}]"#,
    );
    assert_eq!(
        t.settle(10_200),
        [
            "1: unknown no_use_seen",
            "2: unknown no_use_seen",
            "3: invite new by 77"
        ]
    );
}

#[test]
fn a_vanished_invite_counts_only_if_it_was_one_use_short() {
    let mut t = T::new();
    let before = r#"[
        {"code":"last","uses":4,"max_uses":5},
        {"code":"spare","uses":1,"max_uses":5},
        {"code":"expired","uses":0,"max_uses":1,"expires_at":"2026-01-01T00:00:05Z"},
        {"code":"open","uses":9,"max_uses":0}
    ]"#;
    t.snap(G, 0, 100, before);
    t.join(G, 1, 1_000);
    t.snap(
        G,
        120_000,
        120_100,
        r#"[{"code":"open","uses":9,"max_uses":0}]"#,
    );
    // Only `last` was used: `spare` was deleted with uses to spare, `expired` expired (no delete
    // event is sent for that).
    assert_eq!(t.settle(121_200), ["1: invite last"]);
}

#[test]
fn a_vanished_invite_that_may_have_expired_is_not_counted() {
    let mut t = T::new();
    // Expires 30 s after the snapshot that finds it gone: within the default 60 s clock skew.
    t.snap(
        G,
        0,
        100,
        r#"[{"code":"soon","uses":0,"max_uses":1,"expires_at":"2026-01-01T00:00:50Z"}]"#,
    );
    t.join(G, 1, 1_500);
    t.snap(G, 20_000, 20_100, "[]");
    assert_eq!(t.settle(21_200), ["1: unknown no_use_seen"]);
}

#[test]
fn an_invite_created_after_the_snapshot_counts_from_zero() {
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":3}]"#);
    t.tracker.invite_create(&create(G, "fresh", 0), at(500));
    t.join(G, 1, 1_000);
    t.join(G, 2, 1_500);
    t.snap(
        G,
        9_000,
        9_100,
        r#"[{"code":"aaa","uses":3},{"code":"fresh","uses":2}]"#,
    );
    assert_eq!(
        t.settle(10_200),
        ["1: invite fresh by 77", "2: invite fresh by 77"]
    );
    // Without the event, the code counts from zero all the same.
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":3}]"#);
    t.join(G, 1, 1_000);
    t.snap(
        G,
        9_000,
        9_100,
        r#"[{"code":"aaa","uses":3},{"code":"fresh","uses":1}]"#,
    );
    assert_eq!(t.settle(10_200), ["1: invite fresh"]);
}

#[test]
fn a_single_use_invite_created_and_used_between_snapshots() {
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":3}]"#);
    t.tracker.invite_create(&create(G, "once", 1), at(1_200));
    t.join(G, 1, 1_500);
    t.snap(G, 9_000, 9_100, r#"[{"code":"aaa","uses":3}]"#);
    assert_eq!(t.settle(10_200), ["1: invite once by 77"]);
    // Its event came within the lag of the baseline: the invite may have been created and
    // used up before the baseline was taken (by a join also within the lag), so its use is
    // not counted in this interval.
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":3}]"#);
    t.tracker.invite_create(&create(G, "once", 1), at(500));
    t.join(G, 1, 1_000);
    t.snap(G, 9_000, 9_100, r#"[{"code":"aaa","uses":3}]"#);
    assert_eq!(t.settle(10_200), ["1: unknown no_baseline"]);
}

#[test]
fn the_vanity_counts_as_a_code() {
    let mut t = T::new();
    t.snap_vanity(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#, ("cool", 10));
    t.join(G, 1, 1_500);
    t.join(G, 2, 2_000);
    t.snap_vanity(
        G,
        9_000,
        9_100,
        r#"[{"code":"aaa","uses":0}]"#,
        ("cool", 12),
    );
    assert_eq!(t.settle(10_200), ["1: vanity cool", "2: vanity cool"]);
    // A failed vanity fetch leaves its uses unknown.
    let mut t = T::new();
    t.snap_vanity(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#, ("cool", 10));
    t.join(G, 1, 1_500);
    let invites = list(r#"[{"code":"aaa","uses":0}]"#);
    let s =
        Snapshot::new(at(9_000), at(9_100), &invites).with_vanity_failed(FetchFailed::status(500));
    t.tracker.snapshot(G, &s).unwrap();
    assert_eq!(t.settle(10_200), ["1: unknown vanity_unavailable"]);
}

#[test]
fn bots_are_oauth_at_once_and_use_nothing() {
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.tracker.member_add(&member(G, 5, true), at(1_000));
    assert_eq!(t.answers(), ["5: oauth"]);
    assert_eq!(
        t.tracker.poll_refresh(at(5_000)),
        None,
        "a bot needs no snapshot"
    );
    t.join(G, 1, 2_000);
    t.snap(G, 9_000, 9_100, r#"[{"code":"aaa","uses":1}]"#);
    assert_eq!(t.settle(10_200), ["1: invite aaa"]);
}

#[test]
fn without_a_baseline_a_join_is_unknown_and_a_baseline_is_asked_for() {
    let mut t = T::new();
    t.join(G, 1, 1_000);
    assert_eq!(
        t.tracker.poll_refresh(at(1_000)),
        Some(Refresh { guild_id: G })
    );
    // A join while the baseline is on its way may or may not be counted in it.
    t.join(G, 2, 1_500);
    t.snap(G, 1_200, 2_000, r#"[{"code":"aaa","uses":0}]"#);
    // 1 came before the request: surely before the baseline.
    assert_eq!(t.settle(3_100), ["1: unknown no_baseline"]);
    t.join(G, 3, 5_000);
    t.snap(G, 9_000, 9_100, r#"[{"code":"aaa","uses":1}]"#);
    // 2 may be before the baseline; 3 is after it: one use for two joins.
    assert_eq!(
        t.settle(10_200),
        ["2: unknown no_baseline", "3: unknown no_use_seen"]
    );
}

#[test]
fn watching_a_guild_asks_for_a_baseline() {
    let mut t = T::new();
    t.tracker.watch_guild(G, at(0));
    let refresh = t.tracker.poll_refresh(at(0)).unwrap();
    assert_eq!(refresh.guild_id, G);
    assert_eq!(
        refresh.vanity().request().route.to_string(),
        "/guilds/100/vanity-url"
    );
    assert_eq!(t.tracker.poll_refresh(at(0)), None, "asked once");
    t.snap(G, 0, 100, "[]");
    t.join(G, 1, 5_000);
    assert_eq!(
        t.tracker.poll_refresh(at(5_000)),
        Some(Refresh { guild_id: G })
    );
}

#[test]
fn a_list_without_uses_is_detected() {
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa"},{"code":"bbb"}]"#);
    t.join(G, 1, 1_500);
    t.snap(G, 9_000, 9_100, r#"[{"code":"aaa"},{"code":"bbb"}]"#);
    assert_eq!(t.settle(10_200), ["1: unknown uses_missing"]);
}

#[test]
fn failed_fetches_are_retried_then_given_up() {
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 1_500);
    assert!(t.tracker.poll_refresh(at(1_500)).is_some());
    let fail = |t: &mut T, ms: u64, status: u16| {
        let s = Snapshot::failed(at(ms), at(ms + 50), FetchFailed::status(status));
        t.tracker.snapshot(G, &s).unwrap();
    };
    fail(&mut t, 1_500, 500);
    // Asked again after the lag and the backoff (1 s).
    assert_eq!(t.tracker.poll_refresh(at(2_500)), None);
    assert!(t.tracker.poll_refresh(at(2_600)).is_some());
    fail(&mut t, 2_600, 502);
    assert_eq!(t.tracker.poll_refresh(at(4_600)), None, "2 s backoff now");
    assert!(t.tracker.poll_refresh(at(4_700)).is_some());
    fail(&mut t, 4_700, 429);
    assert_eq!(t.answers(), ["1: unknown fetch_failed"]);
    // The baseline is gone: the next join has none, and a new one is asked for.
    t.join(G, 2, 6_000);
    assert!(t.tracker.poll_refresh(at(6_000)).is_some());
    t.snap(G, 7_000, 7_100, r#"[{"code":"aaa","uses":1}]"#);
    assert_eq!(t.settle(8_200), ["2: unknown fetch_failed"]);
    // A 403 gives up at once.
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 1_500);
    fail(&mut t, 2_000, 403);
    assert_eq!(t.answers(), ["1: unknown fetch_failed"]);
}

#[test]
fn a_join_received_while_the_snapshot_was_on_its_way_may_or_may_not_be_counted() {
    // 1 joined without an invite before the request; 2 used `aaa` while the request was on
    // its way, and the API counted it. Naively, 1 would be `aaa`.
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 1_500);
    t.join(G, 2, 2_050);
    t.snap(G, 2_000, 2_100, r#"[{"code":"aaa","uses":1}]"#);
    assert!(t.settle(3_200).is_empty(), "2 may lie after it: wait");
    t.snap(G, 3_300, 3_400, r#"[{"code":"aaa","uses":1}]"#);
    assert_eq!(
        t.settle(4_500),
        ["1: unknown no_use_seen", "2: unknown no_use_seen"]
    );
    // The same race, with the gateway late: 2 arrives just after the answer, within the lag.
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 1_500);
    t.snap(G, 2_000, 2_100, r#"[{"code":"aaa","uses":1}]"#);
    t.join(G, 2, 2_600);
    t.snap(G, 3_300, 3_400, r#"[{"code":"aaa","uses":1}]"#);
    assert_eq!(
        t.settle(4_500),
        ["1: unknown no_use_seen", "2: unknown no_use_seen"]
    );
    // Had the next snapshot shown a use, both would be pinned down: each interval one use.
    let mut t = T::new();
    t.snap(
        G,
        0,
        100,
        r#"[{"code":"aaa","uses":0},{"code":"bbb","uses":0}]"#,
    );
    t.join(G, 1, 1_500);
    t.snap(
        G,
        2_000,
        2_100,
        r#"[{"code":"aaa","uses":1},{"code":"bbb","uses":0}]"#,
    );
    t.join(G, 2, 2_600);
    t.snap(
        G,
        3_300,
        3_400,
        r#"[{"code":"aaa","uses":1},{"code":"bbb","uses":1}]"#,
    );
    assert_eq!(t.settle(4_500), ["1: invite aaa", "2: invite bbb"]);
}

#[test]
fn one_snapshot_settles_every_pending_join_and_refreshes_are_paced() {
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    // Within the lag of the baseline: no refresh yet.
    t.join(G, 1, 500);
    assert_eq!(t.tracker.poll_refresh(at(500)), None);
    assert_eq!(
        t.tracker.poll_timeout(),
        Some(
            at(1_100)
                .0
                .checked_add(time::Duration::NANOSECOND)
                .map(Timestamp)
                .unwrap()
        )
    );
    assert!(t.tracker.poll_refresh(at(1_101)).is_some());
    for user in 2..=20 {
        t.join(G, user, 1_200 + user);
        assert_eq!(
            t.tracker.poll_refresh(at(1_200 + user)),
            None,
            "one refresh for all"
        );
    }
    t.snap(G, 1_101, 1_300, r#"[{"code":"aaa","uses":20}]"#);
    let answers = t.settle(2_400);
    assert_eq!(answers.len(), 20);
    assert!(
        answers.iter().all(|a| a.ends_with("invite aaa")),
        "{answers:?}"
    );
    // An unanswered refresh is asked again after the timeout.
    t.join(G, 21, 3_000);
    assert!(t.tracker.poll_refresh(at(3_000)).is_some());
    assert_eq!(t.tracker.poll_refresh(at(200_000)), None);
    assert!(t.tracker.poll_refresh(at(303_001)).is_some());
}

#[test]
fn several_guilds_at_once() {
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.snap(
        H,
        0,
        100,
        r#"[{"code":"aaa","uses":0},{"code":"hhh","uses":0}]"#,
    );
    t.join(G, 1, 1_000);
    t.join(H, 2, 1_100);
    let mut asked = vec![t.tracker.poll_refresh(at(1_200)).unwrap().guild_id];
    asked.push(t.tracker.poll_refresh(at(1_200)).unwrap().guild_id);
    asked.sort();
    assert_eq!(asked, [G, H]);
    t.snap(G, 1_200, 1_300, r#"[{"code":"aaa","uses":1}]"#);
    t.snap(
        H,
        1_200,
        1_300,
        r#"[{"code":"aaa","uses":0},{"code":"hhh","uses":1}]"#,
    );
    assert_eq!(t.settle(2_400), ["1: invite aaa", "2: invite hhh"]);
    assert_eq!(t.tracker.stats().guilds, 2);
}

#[test]
fn a_join_long_after_an_invite_delete_did_not_use_it() {
    let mut t = T::new();
    t.snap(
        G,
        0,
        100,
        r#"[{"code":"aaa","uses":0,"max_uses":1},{"code":"bbb","uses":0,"max_uses":1}]"#,
    );
    t.join(G, 1, 1_000);
    let delete: InviteDelete<'_> =
        serde_json::from_str(r#"{"guild_id":"100","code":"aaa","channel_id":"1"}"#).unwrap();
    t.tracker.invite_delete(&delete, at(1_100));
    t.join(G, 2, 5_000);
    t.snap(G, 9_000, 9_100, "[]");
    // Both vanished one short; 2 came 3.9 s after `aaa` was deleted (lag 1 s).
    assert_eq!(t.settle(10_200), ["1: invite aaa", "2: invite bbb"]);
}

#[test]
fn more_uses_than_joins_is_inconsistent() {
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 1_500);
    t.snap(G, 9_000, 9_100, r#"[{"code":"aaa","uses":3}]"#);
    assert_eq!(t.settle(10_200), ["1: unknown inconsistent"]);
    // Also when the timing leaves a use to nobody.
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 1_500);
    t.tracker.invite_create(&create(G, "late", 0), at(2_000));
    t.snap(
        G,
        9_000,
        9_100,
        r#"[{"code":"aaa","uses":0},{"code":"late","uses":1}]"#,
    );
    assert_eq!(t.settle(10_200), ["1: unknown inconsistent"]);
}

#[test]
fn snapshots_out_of_order_are_refused() {
    let mut t = T::new();
    t.snap(G, 0, 1_000, "[]");
    let invites = list("[]");
    assert_eq!(
        t.tracker
            .snapshot(G, &Snapshot::new(at(900), at(2_000), &invites)),
        Err(SnapshotError::Overlaps {
            previous_received_at: at(1_000)
        })
    );
    assert_eq!(
        t.tracker
            .snapshot(G, &Snapshot::new(at(3_000), at(2_000), &invites)),
        Err(SnapshotError::ReceivedBeforeRequested)
    );
}

#[test]
fn reset_drops_what_is_pending_and_the_baselines() {
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 1_000);
    t.tracker.reset(at(2_000));
    assert_eq!(t.answers(), ["1: unknown reset"]);
    // 2 waits for a new baseline.
    t.join(G, 2, 3_000);
    assert!(t.answers().is_empty());
    // A late answer to a request sent before the reset becomes the baseline (2 may lie before
    // it), but the uses of the joins decided by the reset are not trusted after it.
    t.snap(G, 500, 3_500, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 3, 5_000);
    t.snap(G, 9_000, 9_100, r#"[{"code":"aaa","uses":1}]"#);
    assert_eq!(t.settle(10_200), ["2: unknown reset", "3: unknown reset"]);
}

#[test]
fn guests_are_left_out() {
    let mut t = T::new();
    t.snap(
        G,
        0,
        100,
        r#"[{"code":"aaa","uses":0},{"code":"guest","uses":0,"flags":1}]"#,
    );
    let guest: MemberAdd<'_> =
        serde_json::from_str(r#"{"guild_id":"100","joined_at":null,"flags":16,"user":{"id":"8"}}"#)
            .unwrap();
    t.tracker.member_add(&guest, at(1_000));
    assert_eq!(t.answers(), ["8: unknown guest"]);
    t.join(G, 1, 1_100);
    t.snap(
        G,
        9_000,
        9_100,
        r#"[{"code":"aaa","uses":1},{"code":"guest","uses":1,"flags":1}]"#,
    );
    assert_eq!(t.settle(10_200), ["1: invite aaa"]);
}

#[test]
fn a_join_that_may_lie_in_two_intervals_is_settled_by_both() {
    let mut t = T::new();
    t.snap(
        G,
        0,
        100,
        r#"[{"code":"aaa","uses":0},{"code":"bbb","uses":0}]"#,
    );
    t.join(G, 1, 1_500);
    t.join(G, 2, 1_600);
    t.snap(
        G,
        2_000,
        2_100,
        r#"[{"code":"aaa","uses":2},{"code":"bbb","uses":0}]"#,
    );
    // 3 arrives within the lag: it may be one of the two uses of `aaa`, and then 1 or 2 used
    // nothing.
    t.join(G, 3, 2_500);
    assert!(t.settle(3_200).is_empty());
    // The next snapshot shows one more use, which only 3 can have made: so 1 and 2 made the
    // two uses of `aaa`.
    t.snap(
        G,
        3_300,
        3_400,
        r#"[{"code":"aaa","uses":2},{"code":"bbb","uses":1}]"#,
    );
    assert_eq!(
        t.settle(4_500),
        ["1: invite aaa", "2: invite aaa", "3: invite bbb"]
    );
}

#[test]
fn early_single_answers_while_a_neighbour_may_still_change() {
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 1_500);
    t.join(G, 2, 2_050);
    t.snap(G, 2_000, 2_100, r#"[{"code":"aaa","uses":2}]"#);
    // Two uses, and only 1 and 2 may make them: both `aaa` now, although 2 may lie in the
    // next (open) interval as far as timing goes.
    assert_eq!(t.settle(3_200), ["1: invite aaa", "2: invite aaa"]);
    // They stay, reported, until the next snapshot settles the interval 2 may lie in.
    assert_eq!(t.tracker.stats().pending, 2);
    assert!(t.tracker.poll_refresh(at(3_200)).is_some());
    t.snap(G, 3_200, 3_300, r#"[{"code":"aaa","uses":2}]"#);
    assert!(t.settle(4_400).is_empty(), "reported once");
    assert_eq!(t.tracker.stats().pending, 0);
}

#[test]
fn finish_decides_the_rest() {
    let mut t = T::new();
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 1_500);
    t.snap(G, 2_000, 2_100, r#"[{"code":"aaa","uses":1}]"#);
    t.join(G, 2, 2_500);
    // 1 lies in the first interval, closed at 3.1 s; 2 may lie in the next, still open.
    t.tracker.finish(at(3_200));
    assert_eq!(
        t.answers(),
        ["1: unknown no_use_seen", "2: unknown unsettled"]
    );
    assert_eq!(t.tracker.stats().pending, 0);
    // Fed again afterwards, joins decided by `finish` are not taken for the next uses.
    t.join(G, 3, 5_000);
    t.snap(G, 6_000, 6_100, r#"[{"code":"aaa","uses":2}]"#);
    assert_eq!(t.settle(7_200), ["3: unknown unsettled"]);
}

#[test]
fn limits_bound_memory() {
    let mut t = T::with(
        TrackerConfig::new()
            .event_lag(Duration::from_secs(1))
            .max_pending_per_guild(2)
            .max_guilds(1)
            .max_queued(3),
    );
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 1_500);
    t.join(G, 2, 1_600);
    t.join(G, 3, 1_700);
    assert_eq!(t.answers(), ["3: unknown overloaded"]);
    // 3's use may be in the next snapshot: that interval is not trusted.
    t.snap(G, 2_000, 2_100, r#"[{"code":"aaa","uses":3}]"#);
    assert_eq!(
        t.settle(3_200),
        ["1: unknown overloaded", "2: unknown overloaded"]
    );
    // A second guild does not fit.
    t.join(H, 9, 4_000);
    assert_eq!(t.answers(), ["9: unknown too_many_guilds"]);
    let invites = list("[]");
    assert_eq!(
        t.tracker
            .snapshot(H, &Snapshot::new(at(4_000), at(4_100), &invites)),
        Err(SnapshotError::TooManyGuilds)
    );
    // The queue keeps the newest `max_queued`.
    for user in 10..15 {
        t.tracker.member_add(&member(G, user, true), at(5_000));
    }
    assert_eq!(t.tracker.stats().queued, 3);
    assert_eq!(t.tracker.stats().dropped, 2);
    assert_eq!(t.answers(), ["12: oauth", "13: oauth", "14: oauth"]);
    // Too many invites in one guild.
    let mut t = T::with(TrackerConfig::new().max_invites_per_guild(1));
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 1, 1_500);
    t.snap(
        G,
        5_000,
        5_100,
        r#"[{"code":"aaa","uses":1},{"code":"bbb","uses":0}]"#,
    );
    assert_eq!(t.answers(), ["1: unknown invite_limit"]);
    assert_eq!(t.tracker.stats().invites, 0);
}

#[test]
fn long_chains_of_intervals_are_cut() {
    let mut t = T::with(
        TrackerConfig::new()
            .event_lag(Duration::from_secs(1))
            .max_intervals(2),
    );
    t.snap(G, 0, 100, r#"[{"code":"aaa","uses":0}]"#);
    // Each join arrives within the lag of a snapshot, chaining the intervals.
    t.join(G, 1, 150);
    t.snap(G, 200, 300, r#"[{"code":"aaa","uses":0}]"#);
    t.join(G, 2, 350);
    t.snap(G, 400, 500, r#"[{"code":"aaa","uses":0}]"#);
    assert_eq!(
        t.answers(),
        ["1: unknown overloaded", "2: unknown overloaded"]
    );
    assert_eq!(t.tracker.stats().intervals, 0);
}
