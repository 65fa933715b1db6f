//! Allocation counting: the measuring half of the counting-allocator binaries.
//!
//! A binary installs `stats_alloc`'s instrumented system allocator as its global allocator and
//! passes it here; [`rows`] then parses every payload with every library and reports how many
//! heap allocations each parse made (the parsed value is dropped after counting).

use std::alloc::System;
use std::fmt;
use std::hint::black_box;

use stats_alloc::{Region, StatsAlloc};

use crate::payloads;

/// One measurement: what was done, by which library, how many allocations and bytes it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The payload or operation (`metadata_invite`, ...).
    pub payload: &'static str,
    /// The library and mode (`invite-model borrowed`, `twilight-model`, ...).
    pub library: &'static str,
    /// How many invites (or operations) the payload holds.
    pub items: usize,
    /// Allocations made.
    pub allocations: usize,
    /// Bytes allocated.
    pub bytes: usize,
}

impl Row {
    /// Allocations per invite (or operation).
    pub fn per_item(&self) -> f64 {
        self.allocations as f64 / self.items.max(1) as f64
    }
}

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "| {} | {} | {} | {} | {:.2} | {} |",
            self.payload,
            self.library,
            self.items,
            self.allocations,
            self.per_item(),
            self.bytes
        )
    }
}

/// The table header matching [`Row`]'s `Display`.
pub const HEADER: &str = "| payload | library | items | allocations | per item | bytes |\n| --- | --- | ---: | ---: | ---: | ---: |";

/// Runs `f` and counts the allocations it makes (its result is dropped afterwards, uncounted).
pub fn count<T>(global: &StatsAlloc<System>, f: impl FnOnce() -> T) -> (T, usize, usize) {
    let region = Region::new(global);
    let value = black_box(f());
    let change = region.change();
    (value, change.allocations, change.bytes_allocated)
}

/// Counts one parse of `bytes` by each library; panics if a library fails to parse them (every
/// benchmarked payload must parse everywhere).
fn parse_rows(
    global: &StatsAlloc<System>,
    payload: &'static str,
    bytes: &[u8],
    items: usize,
    list: bool,
) -> Vec<Row> {
    use invite_model::Invite;
    use twilight_model::guild::invite::Invite as TwilightInvite;

    let row = |library, (ok, allocations, bytes): (bool, usize, usize)| {
        assert!(ok, "{library} failed to parse {payload}");
        Row {
            payload,
            library,
            items,
            allocations,
            bytes,
        }
    };
    if list {
        vec![
            row(
                "invite-model borrowed",
                count(global, || {
                    serde_json::from_slice::<Vec<Invite<'_>>>(bytes).is_ok()
                }),
            ),
            row(
                "invite-model owned",
                count(global, || {
                    serde_json::from_slice::<Vec<Invite<'_>>>(bytes)
                        .map(|v| v.into_iter().map(Invite::into_owned).collect::<Vec<_>>())
                        .is_ok()
                }),
            ),
            row(
                "twilight-model",
                count(global, || {
                    serde_json::from_slice::<Vec<TwilightInvite>>(bytes).is_ok()
                }),
            ),
            row(
                "serde_json::Value",
                count(global, || {
                    serde_json::from_slice::<serde_json::Value>(bytes).is_ok()
                }),
            ),
        ]
    } else {
        vec![
            row(
                "invite-model borrowed",
                count(global, || {
                    serde_json::from_slice::<Invite<'_>>(bytes).is_ok()
                }),
            ),
            row(
                "invite-model owned",
                count(global, || {
                    serde_json::from_slice::<Invite<'_>>(bytes)
                        .map(Invite::into_owned)
                        .is_ok()
                }),
            ),
            row(
                "twilight-model",
                count(global, || {
                    serde_json::from_slice::<TwilightInvite>(bytes).is_ok()
                }),
            ),
            row(
                "serde_json::Value",
                count(global, || {
                    serde_json::from_slice::<serde_json::Value>(bytes).is_ok()
                }),
            ),
        ]
    }
}

/// Every allocation measurement, in table order.
pub fn rows(global: &StatsAlloc<System>) -> Vec<Row> {
    let mut out = Vec::new();
    for (name, bytes, items) in payloads::all() {
        out.extend(parse_rows(global, name, &bytes, items, items > 1));
    }
    out
}

/// Prints the table of [`rows`] and checks the targets: at most one allocation per invite when
/// `invite-model` borrows from an escape-free payload. Returns the violations (empty when met).
pub fn report(global: &StatsAlloc<System>) -> Vec<String> {
    let rows = rows(global);
    println!("{HEADER}");
    for row in &rows {
        println!("{row}");
    }
    targets(&rows)
}

/// The allocation targets checked against `rows`.
pub fn targets(rows: &[Row]) -> Vec<String> {
    let mut missed = Vec::new();
    for row in rows {
        if row.library == "invite-model borrowed" && row.per_item() > 1.0 {
            missed.push(format!(
                "{} allocates {:.2} times per invite (target: at most 1)",
                row.payload,
                row.per_item()
            ));
        }
    }
    missed
}
