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

/// Every allocation measurement, in table order: each payload by each library, a list of 100
/// target-application invites (where the per-deserializer scratch buffer is amortized), the
/// permission parsers and the OAuth2 URL renderings.
pub fn rows(global: &StatsAlloc<System>) -> Vec<Row> {
    let mut out = Vec::new();
    for (name, bytes, items) in payloads::all() {
        out.extend(parse_rows(global, name, &bytes, items, items > 1));
    }
    let app_list = payloads::target_application_list(100);
    out.extend(parse_rows(
        global,
        "target_application_list_100",
        &app_list,
        100,
        true,
    ));

    let row = |payload, library, (ok, allocations, bytes): (bool, usize, usize)| {
        assert!(ok, "{library} failed on {payload}");
        Row {
            payload,
            library,
            items: 1,
            allocations,
            bytes,
        }
    };
    let list = crate::perms::AOIJS_LIST;
    let baseline = crate::perms::Baseline::new();
    out.push(row(
        "parse_permissions_10_names",
        "invite-perms",
        count(global, || invite_perms::parse_permissions(list).is_ok()),
    ));
    out.push(row(
        "parse_permissions_10_names",
        "hashmap baseline",
        count(global, || baseline.parse(list).is_some()),
    ));
    let url = crate::perms::authorize_url();
    out.push(row(
        "oauth2_url",
        URL_HEAPLESS,
        count(global, || url.to_heapless::<256>().is_ok()),
    ));
    out.push(row(
        "oauth2_url",
        "String",
        count(global, || url.to_url_string().is_ok()),
    ));
    out
}

/// Allocations allowed per deserialization call on top of those per invite.
pub const PER_CALL: usize = 2;

/// How many boxed sub-objects each invite of `payload` holds: the guild (every benchmarked invite
/// has one; boxed, so that its 376 bytes are not in every element of a list), and the
/// `target_application` of the target-application payloads (boxed for the same reason).
pub fn boxed_per_invite(payload: &str) -> usize {
    1 + usize::from(payload.starts_with("target_application"))
}

/// The library name of the heapless URL rendering row.
const URL_HEAPLESS: &str = "heapless::String<256>";

/// Prints the table of [`rows`] and checks the targets (see [`targets`]). Returns the violations
/// (empty when met).
pub fn report(global: &StatsAlloc<System>) -> Vec<String> {
    let rows = rows(global);
    println!("{HEADER}");
    for row in &rows {
        println!("{row}");
    }
    targets(&rows)
}

/// The allocation targets checked against `rows`: at most one allocation per invite (for
/// a non-empty array or an escaped string), one more per boxed sub-object
/// ([`boxed_per_invite`]), plus [`PER_CALL`] per call, when
/// `invite-model` borrows from an escape-free payload; and none for rendering the OAuth2 URL into
/// a `heapless::String`.
pub fn targets(rows: &[Row]) -> Vec<String> {
    let mut missed = Vec::new();
    for row in rows {
        if row.library == URL_HEAPLESS && row.allocations > 0 {
            missed.push(format!(
                "rendering the OAuth2 URL into heapless allocated {} times (target: 0)",
                row.allocations
            ));
        }
        // One allocation per invite and one per boxed sub-object it holds, plus at most two per
        // call that do not grow with the number of invites: a list's own buffer, and
        // serde_json's scratch buffer, which it allocates (once per deserializer) to skip nested
        // unknown objects such as `embedded_activity_config`.
        let per_invite = 1 + boxed_per_invite(row.payload);
        if row.library == "invite-model borrowed"
            && row.allocations > per_invite * row.items + PER_CALL
        {
            missed.push(format!(
                "{} allocates {} times for {} invite(s) (target: at most {per_invite} per invite plus {PER_CALL})",
                row.payload, row.allocations, row.items
            ));
        }
    }
    missed
}
