//! VK Workspace core: the request model, HMAC-SHA256 signing, the API's error codes and code export.
//! Pure: no I/O.

pub mod catalog;
pub mod diagnose;
pub mod envelope;
pub mod error_codes;
pub mod identifiers;
pub mod limits;
pub mod pretty;
pub mod redirect;
pub mod request;
pub mod secret;
pub mod shallow;
pub mod sign;
pub mod snippet;
pub mod target;
pub mod variables;

pub use error_codes::{ApiErrorCode, Explanation};
pub use request::{json_problem, Credentials, JsonProblem, RequestSpec};
pub use secret::ApiSecret;
pub use sign::{sign, SignError, SignedRequest};
