//! Requests per second of `invite-http-ureq`'s `Client` against a loopback server, next to raw
//! `ureq` doing the same requests (same URL and headers, body read and parsed into an owned
//! `Invite`) with ureq's defaults, on the client's own agent, and with the client's configuration
//! on ureq's resolver, in one run (criterion's groups run one after the other: on a shared
//! machine, `cargo run --release -p benches --bin client_ratio` measures them interleaved).
//! Afterwards, each side sends N sequential requests through a fresh server and the accepted TCP
//! connections are counted (keep-alive: one).

use std::hint::black_box;
use std::time::Duration;

use benches::client::{CONNECTION_CHECK_REQUESTS, Raw, connections_for, ours, server};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn client(c: &mut Criterion) {
    let server = server().expect("the loopback server starts");
    let (client, endpoint) = ours(&server);
    let raw = Raw::new(&server);
    let a = client
        .execute(&endpoint)
        .expect("the client gets the invite");
    let b = raw.get().expect("raw ureq gets the invite");
    assert_eq!(a, b);
    let same = Raw::same_config(&server);
    assert_eq!(same.get().expect("raw ureq gets the invite"), b);
    let configured = Raw::with_client_config(&server);
    assert_eq!(configured.get().expect("raw ureq gets the invite"), b);

    let mut group = c.benchmark_group("get_invite_loopback");
    group.throughput(Throughput::Elements(1));
    group.bench_function(
        BenchmarkId::from_parameter("invite-http-ureq Client"),
        |b| {
            b.iter(|| client.execute(black_box(&endpoint)).unwrap());
        },
    );
    group.bench_function(BenchmarkId::from_parameter("raw ureq"), |b| {
        b.iter(|| raw.get().unwrap());
    });
    group.bench_function(
        BenchmarkId::from_parameter("raw ureq, the client's agent"),
        |b| b.iter(|| same.get().unwrap()),
    );
    group.bench_function(
        BenchmarkId::from_parameter("raw ureq, client's config, ureq's resolver"),
        |b| b.iter(|| configured.get().unwrap()),
    );
    group.finish();
    println!(
        "loopback server: {} requests over {} TCP connection(s)",
        server.requests(),
        server.accepted()
    );

    let (client_conns, raw_conns) = connections_for(CONNECTION_CHECK_REQUESTS);
    println!(
        "{CONNECTION_CHECK_REQUESTS} sequential requests: Client used {client_conns} TCP connection(s), raw ureq {raw_conns}"
    );
    assert_eq!((client_conns, raw_conns), (1, 1));
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(60);
    targets = client
}
criterion_main!(benches);
