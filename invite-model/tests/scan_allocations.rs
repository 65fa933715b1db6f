//! The invite-link scanner allocates nothing: scanning a long text full of links, near-misses and
//! other scripts, with extra hosts, counts zero heap allocations.
//!
//! A single test in its own binary, so that no other test allocates while it measures.

use std::alloc::System;
use std::fmt::Write as _;

use invite_model::{ExtraHost, InvitePath, Platform, ScanOptions, scan_invite_links};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

#[test]
fn scanning_allocates_nothing() {
    let mut text = String::new();
    for n in 0..2_000 {
        let _ = write!(
            text,
            "参加 (https://discord.gg/abc{n}?event={n}) <fluxer.gg/x{n}> notdiscord.gg/no{n} \
             discord.com/channels/1/{n} **web.fluxer.app/#/invite/h{n}** chat.example.org/invite/c{n}. "
        );
    }
    let hosts = [ExtraHost::new(Platform::Fluxer, "chat.example.org", InvitePath::Invite).unwrap()];
    let options = ScanOptions::new().extra_hosts(&hosts);

    let region = Region::new(GLOBAL);
    let mut count = 0usize;
    let mut events = 0u64;
    for link in scan_invite_links(&text) {
        count += 1;
        events += link.event_id.map_or(0, |e| e.0);
    }
    let mut extra = 0usize;
    for link in options.scan(&text) {
        extra += usize::from(link.code.as_str().starts_with('c'));
    }
    let stats = region.change();

    assert_eq!(stats.allocations, 0, "{stats:?}");
    assert_eq!(count, 3 * 2_000);
    assert_eq!(events, (0..2_000).sum::<u64>());
    assert_eq!(extra, 2_000);
}
