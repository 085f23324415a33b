//! The composer's request as it will be signed: the environment's `{{variables}}` substituted and each header checked.

use std::collections::BTreeMap;

use vk_core::variables::substitute;
use vk_core::RequestSpec;

use crate::error::AppError;
use crate::ipc::{HeaderPair, SendInput};

/// The request as it will be signed: the environment's `{{variables}}` substituted in the endpoint, body and
/// extra headers (blank header rows left out, each header checked).
pub fn build_request(input: &SendInput, variables: &BTreeMap<String, String>) -> Result<RequestSpec, AppError> {
    let endpoint = substitute(&input.endpoint, variables).map_err(AppError::invalid)?;
    let body = substitute(&input.body, variables).map_err(AppError::invalid)?;
    let mut request = RequestSpec::new(input.method.clone(), endpoint, body.into_bytes());
    for header in input.extra_headers.iter().filter(|h| !h.name.trim().is_empty()) {
        let value = substitute(&header.value, variables).map_err(AppError::invalid)?;
        vk_core::sign::check_extra_header(header.name.trim(), &value).map_err(AppError::invalid)?;
        request.extra_headers.push((header.name.trim().to_string(), value));
    }
    Ok(request)
}

/// Header pairs for the page from `(name, value)`s.
pub fn pairs<'a>(iter: impl IntoIterator<Item = (&'a str, String)>) -> Vec<HeaderPair> {
    iter.into_iter().map(|(name, value)| HeaderPair { name: name.to_string(), value }).collect()
}
