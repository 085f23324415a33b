//! The API secret wrapper: redacted in `Debug`, impossible to serialise, wiped from memory on drop.

use secrecy::{ExposeSecret, SecretString};

/// An API secret. `Debug` prints a placeholder and there is deliberately no `Serialize`/`Display`,
/// so the secret cannot cross IPC, reach a log or land in a file by accident.
#[derive(Clone)]
pub struct ApiSecret(SecretString);

impl ApiSecret {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(SecretString::from(secret.into()))
    }

    /// The raw bytes, for computing an HMAC. Keep the borrow short.
    pub fn expose_bytes(&self) -> &[u8] {
        self.0.expose_secret().as_bytes()
    }

    /// The secret as text, only for writing it into exported code when the user asks for that.
    pub fn expose_str(&self) -> &str {
        self.0.expose_secret()
    }

    pub fn is_empty(&self) -> bool {
        self.0.expose_secret().is_empty()
    }

    /// Whether the secret is exactly `other`, compared in constant time.
    pub fn matches(&self, other: &ApiSecret) -> bool {
        use subtle::ConstantTimeEq;
        self.expose_bytes().ct_eq(other.expose_bytes()).into()
    }
}

impl std::fmt::Debug for ApiSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiSecret([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let s = ApiSecret::new("super-secret-value");
        let printed = format!("{s:?} {:#?}", s);
        assert!(!printed.contains("super-secret-value"), "{printed}");
        assert!(printed.contains("redacted"));
    }

    #[test]
    fn matches_compares_whole_value() {
        let a = ApiSecret::new("abc");
        assert!(a.matches(&ApiSecret::new("abc")));
        assert!(!a.matches(&ApiSecret::new("abd")));
        assert!(!a.matches(&ApiSecret::new("ab")));
        assert!(ApiSecret::new("").is_empty());
    }
}
