//! Prints how many heap allocations each library makes per deserialization of each benchmark
//! payload, counted by `stats_alloc`'s instrumented global allocator. Exits with status 1 if
//! `invite-model` misses its allocation targets.
//!
//! `cargo run --release -p benches --bin allocs`

use std::alloc::System;
use std::process::ExitCode;

use stats_alloc::{INSTRUMENTED_SYSTEM, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn main() -> ExitCode {
    let missed = benches::allocs::report(GLOBAL);
    for m in &missed {
        eprintln!("target missed: {m}");
    }
    if missed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
