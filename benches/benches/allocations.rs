//! The allocation counts of `src/bin/allocs.rs`, printed as part of `cargo bench -p benches`
//! (a bench target with its own counting global allocator, so the timing benches are unaffected).
//! Fails if `invite-model` misses its allocation targets.

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
