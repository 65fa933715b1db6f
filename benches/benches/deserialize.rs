//! Deserialization of the same bytes by `invite_model::Invite` (borrowed, and owned through
//! `into_owned`), `twilight_model::guild::invite::Invite` 0.18 and `serde_json::Value`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use invite_model::Invite;
use twilight_model::guild::invite::Invite as TwilightInvite;

fn deserialize(c: &mut Criterion) {
    for (name, bytes, items) in benches::payloads::all() {
        let bytes = bytes.as_slice();
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        if items == 1 {
            // Every library must really parse these bytes before it is timed.
            let ours: Invite<'_> = serde_json::from_slice(bytes).expect("invite-model parses");
            let theirs: TwilightInvite = serde_json::from_slice(bytes).expect("twilight parses");
            assert_eq!(ours.code, theirs.code.as_str());
            group.bench_function(BenchmarkId::from_parameter("invite-model borrowed"), |b| {
                b.iter(|| serde_json::from_slice::<Invite<'_>>(black_box(bytes)).unwrap());
            });
            group.bench_function(BenchmarkId::from_parameter("invite-model owned"), |b| {
                b.iter(|| {
                    serde_json::from_slice::<Invite<'_>>(black_box(bytes))
                        .unwrap()
                        .into_owned()
                });
            });
            group.bench_function(BenchmarkId::from_parameter("twilight-model"), |b| {
                b.iter(|| serde_json::from_slice::<TwilightInvite>(black_box(bytes)).unwrap());
            });
        } else {
            let ours: Vec<Invite<'_>> = serde_json::from_slice(bytes).expect("invite-model parses");
            let theirs: Vec<TwilightInvite> =
                serde_json::from_slice(bytes).expect("twilight parses");
            assert_eq!((ours.len(), theirs.len()), (items, items));
            group.bench_function(BenchmarkId::from_parameter("invite-model borrowed"), |b| {
                b.iter(|| serde_json::from_slice::<Vec<Invite<'_>>>(black_box(bytes)).unwrap());
            });
            group.bench_function(BenchmarkId::from_parameter("invite-model owned"), |b| {
                b.iter(|| {
                    serde_json::from_slice::<Vec<Invite<'_>>>(black_box(bytes))
                        .unwrap()
                        .into_iter()
                        .map(Invite::into_owned)
                        .collect::<Vec<_>>()
                });
            });
            group.bench_function(BenchmarkId::from_parameter("twilight-model"), |b| {
                b.iter(|| serde_json::from_slice::<Vec<TwilightInvite>>(black_box(bytes)).unwrap());
            });
        }
        group.bench_function(BenchmarkId::from_parameter("serde_json::Value"), |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(bytes)).unwrap());
        });
        group.finish();
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
criterion_main!(benches);
