//! Why a signature may have been refused: the usual causes the vendor names for HMAC_INVALID, each checked
//! where the app can check it (method case, body, query string, a secret pasted with a space or line break).

use serde::Serialize;
use ts_rs::TS;

use crate::{ApiSecret, RequestSpec};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CheckStatus {
    /// Checked, and not the cause.
    Fine,
    /// Checked, and likely the cause.
    Suspect,
    /// The app cannot check this one; the person can.
    Unchecked,
}

/// One usual cause of HMAC_INVALID and what the app found about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CauseCheck {
    pub cause: String,
    pub status: CheckStatus,
    pub finding: String,
}

fn check(cause: &str, status: CheckStatus, finding: impl Into<String>) -> CauseCheck {
    CauseCheck { cause: cause.into(), status, finding: finding.into() }
}

/// The usual causes of HMAC_INVALID for this request and secret, suspects first.
pub fn hmac_invalid_causes(request: &RequestSpec, secret: &ApiSecret) -> Vec<CauseCheck> {
    let bytes = secret.expose_bytes();
    let padded =
        bytes.first().is_some_and(u8::is_ascii_whitespace) || bytes.last().is_some_and(u8::is_ascii_whitespace);
    let inner_break = bytes.iter().any(|b| *b == b'\n' || *b == b'\r' || *b == b'\t');
    let secret_check = if padded || inner_break {
        check(
            "The secret was pasted with a space or a line break",
            CheckStatus::Suspect,
            "The saved secret starts or ends with a space, or holds a line break or tab. Set it again, pasting only the secret.",
        )
    } else {
        check(
            "The secret was pasted with a space or a line break",
            CheckStatus::Fine,
            "The saved secret has no spaces or line breaks at its ends.",
        )
    };
    let query = request.endpoint.split_once('?').map(|(_, q)| q);
    let mut checks = vec![
        secret_check,
        check(
            "The secret is not the one for this API key",
            CheckStatus::Unchecked,
            "Only the VistarKriya dashboard knows the right secret: copy it again from there, or use Test connection in Environments.",
        ),
        check(
            "The method was signed in lower case",
            if request.method.bytes().all(|b| b.is_ascii_uppercase()) { CheckStatus::Fine } else { CheckStatus::Suspect },
            format!("The method {} was signed exactly as sent.", request.method),
        ),
        check(
            "The body was changed after signing (spaces, order, a different body)",
            CheckStatus::Fine,
            "VK Workspace signs the exact bytes it sends, at the moment it sends them.",
        ),
        check(
            "The query string was left out of the signature",
            CheckStatus::Fine,
            match query {
                Some(q) => format!("The query string ?{q} was part of the signed text."),
                None => "This request has no query string.".to_string(),
            },
        ),
    ];
    checks.sort_by_key(|c| c.status != CheckStatus::Suspect);
    checks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_padded_secret_is_the_suspect_and_comes_first() {
        let request = RequestSpec::new("GET", "/api/v1/customers?page=2", Vec::new());
        let checks = hmac_invalid_causes(&request, &ApiSecret::new(" abc\n"));
        assert_eq!(checks[0].status, CheckStatus::Suspect);
        assert!(checks[0].cause.contains("space or a line break"));
        assert!(checks.iter().any(|c| c.finding.contains("?page=2")));

        let clean = hmac_invalid_causes(&request, &ApiSecret::new("abc"));
        assert!(clean.iter().all(|c| c.status != CheckStatus::Suspect), "{clean:?}");
        assert_eq!(clean.iter().filter(|c| c.status == CheckStatus::Unchecked).count(), 1);
        let printed = format!("{clean:?}");
        assert!(!printed.contains("abc"), "the secret never appears in a finding");
    }
}
