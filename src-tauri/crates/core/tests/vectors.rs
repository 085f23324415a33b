//! Every published signing vector (copied from the shared spec into tests/fixtures) must reproduce exactly.

use serde::Deserialize;
use vk_core::{sign, ApiSecret, Credentials, RequestSpec};

#[derive(Deserialize)]
struct Vector {
    name: String,
    api_secret: String,
    timestamp: u64,
    method: String,
    endpoint: String,
    body: String,
    string_to_sign: String,
    signature: String,
}

const VECTORS: &str = include_str!("../../../../tests/fixtures/hmac-signing.json");

#[test]
fn every_vector_signs_exactly() {
    let vectors: Vec<Vector> = serde_json::from_str(VECTORS).expect("fixture parses");
    assert!(vectors.len() >= 5, "expected the full vector set, got {}", vectors.len());
    for v in &vectors {
        let creds = Credentials {
            api_key: "vk_live_vector".into(),
            tenant_code: "123456".into(),
            secret: ApiSecret::new(v.api_secret.clone()),
        };
        let req = RequestSpec::new(v.method.clone(), v.endpoint.clone(), v.body.as_bytes().to_vec());
        let signed = sign(&req, &creds, v.timestamp).unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert_eq!(signed.string_to_sign, v.string_to_sign, "string to sign for {}", v.name);
        assert_eq!(signed.signature, v.signature, "signature for {}", v.name);
    }
}
