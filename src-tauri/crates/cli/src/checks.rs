//! The command line's values checked before anything is sent: the server address, the key and tenant (they go
//! into headers), the batch speed and the files. Each refusal names the flag and says what to change.

use std::path::Path;

use vk_batch::RunSettings;

use crate::terminal::visible;
use crate::ServerArgs;

/// `--base-url`: an http or https address with a server name, nothing that cannot be part of a request line.
pub fn base_url(value: &str) -> Result<(), String> {
    let shown = visible(value);
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "--base-url \"{shown}\" contains a space, a line break or a control character: give only the address, such as https://vistarkriya.com"
        ));
    }
    let url = url::Url::parse(value).map_err(|e| {
        format!("--base-url \"{shown}\" is not a web address ({e}): give one such as https://vistarkriya.com")
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "--base-url \"{shown}\" must start with https:// (or http:// for a server on this computer), not {}:",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("--base-url \"{shown}\" has no server name: give one such as https://vistarkriya.com"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "--base-url \"{shown}\" contains a user name or password: leave it out (the API key and secret sign each request)"
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "--base-url \"{shown}\" has a ? or # part: give only the server's address; the endpoint carries any ?query"
        ));
    }
    Ok(())
}

/// A value that goes into a header as it is: printable ASCII, no spaces (keys and tenant codes have none).
pub fn header_value(flag: &str, value: &str) -> Result<(), String> {
    let Some(bad) = value.chars().find(|c| !c.is_ascii_graphic()) else {
        return Ok(());
    };
    let what = match bad {
        '\n' | '\r' => "a line break".to_string(),
        ' ' | '\t' => "a space".to_string(),
        c if c.is_control() => format!("a control character ({})", visible(&c.to_string())),
        c => format!("the character “{}”", visible(&c.to_string())),
    };
    Err(format!(
        "{flag} contains {what}, which cannot be sent in an HTTP header: copy the value again from your dashboard, as one line of plain letters and digits"
    ))
}

/// Every server flag that was given, before anything is sent.
pub fn server(args: &ServerArgs) -> Result<(), String> {
    if let Some(url) = &args.base_url {
        base_url(url)?;
    }
    if let Some(key) = &args.api_key {
        if key.is_empty() {
            return Err("--api-key is empty: copy the API key from your VistarKriya dashboard".into());
        }
        header_value("--api-key", key)?;
    }
    if let Some(tenant) = &args.tenant {
        header_value("--tenant", tenant)?;
        vk_core::sign::check_tenant_code(tenant).map_err(|e| format!("--tenant: {e}"))?;
    }
    Ok(())
}

/// `--rate`, read as a number and checked as the app checks it.
pub fn rate(text: &str) -> Result<f64, String> {
    let range = format!(
        "use 0 (no limit, for a local sandbox only) or a number of requests a second from {} to {}",
        RunSettings::MIN_RATE,
        RunSettings::MAX_RATE
    );
    let rate: f64 = text.trim().parse().map_err(|_| format!("\"{}\" is not a number: {range}", visible(text)))?;
    if !RunSettings::rate_allowed(rate) {
        return Err(format!("{} is not an allowed rate: {range}", visible(text)));
    }
    Ok(rate)
}

/// `--concurrency`, checked as the app checks it.
pub fn concurrency(text: &str) -> Result<u32, String> {
    let range = format!("use a whole number of requests at a time from 1 to {}", RunSettings::MAX_CONCURRENCY);
    let n: u32 = text.trim().parse().map_err(|_| format!("\"{}\" is not a whole number: {range}", visible(text)))?;
    if !RunSettings::concurrency_allowed(n) {
        return Err(format!("{n} is not allowed: {range}"));
    }
    Ok(n)
}

/// A file to write (`--output`, `--state`): its folder must exist, and it must not be a folder itself.
pub fn file_to_write(flag: &str, path: &Path) -> Result<(), String> {
    if path.is_dir() {
        return Err(format!(
            "{flag} {} is a folder: give a file name in it, such as {}",
            path.display(),
            path.join(if flag == "--state" { "results.run.db" } else { "results.csv" }).display()
        ));
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder.filter(|f| !f.is_dir()) {
        return Err(format!(
            "the folder {} does not exist (for {}): check the path, or create the folder first",
            folder.display(),
            path.display()
        ));
    }
    Ok(())
}
