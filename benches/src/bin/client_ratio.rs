//! The client's cost next to raw `ureq`, measured interleaved in one process against one
//! loopback server: (a) `invite-http-ureq`'s `Client`, (b) raw ureq on the client's own agent
//! configuration (deadline, resolver, pool), (c) raw ureq with its defaults, and with
//! `--ureq-resolver` (d) the client's configuration on ureq's default resolver. Each run is
//! `--rounds` rounds of one `--batch` of Get Invite requests per side, in an order rotated every
//! round, on a fresh server with fresh connections; it prints the median time per request of each
//! side and the medians of the per-round ratios a/b (the adapter's own work), b/c (the shipped
//! configuration) and a/c, with their quartiles. After `--runs` runs, the median of the runs'
//! ratios and their range. Then the heap allocations per request of each side (the server's included, the
//! same for all: none once a connection is up).
//!
//! ```text
//! cargo run --release -p benches --bin client_ratio -- [--runs 10] [--rounds 200] [--batch 25]
//!     [--ureq-resolver]
//! # one side only, for a profiler (a, b, c or d):
//! cargo run --release -p benches --bin client_ratio -- --only a --requests 2000
//! ```

use std::alloc::System;
use std::process::ExitCode;

use benches::client::{Raw, SIDES, interleaved, ours, server};
use benches::interleave::{median, quantile};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

struct Options {
    runs: usize,
    rounds: usize,
    batch: usize,
    ureq_resolver: bool,
    only: Option<char>,
    requests: usize,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        runs: 10,
        rounds: 200,
        batch: 25,
        ureq_resolver: false,
        only: None,
        requests: 2000,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .filter(|&n: &usize| n > 0)
                .ok_or_else(|| format!("{name} needs a positive number"))
        };
        match arg.as_str() {
            "--runs" => o.runs = number("--runs")?,
            "--rounds" => o.rounds = number("--rounds")?,
            "--batch" => o.batch = number("--batch")?,
            "--requests" => o.requests = number("--requests")?,
            "--ureq-resolver" => o.ureq_resolver = true,
            "--only" => {
                o.only = match it.next().map(String::as_str) {
                    Some(s @ ("a" | "b" | "c" | "d")) => s.chars().next(),
                    _ => return Err("--only needs a, b, c or d".into()),
                };
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(o)
}

/// Sends `n` requests on one side only (for callgrind, perf or strace).
fn only(side: char, n: usize) {
    let server = server().expect("the loopback server starts");
    let (client, endpoint) = ours(&server);
    let raw = match side {
        'b' => Some(Raw::same_config(&server)),
        'c' => Some(Raw::new(&server)),
        'd' => Some(Raw::with_client_config(&server)),
        _ => None,
    };
    for _ in 0..n {
        match &raw {
            Some(raw) => drop(std::hint::black_box(raw.get().expect("raw ureq"))),
            None => drop(std::hint::black_box(
                client.execute(&endpoint).expect("the client"),
            )),
        }
    }
    println!("{n} requests on side {side}: {}", server.requests());
}

/// Allocations and bytes per request of each side, over `n` requests after a warm-up.
fn allocations(n: usize) -> Vec<(f64, f64)> {
    let server = server().expect("the loopback server starts");
    let (client, endpoint) = ours(&server);
    let raws = [
        Raw::same_config(&server),
        Raw::new(&server),
        Raw::with_client_config(&server),
    ];
    let per = |f: &mut dyn FnMut()| {
        f();
        let region = Region::new(GLOBAL);
        for _ in 0..n {
            f();
        }
        let change = region.change();
        (
            change.allocations as f64 / n as f64,
            change.bytes_allocated as f64 / n as f64,
        )
    };
    let mut rows = vec![per(&mut || {
        drop(std::hint::black_box(
            client.execute(&endpoint).expect("the client"),
        ));
    })];
    for raw in &raws {
        rows.push(per(&mut || {
            drop(std::hint::black_box(raw.get().expect("raw ureq")));
        }));
    }
    rows
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("client_ratio: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(side) = options.only {
        only(side, options.requests);
        return ExitCode::SUCCESS;
    }
    let labels = ['a', 'b', 'c', 'd'];
    // Per run, the median ratios a/b, b/c, a/c: summarized over the runs at the end.
    let mut per_run: Vec<[f64; 3]> = Vec::new();
    for run in 1..=options.runs {
        let server = server().expect("the loopback server starts");
        let result = interleaved(
            &server,
            options.rounds,
            options.batch,
            options.ureq_resolver,
        );
        println!(
            "\nrun {run}: {} rounds of {} Get Invite requests per side, interleaved\n",
            options.rounds, options.batch
        );
        println!("| side | median per request |\n| --- | ---: |");
        for (i, side) in result.iter().enumerate() {
            println!(
                "| ({}) {} | {:.1} µs |",
                labels[i],
                side.name,
                side.median_ns() / 1e3
            );
        }
        println!("\n| ratio | median of per-round ratios | quartiles |\n| --- | ---: | ---: |");
        let mut pairs = vec![
            ("a/b: the adapter's own work", 0, 1),
            ("b/c: the shipped configuration", 1, 2),
            ("a/c: the client against ureq's defaults", 0, 2),
        ];
        if options.ureq_resolver {
            pairs.push(("d/c: the configuration on ureq's resolver", 3, 2));
        }
        let ratio = |a: usize, b: usize| result[a].ratio_to(&result[b]);
        per_run.push([ratio(0, 1), ratio(1, 2), ratio(0, 2)]);
        for (what, a, b) in pairs {
            let mut ratios = result[a].ratios_to(&result[b]);
            let (q1, q3) = (quantile(&mut ratios, 0.25), quantile(&mut ratios, 0.75));
            println!("| {what} | {:.3} | {q1:.3}–{q3:.3} |", ratio(a, b));
        }
    }
    // Each run has a fresh server and fresh connections, so a side whose connection's server
    // thread landed badly in one run (a bias interleaving cannot remove) does not decide it.
    println!(
        "\nover {} runs: median of the runs' ratios, and the lowest and highest\n\n| ratio | median | range |\n| --- | ---: | ---: |",
        per_run.len()
    );
    for (i, what) in ["a/b", "b/c", "a/c"].iter().enumerate() {
        let mut values: Vec<f64> = per_run.iter().map(|r| r[i]).collect();
        let mid = median(&mut values);
        println!(
            "| {what} | {mid:.3} | {:.3}–{:.3} |",
            values[0],
            values[values.len() - 1]
        );
    }
    println!("\n| side | allocations per request | bytes per request |\n| --- | ---: | ---: |");
    for (i, (count, bytes)) in allocations(500).into_iter().enumerate() {
        println!("| ({}) {} | {count:.1} | {bytes:.0} |", labels[i], SIDES[i]);
    }
    ExitCode::SUCCESS
}
