//! Deserialization of the same bytes, in one process, by `invite_model::Invite` (borrowed, and
//! owned through `into_owned`), `twilight_model::guild::invite::Invite` 0.18 and
//! `serde_json::Value`.
//!
//! Next to them, the serde_json floor (`benches::floor`): the same fields as borrowed `&str`s and
//! plain numbers, serde-derived, the least a serde model can do.
//!
//! Two entry points: `serde_json::from_slice` (what twilight's users call), and
//! `invite_model::from_json_slice` (what every invite-model endpoint calls: the same parser and
//! results, with UTF-8 checked once for the whole input instead of once per string). Both are
//! run for both models, so the ratio can be read either way.
//!
//! After criterion's groups, the same contenders run interleaved (`benches::interleave`: rounds
//! of one batch each, ratios taken within each round, medians over the rounds) and a Markdown
//! table of those ratios is printed: the figures to quote on this shared, noisy machine.

use std::hint::black_box;
use std::time::Duration;

use benches::floor::Invite as FloorInvite;
use benches::interleave::{self, Contender, Plan};
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group};
use invite_model::{Invite, from_json_slice, from_json_slice_mut};
use twilight_model::guild::invite::Invite as TwilightInvite;

type Group<'a> = BenchmarkGroup<'a, criterion::measurement::WallTime>;

fn run<'a, T>(group: &mut Group<'_>, name: &str, bytes: &'a [u8], parse: impl Fn(&'a [u8]) -> T) {
    group.bench_function(name, |b| b.iter(|| parse(black_box(bytes))));
}

/// Times `parse` on a copy of `bytes` made in each iteration (simd-json parses in place).
fn run_mut(group: &mut Group<'_>, name: &str, bytes: &[u8], parse: impl Fn(&mut [u8]) -> usize) {
    let mut buffer = bytes.to_vec();
    group.bench_function(name, |b| {
        b.iter(|| {
            buffer.copy_from_slice(black_box(bytes));
            parse(&mut buffer)
        });
    });
}

fn single(group: &mut Group<'_>, bytes: &[u8]) {
    // Every library must really parse these bytes before it is timed.
    let ours: Invite<'_> = serde_json::from_slice(bytes).expect("invite-model parses");
    let theirs: TwilightInvite = serde_json::from_slice(bytes).expect("twilight parses");
    assert_eq!(ours.code, theirs.code.as_str());
    assert_eq!(from_json_slice::<Invite<'_>>(bytes).ok(), Some(ours));

    run(group, FLOOR, bytes, |b| {
        serde_json::from_slice::<FloorInvite<'_>>(b).unwrap()
    });
    run(
        group,
        "invite-model borrowed, serde_json::from_slice",
        bytes,
        |b| serde_json::from_slice::<Invite<'_>>(b).unwrap(),
    );
    run(
        group,
        "invite-model borrowed, from_json_slice",
        bytes,
        |b| from_json_slice::<Invite<'_>>(b).unwrap(),
    );
    run(group, "invite-model owned, from_json_slice", bytes, |b| {
        from_json_slice::<Invite<'_>>(b).unwrap().into_owned()
    });
    run(
        group,
        "twilight-model, serde_json::from_slice",
        bytes,
        |b| serde_json::from_slice::<TwilightInvite>(b).unwrap(),
    );
    run(group, "twilight-model, from_json_slice", bytes, |b| {
        from_json_slice::<TwilightInvite>(b).unwrap()
    });
    run_mut(group, SIMD, bytes, |b| {
        from_json_slice_mut::<Invite<'_>>(b).unwrap().code.len()
    });
}

fn list(group: &mut Group<'_>, bytes: &[u8], items: usize) {
    let ours: Vec<Invite<'_>> = serde_json::from_slice(bytes).expect("invite-model parses");
    let theirs: Vec<TwilightInvite> = serde_json::from_slice(bytes).expect("twilight parses");
    assert_eq!((ours.len(), theirs.len()), (items, items));
    assert!(
        ours.iter()
            .zip(&theirs)
            .all(|(a, b)| a.code == b.code.as_str())
    );

    run(group, FLOOR, bytes, |b| {
        serde_json::from_slice::<Vec<FloorInvite<'_>>>(b).unwrap()
    });
    run(
        group,
        "invite-model borrowed, serde_json::from_slice",
        bytes,
        |b| serde_json::from_slice::<Vec<Invite<'_>>>(b).unwrap(),
    );
    run(
        group,
        "invite-model borrowed, from_json_slice",
        bytes,
        |b| from_json_slice::<Vec<Invite<'_>>>(b).unwrap(),
    );
    run(group, "invite-model owned, from_json_slice", bytes, |b| {
        from_json_slice::<Vec<Invite<'_>>>(b)
            .unwrap()
            .into_iter()
            .map(Invite::into_owned)
            .collect::<Vec<_>>()
    });
    run(
        group,
        "twilight-model, serde_json::from_slice",
        bytes,
        |b| serde_json::from_slice::<Vec<TwilightInvite>>(b).unwrap(),
    );
    run(group, "twilight-model, from_json_slice", bytes, |b| {
        from_json_slice::<Vec<TwilightInvite>>(b).unwrap()
    });
    run_mut(group, SIMD, bytes, |b| {
        from_json_slice_mut::<Vec<Invite<'_>>>(b).unwrap().len()
    });
}

fn deserialize(c: &mut Criterion) {
    for (name, bytes, items) in benches::payloads::all() {
        let bytes = bytes.as_slice();
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        if items == 1 {
            single(&mut group, bytes);
        } else {
            list(&mut group, bytes, items);
        }
        run(
            &mut group,
            "serde_json::Value, serde_json::from_slice",
            bytes,
            |b| serde_json::from_slice::<serde_json::Value>(b).unwrap(),
        );
        group.finish();
    }
}

/// The simd path's benchmark name (the copy of the payload into the buffer included).
const SIMD: &str = "invite-model borrowed, from_json_slice_mut (simd, with a copy)";

/// The floor's benchmark name.
const FLOOR: &str = "floor (borrowed &str struct), serde_json::from_slice";

/// The contenders of the interleaved run on one payload: the floor first (the reference), then
/// invite-model and twilight-model, through both entry points.
fn contenders<'a>(bytes: &'a [u8], list: bool) -> Vec<Contender<'a>> {
    macro_rules! parse {
        ($name:expr, $($parse:ident)::+, $ty:ty) => {
            if list {
                Contender::new($name, move || $($parse)::+::<Vec<$ty>>(bytes).unwrap())
            } else {
                Contender::new($name, move || $($parse)::+::<$ty>(bytes).unwrap())
            }
        };
    }
    // simd-json parses a mutable buffer: each call copies the payload into one first (a memcpy,
    // counted in its time), as a caller that keeps its response buffer would not need to.
    macro_rules! parse_mut {
        ($name:expr, $($parse:ident)::+, $ty:ty) => {{
            let mut buffer = bytes.to_vec();
            if list {
                Contender::new($name, move || {
                    buffer.copy_from_slice(bytes);
                    $($parse)::+::<Vec<$ty>>(&mut buffer).map(|v| v.len()).unwrap()
                })
            } else {
                Contender::new($name, move || {
                    buffer.copy_from_slice(bytes);
                    $($parse)::+::<$ty>(&mut buffer).map(|v| {
                        black_box(&v);
                    }).unwrap()
                })
            }
        }};
    }
    vec![
        parse!(
            "floor, serde_json::from_slice",
            serde_json::from_slice,
            FloorInvite<'a>
        ),
        parse!(
            "invite-model, serde_json::from_slice",
            serde_json::from_slice,
            Invite<'a>
        ),
        parse!("invite-model, from_json_slice", from_json_slice, Invite<'a>),
        parse!(
            "twilight-model, serde_json::from_slice",
            serde_json::from_slice,
            TwilightInvite
        ),
        parse_mut!(
            "invite-model, from_json_slice_mut (simd)",
            from_json_slice_mut,
            Invite<'_>
        ),
        parse_mut!(
            "floor, simd_json::serde::from_slice",
            simd_json::serde::from_slice,
            FloorInvite<'_>
        ),
    ]
}

/// Runs every payload interleaved and prints the table of ratios.
fn interleaved() {
    let plan = Plan::default();
    println!(
        "\n## Interleaved ({} rounds of ~{:?} per contender)\n",
        plan.rounds, plan.batch
    );
    println!("| payload | contender | median | / floor | / twilight |");
    println!("| --- | --- | ---: | ---: | ---: |");
    for (name, bytes, items) in benches::payloads::all() {
        let mut contenders = contenders(&bytes, items > 1);
        let series = interleave::measure(&mut contenders, plan);
        let floor = &series[0];
        let twilight = series
            .iter()
            .find(|s| s.name.starts_with("twilight-model, serde_json"))
            .expect("twilight is a contender");
        for s in &series {
            println!(
                "| {name} | {} | {:.3} µs | {:.3} | {:.3} |",
                s.name,
                s.median_ns() / 1e3,
                s.ratio_to(floor),
                s.ratio_to(twilight)
            );
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(60);
    targets = deserialize
}
fn main() {
    // `--interleaved-only` skips criterion's groups (for quick iterations); `--profile-time`
    // (criterion's, for profiling one benchmark) skips the interleaved run.
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|a| a == "--interleaved-only") {
        benches();
        Criterion::default().configure_from_args().final_summary();
    }
    if !args.iter().any(|a| a == "--profile-time") {
        interleaved();
    }
}
