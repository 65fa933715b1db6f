//! The allocation targets, checked by `cargo test` with a counting global allocator: at most one
//! allocation per invite (one more per boxed sub-object, the guild included, plus two per call)
//! when `invite-model`
//! borrows from an escape-free payload, none for `parse_permissions` and for rendering the OAuth2
//! URL into `heapless`.
//!
//! A `harness = false` test: no test harness thread allocates while it counts.

use std::alloc::System;

use benches::allocs::{Row, rows, targets};
use stats_alloc::{INSTRUMENTED_SYSTEM, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn find<'r>(rows: &'r [Row], payload: &str, library: &str) -> &'r Row {
    rows.iter()
        .find(|r| r.payload == payload && r.library == library)
        .unwrap_or_else(|| panic!("no row for {payload} / {library}"))
}

fn main() {
    let rows = rows(GLOBAL);
    assert_eq!(targets(&rows), Vec::<String>::new());
    // The boxed guild, and a list's own buffer.
    assert_eq!(
        find(&rows, "metadata_invite", "invite-model borrowed").allocations,
        1
    );
    assert_eq!(
        find(&rows, "invite_list_100", "invite-model borrowed").allocations,
        101
    );
    assert_eq!(
        find(&rows, "parse_permissions_10_names", "invite-perms").allocations,
        0
    );
    assert_eq!(
        find(&rows, "oauth2_url", "heapless::String<256>").allocations,
        0
    );
    // The measurement is real: the baselines do allocate.
    assert!(find(&rows, "metadata_invite", "twilight-model").allocations > 0);
    assert_eq!(
        find(&rows, "parse_permissions_10_names", "hashmap baseline").allocations,
        10
    );

    // And the check catches a miss.
    let mut worse = rows.clone();
    for r in &mut worse {
        r.allocations += 4;
    }
    assert_eq!(targets(&worse).len(), 4, "{:?}", targets(&worse));
    println!("allocation targets: 1 passed, 0 failed");
}
