//! Every error code of the VistarKriya API, with its HTTP status and a plain-language explanation.

use serde::Serialize;
use ts_rs::TS;

/// The API's error codes: the vendor's six plus the project's decided additions (see the spec).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiErrorCode {
    AuthMissingKey,
    AuthInvalidKey,
    AuthMissingHeader,
    TimestampExpired,
    HmacInvalid,
    TenantInvalid,
    AuthIpBlocked,
    RateLimited,
    ValidationError,
    NotFound,
    MethodNotAllowed,
    InsufficientBalance,
    PayloadTooLarge,
    InternalError,
    ServiceUnavailable,
}

/// What an error code means to a person, and what to do about it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Explanation {
    pub code: String,
    pub http_status: u16,
    /// A short headline, e.g. "The signature was not accepted".
    pub title: String,
    /// What happened, without jargon.
    pub meaning: String,
    /// The next step to take.
    pub next_step: String,
}

impl ApiErrorCode {
    pub const ALL: [ApiErrorCode; 15] = [
        Self::AuthMissingKey,
        Self::AuthInvalidKey,
        Self::AuthMissingHeader,
        Self::TimestampExpired,
        Self::HmacInvalid,
        Self::TenantInvalid,
        Self::AuthIpBlocked,
        Self::RateLimited,
        Self::ValidationError,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::InsufficientBalance,
        Self::PayloadTooLarge,
        Self::InternalError,
        Self::ServiceUnavailable,
    ];

    /// Whether the server refused who was asking (key, tenant, clock, signature or address), not the request.
    pub fn is_authentication(self) -> bool {
        matches!(
            self,
            Self::AuthMissingKey
                | Self::AuthInvalidKey
                | Self::AuthMissingHeader
                | Self::TimestampExpired
                | Self::HmacInvalid
                | Self::TenantInvalid
                | Self::AuthIpBlocked
        )
    }

    pub fn as_str(self) -> &'static str {
        self.info().0
    }

    pub fn http_status(self) -> u16 {
        self.info().1
    }

    /// The server's own short message, as the vendor words it where it does.
    pub fn server_message(self) -> &'static str {
        self.info().2
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == code)
    }

    pub fn explanation(self) -> Explanation {
        let (code, http_status, _, title, meaning, next_step) = self.info();
        Explanation {
            code: code.into(),
            http_status,
            title: title.into(),
            meaning: meaning.into(),
            next_step: next_step.into(),
        }
    }

    /// (code, status, server message, title, meaning, next step)
    #[rustfmt::skip]
    fn info(self) -> (&'static str, u16, &'static str, &'static str, &'static str, &'static str) {
        match self {
            Self::AuthMissingKey => ("AUTH_MISSING_KEY", 401, "X-API-Key header missing",
                "The API key was not sent",
                "The request reached the server without an API key, so the server does not know who is calling.",
                "Open the environment settings and enter the API key from your VistarKriya dashboard, then send again."),
            Self::AuthInvalidKey => ("AUTH_INVALID_KEY", 401, "API key not found or invalid",
                "The API key is not recognised",
                "The server does not know this API key. It may be mistyped, revoked, or meant for another server (sandbox keys do not work on the live server and the other way round).",
                "Copy the API key again from your VistarKriya dashboard and check that the environment points at the right server."),
            Self::AuthMissingHeader => ("AUTH_MISSING_HEADER", 400, "X-Timestamp, X-Signature or X-Tenant-Code missing or malformed",
                "A security header is missing or malformed",
                "Every request needs a time stamp, a signature and a 6-digit tenant code. One of them was missing or not in the expected form.",
                "If you send from VK Workspace this is added for you: check the tenant code in the environment. If you wrote the code yourself, send all four X- headers."),
            Self::TimestampExpired => ("TIMESTAMP_EXPIRED", 401, "Request too old (> 5 min window)",
                "The request's time is too far from the server's clock",
                "The server accepts a request only within 5 minutes of its own time. This computer's clock may be wrong, the request may have been signed long ago, or the time was given in milliseconds instead of seconds.",
                "Set this computer's clock to update automatically, then send again. Code you wrote must sign at the moment of sending, with the time in seconds."),
            Self::HmacInvalid => ("HMAC_INVALID", 401, "Signature verification failed",
                "The signature was not accepted",
                "The server worked out the signature from the request and your API secret and got a different result. Most often the API secret is wrong; otherwise the body, method or address changed after signing.",
                "Check that the API secret in this environment matches your dashboard exactly. In your own code, sign exactly the body you send, with the method in capitals and the full path including any ?query."),
            Self::TenantInvalid => ("TENANT_INVALID", 403, "Tenant code does not belong to this API key",
                "The tenant code does not match this API key",
                "The API key and signature are fine, but the 6-digit tenant code belongs to another account (or is mistyped).",
                "Copy the tenant code shown next to this API key in your dashboard into the environment settings."),
            Self::AuthIpBlocked => ("AUTH_IP_BLOCKED", 403, "IP not in whitelist",
                "This computer's network address is not allowed",
                "The account only accepts requests from listed IP addresses, and this computer's address is not on the list.",
                "Ask your administrator to add this network's public IP address to the allowed list in the dashboard, or send from an allowed network."),
            Self::RateLimited => ("RATE_LIMITED", 429, "Too many requests, slow down",
                "Too many requests in a short time",
                "The server limits how many requests an API key may send per second, and this key went over the limit.",
                "Wait the few seconds the server asks for (see Retry-After), then send again. For many requests, use a batch run with a lower rate."),
            Self::ValidationError => ("VALIDATION_ERROR", 422, "One or more fields are invalid",
                "Some of the details sent are not valid",
                "The request was understood, but a field is missing or not in the right format (for example a PAN, GSTIN or account number).",
                "Correct the fields named in the response and send again."),
            Self::NotFound => ("NOT_FOUND", 404, "Not found",
                "Nothing exists at this address",
                "The endpoint path is not one the API offers, or the record asked for (for example a customer id) does not exist.",
                "Check the endpoint for typing mistakes, or pick it from the list of endpoints."),
            Self::MethodNotAllowed => ("METHOD_NOT_ALLOWED", 405, "Method not allowed for this endpoint",
                "This endpoint does not accept that method",
                "The address exists, but not with this method (for example GET where the API expects POST).",
                "Change the method to the one this endpoint expects and send again."),
            Self::InsufficientBalance => ("INSUFFICIENT_BALANCE", 402, "Wallet balance too low",
                "The wallet balance is too low",
                "This request costs money and the wallet does not hold enough for it.",
                "Top up the wallet in the dashboard (or choose a cheaper service), then send again."),
            Self::PayloadTooLarge => ("PAYLOAD_TOO_LARGE", 413, "Request body too large",
                "The request body is too large",
                "The server accepts request bodies of up to 1 MiB, and this one is bigger.",
                "Send less data in one request, for example by splitting a list into several requests."),
            Self::InternalError => ("INTERNAL_ERROR", 500, "Internal server error",
                "The server ran into a problem",
                "Something went wrong on the server while it handled this request. Nothing is wrong with what you sent.",
                "Try again in a minute. If it keeps happening, send the time of the request to VistarKriya support."),
            Self::ServiceUnavailable => ("SERVICE_UNAVAILABLE", 503, "Service temporarily unavailable",
                "The service is busy or down for a moment",
                "The server (or the provider behind it, such as a bank or a government database) is not answering right now.",
                "Wait a little and send again. Code that calls the API should retry a few times, waiting longer each time."),
        }
    }
}

/// Looks up the explanation for a code string from a response; `None` for codes this build does not know.
pub fn explain(code: &str) -> Option<Explanation> {
    ApiErrorCode::parse(code).map(ApiErrorCode::explanation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_is_explained() {
        for code in ApiErrorCode::ALL {
            assert_eq!(ApiErrorCode::parse(code.as_str()), Some(code));
            let e = code.explanation();
            assert!(e.title.len() > 10 && e.meaning.len() > 30 && e.next_step.len() > 30, "{e:?}");
            assert!((400..600).contains(&e.http_status));
        }
    }

    #[test]
    fn vendor_codes_keep_the_vendor_words() {
        assert_eq!(ApiErrorCode::HmacInvalid.server_message(), "Signature verification failed");
        assert_eq!(ApiErrorCode::HmacInvalid.http_status(), 401);
        assert_eq!(ApiErrorCode::RateLimited.http_status(), 429);
        assert_eq!(ApiErrorCode::TenantInvalid.http_status(), 403);
        assert!(explain("SOMETHING_NEW").is_none());
    }
}
