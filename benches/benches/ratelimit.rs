//! The rate limiter's decision per request: `acquire` plus `record` of a response with
//! Discord's five rate-limit headers.

use std::time::Duration;

use benches::ratelimit::Driver;
use criterion::{Criterion, criterion_group, criterion_main};

fn ratelimit(c: &mut Criterion) {
    let mut driver = Driver::new();
    let mut group = c.benchmark_group("ratelimiter");
    group.bench_function("acquire+record", |b| {
        b.iter(|| driver.step().expect("the script never exceeds the limit"));
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(60);
    targets = ratelimit
}
criterion_main!(benches);
