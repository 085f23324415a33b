//! Cost of the sandbox's verification of one signed request (`sandbox: verification of one request`), in nanoseconds.

use std::net::{IpAddr, Ipv4Addr};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, HeaderValue};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vk_core::{sign, ApiSecret, Credentials, RequestSpec};
use vk_sandbox::{authenticate, IncomingRequest, SandboxConfig, BUILTIN_API_KEY, BUILTIN_SECRET, BUILTIN_TENANT};

fn bench_verify(c: &mut Criterion) {
    let config = SandboxConfig::builtin();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let body = br#"{"pan":"ABCDE1234F"}"#.to_vec();
    let spec = RequestSpec::new("POST", "/api/v1/verify/pan", body.clone());
    let creds = Credentials {
        api_key: BUILTIN_API_KEY.into(),
        tenant_code: BUILTIN_TENANT.into(),
        secret: ApiSecret::new(BUILTIN_SECRET),
    };
    let signed = sign(&spec, &creds, now).unwrap();
    let mut headers = HeaderMap::new();
    for (name, value) in signed.headers() {
        headers.insert(name, HeaderValue::from_str(&value).unwrap());
    }
    let request = IncomingRequest {
        method: "POST",
        target: "/api/v1/verify/pan",
        headers: &headers,
        body: &body,
        peer: IpAddr::V4(Ipv4Addr::LOCALHOST),
    };
    c.bench_function("sandbox: verification of one request", |b| {
        b.iter(|| authenticate(black_box(&config), black_box(&request), black_box(now)).unwrap())
    });
}

criterion_group!(benches, bench_verify);
criterion_main!(benches);
