//! Counts heap allocations while parsing invites: the channel and inviter are inline, the guild is
//! one box, and strings borrow from the input, so a typical guild invite costs one allocation,
//! one more per non-empty array; each rare sub-object present (target user or application, ...)
//! costs one more.
//!
//! A single test in its own binary, so that no other test allocates while it measures.

use std::alloc::System;

use invite_model::Invite;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const METADATA: &[u8] = include_bytes!("fixtures/discord_invite_with_metadata.json");
const TARGET_APP: &[u8] = include_bytes!("fixtures/discord_get_invite_target_application.json");
const ESCAPED: &[u8] = include_bytes!("fixtures/escaped_strings.json");
const FLUXER: &[u8] = include_bytes!("fixtures/fluxer_guild_invite.json");

/// Parses `bytes` and returns the result with the number of allocations it took.
fn allocations_of(bytes: &[u8]) -> (Result<Invite<'_>, serde_json::Error>, usize) {
    let region = Region::new(GLOBAL);
    let parsed = serde_json::from_slice::<Invite<'_>>(bytes);
    let allocations = region.change().allocations;
    (parsed, allocations)
}

#[test]
fn parsing_allocates_at_most_once_per_invite() {
    // Seed 004's invite with metadata: every string is escape-free and `features` is empty, so
    // the boxed guild is the one allocation.
    let (invite, n) = allocations_of(METADATA);
    let invite = invite.unwrap();
    assert_eq!(n, 1, "metadata invite allocated {n} times");
    assert_eq!(invite.code, "jvuBeT38");
    assert!(invite.code.is_borrowed());
    let guild = invite.guild.as_ref().unwrap();
    assert!(guild.name.is_borrowed());
    assert!(
        guild
            .description
            .as_ref()
            .is_some_and(invite_model::CowStr::is_borrowed)
    );
    assert_eq!(invite.uses, Some(0));

    // Fluxer guild invite: the guild, and its non-empty `features` array.
    let (invite, n) = allocations_of(FLUXER);
    let invite = invite.unwrap();
    assert!(n <= 2, "fluxer invite allocated {n} times");
    assert_eq!(invite.guild.map(|g| g.features.len()), Some(2));

    // Seed 004's target-application invite: the guild, the boxed `target_application` (boxed
    // since the list-memory fix: inline, its 568 bytes were in every invite of a list), the
    // `tags` array, plus serde_json's scratch buffer for skipping the nested unknown
    // `embedded_activity_config` object.
    let (invite, n) = allocations_of(TARGET_APP);
    let invite = invite.unwrap();
    assert!(n <= 4, "target application invite allocated {n} times");
    assert_eq!(
        invite
            .target_application
            .and_then(|a| a.tags)
            .map(|t| t.len()),
        Some(2)
    );

    // Escaped strings still parse (each one is copied into its own buffer).
    let (invite, n) = allocations_of(ESCAPED);
    let invite = invite.unwrap();
    let guild = invite.guild.as_ref().unwrap();
    assert_eq!(guild.name, "Café \"Quotes\"");
    assert!(!guild.name.is_borrowed());
    assert_eq!(
        guild.description.as_deref(),
        Some("Line one\nLine two\t\\ end 👽")
    );
    assert!(n >= 1, "escaped strings must be owned");
    assert!(n <= 13, "escaped invite allocated {n} times");
}
