//! `parse_permissions` on a 10-name aoi.js-style list against a `HashMap<String, u64>` baseline,
//! and OAuth2 URL rendering into `heapless::String` and `String`.

use std::hint::black_box;
use std::time::Duration;

use benches::perms::{AOIJS_LIST, Baseline, authorize_url};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn permissions(c: &mut Criterion) {
    let baseline = Baseline::new();
    let ours = invite_perms::parse_permissions(AOIJS_LIST).expect("the list parses");
    assert_eq!(baseline.parse(AOIJS_LIST), Some(ours.bits()));

    let mut group = c.benchmark_group("parse_permissions_10_names");
    group.bench_function(BenchmarkId::from_parameter("invite-perms"), |b| {
        b.iter(|| invite_perms::parse_permissions(black_box(AOIJS_LIST)).unwrap());
    });
    group.bench_function(BenchmarkId::from_parameter("hashmap baseline"), |b| {
        b.iter(|| baseline.parse(black_box(AOIJS_LIST)).unwrap());
    });
    group.finish();

    let url = authorize_url();
    let expected = url.to_url_string().expect("the URL is valid");
    assert_eq!(
        url.to_heapless::<256>().expect("fits").as_str(),
        expected.as_str()
    );
    let mut group = c.benchmark_group("oauth2_url");
    group.bench_function(BenchmarkId::from_parameter("heapless::String<256>"), |b| {
        b.iter(|| black_box(&url).to_heapless::<256>().unwrap());
    });
    group.bench_function(BenchmarkId::from_parameter("String"), |b| {
        b.iter(|| black_box(&url).to_url_string().unwrap());
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(60);
    targets = permissions
}
criterion_main!(benches);
