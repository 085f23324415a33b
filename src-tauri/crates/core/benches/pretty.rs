//! Throughput of the pretty-printer on a 50 MB answer (`pretty-printer: 50 MB answer`), reported by criterion
//! in MB/s (decimal megabytes of input per second), side by side with the printer as it was before bounding
//! (`pretty-printer: 50 MB answer, before bounding`, benches/pretty_before.rs).

mod pretty_before;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

/// A success envelope listing customers, about `target` bytes of compact JSON, as the sandbox would answer.
fn answer(target: usize) -> Vec<u8> {
    let mut out = String::from(r#"{"success":true,"data":{"customers":["#);
    let mut i = 0u64;
    while out.len() < target {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            r#"{{"id":"CUST{i:08}","name":"Customer \"{i}\" नमस्ते","city":"Pune","active":{},"balance":{}.{:02},"tags":["retail","kyc"],"address":{{"line":"{} MG Road","pin":"4110{:02}"}}}}"#,
            i.is_multiple_of(3),
            i * 7 % 100_000,
            i % 100,
            i % 500,
            i % 100
        ));
        i += 1;
    }
    out.push_str(&format!(r#"],"total":{i},"page":null}}}}"#));
    out.into_bytes()
}

fn bench_pretty(c: &mut Criterion) {
    let input = answer(50_000_000);
    let mut out = Vec::with_capacity(input.len() * 3);
    let mut group = c.benchmark_group("pretty-printer");
    group.throughput(Throughput::BytesDecimal(input.len() as u64));
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("50 MB answer", |b| {
        b.iter(|| {
            out.clear();
            vk_core::pretty::reformat(black_box(&input), &mut out).unwrap();
            black_box(out.len())
        })
    });
    group.bench_function("50 MB answer, before bounding", |b| {
        b.iter(|| {
            out.clear();
            pretty_before::reformat(black_box(&input), &mut out).unwrap();
            black_box(out.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench_pretty);
criterion_main!(benches);
