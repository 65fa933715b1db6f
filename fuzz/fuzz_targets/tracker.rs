//! The invite tracker fed arbitrary sequences of joins, invite events, frames and snapshots
//! (consistent or not, times forwards and backwards) never panics; what it holds stays within
//! its limits; every join is answered exactly once (by `finish` at the latest); and every code
//! it answers with is one it was shown.
#![no_main]

use std::collections::{BTreeMap, BTreeSet};

use invite_model::endpoint::VanityUrl;
use invite_model::event::{GatewayEvent, GatewayFrame, InviteCreate, InviteDelete, MemberAdd};
use invite_model::tracker::{FetchFailed, JoinSource, Snapshot, Tracker};
use invite_model::{CowStr, GuildInviteFlags, Invite, MemberFlags, Snowflake, Timestamp};
use invites_fuzz::{TrackerOp, tracker_script};
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

const BASE: u64 = 1_767_225_600_000;

fuzz_target!(|data: &[u8]| {
    let Ok((config, ops)) = tracker_script(&mut Unstructured::new(data)) else {
        return;
    };
    let limits = config.clone();
    let mut tracker = Tracker::with_config(config);
    let mut now = 0u64;
    let mut shown: BTreeSet<String> = BTreeSet::new();
    let mut joined: BTreeSet<u64> = BTreeSet::new();
    let mut answered: BTreeMap<u64, usize> = BTreeMap::new();
    let mut frame_users = 0u64;
    let t = |ms: u64| Timestamp::from_unix_millis(BASE + ms);
    for (step, op) in ops {
        // Mostly forwards; a zero step sometimes goes back (the tracker raises such times).
        now = if step == 0 {
            now.saturating_sub(500)
        } else {
            now + step
        };
        let at = t(now);
        match op {
            TrackerOp::Join {
                guild,
                user,
                bot,
                flags,
            } => {
                joined.insert(user);
                let mut member = MemberAdd::default();
                member.guild_id = Snowflake(guild);
                member.user.id = Snowflake(user);
                member.user.bot = Some(bot);
                member.flags = Some(MemberFlags::from_bits_retain(flags));
                tracker.member_add(&member, at);
            }
            TrackerOp::Create {
                guild,
                code,
                max_uses,
                expires_in,
                guest,
            } => {
                shown.insert(code.clone());
                let mut event = InviteCreate::default();
                event.guild_id = guild.map(Snowflake);
                event.code = CowStr::from(code);
                event.uses = Some(0);
                event.max_uses = Some(max_uses);
                event.expires_at = expires_in.map(|e| t(now + e));
                event.flags = guest.then_some(GuildInviteFlags::IS_GUEST_INVITE);
                tracker.invite_create(&event, at);
            }
            TrackerOp::Delete { guild, code } => {
                let mut event = InviteDelete::default();
                event.guild_id = Some(Snowflake(guild));
                event.code = CowStr::from(code);
                tracker.invite_delete(&event, at);
            }
            TrackerOp::Snapshot {
                guild,
                sent_ago,
                invites,
                vanity,
            } => {
                let sent = t(now.saturating_sub(sent_ago));
                let list: Vec<Invite<'static>> = match &invites {
                    Ok(list) => list
                        .iter()
                        .map(|(code, uses, max_uses, expiry)| {
                            shown.insert(code.clone());
                            let mut invite = Invite::default();
                            invite.code = CowStr::from(code.clone());
                            invite.uses = *uses;
                            invite.max_uses = *max_uses;
                            invite.expires_at = expiry.map(t);
                            invite
                        })
                        .collect(),
                    Err(_) => Vec::new(),
                };
                let vanity_answer = match &vanity {
                    Some(Ok((code, uses))) => {
                        if let Some(c) = code {
                            shown.insert(c.clone());
                        }
                        Some(VanityUrl::new(code.as_deref(), *uses))
                    }
                    _ => None,
                };
                let mut s = match invites {
                    Ok(_) => Snapshot::new(sent, at, &list),
                    Err(status) => Snapshot::failed(sent, at, fetch_failed(status)),
                };
                match (&vanity, &vanity_answer) {
                    (_, Some(v)) => s = s.with_vanity(v),
                    (Some(Err(status)), _) => s = s.with_vanity_failed(fetch_failed(*status)),
                    _ => {}
                }
                let _ = tracker.snapshot(Snowflake(guild), &s);
            }
            TrackerOp::Frame(bytes) => {
                if let Ok(frame) = GatewayFrame::parse(&bytes) {
                    let mut event = frame.event;
                    match &mut event {
                        // A fresh user, so that each join is counted once.
                        GatewayEvent::MemberAdd(m) => {
                            frame_users += 1;
                            m.user.id = Snowflake(1 << 40 | frame_users);
                            joined.insert(m.user.id.get());
                        }
                        GatewayEvent::InviteCreate(e) => {
                            shown.insert(e.code.to_string());
                        }
                        _ => {}
                    }
                    tracker.event(&event, at);
                }
            }
            TrackerOp::Timeout => tracker.handle_timeout(at),
            TrackerOp::Refresh => {
                let _ = tracker.poll_refresh(at);
            }
            TrackerOp::Watch(g) => tracker.watch_guild(Snowflake(g), at),
            TrackerOp::Forget(g) => tracker.forget_guild(Snowflake(g), at),
            TrackerOp::Reset => tracker.reset(at),
            TrackerOp::Finish => tracker.finish(at),
        }
        let stats = tracker.stats();
        assert!(stats.guilds <= limits.max_guilds, "{stats:?}");
        assert!(stats.pending <= limits.max_pending, "{stats:?}");
        assert!(
            stats.pending <= stats.guilds * limits.max_pending_per_guild,
            "{stats:?}"
        );
        assert!(stats.invites <= limits.max_invites, "{stats:?}");
        assert!(
            stats.intervals <= stats.guilds * limits.max_intervals,
            "{stats:?}"
        );
        drain(&mut tracker, &shown, &mut answered);
    }
    tracker.finish(t(now + 1));
    drain(&mut tracker, &shown, &mut answered);
    assert_eq!(tracker.stats().pending, 0);
    for user in &joined {
        assert_eq!(answered.get(user), Some(&1), "user {user}: {answered:?}");
    }
});

fn drain(tracker: &mut Tracker, shown: &BTreeSet<String>, answered: &mut BTreeMap<u64, usize>) {
    while let Some(a) = tracker.poll_attribution() {
        *answered.entry(a.user_id.get()).or_default() += 1;
        let codes: Vec<&str> = match &a.source {
            JoinSource::Invite { code, .. } | JoinSource::Vanity { code } => vec![code.as_str()],
            JoinSource::Ambiguous { candidates } => {
                assert!(candidates.len() > 1, "{a:?}");
                candidates.iter().map(CowStr::as_str).collect()
            }
            _ => Vec::new(),
        };
        for code in codes {
            assert!(shown.contains(code), "answered with {code:?}, never shown");
        }
    }
}

/// The failure of a fetch answered with `status`, or of one with no answer.
fn fetch_failed(status: Option<u16>) -> FetchFailed {
    status.map_or(FetchFailed::transport(), FetchFailed::status)
}
