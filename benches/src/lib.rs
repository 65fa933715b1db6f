//! Shared payloads and measuring helpers for the benchmarks of the `invites` workspace
//! (`cargo bench -p benches`), which compare `invite-model` with `twilight-model` 0.18 and
//! `serde_json::Value` on the same bytes.
//!
//! Not published. The benchmarks themselves are in `benches/`; the allocation counts are printed
//! by `cargo run --release -p benches --bin allocs` (and by the `allocations` bench).
//!
//! ```
//! let list = benches::payloads::invite_list(3);
//! let invites: Vec<invite_model::Invite<'_>> = serde_json::from_slice(&list).unwrap();
//! let codes: Vec<&str> = invites.iter().map(|i| i.code.as_str()).collect();
//! assert_eq!(codes, ["inv00000", "inv00001", "inv00002"]);
//! ```

pub mod allocs;
pub mod client;
pub mod floor;
pub mod interleave;
pub mod loopback;
pub mod payloads;
pub mod perms;
pub mod ratelimit;

/// The examples of the workspace README, compiled and run as doctests: this crate depends on all
/// three published crates, with the features the README names.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct WorkspaceReadmeDoctests;
