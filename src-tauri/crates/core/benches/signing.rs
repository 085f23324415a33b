//! Cost of signing one request (`signing: one request`), reported by criterion in nanoseconds.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vk_core::{sign, ApiSecret, Credentials, RequestSpec};

fn bench_sign(c: &mut Criterion) {
    let creds = Credentials {
        api_key: "vk_sandbox_demo_key".into(),
        tenant_code: "123456".into(),
        secret: ApiSecret::new("vk_sandbox_demo_secret"),
    };
    let pan = RequestSpec::new("POST", "/api/v1/verify/pan", br#"{"pan":"ABCDE1234F"}"#.to_vec());
    c.bench_function("signing: one request", |b| {
        b.iter(|| sign(black_box(&pan), black_box(&creds), black_box(1_739_612_345)).unwrap())
    });
}

criterion_group!(benches, bench_sign);
criterion_main!(benches);
