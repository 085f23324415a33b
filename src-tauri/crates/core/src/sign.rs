//! HMAC-SHA256 signing of a request: a pure function from request, credentials and time to four headers.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::request::{Credentials, RequestSpec};
use crate::secret::ApiSecret;

type HmacSha256 = Hmac<Sha256>;

/// Header names, exactly as the vendor documents them.
pub const HEADER_API_KEY: &str = "X-API-Key";
pub const HEADER_TIMESTAMP: &str = "X-Timestamp";
pub const HEADER_SIGNATURE: &str = "X-Signature";
pub const HEADER_TENANT: &str = "X-Tenant-Code";

/// Whether `name` is one of the four headers the signature travels in (any letter case).
pub fn is_signature_header(name: &str) -> bool {
    [HEADER_API_KEY, HEADER_TIMESTAMP, HEADER_SIGNATURE, HEADER_TENANT].iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// Checks an extra header a person added: a valid name, not one the app sets itself, a value on one line.
pub fn check_extra_header(name: &str, value: &str) -> Result<(), String> {
    let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if name.is_empty() || !name.bytes().all(token) {
        return Err(format!(
            "The header name \"{name}\" is not valid: use letters, digits and dashes only, such as X-Request-Id."
        ));
    }
    let reserved = ["content-type", "content-length", "host", "transfer-encoding", "connection"];
    if is_signature_header(name) || reserved.iter().any(|r| r.eq_ignore_ascii_case(name)) {
        return Err(format!("The app sets the {name} header itself. Remove it from the extra headers."));
    }
    if value.contains(['\r', '\n']) {
        return Err(format!("The value of the {name} header must be on one line."));
    }
    Ok(())
}

const KNOWN_METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Why a request cannot be signed. Each message says what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("The method is empty. Choose one such as GET or POST.")]
    EmptyMethod,
    #[error(
        "The method must be written in capitals: use {upper}, not {given}. The server rejects the signature otherwise."
    )]
    LowerCaseMethod { given: String, upper: String },
    #[error("\"{0}\" is not an HTTP method. Use GET, POST, PUT, PATCH or DELETE.")]
    UnknownMethod(String),
    #[error("The endpoint must start with \"/\", for example /api/v1/wallet/core/balance.")]
    EndpointNoLeadingSlash,
    #[error("Enter only the path after the server address, for example /api/v1/verify/pan, without \"https://…\".")]
    EndpointHasHost,
    #[error("The endpoint contains a space or line break. Remove it, or write a space in a query as %20.")]
    EndpointWhitespace,
    #[error("The endpoint contains \"#\". A part after \"#\" is never sent to the server; remove it.")]
    EndpointFragment,
    #[error(
        "The address would be changed on the way to the server (it would arrive as {sent}), so its signature would \
         not match. Write it as {sent}."
    )]
    EndpointRewritten { sent: String },
    #[error("The API key is empty. Copy it from your VistarKriya dashboard.")]
    EmptyApiKey,
    #[error("The tenant code must be exactly 6 digits (you entered {0} characters).")]
    TenantLength(usize),
    #[error("The tenant code must contain digits only.")]
    TenantNotDigits,
    #[error("The API secret is empty. Enter the secret from your VistarKriya dashboard.")]
    EmptySecret,
}

/// The four authentication headers plus the exact string that was signed (for the inspector).
/// It never holds the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRequest {
    pub string_to_sign: String,
    pub api_key: String,
    pub timestamp: u64,
    pub signature: String,
    pub tenant_code: String,
}

impl SignedRequest {
    /// The headers in the vendor's order.
    pub fn headers(&self) -> [(&'static str, String); 4] {
        [
            (HEADER_API_KEY, self.api_key.clone()),
            (HEADER_TIMESTAMP, self.timestamp.to_string()),
            (HEADER_SIGNATURE, self.signature.clone()),
            (HEADER_TENANT, self.tenant_code.clone()),
        ]
    }
}

/// Checks the method: upper-case letters only and a known verb. Nothing is upper-cased silently.
pub fn check_method(method: &str) -> Result<(), SignError> {
    if method.is_empty() {
        return Err(SignError::EmptyMethod);
    }
    let upper = method.to_ascii_uppercase();
    if upper != method {
        return Err(SignError::LowerCaseMethod { given: method.to_string(), upper });
    }
    if !KNOWN_METHODS.contains(&method) {
        return Err(SignError::UnknownMethod(method.to_string()));
    }
    Ok(())
}

/// Checks the endpoint: a request target starting with `/`, no host, whitespace or fragment.
pub fn check_endpoint(endpoint: &str) -> Result<(), SignError> {
    if endpoint.contains("://") {
        return Err(SignError::EndpointHasHost);
    }
    if !endpoint.starts_with('/') {
        return Err(SignError::EndpointNoLeadingSlash);
    }
    if endpoint.chars().any(char::is_whitespace) {
        return Err(SignError::EndpointWhitespace);
    }
    if endpoint.contains('#') {
        return Err(SignError::EndpointFragment);
    }
    Ok(())
}

/// Checks a tenant code: exactly six ASCII digits.
pub fn check_tenant_code(tenant: &str) -> Result<(), SignError> {
    if !tenant.chars().all(|c| c.is_ascii_digit()) {
        return Err(SignError::TenantNotDigits);
    }
    if tenant.len() != 6 {
        return Err(SignError::TenantLength(tenant.chars().count()));
    }
    Ok(())
}

/// The message the vendor signs: timestamp, method, endpoint and body bytes, concatenated.
pub fn message_to_sign(timestamp: u64, method: &str, endpoint: &str, body: &[u8]) -> Vec<u8> {
    let ts = timestamp.to_string();
    let mut msg = Vec::with_capacity(ts.len() + method.len() + endpoint.len() + body.len());
    msg.extend_from_slice(ts.as_bytes());
    msg.extend_from_slice(method.as_bytes());
    msg.extend_from_slice(endpoint.as_bytes());
    msg.extend_from_slice(body);
    msg
}

/// Lower-case hex HMAC-SHA256 of `message` under `secret`. No validation: callers check inputs first.
pub fn hmac_hex(secret: &[u8], message: &[u8]) -> String {
    // NOTE: HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

/// The string to sign and its signature, after checking method, endpoint and secret.
/// Key and tenant are not involved: they are sent, never signed.
pub fn signature_for(request: &RequestSpec, secret: &ApiSecret, timestamp: u64) -> Result<(String, String), SignError> {
    check_method(&request.method)?;
    check_endpoint(&request.endpoint)?;
    if secret.is_empty() {
        return Err(SignError::EmptySecret);
    }
    // NOTE: signed as it goes on the wire (percent-encoded once), never as typed: the server signs what it receives.
    let target = crate::target::wire_target(&request.endpoint);
    if let Some(sent) = crate::target::changed_on_the_way(&target) {
        return Err(SignError::EndpointRewritten { sent });
    }
    let message = message_to_sign(timestamp, &request.method, &target, &request.body);
    let signature = hmac_hex(secret.expose_bytes(), &message);
    Ok((String::from_utf8_lossy(&message).into_owned(), signature))
}

/// Signs `request` for `credentials` at `timestamp` (Unix seconds).
pub fn sign(request: &RequestSpec, credentials: &Credentials, timestamp: u64) -> Result<SignedRequest, SignError> {
    if credentials.api_key.trim().is_empty() {
        return Err(SignError::EmptyApiKey);
    }
    check_tenant_code(&credentials.tenant_code)?;
    let (string_to_sign, signature) = signature_for(request, &credentials.secret, timestamp)?;
    Ok(SignedRequest {
        string_to_sign,
        api_key: credentials.api_key.clone(),
        timestamp,
        signature,
        tenant_code: credentials.tenant_code.clone(),
    })
}

#[cfg(test)]
mod extra_header_tests {
    use super::*;

    #[test]
    fn extra_headers_are_checked() {
        assert!(check_extra_header("X-Request-Id", "abc-1").is_ok());
        assert!(check_extra_header("x-signature", "f00").unwrap_err().contains("sets the x-signature header itself"));
        assert!(check_extra_header("Content-Type", "text/plain").is_err());
        assert!(check_extra_header("Bad Name", "x").unwrap_err().contains("not valid"));
        assert!(check_extra_header("", "x").is_err());
        assert!(check_extra_header("X-Note", "a\nb").unwrap_err().contains("one line"));
        assert!(is_signature_header("X-TIMESTAMP") && !is_signature_header("X-Trace"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> Credentials {
        Credentials { api_key: "vk_test".into(), tenant_code: "123456".into(), secret: ApiSecret::new("k") }
    }

    #[test]
    fn lower_case_method_is_an_error_not_a_fix() {
        let err = sign(&RequestSpec::new("get", "/api/v1/x", ""), &creds(), 1).unwrap_err();
        assert_eq!(err, SignError::LowerCaseMethod { given: "get".into(), upper: "GET".into() });
        assert!(err.to_string().contains("use GET, not get"));
    }

    #[test]
    fn endpoint_rules() {
        let c = creds();
        let e = |ep: &str| sign(&RequestSpec::new("GET", ep, ""), &c, 1).unwrap_err();
        assert_eq!(e("api/v1/x"), SignError::EndpointNoLeadingSlash);
        assert_eq!(e("https://vistarkriya.com/api/v1/x"), SignError::EndpointHasHost);
        assert_eq!(e("/api/v1/x y"), SignError::EndpointWhitespace);
        assert_eq!(e("/api/v1/x#top"), SignError::EndpointFragment);
        assert_eq!(check_method("FETCH"), Err(SignError::UnknownMethod("FETCH".into())));
        assert_eq!(check_method(""), Err(SignError::EmptyMethod));
    }

    #[test]
    fn tenant_and_secret_rules() {
        let req = RequestSpec::new("GET", "/api/v1/x", "");
        let mut c = creds();
        c.tenant_code = "12345".into();
        assert_eq!(sign(&req, &c, 1).unwrap_err(), SignError::TenantLength(5));
        c.tenant_code = "12345a".into();
        assert_eq!(sign(&req, &c, 1).unwrap_err(), SignError::TenantNotDigits);
        c.tenant_code = "1234567".into();
        assert_eq!(sign(&req, &c, 1).unwrap_err(), SignError::TenantLength(7));
        let mut c = creds();
        c.secret = ApiSecret::new("");
        assert_eq!(sign(&req, &c, 1).unwrap_err(), SignError::EmptySecret);
        let mut c = creds();
        c.api_key = " ".into();
        assert_eq!(sign(&req, &c, 1).unwrap_err(), SignError::EmptyApiKey);
    }

    #[test]
    fn headers_in_vendor_order_and_no_secret() {
        let signed = sign(&RequestSpec::new("GET", "/api/v1/wallet/core/balance", ""), &creds(), 1739612345).unwrap();
        let names: Vec<_> = signed.headers().iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["X-API-Key", "X-Timestamp", "X-Signature", "X-Tenant-Code"]);
        assert_eq!(signed.headers()[1].1, "1739612345");
        assert_eq!(signed.signature.len(), 64);
        assert!(signed.signature.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }
}
